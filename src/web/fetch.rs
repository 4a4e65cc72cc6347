//! Fetching from the web (gloo-net over the browser's fetch): a direct request first, through
//! the reader's CORS proxy only when the site blocks cross-origin reads and a proxy is set.
//! Every failure becomes a [`Problem`] the reader can understand; the rules are in
//! `core::fetching`.
//!
//! Requests revalidate through the browser's HTTP cache (`cache: no-cache`: ETag and
//! Last-Modified are sent, a 304 costs no body), give up after [`TIMEOUT_SECONDS`] (an
//! AbortController), and stop reading past [`MAX_BYTES`].

use gloo_net::http::{Request, Response};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult, ReferrerPolicy, RequestCache, RequestCredentials, RequestMode,
};

use super::global;
use crate::core::fetching::{through_proxy, Answer, Call, Method, Problem, Reply, MAX_BYTES, TIMEOUT_SECONDS};
use crate::engine::ports::Fetch;

/// The network as the browser's `fetch` reaches it.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserFetch;

impl Fetch for BrowserFetch {
    async fn get(&self, url: &str, proxy: Option<&str>) -> Result<Answer, Problem> {
        get(url, proxy).await
    }

    async fn call(&self, call: Call) -> Result<Reply, Problem> {
        api_call(call).await
    }

    fn online(&self) -> bool {
        global::online()
    }
}

/// Why one request failed, before it is explained.
enum Failure {
    /// The AbortController fired: too slow.
    TimedOut,
    /// The browser's TypeError: no network, a blocked cross-origin read, or nothing there.
    Network,
    TooLarge,
    Status(u16),
}

/// Fetches `url`: directly, then through `proxy` (a template) if the site does not allow
/// cross-origin reads and a proxy is set.
pub async fn get(url: &str, proxy: Option<&str>) -> Result<Answer, Problem> {
    if is_mixed_content(url) {
        return Err(Problem::Insecure);
    }
    let problem = match request(url, RequestMode::Cors).await {
        Ok(answer) => return Ok(answer),
        Err(Failure::Network) => explain_network_failure(url).await,
        Err(failure) => explain(failure),
    };
    match (problem, proxy.map(str::trim).filter(|p| !p.is_empty())) {
        (Problem::Blocked, Some(template)) => {
            let address = through_proxy(template, url).map_err(Problem::BadAddress)?;
            match request(&address, RequestMode::Cors).await {
                Ok(answer) => Ok(Answer { url: url.to_string(), redirected: false, ..answer }),
                Err(failure) => Err(Problem::Proxy(Box::new(explain(failure)))),
            }
        }
        (problem, _) => Err(problem),
    }
}

fn explain(failure: Failure) -> Problem {
    match failure {
        Failure::TimedOut => Problem::Timeout,
        Failure::Network => Problem::Unreachable,
        Failure::TooLarge => Problem::TooLarge,
        Failure::Status(status) => Problem::Http { status },
    }
}

/// The browser says only "TypeError: Failed to fetch" for three different things. Offline is
/// in `navigator.onLine`; for the others, a `no-cors` request (whose answer a page cannot
/// read, so the browser does not need the site's permission) tells a site that answers but
/// forbids cross-origin reads from one that does not answer at all.
async fn explain_network_failure(url: &str) -> Problem {
    if !global::online() {
        return Problem::Offline;
    }
    match request(url, RequestMode::NoCors).await {
        Ok(_) | Err(Failure::Status(_)) => Problem::Blocked,
        Err(Failure::TimedOut) => Problem::Timeout,
        Err(_) => Problem::Unreachable,
    }
}

/// An http: address from an https: page: the browser blocks it before any request.
fn is_mixed_content(url: &str) -> bool {
    global::protocol().as_deref() == Some("https:") && url.starts_with("http:")
}

