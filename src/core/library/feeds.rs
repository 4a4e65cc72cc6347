//! Arranging subscriptions: names, folders, removal with undo, and subscriptions that wait for
//! their first fetch.

use std::collections::BTreeSet;

use crate::core::model::{Feed, FeedKind};
use crate::core::opml::OpmlFeed;

use super::{FeedId, Followed, Library, Subscription};

/// A subscription the reader removed, with its entries and where it was, so "undo" puts it
/// back in its place. Its read and starred state need no carrying: the library keeps those
/// keys (see [`Library`]).
#[derive(Debug, Clone)]
pub struct Removed {
    followed: Followed,
    position: usize,
}

impl Removed {
    /// The subscription that was removed (for "Removed X. Undo").
    pub fn subscription(&self) -> &Subscription {
        &self.followed.subscription
    }
}

/// A name the reader typed: surrounding space trimmed, blank meaning none.
fn tidy(name: Option<String>) -> Option<String> {
    let name = name?;
    let trimmed = name.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Puts `value` in `slot`; says whether that changed it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    true
}

impl Library {
    /// Gives a feed the reader's own name, or (with `None` or a blank name) goes back to the
    /// feed's title. Says whether anything changed.
    pub fn rename(&mut self, id: &FeedId, name: Option<String>) -> bool {
        let name = tidy(name);
        self.change_record(id, |s| replace(&mut s.name, name))
    }

    /// Turns a feed's notifications on or off; says whether anything changed.
    pub fn set_notify(&mut self, id: &FeedId, notify: bool) -> bool {
        self.change_record(id, |s| replace(&mut s.notify, notify))
    }

    /// This feed's own limit for marking old entries read (`None`: as every feed).
    pub fn set_read_after(&mut self, id: &FeedId, days: Option<u32>) -> bool {
        self.change_record(id, |s| replace(&mut s.read_after_days, days))
    }

    /// Whether a feed's entries open in Text view.
    pub fn set_text_view(&mut self, id: &FeedId, on: bool) -> bool {
        self.change_record(id, |s| replace(&mut s.text_view, on))
    }

    /// Puts a feed in a folder, or (with `None` or a blank name) at the top level. A folder
    /// exists while a feed is in it. Says whether anything changed.
    pub fn set_folder(&mut self, id: &FeedId, folder: Option<String>) -> bool {
        let folder = tidy(folder);
        let changed = self.change_record(id, |s| replace(&mut s.folder, folder));
        if changed {
            // Folder lists, their counts and copies by title follow folders.
            self.entries_changed();
        }
        changed
    }

    /// Changes a feed's record (`change` says whether it changed anything), and records that
    /// the record was touched if it did.
    fn change_record(&mut self, id: &FeedId, change: impl FnOnce(&mut Subscription) -> bool) -> bool {
        let changed = self.subscription_mut(id).is_some_and(change);
        if changed {
            self.touched.records.insert(id.clone());
        }
        changed
    }

    /// Every folder in use, sorted, each once.
    pub fn folders(&self) -> Vec<String> {
        let folders: BTreeSet<&String> = self.subscriptions().filter_map(|s| s.folder.as_ref()).collect();
        folders.into_iter().cloned().collect()
    }

    /// Removes a subscription and its entries; `None` if there is no such feed. Read and
    /// starred state stay, so [`Library::restore`] brings everything back as it was.
    pub fn remove(&mut self, id: &FeedId) -> Option<Removed> {
        let position = self.position(id)?;
        let followed = self.followed.remove(position);
        for &n in &followed.entries {
            self.by_key.remove(&self.slots[n as usize].summary.key);
        }
        self.touched.removed.insert(id.clone());
        self.touched.order = true;
        self.entries_changed();
        Some(Removed { followed, position })
    }

    /// Undoes a removal: the subscription returns at its place with its entries. If the same
    /// feed was added again in the meantime, the two are merged instead of listed twice.
    pub fn restore(&mut self, removed: Removed) {
        let Removed { followed, position } = removed;
        let id = followed.subscription.id.clone();
        self.touched.removed.remove(&id);
        self.touched.records.insert(id.clone());
        self.touched.order = true;
        match self.position(&id) {
            Some(i) => {
                let number = self.followed[i].number;
                for n in followed.entries {
                    let key = self.slots[n as usize].summary.key;
                    if let std::collections::hash_map::Entry::Vacant(free) = self.by_key.entry(key) {
                        free.insert(n);
                        self.slots[n as usize].feed = number;
                        self.places[n as usize].feed = number;
                        self.followed[i].entries.push(n);
                    }
                }
                self.followed[i].subscription.absorb(followed.subscription);
                self.touched.entries.insert(id);
            }
            None => {
                for &n in &followed.entries {
                    self.by_key.insert(self.slots[n as usize].summary.key, n);
                }
                self.followed.insert(position.min(self.followed.len()), followed);
            }
        }
        self.entries_changed();
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
        self.follow(subscription);
        id
    }

