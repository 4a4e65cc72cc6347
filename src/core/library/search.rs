//! What search looks at: each entry's title and the plain text of its summary and content,
//! lowercased, computed once per entry and kept until the subscriptions change.
//!
//! Stripping HTML on every keystroke over 10,000 entries would take far longer than the 50 ms a
//! keystroke may cost in the browser; scanning precomputed strings takes a few milliseconds.
//! The cache is built lazily on the first search, so loading the page pays nothing for it.

use std::sync::OnceLock;

use crate::core::model::{Entry, Feed};

use super::Subscription;

/// The search text of every entry, indexed like `subscriptions[i].feed.entries[j]`.
///
/// `OnceLock` rather than `RefCell` because the library lives in a Leptos signal, which needs
/// `Sync`; `Library::subscriptions_mut` replaces it with an empty one on every change.
#[derive(Debug, Clone, Default)]
pub(super) struct SearchIndex(OnceLock<Vec<Vec<Box<str>>>>);

impl SearchIndex {
    /// The texts, built now if a change dropped them.
    pub(super) fn texts(&self, subscriptions: &[Subscription]) -> &[Vec<Box<str>>] {
        self.0.get_or_init(|| subscriptions.iter().map(|s| feed_texts(&s.feed)).collect())
    }
}

impl super::Library {
    /// Builds the search texts now (the app calls this when the page is idle, so the first
    /// keystroke of a search costs no more than the rest).
    pub fn prepare_search(&self) {
        self.search.texts(&self.subscriptions);
    }
}

fn feed_texts(feed: &Feed) -> Vec<Box<str>> {
    feed.entries.iter().map(|e| search_text(e).into_boxed_str()).collect()
}

/// The lowercase text an entry is searched by.
fn search_text(entry: &Entry) -> String {
    let mut text = String::new();
    if let Some(title) = &entry.title {
        text.push_str(title);
    }
    for body in [&entry.summary, &entry.content].into_iter().flatten() {
        text.push(' ');
        push_plain_text(body.as_str(), &mut text);
    }
    text.to_lowercase()
}

/// The words of a query, lowercased: an entry matches when its text contains every one.
pub(super) fn query_words(query: &str) -> Vec<String> {
    query.to_lowercase().split_whitespace().map(str::to_owned).collect()
}

/// Whether a search text contains every word.
pub(super) fn matches(text: &str, words: &[String]) -> bool {
    words.iter().all(|w| text.contains(w.as_str()))
}

/// Appends the text of sanitized HTML: tags become spaces and character references are decoded.
///
/// A linear scan rather than an HTML parse, which is enough because the input is the
/// sanitizer's serialized output: well-formed tags, quoted attributes, no script or style.
fn push_plain_text(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if rest.as_bytes()[at] == b'<' {
            if !is_inline(after) {
                out.push(' ');
            }
            rest = after.get(tag_length(after)..).unwrap_or("");
        } else {
            match after.find(';').filter(|&end| end > 0 && end <= 32) {
                Some(end) if decode_reference(&after[..end], out) => rest = &after[end + 1..],
                _ => {
                    out.push('&');
                    rest = after;
                }
            }
        }
    }
    out.push_str(rest);
}

/// Elements that do not break a word: `<b>Web</b>Assembly` is one word (as in the excerpt).
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "u",
    "var", "wbr",
];

/// Whether the tag starting after `<` is an inline element's start or end tag.
fn is_inline(tag: &str) -> bool {
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let end = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
    INLINE.contains(&&tag[..end])
}

/// Bytes up to and including the `>` that closes a tag, skipping `>` inside quoted values.
fn tag_length(tag: &str) -> usize {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    tag.len()
}

/// Decodes `name` of `&name;` into `out`; false when it is not a reference.
pub(crate) fn decode_reference(name: &str, out: &mut String) -> bool {
    let numeric = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
        Some(decimal) => decimal.parse().ok(),
        None => None,
    };
    if let Some(code) = numeric {
        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        return true;
    }
    let key = format!("{name};");
    match markup5ever::data::NAMED_ENTITIES.get(key.as_str()) {
        Some(&(first, second)) => {
            out.extend(char::from_u32(first));
            if second != 0 {
                out.extend(char::from_u32(second));
            }
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(html: &str) -> String {
        let mut out = String::new();
        push_plain_text(html, &mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn strips_tags_and_decodes_references() {
        assert_eq!(plain("<p>Caf&eacute; <b>au</b>&nbsp;lait &amp; more</p>"), "Café au lait & more");
        assert_eq!(plain("<b>Web</b>Assembly<br>next<p>para</p>"), "WebAssembly next para");
        assert_eq!(plain(r#"<a title="a>b" href="x">link</a>"#), "link");
        assert_eq!(plain("5 &lt; 6 &#x41;&#66; &bogus; & alone"), "5 < 6 AB &bogus; & alone");
    }

    #[test]
    fn broken_input_does_not_panic() {
        for html in ["<", "&", "&#xZZ;", "<a title=\"", "é<é&é;é", "&#99999999;"] {
            plain(html);
        }
    }

    #[test]
    fn every_word_must_match() {
        let words = query_words("  Rust  WASM ");
        assert!(matches("rust compiled to wasm", &words));
        assert!(!matches("rust only", &words));
        assert!(matches("anything", &query_words("")));
    }
}
