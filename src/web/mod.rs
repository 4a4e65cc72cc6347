//! The browser edge of the engine and the parser: IndexedDB, `fetch`, the parser worker,
//! the platform (timers, tabs, files), and the two workers' entry points. Thin: the rules are
//! in `engine` and `core`.

pub mod engine_worker;
pub mod extract_worker;
pub mod fetch;
pub mod filters_worker;
pub mod global;
mod idb;
pub mod parser_worker;
pub mod platform;
mod records;
pub mod store;
pub mod text_decoder;
mod upgrade;
mod worker;
