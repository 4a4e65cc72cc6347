//! Tells the engine whether anyone can see the page and whether the device is online: it
//! refreshes feeds on a timer only then (a worker cannot see either by itself).

use leptos::prelude::*;

use super::Shown;
use crate::protocol::Command;

fn tell(shown: Shown) {
    let Some(window) = web_sys::window() else { return };
    let visible = window.document().is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
    shown.send(Command::Presence { visible, online: window.navigator().on_line() });
}

/// Mounted once by the App; renders nothing.
#[component]
pub fn Presence() -> impl IntoView {
    let shown = expect_context::<Shown>();
    tell(shown);
    let visible = window_event_listener(leptos::ev::visibilitychange, move |_| tell(shown));
    let online = window_event_listener(leptos::ev::online, move |_| tell(shown));
    let offline = window_event_listener(leptos::ev::offline, move |_| tell(shown));
    on_cleanup(move || {
        visible.remove();
        online.remove();
        offline.remove();
    });
}
