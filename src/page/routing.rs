//! Keeps the address in step with where the reader is (`#/feed/ID/entry/KEY`), so back and
//! forward move between places and a reload lands in the same one.

use leptos::ev;
use leptos::prelude::*;

use super::Shown;
use crate::page::route::Route;

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// Mounted once by the App; renders nothing.
#[component]
pub fn Routing() -> impl IntoView {
    let shown = expect_context::<Shown>();
    // State → address. Setting the same hash again adds no history entry and fires no event.
    Effect::new(move |_| {
        let route = Route { scope: shown.view.with(|v| v.scope.clone()), entry: shown.selected.get(), saved: shown.current_saved() };
        if let Some(location) = location() {
            let hash = route.to_hash();
            if location.hash().ok().as_deref() != Some(hash.as_str()) {
                let _ = location.set_hash(&hash);
            }
        }
    });
    // Address → state, when the reader goes back or forward or edits the address.
    let listener = window_event_listener(ev::hashchange, move |_| {
        let Some(hash) = location().and_then(|l| l.hash().ok()) else { return };
        let route = Route::parse(&hash);
        match &route.saved {
            Some(name) if shown.current_saved().as_deref() != Some(name.as_str()) => {
                shown.show_saved(name);
            }
            Some(_) => {}
            None if shown.view.with_untracked(|v| v.scope != route.scope) => shown.show(route.scope),
            None => {}
        }
        if shown.selected.get_untracked() != route.entry {
            match route.entry {
                Some(key) => shown.open(key),
                None => shown.selected.set(None),
            }
        }
    });
    on_cleanup(move || listener.remove());
}
