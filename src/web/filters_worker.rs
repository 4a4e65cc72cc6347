//! The filters in a worker of their own: the regex engine is too heavy for the parser's
//! worker, which every feed needs, so this one loads only the first time the reader's filters
//! are checked or entries judged.

use super::worker::Client;
use crate::core::filters::{FilterRule, RuleError, Verdict};
use crate::core::Entry;
use crate::engine::ports::Filters;
use crate::parsing::{perform_filters, FilterDone, FilterJob};

/// The filters' worker's side.
pub fn serve() {
    super::worker::serve(perform_filters);
}

/// The engine's side: [`Filters`] whose work runs in the filters' worker.
#[derive(Default)]
pub struct WorkerFilters(Client<FilterJob, FilterDone>);

impl WorkerFilters {
    /// Where the worker's script is (the page says, in `Start`).
    pub fn set_url(&self, url: &str) {
        self.0.set_url(url);
    }
}

impl Filters for WorkerFilters {
    async fn judge(&self, rules: Vec<FilterRule>, entries: Vec<Entry>) -> Result<Vec<Verdict>, RuleError> {
        self.0.run((rules, entries)).await.unwrap_or_else(|| {
            Err(RuleError { rule: 0, column: None, message: "the filters could not be loaded (are you offline?); try again".into() })
        })
    }
}
