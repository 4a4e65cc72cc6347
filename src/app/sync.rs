//! Two tabs open at once: what one saves, the other merges in (the `storage` event fires in
//! every other document of the same origin). Merging is a union, so nothing either tab did is
//! lost.

use leptos::ev;
use leptos::prelude::*;

use super::Reader;
use crate::core::library::Library;
use crate::web::cache;
use crate::web::storage::{self, FEEDS_KEY, READ_KEY, STARRED_KEY};

/// Mounted once by the App; renders nothing.
#[component]
pub fn TabSync() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let listener = window_event_listener(ev::storage, move |event| {
        let Some(key) = event.key() else { return };
        if ![FEEDS_KEY, READ_KEY, STARRED_KEY].contains(&key.as_str()) {
            return;
        }
        let loaded = storage::load();
        let theirs = Library::new(loaded.subscriptions.unwrap_or_default(), loaded.read, loaded.starred);
        reader.library.update(|ours| ours.merge(theirs));
        if key == FEEDS_KEY && cache::is_open() {
            // A feed the other tab added has its entries in the shared cache.
            leptos::task::spawn_local(async move {
                if let Some(feeds) = cache::load_all_kept().await {
                    reader.library.update(|l| {
                        for (id, entries) in feeds {
                            l.restore_entries(&id, entries);
                        }
                    });
                }
            });
        }
    });
    on_cleanup(move || listener.remove());
}
