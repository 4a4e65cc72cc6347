//! Saved searches: a search with its scope and filter, kept as a sidebar view with its own
//! unread count. The entries each one lists (before read state) are worked out once after a
//! change, so counting them again after every mark costs a pass over their keys, not a search.

use serde::{Deserialize, Serialize};

use super::{Filter, Library, Scope, Sort, View};

/// A search the reader saved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Saved {
    pub name: String,
    pub scope: Scope,
    pub filter: Filter,
    pub search: String,
}

impl Saved {
    /// The list it shows, in this order.
    pub fn view(&self, sort: Sort) -> View {
        View { scope: self.scope.clone(), filter: self.filter, sort, search: self.search.clone(), ..View::default() }
    }

    /// Whether a list is this saved search (whatever its order).
    pub fn is(&self, view: &View) -> bool {
        view.scope == self.scope && view.filter == self.filter && view.search.trim() == self.search.trim()
    }
}

impl Library {
    /// Keeps a search as a sidebar view, named after its words (with a number when that name
    /// is taken); returns its name, or `None` when there is nothing to search for or the
    /// same search is saved already.
    pub fn save_search(&mut self, scope: Scope, filter: Filter, search: &str) -> Option<String> {
        let search = search.trim().to_string();
        let view = View { scope: scope.clone(), filter, search: search.clone(), ..View::default() };
        if search.is_empty() || self.settings.saved.iter().any(|s| s.is(&view)) {
            return None;
        }
        let taken = |name: &str| self.settings.saved.iter().any(|saved| saved.name == name);
        let name = (1..).map(|n| if n == 1 { search.clone() } else { format!("{search} ({n})") }).find(|name| !taken(name))?;
        let mut saved = self.settings.saved.clone();
        saved.push(Saved { name: name.clone(), scope, filter, search });
        self.set_saved(saved);
        Some(name)
    }

    /// Renames a saved search; a blank name or one already taken changes nothing.
    pub fn rename_saved(&mut self, from: &str, to: &str) -> bool {
        let to = to.trim();
        if to.is_empty() || self.settings.saved.iter().any(|s| s.name == to) {
            return false;
        }
        let mut saved = self.settings.saved.clone();
        let Some(found) = saved.iter_mut().find(|s| s.name == from) else { return false };
        found.name = to.to_string();
        self.set_saved(saved)
    }

    /// Removes a saved search; says whether it was there.
    pub fn remove_saved(&mut self, name: &str) -> bool {
        let mut saved = self.settings.saved.clone();
        saved.retain(|s| s.name != name);
        self.set_saved(saved)
    }

    /// Replaces the saved searches (an undo puts them back); says whether they changed.
    pub fn set_saved(&mut self, saved: Vec<Saved>) -> bool {
        if self.settings.saved == saved {
            return false;
        }
        self.settings.saved = saved;
        self.saved_lists = std::cell::OnceCell::new();
        self.touched.settings = true;
        true
    }

    /// Unread entries of each saved search, in order.
    pub(super) fn saved_counts(&self) -> Vec<usize> {
        let lists = self.saved_lists.get_or_init(|| {
            self.settings
                .saved
                .iter()
                .map(|saved| {
                    // Read state is left to the count; the trainer's Focus is not.
                    let filter = if saved.filter == Filter::Focus { Filter::Focus } else { Filter::All };
                    self.list(&View { filter, ..saved.view(Sort::NewestFirst) }).keys
                })
                .collect()
        });
        self.settings
            .saved
            .iter()
            .zip(lists)
            .map(|(saved, keys)| {
                let starred_only = saved.filter == Filter::Starred || saved.scope == Scope::Starred;
                keys.iter().filter(|&&k| !self.is_read(k) && (!starred_only || self.is_starred(k))).count()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::core::keys::EntryKey;
    use crate::core::library::testing::{entry, feed, subscribe};
    use crate::core::library::{Filter, Library, Saved, Scope};

    #[test]
    fn each_saved_search_counts_its_unread_entries_and_follows_changes() {
        let mut library = Library::default();
        let a = subscribe(&mut library, feed("a", vec![entry("1", "rust news", Some(3)), entry("2", "go news", Some(2))]));
        let b = subscribe(&mut library, feed("b", vec![entry("1", "rust tips", Some(1))]));
        let rust = Saved { name: "Rust".into(), scope: Scope::All, filter: Filter::All, search: "rust".into() };
        let rust_in_a = Saved { name: "Rust in a".into(), scope: Scope::Feed(a.clone()), filter: Filter::Unread, search: "rust".into() };
        library.set_saved(vec![rust.clone(), rust_in_a]);
        assert_eq!(library.counts().saved, [2, 1]);
        library.set_read(EntryKey::new(&b, "1"), true);
        assert_eq!(library.counts().saved, [1, 1], "a mark counts at once");
        subscribe(
            &mut library,
            feed("a", vec![entry("3", "more rust", Some(4)), entry("1", "rust news", Some(3)), entry("2", "go news", Some(2))]),
        );
        assert_eq!(library.counts().saved, [2, 2], "so does a new entry");
        library.set_saved(vec![rust]);
        assert_eq!(library.counts().saved, [2]);
    }
}
