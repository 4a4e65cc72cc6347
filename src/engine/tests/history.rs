//! Read history through the engine: entries opened are listed most recently opened first with
//! when, whatever their state; storage keeps it for the next start, and another tab follows.

use super::*;
use crate::core::library::Scope;

fn history(tab: &mut Tab) -> Vec<(crate::core::keys::EntryKey, Option<crate::core::Timestamp>)> {
    tab.send(Command::Show { number: 99, view: View { scope: Scope::History, ..View::default() } });
    let listed = Tab::last_list(&tab.told()).expect("a list");
    listed.keys.iter().map(|&key| (key, listed.rows.iter().find(|r| r.key == key).and_then(|r| r.opened))).collect()
}

#[test]
fn opened_entries_are_listed_last_first_kept_and_followed_by_another_tab() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let mut tab = Tab::started(&store, &web, None);
    let mut other = Tab::started(&store, &web, None);
    let keys = Tab::last_list(&tab.told()).unwrap().keys;
    other.told();
    assert!(history(&mut tab).is_empty());

    let start = tab.engine.ports.platform.now.get();
    for (i, &key) in [keys[3], keys[0], keys[7]].iter().enumerate() {
        tab.engine.ports.platform.now.set(crate::core::Timestamp(start.0 + i as i64 * 60_000));
        tab.send(Command::Open(key));
    }
    // Marked unread again, an opened entry stays in the history.
    tab.send(Command::SetRead { keys: vec![keys[0]], read: false });
    let listed = history(&mut tab);
    assert_eq!(listed.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [keys[7], keys[0], keys[3]]);
    assert_eq!(listed[0].1, Some(crate::core::Timestamp(start.0 + 120_000)), "with when it was opened");
    // Search works within it.
    let title = tab.engine.state.borrow().library.summary(keys[0]).unwrap().0.title.to_string();
    let word = title.split_whitespace().max_by_key(|w| w.len()).unwrap().to_lowercase();
    tab.send(Command::Show { number: 100, view: View { scope: Scope::History, search: word, ..View::default() } });
    assert!(Tab::last_list(&tab.told()).unwrap().keys.contains(&keys[0]));

    // The other tab hears of it.
    for shared in tab.engine.ports.platform.broadcasts.borrow_mut().drain(..) {
        other.engine.hear(shared);
    }
    other.settle();
    assert_eq!(history(&mut other).iter().map(|(k, _)| *k).collect::<Vec<_>>(), [keys[7], keys[0], keys[3]]);

    // A new start reads it from storage.
    let mut again = Tab::started(&store, &web, None);
    again.told();
    assert_eq!(history(&mut again).len(), 3);
}
