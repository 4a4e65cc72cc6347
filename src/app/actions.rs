//! What the reader can do: add documents and files, star, mark all read, rearrange and remove
//! feeds (with undo), export, and the keyboard commands. Each action changes the library
//! through its rules and saves only the part that changed.

use leptos::prelude::*;

use super::reader::{plural, Reader, Status, Undo};
use crate::core::decode::decode;
use crate::core::library::{FeedId, Scope};
use crate::core::{backup, opml, read_feed, Feed, Timestamp};
use crate::keymap::Command;
use crate::web::files;
use crate::web::text_decoder::{parse_options, BROWSER_DECODER};

/// "file.xml: added …" after a file name, "Added …" on its own.
fn sentence(prefix: &str, text: &str) -> String {
    if !prefix.is_empty() {
        return format!("{prefix}{text}");
    }
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl Reader {
    /// Reads a document the reader pasted, opened or dropped — a feed, or an OPML list of
    /// subscriptions — and adds it. Returns what to tell them: what was added, or what is
    /// wrong with the document and where.
    pub fn add_document(&self, name: Option<&str>, bytes: &[u8]) -> Status {
        let prefix = name.map(|n| format!("{n}: ")).unwrap_or_default();
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Status::error(sentence(&prefix, "the document is empty."));
        }
        if looks_like_opml(bytes) {
            return self.add_opml(&prefix, bytes);
        }
        if looks_like_backup(bytes) {
            return self.import_backup(&prefix, bytes);
        }
        match read_feed(bytes, &parse_options(None, None)) {
            Ok(feed) => {
                let title = feed.title.clone().unwrap_or_else(|| "the feed".into());
                let count = feed.entries.len();
                let warnings = feed.diagnostics.len();
                self.add_feed(feed, None);
                let mut text = sentence(&prefix, &format!("added {title}: {}.", plural(count, "entry", "entries")));
                if warnings > 0 {
                    text.push_str(&format!(" {} in the document worked around.", plural(warnings, "problem", "problems")));
                }
                Status::ok(text)
            }
            Err(error) => Status::error(sentence(&prefix, &format!("this is not a feed the reader can use: {error}"))),
        }
    }

    fn add_opml(&self, prefix: &str, bytes: &[u8]) -> Status {
        let text = decode(bytes, None, Some(&BROWSER_DECODER)).text;
        match opml::import(&text) {
            Ok(feeds) => {
                let listed = feeds.len();
                let added = self.library.try_update(|l| l.import_opml(feeds)).unwrap_or(0);
                self.save_subscriptions();
                Status::ok(sentence(
                    prefix,
                    &format!(
                        "imported {} of {} listed (the others were already here). They wait for their first fetch.",
                        plural(added, "subscription", "subscriptions"),
                        listed
                    ),
                ))
            }
            Err(error) => Status::error(sentence(prefix, &format!("this subscription list could not be read: {error}"))),
        }
    }

    /// Reads every file the reader opened or dropped, one after the other.
    pub fn add_files(&self, files: Vec<web_sys::File>) {
        let reader = *self;
        leptos::task::spawn_local(async move {
            let mut messages = Vec::new();
            let mut error = false;
            for file in &files {
                let status = match files::read(file).await {
                    Ok(opened) => reader.add_document(Some(&opened.name), &opened.bytes),
                    Err(text) => Status::error(text),
                };
                error |= status.error;
                messages.push(status.text);
            }
            if !messages.is_empty() {
                reader.status.set(Some(Status { text: messages.join(" "), error, undo: None }));
            }
        });
    }

    /// Subscribes to a parsed feed (or refreshes the subscription it already is) and shows it.
    pub fn add_feed(&self, feed: Feed, source: Option<String>) -> FeedId {
        let id = self.library.try_update(|library| library.subscribe(feed, source)).unwrap_or_else(|| FeedId(String::new()));
        self.show(Scope::Feed(id.clone()));
        // The new entries show first; saving them (JSON for thousands of entries) and
        // indexing them for search follow right after.
        let (reader, saved) = (*self, id.clone());
        self.when_idle(move || {
            reader.save_subscriptions();
            reader.save_entries(std::slice::from_ref(&saved));
            reader.library.with_untracked(crate::core::library::Library::prepare_search);
        });
        id
    }

    /// Marks everything in the current scope read, offering undo.
    pub fn mark_all_read(&self) {
        let scope = self.view.with_untracked(|v| v.scope.clone());
        let marked = self.library.try_update(|l| l.mark_all_read(&scope)).unwrap_or_default();
        if marked.is_empty() {
            self.status.set(Some(Status::ok("Everything here was already read.")));
            return;
        }
        self.save_read();
        let text = format!("Marked {} as read.", plural(marked.len(), "entry", "entries"));
        self.status.set(Some(Status { text, error: false, undo: Some(Undo::MarkAllRead(marked)) }));
    }

    /// Unsubscribes, offering undo; read and starred state stay, so undo loses nothing.
    pub fn remove_feed(&self, id: &FeedId) {
        // The feed's cached entries stay in IndexedDB so undo needs no rewrite; the next start
        // forgets entries of feeds no longer subscribed.
        let Some(removed) = self.library.try_update(|l| l.remove(id)).flatten() else { return };
        self.save_subscriptions();
        if self.view.with_untracked(|v| v.scope == Scope::Feed(id.clone())) {
            self.show(Scope::All);
        }
        let text = format!("Removed {}.", removed.subscription().title());
        self.status.set(Some(Status { text, error: false, undo: Some(Undo::Remove(removed)) }));
    }

    /// Renames a feed (a blank name goes back to the feed's own title).
    pub fn rename_feed(&self, id: &FeedId, name: String) {
        if self.library.try_update(|l| l.rename(id, Some(name))).unwrap_or(false) {
            self.save_subscriptions();
        }
    }

    /// Puts a feed in a folder (a blank name takes it out).
    pub fn move_feed(&self, id: &FeedId, folder: String) {
        let folder = Some(folder.trim().to_string()).filter(|f| !f.is_empty());
        if self.library.try_update(|l| l.set_folder(id, folder)).unwrap_or(false) {
            self.save_subscriptions();
        }
    }

    /// Sets the CORS proxy of one feed (a blank one falls back to the one in Settings).
    pub fn set_feed_proxy(&self, id: &FeedId, template: String) {
        if self.library.try_update(|l| l.set_proxy(id, Some(template))).unwrap_or(false) {
            self.save_subscriptions();
        }
    }

    /// Puts back what the last action changed.
    pub fn undo(&self, undo: Undo) {
        match undo {
            Undo::MarkAllRead(marked) => {
                self.library.update(|l| l.undo_mark_all(marked));
                self.save_read();
            }
            Undo::Remove(removed) => {
                self.library.update(|l| l.restore(removed));
                self.save_subscriptions();
            }
        }
        self.status.set(Some(Status::ok("Undone.")));
    }

    /// Merges a backup into what is here: subscriptions by id, read and starred as unions.
    /// The backup's settings replace the current ones.
    fn import_backup(&self, prefix: &str, bytes: &[u8]) -> Status {
        let text = String::from_utf8_lossy(bytes);
        let before = self.library.with_untracked(|l| l.subscriptions().len());
        let mut outcome = None;
        self.library.maybe_update(|library| match backup::import(library, &text) {
            Ok(settings) => {
                outcome = Some(Ok(settings));
                true
            }
            Err(error) => {
                outcome = Some(Err(error));
                false
            }
        });
        match outcome {
            Some(Ok(settings)) => {
                self.save_subscriptions();
                let all: Vec<FeedId> = self.library.with_untracked(|l| l.subscriptions().iter().map(|s| s.id.clone()).collect());
                self.save_entries(&all);
                self.save_read();
                self.save_starred();
                self.update_settings(|s| *s = settings);
                let added = self.library.with_untracked(|l| l.subscriptions().len()) - before;
                Status::ok(sentence(prefix, &format!("restored the backup: added {}; read and starred state merged.", plural(added, "feed", "feeds"))))
            }
            Some(Err(error)) => Status::error(sentence(prefix, &format!("this backup could not be restored: {error}"))),
            None => Status::error(sentence(prefix, "this backup could not be restored.")),
        }
    }

    /// Offers everything (subscriptions with cached entries, read, starred, settings) as one
    /// JSON file.
    pub fn export_backup(&self) {
        let now = Timestamp(js_sys::Date::now() as i64);
        let text = self.settings.with_untracked(|settings| self.library.with_untracked(|l| backup::to_json(l, settings, Some(now))));
        if let Err(message) = files::download("feedreader-backup.json", "application/json", &text) {
            self.status.set(Some(Status::error(message)));
        }
    }

    /// Offers the subscriptions as an OPML file.
    pub fn export_opml(&self) {
        let now = Timestamp(js_sys::Date::now() as i64);
        let text = self.library.with_untracked(|l| opml::export(l, now));
        if let Err(message) = files::download("subscriptions.opml", "text/x-opml", &text) {
            self.status.set(Some(Status::error(message)));
        }
    }

    /// Carries out a keyboard command.
    pub fn perform(&self, command: Command) {
        match command {
            Command::NextEntry => self.step(1, true),
            Command::PreviousEntry => self.step(-1, true),
            Command::CursorDown => self.step(1, false),
            Command::CursorUp => self.step(-1, false),
            Command::Open => {
                if let Some(key) = self.cursor.get_untracked() {
                    self.open(key);
                }
            }
            Command::OpenOriginal => self.open_original(),
            Command::ToggleRead => {
                if let Some(key) = self.current() {
                    let read = self.library.with_untracked(|l| l.is_read(key));
                    self.set_read(key, !read);
                }
            }
            Command::ToggleStar => {
                if let Some(key) = self.current() {
                    let starred = self.library.with_untracked(|l| l.is_starred(key));
                    self.set_starred(key, !starred);
                }
            }
            Command::MarkAllRead => self.mark_all_read(),
            Command::FocusSearch => {
                if let Some(field) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("search")) {
                    let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&field).focus();
                }
            }
            Command::Refresh => self.refresh_all(true),
            Command::GoAll => self.show(Scope::All),
            Command::GoStarred => self.show(Scope::Starred),
            Command::ShowHelp => self.help.update(|open| *open = !*open),
            Command::Close => {
                if self.help.get_untracked() {
                    self.help.set(false);
                } else {
                    self.selected.set(None);
                }
            }
        }
    }

    /// Opens the current entry's original article in a new tab, as its title link would.
    fn open_original(&self) {
        let Some(key) = self.current() else { return };
        let link = self.library.with_untracked(|l| l.entry(key).and_then(|r| r.entry.link.clone()));
        if let (Some(link), Some(window)) = (link, web_sys::window()) {
            // The sanitizer let only http(s) and mailto links into the library.
            let _ = window.open_with_url_and_target_and_features(&link, "_blank", "noopener,noreferrer");
        }
    }
}

/// An OPML document starts (after any declaration, comments or whitespace) with `<opml`.
fn looks_like_opml(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.contains("<opml")
}

/// Our backup files say so near their start: `{"format": "feedreader-backup", …`.
fn looks_like_backup(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
    head.trim_start().starts_with('{') && head.contains(backup::FORMAT)
}