/// Calls an API: a CORS request with no cookies and no referrer, whose answer is
/// read whatever its status. A network failure is told apart as for feeds: offline, a server
/// that answers but does not allow this page to call it, or nothing there.
pub async fn api_call(call: Call) -> Result<Reply, Problem> {
    if is_mixed_content(&call.url) {
        return Err(Problem::Insecure);
    }
    let controller = AbortController::new().map_err(|_| Problem::Unreachable)?;
    let _timer = Timer::start(&controller, TIMEOUT_SECONDS * 1000);
    let mut builder = match call.method {
        Method::Get => Request::get(&call.url),
        Method::Post => Request::post(&call.url),
        Method::Put => Request::put(&call.url),
        Method::Delete => Request::delete(&call.url),
    }
    .mode(RequestMode::Cors)
    // The browser's default: `no-store` and `no-cache` also bypass its cache of CORS
    // preflights (measured: a preflight before every call, twice the round trips). API answers
    // say they are not to be cached (FreshRSS's do), so none is reused.
    .cache(RequestCache::Default)
    .credentials(RequestCredentials::Omit)
    .referrer_policy(ReferrerPolicy::NoReferrer)
    .abort_signal(Some(&controller.signal()));
    for (name, value) in &call.headers {
        builder = builder.header(name, value);
    }
    let request = match call.encoded_body() {
        Some((kind, body)) => builder.header("Content-Type", kind).body(body),
        None => builder.build(),
    }
    .map_err(|_| Problem::BadAddress(format!("{} is not an address the browser can call.", call.url)))?;
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => {
            return Err(match aborted_or(&controller, error_name(&error), Failure::Network) {
                Failure::Network => explain_network_failure(&call.url).await,
                failure => explain(failure),
            })
        }
    };
    let bytes = body(&response).await.map_err(|failure| {
        if let Failure::TooLarge = failure {
            controller.abort();
        }
        explain(failure)
    })?;
    Ok(Reply { status: response.status(), bytes, content_type: response.headers().get("content-type") })
}

/// One request and its body, within the time limit.
async fn request(url: &str, mode: RequestMode) -> Result<Answer, Failure> {
    let controller = AbortController::new().map_err(|_| Failure::Network)?;
    let _timer = Timer::start(&controller, TIMEOUT_SECONDS * 1000);
    let sent = Request::get(url)
        .mode(mode)
        .cache(RequestCache::NoCache)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(Some(&controller.signal()))
        .send()
        .await;
    let response = sent.map_err(|error| aborted_or(&controller, error_name(&error), Failure::Network))?;
    if mode == RequestMode::NoCors {
        // An opaque answer: it exists, which is all this request asks.
        return Ok(Answer { bytes: Vec::new(), url: url.into(), redirected: false, content_type: None });
    }
    if !response.ok() {
        return Err(Failure::Status(response.status()));
    }
    let bytes = body(&response).await.map_err(|failure| match failure {
        Failure::Network => aborted_or(&controller, "", Failure::Network),
        Failure::TooLarge => {
            // Stop the download itself, not just our reading of it.
            controller.abort();
            Failure::TooLarge
        }
        other => other,
    })?;
    Ok(Answer { bytes, url: response.url(), redirected: response.redirected(), content_type: response.headers().get("content-type") })
}

fn error_name(error: &gloo_net::Error) -> &str {
    match error {
        gloo_net::Error::JsError(js) => &js.name,
        _ => "",
    }
}

fn aborted_or(controller: &AbortController, name: &str, otherwise: Failure) -> Failure {
    if name == "AbortError" || controller.signal().aborted() {
        Failure::TimedOut
    } else {
        otherwise
    }
}

/// Reads the body chunk by chunk, giving up as soon as it passes [`MAX_BYTES`] (a declared
/// Content-Length that large is refused before reading anything).
async fn body(response: &Response) -> Result<Vec<u8>, Failure> {
    let declared = response.headers().get("content-length").and_then(|n| n.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BYTES) {
        return Err(Failure::TooLarge);
    }
    let Some(stream) = response.body() else { return Ok(Vec::new()) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0));
    loop {
        let chunk: ReadableStreamReadResult = JsFuture::from(reader.read()).await.map_err(|_| Failure::Network)?.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            return Ok(bytes);
        }
        let array: Uint8Array = chunk.get_value().unchecked_into();
        let start = bytes.len();
        if start + array.length() as usize > MAX_BYTES {
            let _ = reader.cancel();
            return Err(Failure::TooLarge);
        }
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
    }
}

/// Aborts a request when it fires; cleared when dropped.
struct Timer {
    handle: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(controller: &AbortController, ms: u32) -> Option<Timer> {
        let controller = controller.clone();
        let callback = Closure::<dyn FnMut()>::new(move || controller.abort());
        let handle = global::set_timeout(callback.as_ref().unchecked_ref(), ms as i32)?;
        Some(Timer { handle, _callback: callback })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        global::clear_timeout(self.handle);
    }
}
