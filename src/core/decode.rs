//! Bytes (+ the charset the server named) → text. Stub: the parser helper replaces this.

/// Turns a document's bytes into text.
pub fn decode(bytes: &[u8], _charset: Option<&str>) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
