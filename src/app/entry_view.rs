//! The reading pane: the open entry's title, source, date and its sanitized content.

use leptos::prelude::*;

use super::Reader;
use crate::core::library::EntryKey;
use crate::core::{SafeHtml, Timestamp};
use crate::web::dates;

/// What the pane shows of an entry, copied out of the library.
#[derive(Clone, PartialEq)]
struct Shown {
    key: EntryKey,
    title: String,
    link: Option<String>,
    feed: String,
    authors: Vec<String>,
    date: Option<Timestamp>,
    body: Option<SafeHtml>,
}

#[component]
pub fn EntryView() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let shown = Memo::new(move |_| {
        let key = reader.selected.get()?;
        reader.library.with(|library| {
            let r = library.entry(key)?;
            Some(Shown {
                key,
                title: r.entry.title.clone().unwrap_or_else(|| "(untitled)".into()),
                link: r.entry.link.clone(),
                feed: r.subscription.title().to_string(),
                authors: r.entry.authors.iter().filter_map(|p| p.name.clone()).collect(),
                date: r.date(),
                body: r.entry.content.clone().or_else(|| r.entry.summary.clone()),
            })
        })
    });

    // A newly opened entry starts at its top, whichever pane was scrolled before.
    let pane = NodeRef::<leptos::html::Main>::new();
    Effect::new(move |_| {
        reader.selected.track();
        if let Some(pane) = pane.get() {
            pane.set_scroll_top(0);
            if let Some(panes) = pane.parent_element() {
                panes.set_scroll_top(0);
            }
        }
    });

    view! {
        <main class="reader" aria-label="Article" node_ref=pane>
            {move || match shown.get() {
                None => view! { <p class="empty">"Choose an entry to read it here."</p> }.into_any(),
                Some(entry) => view! { <Article entry/> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn Article(entry: Shown) -> impl IntoView {
    let reader = expect_context::<Reader>();
    let key = entry.key;
    let is_read = move || reader.library.with(|l| l.is_read(key));
    let title = match entry.link {
        Some(link) => view! {
            <a href=link target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">{entry.title}</a>
        }
        .into_any(),
        None => entry.title.into_view().into_any(),
    };
    let byline = (!entry.authors.is_empty()).then(|| format!("by {}", entry.authors.join(", ")));
    view! {
        <article>
            <button type="button" class="back" on:click=move |_| reader.selected.set(None)>"← Back to the list"</button>
            <header class="article-head">
                <h2 class="article-title">{title}</h2>
                <p class="article-meta">
                    <span class="article-feed">{entry.feed}</span>
                    {byline.map(|b| view! { <span class="article-author">{b}</span> })}
                    {entry.date.map(|d| view! {
                        <time datetime=dates::machine_date_time(d)>{dates::local_date_time(d)}</time>
                    })}
                </p>
                <button type="button" class="toggle-read"
                    on:click=move |_| reader.set_read(key, !is_read())>
                    {move || if is_read() { "Mark as unread" } else { "Mark as read" }}
                </button>
            </header>
            {entry.body.map(|body| view! { <ArticleBody body/> })}
        </article>
    }
}

/// An article's content. The only place the app puts feed HTML into the page, and it accepts
/// nothing but the sanitizer's output.
#[component]
pub fn ArticleBody(body: SafeHtml) -> impl IntoView {
    view! { <div class="article-body" inner_html=body.as_str().to_string()></div> }
}
