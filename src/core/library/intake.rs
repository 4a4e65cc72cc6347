//! Entries arriving: a feed fetched or added from a document is merged into what the library
//! holds by entry id (new entries appear, changed ones replace their old copy, entries that
//! left the feed stay), and a feed's oldest read entries make room once it holds too many.

use std::collections::HashSet;

use crate::core::extract::FullText;
use crate::core::hash::fnv1a;
use crate::core::model::{Arrival, Feed};

use super::{summarize, EntryKey, FeedId, Followed, Library, Subscription, Summary};

/// How many entries a feed keeps once refreshed: beyond this, its oldest read, unstarred
/// entries are dropped (see [`Library::prune`]).
pub const KEEP_PER_FEED: usize = 1000;

/// What taking in a feed changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intake {
    pub id: Option<FeedId>,
    /// Entries not seen before.
    pub new: usize,
    /// Their keys, in the feed's order.
    pub fresh: Vec<EntryKey>,
    /// The arrivals (by index) whose article storage must write: every new or changed one.
    pub written: Vec<usize>,
}

impl Library {
    /// Adds a feed (its metadata in `feed`, its entries in `arrivals`), or updates the
    /// subscription it already is: entries merge by id and read and starred state stay,
    /// because they are keyed by entry id; the reader's name and folder stay too.
    pub fn subscribe(&mut self, feed: Feed, source: Option<String>, arrivals: &[Arrival]) -> Intake {
        let id = Library::feed_id(&feed, source.as_deref());
        match self.position(&id) {
            Some(i) => {
                if source.is_some() {
                    self.followed[i].subscription.source = source;
                }
            }
            None => self.follow(Subscription::new(id.clone(), source, Feed { entries: Vec::new(), ..feed.clone() })),
        }
        self.take_in(&id, feed, arrivals)
    }

    /// Takes in a fresh copy of a subscribed feed: its metadata replaces the old, its entries
    /// come first in its order, entries that left the feed stay after them. A pending
    /// subscription gets its content.
    pub fn take_in(&mut self, id: &FeedId, feed: Feed, arrivals: &[Arrival]) -> Intake {
        let Some(i) = self.position(id) else { return Intake::default() };
        let number = self.followed[i].number;
        let space = self.followed[i].subscription.key_space().clone();
        let old = std::mem::take(&mut self.followed[i].entries);
        let mut fresh: Vec<u32> = Vec::with_capacity(arrivals.len() + old.len());
        let mut seen: HashSet<EntryKey> = HashSet::with_capacity(arrivals.len());
        let mut intake = Intake { id: Some(id.clone()), ..Intake::default() };
        for (index, arrival) in arrivals.iter().enumerate() {
            let summary = summarize(&space, &arrival.entry, &arrival.excerpt);
            if !seen.insert(summary.key) {
                // The same id twice in one document: the first copy stands.
                continue;
            }
            intake.written.push(index);
            self.touched.articles.push((id.clone(), arrival.clone()));
            let words_hash = fnv1a(&[arrival.words.as_bytes()]);
            match self.by_key.get(&summary.key).copied().filter(|n| old.contains(n)) {
                Some(n) if self.slots[n as usize].words_hash == Some(words_hash) => {
                    self.set_summary(n, summary);
                    fresh.push(n);
                }
                Some(n) => {
                    // A new version of an entry here (its words changed): it is "Updated", and
                    // storage keeps the text it had. Words not read yet (just after a start)
                    // say nothing either way.
                    if self.slots[n as usize].words_hash.is_some_and(|h| h != 0) {
                        self.updated.insert(summary.key);
                        self.touched.revised.push(summary.key);
                        self.touched.updated = true;
                    }
                    self.drop_slot(n);
                    fresh.push(self.new_slot(number, summary, Some(&arrival.words)));
                }
                None => {
                    intake.new += 1;
                    intake.fresh.push(summary.key);
                    fresh.push(self.new_slot(number, summary, Some(&arrival.words)));
                }
            }
        }
        fresh.extend(old.into_iter().filter(|n| !seen.contains(&self.slots[*n as usize].summary.key)));
        let followed = &mut self.followed[i];
        followed.entries = fresh;
        let subscription = &mut followed.subscription;
        subscription.feed = Feed { entries: Vec::new(), diagnostics: Vec::new(), ..feed };
        subscription.pending = false;
        self.touched.records.insert(id.clone());
        self.touched.entries.insert(id.clone());
        self.entries_changed();
        intake
    }

