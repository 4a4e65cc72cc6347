//! The list of entries: title, feed, how long ago; unread ones stand out.

use leptos::prelude::*;

use super::{Reader, Row};
use crate::web::dates;

#[component]
pub fn EntryList() -> impl IntoView {
    let reader = expect_context::<Reader>();
    view! {
        <section class="entries" aria-label="Entries">
            <Show when=move || !reader.list.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No entries here yet. Add a feed to start reading."</p> }>
                <ul>
                    <For each=move || reader.list.get() key=|row| row.key let:row>
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
    let has_cursor = move || reader.cursor.get() == Some(key);
    let button = NodeRef::<leptos::html::Button>::new();
    // Keep the row under the cursor in sight as n / p / j / k move it.
    Effect::new(move |_| {
        if has_cursor() {
            if let Some(button) = button.get() {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                button.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });
    view! {
        <li>
            <button type="button" class="entry" data-key=key.to_string() node_ref=button
                class:read=is_read class:selected=is_selected class:cursor=has_cursor
                aria-current=move || is_selected().then_some("true")
                on:click=move |_| reader.open(key)>
                <span class="entry-title">{row.title}</span>
                <span class="entry-meta">
                    <span class="entry-feed">{row.feed}</span>
                    {row.date.map(|d| view! {
                        <time datetime=dates::machine_date_time(d) title=dates::local_date_time(d)>{dates::relative(d)}</time>
                    })}
                </span>
            </button>
        </li>
    }
}
