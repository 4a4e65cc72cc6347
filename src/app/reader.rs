//! The page's shared state: the library in a signal, what is selected and shown, and the
//! actions every pane and shortcut performs. The rules live in `core::library`; this is glue.

use leptos::prelude::*;

use super::sample;
use crate::core::library::{EntryKey, FeedId, Library};
use crate::core::{read_feed, Feed, Timestamp};
use crate::keymap::Command;
use crate::web::files;
use crate::web::storage::{self, StorageError};
use crate::web::text_decoder::parse_options;

/// One row of the entry list, copied out of the library.
#[derive(Clone, PartialEq)]
pub struct Row {
    pub key: EntryKey,
    pub title: String,
    pub feed: String,
    pub date: Option<Timestamp>,
}

/// The shared state of the page, handed to each pane through context.
#[derive(Clone, Copy)]
pub struct Reader {
    pub library: RwSignal<Library>,
    /// The entry open in the reading pane.
    pub selected: RwSignal<Option<EntryKey>>,
    /// The feed whose entries the list shows; `None` is the "All" river.
    pub filter: RwSignal<Option<FeedId>>,
    /// The entries the list shows, in order.
    pub list: Memo<Vec<Row>>,
    /// The list position moved by n / p without opening.
    pub cursor: RwSignal<Option<EntryKey>>,
    /// Whether the shortcut help is open.
    pub help: RwSignal<bool>,
    /// Problems the reader must hear about (storage trouble), newest last.
    pub notices: RwSignal<Vec<String>>,
    /// The outcome of the last thing the reader did (a feed added, a file refused).
    pub status: RwSignal<Option<Status>>,
}