    /// Adds a subscription with no entries yet, at the end.
    pub(super) fn follow(&mut self, subscription: Subscription) {
        self.touched.records.insert(subscription.id.clone());
        self.touched.removed.remove(&subscription.id);
        self.touched.order = true;
        self.follow_stored(subscription);
    }

    /// Adds a subscription as storage holds it (nothing to record), at the end.
    fn follow_stored(&mut self, subscription: Subscription) {
        let number = self.next_feed_number;
        self.next_feed_number += 1;
        self.followed.push(Followed { subscription: subscription.record(), number, entries: Vec::new() });
    }

    /// Puts back what storage holds for a feed: its record and its entries' summaries, in
    /// order (at start, or when another tab changed the feed). A feed already here has its
    /// entries replaced; entries it already had keep their search words, new ones wait for
    /// [`Library::index_words`].
    pub fn restore_feed(&mut self, record: Subscription, summaries: Vec<Summary>) {
        let i = match self.position(&record.id) {
            Some(i) => {
                self.followed[i].subscription = record.record();
                i
            }
            None => {
                self.follow_stored(record);
                self.followed.len() - 1
            }
        };
        let number = self.followed[i].number;
        let old: HashSet<u32> = std::mem::take(&mut self.followed[i].entries).into_iter().collect();
        let mut entries = Vec::with_capacity(summaries.len());
        for summary in summaries {
            match self.by_key.get(&summary.key).copied().filter(|n| old.contains(n)) {
                Some(n) => {
                    self.set_summary(n, summary);
                    entries.push(n);
                }
                None => entries.push(self.new_slot(number, summary, None)),
            }
        }
        let kept: HashSet<u32> = entries.iter().copied().collect();
        for n in old.into_iter().filter(|n| !kept.contains(n)) {
            self.drop_slot(n);
        }
        self.followed[i].entries = entries;
        self.entries_changed();
    }

    /// Indexes the search words storage holds for a feed's entries (key, words); entries
    /// already indexed are left as they are.
    pub fn index_words(&mut self, id: &FeedId, words: &[(EntryKey, String)]) {
        let Some(i) = self.position(id) else { return };
        let number = self.followed[i].number;
        for (key, text) in words {
            let Some(&n) = self.by_key.get(key) else { continue };
            let slot = &mut self.slots[n as usize];
            if slot.feed != number || slot.words_hash.is_some() {
                continue;
            }
            slot.words_hash = Some(fnv1a(&[text.as_bytes()]));
            self.unindexed -= 1;
            self.search.add(n, text);
        }
        // What saved searches find has changed.
        self.saved_lists = std::cell::OnceCell::new();
    }

    /// Keeps the whole article read from an entry's page (Text view): its words join the
    /// entry's in search, and it is stored with the entry. Says whether the entry is here.
    pub fn keep_text(&mut self, key: EntryKey, text: FullText) -> bool {
        let (Some(&n), Some((_, subscription))) = (self.by_key.get(&key), self.summary(key)) else { return false };
        let feed = subscription.id.clone();
        self.search.add(n, &text.words);
        self.saved_lists = std::cell::OnceCell::new();
        self.touched.texts.push((feed, key, text));
        true
    }

    /// Whether every entry's words are in the search index (at start they arrive after the
    /// list is shown).
    pub fn search_ready(&self) -> bool {
        self.unindexed == 0
    }

