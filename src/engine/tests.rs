//! Whole flows of the engine over the ports in memory: what the page is told and what storage
//! holds after each, as a person using the reader would notice them.

use std::cell::Cell;
use std::rc::Rc;

use futures::executor::LocalPool;

use super::memory::{MemoryPlatform, MemoryStore, MemoryWeb};
use super::*;
use crate::core::fetching::Problem;
use crate::core::keys::EntryKey;
use crate::core::library::{Filter, Scope, View};
use crate::parsing::{LocalFilters, LocalParser};
use crate::protocol::{Command, Event, Export, Legacy, Listed, Lookup, Start};

struct TestPorts {
    store: Rc<MemoryStore>,
    web: Rc<MemoryWeb>,
    parser: LocalParser,
    platform: MemoryPlatform,
}

impl Ports for TestPorts {
    type Store = Rc<MemoryStore>;
    type Fetch = Rc<MemoryWeb>;
    type Parser = LocalParser;
    type Filters = LocalFilters;
    type Platform = MemoryPlatform;
    fn store(&self) -> &Rc<MemoryStore> {
        &self.store
    }
    fn fetch(&self) -> &Rc<MemoryWeb> {
        &self.web
    }
    fn parser(&self) -> &LocalParser {
        &self.parser
    }
    fn filters(&self) -> &LocalFilters {
        &LocalFilters
    }
    fn platform(&self) -> &MemoryPlatform {
        &self.platform
    }
}

const SAMPLE: &str = "https://reader.example/sample.json";

/// A tab: its engine over a store (shared with other tabs) and a web (shared too).
struct Tab {
    pool: LocalPool,
    engine: Rc<Engine<TestPorts>>,
}

impl Tab {
    fn open(store: &Rc<MemoryStore>, web: &Rc<MemoryWeb>) -> Tab {
        let mut tab = Tab::unsettled(store, web);
        tab.settle();
        tab
    }

    /// A tab whose engine has not read storage yet.
    fn unsettled(store: &Rc<MemoryStore>, web: &Rc<MemoryWeb>) -> Tab {
        let pool = LocalPool::new();
        let platform = MemoryPlatform {
            now: Cell::new(crate::core::Timestamp(1_800_000_000_000)),
            events: Default::default(),
            broadcasts: Default::default(),
            files: Default::default(),
            spawner: pool.spawner(),
            locks: Default::default(),
        };
        let ports = TestPorts { store: store.clone(), web: web.clone(), parser: LocalParser::default(), platform };
        Tab { pool, engine: Engine::new(ports) }
    }

    /// Opens the reader and starts it as the page does.
    fn started(store: &Rc<MemoryStore>, web: &Rc<MemoryWeb>, legacy: Option<Legacy>) -> Tab {
        let mut tab = Tab::open(store, web);
        tab.send(Command::Start(Start { legacy, view: View::default(), sample: SAMPLE.into(), ..Start::default() }));
        tab
    }

    fn settle(&mut self) {
        self.pool.run_until_stalled();
    }

    fn send(&mut self, command: Command) {
        self.engine.receive(command, Vec::new());
        self.settle();
    }

    fn drop_files(&mut self, files: Vec<(&str, &str)>) {
        let files = files.into_iter().map(|(name, text)| NamedFile { name: name.into(), bytes: text.as_bytes().to_vec() }).collect();
        self.engine.receive(Command::AddFiles, files);
        self.settle();
    }

