//! Fetching feeds from a real HTTP server on 127.0.0.1:8765 (tests/server/feeds.py, started
//! by the test command): subscribing by address, discovery, `?add=`, every failure's own
//! message, the CORS proxy, and refresh (merge, revalidation, progress, failures that lose
//! nothing). The app's own fetch path runs; nothing is mocked.

use super::*;

const SERVER: &str = "http://127.0.0.1:8765";

/// Asks the test server something (its admin endpoints), returning the body.
async fn server(path: &str) -> String {
    let response = gloo_net::http::Request::get(&format!("{SERVER}{path}")).send().await.expect("the test feed server answers");
    response.text().await.unwrap()
}

/// Waits (up to `seconds`) until `selector` matches, and returns the match.
async fn wait_for(root: &Element, selector: &str, seconds: u32) -> Element {
    for _ in 0..seconds * 20 {
        settle().await;
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(50).await;
    }
    panic!("nothing matched {selector} within {seconds} s; the page says: {}", root.text_content().unwrap_or_default());
}

/// Waits until the refresh of all feeds has finished.
async fn refreshed(root: &Element) {
    for _ in 0..600 {
        settle().await;
        if one(root, ".refresh").get_attribute("aria-busy").as_deref() == Some("false") {
            return;
        }
        sleep(50).await;
    }
    panic!("the refresh never finished");
}

/// Opens the Add dialog and looks up `address`; returns what the lookup shows.
async fn look_up(root: &Element, address: &str, seconds: u32) -> Element {
    if root.query_selector(".add-feed").unwrap().is_none() {
        click(root, ".add-toggle");
        settle().await;
    }
    type_into(root, "#feed-address", address);
    settle().await;
    click(root, ".add-address button[type=submit]");
    settle().await;
    wait_for(root, ".lookup.preview, .lookup.choices, .lookup.failed", seconds).await
}

async fn subscribe_to(root: &Element, address: &str) {
    let found = look_up(root, address, 10).await;
    assert!(found.class_list().contains("preview"), "{address}: {}", found.text_content().unwrap());
    click(root, ".lookup .subscribe");
    settle().await;
}

