//! The filters' worker: matches the reader's regular expressions (the regex crate is too
//! heavy for the parser's worker, which every feed needs; this one loads only for filters).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    feedreader::web::filters_worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The filters run in the browser's worker; `make serve` builds the reader.");
    std::process::exit(2);
}
