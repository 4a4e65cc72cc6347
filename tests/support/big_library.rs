//! Large libraries for the browser tests and benchmarks, stored exactly as the engine stores
//! them (through its own IndexedDB store, one change).

use feedreader::core::keys::{EntryKey, FeedId};
use feedreader::core::library::{Library, Subscription, Summary};
use feedreader::core::sanitize::{arrival, sanitize_markup};
use feedreader::core::{Entry, Feed, FeedKind, Markup, MarkupKind, Timestamp};
use feedreader::engine::ports::{Change, FeedWrite, Store};
use feedreader::web::store::IdbStore;

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

/// Stores subscriptions (with their entries) as the engine does, on a device that has started
/// before; returns their ids and how many bytes of articles were stored.
pub async fn store(subscriptions: Vec<Subscription>) -> (Vec<FeedId>, usize) {
    let mut bytes = 0;
    let mut feeds = Vec::new();
    let order: Vec<FeedId> = subscriptions.iter().map(|s| s.id.clone()).collect();
    for subscription in subscriptions {
        let id = subscription.id.clone();
        let arrivals: Vec<_> = subscription.feed.entries.iter().cloned().map(arrival).collect();
        bytes += arrivals.iter().map(|a| serde_json::to_string(&a.entry).unwrap().len()).sum::<usize>();
        let summaries: Vec<Summary> = arrivals.iter().map(|a| feedreader::core::library::summarize(&id, &a.entry, &a.excerpt)).collect();
        let words = arrivals.iter().map(|a| (EntryKey::new(&id, &a.entry.id), a.words.clone())).collect();
        let articles = arrivals.into_iter().map(|a| (a.entry, a.excerpt)).collect();
        feeds.push(FeedWrite { record: subscription.record(), summaries: Some(summaries), articles, words, dropped: vec![] });
    }
    let change = Change { feeds, order: Some(order.clone()), started: true, ..Change::default() };
    IdbStore::default().write(&change).await.expect("the library fits in storage");
    (order, bytes)
}
