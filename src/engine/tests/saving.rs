//! Nothing shown that is not saved: a big change (an import) is saved in parts, the page is
//! told how far it is until the last part is written, and an interruption keeps what was
//! written and says what was not.

use super::*;
use crate::engine::commit::ARTICLES_PER_WRITE;
use crate::protocol::{Notice, Saving};

/// A backup of `feeds` feeds of `entries` entries each, as this reader writes them.
fn big_backup(feeds: usize, entries: usize) -> String {
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    for feed in 0..feeds {
        let items: Vec<(String, String)> = (0..entries).map(|n| (format!("{feed}-{n}"), format!("Story {n} of feed {feed}"))).collect();
        let items: Vec<(&str, &str)> = items.iter().map(|(id, title)| (id.as_str(), title.as_str())).collect();
        tab.send(Command::AddText(rss(&format!("feed{feed}"), &items)));
    }
    tab.send(Command::Export(Export::Backup));
    let backup = tab.engine.ports.platform.files.borrow()[0].clone();
    backup
}

fn savings(events: &[Event]) -> Vec<Option<Saving>> {
    events.iter().filter_map(|e| if let Event::Saving(s) = e { Some(*s) } else { None }).collect()
}

#[test]
fn a_big_import_is_saved_in_parts_and_said_done_only_when_all_are() {
    // Seven feeds of 400: 2,825 entries with the sample, more than one part holds.
    let backup = big_backup(7, 400);
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    tab.told();
    let writes_before = store.writes.get();
    tab.drop_files(vec![("backup.json", &backup)]);
    let events = tab.told();
    let of = 7 * 400;
    let first_part = (ARTICLES_PER_WRITE / 400 * 400) as u32;
    assert_eq!(
        savings(&events),
        [Some(Saving { done: 0, of }), Some(Saving { done: first_part, of }), None],
        "the page hears how far it is, then that it is over"
    );
    let saved_at = events.iter().rposition(|e| matches!(e, Event::Saving(None))).unwrap();
    let said_at = events.iter().rposition(|e| matches!(e, Event::Status(_))).unwrap();
    assert!(said_at > saved_at, "done is said once all is saved");
    assert!(Tab::status(&events).contains("restored the backup"));
    assert_eq!(store.writes.get() - writes_before, 3, "a note of the start, then two parts, each its own transaction");
    let stored = store.stored.borrow();
    assert_eq!(stored.articles.len(), 25 + 7 * 400);
    assert_eq!(stored.saving, None, "nothing left to say after a whole save");
}

#[test]
fn an_interrupted_import_keeps_what_was_saved_and_says_what_was_not() {
    let backup = big_backup(7, 400);
    let store = Rc::new(MemoryStore::default());
    let mut tab = Tab::started(&store, &sample_web(), None);
    tab.told();
    // The tab is closed after the note and the first part are written.
    store.writes_left.set(Some(2));
    tab.drop_files(vec![("backup.json", &backup)]);
    let events = tab.told();
    assert_eq!(savings(&events).last(), Some(&None), "the page stops saying it saves");
    assert!(Tab::status(&events).contains("could not be saved"), "{events:?}");
    drop(tab);

    store.writes_left.set(None);
    let mut again = Tab::started(&store, &sample_web(), None);
    let events = again.told();
    let first_part = (ARTICLES_PER_WRITE / 400 * 400) as u32;
    let notice = Notice::Interrupted { done: first_part, of: 7 * 400 };
    assert!(events.contains(&Event::Notice(notice.clone())), "{events:?}");
    assert_eq!(notice.to_string(), "The import was interrupted after 2,000 of 2,800 entries; open the file again to add the rest.");
    assert_eq!(again.engine.state.borrow().library.len(), 25 + first_part as usize, "what was saved is there");
    assert_eq!(store.stored.borrow().saving, None, "said once");
    // The next start's first screen (before the library is read) counts what was saved.
    assert_eq!(store.stored.borrow().counts.as_ref().map(|c| c.total), Some(25 + first_part as usize));

    // Opening the file again adds the rest.
    again.drop_files(vec![("backup.json", &backup)]);
    assert_eq!(again.engine.state.borrow().library.len(), 25 + 7 * 400);
    drop(again);
    let third = Tab::started(&store, &sample_web(), None);
    assert!(!third.told().iter().any(|e| matches!(e, Event::Notice(Notice::Interrupted { .. }))));
    assert_eq!(third.engine.state.borrow().library.len(), 25 + 7 * 400);
}
