//! Tags on starred entries through the engine: tagged, listed and counted under Starred,
//! saved, and carried by a backup to another device.

use super::*;

#[test]
fn tags_list_and_count_starred_entries_and_travel_in_a_backup() {
    let store = Rc::new(MemoryStore::default());
    let web = sample_web();
    let mut tab = Tab::started(&store, &web, None);
    let keys = Tab::last_list(&tab.told()).unwrap().keys;
    for &key in &keys[..2] {
        tab.send(Command::SetStarred { key, starred: true });
    }
    tab.send(Command::Tag { key: keys[0], tags: vec!["Rust, to read".into()] });
    tab.send(Command::Tag { key: keys[1], tags: vec!["rust".into()] });
    let events = tab.told();
    assert!(events.iter().any(|e| matches!(e, Event::Counts(c) if c.tags == [("Rust".to_string(), 2), ("to read".to_string(), 1)])));
    assert!(events.iter().any(|e| matches!(e, Event::Settings(s) if s.tags.len() == 2)));
    let tagged = |tab: &mut Tab, tag: &str| {
        tab.send(Command::Show { number: 7, view: View { scope: Scope::Tag(tag.into()), ..View::default() } });
        Tab::last_list(&tab.told()).unwrap().keys
    };
    assert_eq!(tagged(&mut tab, "to read"), [keys[0]]);
    assert_eq!(tagged(&mut tab, "RUST").len(), 2);
    assert_eq!(store.stored.borrow().settings.as_ref().unwrap().tags.len(), 2, "saved");

    tab.send(Command::Export(Export::Backup));
    let backup = tab.engine.ports.platform.files.borrow()[0].clone();
    let elsewhere = Rc::new(MemoryStore::default());
    let mut other = Tab::started(&elsewhere, &web, None);
    other.told();
    other.drop_files(vec![("feedreader-backup.json", &backup)]);
    assert_eq!(tagged(&mut other, "to read"), [keys[0]]);
    assert_eq!(other.counts().tags, [("Rust".to_string(), 2), ("to read".to_string(), 1)]);
}
