//! What the reader sees in the entry list.

use std::time::Instant;

use super::*;
use crate::core::library::testing::{entry, feed, subscribe, titles as listed};
use crate::core::model::{Markup, MarkupKind};
use crate::core::sanitize::sanitize_markup;

fn html(body: &str) -> Option<crate::core::SafeHtml> {
    Some(sanitize_markup(&Markup { kind: MarkupKind::Html, body: body.into(), base: None }))
}

/// Feed "a" (folder Tech): a1 (10), a2 (30). Feed "b" (folder Tech): b1 (20). Feed "c": c1 (5).
fn library() -> (Library, FeedId, FeedId, FeedId) {
    let mut library = Library::default();
    let a = subscribe(&mut library, feed("a", vec![entry("1", "a1", Some(10)), entry("2", "a2", Some(30))]));
    let b = subscribe(&mut library, feed("b", vec![entry("1", "b1", Some(20))]));
    let c = subscribe(&mut library, feed("c", vec![entry("1", "c1", Some(5))]));
    library.set_folder(&a, Some("Tech".into()));
    library.set_folder(&b, Some("Tech".into()));
    (library, a, b, c)
}

fn view(scope: Scope, filter: Filter) -> View {
    View { scope, filter, ..View::default() }
}

#[test]
fn scopes_pick_the_feeds() {
    let (library, a, _, _) = library();
    assert_eq!(listed(&library, &View::default()), ["a2", "b1", "a1", "c1"]);
    assert_eq!(listed(&library, &view(Scope::Feed(a), Filter::All)), ["a2", "a1"]);
    assert_eq!(listed(&library, &view(Scope::Folder("Tech".into()), Filter::All)), ["a2", "b1", "a1"]);
    assert!(library.list(&view(Scope::Folder("Nope".into()), Filter::All)).keys.is_empty());
}

#[test]
fn filters_pick_by_state_and_sort_reverses() {
    let (mut library, a, b, _) = library();
    library.set_read(EntryKey::new(&a, "2"), true);
    library.set_starred(EntryKey::new(&b, "1"), true);
    assert_eq!(listed(&library, &view(Scope::All, Filter::Unread)), ["b1", "a1", "c1"]);
    assert_eq!(listed(&library, &view(Scope::All, Filter::Starred)), ["b1"]);
    assert_eq!(listed(&library, &view(Scope::Starred, Filter::All)), ["b1"]);
    let oldest = View { sort: Sort::OldestFirst, ..View::default() };
    assert_eq!(listed(&library, &oldest), ["c1", "a1", "b1", "a2"]);
}

#[test]
fn undated_entries_come_last_in_both_orders() {
    let mut library = Library::default();
    subscribe(&mut library, feed("a", vec![entry("1", "undated", None), entry("2", "old", Some(1)), entry("3", "new", Some(2))]));
    assert_eq!(listed(&library, &View::default()), ["new", "old", "undated"]);
    let oldest = View { sort: Sort::OldestFirst, ..View::default() };
    assert_eq!(listed(&library, &oldest), ["old", "new", "undated"]);
}

#[test]
fn an_opened_entry_stays_in_the_unread_list_while_kept() {
    let (mut library, a, _, _) = library();
    let opened = EntryKey::new(&a, "2");
    let mut unread = view(Scope::All, Filter::Unread);
    library.set_read(opened, true);
    unread.keep.insert(opened);
    assert_eq!(listed(&library, &unread), ["a2", "b1", "a1", "c1"], "still there after opening");
    unread.keep.clear();
    assert_eq!(listed(&library, &unread), ["b1", "a1", "c1"], "gone once the list is shown afresh");
}

#[test]
fn keep_does_not_override_the_feed_or_the_search() {
    let (library, a, b, _) = library();
    let mut only_a = view(Scope::Feed(a), Filter::All);
    only_a.keep.insert(EntryKey::new(&b, "1"));
    only_a.search = "a1".into();
    assert_eq!(listed(&library, &only_a), ["a1"]);
}