    fn events(&self) -> std::cell::RefMut<'_, Vec<Event>> {
        self.engine.ports.platform.events.borrow_mut()
    }

    /// Everything the page was told since the last call.
    fn told(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events())
    }

    /// The latest list the page was given, and whether there was one.
    fn last_list(events: &[Event]) -> Option<Listed> {
        events.iter().rev().find_map(|e| if let Event::Listed(l) = e { Some(l.clone()) } else { None })
    }

    fn status(events: &[Event]) -> String {
        events.iter().rev().find_map(|e| if let Event::Status(s) = e { Some(s.text()) } else { None }).unwrap_or_default()
    }

    /// The titles of a list, through the rows the engine sends for its keys.
    fn titles(&mut self, view: View) -> Vec<String> {
        self.send(Command::Show { number: 1, view });
        let listed = Tab::last_list(&self.told()).expect("a list");
        self.send(Command::Rows(listed.keys.clone()));
        let rows = self.told().into_iter().find_map(|e| if let Event::Rows(r) = e { Some(r) } else { None }).unwrap();
        rows.into_iter().map(|r| r.title).collect()
    }

    fn counts(&self) -> crate::core::library::Counts {
        self.engine.state.borrow().library.counts()
    }
}

fn rss(title: &str, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .enumerate()
        .map(|(n, (id, t))| {
            format!("<item><title>{t}</title><guid>{id}</guid><description>&lt;p&gt;{t} body&lt;/p&gt;</description><pubDate>Mon, 0{} Nov 2026 10:00:00 GMT</pubDate></item>", n + 1)
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title><link>https://{title}.example/</link>{items}</channel></rss>")
}

/// The sample as the build ships it.
fn sample_web() -> Rc<MemoryWeb> {
    let web = Rc::new(MemoryWeb::default());
    web.serve(SAMPLE, include_str!("../../static/sample.json"));
    web
}

#[test]
fn a_first_visit_shows_the_sample_and_remembers_it() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let mut tab = Tab::started(&store, &web, None);
    let events = tab.told();
    assert!(
        matches!(events.iter().find(|e| matches!(e, Event::Ready { .. })), Some(Event::Ready { feeds, .. }) if feeds[0].title == "Bernhard's shared items")
    );
    let listed = Tab::last_list(&events).unwrap();
    assert_eq!((listed.keys.len(), listed.rows.len()), (25, 25));
    assert!(listed.rows.iter().all(|r| !r.read));
    // NewsBlur's "bernhardbock shared this story from …" is not the excerpt: the story's own
    // words are (five of the shared stories have none, and keep it).
    assert_eq!(listed.rows.iter().filter(|r| r.excerpt.starts_with("bernhardbock shared this story")).count(), 5);
    assert!(listed.rows.iter().all(|r| !r.excerpt.is_empty()));
    assert!(listed.rows[2].excerpt.starts_with("I’ve written previously about"), "{}", listed.rows[2].excerpt);
    assert!(store.stored.borrow().started, "the device is known now");

    // Open the third entry: the page gets the article, and the entry is read.
    let key = listed.keys[2];
    tab.send(Command::Open(key));
    let events = tab.told();
    let article = events.iter().find_map(|e| if let Event::Opened(a) = e { Some(a.clone()) } else { None }).unwrap();
    assert_eq!(article.title, listed.rows[2].title);
    let shared = article.shared.clone().expect("a shared story");
    assert_eq!((shared.by.as_str(), shared.from.as_deref(), shared.comment), ("bernhardbock", Some("Jim Nielsen’s Blog"), None));
    assert!(article.body.is_some_and(|b| b.as_str().starts_with("<div><p>I’ve written previously")), "the story alone");
    assert!(events.iter().any(|e| matches!(e, Event::Marks(m) if m[0].key == key && m[0].read)));
    assert_eq!(tab.counts().total, 24);

    // A reload (a new engine over the same storage): no second sample, the read entry stays read.
    drop(tab);
    web.asked.borrow_mut().clear();
    let mut again = Tab::started(&store, &web, None);
    let listed = Tab::last_list(&again.told()).unwrap();
    assert_eq!(listed.keys.len(), 25);
    assert!(listed.rows[2].read);
    assert!(web.asked.borrow().is_empty(), "the sample is fetched on a first visit only");
    again.send(Command::SetRead { keys: vec![key], read: false });
    assert_eq!(again.counts().total, 25);
}

/// A first visit's first answer, recorded: the page shows it from `dist/first-visit.bin`
/// while the engine is still on its way (the engine's own answer then comes, the same). This
/// test keeps the recording what the engine answers: run it with `UPDATE_SAMPLE=1` to write it
/// again after changing the sample, the parser, the engine or the messages.
#[test]
fn the_shipped_first_visit_recording_is_what_the_engine_answers() {
    let tab = Tab::started(&Rc::new(MemoryStore::default()), &sample_web(), None);
    let answer: Vec<Event> = tab.told().into_iter().filter(|e| matches!(e, Event::Ready { .. } | Event::Listed(_))).collect();
    assert_eq!(answer.len(), 2);
    let recording = crate::protocol::encode(&answer);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/first-visit.bin");
    if std::env::var_os("UPDATE_SAMPLE").is_some() {
        std::fs::write(path, &recording).unwrap();
    }
    let shipped = std::fs::read(path).unwrap_or_default();
    assert!(shipped == recording, "static/first-visit.bin is out of date: run `UPDATE_SAMPLE=1 cargo test --lib shipped`");
}

#[test]
fn a_start_shows_the_first_screen_before_the_library_is_read() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let key = {
        let mut tab = Tab::started(&store, &web, None);
        let key = Tab::last_list(&tab.told()).unwrap().keys[1];
        tab.send(Command::Open(key));
        key
    };
    // The page's Start comes before the engine has read anything.
    let mut tab = Tab::unsettled(&store, &web);
    tab.engine.receive(Command::Start(Start { sample: SAMPLE.into(), ..Start::default() }), Vec::new());
    tab.settle();
    let events = tab.told();
    let lists: Vec<&Listed> = events.iter().filter_map(|e| if let Event::Listed(l) = e { Some(l) } else { None }).collect();
    assert_eq!(lists.len(), 2, "the first screen, then the whole list");
    let (first, whole) = (lists[0], lists[1]);
    assert_eq!(first.rows.len(), 25, "from the stored articles");
    assert_eq!(first.keys, whole.keys, "the same entries in the same order");
    assert_eq!(first.rows, whole.rows, "the same rows");
    assert!(first.rows.iter().find(|r| r.key == key).unwrap().read, "with their state");
    let ready = events.iter().position(|e| matches!(e, Event::Ready { .. })).unwrap();
    assert!(matches!(&events[ready], Event::Ready { counts, .. } if counts.total == 24), "the last counts, from storage");
}

