//! Dropping feed files anywhere on the page adds them.

use leptos::ev;
use leptos::prelude::*;

use super::files::files_of;
use super::Shown;

/// Listens on the whole window; shows an outline while a file is dragged over the page.
#[component]
pub fn DropZone() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let dragging = RwSignal::new(false);
    let has_files = |e: &web_sys::DragEvent| e.data_transfer().map(|d| d.types().includes(&"Files".into(), 0)).unwrap_or(false);
    let over = window_event_listener(ev::dragover, move |e| {
        if has_files(&e) {
            // Without this the browser would open the file instead of handing it to us.
            e.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(ev::dragleave, move |e| {
        // Leaving the window reports no related target.
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |e| {
        dragging.set(false);
        let Some(transfer) = e.data_transfer() else { return };
        let files = files_of(transfer.files());
        if !files.is_empty() {
            e.prevent_default();
            shown.add_files(files);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true"><p>"Drop feed files to add them"</p></div>
        </Show>
    }
}
