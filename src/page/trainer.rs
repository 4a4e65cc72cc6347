//! The trainer beside an open article: like or dislike its author, each of its categories, its
//! feed, or words of its title (words selected in the title are offered). A pressed button is a
//! rule already taught; pressing it again forgets the rule.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Shown;
use crate::core::keys::FeedId;
use crate::core::library::{Facet, Opinion, Trained};
use crate::protocol::Article;

/// What the trainer offers for one article.
#[derive(Clone)]
struct Offer {
    feed: FeedId,
    feed_title: String,
    author: Option<String>,
    categories: Vec<String>,
}

#[component]
pub fn Trainer(entry: Article) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let offer = Offer {
        feed: entry.feed_id.clone(),
        feed_title: entry.feed.clone(),
        author: entry.authors.first().cloned(),
        categories: entry.categories.clone(),
    };
    // Author, category and title rules hold in this feed unless the reader says everywhere.
    let everywhere = RwSignal::new(false);
    let phrase = shown.phrase;
    let place = {
        let feed = offer.feed.clone();
        move || (!everywhere.get()).then(|| feed.clone())
    };
    let line = {
        let place = place.clone();
        move |label: String, facet: Facet| {
            let place = place.clone();
            view! {
                <li>
                    <span class="trainer-what">{label}</span>
                    <Opinions facet=Signal::derive(move || facet.clone()) place=Signal::derive(place)/>
                </li>
            }
        }
    };
    let feed = offer.feed.clone();
    view! {
        <section class="trainer" aria-label="Train the reader">
            <p class="trainer-intro">"Like to see more in Focus; dislike to hide. Press again to forget."</p>
            <ul class="trainer-lines">
                {offer.author.clone().map(|author| line(format!("Author: {author}"), Facet::Author(author)))}
                {offer.categories.iter().map(|c| line(format!("Category: {c}"), Facet::Category(c.clone()))).collect_view()}
                <li>
                    <span class="trainer-what">{format!("Feed: {}", offer.feed_title)}</span>
                    <Opinions facet=Signal::derive(move || Facet::Feed(feed.clone())) place=Signal::derive(|| None)/>
                </li>
                <li class="trainer-phrase">
                    <label class="trainer-what">"Title words: "
                        <input type="text" placeholder="select words in the title, or type them"
                            prop:value=move || phrase.get() on:input=move |e| phrase.set(event_target_value(&e))/>
                    </label>
                    <Show when=move || !phrase.with(|p| p.trim().is_empty())>
                        <Opinions facet=Signal::derive(move || Facet::Title(phrase.get().trim().to_string())) place=Signal::derive(place.clone())/>
                    </Show>
                </li>
            </ul>
            <label class="trainer-everywhere">
                <input type="checkbox" prop:checked=move || everywhere.get() on:change=move |e| everywhere.set(event_target_checked(&e))/>
                {format!(" Everywhere, not only in {}", offer.feed_title)}
            </label>
        </section>
    }
}

/// The Like and Dislike buttons of one facet.
#[component]
fn Opinions(facet: Signal<Facet>, place: Signal<Option<FeedId>>) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let button = move |opinion: Opinion, label: &'static str| {
        let rule = move || Trained { facet: facet.get(), opinion, feed: place.get() };
        let taught = move || shown.settings.with(|s| s.training.contains(&rule()));
        view! {
            <button type="button" class=match opinion { Opinion::Like => "like", Opinion::Dislike => "dislike" }
                aria-pressed=move || taught().to_string()
                on:click=move |_| if taught() { shown.untrain(rule()) } else { shown.train(rule()) }>{label}</button>
        }
    };
    view! { <span class="opinions">{button(Opinion::Like, "♥ Like")}{button(Opinion::Dislike, "✕ Dislike")}</span> }
}

/// The trainer's rules in Settings: each with Forget, and whether disliked entries show.
#[component]
pub fn TrainerRules() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let rules = move || shown.settings.with(|s| s.training.clone());
    view! {
        <fieldset class="trainer-rules">
            <legend>"Trainer"</legend>
            <label class="check">
                <input type="checkbox" prop:checked=move || shown.settings.with(|s| s.show_hidden)
                    on:change=move |e| { let show = event_target_checked(&e); shown.set(crate::core::library::Preference::ShowHidden(show)) }/>
                " Show the entries I disliked or filtered out (Shift+H)"
            </label>
            <Show when=move || !rules().is_empty()
                fallback=|| view! { <p class="hint">"No rules yet. Open an entry and press t to like or dislike what it is about."</p> }>
                <ul class="rules">
                    {move || rules().into_iter().map(|rule| {
                        let liked = rule.opinion == Opinion::Like;
                        let label = rule.label(|id| shown.feed_title(id));
                        let place = rule.feed.as_ref().filter(|_| !matches!(rule.facet, Facet::Feed(_))).map(|id| format!(" in {}", shown.feed_title(id))).unwrap_or_default();
                        let name = format!("Forget {} {label}", if liked { "liked" } else { "disliked" });
                        view! {
                            <li>
                                <span>{if liked { "Liked: " } else { "Disliked: " }}{label}{place}</span>
                                <button type="button" aria-label=name on:click=move |_| shown.untrain(rule.clone())>"Forget"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </fieldset>
    }
}

/// Offers the words the reader selects in the article's title to the trainer: it opens with
/// them. (`selectionchange` is the document's and does not bubble to the window.) Called once.
pub fn offer_selected_words(shown: Shown) {
    let on_change = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else { return };
        let text = selection.to_string().as_string().unwrap_or_default();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let in_title = selection
            .anchor_node()
            .and_then(|node| node.parent_element())
            .and_then(|element| element.closest(".article-title").ok().flatten())
            .is_some();
        if in_title && !text.is_empty() && text.chars().count() <= 100 && shown.alive() {
            shown.phrase.set(text);
            shown.trainer.set(true);
        }
    });
    // Once for the page's life, as the page itself.
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback("selectionchange", on_change.as_ref().unchecked_ref());
    }
    on_change.forget();
}
