//! The entry list as the reader asks for it, "mark all as read" with undo, and unread counts.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::search::{matches, query_words};
use super::{EntryKey, EntryRef, FeedId, Library, Subscription};

/// Which entries a list draws from: a sidebar choice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// Every feed: the river.
    #[default]
    All,
    /// Starred entries of every feed.
    Starred,
    /// One feed.
    Feed(FeedId),
    /// The feeds in one folder (exactly this name: "Tech / Rust" is not part of "Tech").
    Folder(String),
}

/// Which entries of the scope are shown, by their state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Filter {
    Unread,
    #[default]
    All,
    Starred,
}

/// The order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sort {
    /// Newest first; entries without a date come last.
    #[default]
    NewestFirst,
    /// Oldest first; entries without a date still come last.
    OldestFirst,
}

/// A query for [`Library::entries`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub scope: Scope,
    pub filter: Filter,
    pub sort: Sort,
    /// Words the entry's title or text must all contain, any case.
    #[serde(default)]
    pub search: String,
    /// Entries that stay in the list whatever their read or starred state: the UI puts the
    /// entries the reader opened (or unstarred) since the list was last shown, so an entry
    /// marked read by opening it does not vanish from an "Unread" list under the reader. It
    /// overrides only the state conditions (`filter` and `Scope::Starred`), never the feed,
    /// folder or search. The UI clears it when the reader changes scope or filter. Not saved.
    #[serde(skip)]
    pub keep: BTreeSet<EntryKey>,
}

/// The entries a "mark all as read" changed, for undo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkedRead {
    keys: Vec<EntryKey>,
}

impl MarkedRead {
    /// How many entries were marked read.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when every entry in scope was already read.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The entries marked read.
    pub fn keys(&self) -> &[EntryKey] {
        &self.keys
    }
}

impl Scope {
    fn includes_feed(&self, subscription: &Subscription) -> bool {
        match self {
            Scope::All | Scope::Starred => true,
            Scope::Feed(id) => &subscription.id == id,
            Scope::Folder(name) => subscription.folder.as_deref() == Some(name.as_str()),
        }
    }
}

impl Library {
    /// The entries a view shows, in its order. Ties (and undated entries) keep feed order.
    pub fn entries(&self, view: &View) -> Vec<EntryRef<'_>> {
        let words = query_words(&view.search);
        let texts = if words.is_empty() { None } else { Some(self.search.texts(&self.subscriptions)) };
        let mut found = Vec::new();
        for (i, subscription) in self.subscriptions.iter().enumerate() {
            if !view.scope.includes_feed(subscription) {
                continue;
            }
            for (j, entry) in subscription.feed.entries.iter().enumerate() {
                let key = subscription.key(entry);
                if !view.keep.contains(&key) && !self.state_matches(view, key) {
                    continue;
                }
                let text = texts.and_then(|t| t.get(i)?.get(j));
                if texts.is_some() && !text.is_some_and(|t| matches(t, &words)) {
                    continue;
                }
                found.push(EntryRef { key, subscription, entry });
            }
        }
        // Stable sorts keep feed order among equal dates; undated entries last either way.
        match view.sort {
            Sort::NewestFirst => found.sort_by_key(|r| std::cmp::Reverse(r.date())),
            Sort::OldestFirst => found.sort_by_key(|r| (r.date().is_none(), r.date())),
        }
        found
    }

    fn state_matches(&self, view: &View, key: EntryKey) -> bool {
        let starred_needed = view.scope == Scope::Starred || view.filter == Filter::Starred;
        if starred_needed && !self.is_starred(key) {
            return false;
        }
        view.filter != Filter::Unread || !self.is_read(key)
    }

    /// Marks every entry in scope read; returns those that were unread, for undo.
    pub fn mark_all_read(&mut self, scope: &Scope) -> MarkedRead {
        let view = View { scope: scope.clone(), filter: Filter::Unread, ..View::default() };
        let keys: Vec<EntryKey> = self.entries(&view).iter().map(|r| r.key).collect();
        self.read.extend(keys.iter().copied());
        MarkedRead { keys }
    }

    /// Makes the entries a "mark all as read" changed unread again.
    pub fn undo_mark_all(&mut self, marked: MarkedRead) {
        for key in marked.keys {
            self.read.remove(&key);
        }
    }

    /// Unread entries per feed (every feed has a count, zero included).
    pub fn unread_counts(&self) -> HashMap<FeedId, usize> {
        self.subscriptions.iter().map(|s| (s.id.clone(), self.unread_in(s))).collect()
    }

    /// Unread entries per folder, for the folders that have feeds.
    pub fn folder_unread_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for subscription in &self.subscriptions {
            if let Some(folder) = &subscription.folder {
                *counts.entry(folder.clone()).or_insert(0) += self.unread_in(subscription);
            }
        }
        counts
    }

    /// Unread entries in every feed.
    pub fn total_unread(&self) -> usize {
        self.subscriptions.iter().map(|s| self.unread_in(s)).sum()
    }

    /// Starred entries still cached (the count beside "Starred").
    pub fn starred_count(&self) -> usize {
        self.subscriptions
            .iter()
            .flat_map(|s| s.feed.entries.iter().map(|e| s.key(e)))
            .filter(|k| self.is_starred(*k))
            .count()
    }

    fn unread_in(&self, subscription: &Subscription) -> usize {
        subscription.feed.entries.iter().filter(|e| !self.is_read(subscription.key(e))).count()
    }
}

#[cfg(test)]
mod tests;
