//! Controls in the top bar besides "Add feed": the theme.

use leptos::prelude::*;

use super::Reader;

/// System / light / dark.
#[component]
pub fn ThemeChoice() -> impl IntoView {
    use crate::core::settings::Theme;
    let reader = expect_context::<Reader>();
    // The page's colours follow `data-theme` on the root element (see style/app.css).
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
        <label class="theme-choice">
            <span>"Theme"</span>
            <select on:change=choose>
                <option value="system" selected=move || selected(Theme::System)>"System"</option>
                <option value="light" selected=move || selected(Theme::Light)>"Light"</option>
                <option value="dark" selected=move || selected(Theme::Dark)>"Dark"</option>
            </select>
        </label>
    }
}
