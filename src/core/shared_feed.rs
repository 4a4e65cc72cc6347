//! The reader's shared stories written as an Atom feed, the way NewsBlur writes a shared-stories
//! feed: each entry keeps the story's title, link, author, id and date, and its body begins with
//! the attribution ("NAME shared this story from FEED.") and the sharer's comment, then a rule,
//! then the story. Any reader can subscribe to it once it is on a static host; this one reads it
//! back as shared stories (`sanitize::shared_story`), comments and all.

use serde::{Deserialize, Serialize};

use super::sanitize::story_part;
use super::text::escape_markup_into;
use super::{Entry, Timestamp};

/// A story the reader shared, with what the feed needs of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedStory {
    pub entry: Entry,
    /// The title of the feed it came from.
    pub feed: String,
    pub comment: Option<String>,
    pub shared_at: Timestamp,
}

fn text(out: &mut String, text: &str) {
    escape_markup_into(text, out);
}

/// The Atom document of `stories` (the last shared first), shared by `sharer`, written `now`.
pub fn shared_atom(sharer: &str, stories: &[SharedStory], now: Timestamp) -> String {
    let sharer = if sharer.trim().is_empty() { "A reader" } else { sharer.trim() };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
    text(&mut out, &format!("{sharer}'s shared stories"));
    out.push_str("</title>\n<id>urn:feedreader:shared:");
    text(&mut out, &crate::core::text::percent_encode(sharer));
    out.push_str("</id>\n<updated>");
    let updated = stories.iter().map(|s| s.shared_at).max().unwrap_or(now);
    out.push_str(&updated.to_string());
    out.push_str("</updated>\n<author><name>");
    text(&mut out, sharer);
    out.push_str("</name></author>\n<generator>Feeds, an in-browser feed reader</generator>\n");
    for story in stories {
        let entry = &story.entry;
        out.push_str("<entry>\n<title>");
        text(&mut out, entry.title.as_deref().unwrap_or("(untitled)"));
        out.push_str("</title>\n");
        if let Some(link) = &entry.link {
            out.push_str("<link rel=\"alternate\" href=\"");
            text(&mut out, link);
            out.push_str("\"/>\n");
        }
        out.push_str("<id>");
        text(&mut out, &entry.id);
        out.push_str("</id>\n");
        if let Some(published) = entry.published.or(entry.updated) {
            out.push_str(&format!("<published>{published}</published>\n"));
        }
        out.push_str(&format!("<updated>{}</updated>\n", story.shared_at));
        for author in entry.authors.iter().filter_map(|p| p.name.as_deref().or(p.email.as_deref())) {
            out.push_str("<author><name>");
            text(&mut out, author);
            out.push_str("</name></author>\n");
        }
        // The body as NewsBlur writes it: the attribution (and comment) in a table, a rule,
        // the story, without an attribution it may have come with.
        let mut body = String::from("<table><tr><td><b>");
        text(&mut body, sharer);
        body.push_str(" shared this story from ");
        text(&mut body, &story.feed);
        body.push_str(".</b></td></tr>");
        if let Some(comment) = &story.comment {
            body.push_str("<tr><td>");
            text(&mut body, comment);
            body.push_str("</td></tr>");
        }
        body.push_str("</table><hr>");
        let story_html = entry.content.as_ref().or(entry.summary.as_ref()).map(|b| story_part(b.as_str())).unwrap_or("");
        body.push_str(story_html.trim_start());
        out.push_str("<summary type=\"html\">");
        text(&mut out, &body);
        out.push_str("</summary>\n</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sanitize::{sanitize_markup, shared_story};
    use crate::core::{read_feed, Markup, MarkupKind, ParseOptions, Person};

    fn story(id: &str, title: &str, body: &str, comment: Option<&str>) -> SharedStory {
        SharedStory {
            entry: Entry {
                id: id.into(),
                title: Some(title.into()),
                link: Some(format!("https://blog.example/{id}")),
                published: Some(Timestamp(1_750_000_000_000)),
                updated: None,
                authors: vec![Person { name: Some("Jo <Writer>".into()), email: None, uri: None }],
                categories: vec![],
                summary: None,
                content: Some(sanitize_markup(&Markup { kind: MarkupKind::Html, body: body.into(), base: None })),
                enclosures: vec![],
            },
            feed: "Jo's \"Blog\"".into(),
            comment: comment.map(Into::into),
            shared_at: Timestamp(1_760_000_000_000),
        }
    }

    #[test]
    fn the_shared_feed_reads_back_as_the_same_stories_comments_included() {
        // The second was itself someone else's shared story: only the story goes on.
        let theirs = "<table><tr><td><b>bernhardbock shared this story from Elsewhere.</b></td></tr></table><hr><p>Second & last.</p>";
        let stories = [
            story("one", "First <post>", "<p>The first story.</p><ul><li>a point</li></ul>", Some("Read this & weep.")),
            story("two", "Second", theirs, None),
        ];
        let atom = shared_atom("Ada", &stories, Timestamp(1_770_000_000_000));
        let feed = read_feed(atom.as_bytes(), &ParseOptions::default()).expect("a feed");
        assert_eq!(feed.title.as_deref(), Some("Ada's shared stories"));
        assert!(feed.diagnostics.is_empty(), "{:?}", feed.diagnostics);
        assert_eq!(feed.entries.len(), 2);
        for (read, wrote) in feed.entries.iter().zip(&stories) {
            assert_eq!(read.id, wrote.entry.id);
            assert_eq!(read.title, wrote.entry.title);
            assert_eq!(read.link, wrote.entry.link);
            assert_eq!(read.published, wrote.entry.published);
            assert_eq!(read.updated, Some(wrote.shared_at));
            assert_eq!(read.authors[0].name.as_deref(), Some("Jo <Writer>"));
            let (shared, body) = shared_story(read.summary.as_ref().unwrap()).expect("an attribution");
            assert_eq!(shared.by, "Ada");
            assert_eq!(shared.from.as_deref(), Some("Jo's \"Blog\""));
            assert_eq!(shared.comment.as_deref(), wrote.comment.as_deref());
            assert_eq!(body.as_str(), story_part(wrote.entry.content.as_ref().unwrap().as_str()).trim_start());
        }
        assert!(!atom.contains("bernhardbock"), "the earlier sharer's attribution is not passed on");
    }
}
