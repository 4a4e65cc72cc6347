//! Keeping feeds fresh: refresh one feed or all of them (at most four requests at a time, with
//! progress), and refresh on a timer while the page is visible. Each fetch goes through
//! `web::fetch`; what it brings is merged by the library's rules, and a failure leaves what
//! is stored untouched.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use super::reader::{plural, Reader, Status};
use crate::core::fetching::{Problem, CONCURRENT};
use crate::core::library::{FeedId, Fetched, KEEP_PER_FEED};
use crate::core::Timestamp;
use crate::web::fetch;

/// What one feed's refresh came to.
enum Outcome {
    New(usize),
    Failed(String, Problem),
}

fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

impl Reader {
    /// Fetches one feed and merges what it brings; on failure the feed keeps everything and
    /// remembers the problem.
    async fn fetch_one(self, id: FeedId) -> Outcome {
        let Some((source, proxy, title)) = self.library.with_untracked(|l| {
            l.subscription(&id).and_then(|s| Some((s.source.clone()?, s.proxy.clone(), s.title().to_string())))
        }) else {
            return Outcome::New(0);
        };
        let proxy = proxy.or_else(|| self.settings.with_untracked(|s| s.cors_proxy.clone()));
        self.in_flight.update(|f| {
            f.insert(id.clone());
        });
        let answer = fetch::get(&source, proxy.as_deref()).await;
        if !self.alive() {
            return Outcome::New(0);
        }
        let outcome = match answer {
            Ok(answer) => {
                let hash = answer.body_hash();
                let fetched = Fetched { url: answer.url.clone(), redirected: answer.redirected, body_hash: hash };
                if self.library.with_untracked(|l| l.body_unchanged(&id, hash)) {
                    self.update_fetch_log(|l| {
                        l.record_fetch(&id, None, fetched, now());
                    });
                    Outcome::New(0)
                } else {
                    match answer.read_feed() {
                        Ok(feed) => {
                            let refreshed = self
                                .library
                                .try_update(|l| {
                                    let refreshed = l.record_fetch(&id, Some(feed), fetched, now());
                                    // Old read entries make room; unread and starred ones stay.
                                    l.prune(KEEP_PER_FEED);
                                    refreshed
                                })
                                .unwrap_or_default();
                            self.save_subscriptions();
                            self.save_entries(std::slice::from_ref(&id));
                            Outcome::New(refreshed.new_entries)
                        }
                        Err(error) => self.failed(&id, title, Problem::NotAFeed(error.to_string())),
                    }
                }
            }
            Err(problem) => self.failed(&id, title, problem),
        };
        self.in_flight.update(|f| {
            f.remove(&id);
        });
        outcome
    }

    fn failed(&self, id: &FeedId, title: String, problem: Problem) -> Outcome {
        self.update_fetch_log(|l| l.record_problem(id, &problem, now()));
        Outcome::Failed(title, problem)
    }

    /// Changes only fetch records (no entry, title or state): saved, and shown through
    /// `fetch_log`, without waking everything that reads the library.
    fn update_fetch_log(&self, change: impl FnOnce(&mut crate::core::library::Library)) {
        self.library.update_untracked(change);
        self.fetch_log.update(|n| *n += 1);
        self.save_subscriptions();
    }

    /// Refreshes one feed now (even one backing off: the reader asked), and says how it went.
    pub fn refresh_feed(&self, id: FeedId) {
        if self.in_flight.with_untracked(|f| f.contains(&id)) {
            return;
        }
        if !online() {
            self.status.set(Some(Status::error(Problem::Offline.to_string())));
            return;
        }
        let reader = *self;
        leptos::task::spawn_local(async move {
            let outcome = reader.fetch_one(id).await;
            if !reader.alive() {
                return;
            }
            let status = match outcome {
                Outcome::New(n) => Status::ok(format!("Refreshed: {}.", plural(n, "new entry", "new entries"))),
                Outcome::Failed(title, problem) => Status::error(format!("{title}: {problem}")),
            };
            reader.status.set(Some(status));
        });
    }

