//! `Markup` → `SafeHtml`: the only producer of HTML the app puts into the page.
//!
//! Feeds are written by strangers, and their HTML lands in our origin, next to our storage.
//! Every body goes through one ammonia policy ([`policy`]): an allowlist of article markup,
//! no `class`/`style`/`id`, only http(s)/mailto URLs (plus raster `data:` images), relative
//! URLs made absolute against the entry's base, hardened links, lazy images, sandboxed embeds
//! from an allowlist. A light pre-pass on the parsed tree ([`embeds`]) turns other iframes
//! into links and removes tracking pixels first. Plain text is escaped, never parsed.
//!
//! Every other address the app links to or fetches (feed and entry links, icons, enclosures,
//! author pages) goes through [`safe_url`] in [`sanitize_feed`].

mod embeds;
mod excerpt;
mod gate;
mod order;
mod policy;
mod shared;
mod urls;

use crate::core::text::escape_markup_into;

use super::model::{Enclosure, Entry, Feed, Markup, MarkupKind, Person};
use super::safe_html::SafeHtml;

pub use excerpt::{arrival, arrivals, excerpt, EXCERPT_CHARS};
pub use shared::{shared_story, story_part, Shared};
pub use urls::{safe_url, EMBED_HOSTS};

/// Makes an article body safe to put into the page. Never panics, whatever the input.
///
/// HTML and XHTML bodies are sanitized with the policy, relative URLs resolved against
/// `markup.base` (dropped when there is no usable http(s) base, since they would otherwise
/// point into the app). Text bodies are escaped; blank lines become paragraphs and single line
/// breaks `<br>`.
pub fn sanitize_markup(markup: &Markup) -> SafeHtml {
    match markup.kind {
        MarkupKind::Text => SafeHtml::sanitized(text_to_html(&markup.body)),
        // Inline XHTML arrives serialized; the HTML parser reads it the way a browser would
        // read it in our page, which is what matters for safety.
        MarkupKind::Html | MarkupKind::Xhtml => {
            let base = urls::parse_base(markup.base.as_deref());
            let body = &markup.body;
            let html = policy::with_base(base, || {
                let prepared = policy::current_base(|base| gate::needs_prepass(body, base).then(|| embeds::prepass(body, base)));
                policy::clean(prepared.as_deref().unwrap_or(body))
            });
            SafeHtml::sanitized(html)
        }
    }
}

/// Sanitizes every body of a parsed feed, and checks every address the app may turn into a
/// link or a request: addresses that are not http(s)/mailto become `None`, and enclosures with
/// such an address are dropped.
pub fn sanitize_feed(feed: Feed<Markup>) -> Feed<SafeHtml> {
    let entries = feed.entries.into_iter().map(sanitize_entry).collect();
    Feed {
        kind: feed.kind,
        version: feed.version,
        title: feed.title,
        link: feed.link.as_deref().and_then(safe_url),
        self_link: feed.self_link.as_deref().and_then(safe_url),
        subtitle: feed.subtitle,
        updated: feed.updated,
        language: feed.language,
        icon: feed.icon.as_deref().and_then(safe_url),
        authors: feed.authors.into_iter().map(sanitize_person).collect(),
        categories: feed.categories,
        entries,
        diagnostics: feed.diagnostics,
    }
}

/// Sanitizes one entry: its bodies, and every address it holds.
pub fn sanitize_entry(entry: Entry<Markup>) -> Entry<SafeHtml> {
    Entry {
        id: entry.id,
        title: entry.title,
        link: entry.link.as_deref().and_then(safe_url),
        published: entry.published,
        updated: entry.updated,
        authors: entry.authors.into_iter().map(sanitize_person).collect(),
        categories: entry.categories,
        summary: entry.summary.as_ref().map(sanitize_markup),
        content: entry.content.as_ref().map(sanitize_markup),
        enclosures: entry.enclosures.into_iter().filter_map(|e| Some(Enclosure { url: safe_url(&e.url)?, ..e })).collect(),
    }
}

fn sanitize_person(person: Person) -> Person {
    Person { uri: person.uri.as_deref().and_then(safe_url), ..person }
}

/// Escapes plain text into HTML: paragraphs at blank lines, `<br>` at single line breaks.
fn text_to_html(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut html = String::with_capacity(text.len() + 16);
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, html: &mut String| {
        if paragraph.is_empty() {
            return;
        }
        html.push_str("<p>");
        for (i, line) in paragraph.iter().enumerate() {
            if i > 0 {
                html.push_str("<br>");
            }
            escape_markup_into(line.trim(), html);
        }
        html.push_str("</p>");
        paragraph.clear();
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut html);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut html);
    html
}
