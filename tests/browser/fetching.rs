//! Fetching feeds from a real HTTP server on 127.0.0.1:8765 (tests/server/feeds.py, started
//! by the test command): subscribing by address, discovery, `?add=`, every failure's own
//! message, the CORS proxy, and refresh (merge, revalidation, progress, failures that lose
//! nothing). The engine's own fetch path runs; nothing is mocked.

use super::*;

/// Asks the test server something (its admin endpoints), returning the body.
async fn server(path: &str) -> String {
    let response = gloo_net::http::Request::get(&format!("{SERVER}{path}")).send().await.expect("the test feed server answers");
    response.text().await.unwrap()
}

/// Waits until a refresh of all feeds has finished.
async fn refreshed(reader: &Reader) {
    until(30, "the refresh to finish", || reader.one(".refresh").get_attribute("aria-busy").as_deref() == Some("false")).await;
}

/// Opens the Add dialog and looks up `address`; returns what the lookup shows.
async fn look_up(reader: &Reader, address: &str, seconds: u32) -> Element {
    if !reader.has(".add-feed") {
        reader.click(".add-toggle");
        settle().await;
    }
    reader.type_into("#feed-address", address);
    settle().await;
    reader.click(".add-address button[type=submit]");
    until(seconds, &format!("the lookup of {address}"), || reader.has(".lookup.preview, .lookup.choices, .lookup.failed")).await;
    reader.one(".lookup.preview, .lookup.choices, .lookup.failed")
}

async fn subscribe_to(reader: &Reader, address: &str) {
    let found = look_up(reader, address, 10).await;
    assert!(found.class_list().contains("preview"), "{address}: {}", found.text_content().unwrap());
    reader.click(".lookup .subscribe");
    reader.status_says("Subscribed to").await;
}

/// The subscriptions as storage holds them: (title, source, last error, proxy).
async fn stored_feeds() -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    stored()
        .await
        .feeds
        .into_iter()
        .map(|(s, _)| (s.title().to_string(), s.source.clone(), s.fetch.error.clone(), s.proxy.clone()))
        .collect()
}

#[wasm_bindgen_test]
async fn subscribing_by_address_shows_a_preview_first() {
    fresh_start().await;
    let reader = Reader::open().await;
    let found = look_up(&reader, &format!("{SERVER}/cors/feed.xml"), 10).await;
    assert!(found.class_list().contains("preview"), "{}", found.text_content().unwrap());
    assert_eq!(text(&found, "h3"), "Local News");
    let entries: Vec<String> = all(&found, ".preview-entries li").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(entries, ["First story", "Second story", "Third story"]);
    assert!(!reader.text(".feeds").contains("Local News"), "nothing is subscribed before the click");

    reader.click(".lookup .subscribe");
    reader.status_says("Subscribed to Local News").await;
    until(5, "its count", || reader.has_sidebar("Local News") && reader.unread_beside("Local News") == "3").await;
    assert!(!reader.has(".add-feed"), "the dialog closes");
    assert!(stored_feeds().await.iter().any(|f| f.1.as_deref() == Some(&format!("{SERVER}/cors/feed.xml"))), "the address is saved");
    reader.close();
}

#[wasm_bindgen_test]
async fn a_page_offers_the_feeds_it_lists_or_the_usual_addresses() {
    fresh_start().await;
    let reader = Reader::open().await;
    let found = look_up(&reader, &format!("{SERVER}/cors/blog/"), 10).await;
    let choices: Vec<String> = all(&found, "li button").iter().map(|b| b.text_content().unwrap()).collect();
    assert_eq!(choices, ["Posts (RSS)", "Posts (Atom)"], "both alternate links, by title");
    reader.button(".lookup li button", "Posts (Atom)").click();
    until(10, "the Atom feed's preview", || reader.has(".lookup.preview") && reader.text(".lookup.preview h3") == "Blog in Atom").await;

    // No alternate links: the usual addresses are tried, beside the page then at the root.
    let found = look_up(&reader, &format!("{SERVER}/cors/plain/"), 20).await;
    assert!(found.class_list().contains("preview"), "{}", found.text_content().unwrap());
    assert!(text(&found, ".preview-meta").starts_with(&format!("{SERVER}/rss.xml")));
    reader.close();
}

