//! The library on the device, in localStorage.
//!
//! Subscriptions (with their cached, sanitized entries) and read state live under separate
//! keys, so marking an entry read rewrites a few kilobytes, never the articles. Each value is an
//! envelope with a schema version. A value we cannot read is moved to a backup key (never
//! deleted) and the app starts with defaults and says so. A write that does not fit leaves the
//! previously saved value untouched: localStorage replaces a key atomically or not at all.

use std::collections::BTreeSet;
use std::fmt;

use serde::{de::DeserializeOwned, Serialize};

use crate::core::library::{EntryKey, Library, Subscription};
use crate::core::migrate::{envelope, keys, migrate_envelope};
use crate::core::settings::Settings;

pub const FEEDS_KEY: &str = keys::FEEDS;
pub const READ_KEY: &str = keys::READ;
pub const STARRED_KEY: &str = keys::STARRED;
pub const SETTINGS_KEY: &str = keys::SETTINGS;

/// Why something could not be saved or read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser gives this page no localStorage (private mode, disabled cookies).
    Unavailable,
    /// The write did not fit in the browser's quota; the earlier saved value is intact.
    Full { what: &'static str },
    /// A stored value was not ours or was damaged; it was kept under `backup`.
    Unreadable { key: String, backup: String, reason: String },
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => f.write_str(
                "This browser does not let the page keep data, so feeds and read state will be forgotten when you close it.",
            ),
            StorageError::Full { what } => write!(
                f,
                "The browser's storage for this page is full, so the latest change to your {what} was not saved. What was saved before is intact."
            ),
            StorageError::Unreadable { key, backup, reason } => write!(
                f,
                "Saved data under “{key}” could not be read ({reason}), so the reader started fresh. The old data is kept under “{backup}”."
            ),
        }
    }
}

/// What was found on the device, and what went wrong reading it.
pub struct Loaded {
    /// `None` when nothing was ever saved: a first visit.
    pub subscriptions: Option<Vec<Subscription>>,
    pub read: BTreeSet<EntryKey>,
    pub starred: BTreeSet<EntryKey>,
    pub settings: Settings,
    pub problems: Vec<StorageError>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads everything saved.
pub fn load() -> Loaded {
    let mut problems = Vec::new();
    let Some(storage) = local_storage() else {
        return Loaded {
            subscriptions: None,
            read: BTreeSet::new(),
            starred: BTreeSet::new(),
            settings: Settings::default(),
            problems: vec![StorageError::Unavailable],
        };
    };
    let subscriptions = read_value::<Vec<Subscription>>(&storage, FEEDS_KEY, &mut problems);
    let read = read_value::<BTreeSet<EntryKey>>(&storage, READ_KEY, &mut problems).unwrap_or_default();
    let starred = read_value::<BTreeSet<EntryKey>>(&storage, STARRED_KEY, &mut problems).unwrap_or_default();
    let settings = read_value::<Settings>(&storage, SETTINGS_KEY, &mut problems).unwrap_or_default();
    Loaded { subscriptions, read, starred, settings, problems }
}

fn read_value<T: DeserializeOwned>(
    storage: &web_sys::Storage,
    key: &str,
    problems: &mut Vec<StorageError>,
) -> Option<T> {
    let text = storage.get_item(key).ok().flatten()?;
    // Any earlier schema is upgraded on the way in; it is written back in the current one the
    // next time that part changes.
    let reason = match serde_json::from_str(&text)
        .map_err(|e| format!("it is not JSON: {e}"))
        .and_then(|value| migrate_envelope(key, value))
        .and_then(|data| serde_json::from_value::<T>(data).map_err(|e| format!("its contents are not what the reader saves: {e}")))
    {
        Ok(value) => return Some(value),
        Err(reason) => reason,
    };
    let backup = format!("{key}.unreadable-{}", js_sys::Date::now() as u64);
    // Keep the unreadable value before anything overwrites it; if even that fails, leave the
    // original key alone so nothing is lost.
    if storage.set_item(&backup, &text).is_ok() {
        let _ = storage.remove_item(key);
    }
    problems.push(StorageError::Unreadable { key: key.to_string(), backup, reason });
    None
}

fn write_value<T: Serialize>(key: &str, what: &'static str, data: &T) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    let data = serde_json::to_value(data).map_err(|_| StorageError::Full { what })?;
    let text = serde_json::to_string(&envelope(data)).map_err(|_| StorageError::Full { what })?;
    storage.set_item(key, &text).map_err(|_| StorageError::Full { what })
}

/// Saves the subscriptions; their entries too when there is no entry cache (IndexedDB) to
/// keep them.
pub fn save_subscriptions(library: &Library, with_entries: bool) -> Result<(), StorageError> {
    if with_entries {
        return write_value(FEEDS_KEY, "feeds", &library.subscriptions());
    }
    let records: Vec<Subscription> = library.subscriptions().iter().map(Subscription::without_entries).collect();
    write_value(FEEDS_KEY, "feeds", &records)
}

/// Saves which entries have been read.
pub fn save_read(library: &Library) -> Result<(), StorageError> {
    write_value(READ_KEY, "read state", library.read_keys())
}

/// Saves which entries are starred.
pub fn save_starred(library: &Library) -> Result<(), StorageError> {
    write_value(STARRED_KEY, "starred entries", library.starred_keys())
}

/// Saves the reader's settings.
pub fn save_settings(settings: &Settings) -> Result<(), StorageError> {
    write_value(SETTINGS_KEY, "settings", settings)
}
