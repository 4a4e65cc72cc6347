//! Sync with a real FreshRSS (`freshrss.rs`): connecting, the account's feeds and entries, the
//! reader's marks sent and the server's changes taken, what goes wrong said as it is.

use super::account::{change_offline, key_of};
use super::freshrss::{numbered_feed, FeedServer, FreshRss};
use super::*;
use crate::core::sync::outbox::Flag;
use crate::core::sync::Ids;
use crate::core::sync::{Connection, Dialect, ItemId, SyncError};

fn connect(tab: &mut Tab, server: &FreshRss, address: &str, password: &str) -> Vec<Event> {
    tab.send(Command::Connect { dialect: Dialect::GReader, address: address.into(), user: server.user.clone(), password: password.into() });
    tab.told()
}

fn connection(events: &[Event]) -> Option<Connection> {
    events.iter().rev().find_map(|e| if let Event::Connection(c) = e { Some(c.clone()) } else { None })
}

/// A FreshRSS with one feed of `count` items, and a reader connected to it.
fn connected(count: usize) -> (FreshRss, FeedServer, Rc<MemoryStore>, Tab) {
    let server = FreshRss::start();
    let feed = FeedServer::start(numbered_feed("news", count));
    server.device().subscribe(&feed.url);
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    tab.told();
    let url = server.url.clone();
    let events = connect(&mut tab, &server, &url, &server.password.clone());
    assert_eq!(connection(&events), Some(Connection::Connected { feeds: 1, unread: count }), "{events:?}");
    (server, feed, store, tab)
}

fn id_of(server: &FreshRss, title: &str) -> ItemId {
    server.device().items().into_iter().find(|(_, t)| t == title).expect(title).0
}

#[test]
fn connecting_brings_the_accounts_feeds_and_entries_and_keeps_no_password() {
    let (server, _feed, store, tab) = connected(5);
    let state = tab.engine.state.borrow();
    let library = &state.library;
    let feed = library.subscriptions().find(|s| s.remote.is_some()).expect("the account's feed");
    assert_eq!(feed.title(), "news");
    assert_eq!(library.account_keys().len(), 5);
    assert_eq!(library.counts().unread[&feed.id], 5);
    // The token is kept, never the password; nothing of it goes to settings or backups.
    let account = store.stored.borrow().account.clone().expect("saved");
    assert!(!account.secret.contains(&server.password) && account.secret.starts_with("tester/"));
    assert!(!format!("{:?}", store.stored.borrow().settings).contains(&account.secret));
}

#[test]
fn a_site_address_finds_the_api_and_each_failure_says_what_it_is() {
    let server = FreshRss::start();
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    tab.told();
    let wrong = connect(&mut tab, &server, &server.url.clone(), "not the password");
    assert_eq!(connection(&wrong), Some(Connection::Failed(SyncError::WrongPassword(Dialect::GReader))));
    let feed = FeedServer::start(numbered_feed("x", 1));
    let not_api = connect(&mut tab, &server, &feed.url.replace("/feed.xml", ""), &server.password.clone());
    assert!(matches!(connection(&not_api), Some(Connection::Failed(SyncError::NotTheApi { .. }))), "{not_api:?}");
    server.api_access(false);
    let off = connect(&mut tab, &server, &server.api.clone(), &server.password.clone());
    assert_eq!(connection(&off), Some(Connection::Failed(SyncError::ApiOff)));
    server.api_access(true);
    server.stop();
    let down = connect(&mut tab, &server, &server.api.clone(), &server.password.clone());
    assert!(matches!(connection(&down), Some(Connection::Failed(SyncError::Network(Problem::Unreachable)))), "{down:?}");
    assert!(store.stored.borrow().account.is_none(), "nothing is kept of a failed connection");
}

