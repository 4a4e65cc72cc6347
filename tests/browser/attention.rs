//! Reading that follows a person's attention: the trainer taught from an open entry (a menu
//! or words selected in the title), entries leaving and entering views, the labels that say
//! why, forgetting a rule from its label, and the rules kept across a reload.

use super::*;

const NEWS: &str = r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Trainer News</title><link>https://trainer-news.example/</link>
<item><title>Rust 2.0 released</title><guid>t1</guid><dc:creator>Jo</dc:creator><category>Rust</category><description>Big news.</description><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Sponsored: buy now</title><guid>t2</guid><dc:creator>Ads Team</dc:creator><category>Promo</category><description>Buy.</description><pubDate>Sun, 29 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Election night</title><guid>t3</guid><dc:creator>Sam</dc:creator><category>Politics</category><description>Votes.</description><pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>"#;

/// The trainer's button for `opinion` ("Like" or "Dislike") on the line that starts with `what`.
fn opinion(reader: &Reader, what: &str, opinion: &str) -> HtmlElement {
    let line = reader
        .all(".trainer-lines li")
        .into_iter()
        .find(|li| li.text_content().unwrap_or_default().starts_with(what))
        .unwrap_or_else(|| panic!("no trainer line {what}: {}", reader.text(".trainer")));
    all(&line, "button").into_iter().find(|b| b.text_content().unwrap_or_default().contains(opinion)).unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn training_from_an_entry_moves_it_between_views_and_a_label_undoes_it() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    reader.paste(NEWS).await;
    until(5, "the pasted feed", || reader.titles() == ["Rust 2.0 released", "Sponsored: buy now", "Election night"]).await;

    // Like an author from the trainer menu (t): the entry gets a label and fills Focus.
    reader.open_entry("Rust 2.0 released").await;
    press("t", None);
    until(5, "the trainer", || reader.has(".trainer")).await;
    opinion(&reader, "Author: Jo", "Like").click();
    reader.status_says("Liked author: Jo in Trainer News").await;
    until(5, "the label", || reader.text(".entries li.liked .reason").contains("author: Jo")).await;
    assert_eq!(opinion(&reader, "Author: Jo", "Like").get_attribute("aria-pressed").as_deref(), Some("true"));
    reader.button(".segmented button", "Focus").click();
    until(5, "Focus to show the liked entry", || reader.titles() == ["Rust 2.0 released"]).await;
    reader.button(".segmented button", "All").click();
    until(5, "All again", || reader.listed() == 3).await;

    // Dislike a category of an unread entry: it leaves the list, and the unread count follows.
    assert_eq!(reader.unread_beside("Trainer News"), "2");
    reader.open_entry("Sponsored: buy now").await;
    reader.click(".reader .toggle-read");
    until(5, "it to be unread again", || reader.unread_beside("Trainer News") == "2").await;
    reader.click(".reader .toggle-trainer");
    until(5, "the trainer", || reader.has(".trainer")).await;
    opinion(&reader, "Category: Promo", "Dislike").click();
    reader.status_says("Hiding entries with category: Promo in Trainer News").await;
    until(5, "the disliked entry to leave", || reader.titles() == ["Rust 2.0 released", "Election night"]).await;
    until(5, "the count to leave it out", || reader.unread_beside("Trainer News") == "1").await;

    // Shown again (Shift+H), it says why; its label forgets the rule in one click.
    press("H", None);
    until(5, "the hidden entry shown", || reader.listed() == 3).await;
    until(5, "and counted", || reader.unread_beside("Trainer News") == "2").await;
    until(5, "its label", || reader.text(".entries li.disliked .reason").contains("category: Promo")).await;
    reader.click(".entries li.disliked .reason");
    reader.status_says("Forgot category: Promo").await;
    until(5, "no more label", || !reader.has(".entries li.disliked")).await;
    press("H", None);
    until(5, "hidden ones left out again", || reader.settings_show_hidden() == Some(false)).await;
    assert_eq!(reader.listed(), 3, "nothing is hidden any more");

    // The liked author is remembered across a reload.
    reader.close();
    let reader = Reader::open().await;
    until(10, "the list", || reader.listed() > 0).await;
    reader.button(".segmented button", "Focus").click();
    until(5, "Focus after a reload", || reader.titles() == ["Rust 2.0 released"]).await;
    reader.button(".segmented button", "All").click();
    reader.close();
}

