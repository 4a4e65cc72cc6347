//! The messages between the page and the engine: one typed module both compile, sent as
//! postcard bytes (`encode` / `decode`). The page asks with a [`Command`]; the engine answers,
//! and tells of every change, with [`Event`]s. Errors travel as types and are put into words
//! where they are shown.
//!
//! The page holds only what it shows: the sidebar ([`FeedItem`]s and [`Counts`]), the keys of
//! the current list with the [`Row`]s in sight, and the one [`Article`] open.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::core::extract::{ExtractError, FullText};
use crate::core::fetching::{FeedLink, Problem};
use crate::core::filters::FilterRule;
use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::Settings;
use crate::core::library::{Counts, Filter, Preference, Scope, Score, Trained, View};
use crate::core::sync::{AccountView, Connection, Dialect, SyncError};
use crate::core::{Enclosure, SafeHtml, Timestamp};

/// What a worker says once it listens: messages sent to it before would be lost.
pub const HELLO: &str = "hello";

/// Bytes of a message.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // Plain data always serializes.
    postcard::to_stdvec(message).unwrap_or_default()
}

/// A message from bytes; an error means the two sides are not from the same build.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, postcard::Error> {
    postcard::from_bytes(bytes)
}

/// What the page asks of the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// The first message: what the page found of an earlier version's storage, and the list
    /// the address asks for. The engine answers with [`Event::Ready`] and [`Event::Listed`].
    Start(Start),
    /// Show this list (numbered: the page keeps only the answer to its latest).
    Show {
        number: u32,
        view: View,
    },
    /// The rows of these entries (the list scrolled to them).
    Rows(Vec<EntryKey>),
    /// The whole article, for the reading pane; opening marks it read.
    Open(EntryKey),
    /// The entry's whole article read from its web page (Text view): kept with the entry
    /// once read, so it reads offline afterwards and is searchable.
    Text(EntryKey),
    /// What the last update of an entry changed (answered with [`Event::Changes`]).
    Changes(EntryKey),
    /// A feed's statistics (answered with [`Event::Statistics`]).
    Statistics(FeedId),
    /// A feed's entries open in Text view (or no longer do).
    TextView {
        id: FeedId,
        on: bool,
    },
    SetRead {
        keys: Vec<EntryKey>,
        read: bool,
    },
    SetStarred {
        key: EntryKey,
        starred: bool,
    },
    /// Shares an entry, with a comment, in the reader's own feed (again: a new comment).
    Share {
        key: EntryKey,
        comment: Option<String>,
    },
    Unshare(EntryKey),
    /// A starred entry's tags, as the reader typed them (none: it has none).
    Tag {
        key: EntryKey,
        tags: Vec<String>,
    },
    MarkAllRead(Scope),
    /// Marks read every entry the current list shows above this one (or below it).
    MarkBeside {
        key: EntryKey,
        above: bool,
    },
    /// Teach the trainer a rule (replacing one about the same thing in the same place).
    Train(Trained),
    /// Forget a rule.
    Untrain(Trained),
    /// Add a filter (once its expression compiles) or remove one.
    AddFilter(FilterRule),
    RemoveFilter(FilterRule),
    /// Puts back what the status line's action did (its `undo` number).
    Undo(u32),
    /// A document the reader pasted. From the page the text is empty here and travels beside
    /// the message as the browser's own string (see `web::engine_worker`).
    AddText(String),
    /// Documents the reader opened or dropped: the files travel beside the message.
    AddFiles,
    /// Look up what the reader typed in "Add feed" (a feed's or a site's address).
    LookUp(String),
    /// Subscribe to the feed the last lookup previewed at this address.
    Subscribe(String),
    /// The reader closed the lookup: forget its preview.
    ForgetLookup,
    /// Fetch one feed now, or every feed with an address.
    Refresh(Option<FeedId>),
    /// The reader's name, folder and proxy for a feed (blank for none).
    EditFeed {
        id: FeedId,
        name: String,
        folder: String,
        proxy: String,
    },
    Remove(FeedId),
    /// New entries of this feed raise a notification (or no longer do).
    Notify {
        id: FeedId,
        on: bool,
    },
    /// A feed's own limit for marking its old entries read, in days (0: never; `None`: as
    /// the settings say for every feed).
    ReadAfter {
        id: FeedId,
        days: Option<u32>,
    },
    /// One preference (see [`Preference`]: never the whole settings).
    Set(Preference),
    /// Keep the search in the list as a sidebar view (the engine names it).
    SaveSearch {
        scope: Scope,
        filter: Filter,
        search: String,
    },
    RenameSaved {
        from: String,
        to: String,
    },
    RemoveSaved(String),
    Export(Export),
    /// Connect an account on the reader's own server: its API, the address of its site or of
    /// its API, the user name and the API password (kept only as the token the server gives).
    Connect {
        dialect: Dialect,
        address: String,
        user: String,
        password: String,
    },
    /// Forget the account (and, asked, its feeds and entries here).
    Disconnect {
        forget_entries: bool,
    },
    /// Sync with the account now.
    Sync,
    /// Subscribe on the account's server to this address (the server fetches it).
    SubscribeOnServer(String),
    /// Add every feed of this device that has an address to the account's server.
    MoveToServer,
    /// The page was shown or hidden, or the device went on or off line: auto-refresh runs
    /// only while someone can see the page.
    Presence {
        visible: bool,
        online: bool,
    },
}

