//! What the engine's typed problems say to a person: the page words them, the engine never
//! does. Pure, so the engine's native tests read the same words.

use std::fmt;

use crate::protocol::{Notice, StoreError};

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(why) => write!(
                f,
                "This browser does not let the reader keep data ({why}), so feeds and read state will be forgotten when you close it."
            ),
            StoreError::Full => f.write_str(
                "The browser's storage for this reader is full, so the latest change was not saved. What was saved before is intact.",
            ),
            StoreError::Failed(why) => write!(f, "The latest change could not be saved ({why}). What was saved before is intact."),
        }
    }
}

/// A count as people write it: 41,000.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Storage(error) => write!(f, "{error}"),
            Notice::Interrupted { done, of } => write!(
                f,
                "The import was interrupted after {} of {} entries; open the file again to add the rest.",
                thousands(*done),
                thousands(*of)
            ),
            Notice::OtherTab(error) => write!(f, "A change made in another tab could not be read ({}).", cause(error)),
            Notice::SearchWords(error) => write!(f, "Search may miss entries: their words could not be read ({}).", cause(error)),
            Notice::FilterEntries(error) => write!(f, "The filters could not read a feed's entries ({}).", cause(error)),
            Notice::NoSample(why) => write!(f, "The sample feed could not be loaded ({why}). Add a feed to start reading."),
            Notice::OldArticles(error) => {
                write!(f, "Articles saved by the earlier version could not be read ({}); they will be fetched again.", cause(error))
            }
            Notice::OldCache(error) => {
                write!(f, "The earlier version's article cache could not be removed ({}); it only takes space.", cause(error))
            }
            Notice::NoEngine => f.write_str("The reader's engine could not be started in this browser (no Web Workers?)."),
            Notice::Updated => f.write_str("The reader was updated: reload the page to use the new version."),
            Notice::EngineStopped => f.write_str("The reader's engine stopped with an error. Reload the page; nothing saved is lost."),
            Notice::SetAside { key, reason, aside } => write!(
                f,
                "Saved data under “{key}” could not be read ({reason}), so the reader started without it. The old data is kept under “{aside}”."
            ),
        }
    }
}

/// A storage problem in a few words, inside a sentence that says what it meant.
fn cause(error: &StoreError) -> &str {
    match error {
        StoreError::Unavailable(why) | StoreError::Failed(why) => why,
        StoreError::Full => "storage is full",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interruption_says_how_far_it_got_in_numbers_people_read() {
        let said = Notice::Interrupted { done: 41_000, of: 90_025 }.to_string();
        assert_eq!(said, "The import was interrupted after 41,000 of 90,025 entries; open the file again to add the rest.");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
