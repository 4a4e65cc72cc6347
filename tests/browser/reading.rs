//! Reading: the first visit, opening entries, the keys, stars, filters, search, mark all read
//! with undo, arranging feeds, the address, the theme, attachments, and a large library.

use super::*;

#[wasm_bindgen_test]
async fn first_visit_shows_sample_and_remembers_what_was_read() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample's rows", || reader.listed() == 25).await;
    assert!(reader.all(".entries .entry").len() >= 5, "the first screen shows them");
    assert!(reader.all(".entries .entry.read").is_empty(), "nothing is read on a first visit");
    assert!(reader.text(".feeds").contains("Bernhard's shared items"));
    assert!(reader.text(".reader").contains("Choose an entry"));
    assert!(reader.all(".entries .entry-excerpt").iter().any(|e| !e.text_content().unwrap().is_empty()), "rows have excerpts");

    // Open the third entry: it is shown and marked read.
    let title = reader.titles()[2].clone();
    let key = reader.all(".entries .entry")[2].get_attribute("data-key").unwrap();
    reader.open_entry(&title).await;
    assert!(!reader.text(".reader .article-body").trim().is_empty(), "with its content");
    assert!(reader.all(".reader .article-body script").is_empty());
    assert!(reader.one(&format!(".entry[data-key='{key}']")).class_list().contains("read"), "the opened entry looks read");
    until(5, "the count to go down", || reader.text(".feeds .feed[aria-current] .count") == "24").await;
    assert_eq!(reader.all(".entries .entry.read").len(), 1);

    // Open it again, as a reload would: the read state comes back from storage.
    reader.close();
    let reader = Reader::open().await;
    until(10, "the rows", || reader.listed() == 25).await;
    until(5, "the read row", || reader.has(&format!(".entry.read[data-key='{key}']"))).await;
    assert_eq!(reader.all(".entries .entry.read").len(), 1);

    // And it can be marked unread again, which lasts too.
    reader.open_entry(&title).await;
    reader.click(".reader .toggle-read");
    until(5, "the row to look unread", || !reader.one(&format!(".entry[data-key='{key}']")).class_list().contains("read")).await;
    reader.close();
    let reader = Reader::open().await;
    until(10, "the rows", || reader.listed() == 25).await;
    assert!(reader.all(".entries .entry.read").is_empty(), "unread was saved too");
    reader.close();
}

#[wasm_bindgen_test]
async fn keyboard_reads_through_the_list() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the rows", || reader.listed() == 25).await;
    let titles = reader.titles();
    let reading = |r: &Reader| if r.has(".reader .article-title") { r.text(".reader .article-title") } else { String::new() };

    press("j", None);
    until(5, "j to open the first entry", || reading(&reader) == titles[0]).await;
    press("j", None);
    until(5, "j again to open the next", || reading(&reader) == titles[1]).await;
    press("k", None);
    until(5, "k to go back", || reading(&reader) == titles[0]).await;
    assert_eq!(reader.all(".entries .entry.read").len(), 2, "both opened entries are read");

    // n / p move the cursor without opening or marking read.
    press("n", None);
    press("n", None);
    settle().await;
    assert_eq!(reader.text(".entries .entry.cursor .entry-title"), titles[2]);
    assert_eq!(reading(&reader), titles[0], "still reading the first");
    assert_eq!(reader.all(".entries .entry.read").len(), 2);
    press("o", None);
    until(5, "o to open the entry under the cursor", || reading(&reader) == titles[2]).await;

    // m toggles read on the open entry.
    press("m", None);
    until(5, "m to mark it unread", || !reader.one(".entries .entry.selected").class_list().contains("read")).await;
    press("m", None);
    until(5, "m to mark it read again", || reader.one(".entries .entry.selected").class_list().contains("read")).await;

    // ? shows every shortcut; Escape closes it.
    press("?", None);
    settle().await;
    let help = reader.text("[role=dialog]");
    for key in ["j / k", "Shift+A", "g then a"] {
        assert!(help.contains(key), "help lists {key}: {help}");
    }
    press("Escape", None);
    settle().await;
    assert!(!reader.has("[role=dialog]"));

    // Keys typed into a field are text, not shortcuts.
    reader.click(".add-toggle");
    settle().await;
    let field = reader.one(".add-text textarea");
    press("j", Some(&field));
    settle().await;
    assert_eq!(reading(&reader), titles[2], "j in a text field does nothing");
    reader.close();
}

