//! Articles look the way their authors meant: for each of the sample feed's 25 entries, the
//! sanitized summary keeps the text (same characters in the same order, ignoring whitespace),
//! every http(s) link, every non-tracking image, every code block and every table.

use std::cell::RefCell;

use feedreader::core::parse::{parse_bytes, ParseOptions};
use feedreader::core::sanitize::sanitize_markup;
use feedreader::core::Markup;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use url::Url;

const SAMPLE: &[u8] = include_bytes!("../fixtures/newsblur-shared-items.atom.xml");

/// What a reader sees of a fragment, as the browser's tokenizer reads it.
#[derive(Default)]
struct Seen {
    /// Non-whitespace text, in order.
    text: String,
    /// Links with something in them to read or click (an empty one is dropped on purpose).
    links: Vec<String>,
    /// The link open now, and whether anything is in it yet.
    open_link: Option<(Option<String>, bool)>,
    images: Vec<(String, Option<String>, Option<String>)>,
    code_blocks: usize,
    inline_code: usize,
    tables: usize,
    cells: usize,
}

impl Seen {
    fn close_link(&mut self) {
        if let Some((Some(href), true)) = self.open_link.take() {
            self.links.push(href);
        }
    }
}

#[derive(Default)]
struct Collector(RefCell<Seen>);

impl TokenSink for Collector {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut seen = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(text) => {
                seen.text.extend(text.chars().filter(|c| !c.is_whitespace()));
                if let Some((_, filled)) = seen.open_link.as_mut() {
                    *filled |= text.chars().any(|c| !c.is_whitespace());
                }
            }
            Token::TagToken(tag) if tag.kind == TagKind::EndTag && &*tag.name == "a" => seen.close_link(),
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let get = |name: &str| tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string());
                match &*tag.name {
                    "a" => {
                        seen.close_link();
                        seen.open_link = Some((get("href"), false));
                    }
                    "img" => {
                        if let Some((_, filled)) = seen.open_link.as_mut() {
                            *filled = true;
                        }
                        if let Some(src) = get("src") {
                            seen.images.push((src, get("width"), get("height")));
                        }
                    }
                    "pre" => seen.code_blocks += 1,
                    "code" => seen.inline_code += 1,
                    "table" => seen.tables += 1,
                    "td" | "th" => seen.cells += 1,
                    _ => {}
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn see(html: &str) -> Seen {
    let tokenizer = Tokenizer::new(Collector::default(), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut seen = tokenizer.sink.0.take();
    seen.close_link();
    seen
}

fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    let url = match Url::parse(href.trim()) {
        Ok(url) => url,
        Err(_) => base?.join(href.trim()).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn is_pixel(width: &Option<String>, height: &Option<String>) -> bool {
    let tiny = |v: &Option<String>| v.as_deref().is_some_and(|v| matches!(v.trim(), "0" | "1"));
    tiny(width) && tiny(height)
}

fn summaries() -> Vec<(String, Markup)> {
    let feed = parse_bytes(SAMPLE, &ParseOptions::default()).expect("the sample parses");
    assert_eq!(feed.entries.len(), 25);
    feed.entries.into_iter().map(|e| (e.title.unwrap_or_default(), e.summary.expect("every sample entry has a summary"))).collect()
}

#[test]
fn every_entry_keeps_its_text_links_images_code_and_tables() {
    let mut failures = Vec::new();
    for (title, markup) in summaries() {
        let base = markup.base.as_deref().and_then(|b| Url::parse(b).ok());
        let source = see(&markup.body);
        let output = see(sanitize_markup(&markup).as_str());
        let mut problems = Vec::new();
        if output.text != source.text {
            let at = source.text.chars().zip(output.text.chars()).take_while(|(a, b)| a == b).count();
            let context: String = source.text.chars().skip(at.saturating_sub(20)).take(60).collect();
            problems.push(format!("text differs after {at} characters, near {context:?}"));
        }
        let output_links: Vec<String> = output.links.iter().filter_map(|l| resolve(l, None)).collect();
        for link in source.links.iter().filter_map(|l| resolve(l, base.as_ref())) {
            if !output_links.contains(&link) {
                problems.push(format!("lost link {link}"));
            }
        }
        let output_images: Vec<String> = output.images.iter().filter_map(|(s, _, _)| resolve(s, None)).collect();
        for (src, width, height) in &source.images {
            if is_pixel(width, height) {
                continue;
            }
            if let Some(src) = resolve(src, base.as_ref()) {
                if !output_images.contains(&src) {
                    problems.push(format!("lost image {src}"));
                }
            }
        }
        for (what, before, after) in [
            ("code blocks", source.code_blocks, output.code_blocks),
            ("inline code", source.inline_code, output.inline_code),
            ("tables", source.tables, output.tables),
            ("table cells", source.cells, output.cells),
        ] {
            if before != after {
                problems.push(format!("{what}: {before} before, {after} after"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{title}:\n    {}", problems.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_sample_has_what_the_fidelity_test_claims_to_check() {
    let all: Vec<Seen> = summaries().iter().map(|(_, m)| see(&m.body)).collect();
    assert!(all.iter().map(|s| s.links.len()).sum::<usize>() > 200);
    assert!(all.iter().map(|s| s.images.len()).sum::<usize>() > 50);
    assert!(all.iter().map(|s| s.code_blocks).sum::<usize>() > 50);
    assert!(all.iter().map(|s| s.tables).sum::<usize>() >= 25);
}

#[test]
fn the_sample_embed_stays_a_sandboxed_player() {
    let embeds: Vec<String> =
        summaries().iter().map(|(_, m)| sanitize_markup(m).as_str().to_owned()).filter(|html| html.contains("<iframe")).collect();
    assert_eq!(embeds.len(), 1);
    assert!(embeds[0].contains(
        "<iframe src=\"https://www.youtube.com/embed/ZGDtWlbhGQI?si=9qpvOKKWwKZV_YYX\" sandbox=\"allow-scripts allow-same-origin allow-popups\" loading=\"lazy\" referrerpolicy=\"no-referrer\"></iframe>"
    ));
}
