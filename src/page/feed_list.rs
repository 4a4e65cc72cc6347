//! The sidebar: All, Starred, folders and feeds with unread counts; each feed can be renamed,
//! moved to a folder, given its own proxy, refreshed or removed (with undo).

use leptos::prelude::*;

use super::dates;
use super::Shown;
use crate::core::keys::FeedId;
use crate::core::library::Scope;
use crate::protocol::{Command, Export, FeedItem};

/// Feeds drawn in the first frame, and in each after it.
const FIRST_FEEDS: usize = 40;
const MORE_FEEDS: usize = 25;

#[component]
pub fn FeedList() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let total = Signal::derive(move || shown.counts.with(|c| c.total));
    let starred = Signal::derive(move || shown.counts.with(|c| c.starred));
    let shared = Signal::derive(move || shown.counts.with(|c| c.shared));
    // Each tag on starred entries, under Starred, with its count.
    let tag_count =
        move |tag: String| Signal::derive(move || shown.counts.with(|c| c.tags.iter().find(|(t, _)| *t == tag).map_or(0, |(_, n)| *n)));
    // Hundreds of feeds are drawn 25 a frame (about 12 ms of a frame on this machine), so the first screen (and the list beside
    // it) does not wait for all of them.
    let drawn = RwSignal::new(FIRST_FEEDS);
    Effect::new(move |_| {
        if drawn.get() < shown.feeds.with(Vec::len) {
            request_animation_frame(move || drawn.update(|n| *n += MORE_FEEDS));
        }
    });
    view! {
        <nav class="feeds" aria-label="Feeds">
            <ul>
                <ScopeItem scope=Scope::All label="All".to_string() count=total/>
                <ScopeItem scope=Scope::Starred label="Starred".to_string() count=starred/>
                <For each=move || shown.counts.with(|c| c.tags.iter().map(|(tag, _)| tag.clone()).collect::<Vec<_>>()) key=|tag| tag.clone() let:tag>
                    <ScopeItem scope=Scope::Tag(tag.clone()) label=tag.clone() count=tag_count(tag)/>
                </For>
                <ScopeItem scope=Scope::Shared label="Shared".to_string() count=shared/>
                <ScopeItem scope=Scope::History label="Recently read".to_string()/>
                <FeedGroup account=false drawn/>
            </ul>
            <Show when=move || shown.account.with(Option::is_some)>
                <AccountHeading/>
                <ul>
                    <FeedGroup account=true drawn/>
                </ul>
            </Show>
        </nav>
    }
}

/// The feeds of this device, or of the account: folders with their feeds, then the others.
#[component]
fn FeedGroup(account: bool, drawn: RwSignal<usize>) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let folders = Memo::new(move |_| {
        let mut folders: Vec<String> =
            shown.feeds.with(|feeds| feeds.iter().filter(|f| f.account == account).filter_map(|f| f.folder.clone()).collect());
        folders.sort();
        folders.dedup();
        folders
    });
    let loose = move || {
        let limit = drawn.get();
        shown
            .feeds
            .with(|feeds| feeds.iter().filter(|f| f.account == account && f.folder.is_none()).take(limit).cloned().collect::<Vec<_>>())
    };
    let key = |f: &FeedItem| (f.id.clone(), f.title.clone(), f.folder.clone(), f.pending, f.icon.clone());
    view! {
        <For each=move || folders.get() key=|name| name.clone() let:name>
            {
                let (counted, inside) = (name.clone(), name.clone());
                let in_folder = move || {
                    let limit = drawn.get();
                    shown.feeds.with(|all| all.iter().filter(|f| f.account == account && f.folder.as_ref() == Some(&inside)).take(limit).cloned().collect::<Vec<_>>())
                };
                let folder_count = Signal::derive(move || shown.counts.with(|c| c.folders.get(&counted).copied().unwrap_or(0)));
                view! {
                    <ScopeItem scope=Scope::Folder(name.clone()) label=name.clone() count=folder_count/>
                    <li class="folder-feeds">
                        <ul>
                            <For each=in_folder key=key let:feed>
                                <FeedEntry feed/>
                            </For>
                        </ul>
                    </li>
                }
            }
        </For>
        <For each=loose key=key let:feed>
            <FeedEntry feed/>
        </For>
    }
}

