//! The parser's worker: decode, parse, sanitize, find feeds in pages, read OPML and backups.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    feedreader::web::parser_worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The parser runs in the browser's worker; `make serve` builds the reader.");
    eprintln!("To read a feed from the command line: cargo run --release --example feed2json -- FILE");
    std::process::exit(2);
}
