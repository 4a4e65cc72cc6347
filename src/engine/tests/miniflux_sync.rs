//! Sync with Miniflux's REST API, against a Miniflux written from its API documentation
//! (`miniflux.rs`: none can run on these machines): the same behaviours as with the real
//! FreshRSS (`sync.rs`), in Miniflux's calls.

use super::account::{change_offline, key_of};
use super::freshrss::{numbered_feed, FeedServer};
use super::miniflux::Miniflux;
use super::*;
use crate::core::sync::{Connection, Dialect, SyncError};

fn connect(tab: &mut Tab, address: &str, key: &str) -> Vec<Event> {
    tab.send(Command::Connect { dialect: Dialect::Miniflux, address: address.into(), user: String::new(), password: key.into() });
    tab.told()
}

fn connection(events: &[Event]) -> Option<Connection> {
    events.iter().rev().find_map(|e| if let Event::Connection(c) = e { Some(c.clone()) } else { None })
}

/// A Miniflux with one feed of `count` entries, and a reader connected to it.
fn connected(count: usize) -> (Miniflux, Rc<MemoryStore>, Tab) {
    let server = Miniflux::start("2.3.3");
    server.books().feed("news", "https://news.example/feed.xml", count);
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    tab.told();
    let events = connect(&mut tab, &format!("{}/v1/", server.url), &server.key);
    assert_eq!(connection(&events), Some(Connection::Connected { feeds: 1, unread: count }), "{events:?}");
    (server, store, tab)
}

fn calls(server: &Miniflux, start: &str) -> usize {
    server.books().calls.iter().filter(|c| c.starts_with(start)).count()
}

#[test]
fn an_api_key_connects_and_each_failure_says_what_it_is() {
    let (server, store, tab) = connected(5);
    let state = tab.engine.state.borrow();
    let feed = state.library.subscriptions().find(|s| s.remote.is_some()).expect("the account's feed");
    assert_eq!(feed.title(), "news");
    assert_eq!(state.library.counts().unread[&feed.id], 5);
    let account = store.stored.borrow().account.clone().expect("saved");
    assert_eq!((account.user.as_str(), account.api.as_str()), ("admin", server.url.as_str()), "the user's name, from the server");
    assert!(!format!("{:?}", store.stored.borrow().settings).contains(&server.key), "the key stays out of settings");
    drop(state);

    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    let wrong = connect(&mut tab, &server.url, "not-the-key");
    assert_eq!(connection(&wrong), Some(Connection::Failed(SyncError::WrongPassword(Dialect::Miniflux))));
    let old = Miniflux::start("2.2.19");
    let too_old = connect(&mut tab, &old.url, &old.key);
    assert_eq!(connection(&too_old), Some(Connection::Failed(SyncError::TooOld { version: "2.2.19".into() })));
    let feed = FeedServer::start(numbered_feed("x", 1));
    let not_api = connect(&mut tab, &feed.url.replace("/feed.xml", ""), &server.key);
    assert_eq!(connection(&not_api), Some(Connection::Failed(SyncError::NotTheApi { dialect: Dialect::Miniflux, page: None })));
    assert!(store.stored.borrow().account.is_none(), "nothing is kept of a failed connection");
}

#[test]
fn a_first_sync_brings_unread_entries_newest_first_in_pages_then_starred_ones() {
    let server = Miniflux::start("2.3.3");
    server.books().feed("news", "https://news.example/feed.xml", 600);
    {
        let mut books = server.books();
        let old = books.entry("news 1");
        old.read = true;
        old.starred = true;
        books.entry("news 2").read = true;
    }
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    let events = connect(&mut tab, &server.url, &server.key);
    assert_eq!(connection(&events), Some(Connection::Connected { feeds: 1, unread: 598 }));
    let library = &tab.engine.state.borrow().library;
    assert_eq!(library.account_keys().len(), 599, "598 unread and one starred; the read one stays on the server");
    assert!(library.is_read(key_of(&tab, "news 1")) && library.is_starred(key_of(&tab, "news 1")));
    let pages: Vec<String> = server.books().calls.iter().filter(|c| c.starts_with("GET /v1/entries?")).cloned().collect();
    assert_eq!(pages.len(), 4, "598 unread in pages of 250, then the starred: {pages:?}");
    assert!(!pages[0].contains("before_entry_id"), "the newest first");
    assert!(pages[3].contains("starred=true"));
    assert!(events.iter().any(|e| matches!(e, Event::Syncing(Some(s)) if s.done == 250 && s.of == 599)), "progress");
}

