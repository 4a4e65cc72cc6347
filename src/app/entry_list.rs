//! The list of entries: title, feed, date; unread ones stand out.

use leptos::prelude::*;

use super::Reader;
use crate::core::library::EntryKey;
use crate::core::Timestamp;
use crate::web::dates;

/// What one row of the list shows.
#[derive(Clone, PartialEq)]
struct Row {
    key: EntryKey,
    title: String,
    feed: String,
    date: Option<Timestamp>,
}

#[component]
pub fn EntryList() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let rows = Memo::new(move |_| {
        let filter = reader.filter.get();
        reader.library.with(|library| {
            library
                .river()
                .into_iter()
                .filter(|r| filter.as_ref().is_none_or(|f| &r.subscription.id == f))
                .map(|r| Row {
                    key: r.key,
                    title: r.entry.title.clone().unwrap_or_else(|| "(untitled)".into()),
                    feed: r.subscription.title().to_string(),
                    date: r.date(),
                })
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="entries" aria-label="Entries">
            <Show when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No entries here yet. Add a feed to start reading."</p> }>
                <ul>
                    <For each=move || rows.get() key=|row| row.key let:row>
                        <EntryRow row/>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn EntryRow(row: Row) -> impl IntoView {
    let reader = expect_context::<Reader>();
    let key = row.key;
    let is_read = move || reader.library.with(|l| l.is_read(key));
    let is_selected = move || reader.selected.get() == Some(key);
    view! {
        <li>
            <button type="button" class="entry" data-key=key.to_string()
                class:read=is_read class:selected=is_selected
                aria-current=move || is_selected().then_some("true")
                on:click=move |_| reader.open(key)>
                <span class="entry-title">{row.title}</span>
                <span class="entry-meta">
                    <span class="entry-feed">{row.feed}</span>
                    {row.date.map(|d| view! {
                        <time datetime=dates::machine_date_time(d)>{dates::local_date_time(d)}</time>
                    })}
                </span>
            </button>
        </li>
    }
}
