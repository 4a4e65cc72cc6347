//! The list of entries: title, feed, how long ago; unread ones stand out.
//!
//! Only the rows in sight (and a few either side) exist in the page: every row has the same
//! height, so the rows to draw follow from the scroll position, and a list of 10,000 entries
//! costs what a list of 30 does.

use leptos::prelude::*;

use super::{Reader, Row};
use crate::core::library::{Filter, Scope, Sort};
use crate::web::dates;

/// Height of one row in pixels; `style/app.css` gives `.entries li` exactly this height.
const ROW_HEIGHT: f64 = 104.0;
/// Rows drawn beyond each edge of the visible part, so fast scrolling shows no gap.
const OVERSCAN: usize = 8;

#[component]
pub fn EntryList() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let heading = move || {
        reader.view.with(|v| match &v.scope {
            Scope::All => "All".to_string(),
            Scope::Starred => "Starred".to_string(),
            Scope::Folder(name) => name.clone(),
            Scope::Feed(id) => reader.library.with(|l| l.subscription(id).map(|s| s.title().to_string())).unwrap_or_default(),
        })
    };
    view! {
        <section class="entries" aria-label="Entries">
            <div class="list-tools">
                <h2 class="list-heading">{heading}</h2>
                <input id="search" type="search" placeholder="Search (/)" aria-label="Search entries"
                    prop:value=move || reader.view.with(|v| v.search.clone())
                    on:input=move |e| reader.view.update(|v| v.search = event_target_value(&e))/>
                <div class="list-controls">
                    <div class="segmented" role="group" aria-label="Show">
                        <FilterButton filter=Filter::Unread label="Unread"/>
                        <FilterButton filter=Filter::All label="All"/>
                        <FilterButton filter=Filter::Starred label="Starred"/>
                    </div>
                    <button type="button" class="sort" title="Change the order"
                        on:click=move |_| reader.toggle_sort()>
                        {move || reader.view.with(|v| if v.sort == Sort::NewestFirst { "Newest first" } else { "Oldest first" })}
                    </button>
                    <button type="button" class="mark-all" title="Mark all as read (Shift+A)" on:click=move |_| reader.mark_all_read()>
                        "Mark all read"
                    </button>
                </div>
            </div>
            <Show when=move || !reader.list.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || empty_message(reader)}</p> }>
                <VirtualRows/>
            </Show>
        </section>
    }
}

/// The scrolling part of the list, drawing only the rows in sight.
#[component]
fn VirtualRows() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let height = RwSignal::new(900.0_f64);
    let window = Memo::new(move |_| {
        let total = reader.list.with(Vec::len);
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN).min(total);
        let count = (height.get() / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        (first, (first + count).min(total), total)
    });
    let rows = move || {
        let (first, last, _) = window.get();
        reader.list.with(|rows| rows[first..last].to_vec())
    };
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(el.scroll_top() as f64);
            height.set(el.client_height().max(1) as f64);
        }
    };
    Effect::new(move |_| {
        scroller.track();
        measure();
    });
    // A new view starts at the top.
    Effect::new(move |_| {
        reader.view.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    // Keep the row under the cursor in sight as n / p / j / k move it.
    Effect::new(move |_| {
        let Some(key) = reader.cursor.get() else { return };
        let Some(index) = reader.list.with_untracked(|rows| rows.iter().position(|r| r.key == key)) else { return };
        let Some(el) = scroller.get_untracked() else { return };
        let top = index as f64 * ROW_HEIGHT;
        let (view_top, view_height) = (el.scroll_top() as f64, el.client_height() as f64);
        if top < view_top {
            el.set_scroll_top(top as i32);
        } else if top + ROW_HEIGHT > view_top + view_height {
            el.set_scroll_top((top + ROW_HEIGHT - view_height) as i32);
        }
        measure();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    view! {
        <div class="entry-scroller" node_ref=scroller on:scroll=move |_| measure()>
            <ul data-total=move || window.get().2 style:height=move || format!("{}px", window.get().2 as f64 * ROW_HEIGHT)
                style:padding-top=move || format!("{}px", window.get().0 as f64 * ROW_HEIGHT)>
                // Keyed by what the row shows too: a refreshed entry's new title or a renamed
                // feed redraws its row.
                <For each=rows key=|row| (row.key, row.title.clone(), row.feed.clone()) let:row>
                    <EntryRow row/>
                </For>
            </ul>
        </div>
    }
}

#[component]
fn EntryRow(row: Row) -> impl IntoView {
    let reader = expect_context::<Reader>();
    let key = row.key;
    let is_read = move || reader.library.with(|l| l.is_read(key));
    let is_selected = move || reader.selected.get() == Some(key);
    let has_cursor = move || reader.cursor.get() == Some(key);
    let is_starred = move || reader.library.with(|l| l.is_starred(key));
    let excerpt = reader.excerpt(key);
    view! {
        <li>
            <button type="button" class="entry" data-key=key.to_string()
                class:read=is_read class:selected=is_selected class:cursor=has_cursor
                aria-current=move || is_selected().then_some("true")
                on:click=move |_| reader.open(key)>
                <span class="entry-title">
                    <Show when=is_starred><span class="star-mark" aria-label="Starred">"★ "</span></Show>
                    {row.title}
                </span>
                {excerpt.map(|text| view! { <span class="entry-excerpt">{text}</span> })}
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

/// One of Unread / All / Starred.
#[component]
fn FilterButton(filter: Filter, label: &'static str) -> impl IntoView {
    let reader = expect_context::<Reader>();
    view! {
        <button type="button" aria-pressed=move || reader.view.with(|v| v.filter == filter).to_string()
            on:click=move |_| reader.set_filter(filter)>{label}</button>
    }
}

/// Why the list is empty, in words that say what to do next.
fn empty_message(reader: Reader) -> &'static str {
    reader.view.with(|v| {
        if !v.search.trim().is_empty() {
            "Nothing matches your search."
        } else if v.filter == Filter::Unread {
            "All read here. Nice."
        } else if v.filter == Filter::Starred || v.scope == Scope::Starred {
            "No starred entries yet. Press s on an entry to star it."
        } else {
            "No entries here yet. Add a feed to start reading."
        }
    })
}
