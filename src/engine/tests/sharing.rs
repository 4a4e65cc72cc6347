//! Sharing through the engine: a story shared with a comment is listed under Shared and
//! counted, downloads as an Atom feed that reads back with its attribution and comment, and
//! travels in a backup.

use super::*;
use crate::core::sanitize::shared_story;

#[test]
fn a_shared_story_is_listed_written_as_atom_and_carried_by_a_backup() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let mut tab = Tab::started(&store, &web, None);
    let keys = Tab::last_list(&tab.told()).unwrap().keys;
    tab.send(Command::Set(crate::core::library::Preference::Sharer("Ada".into())));
    tab.send(Command::Share { key: keys[2], comment: Some("Worth it.".into()) });
    assert_eq!(tab.counts().shared, 1);
    tab.send(Command::Show { number: 3, view: View { scope: Scope::Shared, ..View::default() } });
    assert_eq!(Tab::last_list(&tab.told()).unwrap().keys, [keys[2]]);

    tab.send(Command::Export(Export::SharedFeed));
    assert!(tab.told().iter().any(|e| matches!(e, Event::Exported { name, .. } if name == "shared.atom")));
    let atom = tab.engine.ports.platform.files.borrow().last().unwrap().clone();
    let feed = crate::core::read_feed(atom.as_bytes(), &crate::core::ParseOptions::default()).expect("a feed");
    let (shared, _) = shared_story(feed.entries[0].summary.as_ref().unwrap()).expect("attributed");
    assert_eq!(
        (shared.by.as_str(), shared.from.as_deref(), shared.comment.as_deref()),
        ("Ada", Some("Bernhard's shared items"), Some("Worth it."))
    );
    let title = tab.engine.state.borrow().library.summary(keys[2]).unwrap().0.title.to_string();
    assert_eq!(feed.entries[0].title.as_deref(), Some(title.as_str()));

    tab.send(Command::Export(Export::Backup));
    let backup = tab.engine.ports.platform.files.borrow().last().unwrap().clone();
    let mut other = Tab::started(&Rc::new(MemoryStore::default()), &web, None);
    other.told();
    other.drop_files(vec![("feedreader-backup.json", &backup)]);
    assert_eq!(other.counts().shared, 1);
    assert_eq!(other.engine.state.borrow().library.shares()[0].comment.as_deref(), Some("Worth it."));

    tab.send(Command::Unshare(keys[2]));
    assert_eq!(tab.counts().shared, 0);
}
