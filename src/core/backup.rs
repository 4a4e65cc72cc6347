//! One JSON file with everything the reader has: subscriptions with their cached entries, read
//! and starred state, settings. The engine merges an imported one into what is there (nothing
//! is lost on either side).
//!
//! A backup file comes from outside the app, so nothing in it is trusted: every article body
//! goes through the sanitizer again and every address through the URL gate, exactly as if the
//! feeds had just been fetched.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::keys::EntryKey;
use super::library::Settings;
use super::library::Subscription;
use super::located::Located;
use super::model::{Arrival, Entry, Feed, Markup, MarkupKind};
use super::safe_html::SafeHtml;
use super::sanitize::{arrivals, safe_url, sanitize_feed};
use super::time::Timestamp;

/// What the `format` field of our backups says.
pub const FORMAT: &str = "feedreader-backup";
/// The backup layout this build writes and the newest it reads.
pub const VERSION: u32 = 1;

/// The file's contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    /// Always [`FORMAT`]: tells our backups from any other JSON.
    pub format: String,
    pub version: u32,
    /// When the backup was made, if the app knew.
    #[serde(default)]
    pub exported: Option<Timestamp>,
    pub subscriptions: Vec<Subscription>,
    #[serde(default)]
    pub read: BTreeSet<EntryKey>,
    #[serde(default)]
    pub starred: BTreeSet<EntryKey>,
    #[serde(default)]
    pub settings: Settings,
}

/// Why a file could not be imported as a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupError {
    /// Not a backup of this reader (another JSON file, an OPML or feed file, anything else).
    NotOurs(String),
    /// Made by a newer version of the reader.
    Newer { version: u64 },
    /// Our format, but damaged: where and what.
    Damaged(Located),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::NotOurs(what) => write!(f, "this is not a backup of this feed reader: {what}"),
            BackupError::Newer { version } => write!(
                f,
                "this backup was made by a newer version of the reader (backup version {version}); update the reader to import it"
            ),
            BackupError::Damaged(Located { line, column, message }) => {
                write!(f, "the backup is damaged at line {line}, column {column}: {message}")
            }
        }
    }
}

impl std::error::Error for BackupError {}

/// A backup file written piece by piece, so a library of 100,000 articles is never one string
/// in memory: [`Writer::head`], then [`Writer::subscription`] for each feed (with its
/// entries), then [`Writer::tail`]. The pieces joined are one JSON document of [`Backup`]'s
/// shape (format version 1).
pub struct Writer {
    written: usize,
}

impl Writer {
    /// The start of the file: everything but the subscriptions.
    pub fn head(settings: &Settings, read: &[EntryKey], starred: &[EntryKey], exported: Option<Timestamp>) -> (Writer, String) {
        let json = |value: serde_json::Result<String>| value.unwrap_or_else(|_| "null".into());
        let head = format!(
            "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"exported\":{},\"settings\":{},\"read\":{},\"starred\":{},\"subscriptions\":[",
            json(serde_json::to_string(&exported)),
            json(serde_json::to_string(settings)),
            json(serde_json::to_string(read)),
            json(serde_json::to_string(starred)),
        );
        (Writer { written: 0 }, head)
    }

    /// One subscription, its feed's `entries` filled with the articles.
    pub fn subscription(&mut self, subscription: &Subscription) -> String {
        // Plain data with string keys always serializes.
        let json = serde_json::to_string(subscription).unwrap_or_default();
        self.written += 1;
        if self.written == 1 {
            json
        } else {
            format!(",{json}")
        }
    }

    /// The end of the file.
    pub fn tail(self) -> String {
        "]}".into()
    }
}

/// What a backup file holds, made safe: each subscription's record with its entries as
/// arrivals (sanitized again, with their text), read and starred state, settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    pub subscriptions: Vec<(Subscription, Vec<Arrival>)>,
    pub read: Vec<EntryKey>,
    pub starred: Vec<EntryKey>,
    pub settings: Settings,
}

/// Reads a backup file (from anywhere: nothing in it is trusted).
pub fn from_json(text: &str) -> Result<Imported, BackupError> {
    let probe: serde_json::Value = serde_json::from_str(text).map_err(|error| {
        let looks_like = if text.trim_start().starts_with('<') {
            "it is an XML file (to add feeds from OPML, use Import OPML)"
        } else {
            "it is not JSON"
        };
        BackupError::NotOurs(format!("{looks_like}; {error}"))
    })?;
    if probe.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(BackupError::NotOurs(format!("it has no \"format\": \"{FORMAT}\" field")));
    }
    match probe.get("version").and_then(|v| v.as_u64()) {
        Some(version) if version > VERSION as u64 => return Err(BackupError::Newer { version }),
        _ => {}
    }
    drop(probe);
    // Parsed again from the text (not the probe) so a problem is reported with its position.
    let backup: Backup = serde_json::from_str(text).map_err(|error| {
        BackupError::Damaged(Located {
            line: error.line() as u32,
            column: error.column() as u32,
            message: strip_position(&error.to_string()),
        })
    })?;
    let subscriptions = backup
        .subscriptions
        .into_iter()
        .map(|subscription| {
            let subscription = untrusted_subscription(subscription);
            let record = subscription.record();
            let (_, arrivals) = arrivals(subscription.feed);
            (record, arrivals)
        })
        .collect();
    let mut settings = backup.settings;
    // A proxy sees every feed fetched through it: only an http(s) address is taken.
    settings.cors_proxy = settings.cors_proxy.as_deref().and_then(safe_url);
    Ok(Imported { subscriptions, read: backup.read.into_iter().collect(), starred: backup.starred.into_iter().collect(), settings })
}

/// serde_json appends " at line L column C"; the position is reported in its own fields.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// A subscription from a file: bodies sanitized again, addresses checked again.
fn untrusted_subscription(mut subscription: Subscription) -> Subscription {
    let entries = std::mem::take(&mut subscription.feed.entries);
    let Feed { kind, version, title, link, self_link, subtitle, updated, language, icon, authors, categories, diagnostics, .. } =
        subscription.feed;
    let as_markup = Feed {
        kind,
        version,
        title,
        link,
        self_link,
        subtitle,
        updated,
        language,
        icon,
        authors,
        categories,
        entries: entries.into_iter().map(entry_as_markup).collect(),
        diagnostics,
    };
    subscription.feed = sanitize_feed(as_markup);
    subscription.source = subscription.source.as_deref().and_then(safe_url);
    subscription
}

fn entry_as_markup(entry: Entry) -> Entry<Markup> {
    // Stored bodies were serialized with absolute URLs, so no base is needed.
    let markup = |body: SafeHtml| Markup { kind: MarkupKind::Html, body: body.as_str().to_owned(), base: None };
    Entry {
        id: entry.id,
        title: entry.title,
        link: entry.link,
        published: entry.published,
        updated: entry.updated,
        authors: entry.authors,
        categories: entry.categories,
        summary: entry.summary.map(markup),
        content: entry.content.map(markup),
        enclosures: entry.enclosures,
    }
}

#[cfg(test)]
mod tests;
