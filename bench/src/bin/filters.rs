//! Filters at 90,000 entries, natively: 50 rules (over title, text, author and address, hiding
//! or marking read) compiled, then every entry judged, as the parser's worker does when a
//! hiding rule changes; and one feed's 300 arrivals, as a refresh does.
//! `cargo run --release --bin filters [FEEDS=300] [ENTRIES=300]`. Median of 9 of each.

use std::time::Instant;

use feedreader::core::filters::{Action, Field, FilterRule, Sieve};
use feedreader::core::{read_feed, Entry, ParseOptions};

const WORDS: [&str; 16] = [
    "rust", "apple", "election", "sponsored", "crypto", "review", "linux", "release", "security", "update", "garden", "recipe",
    "football", "climate", "market", "podcast",
];

/// One feed's entries as the parser makes them: a title, an address, an author, and an
/// article of about 120 words in a few paragraphs with a link and emphasis.
fn entries(n: usize, count: usize) -> Vec<Entry> {
    let mut xml = String::from(r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed</title>"#);
    for i in 0..count {
        let word = |k: usize| WORDS[(i * 7 + n * 3 + k * 5) % WORDS.len()];
        let paragraph: String = (0..40).map(|k| word(k)).collect::<Vec<_>>().join(" ");
        let body = format!(
            "<p>{paragraph}</p><p>More on <a href=\"https://feed{n}.example/{i}\">{}</a> and <em>{}</em>.</p><p>{paragraph}</p>",
            word(1),
            word(2)
        )
        .replace('&', "&amp;")
        .replace('<', "&lt;");
        xml.push_str(&format!(
            "<item><guid>e{i}</guid><title>Entry {i}: {} and {}</title><link>https://feed{n}.example/posts/{i}?utm_source=rss</link><dc:creator>Author {}</dc:creator><description>{body}</description></item>",
            word(3),
            word(4),
            i % 13
        ));
    }
    xml.push_str("</channel></rss>");
    read_feed(xml.as_bytes(), &ParseOptions::default()).expect("parses").entries
}

/// 50 rules of the kinds readers write: words and alternations, anchors, numbers, addresses.
fn rules() -> Vec<FilterRule> {
    let rule = |field, pattern: String, action| FilterRule { field, pattern, action, feed: None };
    let mut rules = vec![
        rule(Field::Title, r"^\[?(ad|sponsored)\]?:".into(), Action::Hide),
        rule(Field::Title, r"\bpodcast\s*#?\d+".into(), Action::MarkRead),
        rule(Field::Title, r"crypto|nft|web3".into(), Action::Hide),
        rule(Field::Text, r"brought to you by \w+".into(), Action::Hide),
        rule(Field::Text, r"\$\d+ off".into(), Action::Hide),
        rule(Field::Text, r"this week in \w+".into(), Action::MarkRead),
        rule(Field::Author, r"^press (office|team)$".into(), Action::Hide),
        rule(Field::Address, r"//(ads|promo)\.".into(), Action::Hide),
        rule(Field::Address, r"/sponsored/".into(), Action::Hide),
        rule(Field::Author, r"author 1[12]".into(), Action::MarkRead),
    ];
    let fields = [Field::Title, Field::Text, Field::Title, Field::Author, Field::Address];
    for k in 0..40 {
        let (a, b) = (WORDS[k % WORDS.len()], WORDS[(k * 5 + 3) % WORDS.len()]);
        let pattern = match k % 4 {
            0 => format!(r"\b{a}\s+{b}\s+{b}\b"),
            1 => format!("{a}s? (and|or) {b}"),
            2 => format!(r"^entry \d*{k}7: {a}"),
            _ => format!("{a}-{b}-{k}"),
        };
        rules.push(rule(fields[k % fields.len()], pattern, if k % 3 == 0 { Action::MarkRead } else { Action::Hide }));
    }
    rules
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn time<T>(name: &str, mut run: impl FnMut() -> T) -> T {
    let mut last = None;
    let times: Vec<f64> = (0..9)
        .map(|_| {
            let start = Instant::now();
            last = Some(run());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!("BENCH {name}: median {:.1} ms (min {:.1})", median(times.clone()), times.iter().cloned().fold(f64::MAX, f64::min));
    last.unwrap()
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (feeds, per_feed) = (args.first().copied().unwrap_or(300), args.get(1).copied().unwrap_or(300));
    let all: Vec<Entry> = (0..feeds).flat_map(|n| entries(n, per_feed)).collect();
    let rules = rules();
    println!("{} entries, {} rules", all.len(), rules.len());
    let sieve = time("compile 50 rules", || Sieve::new(&rules).expect("the rules compile"));
    let judged = time("judge every entry", || all.iter().map(|e| sieve.judge(e)).collect::<Vec<_>>());
    let hidden = judged.iter().filter(|v| v.hide.is_some()).count();
    let read = judged.iter().filter(|v| v.read).count();
    println!("hidden {hidden}, read {read}");
    time("the article texts alone (no matching)", || all.iter().map(|e| feedreader::core::filters::article_text(e).len()).sum::<usize>());
    let title_only: Vec<FilterRule> = rules.iter().filter(|r| r.field == Field::Title).cloned().collect();
    let titles = Sieve::new(&title_only).unwrap();
    time(&format!("judge every entry, the {} title rules alone", title_only.len()), || all.iter().map(|e| titles.judge(e)).collect::<Vec<_>>());
    time("one feed's arrivals (compile + judge)", || {
        let sieve = Sieve::new(&rules).unwrap();
        all[..per_feed].iter().map(|e| sieve.judge(e)).collect::<Vec<_>>()
    });
}
