//! Hostile article bodies, shared by the native corpus test and the browser test.
//!
//! Use with `mod hostile;` from a test file in `tests/`; the corpus itself is plain data in
//! `corpus.rs` so both runners see exactly the same inputs.

#![allow(dead_code)]

/// One attack: an article body, and what must (and must not) come out of the sanitizer.
pub struct Hostile {
    /// The attack it stops, as a test name.
    pub name: &'static str,
    /// The article body as a feed would carry it (HTML).
    pub input: &'static str,
    /// Pieces that must be absent from the sanitized output, compared ignoring ASCII case.
    pub forbidden: &'static [&'static str],
    /// Harmless pieces that must still be in the sanitized output, compared exactly.
    pub kept: &'static [&'static str],
}

include!("corpus.rs");

/// The base address the corpus is sanitized against, so relative URLs are exercised.
pub const BASE: &str = "https://example.com/feed/";
