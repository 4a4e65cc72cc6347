//! Subscribing by address: fetch what the reader typed; a feed becomes a preview with a
//! Subscribe button, an HTML page is searched for the feeds it lists (or, listing none, the
//! usual feed addresses of its site are tried), and a failure says which one it is.

use leptos::prelude::*;

use super::reader::{plural, Reader, Status};
use crate::core::decode::decode;
use crate::core::fetching::{feed_links, guess_paths, looks_like_html, normalize, FeedLink, Problem};
use crate::core::library::{Fetched, Library};
use crate::core::{Feed, Timestamp};
use crate::web::fetch::{self, Answer};
use crate::web::text_decoder::BROWSER_DECODER;

/// A feed read from an address, waiting for the reader's Subscribe.
#[derive(Clone, PartialEq)]
pub struct Preview {
    pub url: String,
    pub body_hash: u64,
    pub feed: Feed,
}

/// Where looking up an address stands.
#[derive(Clone, PartialEq)]
pub enum Lookup {
    Idle,
    Looking(String),
    Found(Box<Preview>),
    /// The page lists several feeds: the reader picks one.
    Choices(Vec<FeedLink>),
    Failed(Problem),
}

fn preview(answer: Answer, feed: Feed) -> Lookup {
    Lookup::Found(Box::new(Preview { body_hash: answer.body_hash(), url: answer.url, feed }))
}

/// Looks up what the reader typed (through `proxy` if the site blocks cross-origin reads).
pub async fn find(input: String, proxy: Option<String>) -> Lookup {
    let url = match normalize(&input) {
        Ok(url) => url,
        Err(reason) => return Lookup::Failed(Problem::BadAddress(reason)),
    };
    let answer = match fetch::get(&url, proxy.as_deref()).await {
        Ok(answer) => answer,
        Err(problem) => return Lookup::Failed(problem),
    };
    match answer.read_feed() {
        Ok(feed) => preview(answer, feed),
        Err(_) if looks_like_html(&answer.bytes) => discover(answer, proxy).await,
        Err(error) => Lookup::Failed(Problem::NotAFeed(error.to_string())),
    }
}

/// The feeds an HTML page lists; if none, the first of the usual addresses that has one.
async fn discover(page: Answer, proxy: Option<String>) -> Lookup {
    let text = decode(&page.bytes, page.charset().as_deref(), Some(&BROWSER_DECODER)).text;
    let links = feed_links(&text, &page.url);
    if links.len() > 1 {
        return Lookup::Choices(links);
    }
    let candidates = match links.first() {
        Some(link) => vec![link.url.clone()],
        None => guess_paths(&page.url),
    };
    let listed = !links.is_empty();
    for candidate in candidates {
        match fetch::get(&candidate, proxy.as_deref()).await {
            Ok(answer) => match answer.read_feed() {
                Ok(feed) => return preview(answer, feed),
                Err(error) if listed => return Lookup::Failed(Problem::NotAFeed(error.to_string())),
                Err(_) => {}
            },
            Err(problem) if listed => return Lookup::Failed(problem),
            Err(_) => {}
        }
    }
    Lookup::Failed(Problem::NoFeedFound)
}

impl Reader {
    /// Subscribes to a previewed feed and shows it.
    pub fn subscribe_preview(&self, preview: Preview) {
        let Preview { url, body_hash, feed } = preview;
        let title = feed.title.clone().unwrap_or_else(|| url.clone());
        let count = feed.entries.len();
        let id = self.add_feed(feed, Some(url.clone()));
        let now = Timestamp(js_sys::Date::now() as i64);
        self.library.update(|l| {
            l.record_fetch(&id, None, Fetched { url, redirected: false, body_hash }, now);
        });
        self.save_subscriptions();
        self.status.set(Some(Status::ok(format!("Subscribed to {title}: {}.", plural(count, "entry", "entries")))));
    }
}

/// What the lookup found, or why it found nothing.
#[component]
pub fn LookupResult(lookup: RwSignal<Lookup>, #[prop(into)] pick: Callback<String>, #[prop(into)] done: Callback<()>) -> impl IntoView {
    let reader = expect_context::<Reader>();
    move || match lookup.get() {
        Lookup::Idle => ().into_any(),
        Lookup::Looking(url) => view! { <p class="lookup looking" role="status"><span class="spinner" aria-hidden="true"></span>{format!("Looking at {url}…")}</p> }.into_any(),
        Lookup::Found(preview) => {
            let subscribed = reader.library.with_untracked(|l| l.subscription(&Library::feed_id(&preview.feed, Some(&preview.url))).is_some());
            let title = preview.feed.title.clone().unwrap_or_else(|| "Untitled feed".into());
            let entries: Vec<String> = preview.feed.entries.iter().take(5).map(|e| e.title.clone().unwrap_or_else(|| "(untitled)".into())).collect();
            let count = preview.feed.entries.len();
            let more = count.saturating_sub(entries.len());
            let url = preview.url.clone();
            let chosen = preview.clone();
            let subscribe = move |_| {
                reader.subscribe_preview((*chosen).clone());
                done.run(());
            };
            view! {
                <section class="lookup preview" aria-label="Feed found">
                    <h3>{title}</h3>
                    <p class="preview-meta">{url}" · "{plural(count, "entry", "entries")}</p>
                    <ul class="preview-entries">
                        {entries.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                        {(more > 0).then(|| view! { <li class="more">{format!("and {more} more")}</li> })}
                    </ul>
                    {if subscribed {
                        view! { <p class="hint">"You already follow this feed; subscribing again refreshes it."</p> }.into_any()
                    } else {
                        ().into_any()
                    }}
                    <button type="button" class="primary subscribe" on:click=subscribe>"Subscribe"</button>
                </section>
            }
            .into_any()
        }
        Lookup::Choices(links) => view! {
            <section class="lookup choices" aria-label="Feeds on this page">
                <p>{format!("This page lists {} feeds. Choose one to preview:", links.len())}</p>
                <ul>
                    {links.into_iter().map(|link| {
                        let title = link.title.clone().unwrap_or_else(|| link.url.clone());
                        let label = if title.contains(link.format) { title } else { format!("{title} ({})", link.format) };
                        let url = link.url.clone();
                        view! { <li><button type="button" class="link-button" title=link.url.clone() on:click=move |_| pick.run(url.clone())>{label}</button></li> }
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
        Lookup::Failed(problem) => {
            let blocked = matches!(problem, Problem::Blocked);
            let no_proxy = reader.settings.with_untracked(|s| s.cors_proxy.as_deref().is_none_or(|p| p.trim().is_empty()));
            view! {
                <div class="lookup failed" role="alert">
                    <p>{problem.to_string()}</p>
                    {(blocked && no_proxy).then(|| view! {
                        <button type="button" on:click=move |_| reader.settings_open.set(true)>"Set a CORS proxy…"</button>
                    })}
                    {blocked.then(|| view! { <p class="hint">"Or paste the feed's text below, or open a saved copy of it."</p> })}
                </div>
            }
            .into_any()
        }
    }
}