#[wasm_bindgen_test]
async fn each_failure_says_what_it_is() {
    fresh_start().await;
    let reader = Reader::open().await;
    let cases = [
        ("/nocors/feed.xml", "does not allow other web pages to read its feed"),
        ("/status/404", "Not found (HTTP 404)"),
        ("/status/410", "You may want to unsubscribe"),
        ("/status/429", "Too many requests (HTTP 429)"),
        ("/status/503", "server failed (HTTP 503)"),
        ("/cors/notes.txt", "does not answer with a feed: line "),
        ("/cors/big.xml", "larger than 20 MB"),
        ("/cors/big-unsized.xml", "larger than 20 MB"),
    ];
    for (path, expected) in cases {
        let found = look_up(&reader, &format!("{SERVER}{path}"), 15).await;
        let message = found.text_content().unwrap();
        assert!(found.class_list().contains("failed") && message.contains(expected), "{path}: {message}");
    }
    let found = look_up(&reader, "http://127.0.0.1:8799/feed.xml", 15).await;
    assert!(found.text_content().unwrap().contains("could not be reached"), "{}", found.text_content().unwrap());
    let found = look_up(&reader, "ftp://example.com/feed", 5).await;
    assert!(found.text_content().unwrap().contains("only http and https"));
    // A CORS failure offers the proxy setting.
    look_up(&reader, &format!("{SERVER}/nocors/feed.xml"), 10).await;
    reader.button(".lookup button", "Set a CORS proxy…").click();
    settle().await;
    assert!(reader.has("#cors-proxy"), "the button opens Settings");
    assert_eq!(reader.text(".feeds").matches("Local News").count(), 0, "no failure subscribed anything");
    reader.close();
}

#[wasm_bindgen_test]
async fn a_site_that_does_not_answer_in_time_is_given_up_on() {
    fresh_start().await;
    let reader = Reader::open().await;
    let found = look_up(&reader, &format!("{SERVER}/cors/slow.xml"), 30).await;
    assert!(found.text_content().unwrap().contains("did not answer within 20 seconds"), "{}", found.text_content().unwrap());
    reader.close();
}

#[wasm_bindgen_test]
async fn the_proxy_in_settings_reads_what_the_site_blocks() {
    fresh_start().await;
    let reader = Reader::open().await;
    reader.click(".settings-toggle");
    settle().await;
    reader.type_into("#cors-proxy", "not a proxy");
    reader.click(".settings-panel button[type=submit]");
    settle().await;
    assert!(reader.text(".settings-panel .field-error").contains("not an http(s) address"));
    reader.type_into("#cors-proxy", &format!("{SERVER}/proxy?url={{url}}"));
    reader.click(".settings-panel button[type=submit]");
    settle().await;
    assert!(!reader.has(".settings-panel"), "saved and closed");

    subscribe_to(&reader, &format!("{SERVER}/nocors/feed.xml")).await;
    until(5, "its count", || reader.has_sidebar("Local News") && reader.unread_beside("Local News") == "3").await;
    let feeds = stored_feeds().await;
    assert!(
        feeds.iter().any(|f| f.1.as_deref() == Some(&format!("{SERVER}/nocors/feed.xml"))),
        "the feed's own address is kept, not the proxy's"
    );
    let settings = stored().await.settings.expect("settings are saved");
    assert!(settings.cors_proxy.unwrap().contains("/proxy?url={url}"));

    // Without any proxy a refresh of that feed fails, and says why…
    reader.click(".settings-toggle");
    settle().await;
    reader.type_into("#cors-proxy", "");
    reader.click(".settings-panel button[type=submit]");
    settle().await;
    let open_menu = |reader: &Reader| {
        let menu = reader.all(".feed-menu").into_iter().last().unwrap();
        if menu.get_attribute("aria-expanded").as_deref() != Some("true") {
            menu.unchecked_ref::<HtmlElement>().click();
        }
    };
    open_menu(&reader);
    settle().await;
    reader.button(".feed-settings button", "Refresh").click();
    until(10, "the failure", || reader.has(".status.error")).await;
    assert!(reader.status().contains("does not allow other web pages"), "{}", reader.status());
    // …and a proxy set for this feed alone reads it again.
    reader.type_into(".feed-settings input[id^=feed-proxy]", &format!("{SERVER}/proxy?url={{url}}"));
    reader.button(".feed-settings button", "Save").click();
    let mut saved = false;
    for _ in 0..100 {
        if stored_feeds().await.iter().any(|f| f.3.as_deref().is_some_and(|p| p.contains("/proxy?url={url}"))) {
            saved = true;
            break;
        }
        pause(50).await;
    }
    assert!(saved, "the feed's proxy is saved with it");
    reader.click(".status .link-button");
    open_menu(&reader);
    settle().await;
    reader.button(".feed-settings button", "Refresh").click();
    reader.status_says("Refreshed").await;
    reader.close();
}

