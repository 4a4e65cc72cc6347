//! Backups: what goes out comes back, foreign files are refused plainly, nothing is lost.

use super::*;
use crate::core::keys::FeedId;
use crate::core::library::testing::{entry, feed};
use crate::core::library::Library;
use crate::core::library::Theme;
use crate::core::sanitize::sanitize_markup;

fn html(body: &str) -> Option<SafeHtml> {
    Some(sanitize_markup(&Markup { kind: MarkupKind::Html, body: body.into(), base: None }))
}

/// Two subscriptions with their entries, as the engine hands them to the writer.
fn subscriptions() -> Vec<Subscription> {
    let mut first = entry("1", "first", Some(1));
    first.content = html("<p>Hello <a href=\"https://x.example/\">there</a> <img src=\"https://x.example/a.png\" alt=\"a\"></p>");
    let source = "https://a.example/feed".to_string();
    let mut a = Subscription::new(Library::feed_id_for_url(&source), Some(source), feed("a", vec![first, entry("2", "second", Some(2))]));
    a.name = Some("Mine".into());
    a.folder = Some("Tech".into());
    let mut library = Library::default();
    let pending = library.add_pending("https://b.example/feed".into(), Some("B".into()), None);
    vec![a, library.subscription(&pending).unwrap().clone()]
}

fn written(subscriptions: &[Subscription], read: &[EntryKey], starred: &[EntryKey], settings: &Settings) -> String {
    let (mut writer, mut out) = Writer::head(settings, read, starred, Some(Timestamp(1_700_000_000_000)));
    for s in subscriptions {
        out.push_str(&writer.subscription(s));
    }
    out.push_str(&writer.tail());
    out
}

#[test]
fn a_backup_written_piece_by_piece_round_trips_everything() {
    let subscriptions = subscriptions();
    let a = subscriptions[0].id.clone();
    let (read, starred) = ([EntryKey::new(&a, "1")], [EntryKey::new(&a, "2")]);
    let settings = Settings { theme: Theme::Dark, refresh_minutes: 60, ..Settings::default() };
    let json = written(&subscriptions, &read, &starred, &settings);
    assert!(json.starts_with("{\"format\":\"feedreader-backup\",\"version\":1,"));
    let imported = from_json(&json).unwrap();
    assert_eq!((imported.read.as_slice(), imported.starred.as_slice()), (&read[..], &starred[..]));
    assert_eq!(imported.settings, settings);
    let records: Vec<&Subscription> = imported.subscriptions.iter().map(|(s, _)| s).collect();
    assert_eq!(records, [&subscriptions[0].record(), &subscriptions[1].record()], "names, folders, pending, no entries in the record");
    let titles: Vec<&str> = imported.subscriptions[0].1.iter().map(|a| a.entry.title.as_deref().unwrap()).collect();
    assert_eq!(titles, ["first", "second"]);
    assert_eq!(imported.subscriptions[0].1[0].excerpt, "Hello there", "arrivals come with their text");
    assert!(imported.subscriptions[1].1.is_empty());
}

#[test]
fn a_backup_written_before_the_engine_still_imports() {
    // Downloaded from the build of commit 8df4417 (see tests/fixtures/legacy/README.md).
    let text = include_str!("../../../tests/fixtures/legacy/backup-v1.json");
    let imported = from_json(text).unwrap();
    let names: Vec<&str> = imported.subscriptions.iter().map(|(s, _)| s.title()).collect();
    assert_eq!(names, ["My Shares", "Pasted News", "Waiting"]);
    let entries: Vec<usize> = imported.subscriptions.iter().map(|(_, a)| a.len()).collect();
    assert_eq!(entries, [25, 2, 0]);
    assert_eq!(imported.subscriptions[0].0.folder.as_deref(), Some("Reading"));
    assert!(imported.subscriptions[2].0.is_pending());
    assert_eq!((imported.read.len(), imported.starred.len()), (4, 2));
    assert_eq!((imported.settings.theme, imported.settings.sort), (Theme::Dark, crate::core::library::Sort::OldestFirst));
    let sample = FeedId("a8b305d798bc".into());
    assert!(
        imported.read.iter().filter(|k| imported.subscriptions[0].1.iter().any(|a| EntryKey::new(&sample, &a.entry.id) == **k)).count()
            == 3
    );
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
    let source = "https://evil.example/".to_string();
    let evil = Subscription::new(Library::feed_id_for_url(&source), Some(source), feed("evil", vec![entry("1", "x", None)]));
    let mut json: serde_json::Value = serde_json::from_str(&written(&[evil], &[], &[], &Settings::default())).unwrap();
    let evil_entry = &mut json["subscriptions"][0]["feed"]["entries"][0];
    evil_entry["content"] = "<img src=x onerror=alert(1)><script>alert(2)</script><p>text</p>".into();
    evil_entry["link"] = "javascript:alert(3)".into();
    json["subscriptions"][0]["source"] = "javascript:alert(4)".into();
    json["settings"]["cors_proxy"] = "javascript:alert(5)".into();
    let imported = from_json(&json.to_string()).unwrap();
    let (record, arrivals) = &imported.subscriptions[0];
    let entry = &arrivals[0].entry;
    let content = entry.content.as_ref().unwrap().as_str();
    assert!(!content.contains("onerror") && !content.contains("script") && content.contains("text"), "{content}");
    assert_eq!(entry.link, None);
    assert_eq!(record.source, None);
    assert_eq!(imported.settings.cors_proxy, None);
}

#[test]
fn sanitizing_again_keeps_our_own_articles_intact() {
    let subscriptions = subscriptions();
    let imported = from_json(&written(&subscriptions, &[], &[], &Settings::default())).unwrap();
    assert_eq!(imported.subscriptions[0].1[0].entry.content, subscriptions[0].feed.entries[0].content);
}
