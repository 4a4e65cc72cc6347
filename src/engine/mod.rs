//! The engine: it owns the library, storage, fetching and parsing. The page sends it
//! [`Command`]s and shows the [`Event`]s it answers with; in the browser it runs in a Web
//! Worker of its own, so nothing it does blocks the page.
//!
//! Pure Rust over the [`ports`]: the browser implements them in `web`, the native tests in
//! [`memory`]. Every change goes the same way ([`commit`]): the library changes in memory and
//! records what it touched; one commit turns that into the page's events, one storage
//! transaction of exactly what changed, and the message that tells the other tabs which parts
//! to read again.
//!
//! - [`start`]: loading, a first visit's sample, data of the version before, search words.
//! - [`reading`]: lists, rows, opening an entry, read and starred, mark all read, undo.
//! - [`documents`]: documents the reader adds: feeds, OPML, backups.
//! - [`lookup`]: subscribing by address (preview, discovery).
//! - [`refresh`]: fetching feeds again, four at a time, and on a timer.
//! - [`arrange`]: names, folders, proxies, removal, settings, exports.
//! - [`tabs`]: what another tab changed.
//! - [`text`]: an entry's whole article read from its page (Text view).
//! - [`training`]: the trainer's rules.

mod arrange;
pub(super) mod commit;
mod documents;
mod filtering;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod http;
mod lookup;
#[cfg(test)]
pub mod memory;
mod notify;
pub mod ports;
mod reading;
mod refresh;
mod start;
mod sync;
mod tabs;
mod text;
mod training;
pub mod upgrade;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use futures::lock::Mutex;

use crate::core::keys::FeedId;
use crate::core::library::{Library, MarkedRead, Removed, Subscription};
use crate::core::Timestamp;
use crate::protocol::{Command, Event, FeedItem, Status};
use ports::{Fetch, Filters, Parser, Platform, Store};

pub use ports::{Document, Loaded, Parsed, StoreError};

/// The ports an engine runs over.
pub trait Ports: 'static {
    type Store: Store + upgrade::LegacyStore;
    type Fetch: Fetch;
    type Parser: Parser + upgrade::LegacyParser;
    type Filters: Filters;
    type Platform: Platform;
    fn store(&self) -> &Self::Store;
    fn fetch(&self) -> &Self::Fetch;
    fn parser(&self) -> &Self::Parser;
    fn filters(&self) -> &Self::Filters;
    fn platform(&self) -> &Self::Platform;
}

/// A document the reader opened or dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What an "Undo" puts back.
enum Undo {
    MarkAllRead(MarkedRead),
    Remove(Box<Removed>),
    /// The trainer's rules as they were.
    Training(Vec<crate::core::library::Trained>),
    /// The filters as they were.
    Filters(Vec<crate::core::filters::FilterRule>),
    /// The saved searches as they were.
    Saved(Vec<crate::core::library::Saved>),
}

/// A feed a lookup found, waiting for the reader's Subscribe.
struct Held {
    url: String,
    body_hash: u64,
    parsed: Parsed,
}

/// What the engine knows beyond the library.
#[derive(Default)]
struct State {
    /// The library, with the reader's settings.
    library: Library,
    /// Feeds are being judged by changed filters; `refilter_again`: the filters changed since.
    refiltering: bool,
    refilter_again: bool,
    /// The list the page shows, and the number of the `Show` that asked for it.
    view: crate::core::library::View,
    view_number: u32,
    undo: BTreeMap<u32, Undo>,
    next_undo: u32,
    held: Option<Held>,
    /// Each lookup's number: an answer to a lookup the reader has since replaced is dropped.
    lookups: u32,
    /// Feeds being fetched now.
    fetching: BTreeSet<FeedId>,
    /// A refresh of several feeds: (done, of).
    progress: Option<(u32, u32)>,
    visible: bool,
    online: bool,
    /// The page has its first answer (`Ready`): changes are told from then on (before, the
    /// answer itself carries them).
    ready: bool,
    /// Storage had nothing of this version: the device is new to it.
    new_device: bool,
    /// Feeds stored but not subscribed, to forget once started.
    orphans: Vec<FeedId>,
    /// A list refresh is already on its way.
    relisting: bool,
    /// On a first visit, while the sample is on its way: who waits to open one of its entries.
    sample: Option<Vec<futures::channel::oneshot::Sender<()>>>,
    /// What a start reads first, until the library is read whole.
    glance: Option<ports::Glance>,
    /// A `Start` answered from the glance, to be answered whole once the library is read.
    started_early: Option<crate::protocol::Start>,
    /// Feeds whose summaries lack authors and categories (stored by an earlier version).
    without_facets: Vec<FeedId>,
    /// The key of the last journal record this engine has applied with every one before it:
    /// another tab's marks are read from there on.
    journal_seen: u64,
    /// A sync is under way.
    syncing: bool,
    /// Read and starred changes of the account's entries waiting to be sent.
    waiting: crate::core::sync::outbox::Outbox,
    /// A send of what waits is planned.
    sending_soon: bool,
    /// Syncs that failed in a row (the server failed or could not be reached), and whether a
    /// retry is planned: each waits twice as long as the one before.
    retries: u32,
    retry_planned: bool,
    /// Articles read lately or ahead of a click (the rows in sight), newest last.
    articles: std::collections::VecDeque<(crate::core::keys::EntryKey, crate::core::Entry)>,
}

