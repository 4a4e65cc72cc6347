//! The thin browser edge: storage, dates in the reader's locale. Everything here is small and
//! calls into the pure core for the rules.

pub mod cache;
pub mod dates;
pub mod fetch;
pub mod files;
pub mod storage;
pub mod text_decoder;
