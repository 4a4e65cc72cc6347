//! Text view through the engine: an entry's page read as its whole article, kept with the
//! entry (it opens with it, offline, after a reload), searchable, and what is said when the
//! page cannot be read.

use super::*;
use crate::core::fetching::Problem;
use crate::protocol::TextProblem;

const PAGE: &str = "https://courier.example/2026/river-froze";

fn courier(web: &Rc<MemoryWeb>) -> (Tab, crate::core::keys::FeedId, crate::core::keys::EntryKey) {
    let store = Rc::new(MemoryStore::default());
    courier_in(&store, web)
}

fn courier_in(store: &Rc<MemoryStore>, web: &Rc<MemoryWeb>) -> (Tab, crate::core::keys::FeedId, crate::core::keys::EntryKey) {
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>Courier</title><link>https://courier.example/</link>\
         <item><title>Why the river froze early</title><link>{PAGE}</link><description>A teaser.</description></item>\
         <item><title>Front page</title><link>https://courier.example/</link><description>Links.</description></item>\
         <item><title>Elsewhere</title><link>https://blocked.example/a</link><description>Blocked.</description></item>\
         </channel></rss>"
    );
    let mut tab = Tab::started(store, web, None);
    tab.send(Command::AddText(feed));
    let events = tab.told();
    let Some(Event::ShowFeed(id)) = events.iter().find(|e| matches!(e, Event::ShowFeed(_))).cloned() else { panic!("{events:?}") };
    let key = crate::core::keys::EntryKey::new(&id, PAGE);
    (tab, id, key)
}

fn text_event(events: &[Event]) -> Result<crate::core::extract::FullText, TextProblem> {
    events.iter().find_map(|e| if let Event::Text { outcome, .. } = e { Some(outcome.clone()) } else { None }).expect("a Text event")
}

fn opened(events: &[Event]) -> crate::protocol::Article {
    events.iter().find_map(|e| if let Event::Opened(a) = e { Some(a.clone()) } else { None }).expect("opened")
}

fn web_with_pages() -> Rc<MemoryWeb> {
    let web = sample_web();
    web.serve(PAGE, include_str!("../../../tests/fixtures/pages/article.html"));
    web.serve("https://courier.example/", include_str!("../../../tests/fixtures/pages/links.html"));
    web.fail("https://blocked.example/a", Problem::Blocked);
    web
}

#[test]
fn the_whole_article_is_read_kept_searchable_and_opens_offline_after_a_reload() {
    let web = web_with_pages();
    let store = Rc::new(MemoryStore::default());
    let (mut tab, _, key) = courier_in(&store, &web);
    assert_eq!(tab.titles(View { search: "hydrologists".into(), ..View::default() }), Vec::<String>::new(), "not in the teaser");

    tab.send(Command::Text(key));
    let text = text_event(&tab.told()).expect("the article");
    assert!(text.content.as_str().contains("What the measurements show"));
    assert!(!text.content.as_str().contains("Accept all cookies"));
    assert_eq!(tab.titles(View { search: "hydrologists".into(), ..View::default() }), ["Why the river froze early"]);

    // Offline, in a new tab over the same storage: it opens with the entry and search finds it.
    web.offline.set(true);
    web.answers.borrow_mut().clear();
    let asked = web.asked.borrow().len();
    let mut again = Tab::started(&store, &web, None);
    again.send(Command::Open(key));
    opened(&again.told());
    assert_eq!(again.titles(View { search: "hydrologists".into(), ..View::default() }), ["Why the river froze early"]);
    again.send(Command::Text(key));
    let kept = text_event(&again.told()).expect("read from storage");
    assert_eq!(kept.title, "Why the river froze early this year");
    assert_eq!(web.asked.borrow().len(), asked, "nothing fetched again");
}

#[test]
fn a_feed_set_to_text_view_has_its_entries_read_when_opened() {
    let web = web_with_pages();
    let (mut tab, id, key) = courier(&web);
    tab.send(Command::TextView { id: id.clone(), on: true });
    let events = tab.told();
    assert!(events.iter().any(|e| matches!(e, Event::Feeds(feeds) if feeds.iter().any(|f| f.id == id && f.text_view))));
    tab.send(Command::Open(key));
    let events = tab.told();
    assert!(opened(&events).text_view);
    assert!(text_event(&events).is_ok(), "read without being asked");
}

#[test]
fn a_page_that_is_no_article_or_cannot_be_read_says_why() {
    let web = web_with_pages();
    let (mut tab, id, _) = courier(&web);
    tab.send(Command::Text(crate::core::keys::EntryKey::new(&id, "https://courier.example/")));
    assert_eq!(text_event(&tab.told()), Err(TextProblem::Extract(crate::core::extract::ExtractError::NotAnArticle)));
    tab.send(Command::Text(crate::core::keys::EntryKey::new(&id, "https://blocked.example/a")));
    assert_eq!(text_event(&tab.told()), Err(TextProblem::Fetch(Problem::Blocked)));
}
