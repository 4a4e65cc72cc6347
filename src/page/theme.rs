//! The theme: applied to the page from the settings, and chosen in the settings panel. The
//! choice is also kept in localStorage, where `boot.js` reads it before the first paint, so
//! a reader who chose dark never sees a light flash.

use leptos::prelude::*;

use super::Shown;
use crate::core::library::Theme;

/// Where `boot.js` finds the theme.
const THEME_KEY: &str = "feedreader.theme";

fn name(theme: Theme) -> &'static str {
    match theme {
        Theme::System => "system",
        Theme::Light => "light",
        Theme::Dark => "dark",
    }
}

/// Keeps `data-theme` on the root element in step with the setting (style/app.css picks the
/// colours from it).
#[component]
pub fn ThemeEffect() -> impl IntoView {
    let shown = expect_context::<Shown>();
    Effect::new(move |_| {
        if !shown.ready.get() {
            // Until the engine says, the theme boot.js applied stands.
            return;
        }
        let theme = name(shown.settings.with(|s| s.theme));
        let window = web_sys::window();
        if let Some(root) = window.as_ref().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-theme", theme);
        }
        if let Some(storage) = window.and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(THEME_KEY, theme);
        }
    });
}

/// System / light / dark.
#[component]
pub fn ThemeChoice() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let choose = move |e: leptos::ev::Event| {
        let theme = match event_target_value(&e).as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        };
        shown.set(crate::core::library::Preference::Theme(theme));
    };
    let selected = move |theme: Theme| shown.settings.with(|s| s.theme == theme);
    view! {
        <label for="theme-choice">"Theme"</label>
        <select id="theme-choice" class="theme-choice" on:change=choose>
            <option value="system" selected=move || selected(Theme::System)>"System"</option>
            <option value="light" selected=move || selected(Theme::Light)>"Light"</option>
            <option value="dark" selected=move || selected(Theme::Dark)>"Dark"</option>
        </select>
    }
}
