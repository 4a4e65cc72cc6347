//! The entry list as the reader asks for it, "mark all as read" with undo, and unread counts.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::{EntryKey, FeedId, Library, Score};

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
    /// The entries the reader opened, most recently opened first ("Recently read").
    History,
    /// Starred entries with this tag (in any case).
    Tag(String),
    /// The stories the reader shared, the last shared first.
    Shared,
}

/// Which entries of the scope are shown, by their state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Filter {
    Unread,
    #[default]
    All,
    Starred,
    /// Entries the trainer likes, read or not (the count beside it is of unread ones).
    Focus,
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

/// A query for [`Library::list`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub scope: Scope,
    pub filter: Filter,
    pub sort: Sort,
    /// Words each of which must be part of some word of the entry's title or text, any case.
    #[serde(default)]
    pub search: String,
    /// Entries that stay in the list whatever their read or starred state: the page puts the
    /// entries the reader opened (or unstarred) since the list was last shown, so an entry
    /// marked read by opening it does not vanish from an "Unread" list under the reader when
    /// the list is drawn again (new entries arrived). It overrides only the state conditions
    /// (`filter` and `Scope::Starred`), never the feed, folder or search.
    #[serde(default)]
    pub keep: BTreeSet<EntryKey>,
}

/// The entries a view lists, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub keys: Vec<EntryKey>,
    /// The search index was still being built: entries not indexed yet are missing.
    pub partial: bool,
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

/// Unread entries per feed and per folder, and the sidebar's totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Every feed has a count, zero included.
    pub unread: HashMap<FeedId, usize>,
    /// Folders that have feeds.
    pub folders: BTreeMap<String, usize>,
    /// Unread entries in every feed.
    pub total: usize,
    /// Starred entries still held (the count beside "Starred").
    pub starred: usize,
    /// Unread entries the trainer likes (the count beside "Focus").
    #[serde(default)]
    pub focus: usize,
    /// Unread entries of each saved search, in the reader's order.
    #[serde(default)]
    pub saved: Vec<usize>,
    /// Each tag on starred entries with how many carry it, by name.
    #[serde(default)]
    pub tags: Vec<(String, usize)>,
    /// The stories the reader shared (still here).
    #[serde(default)]
    pub shared: usize,
}

impl Library {
    /// The entries a view shows, in its order. Ties (and undated entries) keep feed order.
    pub fn list(&self, view: &View) -> Listing {
        if view.scope == Scope::History {
            let keys: Vec<EntryKey> = self.history.iter().map(|&(key, _)| key).collect();
            return self.list_in_order(&keys, view);
        }
        if view.scope == Scope::Shared {
            let keys: Vec<EntryKey> = self.settings.shares.iter().map(|s| s.key).collect();
            return self.list_in_order(&keys, view);
        }
        let in_scope: Vec<bool> = {
            let mut numbers = vec![false; self.next_feed_number as usize];
            for followed in &self.followed {
                let s = &followed.subscription;
                numbers[followed.number as usize] = match &view.scope {
                    Scope::All | Scope::Starred | Scope::Tag(_) => true,
                    Scope::Feed(id) => &s.id == id,
                    Scope::Folder(name) => s.folder.as_deref() == Some(name.as_str()),
                    Scope::History | Scope::Shared => false,
                };
            }
            numbers
        };
        let hits = self.search.find(&view.search);
        let tag = match &view.scope {
            Scope::Tag(tag) => Some(tag.as_str()),
            _ => None,
        };
        let starred_needed = view.scope == Scope::Starred || tag.is_some() || view.filter == Filter::Starred;
        let unread_needed = view.filter == Filter::Unread;
        // Starred lists show what the reader starred, whatever the trainer thinks of it; the
        // others leave hidden entries out (even one just opened: the reader has just said so).
        let hide = !starred_needed && !self.settings.show_hidden;
        let scores = self.scores();
        // A feed's own list shows its copy of an article; the others show each article once.
        let copies = (!matches!(view.scope, Scope::Feed(_))).then(|| self.copies());
        let mut shown_groups: std::collections::HashSet<u32> = std::collections::HashSet::new();
        let keys = self
            .order(view.sort)
            .iter()
            .filter(|&&n| {
                let place = self.places[n as usize];
                let key = place.key;
                let score = scores[n as usize];
                in_scope[place.feed as usize]
                    && !(hide && score == Score::Hidden)
                    && (view.filter != Filter::Focus || score == Score::Liked)
                    && (view.keep.contains(&key) || ((!starred_needed || self.is_starred(key)) && (!unread_needed || !self.is_read(key))))
                    && hits.as_ref().is_none_or(|h| h.contains(n))
                    && tag.is_none_or(|tag| self.has_tag(key, tag))
            })
            .filter(|&&n| match copies {
                Some(copies) if copies.has_copies(n) => shown_groups.insert(copies.first(n)),
                _ => true,
            })
            .map(|&n| self.places[n as usize].key)
            .collect();
        Listing { keys, partial: hits.is_some() && !self.search_ready() }
    }

    /// A list in an order of its own (the read history, the shares): whatever the order asked,
    /// every entry still here that the search finds (its read state and the trainer do not
    /// matter: the reader opened or shared it).
    fn list_in_order(&self, keys: &[EntryKey], view: &View) -> Listing {
        let hits = self.search.find(&view.search);
        let keys = keys
            .iter()
            .filter_map(|&key| self.by_key.get(&key).map(|&n| (key, n)))
            .filter(|&(_, n)| hits.as_ref().is_none_or(|h| h.contains(n)))
            .map(|(key, _)| key)
            .collect();
        Listing { keys, partial: hits.is_some() && !self.search_ready() }
    }

