//! The settings panel: the theme, how often feeds are refreshed, and the CORS proxy used for
//! sites that do not let other pages read their feeds; and the top bar's Refresh button.

use leptos::prelude::*;

use super::Shown;
use crate::core::fetching::through_proxy;
use crate::core::library::Preference;

/// Refresh intervals offered, in minutes (0 = only when asked).
const INTERVALS: [(u32, &str); 6] = [
    (0, "Only when I ask"),
    (15, "Every 15 minutes"),
    (30, "Every 30 minutes"),
    (60, "Every hour"),
    (180, "Every 3 hours"),
    (720, "Every 12 hours"),
];

/// Ages after which entries are marked read, in days (0 = never), as NewsBlur and Miniflux
/// offer them; starred entries are never marked.
pub const READ_AFTER: [(u32, &str); 7] = [
    (0, "Never"),
    (1, "Older than a day"),
    (3, "Older than 3 days"),
    (7, "Older than a week"),
    (14, "Older than 2 weeks"),
    (30, "Older than 30 days"),
    (90, "Older than 90 days"),
];

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let proxy = RwSignal::new(shown.settings.with_untracked(|s| s.cors_proxy.clone().unwrap_or_default()));
    let problem = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let template = proxy.get_untracked().trim().to_string();
        if !template.is_empty() {
            if let Err(message) = through_proxy(&template, "https://example.com/feed.xml") {
                problem.set(Some(message));
                return;
            }
        }
        problem.set(None);
        shown.set(Preference::CorsProxy(Some(template)));
        shown.settings_open.set(false);
    };
    let choose_interval = move |ev: leptos::ev::Event| {
        if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
            shown.set(Preference::RefreshMinutes(minutes));
        }
    };
    view! {
        <form class="settings-panel" id="settings" role="region" aria-label="Settings" on:submit=save>
            <h2>"Settings"</h2>
            <super::theme::ThemeChoice/>
            <label for="refresh-every">"Refresh feeds"</label>
            <select id="refresh-every" on:change=choose_interval>
                {INTERVALS.into_iter().map(|(minutes, label)| view! {
                    <option value=minutes.to_string() selected=move || shown.settings.with(|s| s.refresh_minutes == minutes)>{label}</option>
                }).collect_view()}
            </select>
            <p class="hint">"Only while this page is open and visible."</p>
            <label for="read-after">"Mark entries read"</label>
            <select id="read-after" on:change=move |ev| {
                if let Ok(days) = event_target_value(&ev).parse::<u32>() {
                    shown.set(Preference::ReadAfterDays(days));
                }
            }>
                {READ_AFTER.into_iter().map(|(days, label)| view! {
                    <option value=days.to_string() selected=move || shown.settings.with(|s| s.read_after_days == days)>{label}</option>
                }).collect_view()}
            </select>
            <p class="hint">"Starred entries stay as they are. A feed's ⋯ can set its own."</p>
            <label for="sharer">"Your name on shared stories"</label>
            <input id="sharer" type="text" autocomplete="nickname" placeholder="A reader"
                prop:value=move || shown.settings.with(|s| s.sharer.clone())
                on:change=move |e| shown.set(Preference::Sharer(event_target_value(&e)))/>
            <p class="hint">"Shown as who shared each story in your shared feed."</p>
            <label for="cors-proxy">"CORS proxy (optional)"</label>
            <input id="cors-proxy" type="text" inputmode="url" spellcheck="false" placeholder="https://proxy.example/?url={url}"
                prop:value=move || proxy.get() on:input=move |e| proxy.set(event_target_value(&e))/>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <p class="hint">
                "Most sites do not let other web pages read their feeds, so the browser hides the answer. A CORS proxy "
                "fetches the feed for the reader and adds the permission. It is used only after a direct request was "
                "refused, and the proxy's owner sees every address fetched through it. "
                "{url} stands for the feed's address; without it, the address is added at the end."
            </p>
            <label class="check">
                <input type="checkbox" prop:checked=move || shown.settings.with(|s| s.mark_on_scroll)
                    on:change=move |e| { let on = event_target_checked(&e); shown.set(Preference::MarkOnScroll(on)) }/>
                " Mark entries read as they scroll past the top of the list"
            </label>
            <super::accounts::Accounts/>
            <super::trainer::TrainerRules/>
            <super::filters::FilterRules/>
            <super::installed::FeedLinks/>
            <div class="settings-actions">
                <button type="submit" class="primary">"Save"</button>
                <button type="button" on:click=move |_| shown.settings_open.set(false)>"Close"</button>
            </div>
        </form>
    }
}

/// "↻ Refresh" for every feed, with progress while it runs.
#[component]
pub fn RefreshButton() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let label = move || match shown.progress.get() {
        Some((done, total)) => format!("Refreshing {done} of {total}…"),
        None => String::new(),
    };
    view! {
        <button type="button" class="refresh" aria-live="polite" title="Fetch every feed again (r)" aria-label=move || shown.progress.get().map(|(d, t)| format!("Refreshing {d} of {t}")).unwrap_or_else(|| "Refresh all feeds".into())
            aria-busy=move || shown.progress.with(Option::is_some).to_string()
            on:click=move |_| shown.refresh_all()>
            {move || match shown.progress.with(Option::is_some) {
                true => view! { <span class="spinner" aria-hidden="true"></span> }.into_any(),
                false => view! { <span aria-hidden="true">"↻"</span><span class="refresh-label">"Refresh"</span> }.into_any(),
            }}
            {label}
        </button>
        <button type="button" class="settings-toggle" aria-expanded=move || shown.settings_open.get().to_string()
            aria-controls="settings" on:click=move |_| shown.settings_open.update(|o| *o = !*o)>"Settings"</button>
    }
}
