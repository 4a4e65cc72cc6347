//! Sync with the reader's own server (FreshRSS or another Google Reader API server, or
//! Miniflux): pure, like the rest of `core`. The account, the calls each dialect makes and how
//! their answers read, the ids the server gives, and what waits to be sent. The engine
//! (`engine/sync/`) runs the flow over its ports.
//!
//! - [`ids`]: an item's id in every form a server writes it.
//! - [`greader`]: the Google Reader dialect: calls and answers.
//! - [`miniflux`]: Miniflux's own REST API (`/v1`): calls and answers.
//! - [`outbox`]: the journal's records the server has not acknowledged, as the final intent
//!   per entry and flag.

pub mod greader;
pub mod ids;
pub mod miniflux;
pub mod outbox;

use serde::{Deserialize, Serialize};

use super::fetching::Problem;
use super::keys::FeedId;
use super::time::Timestamp;

pub use ids::ItemId;

/// The API a server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dialect {
    /// Google Reader's API: FreshRSS (`…/api/greader.php`), Miniflux's `/reader`, BazQux, The
    /// Old Reader.
    GReader,
    /// Miniflux's REST API (`/v1`, with an API key): unlike its Google Reader endpoint it
    /// allows web pages to call it.
    Miniflux,
}

/// An account on the reader's own server, as the engine keeps it. Its secret stays in the
/// engine's storage: never in backups, settings, messages to the page or to other tabs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub dialect: Dialect,
    /// Where the API answers: for Google Reader, the base of `accounts/ClientLogin` and
    /// `reader/api/0/…`; for Miniflux, the base of `/v1/…`.
    pub api: String,
    pub user: String,
    /// What authenticates each call: the token the server gave at login (never the password),
    /// or Miniflux's API key.
    pub secret: String,
    /// The key of the last journal record the server has acknowledged: the marks after it
    /// wait to be sent (and are never folded away before they are).
    pub acked: u64,
    /// When the last sync ended well.
    pub synced: Option<Timestamp>,
    /// A call was refused (the password changed, the token expired): nothing is sent until
    /// the reader connects again.
    #[serde(default)]
    pub refused: bool,
    /// What the reader did to the account's feeds that the server has not taken yet, in order.
    #[serde(default)]
    pub pending: Vec<FeedOp>,
}

/// Something the reader did to the account's feeds, to send to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedOp {
    /// Subscribe to a feed's (or a site's) address: the server fetches it. When it is one of
    /// this device's feeds moving to the server, that feed goes once the server has it.
    Subscribe {
        url: String,
        #[serde(default)]
        replaces: Option<FeedId>,
    },
    Unsubscribe {
        stream: String,
    },
    /// The reader's name for the feed.
    Rename {
        stream: String,
        title: String,
    },
    /// Into a folder (`None`: the top level) from the one it was in.
    Move {
        stream: String,
        from: Option<String>,
        to: Option<String>,
    },
}

impl Account {
    /// The key space of the account's entries: every feed of the account keys its entries by
    /// the server's item id in this space, so the server's lists of ids (which name no feed)
    /// map to the reader's keys directly.
    pub fn space(&self) -> FeedId {
        FeedId(format!("account:{:012x}", crate::core::hash::fnv1a(&[self.api.as_bytes(), b"\x1f", self.user.as_bytes()]) >> 16))
    }

    /// The server's name, for the sidebar and messages (`rss.example.org`). Read by hand from
    /// an address the engine itself made: the `url` crate (and its Unicode tables) would weigh
    /// on the engine's wasm for this alone.
    pub fn server(&self) -> String {
        let rest = self.api.split_once("://").map_or(self.api.as_str(), |(_, rest)| rest);
        let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        let host = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(v6),
            None => host.split(':').next().unwrap_or(host),
        };
        if host.is_empty() {
            self.api.clone()
        } else {
            host.to_string()
        }
    }
}

/// What the page shows of an account (no secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub dialect: Dialect,
    pub server: String,
    pub api: String,
    pub user: String,
    pub synced: Option<Timestamp>,
    /// Read and starred changes waiting to be sent.
    pub waiting: usize,
    /// The server refused the saved login: the reader must connect again.
    pub refused: bool,
}

