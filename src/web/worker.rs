//! Workers that do one kind of job for the engine: the parser's and the filters'. A worker
//! ([`serve`]) answers each numbered job it is sent; the engine's [`Client`] starts it the
//! first time a job needs it, queues jobs until it says [`HELLO`], and matches answers to
//! jobs by number. Jobs and answers cross as postcard bytes, transferred, not copied.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::marker::PhantomData;
use std::rc::Rc;

use futures::channel::oneshot;
use js_sys::{Array, Uint8Array};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::protocol::{decode, encode, HELLO};

/// The worker's side: does each job it is sent with `perform`, and answers.
pub fn serve<J: DeserializeOwned + 'static, D: Serialize + 'static>(perform: fn(J) -> D) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answering = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let message: Array = event.data().unchecked_into();
        let (number, bytes) = (message.get(0), message.get(1).unchecked_into::<Uint8Array>().to_vec());
        let Ok(job) = decode::<J>(&bytes) else { return };
        let done = Uint8Array::from(encode(&perform(job)).as_slice());
        let transfer = Array::of1(&done.buffer());
        let _ = answering.post_message_with_transfer(&Array::of2(&number, &done), &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&HELLO.into());
}

type Pending<D> = Rc<RefCell<HashMap<u32, oneshot::Sender<D>>>>;

/// The worker as it stands: started, listening, and the jobs waiting for it to listen.
struct Started {
    worker: web_sys::Worker,
    listening: Rc<Cell<bool>>,
    waiting: Rc<RefCell<Vec<Array>>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// The engine's side of one worker, started when first needed: jobs `J`, answers `D`.
pub struct Client<J, D> {
    url: RefCell<Option<String>>,
    started: RefCell<Option<Started>>,
    pending: Pending<D>,
    next: Cell<u32>,
    jobs: PhantomData<J>,
}

impl<J, D> Default for Client<J, D> {
    fn default() -> Self {
        Client { url: RefCell::default(), started: RefCell::default(), pending: Rc::default(), next: Cell::new(0), jobs: PhantomData }
    }
}

impl<J: Serialize, D: DeserializeOwned + 'static> Client<J, D> {
    /// Where the worker's script is (the page says, in `Start`).
    pub fn set_url(&self, url: &str) {
        *self.url.borrow_mut() = Some(url.to_string());
    }

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
            if let (Some(reply), Ok(done)) = (pending.borrow_mut().remove(&number), decode::<D>(&bytes)) {
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
    pub async fn run(&self, job: J) -> Option<D> {
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
