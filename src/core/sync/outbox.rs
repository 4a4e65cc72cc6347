//! What waits to be sent: the journal's records after the last one the server acknowledged,
//! for the account's entries, collapsed to the final intent per entry and flag (read, unread,
//! read sends one "read"), as set operations, never toggles: sending them twice is harmless.

use std::collections::BTreeMap;

use crate::core::keys::EntryKey;
use crate::core::marks::Marked;

/// The intents of a run of journal records: per entry, the last read state and the last
/// starred state it was given (each `None` when that flag was not touched).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outbox {
    pub read: BTreeMap<EntryKey, bool>,
    pub starred: BTreeMap<EntryKey, bool>,
}

impl Outbox {
    /// The final intents of `records` (in journal order) for the entries `ours` says are the
    /// account's.
    pub fn of(records: &[Marked], ours: impl Fn(EntryKey) -> bool) -> Outbox {
        let mut outbox = Outbox::default();
        for record in records {
            for &key in record.keys.iter().filter(|&&k| ours(k)) {
                if let Some(read) = record.read {
                    outbox.read.insert(key, read);
                }
                if let Some(starred) = record.starred {
                    outbox.starred.insert(key, starred);
                }
            }
        }
        outbox
    }

    /// Adds the intents of later records.
    pub fn extend(&mut self, records: &[Marked], ours: impl Fn(EntryKey) -> bool) {
        let later = Outbox::of(records, ours);
        self.read.extend(later.read);
        self.starred.extend(later.starred);
    }

    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.starred.is_empty()
    }

    /// How many changes wait.
    pub fn len(&self) -> usize {
        self.read.len() + self.starred.len()
    }

    /// Whether an entry has a change waiting (the rule when both sides changed it: a change
    /// made here that the server has not acknowledged wins).
    pub fn touches(&self, key: EntryKey) -> bool {
        self.read.contains_key(&key) || self.starred.contains_key(&key)
    }

    /// The set operations to send: (flag, on, entries), each group sent in batches.
    pub fn groups(&self) -> Vec<(Flag, bool, Vec<EntryKey>)> {
        let mut groups = Vec::new();
        for (flag, intents) in [(Flag::Read, &self.read), (Flag::Starred, &self.starred)] {
            for on in [true, false] {
                let keys: Vec<EntryKey> = intents.iter().filter(|(_, &v)| v == on).map(|(&k, _)| k).collect();
                if !keys.is_empty() {
                    groups.push((flag, on, keys));
                }
            }
        }
        groups
    }
}

/// A state an entry has on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Read,
    Starred,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::time::Timestamp;

    fn marked(keys: &[u64], read: Option<bool>, starred: Option<bool>) -> Marked {
        Marked { at: Timestamp(0), keys: keys.iter().map(|&k| EntryKey(k)).collect(), read, starred }
    }

    #[test]
    fn read_unread_read_sends_one_read_and_only_the_accounts_entries() {
        let records = [
            marked(&[1, 2, 9], Some(true), None),
            marked(&[1], Some(false), None),
            marked(&[1], Some(true), None),
            marked(&[2], None, Some(true)),
            marked(&[3], Some(false), None),
        ];
        let outbox = Outbox::of(&records, |k| k.0 != 9);
        assert_eq!(
            outbox.groups(),
            [
                (Flag::Read, true, vec![EntryKey(1), EntryKey(2)]),
                (Flag::Read, false, vec![EntryKey(3)]),
                (Flag::Starred, true, vec![EntryKey(2)]),
            ]
        );
        assert_eq!(outbox.len(), 4);
        assert!(outbox.touches(EntryKey(3)) && !outbox.touches(EntryKey(9)));
    }
}
