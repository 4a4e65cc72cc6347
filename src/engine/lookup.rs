//! Subscribing by address: fetch what the reader typed; a feed becomes a preview with a
//! Subscribe button, an HTML page is searched for the feeds it lists (or, listing none, the
//! usual feed addresses of its site are tried), and a failure says which one it is.

use std::rc::Rc;

use crate::core::fetching::{looks_like_html, Answer, Problem};
use crate::core::library::{Fetched, Library};
use crate::protocol::{plural, Event, Failure, Lookup, Preview, Status};

use super::ports::{Document, Fetch, Parser};
use super::{Engine, Held, Ports};

/// How many entry titles a preview shows.
const PREVIEW_TITLES: usize = 5;

/// What a lookup came to, before it is shown.
enum Found {
    Feed(Box<(Answer, super::Parsed)>),
    Choices(Vec<crate::core::fetching::FeedLink>),
}

impl<P: Ports> Engine<P> {
    /// Looks up what the reader typed, telling the page how it goes.
    pub(super) async fn look_up(self: Rc<Self>, typed: String) {
        let number = {
            let mut state = self.state.borrow_mut();
            state.lookups += 1;
            state.held = None;
            state.lookups
        };
        self.emit(Event::Lookup(Lookup::Looking(typed.trim().to_string())));
        let found = self.find(typed).await;
        if self.state.borrow().lookups != number {
            // The reader looked up something else, or closed the dialog, meanwhile.
            return;
        }
        let lookup = match found {
            Ok(Found::Feed(found)) => {
                let (answer, parsed) = *found;
                let preview = self.preview(&answer.url, &parsed);
                self.state.borrow_mut().held = Some(Held { url: answer.url.clone(), body_hash: answer.body_hash(), parsed });
                Lookup::Found(preview)
            }
            Ok(Found::Choices(links)) => Lookup::Choices(links),
            Err(problem) => Lookup::Failed(problem),
        };
        self.emit(Event::Lookup(lookup));
    }

    fn preview(&self, url: &str, parsed: &super::Parsed) -> Preview {
        let subscribed = self.state.borrow().library.subscription(&Library::feed_id(&parsed.feed, Some(url))).is_some();
        Preview {
            url: url.to_string(),
            title: parsed.feed.title.clone().unwrap_or_else(|| "Untitled feed".into()),
            entries: parsed.arrivals.len(),
            titles: parsed
                .arrivals
                .iter()
                .take(PREVIEW_TITLES)
                .map(|a| a.entry.title.clone().unwrap_or_else(|| "(untitled)".into()))
                .collect(),
            subscribed,
        }
    }

    fn proxy(&self) -> Option<String> {
        self.state.borrow().library.settings().cors_proxy.clone()
    }

    async fn find(&self, typed: String) -> Result<Found, Problem> {
        let url = self.ports.parser().address(typed).await.map_err(Problem::BadAddress)?;
        let proxy = self.proxy();
        let answer = self.ports.fetch().get(&url, proxy.as_deref()).await?;
        match self.ports.parser().feed(Document::from(&answer)).await {
            Ok(parsed) => Ok(Found::Feed(Box::new((answer, parsed)))),
            Err(_) if looks_like_html(&answer.bytes) => self.discover(answer, proxy).await,
            Err(error) => Err(Problem::NotAFeed(error)),
        }
    }

    /// The feeds an HTML page lists; if none, the first of the usual addresses that has one.
    async fn discover(&self, page: Answer, proxy: Option<String>) -> Result<Found, Problem> {
        let links = self.ports.parser().links(Document::from(&page)).await;
        if links.len() > 1 {
            return Ok(Found::Choices(links));
        }
        let listed = !links.is_empty();
        let candidates = match links.into_iter().next() {
            Some(link) => vec![link.url],
            None => self.ports.parser().guesses(page.url.clone()).await,
        };
        for candidate in candidates {
            match self.ports.fetch().get(&candidate, proxy.as_deref()).await {
                Ok(answer) => match self.ports.parser().feed(Document::from(&answer)).await {
                    Ok(parsed) => return Ok(Found::Feed(Box::new((answer, parsed)))),
                    Err(error) if listed => return Err(Problem::NotAFeed(error)),
                    Err(_) => {}
                },
                Err(problem) if listed => return Err(problem),
                Err(_) => {}
            }
        }
        Err(Problem::NoFeedFound)
    }

    /// Subscribes to the feed the lookup previewed at `url`, and shows it.
    pub(super) async fn subscribe(self: Rc<Self>, url: String) {
        let held = self.state.borrow_mut().held.take().filter(|h| h.url == url);
        let Some(Held { url, body_hash, parsed }) = held else {
            self.emit(Event::Status(Status::failed(Failure::PreviewGone)));
            return;
        };
        let title = parsed.feed.title.clone().unwrap_or_else(|| url.clone());
        let count = parsed.arrivals.len();
        let Parsed { feed, arrivals } = parsed;
        let judged = self.judge_arrivals(&Library::feed_id(&feed, Some(&url)), &arrivals).await;
        let id = {
            let mut state = self.state.borrow_mut();
            let intake = state.library.subscribe(feed, Some(url.clone()), &arrivals);
            let Some(id) = intake.id else { return };
            super::filtering::take_judged(&mut state.library, &id, judged, &intake.fresh);
            let now = self.now();
            state.library.record_fetch(&id, None, Fetched { url, redirected: false, body_hash }, now);
            id
        };
        self.emit(Event::ShowFeed(id));
        if self.commit().await {
            self.emit(Event::Status(Status::ok(format!("Subscribed to {title}: {}.", plural(count, "entry", "entries")))));
        }
    }
}

use super::Parsed;
