//! Answers as a real FreshRSS (1.25) gave them (see `shared/servers/freshrss/check.sh`).

use super::*;
use crate::core::fetching::Reply;
use crate::core::sync::outbox::Flag;

fn reply(status: u16, content_type: &str, body: &str) -> Reply {
    Reply { status, bytes: body.as_bytes().to_vec(), content_type: Some(content_type.into()) }
}

const API: &str = "http://127.0.0.1:18080/api/greader.php";

#[test]
fn a_site_or_an_api_address_both_lead_to_the_api() {
    assert_eq!(bases("rss.example.org"), ["https://rss.example.org/api/greader.php", "https://rss.example.org"]);
    assert_eq!(bases("https://rss.example.org/"), ["https://rss.example.org/api/greader.php", "https://rss.example.org"]);
    assert_eq!(bases("https://rss.example.org/api/"), ["https://rss.example.org/api/greader.php", "https://rss.example.org"]);
    assert_eq!(bases("https://rss.example.org/api/greader.php/"), ["https://rss.example.org/api/greader.php"]);
    assert_eq!(bases("http://127.0.0.1:18080/i/../api/greader.php/reader/api/0"), ["http://127.0.0.1:18080/i/../api/greader.php"]);
}

#[test]
fn logging_in_gives_the_token_or_says_what_is_wrong() {
    let ok =
        reply(200, "text/plain; charset=UTF-8", "SID=tester/f3ba9f32\nLSID=null\nAuth=tester/f3ba9f32831b0347d237e48d4bf55226df9ea19e\n");
    assert_eq!(read_login(&ok).unwrap(), "tester/f3ba9f32831b0347d237e48d4bf55226df9ea19e");
    assert_eq!(read_login(&reply(401, "text/plain", "Unauthorized!")), Err(SyncError::WrongPassword(Dialect::GReader)));
    assert_eq!(read_login(&reply(503, "text/plain; charset=UTF-8", "Service Unavailable!")), Err(SyncError::ApiOff));
    let page = reply(200, "text/html; charset=utf-8", "<!doctype html><html><head><title> Nextcloud </title></head><body>…</body></html>");
    assert_eq!(read_login(&page), Err(SyncError::NotTheApi { dialect: Dialect::GReader, page: Some("Nextcloud".into()) }));
    assert_eq!(
        read_login(&reply(404, "text/html", "<html><body>Not found</body></html>")),
        Err(SyncError::NotTheApi { dialect: Dialect::GReader, page: None })
    );
    assert_eq!(read_login(&reply(502, "text/plain", "Bad gateway")), Err(SyncError::Server(502)));
    let call = login(API, "tester", "p&ss word");
    assert_eq!(call.url, format!("{API}/accounts/ClientLogin"));
    assert_eq!(call.encoded_body().unwrap().1, "Email=tester&Passwd=p%26ss%20word");
}

#[test]
fn every_later_call_is_authorized_and_a_refusal_is_told_apart() {
    let call = token(API, "tester/abc");
    assert_eq!(call.headers, [("Authorization".to_string(), "GoogleLogin auth=tester/abc".to_string())]);
    assert_eq!(read_token(&reply(200, "text/plain", "f3ba9f32831b0347d237e48d4bf55226df9ea19eZZZZZZZZZZZZZZZZZ\n")).unwrap().len(), 57);
    assert_eq!(read_token(&reply(401, "text/plain", "Unauthorized!")), Err(SyncError::Refused));
    assert_eq!(read_subscriptions(&reply(503, "text/plain", "Service Unavailable!")), Err(SyncError::ApiOff));
}

#[test]
fn subscriptions_read_with_their_folders() {
    let body = r#"{"subscriptions":[{"id":"feed/1","title":"Check Feed","categories":[{"id":"user/-/label/Uncategorized","label":"Uncategorized"}],"url":"http://127.0.0.1:37531/feed.xml","htmlUrl":"http://127.0.0.1:37531/","iconUrl":"http://127.0.0.1:18080/f.php?8b3a"},{"id":"feed/2","title":"News","categories":[{"id":"user/-/label/News","label":"News"}],"url":"https://n.example/rss","htmlUrl":"","iconUrl":""}]}"#;
    let feeds = read_subscriptions(&reply(200, "application/json; charset=UTF-8", body)).unwrap();
    assert_eq!(feeds[0].stream, "feed/1");
    assert_eq!((feeds[0].folder.as_deref(), feeds[1].folder.as_deref()), (None, Some("News")));
    assert_eq!(feeds[1].site, None);
    assert_eq!(feeds[0].url.as_deref(), Some("http://127.0.0.1:37531/feed.xml"));
}