/// The first message's contents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Start {
    /// What an earlier version left in localStorage (the engine cannot read localStorage).
    pub legacy: Option<Legacy>,
    /// The list to show first.
    pub view: View,
    /// Where the parser worker's script is, relative to the page.
    pub parser: String,
    /// Where the filters' worker's script is.
    pub filters: String,
    /// Where the extraction worker's script is (Text view).
    pub extract: String,
    /// Where the sample feed is, for a first visit.
    pub sample: String,
}

/// The localStorage values an earlier version wrote, as they are (their keys are in
/// `engine::upgrade::envelope::keys`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Legacy {
    pub feeds: Option<String>,
    pub read: Option<String>,
    pub starred: Option<String>,
    pub settings: Option<String>,
}

/// Which file to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Export {
    Opml,
    Backup,
    /// The reader's shared stories as an Atom feed (`shared.atom`).
    SharedFeed,
}

/// Why storage could not do what was asked; what was stored before is intact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoreError {
    /// The browser gives this page no IndexedDB (some private modes).
    Unavailable(String),
    /// The write did not fit in the browser's quota.
    Full,
    /// Anything else the database said.
    Failed(String),
}

/// How many of a big change's entries are saved, of how many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saving {
    pub done: u32,
    pub of: u32,
}

/// A problem the reader must hear about, apart from what they just did. The page words it
/// (`page::words`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// Storage could not be used, or a write did not happen.
    Storage(StoreError),
    /// A big change (an import) was being saved in parts when the reader left: this many of
    /// its entries were saved.
    Interrupted { done: u32, of: u32 },
    /// A change another tab made could not be read.
    OtherTab(StoreError),
    /// The search words could not be read: a search may miss entries.
    SearchWords(StoreError),
    /// The filters could not read a feed's stored entries.
    FilterEntries(StoreError),
    /// The sample feed of a first visit did not arrive (the fetch's or the file's words).
    NoSample(String),
    /// The earlier version's articles could not be read: they will be fetched again.
    OldArticles(StoreError),
    /// The earlier version's article cache could not be removed: it only takes space.
    OldCache(StoreError),
    /// The engine could not be started (no Web Workers?).
    NoEngine,
    /// The engine is of another build: the reader was updated.
    Updated,
    /// The engine stopped with an error.
    EngineStopped,
    /// A value the version before left in localStorage could not be read: it is kept under
    /// `aside`.
    SetAside { key: String, reason: String, aside: String },
}

/// What the engine tells the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// Once, after `Start`: everything the sidebar needs and the settings.
    Ready {
        settings: Settings,
        feeds: Vec<FeedItem>,
        counts: Counts,
    },
    /// The subscriptions changed (added, renamed, moved, removed, fetched).
    Feeds(Vec<FeedItem>),
    Counts(Counts),
    /// The list for a `Show` (or the current list again, after its entries changed).
    Listed(Listed),
    Rows(Vec<Row>),
    /// Entries whose read or starred state changed.
    Marks(Vec<Mark>),
    Opened(Article),
    /// What the last update of an entry changed (`None`: no earlier version is kept, or it
    /// could not be compared).
    Changes {
        key: EntryKey,
        changes: Option<crate::core::changes::Changes>,
    },
    /// A feed's statistics, as asked.
    Statistics(crate::core::library::Statistics),
    /// The whole article read from an entry's page (Text view), or why it could not be.
    Text {
        key: EntryKey,
        outcome: Result<FullText, TextProblem>,
    },
    /// The outcome of what the reader did.
    Status(Status),
    /// A problem the reader must hear about.
    Notice(Notice),
    /// A big change is being saved in parts: how many of its entries are saved (`None`:
    /// all of them, or it stopped).
    Saving(Option<Saving>),
    /// A refresh of several feeds: (done, of); `None` when it is over.
    Progress(Option<(u32, u32)>),
    /// The feeds being fetched right now (each shows a spinner).
    Fetching(Vec<FeedId>),
    Lookup(Lookup),
    Settings(Settings),
    /// A file for the reader to save: an object URL the engine made.
    Exported {
        name: String,
        url: String,
    },
    /// What the page handed over from an earlier version is in the engine's storage now:
    /// the page may remove it from localStorage, and set aside the values under these keys,
    /// which could not be read (key, why).
    Migrated {
        unreadable: Vec<(String, String)>,
    },
    /// Show this feed (it was just added).
    ShowFeed(FeedId),
    /// New entries arrived in a feed the reader asked to be told about.
    Notify(Arrived),
    /// A filter the reader typed does not compile: why, and where.
    FilterRejected(String),
    /// The account on the reader's server, as it stands (none: not connected).
    Account(Option<AccountView>),
    /// How connecting went.
    Connection(Connection),
    /// A sync is bringing entries: how many of how many (`None`: it is over).
    Syncing(Option<Saving>),
    /// A sync went wrong: why (the account stays, and what waits is kept).
    SyncFailed(SyncError),
}