    /// Every listed entry (slot numbers) in this order, computed once after each change.
    fn order(&self, sort: Sort) -> &[u32] {
        let cell = match sort {
            Sort::NewestFirst => &self.newest,
            Sort::OldestFirst => &self.oldest,
        };
        cell.get_or_init(|| {
            // Each date read once, beside its slot number: a sort that looked each one up in its
            // slot (190 bytes, in no order) missed the cache at every comparison.
            let mut all: Vec<(Option<crate::core::Timestamp>, u32)> =
                self.followed.iter().flat_map(|f| f.entries.iter().map(|&n| (self.slots[n as usize].summary.date, n))).collect();
            // Stable sorts keep feed order among equal dates; undated entries last either way.
            match sort {
                Sort::NewestFirst => all.sort_by_key(|&(date, _)| Reverse(date)),
                Sort::OldestFirst => all.sort_by_key(|&(date, _)| (date.is_none(), date)),
            }
            all.into_iter().map(|(_, n)| n).collect()
        })
    }

    /// Marks every entry in scope read; returns those that were unread, for undo.
    pub fn mark_all_read(&mut self, scope: &Scope) -> MarkedRead {
        let view = View { scope: scope.clone(), filter: Filter::Unread, ..View::default() };
        let keys = self.unread_with_copies(&self.list(&view).keys);
        for &key in &keys {
            self.set_read(key, true);
        }
        MarkedRead { keys }
    }

    /// Marks read the unread entries older than their feed's limit (its own, else the
    /// settings'), starred ones never; entries without a date are never too old. Returns
    /// those it marked.
    pub fn mark_old_read(&mut self, now: crate::core::time::Timestamp) -> MarkedRead {
        const DAY: i64 = 86_400_000;
        let everywhere = self.settings.read_after_days;
        let mut keys = Vec::new();
        for followed in &self.followed {
            let days = followed.subscription.read_after_days.unwrap_or(everywhere);
            if days == 0 {
                continue;
            }
            let before = now.0.saturating_sub(i64::from(days) * DAY);
            for &n in &followed.entries {
                let key = self.places[n as usize].key;
                let old = self.slots[n as usize].summary.date.is_some_and(|d| d.0 < before);
                if old && !self.read.contains(&key) && !self.starred.contains(&key) {
                    keys.push(key);
                }
            }
        }
        for &key in &keys {
            self.set_read(key, true);
        }
        MarkedRead { keys }
    }

    /// These entries and their copies, those of them unread.
    fn unread_with_copies(&self, keys: &[EntryKey]) -> Vec<EntryKey> {
        self.with_copies(keys).into_iter().filter(|k| !self.is_read(*k)).collect()
    }

    /// Marks the entries a view lists before `key` (`above`) or after it read, the entry
    /// itself left as it is; returns those that were unread, for undo.
    pub fn mark_beside(&mut self, view: &View, key: EntryKey, above: bool) -> MarkedRead {
        let listed = self.list(view).keys;
        let Some(at) = listed.iter().position(|&k| k == key) else { return MarkedRead::default() };
        let side = if above { &listed[..at] } else { &listed[at + 1..] };
        let keys = self.unread_with_copies(side);
        for &key in &keys {
            self.set_read(key, true);
        }
        MarkedRead { keys }
    }

    /// Makes the entries a "mark all as read" changed unread again.
    pub fn undo_mark_all(&mut self, marked: &MarkedRead) {
        for &key in &marked.keys {
            self.set_read(key, false);
        }
    }

    /// Unread entries per feed and folder, in all, and starred entries.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        let scores = self.scores();
        for followed in &self.followed {
            let (mut unread, mut starred) = (0, 0);
            for &n in &followed.entries {
                let key = self.places[n as usize].key;
                let score = scores[n as usize];
                let is_unread = !self.read.contains(&key) && (self.settings.show_hidden || score != Score::Hidden);
                unread += is_unread as usize;
                counts.focus += (is_unread && score == Score::Liked) as usize;
                starred += self.starred.contains(&key) as usize;
            }
            let s = &followed.subscription;
            counts.unread.insert(s.id.clone(), unread);
            if let Some(folder) = &s.folder {
                *counts.folders.entry(folder.clone()).or_insert(0) += unread;
            }
            counts.total += unread;
            counts.starred += starred;
        }
        // An article that came through several feeds counts once in all and in each folder.
        let folder_of: HashMap<u32, Option<&str>> = self.followed.iter().map(|f| (f.number, f.subscription.folder.as_deref())).collect();
        for group in self.copies().groups() {
            let mut unread_in: BTreeMap<Option<&str>, usize> = BTreeMap::new();
            for &m in group {
                let slot = &self.slots[m as usize];
                let unread = !self.read.contains(&slot.summary.key) && (self.settings.show_hidden || scores[m as usize] != Score::Hidden);
                let folder = folder_of.get(&slot.feed).copied().flatten();
                *unread_in.entry(folder).or_insert(0) += unread as usize;
            }
            let all: usize = unread_in.values().sum();
            counts.total -= all.saturating_sub(1);
            for (folder, unread) in unread_in {
                if let Some(count) = folder.and_then(|f| counts.folders.get_mut(f)) {
                    *count -= unread.saturating_sub(1);
                }
            }
        }
        counts.saved = self.saved_counts();
        counts.tags = self.tag_counts();
        counts.shared = self.settings.shares.iter().filter(|s| self.by_key.contains_key(&s.key)).count();
        counts
    }
}

#[cfg(test)]
mod tests;
