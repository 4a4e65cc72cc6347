//! A Miniflux written from its API documentation (miniflux.app/docs/api.html) and its source
//! (v2.3.3: the calls a sync makes, their answers and status codes), served over real HTTP on
//! 127.0.0.1 from this process. No Miniflux can run on these machines (its build needs a newer
//! Go than Debian's), so the Miniflux dialect is tested against this; the Google Reader dialect
//! is tested against a real FreshRSS (`freshrss.rs`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

/// One entry as Miniflux keeps it.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub feed: i64,
    pub title: String,
    pub read: bool,
    pub starred: bool,
}

#[derive(Debug, Clone)]
struct Feed {
    id: i64,
    title: String,
    url: String,
    category: i64,
}

/// What the server holds.
#[derive(Debug, Default)]
pub struct Books {
    pub version: String,
    feeds: Vec<Feed>,
    categories: Vec<(i64, String)>,
    pub entries: Vec<Row>,
    next: i64,
    /// Every call, as `METHOD /path?query`.
    pub calls: Vec<String>,
    /// Sites whose feed discovery finds (site → feed address).
    pub sites: Vec<(String, String)>,
    /// The next calls this many fail, as a server in trouble does (HTTP 500).
    pub failing: usize,
}

impl Books {
    fn id(&mut self) -> i64 {
        self.next += 1;
        self.next
    }

    /// Adds a feed with `count` unread entries, numbered from 1 (ids rise with the number).
    pub fn feed(&mut self, title: &str, url: &str, count: usize) -> i64 {
        let id = self.id();
        self.feeds.push(Feed { id, title: title.into(), url: url.into(), category: self.categories[0].0 });
        for n in 1..=count {
            let entry = self.id();
            self.entries.push(Row { id: entry, feed: id, title: format!("{title} {n}"), read: false, starred: false });
        }
        id
    }

    pub fn entry(&mut self, title: &str) -> &mut Row {
        self.entries.iter_mut().find(|e| e.title == title).expect(title)
    }

    pub fn unread(&self) -> usize {
        self.entries.iter().filter(|e| !e.read).count()
    }

    pub fn starred(&self) -> Vec<String> {
        self.entries.iter().filter(|e| e.starred).map(|e| e.title.clone()).collect()
    }

    /// The feeds as (title, folder).
    pub fn feeds(&self) -> Vec<(String, String)> {
        self.feeds.iter().map(|f| (f.title.clone(), self.categories.iter().find(|c| c.0 == f.category).unwrap().1.clone())).collect()
    }

    fn feed_json(&self, feed: &Feed) -> Value {
        let category = self.categories.iter().find(|c| c.0 == feed.category).unwrap();
        json!({
            "id": feed.id, "user_id": 1, "title": feed.title, "site_url": format!("{}/", feed.url.trim_end_matches("/feed.xml")),
            "feed_url": feed.url, "checked_at": "2026-12-01T10:00:00.5+01:00", "parsing_error_count": 0, "disabled": false,
            "category": { "id": category.0, "user_id": 1, "title": category.1, "hide_globally": false },
            "icon": { "feed_id": feed.id, "icon_id": 0 }
        })
    }

    fn entry_json(&self, row: &Row) -> Value {
        let feed = self.feeds.iter().find(|f| f.id == row.feed).unwrap();
        json!({
            "id": row.id, "user_id": 1, "feed_id": row.feed, "status": if row.read { "read" } else { "unread" },
            "hash": format!("{:x}", row.id), "title": row.title, "url": format!("https://example.org/{}", row.id), "comments_url": "",
            "published_at": "2026-12-01T10:00:00Z", "created_at": "2026-12-01T10:00:01Z", "changed_at": "2026-12-01T10:00:01Z",
            "content": format!("<p>Story {}</p>", row.title), "author": "", "share_code": "", "starred": row.starred,
            "reading_time": 1, "enclosures": [], "tags": [], "feed": self.feed_json(feed)
        })
    }
}

/// The server, for one test.
pub struct Miniflux {
    pub url: String,
    pub key: String,
    pub books: Arc<Mutex<Books>>,
}

impl Miniflux {
    pub fn start(version: &str) -> Miniflux {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let books =
            Arc::new(Mutex::new(Books { version: version.into(), categories: vec![(1, "All".into())], next: 100, ..Books::default() }));
        let key = "miniflux-api-key-0123456789".to_string();
        let (serving, expected) = (books.clone(), key.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                serve(stream, &serving, &expected);
            }
        });
        Miniflux { url, key, books }
    }

    pub fn books(&self) -> std::sync::MutexGuard<'_, Books> {
        self.books.lock().unwrap()
    }
}

fn serve(mut stream: TcpStream, books: &Mutex<Books>, key: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
    let (mut length, mut token) = (0, String::new());
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or(("", ""));
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "x-auth-token" => token = value.trim().to_string(),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (status, answer) = answer(&mut books.lock().unwrap(), &method, &target, &body, token == key);
    let (kind, text) = match &answer {
        Some(Value::String(text)) => ("text/plain; charset=utf-8", text.clone()),
        Some(value) => ("application/json", value.to_string()),
        None => ("text/plain", String::new()),
    };
    let head = format!("HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", text.len());
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(text.as_bytes());
}

fn error(message: &str) -> Option<Value> {
    Some(json!({ "error_message": message }))
}

