//! What looking up an address found (a preview with a Subscribe button, several feeds to
//! choose from) or why it found nothing. The looking itself is the engine's.

use leptos::prelude::*;

use super::Shown;
use crate::core::fetching::Problem;
use crate::protocol::{plural, Lookup};

#[component]
pub fn LookupResult(#[prop(into)] pick: Callback<String>, #[prop(into)] done: Callback<()>) -> impl IntoView {
    let shown = expect_context::<Shown>();
    move || {
        match shown.lookup.get() {
        None => ().into_any(),
        Some(Lookup::Looking(url)) => {
            view! { <p class="lookup looking" role="status"><span class="spinner" aria-hidden="true"></span>{format!("Looking at {url}…")}</p> }.into_any()
        }
        Some(Lookup::Found(preview)) => {
            let more = preview.entries.saturating_sub(preview.titles.len());
            let url = preview.url.clone();
            let subscribe = move |_| {
                shown.subscribe(url.clone());
                done.run(());
            };
            view! {
                <section class="lookup preview" aria-label="Feed found">
                    <h3>{preview.title.clone()}</h3>
                    <p class="preview-meta">{preview.url.clone()}" · "{plural(preview.entries, "entry", "entries")}</p>
                    <ul class="preview-entries">
                        {preview.titles.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}
                        {(more > 0).then(|| view! { <li class="more">{format!("and {more} more")}</li> })}
                    </ul>
                    {preview.subscribed.then(|| view! { <p class="hint">"You already follow this feed; subscribing again refreshes it."</p> })}
                    <button type="button" class="primary subscribe" on:click=subscribe>"Subscribe"</button>
                </section>
            }
            .into_any()
        }
        Some(Lookup::Choices(links)) => view! {
            <section class="lookup choices" aria-label="Feeds on this page">
                <p>{format!("This page lists {} feeds. Choose one to preview:", links.len())}</p>
                <ul>
                    {links.into_iter().map(|link| {
                        let title = link.title.clone().unwrap_or_else(|| link.url.clone());
                        let label = if title.contains(link.format.as_str()) { title } else { format!("{title} ({})", link.format) };
                        let url = link.url.clone();
                        view! { <li><button type="button" class="link-button" title=link.url.clone() on:click=move |_| pick.run(url.clone())>{label}</button></li> }
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
        Some(Lookup::Failed(problem)) => {
            let blocked = matches!(problem, Problem::Blocked);
            let no_proxy = shown.settings.with_untracked(|s| s.cors_proxy.as_deref().is_none_or(|p| p.trim().is_empty()));
            view! {
                <div class="lookup failed" role="alert">
                    <p>{problem.to_string()}</p>
                    {(blocked && no_proxy).then(|| view! {
                        <button type="button" on:click=move |_| shown.settings_open.set(true)>"Set a CORS proxy…"</button>
                    })}
                    {blocked.then(|| view! { <p class="hint">"Or paste the feed's text below, or open a saved copy of it."</p> })}
                </div>
            }
            .into_any()
        }
    }
    }
}
