//! Adding a feed by pasting its document. Fetching by address will join this dialog.

use leptos::prelude::*;

use super::Reader;
use crate::core::read_feed;
use crate::web::text_decoder::parse_options;

/// What happened to the last document the reader tried to add.
#[derive(Clone, PartialEq)]
enum Outcome {
    Added(String),
    Failed(String),
}

#[component]
pub fn AddFeed() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let document = text.get_untracked();
        if document.trim().is_empty() {
            outcome.set(Some(Outcome::Failed("Paste the feed's XML or JSON first.".into())));
            return;
        }
        match read_feed(document.as_bytes(), &parse_options(None, None)) {
            Ok(feed) => {
                let title = feed.title.clone().unwrap_or_else(|| "the feed".into());
                let count = feed.entries.len();
                let warnings = feed.diagnostics.len();
                reader.add_feed(feed, None);
                let mut message = format!("Added {title}: {count} entries.");
                if warnings > 0 {
                    message.push_str(&format!(" {warnings} problems in the document were worked around."));
                }
                outcome.set(Some(Outcome::Added(message)));
                text.set(String::new());
            }
            Err(error) => outcome.set(Some(Outcome::Failed(format!("This is not a feed the reader can use: {error}")))),
        }
    };

    view! {
        <button type="button" class="add-toggle" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            "+ Add feed"
        </button>
        <Show when=move || open.get()>
            <form class="add-feed" on:submit=add>
                <label for="feed-text">"Paste the feed's XML (RSS, Atom or RDF) or JSON Feed"</label>
                <textarea id="feed-text" rows="8" spellcheck="false"
                    placeholder="<rss version=\"2.0\">…"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <div class="add-actions">
                    <button type="submit" class="primary">"Add feed"</button>
                    <button type="button" on:click=move |_| { open.set(false); outcome.set(None); }>"Close"</button>
                </div>
                {move || outcome.get().map(|o| match o {
                    Outcome::Added(m) => view! { <p class="outcome ok" role="status">{m}</p> }.into_any(),
                    Outcome::Failed(m) => view! { <p class="outcome error" role="alert">{m}</p> }.into_any(),
                })}
            </form>
        </Show>
    }
}
