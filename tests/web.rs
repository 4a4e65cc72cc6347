//! Browser tests: the real page mounted into the test page in headless Chromium, with its
//! engine in the same page (the app runs it in a worker; `tests/dist` tests that), over the
//! real IndexedDB storage and the real `fetch`. Commands and events still cross the same
//! encoding. Tests wait for what a person would see, never for a fixed time.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use feedreader::page::link::{arrive, Link};
use feedreader::page::App;
use leptos::mount::mount_to;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const SERVER: &str = "http://127.0.0.1:8765";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Resolves after `ms` milliseconds (only to let a condition come true between two looks).
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

async fn settle() {
    for _ in 0..3 {
        tick().await;
    }
}

/// Waits (up to `seconds`) until `condition` holds; says what it waited for if it never does.
async fn until(seconds: u32, what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..seconds * 50 {
        settle().await;
        if condition() {
            return;
        }
        pause(20).await;
    }
    let shown = document().query_selector(".app").unwrap().or_else(|| document().body().map(Into::into)).unwrap();
    let page: String = shown.text_content().unwrap_or_default().chars().take(1500).collect();
    panic!("waited {seconds} s for {what}; the page says: {page}");
}

/// The page's links to the reader's own files, as dist/index.html has them: here the sample
/// comes from the test server (the parser runs in the page, so it needs no link).
fn link_assets() {
    if document().get_element_by_id("sample-feed").is_some() {
        return;
    }
    let link: web_sys::HtmlLinkElement = document().create_element("link").unwrap().unchecked_into();
    link.set_id("sample-feed");
    link.set_rel("sample");
    link.set_href(&format!("{SERVER}/sample.json"));
    document().head().unwrap().append_child(&link).unwrap();
}

/// A fresh element to mount the app into, styled by the app's own stylesheet (layout matters:
/// the list draws only the rows that fit).
fn host() -> HtmlElement {
    if document().get_element_by_id("app-css").is_none() {
        let style = document().create_element("style").unwrap();
        style.set_id("app-css");
        style.set_text_content(Some(include_str!("../style/app.css")));
        document().head().unwrap().append_child(&style).unwrap();
    }
    link_assets();
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// A device that never ran the reader: nothing stored, no place in the address.
async fn fresh_start() {
    engines_stopped().await;
    storage().clear().unwrap();
    web_sys::window().unwrap().location().set_hash("").unwrap();
    for name in ["feedreader-library", "feedreader"] {
        delete_database(name).await;
    }
}

/// The last reader's engine writes what it was given before it lets storage go (as a closed
/// tab's transactions finish before the next page reads).
async fn engines_stopped() {
    for _ in 0..500 {
        if feedreader::web::engine_worker::stopping() == 0 {
            break;
        }
        pause(20).await;
    }
}

async fn delete_database(name: &str) {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory.delete_database(name).unwrap();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&resolve));
        request.set_onblocked(Some(&resolve));
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The reader, as a person opens it: a page and its engine.
struct Reader {
    root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Reader {
    /// Opens the reader and waits until it shows the library.
    async fn open() -> Reader {
        engines_stopped().await;
        // A reader left open by a test that failed must not keep the focus (and with it the
        // keys) from this one.
        while let Some(left) = document().query_selector(".reader-host").unwrap() {
            left.remove();
        }
        Link::set(feedreader::web::engine_worker::in_page(Rc::new(arrive)));
        let root = host();
        root.set_class_name("reader-host");
        let handle = mount_to(root.clone(), App);
        let reader = Reader { root, _handle: Box::new(handle) };
        until(15, "the reader to be ready", || reader.root.query_selector(".app[data-ready]").unwrap().is_some()).await;
        reader
    }

    /// Closes it, as closing the tab would; the next `open` is a reload.
    fn close(self) {
        drop(self._handle);
        self.root.remove();
        Link::forget();
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        all(&self.root, selector)
    }

    fn one(&self, selector: &str) -> Element {
        one(&self.root, selector)
    }

    fn has(&self, selector: &str) -> bool {
        self.root.query_selector(selector).unwrap().is_some()
    }

    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }

    fn click(&self, selector: &str) {
        self.one(selector).unchecked_ref::<HtmlElement>().click();
    }

    /// How many entries the list holds (it draws only those in sight).
    fn listed(&self) -> usize {
        self.root
            .query_selector(".entries ul[data-total]")
            .unwrap()
            .and_then(|ul| ul.get_attribute("data-total"))
            .map_or(0, |n| n.parse().unwrap())
    }

