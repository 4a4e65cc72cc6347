//! Shared stories as the reader's own feed (NewsBlur's blurblog): an entry shared here, with an
//! optional comment, joins "Shared", and the reader can download them as an Atom feed to put on
//! any static host. Shares are kept in the settings, so they travel in backups and reach other
//! tabs; a shared entry is never pruned.

use serde::{Deserialize, Serialize};

use super::{EntryKey, Library};
use crate::core::time::Timestamp;

/// One story the reader shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub key: EntryKey,
    pub at: Timestamp,
    /// What the reader said of it.
    pub comment: Option<String>,
}

impl Library {
    /// Shares an entry (again: its comment changes, it stays where it was); says whether
    /// anything changed.
    pub fn share(&mut self, key: EntryKey, comment: Option<String>, at: Timestamp) -> bool {
        let comment = comment.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
        let shares = &mut self.settings.shares;
        match shares.iter_mut().find(|s| s.key == key) {
            Some(share) if share.comment == comment => return false,
            Some(share) => share.comment = comment,
            None => shares.insert(0, Share { key, at, comment }),
        }
        self.touched.settings = true;
        self.touched.scores = true;
        true
    }

    /// Shares an entry no more; says whether it was shared.
    pub fn unshare(&mut self, key: EntryKey) -> bool {
        let before = self.settings.shares.len();
        self.settings.shares.retain(|s| s.key != key);
        let changed = self.settings.shares.len() != before;
        if changed {
            self.touched.settings = true;
            self.touched.scores = true;
        }
        changed
    }

    /// The reader's shares, the last shared first.
    pub fn shares(&self) -> &[Share] {
        &self.settings.shares
    }

    pub fn is_shared(&self, key: EntryKey) -> bool {
        self.settings.shares.iter().any(|s| s.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entry, feed, subscribe, titles};
    use super::super::{Scope, View};
    use super::*;

    #[test]
    fn shared_entries_are_listed_last_shared_first_and_a_comment_can_change() {
        let mut library = Library::default();
        let id = subscribe(&mut library, feed("news", vec![entry("a", "A", Some(3)), entry("b", "B", Some(2))]));
        let (a, b) = (EntryKey::new(&id, "a"), EntryKey::new(&id, "b"));
        assert!(library.share(b, Some("  Worth it. ".into()), Timestamp(10)));
        assert!(library.share(a, None, Timestamp(20)));
        assert!(library.take_touched().settings);
        let shared = |library: &Library| titles(library, &View { scope: Scope::Shared, ..View::default() });
        assert_eq!(shared(&library), ["A", "B"]);
        assert_eq!(library.shares()[1].comment.as_deref(), Some("Worth it."));
        assert!(library.share(b, Some("Changed my mind".into()), Timestamp(30)));
        assert_eq!(shared(&library), ["A", "B"], "a new comment does not move it");
        assert!(!library.share(b, Some("Changed my mind".into()), Timestamp(40)));
        assert!(library.unshare(a));
        assert_eq!(shared(&library), ["B"]);
        assert!(!library.unshare(a));
    }
}
