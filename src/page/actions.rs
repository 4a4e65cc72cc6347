//! What the reader can do, as the page turns it into commands for the engine. Where the
//! outcome is certain (a row turns read, a star shows), the page shows it at once; the
//! engine's answer confirms it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::keymap::Action;
use super::{Reading, Shown};
use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::{Filter, Preference, Scope, Sort, Trained};
use crate::protocol::{Command, Export};

impl Shown {
    /// Shows another part of the library (sidebar, g a, g s), closing the open entry.
    pub fn show(&self, scope: Scope) {
        self.view.update(|v| v.scope = scope);
        self.selected.set(None);
        self.article.set(None);
        self.cursor.set(None);
        self.ask_for_list();
    }

    /// Shows an entry in the reading pane; the engine marks it read. It stays in an
    /// "Unread" list until the reader changes what the list shows.
    pub fn open(&self, key: EntryKey) {
        if self.selected.get_untracked() != Some(key) {
            self.trainer.set(false);
            self.phrase.set(String::new());
        }
        self.selected.set(Some(key));
        self.cursor.set(Some(key));
        if self.article.with_untracked(|a| a.as_ref().is_some_and(|a| a.key != key)) {
            self.article.set(None);
        }
        self.mark_row(key, |row| row.read = true);
        self.send(Command::Open(key));
    }

    /// Changes how a row looks before the engine confirms it.
    fn mark_row(&self, key: EntryKey, change: impl FnOnce(&mut crate::protocol::Row)) {
        self.rows.update(|rows| {
            if let Some(row) = rows.get_mut(&key) {
                change(row);
            }
        });
    }

    /// Moves `delta` entries down (or up) the list from the cursor, opening the entry if
    /// asked. At either end it stays put.
    pub fn step(&self, delta: isize, open: bool) {
        let from = self.cursor.get_untracked().or(self.selected.get_untracked());
        let target = self.keys.with_untracked(|keys| {
            let index = match from.and_then(|key| keys.iter().position(|&k| k == key)) {
                Some(i) => i.checked_add_signed(delta).filter(|&i| i < keys.len()).unwrap_or(i),
                // Nothing chosen yet: j and n start at the top.
                None => 0,
            };
            keys.get(index).copied()
        });
        let Some(key) = target else { return };
        if open {
            self.open(key);
        } else {
            self.cursor.set(Some(key));
        }
    }

    /// The entry the shortcuts act on: the open one, else the one under the cursor.
    pub fn current(&self) -> Option<EntryKey> {
        self.selected.get_untracked().or(self.cursor.get_untracked())
    }

    fn is_read(&self, key: EntryKey) -> bool {
        let in_list = self.rows.with_untracked(|rows| rows.get(&key).map(|r| r.read));
        in_list.or_else(|| self.article.with_untracked(|a| a.as_ref().filter(|a| a.key == key).map(|a| a.read))).unwrap_or(false)
    }

    fn is_starred(&self, key: EntryKey) -> bool {
        let in_list = self.rows.with_untracked(|rows| rows.get(&key).map(|r| r.starred));
        in_list.or_else(|| self.article.with_untracked(|a| a.as_ref().filter(|a| a.key == key).map(|a| a.starred))).unwrap_or(false)
    }

    pub fn set_read(&self, key: EntryKey, read: bool) {
        self.mark_row(key, |row| row.read = read);
        self.article.update(|a| {
            if let Some(a) = a.as_mut().filter(|a| a.key == key) {
                a.read = read;
            }
        });
        self.send(Command::SetRead { keys: vec![key], read });
    }

    pub fn set_starred(&self, key: EntryKey, starred: bool) {
        self.mark_row(key, |row| row.starred = starred);
        self.article.update(|a| {
            if let Some(a) = a.as_mut().filter(|a| a.key == key) {
                a.starred = starred;
            }
        });
        self.send(Command::SetStarred { key, starred });
    }

    /// Changes the list's filter (unread / all / starred); remembered for the next visit.
    pub fn set_filter(&self, filter: Filter) {
        self.view.update(|v| v.filter = filter);
        self.ask_for_list();
        self.set(Preference::Filter(filter));
    }

    /// Flips the list's order; remembered for the next visit.
    pub fn toggle_sort(&self) {
        let sort = match self.view.with_untracked(|v| v.sort) {
            Sort::NewestFirst => Sort::OldestFirst,
            Sort::OldestFirst => Sort::NewestFirst,
        };
        self.view.update(|v| v.sort = sort);
        self.ask_for_list();
        self.set(Preference::Sort(sort));
    }

