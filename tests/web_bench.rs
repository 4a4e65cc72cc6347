//! Browser benchmark (not a test: run with `make bench-browser`): parse + sanitize the sample in
//! headless Chromium, ours (wasm) against the browser's DOMParser + DOMPurify in the same page.
//! Prints medians over 30 runs; asserts nothing about speed.
#![cfg(target_arch = "wasm32")]

use feedreader::core::read_feed;
use feedreader::web::text_decoder::parse_options;
use js_sys::Function;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &str = include_str!("fixtures/newsblur-shared-items.atom.xml");
const DOMPURIFY: &str = include_str!("../node_modules/dompurify/dist/purify.min.js");
const RUNS: usize = 30;

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn median_ms(mut run: impl FnMut() -> usize) -> (f64, usize) {
    let mut produced = 0;
    for _ in 0..3 {
        produced = run(); // warm up: JIT, caches
    }
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = now();
            produced = run();
            now() - start
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    ((times[RUNS / 2 - 1] + times[RUNS / 2]) / 2.0, produced)
}

#[wasm_bindgen_test]
fn parse_and_sanitize_sample_vs_domparser_dompurify() {
    js_sys::eval(DOMPURIFY).expect("DOMPurify loads");
    // The same job in the browser's own machinery: parse the XML, then sanitize every entry's
    // summary and content HTML; titles and links read as text.
    let purify = Function::new_with_args(
        "xml",
        "const doc = new DOMParser().parseFromString(xml, 'application/xml');\
         let n = 0; const out = [];\
         for (const entry of doc.getElementsByTagName('entry')) {\
           for (const child of entry.children) {\
             const name = child.localName;\
             if (name === 'summary' || name === 'content') { out.push(DOMPurify.sanitize(child.textContent)); n++; }\
             else if (name === 'title' || name === 'id' || name === 'published') { out.push(child.textContent); }\
             else if (name === 'link') { out.push(child.getAttribute('href')); }\
           }\
         }\
         return n;",
    );
    let xml = JsValue::from_str(SAMPLE);

    let (ours, ours_bodies) = median_ms(|| {
        let feed = read_feed(SAMPLE.as_bytes(), &parse_options(None, None)).expect("sample parses");
        feed.entries.iter().map(|e| e.summary.is_some() as usize + e.content.is_some() as usize).sum()
    });
    let (theirs, their_bodies) = median_ms(|| purify.call1(&JsValue::NULL, &xml).unwrap().as_f64().unwrap() as usize);

    assert_eq!(ours_bodies, their_bodies, "both sanitize the same bodies");
    let mb = SAMPLE.len() as f64 / 1e6;
    console_log!(
        "BENCH sample {:.0} KB, {} bodies, median of {RUNS}: ours (wasm parse + ammonia) {:.1} ms = {:.1} MB/s; \
         DOMParser + DOMPurify {:.1} ms = {:.1} MB/s; ours / theirs time ratio {:.2}",
        SAMPLE.len() as f64 / 1e3,
        ours_bodies,
        ours,
        mb / (ours / 1e3),
        theirs,
        mb / (theirs / 1e3),
        ours / theirs
    );
}

#[path = "support/big_library.rs"]
mod big_library;

async fn tick() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

