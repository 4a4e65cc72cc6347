//! Settings → Filters: the reader's regular expressions, each hiding what it matches or having
//! it arrive read, in one feed or everywhere. The engine has the parser check an expression
//! before anything applies; a bad one comes back as a message under the field.

use leptos::prelude::*;

use super::Shown;
use crate::core::filters::{Action, Field, FilterRule};
use crate::core::keys::FeedId;
use crate::protocol::Command;

#[component]
pub fn FilterRules() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let field = RwSignal::new(Field::Title);
    let action = RwSignal::new(Action::Hide);
    let feed = RwSignal::new(None::<FeedId>);
    let pattern = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<FilterRule>);
    let rules = move || shown.settings.with(|s| s.filters.clone());
    // The rule the reader added is in the settings: the field is free for the next one.
    Effect::new(move |_| {
        let accepted = shown.settings.with(|s| pending.with_value(|p| p.as_ref().is_some_and(|p| s.filters.contains(p))));
        if accepted {
            pending.set_value(None);
            pattern.set(String::new());
        }
    });
    let add = move || {
        let rule = FilterRule {
            field: field.get_untracked(),
            pattern: pattern.get_untracked(),
            action: action.get_untracked(),
            feed: feed.get_untracked(),
        };
        shown.filter_problem.set(None);
        pending.set_value(Some(rule.clone()));
        shown.send(Command::AddFilter(rule));
    };
    // A feed unsubscribed since: its filter waits, said so, in case the feed comes back.
    let place = move |id: &Option<FeedId>| match id.as_ref().map(|id| shown.feed_title(id)) {
        None => String::new(),
        Some(title) if title.is_empty() => " in a feed no longer followed".to_string(),
        Some(title) => format!(" in {title}"),
    };
    view! {
        <fieldset class="trainer-rules filter-rules">
            <legend>"Filters"</legend>
            <p class="hint">"A regular expression, matched in any case. Hidden entries stay in Starred and show with the disliked ones."</p>
            <div class="filter-form">
                <label for="filter-field">"Look at"</label>
                <select id="filter-field" on:change=move |e| {
                    let chosen = event_target_value(&e);
                    field.set(Field::ALL.into_iter().find(|f| f.name() == chosen).unwrap_or(Field::Title));
                }>
                    {Field::ALL.into_iter().map(|f| view! { <option value=f.name() selected=move || field.get() == f>{f.name()}</option> }).collect_view()}
                </select>
                <label for="filter-pattern">"Expression"</label>
                <input id="filter-pattern" type="text" spellcheck="false" autocomplete="off" placeholder="sponsored|giveaway"
                    aria-describedby="filter-problem"
                    prop:value=move || pattern.get()
                    on:input=move |e| { pattern.set(event_target_value(&e)); shown.filter_problem.set(None); }
                    // Enter adds the filter, not the settings form's Save.
                    on:keydown=move |e| if e.key() == "Enter" { e.prevent_default(); add(); }/>
                <label for="filter-action">"Then"</label>
                <select id="filter-action" on:change=move |e| action.set(if event_target_value(&e) == "read" { Action::MarkRead } else { Action::Hide })>
                    <option value="hide" selected=move || action.get() == Action::Hide>"hide the entry"</option>
                    <option value="read" selected=move || action.get() == Action::MarkRead>"mark it read as it arrives"</option>
                </select>
                <label for="filter-feed">"In"</label>
                <select id="filter-feed" on:change=move |e| {
                    let chosen = event_target_value(&e);
                    feed.set((!chosen.is_empty()).then_some(FeedId(chosen)));
                }>
                    <option value="" selected=move || feed.with(Option::is_none)>"every feed"</option>
                    {move || shown.feeds.get().into_iter().map(|f| {
                        let id = f.id.clone();
                        view! { <option value=f.id.0.clone() selected=move || feed.with(|c| c.as_ref() == Some(&id))>{f.title}</option> }
                    }).collect_view()}
                </select>
                <button type="button" on:click=move |_| add()>"Add filter"</button>
            </div>
            <p id="filter-problem" class="field-error" role="alert">{move || shown.filter_problem.get()}</p>
            <Show when=move || !rules().is_empty()>
                <ul class="rules">
                    {move || rules().into_iter().map(|rule| {
                        let what = match rule.action { Action::Hide => "Hide", Action::MarkRead => "Arrive read" };
                        let text = format!("{what}: {}{}", rule.label(), place(&rule.feed));
                        let name = format!("Remove the filter {}", rule.label());
                        view! {
                            <li>
                                <span class="filter-label">{text}</span>
                                <button type="button" aria-label=name on:click=move |_| shown.send(Command::RemoveFilter(rule.clone()))>"Remove"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </fieldset>
    }
}
