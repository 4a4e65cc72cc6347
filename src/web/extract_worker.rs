//! Text view's extraction and story changes' diff in a worker of their own: readability's DOM
//! and selectors, and the diff, are too heavy for the parser's worker, which every feed needs,
//! so this one loads only the first time the reader asks for an entry's whole article or its
//! changes.

use super::text_decoder::BROWSER_DECODER;
use crate::parsing::{perform_extract, ExtractDone, ExtractJob};

fn perform(job: ExtractJob) -> ExtractDone {
    perform_extract(job, Some(&BROWSER_DECODER))
}

/// The extraction worker's side.
pub fn serve() {
    super::worker::serve(perform);
}
