//! Keeping feeds fresh: refresh one feed or all of them (at most four requests at a time,
//! with progress), and on a timer while the page is visible and online. What a fetch brings
//! is merged by the library's rules; a failure leaves what is stored untouched and is
//! remembered, with a back-off for sites that ask for one.

use std::rc::Rc;

use futures::StreamExt;

use crate::core::fetching::{Problem, CONCURRENT};
use crate::core::keys::FeedId;
use crate::core::library::{Fetched, KEEP_PER_FEED};
use crate::protocol::{plural, Event, Failure, Status};

use super::ports::{Document, Fetch, Parser, Platform};
use super::{Engine, Ports};

/// What one feed's refresh came to.
enum Outcome {
    New(usize),
    Failed(String, Problem),
}

impl<P: Ports> Engine<P> {
    /// Fetches one feed and merges what it brings; on failure the feed keeps everything and
    /// remembers the problem.
    async fn fetch_one(self: &Rc<Self>, id: FeedId) -> Outcome {
        let found = {
            let state = self.state.borrow();
            state.library.subscription(&id).and_then(|s| {
                let proxy = s.proxy.clone().or_else(|| state.library.settings().cors_proxy.clone());
                Some((s.source.clone()?, proxy, s.title().to_string()))
            })
        };
        let Some((source, proxy, title)) = found else { return Outcome::New(0) };
        self.set_fetching(&id, true);
        let outcome = match self.ports.fetch().get(&source, proxy.as_deref()).await {
            Ok(answer) => {
                let fetched = Fetched { url: answer.url.clone(), redirected: answer.redirected, body_hash: answer.body_hash() };
                let unchanged = self.state.borrow().library.body_unchanged(&id, fetched.body_hash);
                if unchanged {
                    self.record_fetched(&id, None, fetched, None).await;
                    Outcome::New(0)
                } else {
                    match self.ports.parser().feed(Document::from(&answer)).await {
                        Ok(parsed) => {
                            let judged = self.judge_arrivals(&id, &parsed.arrivals).await;
                            Outcome::New(self.record_fetched(&id, Some(parsed), fetched, judged).await)
                        }
                        Err(error) => self.failed(&id, title, Problem::NotAFeed(error)).await,
                    }
                }
            }
            Err(problem) => self.failed(&id, title, problem).await,
        };
        self.set_fetching(&id, false);
        outcome
    }

    fn set_fetching(&self, id: &FeedId, on: bool) {
        let fetching = {
            let mut state = self.state.borrow_mut();
            if on {
                state.fetching.insert(id.clone());
            } else {
                state.fetching.remove(id);
            }
            state.fetching.iter().cloned().collect()
        };
        self.emit(Event::Fetching(fetching));
    }

    /// Records a successful fetch (with what it brought, unless unchanged), makes room, and
    /// saves exactly what changed. The filters' verdicts on the arrivals (`judged`) hide them
    /// or have new ones arrive read. Returns how many entries are new.
    async fn record_fetched(
        self: &Rc<Self>,
        id: &FeedId,
        parsed: Option<super::Parsed>,
        fetched: Fetched,
        judged: Option<super::filtering::Judged>,
    ) -> usize {
        let now = self.now();
        let mut arrived = None;
        let new = {
            let mut state = self.state.borrow_mut();
            let library = &mut state.library;
            match parsed {
                None => {
                    library.record_fetch(id, None, fetched, now);
                    0
                }
                Some(super::Parsed { feed, arrivals }) => {
                    let was_pending = library.subscription(id).is_some_and(|s| s.is_pending());
                    let refreshed = library.record_fetch(id, Some((feed, &arrivals)), fetched, now);
                    super::filtering::take_judged(library, id, judged, &refreshed.intake.fresh);
                    // A first fetch brings a whole feed: only what arrives after it is news.
                    if !was_pending {
                        arrived = super::notify::arrived(library, id, &refreshed.intake.fresh);
                    }
                    // Old read entries make room; unread and starred ones stay.
                    library.prune(id, KEEP_PER_FEED);
                    refreshed.intake.new
                }
            }
        };
        if self.commit().await {
            if let Some(arrived) = arrived {
                self.emit(Event::Notify(arrived));
            }
        }
        self.refilter_if_due();
        new
    }

    async fn failed(self: &Rc<Self>, id: &FeedId, title: String, problem: Problem) -> Outcome {
        let now = self.now();
        self.state.borrow_mut().library.record_problem(id, &problem, now);
        self.commit().await;
        Outcome::Failed(title, problem)
    }