/// The account's heading in the sidebar: its server, and how it stands (syncing, changes
/// waiting, a problem).
#[component]
fn AccountHeading() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let server = move || shown.account.with(|a| a.as_ref().map(|a| a.server.clone()).unwrap_or_default());
    let state = move || {
        if let Some(s) = shown.syncing.get() {
            return Some(format!("Syncing {} of {}…", s.done, s.of));
        }
        let account = shown.account.get()?;
        if account.refused {
            return Some("Reconnect in Settings".into());
        }
        if shown.sync_error.with(Option::is_some) {
            return Some("Last sync failed: see Settings".into());
        }
        (account.waiting > 0).then(|| crate::protocol::plural(account.waiting, "change waiting", "changes waiting"))
    };
    view! {
        <h2 class="sidebar-heading account-heading" title=move || shown.account.with(|a| a.as_ref().map(|a| format!("{} as {}", a.api, a.user)))>
            {server}
            {move || state().map(|s| view! { <span class="account-state" role="status">{s}</span> })}
        </h2>
    }
}

/// A sidebar entry that shows a scope (All, Starred, a folder).
#[component]
fn ScopeItem(scope: Scope, label: String, #[prop(optional)] count: Option<Signal<usize>>) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let current = scope.clone();
    let class = match scope {
        Scope::Folder(_) => "feed folder",
        Scope::Tag(_) => "feed tag",
        _ => "feed",
    };
    view! {
        <li>
            <button type="button" class=class
                aria-current=move || shown.view.with(|v| v.scope == current).then_some("page")
                on:click=move |_| shown.show(scope.clone())>
                <span class="feed-title">{label}</span>
                {count.map(|count| view! { <span class="count">{move || count.get()}</span> })}
            </button>
        </li>
    }
}

/// One feed: choose it, or open its settings (name, folder, proxy, refresh, remove).
#[component]
fn FeedEntry(feed: FeedItem) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let id = feed.id.clone();
    let scope = Scope::Feed(id.clone());
    let current = scope.clone();
    let (counted, watched, failed) = (id.clone(), id.clone(), id.clone());
    let count = move || shown.counts.with(|c| c.unread.get(&counted).copied().unwrap_or(0));
    let fetching = move || shown.fetching.with(|f| f.contains(&watched));
    let error = move || shown.feeds.with(|feeds| feeds.iter().find(|f| f.id == failed).and_then(|f| f.error.clone()));
    let title = feed.title.clone();
    let chosen = Signal::derive(move || shown.view.with(|v| v.scope == current));
    view! {
        <SidebarRow class="feed" chosen choose=move || shown.show(scope.clone()) menu_label=format!("Settings for {title}")
            settings=move |editing| view! { <FeedSettings id=id.clone() editing/> }.into_any()>
            // The page's policy loads pictures over https only (a LAN server's http: icon would
            // be refused, and reported as a violation).
            {feed.icon.clone().filter(|src| src.starts_with("https:") || src.starts_with("data:")).map(|src| view! { <img class="feed-icon" src=src alt="" loading="lazy" referrerpolicy="no-referrer"/> })}
            <span class="feed-title">{feed.title.clone()}</span>
            {feed.pending.then(|| view! { <span class="pending" title="Waiting for its first fetch">"…"</span> })}
            {move || fetching().then(|| view! { <span class="spinner" role="img" aria-label="Fetching"></span> })}
            {move || error().map(|e| view! { <span class="fetch-error" role="img" aria-label="Last fetch failed" title=e>"!"</span> })}
            <span class="count">{count}</span>
        </SidebarRow>
    }
}

/// A row of the sidebar: a button that shows what it names (its children: icon, title, marks,
/// count), and a ⋯ button that opens its settings beneath it (a feed's, a saved search's).
#[component]
pub fn SidebarRow<C, S>(
    class: &'static str,
    chosen: Signal<bool>,
    choose: C,
    menu_label: String,
    settings: S,
    children: Children,
) -> impl IntoView
where
    C: Fn() + 'static,
    S: Fn(RwSignal<bool>) -> AnyView + Send + Sync + 'static,
{
    let editing = RwSignal::new(false);
    view! {
        <li class="feed-item">
            <div class="feed-line">
                <button type="button" class=class aria-current=move || chosen.get().then_some("page") on:click=move |_| choose()>
                    {children()}
                </button>
                <button type="button" class="feed-menu" aria-expanded=move || editing.get().to_string()
                    aria-label=menu_label on:click=move |_| editing.update(|e| *e = !*e)>"⋯"</button>
            </div>
            <Show when=move || editing.get()>
                {settings(editing)}
            </Show>
        </li>
    }
}

