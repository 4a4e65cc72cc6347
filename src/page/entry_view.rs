//! The reading pane: the open entry's title (linking to the original), feed, authors, date,
//! categories, attachments and its sanitized content, with previous / next.

use leptos::prelude::*;

use super::{dates, Reading, Shown};
use crate::core::keys::EntryKey;
use crate::core::{Enclosure, SafeHtml};
use crate::protocol::{Article, Command};

#[component]
pub fn EntryView() -> impl IntoView {
    let shown = expect_context::<Shown>();
    // The article, once its whole text has come from the engine (within a frame or two).
    let article = Memo::new(move |_| shown.article.with(|a| a.as_ref().map(|a| (a.key, a.title.clone()))));

    // A newly opened entry starts at its top, whichever pane was scrolled before. On a phone
    // the list it was opened from is hidden, so focus follows into the article (and back to
    // the entry's row when the reader returns to the list).
    let pane = NodeRef::<leptos::html::Main>::new();
    Effect::new(move |previous: Option<Option<EntryKey>>| {
        let selected = shown.selected.get();
        // On the first run nothing was opened before (and scrolling now would make the
        // browser lay the page out while it is being built).
        if let (Some(pane), Some(previous)) = (pane.get(), previous) {
            pane.set_scroll_top(0);
            if one_pane_at_a_time() {
                match (selected, previous) {
                    (Some(_), _) => {
                        let _ = pane.focus();
                    }
                    (None, Some(left)) => focus_row(left),
                    (None, None) => {}
                }
            }
        }
        selected
    });

    view! {
        <main class="reader" aria-label="Article" node_ref=pane tabindex="-1"
            aria-busy=move || (shown.selected.with(Option::is_some) && article.with(Option::is_none)).to_string()>
            {move || match (shown.selected.get(), article.get()) {
                (None, _) => view! { <p class="empty">"Choose an entry to read it here."</p> }.into_any(),
                (Some(key), Some((shown_key, _))) if key == shown_key => {
                    shown.article.with_untracked(|a| a.clone()).map(|entry| view! { <ArticleView entry/> }.into_any()).unwrap_or_else(|| ().into_any())
                }
                // Its text is on the way.
                (Some(_), _) => ().into_any(),
            }}
        </main>
    }
}

