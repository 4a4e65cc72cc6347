//! Scores, the views and counts that follow them, and undoing a rule.

use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::testing::{entry, feed, subscribe, titles};
use crate::core::library::{Facet, Filter, Library, Opinion, Scope, Score, Trained, View};
use crate::core::model::{Entry, Person};

fn by(mut entry: Entry, author: &str, categories: &[&str]) -> Entry {
    entry.authors = vec![Person { name: Some(author.into()), email: None, uri: None }];
    entry.categories = categories.iter().map(|c| c.to_string()).collect();
    entry
}

/// Feed "news": "Rust 2.0 released" (Jo, [Rust]), "Sponsored: buy now" (Ads Team, [Promo]),
/// "Election night" (Sam, [Politics]). Feed "blog": "Notes on Rust" (jo, [rust, Notes]).
fn library() -> (Library, FeedId, FeedId) {
    let mut library = Library::default();
    let news = subscribe(
        &mut library,
        feed(
            "news",
            vec![
                by(entry("1", "Rust 2.0 released", Some(30)), "Jo", &["Rust"]),
                by(entry("2", "Sponsored: buy now", Some(20)), "Ads Team", &["Promo"]),
                by(entry("3", "Election night", Some(10)), "Sam", &["Politics"]),
            ],
        ),
    );
    let blog = subscribe(&mut library, feed("blog", vec![by(entry("1", "Notes on Rust", Some(5)), "jo", &["rust", "Notes"])]));
    (library, news, blog)
}

fn rule(facet: Facet, opinion: Opinion, feed: Option<&FeedId>) -> Trained {
    Trained { facet, opinion, feed: feed.cloned() }
}

fn view(filter: Filter) -> View {
    View { filter, ..View::default() }
}

#[test]
fn a_dislike_hides_and_a_like_beats_it() {
    let (mut library, news, blog) = library();
    assert_eq!(titles(&library, &view(Filter::All)).len(), 4);
    library.train(rule(Facet::Category("promo".into()), Opinion::Dislike, None));
    assert_eq!(library.score(EntryKey::new(&news, "2")), Score::Hidden);
    assert_eq!(titles(&library, &view(Filter::All)), ["Rust 2.0 released", "Election night", "Notes on Rust"]);
    assert_eq!(titles(&library, &view(Filter::Unread)), ["Rust 2.0 released", "Election night", "Notes on Rust"]);
    assert_eq!(library.counts().total, 3, "hidden entries are not counted");
    assert_eq!(library.counts().unread[&news], 2);

    // Disliking a whole feed, then liking an author in it: the author's entries come back.
    library.train(rule(Facet::Feed(blog.clone()), Opinion::Dislike, None));
    assert_eq!(titles(&library, &view(Filter::All)), ["Rust 2.0 released", "Election night"]);
    library.train(rule(Facet::Author("JO".into()), Opinion::Like, None));
    assert_eq!(library.score(EntryKey::new(&blog, "1")), Score::Liked, "liked beats disliked; names match in any case");
    assert_eq!(titles(&library, &view(Filter::Focus)), ["Rust 2.0 released", "Notes on Rust"]);
    assert_eq!(library.counts().focus, 2);
    library.set_read(EntryKey::new(&news, "1"), true);
    assert_eq!(titles(&library, &view(Filter::Focus)), ["Rust 2.0 released", "Notes on Rust"], "read ones stay in Focus");
    assert_eq!(library.counts().focus, 1, "its count is of unread ones");
}

#[test]
fn starred_lists_and_show_hidden_keep_hidden_entries() {
    let (mut library, news, _) = library();
    let sponsored = EntryKey::new(&news, "2");
    library.set_starred(sponsored, true);
    library.train(rule(Facet::Title("SPONSORED".into()), Opinion::Dislike, None));
    assert_eq!(titles(&library, &view(Filter::Starred)), ["Sponsored: buy now"]);
    assert_eq!(titles(&library, &View { scope: Scope::Starred, ..View::default() }), ["Sponsored: buy now"]);
    assert!(!titles(&library, &view(Filter::All)).contains(&"Sponsored: buy now".to_string()));
    library.set_preference(crate::core::library::Preference::ShowHidden(true));
    assert!(titles(&library, &view(Filter::All)).contains(&"Sponsored: buy now".to_string()));
    assert_eq!(library.counts().total, 4);
}

