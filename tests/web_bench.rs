//! Browser benchmark (not a test: run with `make bench-browser`): parse + sanitize the sample in
//! headless Chromium, ours (wasm) against the browser's DOMParser + DOMPurify in the same page.
//! Prints medians over 30 runs; asserts nothing about speed. The reader's own figures (first
//! visit, large libraries, search) are measured on the built app: `scripts/bench/`.
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
    // The browser's own sanitizer (Element.setHTML, the Sanitizer API), configured to keep what
    // ours keeps: article elements (images included) and their plain attributes.
    let native = Function::new_with_args(
        "xml",
        "if (!Element.prototype.setHTML) return -1;\
         const sanitizer = { elements: ['a','abbr','article','aside','audio','b','bdi','bdo','blockquote','br','caption','cite','code',\
           'col','colgroup','dd','del','details','dfn','div','dl','dt','em','figcaption','figure','footer','h1','h2','h3','h4','h5','h6',\
           'header','hr','i','img','ins','kbd','li','mark','ol','p','picture','pre','q','s','samp','section','small','source','span',\
           'strong','sub','summary','sup','table','tbody','td','tfoot','th','thead','time','tr','u','ul','var','video','wbr'],\
           attributes: ['href','src','srcset','sizes','alt','width','height','title','lang','dir','colspan','rowspan','datetime',\
           'start','reversed','type','value','open','poster','controls'] };\
         const doc = new DOMParser().parseFromString(xml, 'application/xml');\
         let n = 0; const out = []; const host = document.createElement('div');\
         for (const entry of doc.getElementsByTagName('entry')) {\
           for (const child of entry.children) {\
             const name = child.localName;\
             if (name === 'summary' || name === 'content') { host.setHTML(child.textContent, { sanitizer }); out.push(host.innerHTML); n++; }\
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

    let (native_ms, native_bodies) = median_ms(|| native.call1(&JsValue::NULL, &xml).unwrap().as_f64().unwrap() as usize);

    assert_eq!(ours_bodies, their_bodies, "both sanitize the same bodies");
    if native_bodies == ours_bodies {
        console_log!(
            "BENCH the browser's Element.setHTML (Sanitizer API, keeping what ours keeps) after DOMParser: {:.1} ms; ours / setHTML time ratio {:.2}",
            native_ms,
            ours / native_ms
        );
    } else {
        console_log!("BENCH Element.setHTML is not available in this browser");
    }
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
