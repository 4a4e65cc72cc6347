//! The rules of fetching feeds from the web, without the fetching itself (that is
//! `web::fetch`): which address to ask, where a page's feeds are, what went wrong in words a
//! reader understands, and when to try again.
//!
//! - [`address`]: what the reader typed → an address; the usual feed paths of a site; the
//!   CORS proxy template; the charset of a Content-Type.
//! - [`discover`]: the feeds an HTML page lists (`<link rel="alternate">`).
//! - [`problem`]: every way a fetch can fail, its message and its back-off.

pub mod address;
mod answer;
pub mod call;
pub mod discover;
pub mod problem;

pub use address::{charset_of, guess_paths, normalize, through_proxy};
pub use answer::{Answer, DocumentKind};
pub use call::{Body, Call, Method, Reply};
pub use discover::{feed_links, looks_like_html, FeedLink};
pub use problem::Problem;

/// The largest body the reader reads: a feed larger than this is almost surely a mistake.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// How long a fetch may take before the reader gives up on it.
pub const TIMEOUT_SECONDS: u32 = 20;

/// How many feeds are fetched at once when refreshing.
pub const CONCURRENT: usize = 4;

/// Bytes as text: UTF-8, with damaged sequences replaced.
pub fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