    /// Sets the site address of a subscription still waiting for its first fetch (from OPML's
    /// `htmlUrl`); a fetched feed's own link is never overwritten.
    pub fn set_site_link(&mut self, id: &FeedId, link: Option<String>) {
        if let Some(s) = self.subscription_mut(id).filter(|s| s.pending) {
            s.feed.link = link;
            self.touched.records.insert(id.clone());
        }
    }

    /// Adds the feeds of an OPML file as subscriptions waiting for their first fetch, skipping
    /// addresses already subscribed. Returns how many were added.
    pub fn import_opml(&mut self, feeds: Vec<OpmlFeed>) -> usize {
        let mut added = 0;
        for feed in feeds {
            if self.is_subscribed_to(&feed.xml_url) {
                continue;
            }
            let id = self.add_pending(feed.xml_url, Some(feed.title), feed.folder);
            self.set_site_link(&id, feed.html_url);
            added += 1;
        }
        added
    }

    /// The subscriptions another reader can fetch (those with an address), for an OPML file.
    pub fn outlines(&self) -> Vec<OpmlFeed> {
        self.subscriptions()
            .filter_map(|s| {
                let url = s.source.as_deref().or(s.feed.self_link.as_deref())?;
                Some(OpmlFeed {
                    title: s.title().to_owned(),
                    xml_url: url.to_owned(),
                    html_url: s.feed.link.clone(),
                    folder: s.folder.clone(),
                })
            })
            .collect()
    }

    /// Whether some subscription was fetched from (or waits to be fetched from) `url`.
    pub fn is_subscribed_to(&self, url: &str) -> bool {
        let id = Library::feed_id_for_url(url);
        self.subscriptions().any(|s| s.source.as_deref() == Some(url) || s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entry, feed, subscribe, titles};
    use super::super::{EntryKey, Scope, View};
    use super::*;

    #[test]
    fn rename_shows_the_readers_name_and_blank_goes_back() {
        let mut library = Library::default();
        let id = subscribe(&mut library, feed("site", vec![]));
        assert!(library.rename(&id, Some("  My site ".into())));
        assert_eq!(library.subscription(&id).unwrap().title(), "My site");
        assert!(!library.rename(&id, Some("My site".into())), "same name changes nothing");
        assert!(library.rename(&id, Some("   ".into())));
        assert_eq!(library.subscription(&id).unwrap().title(), "site");
        assert!(!library.rename(&FeedId("nope".into()), Some("x".into())));
    }

    #[test]
    fn folders_are_sorted_and_distinct() {
        let mut library = Library::default();
        let a = subscribe(&mut library, feed("a", vec![]));
        let b = subscribe(&mut library, feed("b", vec![]));
        let c = subscribe(&mut library, feed("c", vec![]));
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
        let a = subscribe(&mut library, feed("a", vec![]));
        let b = subscribe(&mut library, feed("b", vec![entry("1", "b1", Some(1)), entry("2", "b2", Some(2))]));
        let c = subscribe(&mut library, feed("c", vec![]));
        library.set_read(EntryKey::new(&b, "1"), true);
        library.set_starred(EntryKey::new(&b, "2"), true);
        library.set_folder(&b, Some("Tech".into()));
        let before = library.clone();
        let removed = library.remove(&b).unwrap();
        assert_eq!(removed.subscription().title(), "b");
        assert!(library.list(&View::default()).keys.is_empty());
        assert!(library.summary(EntryKey::new(&b, "1")).is_none());
        assert!(library.remove(&b).is_none(), "removing twice finds nothing");
        library.restore(removed);
        assert_eq!(library, before);
        let order: Vec<&FeedId> = library.subscriptions().map(|s| &s.id).collect();
        assert_eq!(order, [&a, &b, &c]);
        assert_eq!(library.counts().unread[&b], 1);
        assert_eq!(titles(&library, &View { scope: Scope::Starred, ..Default::default() }), ["b2"]);
    }

    #[test]
    fn undoing_a_removal_after_the_feed_came_back_merges_the_two() {
        let mut library = Library::default();
        let b = subscribe(&mut library, feed("b", vec![entry("1", "b1", Some(1))]));
        let removed = library.remove(&b).unwrap();
        subscribe(&mut library, feed("b", vec![entry("2", "b2", Some(2))]));
        library.restore(removed);
        assert_eq!(library.subscriptions().len(), 1);
        assert_eq!(titles(&library, &View::default()), ["b2", "b1"]);
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

        let (meta, incoming) = super::super::testing::arrivals(feed("a", vec![entry("1", "hello", Some(1))]));
        let fetched = library.subscribe(meta, Some(url), &incoming);
        assert_eq!(fetched.id, Some(id.clone()));
        let filled = library.subscription(&id).unwrap();
        assert!(!filled.is_pending());
        assert_eq!(filled.folder.as_deref(), Some("Tech"), "the folder from OPML stays");
        assert_eq!(titles(&library, &View::default()), ["hello"]);
    }
}