#[test]
fn id_lists_read_page_by_page() {
    let body = r#"{"itemRefs":[{"id":"1796534528786298"},{"id":"1796534528262041"}],"continuation":"1796534528262041"}"#;
    let (page, next) = read_ids(&reply(200, "application/json", body)).unwrap();
    assert_eq!(page[0], ItemId::parse("tag:google.com,2005:reader/item/000661f04a6a3f7a"));
    assert_eq!(next.as_deref(), Some("1796534528262041"));
    let last = r#"{"itemRefs":[],"continuation":"1796534528262041"}"#;
    assert_eq!(read_ids(&reply(200, "application/json", last)).unwrap(), (vec![], None), "an empty page ends the list");
    let call = ids(API, "a", Ids::Unread, Some("1796534528262041"));
    assert!(call
        .url
        .ends_with("stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=20000&c=1796534528262041"));
}

#[test]
fn contents_become_entries_with_their_feed_and_state() {
    let body = r#"{"id":"user/-/state/com.google/reading-list","updated":1796534532,"items":[{"id":"tag:google.com,2005:reader/item/000661f04a9cbe8d","crawlTimeMsec":"1796534532095","timestampUsec":"1796534532095629","published":1704535200,"title":"Item 6","canonical":[{"href":"http://127.0.0.1:37531/item/6"}],"alternate":[{"href":"http://127.0.0.1:37531/item/6"}],"categories":["user/-/state/com.google/reading-list","user/-/label/Uncategorized","user/-/state/com.google/read","user/-/state/com.google/starred"],"origin":{"streamId":"feed/1","htmlUrl":"http://127.0.0.1:37531/","title":"Check Feed"},"summary":{"content":"Body of <b>item 6</b> <img src=\"/i.png\">"},"author":"Jo","enclosure":[{"href":"http://127.0.0.1:37531/a.mp3","type":"audio/mpeg","length":1234}]}]}"#;
    let items = read_contents(body.as_bytes()).unwrap();
    let item = &items[0];
    assert_eq!(item.stream, "feed/1");
    assert!(item.read && item.starred);
    assert_eq!(item.entry.id, "tag:google.com,2005:reader/item/000661f04a9cbe8d");
    assert_eq!(item.entry.published, Some(Timestamp(1_704_535_200_000)));
    assert_eq!(item.entry.link.as_deref(), Some("http://127.0.0.1:37531/item/6"));
    let content = item.entry.content.as_ref().unwrap();
    assert!(content.body.contains("<b>item 6</b>"));
    assert_eq!(content.base.as_deref(), Some("http://127.0.0.1:37531/"), "relative addresses resolve against the site");
    assert_eq!(item.entry.authors[0].name.as_deref(), Some("Jo"));
    assert_eq!(item.entry.enclosures[0].length, Some(1234));
    assert!(read_contents(b"<html>").is_err());
}

#[test]
fn marks_are_sent_as_set_operations_with_the_token() {
    let items = [ItemId::parse("1796534532095629"), ItemId::Text("abc".into())];
    let call = edit_tag(API, "a", "T0K", &items, Flag::Read, true);
    let (kind, body) = call.encoded_body().unwrap();
    assert_eq!(kind, "application/x-www-form-urlencoded");
    assert_eq!(body, "i=tag%3Agoogle.com%2C2005%3Areader%2Fitem%2F000661f04a9cbe8d&i=abc&a=user%2F-%2Fstate%2Fcom.google%2Fread&T=T0K");
    let unstar = edit_tag(API, "a", "T0K", &items[..1], Flag::Starred, false);
    assert!(unstar.encoded_body().unwrap().1.contains("&r=user%2F-%2Fstate%2Fcom.google%2Fstarred&"));
    assert_eq!(read_ok(&reply(200, "text/html; charset=UTF-8", "OK")), Ok(()));
    assert!(read_ok(&reply(200, "text/html", "Nope")).is_err());
}
