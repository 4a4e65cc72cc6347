//! Copies of one article through several feeds: found by address or by title, folded in the
//! river, folders and searches, read together, counted once, listed by each feed.

use crate::core::keys::EntryKey;
use crate::core::library::testing::{entry, feed, subscribe, titles};
use crate::core::library::{address_identity, Filter, Library, Scope, View};
use crate::core::model::Entry;

fn linked(mut entry: Entry, link: &str) -> Entry {
    entry.link = Some(link.into());
    entry
}

#[test]
fn addresses_are_the_same_without_tracking_scheme_www_fragment_or_trailing_slash() {
    let plain = address_identity("https://example.com/post/1?id=7");
    for same in [
        "http://example.com/post/1?id=7",
        "https://www.Example.com/post/1/?id=7",
        "https://example.com/post/1?utm_source=rss&id=7&utm_medium=feed",
        "https://example.com/post/1?id=7&fbclid=abc#comments",
        "https://example.com/post/1?ref=hn&id=7",
    ] {
        assert_eq!(address_identity(same), plain, "{same}");
    }
    for different in ["https://example.com/post/2?id=7", "https://example.com/post/1?id=8", "https://example.org/post/1?id=7"] {
        assert_ne!(address_identity(different), plain, "{different}");
    }
    assert_eq!(address_identity("mailto:jo@example.com"), None);
}

/// "a" and "b" (folder News) and "c" (no folder): the same story by address in a and c, by
/// title in a and b.
fn library() -> (Library, [crate::core::keys::FeedId; 3]) {
    let day = 24 * 60 * 60 * 1000;
    let mut library = Library::default();
    let a = subscribe(
        &mut library,
        feed(
            "a",
            vec![
                linked(entry("1", "Rust 2.0 released", Some(10 * day)), "https://news.example/rust-2?utm_source=a"),
                linked(entry("2", "Election night", Some(9 * day)), "https://a.example/election"),
                linked(entry("3", "Weekly links", Some(8 * day)), "https://a.example/links"),
            ],
        ),
    );
    let b = subscribe(
        &mut library,
        feed(
            "b",
            vec![
                linked(entry("1", "Election  Night", Some(10 * day)), "https://b.example/votes"),
                linked(entry("2", "Weekly links", Some(2 * day)), "https://b.example/links"),
            ],
        ),
    );
    let c =
        subscribe(&mut library, feed("c", vec![linked(entry("1", "Rust 2 is out", Some(11 * day)), "http://www.news.example/rust-2/")]));
    library.set_folder(&a, Some("News".into()));
    library.set_folder(&b, Some("News".into()));
    (library, [a, b, c])
}

#[test]
fn the_river_folders_and_searches_show_each_article_once_and_feeds_show_their_copy() {
    let (library, [a, b, c]) = library();
    assert_eq!(
        titles(&library, &View::default()),
        ["Rust 2 is out", "Election  Night", "Weekly links", "Weekly links"],
        "newest copy first"
    );
    assert_eq!(
        titles(&library, &View { scope: Scope::Folder("News".into()), ..View::default() }),
        ["Rust 2.0 released", "Election  Night", "Weekly links", "Weekly links"]
    );
    assert_eq!(titles(&library, &View { search: "rust".into(), ..View::default() }), ["Rust 2 is out"]);
    assert_eq!(titles(&library, &View { scope: Scope::Feed(a.clone()), ..View::default() }).len(), 3, "each feed lists its own copy");
    assert_eq!(titles(&library, &View { scope: Scope::Feed(c.clone()), ..View::default() }), ["Rust 2 is out"]);
    let rust_in_c = EntryKey::new(&c, "1");
    let also: Vec<_> = library.copies_of(rust_in_c).into_iter().map(|(_, feed)| feed).collect();
    assert_eq!(also, std::slice::from_ref(&a));
    assert_eq!(library.copies_of(EntryKey::new(&b, "1")).len(), 1, "the same title a day apart in one folder is the same story");
    assert!(library.copies_of(EntryKey::new(&b, "2")).is_empty(), "Weekly links six days apart are two stories");
}

#[test]
fn reading_one_copy_reads_them_all_and_counts_count_an_article_once() {
    let (mut library, [a, b, c]) = library();
    let counts = library.counts();
    assert_eq!(counts.total, 4, "6 entries, 2 of them copies");
    assert_eq!(counts.folders["News"], 4, "5 in the folder, one pair of copies");
    assert_eq!((counts.unread[&a], counts.unread[&b], counts.unread[&c]), (3, 2, 1), "each feed counts its own");
    let marked = library.mark_all_read(&Scope::Feed(c.clone()));
    assert_eq!(marked.len(), 2, "the copy in a goes with it");
    assert!(library.is_read(EntryKey::new(&a, "1")));
    assert_eq!(library.with_copies(&[EntryKey::new(&b, "1")]).len(), 2);
    library.undo_mark_all(&marked);
    assert!(!library.is_read(EntryKey::new(&a, "1")));
    assert_eq!(titles(&library, &View { filter: Filter::Unread, ..View::default() }).len(), 4);
}

#[test]
fn a_folder_change_finds_copies_by_title_again() {
    let (mut library, [_, b, _]) = library();
    library.set_folder(&b, None);
    assert!(library.copies_of(EntryKey::new(&b, "1")).is_empty(), "feeds in different folders are different sources");
}
