//! Devices with a past: what the version before the engine stored (moved over whole, or set
//! aside when it cannot be read), and two tabs of the reader at once.

use super::*;

/// Puts on this device what the build before the engine stored on the device the fixture was
/// taken from (tests/fixtures/legacy/README.md): its localStorage values, and its IndexedDB
/// database `feedreader` (version 1, store `entries`).
async fn restore_legacy_device() {
    let device: serde_json::Value = serde_json::from_str(include_str!("../fixtures/legacy/device-v2.json")).unwrap();
    for (key, value) in device["localStorage"].as_object().unwrap() {
        storage().set_item(key, value.as_str().unwrap()).unwrap();
    }
    let records = serde_json::to_string(&device["indexedDB"]["records"]).unwrap();
    let write = js_sys::Function::new_with_args(
        "records",
        "return new Promise((done, fail) => {\
           const open = indexedDB.open('feedreader', 1);\
           open.onupgradeneeded = () => open.result.createObjectStore('entries');\
           open.onerror = () => fail(open.error);\
           open.onsuccess = () => {\
             const db = open.result; const tx = db.transaction('entries', 'readwrite');\
             for (const [key, value] of JSON.parse(records)) tx.objectStore('entries').put(value, key);\
             tx.oncomplete = () => { db.close(); done(); }; tx.onerror = () => fail(tx.error);\
           };\
         });",
    );
    let promise: js_sys::Promise = write.call1(&wasm_bindgen::JsValue::NULL, &records.into()).unwrap().unchecked_into();
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("the old database is written");
}

async fn legacy_database_exists() -> bool {
    let list = js_sys::Function::new_no_args("return indexedDB.databases().then((all) => all.some((d) => d.name === 'feedreader'))");
    let promise: js_sys::Promise = list.call0(&wasm_bindgen::JsValue::NULL).unwrap().unchecked_into();
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap().as_bool().unwrap()
}

#[wasm_bindgen_test]
async fn a_device_of_the_version_before_opens_with_everything() {
    fresh_start().await;
    restore_legacy_device().await;
    let reader = Reader::open().await;
    for label in ["My Shares", "Reading", "Pasted News", "Waiting"] {
        assert!(reader.has_sidebar(label), "{label}: {}", reader.text(".feeds"));
    }
    // Settings came too: oldest first, unread only, dark.
    until(5, "the unread list in the old order", || reader.text(".list-controls .sort") == "Oldest first" && reader.listed() == 23).await;
    assert_eq!(reader.unread_beside("All"), "23", "4 of 27 entries were read");
    assert_eq!(reader.unread_beside("Starred"), "2");
    until(5, "the dark theme", || document().document_element().unwrap().get_attribute("data-theme").as_deref() == Some("dark")).await;
    reader.sidebar("Pasted News").click();
    until(5, "the pasted feed's unread entry", || reader.titles() == ["Pasted one"]).await;
    reader.open_entry("Pasted one").await;
    assert_eq!(reader.text(".reader .article-body"), "First pasted body", "articles moved, not just titles");

    // Once saved in the engine's storage, the old copies go; everything comes back after a reload.
    until(5, "localStorage to be emptied", || storage().get_item("feedreader.feeds").unwrap().is_none()).await;
    let mut gone = false;
    for _ in 0..100 {
        if !legacy_database_exists().await {
            gone = true;
            break;
        }
        pause(50).await;
    }
    assert!(gone, "the old database is deleted");
    reader.close();
    let reader = Reader::open().await;
    until(5, "the library after a reload", || reader.has_sidebar("My Shares") && reader.unread_beside("All") == "22").await;
    reader.close();
    document().document_element().unwrap().remove_attribute("data-theme").unwrap();
}

#[wasm_bindgen_test]
async fn unreadable_saved_data_is_kept_aside_and_the_reader_starts() {
    fresh_start().await;
    storage().set_item("feedreader.feeds", "{this is not what we saved").unwrap();
    let reader = Reader::open().await;
    until(5, "the notice", || reader.has(".notice")).await;
    let notice = reader.text(".notice");
    assert!(notice.contains("could not be read") && notice.contains("feedreader.feeds.unreadable-"), "{notice}");
    until(10, "the sample instead", || reader.listed() == 25).await;
    let storage = storage();
    let kept = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .find(|k| k.starts_with("feedreader.feeds.unreadable-"))
        .expect("a backup key");
    assert_eq!(storage.get_item(&kept).unwrap().unwrap(), "{this is not what we saved", "nothing lost");
    reader.close();
}

#[wasm_bindgen_test]
async fn what_another_tab_does_shows_here() {
    fresh_start().await;
    let reader = Reader::open().await;
    until(10, "the sample", || reader.listed() == 25).await;
    let key = reader.all(".entries .entry")[0].get_attribute("data-key").unwrap();
    // Another tab: an engine of its own over the same storage, which nobody looks at here.
    let other = feedreader::web::engine_worker::in_page(Rc::new(|_| {}));
    let start = feedreader::protocol::Start { sample: format!("{SERVER}/sample.json"), ..Default::default() };
    other(feedreader::protocol::Command::Start(start), wasm_bindgen::JsValue::UNDEFINED);
    let entry = feedreader::core::keys::EntryKey::try_from(key.as_str()).unwrap();
    other(feedreader::protocol::Command::SetRead { keys: vec![entry], read: true }, wasm_bindgen::JsValue::UNDEFINED);
    until(5, "the other tab's read mark", || reader.one(&format!(".entry[data-key='{key}']")).class_list().contains("read")).await;
    until(5, "the count", || reader.unread_beside("All") == "24").await;
    other(feedreader::protocol::Command::AddText(
        r#"<rss version="2.0"><channel><title>From another tab</title><link>https://tab.example/</link><item><title>Hello there</title><guid>1</guid></item></channel></rss>"#.into(),
    ), wasm_bindgen::JsValue::UNDEFINED);
    until(5, "the other tab's feed", || reader.has_sidebar("From another tab")).await;
    drop(other);
    reader.close();
}