#[test]
fn a_first_visit_without_its_sample_says_so_and_tries_again_next_time() {
    let store = Rc::new(MemoryStore::default());
    let web = Rc::new(MemoryWeb::default());
    web.fail(SAMPLE, Problem::Unreachable);
    let tab = Tab::started(&store, &web, None);
    let events = tab.told();
    assert!(events.iter().any(|e| matches!(e, Event::Notice(n) if n.to_string().starts_with("The sample feed could not be loaded"))));
    assert!(Tab::last_list(&events).unwrap().keys.is_empty());
    assert!(!store.stored.borrow().started, "nothing saved: the next visit tries again");
    drop(tab);
    let again = Tab::started(&store, &sample_web(), None);
    assert_eq!(again.engine.state.borrow().library.len(), 25);
}

#[test]
fn a_device_of_the_version_before_keeps_everything() {
    // What the build before the engine stored on a device (tests/fixtures/legacy).
    let device: serde_json::Value = serde_json::from_str(include_str!("../../tests/fixtures/legacy/device-v2.json")).unwrap();
    let local = |key: &str| device["localStorage"][key].as_str().map(str::to_string);
    let legacy = Legacy {
        feeds: local("feedreader.feeds"),
        read: local("feedreader.read"),
        starred: local("feedreader.starred"),
        settings: local("feedreader.settings"),
    };
    let store = Rc::new(MemoryStore::default());
    store.stored.borrow_mut().legacy = device["indexedDB"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (FeedId(r[0].as_str().unwrap().into()), r[1].as_str().unwrap().into()))
        .collect();
    let web = sample_web();
    let tab = Tab::started(&store, &web, Some(legacy));
    let events = tab.told();
    assert!(events.contains(&Event::Migrated { unreadable: vec![] }));
    assert!(web.asked.borrow().is_empty(), "no sample for a device that had data");
    let Some(Event::Ready { feeds, settings, .. }) = events.iter().find(|e| matches!(e, Event::Ready { .. })) else { panic!() };
    let names: Vec<&str> = feeds.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(names, ["My Shares", "Pasted News", "Waiting"]);
    assert_eq!(feeds[0].folder.as_deref(), Some("Reading"));
    assert!(feeds[2].pending);
    assert_eq!((settings.sort, settings.filter), (crate::core::library::Sort::OldestFirst, Filter::Unread));
    {
        let library = &tab.engine.state.borrow().library;
        assert_eq!(library.len(), 27, "25 sample entries and 2 pasted ones");
        assert_eq!((library.read_keys().len(), library.starred_keys().len()), (4, 2));
        assert_eq!(library.counts().total, 23);
    }
    drop(tab);
    assert!(store.stored.borrow().legacy.is_empty(), "the old database is removed once its contents are saved");
    let again = Tab::started(&store, &web, None);
    assert_eq!(again.engine.state.borrow().library.len(), 27, "and it all comes back after a reload");
}

