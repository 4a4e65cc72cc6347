//! The engine in the browser: its ports ([`BrowserPorts`]: IndexedDB, `fetch`, the parser,
//! the platform) and the two places it runs: its own worker in the app ([`serve`]), or in
//! the page itself in the browser tests ([`in_page`]), where everything still crosses the
//! same encoding.

use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::fetch::BrowserFetch;
use super::filters_worker::WorkerFilters;
use super::global;
use super::parser_worker::WorkerParser;
use super::platform::BrowserPlatform;
use super::store::IdbStore;
use crate::core::filters::{FilterRule, RuleError, Verdict};
use crate::engine::ports::{Filters, Parser};
use crate::engine::upgrade::LegacyParser;
use crate::engine::{Engine, NamedFile, Ports};
use crate::parsing::{LocalFilters, LocalParser};
use crate::protocol::{decode, encode, Command, Event};

/// How often the engine looks for feeds due for a refresh.
const TICK_MS: i32 = 60_000;

/// The engine's ports in a browser; `D` is where parsing runs.
pub struct BrowserPorts<D, F> {
    store: IdbStore,
    fetch: BrowserFetch,
    parser: D,
    filters: F,
    platform: BrowserPlatform,
}

impl<D: Parser + LegacyParser + 'static, F: Filters + 'static> Ports for BrowserPorts<D, F> {
    type Store = IdbStore;
    type Fetch = BrowserFetch;
    type Parser = D;
    type Filters = F;
    type Platform = BrowserPlatform;
    fn store(&self) -> &IdbStore {
        &self.store
    }
    fn fetch(&self) -> &BrowserFetch {
        &self.fetch
    }
    fn parser(&self) -> &D {
        &self.parser
    }
    fn filters(&self) -> &F {
        &self.filters
    }
    fn platform(&self) -> &BrowserPlatform {
        &self.platform
    }
}

impl Filters for Rc<WorkerFilters> {
    async fn judge(&self, r: Vec<FilterRule>, e: Vec<crate::core::Entry>) -> Result<Vec<Verdict>, RuleError> {
        self.as_ref().judge(r, e).await
    }
}

impl Parser for Rc<WorkerParser> {
    async fn server_items(
        &self,
        d: crate::core::sync::Dialect,
        b: Vec<u8>,
    ) -> Result<Vec<crate::core::sync::ServerArrival>, crate::core::sync::SyncError> {
        self.as_ref().server_items(d, b).await
    }
    async fn feed(&self, d: crate::engine::Document) -> Result<crate::engine::Parsed, crate::core::ParseError> {
        self.as_ref().feed(d).await
    }
    async fn links(&self, d: crate::engine::Document) -> Vec<crate::core::fetching::FeedLink> {
        self.as_ref().links(d).await
    }
    async fn opml(&self, b: Vec<u8>) -> Result<Vec<crate::core::opml::OpmlFeed>, crate::core::opml::OpmlError> {
        self.as_ref().opml(b).await
    }
    async fn backup(&self, b: Vec<u8>) -> Result<crate::core::backup::Imported, crate::core::backup::BackupError> {
        self.as_ref().backup(b).await
    }
    async fn address(&self, t: String) -> Result<String, String> {
        self.as_ref().address(t).await
    }
    async fn guesses(&self, p: String) -> Vec<String> {
        self.as_ref().guesses(p).await
    }
    async fn shared_feed(&self, s: String, stories: Vec<crate::core::shared_feed::SharedStory>, now: crate::core::Timestamp) -> String {
        self.as_ref().shared_feed(s, stories, now).await
    }
    async fn changes(&self, old: (String, String), new: (String, String)) -> Option<crate::core::changes::Changes> {
        self.as_ref().changes(old, new).await
    }
    async fn article(&self, d: crate::engine::Document) -> Result<crate::core::extract::FullText, crate::core::extract::ExtractError> {
        self.as_ref().article(d).await
    }
}

impl LegacyParser for Rc<WorkerParser> {
    async fn texts(&self, e: Vec<crate::core::Entry>) -> Vec<crate::core::Arrival> {
        self.as_ref().texts(e).await
    }
}

/// Makes an engine whose events go to `emit`, listening to the other tabs, and looking for
/// due refreshes every minute.
fn engine<D: Parser + LegacyParser + 'static, F: Filters + 'static>(
    parser: D,
    filters: F,
    emit: Rc<dyn Fn(Event)>,
) -> Rc<Engine<BrowserPorts<D, F>>> {
    let ports = BrowserPorts { store: IdbStore::default(), fetch: BrowserFetch, parser, filters, platform: BrowserPlatform::new(emit) };
    let engine = Engine::new(ports);
    let hearing = Rc::downgrade(&engine);
    engine.ports().platform().listen(move |shared| {
        if let Some(engine) = hearing.upgrade() {
            engine.hear(shared);
        }
    });
    let ticking = Rc::downgrade(&engine);
    let tick = Closure::<dyn FnMut()>::new(move || {
        if let Some(engine) = ticking.upgrade() {
            wasm_bindgen_futures::spawn_local(engine.tick());
        }
    });
    global::set_interval(tick.as_ref().unchecked_ref(), TICK_MS);
    tick.forget();
    engine
}