#[test]
fn search_matches_every_word_in_title_or_text_any_case() {
    let mut library = Library::default();
    let mut rust = entry("1", "Rust in the Browser", Some(2));
    rust.summary = html("<p>Compiling to <b>Web</b>Assembly with <a href='https://x.example/'>Trunk</a></p>");
    let mut cafe = entry("2", "Coffee", Some(1));
    cafe.content = html("<p>Caf&eacute; au lait</p>");
    subscribe(&mut library, feed("a", vec![rust, cafe]));
    let search = |q: &str| listed(&library, &View { search: q.into(), ..View::default() });
    assert_eq!(search("rust"), ["Rust in the Browser"]);
    assert_eq!(search("BROWSER webassembly"), ["Rust in the Browser"], "words from title and text, any case");
    assert_eq!(search("rust café"), Vec::<String>::new(), "every word must match");
    assert_eq!(search("CAFÉ"), ["Coffee"]);
    assert_eq!(search("href"), Vec::<String>::new(), "markup is not text");
    assert_eq!(search("   "), ["Rust in the Browser", "Coffee"]);
}

#[test]
fn search_sees_entries_added_after_the_first_search() {
    let mut library = Library::default();
    subscribe(&mut library, feed("a", vec![entry("1", "first", Some(1))]));
    let find = View { search: "second".into(), ..View::default() };
    assert!(library.list(&find).keys.is_empty());
    subscribe(&mut library, feed("a", vec![entry("2", "second", Some(2))]));
    assert_eq!(listed(&library, &find), ["second"]);
}

#[test]
fn mark_all_read_then_undo_brings_the_same_entries_back() {
    let (mut library, a, _, _) = library();
    library.set_read(EntryKey::new(&a, "1"), true);
    let marked = library.mark_all_read(&Scope::All);
    assert_eq!(marked.len(), 3, "the one already read is not part of the undo");
    assert_eq!(library.counts().total, 0);
    library.undo_mark_all(&marked);
    assert_eq!(listed(&library, &view(Scope::All, Filter::Unread)), ["a2", "b1", "c1"]);
    assert!(library.is_read(EntryKey::new(&a, "1")), "undo does not unread what was read before");
}

#[test]
fn mark_all_read_per_feed_folder_and_starred() {
    let (mut library, a, b, c) = library();
    assert_eq!(library.mark_all_read(&Scope::Feed(b.clone())).len(), 1);
    assert_eq!(library.counts().unread[&a], 2);
    assert_eq!(library.mark_all_read(&Scope::Folder("Tech".into())).len(), 2);
    assert_eq!(library.counts().unread[&c], 1, "outside the folder stays unread");
    library.set_read(EntryKey::new(&a, "1"), false);
    library.set_starred(EntryKey::new(&c, "1"), true);
    let marked = library.mark_all_read(&Scope::Starred);
    assert_eq!(marked.keys(), [EntryKey::new(&c, "1")]);
    assert!(!library.is_read(EntryKey::new(&a, "1")), "only starred entries");
}

#[test]
fn unread_counts_per_feed_folder_and_total() {
    let (mut library, a, b, c) = library();
    library.set_read(EntryKey::new(&a, "1"), true);
    let counts = library.counts();
    assert_eq!((counts.unread[&a], counts.unread[&b], counts.unread[&c]), (1, 1, 1));
    assert_eq!(counts.folders.into_iter().collect::<Vec<_>>(), [("Tech".to_string(), 2)]);
    assert_eq!(counts.total, 3);
    library.set_starred(EntryKey::new(&c, "1"), true);
    assert_eq!(library.counts().starred, 1);
}

#[test]
fn view_defaults_and_round_trips_with_keep() {
    let view = View::default();
    assert_eq!((view.scope.clone(), view.filter, view.sort), (Scope::All, Filter::All, Sort::NewestFirst));
    let kept = View { keep: [EntryKey(1)].into(), ..view.clone() };
    let bytes = postcard::to_stdvec(&kept).unwrap();
    assert_eq!(postcard::from_bytes::<View>(&bytes).unwrap(), kept, "the page sends its kept entries to the engine");
}