    /// Refreshes one feed now (even one backing off: the reader asked), and says how it went.
    pub(super) async fn refresh_feed(self: Rc<Self>, id: FeedId) {
        if self.state.borrow().fetching.contains(&id) {
            return;
        }
        if !self.ports.fetch().online() {
            self.emit(Event::Status(Status::failed(Failure::Fetch(Problem::Offline))));
            return;
        }
        let status = match self.fetch_one(id).await {
            Outcome::New(n) => Status::ok(format!("Refreshed: {}.", plural(n, "new entry", "new entries"))),
            Outcome::Failed(title, problem) => Status::failed(Failure::Feed { title, problem }),
        };
        self.emit(Event::Status(status));
    }

    /// Refreshes every feed with an address (those backing off wait their turn), four at a
    /// time, counting progress. A refresh the reader asked for says how it went; a timed
    /// one fetches only feeds not fetched for the refresh interval, and speaks only of
    /// failures.
    pub(super) async fn refresh_all(self: Rc<Self>, manual: bool) {
        let sync_due = {
            let state = self.state.borrow();
            let every = state.library.settings().refresh_minutes as i64 * 60_000;
            state.library.account().is_some_and(|a| manual || a.synced.is_none_or(|at| self.now().0 - at.0 >= every))
        };
        if sync_due {
            // The server fetches the account's feeds: a refresh syncs with it.
            let engine = self.clone();
            self.platform().spawn(Box::pin(async move { engine.sync().await }));
        }
        if self.state.borrow().progress.is_some() {
            return;
        }
        if !self.ports.fetch().online() {
            if manual {
                self.emit(Event::Status(Status::failed(Failure::Fetch(Problem::Offline))));
            }
            return;
        }
        let ids = {
            let state = self.state.borrow();
            let every = (!manual).then_some(state.library.settings().refresh_minutes);
            state.library.to_refresh(self.now(), every)
        };
        if ids.is_empty() {
            if manual && !sync_due {
                self.emit(Event::Status(Status::ok(
                    "Nothing to refresh: feeds added by pasting or from a file have no address, and feeds backing off wait their turn.",
                )));
            }
            return;
        }
        let total = ids.len() as u32;
        self.progress(Some((0, total)));
        let outcomes: Vec<Outcome> = futures::stream::iter(ids)
            .map(|id| {
                let engine = self.clone();
                async move {
                    let outcome = engine.fetch_one(id).await;
                    let done = engine.state.borrow().progress.map_or(0, |(done, _)| done) + 1;
                    engine.progress(Some((done, total)));
                    outcome
                }
            })
            .buffer_unordered(CONCURRENT)
            .collect()
            .await;
        self.progress(None);
        self.report_refresh(total as usize, outcomes, manual);
    }

    fn progress(&self, progress: Option<(u32, u32)>) {
        self.state.borrow_mut().progress = progress;
        self.emit(Event::Progress(progress));
    }

    fn report_refresh(&self, feeds: usize, outcomes: Vec<Outcome>, manual: bool) {
        let mut new = 0;
        let mut failed = Vec::new();
        for outcome in outcomes {
            match outcome {
                Outcome::New(n) => new += n,
                Outcome::Failed(title, problem) => failed.push((title, problem)),
            }
        }
        let status = match (failed.is_empty(), manual) {
            (true, false) => return,
            (true, true) => {
                Status::ok(format!("Refreshed {}: {}.", plural(feeds, "feed", "feeds"), plural(new, "new entry", "new entries")))
            }
            (false, _) => Status::failed(Failure::Refresh { feeds, new, failed }),
        };
        self.emit(Event::Status(status));
    }

    /// The page was shown or hidden, or the device went on or off line.
    pub(super) async fn presence(self: Rc<Self>, visible: bool, online: bool) {
        let back_online = {
            let mut state = self.state.borrow_mut();
            state.visible = visible;
            !std::mem::replace(&mut state.online, online) && online
        };
        if back_online && !self.state.borrow().waiting.is_empty() {
            // What waited while offline goes as soon as the network is back.
            self.send_now().await;
        }
        self.tick().await;
    }

    /// Marks old entries read, then refreshes what is due if someone can see the page: called
    /// when it is shown, when the device is back online, and every minute.
    pub async fn tick(self: Rc<Self>) {
        if self.loaded() {
            self.mark_old_read().await;
        }
        let due = {
            let state = self.state.borrow();
            state.visible && state.online && state.library.settings().refresh_minutes > 0
        };
        if due && self.loaded() {
            self.refresh_all(false).await;
        }
    }
}
