//! Real-world-shaped feeds of every format, compared with their reviewed golden JSON
//! (`tests/fixtures/parse/golden/NAME.json`, the serialized `Feed<Markup>`). After a deliberate
//! change, regenerate with `UPDATE_GOLDEN=1 cargo test --test parse_golden` and review the diff.

use feedreader::core::parse::{parse_bytes, ParseOptions};

fn check(name: &str, base: &str) {
    let dir = format!("{}/tests/fixtures/parse", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
    let options = ParseOptions { base: Some(base.to_string()), ..ParseOptions::default() };
    let feed = parse_bytes(&bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
    let json = serde_json::to_string_pretty(&feed).unwrap() + "\n";
    let golden = format!("{dir}/golden/{name}.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(format!("{dir}/golden")).unwrap();
        std::fs::write(&golden, &json).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|_| panic!("no golden file {golden}"));
    assert_eq!(json, expected, "{name} differs from its golden JSON");
}

#[test]
fn rss090() {
    check("rss090.rdf", "http://www.mozilla.org/rss.rdf");
}

#[test]
fn rss091() {
    check("rss091.xml", "http://writetheweb.com/rss.xml");
}

#[test]
fn rss092() {
    check("rss092.xml", "http://www.scripting.com/rss.xml");
}

#[test]
fn rss093() {
    check("rss093.xml", "http://example.org/rss.xml");
}

#[test]
fn rss094() {
    check("rss094.xml", "http://example.org/rss.xml");
}

#[test]
fn rss2_podcast() {
    check("rss2-podcast.xml", "https://show.example.com/feed.xml");
}

#[test]
fn rss10() {
    check("rss10.rdf", "http://meerkat.oreillynet.com/rss");
}

#[test]
fn atom10_blog() {
    check("atom10-blog.xml", "https://blog.example.org/feed.atom");
}

#[test]
fn atom03() {
    check("atom03.xml", "http://diveintomark.org/atom.xml");
}

#[test]
fn jsonfeed10() {
    check("jsonfeed10.json", "https://example.org/feed.json");
}

#[test]
fn jsonfeed11() {
    check("jsonfeed11.json", "https://pod.example.net/feed.json");
}
