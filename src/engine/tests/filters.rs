//! Filters through the engine: a bad expression refused with its place, a hiding rule applied
//! to the cached entries and kept across a reload, undo, and a refresh's arrivals hidden or
//! read as they come.

use super::*;
use crate::core::filters::{Action, Field, FilterRule};

fn rule(field: Field, pattern: &str, action: Action) -> FilterRule {
    FilterRule { field, pattern: pattern.into(), action, feed: None }
}

fn subscribed(web: &Rc<MemoryWeb>, store: &Rc<MemoryStore>) -> (Tab, crate::core::keys::FeedId) {
    web.serve(FEED, &rss("Changing News", &[("a", "Story A"), ("b", "Sponsored: Story B")]));
    let mut tab = Tab::started(store, web, None);
    tab.send(Command::LookUp(FEED.into()));
    tab.send(Command::Subscribe(FEED.into()));
    tab.told();
    (tab, crate::core::library::Library::feed_id_for_url(FEED))
}

fn in_feed(id: &crate::core::keys::FeedId) -> View {
    View { scope: Scope::Feed(id.clone()), filter: Filter::All, ..View::default() }
}

#[test]
fn a_bad_expression_is_refused_where_it_is_and_changes_nothing() {
    let (store, web) = (Rc::new(MemoryStore::default()), sample_web());
    let (mut tab, id) = subscribed(&web, &store);
    tab.send(Command::AddFilter(rule(Field::Title, "sponsored (", Action::Hide)));
    let events = tab.told();
    assert!(events.contains(&Event::FilterRejected("The expression is not valid at character 11: unclosed group.".into())), "{events:?}");
    assert!(tab.engine.state.borrow().library.filters().is_empty());
    assert_eq!(tab.titles(in_feed(&id)).len(), 2);
}

#[test]
fn a_hiding_filter_applies_to_cached_entries_lasts_and_is_undone() {
    let (store, web) = (Rc::new(MemoryStore::default()), sample_web());
    let (mut tab, id) = subscribed(&web, &store);
    let hide = rule(Field::Title, "^sponsored", Action::Hide);
    tab.send(Command::AddFilter(hide.clone()));
    let events = tab.told();
    let status = events.iter().rev().find_map(|e| if let Event::Status(s) = e { Some(s.clone()) } else { None }).unwrap();
    assert_eq!(status.text(), "Hiding entries whose title ~ ^sponsored.");
    assert_eq!(tab.titles(in_feed(&id)), ["Story A"]);
    assert_eq!(tab.counts().unread[&id], 1);

    // Kept: a reload hides it at once, with no judging again.
    let mut reloaded = Tab::started(&store, &web, None);
    assert!(reloaded.engine.state.borrow().library.filtering_due().is_empty());
    assert_eq!(reloaded.titles(in_feed(&id)), ["Story A"]);
    // Shown hidden, it says which filter.
    reloaded.send(Command::Set(crate::core::library::Preference::ShowHidden(true)));
    reloaded.send(Command::Show { number: 5, view: in_feed(&id) });
    let listed = Tab::last_list(&reloaded.told()).unwrap();
    let row = listed.rows.iter().find(|r| r.title.starts_with("Sponsored")).unwrap();
    assert_eq!(row.filtered.as_deref(), Some("title ~ ^sponsored"));

    tab.send(Command::Undo(status.undo.unwrap()));
    assert_eq!(tab.titles(in_feed(&id)).len(), 2);
    assert!(store.stored.borrow().settings.as_ref().unwrap().filters.is_empty(), "the undo is saved");
}

#[test]
fn arrivals_are_hidden_or_arrive_read_by_the_rules_of_their_feed() {
    let (store, web) = (Rc::new(MemoryStore::default()), sample_web());
    let (mut tab, id) = subscribed(&web, &store);
    tab.send(Command::AddFilter(FilterRule { feed: Some(id.clone()), ..rule(Field::Title, "podcast", Action::Hide) }));
    tab.send(Command::AddFilter(rule(Field::Text, "weekly digest", Action::MarkRead)));
    // rss() gives each item its title as its text too.
    web.serve(
        FEED,
        &rss(
            "Changing News",
            &[("a", "Story A"), ("b", "Sponsored: Story B"), ("c", "Podcast 12"), ("d", "The weekly digest"), ("e", "Story E")],
        ),
    );
    tab.send(Command::Refresh(None));
    assert_eq!(tab.titles(in_feed(&id)), ["Story E", "The weekly digest", "Sponsored: Story B", "Story A"], "the podcast is hidden");
    assert!(tab.engine.state.borrow().library.is_read(EntryKey::new(&id, "d")), "the digest arrived read");
    assert!(!tab.engine.state.borrow().library.is_read(EntryKey::new(&id, "e")));
    assert_eq!(tab.counts().unread[&id], 3, "A, B and E");
    let reloaded = Tab::started(&store, &web, None);
    assert!(reloaded.engine.state.borrow().library.is_read(EntryKey::new(&id, "d")), "saved");
}
