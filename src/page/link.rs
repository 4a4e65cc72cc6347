//! The page's end of the engine: commands go out as postcard bytes, events come back the same
//! way. In the app the engine is a worker that `boot.js` started before this page's wasm had
//! even arrived (its early messages waited in `boot.js`'s queue); the browser tests put an
//! engine in the page instead ([`Link::set`]).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::protocol::{decode, encode, Command, Event, Notice};

/// How the page reaches its engine.
#[derive(Clone)]
pub struct Link {
    send: Rc<dyn Fn(Command, JsValue)>,
}

/// What the page does with an event.
type Listener = Rc<dyn Fn(Event)>;

thread_local! {
    static LINK: RefCell<Option<Link>> = const { RefCell::new(None) };
    /// Where events go, once the page listens.
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
    /// Which page listens now (the browser tests mount one after another).
    static CURRENT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Events that came before the page listened.
    static EARLY: RefCell<Vec<Event>> = const { RefCell::new(Vec::new()) };
}

/// Hands an event to the page (or keeps it until the page listens).
pub fn arrive(event: Event) {
    match LISTENER.with(|l| l.borrow().clone()) {
        Some(listen) => listen(event),
        None => EARLY.with(|e| e.borrow_mut().push(event)),
    }
}

impl Link {
    /// A link that hands commands to `send` (the browser tests' engine in the page).
    pub fn set(send: impl Fn(Command, JsValue) + 'static) {
        LINK.with(|l| *l.borrow_mut() = Some(Link { send: Rc::new(send) }));
    }

    /// Sends a command.
    pub fn send(command: Command) {
        Link::send_with(command, JsValue::UNDEFINED);
    }

    /// Sends a command with JS values beside it (the files of `AddFiles`).
    pub fn send_with(command: Command, extra: JsValue) {
        let link = LINK.with(|l| l.borrow().clone()).unwrap_or_else(|| {
            let link = Link::worker();
            LINK.with(|l| *l.borrow_mut() = Some(link.clone()));
            link
        });
        (link.send)(command, extra);
    }

    /// Listens for events (the page, once mounted); events that came earlier come first.
    /// Returns the page's number: only the page that listens now may send (see
    /// [`Link::current`]).
    pub fn listen(on_event: impl Fn(Event) + 'static) -> u32 {
        let page = CURRENT.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        let listener: Rc<dyn Fn(Event)> = Rc::new(on_event);
        LISTENER.with(|l| *l.borrow_mut() = Some(listener.clone()));
        for event in EARLY.with(|e| std::mem::take(&mut *e.borrow_mut())) {
            listener(event);
        }
        page
    }

    /// Whether `page` is the page that listens now.
    pub fn current(page: u32) -> bool {
        CURRENT.with(|c| c.get()) == page
    }

    /// Stops listening (the page was taken down).
    pub fn forget() {
        LISTENER.with(|l| *l.borrow_mut() = None);
        LINK.with(|l| *l.borrow_mut() = None);
    }

    /// The engine's worker: the one `boot.js` started, else a new one.
    fn worker() -> Link {
        let window = web_sys::window();
        let booted = || window.as_ref().and_then(|w| Reflect::get(w, &"feedreaderEngine".into()).ok()).filter(|b| b.is_object());
        // On a first visit boot.js waits for the page's wasm before it starts the engine: the
        // page may be the first to be ready.
        if booted().is_none() {
            let start = window.as_ref().and_then(|w| Reflect::get(w, &"feedreaderStartEngine".into()).ok());
            if let Some(start) = start.and_then(|s| s.dyn_into::<js_sys::Function>().ok()) {
                let _ = start.call0(&JsValue::NULL);
            }
        }
        let booted = booted();
        let worker = booted
            .as_ref()
            .and_then(|b| Reflect::get(b, &"worker".into()).ok())
            .and_then(|w| w.dyn_into::<web_sys::Worker>().ok())
            .or_else(start_worker);
        let Some(worker) = worker else {
            arrive(Event::Notice(Notice::NoEngine));
            return Link { send: Rc::new(|_, _| {}) };
        };
        let listening = Rc::new(std::cell::Cell::new(false));
        let waiting: Rc<RefCell<Vec<Array>>> = Rc::default();
        let (ready, queue, poster) = (listening.clone(), waiting.clone(), worker.clone());
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |data: JsValue| {
            if data.as_string().as_deref() == Some(crate::protocol::HELLO) {
                ready.set(true);
                for message in queue.borrow_mut().drain(..) {
                    post(&poster, &message);
                }
                return;
            }
            if let Some(bytes) = data.dyn_ref::<Uint8Array>() {
                match decode::<Event>(&bytes.to_vec()) {
                    Ok(event) => arrive(event),
                    Err(_) => arrive(Event::Notice(Notice::Updated)),
                }
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_: web_sys::Event| {
            arrive(Event::Notice(Notice::EngineStopped));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // Messages `boot.js` kept for us, then ours directly.
        let deliver = on_message.as_ref().unchecked_ref::<js_sys::Function>().clone();
        if let Some(early) = booted.as_ref().and_then(|b| Reflect::get(b, &"early".into()).ok()).and_then(|e| e.dyn_into::<Array>().ok()) {
            for data in early.to_vec() {
                let _ = deliver.call1(&JsValue::NULL, &data);
            }
        }
        let on_data = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let _ = deliver.call1(&JsValue::NULL, &event.data());
        });
        worker.set_onmessage(Some(on_data.as_ref().unchecked_ref()));
        // Both live as long as the page.
        on_message.forget();
        on_error.forget();
        on_data.forget();
        Link {
            send: Rc::new(move |command, extra| {
                let bytes = Uint8Array::from(encode(&command).as_slice());
                let message = Array::of2(&bytes, &extra);
                if listening.get() {
                    post(&worker, &message);
                } else {
                    waiting.borrow_mut().push(message);
                }
            }),
        }
    }
}

fn post(worker: &web_sys::Worker, message: &Array) {
    let transfer = Array::new();
    if let Ok(bytes) = message.get(0).dyn_into::<Uint8Array>() {
        transfer.push(&bytes.buffer());
    }
    let _ = worker.post_message_with_transfer(message, &transfer);
}

/// The address of one of the reader's own files, as the build named it in index.html
/// (`<link rel="modulepreload" id="…">`), resolved against the page.
pub fn asset(id: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let link = document.get_element_by_id(id)?;
    link.dyn_into::<web_sys::HtmlLinkElement>().ok().map(|l| l.href())
}

fn start_worker() -> Option<web_sys::Worker> {
    super::trusted::worker(&asset("engine-script")?)
}
