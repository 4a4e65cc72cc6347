//! What the library remembers about fetching each feed: when it last worked, what went wrong,
//! when to try again, and where the feed moved.

use serde::{Deserialize, Serialize};

use crate::core::fetching::Problem;
use crate::core::model::{Arrival, Feed};
use crate::core::time::Timestamp;

use super::{FeedId, Intake, Library};

/// The fetch history of one subscription, saved with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FetchLog {
    /// When the feed was last read from its address.
    pub fetched: Option<Timestamp>,
    /// When a fetch was last tried, whatever came of it.
    pub tried: Option<Timestamp>,
    /// What went wrong last time, if the last fetch failed.
    pub error: Option<String>,
    /// The site said the feed is gone for good (HTTP 410).
    pub gone: bool,
    /// Failures in a row.
    pub failures: u32,
    /// Not before this time: the site asked us to slow down, or is failing.
    pub retry_at: Option<Timestamp>,
    /// The address the last fetch was redirected to; a second fetch redirected to the same
    /// place makes it the feed's address.
    pub moved_to: Option<String>,
    /// A hash of the last body read, so an unchanged feed is not parsed again.
    pub body_hash: Option<u64>,
}

impl FetchLog {
    pub fn is_empty(&self) -> bool {
        self == &FetchLog::default()
    }

    /// Whether the reader should leave the site alone at `now`.
    pub fn backing_off(&self, now: Timestamp) -> bool {
        self.retry_at.is_some_and(|at| at > now)
    }
}

/// How a successful fetch went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address the answer came from, after redirects.
    pub url: String,
    /// Whether the request was redirected on the way.
    pub redirected: bool,
    /// A hash of the body.
    pub body_hash: u64,
}

/// What a refresh changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// The entries taken in (none when the body was unchanged).
    pub intake: Intake,
    /// The body was the same as last time: nothing was parsed.
    pub unchanged: bool,
    /// The feed's address was updated after a permanent move.
    pub moved: bool,
}

const MINUTE: i64 = 60_000;

impl Library {
    /// Whether a body with this hash is exactly what was read from the feed last time.
    pub fn body_unchanged(&self, id: &FeedId, body_hash: u64) -> bool {
        self.subscription(id).is_some_and(|s| s.fetch.body_hash == Some(body_hash) && !s.is_pending())
    }

    /// Records a successful fetch of `id`: `fresh` is the parsed body (metadata and entries),
    /// or `None` when the body was unchanged. Entries merge as in [`Library::take_in`] (read
    /// and starred state stay); the error and back-off are cleared; a redirect seen twice in a
    /// row moves the feed's address (its id, and so its read state, stays).
    pub fn record_fetch(&mut self, id: &FeedId, fresh: Option<(Feed, &[Arrival])>, fetched: Fetched, now: Timestamp) -> Refreshed {
        let mut outcome = Refreshed { unchanged: fresh.is_none(), ..Refreshed::default() };
        if self.subscription(id).is_none() {
            return outcome;
        }
        if let Some((feed, arrivals)) = fresh {
            outcome.intake = self.take_in(id, feed, arrivals);
        }
        self.touched.records.insert(id.clone());
        let Some(subscription) = self.subscription_mut(id) else { return outcome };
        let log = &mut subscription.fetch;
        let moved_to = (fetched.redirected && subscription.source.as_deref() != Some(&fetched.url)).then_some(fetched.url);
        if moved_to.is_some() && moved_to == log.moved_to {
            subscription.source = moved_to;
            log.moved_to = None;
            outcome.moved = true;
        } else {
            log.moved_to = moved_to;
        }
        *log = FetchLog {
            fetched: Some(now),
            tried: Some(now),
            body_hash: Some(fetched.body_hash),
            moved_to: log.moved_to.take(),
            ..FetchLog::default()
        };
        outcome
    }

