//! The parser in a worker of its own: the engine's client ([`WorkerParser`]) starts it the
//! first time a document must be read, and sends it [`Job`]s; the worker ([`serve`]) does
//! each and answers. Its wasm (decoding, the XML parser, the sanitizer, html5ever) is the
//! heaviest part of the reader, and a first visit never loads it.

use super::text_decoder::BROWSER_DECODER;
use super::worker::Client;
use crate::core::backup::{BackupError, Imported};
use crate::core::changes::Changes;
use crate::core::extract::{ExtractError, FullText};
use crate::core::fetching::FeedLink;
use crate::core::opml::{OpmlError, OpmlFeed};
use crate::core::shared_feed::SharedStory;
use crate::core::sync::{Dialect, ServerArrival, SyncError};
use crate::core::{Arrival, Entry, ParseError};
use crate::engine::ports::{Document, Parsed, Parser};
use crate::engine::upgrade::LegacyParser;
use crate::parsing::{perform, Done, ExtractDone, ExtractJob, Job};

/// The parser worker's side: does each job it is sent.
pub fn serve() {
    super::worker::serve(|job| perform(job, Some(&BROWSER_DECODER)));
}

/// The engine's side: a [`Parser`] whose work runs in the parser's worker, and whose reading
/// of web pages as articles (Text view) runs in the extraction worker.
#[derive(Default)]
pub struct WorkerParser {
    parser: Client<Job, Done>,
    extractor: Client<ExtractJob, ExtractDone>,
}

impl WorkerParser {
    /// Where the workers' scripts are (the page says, in `Start`).
    pub fn set_urls(&self, parser: &str, extractor: &str) {
        self.parser.set_url(parser);
        self.extractor.set_url(extractor);
    }

    async fn run(&self, job: Job) -> Option<Done> {
        self.parser.run(job).await
    }
}

/// What a job that could not run says.
const UNAVAILABLE: &str = "the reader's parser could not be loaded (are you offline?); try again";

fn unavailable() -> ParseError {
    ParseError { line: 1, column: 1, message: UNAVAILABLE.into() }
}

impl Parser for WorkerParser {
    async fn shared_feed(&self, sharer: String, stories: Vec<SharedStory>, now: crate::core::Timestamp) -> String {
        match self.run(Job::SharedFeed(sharer, stories, now)).await {
            Some(Done::SharedFeed(atom)) => atom,
            // Without the parser's worker there is nothing to write it with.
            _ => String::new(),
        }
    }

    async fn changes(&self, old: (String, String), new: (String, String)) -> Option<Changes> {
        match self.extractor.run(ExtractJob::Changes(old, new)).await {
            Some(ExtractDone::Changes(changes)) => Some(changes),
            _ => None,
        }
    }

    async fn article(&self, document: Document) -> Result<FullText, ExtractError> {
        match self.extractor.run(ExtractJob::Article(document)).await {
            Some(ExtractDone::Article(result)) => result,
            _ => Err(ExtractError::Unavailable),
        }
    }

    async fn server_items(&self, dialect: Dialect, bytes: Vec<u8>) -> Result<Vec<ServerArrival>, SyncError> {
        match self.run(Job::ServerItems(dialect, bytes)).await {
            Some(Done::ServerItems(result)) => result,
            _ => Err(SyncError::Unreadable(UNAVAILABLE.into())),
        }
    }

    async fn feed(&self, document: Document) -> Result<Parsed, ParseError> {
        match self.run(Job::Feed(document)).await {
            Some(Done::Feed(result)) => result.map(|parsed| *parsed),
            _ => Err(unavailable()),
        }
    }

    async fn links(&self, document: Document) -> Vec<FeedLink> {
        match self.run(Job::Links(document)).await {
            Some(Done::Links(links)) => links,
            _ => Vec::new(),
        }
    }

    async fn opml(&self, bytes: Vec<u8>) -> Result<Vec<OpmlFeed>, OpmlError> {
        match self.run(Job::Opml(bytes)).await {
            Some(Done::Opml(result)) => result,
            _ => Err(OpmlError { line: 1, column: 1, message: UNAVAILABLE.into() }),
        }
    }

    async fn backup(&self, bytes: Vec<u8>) -> Result<Imported, BackupError> {
        match self.run(Job::Backup(bytes)).await {
            Some(Done::Backup(result)) => result.map(|imported| *imported),
            _ => Err(BackupError::NotOurs(UNAVAILABLE.into())),
        }
    }

    async fn address(&self, typed: String) -> Result<String, String> {
        match self.run(Job::Address(typed)).await {
            Some(Done::Address(result)) => result,
            _ => Err(format!("The address could not be checked: {UNAVAILABLE}.")),
        }
    }

    async fn guesses(&self, page: String) -> Vec<String> {
        match self.run(Job::Guesses(page)).await {
            Some(Done::Guesses(urls)) => urls,
            _ => Vec::new(),
        }
    }
}

impl LegacyParser for WorkerParser {
    async fn texts(&self, entries: Vec<Entry>) -> Vec<Arrival> {
        let count = entries.len();
        match self.run(Job::Texts(entries.clone())).await {
            Some(Done::Texts(arrivals)) if arrivals.len() == count => arrivals,
            // Without the parser the entries still move, with no excerpt or search words yet.
            _ => entries.into_iter().map(|entry| Arrival { entry, excerpt: String::new(), words: String::new() }).collect(),
        }
    }
}
