//! The theme: applied to the page from the settings, and chosen in the settings panel.

use leptos::prelude::*;

use super::Reader;
use crate::core::settings::Theme;

/// Keeps `data-theme` on the root element in step with the setting (style/app.css picks the
/// colours from it).
#[component]
pub fn ThemeEffect() -> impl IntoView {
    let reader = expect_context::<Reader>();
    Effect::new(move |_| {
        let theme = match reader.settings.with(|s| s.theme) {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        };
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-theme", theme);
        }
    });
}

/// System / light / dark.
#[component]
pub fn ThemeChoice() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let choose = move |e: leptos::ev::Event| {
        let theme = match event_target_value(&e).as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        };
        reader.update_settings(|s| s.theme = theme);
    };
    let selected = move |theme: Theme| reader.settings.with(|s| s.theme == theme);
    view! {
        <label for="theme-choice">"Theme"</label>
        <select id="theme-choice" class="theme-choice" on:change=choose>
            <option value="system" selected=move || selected(Theme::System)>"System"</option>
            <option value="light" selected=move || selected(Theme::Light)>"Light"</option>
            <option value="dark" selected=move || selected(Theme::Dark)>"Dark"</option>
        </select>
    }
}
