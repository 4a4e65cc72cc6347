//! Browser tests: the real app mounted into the test page in headless Chromium.
#![cfg(target_arch = "wasm32")]

use feedreader::app::App;
use feedreader::web::storage::{FEEDS_KEY, READ_KEY};
use leptos::mount::mount_to;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
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
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// How many entries the list holds (it draws only those in sight).
fn listed(root: &Element) -> usize {
    root.query_selector(".entries ul[data-total]")
        .unwrap()
        .and_then(|ul| ul.get_attribute("data-total"))
        .map_or(0, |n| n.parse().unwrap())
}

/// The unread count the sidebar shows beside `label`.
fn unread_beside(root: &Element, label: &str) -> String {
    sidebar(root, label).query_selector(".count").unwrap().unwrap().text_content().unwrap()
}

fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

/// A first visit: nothing saved, no place in the address.
fn fresh_start() {
    storage().clear().unwrap();
    web_sys::window().unwrap().location().set_hash("").unwrap();
}

async fn settle() {
    for _ in 0..3 {
        tick().await;
    }
}

#[wasm_bindgen_test]
async fn first_visit_shows_sample_and_remembers_what_was_read() {
    fresh_start();

    let root = host();
    let handle = mount_to(root.clone(), App);
    ready(&root).await;

    let entries = all(&root, ".entries .entry");
    assert_eq!(listed(&root), 25, "the sample's 25 entries are listed");
    assert!(entries.len() >= 5, "the first screen shows them");
    assert!(all(&root, ".entries .entry.read").is_empty(), "nothing is read on a first visit");
    assert!(text(&root, ".feeds").contains("Bernhard's shared items"));
    assert!(text(&root, ".reader").contains("Choose an entry"));

    // Open the third entry: it is shown and marked read.
    let entry = &entries[2];
    let title = text(entry, ".entry-title");
    assert!(!title.is_empty());
    let key = entry.get_attribute("data-key").unwrap();
    entry.unchecked_ref::<HtmlElement>().click();
    settle().await;

    assert_eq!(text(&root, ".reader .article-title"), title, "the reading pane shows the entry");
    assert!(!text(&root, ".reader .article-body").trim().is_empty(), "with its content");
    assert!(all(&root, ".reader .article-body script").is_empty());
    let entry = one(&root, &format!(".entry[data-key='{key}']"));
    assert!(entry.class_list().contains("read"), "the opened entry looks read");
    assert_eq!(all(&root, ".entries .entry.read").len(), 1);
    let saved = storage().get_item(READ_KEY).unwrap().expect("read state saved");
    assert!(saved.contains(&key), "localStorage holds the read entry: {saved}");
    assert!(storage().get_item(FEEDS_KEY).unwrap().is_some(), "the feed is saved");
    assert_eq!(text(&root, ".feeds .feed[aria-current] .count"), "24", "unread count went down");

    // Mount again, as a reload would: the read state comes back.
    drop(handle);
    root.remove();
    let root = host();
    let handle = mount_to(root.clone(), App);
    ready(&root).await;
    assert_eq!(listed(&root), 25);
    let entry = one(&root, &format!(".entry[data-key='{key}']"));
    assert!(entry.class_list().contains("read"), "read state survived the reload");
    assert_eq!(all(&root, ".entries .entry.read").len(), 1);

    // And it can be marked unread again.
    entry.unchecked_ref::<HtmlElement>().click();
    settle().await;
    one(&root, ".reader .toggle-read").unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert!(!one(&root, &format!(".entry[data-key='{key}']")).class_list().contains("read"));
    assert!(!storage().get_item(READ_KEY).unwrap().unwrap().contains(&key), "unread is saved too");
    drop(handle);
    root.remove();
}

/// Types a document into the paste box and presses "Add feed".
async fn paste(root: &Element, document: &str) {
    if root.query_selector(".add-feed").unwrap().is_none() {
        one(root, ".add-toggle").unchecked_ref::<HtmlElement>().click();
        settle().await;
    }
    let area: HtmlTextAreaElement = one(root, ".add-text textarea").unchecked_into();
    area.set_value(document);
    area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    settle().await;
    one(root, ".add-text button[type=submit]").unchecked_ref::<HtmlElement>().click();
    settle().await;
}

