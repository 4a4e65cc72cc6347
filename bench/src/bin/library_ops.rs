//! The library's own work at 90,000 entries, natively: the first list after a change (orders,
//! scores, copies), a list again, a search, the counts, and a mark with its counts:
//! `cargo run --release --bin library_ops [FEEDS=300] [ENTRIES=300]`. Median of 9 of each.
//! It uses only what the library had before the trainer, so the same file measures the
//! version before it too.

use std::time::Instant;

use feedreader::core::library::{Library, View};
use feedreader::core::keys::EntryKey;
use feedreader::core::model::{Entry, Feed, FeedKind, Person};
use feedreader::core::sanitize::arrivals;
use feedreader::core::Timestamp;

fn feed(n: usize, entries: usize) -> Feed {
    let words = ["rust", "apple", "election", "sponsored", "crypto", "review", "linux", "release", "security", "update"];
    let entries = (0..entries)
        .map(|i| Entry {
            id: format!("e{i}"),
            title: Some(format!("Entry {i} of feed {n}: {} and {}", words[(i + n) % 10], words[(i * 7 + n) % 10])),
            link: Some(format!("https://feed{n}.example/posts/{i}?utm_source=rss")),
            published: Some(Timestamp(1_700_000_000_000 + (i * 3_600_000 + n * 60_000) as i64)),
            updated: None,
            authors: vec![Person { name: Some(format!("Author {}", i % 13)), email: None, uri: None }],
            categories: vec![words[i % 10].to_string()],
            summary: None,
            content: None,
            enclosures: vec![],
        })
        .collect();
    Feed { title: Some(format!("Feed {n}")), link: Some(format!("https://feed{n}.example/")), entries, ..Feed::empty(FeedKind::Rss) }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn time(name: &str, mut run: impl FnMut()) {
    let times: Vec<f64> = (0..9)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!("BENCH {name}: median {:.1} ms (min {:.1})", median(times.clone()), times.iter().cloned().fold(f64::MAX, f64::min));
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (feeds, entries) = (args.first().copied().unwrap_or(300), args.get(1).copied().unwrap_or(300));
    let mut library = Library::default();
    let mut ids = Vec::new();
    for n in 0..feeds {
        let (meta, incoming) = arrivals(feed(n, entries));
        ids.push(library.subscribe(meta, None, &incoming).id.expect("subscribed"));
    }
    println!("{} entries", library.len());
    let key = EntryKey::new(&ids[7], "e3");
    // A change (one entry read and unread again keeps the library as it was) then a list:
    // the first list after a refresh pays for orders, scores and copies.
    time("first list after a change (river)", || {
        let (meta, incoming) = arrivals(feed(3, entries));
        library.subscribe(meta, None, &incoming);
        std::hint::black_box(library.list(&View::default()));
    });
    time("list again (river)", || {
        std::hint::black_box(library.list(&View::default()));
    });
    time("search \"rust security\"", || {
        std::hint::black_box(library.list(&View { search: "rust security".into(), ..View::default() }));
    });
    time("counts", || {
        std::hint::black_box(library.counts());
    });
    time("mark read, then counts", || {
        library.set_read(key, true);
        std::hint::black_box(library.counts());
        library.set_read(key, false);
    });
}
