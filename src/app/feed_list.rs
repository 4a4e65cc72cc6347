//! The sidebar: All, Starred, folders and feeds with unread counts; each feed can be renamed,
//! moved to a folder or removed (with undo).

use leptos::prelude::*;

use super::Reader;
use crate::core::library::{FeedId, Scope};
use crate::web::dates;

/// What the sidebar lists for one feed.
#[derive(Clone, PartialEq)]
struct FeedRow {
    id: FeedId,
    title: String,
    icon: Option<String>,
    folder: Option<String>,
    pending: bool,
}

#[component]
pub fn FeedList() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let counts = Memo::new(move |_| reader.library.with(|l| l.unread_counts()));
    let folder_counts = Memo::new(move |_| reader.library.with(|l| l.folder_unread_counts()));
    let total = Memo::new(move |_| counts.with(|c| c.values().sum::<usize>()));
    let starred = Memo::new(move |_| reader.library.with(|l| l.starred_count()));
    let feeds = Memo::new(move |_| {
        reader.library.with(|l| {
            l.subscriptions()
                .iter()
                .map(|s| FeedRow {
                    id: s.id.clone(),
                    title: s.title().to_string(),
                    icon: s.feed.icon.clone(),
                    folder: s.folder.clone(),
                    pending: s.is_pending(),
                })
                .collect::<Vec<_>>()
        })
    });
    let folders = Memo::new(move |_| reader.library.with(|l| l.folders()));
    let loose = move || feeds.get().into_iter().filter(|f| f.folder.is_none()).collect::<Vec<_>>();

    view! {
        <nav class="feeds" aria-label="Feeds">
            <ul>
                <ScopeItem scope=Scope::All label="All".to_string() count=Signal::derive(move || total.get())/>
                <ScopeItem scope=Scope::Starred label="Starred".to_string() count=Signal::derive(move || starred.get())/>
                <For each=move || folders.get() key=|name| name.clone() let:name>
                    {
                        let counted = name.clone();
                        let inside = name.clone();
                        let in_folder = move || feeds.with(|all| all.iter().filter(|f| f.folder.as_ref() == Some(&inside)).cloned().collect::<Vec<_>>());
                        let folder_count = Signal::derive(move || folder_counts.with(|c| c.get(&counted).copied().unwrap_or(0)));
                        view! {
                            <ScopeItem scope=Scope::Folder(name.clone()) label=name.clone() count=folder_count/>
                            <li class="folder-feeds">
                                <ul>
                                    <For each=in_folder key=|f| (f.id.clone(), f.title.clone(), f.folder.clone()) let:feed>
                                        <FeedItem feed counts/>
                                    </For>
                                </ul>
                            </li>
                        }
                    }
                </For>
                <For each=loose key=|f| (f.id.clone(), f.title.clone(), f.folder.clone()) let:feed>
                    <FeedItem feed counts/>
                </For>
            </ul>
        </nav>
    }
}

/// A sidebar entry that shows a scope (All, Starred, a folder).
#[component]
fn ScopeItem(scope: Scope, label: String, count: Signal<usize>) -> impl IntoView {
    let reader = expect_context::<Reader>();
    let current = scope.clone();
    let class = if matches!(scope, Scope::Folder(_)) { "feed folder" } else { "feed" };
    view! {
        <li>
            <button type="button" class=class
                aria-current=move || reader.view.with(|v| v.scope == current).then_some("page")
                on:click=move |_| reader.show(scope.clone())>
                <span class="feed-title">{label}</span>
                <span class="count">{move || count.get()}</span>
            </button>
        </li>
    }
}

/// One feed: choose it, or open its settings (name, folder, remove).
#[component]
fn FeedItem(feed: FeedRow, counts: Memo<std::collections::HashMap<FeedId, usize>>) -> impl IntoView {
    let reader = expect_context::<Reader>();
    let editing = RwSignal::new(false);
    let id = feed.id.clone();
    let scope = Scope::Feed(id.clone());
    let current = scope.clone();
    let counted = id.clone();
    let count = move || counts.with(|c| c.get(&counted).copied().unwrap_or(0));
    let title = feed.title.clone();
    let watched = id.clone();
    let fetching = move || reader.in_flight.with(|f| f.contains(&watched));
    let failed = id.clone();
    let error = Memo::new(move |_| {
        reader.fetch_log.track();
        reader.library.with(|l| l.subscription(&failed).and_then(|s| s.fetch.error.clone()))
    });
    view! {
        <li class="feed-item">
            <div class="feed-line">
                <button type="button" class="feed"
                    aria-current=move || reader.view.with(|v| v.scope == current).then_some("page")
                    on:click=move |_| reader.show(scope.clone())>
                    {feed.icon.map(|src| view! { <img class="feed-icon" src=src alt="" loading="lazy" referrerpolicy="no-referrer"/> })}
                    <span class="feed-title">{feed.title.clone()}</span>
                    {feed.pending.then(|| view! { <span class="pending" title="Waiting for its first fetch">"…"</span> })}
                    {move || fetching().then(|| view! { <span class="spinner" role="img" aria-label="Fetching"></span> })}
                    {move || error.get().map(|e| view! { <span class="fetch-error" role="img" aria-label="Last fetch failed" title=e>"!"</span> })}
                    <span class="count">{count}</span>
                </button>
                <button type="button" class="feed-menu" aria-expanded=move || editing.get().to_string()
                    aria-label=format!("Settings for {title}") on:click=move |_| editing.update(|e| *e = !*e)>"⋯"</button>
            </div>
            <Show when=move || editing.get()>
                <FeedSettings id=id.clone() title=feed.title.clone() folder=feed.folder.clone().unwrap_or_default() editing/>
            </Show>
        </li>
    }
}

