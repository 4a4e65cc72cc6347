//! The Google Reader API, as FreshRSS (`…/api/greader.php`), Miniflux's `/reader`, BazQux and
//! The Old Reader speak it: the calls a sync makes, and how their answers read. Facts measured
//! on a real FreshRSS (see `shared/servers/freshrss/README.md`): `ClientLogin` answers
//! `Auth=…` lines and every other call sends `Authorization: GoogleLogin auth=…`; POSTs that
//! change state carry the `T` token; bodies are forms (the one type a page may send to
//! another origin without asking); `edit-tag` takes many `i=` but one `a=` and one `r=`;
//! nothing lists what changed since a time, so read and starred state come from the id lists
//! of unread and of starred items.

use serde::Deserialize;

use super::{Dialect, Ids, ItemId, ServerFeed, ServerItem, SyncError};
use crate::core::fetching::{Call, Reply};
use crate::core::model::{Enclosure, Entry, Markup, MarkupKind, Person};
use crate::core::time::Timestamp;

/// Items asked for in one call of contents.
pub const CONTENTS_AT_ONCE: usize = 250;

/// Ids asked for in one call of a list (the server may send fewer, with a continuation).
pub const IDS_AT_ONCE: usize = 20_000;

/// Items marked in one `edit-tag`.
pub const MARKS_AT_ONCE: usize = 500;

const READ: &str = "user/-/state/com.google/read";
const STARRED: &str = "user/-/state/com.google/starred";
const READING_LIST: &str = "user/-/state/com.google/reading-list";

/// The API bases to try for an address the reader typed: the address itself when it names
/// `greader.php`; else FreshRSS's place under it first, then the address itself (the other
/// servers answer at their root).
pub fn bases(typed: &str) -> Vec<String> {
    let typed = typed.trim().trim_end_matches('/');
    let typed = if typed.contains("://") { typed.to_string() } else { format!("https://{typed}") };
    if let Some(at) = typed.find("/greader.php") {
        return vec![typed[..at + "/greader.php".len()].to_string()];
    }
    let typed = typed.strip_suffix("/api").unwrap_or(&typed).to_string();
    vec![format!("{typed}/api/greader.php"), typed]
}

/// Logs in with the user name and the API password.
pub fn login(api: &str, user: &str, password: &str) -> Call {
    Call::post_form(format!("{api}/accounts/ClientLogin"), vec![("Email".into(), user.into()), ("Passwd".into(), password.into())])
}

/// The token every later call sends, or why there is none.
pub fn read_login(reply: &Reply) -> Result<String, SyncError> {
    match reply.status {
        200 => {}
        // FreshRSS answers 400 for a user name it cannot have, 401 for a wrong password or a
        // user with no API password.
        400 | 401 | 403 => return Err(SyncError::WrongPassword(Dialect::GReader)),
        _ => return Err(failure(reply)),
    }
    let text = reply.text();
    match text.lines().find_map(|line| line.trim().strip_prefix("Auth=")) {
        Some(auth) if !auth.is_empty() => Ok(auth.to_string()),
        _ => Err(not_the_api(reply)),
    }
}

/// What a refused or failed call means.
fn failure(reply: &Reply) -> SyncError {
    match reply.status {
        401 => SyncError::Refused,
        // FreshRSS with API access turned off answers every call so.
        503 if reply.text().contains("Service Unavailable") => SyncError::ApiOff,
        404 | 405 => not_the_api(reply),
        status if reply.is_html() && status < 500 => not_the_api(reply),
        status => SyncError::Server(status),
    }
}

fn not_the_api(reply: &Reply) -> SyncError {
    super::not_the_api(Dialect::GReader, reply)
}

/// Checks a call's status: the answer when it went well, else what it means.
fn checked(reply: &Reply) -> Result<&Reply, SyncError> {
    if reply.ok() && !reply.is_html() {
        Ok(reply)
    } else if reply.ok() {
        Err(not_the_api(reply))
    } else {
        Err(failure(reply))
    }
}