#[wasm_bindgen_test]
async fn pasted_feed_is_listed_and_a_broken_one_is_explained() {
    fresh_start();
    let root = host();
    let handle = mount_to(root.clone(), App);
    ready(&root).await;

    paste(
        &root,
        r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Pasted Feed</title><link>https://pasted.example/</link>
<item><title>Hello &amp; welcome</title><link>https://pasted.example/1</link>
<pubDate>Tue, 02 Sep 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Body&lt;/p&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror="window.__pwned = 2"&gt;</description></item>
</channel></rss>"#,
    )
    .await;

    assert!(text(&root, ".status.ok").contains("Added Pasted Feed"), "{}", text(&root, ".status"));
    assert!(text(&root, ".feeds").contains("Pasted Feed"));
    let titles: Vec<String> = all(&root, ".entries .entry-title").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(titles, ["Hello & welcome"], "the list now shows the pasted feed");
    one(&root, ".entries .entry").unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert_eq!(text(&root, ".reader .article-body"), "Body");
    assert!(all(&root, ".reader .article-body script").is_empty());
    assert!(all(&root, ".reader [onerror]").is_empty());

    // A broken document: a clear message with line and column, and nothing is lost.
    paste(&root, "<!DOCTYPE html>\n<html><head><title>My blog</title></head><body><p>Hi</p></body></html>").await;
    let message = text(&root, ".status.error");
    assert!(message.contains("line ") && message.contains("column "), "names where: {message}");
    one(&root, ".feeds .feed").unchecked_ref::<HtmlElement>().click(); // "All"
    settle().await;
    assert_eq!(listed(&root), 26, "sample and pasted feed are both still there");
    sleep(50).await; // saving follows the first screen
    assert!(storage().get_item(FEEDS_KEY).unwrap().unwrap().contains("Pasted Feed"));
    drop(handle);
    root.remove();
}

#[path = "hostile/mod.rs"]
mod hostile;

