//! Read history: the entries the reader opened, most recently opened first, with when, so an
//! entry opened by mistake (or read and wanted again) is easy to find. Only opening counts:
//! "mark all read" and entries scrolled past would bury what was read in what was not.

use super::{EntryKey, Library};
use crate::core::time::Timestamp;

/// How many opened entries "Recently read" keeps (the oldest go first).
pub const HISTORY_LIMIT: usize = 500;

impl Library {
    /// The reader opened an entry at `at`: it goes to the top of the history (once).
    pub fn record_opened(&mut self, key: EntryKey, at: Timestamp) {
        if self.history.first().is_some_and(|&(first, _)| first == key) {
            return;
        }
        self.history.retain(|&(k, _)| k != key);
        self.history.insert(0, (key, at));
        self.history.truncate(HISTORY_LIMIT);
        self.touched.history = true;
    }

    /// The entries opened, most recent first, with when.
    pub fn history(&self) -> &[(EntryKey, Timestamp)] {
        &self.history
    }

    /// When the reader last opened an entry, if it is in the history.
    pub fn opened_at(&self, key: EntryKey) -> Option<Timestamp> {
        self.history.iter().find(|&&(k, _)| k == key).map(|&(_, at)| at)
    }

    /// The history as storage (or another tab) has it.
    pub fn restore_history(&mut self, history: Vec<(EntryKey, Timestamp)>) {
        self.history = history;
        self.history.truncate(HISTORY_LIMIT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::keys::FeedId;

    fn key(n: u32) -> EntryKey {
        EntryKey::new(&FeedId("f".into()), &n.to_string())
    }

    #[test]
    fn the_last_opened_comes_first_once_and_the_oldest_go_past_the_limit() {
        let mut library = Library::default();
        for n in 0..(HISTORY_LIMIT as u32 + 10) {
            library.record_opened(key(n), Timestamp(n as i64));
        }
        assert_eq!(library.history().len(), HISTORY_LIMIT);
        assert_eq!(library.history()[0], (key(HISTORY_LIMIT as u32 + 9), Timestamp(HISTORY_LIMIT as i64 + 9)));
        assert_eq!(library.history().last().unwrap().0, key(10), "the ten oldest are gone");
        assert!(library.take_touched().history);

        // Opened again, an entry moves to the top with its new time, and is listed once.
        library.record_opened(key(100), Timestamp(10_000));
        assert_eq!(library.history()[0], (key(100), Timestamp(10_000)));
        assert_eq!(library.history().iter().filter(|(k, _)| *k == key(100)).count(), 1);
        assert_eq!(library.opened_at(key(100)), Some(Timestamp(10_000)));
        // Opening the top entry again changes nothing (j/k back and forth).
        library.take_touched();
        library.record_opened(key(100), Timestamp(20_000));
        assert!(!library.take_touched().history);
    }
}
