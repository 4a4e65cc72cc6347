//! Stories shared through NewsBlur: each entry of a "shared stories" feed begins with a table
//! that says who shared it and from where ("bernhardbock shared this story from Jim Nielsen's
//! Blog."), with the sharer's comment in a second row when there is one, then a rule, then the
//! story. The reader shows that as "Shared by …" beside the article's meta, the comment set
//! apart above the story, and begins the list's excerpt with the story's own words.

use serde::{Deserialize, Serialize};

use super::SafeHtml;
use crate::core::text::collapse_whitespace;

/// Who shared a story, from which feed, and what they said of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    pub by: String,
    pub from: Option<String>,
    pub comment: Option<String>,
}

const SHARED: &str = " shared this story";

/// Elements that do not part the words around them.
const INLINE: [&str; 16] = ["a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u"];

/// The attribution at the start of a sanitized body, and the story after it. `None` when the
/// body does not begin with one.
pub fn shared_story(body: &SafeHtml) -> Option<(Shared, SafeHtml)> {
    let (shared, story) = split(body.as_str())?;
    // What follows a whole top-level table (and rule) of the sanitizer's well-formed output is
    // itself a sequence of whole elements: as safe as the body it was cut from.
    Some((shared, SafeHtml::sanitized(body.as_str()[story..].trim_start().to_string())))
}

/// The story's part of a body, for its excerpt: the body itself when no attribution leads it.
pub fn story_part(body: &str) -> &str {
    split(body).map_or(body, |(_, story)| &body[story..])
}

/// The attribution, and the byte offset where the story begins.
fn split(html: &str) -> Option<(Shared, usize)> {
    let trimmed = html.trim_start();
    if !trimmed.starts_with("<table") {
        return None;
    }
    let start = html.len() - trimmed.len();
    let close = start + trimmed.find("</table>")?;
    let table = &html[start..close];
    // A table inside it would end first: not NewsBlur's.
    if table[1..].contains("<table") {
        return None;
    }
    let bold_start = table.find("<b>")?;
    let bold_end = bold_start + table[bold_start..].find("</b>")? + "</b>".len();
    let said = collapse_whitespace(&text_of(&table[bold_start..bold_end]));
    let at = said.find(SHARED)?;
    let by = said[..at].trim().to_string();
    if by.is_empty() {
        return None;
    }
    let source = said[at + SHARED.len()..].trim().trim_end_matches('.').trim();
    let from = source.strip_prefix("from ").map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let rest = format!("{}{}", &table[..bold_start], &table[bold_end..]);
    let comment = Some(collapse_whitespace(&text_of(&rest)).trim().to_string()).filter(|c| !c.is_empty());
    let mut story = close + "</table>".len();
    let after = html[story..].trim_start();
    if let Some(rule) = after.strip_prefix("<hr>") {
        story = html.len() - rule.len();
    }
    Some((Shared { by, from, comment }, story))
}

/// The text of a piece of the sanitizer's output: its tags dropped and the only references
/// its serializer writes in text decoded. (Not `core::html::text`: that parses with
/// html5ever, which the engine, which reads this when an article is opened, must not carry.)
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let tag = &rest[open + 1..];
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        // Words run on across inline elements; anything else (a picture, a cell) parts them.
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = tag.find('>').map_or("", |close| &tag[close + 1..]);
    }
    text.push_str(rest);
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}").replace("&quot;", "\"").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::html::text as plain_text;
    use crate::core::model::{Markup, MarkupKind};
    use crate::core::sanitize::sanitize_markup;

    fn sanitized(html: &str) -> SafeHtml {
        sanitize_markup(&Markup { kind: MarkupKind::Html, body: html.into(), base: None })
    }

    /// As NewsBlur writes it (from the sample feed), with a comment row when `comment` is given.
    fn newsblur(from: &str, comment: &str) -> String {
        let comment = if comment.is_empty() { String::new() } else { format!("<tr><td><div>\u{201c}{comment}\u{201d}</div></td></tr>") };
        format!(
            r#"<table style="border: 1px solid #E0E0E0" cellpadding="0" width="100%">
    <tr>
        <td rowspan="2" width="36" valign="top"><img src="https://www.gravatar.com/avatar/c79" style="width: 36px;"></td>
        <td width="100%"><b>
                bernhardbock
                <a href="https://bernhardbock.newsblur.com/story/a-few/7504645:d79acf">shared this story</a>
            {from}.</b>
        </td>
    </tr>
    {comment}
</table>

<hr style="clear: both; margin: 0 0 24px;">

<div><p>Linking to things is <em>the</em> web.</p></div>"#
        )
    }

    #[test]
    fn the_attribution_becomes_who_and_from_where_and_the_story_follows() {
        let body =
            sanitized(&newsblur(r#"from <img src="https://s3.amazonaws.com/icons.newsblur.com/7504645.png"> Jim Nielsen’s Blog"#, ""));
        let (shared, story) = shared_story(&body).expect("an attribution");
        assert_eq!(shared, Shared { by: "bernhardbock".into(), from: Some("Jim Nielsen’s Blog".into()), comment: None });
        assert_eq!(story.as_str(), "<div><p>Linking to things is <em>the</em> web.</p></div>");
        assert_eq!(collapse_whitespace(&plain_text(story_part(body.as_str()))).trim(), "Linking to things is the web.");
    }

    #[test]
    fn no_source_and_a_comment() {
        let body = sanitized(&newsblur("", "Read this twice. Worth it"));
        let (shared, _) = shared_story(&body).expect("an attribution");
        assert_eq!(shared.from, None);
        assert_eq!(shared.comment.as_deref(), Some("\u{201c}Read this twice. Worth it\u{201d}"));
    }

    #[test]
    fn the_text_of_sanitized_markup_is_what_the_html_parser_reads() {
        let body = sanitized("<b> Tom &amp; Jerry <a href=\"https://x.example/\">&lt;shared&gt;</a>\u{a0}from <img src=\"https://x.example/i.png\"> \"A\".</b>");
        assert_eq!(collapse_whitespace(&text_of(body.as_str())), collapse_whitespace(&plain_text(body.as_str())));
    }

    #[test]
    fn other_bodies_are_left_as_they_are() {
        for html in [
            "<p>shared this story</p>",
            "<table><tr><td><b>Price</b></td></tr></table><p>x</p>",
            "<table><tr><td><table><tr><td><b>x shared this story</b></td></tr></table></td></tr></table>",
        ] {
            let body = sanitized(html);
            assert!(shared_story(&body).is_none(), "{html}");
            assert_eq!(story_part(body.as_str()), body.as_str());
        }
    }
}
