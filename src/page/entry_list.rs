//! The list of entries: title, excerpt, feed, how long ago; unread ones stand out.
//!
//! The page holds the keys of the whole list, and rows only for what is in sight: every row
//! has the same height, so the rows to draw follow from the scroll position, and the page asks
//! the engine for the ones it does not have yet. A list of 100,000 entries costs what a list
//! of 30 does.

use leptos::prelude::*;

use super::{dates, Shown};
use crate::core::keys::EntryKey;
use crate::core::library::{Filter, Opinion, Scope, Score, Sort, Trained, HISTORY_LIMIT};
use crate::protocol::Command;

/// Height of one row in pixels; `style/app.css` gives `.entries li` exactly this height.
const ROW_HEIGHT: i32 = 104;
/// Height of one card (`.entries.cards li`): the picture, then the row's text.
const CARD_HEIGHT: i32 = 300;
/// Rows drawn beyond each edge of the visible part, so fast scrolling shows no gap (each
/// costs its drawing in the first screen's task, so no more than this).
const OVERSCAN: usize = 4;
/// Rows asked for beyond what is drawn, so a scroll usually finds them here already.
const AHEAD: usize = 40;

#[component]
pub fn EntryList() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let heading = move || {
        shown.view.with(|v| match &v.scope {
            Scope::All => "All".to_string(),
            Scope::Starred => "Starred".to_string(),
            Scope::History => "Recently read".to_string(),
            Scope::Shared => "Shared".to_string(),
            Scope::Tag(tag) => format!("Starred: {tag}"),
            Scope::Folder(name) => name.clone(),
            Scope::Feed(id) => shown.feed_title(id),
        })
    };
    // Lists in an order of their own: the list's filters and order do not apply.
    let own_order = move || shown.view.with(|v| matches!(v.scope, Scope::History | Scope::Shared));
    let history = move || shown.view.with(|v| v.scope == Scope::History);
    view! {
        // `data-list`: the number of the list shown (the benchmarks wait for a search's answer by it).
        <section class="entries" class:cards=move || shown.cards() class:history=own_order aria-label="Entries" data-list=move || { shown.keys.track(); shown.asked.get_value() }>
            <div class="list-tools">
                <h2 class="list-heading">{heading}</h2>
                <input id="search" type="search" placeholder="Search (/)" aria-label="Search entries"
                    prop:value=move || shown.view.with(|v| v.search.clone())
                    on:input=move |e| shown.search(event_target_value(&e))/>
                <Show when=move || shown.view.with(|v| !v.search.trim().is_empty()) && shown.current_saved().is_none()>
                    <button type="button" class="save-search" title="Keep this search in the sidebar"
                        on:click=move |_| shown.save_search()>"Save search"</button>
                </Show>
                <div class="list-controls">
                    <div class="segmented" role="group" aria-label="Show">
                        <FilterButton filter=Filter::Unread label="Unread"/>
                        <FilterButton filter=Filter::Focus label="Focus"/>
                        <FilterButton filter=Filter::All label="All"/>
                        <FilterButton filter=Filter::Starred label="Starred"/>
                    </div>
                    <div class="segmented" role="group" aria-label="Look">
                        <button type="button" title="Plain list (c)" aria-pressed=move || (!shown.cards()).to_string()
                            on:click=move |_| if shown.cards() { shown.toggle_cards() }>"List"</button>
                        <button type="button" title="Cards with pictures (c)" aria-pressed=move || shown.cards().to_string()
                            on:click=move |_| if !shown.cards() { shown.toggle_cards() }>"Cards"</button>
                    </div>
                    <button type="button" class="sort" title="Change the order"
                        on:click=move |_| shown.toggle_sort()>
                        {move || shown.view.with(|v| if v.sort == Sort::NewestFirst { "Newest first" } else { "Oldest first" })}
                    </button>
                    <button type="button" class="mark-all" title="Mark all as read (Shift+A)" on:click=move |_| shown.mark_all_read()>
                        "Mark all read"
                    </button>
                </div>
            </div>
            <Show when=history>
                <p class="hint history-hint">{format!("The last {HISTORY_LIMIT} entries you opened, the last one first.")}</p>
            </Show>
            <Show when=move || shown.view.with(|v| v.scope == Scope::Shared)>
                <div class="history-hint shared-hint">
                    <p class="hint">"Your shared stories, the last shared first: a feed of your own. Put the file on any static host and others can subscribe to it."</p>
                    <button type="button" class="download-shared" on:click=move |_| shown.export(crate::protocol::Export::SharedFeed)>
                        "Download my shared feed (shared.atom)"
                    </button>
                </div>
            </Show>
            <Show when=move || shown.partial.get()>
                <p class="hint partial" role="status">"Still indexing: some entries may be missing from these results."</p>
            </Show>
            <Show when=move || !shown.keys.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || empty_message(shown)}</p> }>
                <VirtualRows/>
            </Show>
        </section>
    }
}

