//! The engine's platform in the browser: the clock, telling the page (through whatever
//! carries the engine's events: `postMessage` from its worker, or a direct call in the
//! browser tests), telling other tabs (a `BroadcastChannel`), tasks and timers, files.

use std::rc::Rc;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::global;
use crate::core::Timestamp;
use crate::engine::ports::{Held, Platform, Task};
use crate::protocol::{decode, encode, Event, Shared};

/// The channel the engines of every tab of this reader listen on.
pub const CHANNEL: &str = "feedreader-engine";

pub struct BrowserPlatform {
    emit: Rc<dyn Fn(Event)>,
    channel: Option<web_sys::BroadcastChannel>,
}

impl BrowserPlatform {
    /// A platform that hands events to `emit`, and tells other tabs through the channel.
    pub fn new(emit: Rc<dyn Fn(Event)>) -> BrowserPlatform {
        BrowserPlatform { emit, channel: web_sys::BroadcastChannel::new(CHANNEL).ok() }
    }

    /// Calls `hear` with what the engines of other tabs say.
    pub fn listen(&self, hear: impl Fn(Shared) + 'static) {
        let Some(channel) = &self.channel else { return };
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(bytes) = event.data().dyn_ref::<Uint8Array>() {
                if let Ok(shared) = decode::<Shared>(&bytes.to_vec()) {
                    hear(shared);
                }
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        // The engine lives as long as its page.
        listener.forget();
    }
}

/// An engine taken down (the browser tests make several) stops listening to the others.
impl Drop for BrowserPlatform {
    fn drop(&mut self) {
        if let Some(channel) = &self.channel {
            channel.close();
        }
    }
}

impl Platform for BrowserPlatform {
    fn now(&self) -> Timestamp {
        global::now()
    }

    fn emit(&self, event: Event) {
        (self.emit)(event);
    }

    fn broadcast(&self, shared: &Shared) {
        if let Some(channel) = &self.channel {
            let _ = channel.post_message(&Uint8Array::from(encode(shared).as_slice()));
        }
    }

    fn spawn(&self, task: Task) {
        wasm_bindgen_futures::spawn_local(task);
    }

    async fn sleep(&self, ms: u32) {
        global::sleep(ms).await;
    }

    fn file(&self, parts: Vec<String>, mime: &str) -> Result<String, String> {
        global::object_url(parts, mime)
    }

    /// Web Locks (`navigator.locks`), asked `ifAvailable`: the lock's callback gets `null`
    /// when another tab holds it. Held, its callback's promise stays pending until released.
    async fn lock(&self, name: &str) -> Option<Held> {
        let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
        let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok().filter(|l| !l.is_undefined());
        // No Web Locks (an old browser): each tab goes on, as before them.
        let Some(locks) = locks else { return Some(Held(None)) };
        let mut release = None;
        let holding = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
        let (granted, answer) = futures::channel::oneshot::channel::<bool>();
        let callback = Closure::once(move |lock: JsValue| {
            let _ = granted.send(!lock.is_null());
            holding
        });
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
        let request: js_sys::Function = js_sys::Reflect::get(&locks, &"request".into()).ok()?.dyn_into().ok()?;
        request.call3(&locks, &name.into(), &options, callback.as_ref()).ok()?;
        callback.forget();
        let release = release?;
        let let_go = move || {
            let _ = release.call0(&JsValue::UNDEFINED);
        };
        match answer.await {
            Ok(true) => Some(Held(Some(Box::new(let_go)))),
            _ => {
                let_go();
                None
            }
        }
    }
}
