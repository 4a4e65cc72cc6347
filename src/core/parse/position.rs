//! The list of recovered problems, each with its line and column.

use crate::core::located::Locator;
use crate::core::model::Diagnostic;

use super::ParseError;

/// At most this many diagnostics are kept: a broken 20 MB feed must not produce a list larger
/// than its entries.
const MAX_DIAGNOSTICS: usize = 100;

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