fn stored_feeds() -> String {
    storage().get_item(FEEDS_KEY).unwrap().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn subscribing_by_address_shows_a_preview_first() {
    fresh_start();
    let (handle, root) = start().await;
    let found = look_up(&root, &format!("{SERVER}/cors/feed.xml"), 10).await;
    assert!(found.class_list().contains("preview"), "{}", found.text_content().unwrap());
    assert_eq!(text(&found, "h3"), "Local News");
    let entries: Vec<String> = all(&found, ".preview-entries li").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(entries, ["First story", "Second story", "Third story"]);
    assert!(!text(&root, ".feeds").contains("Local News"), "nothing is subscribed before the click");

    click(&root, ".lookup .subscribe");
    settle().await;
    assert_eq!(unread_beside(&root, "Local News"), "3");
    assert!(text(&root, ".status.ok").contains("Subscribed to Local News"));
    assert!(root.query_selector(".add-feed").unwrap().is_none(), "the dialog closes");
    assert!(stored_feeds().contains(&format!("{SERVER}/cors/feed.xml")), "the address is saved");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_page_offers_the_feeds_it_lists_or_the_usual_addresses() {
    fresh_start();
    let (handle, root) = start().await;
    let found = look_up(&root, &format!("{SERVER}/cors/blog/"), 10).await;
    let choices: Vec<String> = all(&found, "li button").iter().map(|b| b.text_content().unwrap()).collect();
    assert_eq!(choices, ["Posts (RSS)", "Posts (Atom)"], "both alternate links, by title");
    button_with_text(&found, "li button", "Posts (Atom)").click();
    let preview = wait_for(&root, ".lookup.preview", 10).await;
    assert_eq!(text(&preview, "h3"), "Blog in Atom");

    // No alternate links: the usual addresses are tried, beside the page then at the root.
    let found = look_up(&root, &format!("{SERVER}/cors/plain/"), 20).await;
    assert!(found.class_list().contains("preview"), "{}", found.text_content().unwrap());
    assert!(text(&found, ".preview-meta").starts_with(&format!("{SERVER}/rss.xml")));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn each_failure_says_what_it_is() {
    fresh_start();
    let (handle, root) = start().await;
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
        let found = look_up(&root, &format!("{SERVER}{path}"), 15).await;
        let message = found.text_content().unwrap();
        assert!(found.class_list().contains("failed") && message.contains(expected), "{path}: {message}");
    }
    let found = look_up(&root, "http://127.0.0.1:8799/feed.xml", 15).await;
    assert!(found.text_content().unwrap().contains("could not be reached"), "{}", found.text_content().unwrap());
    let found = look_up(&root, "ftp://example.com/feed", 5).await;
    assert!(found.text_content().unwrap().contains("only http and https"));
    // A CORS failure offers the proxy setting.
    look_up(&root, &format!("{SERVER}/nocors/feed.xml"), 10).await;
    button_with_text(&root, ".lookup button", "Set a CORS proxy…").click();
    settle().await;
    assert!(root.query_selector("#cors-proxy").unwrap().is_some(), "the button opens Settings");
    assert_eq!(text(&root, ".feeds").matches("Local News").count(), 0, "no failure subscribed anything");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_site_that_does_not_answer_in_time_is_given_up_on() {
    fresh_start();
    let (handle, root) = start().await;
    let found = look_up(&root, &format!("{SERVER}/cors/slow.xml"), 30).await;
    assert!(found.text_content().unwrap().contains("did not answer within 20 seconds"), "{}", found.text_content().unwrap());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_proxy_in_settings_reads_what_the_site_blocks() {
    fresh_start();
    let (handle, root) = start().await;
    click(&root, ".settings-toggle");
    settle().await;
    type_into(&root, "#cors-proxy", "not a proxy");
    click(&root, ".settings-panel button[type=submit]");
    settle().await;
    assert!(text(&root, ".settings-panel .field-error").contains("not an http(s) address"));
    type_into(&root, "#cors-proxy", &format!("{SERVER}/proxy?url={{url}}"));
    click(&root, ".settings-panel button[type=submit]");
    settle().await;
    assert!(root.query_selector(".settings-panel").unwrap().is_none(), "saved and closed");

    subscribe_to(&root, &format!("{SERVER}/nocors/feed.xml")).await;
    assert_eq!(unread_beside(&root, "Local News"), "3");
    let stored = stored_feeds();
    assert!(stored.contains(&format!("{SERVER}/nocors/feed.xml")), "the feed's own address is kept, not the proxy's");
    assert!(storage().get_item(feedreader::web::storage::SETTINGS_KEY).unwrap().unwrap().contains("/proxy?url={url}"));

    // Without any proxy a refresh of that feed fails, and says why…
    click(&root, ".settings-toggle");
    settle().await;
    type_into(&root, "#cors-proxy", "");
    click(&root, ".settings-panel button[type=submit]");
    settle().await;
    let refresh_feed = |root: &Element| {
        let menu = all(root, ".feed-menu").into_iter().last().unwrap();
        if menu.get_attribute("aria-expanded").as_deref() != Some("true") {
            menu.unchecked_ref::<HtmlElement>().click();
        }
    };
    refresh_feed(&root);
    settle().await;
    button_with_text(&root, ".feed-settings button", "Refresh").click();
    let status = wait_for(&root, ".status.error", 10).await;
    assert!(status.text_content().unwrap().contains("does not allow other web pages"), "{}", status.text_content().unwrap());
    // …and a proxy set for this feed alone reads it again.
    type_into(&root, ".feed-settings input[id^=feed-proxy]", &format!("{SERVER}/proxy?url={{url}}"));
    button_with_text(&root, ".feed-settings button", "Save").click();
    settle().await;
    assert!(stored_feeds().contains("/proxy?url={url}"), "the feed's proxy is saved with it");
    click(&root, ".status .link-button");
    refresh_feed(&root);
    settle().await;
    button_with_text(&root, ".feed-settings button", "Refresh").click();
    let status = wait_for(&root, ".status.ok", 10).await;
    assert!(status.text_content().unwrap().contains("Refreshed"), "{}", status.text_content().unwrap());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn opening_the_app_with_add_previews_that_feed() {
    fresh_start();
    let window = web_sys::window().unwrap();
    let back = window.location().href().unwrap();
    let address = format!("{SERVER}/cors/latin1.xml");
    let encoded: String = js_sys::encode_uri_component(&address).into();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?add={encoded}"))).unwrap();
    let (handle, root) = start().await;
    let preview = wait_for(&root, ".lookup.preview", 10).await;
    // The bytes are Latin-1; only the Content-Type header says so.
    assert_eq!(text(&preview, "h3"), "Café Müller");
    assert_eq!(text(&preview, ".preview-entries li"), "Crème brûlée");
    assert!(!window.location().search().unwrap().contains("add="), "the request leaves the address bar");
    assert!(!text(&root, ".feeds").contains("Café Müller"), "nothing subscribed without the click");
    click(&root, ".lookup .subscribe");
    settle().await;
    assert_eq!(unread_beside(&root, "Café Müller"), "1");
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&back)).unwrap();
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn refresh_merges_revalidates_and_a_failure_loses_nothing() {
    fresh_start();
    server("/admin/reset").await;
    let (handle, root) = start().await;
    let address = format!("{SERVER}/cors/news.xml");
    subscribe_to(&root, &address).await;
    // Titles as listed, without the star mark.
    let titles = |root: &Element| -> Vec<String> {
        all(root, ".entries .entry-title").iter().map(|e| e.text_content().unwrap().trim_start_matches("★ ").to_string()).collect()
    };
    assert_eq!(titles(&root), ["Story B", "Story A"]);
    // Read and star A.
    button_with_text(&root, ".entries .entry-title", "Story A").click();
    settle().await;
    press("s", None);
    settle().await;
    let starred_a = storage().get_item(feedreader::web::storage::STARRED_KEY).unwrap().unwrap();

    // The feed changes: r merges the new edition in place.
    server("/admin/edition?n=2").await;
    press("r", None);
    refreshed(&root).await;
    assert_eq!(titles(&root), ["Story C", "Story B, corrected", "Story A"], "new, changed, and kept");
    assert_eq!(unread_beside(&root, "Changing News"), "2", "A stays read");
    let starred: Vec<String> = all(&root, ".entries .entry-title").iter().map(|e| e.text_content().unwrap()).filter(|t| t.starts_with('★')).collect();
    assert_eq!(starred, ["★ Story A"], "A stays starred");
    assert_eq!(storage().get_item(feedreader::web::storage::STARRED_KEY).unwrap().unwrap(), starred_a);

    // Unchanged: the browser revalidates (If-None-Match) and the server answers 304.
    let before: serde_json::Value = serde_json::from_str(&server("/admin/stats").await).unwrap();
    click(&root, ".refresh");
    refreshed(&root).await;
    let after: serde_json::Value = serde_json::from_str(&server("/admin/stats").await).unwrap();
    assert_eq!(after["not_modified"].as_i64().unwrap(), before["not_modified"].as_i64().unwrap() + 1, "{after}");

    // The server fails: an error is shown, and nothing stored is lost.
    server("/admin/edition?n=0").await;
    click(&root, ".refresh");
    refreshed(&root).await;
    assert!(text(&root, ".status.error").contains("Changing News (HTTP 503)"), "{}", text(&root, ".status"));
    assert!(root.query_selector(".feeds .fetch-error").unwrap().is_some(), "the feed shows its error");
    assert_eq!(titles(&root).len(), 3, "every entry is still there");
    assert!(stored_feeds().contains("HTTP 503"), "the error is remembered");
    drop(handle);
    root.remove();
    let (handle, root) = start().await;
    sidebar(&root, "Changing News").click();
    settle().await;
    assert_eq!(titles(&root).len(), 3, "and still there after a reload");
    // Backing off: a refresh of everything leaves the failing feed alone for now.
    click(&root, ".refresh");
    settle().await;
    assert!(text(&root, ".status").contains("Nothing to refresh"), "{}", text(&root, ".status"));

    // A feed that moved for good: after two fetches that land on the new address, it is saved.
    server("/admin/edition?n=3").await;
    for _ in 0..2 {
        click(&root, ".status .link-button");
        // The feed's menu (it is the last feed: the sample comes first).
        let menu = all(&root, ".feed-menu").into_iter().last().unwrap();
        if menu.get_attribute("aria-expanded").as_deref() != Some("true") {
            menu.unchecked_ref::<HtmlElement>().click();
        }
        settle().await;
        button_with_text(&root, ".feed-settings button", "Refresh").click();
        wait_for(&root, ".status.ok", 10).await;
    }
    assert!(stored_feeds().contains(&format!("{SERVER}/cors/feed.xml")), "{}", stored_feeds());
    assert!(!stored_feeds().contains(&address));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn refresh_fetches_four_at_a_time_and_counts_progress() {
    fresh_start();
    server("/admin/reset").await;
    let (handle, root) = start().await;
    let outlines: String = (1..=6).map(|n| format!(r#"<outline type="rss" text="Slow {n}" xmlUrl="{SERVER}/cors/slowish.xml?n={n}"/>"#)).collect();
    paste(&root, &format!(r#"<opml version="2.0"><head/><body>{outlines}</body></opml>"#)).await;
    assert!(text(&root, ".status").contains("Imported 6"), "{}", text(&root, ".status"));
    click(&root, ".refresh");
    settle().await;
    assert_eq!(text(&root, ".refresh").trim(), "Refreshing 0 of 6…");
    assert_eq!(one(&root, ".refresh").get_attribute("aria-label").as_deref(), Some("Refreshing 0 of 6"));
    sleep(500).await;
    settle().await;
    assert_eq!(all(&root, ".feeds .spinner").len(), 4, "four feeds in flight, each with a spinner");
    refreshed(&root).await;
    assert_eq!(one(&root, ".refresh").get_attribute("aria-label").as_deref(), Some("Refresh all feeds"), "back to rest");
    for n in 1..=6 {
        assert_eq!(unread_beside(&root, &format!("Slow feed {n}")), "1");
    }
    let stats: serde_json::Value = serde_json::from_str(&server("/admin/stats").await).unwrap();
    assert_eq!(stats["most_at_once"], 4, "never more than four requests at once");
    assert!(text(&root, ".status").contains("Refreshed 6 feeds: 6 new entries."));
    drop(handle);
    root.remove();
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
    fresh_start();
    let mut library = feedreader::core::library::Library::default();
    library.add_pending(format!("{SERVER}/cors/feed.xml"), Some("Waiting feed".into()), None);
    feedreader::web::storage::save_subscriptions(&library, false).unwrap();
    set_visibility("hidden");
    let (handle, root) = start().await;
    sleep(1500).await;
    settle().await;
    assert!(text(&root, ".feeds").contains("Waiting feed"), "nothing is fetched while the page is hidden");
    assert!(root.query_selector(".feeds .spinner").unwrap().is_none());

    set_visibility("visible");
    for _ in 0..200 {
        settle().await;
        if text(&root, ".feeds").contains("Local News") {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(unread_beside(&root, "Local News"), "3", "shown again, the page fetches what is due");
    js_sys::eval("delete document.visibilityState").unwrap();
    drop(handle);
    root.remove();
}
