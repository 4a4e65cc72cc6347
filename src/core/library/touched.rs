//! What the library's changes touched since they were last taken: the one record of a change,
//! from which the engine writes storage (one transaction), tells the page, tells other tabs,
//! and (later) the reader's server. Every mutation of the library records here what it
//! changed; restoring what storage already holds (a start, another tab's change) does not.

use std::collections::BTreeSet;

use super::{EntryKey, FeedId};
use crate::core::extract::FullText;
use crate::core::marks::Marked;
use crate::core::model::Arrival;
use crate::core::time::Timestamp;

/// Everything changed since the library's changes were last taken.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Touched {
    /// Feeds whose record changed (name, folder, fetch log, proxy, notifications, verdicts).
    pub records: BTreeSet<FeedId>,
    /// Feeds whose entries changed (arrived, merged, pruned): their summaries are written whole.
    pub entries: BTreeSet<FeedId>,
    /// Articles that arrived new or changed, with their excerpt and search words.
    pub articles: Vec<(FeedId, Arrival)>,
    /// Articles pruned.
    pub dropped: Vec<(FeedId, EntryKey)>,
    /// Subscriptions removed (their entries stay stored until forgotten, so undo is cheap).
    pub removed: BTreeSet<FeedId>,
    /// Feeds whose stored entries go for good.
    pub forgotten: BTreeSet<FeedId>,
    /// The reader's order of subscriptions changed (added, removed, restored).
    pub order: bool,
    /// Read and starred changes, in order; stamped with the time when taken.
    pub marks: Vec<Marked>,
    /// The settings changed.
    pub settings: bool,
    /// What lists show changed beyond the entries: the trainer's rules, the filters' verdicts,
    /// "show hidden".
    pub scores: bool,
    /// The account changed (connected, synced, acknowledged, forgotten).
    pub account: bool,
    /// Read and starred state the server says (written into the snapshot, never sent back).
    pub server_marks: Vec<Marked>,
    /// Entries a new version arrived for: storage keeps the text each had before.
    pub revised: Vec<EntryKey>,
    /// The set of updated entries changed (written whole).
    pub updated: bool,
    /// The read history changed (an entry opened).
    pub history: bool,
    /// Whole articles read from entries' pages (Text view), kept with the entries.
    pub texts: Vec<(FeedId, EntryKey, FullText)>,
}

impl Touched {
    pub fn is_empty(&self) -> bool {
        self == &Touched::default()
    }

    /// Records a change of read or starred state, joined to the last one when it is of the
    /// same kind (a mark of many entries is one record).
    pub(super) fn mark(&mut self, key: EntryKey, read: Option<bool>, starred: Option<bool>) {
        match self.marks.last_mut() {
            Some(last) if last.read == read && last.starred == starred => last.keys.push(key),
            _ => self.marks.push(Marked { at: Timestamp(0), keys: vec![key], read, starred }),
        }
    }

    /// Every key whose read or starred state changed (here or on the server).
    pub fn marked_keys(&self) -> Vec<EntryKey> {
        let mut keys: Vec<EntryKey> = self.marks.iter().chain(&self.server_marks).flat_map(|m| m.keys.iter().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Whether what lists show (or count) may have changed.
    pub fn lists_changed(&self) -> bool {
        !self.entries.is_empty() || !self.removed.is_empty() || self.scores || self.order
    }

    /// Whether the sidebar's feeds changed.
    pub fn feeds_changed(&self) -> bool {
        !self.records.is_empty() || !self.entries.is_empty() || !self.removed.is_empty() || self.order
    }
}