fn authorized(call: Call, auth: &str) -> Call {
    call.header("Authorization", format!("GoogleLogin auth={auth}"))
}

fn json<'a, T: Deserialize<'a>>(reply: &'a Reply) -> Result<T, SyncError> {
    serde_json::from_slice(&checked(reply)?.bytes).map_err(|e| SyncError::Unreadable(e.to_string()))
}

/// The token that state-changing calls carry.
pub fn token(api: &str, auth: &str) -> Call {
    authorized(Call::get(format!("{api}/reader/api/0/token")), auth)
}

pub fn read_token(reply: &Reply) -> Result<String, SyncError> {
    let token = checked(reply)?.text().trim().to_string();
    if token.is_empty() || token.contains(char::is_whitespace) {
        return Err(SyncError::Unreadable("the token is not one".into()));
    }
    Ok(token)
}

/// The account's feeds.
pub fn subscriptions(api: &str, auth: &str) -> Call {
    authorized(Call::get(format!("{api}/reader/api/0/subscription/list?output=json")), auth)
}

pub fn read_subscriptions(reply: &Reply) -> Result<Vec<ServerFeed>, SyncError> {
    #[derive(Deserialize)]
    struct List {
        subscriptions: Vec<Subscription>,
    }
    #[derive(Deserialize)]
    struct Subscription {
        id: String,
        #[serde(default)]
        title: String,
        #[serde(default)]
        url: Option<String>,
        #[serde(default, rename = "htmlUrl")]
        html_url: Option<String>,
        #[serde(default, rename = "iconUrl")]
        icon_url: Option<String>,
        #[serde(default)]
        categories: Vec<Category>,
    }
    #[derive(Deserialize)]
    struct Category {
        #[serde(default)]
        label: Option<String>,
        #[serde(default)]
        id: Option<String>,
    }
    let list: List = json(reply)?;
    Ok(list
        .subscriptions
        .into_iter()
        .map(|s| {
            let folder =
                s.categories.into_iter().find_map(|c| c.label.or_else(|| c.id.and_then(|id| id.rsplit('/').next().map(str::to_string))));
            ServerFeed {
                stream: s.id,
                title: s.title,
                url: s.url.filter(|u| !u.is_empty()),
                site: s.html_url.filter(|u| !u.is_empty()),
                icon: s.icon_url.filter(|u| !u.is_empty()),
                // FreshRSS puts every feed in a folder; its default one is the top level here.
                folder: folder.filter(|f| !f.is_empty() && f != "Uncategorized"),
            }
        })
        .collect())
}

/// One page of an id list (`continuation` from the page before).
pub fn ids(api: &str, auth: &str, which: Ids, continuation: Option<&str>) -> Call {
    let mut url = match which {
        Ids::Unread => format!("{api}/reader/api/0/stream/items/ids?s={READING_LIST}&xt={READ}&n={IDS_AT_ONCE}"),
        Ids::Starred => format!("{api}/reader/api/0/stream/items/ids?s={STARRED}&n={IDS_AT_ONCE}"),
        Ids::All => format!("{api}/reader/api/0/stream/items/ids?s={READING_LIST}&n={IDS_AT_ONCE}"),
    };
    if let Some(c) = continuation {
        url.push_str("&c=");
        url.push_str(&crate::core::text::percent_encode(c));
    }
    authorized(Call::get(url), auth)
}

/// A page of ids, and the continuation to the next (none: the last).
pub fn read_ids(reply: &Reply) -> Result<(Vec<ItemId>, Option<String>), SyncError> {
    #[derive(Deserialize)]
    struct Page {
        #[serde(default, rename = "itemRefs")]
        item_refs: Vec<Ref>,
        #[serde(default)]
        continuation: Option<serde_json::Value>,
    }
    #[derive(Deserialize)]
    struct Ref {
        id: serde_json::Value,
    }
    let page: Page = json(reply)?;
    let ids = page.item_refs.into_iter().filter_map(|r| value_text(&r.id)).map(|id| ItemId::parse(&id)).collect::<Vec<_>>();
    // A full page says there may be more; an empty one after it ends the list.
    let continuation = page.continuation.as_ref().and_then(value_text).filter(|c| !c.is_empty() && !ids.is_empty());
    Ok((ids, continuation))
}

