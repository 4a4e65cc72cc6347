//! Where the reader is, as the page address says it: `#/all`, `#/starred`, `#/feed/ID`,
//! `#/folder/NAME`, `#/saved/NAME` (a saved search), each optionally followed by `/entry/KEY`. Hash routing works on any static
//! host, and back/forward and reload land in the same place. Pure, tested natively.

use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::Scope;
use crate::core::text::{percent_decode as decode, percent_encode as encode};

/// A place in the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Route {
    pub scope: Scope,
    pub entry: Option<EntryKey>,
    /// A saved search, by name (its scope, filter and search come from the settings).
    pub saved: Option<String>,
}

impl Route {
    /// Reads a `location.hash` ("#/feed/abc/entry/0123…"); anything unknown is the "All" river.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        let mut saved = None;
        let (scope, rest) = match parts.as_slice() {
            ["saved", name, rest @ ..] if !name.is_empty() => {
                saved = Some(decode(name));
                (Scope::All, rest)
            }
            ["starred", rest @ ..] => (Scope::Starred, rest),
            ["history", rest @ ..] => (Scope::History, rest),
            ["shared", rest @ ..] => (Scope::Shared, rest),
            ["tag", name, rest @ ..] if !name.is_empty() => (Scope::Tag(decode(name)), rest),
            ["feed", id, rest @ ..] if !id.is_empty() => (Scope::Feed(FeedId(decode(id))), rest),
            ["folder", name, rest @ ..] if !name.is_empty() => (Scope::Folder(decode(name)), rest),
            ["all", rest @ ..] => (Scope::All, rest),
            _ => (Scope::All, &[][..]),
        };
        let entry = match rest {
            ["entry", key, ..] => EntryKey::try_from(*key).ok(),
            _ => None,
        };
        Route { scope, entry, saved }
    }

    /// The `location.hash` for this place.
    pub fn to_hash(&self) -> String {
        let mut hash = match (&self.saved, &self.scope) {
            (Some(name), _) => format!("#/saved/{}", encode(name)),
            (None, scope) => Route::scope_hash(scope),
        };
        if let Some(key) = self.entry {
            hash.push_str(&format!("/entry/{key}"));
        }
        hash
    }

    fn scope_hash(scope: &Scope) -> String {
        match scope {
            Scope::All => "#/all".to_string(),
            Scope::Starred => "#/starred".to_string(),
            Scope::History => "#/history".to_string(),
            Scope::Shared => "#/shared".to_string(),
            Scope::Tag(name) => format!("#/tag/{}", encode(name)),
            Scope::Feed(id) => format!("#/feed/{}", encode(&id.0)),
            Scope::Folder(name) => format!("#/folder/{}", encode(name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(route: Route) {
        assert_eq!(Route::parse(&route.to_hash()), route, "{}", route.to_hash());
    }

    #[test]
    fn every_place_round_trips() {
        let key = Some(EntryKey(0x0123_4567_89ab_cdef));
        round_trip(Route { scope: Scope::All, entry: None, saved: None });
        round_trip(Route { scope: Scope::Starred, entry: key, saved: None });
        round_trip(Route { scope: Scope::History, entry: key, saved: None });
        round_trip(Route { scope: Scope::Shared, entry: key, saved: None });
        round_trip(Route { scope: Scope::Tag("to read / later".into()), entry: key, saved: None });
        round_trip(Route { scope: Scope::Feed(FeedId("a1b2c3".into())), entry: key, saved: None });
        round_trip(Route { scope: Scope::Folder("News/Tech #1 — café".into()), entry: None, saved: None });
        round_trip(Route { scope: Scope::All, entry: key, saved: Some("Rust / Go #1".into()) });
    }

    #[test]
    fn reads_the_address_a_person_would_share() {
        let route = Route::parse("#/feed/abc123/entry/0123456789abcdef");
        assert_eq!(route.scope, Scope::Feed(FeedId("abc123".into())));
        assert_eq!(route.entry, Some(EntryKey(0x0123_4567_89ab_cdef)));
        assert_eq!(Route::parse("#/folder/News%2FTech").scope, Scope::Folder("News/Tech".into()));
    }

    #[test]
    fn anything_else_is_the_river() {
        for hash in ["", "#", "#/", "#/nonsense", "#/feed/", "#/feed//entry/x", "%%%"] {
            assert_eq!(Route::parse(hash).scope, Scope::All, "{hash}");
        }
        assert_eq!(Route::parse("#/all/entry/not-hex").entry, None);
    }
}