#[test]
fn an_unreadable_old_value_is_set_aside_and_the_rest_moves() {
    let store = Rc::new(MemoryStore::default());
    let legacy = Legacy {
        feeds: Some("{not what we saved".into()),
        read: Some(r#"{"version":2,"data":["00000000000000ff"]}"#.into()),
        ..Legacy::default()
    };
    let tab = Tab::started(&store, &sample_web(), Some(legacy));
    let events = tab.told();
    let Some(Event::Migrated { unreadable }) = events.iter().find(|e| matches!(e, Event::Migrated { .. })) else { panic!() };
    assert_eq!(unreadable[0].0, "feedreader.feeds", "the page sets it aside");
    assert!(unreadable[0].1.starts_with("it is not JSON"), "{}", unreadable[0].1);
    assert!(tab.engine.state.borrow().library.is_read(EntryKey(0xff)));
}

#[test]
fn pasting_a_feed_and_a_broken_document() {
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    tab.told();
    tab.send(Command::AddText(rss("Pasted", &[("1", "Hello &amp; welcome")])));
    let events = tab.told();
    assert_eq!(Tab::status(&events), "Added Pasted: 1 entry.");
    let Some(Event::ShowFeed(id)) = events.iter().find(|e| matches!(e, Event::ShowFeed(_))) else { panic!("{events:?}") };
    assert_eq!(tab.titles(View { scope: Scope::Feed(id.clone()), ..View::default() }), ["Hello & welcome"]);
    assert!(store.stored.borrow().records.contains_key(id), "saved");

    tab.send(Command::AddText("<!DOCTYPE html>\n<html><head><title>My blog</title></head><body><p>Hi</p></body></html>".into()));
    let message = Tab::status(&tab.told());
    assert!(message.contains("line ") && message.contains("column "), "names where: {message}");
    assert_eq!(tab.engine.state.borrow().library.len(), 26, "nothing already there was lost");
    tab.send(Command::AddText("   ".into()));
    assert_eq!(Tab::status(&tab.told()), "The document is empty.");
}

#[test]
fn dropped_files_are_each_read_and_reported() {
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    tab.told();
    let opml = r#"<opml version="1.0"><body><outline text="Rust"><outline type="rss" text="Inside Rust" xmlUrl="https://blog.rust-lang.org/inside-rust/feed.xml"/></outline></body></opml>"#;
    tab.drop_files(vec![("feeds.opml", opml), ("notes.txt", "just some notes")]);
    let message = Tab::status(&tab.told());
    assert!(message.starts_with("feeds.opml: imported 1 subscription of 1 listed"), "{message}");
    assert!(message.contains("notes.txt: this is not a feed the reader can use: line 1, column 1"), "{message}");
    let library = &tab.engine.state.borrow().library;
    assert!(library.subscriptions().any(|s| s.title() == "Inside Rust" && s.is_pending() && s.folder.as_deref() == Some("Rust")));
}

#[test]
fn star_filter_search_mark_all_read_and_undo() {
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    let first = Tab::last_list(&tab.told()).unwrap().keys[0];
    tab.send(Command::Open(first));
    tab.send(Command::SetStarred { key: first, starred: true });
    assert_eq!(tab.titles(View { scope: Scope::Starred, ..View::default() }).len(), 1);
    assert_eq!(tab.titles(View { filter: Filter::Unread, ..View::default() }).len(), 24);
    let found = tab.titles(View { search: "spiffe".into(), ..View::default() });
    assert!(!found.is_empty() && found.len() < 24, "search narrows the list: {}", found.len());

    tab.send(Command::MarkAllRead(Scope::All));
    let events = tab.told();
    let status = events.iter().rev().find_map(|e| if let Event::Status(s) = e { Some(s.clone()) } else { None }).unwrap();
    assert_eq!(status.text(), "Marked 24 entries as read.");
    assert_eq!(tab.counts().total, 0);
    tab.send(Command::Undo(status.undo.unwrap()));
    assert_eq!(tab.counts().total, 24, "undo brings back exactly what it marked");
    assert!(tab.engine.state.borrow().library.is_read(first));
    let reloaded = Tab::started(&store, &sample_web(), None);
    assert_eq!(reloaded.counts().total, 24, "and that is what storage has");
    assert_eq!(reloaded.counts().starred, 1);
}

#[test]
fn a_feed_is_renamed_foldered_and_removed_with_undo() {
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    let events = tab.told();
    let Some(Event::Ready { feeds, .. }) = events.first() else { panic!() };
    let id = feeds[0].id.clone();
    let first = Tab::last_list(&events).unwrap().keys[0];
    tab.send(Command::Open(first));
    tab.send(Command::EditFeed { id: id.clone(), name: "My Shares".into(), folder: "Reading".into(), proxy: String::new() });
    assert!(tab
        .told()
        .iter()
        .any(|e| matches!(e, Event::Feeds(f) if f[0].title == "My Shares" && f[0].folder.as_deref() == Some("Reading"))));
    assert_eq!(store.stored.borrow().records[&id].name.as_deref(), Some("My Shares"));

    tab.send(Command::Remove(id.clone()));
    let events = tab.told();
    let status = events.iter().rev().find_map(|e| if let Event::Status(s) = e { Some(s.clone()) } else { None }).unwrap();
    assert_eq!(status.text(), "Removed My Shares.");
    assert!(Tab::last_list(&events).unwrap().keys.is_empty());
    assert!(!store.stored.borrow().records.contains_key(&id));
    tab.send(Command::Undo(status.undo.unwrap()));
    assert_eq!(tab.titles(View::default()).len(), 25, "undo brings the feed back");
    assert!(tab.engine.state.borrow().library.is_read(first), "with its read state");
    let reloaded = Tab::started(&store, &sample_web(), None);
    assert_eq!(reloaded.engine.state.borrow().library.len(), 25);

    // Removed and not undone: the next start forgets its entries too.
    let mut tab = reloaded;
    tab.send(Command::Remove(id.clone()));
    drop(tab);
    Tab::started(&store, &sample_web(), None);
    assert!(store.stored.borrow().summaries.is_empty() && store.stored.borrow().articles.is_empty());
}

const FEED: &str = "https://news.example/feed.xml";

#[test]
fn subscribing_by_address_previews_first_and_discovers_from_a_page() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    web.serve(FEED, &rss("Local News", &[("one", "First story"), ("two", "Second story")]));
    web.serve("https://blog.example/", r#"<!doctype html><html><head><link rel="alternate" type="application/rss+xml" title="Posts" href="https://news.example/feed.xml"></head></html>"#);
    let mut tab = Tab::started(&store, &web, None);
    tab.told();
    tab.send(Command::LookUp("blog.example".into()));
    let events = tab.told();
    assert_eq!(events[0], Event::Lookup(Lookup::Looking("blog.example".into())));
    let Some(Event::Lookup(Lookup::Found(preview))) = events.last() else { panic!("{events:?}") };
    assert_eq!((preview.title.as_str(), preview.entries, preview.url.as_str()), ("Local News", 2, FEED));
    assert_eq!(preview.titles, ["First story", "Second story"]);
    assert_eq!(tab.engine.state.borrow().library.subscriptions().len(), 1, "nothing subscribed before the click");

    tab.send(Command::Subscribe(FEED.into()));
    assert_eq!(Tab::status(&tab.told()), "Subscribed to Local News: 2 entries.");
    let library = &tab.engine.state.borrow().library;
    let feed = library.subscriptions().find(|s| s.title() == "Local News").unwrap();
    assert_eq!(feed.source.as_deref(), Some(FEED));
    assert!(feed.fetch.fetched.is_some(), "the lookup counts as its first fetch");
}

#[test]
fn each_lookup_failure_says_what_it_is() {
    let web = sample_web();
    web.fail("https://blocked.example/feed", Problem::Blocked);
    web.serve("https://notes.example/notes.txt", "plain words");
    web.serve("https://empty.example/", "<!doctype html><html><head><title>x</title></head></html>");
    let mut tab = Tab::started(&Rc::new(MemoryStore::default()), &web, None);
    let mut failure = |typed: &str| {
        tab.send(Command::LookUp(typed.into()));
        match tab.told().pop() {
            Some(Event::Lookup(Lookup::Failed(problem))) => problem,
            other => panic!("{typed}: {other:?}"),
        }
    };
    assert_eq!(failure("https://blocked.example/feed"), Problem::Blocked);
    assert!(matches!(failure("https://notes.example/notes.txt"), Problem::NotAFeed(e) if e.line == 1));
    assert_eq!(failure("https://empty.example/"), Problem::NoFeedFound, "no links, and none of the usual addresses answers");
    assert!(matches!(failure("ftp://x.example/"), Problem::BadAddress(m) if m.contains("only http and https")));
}

#[test]
fn refresh_merges_keeps_state_and_a_failure_loses_nothing() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    web.serve(FEED, &rss("Changing News", &[("a", "Story A"), ("b", "Story B")]));
    let mut tab = Tab::started(&store, &web, None);
    tab.send(Command::LookUp(FEED.into()));
    tab.send(Command::Subscribe(FEED.into()));
    let id = crate::core::library::Library::feed_id_for_url(FEED);
    let a = EntryKey::new(&id, "a");
    tab.send(Command::Open(a));
    tab.send(Command::SetStarred { key: a, starred: true });
    let scope = View { scope: Scope::Feed(id.clone()), ..View::default() };

    web.serve(FEED, &rss("Changing News", &[("b", "Story B, corrected"), ("c", "Story C")]));
    tab.told();
    tab.send(Command::Refresh(None));
    assert_eq!(Tab::status(&tab.told()), "Refreshed 1 feed: 1 new entry.");
    assert_eq!(tab.titles(scope.clone()), ["Story C", "Story B, corrected", "Story A"], "new, changed, and kept");
    assert_eq!(tab.counts().unread[&id], 2, "A stays read");
    assert!(tab.engine.state.borrow().library.is_starred(a), "and starred");

    // Unchanged: nothing parsed or rewritten but the fetch record.
    tab.send(Command::Refresh(Some(id.clone())));
    assert_eq!(Tab::status(&tab.told()), "Refreshed: 0 new entries.");

    web.fail(FEED, Problem::Http { status: 503 });
    tab.send(Command::Refresh(None));
    let events = tab.told();
    assert!(Tab::status(&events).contains("Changing News (HTTP 503)"), "{}", Tab::status(&events));
    assert!(events.iter().any(|e| matches!(e, Event::Feeds(f) if f.iter().any(|f| f.error.as_deref().is_some_and(|e| e.contains("503"))))));
    assert_eq!(tab.titles(scope.clone()).len(), 3, "every entry is still there");
    let reloaded = Tab::started(&store, &web, None);
    let library = &reloaded.engine.state.borrow().library;
    assert_eq!(library.summaries_of(&id).len(), 3, "and after a reload");
    assert!(library.subscription(&id).unwrap().fetch.retry_at.is_some(), "backing off");
}

