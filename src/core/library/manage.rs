//! Arranging subscriptions: names, folders, removal with undo, and subscriptions that wait for
//! their first fetch.

use std::collections::BTreeSet;

use crate::core::model::{Feed, FeedKind};

use super::{FeedId, Library, Subscription};

/// A subscription the reader removed, with where it was, so "undo" puts it back in its place.
/// Its read and starred state need no carrying: the library keeps those keys (see [`Library`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    subscription: Subscription,
    position: usize,
}

impl Removed {
    /// The subscription that was removed (for "Removed X. Undo").
    pub fn subscription(&self) -> &Subscription {
        &self.subscription
    }
}

/// A name the reader typed: surrounding space trimmed, blank meaning none.
fn tidy(name: Option<String>) -> Option<String> {
    let name = name?;
    let trimmed = name.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

impl Library {
    pub(super) fn subscription_mut(&mut self, id: &FeedId) -> Option<&mut Subscription> {
        // Names and folders are not searched, so the search cache may stay.
        self.subscriptions.iter_mut().find(|s| &s.id == id)
    }

    /// Gives a feed the reader's own name, or (with `None` or a blank name) goes back to the
    /// feed's title. Says whether anything changed.
    pub fn rename(&mut self, id: &FeedId, name: Option<String>) -> bool {
        let name = tidy(name);
        match self.subscription_mut(id) {
            Some(s) if s.name != name => {
                s.name = name;
                true
            }
            _ => false,
        }
    }

    /// Puts a feed in a folder, or (with `None` or a blank name) at the top level. A folder
    /// exists while a feed is in it. Says whether anything changed.
    pub fn set_folder(&mut self, id: &FeedId, folder: Option<String>) -> bool {
        let folder = tidy(folder);
        match self.subscription_mut(id) {
            Some(s) if s.folder != folder => {
                s.folder = folder;
                true
            }
            _ => false,
        }
    }

    /// Every folder in use, sorted, each once.
    pub fn folders(&self) -> Vec<String> {
        let folders: BTreeSet<&String> = self.subscriptions.iter().filter_map(|s| s.folder.as_ref()).collect();
        folders.into_iter().cloned().collect()
    }

    /// Removes a subscription and its cached entries; `None` if there is no such feed. Read
    /// and starred state stay, so [`Library::restore`] brings everything back as it was.
    pub fn remove(&mut self, id: &FeedId) -> Option<Removed> {
        let position = self.subscriptions.iter().position(|s| &s.id == id)?;
        let subscription = self.subscriptions_mut().remove(position);
        Some(Removed { subscription, position })
    }

    /// Undoes a removal: the subscription returns at its place. If the same feed was added
    /// again in the meantime, the two are merged instead of listed twice.
    pub fn restore(&mut self, removed: Removed) {
        let Removed { subscription, position } = removed;
        let subscriptions = self.subscriptions_mut();
        match subscriptions.iter_mut().find(|s| s.id == subscription.id) {
            Some(existing) => existing.absorb(subscription),
            None => {
                let position = position.min(subscriptions.len());
                subscriptions.insert(position, subscription);
            }
        }
    }

    /// Subscribes to an address without content yet (from OPML): the subscription is listed,
    /// marked pending, and gets its entries when the feed is fetched and passed to
    /// [`Library::subscribe`] with the same address. An address already subscribed is left
    /// as it is. Returns the feed's id either way.
    pub fn add_pending(&mut self, url: String, title: Option<String>, folder: Option<String>) -> FeedId {
        let placeholder = Feed { title: tidy(title), ..Feed::empty(FeedKind::Rss) };
        let id = Library::feed_id(&placeholder, Some(&url));
        if self.subscription(&id).is_some() {
            return id;
        }
        let mut subscription = Subscription::new(id.clone(), Some(url), placeholder);
        subscription.folder = tidy(folder);
        subscription.pending = true;
        self.subscriptions_mut().push(subscription);
        id
    }

    /// Sets the site address of a subscription still waiting for its first fetch (from OPML's
    /// `htmlUrl`); a fetched feed's own link is never overwritten.
    pub fn set_site_link(&mut self, id: &FeedId, link: Option<String>) {
        if let Some(s) = self.subscription_mut(id).filter(|s| s.pending) {
            s.feed.link = link;
        }
    }

    /// Whether some subscription was fetched from (or waits to be fetched from) `url`.
    pub fn is_subscribed_to(&self, url: &str) -> bool {
        let id = Library::feed_id_for_url(url);
        self.subscriptions.iter().any(|s| s.source.as_deref() == Some(url) || s.id == id)
    }

    /// The id a feed fetched from `url` gets.
    pub fn feed_id_for_url(url: &str) -> FeedId {
        FeedId(format!("{:012x}", super::fnv1a(&[url.as_bytes()]) >> 16))
    }
}

impl Subscription {
    /// Takes in another copy of the same feed without losing anything: entries it lacks are
    /// added, a pending placeholder gives way to content, and its own name, folder and source
    /// win over the other's. The more recent fetch record wins, so two tabs do not both fetch
    /// a feed that one of them just fetched.
    pub(super) fn absorb(&mut self, other: Subscription) {
        if other.fetch.tried > self.fetch.tried {
            self.fetch = other.fetch.clone();
        }
        self.proxy = self.proxy.take().or(other.proxy.clone());
        if self.pending && !other.pending {
            self.feed = other.feed;
            self.pending = false;
        } else {
            let known: std::collections::HashSet<String> = self.feed.entries.iter().map(|e| e.id.clone()).collect();
            let new = other.feed.entries.into_iter().filter(|e| !known.contains(&e.id));
            self.feed.entries.extend(new);
        }
        self.name = self.name.take().or(other.name);
        self.folder = self.folder.take().or(other.folder);
        self.source = self.source.take().or(other.source);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entry, feed, titles};
    use super::super::EntryKey;
    use super::*;

    #[test]
    fn rename_shows_the_readers_name_and_blank_goes_back() {
        let mut library = Library::default();
        let id = library.subscribe(feed("site", vec![]), None);
        assert!(library.rename(&id, Some("  My site ".into())));
        assert_eq!(library.subscriptions()[0].title(), "My site");
        assert!(!library.rename(&id, Some("My site".into())), "same name changes nothing");
        assert!(library.rename(&id, Some("   ".into())));
        assert_eq!(library.subscriptions()[0].title(), "site");
        assert!(!library.rename(&FeedId("nope".into()), Some("x".into())));
    }

    #[test]
    fn folders_are_sorted_and_distinct() {
        let mut library = Library::default();
        let a = library.subscribe(feed("a", vec![]), None);
        let b = library.subscribe(feed("b", vec![]), None);
        let c = library.subscribe(feed("c", vec![]), None);
        library.set_folder(&a, Some("Tech".into()));
        library.set_folder(&b, Some("News".into()));
        library.set_folder(&c, Some("Tech".into()));
        assert_eq!(library.folders(), ["News", "Tech"]);
        library.set_folder(&b, None);
        assert_eq!(library.folders(), ["Tech"], "a folder with no feed is gone");
    }

    #[test]
    fn remove_then_undo_restores_place_entries_and_state() {
        let mut library = Library::default();
        let a = library.subscribe(feed("a", vec![]), None);
        let b = library.subscribe(feed("b", vec![entry("1", "b1", Some(1)), entry("2", "b2", Some(2))]), None);
        let c = library.subscribe(feed("c", vec![]), None);
        library.mark_read(EntryKey::new(&b, "1"));
        library.set_starred(EntryKey::new(&b, "2"), true);
        library.set_folder(&b, Some("Tech".into()));
        let before = library.clone();
        let removed = library.remove(&b).unwrap();
        assert_eq!(removed.subscription().title(), "b");
        assert!(library.river().is_empty());
        assert!(library.remove(&b).is_none(), "removing twice finds nothing");
        library.restore(removed);
        assert_eq!(library, before);
        let order: Vec<&FeedId> = library.subscriptions().iter().map(|s| &s.id).collect();
        assert_eq!(order, [&a, &b, &c]);
        assert_eq!(library.unread_counts()[&b], 1);
        assert_eq!(titles(&library.entries(&super::super::View { scope: super::super::Scope::Starred, ..Default::default() })), ["b2"]);
    }

    #[test]
    fn pending_subscription_waits_then_fills_on_fetch() {
        let mut library = Library::default();
        let url = "https://a.example/feed.xml".to_string();
        let id = library.add_pending(url.clone(), Some("A".into()), Some("Tech".into()));
        let pending = library.subscription(&id).unwrap();
        assert!(pending.is_pending());
        assert_eq!((pending.title(), pending.folder.as_deref()), ("A", Some("Tech")));
        assert_eq!(library.add_pending(url.clone(), None, None), id, "same address, same subscription");
        assert_eq!(library.subscriptions().len(), 1);
        assert!(library.is_subscribed_to(&url));

        let fetched = library.subscribe(feed("a", vec![entry("1", "hello", Some(1))]), Some(url));
        assert_eq!(fetched, id);
        let filled = library.subscription(&id).unwrap();
        assert!(!filled.is_pending());
        assert_eq!(filled.folder.as_deref(), Some("Tech"), "the folder from OPML stays");
        assert_eq!(titles(&library.river()), ["hello"]);
    }
}
