//! Any bytes, any charset hint: `parse_bytes` must return, never panic, hang or blow up memory,
//! and what it returns must sanitize.
#![no_main]

use libfuzzer_sys::fuzz_target;

use feedreader::core::parse::{parse_bytes, ParseOptions};

/// Charset hints the first byte picks from, so the decoding paths are fuzzed too.
const CHARSETS: [Option<&str>; 6] = [None, Some("utf-8"), Some("iso-8859-1"), Some("shift_jis"), Some("utf-16"), Some("x-bogus")];

fuzz_target!(|data: &[u8]| {
    let (charset, bytes) = match data.split_first() {
        Some((first, rest)) => (CHARSETS[*first as usize % CHARSETS.len()], rest),
        None => (None, data),
    };
    let options = ParseOptions {
        base: Some("https://fuzz.example/feed/".to_string()),
        charset: charset.map(str::to_string),
        ..ParseOptions::default()
    };
    if let Ok(feed) = parse_bytes(bytes, &options) {
        for entry in &feed.entries {
            assert!(!entry.id.is_empty());
        }
    }
});