/// The answer to one call, as Miniflux gives it.
fn answer(books: &mut Books, method: &str, target: &str, body: &Value, authorized: bool) -> (u16, Option<Value>) {
    books.calls.push(format!("{method} {target}"));
    if !authorized {
        return (401, error("access unauthorized"));
    }
    if books.failing > 0 {
        books.failing -= 1;
        return (500, error("pq: the database system is starting up"));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let param = |name: &str| query.split('&').find_map(|p| p.strip_prefix(&format!("{name}=")).map(str::to_string));
    let number = |name: &str| param(name).and_then(|v| v.parse::<i64>().ok());
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method, segments.as_slice()) {
        ("GET", ["v1", "me"]) => (
            200,
            Some(
                json!({ "id": 1, "username": "admin", "is_admin": true, "theme": "light_serif", "language": "en_US", "timezone": "UTC", "entries_per_page": 100 }),
            ),
        ),
        ("GET", ["v1", "version"]) => (
            200,
            Some(
                json!({ "version": books.version, "commit": "abc", "build_date": "2026-06-20", "go_version": "go1.24", "compiler": "gc", "arch": "amd64", "os": "linux" }),
            ),
        ),
        ("GET", ["v1", "feeds"]) => (200, Some(Value::Array(books.feeds.iter().map(|f| books.feed_json(f)).collect()))),
        ("GET", ["v1", "categories"]) => (
            200,
            Some(Value::Array(
                books
                    .categories
                    .iter()
                    .map(|(id, title)| json!({ "id": id, "user_id": 1, "title": title, "hide_globally": false }))
                    .collect(),
            )),
        ),
        ("POST", ["v1", "categories"]) => {
            let title = body["title"].as_str().unwrap_or("").to_string();
            if books.categories.iter().any(|c| c.1 == title) {
                return (400, error("This category already exists."));
            }
            let id = books.id();
            books.categories.push((id, title.clone()));
            (201, Some(json!({ "id": id, "user_id": 1, "title": title, "hide_globally": false })))
        }
        ("GET", ["v1", "entries", "ids"]) => {
            let mut rows: Vec<&Row> = books
                .entries
                .iter()
                .filter(|e| param("status").is_none_or(|s| (s == "read") == e.read))
                .filter(|e| param("starred").is_none_or(|s| (s == "true") == e.starred))
                .collect();
            rows.sort_by_key(|e| -e.id);
            let (offset, limit) = (number("offset").unwrap_or(0) as usize, number("limit").unwrap_or(10_000).min(10_000) as usize);
            let ids: Vec<i64> = rows.iter().skip(offset).take(limit).map(|e| e.id).collect();
            (200, Some(json!({ "total": rows.len(), "entry_ids": ids })))
        }
        ("GET", ["v1", "entries"]) => {
            assert_eq!((param("order").as_deref(), param("direction").as_deref()), (Some("id"), Some("desc")), "{target}");
            let mut rows: Vec<&Row> = books
                .entries
                .iter()
                .filter(|e| param("status").is_none_or(|s| (s == "read") == e.read))
                .filter(|e| param("starred").is_none_or(|s| (s == "true") == e.starred))
                .filter(|e| number("before_entry_id").is_none_or(|before| e.id < before))
                .collect();
            rows.sort_by_key(|e| -e.id);
            let limit = number("limit").unwrap_or(100).min(1000) as usize;
            let entries: Vec<Value> = rows.iter().take(limit).map(|e| books.entry_json(e)).collect();
            (200, Some(json!({ "total": rows.len(), "entries": entries })))
        }
        ("PUT", ["v1", "entries"]) => {
            let ids: Vec<i64> = body["entry_ids"].as_array().into_iter().flatten().filter_map(Value::as_i64).collect();
            let status = body["status"].as_str();
            if ids.is_empty() || status.is_some_and(|s| s != "read" && s != "unread") {
                return (400, error("The entry status is not valid."));
            }
            for entry in books.entries.iter_mut().filter(|e| ids.contains(&e.id)) {
                if let Some(status) = status {
                    entry.read = status == "read";
                }
                if let Some(starred) = body["starred"].as_bool() {
                    entry.starred = starred;
                }
            }
            (204, None)
        }
        ("POST", ["v1", "discover"]) => {
            let url = body["url"].as_str().unwrap_or("");
            match books.sites.iter().find(|(site, feed)| site == url || feed == url) {
                Some((_, feed)) => (200, Some(json!([{ "url": feed, "title": "Feed", "type": "rss" }]))),
                None => (404, error("resource not found")),
            }
        }
        ("POST", ["v1", "feeds"]) => {
            let url = body["feed_url"].as_str().unwrap_or("").to_string();
            if books.feeds.iter().any(|f| f.url == url) {
                return (400, error("This feed already exists."));
            }
            let title = url.trim_end_matches("/feed.xml").rsplit('/').next().unwrap_or("feed").to_string();
            let id = books.feed(&title, &url, 2);
            (201, Some(json!({ "feed_id": id })))
        }
        ("PUT", ["v1", "feeds", id]) | ("DELETE", ["v1", "feeds", id]) => {
            let id: i64 = id.parse().unwrap_or(0);
            let Some(at) = books.feeds.iter().position(|f| f.id == id) else { return (404, error("resource not found")) };
            if method == "DELETE" {
                books.feeds.remove(at);
                books.entries.retain(|e| e.feed != id);
                return (204, None);
            }
            if let Some(title) = body["title"].as_str() {
                books.feeds[at].title = title.to_string();
            }
            if let Some(category) = body["category_id"].as_i64() {
                if !books.categories.iter().any(|c| c.0 == category) {
                    return (400, error("This category does not exist or does not belong to this user."));
                }
                books.feeds[at].category = category;
            }
            let feed = books.feeds[at].clone();
            (201, Some(books.feed_json(&feed)))
        }
        _ => (404, Some(Value::String("404 page not found\n".into()))),
    }
}
