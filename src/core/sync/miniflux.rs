//! Miniflux's own REST API (`/v1`), as its documentation (miniflux.app/docs/api.html) and its
//! source (v2.3.3) describe it: the calls a sync makes, and how their answers read. Every call
//! sends the API key as `X-Auth-Token`; bodies are JSON (Miniflux answers the preflight that
//! asks about it, for any origin, which its Google Reader endpoint does not). A sync needs
//! 2.3.2 or later: `GET /v1/entries/ids` lists ids without contents, and `PUT /v1/entries`
//! sets starred (`…/bookmark` only toggles, and a queued change must never be a toggle).
//!
//! Miniflux keeps every feed in a category and makes an "All" one for each user: the reader
//! shows that one's feeds at the top level, as it does FreshRSS's "Uncategorized".

use serde::Deserialize;
use serde_json::json;

use super::outbox::Flag;
use super::{Dialect, Ids, ItemId, ServerFeed, ServerItem, SyncError};
use crate::core::fetching::{Call, Method, Reply};
use crate::core::model::{Enclosure, Entry, Markup, MarkupKind, Person};

/// Entries asked for in one call of contents (Miniflux allows up to 1,000).
pub const CONTENTS_AT_ONCE: usize = 250;

/// Ids asked for in one call of a list (Miniflux's most).
pub const IDS_AT_ONCE: usize = 10_000;

/// The first version a sync can rely on.
const NEEDS: [u32; 3] = [2, 3, 2];

/// The category Miniflux makes for each user: the top level here.
const TOP: &str = "All";

/// The API base for an address the reader typed: its site, or `…/v1` (anything after it
/// dropped).
pub fn base(typed: &str) -> String {
    let typed = typed.trim().trim_end_matches('/');
    let typed = if typed.contains("://") { typed.to_string() } else { format!("https://{typed}") };
    let typed = match typed.find("/v1/") {
        Some(at) => typed[..at].to_string(),
        None => typed.strip_suffix("/v1").unwrap_or(&typed).to_string(),
    };
    typed.trim_end_matches('/').to_string()
}

fn authorized(call: Call, key: &str) -> Call {
    call.header("X-Auth-Token", key)
}

/// Who the API key belongs to: the check that it works.
pub fn me(api: &str, key: &str) -> Call {
    authorized(Call::get(format!("{api}/v1/me")), key)
}

/// The user's name, or why there is none.
pub fn read_me(reply: &Reply) -> Result<String, SyncError> {
    #[derive(Deserialize)]
    struct Me {
        username: String,
    }
    if matches!(reply.status, 401 | 403) && !reply.is_html() {
        return Err(SyncError::WrongPassword(Dialect::Miniflux));
    }
    // An answer that is not the user's: something else answers at that address.
    serde_json::from_slice::<Me>(&checked(reply)?.bytes).map(|me| me.username).map_err(|_| super::not_the_api(Dialect::Miniflux, reply))
}

/// The server's version.
pub fn version(api: &str, key: &str) -> Call {
    authorized(Call::get(format!("{api}/v1/version")), key)
}

/// Whether the version is one a sync can rely on. A version that is no number (a build from
/// source says so) is taken at its word.
pub fn read_version(reply: &Reply) -> Result<(), SyncError> {
    #[derive(Deserialize)]
    struct Version {
        version: String,
    }
    let version: Version = json(reply)?;
    let numbers: Vec<u32> =
        version.version.trim_start_matches(['v', 'V']).split(['.', '-', '+']).take(3).map_while(|n| n.parse().ok()).collect();
    if numbers.len() == 3 && numbers[..] < NEEDS[..] {
        return Err(SyncError::TooOld { version: version.version });
    }
    Ok(())
}

/// The account's feeds.
pub fn feeds(api: &str, key: &str) -> Call {
    authorized(Call::get(format!("{api}/v1/feeds")), key)
}

pub fn read_feeds(reply: &Reply) -> Result<Vec<ServerFeed>, SyncError> {
    #[derive(Deserialize)]
    struct Feed {
        id: i64,
        #[serde(default)]
        title: String,
        #[serde(default)]
        feed_url: String,
        #[serde(default)]
        site_url: String,
        #[serde(default)]
        category: Option<Category>,
    }
    let feeds: Vec<Feed> = json(reply)?;
    Ok(feeds
        .into_iter()
        .map(|f| ServerFeed {
            stream: stream(f.id),
            title: f.title,
            url: Some(f.feed_url).filter(|u| !u.is_empty()),
            site: Some(f.site_url).filter(|u| !u.is_empty()),
            // Its icon is the API's, behind the key: the sidebar uses the site's.
            icon: None,
            folder: f.category.map(|c| c.title).filter(|t| !t.is_empty() && t != TOP),
        })
        .collect())
}

#[derive(Deserialize)]
struct Category {
    id: i64,
    #[serde(default)]
    title: String,
}

/// The reader's name for a Miniflux feed, in the form every dialect uses (`feed/12`).
fn stream(id: i64) -> String {
    format!("feed/{id}")
}