    /// The search box's text changed.
    pub fn search(&self, text: String) {
        self.view.update(|v| v.search = text);
        self.ask_for_list();
    }

    /// Changes one preference: shown at once, saved by the engine (which answers with the
    /// settings as they are then). Only the preference travels, never this page's copy of
    /// the settings, which may not have the engine's latest changes yet.
    pub fn set(&self, preference: Preference) {
        self.settings.update(|s| {
            s.set(preference.clone());
        });
        self.send(Command::Set(preference));
    }

    /// Teaches the trainer a rule, or forgets it.
    pub fn train(&self, rule: Trained) {
        self.send(Command::Train(rule));
    }

    pub fn untrain(&self, rule: Trained) {
        self.send(Command::Untrain(rule));
    }

    /// Which list this is, as the settings remember its look: its address without `#/`.
    pub fn list_name(&self) -> String {
        let route = crate::page::route::Route { scope: self.view.with(|v| v.scope.clone()), entry: None, saved: self.current_saved() };
        route.to_hash().trim_start_matches("#/").to_string()
    }

    /// Whether this list shows cards with pictures.
    pub fn cards(&self) -> bool {
        self.cards_now.get()
    }

    /// Cards or the plain list, for this list; remembered.
    pub fn toggle_cards(&self) {
        let list = self.list_name();
        let on = !self.settings.with_untracked(|s| s.cards.contains(&list));
        self.set(Preference::Cards { list, on });
    }

    /// Shows the entries the trainer hides, or leaves them out again.
    pub fn toggle_hidden(&self) {
        let show = !self.settings.with_untracked(|s| s.show_hidden);
        self.set(Preference::ShowHidden(show));
        let text = if show {
            "Showing the entries you disliked or filtered out."
        } else {
            "Leaving out the entries you disliked or filtered out."
        };
        self.status.set(Some(crate::protocol::Status::ok(text)));
    }

    /// Marks what the list shows above (or below) the current entry read.
    pub fn mark_beside(&self, above: bool) {
        if let Some(key) = self.current() {
            self.send(Command::MarkBeside { key, above });
        }
    }

    /// Marks rows read that the reader scrolled past (only rows the page has, and unread).
    pub fn scrolled_past(&self, keys: Vec<EntryKey>) {
        let unread: Vec<EntryKey> =
            self.rows.with_untracked(|rows| keys.into_iter().filter(|k| rows.get(k).is_some_and(|r| !r.read)).collect());
        if unread.is_empty() {
            return;
        }
        self.rows.update(|rows| {
            for key in &unread {
                if let Some(row) = rows.get_mut(key) {
                    row.read = true;
                }
            }
        });
        self.send(Command::SetRead { keys: unread, read: true });
    }

    pub fn mark_all_read(&self) {
        self.send(Command::MarkAllRead(self.view.with_untracked(|v| v.scope.clone())));
    }

    pub fn undo(&self, number: u32) {
        self.send(Command::Undo(number));
    }

    /// A pasted document, as the browser holds it (a JS string): it goes to the engine
    /// beside the message, never copied into the page's memory.
    pub fn add_text(&self, text: wasm_bindgen::JsValue) {
        self.send_with(Command::AddText(String::new()), text);
    }

    /// Files opened or dropped: handed to the engine as they are; it reads them.
    pub fn add_files(&self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        let list = js_sys::Array::new();
        for file in files {
            list.push(&file);
        }
        self.send_with(Command::AddFiles, list.into());
    }

    pub fn export(&self, what: Export) {
        self.send(Command::Export(what));
    }

    pub fn refresh_all(&self) {
        self.send(Command::Refresh(None));
    }

    pub fn refresh_feed(&self, id: FeedId) {
        self.send(Command::Refresh(Some(id)));
    }

    pub fn edit_feed(&self, id: FeedId, name: String, folder: String, proxy: String) {
        self.send(Command::EditFeed { id, name, folder, proxy });
    }

    pub fn remove_feed(&self, id: FeedId) {
        self.send(Command::Remove(id));
    }

