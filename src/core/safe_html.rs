//! The type of HTML that may go into the page.

use serde::{Deserialize, Serialize};

/// HTML that went through the sanitizer: the only thing the view puts into the page with
/// `inner_html`.
///
/// Only the sanitizer (`core::sanitize`) makes one from untrusted input. `Deserialize` exists
/// because the reader reads back its own stored entries, which were sanitized before they were
/// stored; it must not be used on data from anywhere else.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// The sanitized HTML.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For the sanitizer alone: `html` is its output.
    pub(super) fn sanitized(html: String) -> SafeHtml {
        SafeHtml(html)
    }
}
