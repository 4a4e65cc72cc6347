//! Every sanitized attack of the hostile corpus, put into the live page the way an article is
//! shown: nothing runs.

use super::*;

#[wasm_bindgen_test]
async fn hostile_corpus_runs_nothing_in_the_live_dom() {
    use feedreader::core::sanitize::sanitize_markup;
    use feedreader::core::{Markup, MarkupKind};
    use feedreader::page::ArticleBody;

    assert!(super::hostile::CORPUS.len() >= 150);
    // Anything that runs trips one of these.
    js_sys::Function::new_no_args(
        "window.__ran = [];\
         const trip = (what) => function () { window.__ran.push(what); };\
         window.alert = trip('alert'); window.confirm = trip('confirm'); window.prompt = trip('prompt');\
         window.print = trip('print'); window.open = trip('open');",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();

    let events = [
        "load",
        "error",
        "focus",
        "blur",
        "mouseover",
        "mouseenter",
        "mousemove",
        "mousedown",
        "mouseup",
        "pointerdown",
        "pointerover",
        "toggle",
        "animationstart",
        "transitionend",
        "input",
        "change",
        "scroll",
    ];
    let mut handles = Vec::new();
    for attack in super::hostile::CORPUS {
        let body = sanitize_markup(&Markup {
            kind: MarkupKind::Html,
            body: attack.input.to_string(),
            base: Some(super::hostile::BASE.to_string()),
        });
        let root = host();
        root.set_attribute("data-attack", attack.name).unwrap();
        handles.push((mount_to(root.clone(), move || view_body(body)), root));
    }
    settle().await;
    for (_, root) in &handles {
        for element in all(root, "*") {
            if let Some(html) = element.dyn_ref::<HtmlElement>() {
                let _ = html.focus();
            }
            for name in events {
                element.dispatch_event(&web_sys::Event::new(name).unwrap()).unwrap();
            }
        }
    }
    // Load and error events of the live images come on their own time: wait until every one
    // has loaded or failed (lazy ones out of sight never start).
    let loaded =
        js_sys::Function::new_no_args("return [...document.images].filter((img) => img.loading !== 'lazy').every((img) => img.complete)");
    until(10, "every image to load or fail", || loaded.call0(&wasm_bindgen::JsValue::NULL).unwrap().as_bool().unwrap()).await;

    let ran = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__ran".into()).unwrap();
    let ran: js_sys::Array = ran.dyn_into().unwrap();
    assert_eq!(ran.length(), 0, "something ran: {:?}", ran.to_vec());
    for (handle, root) in handles {
        for element in all(&root, "*") {
            let names = element.get_attribute_names();
            for name in names.iter() {
                let name = name.as_string().unwrap_or_default();
                assert!(!name.starts_with("on"), "{}: handler attribute {name} in the DOM", root.get_attribute("data-attack").unwrap());
            }
            let tag = element.tag_name().to_ascii_lowercase();
            assert!(
                !["script", "style", "object", "embed", "base", "meta", "form", "svg", "annotation-xml"].contains(&tag.as_str()),
                "{}: <{tag}> reached the DOM",
                root.get_attribute("data-attack").unwrap()
            );
            // A formula stays a formula: nothing of HTML or SVG inside it, as the browser parsed it.
            if element.parent_element().and_then(|p| p.closest("math").ok().flatten()).is_some() {
                assert_eq!(
                    element.namespace_uri().as_deref(),
                    Some("http://www.w3.org/1998/Math/MathML"),
                    "{}: <{tag}> inside a formula",
                    root.get_attribute("data-attack").unwrap()
                );
            }
        }
        drop(handle);
        root.remove();
    }

    fn view_body(body: feedreader::core::SafeHtml) -> impl leptos::IntoView {
        use leptos::prelude::*;
        view! { <ArticleBody body/> }
    }
}
