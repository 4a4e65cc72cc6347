//! Every way fetching a feed can fail, said in words a reader understands, and how long to
//! wait before asking that site again.

use std::fmt;

use super::{MAX_BYTES, TIMEOUT_SECONDS};

/// Why a feed could not be fetched or read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    /// What the reader typed is not an address.
    BadAddress(String),
    /// The browser says it has no network.
    Offline,
    /// An http: address from a page served over https: the browser refuses to mix them.
    Insecure,
    /// The site answered, but sends no Access-Control-Allow-Origin header, so the browser
    /// hid the answer from the page.
    Blocked,
    /// Nothing answered at all (wrong name, server down, connection refused).
    Unreachable,
    /// No answer within [`TIMEOUT_SECONDS`].
    Timeout,
    /// The body is larger than [`MAX_BYTES`].
    TooLarge,
    /// The server answered with an HTTP error.
    Http { status: u16 },
    /// The body is not a feed: what the parser said, with line and column.
    NotAFeed(crate::core::ParseError),
    /// An HTML page that lists no feed, and none of the usual feed addresses has one.
    NoFeedFound,
    /// The CORS proxy the reader set failed; what went wrong through it.
    Proxy(Box<Problem>),
}

impl Problem {
    /// Whether the site asked us to slow down, or is failing: wait before trying again.
    pub fn backs_off(&self) -> bool {
        match self {
            Problem::Http { status } => *status == 429 || *status >= 500,
            Problem::Proxy(inner) => inner.backs_off(),
            _ => false,
        }
    }

    /// How long to wait, in minutes, before fetching again after `failures` failures in a
    /// row that back off: 15 minutes, doubling each time, at most a day. `None` for problems
    /// that do not back off (the next regular refresh tries again).
    pub fn retry_minutes(&self, failures: u32) -> Option<u32> {
        self.backs_off().then(|| 15u32.saturating_mul(1 << failures.saturating_sub(1).min(7)).min(24 * 60))
    }

    /// Whether the site said the feed is gone for good.
    pub fn is_gone(&self) -> bool {
        matches!(self, Problem::Http { status: 410 })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BadAddress(reason) => f.write_str(reason),
            Problem::Offline => f.write_str("You are offline. Feeds will be fetched again when you are back online."),
            Problem::Insecure => f.write_str(
                "This address starts with http:, and a page opened over https: may only read https: addresses. \
                 Try the https: address of the feed.",
            ),
            Problem::Blocked => f.write_str(
                "The site does not allow other web pages to read its feed (it sends no CORS header), so the browser \
                 kept its answer from the reader. The reader as a browser extension reads every feed directly (see \
                 \u{201c}Installing the extension\u{201d} in its README); here, set a CORS proxy in Settings, or save \
                 the feed and open the file or paste its text.",
            ),
            Problem::Unreachable => f.write_str("The site could not be reached: check the address, or try again later."),
            Problem::Timeout => write!(f, "The site did not answer within {TIMEOUT_SECONDS} seconds."),
            Problem::TooLarge => write!(
                f,
                "The answer is larger than {} MB, too large to be a feed; the reader stopped reading it.",
                MAX_BYTES / (1024 * 1024)
            ),
            Problem::Http { status: 404 } => f.write_str("Not found (HTTP 404): there is no feed at this address."),
            Problem::Http { status: 410 } => {
                f.write_str("Gone (HTTP 410): the site removed this feed for good. You may want to unsubscribe.")
            }
            Problem::Http { status: 429 } => {
                f.write_str("Too many requests (HTTP 429): the site asks the reader to slow down, so it will wait before trying again.")
            }
            Problem::Http { status: status @ (401 | 403) } => {
                write!(f, "Access denied (HTTP {status}): the site does not let the reader read this feed.")
            }
            Problem::Http { status } if *status >= 500 => {
                write!(f, "The site's server failed (HTTP {status}); the reader will wait before trying again.")
            }
            Problem::Http { status } => write!(f, "The site answered with an error (HTTP {status})."),
            Problem::NotAFeed(detail) => write!(f, "This address does not answer with a feed: {detail}"),
            Problem::NoFeedFound => f.write_str(
                "This page lists no feed, and none of the usual feed addresses (/feed, /rss, /rss.xml, /atom.xml, \
                 /index.xml, /feed.json) has one.",
            ),
            Problem::Proxy(inner) => write!(f, "Through the CORS proxy: {inner}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_has_its_own_message() {
        let problems = [
            Problem::Offline,
            Problem::Insecure,
            Problem::Blocked,
            Problem::Unreachable,
            Problem::Timeout,
            Problem::TooLarge,
            Problem::Http { status: 404 },
            Problem::Http { status: 410 },
            Problem::Http { status: 429 },
            Problem::Http { status: 503 },
            Problem::Http { status: 418 },
            Problem::NotAFeed(crate::core::ParseError { line: 1, column: 2, message: "x".into() }),
            Problem::NoFeedFound,
        ];
        let messages: std::collections::HashSet<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), problems.len());
        assert!(Problem::Blocked.to_string().contains("does not allow other web pages"));
        assert!(Problem::Blocked.to_string().contains("browser extension"));
        assert!(Problem::Http { status: 410 }.to_string().contains("unsubscribe"));
        assert!(Problem::TooLarge.to_string().contains("20 MB"));
        assert!(Problem::Proxy(Box::new(Problem::Http { status: 404 })).to_string().starts_with("Through the CORS proxy: Not found"));
    }

    #[test]
    fn only_rate_limits_and_server_errors_back_off_doubling_up_to_a_day() {
        let busy = Problem::Http { status: 429 };
        assert_eq!([1, 2, 3].map(|n| busy.retry_minutes(n)), [Some(15), Some(30), Some(60)]);
        assert_eq!(busy.retry_minutes(40), Some(24 * 60));
        assert_eq!(Problem::Http { status: 502 }.retry_minutes(1), Some(15));
        assert_eq!(Problem::Http { status: 404 }.retry_minutes(3), None);
        assert_eq!(Problem::Blocked.retry_minutes(3), None);
        assert!(Problem::Http { status: 410 }.is_gone());
    }
}
