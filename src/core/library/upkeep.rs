//! Keeping the library whole over time: merging two copies of it (two tabs, a backup) and
//! pruning the entry cache.

use std::collections::HashSet;

use super::{EntryKey, Library};

/// How many entries a feed keeps once refreshed: beyond this, its oldest read, unstarred
/// entries are dropped from the cache (see [`Library::prune`]).
pub const KEEP_PER_FEED: usize = 1000;

impl Library {
    /// Takes in another copy of the library without losing anything from either: read and
    /// starred state are unions; a feed in both keeps our copy's entries and adds the ones only
    /// theirs has (our name, folder and source win when both are set); a feed only in theirs
    /// is added at the end.
    ///
    /// A union means an entry one tab marked unread while the other still had it read comes
    /// back read: losing a read mark is cheap, losing a star or a feed is not.
    pub fn merge(&mut self, other: Library) {
        let Library { subscriptions, read, starred, .. } = other;
        self.read.extend(read);
        self.starred.extend(starred);
        let ours = self.subscriptions_mut();
        for theirs in subscriptions {
            match ours.iter_mut().find(|s| s.id == theirs.id) {
                Some(existing) => existing.absorb(theirs),
                None => ours.push(theirs),
            }
        }
    }

    /// Shrinks each feed's cache to `max_entries_per_feed` by dropping its oldest entries that
    /// are read and not starred. Unread and starred entries are never dropped, so a feed may
    /// stay above the limit. Read keys stay: they are tiny, and they keep an old entry that a
    /// feed serves again from showing up as unread. Returns how many entries were dropped.
    pub fn prune(&mut self, max_entries_per_feed: usize) -> usize {
        let over = |l: &Library| l.subscriptions.iter().any(|s| s.feed.entries.len() > max_entries_per_feed);
        if !over(self) {
            // Nothing to drop: keep the search cache.
            return 0;
        }
        let read = self.read.clone();
        let starred = self.starred.clone();
        let mut dropped = 0;
        for subscription in self.subscriptions_mut() {
            let entries = &subscription.feed.entries;
            let excess = entries.len().saturating_sub(max_entries_per_feed);
            if excess == 0 {
                continue;
            }
            let mut candidates: Vec<(usize, EntryKey)> = entries
                .iter()
                .enumerate()
                .map(|(i, e)| (i, subscription.key(e)))
                .filter(|(_, key)| read.contains(key) && !starred.contains(key))
                .collect();
            // Oldest first; undated entries count as oldest, since they cannot be placed.
            candidates.sort_by_key(|&(i, _)| {
                let e = &entries[i];
                e.published.or(e.updated)
            });
            let doomed: HashSet<usize> = candidates.iter().take(excess).map(|&(i, _)| i).collect();
            dropped += doomed.len();
            let mut index = 0;
            subscription.feed.entries.retain(|_| {
                index += 1;
                !doomed.contains(&(index - 1))
            });
        }
        dropped
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entry, feed, titles};
    use super::super::{FeedId, View};
    use super::*;

    fn numbered(prefix: &str, n: i64) -> Vec<crate::core::Entry> {
        (1..=n).map(|i| entry(&i.to_string(), &format!("{prefix}{i}"), Some(i))).collect()
    }

    #[test]
    fn prune_drops_oldest_read_entries_only() {
        let mut library = Library::default();
        let a = library.subscribe(feed("a", numbered("a", 6)), None);
        let key = |i: i64| EntryKey::new(&a, &i.to_string());
        for i in [1, 2, 3, 5, 6] {
            library.mark_read(key(i));
        }
        library.set_starred(key(1), true);
        // Over by 3: candidates oldest first are 2, 3, 5 (1 is starred, 4 unread).
        assert_eq!(library.prune(3), 3);
        assert_eq!(titles(&library.river()), ["a6", "a4", "a1"]);
        assert!(library.is_read(key(2)), "read keys outlive pruned entries");
        library.subscribe(feed("a", vec![entry("2", "a2", Some(2))]), None);
        assert_eq!(library.unread_counts()[&a], 1, "a re-served old entry is still read");
    }

    #[test]
    fn prune_never_drops_unread_or_starred_even_over_the_limit() {
        let mut library = Library::default();
        let a = library.subscribe(feed("a", numbered("a", 4)), None);
        library.set_starred(EntryKey::new(&a, "1"), true);
        library.mark_read(EntryKey::new(&a, "1"));
        assert_eq!(library.prune(1), 0);
        assert_eq!(library.river().len(), 4);
        assert_eq!(library.prune(0), 0);
    }

    #[test]
    fn prune_keeps_search_working() {
        let mut library = Library::default();
        let a = library.subscribe(feed("a", numbered("a", 3)), None);
        let find = |l: &Library| titles(&l.entries(&View { search: "a3".into(), ..View::default() }));
        assert_eq!(find(&library), ["a3"]);
        library.mark_read(EntryKey::new(&a, "1"));
        library.prune(2);
        assert_eq!(find(&library), ["a3"], "the cache follows the entries that moved");
    }

    #[test]
    fn merge_loses_nothing_from_either_side() {
        let mut ours = Library::default();
        let a = ours.subscribe(feed("a", vec![entry("1", "ours", Some(1))]), None);
        ours.mark_read(EntryKey::new(&a, "1"));
        ours.rename(&a, Some("Our name".into()));

        let mut theirs = Library::default();
        theirs.subscribe(feed("a", vec![entry("1", "theirs", Some(1)), entry("2", "a2", Some(2))]), None);
        let b = theirs.subscribe(feed("b", vec![entry("1", "b1", Some(3))]), None);
        theirs.rename(&a, Some("Their name".into()));
        theirs.set_folder(&a, Some("Their folder".into()));
        theirs.mark_read(EntryKey::new(&a, "2"));
        theirs.set_starred(EntryKey::new(&b, "1"), true);

        ours.merge(theirs);
        assert_eq!(titles(&ours.river()), ["b1", "a2", "ours"]);
        let merged = ours.subscription(&a).unwrap();
        assert_eq!(merged.title(), "Our name", "ours wins when both are set");
        assert_eq!(merged.folder.as_deref(), Some("Their folder"), "theirs fills what we lack");
        assert!(ours.is_read(EntryKey::new(&a, "1")) && ours.is_read(EntryKey::new(&a, "2")));
        assert!(ours.is_starred(EntryKey::new(&b, "1")));
        assert_eq!(ours.subscriptions().iter().map(|s| s.id.clone()).collect::<Vec<FeedId>>(), [a, b]);
    }

    #[test]
    fn merge_with_itself_changes_nothing() {
        let mut library = Library::default();
        let a = library.subscribe(feed("a", numbered("a", 2)), None);
        library.mark_read(EntryKey::new(&a, "1"));
        let before = library.clone();
        library.merge(before.clone());
        assert_eq!(library, before);
    }

    #[test]
    fn merge_fills_a_pending_subscription_with_content() {
        let url = "https://a.example/feed".to_string();
        let mut ours = Library::default();
        let id = ours.add_pending(url.clone(), Some("A".into()), Some("Tech".into()));
        let mut theirs = Library::default();
        theirs.subscribe(feed("a", numbered("a", 1)), Some(url));
        ours.merge(theirs);
        let merged = ours.subscription(&id).unwrap();
        assert!(!merged.is_pending());
        assert_eq!(merged.folder.as_deref(), Some("Tech"));
        assert_eq!(titles(&ours.river()), ["a1"]);
    }
}