/// The feed a stream names.
fn feed_id(stream: &str) -> Result<i64, SyncError> {
    stream
        .strip_prefix("feed/")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| SyncError::Unreadable(format!("{stream} is not a Miniflux feed")))
}

/// One page of an id list, newest first, from `offset`.
pub fn ids(api: &str, key: &str, which: Ids, offset: usize) -> Call {
    let filter = match which {
        Ids::Unread => "status=unread&",
        Ids::Starred => "starred=true&",
        Ids::All => "",
    };
    authorized(Call::get(format!("{api}/v1/entries/ids?{filter}limit={IDS_AT_ONCE}&offset={offset}")), key)
}

/// A page of ids, and the offset of the next page (none: the last).
pub fn read_ids(reply: &Reply, offset: usize) -> Result<(Vec<ItemId>, Option<usize>), SyncError> {
    #[derive(Deserialize)]
    struct Page {
        #[serde(default)]
        total: usize,
        #[serde(default)]
        entry_ids: Vec<i64>,
    }
    let page: Page = json(reply)?;
    let next = offset + page.entry_ids.len();
    let more = !page.entry_ids.is_empty() && next < page.total;
    Ok((page.entry_ids.into_iter().map(number).collect(), more.then_some(next)))
}

/// Miniflux's ids are positive 64-bit numbers.
fn number(id: i64) -> ItemId {
    ItemId::Number(id as u64)
}

/// The ids as Miniflux takes them (any that is not one of its numbers left out).
fn numbers(ids: &[ItemId]) -> Vec<i64> {
    ids.iter()
        .filter_map(|id| match id {
            ItemId::Number(n) => Some(*n as i64),
            ItemId::Text(_) => None,
        })
        .collect()
}

/// A page of unread (or starred) entries with their contents, newest first, older than
/// `before` when given: how the contents of entries not here yet come (Miniflux lists entries
/// by state, not by id).
pub fn entries(api: &str, key: &str, which: Ids, before: Option<&ItemId>) -> Call {
    let filter = match which {
        Ids::Starred => "starred=true",
        Ids::Unread | Ids::All => "status=unread",
    };
    let mut url = format!("{api}/v1/entries?{filter}&order=id&direction=desc&limit={CONTENTS_AT_ONCE}");
    if let Some(ItemId::Number(id)) = before {
        url.push_str(&format!("&before_entry_id={id}"));
    }
    authorized(Call::get(url), key)
}

/// Entries as the server sent them, in the model (bodies not yet sanitized): what the parser's
/// worker reads and sanitizes.
pub fn read_entries(bytes: &[u8]) -> Result<Vec<ServerItem>, SyncError> {
    #[derive(Deserialize)]
    struct Page {
        #[serde(default)]
        entries: Vec<Item>,
    }
    #[derive(Deserialize)]
    struct Item {
        id: i64,
        feed_id: i64,
        #[serde(default)]
        status: String,
        #[serde(default)]
        starred: bool,
        #[serde(default)]
        title: String,
        #[serde(default)]
        url: String,
        #[serde(default)]
        author: String,
        #[serde(default)]
        content: String,
        #[serde(default)]
        published_at: Option<String>,
        #[serde(default)]
        enclosures: Option<Vec<Attached>>,
        #[serde(default)]
        tags: Option<Vec<String>>,
        #[serde(default)]
        feed: Option<FeedOf>,
    }
    #[derive(Deserialize)]
    struct Attached {
        url: String,
        #[serde(default)]
        mime_type: String,
        #[serde(default)]
        size: i64,
    }
    #[derive(Deserialize)]
    struct FeedOf {
        #[serde(default)]
        site_url: String,
    }
    let page: Page = serde_json::from_slice(bytes).map_err(|e| SyncError::Unreadable(e.to_string()))?;
    Ok(page
        .entries
        .into_iter()
        .map(|item| {
            let link = Some(item.url).filter(|u| !u.is_empty());
            let base = item.feed.map(|f| f.site_url).filter(|u| !u.is_empty()).or_else(|| link.clone());
            let published = item.published_at.as_deref().and_then(crate::core::parse::date::parse_date);
            let entry = Entry {
                id: number(item.id).long(),
                title: Some(item.title).filter(|t| !t.is_empty()),
                link,
                published,
                updated: None,
                authors: Some(item.author)
                    .filter(|a| !a.trim().is_empty())
                    .map(|name| Person { name: Some(name), ..Person::default() })
                    .into_iter()
                    .collect(),
                categories: item.tags.unwrap_or_default(),
                summary: None,
                content: Some(item.content).filter(|c| !c.is_empty()).map(|body| Markup {
                    kind: MarkupKind::Html,
                    body,
                    base: base.clone(),
                }),
                enclosures: item
                    .enclosures
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|e| !e.url.is_empty())
                    .map(|e| Enclosure {
                        url: e.url,
                        mime_type: Some(e.mime_type).filter(|t| !t.is_empty()),
                        length: u64::try_from(e.size).ok().filter(|&s| s > 0),
                    })
                    .collect(),
            };
            ServerItem { stream: stream(item.feed_id), entry, read: item.status != "unread", starred: item.starred }
        })
        .collect())
}

