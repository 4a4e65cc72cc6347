//! What the tests of both sync dialects share: finding an account's entry, and the changes the
//! offline-replay tests make while the server is out of reach.

use super::*;

/// The account's entry with this title.
pub(super) fn key_of(tab: &Tab, title: &str) -> EntryKey {
    let library = &tab.engine.state.borrow().library;
    library.account_keys().into_iter().find(|&k| library.summary(k).is_some_and(|(s, _)| &*s.title == title)).expect(title)
}

/// Offline: "news 1" to "news 500" read, the first 20 of them starred, and "news 510" read,
/// unread, then read again.
pub(super) fn change_offline(tab: &mut Tab) {
    let keys: Vec<EntryKey> = (1..=500).map(|n| key_of(tab, &format!("news {n}"))).collect();
    for key in &keys {
        tab.send(Command::SetRead { keys: vec![*key], read: true });
    }
    for key in &keys[..20] {
        tab.send(Command::SetStarred { key: *key, starred: true });
    }
    let toggled = key_of(tab, "news 510");
    for read in [true, false, true] {
        tab.send(Command::SetRead { keys: vec![toggled], read });
    }
}
