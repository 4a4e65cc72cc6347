//! Saved searches in the sidebar: the current search, with its scope and filter, kept as a
//! view of its own with an unread count; renamed or removed from its ⋯ menu. They live in the
//! settings (so in backups too), and `#/saved/NAME` opens one.

use leptos::prelude::*;

use super::feed_list::SidebarRow;
use super::Shown;
use crate::core::library::Saved;
use crate::protocol::Command;

impl Shown {
    /// Shows a saved search, by name; false if there is none of that name.
    pub fn show_saved(&self, name: &str) -> bool {
        let Some(saved) = self.settings.with_untracked(|s| s.saved.iter().find(|saved| saved.name == name).cloned()) else {
            return false;
        };
        self.view.update(|v| {
            v.scope = saved.scope.clone();
            v.filter = saved.filter;
            v.search = saved.search.clone();
        });
        self.selected.set(None);
        self.article.set(None);
        self.cursor.set(None);
        self.ask_for_list();
        true
    }

    /// The saved search the list shows now, if it is one.
    pub fn current_saved(&self) -> Option<String> {
        self.saved_now.get()
    }

    /// Keeps the current search as a sidebar view, named after its words.
    pub fn save_search(&self) {
        let (scope, filter, search) = self.view.with_untracked(|v| (v.scope.clone(), v.filter, v.search.trim().to_string()));
        if search.is_empty() || self.current_saved().is_some() {
            return;
        }
        // The engine names it (the words, numbered if the name is taken) and says so.
        self.send(Command::SaveSearch { scope, filter, search });
    }
}

/// The sidebar's saved searches, each with its unread count.
#[component]
pub fn SavedSearches() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let saved = move || shown.settings.with(|s| s.saved.iter().cloned().enumerate().collect::<Vec<_>>());
    view! {
        <Show when=move || shown.settings.with(|s| !s.saved.is_empty())>
            <nav class="saved-searches" aria-label="Saved searches">
                <h2 class="sidebar-heading">"Saved searches"</h2>
                <ul>
                    <For each=saved key=|(i, saved)| (*i, saved.clone()) let:item>
                        <SavedEntry index=item.0 saved=item.1/>
                    </For>
                </ul>
            </nav>
        </Show>
    }
}

#[component]
fn SavedEntry(index: usize, saved: Saved) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let count = move || shown.counts.with(|c| c.saved.get(index).copied().unwrap_or(0));
    let (shown_name, current_name, old) = (saved.name.clone(), saved.name.clone(), saved.name.clone());
    let chosen = Signal::derive(move || shown.current_saved().as_deref() == Some(current_name.as_str()));
    view! {
        <SidebarRow class="feed saved" chosen choose=move || { shown.show_saved(&shown_name); }
            menu_label=format!("Settings for the saved search {}", saved.name)
            settings=move |editing| view! { <SavedSettings index old=old.clone() editing/> }.into_any()>
            <span class="feed-title">{saved.name.clone()}</span>
            <span class="count">{count}</span>
        </SidebarRow>
    }
}

/// Rename or remove a saved search.
#[component]
fn SavedSettings(index: usize, old: String, editing: RwSignal<bool>) -> impl IntoView {
    let shown = expect_context::<Shown>();
    let name = RwSignal::new(old.clone());
    let remove = {
        let name = old.clone();
        move |_| shown.send(Command::RemoveSaved(name.clone()))
    };
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = name.get_untracked().trim().to_string();
        let taken = shown.settings.with_untracked(|s| s.saved.iter().any(|saved| saved.name == new && saved.name != old));
        if new.is_empty() || taken {
            return;
        }
        shown.send(Command::RenameSaved { from: old.clone(), to: new });
        editing.set(false);
    };
    let field = format!("saved-name-{index}");
    view! {
        <form class="feed-settings" on:submit=rename>
            <label for=field.clone()>"Name"</label>
            <input id=field type="text" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
            <div class="settings-actions">
                <button type="submit" class="primary">"Rename"</button>
                <button type="button" class="danger" on:click=remove>"Remove"</button>
            </div>
        </form>
    }
}
