//! The reader's page: a sidebar of feeds, the entry list and the reading pane.
//!
//! `Reader` holds the signals every pane shares; the rules themselves live in
//! `core::library::Library`, which the signal wraps.

mod add_feed;
mod drop_zone;
mod entry_list;
mod entry_view;
mod feed_list;
mod sample;

pub use entry_view::ArticleBody;

use leptos::prelude::*;

use crate::core::library::{EntryKey, FeedId, Library};
use crate::core::{read_feed, Feed};
use crate::web::files;
use crate::web::storage::{self, StorageError};
use crate::web::text_decoder::parse_options;

/// The shared state of the page, handed to each pane through context.
#[derive(Clone, Copy)]
pub struct Reader {
    pub library: RwSignal<Library>,
    /// The entry open in the reading pane.
    pub selected: RwSignal<Option<EntryKey>>,
    /// The feed whose entries the list shows; `None` is the "All" river.
    pub filter: RwSignal<Option<FeedId>>,
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
    fn load() -> Reader {
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
        let reader = Reader {
            library: RwSignal::new(library),
            selected: RwSignal::new(None),
            filter: RwSignal::new(None),
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
        self.set_read(key, true);
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
        self.filter.set(Some(id.clone()));
        id
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

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let reader = Reader::load();
    provide_context(reader);
    let dismiss = move |_| reader.notices.set(Vec::new());

    view! {
        <div class="app">
            <header class="topbar">
                <h1 class="brand">"Feeds"</h1>
                <add_feed::AddFeed/>
            </header>
            <add_feed::StatusLine/>
            <drop_zone::DropZone/>
            <Show when=move || !reader.notices.with(Vec::is_empty)>
                <div class="notice" role="alert">
                    <ul>
                        {move || reader.notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                    <button type="button" on:click=dismiss>"Dismiss"</button>
                </div>
            </Show>
            <div class="panes" class:reading=move || reader.selected.with(Option::is_some)>
                <feed_list::FeedList/>
                <entry_list::EntryList/>
                <entry_view::EntryView/>
            </div>
        </div>
    }
}