/// Rename, move to a folder, remove.
#[component]
fn FeedSettings(id: FeedId, title: String, folder: String, editing: RwSignal<bool>) -> impl IntoView {
    let reader = expect_context::<Reader>();
    let name = RwSignal::new(title);
    let folder = RwSignal::new(folder);
    let proxy = RwSignal::new(reader.library.with_untracked(|l| l.subscription(&id).and_then(|s| s.proxy.clone()).unwrap_or_default()));
    let proxy_id = format!("feed-proxy-{}", id.0);
    let (info_id, refresh_id) = (id.clone(), id.clone());
    let field_id = format!("feed-name-{}", id.0);
    let folder_id = format!("feed-folder-{}", id.0);
    let (save_id, remove_id) = (id.clone(), id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        reader.rename_feed(&save_id, name.get_untracked());
        reader.move_feed(&save_id, folder.get_untracked());
        reader.set_feed_proxy(&save_id, proxy.get_untracked());
        editing.set(false);
    };
    view! {
        <form class="feed-settings" on:submit=save>
            <label for=field_id.clone()>"Name"</label>
            <input id=field_id type="text" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
            <label for=folder_id.clone()>"Folder"</label>
            <input id=folder_id.clone() type="text" list="folder-names" placeholder="No folder"
                prop:value=move || folder.get() on:input=move |e| folder.set(event_target_value(&e))/>
            <datalist id="folder-names">
                {move || reader.library.with(|l| l.folders()).into_iter().map(|f| view! { <option value=f></option> }).collect_view()}
            </datalist>
            <label for=proxy_id.clone()>"CORS proxy for this feed"</label>
            <input id=proxy_id type="text" inputmode="url" spellcheck="false" placeholder="As in Settings"
                prop:value=move || proxy.get() on:input=move |e| proxy.set(event_target_value(&e))/>
            <FetchInfo id=info_id/>
            <div class="settings-actions">
                <button type="submit" class="primary">"Save"</button>
                <button type="button" on:click=move |_| reader.refresh_feed(refresh_id.clone())>"Refresh"</button>
                <button type="button" class="danger" on:click=move |_| reader.remove_feed(&remove_id)>"Remove"</button>
            </div>
        </form>
    }
}

/// Where a feed comes from, when it was last fetched, and what went wrong.
#[component]
fn FetchInfo(id: FeedId) -> impl IntoView {
    let reader = expect_context::<Reader>();
    let info = Memo::new(move |_| {
        reader.fetch_log.track();
        reader.library.with(|l| l.subscription(&id).map(|s| (s.source.clone(), s.fetch.clone())))
    });
    move || {
        let (source, log) = info.get()?;
        let Some(source) = source else {
            return Some(view! { <p class="fetch-info hint">"Added from a document: no address to refresh from."</p> }.into_any());
        };
        let fetched = match log.fetched {
            Some(at) => format!("Last fetched {}.", dates::relative(at)),
            None => "Not fetched yet.".to_string(),
        };
        let retry = log.retry_at.map(|at| format!(" Next try {}.", dates::relative(at)));
        Some(view! {
            <div class="fetch-info">
                <p class="hint source">{source}</p>
                <p class="hint">{fetched}{retry}</p>
                {log.error.map(|e| view! { <p class="field-error">{e}</p> })}
            </div>
        }.into_any())
    }
}

/// Export of subscriptions and backups, below the feed list.
#[component]
pub fn LibraryTools() -> impl IntoView {
    let reader = expect_context::<Reader>();
    view! {
        <div class="library-tools">
            <button type="button" class="link-button" on:click=move |_| reader.export_opml()>"Export subscriptions (OPML)"</button>
            <button type="button" class="link-button" on:click=move |_| reader.export_backup()>"Back up everything (JSON)"</button>
            <p class="hint">"Open or drop an OPML or backup file with + Add feed to import it."</p>
        </div>
    }
}

