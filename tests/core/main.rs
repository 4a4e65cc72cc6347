//! The native tests of the pure core, as one test program (each program is a link, and links
//! cost time on a small machine): the parser, the sanitizer, and `feed2json` run as a user
//! runs it. Native only: it runs programs and reads files.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../hostile/mod.rs"]
mod hostile;
#[path = "../hostile/invariants.rs"]
mod invariants;
#[path = "../hostile/sample.rs"]
mod sample;

mod extract;
mod feed2json;
mod parse_dates;
mod parse_elements;
mod parse_encodings;
mod parse_entities;
mod parse_fidelity;
mod parse_formats;
mod parse_golden;
mod parse_identity;
mod parse_namespaces;
mod parse_recovery;
mod parse_sample;
mod parse_text;
mod sanitize_bench;
mod sanitize_corpus;
mod sanitize_excerpt;
mod sanitize_fidelity;
mod sanitize_policy;
mod sanitize_soup;
mod sanitize_urls;
