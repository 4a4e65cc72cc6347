//! The line under the top bar that says what just happened, with "Undo" where it applies, and
//! the one that says how much of a big change is saved while it is being saved.

use leptos::prelude::*;

use super::words::thousands;
use super::Shown;

/// The outcome of the last action.
#[component]
pub fn StatusLine() -> impl IntoView {
    let shown = expect_context::<Shown>();
    move || {
        shown.status.get().map(|status| {
            let (text, error, undo) = (status.text(), status.is_error(), status.undo);
            let class = if error { "status error" } else { "status ok" };
            let role = if error { "alert" } else { "status" };
            let undo = undo.map(|number| {
                view! {
                    <button type="button" class="link-button undo" on:click=move |_| { shown.status.set(None); shown.undo(number) }>"Undo"</button>
                }
            });
            view! {
                <div class=class role=role>
                    <span class="status-text">{text}</span>
                    <span class="status-actions">
                        {undo}
                        <button type="button" class="link-button" on:click=move |_| shown.status.set(None)>"Dismiss"</button>
                    </span>
                </div>
            }
        })
    }
}

/// "Saving 41,000 of 90,025 entries…" while a big change is saved in parts; meanwhile the
/// browser asks before the page is closed or reloaded, since what is not saved yet would be
/// lost (what is saved stays, and the next start says what was not).
#[component]
pub fn SavingLine() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let leaving = window_event_listener(leptos::ev::beforeunload, move |event| {
        if shown.saving.with_untracked(Option::is_some) {
            event.prevent_default();
            // Older browsers ask only when a return value is set.
            let _ = js_sys::Reflect::set(&event, &"returnValue".into(), &"".into());
        }
    });
    on_cleanup(move || leaving.remove());
    move || {
        shown.saving.get().map(|saving| {
            let text = format!("Saving {} of {} entries…", thousands(saving.done), thousands(saving.of));
            view! {
                <div class="status saving" role="status" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    <span class="status-text">{text}</span>
                </div>
            }
        })
    }
}
