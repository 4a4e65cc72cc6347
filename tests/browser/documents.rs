//! Documents a person pastes or drops: feeds, things that are not feeds, OPML lists, backups.

use super::*;

#[wasm_bindgen_test]
async fn pasted_feed_is_listed_and_a_broken_one_is_explained() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    reader
        .paste(
            r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Pasted Feed</title><link>https://pasted.example/</link>
<item><title>Hello &amp; welcome</title><link>https://pasted.example/1</link>
<pubDate>Tue, 02 Sep 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Body&lt;/p&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror="window.__pwned = 2"&gt;</description></item>
</channel></rss>"#,
        )
        .await;
    reader.status_says("Added Pasted Feed").await;
    assert!(reader.text(".feeds").contains("Pasted Feed"));
    until(5, "the list to show the pasted feed", || reader.titles() == ["Hello & welcome"]).await;
    reader.open_entry("Hello & welcome").await;
    assert_eq!(reader.text(".reader .article-body"), "Body");
    assert!(reader.all(".reader .article-body script").is_empty());
    assert!(reader.all(".reader [onerror]").is_empty());
    let area: HtmlTextAreaElement = reader.one(".add-text textarea").unchecked_into();
    assert_eq!(area.value(), "", "the added document leaves the box");

    // A broken document: a clear message with line and column, and nothing is lost.
    reader.paste("<!DOCTYPE html>\n<html><head><title>My blog</title></head><body><p>Hi</p></body></html>").await;
    reader.status_says("not a feed").await;
    let message = reader.text(".status.error");
    assert!(message.contains("line ") && message.contains("column "), "names where: {message}");
    assert!(area.value().contains("My blog"), "a document that could not be read stays, to be mended");
    reader.sidebar("All").click();
    until(5, "both feeds", || reader.listed() == 26).await;
    let saved = stored().await;
    assert!(saved.feeds.iter().any(|(s, summaries)| s.title() == "Pasted Feed" && summaries.len() == 1), "saved");
    reader.close();
}

#[wasm_bindgen_test]
async fn a_large_paste_is_held_aside_and_added_whole() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    let items: String = (0..400)
        .map(|i| format!("<item><title>Big {i}</title><guid>big-{i}</guid><description>{}</description></item>", "words ".repeat(50)))
        .collect();
    let text = format!("<rss version=\"2.0\"><channel><title>Big Paste</title>{items}</channel></rss>");
    reader.click(".add-toggle");
    settle().await;
    let area: HtmlTextAreaElement = reader.one(".add-text textarea").unchecked_into();
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", &text).unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let paste = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    area.dispatch_event(&paste).unwrap();
    until(5, "the paste held aside", || reader.text(".held-paste").contains("ready to add")).await;
    assert!(paste.default_prevented() && area.value().is_empty(), "megabytes are not laid out in the box");
    assert!(area.hidden());

    // "Paste something else" lets it go; a second paste is held again and added whole.
    reader.button(".held-paste button", "Paste something else").click();
    until(5, "the box back", || !area.hidden() && !reader.has(".held-paste")).await;
    let again = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    area.dispatch_event(&again).unwrap();
    until(5, "the paste held aside", || reader.has(".held-paste")).await;
    reader.click(".add-text button[type=submit]");
    reader.status_says("Added Big Paste").await;
    reader.sidebar("Big Paste").click();
    until(5, "all 400 entries", || reader.listed() == 400).await;
    until(5, "the box emptied and shown", || !area.hidden() && !reader.has(".held-paste")).await;
    reader.close();
}

#[wasm_bindgen_test]
async fn dropping_a_feed_file_anywhere_adds_it() {
    fresh_start().await;
    let reader = Reader::open().await;
    drop_file(
        "dropped.atom",
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Dropped Feed</title><id>urn:dropped</id>
           <entry><id>urn:dropped:1</id><title>From a file</title><updated>2025-09-01T08:00:00Z</updated>
           <content type="html">&lt;p&gt;Dropped content&lt;/p&gt;</content></entry></feed>"#,
    );
    reader.status_says("dropped.atom: added Dropped Feed: 1 entry.").await;
    assert!(reader.text(".feeds").contains("Dropped Feed"));
    until(5, "its entry", || reader.text(".entries").contains("From a file")).await;

    drop_file("notes.txt", "just some notes, not a feed");
    reader.status_says("notes.txt: this is not a feed").await;
    let message = reader.text(".status.error");
    assert!(message.contains("line 1, column 1"), "{message}");
    assert!(reader.text(".feeds").contains("Dropped Feed"), "the dropped feed is still there");
    reader.close();
}

#[wasm_bindgen_test]
async fn opml_dropped_on_the_page_becomes_subscriptions_in_folders() {
    fresh_start().await;
    let reader = Reader::open().await;
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
    reader.status_says("imported 2 subscriptions").await;
    for label in ["Rust", "This Week in Rust", "Inside Rust"] {
        assert!(reader.has_sidebar(label), "{label}: {}", reader.text(".feeds"));
    }
    let saved = stored().await;
    assert!(saved
        .feeds
        .iter()
        .any(|(s, _)| s.source.as_deref() == Some("https://blog.rust-lang.org/inside-rust/feed.xml") && s.is_pending()));
    reader.close();
}

#[wasm_bindgen_test]
async fn a_backup_dropped_on_the_page_is_merged_in() {
    use feedreader::core::backup::Writer;
    use feedreader::core::keys::EntryKey;
    use feedreader::core::library::{Settings, Theme};

    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    press("j", None); // read one sample entry here
    until(5, "it read", || reader.all(".entries .entry.read").len() == 1).await;

    // A backup made elsewhere: one feed of its own, one of its entries starred.
    let subscription = big_library::generate(1, 3).remove(0);
    let starred = EntryKey::new(&subscription.id, "https://feeds.example/0.xml#1");
    let settings = Settings { theme: Theme::Dark, ..Settings::default() };
    let (mut writer, mut json) = Writer::head(&settings, &[], &[starred], None);
    json.push_str(&writer.subscription(&subscription));
    json.push_str(&writer.tail());

    drop_file("feedreader-backup.json", &json);
    reader.status_says("restored the backup: added 1 feed; read and starred state merged").await;
    assert!(reader.has_sidebar("Feed 0"));
    until(5, "the backup's star", || reader.unread_beside("Starred") == "1").await;
    assert_eq!(reader.unread_beside("All"), "27", "24 unread sample entries + 3 new: what was read here stays read");
    until(5, "the backup's theme", || document().document_element().unwrap().get_attribute("data-theme").as_deref() == Some("dark")).await;
    reader.close();
    document().document_element().unwrap().remove_attribute("data-theme").unwrap();
}
