//! The extraction worker: reads an entry's web page as an article (Text view). The same code
//! runs natively in `cargo run --example extract`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    feedreader::web::extract_worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The extraction runs in the browser's worker; `make serve` builds the reader.");
    eprintln!("To read a saved page from the command line: cargo run --release --example extract -- FILE --url URL");
    std::process::exit(2);
}