/// Reads the files that came with a command (the page never reads them itself).
async fn read_files(files: JsValue) -> Vec<NamedFile> {
    let mut read = Vec::new();
    for file in files.dyn_into::<Array>().map(|a| a.to_vec()).unwrap_or_default() {
        let Ok(file) = file.dyn_into::<web_sys::File>() else { continue };
        let name = file.name();
        // A file the browser cannot read arrives empty, and is reported as such by name.
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => Uint8Array::new(&buffer).to_vec(),
            Err(_) => Vec::new(),
        };
        read.push(NamedFile { name, bytes });
    }
    read
}

/// Hands a command (with its files) to the engine. A pasted document's text may travel
/// beside an empty `AddText`, as the page's string, so the page never copies megabytes.
fn deliver<P: Ports>(engine: &Rc<Engine<P>>, mut command: Command, files: JsValue) {
    if let (Command::AddText(text), Some(beside)) = (&mut command, files.as_string()) {
        if text.is_empty() {
            *text = beside;
        }
    }
    if command == Command::AddFiles {
        let engine = engine.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let files = read_files(files).await;
            engine.receive(Command::AddFiles, files);
        });
    } else {
        engine.receive(command, Vec::new());
    }
}

/// Runs in the engine's worker: takes the page's commands, answers with events.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let poster = scope.clone();
    let emit: Rc<dyn Fn(Event)> = Rc::new(move |event: Event| {
        let bytes = Uint8Array::from(encode(&event).as_slice());
        let _ = poster.post_message_with_transfer(&bytes, &Array::of1(&bytes.buffer()));
    });
    let parser = Rc::new(WorkerParser::default());
    let filters = Rc::new(WorkerFilters::default());
    let engine = engine(parser.clone(), filters.clone(), emit);
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let message: Array = event.data().unchecked_into();
        let bytes = message.get(0).unchecked_into::<Uint8Array>().to_vec();
        let Ok(command) = decode::<Command>(&bytes) else { return };
        if let Command::Start(start) = &command {
            parser.set_urls(&start.parser, &start.extract);
            filters.set_url(&start.filters);
        }
        deliver(&engine, command, message.get(1));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&crate::protocol::HELLO.into());
}

/// An engine in this page, for the browser tests: commands and events still go through the
/// encoding, and events arrive later, as they would from a worker.
/// Dropping what it returns stops the engine, as closing a tab ends its worker: no event
/// reaches a later page and its storage closes, though work under way runs out.
pub fn in_page(on_event: Rc<dyn Fn(Event)>) -> impl Fn(Command, JsValue) {
    let alive = Rc::new(std::cell::Cell::new(true));
    let listening = alive.clone();
    let emit: Rc<dyn Fn(Event)> = Rc::new(move |event: Event| {
        let bytes = encode(&event);
        let (on_event, listening) = (on_event.clone(), listening.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let (true, Ok(event)) = (listening.get(), decode::<Event>(&bytes)) {
                on_event(event);
            }
        });
    });
    let engine = engine(LocalParser { decoder: Some(&super::text_decoder::BROWSER_DECODER) }, LocalFilters, emit);
    let stopping = Stopping { engine: engine.clone(), alive };
    move |command: Command, files: JsValue| {
        if let Ok(command) = decode::<Command>(&encode(&command)) {
            deliver(&stopping.engine, command, files);
        }
    }
}

thread_local! {
    /// Engines in this page that were let go and are still writing what they were given.
    static STOPPING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many engines let go in this page are still writing (the browser tests wait for none
/// before they clear storage for the next test).
pub fn stopping() -> usize {
    STOPPING.with(|s| s.get())
}

/// Stops an engine in the page when its page lets it go.
struct Stopping {
    engine: Rc<Engine<BrowserPorts<LocalParser, LocalFilters>>>,
    alive: Rc<std::cell::Cell<bool>>,
}

impl Drop for Stopping {
    fn drop(&mut self) {
        self.alive.set(false);
        // What the reader did before is written first (a rename, a mark); then storage closes.
        let engine = self.engine.clone();
        STOPPING.with(|s| s.set(s.get() + 1));
        wasm_bindgen_futures::spawn_local(async move {
            engine.until_written().await;
            engine.ports().store().close();
            STOPPING.with(|s| s.set(s.get() - 1));
        });
    }
}