#[component]
fn ArticleView(entry: Article) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let key = entry.key;
    let for_trainer = entry.clone();
    let is_read = move || shown.article.with(|a| a.as_ref().is_some_and(|a| a.key == key && a.read));
    let is_starred = move || shown.article.with(|a| a.as_ref().is_some_and(|a| a.key == key && a.starred));
    let has_link = entry.link.is_some();
    let sharing = RwSignal::new(false);
    let is_shared = move || shown.settings.with(|s| s.shares.iter().any(|share| share.key == key));
    let updated = entry.updated;
    let title = match entry.link.clone() {
        Some(link) => view! {
            <a href=link target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">{entry.title}</a>
        }
        .into_any(),
        None => entry.title.into_view().into_any(),
    };
    let byline = (!entry.authors.is_empty()).then(|| format!("by {}", entry.authors.join(", ")));
    let sharer = entry.shared.as_ref().map(|s| match &s.from {
        Some(from) => format!("Shared by {} from {from}", s.by),
        None => format!("Shared by {}", s.by),
    });
    let body = entry.body;
    let comment = entry.shared.and_then(|s| s.comment.map(|c| (s.by, c)));
    let categories = (!entry.categories.is_empty()).then(|| {
        view! {
            <ul class="categories" aria-label="Categories">
                {entry.categories.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
        }
    });
    let enclosures = (!entry.enclosures.is_empty()).then(|| {
        view! {
            <section class="enclosures" aria-label="Attachments">
                {entry.enclosures.into_iter().map(|e| view! { <Attachment enclosure=e/> }).collect_view()}
            </section>
        }
    });
    view! {
        <article>
            <div class="article-nav">
                <button type="button" class="back" on:click=move |_| shown.selected.set(None)>"← Back to the list"</button>
                <button type="button" class="step" aria-label="Previous entry" title="Previous entry (k)"
                    on:click=move |_| shown.step(-1, true)>"↑ Previous"</button>
                <button type="button" class="step" aria-label="Next entry" title="Next entry (j)"
                    on:click=move |_| shown.step(1, true)>"↓ Next"</button>
            </div>
            <header class="article-head">
                <h2 class="article-title">{title}</h2>
                <p class="article-meta">
                    <span class="article-feed">{entry.feed}</span>
                    {byline.map(|b| view! { <span class="article-author">{b}</span> })}
                    {sharer.map(|s| view! { <span class="article-shared">{s}</span> })}
                    {updated.then(|| view! { <span class="article-updated">"Updated"</span> })}
                    {entry.date.map(|d| view! {
                        <time datetime=dates::machine_date_time(d)>{dates::local_date_time(d)}</time>
                    })}
                </p>
                {categories}
                <div class="article-actions">
                    <button type="button" class="toggle-read" title="Mark read / unread (m)"
                        on:click=move |_| shown.set_read(key, !is_read())>
                        {move || if is_read() { "Mark as unread" } else { "Mark as read" }}
                    </button>
                    <button type="button" class="toggle-star" title="Star / unstar (s)" aria-pressed=move || is_starred().to_string()
                        on:click=move |_| shown.set_starred(key, !is_starred())>
                        {move || if is_starred() { "★ Starred" } else { "☆ Star" }}
                    </button>
                    {updated.then(|| view! {
                        <button type="button" class="toggle-changes" title="What the latest version of this entry changed"
                            aria-pressed=move || matches!(shown.reading.get(), Reading::ChangesAsked | Reading::Changes(_)).to_string()
                            on:click=move |_| shown.toggle_changes()>
                            {move || if matches!(shown.reading.get(), Reading::ChangesAsked | Reading::Changes(_)) { "Hide changes" } else { "Show changes" }}
                        </button>
                    })}
                    {has_link.then(|| view! {
                        <button type="button" class="toggle-text" title="Text view: the whole article from its page (x)"
                            aria-pressed=move || matches!(shown.reading.get(), Reading::Text | Reading::Loading).to_string()
                            on:click=move |_| shown.toggle_text()>
                            {move || if matches!(shown.reading.get(), Reading::Text | Reading::Loading) { "Feed text" } else { "Text" }}
                        </button>
                    })}
                    <button type="button" class="toggle-share" title="Share this story in your own feed, with a comment"
                        aria-expanded=move || sharing.get().to_string() aria-pressed=move || is_shared().to_string()
                        on:click=move |_| sharing.update(|open| *open = !*open)>
                        {move || if is_shared() { "Shared ✓" } else { "Share…" }}
                    </button>
                    <button type="button" class="toggle-trainer" title="Like or dislike what this entry is about (t)"
                        aria-expanded=move || shown.trainer.get().to_string()
                        on:click=move |_| shown.trainer.update(|open| *open = !*open)>"Train…"</button>
                    <button type="button" class="mark-above" title="Mark everything above this entry as read (Shift+K)"
                        on:click=move |_| shown.mark_beside(true)>"↑ Read above"</button>
                    <button type="button" class="mark-below" title="Mark everything below this entry as read (Shift+J)"
                        on:click=move |_| shown.mark_beside(false)>"↓ Read below"</button>
                </div>
            </header>
            <Show when=move || sharing.get()>
                <ShareForm key sharing/>
            </Show>
            <Show when=is_starred>
                <TagEditor key/>
            </Show>
            <Show when=move || shown.trainer.get()>
                <super::trainer::Trainer entry=for_trainer.clone()/>
            </Show>
            {enclosures}
            {comment.map(|(by, said)| view! {
                <blockquote class="shared-comment" aria-label=format!("{by}'s comment")>{said}</blockquote>
            })}
            {move || {
                let whole = shown.article.with_untracked(|a| a.as_ref().filter(|a| a.key == key).and_then(|a| a.text.clone()));
                match (shown.reading.get(), whole) {
                    (Reading::Changes(Some(changes)), _) => view! {
                        <div class="changes" aria-label="Changes in the latest version">
                            <p class="text-status" role="status">{changes_summary(&changes)}</p>
                            <ArticleBody body=changes.html/>
                        </div>
                    }.into_any(),
                    (Reading::Text, Some(text)) => view! {
                        <div class="whole-article" aria-label="The whole article">
                            {text.byline.map(|b| view! { <p class="text-byline">{b}</p> })}
                            <ArticleBody body=text.content/>
                        </div>
                    }.into_any(),
                    (reading, _) => view! {
                        {match reading {
                            Reading::Loading => Some(view! { <p class="text-status" role="status">"Reading the whole article from its page…"</p> }.into_any()),
                            Reading::ChangesAsked => Some(view! { <p class="text-status" role="status">"Comparing with the earlier version…"</p> }.into_any()),
                            Reading::Failed(why) => Some(view! { <p class="text-status text-problem" role="alert">{why}</p> }.into_any()),
                            Reading::Changes(None) => Some(view! {
                                <p class="text-status text-problem" role="alert">"The earlier version could not be read, so its changes cannot be shown."</p>
                            }.into_any()),
                            _ => None,
                        }}
                        {body.clone().map(|body| view! { <ArticleBody body/> })}
                    }.into_any(),
                }
            }}
        </article>
    }
}