/// Rename, move to a folder, a proxy of its own, refresh, remove.
#[component]
fn FeedSettings(id: FeedId, editing: RwSignal<bool>) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let item = shown.feeds.with_untracked(|feeds| feeds.iter().find(|f| f.id == id).cloned());
    let Some(item) = item else { return ().into_any() };
    let name = RwSignal::new(item.title.clone());
    let folder = RwSignal::new(item.folder.clone().unwrap_or_default());
    let proxy = RwSignal::new(item.proxy.clone().unwrap_or_default());
    let (proxy_id, field_id, folder_id) = (format!("feed-proxy-{}", id.0), format!("feed-name-{}", id.0), format!("feed-folder-{}", id.0));
    let (save_id, refresh_id, remove_id, info_id, notify_id) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let (age_feed, age_id) = (id.clone(), format!("feed-age-{}", id.0));
    let (text_id, stats_id) = (id.clone(), id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.edit_feed(save_id.clone(), name.get_untracked(), folder.get_untracked(), proxy.get_untracked());
        editing.set(false);
    };
    let folders = move || {
        let mut folders: Vec<String> = shown.feeds.with(|feeds| feeds.iter().filter_map(|f| f.folder.clone()).collect());
        folders.sort();
        folders.dedup();
        folders.into_iter().map(|f| view! { <option value=f></option> }).collect_view()
    };
    view! {
        <form class="feed-settings" on:submit=save>
            <label for=field_id.clone()>"Name"</label>
            <input id=field_id type="text" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
            <label for=folder_id.clone()>"Folder"</label>
            <input id=folder_id.clone() type="text" list="folder-names" placeholder="No folder"
                prop:value=move || folder.get() on:input=move |e| folder.set(event_target_value(&e))/>
            <datalist id="folder-names">{folders}</datalist>
            <label for=proxy_id.clone()>"CORS proxy for this feed"</label>
            <input id=proxy_id type="text" inputmode="url" spellcheck="false" placeholder="As in Settings"
                prop:value=move || proxy.get() on:input=move |e| proxy.set(event_target_value(&e))/>
            <label for=age_id.clone()>"Mark entries read"</label>
            <select id=age_id on:change=move |ev| {
                let days = event_target_value(&ev).parse::<u32>().ok();
                shown.send(Command::ReadAfter { id: age_feed.clone(), days });
            }>
                <option value="" selected=item.read_after_days.is_none()>"As in Settings"</option>
                {super::settings_panel::READ_AFTER.into_iter().map(|(days, label)| view! {
                    <option value=days.to_string() selected=item.read_after_days == Some(days)>{label}</option>
                }).collect_view()}
            </select>
            <label class="check">
                <input type="checkbox" class="text-view" prop:checked=item.text_view
                    on:change=move |e| shown.send(Command::TextView { id: text_id.clone(), on: event_target_checked(&e) })/>
                " Open entries in Text view (the whole article from its page)"
            </label>
            <label class="check">
                <input type="checkbox" class="notify" prop:checked=item.notify
                    on:change=move |e| shown.set_notify(notify_id.clone(), event_target_checked(&e))/>
                " Notify me of new entries (while the reader is open)"
            </label>
            <FetchInfo id=info_id/>
            <div class="settings-actions">
                <button type="submit" class="primary">"Save"</button>
                <button type="button" on:click=move |_| shown.refresh_feed(refresh_id.clone())>"Refresh"</button>
                <button type="button" class="show-statistics" on:click=move |_| shown.send(Command::Statistics(stats_id.clone()))>"Statistics"</button>
                <button type="button" class="danger" on:click=move |_| shown.remove_feed(remove_id.clone())>"Remove"</button>
            </div>
        </form>
    }
    .into_any()
}

/// Where a feed comes from, when it was last fetched, and what went wrong.
#[component]
fn FetchInfo(id: FeedId) -> impl IntoView {
    let shown = expect_context::<Shown>();
    move || {
        let item = shown.feeds.with(|feeds| feeds.iter().find(|f| f.id == id).cloned())?;
        let Some(source) = item.source else {
            return Some(view! { <p class="fetch-info hint">"Added from a document: no address to refresh from."</p> }.into_any());
        };
        let fetched = match item.fetched {
            Some(at) => format!("Last fetched {}.", dates::relative(at)),
            None => "Not fetched yet.".to_string(),
        };
        let retry = item.retry_at.map(|at| format!(" Next try {}.", dates::relative(at)));
        Some(
            view! {
                <div class="fetch-info">
                    <p class="hint source">{source}</p>
                    <p class="hint">{fetched}{retry}</p>
                    {item.error.map(|e| view! { <p class="field-error">{e}</p> })}
                </div>
            }
            .into_any(),
        )
    }
}

/// Export of subscriptions and backups, below the feed list.
#[component]
pub fn LibraryTools() -> impl IntoView {
    let shown = expect_context::<Shown>();
    view! {
        <div class="library-tools">
            <button type="button" class="link-button" on:click=move |_| shown.export(Export::Opml)>"Export subscriptions (OPML)"</button>
            <button type="button" class="link-button" on:click=move |_| shown.export(Export::Backup)>"Back up everything (JSON)"</button>
            <button type="button" class="link-button" on:click=move |_| shown.export(Export::SharedFeed)>"Download shared stories (Atom)"</button>
            <p class="hint">"Open or drop an OPML or backup file with + Add feed to import it."</p>
        </div>
    }
}
