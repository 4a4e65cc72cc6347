//! Story changes through the engine: a refresh that brings a new version of an entry marks it
//! "Updated" (its row and article say so, across a reload), storage keeps the text it had, and
//! "Show changes" marks what was added and removed, word by word.

use super::*;

const FEED: &str = "https://changing.example/feed.xml";

fn item(id: &str, title: &str, body: &str) -> String {
    format!("<item><title>{title}</title><guid>{id}</guid><description>{body}</description><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>")
}

fn feed(items: &[String]) -> String {
    format!("<rss version=\"2.0\"><channel><title>Changing</title><link>https://changing.example/</link>{}</channel></rss>", items.concat())
}

#[test]
fn a_new_version_is_marked_updated_keeps_the_old_text_and_shows_its_changes() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    web.serve(FEED, &feed(&[item("a", "Bridge closed", "The bridge is closed until Friday."), item("b", "Same", "Unchanged.")]));
    let mut tab = Tab::started(&store, &web, None);
    tab.send(Command::LookUp(FEED.into()));
    tab.send(Command::Subscribe(FEED.into()));
    let id = crate::core::library::Library::feed_id_for_url(FEED);
    let (a, b) = (EntryKey::new(&id, "a"), EntryKey::new(&id, "b"));
    tab.send(Command::Open(a));
    tab.told();

    web.serve(
        FEED,
        &feed(&[item("a", "Bridge closed", "The bridge is closed until Monday, the council said."), item("b", "Same", "Unchanged.")]),
    );
    tab.send(Command::Refresh(None));
    tab.send(Command::Show { number: 5, view: View { scope: Scope::Feed(id.clone()), ..View::default() } });
    let listed = Tab::last_list(&tab.told()).unwrap();
    let updated = |key| listed.rows.iter().find(|r| r.key == key).map(|r| r.updated);
    assert_eq!((updated(a), updated(b)), (Some(true), Some(false)));
    assert!(tab.engine.state.borrow().library.is_read(a), "its read state stays");
    let before = store.stored.borrow().previous.get(&a).cloned().expect("the earlier version kept");
    assert!(before.summary.unwrap().as_str().contains("until Friday"));

    tab.send(Command::Open(a));
    let events = tab.told();
    assert!(events.iter().any(|e| matches!(e, Event::Opened(article) if article.updated)));
    tab.send(Command::Changes(a));
    let events = tab.told();
    let Some(Event::Changes { changes: Some(changes), .. }) = events.iter().find(|e| matches!(e, Event::Changes { .. })) else {
        panic!("{events:?}")
    };
    let html = changes.html.as_str();
    assert!(html.contains("<del>Friday.</del>"), "{html}");
    assert!(html.contains("<ins>Monday, the council said.</ins>"), "{html}");
    assert_eq!((changes.added, changes.removed), (4, 1));

    // An entry with no earlier version has no changes to show.
    tab.send(Command::Changes(b));
    assert!(tab.told().iter().any(|e| matches!(e, Event::Changes { changes: None, .. })));

    // After a reload it is still "Updated".
    let mut again = Tab::started(&store, &web, None);
    again.send(Command::Show { number: 1, view: View { scope: Scope::Feed(id.clone()), ..View::default() } });
    let listed = Tab::last_list(&again.told()).unwrap();
    assert!(listed.rows.iter().any(|r| r.key == a && r.updated));
}
