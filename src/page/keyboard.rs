//! Keyboard shortcuts on the whole page, and the "?" help that lists them.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::keymap::{Key, Keymap, SHORTCUTS};
use super::Shown;

/// True while the reader is typing somewhere: keys then belong to the field.
fn typing(event: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    let tag = element.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select") || element.is_content_editable()
}

/// Listens for shortcuts while mounted.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let keymap = Rc::new(RefCell::new(Keymap::default()));
    let listener = window_event_listener(ev::keydown, move |event| {
        if event.default_prevented() || typing(&event) {
            return;
        }
        // Enter on a focused button or link is that control's own click.
        let key = event.key();
        if key == "Enter" && event.target().and_then(|t| t.dyn_into::<web_sys::HtmlButtonElement>().ok()).is_some() {
            return;
        }
        let pressed = Key { key: &key, ctrl: event.ctrl_key(), meta: event.meta_key(), alt: event.alt_key() };
        let Some(action) = keymap.borrow_mut().press(pressed) else { return };
        event.prevent_default();
        shown.perform(action);
    });
    on_cleanup(move || listener.remove());

    view! {
        <Show when=move || shown.help.get()>
            <div class="dialog-backdrop" on:click=move |_| shown.help.set(false)>
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title"
                    on:click=|e| e.stop_propagation()>
                    <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                    <dl class="shortcuts">
                        {SHORTCUTS.iter().map(|(keys, what)| view! { <dt><kbd>{*keys}</kbd></dt><dd>{*what}</dd> }).collect_view()}
                    </dl>
                    <button type="button" class="close-dialog" autofocus on:click=move |_| shown.help.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}
