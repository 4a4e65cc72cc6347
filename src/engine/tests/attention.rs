//! Reading that follows attention, through the engine: the trainer's rules taught and undone
//! (what the list, the rows and the counts say after each, what storage keeps, summaries of an
//! earlier version given their authors and categories), and marking above or below an entry.

use super::*;
use crate::core::library::{Facet, Opinion, Preference, Score, Trained};

/// A feed whose items have authors and categories.
fn news() -> String {
    let item = |id: &str, title: &str, author: &str, category: &str, day: u32| {
        format!(
            "<item><title>{title}</title><guid>{id}</guid><dc:creator>{author}</dc:creator><category>{category}</category><description>{title} body</description><pubDate>Mon, {day:02} Nov 2026 10:00:00 GMT</pubDate></item>"
        )
    };
    format!(
        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>News</title><link>https://news.example/</link>{}{}{}</channel></rss>",
        item("1", "Rust 2.0 released", "Jo", "Rust", 3),
        item("2", "Sponsored: buy now", "Ads Team", "Promo", 2),
        item("3", "Election night", "Sam", "Politics", 1),
    )
}

fn news_tab(store: &Rc<MemoryStore>) -> (Tab, crate::core::keys::FeedId) {
    let mut tab = Tab::started(store, &sample_web(), None);
    tab.send(Command::AddText(news()));
    let events = tab.told();
    let Some(Event::ShowFeed(id)) = events.iter().find(|e| matches!(e, Event::ShowFeed(_))).cloned() else { panic!("{events:?}") };
    (tab, id)
}

fn in_feed(id: &crate::core::keys::FeedId, filter: Filter) -> View {
    View { scope: Scope::Feed(id.clone()), filter, ..View::default() }
}

fn last_status(events: &[Event]) -> crate::protocol::Status {
    events.iter().rev().find_map(|e| if let Event::Status(s) = e { Some(s.clone()) } else { None }).expect("a status")
}

#[test]
fn a_disliked_category_leaves_the_list_and_the_counts_and_undo_brings_it_back() {
    let store = Rc::new(MemoryStore::default());
    let (mut tab, id) = news_tab(&store);
    let unread_before = tab.counts().total;
    let dislike = Trained { facet: Facet::Category("Promo".into()), opinion: Opinion::Dislike, feed: None };
    tab.send(Command::Show { number: 1, view: in_feed(&id, Filter::All) });
    tab.told();
    tab.send(Command::Train(dislike.clone()));
    let events = tab.told();
    let status = last_status(&events);
    assert_eq!(status.text(), "Hiding entries with category: Promo.");
    assert_eq!(Tab::last_list(&events).unwrap().keys.len(), 2, "the shown list is sent again without it");
    assert!(events.iter().any(|e| matches!(e, Event::Settings(s) if s.training == [dislike.clone()])));
    assert_eq!(tab.counts().total, unread_before - 1);
    assert_eq!(tab.titles(in_feed(&id, Filter::All)), ["Rust 2.0 released", "Election night"]);
    assert_eq!(store.stored.borrow().settings.as_ref().unwrap().training, std::slice::from_ref(&dislike), "saved");

    // Shown hidden, the entry is back with its reason beside it.
    tab.send(Command::Set(Preference::ShowHidden(true)));
    tab.send(Command::Show { number: 2, view: in_feed(&id, Filter::All) });
    let listed = Tab::last_list(&tab.told()).unwrap();
    let sponsored = listed.rows.iter().find(|r| r.title.starts_with("Sponsored")).expect("listed again");
    assert_eq!((sponsored.score, sponsored.reasons.clone()), (Score::Hidden, vec![dislike.clone()]));
    tab.send(Command::Set(Preference::ShowHidden(false)));

    tab.send(Command::Undo(status.undo.unwrap()));
    assert_eq!(tab.titles(in_feed(&id, Filter::All)).len(), 3);
    assert_eq!(tab.counts().total, unread_before);
    assert!(store.stored.borrow().settings.as_ref().unwrap().training.is_empty(), "the undo is saved");
}

#[test]
fn a_liked_author_fills_focus_across_a_reload_and_is_forgotten_from_its_label() {
    let store = Rc::new(MemoryStore::default());
    let (mut tab, id) = news_tab(&store);
    let like = Trained { facet: Facet::Author("jo".into()), opinion: Opinion::Like, feed: Some(id.clone()) };
    tab.send(Command::Train(like.clone()));
    assert_eq!(last_status(&tab.told()).text(), "Liked author: jo in News: its entries show in Focus.");
    assert_eq!(tab.titles(View { filter: Filter::Focus, ..View::default() }), ["Rust 2.0 released"]);
    assert_eq!(tab.counts().focus, 1);

    drop(tab);
    let mut again = Tab::started(&store, &sample_web(), None);
    again.told();
    assert_eq!(again.titles(View { filter: Filter::Focus, ..View::default() }), ["Rust 2.0 released"], "the rule was kept");
    again.send(Command::Untrain(like));
    assert_eq!(last_status(&again.told()).text(), "Forgot author: jo.");
    assert!(again.titles(View { filter: Filter::Focus, ..View::default() }).is_empty());
}

