//! The line under the top bar that says what just happened, with "Undo" where it applies.

use leptos::prelude::*;

use super::Shown;
use crate::protocol::Status;

/// The outcome of the last action.
#[component]
pub fn StatusLine() -> impl IntoView {
    let shown = expect_context::<Shown>();
    move || {
        shown.status.get().map(|Status { text, error, undo }| {
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