/// Ids come as strings, or (from some servers) as JSON numbers.
fn value_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The contents of some items.
pub fn contents(api: &str, auth: &str, ids: &[ItemId]) -> Call {
    let form = ids.iter().map(|id| ("i".to_string(), id.long())).collect();
    authorized(Call::post_form(format!("{api}/reader/api/0/stream/items/contents?output=json"), form), auth)
}

/// Items as the server sent them, in the model (bodies not yet sanitized): what the parser's
/// worker reads and sanitizes.
pub fn read_contents(bytes: &[u8]) -> Result<Vec<ServerItem>, SyncError> {
    #[derive(Deserialize)]
    struct Contents {
        #[serde(default)]
        items: Vec<Item>,
    }
    #[derive(Deserialize)]
    struct Item {
        id: serde_json::Value,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        published: Option<serde_json::Value>,
        #[serde(default)]
        updated: Option<serde_json::Value>,
        #[serde(default)]
        canonical: Vec<Link>,
        #[serde(default)]
        alternate: Vec<Link>,
        #[serde(default)]
        summary: Option<Content>,
        #[serde(default)]
        content: Option<Content>,
        #[serde(default)]
        author: Option<String>,
        #[serde(default)]
        categories: Vec<String>,
        #[serde(default)]
        origin: Option<Origin>,
        #[serde(default)]
        enclosure: Vec<Attached>,
    }
    #[derive(Deserialize)]
    struct Link {
        href: String,
    }
    #[derive(Deserialize)]
    struct Content {
        #[serde(default)]
        content: String,
    }
    #[derive(Deserialize)]
    struct Origin {
        #[serde(default, rename = "streamId")]
        stream_id: String,
        #[serde(default, rename = "htmlUrl")]
        html_url: Option<String>,
    }
    #[derive(Deserialize)]
    struct Attached {
        href: String,
        #[serde(default, rename = "type")]
        mime_type: Option<String>,
        #[serde(default)]
        length: Option<serde_json::Value>,
    }
    let contents: Contents = serde_json::from_slice(bytes).map_err(|e| SyncError::Unreadable(e.to_string()))?;
    let seconds = |v: &Option<serde_json::Value>| {
        v.as_ref().and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok())).filter(|&s| s > 0).map(|s| Timestamp(s * 1000))
    };
    Ok(contents
        .items
        .into_iter()
        .filter_map(|item| {
            let id = ItemId::parse(&value_text(&item.id)?);
            let origin = item.origin?;
            let base = origin.html_url.filter(|u| !u.is_empty());
            let body = |c: Content| Markup { kind: MarkupKind::Html, body: c.content, base: base.clone() };
            // Full content where the server sends it, else the summary (FreshRSS's compatible
            // mode sends the article as the summary).
            let (summary, content) = match (item.summary, item.content) {
                (summary, Some(content)) => (summary.map(body), Some(body(content))),
                (summary, None) => (None, summary.map(body)),
            };
            let state = |name: &str| item.categories.iter().any(|c| c.ends_with(name) && c.starts_with("user/"));
            let entry = Entry {
                id: id.long(),
                title: item.title.filter(|t| !t.is_empty()),
                link: item.canonical.into_iter().chain(item.alternate).map(|l| l.href).find(|h| !h.is_empty()),
                published: seconds(&item.published),
                updated: seconds(&item.updated),
                authors: item
                    .author
                    .filter(|a| !a.trim().is_empty())
                    .map(|name| Person { name: Some(name), ..Person::default() })
                    .into_iter()
                    .collect(),
                categories: Vec::new(),
                summary,
                content,
                enclosures: item
                    .enclosure
                    .into_iter()
                    .filter(|e| !e.href.is_empty())
                    .map(|e| Enclosure {
                        url: e.href,
                        mime_type: e.mime_type.filter(|t| !t.is_empty()),
                        length: e.length.as_ref().and_then(|l| l.as_u64().or_else(|| l.as_str()?.parse().ok())),
                    })
                    .collect(),
            };
            Some(ServerItem {
                stream: origin.stream_id,
                entry,
                read: state("/state/com.google/read"),
                starred: state("/state/com.google/starred"),
            })
        })
        .collect())
}