#[wasm_bindgen_test]
async fn star_filter_search_and_mark_all_read_with_undo() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the rows", || reader.listed() == 25).await;
    let first = reader.titles()[0].clone();
    press("j", None);
    until(5, "the first article", || reader.has(".reader .toggle-star")).await;
    press("s", None);
    until(5, "the star", || reader.text(".reader .toggle-star").contains("Starred")).await;

    reader.sidebar("Starred").click();
    until(5, "the starred list", || reader.listed() == 1).await;
    assert!(reader.titles()[0].contains(&first));
    press("g", None);
    press("a", None);
    until(5, "g a to go back to All", || reader.text(".list-heading") == "All" && reader.listed() == 25).await;

    reader.button(".segmented button", "Unread").click();
    until(5, "the unread list", || reader.listed() == 24).await;

    reader.type_into("#search", "spiffe");
    until(5, "the search to narrow the list", || reader.listed() > 0 && reader.listed() < 24).await;
    reader.type_into("#search", "");
    reader.button(".segmented button", "All").click();
    until(5, "the whole list", || reader.listed() == 25).await;

    reader.click(".mark-all");
    until(5, "all read", || reader.unread_beside("All") == "0").await;
    reader.status_says("Marked 24 entries as read").await;
    reader.click(".status .undo");
    until(5, "undo to bring back exactly what it marked", || reader.unread_beside("All") == "24").await;
    until(5, "the one read before", || reader.all(".entries .entry.read").len() == 1).await;
    reader.close();
}

#[wasm_bindgen_test]
async fn feeds_are_renamed_foldered_and_removed_with_undo() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the rows", || reader.listed() == 25).await;
    press("j", None);
    // The engine has the mark (it reads the article first) before the reader closes below.
    until(5, "the opened entry counted read", || reader.unread_beside("All") == "24").await;
    reader.click(".feed-menu");
    settle().await;
    reader.type_into(".feed-settings input[type=text]", "My Shares");
    reader.type_into(".feed-settings input[list]", "Reading");
    reader.click(".feed-settings button[type=submit]");
    until(5, "the new name and folder", || reader.has_sidebar("Reading") && reader.has_sidebar("My Shares")).await;

    // Survives a reload.
    reader.close();
    let reader = Reader::open().await;
    until(5, "the folder", || reader.has_sidebar("Reading")).await;
    reader.sidebar("My Shares").click();
    until(5, "the feed's list", || reader.text(".list-heading") == "My Shares" && reader.listed() == 25).await;

    reader.click(".feed-menu");
    settle().await;
    reader.click(".feed-settings .danger");
    until(5, "the feed to go", || !reader.text(".feeds").contains("My Shares")).await;
    reader.status_says("Removed My Shares").await;
    assert_eq!(reader.listed(), 0);
    reader.click(".status .undo");
    until(5, "undo to bring the feed back", || reader.has_sidebar("My Shares")).await;
    reader.sidebar("All").click();
    until(5, "its entries", || reader.listed() == 25).await;
    until(5, "with its read state", || reader.all(".entries .entry.read").len() == 1).await;
    reader.close();
}

#[wasm_bindgen_test]
async fn the_address_says_where_the_reader_is() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the rows", || reader.listed() == 25).await;
    reader.sidebar("Bernhard's shared items").click();
    settle().await;
    press("j", None);
    press("j", None);
    until(5, "the second article", || reader.has(".reader .article-title")).await;
    until(5, "titles", || reader.titles().len() > 1).await;
    let title = reader.titles()[1].clone();
    until(5, "the article", || reader.text(".reader .article-title") == title).await;
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert!(hash.starts_with("#/feed/") && hash.contains("/entry/"), "{hash}");

    // A reload lands in the same place.
    reader.close();
    let reader = Reader::open().await;
    until(5, "the same article", || reader.has(".reader .article-title") && reader.text(".reader .article-title") == title).await;
    assert_eq!(reader.text(".list-heading"), "Bernhard's shared items");

    // Going to another address (back/forward, an edited address) moves the reader there.
    web_sys::window().unwrap().location().set_hash("#/starred").unwrap();
    until(5, "the starred list", || reader.text(".list-heading") == "Starred").await;
    reader.close();
}