/// New entries of a feed whose notifications are on: the first few, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrived {
    pub feed: FeedId,
    pub feed_title: String,
    /// How many arrived in all (more than `entries` holds when many did).
    pub count: usize,
    pub entries: Vec<(EntryKey, String)>,
}

/// One entry of the sidebar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    pub id: FeedId,
    pub title: String,
    pub icon: Option<String>,
    pub folder: Option<String>,
    /// Waiting for its first fetch.
    pub pending: bool,
    /// Where it is fetched from; `None` for a pasted document.
    pub source: Option<String>,
    pub fetched: Option<Timestamp>,
    pub retry_at: Option<Timestamp>,
    /// What went wrong the last time it was fetched.
    pub error: Option<String>,
    pub proxy: Option<String>,
    pub notify: bool,
    /// A feed of the reader's account on its own server.
    pub account: bool,
    /// Its own limit for marking old entries read (see [`Command::ReadAfter`]).
    pub read_after_days: Option<u32>,
    /// Its entries open in Text view.
    pub text_view: bool,
}

/// A list: its number (the `Show` it answers), every entry's key in order, and the rows of
/// the first screen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    pub number: u32,
    pub keys: Vec<EntryKey>,
    pub rows: Vec<Row>,
    /// The search index is still being built: some entries may be missing.
    pub partial: bool,
}

/// One row of the entry list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub key: EntryKey,
    pub feed: FeedId,
    pub title: String,
    pub excerpt: String,
    pub date: Option<Timestamp>,
    /// The original article's address.
    pub link: Option<String>,
    pub read: bool,
    pub starred: bool,
    pub score: Score,
    /// The trainer's rules that match the entry, liked ones first (the labels beside it).
    pub reasons: Vec<Trained>,
    /// The filter that hides the entry ("title ~ sponsor"), shown when hidden ones are.
    pub filtered: Option<String>,
    /// The other feeds the same article came through ("also in: …").
    pub also_in: Vec<FeedId>,
    /// The picture of the card view.
    pub image: Option<String>,
    /// When the reader last opened it, if it is in the read history.
    pub opened: Option<Timestamp>,
    /// A refresh brought a new version of it.
    pub updated: bool,
}

/// An entry's read and starred state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub key: EntryKey,
    pub read: bool,
    pub starred: bool,
}

/// What the reading pane shows of an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub key: EntryKey,
    pub feed_id: FeedId,
    pub feed: String,
    pub title: String,
    pub link: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<Timestamp>,
    pub categories: Vec<String>,
    pub enclosures: Vec<Enclosure>,
    pub body: Option<SafeHtml>,
    /// A story someone shared (NewsBlur's shared stories): who, from where, their comment;
    /// the body is then the story alone.
    pub shared: Option<crate::core::sanitize::Shared>,
    pub read: bool,
    pub starred: bool,
    /// The whole article read from its page (Text view): never sent by the engine (it follows
    /// in [`Event::Text`], kept or read anew); the page keeps it here once it has come, to go
    /// back and forth without asking again.
    pub text: Option<FullText>,
    /// Its feed's entries open in Text view.
    pub text_view: bool,
    /// A refresh brought a new version of it (its earlier text is kept).
    pub updated: bool,
}

/// Why an entry's whole article could not be read from its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TextProblem {
    /// The entry links to no page.
    NoLink,
    /// The page could not be fetched.
    Fetch(Problem),
    /// The page was fetched but holds no article.
    Extract(ExtractError),
}

/// A short message about what just happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Status {
    pub said: Said,
    /// The number to send back in `Undo`, when the action can be undone.
    pub undo: Option<u32>,
}

/// What the status line says: what went well, or what went wrong as a type the page words
/// (`page::words`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Said {
    Done(String),
    Failed(Failure),
}

impl Status {
    pub fn ok(text: impl Into<String>) -> Status {
        Status { said: Said::Done(text.into()), undo: None }
    }