#[wasm_bindgen_test]
async fn opening_the_app_with_add_previews_that_feed() {
    fresh_start().await;
    let window = web_sys::window().unwrap();
    let back = window.location().href().unwrap();
    let address = format!("{SERVER}/cors/latin1.xml");
    let encoded: String = js_sys::encode_uri_component(&address).into();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?add={encoded}"))).unwrap();
    let reader = Reader::open().await;
    until(10, "the preview", || reader.has(".lookup.preview")).await;
    // The bytes are Latin-1; only the Content-Type header says so.
    assert_eq!(reader.text(".lookup.preview h3"), "Café Müller");
    assert_eq!(reader.text(".lookup.preview .preview-entries li"), "Crème brûlée");
    assert!(!window.location().search().unwrap().contains("add="), "the request leaves the address bar");
    assert!(!reader.text(".feeds").contains("Café Müller"), "nothing subscribed without the click");
    reader.click(".lookup .subscribe");
    until(5, "the subscription", || reader.has_sidebar("Café Müller") && reader.unread_beside("Café Müller") == "1").await;
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&back)).unwrap();
    reader.close();
}

#[wasm_bindgen_test]
async fn refresh_merges_revalidates_and_a_failure_loses_nothing() {
    fresh_start().await;
    server("/admin/reset").await;
    let reader = Reader::open().await;
    let address = format!("{SERVER}/cors/news.xml");
    subscribe_to(&reader, &address).await;
    until(5, "its entries", || reader.titles() == ["Story B", "Story A"]).await;
    // Read and star A.
    reader.open_entry("Story A").await;
    press("s", None);
    until(5, "A starred", || reader.all(".entries .star-mark").len() == 1).await;

    // The feed changes: r merges the new edition in place.
    server("/admin/edition?n=2").await;
    press("r", None);
    refreshed(&reader).await;
    until(5, "the new edition", || reader.titles() == ["Story C", "Story B, corrected", "Story A"]).await;
    assert_eq!(reader.unread_beside("Changing News"), "2", "A stays read");
    let starred: Vec<String> =
        reader.all(".entries .entry-title").iter().map(|e| e.text_content().unwrap()).filter(|t| t.starts_with('★')).collect();
    assert_eq!(starred, ["★ Story A"], "A stays starred");

    // Unchanged: the browser revalidates (If-None-Match) and the server answers 304.
    let before: serde_json::Value = serde_json::from_str(&server("/admin/stats").await).unwrap();
    reader.click(".refresh");
    until(5, "the refresh to start", || reader.status().contains("Refreshed")).await;
    refreshed(&reader).await;
    let after: serde_json::Value = serde_json::from_str(&server("/admin/stats").await).unwrap();
    assert_eq!(after["not_modified"].as_i64().unwrap(), before["not_modified"].as_i64().unwrap() + 1, "{after}");

    // The server fails: an error is shown, and nothing stored is lost.
    server("/admin/edition?n=0").await;
    reader.click(".status .link-button");
    reader.click(".refresh");
    reader.status_says("Changing News (HTTP 503)").await;
    until(5, "the feed's error mark", || reader.has(".feeds .fetch-error")).await;
    assert_eq!(reader.titles().len(), 3, "every entry is still there");
    assert!(stored_feeds().await.iter().any(|f| f.2.as_deref().is_some_and(|e| e.contains("HTTP 503"))), "the error is remembered");
    reader.close();
    let reader = Reader::open().await;
    reader.sidebar("Changing News").click();
    until(5, "its entries after a reload", || reader.titles().len() == 3).await;
    // Backing off: a refresh of everything leaves the failing feed alone for now.
    reader.click(".refresh");
    reader.status_says("Nothing to refresh").await;

    // A feed that moved for good: after two fetches that land on the new address, it is saved.
    server("/admin/edition?n=3").await;
    for _ in 0..2 {
        reader.click(".status .link-button");
        let menu = reader.all(".feed-menu").into_iter().last().unwrap();
        if menu.get_attribute("aria-expanded").as_deref() != Some("true") {
            menu.unchecked_ref::<HtmlElement>().click();
        }
        settle().await;
        reader.button(".feed-settings button", "Refresh").click();
        until(10, "the refresh", || reader.has(".status.ok")).await;
    }
    let sources: Vec<Option<String>> = stored_feeds().await.into_iter().map(|f| f.1).collect();
    assert!(sources.contains(&Some(format!("{SERVER}/cors/feed.xml"))), "{sources:?}");
    assert!(!sources.contains(&Some(address)));
    reader.close();
}

