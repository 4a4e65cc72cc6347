//! An in-browser feed reader: the pure core (decode, parse, sanitize, library rules) and, in the
//! browser build, the thin web edge and the Leptos views.

pub mod core;
pub mod engine;
pub mod parsing;
pub mod protocol;

pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod web;