    pub fn failed(failure: Failure) -> Status {
        Status { said: Said::Failed(failure), undo: None }
    }

    pub fn is_error(&self) -> bool {
        matches!(self.said, Said::Failed(_))
    }

    /// What the status line shows.
    pub fn text(&self) -> String {
        match &self.said {
            Said::Done(text) => text.clone(),
            Said::Failed(failure) => failure.to_string(),
        }
    }
}

/// Something the reader asked for that did not happen, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Failure {
    /// Nothing could be fetched (offline, say).
    Fetch(Problem),
    /// One feed's refresh failed.
    Feed { title: String, problem: Problem },
    /// A refresh of several feeds: how many, how many new entries, and those that failed.
    Refresh { feeds: usize, new: usize, failed: Vec<(String, Problem)> },
    /// The open entry could not be read from storage.
    ArticleUnreadable(StoreError),
    /// The entry is no longer stored on this device.
    ArticleGone,
    /// The action is too old to be undone.
    UndoGone,
    /// The lookup's preview is gone: look the address up again.
    PreviewGone,
    /// A backup could not be made.
    BackupNotMade(StoreError),
    /// The browser would not make a file to save.
    FileRefused { name: String, why: String },
    /// Documents the reader added, each with its outcome (some may have gone well).
    Documents(Vec<Added>),
    /// The browser could not save a file the reader asked for.
    Download(String),
    /// This browser shows no notifications.
    NoNotifications,
    /// The reader (or the browser) turned notifications off for this site.
    NotificationsRefused,
}

/// One document the reader added: its file name (none when pasted), and what came of it: the
/// words of what was added, or why nothing was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Added {
    pub name: Option<String>,
    pub outcome: Result<String, DocumentProblem>,
}

/// Why a document added nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DocumentProblem {
    Empty,
    NotAFeed(crate::core::ParseError),
    /// The feed (its title) was read but could not be saved.
    FeedNotSaved(String),
    Opml(crate::core::opml::OpmlError),
    SubscriptionsNotSaved,
    Backup(crate::core::backup::BackupError),
    BackupNotSaved,
}

/// Where looking up an address stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Lookup {
    Looking(String),
    Found(Preview),
    /// The page lists several feeds: the reader picks one.
    Choices(Vec<FeedLink>),
    Failed(Problem),
}

/// A feed read from an address, waiting for the reader's Subscribe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub url: String,
    pub title: String,
    pub entries: usize,
    /// The first few entries' titles.
    pub titles: Vec<String>,
    /// The reader follows this feed already (subscribing again refreshes it).
    pub subscribed: bool,
}

/// What one tab's engine tells the others after it saved a change (over a
/// `BroadcastChannel`): which parts to read again from storage, the source of truth.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    /// Feeds whose record or entries changed.
    pub feeds: Vec<FeedId>,
    pub removed: Vec<FeedId>,
    /// Read or starred state changed.
    pub marks: bool,
    /// Some of it is the server's state, which storage keeps in its snapshot rather than the
    /// journal: the whole state is read again.
    #[serde(default)]
    pub server_marks: bool,
    pub settings: bool,
    /// The account on the reader's server changed.
    pub account: bool,
    /// The read history changed.
    #[serde(default)]
    pub history: bool,
    /// The set of updated entries changed.
    #[serde(default)]
    pub updated: bool,
}

impl Shared {
    pub fn is_empty(&self) -> bool {
        self == &Shared::default()
    }
}

/// "file.xml: added …" after a file name, "Added …" on its own.
pub fn sentence(prefix: &str, text: &str) -> String {
    if !prefix.is_empty() {
        return format!("{prefix}{text}");
    }
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "1 entry", "3 entries".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_events_survive_the_trip() {
        let command = Command::Show { number: 7, view: View { search: "rust".into(), keep: [EntryKey(9)].into(), ..View::default() } };
        assert_eq!(decode::<Command>(&encode(&command)).unwrap(), command);
        let event = Event::Lookup(Lookup::Failed(Problem::NotAFeed(crate::core::ParseError { line: 3, column: 4, message: "no".into() })));
        assert_eq!(decode::<Event>(&encode(&event)).unwrap(), event);
        assert!(decode::<Event>(&[250, 250, 250]).is_err(), "garbage is an error, not a panic");
    }

    #[test]
    fn a_list_of_a_hundred_thousand_keys_is_about_a_megabyte() {
        let listed =
            Listed { keys: (0..100_000u64).map(|n| EntryKey(n.wrapping_mul(0x9e37_79b9_7f4a_7c15))).collect(), ..Listed::default() };
        let bytes = encode(&Event::Listed(listed)).len();
        assert!(bytes < 1_100_000, "{bytes} bytes");
    }
}
