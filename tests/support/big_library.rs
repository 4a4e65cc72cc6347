//! Large libraries for the browser tests and benchmarks, stored exactly as the app stores them.

use feedreader::core::library::{FeedId, Library, Subscription};
use feedreader::core::sanitize::sanitize_markup;
use feedreader::core::{Entry, Feed, FeedKind, Markup, MarkupKind, Timestamp};

/// `feeds` feeds of `per_feed` entries, each with about 1.5 KB of article.
pub fn generate(feeds: usize, per_feed: usize) -> Vec<Subscription> {
    let body = sanitize_markup(&Markup {
        kind: MarkupKind::Html,
        body: format!("<p>{}</p>", "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(26)),
        base: None,
    });
    (0..feeds)
        .map(|f| {
            let url = format!("https://feeds.example/{f}.xml");
            let entries = (0..per_feed)
                .map(|e| Entry {
                    id: format!("{url}#{e}"),
                    title: Some(format!("Feed {f} entry {e} {}", WORDS[(f * 7 + e) % WORDS.len()])),
                    link: None,
                    published: Some(Timestamp(1_700_000_000_000 + (f * per_feed + e) as i64 * 60_000)),
                    updated: None,
                    authors: vec![],
                    categories: vec![],
                    summary: Some(body.clone()),
                    content: None,
                    enclosures: vec![],
                })
                .collect();
            let feed = Feed { version: Some("2.0".into()), title: Some(format!("Feed {f}")), entries, ..Feed::empty(FeedKind::Rss) };
            Subscription::new(Library::feed_id_for_url(&url), Some(url), feed)
        })
        .collect()
}

const WORDS: &[&str] = &["rust", "wasm", "atom", "parser", "browser", "sanitizer", "storage", "keyboard"];

/// Stores subscriptions as the app does (records in localStorage, entries in IndexedDB);
/// returns their ids and the bytes of entries stored.
pub async fn store(subscriptions: Vec<Subscription>) -> (Vec<FeedId>, usize) {
    let cached: Vec<(FeedId, String)> =
        subscriptions.iter().map(|s| (s.id.clone(), serde_json::to_string(&s.feed.entries).unwrap())).collect();
    let records: Vec<Subscription> = subscriptions.iter().map(Subscription::without_entries).collect();
    let library = Library::new(records, Default::default(), Default::default());
    feedreader::web::storage::save_subscriptions(&library, false).unwrap();
    let db = feedreader::web::cache::open().await.unwrap();
    feedreader::web::cache::put(&db, &cached).await.expect("entries fit in the cache");
    let bytes = cached.iter().map(|(_, json)| json.len()).sum();
    (cached.into_iter().map(|(id, _)| id).collect(), bytes)
}
