//! Prints the whole article of a saved web page as Text view reads it — title, byline and the
//! extracted, sanitized HTML (`content`) — as JSON: the same code the reader runs in its worker.
//!
//!     cargo run --release --example extract -- FILE --url URL [--charset LABEL]
//!
//! Exit 0 with the JSON on stdout when FILE reads as an article; exit 1 with a one-line reason
//! when it does not (not an article, not a web page).

use std::process::ExitCode;

use feedreader::core::extract::extract;

const USAGE: &str = "usage: extract FILE --url URL [--charset LABEL]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut file, mut url, mut charset) = (None, None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => url = args.next(),
            "--charset" => charset = args.next(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() => file = Some(arg),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(file), Some(url)) = (file, url) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{file}: cannot read the file: {error}");
            return ExitCode::FAILURE;
        }
    };
    match extract(&bytes, &url, charset.as_deref(), None) {
        Ok(text) => {
            let json = serde_json::json!({
                "title": text.title,
                "byline": text.byline,
                "content": text.content.as_str(),
            });
            println!("{json:#}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{file}: {error}");
            ExitCode::FAILURE
        }
    }
}
