//! The line under the top bar that says what just happened, with "Undo" where it applies.

use leptos::prelude::*;

use super::{Reader, Status};

/// The outcome of the last action.
#[component]
pub fn StatusLine() -> impl IntoView {
    let reader = expect_context::<Reader>();
    move || {
        reader.status.get().map(|Status { text, error, undo }| {
            let class = if error { "status error" } else { "status ok" };
            let role = if error { "alert" } else { "status" };
            let undo = undo.map(|undo| {
                view! {
                    <button type="button" class="link-button undo" on:click=move |_| reader.undo(undo.clone())>"Undo"</button>
                }
            });
            view! {
                <div class=class role=role>
                    <span class="status-text">{text}</span>
                    <span class="status-actions">
                        {undo}
                        <button type="button" class="link-button" on:click=move |_| reader.status.set(None)>"Dismiss"</button>
                    </span>
                </div>
            }
        })
    }
}

