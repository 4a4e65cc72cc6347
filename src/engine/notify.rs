//! What a notification says: the new entries of a feed whose notifications are on, leaving
//! out those the reader has read (another tab) or the trainer hides.

use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::{Library, Score};
use crate::protocol::Arrived;

/// Entries named in one notification; more arrive as a count.
const NAMED: usize = 3;

/// The news of a fetch that brought `fresh` entries to feed `id`, if the reader wants it.
pub(super) fn arrived(library: &Library, id: &FeedId, fresh: &[EntryKey]) -> Option<Arrived> {
    let subscription = library.subscription(id).filter(|s| s.notify)?;
    let news: Vec<EntryKey> = fresh.iter().copied().filter(|&k| !library.is_read(k) && library.score(k) != Score::Hidden).collect();
    if news.is_empty() {
        return None;
    }
    let entries = news
        .iter()
        .take(NAMED)
        .filter_map(|&key| {
            let (summary, _) = library.summary(key)?;
            let title = if summary.title.is_empty() { "(untitled)".to_string() } else { summary.title.to_string() };
            Some((key, title))
        })
        .collect();
    Some(Arrived { feed: id.clone(), feed_title: subscription.title().to_string(), count: news.len(), entries })
}