#[test]
fn marks_made_here_reach_the_server_and_changes_there_arrive_here() {
    let (server, _feed, _store, mut tab) = connected(5);
    let device = server.device();
    // Read and starred here.
    let (one, two) = (key_of(&tab, "news 1"), key_of(&tab, "news 2"));
    tab.send(Command::SetRead { keys: vec![one], read: true });
    tab.send(Command::SetStarred { key: two, starred: true });
    assert_eq!(device.ids(Ids::Unread).len(), 4, "sent soon after, without a sync");
    assert_eq!(device.ids(Ids::Starred), [id_of(&server, "news 2")]);
    // Read elsewhere, starred elsewhere.
    device.mark(&[id_of(&server, "news 3")], Flag::Read, true);
    device.mark(&[id_of(&server, "news 4")], Flag::Starred, true);
    tab.send(Command::Sync);
    let library = &tab.engine.state.borrow().library;
    assert!(library.is_read(key_of(&tab, "news 3")));
    assert!(library.is_starred(key_of(&tab, "news 4")));
    assert!(library.is_read(one) && library.is_starred(two), "what was sent stays");
}

#[test]
fn offline_changes_are_sent_once_back_as_final_intents_in_few_calls() {
    let (server, _feed, _store, mut tab) = connected(520);
    let device = server.device();
    server.stop();
    tab.engine.ports.web.offline.set(true);
    change_offline(&mut tab);
    assert_eq!(tab.engine.state.borrow().waiting.len(), 521, "what waits, as final intents");
    server.resume();
    tab.engine.ports.web.offline.set(false);
    tab.engine.ports.web.calls.borrow_mut().clear();
    tab.send(Command::Sync);
    let events = tab.told();
    assert!(
        !events.iter().any(|e| matches!(e, Event::SyncFailed(_))),
        "{:?}",
        events.iter().filter(|e| matches!(e, Event::SyncFailed(_))).collect::<Vec<_>>()
    );
    let edits = tab.engine.ports.web.calls.borrow().iter().filter(|c| c.url.ends_with("/edit-tag")).count();
    assert_eq!(edits, 3, "501 reads in two calls of at most 500, 20 stars in one");
    assert_eq!(device.ids(Ids::Unread).len(), 520 - 501);
    assert_eq!(device.ids(Ids::Starred).len(), 20);
    assert!(!device.ids(Ids::Unread).contains(&id_of(&server, "news 510")), "read → unread → read sent as read");
    assert_eq!(tab.engine.state.borrow().waiting.len(), 0);
}

#[test]
fn what_the_server_fetched_since_arrives_at_the_next_sync() {
    let (server, feed, store, mut tab) = connected(5);
    feed.set(numbered_feed("news", 7));
    server.refresh();
    tab.send(Command::Refresh(None));
    assert_eq!(tab.engine.state.borrow().library.account_keys().len(), 7, "a refresh syncs");
    assert!(tab.engine.state.borrow().library.summary(key_of(&tab, "news 7")).is_some());
    drop(tab);
    let again = Tab::started(&store, &sample_web(), None);
    assert_eq!(again.engine.state.borrow().library.account_keys().len(), 7, "kept");
}

#[test]
fn two_devices_on_one_account_and_the_rule_when_both_changed_an_entry() {
    let (server, _feed, _store, mut laptop) = connected(5);
    let phone_store = Rc::new(MemoryStore::default());
    let mut phone = Tab::started(&phone_store, &sample_web(), None);
    let url = server.url.clone();
    connect(&mut phone, &server, &url, &server.password.clone());
    // Read on one shows on the other after its sync.
    let one = key_of(&laptop, "news 1");
    laptop.send(Command::SetRead { keys: vec![one], read: true });
    phone.send(Command::Sync);
    assert!(phone.engine.state.borrow().library.is_read(key_of(&phone, "news 1")));
    // Both change one entry: the change the server has not acknowledged wins where it was made,
    // then the server's (the last sent) everywhere.
    let two = key_of(&laptop, "news 2");
    phone.engine.ports.web.offline.set(true);
    phone.send(Command::SetRead { keys: vec![key_of(&phone, "news 2")], read: true });
    laptop.send(Command::SetStarred { key: two, starred: true });
    laptop.send(Command::SetRead { keys: vec![two], read: true });
    laptop.send(Command::SetRead { keys: vec![two], read: false });
    // The phone, still offline, keeps its own change.
    phone.engine.ports.web.offline.set(false);
    phone.send(Command::Sync);
    assert!(phone.engine.state.borrow().library.is_read(key_of(&phone, "news 2")), "its unacknowledged read won on the phone");
    assert!(phone.engine.state.borrow().library.is_starred(key_of(&phone, "news 2")), "the star from the laptop arrived");
    laptop.send(Command::Sync);
    assert!(laptop.engine.state.borrow().library.is_read(two), "then the server's state (the phone's read, sent last) wins");
    assert!(server.device().ids(Ids::Starred).contains(&id_of(&server, "news 2")));
}

