//! Splitting the library for storage: small subscription records (kept in localStorage) and
//! each feed's entries (kept in the larger entry cache), and putting them back together.

use std::collections::HashSet;

use crate::core::model::{Entry, Feed};

use super::{FeedId, Library, Subscription};

impl Subscription {
    /// This subscription without its cached entries: what localStorage keeps.
    pub fn without_entries(&self) -> Subscription {
        let f = &self.feed;
        // Every field but the entries (and the parse diagnostics, which only matter once).
        let feed = Feed {
            version: f.version.clone(),
            title: f.title.clone(),
            link: f.link.clone(),
            self_link: f.self_link.clone(),
            subtitle: f.subtitle.clone(),
            updated: f.updated,
            language: f.language.clone(),
            icon: f.icon.clone(),
            authors: f.authors.clone(),
            ..Feed::empty(f.kind)
        };
        Subscription {
            id: self.id.clone(),
            source: self.source.clone(),
            feed,
            name: self.name.clone(),
            folder: self.folder.clone(),
            pending: self.pending,
            fetch: self.fetch.clone(),
            proxy: self.proxy.clone(),
        }
    }
}

impl Library {
    /// Puts cached entries back into their subscription, keeping any entry it already has
    /// (a fresher copy). Entries of a feed that is no longer subscribed are ignored; says
    /// whether the feed exists.
    pub fn restore_entries(&mut self, id: &FeedId, entries: Vec<Entry>) -> bool {
        let Some(subscription) = self.subscriptions_mut().iter_mut().find(|s| &s.id == id) else {
            return false;
        };
        let known: HashSet<String> = subscription.feed.entries.iter().map(|e| e.id.clone()).collect();
        subscription.feed.entries.extend(entries.into_iter().filter(|e| !known.contains(&e.id)));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entry, feed, titles};
    use super::*;
    use crate::core::library::View;

    #[test]
    fn a_library_split_for_storage_comes_back_whole() {
        let mut library = Library::default();
        let id = library.subscribe(feed("a", vec![entry("1", "one", Some(2)), entry("2", "two", Some(1))]), None);
        library.rename(&id, Some("Mine".into()));
        let stored: Vec<Subscription> = library.subscriptions().iter().map(Subscription::without_entries).collect();
        assert!(stored[0].feed.entries.is_empty());
        assert_eq!(stored[0].title(), "Mine");
        let cached = library.subscriptions()[0].feed.entries.clone();

        let mut reloaded = Library::new(stored, Default::default(), Default::default());
        assert!(reloaded.entries(&View::default()).is_empty(), "before the cache answers");
        assert!(reloaded.restore_entries(&id, cached));
        assert_eq!(titles(&reloaded.entries(&View::default())), ["one", "two"]);
        assert!(!reloaded.restore_entries(&FeedId("gone".into()), vec![]), "unknown feeds are ignored");
    }

    #[test]
    fn restoring_keeps_the_fresher_copy() {
        let mut library = Library::default();
        let id = library.subscribe(feed("a", vec![entry("1", "edited", Some(1))]), None);
        library.restore_entries(&id, vec![entry("1", "old", Some(1)), entry("0", "older", Some(0))]);
        assert_eq!(titles(&library.entries(&View::default())), ["edited", "older"]);
    }
}
