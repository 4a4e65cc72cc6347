//! A first visit's first screen, before the engine is there: `boot.js` fetched a recording of
//! the engine's first answer to a new device (the sample's sidebar and list, made at build
//! time by the engine itself: see `engine::tests`), and the page shows it while the engine is
//! still loading. The engine's own answer then comes and replaces it, the same.

use js_sys::{ArrayBuffer, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::Shown;
use crate::protocol::{decode, Event};

/// Where `boot.js` looks to know the reader has run here before.
const STARTED_KEY: &str = "feedreader.started";

/// Shows the recording `boot.js` fetched, if this is a first visit and the engine has not
/// answered yet.
pub fn show_recording(shown: Shown) {
    let Some(window) = web_sys::window() else { return };
    let Some(fetching) = Reflect::get(&window, &"feedreaderFirstVisit".into()).ok().and_then(|p| p.dyn_into::<Promise>().ok()) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(buffer) = JsFuture::from(fetching).await else { return };
        let Some(buffer) = buffer.dyn_ref::<ArrayBuffer>() else { return };
        let Ok(answer) = decode::<Vec<Event>>(&Uint8Array::new(buffer).to_vec()) else { return };
        for event in answer {
            // Only until the engine speaks for itself.
            if !shown.alive() || shown.ready.get_untracked() {
                return;
            }
            match event {
                Event::Ready { settings, feeds, counts } => {
                    shown.settings.set(settings);
                    shown.feeds.set(feeds);
                    shown.counts.set(counts);
                }
                listed @ Event::Listed(_) => shown.apply(listed),
                _ => {}
            }
            // The sidebar and the list each in a task of its own (see `page::App`).
            super::next_task().await;
        }
    });
}

/// Whether the reader has run here before (the engine has answered once).
pub fn has_started() -> bool {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    storage.and_then(|s| s.get_item(STARTED_KEY).ok().flatten()).is_some()
}

/// The engine answered: the next visit is not a first one.
pub fn remember() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(STARTED_KEY, "1");
    }
}