#[test]
fn summaries_of_an_earlier_version_get_their_authors_and_categories_from_the_articles() {
    let store = Rc::new(MemoryStore::default());
    let (mut tab, id) = news_tab(&store);
    tab.send(Command::Train(Trained { facet: Facet::Category("politics".into()), opinion: Opinion::Like, feed: None }));
    drop(tab);
    // Storage as the version before the trainer left it: summaries without facets.
    {
        let mut stored = store.stored.borrow_mut();
        for summary in stored.summaries.get_mut(&id).unwrap() {
            summary.author = None;
            summary.categories = Box::default();
        }
        stored.first_version.insert(id.clone());
    }
    let mut again = Tab::started(&store, &sample_web(), None);
    again.told();
    assert_eq!(again.titles(View { filter: Filter::Focus, ..View::default() }), ["Election night"]);
    let stored = store.stored.borrow();
    assert!(!stored.first_version.contains(&id), "written back once");
    assert!(stored.summaries[&id].iter().any(|s| s.author.as_deref() == Some("Sam") && *s.categories == [Box::from("Politics")]));
}

#[test]
fn everything_above_or_below_an_entry_is_marked_read_with_undo() {
    let store = Rc::new(MemoryStore::default());
    let (mut tab, id) = news_tab(&store);
    tab.send(Command::Show { number: 1, view: in_feed(&id, Filter::Unread) });
    let keys = Tab::last_list(&tab.told()).unwrap().keys;
    assert_eq!(keys.len(), 3);
    tab.send(Command::MarkBeside { key: keys[1], above: false });
    let events = tab.told();
    let status = last_status(&events);
    assert_eq!(status.text(), "Marked 1 entry as read.");
    assert_eq!(Tab::last_list(&events).unwrap().keys, &keys[..2], "the unread list is shown again without it");
    tab.send(Command::MarkBeside { key: keys[1], above: false });
    assert_eq!(last_status(&tab.told()).text(), "Everything below was already read.");
    tab.send(Command::MarkBeside { key: keys[1], above: true });
    assert_eq!(Tab::last_list(&tab.told()).unwrap().keys, [keys[1]]);
    assert!(store.stored.borrow().journal.iter().any(|m| m.keys == [keys[0]] && m.read == Some(true)), "saved");
    tab.send(Command::Undo(status.undo.unwrap()));
    assert_eq!(Tab::last_list(&tab.told()).unwrap().keys, [keys[1], keys[2]], "the first undo brings back the one below");
}

#[test]
fn saved_searches_are_counted_and_kept_with_the_settings() {
    let store = Rc::new(MemoryStore::default());
    let (mut tab, id) = news_tab(&store);
    tab.send(Command::SaveSearch { scope: Scope::Feed(id.clone()), filter: Filter::All, search: " election ".into() });
    let settings = tab.engine.state.borrow().library.settings().clone();
    assert_eq!(settings.saved.iter().map(|s| (s.name.as_str(), s.search.as_str())).collect::<Vec<_>>(), [("election", "election")]);
    let events = tab.told();
    assert!(events.iter().any(|e| matches!(e, Event::Counts(c) if c.saved == [1])), "{events:?}");
    tab.send(Command::Show { number: 1, view: settings.saved[0].view(crate::core::library::Sort::NewestFirst) });
    let key = Tab::last_list(&tab.told()).unwrap().keys[0];
    tab.send(Command::Open(key));
    assert!(tab.told().iter().any(|e| matches!(e, Event::Counts(c) if c.saved == [0])));
    drop(tab);
    let again = Tab::started(&store, &sample_web(), None);
    assert_eq!(again.engine.state.borrow().library.settings().saved, settings.saved);
    assert_eq!(again.counts().saved, [0]);
}

#[test]
fn copies_through_two_feeds_are_listed_once_and_read_together() {
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    let item = |title: &str, link: &str| {
        format!("<item><title>{title}</title><guid>{link}</guid><link>{link}</link><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>")
    };
    let channel = |name: &str, items: String| {
        format!("<rss version=\"2.0\"><channel><title>{name}</title><link>https://{name}.example/</link>{items}</channel></rss>")
    };
    tab.send(Command::AddText(channel("one", item("Zanzibar story", "https://story.example/big?utm_source=one"))));
    tab.send(Command::AddText(channel("two", item("Zanzibar story (via two)", "https://story.example/big/?utm_source=two"))));
    tab.told();
    let river = View { search: "zanzibar".into(), ..View::default() };
    tab.send(Command::Show { number: 1, view: river.clone() });
    let listed = Tab::last_list(&tab.told()).unwrap();
    assert_eq!(listed.keys.len(), 1, "once in the river");
    assert_eq!(listed.rows[0].also_in.len(), 1, "with the other feed named");
    tab.send(Command::Open(listed.keys[0]));
    let events = tab.told();
    let marked = events.iter().find_map(|e| if let Event::Marks(m) = e { Some(m.clone()) } else { None }).unwrap();
    assert_eq!(marked.len(), 2, "both copies read: {marked:?}");
    assert!(marked.iter().all(|m| m.read));
    let journal = &store.stored.borrow().journal;
    assert!(journal.iter().any(|m| m.keys.len() == 2 && m.read == Some(true)), "and saved together");
}

