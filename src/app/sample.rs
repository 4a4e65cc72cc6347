//! The feed a newcomer sees on a first visit, so the reader is never empty.

use crate::core::{read_feed, Feed, ParseError};
use crate::web::text_decoder::parse_options;

const SAMPLE: &[u8] = include_bytes!("../../tests/fixtures/newsblur-shared-items.atom.xml");

/// The bundled sample, parsed and sanitized.
pub fn feed() -> Result<Feed, ParseError> {
    read_feed(SAMPLE, &parse_options(None, None))
}
