//! Story changes: the entries a refresh brought a new version of. Each shows "Updated", and
//! storage keeps the text it had before (the last earlier version only), for "Show changes".

use super::{EntryKey, Library};

impl Library {
    /// Whether a refresh brought a new version of this entry (its earlier text is kept).
    pub fn is_updated(&self, key: EntryKey) -> bool {
        self.updated.contains(&key)
    }

    /// The updated entries, for storage.
    pub fn updated(&self) -> Vec<EntryKey> {
        let mut keys: Vec<EntryKey> = self.updated.iter().copied().collect();
        keys.sort_unstable();
        keys
    }

    /// The updated entries as storage (or another tab) has them.
    pub fn restore_updated(&mut self, keys: Vec<EntryKey>) {
        self.updated = keys.into_iter().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{arrivals, entry, feed, subscribe};
    use super::*;
    use crate::core::{Markup, MarkupKind};

    fn with_body(id: &str, body: &str) -> crate::core::model::Entry {
        let mut entry = entry(id, "Title", Some(1_000));
        entry.summary = Some(crate::core::sanitize::sanitize_markup(&Markup { kind: MarkupKind::Html, body: body.into(), base: None }));
        entry
    }

    #[test]
    fn a_changed_text_is_an_update_an_unchanged_one_is_not() {
        let mut library = Library::default();
        let id = subscribe(&mut library, feed("news", vec![with_body("a", "Friday"), with_body("b", "Same")]));
        library.take_touched();
        let (meta, incoming) = arrivals(feed("news", vec![with_body("a", "Monday"), with_body("b", "Same")]));
        library.take_in(&id, meta, &incoming);
        let touched = library.take_touched();
        let a = EntryKey::new(&id, "a");
        assert_eq!(touched.revised, [a]);
        assert!(touched.updated);
        assert!(library.is_updated(a));
        assert!(!library.is_updated(EntryKey::new(&id, "b")));
        assert_eq!(library.updated(), [a]);
    }

    #[test]
    fn entries_whose_words_are_not_read_yet_are_not_taken_for_updated() {
        let mut first = Library::default();
        let id = subscribe(&mut first, feed("news", vec![with_body("a", "Friday")]));
        // A start: the summaries come back before their words.
        let mut library = Library::default();
        library.restore_feed(first.subscription(&id).unwrap().clone(), first.summaries_of(&id));
        let (meta, incoming) = arrivals(feed("news", vec![with_body("a", "Friday")]));
        library.take_in(&id, meta, &incoming);
        assert!(library.take_touched().revised.is_empty());
        assert!(!library.is_updated(EntryKey::new(&id, "a")));
    }
}