/// Sharing a story in the reader's own feed: a comment (optional), Share or Update, Unshare.
#[component]
fn ShareForm(key: EntryKey, sharing: RwSignal<bool>) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let shared = move || shown.settings.with(|s| s.shares.iter().find(|share| share.key == key).map(|share| share.comment.clone()));
    let comment = RwSignal::new(shared().flatten().unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.send(Command::Share { key, comment: Some(comment.get_untracked()) });
        sharing.set(false);
    };
    view! {
        <form class="share-form" on:submit=submit>
            <label for="share-comment">"Your comment (optional)"</label>
            <textarea id="share-comment" rows="3" placeholder="Why it is worth reading"
                prop:value=move || comment.get() on:input=move |e| comment.set(event_target_value(&e))></textarea>
            <div class="settings-actions">
                <button type="submit" class="primary">{move || if shared().is_some() { "Update" } else { "Share" }}</button>
                <Show when=move || shared().is_some()>
                    <button type="button" class="unshare" on:click=move |_| {
                        shown.send(Command::Unshare(key));
                        sharing.set(false);
                    }>"Unshare"</button>
                </Show>
            </div>
        </form>
    }
}

/// A starred entry's tags (NewsBlur's saved-story tags): typed comma-separated, saved when the
/// field is left or Enter is pressed; the tags already in use are offered.
#[component]
fn TagEditor(key: EntryKey) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let current =
        move || shown.settings.with(|s| s.tags.iter().find(|(k, _)| *k == key).map(|(_, tags)| tags.join(", ")).unwrap_or_default());
    let save = move |value: String| {
        if value != current() {
            shown.send(Command::Tag { key, tags: vec![value] });
        }
    };
    view! {
        <div class="entry-tags">
            <label for="entry-tags">"Tags"</label>
            <input id="entry-tags" type="text" list="tag-names" placeholder="e.g. rust, to read" autocomplete="off"
                prop:value=current
                on:change=move |e| save(event_target_value(&e))
                on:keydown=move |e| if e.key() == "Enter" { save(event_target_value(&e)) }/>
            <datalist id="tag-names">
                {move || shown.counts.with(|c| c.tags.iter().map(|(tag, _)| view! { <option value=tag.clone()></option> }).collect_view())}
            </datalist>
        </div>
    }
}

