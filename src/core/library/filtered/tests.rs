//! Verdicts kept per feed: what they hide, which rules they hold under, and arrivals.

use crate::core::filters::{applicable, hiding_hash, Action, Field, FilterRule, Sieve, Verdict};
use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::testing::{entry, feed, subscribe, titles};
use crate::core::library::{Facet, Filter, Library, Opinion, Score, Trained, View};

fn hide_title(pattern: &str) -> FilterRule {
    FilterRule { field: Field::Title, pattern: pattern.into(), action: Action::Hide, feed: None }
}

fn all() -> View {
    View { filter: Filter::All, ..View::default() }
}

/// What the parser would do: judge every entry of a feed under its rules, and keep that.
fn judge_feed(library: &mut Library, id: &FeedId, entries: &[crate::core::Entry]) {
    let rules = applicable(library.filters(), id);
    let sieve = Sieve::new(&rules).expect("compiles");
    let verdicts: Vec<(EntryKey, Verdict)> = entries.iter().map(|e| (EntryKey::new(id, &e.id), sieve.judge(e))).collect();
    library.set_filtered(id, hiding_hash(&rules), &verdicts);
}

fn news() -> Vec<crate::core::Entry> {
    vec![entry("1", "Rust 2.0 released", Some(30)), entry("2", "Sponsored: buy now", Some(20)), entry("3", "Election night", Some(10))]
}

#[test]
fn a_filter_hides_from_lists_and_counts_and_beats_a_like() {
    let mut library = Library::default();
    let id = subscribe(&mut library, feed("news", news()));
    library.set_filters(vec![hide_title("^sponsored")]);
    assert_eq!(library.filtering_due().len(), 1, "the new rule needs the feed judged");
    judge_feed(&mut library, &id, &news());
    assert!(library.filtering_due().is_empty());
    assert_eq!(titles(&library, &all()), ["Rust 2.0 released", "Election night"]);
    assert_eq!(library.counts().total, 2);
    assert_eq!(library.filtered_by(EntryKey::new(&id, "2")).map(|r| r.label()), Some("title ~ ^sponsored".to_string()));
    library.set_training(vec![Trained { facet: Facet::Feed(id.clone()), opinion: Opinion::Like, feed: None }]);
    assert_eq!(library.score(EntryKey::new(&id, "2")), Score::Hidden, "a filter wins over a like");
    library.set_preference(crate::core::library::Preference::ShowHidden(true));
    assert_eq!(titles(&library, &all()).len(), 3);
}

#[test]
fn verdicts_made_under_other_rules_stop_counting_until_judged_again() {
    let mut library = Library::default();
    let id = subscribe(&mut library, feed("news", news()));
    library.set_filters(vec![hide_title("sponsored")]);
    judge_feed(&mut library, &id, &news());
    library.set_filters(vec![hide_title("election")]);
    assert_eq!(titles(&library, &all()).len(), 3, "the old rule's verdict no longer hides");
    assert_eq!(library.filtering_due().len(), 1);
    judge_feed(&mut library, &id, &news());
    assert_eq!(titles(&library, &all()), ["Rust 2.0 released", "Sponsored: buy now"]);
    // Removing every filter: the verdicts are due to be cleared, and hide nothing meanwhile.
    library.set_filters(Vec::new());
    assert_eq!(titles(&library, &all()).len(), 3);
    assert_eq!(library.filtering_due().len(), 1);
    library.set_filtered(&id, 0, &[]);
    assert!(library.filtering_due().is_empty());
}

#[test]
fn arrivals_add_their_verdicts_and_only_new_entries_arrive_read() {
    let mut library = Library::default();
    let id = subscribe(&mut library, feed("news", news()));
    let rules = vec![hide_title("sponsored"), FilterRule { action: Action::MarkRead, ..hide_title("night") }];
    library.set_filters(rules.clone());
    judge_feed(&mut library, &id, &news());
    let mut second = news();
    second.push(entry("4", "Another night", Some(40)));
    let (meta, arrivals) = crate::core::library::testing::arrivals(feed("news", second.clone()));
    let intake = library.take_in(&id, meta, &arrivals);
    let sieve = Sieve::new(&applicable(&rules, &id)).unwrap();
    let verdicts: Vec<(EntryKey, Verdict)> = second.iter().map(|e| (EntryKey::new(&id, &e.id), sieve.judge(e))).collect();
    let to_read = library.take_verdicts(&id, hiding_hash(&rules), &verdicts, &intake.fresh);
    assert_eq!(to_read, [EntryKey::new(&id, "4")], "entry 3 matches too, but it is not new");
    assert_eq!(titles(&library, &all()), ["Another night", "Rust 2.0 released", "Election night"]);
}

#[test]
fn a_feed_rule_applies_in_its_feed_alone() {
    let mut library = Library::default();
    let news_id = subscribe(&mut library, feed("news", news()));
    let blog_id = subscribe(&mut library, feed("blog", vec![entry("1", "Sponsored: my sponsors", Some(5))]));
    library.set_filters(vec![FilterRule { feed: Some(blog_id.clone()), ..hide_title("sponsor") }]);
    for (id, entries) in [(news_id, news()), (blog_id, vec![entry("1", "Sponsored: my sponsors", Some(5))])] {
        judge_feed(&mut library, &id, &entries);
    }
    assert_eq!(titles(&library, &all()), ["Rust 2.0 released", "Sponsored: buy now", "Election night"]);
}
