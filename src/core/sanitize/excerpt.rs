//! The plain-text excerpt shown in the entry list.

use super::SafeHtml;
use crate::core::html::text as plain_text;
use crate::core::model::{Arrival, Entry, Feed};
use crate::core::text::{collapse_whitespace, distinct_words};

/// How long the list's excerpt of an article is, in characters.
pub const EXCERPT_CHARS: usize = 160;

/// An entry with the text the library keeps of it: the excerpt of its summary (else its
/// content) and the distinct words of its title, summary and content. Each body is parsed
/// once.
pub fn arrival(entry: Entry) -> Arrival {
    let summary = entry.summary.as_ref().map(|b| plain_text(b.as_str()));
    let content = entry.content.as_ref().map(|b| plain_text(b.as_str()));
    // A shared story's excerpt begins with the story, not with who shared it (unless the
    // story has no words of its own).
    let body = entry.summary.as_ref().or(entry.content.as_ref()).map(|b| b.as_str());
    let story = body
        .and_then(|b| {
            let story = super::story_part(b);
            (story.len() < b.len()).then(|| plain_text(story))
        })
        .filter(|text| !text.trim().is_empty());
    let excerpt = story
        .as_deref()
        .or(summary.as_deref())
        .or(content.as_deref())
        .map(|text| cut(&collapse_whitespace(text), EXCERPT_CHARS))
        .unwrap_or_default();
    let title = entry.title.as_deref().unwrap_or("");
    let words = distinct_words([title, summary.as_deref().unwrap_or(""), content.as_deref().unwrap_or("")]);
    Arrival { entry, excerpt, words }
}

/// A feed's metadata (its `entries` emptied) and its entries as arrivals.
pub fn arrivals(mut feed: Feed) -> (Feed, Vec<Arrival>) {
    let entries = std::mem::take(&mut feed.entries);
    (feed, entries.into_iter().map(arrival).collect())
}

/// Plain text of an article for the entry list: tags removed, entities decoded, whitespace
/// collapsed, at most `max_chars` characters (counting the `…` added when it is cut). The cut
/// falls at a word boundary unless the last word is longer than half the budget, and always
/// between two characters, never inside one.
///
/// ```
/// use feedreader::core::sanitize::{excerpt, sanitize_markup};
/// use feedreader::core::{Markup, MarkupKind};
/// let html = sanitize_markup(&Markup {
///     kind: MarkupKind::Html,
///     body: "<p>Caf&eacute; <b>au</b> lait</p><p>and more</p>".into(),
///     base: None,
/// });
/// assert_eq!(excerpt(&html, 200), "Café au lait and more");
/// assert_eq!(excerpt(&html, 16), "Café au lait…");
/// ```
pub fn excerpt(html: &SafeHtml, max_chars: usize) -> String {
    let text = collapse_whitespace(&plain_text(html.as_str()));
    cut(&text, max_chars)
}

/// Cuts `text` to at most `max_chars` characters including the ellipsis.
fn cut(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let budget = max_chars.saturating_sub(1);
    if budget == 0 {
        return String::new();
    }
    // Byte index of the first character past the budget: a char boundary by construction.
    let end = text.char_indices().nth(budget).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let at_boundary = text[end..].starts_with(' ');
    let head = if at_boundary {
        head
    } else {
        match head.rfind(' ') {
            // Keep the cut at a word boundary unless that would waste more than half the room.
            Some(space) if head[..space].chars().count() >= budget / 2 => &head[..space],
            _ => head,
        }
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-'));
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn cuts_between_words_and_counts_the_ellipsis() {
        assert_eq!(cut("one two three", 9), "one two…");
        assert_eq!(cut("one two three", 13), "one two three");
        assert_eq!(cut("ééééééééé", 4), "ééé…");
        assert_eq!(cut("abc", 0), "");
    }
}
