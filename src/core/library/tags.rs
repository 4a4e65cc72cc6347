//! Tags on starred entries (NewsBlur's saved-story tags): a starred entry can carry tags, and
//! Starred lists each tag as a view of its own with a count. They are kept in the settings, so
//! they travel in backups and reach other tabs as settings do.

use std::collections::BTreeMap;

use super::{EntryKey, Library};

/// A tag's longest form, in characters.
const TAG_CHARS: usize = 40;

/// Tags as the reader typed them (comma-separated), tidied: spaces folded, each once (in any
/// case, the first spelling kept), empty ones gone.
pub fn tidy_tags<'a>(typed: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in typed.into_iter().flat_map(|t| t.split(',')) {
        let tag: String = tag.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(TAG_CHARS).collect();
        if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag);
        }
    }
    tags
}

impl Library {
    /// Gives an entry these tags (none: it has none); says whether anything changed.
    pub fn set_tags(&mut self, key: EntryKey, tags: Vec<String>) -> bool {
        let tags = tidy_tags(tags.iter().map(String::as_str));
        let mut all = self.settings.tags.clone();
        all.retain(|(k, _)| *k != key);
        if !tags.is_empty() {
            all.push((key, tags));
            all.sort_by_key(|(k, _)| *k);
        }
        if all == self.settings.tags {
            return false;
        }
        self.settings.tags = all;
        self.touched.settings = true;
        // The lists of tags (and their counts) change.
        self.touched.scores = true;
        true
    }

    /// An entry's tags.
    pub fn tags_of(&self, key: EntryKey) -> &[String] {
        self.settings.tags.iter().find(|(k, _)| *k == key).map_or(&[], |(_, tags)| tags.as_slice())
    }

    /// Whether an entry carries this tag (in any case).
    pub fn has_tag(&self, key: EntryKey, tag: &str) -> bool {
        self.tags_of(key).iter().any(|t| t.to_lowercase() == tag.to_lowercase())
    }

    /// Each tag with how many starred entries here carry it, by name.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for (key, tags) in &self.settings.tags {
            let counted = self.starred.contains(key) && self.by_key.contains_key(key);
            for tag in tags {
                let entry = counts.entry(tag.to_lowercase()).or_insert_with(|| (tag.clone(), 0));
                entry.1 += counted as usize;
            }
        }
        counts.into_values().filter(|(_, n)| *n > 0).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entry, feed, subscribe, titles};
    use super::super::{Scope, View};
    use super::*;

    #[test]
    fn typed_tags_are_tidied() {
        assert_eq!(tidy_tags(["rust,  later ", "Rust", " ,", "to   read"]), ["rust", "later", "to read"]);
    }

    #[test]
    fn tagged_starred_entries_are_listed_and_counted_by_tag() {
        let mut library = Library::default();
        let id = subscribe(&mut library, feed("news", vec![entry("a", "A", Some(3)), entry("b", "B", Some(2)), entry("c", "C", Some(1))]));
        let key = |id_: &str| EntryKey::new(&id, id_);
        for k in ["a", "b"] {
            library.set_starred(key(k), true);
        }
        assert!(library.set_tags(key("a"), vec!["Rust, later".into()]));
        assert!(library.set_tags(key("b"), vec!["rust".into()]));
        // An entry not starred may keep tags, but is neither listed nor counted.
        library.set_tags(key("c"), vec!["rust".into()]);
        assert!(library.take_touched().settings);
        assert_eq!(library.tag_counts(), [("later".to_string(), 1), ("Rust".to_string(), 2)]);
        let tagged = |library: &Library, tag: &str| titles(library, &View { scope: Scope::Tag(tag.into()), ..View::default() });
        assert_eq!(tagged(&library, "rust"), ["A", "B"]);
        assert_eq!(tagged(&library, "later"), ["A"]);
        // Unstarred, it leaves the tag's list and count.
        library.set_starred(key("b"), false);
        assert_eq!(tagged(&library, "Rust"), ["A"]);
        assert_eq!(library.tag_counts(), [("later".to_string(), 1), ("Rust".to_string(), 1)]);
        // No tags: none kept.
        library.set_tags(key("a"), Vec::new());
        assert!(library.tags_of(key("a")).is_empty());
        assert!(!library.set_tags(key("a"), Vec::new()), "nothing changed");
    }
}