#[test]
fn refresh_all_fetches_every_feed_and_counts_progress() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let outlines: String =
        (1..=6).map(|n| format!(r#"<outline type="rss" text="Slow {n}" xmlUrl="https://slow.example/{n}.xml"/>"#)).collect();
    for n in 1..=6 {
        web.serve(&format!("https://slow.example/{n}.xml"), &rss(&format!("Slow feed {n}"), &[("x", "One")]));
    }
    let mut tab = Tab::started(&store, &web, None);
    tab.send(Command::AddText(format!(r#"<opml version="2.0"><head/><body>{outlines}</body></opml>"#)));
    tab.told();
    tab.send(Command::Refresh(None));
    let events = tab.told();
    let progress: Vec<Option<(u32, u32)>> =
        events.iter().filter_map(|e| if let Event::Progress(p) = e { Some(*p) } else { None }).collect();
    assert_eq!(progress.first(), Some(&Some((0, 6))));
    assert_eq!(progress.last(), Some(&None));
    assert_eq!(progress.len(), 8, "start, each of six, end");
    assert_eq!(Tab::status(&events), "Refreshed 6 feeds: 6 new entries.");
    assert_eq!(tab.counts().total, 25 + 6);
    tab.send(Command::Refresh(None));
    assert_eq!(Tab::status(&tab.told()), "Refreshed 6 feeds: 0 new entries.");
}

#[test]
fn auto_refresh_waits_while_nobody_looks_and_offline_says_so() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    web.serve(FEED, &rss("Waiting", &[("1", "One")]));
    let mut tab = Tab::started(&store, &web, None);
    tab.send(Command::AddText(format!(r#"<opml version="2.0"><body><outline text="W" xmlUrl="{FEED}"/></body></opml>"#)));
    tab.send(Command::Presence { visible: false, online: true });
    assert!(!web.asked.borrow().contains(&FEED.to_string()), "nothing is fetched while the page is hidden");
    tab.send(Command::Presence { visible: true, online: true });
    assert!(web.asked.borrow().contains(&FEED.to_string()), "shown again, what is due is fetched");
    web.offline.set(true);
    tab.told();
    tab.send(Command::Refresh(None));
    assert!(Tab::status(&tab.told()).starts_with("You are offline"));
}

#[test]
fn two_tabs_stay_in_step_through_storage() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let mut one = Tab::started(&store, &web, None);
    let mut two = Tab::started(&store, &web, None);
    let key = Tab::last_list(&one.told()).unwrap().keys[0];
    assert_eq!(Tab::last_list(&two.told()).unwrap().keys.len(), 25, "the second tab found what the first saved");
    one.engine.ports.platform.broadcasts.borrow_mut().clear();
    one.send(Command::Open(key));
    let shared: Vec<_> = one.engine.ports.platform.broadcasts.borrow_mut().drain(..).collect();
    assert_eq!(shared.len(), 1);
    two.engine.hear(shared[0].clone());
    two.settle();
    assert!(two.told().iter().any(|e| matches!(e, Event::Marks(m) if m == &[crate::protocol::Mark { key, read: true, starred: false }])));

    two.send(Command::AddText(rss("From tab two", &[("1", "Zyzzyva")])));
    for shared in two.engine.ports.platform.broadcasts.borrow_mut().drain(..) {
        one.engine.hear(shared);
    }
    one.settle();
    assert!(one.engine.state.borrow().library.subscriptions().any(|s| s.title() == "From tab two"));
    assert_eq!(one.titles(View { search: "zyzzy".into(), ..View::default() }), ["Zyzzyva"], "with its search words");
}

#[test]
fn a_backup_goes_out_and_comes_back_merged() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let mut tab = Tab::started(&store, &web, None);
    let key = Tab::last_list(&tab.told()).unwrap().keys[3];
    tab.send(Command::SetStarred { key, starred: true });
    tab.send(Command::Export(Export::Backup));
    let backup = tab.engine.ports.platform.files.borrow()[0].clone();
    assert!(tab.told().iter().any(|e| matches!(e, Event::Exported { name, .. } if name == "feedreader-backup.json")));

    // Elsewhere: a fresh device with a feed of its own takes the backup in.
    let elsewhere = Rc::new(MemoryStore::default());
    let mut other = Tab::started(&elsewhere, &web, None);
    let sample = other.engine.state.borrow().library.subscriptions().next().unwrap().id.clone();
    other.send(Command::Remove(sample));
    other.send(Command::AddText(rss("Mine", &[("1", "My own")])));
    other.told();
    other.drop_files(vec![("feedreader-backup.json", &backup)]);
    assert_eq!(Tab::status(&other.told()), "feedreader-backup.json: restored the backup: added 1 feed; read and starred state merged.");
    let library = &other.engine.state.borrow().library;
    assert_eq!(library.len(), 26);
    assert!(library.is_starred(key));
    assert_eq!(elsewhere.stored.borrow().articles.len(), 26, "every article is stored");

    tab.send(Command::Export(Export::Opml));
    let opml = tab.engine.ports.platform.files.borrow()[1].clone();
    assert!(opml.starts_with("<?xml") && opml.contains("<opml version=\"2.0\">"));
}

#[test]
fn a_full_disk_is_reported_and_keeps_what_was_saved() {
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    let key = Tab::last_list(&tab.told()).unwrap().keys[0];
    store.full.set(true);
    tab.send(Command::Open(key));
    let events = tab.told();
    assert!(events.iter().any(|e| matches!(e, Event::Notice(n) if n.to_string().contains("storage for this reader is full"))));
    assert!(store.stored.borrow().journal.is_empty(), "the earlier state is intact");
}

#[test]
fn a_feeds_statistics_are_answered_from_its_cached_entries() {
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    let Some(Event::Ready { feeds, .. }) = tab.told().into_iter().find(|e| matches!(e, Event::Ready { .. })) else { panic!("ready") };
    tab.send(Command::Statistics(feeds[0].id.clone()));
    let events = tab.told();
    let Some(Event::Statistics(stats)) = events.iter().find(|e| matches!(e, Event::Statistics(_))) else { panic!("{events:?}") };
    assert_eq!((stats.feed.clone(), stats.cached, stats.weeks.len()), (feeds[0].id.clone(), 25, 52));
    assert!(stats.interval.is_some_and(|ms| ms > 0));
}

#[cfg(not(target_arch = "wasm32"))]
mod account;
mod attention;
mod changes;
mod filters;
#[cfg(not(target_arch = "wasm32"))]
mod freshrss;
mod history;
#[cfg(not(target_arch = "wasm32"))]
mod miniflux;
#[cfg(not(target_arch = "wasm32"))]
mod miniflux_sync;
mod saving;
mod sharing;
#[cfg(not(target_arch = "wasm32"))]
mod sync;
mod tags;
mod text;
