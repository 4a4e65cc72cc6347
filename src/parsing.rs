//! The parser's jobs: everything that reads a document or an address. In the browser they
//! run in a worker of their own (loaded the first time the engine needs one, so a first
//! visit carries none of the parser's weight); the engine sends a [`Job`] and gets its
//! [`Done`]. [`LocalParser`] runs them in place, for native tests, the in-page test engine,
//! and the worker itself.

use serde::{Deserialize, Serialize};

use crate::core::backup::{self, BackupError, Imported};
use crate::core::changes::{changes, Changes};
use crate::core::decode::LegacyDecoder;
use crate::core::extract::{extract, ExtractError, FullText};
use crate::core::fetching::{self, FeedLink};
use crate::core::filters::{FilterRule, RuleError, Sieve, Verdict};
use crate::core::opml::{self, OpmlError, OpmlFeed};
use crate::core::sanitize::{arrival, arrivals};
use crate::core::shared_feed::{shared_atom, SharedStory};
use crate::core::sync::{server_arrivals, Dialect, ServerArrival, SyncError};
use crate::core::{decode, read_feed, Arrival, Entry, ParseError, ParseOptions, Timestamp};
use crate::engine::ports::{Document, Filters, Parsed, Parser};
use crate::engine::upgrade::LegacyParser;

/// Something to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    Feed(Document),
    Links(Document),
    Opml(Vec<u8>),
    Backup(Vec<u8>),
    Address(String),
    Guesses(String),
    Texts(Vec<Entry>),
    /// Items the reader's server sent (an answer of contents, in its dialect).
    ServerItems(Dialect, Vec<u8>),
    /// The reader's shared stories, written as an Atom feed.
    SharedFeed(String, Vec<SharedStory>, Timestamp),
}

/// What reading it gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Done {
    /// Boxed: a parsed feed is large beside the other answers.
    Feed(Result<Box<Parsed>, ParseError>),
    Links(Vec<FeedLink>),
    Opml(Result<Vec<OpmlFeed>, OpmlError>),
    /// Boxed too: its settings are large beside the other answers.
    Backup(Result<Box<Imported>, BackupError>),
    Address(Result<String, String>),
    Guesses(Vec<String>),
    Texts(Vec<Arrival>),
    ServerItems(Result<Vec<ServerArrival>, SyncError>),
    SharedFeed(String),
}

/// The jobs of the extraction worker, which loads only when the reader asks for one: the
/// heavy parts of reading that no feed needs (readability's DOM, the diff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExtractJob {
    /// A web page, read as an article (Text view).
    Article(Document),
    /// What changed between two versions of an entry: (title, body) before and now.
    Changes((String, String), (String, String)),
}

/// Their answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExtractDone {
    Article(Result<FullText, ExtractError>),
    Changes(Changes),
}

/// Does one of the extraction worker's jobs; nothing else is linked into it.
pub fn perform_extract(job: ExtractJob, decoder: Option<&'static dyn LegacyDecoder>) -> ExtractDone {
    match job {
        ExtractJob::Article(document) => {
            ExtractDone::Article(extract(&document.bytes, document.url.as_deref().unwrap_or(""), document.charset.as_deref(), decoder))
        }
        ExtractJob::Changes(old, new) => ExtractDone::Changes(changes(&old.0, &old.1, &new.0, &new.1)),
    }
}

/// The filters' worker's one job: entries judged by the rules (none: the rules only checked).
pub type FilterJob = (Vec<FilterRule>, Vec<Entry>);

/// Its answer: a verdict on each entry, or the first rule that does not compile.
pub type FilterDone = Result<Vec<Verdict>, RuleError>;

/// Reads a feed and makes it safe.
pub fn feed(document: Document, decoder: Option<&'static dyn LegacyDecoder>) -> Result<Parsed, ParseError> {
    let options = ParseOptions { base: document.url, charset: document.charset, decoder };
    read_feed(&document.bytes, &options).map(|feed| {
        let (feed, arrivals) = arrivals(feed);
        Parsed { feed, arrivals }
    })
}

/// The feeds a web page lists.
pub fn links(document: Document, decoder: Option<&'static dyn LegacyDecoder>) -> Vec<FeedLink> {
    let text = decode::decode(&document.bytes, document.charset.as_deref(), decoder).text;
    fetching::feed_links(&text, document.url.as_deref().unwrap_or(""))
}

/// The subscriptions of an OPML file.
pub fn subscriptions(bytes: &[u8], decoder: Option<&'static dyn LegacyDecoder>) -> Result<Vec<OpmlFeed>, OpmlError> {
    opml::import(&decode::decode(bytes, None, decoder).text)
}

