//! Small text helpers the format handlers share: titles to plain text, RSS author strings to
//! people, and the stable hash that names entries without an id or link.

use crate::core::model::{MarkupKind, Person};
pub use crate::core::text::collapse_whitespace;

/// Plain text from a title or subtitle: for HTML and XHTML, the text a browser would show
/// (tags, scripts and styles gone, entities decoded; see `core::html::text`); whitespace
/// collapsed in every case. `None` when nothing is left.
pub fn plain_text(kind: MarkupKind, text: &str) -> Option<String> {
    let text = match kind {
        MarkupKind::Text => collapse_whitespace(text),
        MarkupKind::Html | MarkupKind::Xhtml => collapse_whitespace(&crate::core::html::text(text)),
    };
    (!text.is_empty()).then_some(text)
}

/// Reads an RSS author: `jo@example.com (Jo Smith)`, `Jo Smith <jo@example.com>`, a bare
/// address or a bare name.
pub fn parse_person(text: &str) -> Option<Person> {
    let text = collapse_whitespace(text);
    if text.is_empty() {
        return None;
    }
    let is_email = |s: &str| s.contains('@') && !s.contains(char::is_whitespace);
    let clean = |s: &str| {
        let s = s.trim().trim_start_matches("mailto:");
        (!s.is_empty()).then(|| s.to_string())
    };
    if let (Some(open), true) = (text.find('('), text.ends_with(')')) {
        let (outside, inside) = (&text[..open], &text[open + 1..text.len() - 1]);
        if is_email(outside.trim()) {
            return Some(Person { name: clean(inside), email: clean(outside), uri: None });
        }
        // `Rael Dornfest (mailto:rael@oreilly.com)`, as Dublin Core creators often read.
        if is_email(inside.trim()) {
            return Some(Person { name: clean(outside), email: clean(inside), uri: None });
        }
    }
    if let (Some(open), true) = (text.find('<'), text.ends_with('>')) {
        let (outside, inside) = (&text[..open], &text[open + 1..text.len() - 1]);
        if is_email(inside.trim()) {
            return Some(Person { name: clean(outside), email: clean(inside), uri: None });
        }
    }
    if is_email(&text) {
        return Some(Person { name: None, email: clean(&text), uri: None });
    }
    Some(Person { name: Some(text), email: None, uri: None })
}

/// A 64-bit FNV-1a hash of the parts (each followed by a 0 byte so that `ab`+`c` and `a`+`bc`
/// differ), as 16 hex digits. Stable across runs, platforms and versions: ids built from it name
/// the same entry on every refresh, so read state survives.
pub fn stable_hash(parts: &[&str]) -> String {
    let pieces: Vec<&[u8]> = parts.iter().flat_map(|part| [part.as_bytes(), b"\0"]).collect();
    format!("{:016x}", crate::core::hash::fnv1a(&pieces))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_tags_and_entities() {
        assert_eq!(plain_text(MarkupKind::Html, "  <b>Fish</b> &amp;\n chips &eacute;t&#233; ").as_deref(), Some("Fish & chips été"));
        assert_eq!(plain_text(MarkupKind::Html, "a < b & c").as_deref(), Some("a < b & c"));
        assert_eq!(plain_text(MarkupKind::Text, "<b>kept</b>").as_deref(), Some("<b>kept</b>"));
        assert_eq!(plain_text(MarkupKind::Html, "line<br>break<!-- x -->").as_deref(), Some("line break"));
        assert_eq!(plain_text(MarkupKind::Html, "<i>Dune</i>, <b>again</b>.").as_deref(), Some("Dune, again."));
        assert_eq!(plain_text(MarkupKind::Html, " <p> </p> "), None);
        assert_eq!(
            plain_text(MarkupKind::Html, "Hi<script>alert(1)</script> <style>b{}</style>there").as_deref(),
            Some("Hi there"),
            "code and styles are not text"
        );
    }

    #[test]
    fn rss_authors_become_people() {
        let p = parse_person("jo@example.com (Jo Smith)").unwrap();
        assert_eq!((p.name.as_deref(), p.email.as_deref()), (Some("Jo Smith"), Some("jo@example.com")));
        let p = parse_person("Jo Smith <jo@example.com>").unwrap();
        assert_eq!((p.name.as_deref(), p.email.as_deref()), (Some("Jo Smith"), Some("jo@example.com")));
        let p = parse_person("Jo Smith (mailto:jo@example.com)").unwrap();
        assert_eq!((p.name.as_deref(), p.email.as_deref()), (Some("Jo Smith"), Some("jo@example.com")));
        let p = parse_person("jo@example.com").unwrap();
        assert_eq!((p.name, p.email.as_deref()), (None, Some("jo@example.com")));
        let p = parse_person("Jo Smith").unwrap();
        assert_eq!((p.name.as_deref(), p.email), (Some("Jo Smith"), None));
        assert!(parse_person("  ").is_none());
    }

    #[test]
    fn hash_is_stable_and_separates_parts() {
        assert_eq!(stable_hash(&["a"]), stable_hash(&["a"]));
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
        // Pinned: a changed hash would change every stored id.
        assert_eq!(stable_hash(&[""]), "af63bd4c8601b7df");
    }
}