/// Adds a state (read, starred) to some items, or removes it.
pub fn edit_tag(api: &str, auth: &str, token: &str, ids: &[ItemId], flag: super::outbox::Flag, on: bool) -> Call {
    let tag = match flag {
        super::outbox::Flag::Read => READ,
        super::outbox::Flag::Starred => STARRED,
    };
    let mut form: Vec<(String, String)> = ids.iter().map(|id| ("i".to_string(), id.long())).collect();
    form.push((if on { "a" } else { "r" }.to_string(), tag.to_string()));
    form.push(("T".to_string(), token.to_string()));
    authorized(Call::post_form(format!("{api}/reader/api/0/edit-tag"), form), auth)
}

/// A feed operation.
pub fn feed_op(api: &str, auth: &str, token: &str, op: &super::FeedOp) -> Call {
    use super::FeedOp;
    let label = |folder: &str| format!("user/-/label/{folder}");
    let (path, mut form): (&str, Vec<(String, String)>) = match op {
        FeedOp::Subscribe { url, .. } => ("subscription/quickadd", vec![("quickadd".into(), url.clone())]),
        FeedOp::Unsubscribe { stream } => ("subscription/edit", vec![("ac".into(), "unsubscribe".into()), ("s".into(), stream.clone())]),
        FeedOp::Rename { stream, title } => {
            ("subscription/edit", vec![("ac".into(), "edit".into()), ("s".into(), stream.clone()), ("t".into(), title.clone())])
        }
        FeedOp::Move { stream, from, to } => {
            let mut form = vec![("ac".to_string(), "edit".to_string()), ("s".to_string(), stream.clone())];
            match (to, from) {
                (Some(to), _) => form.push(("a".into(), label(to))),
                // Out of every folder: the server's default one.
                (None, Some(from)) => form.push(("r".into(), label(from))),
                (None, None) => {}
            }
            ("subscription/edit", form)
        }
    };
    form.push(("T".into(), token.to_string()));
    authorized(Call::post_form(format!("{api}/reader/api/0/{path}"), form), auth)
}

/// What the server said of a feed operation: done, or why it cannot be (a subscription the
/// server could not make, with its words).
pub fn read_feed_op(op: &super::FeedOp, reply: &Reply) -> Result<(), SyncError> {
    if let super::FeedOp::Subscribe { .. } = op {
        #[derive(Deserialize)]
        struct Added {
            #[serde(default, rename = "numResults")]
            results: u32,
            #[serde(default)]
            error: Option<String>,
        }
        let added: Added = serde_json::from_slice(&checked(reply)?.bytes).map_err(|e| SyncError::Unreadable(e.to_string()))?;
        return match added.results {
            0 => Err(SyncError::Unreadable(added.error.unwrap_or_else(|| "the server found no feed there".into()))),
            _ => Ok(()),
        };
    }
    read_ok(reply)
}

/// A call that answers `OK`.
pub fn read_ok(reply: &Reply) -> Result<(), SyncError> {
    let text = checked(reply)?.text();
    if text.trim() == "OK" {
        Ok(())
    } else {
        Err(SyncError::Unreadable(format!("the server said {:?}", text.chars().take(80).collect::<String>())))
    }
}

#[cfg(test)]
mod tests;
