//! Prints a feed as the reader sees it — parsed, sanitized, every URL absolute — as JSON.
//!
//!     cargo run --release --example feed2json -- FILE [--base URL] [--charset LABEL]
//!
//! Exit 0 with the JSON on stdout when FILE could be read as a feed (recoverable problems are in
//! `diagnostics`); exit 1 with a one-line error naming line and column when it is not a feed.

use std::process::ExitCode;

use feedreader::core::{read_feed, ParseOptions};

const USAGE: &str = "usage: feed2json FILE [--base URL] [--charset LABEL]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut options = ParseOptions::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--base" => options.base = args.next(),
            "--charset" => options.charset = args.next(),
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
    let Some(file) = file else {
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
    match read_feed(&bytes, &options) {
        Ok(feed) => match serde_json::to_string_pretty(&feed) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{file}: cannot write JSON: {error}");
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            eprintln!("{file}: {error}");
            ExitCode::FAILURE
        }
    }
}
