//! The whole article behind an entry (Text view): the main text of the entry's web page, found
//! by dom_smoothie (a maintained Rust port of Mozilla's Readability, the code behind Firefox's
//! Reader View), then made safe by the same policy as every article. It runs in a worker of its
//! own in the browser, and in the `extract` example natively: the same code.

use serde::{Deserialize, Serialize};

use super::decode::{decode, LegacyDecoder};
use super::html::text as plain_text;
use super::sanitize::sanitize_markup;
use super::text::{collapse_whitespace, distinct_words};
use super::{Markup, MarkupKind, SafeHtml};

/// A page read as an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullText {
    /// The article's title as the page gives it.
    pub title: String,
    /// Who wrote it, when the page says.
    pub byline: Option<String>,
    /// The article's main text: headings, paragraphs, lists, figures, code and its own
    /// links; no navigation, comments or banners. Sanitized.
    pub content: SafeHtml,
    /// The distinct lowercase words of the title and text, for search.
    pub words: String,
}

/// Why a page could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExtractError {
    /// The page has no main text (a front page, a list of links, a login form).
    NotAnArticle,
    /// The page is not HTML (a PDF, a picture, a feed).
    NotHtml(String),
    /// The extraction could not run (its worker did not load: offline, say).
    Unavailable,
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::NotAnArticle => {
                f.write_str("the page has no article the reader could find (it may be a front page or a list of links)")
            }
            ExtractError::NotHtml(kind) => write!(f, "the page is not a web page but {kind}"),
            ExtractError::Unavailable => f.write_str("the reader's article reader could not be loaded (are you offline?)"),
        }
    }
}

/// Fewer characters of text than this, on a page that does not look like an article either,
/// is not an article: a cookie wall, a login form, a page of links.
const SHORT: usize = 280;

/// Reads the page at `url` (its bytes, with the charset its Content-Type named) as an
/// article. `legacy` decodes rare charsets (the browser's `TextDecoder` in the worker).
pub fn extract(bytes: &[u8], url: &str, charset: Option<&str>, legacy: Option<&dyn LegacyDecoder>) -> Result<FullText, ExtractError> {
    if let Some(kind) = not_html(bytes) {
        return Err(ExtractError::NotHtml(kind.into()));
    }
    let text = decode(bytes, charset, legacy).text;
    // A relative or odd address only loses the resolving of relative links.
    let base = url::Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https"));
    let mut readability =
        dom_smoothie::Readability::new(text.as_ref(), base.as_ref().map(url::Url::as_str), None).map_err(|_| ExtractError::NotAnArticle)?;
    let readable = readability.is_probably_readable();
    let article = readability.parse().map_err(|_| ExtractError::NotAnArticle)?;
    let content = sanitize_markup(&Markup { kind: MarkupKind::Html, body: article.content.to_string(), base: base.map(String::from) });
    let all = plain_text(content.as_str());
    let length = all.trim().chars().count();
    // Readability takes the best block it finds; a short one made mostly of links (a front
    // page, a menu) is no article, though a short one of prose is (a note, a brief).
    if length == 0 || (length < SHORT && !readable && link_text(content.as_str()) * 2 > length) {
        return Err(ExtractError::NotAnArticle);
    }
    let title = collapse_whitespace(&article.title);
    let words = distinct_words([title.as_str(), all.as_str()]);
    let byline = article.byline.map(|b| collapse_whitespace(&b)).filter(|b| !b.is_empty());
    Ok(FullText { title, byline, content, words })
}

/// How many characters of a sanitized body's text are in links (sanitized HTML is well
/// formed: links do not nest, and each ends with `</a>`).
fn link_text(html: &str) -> usize {
    let mut total = 0;
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        let Some(end) = rest[start..].find("</a>") else { break };
        total += plain_text(&rest[start..start + end + 4]).trim().chars().count();
        rest = &rest[start + end + 4..];
    }
    total
}

/// What a document that is plainly not HTML is, from its first bytes.
fn not_html(bytes: &[u8]) -> Option<&'static str> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |at| &bytes[at..]);
    let head = &start[..start.len().min(512)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    if head.starts_with(b"%PDF") {
        Some("a PDF")
    } else if head.starts_with(b"\x89PNG") || head.starts_with(b"\xff\xd8\xff") || head.starts_with(b"GIF8") {
        Some("a picture")
    } else if lower.starts_with("<?xml") && (lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf"))
        || lower.starts_with("<rss")
        || lower.starts_with("<feed")
    {
        Some("a feed")
    } else {
        None
    }
}