#[test]
fn marks_go_to_the_server_as_set_operations_and_changes_there_arrive_here() {
    let (server, _store, mut tab) = connected(5);
    let (one, two) = (key_of(&tab, "news 1"), key_of(&tab, "news 2"));
    tab.send(Command::SetRead { keys: vec![one], read: true });
    tab.send(Command::SetStarred { key: two, starred: true });
    assert_eq!(server.books().unread(), 4, "sent soon after, without a sync");
    assert_eq!(server.books().starred(), ["news 2"]);
    assert_eq!(calls(&server, "PUT /v1/entries/"), 0, "never the toggle");
    {
        let mut books = server.books();
        books.entry("news 3").read = true;
        books.entry("news 4").starred = true;
    }
    tab.send(Command::Sync);
    let library = &tab.engine.state.borrow().library;
    assert!(library.is_read(key_of(&tab, "news 3")) && library.is_starred(key_of(&tab, "news 4")));
    assert!(library.is_read(one) && library.is_starred(two), "what was sent stays");
}

#[test]
fn offline_changes_are_sent_once_back_as_final_intents_in_few_calls() {
    let (server, _store, mut tab) = connected(520);
    tab.engine.ports.web.offline.set(true);
    change_offline(&mut tab);
    let before = calls(&server, "PUT /v1/entries");
    tab.engine.ports.web.offline.set(false);
    tab.send(Command::Sync);
    assert_eq!(calls(&server, "PUT /v1/entries") - before, 3, "501 reads in two calls of at most 500, 20 stars in one");
    assert_eq!(server.books().unread(), 520 - 501);
    assert_eq!(server.books().starred().len(), 20);
    assert!(server.books().entry("news 510").read, "read → unread → read sent as read");
    assert_eq!(tab.engine.state.borrow().waiting.len(), 0);
}

#[test]
fn an_unacknowledged_change_here_wins_and_deleted_entries_go_unless_starred() {
    let (server, _store, mut tab) = connected(4);
    // Changed on both sides: the reader's change, not yet sent, wins; then it is sent.
    tab.engine.ports.web.offline.set(true);
    tab.send(Command::SetRead { keys: vec![key_of(&tab, "news 1")], read: true });
    server.books().entry("news 1").starred = true;
    tab.engine.ports.web.offline.set(false);
    tab.send(Command::Sync);
    assert!(tab.engine.state.borrow().library.is_read(key_of(&tab, "news 1")), "the read made here");
    assert!(tab.engine.state.borrow().library.is_starred(key_of(&tab, "news 1")), "the star made there");
    assert!(server.books().entry("news 1").read);
    // Entries the server deleted leave, unless starred here.
    tab.send(Command::SetStarred { key: key_of(&tab, "news 3"), starred: true });
    server.books().entries.retain(|e| e.title != "news 2" && e.title != "news 3");
    tab.send(Command::Sync);
    let library = &tab.engine.state.borrow().library;
    let titles: Vec<String> =
        library.account_keys().into_iter().filter_map(|k| library.summary(k).map(|(s, _)| s.title.to_string())).collect();
    assert!(!titles.contains(&"news 2".to_string()) && titles.contains(&"news 3".to_string()), "{titles:?}");
}

