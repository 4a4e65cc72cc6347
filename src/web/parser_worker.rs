//! The parser in a worker of its own: the engine's client ([`WorkerParser`]) starts it the
//! first time a document must be read, and sends it [`Job`]s; the worker ([`serve`]) does
//! each and answers. Its wasm (decoding, the XML parser, the sanitizer, html5ever) is the
//! heaviest part of the reader, and a first visit never loads it. The filters' worker
//! ([`serve_filters`]) is a second one of the same kind, for the one job that needs the regex
//! engine: it loads only when the reader has filters.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::channel::oneshot;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::text_decoder::BROWSER_DECODER;
use crate::core::backup::{BackupError, Imported};
use crate::core::fetching::FeedLink;
use crate::core::filters::{FilterRule, RuleError, Verdict};
use crate::core::opml::{OpmlError, OpmlFeed};
use crate::core::{Arrival, Entry, ParseError};
use crate::engine::ports::{Document, Parsed, Parser};
use crate::parsing::{perform, perform_filters, Done, Job};
use crate::protocol::{decode, encode};

/// What the worker says once it listens.
const HELLO: &str = "hello";

/// The parser worker's side: does each job it is sent.
pub fn serve() {
    serve_with(|job| perform(job, Some(&BROWSER_DECODER)));
}

/// The filters' worker's side.
pub fn serve_filters() {
    serve_with(perform_filters);
}

fn serve_with(perform: fn(Job) -> Done) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answering = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let message: Array = event.data().unchecked_into();
        let (number, bytes) = (message.get(0), message.get(1).unchecked_into::<Uint8Array>().to_vec());
        let Ok(job) = decode::<Job>(&bytes) else { return };
        let done = Uint8Array::from(encode(&perform(job)).as_slice());
        let transfer = Array::of1(&done.buffer());
        let _ = answering.post_message_with_transfer(&Array::of2(&number, &done), &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&HELLO.into());
}

type Pending = Rc<RefCell<HashMap<u32, oneshot::Sender<Done>>>>;

/// The worker as it stands: started, listening, and the jobs waiting for it to listen.
struct Started {
    worker: web_sys::Worker,
    listening: Rc<Cell<bool>>,
    waiting: Rc<RefCell<Vec<Array>>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// The engine's side: a [`Parser`] whose work runs in the parser's worker, and the filters'
/// in theirs.
#[derive(Default)]
pub struct WorkerParser {
    parser: Client,
    filters: Client,
}

impl WorkerParser {
    /// Where the workers' scripts are (the page says, in `Start`).
    pub fn set_urls(&self, parser: &str, filters: &str) {
        *self.parser.url.borrow_mut() = Some(parser.to_string());
        *self.filters.url.borrow_mut() = Some(filters.to_string());
    }

    async fn run(&self, job: Job) -> Option<Done> {
        self.parser.run(job).await
    }
}

/// One worker, started when first needed.
#[derive(Default)]
struct Client {
    url: RefCell<Option<String>>,
    started: RefCell<Option<Started>>,
    pending: Pending,
    next: Cell<u32>,
}

impl Client {
    fn start(&self) -> bool {
        if self.started.borrow().is_some() {
            return true;
        }
        let Some(url) = self.url.borrow().clone() else { return false };
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let Ok(worker) = web_sys::Worker::new_with_options(&url, &options) else { return false };
        let listening = Rc::new(Cell::new(false));
        let waiting: Rc<RefCell<Vec<Array>>> = Rc::default();
        let (pending, ready, queue, poster) = (self.pending.clone(), listening.clone(), waiting.clone(), worker.clone());
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some(HELLO) {
                ready.set(true);
                for message in queue.borrow_mut().drain(..) {
                    post(&poster, &message);
                }
                return;
            }
            let message: Array = data.unchecked_into();
            let number = message.get(0).as_f64().unwrap_or(-1.0) as u32;
            let bytes = message.get(1).unchecked_into::<Uint8Array>().to_vec();
            if let (Some(reply), Ok(done)) = (pending.borrow_mut().remove(&number), decode::<Done>(&bytes)) {
                let _ = reply.send(done);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // A worker that cannot load (offline on a first use, a missing file) fails every job
        // waiting for it; the next job tries to start it again.
        let pending = self.pending.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            pending.borrow_mut().clear();
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.started.borrow_mut() = Some(Started { worker, listening, waiting, _on_message: on_message, _on_error: on_error });
        true
    }

    /// Does a job in the worker; `None` when the worker could not run it.
    async fn run(&self, job: Job) -> Option<Done> {
        if !self.start() {
            return None;
        }
        let number = self.next.get();
        self.next.set(number.wrapping_add(1));
        let (reply, answer) = oneshot::channel();
        self.pending.borrow_mut().insert(number, reply);
        let bytes = Uint8Array::from(encode(&job).as_slice());
        let message = Array::of2(&JsValue::from(number), &bytes);
        {
            let started = self.started.borrow();
            let started = started.as_ref()?;
            if started.listening.get() {
                post(&started.worker, &message);
            } else {
                started.waiting.borrow_mut().push(message);
            }
        }
        let done = answer.await.ok();
        if done.is_none() {
            // The worker failed: start a new one next time.
            if let Some(started) = self.started.borrow_mut().take() {
                started.worker.terminate();
            }
        }
        done
    }
}

fn post(worker: &web_sys::Worker, message: &Array) {
    let transfer = Array::new();
    if let Ok(bytes) = message.get(1).dyn_into::<Uint8Array>() {
        transfer.push(&bytes.buffer());
    }
    let _ = worker.post_message_with_transfer(message, &transfer);
}

/// What a job that could not run says.
const UNAVAILABLE: &str = "the reader's parser could not be loaded (are you offline?); try again";

fn unavailable() -> ParseError {
    ParseError { line: 1, column: 1, message: UNAVAILABLE.into() }
}

impl Parser for WorkerParser {
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
            Some(Done::Backup(result)) => result,
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

    async fn texts(&self, entries: Vec<Entry>) -> Vec<Arrival> {
        let count = entries.len();
        match self.run(Job::Texts(entries.clone())).await {
            Some(Done::Texts(arrivals)) if arrivals.len() == count => arrivals,
            // Without the parser the entries still move, with no excerpt or search words yet.
            _ => entries.into_iter().map(|entry| Arrival { entry, excerpt: String::new(), words: String::new() }).collect(),
        }
    }

    async fn judge(&self, rules: Vec<FilterRule>, entries: Vec<Entry>) -> Result<Vec<Verdict>, RuleError> {
        match self.filters.run(Job::Judge(rules, entries)).await {
            Some(Done::Judge(result)) => result,
            _ => Err(RuleError { rule: 0, column: None, message: "the filters could not be loaded (are you offline?); try again".into() }),
        }
    }
}