/// "12 words added and 3 removed in the latest version."
fn changes_summary(changes: &crate::core::changes::Changes) -> String {
    let words = |n: usize| if n == 1 { "1 word".to_string() } else { format!("{n} words") };
    match (changes.added, changes.removed) {
        (0, 0) => "The latest version changed no words (only its markup or links).".into(),
        (added, 0) => format!("{} added in the latest version.", words(added)),
        (0, removed) => format!("{} removed in the latest version.", words(removed)),
        (added, removed) => format!("{} added and {removed} removed in the latest version.", words(added)),
    }
}

/// A podcast episode, video or image attached to an entry, with a player where the browser has one.
#[component]
fn Attachment(enclosure: Enclosure) -> impl IntoView {
    let mime = enclosure.mime_type.clone().unwrap_or_default();
    let url = enclosure.url.clone();
    let size = enclosure.length.filter(|&l| l > 0).map(human_size);
    let label = match (&enclosure.mime_type, &size) {
        (Some(t), Some(s)) => format!("Download ({t}, {s})"),
        (Some(t), None) => format!("Download ({t})"),
        (None, Some(s)) => format!("Download ({s})"),
        (None, None) => "Download".to_string(),
    };
    let player = if mime.starts_with("audio/") {
        Some(view! { <audio controls preload="none" src=url.clone()></audio> }.into_any())
    } else if mime.starts_with("video/") {
        Some(view! { <video controls preload="none" src=url.clone()></video> }.into_any())
    } else if mime.starts_with("image/") {
        Some(view! { <img src=url.clone() alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer"/> }.into_any())
    } else {
        None
    };
    view! {
        <figure class="attachment">
            {player}
            <figcaption>
                <a href=url target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">{label}</a>
            </figcaption>
        </figure>
    }
}

/// "12.3 MB", "640 KB".
fn human_size(bytes: u64) -> String {
    match bytes {
        // Whole numbers only: the page carries no float formatting.
        b if b >= 1_000_000_000 => format!("{}.{} GB", b / 1_000_000_000, b % 1_000_000_000 / 100_000_000),
        b if b >= 1_000_000 => format!("{}.{} MB", b / 1_000_000, b % 1_000_000 / 100_000),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => format!("{b} bytes"),
    }
}

/// An article's content. The only place the app puts feed HTML into the page, and it accepts
/// nothing but the sanitizer's output.
#[component]
pub fn ArticleBody(body: SafeHtml) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    // Accessibility the article's markup cannot carry: embeds get a name, and code blocks (which
    // scroll sideways) can take keyboard focus so they can be scrolled without a mouse.
    Effect::new(move |_| {
        let Some(div) = node.get() else { return };
        super::trusted::set_html(&div, &body);
        for element in elements(&div, "pre") {
            let _ = element.set_attribute("tabindex", "0");
        }
        for element in elements(&div, "iframe") {
            let host = element
                .get_attribute("src")
                .and_then(|src| web_sys::Url::new(&src).ok())
                .map(|u| u.host())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| "another site".into());
            let _ = element.set_attribute("title", &format!("Embedded content from {host}"));
        }
    });
    view! { <div class="article-body" node_ref=node></div> }
}

fn elements(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| wasm_bindgen::JsCast::dyn_into(n).ok()).collect()
}

/// True below 700 px, where the list and the article take the screen in turn.
fn one_pane_at_a_time() -> bool {
    web_sys::window().and_then(|w| w.match_media("(max-width: 700px)").ok().flatten()).is_some_and(|query| query.matches())
}

/// Puts focus back on an entry's row in the list, once the list is shown again.
fn focus_row(key: EntryKey) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        let selector = format!(".entry[data-key='{key}']");
        let row = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&selector).ok().flatten());
        if let Some(row) = row.and_then(|r| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(r).ok()) {
            let _ = row.focus();
        }
    });
}