#[test]
fn renaming_moving_subscribing_and_unsubscribing_go_to_the_server() {
    let (server, _store, mut tab) = connected(3);
    let id = tab.engine.state.borrow().library.subscriptions().find(|s| s.remote.is_some()).unwrap().id.clone();
    tab.send(Command::EditFeed { id: id.clone(), name: "Town news".into(), folder: "Local".into(), proxy: String::new() });
    tab.send(Command::Sync);
    assert_eq!(server.books().feeds(), [("Town news".to_string(), "Local".to_string())], "a category made for the folder");
    assert_eq!(tab.engine.state.borrow().library.subscription(&id).unwrap().folder.as_deref(), Some("Local"));
    // Back to the top level: Miniflux's "All".
    tab.send(Command::EditFeed { id: id.clone(), name: "Town news".into(), folder: String::new(), proxy: String::new() });
    tab.send(Command::Sync);
    assert_eq!(server.books().feeds()[0].1, "All");
    assert_eq!(tab.engine.state.borrow().library.subscription(&id).unwrap().folder, None);
    // A site's address: the server finds its feed, subscribes, and the sync brings it.
    server.books().sites.push(("https://sport.example/".into(), "https://sport.example/feed.xml".into()));
    tab.send(Command::SubscribeOnServer("https://sport.example/".into()));
    assert!(tab.engine.state.borrow().library.subscriptions().any(|s| s.remote.is_some() && s.title() == "sport.example"));
    assert!(tab.engine.state.borrow().library.summary(key_of(&tab, "sport.example 2")).is_some());
    // Nothing there: the server says so and nothing waits.
    tab.send(Command::SubscribeOnServer("https://nothing.example/".into()));
    let events = tab.told();
    assert!(events.iter().any(|e| matches!(e, Event::SyncFailed(SyncError::Unreadable(why)) if why.contains("no feed"))), "{events:?}");
    assert!(tab.engine.state.borrow().library.account().unwrap().pending.is_empty());
    tab.send(Command::Remove(id));
    tab.send(Command::Sync);
    assert_eq!(server.books().feeds().len(), 1);
    assert_eq!(calls(&server, "DELETE /v1/feeds/"), 1);
}

#[test]
fn while_another_tab_syncs_this_one_asks_nothing_and_says_so() {
    let (server, _store, mut tab) = connected(3);
    // Another tab of this reader holds the sync's lock.
    tab.engine.ports.platform.locks.borrow_mut().insert("feedreader-sync".into());
    let before = server.books().calls.len();
    tab.send(Command::Sync);
    assert_eq!(server.books().calls.len(), before, "nothing asked of the server");
    assert_eq!(Tab::status(&tab.told()), "Another tab of the reader is syncing with 127.0.0.1: this one shows what it brings.");
    tab.engine.ports.platform.locks.borrow_mut().clear();
    tab.send(Command::Sync);
    assert!(server.books().calls.len() > before, "its turn once the lock is free");
}

#[test]
fn another_tab_shows_what_the_server_changed_once_this_one_has_synced() {
    let (server, store, mut one) = connected(3);
    let mut two = Tab::started(&store, &sample_web(), None);
    two.told();
    server.books().entry("news 1").read = true;
    server.books().entry("news 2").starred = true;
    one.engine.ports.platform.broadcasts.borrow_mut().clear();
    one.send(Command::Sync);
    for shared in one.engine.ports.platform.broadcasts.borrow_mut().drain(..) {
        two.engine.hear(shared);
    }
    two.settle();
    let library = &two.engine.state.borrow().library;
    assert!(library.is_read(key_of(&two, "news 1")), "read on the server, shown in the tab that did not sync");
    assert!(library.is_starred(key_of(&two, "news 2")));
}

#[test]
fn a_failing_server_is_tried_again_later_a_few_times_and_nothing_waiting_is_lost() {
    let (server, _store, mut tab) = connected(3);
    server.books().failing = 2;
    tab.send(Command::SetRead { keys: vec![key_of(&tab, "news 1")], read: true });
    assert!(tab.told().contains(&Event::SyncFailed(SyncError::Server(500))), "said");
    assert_eq!(server.books().unread(), 2, "sent by a later try, once the server works again");
    assert_eq!(tab.engine.state.borrow().waiting.len(), 0);
    // A server that keeps failing is tried six times after the first, then left to the
    // refresh schedule: no loop.
    server.books().failing = 1_000;
    let before = server.books().calls.len();
    tab.send(Command::SetRead { keys: vec![key_of(&tab, "news 2")], read: true });
    assert_eq!(server.books().calls.len() - before, 7);
    assert_eq!(tab.engine.state.borrow().waiting.len(), 1, "kept");
}