/// How far the engine has read storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Reading,
    /// The glance is in: a `Start` can be answered.
    Glanced,
    /// The library is whole: every command can be.
    Loaded,
}

/// The engine of one page.
pub struct Engine<P: Ports> {
    ports: P,
    state: RefCell<State>,
    /// How far storage has been read; commands that come earlier wait in `waiting`.
    phase: Cell<Phase>,
    waiting: RefCell<Vec<(Command, Vec<NamedFile>)>>,
    /// Writes, and reads of what other tabs wrote, one at a time: a tab never reads storage
    /// between its own change and its write.
    lane: Mutex<()>,
    /// Changes handed to `commit` and not yet written.
    writing: Cell<usize>,
    /// The reader was told that a big change was interrupted: the next commit forgets it.
    forget_interrupted: RefCell<bool>,
}

impl<P: Ports> Engine<P> {
    /// An engine that starts reading storage at once (before the page has even loaded).
    pub fn new(ports: P) -> Rc<Engine<P>> {
        let engine = Rc::new(Engine {
            ports,
            state: RefCell::new(State { visible: true, online: true, ..State::default() }),
            phase: Cell::new(Phase::Reading),
            waiting: RefCell::new(Vec::new()),
            lane: Mutex::new(()),
            writing: Cell::new(0),
            forget_interrupted: RefCell::new(false),
        });
        let loading = engine.clone();
        engine.platform().spawn(Box::pin(async move { loading.load().await }));
        engine
    }

    /// Takes a command from the page; files come with `AddFiles`. Each runs as a task of its
    /// own, so a long one (a refresh) does not hold up the others (opening an entry).
    pub fn receive(self: &Rc<Self>, command: Command, files: Vec<NamedFile>) {
        match (self.phase.get(), command) {
            (Phase::Loaded, command) => {
                let engine = self.clone();
                self.platform().spawn(Box::pin(async move { engine.handle(command, files).await }));
            }
            (Phase::Glanced, Command::Start(start)) => {
                let engine = self.clone();
                self.platform().spawn(Box::pin(async move { engine.glanced_start(start).await }));
            }
            (_, command) => self.waiting.borrow_mut().push((command, files)),
        }
    }

    /// Whether the library is read whole.
    fn loaded(&self) -> bool {
        self.phase.get() == Phase::Loaded
    }