#[wasm_bindgen_test]
async fn words_selected_in_a_title_are_offered_to_the_trainer() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    reader.paste(NEWS).await;
    until(5, "the pasted feed", || reader.listed() == 3).await;
    reader.open_entry("Election night").await;
    assert!(!reader.has(".trainer"));

    // Select "Election" in the title, as a person dragging over it would.
    let title = reader.one(".reader .article-title");
    let text = title.query_selector("a").unwrap().map(|a| a.first_child().unwrap()).unwrap_or_else(|| title.first_child().unwrap());
    let range = document().create_range().unwrap();
    range.set_start(&text, 0).unwrap();
    range.set_end(&text, "Election".len() as u32).unwrap();
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    selection.add_range(&range).unwrap();
    until(5, "the trainer to offer the words", || {
        reader.has(".trainer-phrase input")
            && reader.one(".trainer-phrase input").unchecked_into::<web_sys::HtmlInputElement>().value() == "Election"
    })
    .await;
    selection.remove_all_ranges().unwrap();
    opinion(&reader, "Title words", "Dislike").click();
    reader.status_says("Hiding entries with title: “Election” in Trainer News").await;
    until(5, "the entry to leave the list", || !reader.titles().contains(&"Election night".to_string())).await;
    reader.close();
}

#[wasm_bindgen_test]
async fn a_saved_search_is_a_sidebar_view_with_a_count_an_address_and_a_new_name() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    reader.type_into("#search", "spiffe");
    until(5, "the search to narrow the list", || (1..25).contains(&reader.listed())).await;
    let found = reader.listed();
    reader.click(".save-search");
    until(5, "the saved search in the sidebar", || reader.has(".saved-searches") && reader.text(".saved-searches").contains("spiffe"))
        .await;
    until(5, "its unread count", || reader.text(".saved-searches .count") == found.to_string()).await;
    assert!(!reader.has(".save-search"), "it is saved already");
    until(5, "the address to name it", || web_sys::window().unwrap().location().hash().unwrap() == "#/saved/spiffe").await;

    // Renamed from its menu.
    reader.click(".saved-searches .feed-menu");
    until(5, "its menu", || reader.has("#saved-name-0")).await;
    reader.type_into("#saved-name-0", "SPIFFE news");
    reader.click(".saved-searches button[type=submit]");
    until(5, "the new name", || reader.text(".saved-searches .feed-title") == "SPIFFE news").await;

    // Elsewhere, then back through the sidebar; reading one entry counts.
    reader.type_into("#search", "");
    until(5, "the whole list", || reader.listed() == 25).await;
    reader.click(".saved-searches button.feed");
    until(5, "the saved search again", || reader.listed() == found).await;
    let first = reader.titles()[0].clone();
    reader.open_entry(&first).await;
    until(5, "its count to follow", || reader.text(".saved-searches .count") == (found - 1).to_string()).await;

    // A reload at its address shows it.
    until(5, "the address", || web_sys::window().unwrap().location().hash().unwrap().starts_with("#/saved/SPIFFE%20news")).await;
    reader.close();
    web_sys::window().unwrap().location().set_hash("#/saved/SPIFFE%20news").unwrap();
    let reader = Reader::open().await;
    until(10, "the saved search after a reload", || reader.listed() == found && reader.has(".saved-searches button.feed[aria-current]"))
        .await;
    let search: web_sys::HtmlInputElement = reader.one("#search").unchecked_into();
    assert_eq!(search.value(), "spiffe");

    // Removed from its menu.
    reader.click(".saved-searches .feed-menu");
    until(5, "its menu", || reader.has(".saved-searches .danger")).await;
    reader.click(".saved-searches .danger");
    until(5, "no saved searches", || !reader.has(".saved-searches")).await;
    reader.close();
}

#[wasm_bindgen_test]
async fn rows_scrolled_past_are_marked_read_when_asked_and_above_or_below_at_a_key() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    let scroller: HtmlElement = reader.one(".entry-scroller").unchecked_into();
    let scroll_to = |rows: i32| {
        scroller.set_scroll_top(rows * 104 + 10);
        scroller.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    };

    // Off by default: scrolling marks nothing.
    scroll_to(3);
    settle().await;
    scroll_to(0);
    settle().await;
    assert_eq!(reader.unread_beside("All"), "25");

    // On (Settings): the three rows scrolled past are read, and stay read.
    reader.click(".settings-toggle");
    until(5, "the settings", || reader.has(".settings-panel")).await;
    let checkbox = reader
        .all(".settings-panel label.check")
        .into_iter()
        .find(|l| l.text_content().unwrap_or_default().contains("scroll past"))
        .unwrap()
        .query_selector("input")
        .unwrap()
        .unwrap();
    checkbox.unchecked_ref::<HtmlElement>().click();
    reader.click(".settings-panel .settings-actions button[type=button]");
    until(5, "the setting", || !reader.has(".settings-panel")).await;
    assert!(scroller.scroll_height() > scroller.client_height() + 3 * 104, "the list scrolls");
    scroll_to(3);
    until(5, "the rows scrolled past to be read", || reader.unread_beside("All") == "22").await;
    scroll_to(1);
    scroll_to(3);
    settle().await;
    assert_eq!(reader.unread_beside("All"), "22", "scrolling back and forth marks nothing more");
    scroll_to(0);
    settle().await;
    let read_rows = reader.all(".entries .entry.read").len();
    assert_eq!(read_rows, 3);

    // Everything below the fifth entry (Shift+J), then undone.
    let fifth = reader.titles()[4].clone();
    reader.open_entry(&fifth).await;
    until(5, "the opened one to count", || reader.unread_beside("All") == "21").await;
    press("J", None);
    reader.status_says("Marked 20 entries as read.").await;
    until(5, "the count", || reader.unread_beside("All") == "1").await;
    reader.button(".status button", "Undo").click();
    until(5, "the undo", || reader.unread_beside("All") == "21").await;
    // And above it, from the article's button: the fourth is the only unread one left above.
    reader.click(".reader .mark-above");
    reader.status_says("Marked 1 entry as read.").await;
    until(5, "the count", || reader.unread_beside("All") == "20").await;
    reader.close();
}