    /// Refreshes every feed with an address (those backing off wait their turn), four at a
    /// time, counting progress. `manual` refreshes say how it went; timed ones fetch only
    /// feeds not fetched for the refresh interval, and speak only of failures.
    pub fn refresh_all(&self, manual: bool) {
        if self.progress.with_untracked(Option::is_some) {
            return;
        }
        if !online() {
            if manual {
                self.status.set(Some(Status::error(Problem::Offline.to_string())));
            }
            return;
        }
        let every = (!manual).then(|| self.settings.with_untracked(|s| s.refresh_minutes));
        let ids = self.library.with_untracked(|l| l.to_refresh(now(), every));
        if ids.is_empty() {
            if manual {
                self.status.set(Some(Status::ok(
                    "Nothing to refresh: feeds added by pasting or from a file have no address, and feeds backing off wait their turn.",
                )));
            }
            return;
        }
        let total = ids.len();
        self.progress.set(Some((0, total)));
        let queue = Rc::new(RefCell::new(VecDeque::from(ids)));
        let outcomes = Rc::new(RefCell::new(Vec::new()));
        let workers = Rc::new(RefCell::new(CONCURRENT.min(total)));
        for _ in 0..CONCURRENT.min(total) {
            let (reader, queue, outcomes, workers) = (*self, queue.clone(), outcomes.clone(), workers.clone());
            leptos::task::spawn_local(async move {
                loop {
                    let next = queue.borrow_mut().pop_front();
                    let Some(id) = next else { break };
                    let outcome = reader.fetch_one(id).await;
                    if !reader.alive() {
                        return;
                    }
                    outcomes.borrow_mut().push(outcome);
                    reader.progress.update(|p| {
                        if let Some((done, _)) = p {
                            *done += 1;
                        }
                    });
                }
                *workers.borrow_mut() -= 1;
                if *workers.borrow() == 0 {
                    reader.progress.set(None);
                    reader.report_refresh(total, &outcomes.borrow(), manual);
                }
            });
        }
    }

    fn report_refresh(&self, total: usize, outcomes: &[Outcome], manual: bool) {
        let new: usize = outcomes.iter().map(|o| if let Outcome::New(n) = o { *n } else { 0 }).sum();
        let failed: Vec<String> = outcomes
            .iter()
            .filter_map(|o| if let Outcome::Failed(title, problem) = o { Some(format!("{title} ({})", short(problem))) } else { None })
            .collect();
        if !manual && failed.is_empty() {
            return;
        }
        let mut text = format!("Refreshed {}: {}.", plural(total, "feed", "feeds"), plural(new, "new entry", "new entries"));
        if !failed.is_empty() {
            text.push_str(&format!(" {} failed: {}. Open a feed's ⋯ menu for details.", failed.len(), failed.join(", ")));
        }
        self.status.set(Some(Status { text, error: !failed.is_empty(), undo: None }));
    }
}

/// A few words for a problem in a list of failures.
fn short(problem: &Problem) -> String {
    match problem {
        Problem::Http { status } => format!("HTTP {status}"),
        Problem::Blocked => "no cross-origin reads".into(),
        Problem::Timeout => "no answer".into(),
        Problem::TooLarge => "too large".into(),
        Problem::NotAFeed(_) => "not a feed".into(),
        Problem::Proxy(inner) => format!("proxy: {}", short(inner)),
        _ => "unreachable".into(),
    }
}

/// Refreshes feeds not fetched for the interval in Settings: once the cached entries are on
/// screen, then every minute while the page is visible (a hidden tab fetches nothing), when
/// the page becomes visible again, and when the device is back online.
#[component]
pub fn AutoRefresh() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let tick = move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        let enabled = reader.settings.with_untracked(|s| s.refresh_minutes > 0);
        if visible && enabled && reader.ready.get_untracked() {
            reader.refresh_all(false);
        }
    };
    Effect::new(move |_| {
        if reader.ready.get() {
            tick();
        }
    });
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(60)) {
        on_cleanup(move || handle.clear());
    }
    let visible = window_event_listener(leptos::ev::visibilitychange, move |_| tick());
    // Back online: what was missed is fetched now.
    let online = window_event_listener(leptos::ev::online, move |_| tick());
    on_cleanup(move || {
        visible.remove();
        online.remove();
    });
}