/// Resolves after `ms` milliseconds, letting the browser fire load and error events.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn hostile_corpus_runs_nothing_in_the_live_dom() {
    use feedreader::app::ArticleBody;
    use feedreader::core::sanitize::sanitize_markup;
    use feedreader::core::{Markup, MarkupKind};

    assert!(hostile::CORPUS.len() >= 150);
    // Anything that runs trips one of these.
    js_sys::Function::new_no_args(
        "window.__ran = [];\
         const trip = (what) => function () { window.__ran.push(what); };\
         window.alert = trip('alert'); window.confirm = trip('confirm'); window.prompt = trip('prompt');\
         window.print = trip('print'); window.open = trip('open');",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();

    let events = ["load", "error", "focus", "blur", "mouseover", "mouseenter", "mousemove", "mousedown", "mouseup",
        "pointerdown", "pointerover", "toggle", "animationstart", "transitionend", "input", "change", "scroll"];
    let mut handles = Vec::new();
    for attack in hostile::CORPUS {
        let body = sanitize_markup(&Markup {
            kind: MarkupKind::Html,
            body: attack.input.to_string(),
            base: Some(hostile::BASE.to_string()),
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
    sleep(300).await;

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
                !["script", "style", "object", "embed", "base", "meta", "form", "svg", "math"].contains(&tag.as_str()),
                "{}: <{tag}> reached the DOM",
                root.get_attribute("data-attack").unwrap()
            );
        }
        drop(handle);
        root.remove();
    }

    fn view_body(body: feedreader::core::SafeHtml) -> impl leptos::IntoView {
        use leptos::prelude::*;
        view! { <ArticleBody body/> }
    }
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

#[wasm_bindgen_test]
async fn dropping_a_feed_file_anywhere_adds_it() {
    fresh_start();
    let root = host();
    let handle = mount_to(root.clone(), App);
    ready(&root).await;

    drop_file(
        "dropped.atom",
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Dropped Feed</title><id>urn:dropped</id>
           <entry><id>urn:dropped:1</id><title>From a file</title><updated>2025-09-01T08:00:00Z</updated>
           <content type="html">&lt;p&gt;Dropped content&lt;/p&gt;</content></entry></feed>"#,
    );
    sleep(200).await;
    settle().await;
    assert!(text(&root, ".status.ok").contains("dropped.atom: added Dropped Feed: 1 entry."), "{}", text(&root, ".status"));
    assert!(text(&root, ".feeds").contains("Dropped Feed"));
    assert!(text(&root, ".entries").contains("From a file"));

    drop_file("notes.txt", "just some notes, not a feed");
    sleep(200).await;
    settle().await;
    let message = text(&root, ".status.error");
    assert!(message.starts_with("notes.txt: this is not a feed"), "{message}");
    assert!(message.contains("line 1, column 1"), "{message}");
    assert!(text(&root, ".feeds").contains("Dropped Feed"), "the dropped feed is still there");
    drop(handle);
    root.remove();
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

#[wasm_bindgen_test]
async fn keyboard_reads_through_the_list() {
    fresh_start();
    let root = host();
    let handle = mount_to(root.clone(), App);
    ready(&root).await;
    let titles: Vec<String> = all(&root, ".entries .entry-title").iter().map(|e| e.text_content().unwrap()).collect();

    press("j", None);
    settle().await;
    assert_eq!(text(&root, ".reader .article-title"), titles[0], "j opens the first entry");
    press("j", None);
    settle().await;
    assert_eq!(text(&root, ".reader .article-title"), titles[1], "j again opens the next");
    press("k", None);
    settle().await;
    assert_eq!(text(&root, ".reader .article-title"), titles[0], "k goes back");
    assert_eq!(all(&root, ".entries .entry.read").len(), 2, "both opened entries are read");

    // n / p move the cursor without opening or marking read.
    press("n", None);
    press("n", None);
    settle().await;
    assert_eq!(text(&root, ".entries .entry.cursor .entry-title"), titles[2]);
    assert_eq!(text(&root, ".reader .article-title"), titles[0], "still reading the first");
    assert_eq!(all(&root, ".entries .entry.read").len(), 2);
    press("o", None);
    settle().await;
    assert_eq!(text(&root, ".reader .article-title"), titles[2], "o opens the entry under the cursor");

    // m toggles read on the open entry.
    press("m", None);
    settle().await;
    assert!(!one(&root, ".entries .entry.selected").class_list().contains("read"), "m marked it unread");
    press("m", None);
    settle().await;
    assert!(one(&root, ".entries .entry.selected").class_list().contains("read"));

    // ? shows every shortcut; Escape closes it.
    press("?", None);
    settle().await;
    let help = text(&root, "[role=dialog]");
    for key in ["j / k", "Shift+A", "g then a"] {
        assert!(help.contains(key), "help lists {key}: {help}");
    }
    press("Escape", None);
    settle().await;
    assert!(root.query_selector("[role=dialog]").unwrap().is_none());

    // Keys typed into a field are text, not shortcuts.
    one(&root, ".add-toggle").unchecked_ref::<HtmlElement>().click();
    settle().await;
    let field = one(&root, ".add-text textarea");
    press("j", Some(&field));
    settle().await;
    assert_eq!(text(&root, ".reader .article-title"), titles[2], "j in a text field does nothing");
    drop(handle);
    root.remove();
}

/// Mounts the app and waits until its entry cache has answered.
async fn start() -> (leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable>, HtmlElement) {
    let root = host();
    let handle = mount_to(root.clone(), App);
    ready(&root).await;
    (handle, root)
}

/// Waits (up to 10 s) for the app's entry cache to answer.
async fn ready(root: &Element) {
    for _ in 0..200 {
        settle().await;
        if root.query_selector(".app[data-ready]").unwrap().is_some() {
            return;
        }
        sleep(50).await;
    }
    panic!("the app never became ready");
}

fn click(root: &Element, selector: &str) {
    one(root, selector).unchecked_ref::<HtmlElement>().click();
}

/// The sidebar button whose label is exactly `label`.
fn sidebar(root: &Element, label: &str) -> HtmlElement {
    all(root, ".feeds button.feed")
        .into_iter()
        .find(|b| text(b, ".feed-title") == label)
        .unwrap_or_else(|| panic!("no sidebar entry {label}: {}", text(root, ".feeds")))
        .unchecked_into()
}

fn button_with_text(root: &Element, selector: &str, label: &str) -> HtmlElement {
    all(root, selector)
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no {selector} saying {label}"))
        .unchecked_into()
}

fn type_into(root: &Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = one(root, selector).unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn star_filter_search_and_mark_all_read_with_undo() {
    fresh_start();
    let (handle, root) = start().await;
    let first = text(&root, ".entries .entry .entry-title");
    press("j", None);
    press("s", None);
    settle().await;
    assert!(text(&root, ".reader .toggle-star").contains("Starred"));
    assert!(storage().get_item("feedreader.starred").unwrap().is_some(), "stars are saved");

    sidebar(&root, "Starred").click();
    settle().await;
    let starred: Vec<String> = all(&root, ".entries .entry-title").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(starred.len(), 1);
    assert!(starred[0].contains(&first), "{starred:?}");
    press("g", None);
    press("a", None);
    settle().await;
    assert_eq!(text(&root, ".list-heading"), "All", "g a goes back to All");

    button_with_text(&root, ".segmented button", "Unread").click();
    settle().await;
    assert_eq!(listed(&root), 24, "the read entry is not in Unread");

    type_into(&root, "#search", "spiffe");
    settle().await;
    let found = all(&root, ".entries .entry-title");
    assert!(!found.is_empty() && found.len() < 24, "search narrows the list: {}", found.len());
    type_into(&root, "#search", "");
    button_with_text(&root, ".segmented button", "All").click();
    settle().await;

    click(&root, ".mark-all");
    settle().await;
    assert_eq!(unread_beside(&root, "All"), "0", "all read");
    assert!(text(&root, ".status").contains("Marked 24 entries as read"), "{}", text(&root, ".status"));
    click(&root, ".status .undo");
    settle().await;
    assert_eq!(unread_beside(&root, "All"), "24", "undo brings back exactly what it marked");
    assert_eq!(all(&root, ".entries .entry.read").len(), 1);
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn feeds_are_renamed_foldered_and_removed_with_undo() {
    fresh_start();
    let (handle, root) = start().await;
    press("j", None);
    settle().await;
    click(&root, ".feed-menu");
    settle().await;
    type_into(&root, ".feed-settings input[type=text]", "My Shares");
    type_into(&root, ".feed-settings input[list]", "Reading");
    click(&root, ".feed-settings button[type=submit]");
    settle().await;
    sidebar(&root, "Reading"); // the folder
    sidebar(&root, "My Shares");

    // Survives a reload.
    drop(handle);
    root.remove();
    let (handle, root) = start().await;
    sidebar(&root, "Reading");
    sidebar(&root, "My Shares").click();
    settle().await;
    assert_eq!(text(&root, ".list-heading"), "My Shares");

    click(&root, ".feed-menu");
    settle().await;
    click(&root, ".feed-settings .danger");
    settle().await;
    assert!(!text(&root, ".feeds").contains("My Shares"));
    assert_eq!(listed(&root), 0);
    assert!(text(&root, ".status").contains("Removed My Shares"));
    click(&root, ".status .undo");
    settle().await;
    sidebar(&root, "All").click();
    settle().await;
    assert_eq!(listed(&root), 25, "undo brings the feed back");
    assert_eq!(all(&root, ".entries .entry.read").len(), 1, "with its read state");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn opml_dropped_on_the_page_becomes_subscriptions_in_folders() {
    fresh_start();
    let (handle, root) = start().await;
    drop_file(
        "feedly.opml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Feedly</title></head><body>
  <outline text="Rust" title="Rust">
    <outline type="rss" text="This Week in Rust" xmlUrl="https://this-week-in-rust.org/rss.xml" htmlUrl="https://this-week-in-rust.org/"/>
    <outline type="rss" text="Inside Rust" xmlUrl="https://blog.rust-lang.org/inside-rust/feed.xml"/>
  </outline>
</body></opml>"#,
    );
    sleep(200).await;
    settle().await;
    assert!(text(&root, ".status").contains("imported 2 subscriptions"), "{}", text(&root, ".status"));
    sidebar(&root, "Rust");
    sidebar(&root, "This Week in Rust");
    sidebar(&root, "Inside Rust");
    assert!(storage().get_item(FEEDS_KEY).unwrap().unwrap().contains("inside-rust/feed.xml"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_address_says_where_the_reader_is() {
    fresh_start();
    let (handle, root) = start().await;
    sidebar(&root, "Bernhard's shared items").click();
    settle().await;
    press("j", None);
    press("j", None);
    settle().await;
    let title = text(&root, ".reader .article-title");
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert!(hash.starts_with("#/feed/") && hash.contains("/entry/"), "{hash}");

    // A reload lands in the same place.
    drop(handle);
    root.remove();
    let (handle, root) = start().await;
    assert_eq!(text(&root, ".reader .article-title"), title);
    assert_eq!(text(&root, ".list-heading"), "Bernhard's shared items");

    // Going to another address (back/forward, an edited address) moves the reader there.
    web_sys::window().unwrap().location().set_hash("#/starred").unwrap();
    sleep(50).await;
    settle().await;
    assert_eq!(text(&root, ".list-heading"), "Starred");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn unreadable_saved_data_is_kept_aside_and_the_reader_starts() {
    fresh_start();
    storage().set_item(FEEDS_KEY, "{this is not what we saved").unwrap();
    let (handle, root) = start().await;
    let notice = text(&root, ".notice");
    assert!(notice.contains("could not be read") && notice.contains("feedreader.feeds.unreadable-"), "{notice}");
    assert_eq!(listed(&root), 25, "the reader started with the sample");
    let storage = storage();
    let kept = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .find(|k| k.starts_with("feedreader.feeds.unreadable-"))
        .expect("a backup key");
    assert_eq!(storage.get_item(&kept).unwrap().unwrap(), "{this is not what we saved", "nothing lost");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_full_storage_is_reported_and_keeps_what_was_saved() {
    fresh_start();
    let (handle, root) = start().await;
    press("j", None);
    settle().await;
    let saved = storage().get_item(READ_KEY).unwrap().unwrap();
    // Fill the origin's storage to the brim, down to the last few bytes.
    let mut fillers = Vec::new();
    for size in [256 * 1024, 4096, 64, 1] {
        let chunk = "x".repeat(size);
        loop {
            let key = format!("f{}", fillers.len());
            if storage().set_item(&key, &chunk).is_err() {
                break;
            }
            fillers.push(key);
        }
    }
    press("j", None);
    settle().await;
    let notice = text(&root, ".notice");
    assert!(notice.contains("storage for this page is full"), "{notice}");
    assert_eq!(storage().get_item(READ_KEY).unwrap().unwrap(), saved, "the earlier read state is intact");
    for key in fillers {
        storage().remove_item(&key).unwrap();
    }
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn marking_read_in_another_tab_shows_here() {
    fresh_start();
    let (handle, root) = start().await;
    let key = one(&root, ".entries .entry").get_attribute("data-key").unwrap();
    // Another document of the same origin (the iframe) writes the read state, as a second tab would.
    let frame: web_sys::HtmlIFrameElement = document().create_element("iframe").unwrap().unchecked_into();
    document().body().unwrap().append_child(&frame).unwrap();
    let other = frame.content_window().unwrap().local_storage().unwrap().unwrap();
    other.set_item(READ_KEY, &format!(r#"{{"version":2,"data":["{key}"]}}"#)).unwrap();
    sleep(100).await;
    settle().await;
    assert!(one(&root, &format!(".entry[data-key='{key}']")).class_list().contains("read"), "the other tab's read mark shows");
    frame.remove();
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn theme_choice_is_applied_and_remembered() {
    fresh_start();
    let (handle, root) = start().await;
    click(&root, ".settings-toggle");
    settle().await;
    let select: web_sys::HtmlSelectElement = one(&root, "select.theme-choice").unchecked_into();
    select.set_value("dark");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("dark"));
    drop(handle);
    root.remove();
    html.remove_attribute("data-theme").unwrap();
    let (handle, root) = start().await;
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("dark"), "remembered across a reload");
    drop(handle);
    root.remove();
    html.remove_attribute("data-theme").unwrap();
}

#[path = "support/big_library.rs"]
mod big_library;

#[wasm_bindgen_test]
async fn a_hundred_feeds_of_a_hundred_entries_survive_a_reload() {
    fresh_start();
    // About 1.5 KB of article per entry: 15 MB in all, three times what localStorage holds.
    let (ids, bytes) = big_library::store(big_library::generate(100, 100)).await;
    assert!(bytes > 10_000_000, "more than localStorage could hold: {bytes}");

    web_sys::window().unwrap().location().set_hash(&format!("#/feed/{}", ids[99])).unwrap();
    let (handle, root) = start().await;
    assert_eq!(text(&root, ".feeds .feed[aria-current] .count"), "100");
    assert_eq!(listed(&root), 100, "the feed's entries are back");
    assert!(text(&root, ".entries .entry .entry-title").starts_with("Feed 99 entry 99"));
    assert_eq!(unread_beside(&root, "All"), "10000");

    // The list draws only what is in sight, however long it is.
    sidebar(&root, "All").click();
    settle().await;
    assert_eq!(listed(&root), 10_000);
    let drawn = all(&root, ".entries .entry").len();
    assert!(drawn < 60, "{drawn} rows drawn for 10,000 entries");
    let scroller = one(&root, ".entry-scroller");
    scroller.set_scroll_top(scroller.scroll_height());
    scroller.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    settle().await;
    let titles: Vec<String> = all(&root, ".entries .entry-title").iter().map(|e| e.text_content().unwrap()).collect();
    assert!(titles.iter().any(|t| t.starts_with("Feed 0 entry 0 ")), "scrolled to the oldest: {titles:?}");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_backup_dropped_on_the_page_is_merged_in() {
    use feedreader::core::backup;
    use feedreader::core::library::{EntryKey, Library};
    use feedreader::core::settings::{Settings, Theme};

    fresh_start();
    let (handle, root) = start().await;
    press("j", None); // read one sample entry here
    settle().await;

    // A backup made elsewhere: one feed of its own, one of its entries starred.
    let mut elsewhere = Library::default();
    let subscription = big_library::generate(1, 3).remove(0);
    let id = subscription.id.clone();
    elsewhere.subscribe(subscription.feed, subscription.source);
    elsewhere.set_starred(EntryKey::new(&id, "https://feeds.example/0.xml#1"), true);
    let settings = Settings { theme: Theme::Dark, ..Settings::default() };
    let json = backup::to_json(&elsewhere, &settings, None);

    drop_file("feedreader-backup.json", &json);
    sleep(200).await;
    settle().await;
    assert!(text(&root, ".status").contains("restored the backup: added 1 feed; read and starred state merged"), "{}", text(&root, ".status"));
    sidebar(&root, "Feed 0");
    assert_eq!(unread_beside(&root, "Starred"), "1", "the backup's star came with it");
    assert_eq!(unread_beside(&root, "All"), "27", "24 unread sample entries + 3 new: what was read here stays read");
    drop(handle);
    root.remove();
    document().document_element().unwrap().remove_attribute("data-theme").unwrap();
}

#[wasm_bindgen_test]
async fn order_shortcuts_and_attachments() {
    fresh_start();
    let (handle, root) = start().await;
    let newest = text(&root, ".entries .entry .entry-title");

    // Oldest first puts the other end of the list on top, and is remembered.
    click(&root, ".list-controls .sort");
    settle().await;
    assert_eq!(text(&root, ".list-controls .sort"), "Oldest first");
    assert_ne!(text(&root, ".entries .entry .entry-title"), newest);
    assert!(storage().get_item("feedreader.settings").unwrap().unwrap().contains("OldestFirst"));
    click(&root, ".list-controls .sort");
    settle().await;
    assert_eq!(text(&root, ".entries .entry .entry-title"), newest);

    // "/" puts the cursor in the search box; Shift+A marks everything read.
    press("/", None);
    settle().await;
    assert_eq!(document().active_element().unwrap().id(), "search");
    document().active_element().unwrap().unchecked_ref::<HtmlElement>().blur().unwrap();
    press("A", None);
    settle().await;
    assert_eq!(unread_beside(&root, "All"), "0", "Shift+A marked all read");

    // A podcast episode gets a player and a download link.
    paste(
        &root,
        r#"<rss version="2.0"><channel><title>Podcast</title><link>https://pod.example/</link>
           <item><title>Episode 1</title><guid>ep1</guid>
           <enclosure url="https://pod.example/ep1.mp3" type="audio/mpeg" length="12345678"/></item>
           </channel></rss>"#,
    )
    .await;
    press("j", None);
    settle().await;
    let audio = one(&root, ".reader .attachment audio");
    assert_eq!(audio.get_attribute("src").as_deref(), Some("https://pod.example/ep1.mp3"));
    assert!(audio.has_attribute("controls"));
    assert_eq!(text(&root, ".reader .attachment figcaption"), "Download (audio/mpeg, 12.3 MB)");
    drop(handle);
    root.remove();
}

#[path = "browser/fetching.rs"]
mod fetching;
