//! Upgrades of what earlier versions stored, so an update never makes saved data unreadable.
//!
//! Each stored value is an envelope `{"version": N, "data": …}` under one key. [`migrate`]
//! takes the `data` of any earlier version to the current shape, one version step at a time;
//! the storage layer then deserializes it as usual and writes it back at the current version.
//!
//! Versions:
//! - 1: `feedreader.feeds` is a list of `{id, source, feed}`; `feedreader.read` a list of
//!   16-hex-digit entry keys. Nothing else was stored.
//! - 2: subscriptions gain `name` and `folder` (and `pending`, written only when true);
//!   starred keys get their own key `feedreader.starred`, settings `feedreader.settings`.

use serde_json::{Map, Value};

/// The schema version this build writes.
pub const CURRENT_VERSION: u32 = 2;

/// The localStorage keys of each part of the library.
pub mod keys {
    /// Subscriptions with their cached entries.
    pub const FEEDS: &str = "feedreader.feeds";
    /// Keys of read entries.
    pub const READ: &str = "feedreader.read";
    /// Keys of starred entries (since version 2).
    pub const STARRED: &str = "feedreader.starred";
    /// The reader's settings (since version 2).
    pub const SETTINGS: &str = "feedreader.settings";
}

/// Brings the `data` stored under `key` at schema `version` up to [`CURRENT_VERSION`]. An
/// error says plainly why it cannot be read (the storage layer then keeps it under a backup
/// key). Keys this module does not know pass through unchanged.
pub fn migrate(key: &str, version: u32, mut data: Value) -> Result<Value, String> {
    if version == 0 {
        return Err("it has schema version 0, which no version of the reader wrote".into());
    }
    if version > CURRENT_VERSION {
        return Err(format!("it was written by a newer version of the reader (schema {version})"));
    }
    for from in version..CURRENT_VERSION {
        data = match from {
            1 => from_1(key, data)?,
            _ => data,
        };
    }
    Ok(data)
}

/// [`migrate`] for a whole envelope `{"version": N, "data": …}`: returns the current `data`.
pub fn migrate_envelope(key: &str, envelope: Value) -> Result<Value, String> {
    let Value::Object(mut envelope) = envelope else {
        return Err("it is not a saved value of this reader".into());
    };
    let version = envelope.get("version").and_then(Value::as_u64).and_then(|v| u32::try_from(v).ok()).ok_or("it has no schema version")?;
    let data = envelope.remove("data").ok_or("it has no data")?;
    migrate(key, version, data)
}

/// Version 1 → 2.
fn from_1(key: &str, data: Value) -> Result<Value, String> {
    match key {
        keys::FEEDS => {
            let Value::Array(subscriptions) = data else {
                return Err("the saved feeds are not a list".into());
            };
            let upgraded = subscriptions
                .into_iter()
                .map(|s| match s {
                    Value::Object(mut fields) => {
                        fields.entry("name").or_insert(Value::Null);
                        fields.entry("folder").or_insert(Value::Null);
                        Ok(Value::Object(fields))
                    }
                    _ => Err("a saved feed is not an object".to_string()),
                })
                .collect::<Result<Vec<Value>, String>>()?;
            Ok(Value::Array(upgraded))
        }
        keys::READ => entry_keys(data),
        _ => Ok(data),
    }
}

/// A list of entry keys, without elements that are not one: version 1 wrote only valid keys,
/// so anything else is damage, and dropping it keeps the rest of the read state readable.
fn entry_keys(data: Value) -> Result<Value, String> {
    let Value::Array(list) = data else {
        return Err("the saved read state is not a list".into());
    };
    let is_key = |v: &Value| v.as_str().is_some_and(|s| !s.is_empty() && s.len() <= 16 && u64::from_str_radix(s, 16).is_ok());
    Ok(Value::Array(list.into_iter().filter(is_key).collect()))
}

/// Wraps data in an envelope at the current version, as the storage layer writes it.
pub fn envelope(data: Value) -> Value {
    let mut fields = Map::new();
    fields.insert("version".into(), Value::from(CURRENT_VERSION));
    fields.insert("data".into(), data);
    Value::Object(fields)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::json;

    use super::*;
    use crate::core::keys::EntryKey;
    use crate::core::library::testing::{entry, feed};
    use crate::core::library::Subscription;

    /// A version-1 document written by hand, the way version 1 wrote it (no name, folder or
    /// pending fields).
    fn version_1_feeds() -> Value {
        let cached = serde_json::to_value(feed("old", vec![entry("1", "kept entry", Some(1))])).unwrap();
        json!([{ "id": "0123456789ab", "source": "https://old.example/feed", "feed": cached }])
    }

    #[test]
    fn version_1_feeds_and_read_state_load_in_version_2() {
        let feeds = migrate_envelope(keys::FEEDS, json!({ "version": 1, "data": version_1_feeds() })).unwrap();
        assert_eq!(feeds[0]["name"], Value::Null);
        let subscriptions: Vec<Subscription> = serde_json::from_value(feeds).unwrap();
        let read_v1 = json!(["00000000000000ff", "not a key", 7, "0123456789abcdef"]);
        let read: BTreeSet<EntryKey> = serde_json::from_value(migrate(keys::READ, 1, read_v1).unwrap()).unwrap();
        assert_eq!(read.len(), 2, "damaged elements are dropped, the rest kept");

        let only = &subscriptions[0];
        assert_eq!((only.title(), only.folder.as_deref(), only.is_pending()), ("old", None, false));
        assert_eq!(only.source.as_deref(), Some("https://old.example/feed"));
        assert_eq!(only.feed.entries[0].title.as_deref(), Some("kept entry"), "version 1 kept entries inline");
        assert!(read.contains(&EntryKey(0xff)));
    }

    #[test]
    fn current_data_passes_through_unchanged() {
        let data = json!([{"id": "x", "source": null, "feed": {}, "name": "Mine", "folder": "Tech"}]);
        assert_eq!(migrate(keys::FEEDS, CURRENT_VERSION, data.clone()).unwrap(), data);
        let settings = json!({"theme": "dark"});
        assert_eq!(migrate_envelope(keys::SETTINGS, envelope(settings.clone())).unwrap(), settings);
    }

    #[test]
    fn newer_or_foreign_data_is_refused_plainly() {
        assert_eq!(migrate(keys::FEEDS, 3, json!([])).unwrap_err(), "it was written by a newer version of the reader (schema 3)");
        assert!(migrate(keys::FEEDS, 0, json!([])).is_err());
        assert_eq!(migrate(keys::FEEDS, 1, json!({"a": 1})).unwrap_err(), "the saved feeds are not a list");
        assert_eq!(migrate(keys::FEEDS, 1, json!([3])).unwrap_err(), "a saved feed is not an object");
        assert_eq!(migrate_envelope(keys::READ, json!("hello")).unwrap_err(), "it is not a saved value of this reader");
        assert_eq!(migrate_envelope(keys::READ, json!({"data": []})).unwrap_err(), "it has no schema version");
    }
}
