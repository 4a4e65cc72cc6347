//! The record of a change to read or starred state, as the journal keeps it (and as a sync
//! with the reader's own server sends it), and replaying such records over a snapshot.

use serde::{Deserialize, Serialize};

use super::keys::{EntryKey, KeySet};
use super::time::Timestamp;

/// A change to read or starred state, as the journal keeps it: the record a sync with the
/// reader's own server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marked {
    pub at: Timestamp,
    pub keys: Vec<EntryKey>,
    /// `Some(true)`: marked read; `Some(false)`: marked unread.
    pub read: Option<bool>,
    pub starred: Option<bool>,
}

/// Read and starred state after replaying a journal over a snapshot, in order: the later
/// change to an entry wins.
pub fn replay(read: &mut KeySet, starred: &mut KeySet, journal: &[Marked]) {
    for marked in journal {
        for key in &marked.keys {
            match marked.read {
                Some(true) => read.insert(*key),
                Some(false) => read.remove(key),
                None => false,
            };
            match marked.starred {
                Some(true) => starred.insert(*key),
                Some(false) => starred.remove(key),
                None => false,
            };
        }
    }
}
