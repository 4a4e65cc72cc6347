//! `Markup` → `SafeHtml`. Stub: the sanitizer helper replaces this.

use serde::{Deserialize, Serialize};

use super::model::{Entry, Feed, Markup};

/// HTML that went through the sanitizer: the only thing the view puts into the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SafeHtml(String);

impl SafeHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Makes an article body safe to put into the page.
pub fn sanitize_markup(markup: &Markup) -> SafeHtml {
    SafeHtml(ammonia::clean(&markup.body))
}

/// Sanitizes every body of a parsed feed.
pub fn sanitize_feed(feed: Feed<Markup>) -> Feed<SafeHtml> {
    let entries = feed
        .entries
        .into_iter()
        .map(|e| Entry {
            id: e.id,
            title: e.title,
            link: e.link,
            published: e.published,
            updated: e.updated,
            authors: e.authors,
            categories: e.categories,
            summary: e.summary.as_ref().map(sanitize_markup),
            content: e.content.as_ref().map(sanitize_markup),
            enclosures: e.enclosures,
        })
        .collect();
    Feed {
        kind: feed.kind,
        version: feed.version,
        title: feed.title,
        link: feed.link,
        self_link: feed.self_link,
        subtitle: feed.subtitle,
        updated: feed.updated,
        language: feed.language,
        icon: feed.icon,
        authors: feed.authors,
        entries,
        diagnostics: feed.diagnostics,
    }
}
