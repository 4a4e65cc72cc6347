//! Tells the engine whether anyone can see the page and whether the device is online: it
//! refreshes feeds on a timer only then (a worker cannot see either by itself).

use leptos::prelude::*;

use super::link::Link;
use crate::protocol::Command;

fn tell() {
    let Some(window) = web_sys::window() else { return };
    let visible = window.document().is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
    Link::send(Command::Presence { visible, online: window.navigator().on_line() });
}

/// Mounted once by the App; renders nothing.
#[component]
pub fn Presence() -> impl IntoView {
    tell();
    let visible = window_event_listener(leptos::ev::visibilitychange, move |_| tell());
    let online = window_event_listener(leptos::ev::online, move |_| tell());
    let offline = window_event_listener(leptos::ev::offline, move |_| tell());
    on_cleanup(move || {
        visible.remove();
        online.remove();
        offline.remove();
    });
}