    /// The titles of the rows drawn, without the star mark.
    fn titles(&self) -> Vec<String> {
        self.all(".entries .entry-title").iter().map(|e| e.text_content().unwrap().trim_start_matches("★ ").to_string()).collect()
    }

    /// The sidebar button whose label is exactly `label`.
    fn sidebar(&self, label: &str) -> HtmlElement {
        self.all(".feeds button.feed")
            .into_iter()
            .find(|b| text(b, ".feed-title") == label)
            .unwrap_or_else(|| panic!("no sidebar entry {label}: {}", self.text(".feeds")))
            .unchecked_into()
    }

    fn has_sidebar(&self, label: &str) -> bool {
        self.all(".feeds button.feed").iter().any(|b| text(b, ".feed-title") == label)
    }

    /// The unread count the sidebar shows beside `label`.
    fn unread_beside(&self, label: &str) -> String {
        self.sidebar(label).query_selector(".count").unwrap().unwrap().text_content().unwrap()
    }

    fn status(&self) -> String {
        self.root.query_selector(".status .status-text").unwrap().and_then(|s| s.text_content()).unwrap_or_default()
    }

    fn button(&self, selector: &str, label: &str) -> HtmlElement {
        self.all(selector)
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("no {selector} saying {label}"))
            .unchecked_into()
    }

    fn type_into(&self, selector: &str, value: &str) {
        let input: web_sys::HtmlInputElement = self.one(selector).unchecked_into();
        input.set_value(value);
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    }

    /// Waits until the status line says something containing `text`.
    async fn status_says(&self, text: &str) {
        until(15, &format!("the status to say {text:?}"), || self.status().contains(text)).await;
    }

    /// Types a document into the paste box and presses "Add feed".
    async fn paste(&self, text: &str) {
        if !self.has(".add-feed") {
            self.click(".add-toggle");
            settle().await;
        }
        let area: HtmlTextAreaElement = self.one(".add-text textarea").unchecked_into();
        area.set_value(text);
        area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
        settle().await;
        self.click(".add-text button[type=submit]");
        until(15, "the paste's outcome", || self.has(".status")).await;
    }

    /// Whether the reader shows the entries the trainer hides, as its settings say.
    fn settings_show_hidden(&self) -> Option<bool> {
        let checkbox = self.root.query_selector(".trainer-rules input[type=checkbox]").ok().flatten();
        match checkbox {
            Some(c) => Some(c.unchecked_into::<web_sys::HtmlInputElement>().checked()),
            None => {
                // Settings closed: open it to look.
                self.click(".settings-toggle");
                None
            }
        }
    }

    /// Opens the entry whose row says `title`, and waits for its article.
    async fn open_entry(&self, title: &str) {
        self.button(".entries .entry-title", title).click();
        until(5, "the article", || self.has(".reader .article-title") && self.text(".reader .article-title") == title).await;
    }
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

/// Presses a key on the page, as a person typing (optionally on a given element).
fn press(key: &str, target: Option<&Element>) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    match target {
        Some(element) => element.dispatch_event(&event).unwrap(),
        None => document().body().unwrap().dispatch_event(&event).unwrap(),
    };
}

/// Drops a file with this name and content on the page, as a person dragging it from their desktop.
fn drop_file(name: &str, content: &str) {
    js_sys::Function::new_with_args(
        "name, content",
        "const transfer = new DataTransfer();\
         transfer.items.add(new File([content], name, { type: 'application/xml' }));\
         document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));\
         document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));",
    )
    .call2(&wasm_bindgen::JsValue::NULL, &name.into(), &content.into())
    .unwrap();
}

/// What the engine's storage holds now, as the next start will read it.
async fn stored() -> feedreader::engine::Loaded {
    use feedreader::engine::ports::Store;
    feedreader::web::store::IdbStore::default().load().await.expect("storage answers")
}

#[path = "browser/reading.rs"]
mod reading;

#[path = "browser/documents.rs"]
mod documents;

#[path = "browser/devices.rs"]
mod devices;

#[path = "hostile/mod.rs"]
mod hostile;

#[path = "browser/safety.rs"]
mod safety;

#[path = "support/big_library.rs"]
mod big_library;

#[path = "browser/fetching.rs"]
mod fetching;

#[path = "browser/attention.rs"]
mod attention;