/// A short message about what just happened.
#[derive(Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Reader {
    /// Loads what the device has saved; on a first visit, subscribes the bundled sample feed.
    pub(super) fn load() -> Reader {
        let loaded = storage::load();
        let first_visit = loaded.subscriptions.is_none();
        let mut library = Library::new(loaded.subscriptions.unwrap_or_default(), loaded.read);
        let mut notices: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        if first_visit {
            match sample::feed() {
                Ok(feed) => {
                    library.subscribe(feed, None);
                }
                Err(error) => notices.push(format!("The sample feed could not be read: {error}")),
            }
        }
        let library = RwSignal::new(library);
        let filter = RwSignal::new(None::<FeedId>);
        let list = Memo::new(move |_| {
            let filter = filter.get();
            library.with(|library| {
                library
                    .river()
                    .into_iter()
                    .filter(|r| filter.as_ref().is_none_or(|f| &r.subscription.id == f))
                    .map(|r| Row {
                        key: r.key,
                        title: r.entry.title.clone().unwrap_or_else(|| "(untitled)".into()),
                        feed: r.subscription.title().to_string(),
                        date: r.date(),
                    })
                    .collect::<Vec<_>>()
            })
        });
        let reader = Reader {
            library,
            selected: RwSignal::new(None),
            filter,
            list,
            cursor: RwSignal::new(None),
            help: RwSignal::new(false),
            notices: RwSignal::new(notices),
            status: RwSignal::new(None),
        };
        if first_visit {
            reader.save_subscriptions();
        }
        reader
    }

    fn report(&self, result: Result<(), StorageError>) {
        if let Err(error) = result {
            self.notices.update(|n| n.push(error.to_string()));
        }
    }

    fn save_subscriptions(&self) {
        let result = self.library.with_untracked(storage::save_subscriptions);
        self.report(result);
    }

    fn save_read(&self) {
        let result = self.library.with_untracked(storage::save_read);
        self.report(result);
    }

    /// Shows an entry in the reading pane and marks it read.
    pub fn open(&self, key: EntryKey) {
        self.selected.set(Some(key));
        self.cursor.set(Some(key));
        self.set_read(key, true);
    }

    /// Moves `delta` entries down (or up) the list from the cursor, opening the entry if asked.
    /// At either end it stays put.
    pub fn step(&self, delta: isize, open: bool) {
        let from = self.cursor.get_untracked().or(self.selected.get_untracked());
        let target = self.list.with_untracked(|rows| {
            let index = match from.and_then(|key| rows.iter().position(|r| r.key == key)) {
                Some(i) => i.checked_add_signed(delta).filter(|&i| i < rows.len()).unwrap_or(i),
                // Nothing chosen yet: j and n start at the top.
                None => 0,
            };
            rows.get(index).map(|r| r.key)
        });
        let Some(key) = target else { return };
        if open {
            self.open(key);
        } else {
            self.cursor.set(Some(key));
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
            Command::GoAll => self.show_feed(None),
            Command::ShowHelp => self.help.update(|open| *open = !*open),
            Command::Close => {
                if self.help.get_untracked() {
                    self.help.set(false);
                } else {
                    self.selected.set(None);
                }
            }
            Command::ToggleStar | Command::GoStarred | Command::MarkAllRead | Command::FocusSearch | Command::Refresh => {
                self.status.set(Some(Status { text: "That shortcut is not available yet.".into(), error: false }));
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

    /// The entry the shortcuts act on: the open one, else the one under the cursor.
    pub fn current(&self) -> Option<EntryKey> {
        self.selected.get_untracked().or(self.cursor.get_untracked())
    }

    /// Marks an entry read or unread, and saves only the read state.
    pub fn set_read(&self, key: EntryKey, read: bool) {
        let mut changed = false;
        self.library.maybe_update(|library| {
            changed = if read { library.mark_read(key) } else { library.mark_unread(key) };
            changed
        });
        if changed {
            self.save_read();
        }
    }

    /// Reads a document the reader pasted, opened or dropped, and subscribes to it. Returns
    /// what to tell them: what was added, or what is wrong with the document and where.
    pub fn add_document(&self, name: Option<&str>, bytes: &[u8]) -> Status {
        let prefix = name.map(|n| format!("{n}: ")).unwrap_or_default();
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Status { text: sentence(&prefix, "the document is empty."), error: true };
        }
        match read_feed(bytes, &parse_options(None, None)) {
            Ok(feed) => {
                let title = feed.title.clone().unwrap_or_else(|| "the feed".into());
                let count = feed.entries.len();
                let warnings = feed.diagnostics.len();
                self.add_feed(feed, None);
                let mut text = sentence(&prefix, &format!("added {title}: {}.", plural(count, "entry", "entries")));
                if warnings > 0 {
                    text.push_str(&format!(
                        " {} in the document worked around.",
                        plural(warnings, "problem", "problems")
                    ));
                }
                Status { text, error: false }
            }
            Err(error) => {
                Status { text: sentence(&prefix, &format!("this is not a feed the reader can use: {error}")), error: true }
            }
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
                    Err(text) => Status { text, error: true },
                };
                error |= status.error;
                messages.push(status.text);
            }
            if !messages.is_empty() {
                reader.status.set(Some(Status { text: messages.join(" "), error }));
            }
        });
    }

    /// Subscribes to a parsed feed (or refreshes the subscription it already is) and shows it.
    pub fn add_feed(&self, feed: Feed, source: Option<String>) -> FeedId {
        let id = self.library.try_update(|library| library.subscribe(feed, source));
        self.save_subscriptions();
        let id = id.unwrap_or_else(|| FeedId(String::new()));
        self.show_feed(Some(id.clone()));
        id
    }

    /// Shows one feed's entries, or all of them.
    pub fn show_feed(&self, feed: Option<FeedId>) {
        self.filter.set(feed);
        self.selected.set(None);
        self.cursor.set(None);
    }
}

/// "1 entry", "3 entries".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// "file.xml: added …" after a file name, "Added …" on its own.
fn sentence(prefix: &str, text: &str) -> String {
    if !prefix.is_empty() {
        return format!("{prefix}{text}");
    }
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

