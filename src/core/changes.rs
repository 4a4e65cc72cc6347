//! Story changes: what a new version of an entry changed, word by word (the earlier version's
//! text against the current one's), as HTML that marks added words `<ins>` and removed ones
//! `<del>`, paragraph by paragraph. Made from plain text, so markup changes alone (an
//! attribute, a tracking link) are not changes a reader would see.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, TextDiff};

use super::html::text as plain_text;
use super::safe_html::SafeHtml;
use super::sanitize::sanitize_markup;
use super::text::escape_markup_into;
use super::{Markup, MarkupKind};

/// The changes between two versions of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    /// The current text with what was added in `<ins>` and what was removed in `<del>`, the
    /// title first.
    pub html: SafeHtml,
    /// How many words were added and removed.
    pub added: usize,
    pub removed: usize,
}

/// A paragraph break, put after block ends before the text is read (Unicode's own paragraph
/// separator: no article writes it).
const BREAK: char = '\u{2029}';

/// An article's plain text, with a [`BREAK`] between its blocks and single spaces elsewhere.
fn blocks(html: &str) -> String {
    let mut marked = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let (before, tag) = rest.split_at(at);
        marked.push_str(before);
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let name =
            tag[1..end].trim_start_matches('/').split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("").to_ascii_lowercase();
        marked.push_str(&tag[..end]);
        let closing = tag.starts_with("</");
        let block = matches!(
            name.as_str(),
            "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "figcaption" | "div" | "tr"
        );
        if (closing && block) || name == "br" {
            marked.push(BREAK);
        }
        rest = &tag[end..];
    }
    marked.push_str(rest);
    let text = plain_text(&marked);
    let paragraphs: Vec<String> =
        text.split(BREAK).map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect();
    paragraphs.join(&BREAK.to_string())
}

/// What changed from the earlier version (title and body HTML) to the current one.
pub fn changes(old_title: &str, old_body: &str, new_title: &str, new_body: &str) -> Changes {
    let old = format!("{}{BREAK}{}", old_title.trim(), blocks(old_body));
    let new = format!("{}{BREAK}{}", new_title.trim(), blocks(new_body));
    let diff = TextDiff::configure().algorithm(Algorithm::Patience).diff_words(old.as_str(), new.as_str());
    let (mut html, mut added, mut removed) = (String::from("<p>"), 0, 0);
    let mut open: Option<ChangeTag> = None;
    let close = |html: &mut String, open: &mut Option<ChangeTag>| match open.take() {
        Some(ChangeTag::Insert) => html.push_str("</ins>"),
        Some(ChangeTag::Delete) => html.push_str("</del>"),
        _ => {}
    };
    for change in diff.iter_all_changes() {
        let (tag, value) = (change.tag(), change.value());
        if value.chars().all(char::is_whitespace) {
            if value.contains(BREAK) && tag != ChangeTag::Delete {
                close(&mut html, &mut open);
                html.push_str("</p><p>");
            } else if value.contains(BREAK) || !html.ends_with(' ') {
                // Inside a run of changes the space belongs to it; a removed break is a space.
                html.push(' ');
            }
            continue;
        }
        if open != Some(tag) {
            // A space that ended the last run goes outside the mark.
            let trailing = html.ends_with(' ');
            if trailing {
                html.pop();
            }
            close(&mut html, &mut open);
            if trailing {
                html.push(' ');
            }
            match tag {
                ChangeTag::Insert => html.push_str("<ins>"),
                ChangeTag::Delete => html.push_str("<del>"),
                ChangeTag::Equal => {}
            }
            open = (tag != ChangeTag::Equal).then_some(tag);
        }
        match tag {
            ChangeTag::Insert => added += 1,
            ChangeTag::Delete => removed += 1,
            ChangeTag::Equal => {}
        }
        escape_markup_into(value, &mut html);
    }
    close(&mut html, &mut open);
    html.push_str("</p>");
    // Built from escaped text and these marks alone; the sanitizer passes it all the same.
    let html = sanitize_markup(&Markup { kind: MarkupKind::Html, body: html, base: None });
    Changes { html, added, removed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_and_removed_words_are_marked_paragraph_by_paragraph() {
        let changes = changes(
            "River froze early",
            "<p>The river froze on <b>4 November</b>.</p><p>Skaters should wait.</p>",
            "River froze early, experts say",
            "<p>The river froze on 2 November.</p><p>Skaters should wait a week.</p><ul><li>New list</li></ul>",
        );
        assert_eq!(
            changes.html.as_str(),
            "<p>River froze <del>early</del><ins>early, experts say</ins></p><p>The river froze on <del>4</del><ins>2</ins> November.</p>\
             <p>Skaters should <del>wait.</del><ins>wait a week.</ins></p><p><ins>New list</ins></p>"
        );
        // Words as written, punctuation and all: "early" became "early, experts say".
        assert_eq!((changes.added, changes.removed), (9, 3));
    }

    #[test]
    fn markup_alone_is_no_change_and_text_is_escaped() {
        let same = changes(
            "T",
            "<p>Tom &amp; <a href=\"https://a.example/\">Jerry</a></p>",
            "T",
            "<p>Tom &amp; <a href=\"https://b.example/?utm=1\">Jerry</a></p>",
        );
        assert_eq!((same.added, same.removed), (0, 0));
        assert_eq!(same.html.as_str(), "<p>T</p><p>Tom &amp; Jerry</p>");
        let hostile = changes("T", "", "T", "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert!(!hostile.html.as_str().contains("<script"), "{}", hostile.html.as_str());
    }
}