/// The scrolling part of the list, drawing only the rows in sight.
#[component]
fn VirtualRows() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0_i32);
    let height = RwSignal::new(900_i32);
    // Rows or cards: every one of the same height either way.
    let row_height = Memo::new(move |_| if shown.cards() { CARD_HEIGHT } else { ROW_HEIGHT });
    let window = Memo::new(move |_| {
        let total = shown.keys.with(Vec::len);
        let row = row_height.get();
        let first = ((scroll_top.get().max(0) / row) as usize).saturating_sub(OVERSCAN).min(total);
        let count = (height.get() + row - 1) as usize / row as usize + 2 * OVERSCAN;
        (first, (first + count).min(total), total)
    });
    // The rows in sight that the page lacks: asked for once, with some to spare.
    Effect::new(move |_| {
        let (first, last, total) = window.get();
        let wanted: Vec<EntryKey> = shown.keys.with(|keys| {
            shown.rows.with_untracked(|rows| {
                shown.asking.with_value(|asking| {
                    keys[first..(last + AHEAD).min(total)]
                        .iter()
                        .copied()
                        .filter(|k| !rows.contains_key(k) && !asking.contains(k))
                        .collect()
                })
            })
        });
        if wanted.iter().any(|k| shown.keys.with_untracked(|keys| keys[first..last].contains(k))) {
            shown.asking.update_value(|asking| asking.extend(wanted.iter().copied()));
            shown.send(Command::Rows(wanted));
        }
    });
    let drawn = move || {
        let (first, last, _) = window.get();
        shown.keys.with(|keys| keys[first..last].to_vec())
    };
    // The first row in sight: rows above it that were below it before have scrolled past the
    // top (for marking them read as they go; those already read are left alone).
    let passed = StoredValue::new(0_usize);
    let mark_passed = move |top: i32| {
        let now = (top.max(0) / row_height.get_untracked()) as usize;
        let before = passed.get_value();
        passed.set_value(now);
        if now <= before {
            return;
        }
        if shown.settings.with_untracked(|s| s.mark_on_scroll) {
            let keys = shown.keys.with_untracked(|keys| keys[before.min(keys.len())..now.min(keys.len())].to_vec());
            shown.scrolled_past(keys);
        }
    };
    // A list sent again (new entries, a filter) starts counting from where it is scrolled.
    // Read a frame later: reading it now would make the browser lay out the page mid-build.
    Effect::new(move |_| {
        shown.keys.track();
        request_animation_frame(move || {
            if let Some(el) = scroller.try_get_untracked().flatten() {
                passed.try_set_value((el.scroll_top().max(0) / row_height.get_untracked()) as usize);
            }
        });
    });
    // Also called a frame later, when the list may be gone (another list emptied it).
    let measure = move || {
        if let Some(el) = scroller.try_get_untracked().flatten() {
            scroll_top.try_set(el.scroll_top());
            height.try_set(el.client_height().max(1));
        }
    };
    // Measured once the browser has laid the list out by itself (reading sizes sooner would make
    // it lay out the page while it is being built).
    Effect::new(move |_| {
        scroller.track();
        request_animation_frame(measure);
    });
    // A new list starts at the top (one the engine sent again, after a change, does not).
    Effect::new(move |previous: Option<crate::core::library::View>| {
        let view = shown.view.get();
        if previous.as_ref().is_some_and(|p| p != &view) {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0);
        }
        view
    });
    // Keep the row under the cursor in sight as n / p / j / k move it.
    Effect::new(move |_| {
        let Some(key) = shown.cursor.get() else { return };
        let Some(index) = shown.keys.with_untracked(|keys| keys.iter().position(|&k| k == key)) else { return };
        let Some(el) = scroller.get_untracked() else { return };
        let row = row_height.get_untracked();
        let top = index as i32 * row;
        let (view_top, view_height) = (el.scroll_top(), el.client_height());
        if top < view_top {
            el.set_scroll_top(top);
        } else if top + row > view_top + view_height {
            el.set_scroll_top(top + row - view_height);
        }
        measure();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    view! {
        <div class="entry-scroller" node_ref=scroller on:scroll=move |_| {
            measure();
            if let Some(el) = scroller.get_untracked() {
                mark_passed(el.scroll_top());
            }
        }>
            <ul data-total=move || window.get().2 style:height=move || format!("{}px", window.get().2 as i64 * row_height.get() as i64)
                style:padding-top=move || format!("{}px", window.get().0 as i64 * row_height.get() as i64)>
                <For each=drawn key=|key| *key let:key>
                    <EntryRow key/>
                </For>
            </ul>
        </div>
    }
}

#[component]
fn EntryRow(key: EntryKey) -> impl IntoView {
    let shown = expect_context::<Shown>();
    // What the row says, and its state: a row is drawn again only when what it says changes
    // (a refreshed title), while read and starred just change its look.
    let content = Memo::new(move |_| {
        shown.rows.with(|rows| {
            rows.get(&key).map(|r| {
                (r.title.clone(), r.excerpt.clone(), r.feed.clone(), r.date, r.also_in.clone(), r.image.clone(), r.opened, r.updated)
            })
        })
    });
    let flags = Memo::new(move |_| shown.rows.with(|rows| rows.get(&key).map_or((false, false), |r| (r.read, r.starred))));
    let judged = Memo::new(move |_| {
        shown.rows.with(|rows| rows.get(&key).map(|r| (r.score, r.reasons.clone(), r.filtered.clone())).unwrap_or_default())
    });
    let is_selected = move || shown.selected.get() == Some(key);
    let has_cursor = move || shown.cursor.get() == Some(key);
    move || match content.get() {
        // Not here yet: a blank row of the same height, until the engine sends it.
        None => view! { <li><span class="entry placeholder" aria-hidden="true"></span></li> }.into_any(),
        Some((title, excerpt, feed, date, also_in, image, opened, updated)) => {
            // In "Recently read", when it was opened.
            let opened = opened.filter(|_| shown.view.with_untracked(|v| v.scope == Scope::History));
            let title = if title.is_empty() { "(untitled)".to_string() } else { title };
            let feed = shown.feed_title(&feed);
            let broken = RwSignal::new(false);
            // Copies are folded only where the list is not one feed's own.
            let folded = shown.view.with_untracked(|v| !matches!(v.scope, Scope::Feed(_)));
            let also_in = (folded && !also_in.is_empty())
                .then(|| format!("also in {}", also_in.iter().map(|id| shown.feed_title(id)).collect::<Vec<_>>().join(", ")));
            view! {
                <li class:liked=move || judged.with(|j| j.0 == Score::Liked) class:disliked=move || judged.with(|j| j.0 == Score::Hidden)
                    class:has-reasons=move || judged.with(|j| !j.1.is_empty() || j.2.is_some())>
                    <button type="button" class="entry" data-key=key.to_string()
                        class:read=move || flags.get().0 class:selected=is_selected class:cursor=has_cursor
                        aria-current=move || is_selected().then_some("true")
                        on:click=move |_| shown.open(key)>
                        <Show when=move || shown.cards()>
                            {let image = image.clone(); move || match image.clone().filter(|_| !broken.get()) {
                                // Loaded only as the card comes into sight; no referrer goes with it.
                                Some(src) => view! {
                                    <img class="card-image" src=src alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer"
                                        on:error=move |_| broken.set(true)/>
                                }.into_any(),
                                // No picture, or one that would not load (gone, or offline).
                                None => view! { <span class="card-image none" aria-hidden="true"></span> }.into_any(),
                            }}
                        </Show>
                        <span class="entry-title">
                            <Show when=move || flags.get().1><span class="star-mark" aria-label="Starred">"★ "</span></Show>
                            {title}
                        </span>
                        {(!excerpt.is_empty()).then(|| view! { <span class="entry-excerpt">{excerpt}</span> })}
                        <span class="entry-meta">
                            <span class="entry-feed">{feed}</span>
                            {also_in.map(|also| view! { <span class="also-in">{also}</span> })}
                            {date.map(|d| view! {
                                // The full date shows on hover; made then (a date formatter costs
                                // time the first screen should not spend).
                                <time datetime=dates::machine_date_time(d)
                                    on:pointerenter=move |e| dates::title_on_hover(&e, d)>{dates::relative(d)}</time>
                            })}
                            {updated.then(|| view! { <span class="updated-mark">"Updated"</span> })}
                            {opened.map(|at| view! {
                                <span class="opened">"read "<time datetime=dates::machine_date_time(at)>{dates::relative(at)}</time></span>
                            })}
                        </span>
                    </button>
                    <Reasons judged/>
                </li>
            }
            .into_any()
        }
    }
}

/// Why the trainer likes or hides an entry: a small label per rule; a click forgets the rule.
#[component]
fn Reasons(judged: Memo<(Score, Vec<Trained>, Option<String>)>) -> impl IntoView {
    let shown = expect_context::<Shown>();
    move || {
        let (_, reasons, filtered) = judged.get();
        (!reasons.is_empty() || filtered.is_some()).then(|| {
            // A filter is removed in Settings, where its expression can be read whole.
            let filtered = filtered.map(|label| view! { <span class="reason filtered" title="Hidden by this filter (Settings → Filters)">{format!("filter: {label}")}</span> });
            let labels = reasons
                .into_iter()
                .map(|rule| {
                    let label = rule.label(|id| shown.feed_title(id));
                    let liked = rule.opinion == Opinion::Like;
                    let text = format!("{} {label} ✕", if liked { "♥" } else { "hidden:" });
                    let name = format!("Forget: {} {label}", if liked { "liked" } else { "disliked" });
                    view! {
                        <button type="button" class="reason" class:liked=liked aria-label=name title="Forget this rule"
                            on:click=move |_| shown.untrain(rule.clone())>{text}</button>
                    }
                })
                .collect_view();
            view! { <div class="reasons">{filtered}{labels}</div> }
        })
    }
}

/// One of Unread / All / Starred.
#[component]
fn FilterButton(filter: Filter, label: &'static str) -> impl IntoView {
    let shown = expect_context::<Shown>();
    view! {
        <button type="button" aria-pressed=move || shown.view.with(|v| v.filter == filter).to_string()
            on:click=move |_| shown.set_filter(filter)>{label}</button>
    }
}

/// Why the list is empty, in words that say what to do next.
fn empty_message(shown: Shown) -> &'static str {
    if !shown.ready.get() {
        return "Loading your feeds…";
    }
    shown.view.with(|v| {
        if !v.search.trim().is_empty() {
            "Nothing matches your search."
        } else if matches!(v.scope, Scope::Tag(_)) {
            "No starred entry has this tag now."
        } else if v.scope == Scope::Shared {
            "Stories you share are listed here. Open an entry and press Share… to add it, with a comment if you like."
        } else if v.scope == Scope::History {
            "Entries you open are listed here, the last one first, so one opened by mistake is easy to find again."
        } else if v.filter == Filter::Unread {
            "All read here. Nice."
        } else if v.filter == Filter::Focus {
            "Nothing in Focus. Open an entry and press t to like its author, a category, its feed or words of its title."
        } else if v.filter == Filter::Starred || v.scope == Scope::Starred {
            "No starred entries yet. Press s on an entry to star it."
        } else {
            "No entries here yet. Add a feed to start reading."
        }
    })
}