#[wasm_bindgen_test]
async fn an_article_through_two_feeds_shows_once_and_is_read_in_both() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    let feed = |name: &str, link: &str| {
        format!(
            r#"<rss version="2.0"><channel><title>{name}</title><link>https://{name}.example/</link><item><title>Zanzibar story</title><guid>{link}</guid><link>{link}</link><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>"#
        )
    };
    reader.paste(&feed("Copy One", "https://story.example/zanzibar?utm_source=one")).await;
    until(5, "the first feed", || reader.has_sidebar("Copy One")).await;
    reader.paste(&feed("Copy Two", "http://story.example/zanzibar/?utm_medium=rss")).await;
    until(5, "the second feed", || reader.has_sidebar("Copy Two")).await;
    assert_eq!(reader.titles(), ["Zanzibar story"], "each feed's own list shows its copy");

    reader.sidebar("All").click();
    reader.type_into("#search", "zanzibar");
    until(5, "one row in the river", || reader.listed() == 1).await;
    until(5, "naming the other feed", || reader.text(".entries .also-in").starts_with("also in Copy")).await;
    assert_eq!(reader.unread_beside("All"), "26", "the sample's 25, and the story once");
    reader.open_entry("Zanzibar story").await;
    until(5, "both copies read", || reader.unread_beside("Copy One") == "0" && reader.unread_beside("Copy Two") == "0").await;
    assert_eq!(reader.unread_beside("All"), "25");
    reader.close();
}

#[wasm_bindgen_test]
async fn a_feed_shown_as_cards_has_its_pictures_and_stays_so() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    // Pictures from the test server (the machine has no other network).
    reader
        .paste(&format!(r#"<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Photo Blog</title><link>https://photos.example/</link>
<item><title>Sunset</title><guid>p1</guid><media:thumbnail url="{SERVER}/images/sunset.png"/><description>&lt;p&gt;Evening.&lt;/p&gt;</description><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Harbour</title><guid>p2</guid><description>&lt;p&gt;&lt;img src="{SERVER}/images/icon.png" width="16" height="16"&gt; &lt;img src="{SERVER}/images/harbour.png"&gt; &lt;img src="https://gone.example/x.png"&gt;&lt;/p&gt;</description><pubDate>Sun, 29 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Words only</title><guid>p3</guid><description>No picture.</description><pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Gone</title><guid>p4</guid><description>&lt;img src="https://gone.example/missing.png"&gt;</description><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>"#))
        .await;
    until(5, "the feed", || reader.listed() == 4).await;
    assert!(!reader.has(".entries .card-image"), "a plain list at first");
    reader.button(".segmented button", "Cards").click();
    // The picture that cannot load gives way to the card's plain background.
    until(5, "the cards", || reader.all(".entries img.card-image").len() == 2 && reader.all(".entries .card-image.none").len() == 2).await;
    let sources: Vec<String> = reader.all(".entries img.card-image").iter().map(|i| i.get_attribute("src").unwrap()).collect();
    assert_eq!(sources, [format!("{SERVER}/images/sunset.png"), format!("{SERVER}/images/harbour.png")]);
    assert!(reader.all(".entries img.card-image").iter().all(|i| i.get_attribute("loading").as_deref() == Some("lazy")));
    until(5, "the pictures loaded", || {
        reader.all(".entries img.card-image").iter().all(|i| i.unchecked_ref::<web_sys::HtmlImageElement>().natural_width() > 0)
    })
    .await;

    // Remembered for this feed only.
    reader.sidebar("All").click();
    until(5, "the river as a list", || reader.listed() == 29 && !reader.has(".entries .card-image")).await;
    // Saved before the tab closes (a reload right after a click may outrun the write).
    for _ in 0..250 {
        if stored().await.settings.is_some_and(|s| s.cards.len() == 1) {
            break;
        }
        pause(20).await;
    }
    reader.close();
    let reader = Reader::open().await;
    until(10, "the list", || reader.listed() > 0).await;
    reader.sidebar("Photo Blog").click();
    until(5, "cards again after a reload", || reader.all(".entries img.card-image").len() == 2).await;
    press("c", None);
    until(5, "c for the plain list", || !reader.has(".entries .card-image")).await;
    reader.close();
}