/// Why a sync (or connecting) did not work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyncError {
    /// Nothing could be asked: offline, nothing answers, no answer in time, or the server does
    /// not allow web pages to call it (`Problem::Blocked`: its CORS headers).
    Network(Problem),
    /// Something answered at that address, but not this API: a web page (its title), or
    /// nothing it says.
    NotTheApi { dialect: Dialect, page: Option<String> },
    /// The user name or the API password is wrong (or the user has no API password set), or
    /// the API key is not one the server gave.
    WrongPassword(Dialect),
    /// The server is older than the first version whose API a sync can rely on (Miniflux
    /// 2.3.2: lists of entry ids, starring set rather than toggled).
    TooOld { version: String },
    /// The server's API access is turned off (FreshRSS: Authentication → allow API access).
    ApiOff,
    /// The server no longer accepts the saved login.
    Refused,
    /// The server failed (HTTP 5xx) or refused the call (another status).
    Server(u16),
    /// The answer is not what the API says it answers.
    Unreadable(String),
}

/// One feed of the account, as the server lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerFeed {
    /// The server's stream id (`feed/12`).
    pub stream: String,
    pub title: String,
    /// The feed's own address.
    pub url: Option<String>,
    /// Its site.
    pub site: Option<String>,
    pub icon: Option<String>,
    /// The folder it is in (none: the top level).
    pub folder: Option<String>,
}

/// An item the server sent, read into the model (its body not yet sanitized), with the feed
/// it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerItem {
    pub stream: String,
    pub entry: crate::core::Entry<crate::core::Markup>,
    pub read: bool,
    pub starred: bool,
}

/// An item the server sent, read and made safe (by the parser, like any document), with the
/// feed it belongs to and its state there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerArrival {
    pub stream: String,
    pub arrival: crate::core::Arrival,
    pub read: bool,
    pub starred: bool,
}

/// Which id list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    Unread,
    Starred,
    /// Every item the server keeps (it forgets old read ones).
    All,
}

/// Reads an answer of items and makes them safe: what the parser's worker does with it.
pub fn server_arrivals(dialect: Dialect, bytes: &[u8]) -> Result<Vec<ServerArrival>, SyncError> {
    let items = match dialect {
        Dialect::GReader => greader::read_contents(bytes)?,
        Dialect::Miniflux => miniflux::read_entries(bytes)?,
    };
    Ok(items
        .into_iter()
        .map(|item| ServerArrival {
            stream: item.stream,
            arrival: crate::core::sanitize::arrival(crate::core::sanitize::sanitize_entry(item.entry)),
            read: item.read,
            starred: item.starred,
        })
        .collect())
}

/// The answer is not this API's: a web page (with its title, when it has one), or anything.
fn not_the_api(dialect: Dialect, reply: &crate::core::fetching::Reply) -> SyncError {
    let page = reply.is_html().then(|| page_title(&reply.text())).flatten();
    SyncError::NotTheApi { dialect, page }
}

fn page_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open = start + lower[start..].find('>')? + 1;
    let end = open + lower[open..].find("</title")?;
    let title = crate::core::text::collapse_whitespace(&html[open..end]);
    (!title.is_empty()).then_some(title)
}

/// How a connection went, for the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Connection {
    /// Checking the address and the password.
    Checking,
    /// Connected: the account's feeds and unread entries.
    Connected {
        feeds: usize,
        unread: usize,
    },
    Failed(SyncError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_name_is_the_host_of_its_api() {
        let named = |api: &str| {
            Account {
                dialect: Dialect::GReader,
                api: api.into(),
                user: "u".into(),
                secret: String::new(),
                acked: 0,
                synced: None,
                refused: false,
                pending: Vec::new(),
            }
            .server()
        };
        assert_eq!(named("https://rss.example.org/api/greader.php"), "rss.example.org");
        assert_eq!(named("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(named("https://me:pw@example.org:8443/miniflux"), "example.org");
        assert_eq!(named("http://[::1]:8080/api/greader.php"), "::1");
    }
}