#[wasm_bindgen_test]
async fn refresh_fetches_four_at_a_time_and_counts_progress() {
    fresh_start().await;
    server("/admin/reset").await;
    let reader = Reader::open().await;
    let outlines: String =
        (1..=6).map(|n| format!(r#"<outline type="rss" text="Slow {n}" xmlUrl="{SERVER}/cors/slowish.xml?n={n}"/>"#)).collect();
    reader.paste(&format!(r#"<opml version="2.0"><head/><body>{outlines}</body></opml>"#)).await;
    reader.status_says("Imported 6").await;
    reader.click(".refresh");
    until(5, "the progress", || reader.text(".refresh").trim() == "Refreshing 0 of 6…").await;
    assert_eq!(reader.one(".refresh").get_attribute("aria-label").as_deref(), Some("Refreshing 0 of 6"));
    until(5, "four feeds in flight, each with a spinner", || reader.all(".feeds .spinner").len() == 4).await;
    refreshed(&reader).await;
    assert_eq!(reader.one(".refresh").get_attribute("aria-label").as_deref(), Some("Refresh all feeds"), "back to rest");
    for n in 1..=6 {
        until(5, "each feed's entry", || {
            reader.has_sidebar(&format!("Slow feed {n}")) && reader.unread_beside(&format!("Slow feed {n}")) == "1"
        })
        .await;
    }
    let stats: serde_json::Value = serde_json::from_str(&server("/admin/stats").await).unwrap();
    assert_eq!(stats["most_at_once"], 4, "never more than four requests at once");
    reader.status_says("Refreshed 6 feeds: 6 new entries.").await;
    reader.close();
}

/// Makes the page look hidden or visible to the app, as switching tabs would.
fn set_visibility(state: &str) {
    js_sys::eval(&format!("Object.defineProperty(document, 'visibilityState', {{ value: '{state}', configurable: true }})")).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    document().dispatch_event(&web_sys::Event::new_with_event_init_dict("visibilitychange", &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn auto_refresh_waits_while_the_page_is_hidden() {
    fresh_start().await;
    // A device with one subscription that was never fetched.
    {
        use feedreader::core::library::Library;
        use feedreader::engine::ports::{Change, FeedWrite, Store};
        let mut library = Library::default();
        let id = library.add_pending(format!("{SERVER}/cors/feed.xml"), Some("Waiting feed".into()), None);
        let record = library.subscription(&id).unwrap().clone();
        let change = Change { feeds: vec![FeedWrite::record(record)], order: Some(vec![id]), started: true, ..Change::default() };
        feedreader::web::store::IdbStore::default().write(&change).await.unwrap();
    }
    set_visibility("hidden");
    let reader = Reader::open().await;
    assert!(reader.text(".feeds").contains("Waiting feed"));
    // A round trip through the engine, which takes commands in order: had the hidden page
    // started a refresh, its spinner and progress would have come before this answer.
    reader.type_into("#search", "zzzzzz");
    until(5, "the engine's answer", || reader.text(".entries").contains("Nothing matches your search")).await;
    assert!(!reader.has(".feeds .spinner"), "nothing is fetched while the page is hidden");
    assert_eq!(reader.one(".refresh").get_attribute("aria-busy").as_deref(), Some("false"));
    assert!(reader.text(".feeds").contains("Waiting feed"));
    reader.type_into("#search", "");

    set_visibility("visible");
    until(10, "the fetched feed", || reader.has_sidebar("Local News")).await;
    assert_eq!(reader.unread_beside("Local News"), "3", "shown again, the page fetches what is due");
    js_sys::eval("delete document.visibilityState").unwrap();
    reader.close();
}

/// Puts a stand-in for the browser's Notification in place: headless Chromium shows none, so
/// this one records what the reader asks for, and its permission starts as "not asked".
fn stand_in_notifications() {
    js_sys::Function::new_no_args(
        "window.__notes = []; window.__asked = 0; window.__permission = 'default';\
         window.Notification = class {\
           constructor(title, options) { this.title = title; this.body = options && options.body; window.__notes.push(this); }\
           close() { this.closed = true; }\
           static get permission() { return window.__permission; }\
           static requestPermission() { window.__asked += 1; window.__permission = 'granted'; return Promise.resolve('granted'); }\
         };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

fn notes() -> Vec<(String, String)> {
    let notes = js_sys::Reflect::get(&js_sys::global(), &"__notes".into()).unwrap();
    js_sys::Array::from(&notes)
        .iter()
        .map(|n| {
            let field = |name: &str| js_sys::Reflect::get(&n, &name.into()).unwrap().as_string().unwrap_or_default();
            (field("title"), field("body"))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_feed_set_to_notify_announces_new_entries_and_a_click_opens_one() {
    fresh_start().await;
    server("/admin/reset").await;
    stand_in_notifications();
    let reader = Reader::open().await;
    subscribe_to(&reader, &format!("{SERVER}/cors/news.xml")).await;
    until(5, "its entries", || reader.titles() == ["Story B", "Story A"]).await;

    // Turned on from the feed's menu: the permission is asked for then, and only then.
    let asked = || js_sys::Reflect::get(&js_sys::global(), &"__asked".into()).unwrap().as_f64().unwrap();
    assert_eq!(asked(), 0.0);
    reader
        .sidebar("Changing News")
        .parent_element()
        .unwrap()
        .query_selector(".feed-menu")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    until(5, "the feed's menu", || reader.has(".feed-settings input.notify")).await;
    reader.click(".feed-settings input.notify");
    until(5, "the permission to be asked", || asked() == 1.0).await;
    until(5, "notifications on", || reader.one(".feed-settings input.notify").unchecked_into::<web_sys::HtmlInputElement>().checked())
        .await;

    // A new edition: Story C is announced, and a click opens it.
    server("/admin/edition?n=2").await;
    press("r", None);
    refreshed(&reader).await;
    until(5, "the notification", || notes() == [("Changing News".to_string(), "Story C".to_string())]).await;
    let note = js_sys::Array::from(&js_sys::Reflect::get(&js_sys::global(), &"__notes".into()).unwrap()).get(0);
    let on_click: js_sys::Function = js_sys::Reflect::get(&note, &"onclick".into()).unwrap().unchecked_into();
    on_click.call0(&note).unwrap();
    until(5, "the entry opened", || reader.has(".reader .article-title") && reader.text(".reader .article-title") == "Story C").await;
    assert_eq!(asked(), 1.0, "asked once");
    reader.close();
}

/// Chooses `value` in a select of the page, as a person would.
fn choose(reader: &Reader, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = reader.one(selector).unchecked_into();
    select.set_value(value);
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn filters_hide_or_mark_read_what_a_refresh_brings_and_a_bad_one_is_refused() {
    fresh_start().await;
    server("/admin/reset").await;
    let reader = Reader::open().await;
    subscribe_to(&reader, &format!("{SERVER}/cors/news.xml")).await;
    until(5, "its entries", || reader.titles() == ["Story B", "Story A"]).await;
    // Shift+F: Settings, ready for a filter's expression.
    press("F", None);
    until(5, "the filter field, focused", || document().active_element().is_some_and(|e| e.id() == "filter-pattern")).await;

    // A bad expression is refused under its field, and nothing changes.
    reader.type_into("#filter-pattern", "story (b");
    reader.button(".filter-form button", "Add filter").click();
    until(5, "the refusal", || reader.text("#filter-problem").contains("not valid at character 7: unclosed group")).await;
    assert!(!reader.has(".filter-rules .rules"), "no filter was added");
    assert_eq!(reader.titles(), ["Story B", "Story A"]);

    // Hide corrected stories in this feed; mark read on arrival anything whose text says "C body".
    reader.type_into("#filter-pattern", "corrected$");
    let feed = reader
        .all("#filter-feed option")
        .into_iter()
        .find(|o| o.text_content().unwrap_or_default() == "Changing News")
        .expect("the feed is offered");
    choose(&reader, "#filter-feed", &feed.get_attribute("value").unwrap());
    reader.button(".filter-form button", "Add filter").click();
    until(5, "the first filter", || reader.text(".filter-rules .rules").contains("Hide: title ~ corrected$ in Changing News")).await;
    assert_eq!(reader.one("#filter-problem").text_content().unwrap(), "", "the message went with the bad expression");
    choose(&reader, "#filter-field", "text");
    choose(&reader, "#filter-action", "read");
    reader.type_into("#filter-pattern", r"c\s+BODY");
    reader.button(".filter-form button", "Add filter").click();
    until(5, "the second filter", || reader.text(".filter-rules .rules").contains("Arrive read: text ~ c\\s+BODY")).await;
    reader.button(".settings-actions button", "Close").click();

    // The feed's next edition: B is corrected (hidden), C is new (read on arrival).
    server("/admin/edition?n=2").await;
    press("r", None);
    refreshed(&reader).await;
    until(5, "the filtered edition", || reader.titles() == ["Story C", "Story A"]).await;
    assert!(reader.one(".entries li:first-child .entry").class_list().contains("read"), "C arrived read");
    assert_eq!(reader.unread_beside("Changing News"), "1", "only A is unread");
    reader.close();

    // Kept across a reload.
    let reader = Reader::open().await;
    reader.sidebar("Changing News").click();
    until(5, "the feed, filtered", || reader.titles() == ["Story C", "Story A"]).await;
    reader.close();
}