#[test]
fn new_entries_of_a_feed_with_notifications_are_announced_and_others_are_not() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let url = "https://changing.example/feed.xml";
    web.serve(url, &rss("Changing", &[("a", "Story A")]));
    let mut tab = Tab::started(&store, &web, None);
    tab.send(Command::LookUp(url.into()));
    tab.send(Command::Subscribe(url.into()));
    let id = crate::core::library::Library::feed_id_for_url(url);
    let notified = |events: &[Event]| events.iter().find_map(|e| if let Event::Notify(a) = e { Some(a.clone()) } else { None });
    assert!(notified(&tab.told()).is_none(), "subscribing announces nothing");

    // Notifications off: a new entry is not announced.
    web.serve(url, &rss("Changing", &[("b", "Story B"), ("a", "Story A")]));
    tab.send(Command::Refresh(Some(id.clone())));
    assert!(notified(&tab.told()).is_none());

    // On: each new entry is, save one the trainer hides.
    tab.send(Command::Notify { id: id.clone(), on: true });
    assert!(store.stored.borrow().records[&id].notify, "saved");
    tab.send(Command::Train(Trained { facet: Facet::Title("boring".into()), opinion: Opinion::Dislike, feed: None }));
    web.serve(url, &rss("Changing", &[("d", "Story D"), ("c", "Boring C"), ("b", "Story B"), ("a", "Story A")]));
    tab.send(Command::Refresh(Some(id.clone())));
    let arrived = notified(&tab.told()).expect("announced");
    assert_eq!((arrived.feed_title.as_str(), arrived.count), ("Changing", 1));
    assert_eq!(arrived.entries.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["Story D"]);
    assert_eq!(arrived.entries[0].0, crate::core::keys::EntryKey::new(&id, "d"));
    tab.send(Command::Refresh(Some(id.clone())));
    assert!(notified(&tab.told()).is_none(), "nothing new, nothing said");
}

/// One writer for each piece of state: the page presses `c` (cards) right after training a
/// rule, before the engine's answer with the new rule has reached it. The page sends only the
/// preference it changed, so the rule is kept: in memory, in storage, after a reload. (When
/// the page sent its whole copy of the settings, this order silently undid the rule.)
#[test]
fn a_preference_from_a_page_that_has_not_seen_a_new_rule_keeps_the_rule() {
    let store = Rc::new(MemoryStore::default());
    let (mut tab, _) = news_tab(&store);
    let rule = Trained { facet: Facet::Author("Jo".into()), opinion: Opinion::Like, feed: None };
    // Both arrive before the engine has answered either.
    tab.engine.receive(Command::Train(rule.clone()), Vec::new());
    tab.engine.receive(Command::Set(Preference::Cards { list: "all".into(), on: true }), Vec::new());
    tab.settle();
    let kept = |settings: &crate::core::library::Settings| (settings.training.clone(), settings.cards.clone());
    let expected = (vec![rule.clone()], vec!["all".to_string()]);
    assert_eq!(kept(tab.engine.state.borrow().library.settings()), expected);
    assert_eq!(kept(store.stored.borrow().settings.as_ref().unwrap()), expected, "saved");
    let events = tab.told();
    let last = events.iter().rev().find_map(|e| if let Event::Settings(s) = e { Some(s.clone()) } else { None }).unwrap();
    assert_eq!(kept(&last), expected, "the page is told both");
    drop(tab);
    let again = Tab::started(&store, &sample_web(), None);
    assert_eq!(kept(again.engine.state.borrow().library.settings()), expected, "after a reload");
}

#[test]
fn entries_older_than_the_limit_are_marked_read_everywhere_but_starred_and_a_feed_may_differ() {
    let store = Rc::new(MemoryStore::default());
    let (mut tab, news) = news_tab(&store);
    // "now" is mid-January 2027: the sample is from 2025, the news from early November 2026.
    let election = crate::core::keys::EntryKey::new(&news, "3");
    tab.send(Command::SetStarred { key: election, starred: true });
    tab.send(Command::ReadAfter { id: news.clone(), days: Some(0) });
    assert_eq!(tab.counts().total, 28, "no limit anywhere yet");

    tab.send(Command::Set(Preference::ReadAfterDays(30)));
    let events = tab.told();
    assert!(
        events.iter().any(|e| matches!(e, Event::Counts(c) if c.total == 3)),
        "the sample read at once; the news keeps its own 'never'"
    );
    tab.send(Command::ReadAfter { id: news.clone(), days: None });
    assert_eq!(tab.counts().total, 1, "as every feed now: only the starred entry stays unread");
    assert!(!tab.engine.state.borrow().library.is_read(election));

    let mut reloaded = Tab::started(&store, &sample_web(), None);
    assert_eq!(reloaded.counts().total, 1, "kept");
    assert_eq!(reloaded.engine.state.borrow().library.settings().read_after_days, 30);
    assert_eq!(reloaded.titles(in_feed(&news, Filter::Unread)), ["Election night"]);
}