#[test]
fn an_opened_entry_that_is_then_disliked_leaves_the_list() {
    let (mut library, news, _) = library();
    let election = EntryKey::new(&news, "3");
    library.set_read(election, true);
    let kept = View { filter: Filter::Unread, keep: [election].into(), ..View::default() };
    assert!(titles(&library, &kept).contains(&"Election night".to_string()));
    library.train(rule(Facet::Author("Sam".into()), Opinion::Dislike, Some(&news)));
    assert!(!titles(&library, &kept).contains(&"Election night".to_string()));
}

#[test]
fn a_rule_for_one_feed_leaves_the_others_alone() {
    let (mut library, news, blog) = library();
    library.train(rule(Facet::Category("Rust".into()), Opinion::Like, Some(&blog)));
    assert_eq!(library.score(EntryKey::new(&blog, "1")), Score::Liked);
    assert_eq!(library.score(EntryKey::new(&news, "1")), Score::Neutral, "the same category elsewhere");
    library.train(rule(Facet::Category("Rust".into()), Opinion::Like, None));
    assert_eq!(library.score(EntryKey::new(&news, "1")), Score::Liked);
}

#[test]
fn training_again_replaces_and_untraining_undoes() {
    let (mut library, news, _) = library();
    let liked = rule(Facet::Title("election".into()), Opinion::Like, None);
    library.train(liked.clone());
    let disliked = rule(Facet::Title("election".into()), Opinion::Dislike, None);
    assert_eq!(library.train(disliked.clone()), Some(liked), "the opposite opinion replaces the first");
    assert_eq!(library.training(), std::slice::from_ref(&disliked));
    let key = EntryKey::new(&news, "3");
    assert_eq!(library.score(key), Score::Hidden);
    assert_eq!(library.reasons(key), std::slice::from_ref(&disliked));
    assert!(library.untrain(&disliked));
    assert!(!library.untrain(&disliked), "already gone");
    assert_eq!(library.score(key), Score::Neutral);
    assert!(library.reasons(key).is_empty());
}

#[test]
fn new_entries_are_scored_as_they_arrive() {
    let (mut library, news, _) = library();
    library.train(rule(Facet::Author("Ads Team".into()), Opinion::Dislike, None));
    subscribe(
        &mut library,
        feed(
            "news",
            vec![
                by(entry("4", "Another offer", Some(40)), "Ads Team", &[]),
                by(entry("1", "Rust 2.0 released", Some(30)), "Jo", &["Rust"]),
            ],
        ),
    );
    assert_eq!(library.score(EntryKey::new(&news, "4")), Score::Hidden);
    assert!(!titles(&library, &view(Filter::All)).contains(&"Another offer".to_string()));
}

#[test]
fn a_rule_about_a_removed_feed_matches_nothing_and_blank_text_nothing() {
    let (mut library, news, _) = library();
    library.train(rule(Facet::Feed(FeedId("gone".into())), Opinion::Dislike, None));
    library.train(rule(Facet::Title("  ".into()), Opinion::Dislike, None));
    assert_eq!(library.score(EntryKey::new(&news, "1")), Score::Neutral);
    assert_eq!(titles(&library, &view(Filter::All)).len(), 4);
}

#[test]
fn a_card_shows_an_image_attachment_else_the_first_article_image_that_is_no_icon() {
    use crate::core::model::{Enclosure, Markup, MarkupKind};
    use crate::core::sanitize::sanitize_markup;
    let html = |body: &str| Some(sanitize_markup(&Markup { kind: MarkupKind::Html, body: body.into(), base: None }));
    let mut with_body = entry("1", "t", None);
    with_body.content = html(
        r#"<p><img src="https://e.x/avatar.png" width="32" height="32"> <img src="https://e.x/photo.jpg?a=1&amp;b=2" alt="A photo"></p>"#,
    );
    assert_eq!(crate::core::library::card_image(&with_body).as_deref(), Some("https://e.x/photo.jpg?a=1&b=2"));
    let mut attached = with_body.clone();
    attached.enclosures = vec![
        Enclosure { url: "https://e.x/a.mp3".into(), mime_type: Some("audio/mpeg".into()), length: None },
        Enclosure { url: "https://e.x/thumb.jpg".into(), mime_type: Some("image/jpeg".into()), length: None },
    ];
    assert_eq!(crate::core::library::card_image(&attached).as_deref(), Some("https://e.x/thumb.jpg"));
    assert_eq!(crate::core::library::card_image(&entry("2", "no pictures", None)), None);
}
