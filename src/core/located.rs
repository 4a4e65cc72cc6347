//! Where in a document something is wrong: one type for the parser's errors and recovered
//! problems, and for OPML's and backups' errors, and the counting of lines and columns.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A message about a place in a document (1-based line and column, in characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Located {
    /// A message about the document as a whole, placed at its start.
    pub fn at_start(message: impl Into<String>) -> Located {
        Located { line: 1, column: 1, message: message.into() }
    }

    /// A message about the byte `offset` of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> Located {
        let (line, column) = Locator::new(text).locate(offset);
        Located { line, column, message: message.into() }
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for Located {}

/// Turns byte offsets into line and column, scanning forward from the last offset asked
/// about, so that diagnostics in document order cost one pass over the text in total.
#[derive(Debug)]
pub struct Locator<'i> {
    text: &'i str,
    offset: usize,
    line: u32,
    line_start: usize,
}

impl<'i> Locator<'i> {
    pub fn new(text: &'i str) -> Self {
        Locator { text, offset: 0, line: 1, line_start: 0 }
    }

    /// Line and column (in characters) of a byte offset.
    pub fn locate(&mut self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Locator::new(self.text);
        }
        let bytes = self.text.as_bytes();
        for (i, &b) in bytes[self.offset..offset].iter().enumerate() {
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        let column = self.text[self.line_start..offset].chars().count() as u32 + 1;
        (self.line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let mut l = Locator::new("ab\ncé\nxyz");
        assert_eq!(l.locate(0), (1, 1));
        assert_eq!(l.locate(4), (2, 2));
        assert_eq!(l.locate(6), (2, 3));
        assert_eq!(l.locate(7), (3, 1));
        // Going backwards restarts the scan.
        assert_eq!(l.locate(1), (1, 2));
        assert_eq!(Located::at("a\nbc", 3, "here").to_string(), "line 2, column 2: here");
    }
}