#[wasm_bindgen_test]
async fn theme_choice_is_applied_and_remembered() {
    fresh_start().await;
    let reader = Reader::open().await;
    reader.click(".settings-toggle");
    settle().await;
    let select: web_sys::HtmlSelectElement = reader.one("select.theme-choice").unchecked_into();
    select.set_value("dark");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    let html = document().document_element().unwrap();
    until(5, "the dark theme", || html.get_attribute("data-theme").as_deref() == Some("dark")).await;
    assert_eq!(storage().get_item("feedreader.theme").unwrap().as_deref(), Some("dark"), "kept where boot.js reads it");
    reader.close();
    html.remove_attribute("data-theme").unwrap();
    let reader = Reader::open().await;
    until(5, "the theme to come back", || html.get_attribute("data-theme").as_deref() == Some("dark")).await;
    reader.close();
    html.remove_attribute("data-theme").unwrap();
}

#[wasm_bindgen_test]
async fn order_shortcuts_and_attachments() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the rows", || reader.listed() == 25).await;
    let newest = reader.titles()[0].clone();

    // Oldest first puts the other end of the list on top, and is remembered.
    reader.click(".list-controls .sort");
    until(5, "oldest first", || reader.text(".list-controls .sort") == "Oldest first" && reader.titles()[0] != newest).await;
    reader.close();
    let reader = Reader::open().await;
    until(5, "the order remembered", || {
        reader.text(".list-controls .sort") == "Oldest first" && reader.listed() == 25 && reader.titles()[0] != newest
    })
    .await;
    reader.click(".list-controls .sort");
    until(5, "newest first again", || reader.titles().first() == Some(&newest)).await;

    // "/" puts the cursor in the search box; Shift+A marks everything read.
    press("/", None);
    settle().await;
    assert_eq!(document().active_element().unwrap().id(), "search");
    document().active_element().unwrap().unchecked_ref::<HtmlElement>().blur().unwrap();
    press("A", None);
    until(5, "Shift+A to mark all read", || reader.unread_beside("All") == "0").await;

    // A podcast episode gets a player and a download link.
    reader
        .paste(
            r#"<rss version="2.0"><channel><title>Podcast</title><link>https://pod.example/</link>
           <item><title>Episode 1</title><guid>ep1</guid>
           <enclosure url="https://pod.example/ep1.mp3" type="audio/mpeg" length="12345678"/></item>
           </channel></rss>"#,
        )
        .await;
    until(5, "the podcast's list", || reader.titles() == ["Episode 1"]).await;
    press("j", None);
    until(5, "the episode", || reader.has(".reader .attachment audio")).await;
    let audio = reader.one(".reader .attachment audio");
    assert_eq!(audio.get_attribute("src").as_deref(), Some("https://pod.example/ep1.mp3"));
    assert!(audio.has_attribute("controls"));
    assert_eq!(reader.text(".reader .attachment figcaption"), "Download (audio/mpeg, 12.3 MB)");
    reader.close();
}

#[wasm_bindgen_test]
async fn a_hundred_feeds_of_a_hundred_entries_survive_a_reload() {
    fresh_start().await;
    // About 1.5 KB of article per entry: 15 MB in all, three times what localStorage holds.
    let (ids, bytes) = big_library::store(big_library::generate(100, 100)).await;
    assert!(bytes > 10_000_000, "more than localStorage could hold: {bytes}");

    web_sys::window().unwrap().location().set_hash(&format!("#/feed/{}", ids[99])).unwrap();
    let reader = Reader::open().await;
    until(10, "the feed's entries", || reader.listed() == 100).await;
    assert_eq!(reader.text(".feeds .feed[aria-current] .count"), "100");
    until(5, "its newest row", || reader.titles().first().is_some_and(|t| t.starts_with("Feed 99 entry 99"))).await;
    assert_eq!(reader.unread_beside("All"), "10000");

    // The list draws only what is in sight, however long it is.
    reader.sidebar("All").click();
    until(5, "the river", || reader.listed() == 10_000).await;
    let drawn = reader.all(".entries .entry").len();
    assert!(drawn < 60, "{drawn} rows drawn for 10,000 entries");
    let scroller = reader.one(".entry-scroller");
    scroller.set_scroll_top(scroller.scroll_height());
    scroller.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    until(5, "the oldest rows to arrive", || reader.titles().iter().any(|t| t.starts_with("Feed 0 entry 0 "))).await;

    // Search finds words of titles and articles alike.
    reader.type_into("#search", "keyboard 99");
    until(5, "the search", || reader.listed() > 0 && reader.listed() < 10_000).await;
    reader.close();
}