    async fn handle(self: Rc<Self>, command: Command, files: Vec<NamedFile>) {
        match command {
            Command::Start(start) => self.start(start).await,
            Command::Show { number, view } => self.show(number, view),
            Command::Rows(keys) => self.rows(&keys),
            Command::Open(key) => self.open(key).await,
            Command::Text(key) => self.read_text(key).await,
            Command::TextView { id, on } => self.set_text_view(id, on).await,
            Command::Changes(key) => self.show_changes(key).await,
            Command::Statistics(id) => self.statistics(&id),
            Command::SetRead { keys, read } => self.set_read(keys, read).await,
            Command::SetStarred { key, starred } => self.set_starred(key, starred).await,
            Command::Share { key, comment } => self.share(key, comment).await,
            Command::Unshare(key) => self.unshare(key).await,
            Command::Tag { key, tags } => self.tag(key, tags).await,
            Command::MarkAllRead(scope) => self.mark_all_read(scope).await,
            Command::MarkBeside { key, above } => self.mark_beside(key, above).await,
            Command::Train(rule) => self.train(rule).await,
            Command::Untrain(rule) => self.untrain(rule).await,
            Command::AddFilter(rule) => self.add_filter(rule).await,
            Command::RemoveFilter(rule) => self.remove_filter(rule).await,
            Command::Undo(number) => self.undo(number).await,
            Command::AddText(text) => self.add_documents(vec![(None, text.into_bytes())]).await,
            Command::AddFiles => self.add_documents(files.into_iter().map(|f| (Some(f.name), f.bytes)).collect()).await,
            Command::LookUp(typed) => self.look_up(typed).await,
            Command::Subscribe(url) => self.subscribe(url).await,
            Command::ForgetLookup => {
                let mut state = self.state.borrow_mut();
                state.held = None;
                state.lookups += 1;
            }
            Command::Refresh(Some(id)) => self.refresh_feed(id).await,
            Command::Refresh(None) => self.refresh_all(true).await,
            Command::EditFeed { id, name, folder, proxy } => self.edit_feed(id, name, folder, proxy).await,
            Command::Remove(id) => self.remove(id).await,
            Command::Notify { id, on } => self.set_notify(id, on).await,
            Command::ReadAfter { id, days } => self.set_read_after(id, days).await,
            Command::Set(preference) => self.set_preference(preference).await,
            Command::SaveSearch { scope, filter, search } => self.save_search(scope, filter, search).await,
            Command::RenameSaved { from, to } => self.rename_saved(from, to).await,
            Command::RemoveSaved(name) => self.remove_saved(name).await,
            Command::Export(what) => self.export(what).await,
            Command::Connect { dialect, address, user, password } => self.connect(dialect, address, user, password).await,
            Command::Disconnect { forget_entries } => self.disconnect(forget_entries).await,
            Command::Sync => self.sync().await,
            Command::SubscribeOnServer(address) => self.subscribe_on_server(address).await,
            Command::MoveToServer => self.move_to_server().await,
            Command::Presence { visible, online } => self.presence(visible, online).await,
        }
    }

    /// The ports it runs over.
    pub fn ports(&self) -> &P {
        &self.ports
    }

    fn platform(&self) -> &P::Platform {
        self.ports.platform()
    }

    fn now(&self) -> Timestamp {
        self.platform().now()
    }

    fn emit(&self, event: Event) {
        self.platform().emit(event);
    }

    /// Tells the page the sidebar as it is now.
    fn emit_feeds(&self) {
        let (feeds, counts) = {
            let state = self.state.borrow();
            (feed_items(&state.library), state.library.counts())
        };
        self.emit(Event::Feeds(feeds));
        self.emit(Event::Counts(counts));
    }

    /// A status with an undo number.
    fn with_undo(&self, text: String, undo: Undo) -> Status {
        let mut state = self.state.borrow_mut();
        state.next_undo += 1;
        let number = state.next_undo;
        state.undo.insert(number, undo);
        // Only the latest few actions can be undone; the status line shows one at a time.
        while state.undo.len() > 8 {
            state.undo.pop_first();
        }
        Status { undo: Some(number), ..Status::ok(text) }
    }
}

/// The sidebar's entries, in the reader's order.
fn feed_items(library: &Library) -> Vec<FeedItem> {
    library.subscriptions().map(feed_item).collect()
}

/// One subscription as the sidebar shows it.
fn feed_item(s: &Subscription) -> FeedItem {
    FeedItem {
        id: s.id.clone(),
        title: s.title().to_string(),
        icon: s.feed.icon.clone(),
        folder: s.folder.clone(),
        pending: s.is_pending(),
        source: s.source.clone(),
        fetched: s.fetch.fetched,
        retry_at: s.fetch.retry_at,
        error: s.fetch.error.clone(),
        proxy: s.proxy.clone(),
        notify: s.notify,
        account: s.remote.is_some(),
        read_after_days: s.read_after_days,
        text_view: s.text_view,
    }
}

#[cfg(test)]
mod tests;

/// A future that lets every other ready task run once before it completes.
struct YieldOnce(bool);

impl std::future::Future for YieldOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, context: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        context.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}
