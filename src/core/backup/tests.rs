//! Backups: what goes out comes back, foreign files are refused plainly, nothing is lost.

use super::*;
use crate::core::library::testing::{entry, feed};
use crate::core::settings::Theme;
use crate::core::sanitize::sanitize_markup;

fn library() -> Library {
    let mut library = Library::default();
    let mut first = entry("1", "first", Some(1));
    first.content = Some(sanitize_markup(&Markup {
        kind: MarkupKind::Html,
        body: "<p>Hello <a href=\"https://x.example/\">there</a> <img src=\"https://x.example/a.png\" alt=\"a\"></p>".into(),
        base: None,
    }));
    let a = library.subscribe(feed("a", vec![first, entry("2", "second", Some(2))]), Some("https://a.example/feed".into()));
    library.rename(&a, Some("Mine".into()));
    library.set_folder(&a, Some("Tech".into()));
    library.mark_read(EntryKey::new(&a, "1"));
    library.set_starred(EntryKey::new(&a, "2"), true);
    library.add_pending("https://b.example/feed".into(), Some("B".into()), None);
    library
}

#[test]
fn a_backup_round_trips_everything() {
    let library = library();
    let settings = Settings { theme: Theme::Dark, refresh_minutes: 60, ..Settings::default() };
    let json = to_json(&library, &settings, Some(Timestamp(1_700_000_000_000)));
    assert!(json.contains("\"format\": \"feedreader-backup\""));
    let (restored, restored_settings) = from_json(&json).unwrap();
    assert_eq!(restored, library, "subscriptions, entries, names, folders, read, starred, pending");
    assert_eq!(restored_settings, settings);
}

#[test]
fn importing_merges_into_what_is_there() {
    let backup = to_json(&library(), &Settings::default(), None);
    let mut here = Library::default();
    let c = here.subscribe(feed("c", vec![entry("1", "c1", Some(5))]), None);
    here.set_starred(EntryKey::new(&c, "1"), true);
    import(&mut here, &backup).unwrap();
    assert_eq!(here.subscriptions().len(), 3, "ours and both of the backup's");
    assert!(here.is_starred(EntryKey::new(&c, "1")), "our own stars stay");
    assert_eq!(here.starred_count(), 2);
    assert_eq!(here.total_unread(), 2, "c1 and a2; a1 was read in the backup");
}

#[test]
fn other_files_are_refused_plainly() {
    let not_ours = |text: &str| from_json(text).unwrap_err().to_string();
    assert!(not_ours("<opml version=\"2.0\"/>").contains("XML file (to add feeds from OPML, use Import OPML)"));
    assert!(not_ours(r#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#)
        .starts_with("this is not a backup of this feed reader: it has no \"format\""));
    assert!(not_ours("").starts_with("this is not a backup of this feed reader: it is not JSON"));
    assert_eq!(
        from_json(r#"{"format": "feedreader-backup", "version": 2, "subscriptions": []}"#).unwrap_err(),
        BackupError::Newer { version: 2 }
    );
    let damaged = from_json("{\"format\": \"feedreader-backup\", \"version\": 1,\n \"subscriptions\": 5}").unwrap_err();
    assert_eq!(damaged.to_string(), "the backup is damaged at line 2, column 19: invalid type: integer `5`, expected a sequence");
}

#[test]
fn a_crafted_backup_cannot_smuggle_script_or_bad_addresses() {
    let mut library = Library::default();
    library.subscribe(feed("evil", vec![entry("1", "x", None)]), Some("https://evil.example/".into()));
    let mut json: serde_json::Value = serde_json::from_str(&to_json(&library, &Settings::default(), None)).unwrap();
    let evil_entry = &mut json["subscriptions"][0]["feed"]["entries"][0];
    evil_entry["content"] = "<img src=x onerror=alert(1)><script>alert(2)</script><p>text</p>".into();
    evil_entry["link"] = "javascript:alert(3)".into();
    json["subscriptions"][0]["source"] = "javascript:alert(4)".into();
    json["settings"]["cors_proxy"] = "javascript:alert(5)".into();
    let (imported, settings) = from_json(&json.to_string()).unwrap();
    let entry = imported.river()[0].entry;
    let content = entry.content.as_ref().unwrap().as_str();
    assert!(!content.contains("onerror") && !content.contains("script") && content.contains("text"), "{content}");
    assert_eq!(entry.link, None);
    assert_eq!(imported.subscriptions()[0].source, None);
    assert_eq!(settings.cors_proxy, None);
}

#[test]
fn sanitizing_again_keeps_our_own_articles_intact() {
    let library = library();
    let (restored, _) = from_json(&to_json(&library, &Settings::default(), None)).unwrap();
    let body = |l: &Library| l.river().iter().find_map(|r| r.entry.content.clone()).unwrap();
    assert_eq!(body(&restored), body(&library));
}
