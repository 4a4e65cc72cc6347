//! Legacy charsets in the browser: the browser's own `TextDecoder` knows every encoding the web
//! uses, so the wasm bundle carries no decoding tables of its own.

use crate::core::decode::LegacyDecoder;

/// Decodes through `TextDecoder`; it replaces malformed bytes with U+FFFD, as the core expects.
#[derive(Debug)]
pub struct BrowserDecoder;

impl LegacyDecoder for BrowserDecoder {
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String> {
        // An unknown label makes the constructor throw: that is the "None" case.
        let decoder = web_sys::TextDecoder::new_with_label(label).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}

/// The decoder the app hands to the parser.
pub static BROWSER_DECODER: BrowserDecoder = BrowserDecoder;

/// Parse options for a document read in the browser.
pub fn parse_options(base: Option<String>, charset: Option<String>) -> crate::core::ParseOptions {
    crate::core::ParseOptions { base, charset, decoder: Some(&BROWSER_DECODER) }
}