    /// Records a failed fetch of `id`; nothing the feed already has is touched.
    pub fn record_problem(&mut self, id: &FeedId, problem: &Problem, now: Timestamp) {
        if self.subscription(id).is_none() {
            return;
        }
        self.touched.records.insert(id.clone());
        let Some(subscription) = self.subscription_mut(id) else { return };
        let log = &mut subscription.fetch;
        log.tried = Some(now);
        log.error = Some(problem.to_string());
        log.gone = problem.is_gone();
        log.failures = log.failures.saturating_add(1);
        log.retry_at = problem.retry_minutes(log.failures).map(|m| Timestamp(now.0 + m as i64 * MINUTE));
    }

    /// The feeds a refresh of everything fetches at `now`: every feed with an address, except
    /// those backing off. With `every_minutes`, only those not tried for that long.
    pub fn to_refresh(&self, now: Timestamp, every_minutes: Option<u32>) -> Vec<FeedId> {
        self.subscriptions()
            .filter(|s| s.source.is_some() && !s.fetch.backing_off(now))
            .filter(|s| match (every_minutes, s.fetch.tried) {
                (Some(every), Some(tried)) => now.0 - tried.0 >= every as i64 * MINUTE,
                _ => true,
            })
            .map(|s| s.id.clone())
            .collect()
    }