/// Waits until the app has answered from its cache and drawn its first rows.
async fn first_screen(root: &web_sys::Element) {
    for _ in 0..2000 {
        if root.query_selector(".app[data-ready] .entries .entry").unwrap().is_some() {
            return;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    panic!("the list never appeared");
}

fn host() -> web_sys::HtmlElement {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id("app-css").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("app-css");
        style.set_text_content(Some(include_str!("../style/app.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

#[wasm_bindgen_test]
async fn reader_with_large_libraries() {
    use feedreader::app::App;
    use leptos::mount::mount_to;
    use wasm_bindgen::JsCast;
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();

    // (1) 100 cached feeds of 100 entries: from mounting to a usable page (sidebar, list).
    storage.clear().unwrap();
    window.location().set_hash("").unwrap();
    big_library::store(big_library::generate(100, 100)).await;
    let mut usable = Vec::new();
    for _ in 0..5 {
        let root = host();
        let start = now();
        let handle = mount_to(root.clone(), App);
        first_screen(&root).await;
        usable.push(now() - start);
        drop(handle);
        root.remove();
    }

    // (2) One feed of 10,000 entries, pasted: parse + sanitize, then the first screen.
    storage.clear().unwrap();
    let mut xml = String::from("<rss version=\"2.0\"><channel><title>Big</title><link>https://big.example/</link>");
    for i in 0..10_000 {
        xml.push_str(&format!(
            "<item><title>Entry {i} about {}</title><link>https://big.example/{i}</link><guid>https://big.example/{i}</guid>\
             <pubDate>Mon, 01 Sep 2025 10:{:02}:{:02} GMT</pubDate><description>&lt;p&gt;Paragraph {i} with &lt;a href=\"/x\"&gt;a link&lt;/a&gt;.&lt;/p&gt;</description></item>",
            ["rust", "wasm", "feeds", "browsers"][i % 4],
            (i / 60) % 60,
            i % 60
        ));
    }
    xml.push_str("</channel></rss>");
    let start = now();
    let feed = read_feed(xml.as_bytes(), &parse_options(None, None)).unwrap();
    let parse = now() - start;
    assert_eq!(feed.entries.len(), 10_000);
    let root = host();
    let handle = mount_to(root.clone(), App);
    first_screen(&root).await;
    let toggle: web_sys::HtmlElement = root.query_selector(".add-toggle").unwrap().unwrap().unchecked_into();
    toggle.click();
    tick().await;
    let area: web_sys::HtmlTextAreaElement = root.query_selector(".add-text textarea").unwrap().unwrap().unchecked_into();
    area.set_value(&xml);
    area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
    let submit: web_sys::HtmlElement = root.query_selector(".add-text button[type=submit]").unwrap().unwrap().unchecked_into();
    let start = now();
    submit.click();
    let handler = now() - start;
    tick().await;
    let add_total = now() - start;
    console_log!("BENCH detail: submit.click() (our handler: parse + subscribe, plus the browser's own work on the click with 2 MB in the textarea) {:.0} ms, then effects and drawing {:.0} ms", handler, add_total - handler);
    // A person cannot type in the same task as the paste: let the page idle once.
    let idle = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(idle).await.unwrap();
    let drawn = root.query_selector_all(".entries .entry").unwrap().length();

    // (3) Search as you type over the 10,000 entries (plus the sample's 25).
    let search: web_sys::HtmlInputElement = root.query_selector("#search").unwrap().unwrap().unchecked_into();
    let mut keystrokes = Vec::new();
    for query in ["b", "br", "bro", "brow", "brows", "browse", "browser", "browsers", ""] {
        let start = now();
        search.set_value(query);
        search.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
        tick().await;
        keystrokes.push(now() - start);
    }

    // (4) Scrolling: drawing the rows at a new position.
    let scroller: web_sys::HtmlElement = root.query_selector(".entry-scroller").unwrap().unwrap().unchecked_into();
    let mut scrolls = Vec::new();
    for step in 1..=20 {
        let start = now();
        scroller.set_scroll_top(step * 20_000);
        scroller.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
        tick().await;
        scrolls.push(now() - start);
    }

    // (5) Marking read writes only the read state.
    let feeds_before = storage.get_item("feedreader.feeds").unwrap().unwrap_or_default().len();
    let first: web_sys::HtmlElement = root.query_selector(".entries .entry").unwrap().unwrap().unchecked_into();
    let start = now();
    first.click();
    tick().await;
    let open = now() - start;
    let read_bytes = storage.get_item("feedreader.read").unwrap().unwrap_or_default().len();
    let feeds_after = storage.get_item("feedreader.feeds").unwrap().unwrap_or_default().len();
    assert_eq!(feeds_before, feeds_after, "marking read leaves the feeds alone");
    drop(handle);
    root.remove();

    console_log!(
        "BENCH reader: 100 feeds x 100 cached entries usable after {:.0} ms (median of 5: {:?}); \
         10,000-entry feed: parse + sanitize {:.0} ms, paste-to-first-screen {:.0} ms total so {:.0} ms after parsing, {} rows drawn; \
         search per keystroke median {:.1} ms, max {:.1} ms; scroll redraw median {:.1} ms; open + mark read {:.1} ms, writes feedreader.read only ({} bytes)",
        median(usable.clone()),
        usable.iter().map(|t| t.round()).collect::<Vec<_>>(),
        parse,
        add_total,
        add_total - parse,
        drawn,
        median(keystrokes.clone()),
        keystrokes.iter().cloned().fold(0.0, f64::max),
        median(scrolls),
        open,
        read_bytes
    );
}

/// Refreshing 100 feeds of 100 entries from the local feed server (tests/server/feeds.py):
/// first fetch (download, parse, sanitize, merge, save), then again unchanged (304s).
#[wasm_bindgen_test]
async fn refresh_a_hundred_feeds() {
    use feedreader::app::App;
    use leptos::mount::mount_to;
    use leptos::task::tick;
    use wasm_bindgen::JsCast;

    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone(), App);
    wait_until(|| root.query_selector(".app[data-ready]").unwrap().is_some()).await;

    let outlines: String = (0..100)
        .map(|n| format!(r#"<outline type="rss" text="Gen {n}" xmlUrl="http://127.0.0.1:8765/cors/gen.xml?n={n}"/>"#))
        .collect();
    let toggle: web_sys::HtmlElement = root.query_selector(".add-toggle").unwrap().unwrap().unchecked_into();
    toggle.click();
    tick().await;
    let area: web_sys::HtmlTextAreaElement = root.query_selector(".add-text textarea").unwrap().unwrap().unchecked_into();
    area.set_value(&format!("<opml version=\"2.0\"><body>{outlines}</body></opml>"));
    area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
    let submit: web_sys::HtmlElement = root.query_selector(".add-text button[type=submit]").unwrap().unwrap().unchecked_into();
    submit.click();
    tick().await;

    let refresh: web_sys::HtmlElement = root.query_selector(".refresh").unwrap().unwrap().unchecked_into();
    let mut times = Vec::new();
    for _ in 0..2 {
        let start = now();
        refresh.click();
        tick().await;
        wait_until(|| refresh.get_attribute("aria-busy").as_deref() == Some("false")).await;
        times.push(now() - start);
    }
    let status = root.query_selector(".status").unwrap().unwrap().text_content().unwrap();
    assert!(status.contains("Refreshed 100 feeds"), "{status}");
    let total = root.query_selector(".entries ul[data-total]").unwrap().unwrap().get_attribute("data-total").unwrap();
    drop(handle);
    root.remove();
    console_log!(
        "BENCH refresh: 100 feeds x 100 entries (1.2 KB of article each) from 127.0.0.1, 4 at a time: first fetch {:.0} ms, unchanged (304) {:.0} ms; {} entries listed",
        times[0],
        times[1],
        total
    );
}

async fn wait_until(mut done: impl FnMut() -> bool) {
    for _ in 0..2400 {
        leptos::task::tick().await;
        if done() {
            return;
        }
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 25).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(pause).await.unwrap();
    }
    panic!("timed out");
}
