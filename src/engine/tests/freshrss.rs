//! A real FreshRSS for the sync tests (`shared/servers/freshrss`: PHP's built-in server and
//! SQLite, on 127.0.0.1), a feed it fetches from a server in this process, and a second
//! client of the account (another device) that calls the API directly.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command as Process;
use std::sync::{Arc, Mutex};

use crate::core::fetching::{Call, Reply};
use crate::core::sync::greader;
use crate::core::sync::outbox::Flag;
use crate::core::sync::Ids;
use crate::core::sync::ItemId;
use crate::engine::http;

/// Where the shared FreshRSS lives (beside the repository, or `FRESHRSS_DIR`).
fn scripts() -> PathBuf {
    std::env::var_os("FRESHRSS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/servers/freshrss"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A FreshRSS served for one test, stopped (and its data removed) when dropped.
pub struct FreshRss {
    pub url: String,
    pub api: String,
    pub user: String,
    pub password: String,
    port: u16,
    data: PathBuf,
}

impl FreshRss {
    pub fn start() -> FreshRss {
        let data = std::env::temp_dir().join(format!("feedreader-freshrss-{}-{}", std::process::id(), free_port()));
        std::fs::create_dir_all(&data).unwrap();
        let port = free_port();
        let server = FreshRss {
            url: format!("http://127.0.0.1:{port}"),
            api: format!("http://127.0.0.1:{port}/api/greader.php"),
            user: "tester".into(),
            password: "tester-api-password".into(),
            port,
            data,
        };
        server.serve();
        server
    }

    fn serve(&self) {
        let out = Process::new(scripts().join("start.sh"))
            .arg(self.port.to_string())
            .arg(&self.data)
            .output()
            .expect("start.sh runs (PHP installed?)");
        assert!(out.status.success(), "FreshRSS did not start: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Stops it (its data stays): nothing answers until [`FreshRss::resume`].
    pub fn stop(&self) {
        let _ = Process::new(scripts().join("stop.sh")).arg(&self.data).output();
    }

    /// Serves it again, as it was: the user's configuration (its API password's hash, which
    /// `start.sh` sets anew) is put back, so the tokens given before still work, as they do
    /// after a real server's restart.
    pub fn resume(&self) {
        let user = self.data.join("users").join(&self.user).join("config.php");
        let kept = std::fs::read(&user).unwrap();
        self.serve();
        std::fs::write(&user, kept).unwrap();
    }

    /// Serves it again after its API password was set anew (to the same words: the hash, and
    /// so every token given before, changes).
    pub fn resume_with_new_password(&self) {
        self.serve();
    }

    /// Turns API access off (FreshRSS's system setting), or on again.
    pub fn api_access(&self, on: bool) {
        let path = self.data.join("config.php");
        let config = std::fs::read_to_string(&path).unwrap();
        let (from, to) =
            if on { ("'api_enabled' => false", "'api_enabled' => true") } else { ("'api_enabled' => true", "'api_enabled' => false") };
        std::fs::write(&path, config.replace(from, to)).unwrap();
    }

    /// Puts something that is no database in place of the user's (kept aside): FreshRSS then
    /// answers its id lists with HTTP 500, as a server whose disk failed does.
    pub fn break_database(&self) {
        let db = self.data.join("users").join(&self.user).join("db.sqlite");
        std::fs::rename(&db, db.with_extension("kept")).unwrap();
        std::fs::write(&db, "not a database").unwrap();
    }

    /// Puts the user's database back.
    pub fn mend_database(&self) {
        let db = self.data.join("users").join(&self.user).join("db.sqlite");
        std::fs::rename(db.with_extension("kept"), &db).unwrap();
    }

    /// Deletes items from the server's database, as its purge of old entries does.
    pub fn delete_items(&self, titles: &[&str]) {
        let db = self.data.join("users").join(&self.user).join("db.sqlite");
        let script = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executemany('DELETE FROM entry WHERE title = ?', [(t,) for t in sys.argv[2:]]); c.commit()";
        let out = Process::new("python3").arg("-c").arg(script).arg(&db).args(titles).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    /// Has FreshRSS fetch its feeds now.
    pub fn refresh(&self) {
        let out = Process::new(scripts().join("refresh.sh")).arg(&self.data).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    /// Another client of the account (a phone, FreshRSS's own web view).
    pub fn device(&self) -> Device {
        let reply = http::send(&greader::login(&self.api, &self.user, &self.password)).unwrap();
        let auth = greader::read_login(&reply).unwrap();
        let token = greader::read_token(&http::send(&greader::token(&self.api, &auth)).unwrap()).unwrap();
        Device { api: self.api.clone(), auth, token }
    }
}

impl Drop for FreshRss {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// Another client of the account, calling the API as any reader app does.
pub struct Device {
    api: String,
    auth: String,
    token: String,
}

impl Device {
    fn send(&self, call: Call) -> Reply {
        http::send(&call).unwrap()
    }

    pub fn subscribe(&self, feed: &str) {
        let call = Call::post_form(
            format!("{}/reader/api/0/subscription/quickadd", self.api),
            vec![("quickadd".into(), feed.into()), ("T".into(), self.token.clone())],
        )
        .header("Authorization", format!("GoogleLogin auth={}", self.auth));
        let reply = self.send(call);
        assert!(reply.text().contains("\"numResults\":1"), "{}", reply.text());
    }

    pub fn ids(&self, which: Ids) -> Vec<ItemId> {
        let mut ids = Vec::new();
        let mut continuation: Option<String> = None;
        loop {
            let (page, next) = greader::read_ids(&self.send(greader::ids(&self.api, &self.auth, which, continuation.as_deref()))).unwrap();
            ids.extend(page);
            match next {
                Some(next) => continuation = Some(next),
                None => return ids,
            }
        }
    }

    pub fn mark(&self, ids: &[ItemId], flag: Flag, on: bool) {
        greader::read_ok(&self.send(greader::edit_tag(&self.api, &self.auth, &self.token, ids, flag, on))).unwrap();
    }

    /// The account's feeds, as the server lists them.
    pub fn feeds(&self) -> Vec<crate::core::sync::ServerFeed> {
        greader::read_subscriptions(&self.send(greader::subscriptions(&self.api, &self.auth))).unwrap()
    }

    /// Every item of the account, newest first, with its title.
    pub fn items(&self) -> Vec<(ItemId, String)> {
        let call = Call::get(format!("{}/reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=1000", self.api))
            .header("Authorization", format!("GoogleLogin auth={}", self.auth));
        let items = crate::core::sync::greader::read_contents(&self.send(call).bytes).unwrap();
        items.into_iter().map(|i| (ItemId::parse(&i.entry.id), i.entry.title.unwrap_or_default())).collect()
    }
}

/// A feed served from this process, for FreshRSS to fetch: its text can change.
pub struct FeedServer {
    pub url: String,
    body: Arc<Mutex<String>>,
}

impl FeedServer {
    pub fn start(body: String) -> FeedServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/feed.xml", listener.local_addr().unwrap());
        let body = Arc::new(Mutex::new(body));
        let serving = body.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                let text = serving.lock().unwrap().clone();
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    text.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(text.as_bytes());
            }
        });
        FeedServer { url, body }
    }

    pub fn set(&self, body: String) {
        *self.body.lock().unwrap() = body;
    }
}

/// An RSS feed of `count` items, newest first, numbered from 1.
pub fn numbered_feed(title: &str, count: usize) -> String {
    let items: String = (1..=count)
        .rev()
        .map(|n| {
            format!(
                "<item><title>{title} {n}</title><guid isPermaLink=\"false\">urn:{title}:{n}</guid><link>https://{title}.example/{n}</link><pubDate>{}</pubDate><description>&lt;p&gt;Story {n} of {title}&lt;/p&gt;</description></item>",
                crate::core::time::Timestamp(1_760_000_000_000 + n as i64 * 60_000)
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title><link>https://{title}.example/</link>{items}</channel></rss>")
}
