//! The page: mounts the reader's views into the app shell of index.html.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    feedreader::page::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The reader runs in the browser: `make serve` builds it and serves it on http://127.0.0.1:8080.");
    eprintln!("To read a feed from the command line: cargo run --release --example feed2json -- FILE");
    std::process::exit(2);
}