#[test]
fn a_change_sent_but_not_acknowledged_is_sent_again_and_the_server_ends_right() {
    let (server, _feed, store, mut tab) = connected(5);
    let one = key_of(&tab, "news 1");
    // The tab dies after the server took the change and before its acknowledgement is saved:
    // every write from the mark on fails.
    tab.engine.ports.web.offline.set(true);
    tab.send(Command::SetRead { keys: vec![one], read: true });
    store.writes_left.set(Some(0));
    tab.engine.ports.web.offline.set(false);
    tab.send(Command::Sync);
    assert_eq!(server.device().ids(Ids::Unread).len(), 4, "the server has it");
    drop(tab);
    store.writes_left.set(None);
    let mut again = Tab::started(&store, &sample_web(), None);
    assert_eq!(again.engine.state.borrow().waiting.len(), 1, "not acknowledged: it waits still");
    again.send(Command::Sync);
    assert_eq!(again.engine.state.borrow().waiting.len(), 0);
    assert_eq!(server.device().ids(Ids::Unread).len(), 4, "sent twice, harmless");
    assert!(again.engine.state.borrow().library.is_read(one));
}

#[test]
fn a_refused_login_asks_to_connect_again_and_keeps_what_waits() {
    let (server, _feed, _store, mut tab) = connected(5);
    // The API password changed on the server: the saved token no longer works.
    server.stop();
    server.resume_with_new_password();
    let one = key_of(&tab, "news 1");
    tab.send(Command::SetRead { keys: vec![one], read: true });
    tab.send(Command::Sync);
    let events = tab.told();
    assert!(events.contains(&Event::SyncFailed(SyncError::Refused)), "{events:?}");
    assert!(events.iter().any(|e| matches!(e, Event::Account(Some(a)) if a.refused && a.waiting == 1)));
    let calls = tab.engine.ports.web.calls.borrow().len();
    tab.send(Command::Sync);
    assert_eq!(tab.engine.ports.web.calls.borrow().len(), calls, "no retry loop: nothing is asked until the reader connects");
    let url = server.url.clone();
    let events = connect(&mut tab, &server, &url, &server.password.clone());
    assert!(matches!(connection(&events), Some(Connection::Connected { .. })));
    assert_eq!(server.device().ids(Ids::Unread).len(), 4, "what waited is sent after connecting again");
}

#[test]
fn renaming_moving_unsubscribing_and_subscribing_go_to_the_server_even_from_offline() {
    let (server, _feed, _store, mut tab) = connected(3);
    let device = server.device();
    let id = tab.engine.state.borrow().library.subscriptions().find(|s| s.remote.is_some()).unwrap().id.clone();
    // Offline: shown at once, queued, counted as waiting.
    tab.engine.ports.web.offline.set(true);
    tab.send(Command::EditFeed { id: id.clone(), name: "Town news".into(), folder: "Local".into(), proxy: String::new() });
    assert_eq!(tab.engine.state.borrow().library.subscription(&id).unwrap().folder.as_deref(), Some("Local"));
    assert_eq!(tab.engine.state.borrow().library.account().unwrap().pending.len(), 2, "a rename and a move wait");
    tab.engine.ports.web.offline.set(false);
    tab.send(Command::Sync);
    let feeds = device.feeds();
    assert_eq!((feeds[0].title.as_str(), feeds[0].folder.as_deref()), ("Town news", Some("Local")));
    assert!(tab.engine.state.borrow().library.account().unwrap().pending.is_empty());
    // Subscribing on the server: it fetches the feed; the sync brings it.
    let other = FeedServer::start(numbered_feed("sport", 2));
    tab.send(Command::SubscribeOnServer(other.url.clone()));
    assert_eq!(device.feeds().len(), 2);
    assert!(tab.engine.state.borrow().library.subscriptions().any(|s| s.remote.is_some() && s.title() == "sport"));
    assert!(tab.engine.state.borrow().library.summary(key_of(&tab, "sport 2")).is_some());
    // An address with no feed: the server says so, and nothing waits.
    tab.send(Command::SubscribeOnServer("http://127.0.0.1:1/feed.xml".into()));
    assert!(tab.told().iter().any(|e| matches!(e, Event::SyncFailed(SyncError::Unreadable(_)))));
    assert!(tab.engine.state.borrow().library.account().unwrap().pending.is_empty());
    // Unsubscribing here unsubscribes there.
    tab.send(Command::Remove(id));
    tab.send(Command::Sync);
    assert_eq!(device.feeds().iter().map(|f| f.title.as_str()).collect::<Vec<_>>(), ["sport"]);
}