/// Sets a state (read, starred) of some entries: a set operation, never a toggle.
pub fn mark(api: &str, key: &str, ids: &[ItemId], flag: Flag, on: bool) -> Call {
    let body = match flag {
        Flag::Read => json!({ "entry_ids": numbers(ids), "status": if on { "read" } else { "unread" } }),
        Flag::Starred => json!({ "entry_ids": numbers(ids), "starred": on }),
    };
    authorized(Call::json(Method::Put, format!("{api}/v1/entries"), &body), key)
}

/// A call that answers nothing (204) or what was made (201).
pub fn read_done(reply: &Reply) -> Result<(), SyncError> {
    checked(reply).map(|_| ())
}

/// The feeds at an address (a site, or the feed itself): Miniflux fetches it.
pub fn discover(api: &str, key: &str, url: &str) -> Call {
    authorized(Call::json(Method::Post, format!("{api}/v1/discover"), &json!({ "url": url })), key)
}

/// The first feed found, or what the server said.
pub fn read_discovered(reply: &Reply, url: &str) -> Result<String, SyncError> {
    #[derive(Deserialize)]
    struct Found {
        url: String,
    }
    if reply.status == 404 && !reply.is_html() {
        return Err(SyncError::Unreadable(format!("the server found no feed at {url}")));
    }
    let found: Vec<Found> = json(reply)?;
    found
        .into_iter()
        .map(|f| f.url)
        .find(|u| !u.is_empty())
        .ok_or_else(|| SyncError::Unreadable(format!("the server found no feed at {url}")))
}

/// Subscribes to a feed (into Miniflux's first category).
pub fn create_feed(api: &str, key: &str, feed_url: &str) -> Call {
    authorized(Call::json(Method::Post, format!("{api}/v1/feeds"), &json!({ "feed_url": feed_url })), key)
}

pub fn delete_feed(api: &str, key: &str, stream: &str) -> Result<Call, SyncError> {
    Ok(authorized(Call::delete(format!("{api}/v1/feeds/{}", feed_id(stream)?)), key))
}

pub fn rename_feed(api: &str, key: &str, stream: &str, title: &str) -> Result<Call, SyncError> {
    Ok(authorized(Call::json(Method::Put, format!("{api}/v1/feeds/{}", feed_id(stream)?), &json!({ "title": title })), key))
}

pub fn move_feed(api: &str, key: &str, stream: &str, category: i64) -> Result<Call, SyncError> {
    Ok(authorized(Call::json(Method::Put, format!("{api}/v1/feeds/{}", feed_id(stream)?), &json!({ "category_id": category })), key))
}

/// The user's categories.
pub fn categories(api: &str, key: &str) -> Call {
    authorized(Call::get(format!("{api}/v1/categories")), key)
}

/// The category for a folder (`None`: the top level, Miniflux's "All"), if it exists.
pub fn read_category(reply: &Reply, folder: Option<&str>) -> Result<Option<i64>, SyncError> {
    let categories: Vec<Category> = json(reply)?;
    let title = folder.unwrap_or(TOP);
    let exact = categories.iter().find(|c| c.title == title);
    let any_case = || categories.iter().find(|c| c.title.to_lowercase() == title.to_lowercase());
    Ok(exact.or_else(any_case).map(|c| c.id))
}

/// Makes a category for a folder.
pub fn create_category(api: &str, key: &str, folder: Option<&str>) -> Call {
    authorized(Call::json(Method::Post, format!("{api}/v1/categories"), &json!({ "title": folder.unwrap_or(TOP) })), key)
}

pub fn read_created_category(reply: &Reply) -> Result<i64, SyncError> {
    let category: Category = json(reply)?;
    Ok(category.id)
}

/// Checks a call's status: the answer when it went well, else what it means.
fn checked(reply: &Reply) -> Result<&Reply, SyncError> {
    if reply.ok() && !reply.is_html() {
        return Ok(reply);
    }
    if reply.ok() || reply.is_html() || matches!(reply.status, 404 | 405) && said(reply).is_none() {
        return Err(super::not_the_api(Dialect::Miniflux, reply));
    }
    Err(match reply.status {
        401 | 403 => SyncError::Refused,
        status if status >= 500 => SyncError::Server(status),
        // What Miniflux refused, in its words (`{"error_message": "…"}`).
        status => said(reply).map(|why| SyncError::Unreadable(format!("the server said: {why}"))).unwrap_or(SyncError::Server(status)),
    })
}

/// Miniflux's words for a refusal.
fn said(reply: &Reply) -> Option<String> {
    #[derive(Deserialize)]
    struct Said {
        error_message: String,
    }
    serde_json::from_slice::<Said>(&reply.bytes).ok().map(|s| s.error_message).filter(|m| !m.is_empty())
}

fn json<'a, T: Deserialize<'a>>(reply: &'a Reply) -> Result<T, SyncError> {
    serde_json::from_slice(&checked(reply)?.bytes).map_err(|e| SyncError::Unreadable(e.to_string()))
}

#[cfg(test)]
mod tests;