/// Run with `cargo test --lib search_speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn search_speed_over_10000_entries() {
    let mut library = Library::default();
    for f in 0..100 {
        let entries = (0..100)
            .map(|i| {
                let mut e = entry(&i.to_string(), &format!("Entry {i} of feed {f}: news about topic{}", i % 37), Some(i));
                e.summary = html(&format!(
                    "<p>Some <b>bold</b> text about item {i}, with a <a href='https://e.example/{i}'>link</a> and \
                     more words to scan through: lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>"
                ));
                e
            })
            .collect();
        subscribe(&mut library, feed(&format!("feed{f}"), entries));
    }
    let started = Instant::now();
    let first = library.list(&View { search: "t".into(), ..View::default() }).keys.len();
    println!("first search: {:?}, {first} hits", started.elapsed());
    for query in ["to", "top", "topic", "topic3", "topic36 item"] {
        let started = Instant::now();
        let hits = library.list(&View { search: query.into(), ..View::default() }).keys.len();
        println!("search {query:?}: {:?}, {hits} hits", started.elapsed());
    }
}

#[test]
fn marking_above_or_below_an_entry_leaves_it_and_the_other_side_alone() {
    let (mut library, a, b, c) = library();
    // All, newest first: a2, b1, a1, c1.
    let b1 = EntryKey::new(&b, "1");
    let above = library.mark_beside(&View::default(), b1, true);
    assert_eq!(above.keys(), [EntryKey::new(&a, "2")]);
    assert!(!library.is_read(b1), "the entry itself stays as it was");
    let below = library.mark_beside(&View::default(), b1, false);
    assert_eq!(below.keys(), [EntryKey::new(&a, "1"), EntryKey::new(&c, "1")]);
    assert_eq!(library.counts().total, 1);
    library.undo_mark_all(&below);
    assert_eq!(library.counts().total, 3, "undo brings back exactly those");
    assert!(library.mark_beside(&View::default(), EntryKey(7), true).is_empty(), "an entry not listed marks nothing");
}

#[test]
fn old_entries_are_marked_read_by_each_feeds_limit_starred_and_undated_ones_never() {
    const DAY: i64 = 86_400_000;
    let now = crate::core::time::Timestamp(100 * DAY);
    let mut library = Library::default();
    let a = subscribe(
        &mut library,
        feed("a", vec![entry("1", "a old", Some(90 * DAY)), entry("2", "a new", Some(98 * DAY)), entry("3", "a undated", None)]),
    );
    let b = subscribe(&mut library, feed("b", vec![entry("1", "b old", Some(50 * DAY)), entry("2", "b starred", Some(10 * DAY))]));
    let c = subscribe(&mut library, feed("c", vec![entry("1", "c old", Some(20 * DAY))]));
    library.set_starred(EntryKey::new(&b, "2"), true);
    assert!(library.mark_old_read(now).is_empty(), "0 days: never");

    library.set_preference(crate::core::library::Preference::ReadAfterDays(7));
    library.set_read_after(&c, Some(0));
    let marked = library.mark_old_read(now);
    let unread = |library: &Library| listed(library, &view(Scope::All, Filter::Unread));
    assert_eq!(marked.len(), 2);
    assert_eq!(unread(&library), ["a new", "c old", "b starred", "a undated"]);
    assert!(library.is_starred(EntryKey::new(&b, "2")) && !library.is_read(EntryKey::new(&b, "2")));
    assert_eq!(library.counts().unread[&a], 2);

    // A feed's own limit beats the settings'; what is already read is not marked again.
    library.set_read_after(&c, Some(90));
    assert!(library.mark_old_read(now).is_empty(), "c old is 80 days old: within c's 90");
    library.set_read_after(&c, Some(30));
    assert_eq!(library.mark_old_read(now).len(), 1);
    assert_eq!(unread(&library), ["a new", "b starred", "a undated"]);
}
