//! The engine's worker: the library, storage, fetching; parsing through the parser's worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    feedreader::web::engine_worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The engine runs in the browser's worker; `make serve` builds the reader.");
    std::process::exit(2);
}