    /// Sets (or, with a blank template, clears) the CORS proxy of one feed.
    pub fn set_proxy(&mut self, id: &FeedId, template: Option<String>) -> bool {
        let template = template.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        match self.subscription_mut(id) {
            Some(s) if s.proxy != template => {
                s.proxy = template;
                self.touched.records.insert(id.clone());
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{arrivals, entry, feed, titles};
    use super::super::{EntryKey, View};
    use super::*;

    const URL: &str = "https://a.example/feed.xml";

    fn fetched(url: &str, redirected: bool, body_hash: u64) -> Fetched {
        Fetched { url: url.into(), redirected, body_hash }
    }

    fn subscribed() -> (Library, FeedId) {
        let mut library = Library::default();
        let (meta, incoming) = arrivals(feed("a", vec![entry("1", "one", Some(1)), entry("2", "two", Some(2))]));
        let id = library.subscribe(meta, Some(URL.into()), &incoming).id.unwrap();
        (library, id)
    }

    #[test]
    fn a_refresh_merges_entries_and_keeps_read_and_starred_state() {
        let (mut library, id) = subscribed();
        library.set_read(EntryKey::new(&id, "1"), true);
        library.set_starred(EntryKey::new(&id, "2"), true);
        let (meta, incoming) = arrivals(feed("a", vec![entry("2", "two, corrected", Some(2)), entry("3", "three", Some(3))]));
        let outcome = library.record_fetch(&id, Some((meta, &incoming)), fetched(URL, false, 7), Timestamp(100));
        assert_eq!((outcome.intake.new, outcome.unchanged, outcome.moved), (1, false, false));
        assert_eq!(titles(&library, &View::default()), ["three", "two, corrected", "one"], "entry 1 left the feed but stays");
        assert!(library.is_read(EntryKey::new(&id, "1")));
        assert!(library.is_starred(EntryKey::new(&id, "2")));
        assert!(library.body_unchanged(&id, 7));
        assert!(!library.body_unchanged(&id, 8));
        assert_eq!(library.subscription(&id).unwrap().fetch.fetched, Some(Timestamp(100)));
    }

    #[test]
    fn a_failure_keeps_everything_and_says_what_went_wrong() {
        let (mut library, id) = subscribed();
        let before = (library.subscription(&id).unwrap().feed.clone(), library.summaries_of(&id));
        library.record_problem(&id, &Problem::Http { status: 404 }, Timestamp(5));
        let s = library.subscription(&id).unwrap();
        assert_eq!((s.feed.clone(), library.summaries_of(&id)), before);
        assert!(s.fetch.error.as_deref().unwrap().contains("HTTP 404"));
        assert_eq!(s.fetch.retry_at, None, "a 404 does not back off");
        library.record_fetch(&id, None, fetched(URL, false, 1), Timestamp(6));
        assert_eq!(library.subscription(&id).unwrap().fetch.error, None, "success clears the error");
    }

    #[test]
    fn rate_limits_back_off_and_refresh_all_skips_them() {
        let (mut library, id) = subscribed();
        let other = library.subscribe(feed("b", vec![]), Some("https://b.example/".into()), &[]).id.unwrap();
        library.subscribe(feed("pasted", vec![]), None, &[]);
        library.record_problem(&id, &Problem::Http { status: 429 }, Timestamp(0));
        assert_eq!(library.subscription(&id).unwrap().fetch.retry_at, Some(Timestamp(15 * MINUTE)));
        assert_eq!(library.to_refresh(Timestamp(MINUTE), None), std::slice::from_ref(&other), "a feed without address is never fetched");
        library.record_problem(&id, &Problem::Http { status: 503 }, Timestamp(0));
        assert_eq!(library.subscription(&id).unwrap().fetch.retry_at, Some(Timestamp(30 * MINUTE)), "doubles");
        assert_eq!(library.to_refresh(Timestamp(31 * MINUTE), None).len(), 2);
    }

    #[test]
    fn auto_refresh_fetches_only_feeds_not_tried_for_a_while() {
        let (mut library, id) = subscribed();
        library.record_fetch(&id, None, fetched(URL, false, 1), Timestamp(0));
        assert!(library.to_refresh(Timestamp(29 * MINUTE), Some(30)).is_empty());
        assert_eq!(library.to_refresh(Timestamp(30 * MINUTE), Some(30)), [id]);
    }

    #[test]
    fn a_redirect_seen_twice_moves_the_address_and_keeps_the_id() {
        let (mut library, id) = subscribed();
        let new = "https://a.example/new.xml";
        assert!(!library.record_fetch(&id, None, fetched(new, true, 1), Timestamp(1)).moved);
        assert_eq!(library.subscription(&id).unwrap().source.as_deref(), Some(URL), "once may be temporary");
        assert!(library.record_fetch(&id, None, fetched(new, true, 1), Timestamp(2)).moved);
        let s = library.subscription(&id).unwrap();
        assert_eq!((s.id.clone(), s.source.as_deref()), (id.clone(), Some(new)));
        assert_eq!(s.fetch.moved_to, None);
    }

    #[test]
    fn a_redirect_that_stops_is_forgotten() {
        let (mut library, id) = subscribed();
        library.record_fetch(&id, None, fetched("https://a.example/tmp", true, 1), Timestamp(1));
        library.record_fetch(&id, None, fetched(URL, false, 1), Timestamp(2));
        library.record_fetch(&id, None, fetched("https://a.example/tmp", true, 1), Timestamp(3));
        assert_eq!(library.subscription(&id).unwrap().source.as_deref(), Some(URL));
    }

    #[test]
    fn the_fresher_fetch_record_wins_when_two_copies_merge() {
        let (mut here, id) = subscribed();
        let (mut there, _) = subscribed();
        here.record_problem(&id, &Problem::Http { status: 500 }, Timestamp(10));
        there.record_fetch(&id, None, fetched(URL, false, 3), Timestamp(20));
        here.absorb(there.subscription(&id).unwrap().clone(), &[]);
        let log = &here.subscription(&id).unwrap().fetch;
        assert_eq!((log.tried, log.error.clone()), (Some(Timestamp(20)), None), "the other copy fetched it later");
        assert!(here.to_refresh(Timestamp(21), Some(30)).is_empty(), "so this one need not fetch it again");
        there.absorb(here.subscription(&id).unwrap().clone(), &[]);
        assert_eq!(there.subscription(&id).unwrap().fetch.tried, Some(Timestamp(20)), "an older record never wins");
    }

    #[test]
    fn gone_feeds_are_marked_and_the_log_survives_storage() {
        let (mut library, id) = subscribed();
        library.record_problem(&id, &Problem::Http { status: 410 }, Timestamp(1));
        library.set_proxy(&id, Some(" https://proxy.example/?u={url} ".into()));
        let s = library.subscription(&id).unwrap().record();
        let back: super::super::Subscription = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert!(back.fetch.gone);
        assert_eq!(back.proxy.as_deref(), Some("https://proxy.example/?u={url}"));
        assert!(!library.set_proxy(&id, Some("https://proxy.example/?u={url}".into())), "unchanged");
    }
}
