//! Settings → Account: connect the reader to the person's own server (FreshRSS or another
//! Google Reader API server, or Miniflux), see how it stands (last synced, changes waiting), sync now,
//! reconnect when the server refuses the saved login, or disconnect.

use leptos::prelude::*;

use super::dates::relative;
use super::Shown;
use crate::core::sync::{AccountView, Connection, Dialect};
use crate::protocol::{plural, Command};

#[component]
pub fn Accounts() -> impl IntoView {
    let shown = expect_context::<Shown>();
    view! {
        <fieldset class="trainer-rules accounts">
            <legend>"Your feed server"</legend>
            {move || match shown.account.get() {
                None => view! { <ConnectForm/> }.into_any(),
                Some(account) => view! { <Connected account/> }.into_any(),
            }}
            {move || shown.connection.get().map(|c| {
                let class = match c {
                    Connection::Failed(_) => "field-error",
                    _ => "hint",
                };
                view! { <p class=class role="status" id="connection">{c.to_string()}</p> }
            })}
        </fieldset>
    }
}

/// The kind of server, its address, and the user name and API password (Google Reader) or
/// the API key (Miniflux).
#[component]
fn ConnectForm() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let (address, user, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let kind = RwSignal::new(Dialect::GReader);
    let greader = move || kind.get() == Dialect::GReader;
    let connect = move || {
        let (dialect, address, user, secret) =
            (kind.get_untracked(), address.get_untracked(), user.get_untracked(), password.get_untracked());
        if address.trim().is_empty() || (dialect == Dialect::GReader && user.trim().is_empty()) || secret.trim().is_empty() {
            return;
        }
        password.set(String::new());
        shown.send(Command::Connect { dialect, address, user, password: secret });
    };
    let enter = move |e: leptos::ev::KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            connect();
        }
    };
    view! {
        <p class="hint">
            "Read what your FreshRSS or Miniflux (or another Google Reader API server) fetches, with read and starred "
            "state kept in step with your other devices. The server fetches every feed, so no site's CORS rules matter."
        </p>
        <label for="account-kind">"Server"</label>
        <select id="account-kind" on:change=move |e| kind.set(if event_target_value(&e) == "miniflux" { Dialect::Miniflux } else { Dialect::GReader })>
            <option value="greader">"FreshRSS, or another Google Reader API server"</option>
            <option value="miniflux">"Miniflux"</option>
        </select>
        <label for="account-address">"Address of the server, or of its API"</label>
        <input id="account-address" type="text" inputmode="url" spellcheck="false" autocomplete="url" placeholder="rss.example.org"
            prop:value=move || address.get() on:input=move |e| address.set(event_target_value(&e)) on:keydown=enter/>
        <Show when=greader>
            <label for="account-user">"User name"</label>
            <input id="account-user" type="text" spellcheck="false" autocomplete="username"
                prop:value=move || user.get() on:input=move |e| user.set(event_target_value(&e)) on:keydown=enter/>
        </Show>
        <label for="account-password">{move || if greader() { "API password" } else { "API key" }}</label>
        <input id="account-password" type="password" autocomplete="current-password"
            prop:value=move || password.get() on:input=move |e| password.set(event_target_value(&e)) on:keydown=enter/>
        <p class="hint">{move || if greader() {
            "FreshRSS: set it under Settings → Profile → API management (it is not your login password). It is kept on this device only as the token the server gives."
        } else {
            "Miniflux (2.3.2 or later): Settings → API Keys → Create a new API key. It is kept on this device only, in the reader's own storage."
        }}</p>
        <div class="account-actions">
            <button type="button" class="primary" on:click=move |_| connect()>"Connect"</button>
        </div>
    }
}

/// How the account stands, and what can be done with it.
#[component]
fn Connected(account: AccountView) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let confirming = RwSignal::new(false);
    let forget = RwSignal::new(true);
    let password = RwSignal::new(String::new());
    let (api, user, dialect) = (account.api.clone(), account.user.clone(), account.dialect);
    let secret_name = if dialect == Dialect::Miniflux { "API key" } else { "API password" };
    let reconnect = move || {
        let secret = password.get_untracked();
        if secret.is_empty() {
            return;
        }
        password.set(String::new());
        shown.send(Command::Connect { dialect, address: api.clone(), user: user.clone(), password: secret });
    };
    let reconnect_button = reconnect.clone();
    let synced = match account.synced {
        Some(at) => format!("Last synced {}.", relative(at)),
        None => "Not synced yet.".to_string(),
    };
    let waiting = (account.waiting > 0).then(|| format!(" {} waiting to be sent.", plural(account.waiting, "change", "changes")));
    let server = account.server.clone();
    view! {
        <p class="account-state">"Connected to " <strong>{account.server.clone()}</strong> " as " {account.user.clone()} ". " {synced} {waiting}</p>
        {move || shown.syncing.get().map(|s| view! { <p class="hint" role="status">{format!("Syncing {} of {} entries…", s.done, s.of)}</p> })}
        {move || shown.sync_error.get().filter(|_| !account.refused).map(|e| view! { <p class="field-error" role="alert">{e.to_string()}</p> })}
        {account.refused.then(|| view! {
            <p class="field-error" role="alert">{format!("{server} no longer accepts the saved login (its {secret_name} may have changed). Enter the {secret_name} to reconnect; what waits is kept.")}</p>
            <label for="account-password">{secret_name}</label>
            <input id="account-password" type="password" autocomplete="current-password"
                prop:value=move || password.get() on:input=move |e| password.set(event_target_value(&e))
                on:keydown=move |e| if e.key() == "Enter" { e.prevent_default(); reconnect(); }/>
        })}
        {move || {
            let local = shown.feeds.with(|feeds| feeds.iter().filter(|f| !f.account && f.source.is_some()).count());
            let server = account.server.clone();
            (local > 0 && !account.refused).then(|| view! {
                <p class="hint">
                    {format!("This device also follows {} of its own. ", plural(local, "feed", "feeds"))}
                    <button type="button" class="link-button" on:click=move |_| shown.send(Command::MoveToServer)>{format!("Add them to {server}")}</button>
                    " : the server fetches them from then on, and each leaves this device once it is there (its read state here does not move)."
                </p>
            })
        }}
        <div class="account-actions">
            {account.refused.then(|| view! { <button type="button" class="primary" on:click=move |_| reconnect_button()>"Reconnect"</button> })}
            <button type="button" on:click=move |_| shown.send(Command::Sync)>"Sync now"</button>
            <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Disconnect…"</button>
        </div>
        <Show when=move || confirming.get()>
            <div class="confirm" role="group" aria-label="Disconnect">
                <p>"Disconnect? The saved login is forgotten here; nothing changes on the server."</p>
                <label class="check">
                    <input type="checkbox" prop:checked=move || forget.get() on:change=move |e| forget.set(event_target_checked(&e))/>
                    " Also remove its feeds and entries from this device"
                </label>
                <div class="account-actions">
                    <button type="button" class="danger" on:click=move |_| { confirming.set(false); shown.send(Command::Disconnect { forget_entries: forget.get_untracked() }) }>"Disconnect"</button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </div>
            </div>
        </Show>
    }
}