#[test]
fn this_devices_feeds_move_to_the_server_and_leave_once_it_has_them() {
    let (server, _feed, _store, mut tab) = connected(2);
    let local = FeedServer::start(numbered_feed("garden", 3));
    tab.engine.ports.web.serve(&local.url, &numbered_feed("garden", 3));
    tab.send(Command::LookUp(local.url.clone()));
    tab.send(Command::Subscribe(local.url.clone()));
    let mine = |tab: &Tab| tab.engine.state.borrow().library.subscriptions().filter(|s| s.remote.is_none() && s.source.is_some()).count();
    assert_eq!(mine(&tab), 1);
    tab.send(Command::MoveToServer);
    assert_eq!(mine(&tab), 0, "it left this device once the server had it");
    assert!(server.device().feeds().iter().any(|f| f.title == "garden"));
    let library = &tab.engine.state.borrow().library;
    assert!(library.subscriptions().any(|s| s.remote.is_some() && s.title() == "garden"), "it is the account's now");
    assert_eq!(library.subscriptions().filter(|s| s.remote.is_none()).count(), 1, "the sample, which has no address, stays");
}

#[test]
fn a_filter_that_marks_read_on_arrival_marks_the_servers_entries_read_there_too() {
    use crate::core::filters::{Action, Field, FilterRule};
    let server = FreshRss::start();
    let feed = FeedServer::start(numbered_feed("news", 3));
    server.device().subscribe(&feed.url);
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    tab.send(Command::AddFilter(FilterRule { field: Field::Title, pattern: "news 2$".into(), action: Action::MarkRead, feed: None }));
    let url = server.url.clone();
    connect(&mut tab, &server, &url, &server.password.clone());
    assert!(tab.engine.state.borrow().library.is_read(key_of(&tab, "news 2")), "read as it arrived");
    assert!(!tab.engine.state.borrow().library.is_read(key_of(&tab, "news 1")));
    let unread = server.device().ids(Ids::Unread);
    assert_eq!(unread.len(), 2, "and on the server");
    assert!(!unread.contains(&id_of(&server, "news 2")));
}

#[test]
fn an_entry_the_server_deleted_goes_here_too_unless_starred() {
    let (server, _feed, _store, mut tab) = connected(4);
    tab.send(Command::SetStarred { key: key_of(&tab, "news 3"), starred: true });
    server.delete_items(&["news 2", "news 3"]);
    tab.send(Command::Sync);
    let library = &tab.engine.state.borrow().library;
    let titles: Vec<String> =
        library.account_keys().into_iter().filter_map(|k| library.summary(k).map(|(s, _)| s.title.to_string())).collect();
    assert!(!titles.contains(&"news 2".to_string()), "deleted on the server, gone here: {titles:?}");
    assert!(titles.contains(&"news 3".to_string()), "starred here: kept");
    assert_eq!(titles.len(), 3);
}

#[test]
fn a_server_error_is_said_and_takes_nothing_away_here() {
    let (server, _feed, _store, mut tab) = connected(3);
    server.break_database();
    tab.send(Command::Sync);
    let events = tab.told();
    assert!(
        events.contains(&Event::SyncFailed(SyncError::Server(500))),
        "{:?}",
        events.iter().filter(|e| matches!(e, Event::SyncFailed(_))).collect::<Vec<_>>()
    );
    assert_eq!(tab.engine.state.borrow().library.account_keys().len(), 3, "a failed sync removes nothing");
    server.mend_database();
    tab.send(Command::Sync);
    assert!(!tab.told().iter().any(|e| matches!(e, Event::SyncFailed(_))));
    assert_eq!(tab.engine.state.borrow().library.account_keys().len(), 3);
}
