//! Text → `Feed<Markup>`. Stub: the parser helper replaces this.

use std::fmt;

use super::model::{Feed, Markup};

/// What the caller knows about a document besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The document's own address: the last base for relative URLs.
    pub base: Option<String>,
    /// The charset named by the HTTP Content-Type, if any.
    pub charset: Option<String>,
}

/// Why a document could not be read as a feed at all, and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Decodes and parses a document.
pub fn parse_bytes(bytes: &[u8], options: &ParseOptions) -> Result<Feed<Markup>, ParseError> {
    let text = super::decode::decode(bytes, options.charset.as_deref());
    parse(&text, options)
}

/// Parses a document that is already text.
pub fn parse(_text: &str, _options: &ParseOptions) -> Result<Feed<Markup>, ParseError> {
    Err(ParseError { line: 1, column: 1, message: "not implemented yet".into() })
}