/// Does one job. `decoder` reads legacy charsets (the browser's `TextDecoder` in the
/// worker, encoding_rs natively).
pub fn perform(job: Job, decoder: Option<&'static dyn LegacyDecoder>) -> Done {
    match job {
        Job::Feed(document) => Done::Feed(feed(document, decoder).map(Box::new)),
        Job::Links(document) => Done::Links(links(document, decoder)),
        Job::Opml(bytes) => Done::Opml(subscriptions(&bytes, decoder)),
        Job::Backup(bytes) => Done::Backup(backup::from_json(&String::from_utf8_lossy(&bytes)).map(Box::new)),
        Job::Address(typed) => Done::Address(fetching::normalize(&typed)),
        Job::Guesses(page) => Done::Guesses(fetching::guess_paths(&page)),
        Job::Texts(entries) => Done::Texts(entries.into_iter().map(arrival).collect()),
        Job::ServerItems(dialect, bytes) => Done::ServerItems(server_arrivals(dialect, &bytes)),
        Job::SharedFeed(sharer, stories, now) => Done::SharedFeed(shared_atom(&sharer, &stories, now)),
    }
}

/// Does the filters' worker's one job; nothing else is linked into it.
pub fn perform_filters((rules, entries): FilterJob) -> FilterDone {
    judge(&rules, &entries)
}

/// What the filters say of each entry, or the first rule that does not compile.
pub fn judge(rules: &[FilterRule], entries: &[Entry]) -> Result<Vec<Verdict>, RuleError> {
    let sieve = Sieve::new(rules)?;
    Ok(entries.iter().map(|e| sieve.judge(e)).collect())
}

/// The parser in this thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalParser {
    pub decoder: Option<&'static dyn LegacyDecoder>,
}

impl Parser for LocalParser {
    async fn feed(&self, document: Document) -> Result<Parsed, ParseError> {
        feed(document, self.decoder)
    }

    async fn links(&self, document: Document) -> Vec<FeedLink> {
        links(document, self.decoder)
    }

    async fn opml(&self, bytes: Vec<u8>) -> Result<Vec<OpmlFeed>, OpmlError> {
        subscriptions(&bytes, self.decoder)
    }

    async fn backup(&self, bytes: Vec<u8>) -> Result<Imported, BackupError> {
        backup::from_json(&String::from_utf8_lossy(&bytes))
    }

    async fn address(&self, typed: String) -> Result<String, String> {
        fetching::normalize(&typed)
    }

    async fn guesses(&self, page: String) -> Vec<String> {
        fetching::guess_paths(&page)
    }

    async fn server_items(&self, dialect: Dialect, bytes: Vec<u8>) -> Result<Vec<ServerArrival>, SyncError> {
        server_arrivals(dialect, &bytes)
    }

    async fn article(&self, document: Document) -> Result<FullText, ExtractError> {
        match perform_extract(ExtractJob::Article(document), self.decoder) {
            ExtractDone::Article(result) => result,
            ExtractDone::Changes(_) => Err(ExtractError::Unavailable),
        }
    }

    async fn shared_feed(&self, sharer: String, stories: Vec<SharedStory>, now: Timestamp) -> String {
        shared_atom(&sharer, &stories, now)
    }

    async fn changes(&self, old: (String, String), new: (String, String)) -> Option<Changes> {
        Some(changes(&old.0, &old.1, &new.0, &new.1))
    }
}

impl LegacyParser for LocalParser {
    async fn texts(&self, entries: Vec<Entry>) -> Vec<Arrival> {
        entries.into_iter().map(arrival).collect()
    }
}

/// The filters in this thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalFilters;

impl Filters for LocalFilters {
    async fn judge(&self, rules: Vec<FilterRule>, entries: Vec<Entry>) -> Result<Vec<Verdict>, RuleError> {
        judge(&rules, &entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the parser worker answers crosses to the engine as postcard bytes: every kind of
    /// answer must come back as it went.
    #[test]
    fn every_answer_survives_the_trip_to_the_engine() {
        let backup = include_bytes!("../tests/fixtures/legacy/backup-v1.json").to_vec();
        let sample = include_bytes!("../tests/fixtures/newsblur-shared-items.atom.xml").to_vec();
        let opml = br#"<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/feed"/></body></opml>"#.to_vec();
        for job in [
            Job::Backup(backup),
            Job::Feed(Document { bytes: sample, url: None, charset: None }),
            Job::Opml(opml),
            Job::Address("example.com".into()),
        ] {
            let done = perform(job, None);
            let back: Done = crate::protocol::decode(&crate::protocol::encode(&done)).expect("decodes");
            assert_eq!(back, done);
        }
    }

    /// The sample feed a first visit shows is shipped already parsed and sanitized
    /// (`static/sample.json`, copied into `dist/`), so a first visit needs no parser. This
    /// test keeps that file what the parser makes of the fixture today: run it with
    /// `UPDATE_SAMPLE=1` to write it again after changing the parser or sanitizer.
    #[test]
    fn the_shipped_sample_is_what_the_parser_makes_of_the_fixture() {
        let bytes = include_bytes!("../tests/fixtures/newsblur-shared-items.atom.xml").to_vec();
        let parsed = feed(Document { bytes, url: None, charset: None }, None).expect("the sample parses");
        let json = serde_json::to_string(&parsed).unwrap();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/sample.json");
        if std::env::var_os("UPDATE_SAMPLE").is_some() {
            std::fs::write(path, &json).unwrap();
        }
        let shipped = std::fs::read_to_string(path).unwrap_or_default();
        assert!(shipped == json, "static/sample.json is out of date: run `UPDATE_SAMPLE=1 cargo test --lib shipped`");
        assert_eq!(parsed.arrivals.len(), 25);
    }
}