    /// Looks up what the reader typed in "Add feed".
    pub fn look_up(&self, typed: String) {
        self.lookup.set(Some(crate::protocol::Lookup::Looking(typed.trim().to_string())));
        self.send(Command::LookUp(typed));
    }

    /// Closes the lookup (the dialog closed).
    pub fn forget_lookup(&self) {
        if self.lookup.with_untracked(Option::is_some) {
            self.lookup.set(None);
            self.send(Command::ForgetLookup);
        }
    }

    pub fn subscribe(&self, url: String) {
        self.lookup.set(None);
        self.send(Command::Subscribe(url));
    }

    /// Carries out what a key asks for.
    pub fn perform(&self, action: Action) {
        match action {
            Action::NextEntry => self.step(1, true),
            Action::PreviousEntry => self.step(-1, true),
            Action::CursorDown => self.step(1, false),
            Action::CursorUp => self.step(-1, false),
            Action::Open => {
                if let Some(key) = self.cursor.get_untracked() {
                    self.open(key);
                }
            }
            Action::OpenOriginal => self.open_original(),
            Action::ToggleText => self.toggle_text(),
            Action::ToggleRead => {
                if let Some(key) = self.current() {
                    self.set_read(key, !self.is_read(key));
                }
            }
            Action::ToggleStar => {
                if let Some(key) = self.current() {
                    self.set_starred(key, !self.is_starred(key));
                }
            }
            Action::MarkAllRead => self.mark_all_read(),
            Action::MarkAbove => self.mark_beside(true),
            Action::MarkBelow => self.mark_beside(false),
            Action::FocusSearch => {
                if let Some(field) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("search")) {
                    let _ = field.unchecked_ref::<web_sys::HtmlElement>().focus();
                }
            }
            Action::Refresh => self.refresh_all(),
            Action::GoAll => self.show(Scope::All),
            Action::GoStarred => self.show(Scope::Starred),
            Action::GoFocus => self.set_filter(Filter::Focus),
            Action::Train => {
                if self.selected.get_untracked().is_some() {
                    self.trainer.update(|open| *open = !*open);
                }
            }
            Action::ToggleHidden => self.toggle_hidden(),
            Action::ToggleCards => self.toggle_cards(),
            Action::Filters => {
                self.settings_open.set(true);
                // Once the panel is drawn.
                leptos::prelude::request_animation_frame(|| {
                    let field = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("filter-pattern"));
                    if let Some(field) = field.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = field.focus();
                    }
                });
            }
            Action::ShowHelp => self.help.update(|open| *open = !*open),
            Action::Close => {
                if self.help.get_untracked() {
                    self.help.set(false);
                } else if self.statistics.with_untracked(Option::is_some) {
                    self.statistics.set(None);
                } else if self.trainer.get_untracked() {
                    self.trainer.set(false);
                } else {
                    self.selected.set(None);
                }
            }
        }
    }

    /// Opens the current entry's original article in a new tab, as its title link would.
    /// Text view ↔ the feed's text, for the open entry: the whole article is asked for the
    /// first time, then kept with the entry.
    pub fn toggle_text(&self) {
        let Some((key, kept)) = self.article.with_untracked(|a| a.as_ref().map(|a| (a.key, a.text.is_some()))) else { return };
        match self.reading.get_untracked() {
            Reading::Text | Reading::Loading => self.reading.set(Reading::Feed),
            _ if kept => self.reading.set(Reading::Text),
            _ => {
                self.reading.set(Reading::Loading);
                self.send(Command::Text(key));
            }
        }
    }

    /// What the open entry's last update changed, or its text again.
    pub fn toggle_changes(&self) {
        let Some(key) = self.article.with_untracked(|a| a.as_ref().filter(|a| a.updated).map(|a| a.key)) else { return };
        if matches!(self.reading.get_untracked(), Reading::ChangesAsked | Reading::Changes(_)) {
            self.reading.set(Reading::Feed);
        } else {
            self.reading.set(Reading::ChangesAsked);
            self.send(Command::Changes(key));
        }
    }

    fn open_original(&self) {
        let Some(key) = self.current() else { return };
        let link = self.rows.with_untracked(|rows| rows.get(&key).and_then(|r| r.link.clone()));
        if let (Some(link), Some(window)) = (link, web_sys::window()) {
            // The sanitizer let only http(s) and mailto links into the library.
            let _ = window.open_with_url_and_target_and_features(&link, "_blank", "noopener,noreferrer");
        }
    }
}
