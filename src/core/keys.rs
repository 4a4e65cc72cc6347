//! The identities everything else refers to: a feed's ([`FeedId`]) and an entry's
//! ([`EntryKey`]), and sets and maps of entry keys. A room of their own, below the library
//! and the filters, which both name them.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use super::hash::fnv1a;

/// A subscription's identity: a short hash of the feed's own address (or, for a pasted
/// document without one, its site link or title), so adding the same feed twice updates it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FeedId(pub String);

impl fmt::Display for FeedId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An entry's identity across the whole library: a 64-bit hash of its feed and its id.
/// Written as 16 hex digits in JSON, so years of read state stay small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryKey(pub u64);

impl EntryKey {
    /// The key of entry `entry_id` in feed `feed`.
    pub fn new(feed: &FeedId, entry_id: &str) -> EntryKey {
        EntryKey(fnv1a(&[feed.0.as_bytes(), b"\x1f", entry_id.as_bytes()]))
    }
}

impl fmt::Display for EntryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl TryFrom<&str> for EntryKey {
    type Error = String;
    fn try_from(text: &str) -> Result<EntryKey, String> {
        u64::from_str_radix(text, 16).map(EntryKey).map_err(|_| format!("not an entry key: {text}"))
    }
}

/// Hex digits in human-readable formats (JSON: backups, what earlier versions stored), the
/// plain number in binary ones (messages between page and engine, the engine's own records).
impl Serialize for EntryKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            serializer.serialize_u64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for EntryKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<EntryKey, D::Error> {
        if deserializer.is_human_readable() {
            let text = String::deserialize(deserializer)?;
            EntryKey::try_from(text.as_str()).map_err(serde::de::Error::custom)
        } else {
            u64::deserialize(deserializer).map(EntryKey)
        }
    }
}

/// Entry keys are already uniform hashes: a set or map of them needs no second hash.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used by `EntryKey`; anything else still hashes correctly.
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ *byte as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of entry keys (read, starred).
pub type KeySet = HashSet<EntryKey, BuildHasherDefault<KeyHasher>>;
pub type KeyMap<V> = HashMap<EntryKey, V, BuildHasherDefault<KeyHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_keys_are_hex_in_json_and_numbers_in_binary() {
        let key = EntryKey::new(&FeedId("abc".into()), "https://example.com/post");
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json.len(), 18, "16 hex digits in quotes: {json}");
        assert_eq!(serde_json::from_str::<EntryKey>(&json).unwrap(), key);
        let binary = postcard::to_stdvec(&key).unwrap();
        assert!(binary.len() <= 10);
        assert_eq!(postcard::from_bytes::<EntryKey>(&binary).unwrap(), key);
        assert!(serde_json::from_str::<EntryKey>("\"not hex\"").is_err());
    }
}