    /// Shrinks a feed to `max_entries` by dropping its oldest entries that are read and not
    /// starred. Unread and starred entries are never dropped, so a feed may stay above the
    /// limit. Read keys stay: they are tiny, and they keep an old entry that a feed serves
    /// again from showing up as unread. Returns the keys dropped (their articles go too).
    pub fn prune(&mut self, id: &FeedId, max_entries: usize) -> Vec<EntryKey> {
        let Some(i) = self.position(id) else { return Vec::new() };
        let excess = self.followed[i].entries.len().saturating_sub(max_entries);
        if excess == 0 {
            return Vec::new();
        }
        let mut candidates: Vec<u32> = self.followed[i]
            .entries
            .iter()
            .copied()
            .filter(|&n| {
                let key = self.slots[n as usize].summary.key;
                self.read.contains(&key) && !self.starred.contains(&key) && !self.is_shared(key)
            })
            .collect();
        // Oldest first; undated entries count as oldest, since they cannot be placed.
        candidates.sort_by_key(|&n| self.slots[n as usize].summary.date);
        let doomed: HashSet<u32> = candidates.into_iter().take(excess).collect();
        let keys: Vec<EntryKey> = doomed.iter().map(|&n| self.slots[n as usize].summary.key).collect();
        self.touched.entries.insert(id.clone());
        self.touched.dropped.extend(keys.iter().map(|&key| (id.clone(), key)));
        self.followed[i].entries.retain(|n| !doomed.contains(n));
        for n in doomed {
            self.drop_slot(n);
        }
        if keys.iter().any(|key| self.updated.remove(key)) {
            self.touched.updated = true;
        }
        self.entries_changed();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{arrivals, entry, feed, subscribe, titles};
    use super::super::View;
    use super::*;

    fn numbered(prefix: &str, n: i64) -> Vec<crate::core::Entry> {
        (1..=n).map(|i| entry(&i.to_string(), &format!("{prefix}{i}"), Some(i))).collect()
    }

    #[test]
    fn subscribing_again_merges_by_id_and_keeps_read_and_starred_state() {
        let mut library = Library::default();
        let id = subscribe(&mut library, feed("a", vec![entry("1", "first", Some(1)), entry("2", "second", Some(2))]));
        library.set_read(EntryKey::new(&id, "1"), true);
        library.set_starred(EntryKey::new(&id, "1"), true);
        library.rename(&id, Some("Mine".into()));
        let again = feed("a", vec![entry("1", "first, edited", Some(1)), entry("3", "third", Some(3))]);
        let (meta, incoming) = arrivals(again);
        let intake = library.subscribe(meta, None, &incoming);
        assert_eq!(intake.id.as_ref(), Some(&id), "the same feed is one subscription");
        assert_eq!((intake.new, intake.written.clone()), (1, vec![0, 1]), "both arrivals are written, one is new");
        assert_eq!(library.subscriptions().len(), 1);
        assert_eq!(titles(&library, &View::default()), ["third", "second", "first, edited"]);
        assert!(library.is_read(EntryKey::new(&id, "1")));
        assert!(library.is_starred(EntryKey::new(&id, "1")));
        assert_eq!(library.counts().unread[&id], 2);
        assert_eq!(library.subscription(&id).unwrap().title(), "Mine", "a refresh keeps the reader's name");
    }

    #[test]
    fn the_first_of_two_entries_with_one_id_stands() {
        let mut library = Library::default();
        let (meta, incoming) = arrivals(feed("a", vec![entry("1", "first copy", Some(1)), entry("1", "second copy", Some(2))]));
        let intake = library.subscribe(meta, None, &incoming);
        assert_eq!((intake.new, intake.written), (1, vec![0]));
        assert_eq!(titles(&library, &View::default()), ["first copy"]);
    }

    #[test]
    fn a_changed_entry_is_searched_by_its_new_words_only() {
        let mut library = Library::default();
        let id = subscribe(&mut library, feed("a", vec![entry("1", "walrus", Some(1))]));
        subscribe(&mut library, feed("a", vec![entry("1", "penguin", Some(1))]));
        let find = |l: &Library, q: &str| titles(l, &View { search: q.into(), ..View::default() });
        assert_eq!(find(&library, "penguin"), ["penguin"]);
        assert!(find(&library, "walrus").is_empty(), "the old title no longer matches");
        assert_eq!(library.summaries_of(&id).len(), 1);
    }

    #[test]
    fn prune_drops_oldest_read_entries_only() {
        let mut library = Library::default();
        let a = subscribe(&mut library, feed("a", numbered("a", 6)));
        let key = |i: i64| EntryKey::new(&a, &i.to_string());
        for i in [1, 2, 3, 5, 6] {
            library.set_read(key(i), true);
        }
        library.set_starred(key(1), true);
        // Over by 3: candidates oldest first are 2, 3, 5 (1 is starred, 4 unread).
        let mut dropped = library.prune(&a, 3);
        dropped.sort();
        let mut expected = vec![key(2), key(3), key(5)];
        expected.sort();
        assert_eq!(dropped, expected);
        assert_eq!(titles(&library, &View::default()), ["a6", "a4", "a1"]);
        assert!(library.is_read(key(2)), "read keys outlive pruned entries");
        subscribe(&mut library, feed("a", vec![entry("2", "a2", Some(2))]));
        assert_eq!(library.counts().unread[&a], 1, "a re-served old entry is still read");
    }

    #[test]
    fn prune_never_drops_unread_or_starred_even_over_the_limit() {
        let mut library = Library::default();
        let a = subscribe(&mut library, feed("a", numbered("a", 4)));
        library.set_starred(EntryKey::new(&a, "1"), true);
        library.set_read(EntryKey::new(&a, "1"), true);
        assert!(library.prune(&a, 1).is_empty());
        assert_eq!(library.len(), 4);
        assert!(library.prune(&a, 0).is_empty());
    }

    #[test]
    fn prune_keeps_search_working() {
        let mut library = Library::default();
        let a = subscribe(&mut library, feed("a", numbered("a", 3)));
        let find = |l: &Library| titles(l, &View { search: "a3".into(), ..View::default() });
        assert_eq!(find(&library), ["a3"]);
        library.set_read(EntryKey::new(&a, "1"), true);
        library.prune(&a, 2);
        assert_eq!(find(&library), ["a3"]);
        assert_eq!(titles(&library, &View { search: "a1".into(), ..View::default() }), Vec::<String>::new());
    }

    #[test]
    fn a_feed_restored_from_storage_waits_for_its_words_then_is_searchable() {
        let mut original = Library::default();
        let id = subscribe(&mut original, feed("a", vec![entry("1", "kakapo", Some(1)), entry("2", "kea", Some(2))]));
        let record = original.subscription(&id).unwrap().clone();
        let mut library = Library::default();
        library.restore_feed(record.clone(), original.summaries_of(&id));
        assert_eq!(titles(&library, &View::default()), ["kea", "kakapo"]);
        assert!(!library.search_ready());
        let words: Vec<(EntryKey, String)> = vec![(EntryKey::new(&id, "1"), "kakapo".into()), (EntryKey::new(&id, "2"), "kea".into())];
        library.index_words(&id, &words);
        assert!(library.search_ready());
        assert_eq!(titles(&library, &View { search: "kak".into(), ..View::default() }), ["kakapo"]);

        // Restored again (another tab changed it): entries it had keep their words.
        let mut summaries = original.summaries_of(&id);
        summaries.remove(1);
        library.restore_feed(record, summaries);
        assert!(library.search_ready(), "nothing new to index");
        assert_eq!(titles(&library, &View { search: "kak".into(), ..View::default() }), ["kakapo"]);
        assert_eq!(library.len(), 1);
    }
}
