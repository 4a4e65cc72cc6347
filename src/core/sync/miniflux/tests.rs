//! Answers written from Miniflux's API documentation (miniflux.app/docs/api.html) and its
//! source (v2.3.3): no Miniflux can run on these machines (its build needs a newer Go than
//! Debian's).

use super::*;
use crate::core::time::Timestamp;

fn reply(status: u16, content_type: &str, body: &str) -> Reply {
    Reply { status, bytes: body.as_bytes().to_vec(), content_type: Some(content_type.into()) }
}

fn answer(body: &str) -> Reply {
    reply(200, "application/json", body)
}

const API: &str = "https://rss.example.org";

#[test]
fn a_site_or_an_api_address_both_lead_to_the_api() {
    assert_eq!(base("rss.example.org"), "https://rss.example.org");
    assert_eq!(base("https://rss.example.org/"), "https://rss.example.org");
    assert_eq!(base("https://example.org/miniflux/v1/"), "https://example.org/miniflux");
    assert_eq!(base("https://rss.example.org/v1/entries?status=unread"), "https://rss.example.org");
}

#[test]
fn the_key_is_checked_and_every_failure_says_what_it_is() {
    let call = me(API, "k3y");
    assert_eq!(call.url, "https://rss.example.org/v1/me");
    assert_eq!(call.headers, [("X-Auth-Token".to_string(), "k3y".to_string())]);
    let me = r#"{"id":1,"username":"admin","is_admin":true,"theme":"light_serif","language":"en_US","timezone":"America/Los_Angeles","entry_sorting_direction":"desc","stylesheet":"","google_id":"","openid_connect_id":"","entries_per_page":100,"keyboard_shortcuts":true,"show_reading_time":true,"entry_swipe":true,"last_login_at":"2021-01-04T19:27:24.497862-08:00"}"#;
    assert_eq!(read_me(&answer(me)).unwrap(), "admin");
    let refused = reply(401, "application/json", r#"{"error_message":"access unauthorized"}"#);
    assert_eq!(read_me(&refused), Err(SyncError::WrongPassword(Dialect::Miniflux)));
    let page = reply(200, "text/html; charset=utf-8", "<!doctype html><title>FreshRSS</title><p>…");
    assert_eq!(read_me(&page), Err(SyncError::NotTheApi { dialect: Dialect::Miniflux, page: Some("FreshRSS".into()) }));
    assert_eq!(
        read_me(&reply(404, "text/plain", "404 page not found")),
        Err(SyncError::NotTheApi { dialect: Dialect::Miniflux, page: None })
    );
    assert_eq!(read_me(&answer(r#"{"subscriptions":[]}"#)), Err(SyncError::NotTheApi { dialect: Dialect::Miniflux, page: None }));
    assert_eq!(read_me(&reply(502, "text/plain", "Bad gateway")), Err(SyncError::Server(502)));
    // Later, a refusal means the key no longer works.
    assert_eq!(read_feeds(&refused), Err(SyncError::Refused));
}

#[test]
fn versions_before_2_3_2_are_told_apart() {
    let version = |v: &str| {
        answer(&format!(
            r#"{{"version":"{v}","commit":"abc","build_date":"2026-06-20","go_version":"go1.24","compiler":"gc","arch":"amd64","os":"linux"}}"#
        ))
    };
    assert_eq!(read_version(&version("2.2.19")), Err(SyncError::TooOld { version: "2.2.19".into() }));
    assert_eq!(read_version(&version("2.3.1")), Err(SyncError::TooOld { version: "2.3.1".into() }));
    for fine in ["2.3.2", "2.3.3", "v2.4.0", "3.0.0", "Development"] {
        assert_eq!(read_version(&version(fine)), Ok(()), "{fine}");
    }
}

#[test]
fn feeds_read_with_their_folders_and_all_is_the_top_level() {
    let body = r#"[{"id":42,"user_id":123,"title":"Example Feed","site_url":"http://example.org","feed_url":"http://example.org/feed.atom","checked_at":"2017-12-22T21:06:03.133839-05:00","etag_header":"KyLxEflwnTGF5ecaiqZ2G0TxBCc","last_modified_header":"Sat, 23 Dec 2017 01:04:21 GMT","parsing_error_message":"","parsing_error_count":0,"scraper_rules":"","rewrite_rules":"","crawler":false,"blocklist_rules":"","keeplist_rules":"","user_agent":"","username":"","password":"","disabled":false,"ignore_http_cache":false,"fetch_via_proxy":false,"category":{"id":22,"user_id":123,"title":"Engineering","hide_globally":false},"icon":{"feed_id":42,"icon_id":84}},
        {"id":43,"user_id":123,"title":"Other","site_url":"","feed_url":"https://o.example/rss","category":{"id":1,"user_id":123,"title":"All"},"icon":null}]"#;
    let feeds = read_feeds(&answer(body)).unwrap();
    assert_eq!(feeds[0].stream, "feed/42");
    assert_eq!(feeds[0].url.as_deref(), Some("http://example.org/feed.atom"));
    assert_eq!((feeds[0].folder.as_deref(), feeds[1].folder.as_deref()), (Some("Engineering"), None));
    assert_eq!(feeds[1].site, None);
}

#[test]
fn id_lists_read_page_by_page() {
    let call = ids(API, "k", Ids::Unread, 10_000);
    assert_eq!(call.url, "https://rss.example.org/v1/entries/ids?status=unread&limit=10000&offset=10000");
    assert!(ids(API, "k", Ids::Starred, 0).url.contains("?starred=true&limit=10000&offset=0"));
    assert!(ids(API, "k", Ids::All, 0).url.ends_with("/v1/entries/ids?limit=10000&offset=0"));
    let (page, next) = read_ids(&answer(r#"{"total":3,"entry_ids":[9007199254740993,888]}"#), 0).unwrap();
    assert_eq!(page, [ItemId::Number(9_007_199_254_740_993), ItemId::Number(888)], "past 2^53, exact");
    assert_eq!(next, Some(2));
    assert_eq!(read_ids(&answer(r#"{"total":3,"entry_ids":[7]}"#), 2).unwrap().1, None);
    assert_eq!(read_ids(&answer(r#"{"total":0,"entry_ids":[]}"#), 0).unwrap(), (vec![], None));
}

#[test]
fn entries_become_the_readers_with_their_feed_and_state() {
    let call = entries(API, "k", Ids::Unread, Some(&ItemId::Number(888)));
    assert_eq!(call.url, "https://rss.example.org/v1/entries?status=unread&order=id&direction=desc&limit=250&before_entry_id=888");
    assert!(entries(API, "k", Ids::Starred, None).url.ends_with("?starred=true&order=id&direction=desc&limit=250"));
    let body = r#"{"total":1,"entries":[{"id":888,"user_id":123,"feed_id":42,"title":"Entry Title","url":"http://example.org/article.html","comments_url":"","author":"Foobar","content":"<p>HTML contents <img src=\"/a.png\" onerror=\"x()\"></p>","hash":"29f99e4074cdacca1766f47697d03c66070ef6a14770a1fd5a867483c207a1bb","published_at":"2016-12-12T16:15:19Z","created_at":"2016-12-27T16:15:19Z","changed_at":"2016-12-27T16:15:19Z","status":"read","share_code":"","starred":true,"reading_time":1,"enclosures":[{"id":1,"user_id":123,"entry_id":888,"url":"http://example.org/a.mp3","mime_type":"audio/mpeg","size":1234,"media_progression":0}],"feed":{"id":42,"user_id":123,"title":"New Feed Title","site_url":"http://example.org","feed_url":"http://example.org/feed.atom","category":{"id":22,"user_id":123,"title":"Another category"},"icon":{"feed_id":42,"icon_id":84}},"tags":["tag 1","tag 2"]},
        {"id":889,"user_id":123,"feed_id":43,"title":"","url":"","author":"","content":"","published_at":"2016-12-12T16:15:19.5-05:00","status":"unread","starred":false,"enclosures":null,"feed":{"id":43,"site_url":""},"tags":null}]}"#;
    let items = read_entries(body.as_bytes()).unwrap();
    let item = &items[0];
    assert_eq!(item.stream, "feed/42");
    assert!(item.read && item.starred);
    assert_eq!(ItemId::parse(&item.entry.id), ItemId::Number(888));
    assert_eq!(item.entry.published, Some(Timestamp(1_481_559_319_000)));
    assert_eq!(item.entry.link.as_deref(), Some("http://example.org/article.html"));
    let content = item.entry.content.as_ref().unwrap();
    assert_eq!(content.base.as_deref(), Some("http://example.org"), "relative addresses resolve against the site");
    assert_eq!(item.entry.authors[0].name.as_deref(), Some("Foobar"));
    assert_eq!(item.entry.enclosures[0].length, Some(1234));
    assert_eq!(item.entry.categories, ["tag 1", "tag 2"]);
    let bare = &items[1];
    assert!(!bare.read && !bare.starred && bare.entry.title.is_none() && bare.entry.content.is_none());
    assert_eq!(bare.entry.published, Some(Timestamp(1_481_577_319_500)));
    // Made safe like any feed's articles.
    let safe = crate::core::sync::server_arrivals(Dialect::Miniflux, body.as_bytes()).unwrap();
    assert!(!format!("{:?}", safe[0].arrival).contains("onerror"));
    assert!(read_entries(b"<html>").is_err());
}

#[test]
fn marks_are_set_never_toggled() {
    let ids = [ItemId::Number(888), ItemId::Text("abc".into()), ItemId::Number(9_007_199_254_740_993)];
    let read = mark(API, "k", &ids, Flag::Read, true);
    assert_eq!((read.method, read.url.as_str()), (Method::Put, "https://rss.example.org/v1/entries"));
    let (kind, body) = read.encoded_body().unwrap();
    assert_eq!(kind, "application/json");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        json!({"entry_ids": [888, 9_007_199_254_740_993_i64], "status": "read"})
    );
    let unstar = mark(API, "k", &ids[..1], Flag::Starred, false).encoded_body().unwrap().1;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&unstar).unwrap(), json!({"entry_ids": [888], "starred": false}));
    assert_eq!(read_done(&reply(204, "text/plain", "")), Ok(()));
    let bad = reply(400, "application/json", r#"{"error_message":"The entry status is not valid"}"#);
    assert_eq!(read_done(&bad), Err(SyncError::Unreadable("the server said: The entry status is not valid".into())));
    assert_eq!(read_done(&reply(500, "application/json", r#"{"error_message":"db down"}"#)), Err(SyncError::Server(500)));
}

#[test]
fn feed_operations_name_the_feed_and_the_folder() {
    let found = answer(
        r#"[{"url":"http://example.org/feed.atom","title":"Atom Feed","type":"atom"},{"url":"http://example.org/feed.rss","title":"RSS","type":"rss"}]"#,
    );
    assert_eq!(read_discovered(&found, "example.org").unwrap(), "http://example.org/feed.atom");
    let none = reply(404, "application/json", r#"{"error_message":"resource not found"}"#);
    assert_eq!(
        read_discovered(&none, "https://x.example"),
        Err(SyncError::Unreadable("the server found no feed at https://x.example".into()))
    );
    let create = create_feed(API, "k", "http://example.org/feed.atom");
    assert_eq!(create.encoded_body().unwrap().1, r#"{"feed_url":"http://example.org/feed.atom"}"#);
    assert_eq!(read_done(&reply(201, "application/json", r#"{"feed_id":262}"#)), Ok(()));
    assert_eq!(delete_feed(API, "k", "feed/42").unwrap().url, "https://rss.example.org/v1/feeds/42");
    assert_eq!(delete_feed(API, "k", "feed/42").unwrap().method, Method::Delete);
    assert_eq!(rename_feed(API, "k", "feed/42", "Mine").unwrap().encoded_body().unwrap().1, r#"{"title":"Mine"}"#);
    assert!(rename_feed(API, "k", "user/-/label/x", "Mine").is_err());
    let categories =
        answer(r#"[{"title":"All","user_id":267,"id":792,"hide_globally":false},{"title":"engineering","user_id":267,"id":793}]"#);
    assert_eq!(read_category(&categories, Some("Engineering")).unwrap(), Some(793));
    assert_eq!(read_category(&categories, None).unwrap(), Some(792));
    assert_eq!(read_category(&categories, Some("Music")).unwrap(), None);
    assert_eq!(create_category(API, "k", Some("Music")).encoded_body().unwrap().1, r#"{"title":"Music"}"#);
    assert_eq!(read_created_category(&reply(201, "application/json", r#"{"id":802,"user_id":267,"title":"Music"}"#)), Ok(802));
    assert_eq!(move_feed(API, "k", "feed/42", 802).unwrap().encoded_body().unwrap().1, r#"{"category_id":802}"#);
}
