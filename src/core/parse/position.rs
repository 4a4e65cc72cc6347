//! Byte offsets → 1-based line and column, and the list of recovered problems.

use crate::core::model::Diagnostic;

use super::ParseError;

/// At most this many diagnostics are kept: a broken 20 MB feed must not produce a list larger
/// than its entries.
const MAX_DIAGNOSTICS: usize = 100;

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

/// Collects recovered problems in document order.
#[derive(Debug)]
pub struct Diagnostics<'i> {
    locator: Locator<'i>,
    list: Vec<Diagnostic>,
    dropped: usize,
}

impl<'i> Diagnostics<'i> {
    pub fn new(text: &'i str) -> Self {
        Diagnostics { locator: Locator::new(text), list: Vec::new(), dropped: 0 }
    }

    /// Records a problem found at a byte offset.
    pub fn push(&mut self, offset: usize, message: impl Into<String>) {
        if self.list.len() >= MAX_DIAGNOSTICS {
            self.dropped += 1;
            return;
        }
        let (line, column) = self.locator.locate(offset);
        self.list.push(Diagnostic { line, column, message: message.into() });
    }

    /// A fatal error at a byte offset.
    pub fn error(&mut self, offset: usize, message: impl Into<String>) -> ParseError {
        let (line, column) = self.locator.locate(offset);
        ParseError { line, column, message: message.into() }
    }

    /// The list, with a last line saying how many were left out.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        if self.dropped > 0 {
            let last = self.list.last().map(|d| (d.line, d.column)).unwrap_or((1, 1));
            self.list.push(Diagnostic { line: last.0, column: last.1, message: format!("{} more problems were not listed", self.dropped) });
        }
        self.list
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
    }
}
