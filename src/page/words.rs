//! What the engine's typed problems say to a person: the page words them, the engine never
//! does. Pure, so the engine's native tests read the same words.

use std::fmt;

use crate::core::fetching::Problem;
use crate::core::sync::{Connection, Dialect, SyncError};
use crate::protocol::{plural, sentence, Added, DocumentProblem, Failure, Notice, StoreError, TextProblem};

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

impl fmt::Display for TextProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let also = "The feed's own text is shown below.";
        match self {
            TextProblem::NoLink => write!(f, "This entry links to no page to read the whole article from. {also}"),
            TextProblem::Fetch(Problem::Blocked) => write!(
                f,
                "The article's site does not let other web pages read it (it sends no CORS header). The reader as a browser \
                 extension reads it directly; here, a CORS proxy (in Settings, or this feed's ⋯ → Edit) can, and a feed server \
                 account brings whole articles when the server fetches them. {also}"
            ),
            TextProblem::Fetch(Problem::Offline) => {
                write!(f, "You are offline, and this article was not read before: Text view needs its page once. {also}")
            }
            TextProblem::Fetch(problem) => write!(f, "The article's page could not be fetched: {problem} {also}"),
            TextProblem::Extract(error) => write!(f, "The whole article could not be read: {error}. {also}"),
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

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Fetch(problem) => write!(f, "{problem}"),
            Failure::Feed { title, problem } => write!(f, "{title}: {problem}"),
            Failure::Refresh { feeds, new, failed } => {
                write!(f, "Refreshed {}: {}.", plural(*feeds, "feed", "feeds"), plural(*new, "new entry", "new entries"))?;
                if !failed.is_empty() {
                    let each: Vec<String> = failed.iter().map(|(title, problem)| format!("{title} ({})", short(problem))).collect();
                    write!(f, " {} failed: {}. Open a feed's ⋯ menu for details.", failed.len(), each.join(", "))?;
                }
                Ok(())
            }
            Failure::ArticleUnreadable(error) => write!(f, "This entry could not be read from storage ({}).", cause(error)),
            Failure::ArticleGone => f.write_str("This entry is no longer stored on this device."),
            Failure::UndoGone => f.write_str("That can no longer be undone."),
            Failure::PreviewGone => f.write_str("Look the address up again: the preview is gone."),
            Failure::BackupNotMade(error) => write!(f, "The backup could not be made: {error}"),
            Failure::FileRefused { name, why } => write!(f, "The browser would not make {name}: {why}"),
            Failure::Documents(added) => {
                let each: Vec<String> = added.iter().map(Added::to_string).collect();
                f.write_str(&each.join(" "))
            }
            Failure::Download(why) => f.write_str(why),
            Failure::NoNotifications => f.write_str("This browser cannot show notifications."),
            Failure::NotificationsRefused => {
                f.write_str("The browser did not allow notifications. Allow them for this site in its settings, then try again.")
            }
        }
    }
}

impl fmt::Display for Added {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = self.name.as_ref().map(|n| format!("{n}: ")).unwrap_or_default();
        let text = match &self.outcome {
            Ok(text) => text.clone(),
            Err(problem) => problem.to_string(),
        };
        f.write_str(&sentence(&prefix, &text))
    }
}

impl fmt::Display for DocumentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentProblem::Empty => f.write_str("the document is empty."),
            DocumentProblem::NotAFeed(error) => write!(f, "this is not a feed the reader can use: {error}"),
            DocumentProblem::FeedNotSaved(title) => write!(f, "{title} could not be saved."),
            DocumentProblem::Opml(error) => write!(f, "this subscription list could not be read: {error}"),
            DocumentProblem::SubscriptionsNotSaved => f.write_str("the subscriptions could not be saved."),
            DocumentProblem::Backup(error) => write!(f, "this backup could not be restored: {error}"),
            DocumentProblem::BackupNotSaved => f.write_str("the backup could not be saved."),
        }
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::Network(Problem::Offline) => f.write_str("You are offline: the server could not be asked. What waits is kept and sent when you are back online."),
            SyncError::Network(Problem::Unreachable) => {
                f.write_str("Nothing answers at that address: check it, and that the server is running.")
            }
            SyncError::Network(Problem::Blocked) => f.write_str(
                "The server does not allow web pages to call its API (it sends no CORS headers for this page). \
                 FreshRSS allows it from version 1.24.2 on, and Miniflux's /v1 API always does (check what stands in front of it): \
                 update it, or use the reader as a browser extension, which needs no such permission.",
            ),
            SyncError::Network(Problem::Timeout) => f.write_str("The server did not answer within 20 seconds. What waits is kept."),
            SyncError::Network(problem) => write!(f, "{problem}"),
            SyncError::NotTheApi { dialect: Dialect::GReader, page } => {
                match page {
                    Some(title) => write!(f, "This address answers with a web page (“{title}”), not the Google Reader API.")?,
                    None => f.write_str("This address does not answer as the Google Reader API does.")?,
                }
                f.write_str(" For FreshRSS, give the address of its site or of its API (…/api/greader.php).")
            }
            SyncError::NotTheApi { dialect: Dialect::Miniflux, page } => {
                match page {
                    Some(title) => write!(f, "This address answers with a web page (“{title}”), not Miniflux's API.")?,
                    None => f.write_str("This address does not answer as Miniflux's API does.")?,
                }
                f.write_str(" Give the address of the Miniflux site (its API is under /v1).")
            }
            SyncError::WrongPassword(Dialect::GReader) => f.write_str(
                "The server refused this user name or API password. In FreshRSS the API password is set apart from the login password: Settings → Profile → API management.",
            ),
            SyncError::WrongPassword(Dialect::Miniflux) => {
                f.write_str("The server refused this API key. In Miniflux: Settings → API Keys → Create a new API key, and paste it here.")
            }
            SyncError::TooOld { version } => write!(
                f,
                "This Miniflux is version {version}; the reader needs 2.3.2 or later (it lists entry ids, and sets starred without toggling it). Update the server."
            ),
            SyncError::ApiOff => f.write_str("API access is turned off on this server. In FreshRSS: Administration → Authentication → Allow API access."),
            SyncError::Refused => f.write_str(
                "The server no longer accepts the saved login (its API password or key may have changed): enter it to reconnect. What waits is kept.",
            ),
            SyncError::Server(status) => write!(f, "The server failed (HTTP {status}). What waits is kept; the reader tries again at the next sync."),
            SyncError::Unreadable(why) => write!(f, "The server's answer could not be read ({why})."),
        }
    }
}

impl fmt::Display for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Connection::Checking => f.write_str("Checking the address and the login…"),
            Connection::Connected { feeds, unread } => {
                write!(
                    f,
                    "Connected: {} and {} on the server.",
                    plural(*feeds, "feed", "feeds"),
                    plural(*unread, "unread entry", "unread entries")
                )
            }
            Connection::Failed(error) => write!(f, "{error}"),
        }
    }
}

/// A few words for a problem in a list of failures.
fn short(problem: &Problem) -> String {
    match problem {
        Problem::Http { status } => format!("HTTP {status}"),
        Problem::Blocked => "no cross-origin reads".into(),
        Problem::Timeout => "no answer".into(),
        Problem::TooLarge => "too large".into(),
        Problem::NotAFeed(_) => "not a feed".into(),
        Problem::Proxy(inner) => format!("proxy: {}", short(inner)),
        Problem::Offline => "offline".into(),
        Problem::BadAddress(_) | Problem::Insecure | Problem::Unreachable | Problem::NoFeedFound => "unreachable".into(),
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
