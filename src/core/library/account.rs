//! The reader's account on its own server, as the library holds it: the account itself, its
//! feeds (the server's list, taken in as subscriptions of their own), and read and starred
//! state as the server has it. What the server says is recorded apart from the reader's own
//! marks: it is written into the snapshot the journal replays over, never into the journal,
//! so it is never sent back, and a change made here that the server has not acknowledged
//! (replayed after it) wins.

use std::collections::{HashMap, HashSet};

use super::{EntryKey, FeedId, KeySet, Library, Marked, Remote, Subscription};
use crate::core::model::{Feed, FeedKind};
use crate::core::sync::{Account, ServerFeed};
use crate::core::time::Timestamp;

impl Library {
    /// The account, if the reader connected one.
    pub fn account(&self) -> Option<&Account> {
        self.account.as_ref()
    }

    /// Connects, updates or (with `None`) forgets the account.
    pub fn set_account(&mut self, account: Option<Account>) {
        if self.account != account {
            self.account = account;
            self.touched.account = true;
        }
    }

    /// The account as storage holds it: nothing to write.
    pub fn restore_account(&mut self, account: Option<Account>) {
        self.account = account;
    }

    /// The feed id of an account's stream.
    pub fn account_feed_id(account: &Account, stream: &str) -> FeedId {
        Library::feed_id_for_url(&format!("{}#{stream}", account.api))
    }

    /// The account's feeds, by their stream.
    pub fn account_streams(&self) -> HashMap<String, FeedId> {
        self.subscriptions().filter_map(|s| Some((s.remote.as_ref()?.stream.clone(), s.id.clone()))).collect()
    }

    /// Whether an entry belongs to a feed of the account.
    pub fn is_account_entry(&self, key: EntryKey) -> bool {
        self.summary(key).is_some_and(|(_, s)| s.remote.is_some())
    }

    /// Every entry of the account's feeds.
    pub fn account_keys(&self) -> Vec<EntryKey> {
        self.followed
            .iter()
            .filter(|f| f.subscription.remote.is_some())
            .flat_map(|f| f.entries.iter().map(|&n| self.slots[n as usize].summary.key))
            .collect()
    }

    /// Takes in the server's list of feeds: new ones are followed (waiting for their entries),
    /// known ones take the server's title, folder and addresses, and those the server no
    /// longer lists are removed (their starred entries' state stays, as any removal's does).
    pub fn take_server_feeds(&mut self, account: &Account, feeds: &[ServerFeed]) {
        let space = account.space();
        let listed: HashSet<FeedId> = feeds.iter().map(|f| Library::account_feed_id(account, &f.stream)).collect();
        let gone: Vec<FeedId> =
            self.subscriptions().filter(|s| s.remote.is_some() && !listed.contains(&s.id)).map(|s| s.id.clone()).collect();
        for id in gone {
            self.remove(&id);
        }
        for server in feeds {
            let id = Library::account_feed_id(account, &server.stream);
            let feed = Feed {
                title: Some(server.title.clone()).filter(|t| !t.is_empty()),
                link: server.site.clone(),
                self_link: server.url.clone(),
                icon: server.icon.clone(),
                ..Feed::empty(FeedKind::Rss)
            };
            match self.position(&id) {
                Some(i) => {
                    let subscription = &mut self.followed[i].subscription;
                    let before = subscription.clone();
                    subscription.feed = Feed { entries: Vec::new(), diagnostics: Vec::new(), ..feed };
                    subscription.folder = server.folder.clone();
                    if *subscription != before {
                        self.touched.records.insert(id);
                        // Folder lists follow folders.
                        self.entries_changed();
                    }
                }
                None => {
                    let mut subscription = Subscription::new(id, None, feed);
                    subscription.folder = server.folder.clone();
                    subscription.remote = Some(Remote { space: space.clone(), stream: server.stream.clone() });
                    self.follow(subscription);
                    self.entries_changed();
                }
            }
        }
    }

    /// Forgets the account's entries the server no longer keeps (`kept`: every id it lists),
    /// except starred ones and those `waiting` names: their articles go too. Returns how many.
    pub fn drop_server_deleted(&mut self, kept: &KeySet, waiting: impl Fn(EntryKey) -> bool) -> usize {
        let mut dropped = 0;
        for i in 0..self.followed.len() {
            let followed = &self.followed[i];
            if followed.subscription.remote.is_none() {
                continue;
            }
            let id = followed.subscription.id.clone();
            let gone: HashSet<u32> = followed
                .entries
                .iter()
                .copied()
                .filter(|&n| {
                    let key = self.slots[n as usize].summary.key;
                    !kept.contains(&key) && !self.starred.contains(&key) && !waiting(key)
                })
                .collect();
            if gone.is_empty() {
                continue;
            }
            dropped += gone.len();
            let keys: Vec<EntryKey> = gone.iter().map(|&n| self.slots[n as usize].summary.key).collect();
            self.followed[i].entries.retain(|n| !gone.contains(n));
            for n in gone {
                self.drop_slot(n);
            }
            self.touched.entries.insert(id.clone());
            self.touched.dropped.extend(keys.into_iter().map(|key| (id.clone(), key)));
        }
        if dropped > 0 {
            self.entries_changed();
        }
        dropped
    }

    /// Read and starred state as the server has it for the account's entries (those in
    /// `unread` are unread, the others read; those in `starred` starred), except the entries
    /// `waiting` names (a change made here, not yet acknowledged, wins). Recorded as the
    /// server's, not as the reader's marks. Returns how many entries changed.
    pub fn take_server_state(&mut self, unread: &KeySet, starred: &KeySet, waiting: impl Fn(EntryKey) -> bool) -> usize {
        let keys: Vec<EntryKey> = self.account_keys().into_iter().filter(|&k| !waiting(k)).collect();
        let mut now_read = Vec::new();
        let mut now_unread = Vec::new();
        let mut now_starred = Vec::new();
        let mut now_unstarred = Vec::new();
        for key in keys {
            let (read, star) = (!unread.contains(&key), starred.contains(&key));
            if read != self.read.contains(&key) {
                if read {
                    now_read.push(key)
                } else {
                    now_unread.push(key)
                }
            }
            if star != self.starred.contains(&key) {
                if star {
                    now_starred.push(key)
                } else {
                    now_unstarred.push(key)
                }
            }
        }
        let changed = now_read.len() + now_unread.len() + now_starred.len() + now_unstarred.len();
        let at = Timestamp(0);
        for (keys, read, starred) in [
            (now_read, Some(true), None),
            (now_unread, Some(false), None),
            (now_starred, None, Some(true)),
            (now_unstarred, None, Some(false)),
        ] {
            if keys.is_empty() {
                continue;
            }
            let marked = Marked { at, keys, read, starred };
            super::replay(&mut self.read, &mut self.starred, std::slice::from_ref(&marked));
            self.touched.server_marks.push(marked);
        }
        changed
    }
}
