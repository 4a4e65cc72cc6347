//! The ammonia policy: which tags, attributes and URLs an article keeps.
//!
//! One `Builder` is configured once and reused for every body. What differs between bodies is
//! only the base address relative URLs resolve against; it lives in a thread-local that
//! [`with_base`] sets around each clean call and that the URL callbacks read, so the Builder
//! never has to be rebuilt per entry.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use url::Url;

use super::urls::{is_embed, is_raster_data_image, is_tracker, may_be_tracker, resolve_web, resolve_web_string, rewrite_srcset};

/// Elements an article may use. Those not listed are unwrapped (their text stays) unless they
/// are in [`REMOVED_WITH_CONTENT`]. Besides the issue's list this keeps neutral containers
/// (`div`, `span`, sectioning elements) and inline semantics (`q`, `cite`, `kbd`…): dropping
/// them would glue words of adjacent blocks together.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "iframe",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    // MathML Core's presentation elements, which Chromium and Firefox draw natively. No links,
    // no `annotation-xml` (it can hold HTML), no `maction`; ammonia keeps every element in the
    // namespace it belongs to (the namespace-confusion attacks in tests/hostile).
    "math",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mfrac",
    "msqrt",
    "mroot",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "mtable",
    "mtr",
    "mtd",
    "mpadded",
    "mphantom",
    "mstyle",
    "merror",
    "semantics",
    "annotation",
];

/// Elements dropped together with everything inside them: their content is code, styling,
/// controls or SVG (a foreign namespace where HTML parsing rules change and mutation-XSS
/// lives), or MathML's `annotation-xml`, which can carry HTML or SVG; none of it is article
/// text. MathML itself is kept (see [`TAGS`]).
const REMOVED_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "title",
    "textarea",
    "select",
    "option",
    "optgroup",
    "datalist",
    "button",
    "form",
    "object",
    "embed",
    "applet",
    "frame",
    "frameset",
    "noframes",
    "noembed",
    "xmp",
    "plaintext",
    "svg",
    "annotation-xml",
    "head",
    "portal",
    "fencedframe",
    "canvas",
    "dialog",
    "menu",
];

/// Attributes any allowed element may keep. `class`, `style` and `id` are deliberately absent:
/// they would let an article restyle or overlay the app, or clobber DOM globals.
const GENERIC_ATTRIBUTES: &[&str] = &["title", "lang", "dir"];

/// Attributes kept per element (URL attributes are further checked by the filter below).
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("math", &["display", "displaystyle", "scriptlevel"]),
    ("mi", &["mathvariant"]),
    ("mo", &["fence", "form", "largeop", "lspace", "maxsize", "minsize", "movablelimits", "rspace", "separator", "stretchy", "symmetric"]),
    ("mfrac", &["linethickness"]),
    ("mover", &["accent"]),
    ("munder", &["accentunder"]),
    ("munderover", &["accent", "accentunder"]),
    ("mpadded", &["depth", "height", "lspace", "voffset", "width"]),
    ("mspace", &["depth", "height", "width"]),
    ("mtd", &["columnspan", "rowspan"]),
    ("mstyle", &["displaystyle", "scriptlevel"]),
    ("annotation", &["encoding"]),
    ("img", &["src", "srcset", "sizes", "alt", "width", "height"]),
    ("source", &["src", "srcset", "sizes", "type", "media"]),
    ("video", &["src", "poster", "width", "height", "loop", "muted", "playsinline"]),
    ("audio", &["src", "loop", "muted"]),
    ("iframe", &["src"]),
    ("td", &["rowspan", "colspan", "headers"]),
    ("th", &["rowspan", "colspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("details", &["open"]),
];

/// Attributes every element of a kind gets, whatever the source said.
const SET_ATTRIBUTES: &[(&str, &[(&str, &str)])] = &[
    ("a", &[("target", "_blank"), ("referrerpolicy", "no-referrer")]),
    ("img", &[("loading", "lazy"), ("decoding", "async"), ("referrerpolicy", "no-referrer")]),
    ("iframe", &[("sandbox", "allow-scripts allow-same-origin allow-popups"), ("loading", "lazy"), ("referrerpolicy", "no-referrer")]),
    // Media always get controls so a reader can stop them; `autoplay` is never kept.
    ("video", &[("controls", "")]),
    ("audio", &[("controls", "")]),
];

thread_local! {
    /// The base address of the body being cleaned on this thread, if it has a usable one.
    static BASE: RefCell<Option<Url>> = const { RefCell::new(None) };
}

/// The one configured sanitizer. `LazyLock` rather than a thread-local because the Builder is
/// immutable once built and `Sync`; the app is single-threaded anyway.
static POLICY: LazyLock<Builder<'static>> = LazyLock::new(|| build(REMOVED_WITH_CONTENT));

/// The same policy for a body that names none of [`REMOVED_WITH_CONTENT`]: ammonia checks its
/// whole list of such elements against its other lists at every clean (two hash lookups for
/// each), which was a twentieth of the sanitizer's time. Without the element there is nothing
/// to remove, so the list may be empty.
static POLICY_WITHOUT_REMOVED: LazyLock<Builder<'static>> = LazyLock::new(|| build(&[]));

/// Runs `f` with `base` as the address relative URLs resolve against, restoring the previous
/// one afterwards (also if `f` unwinds, so a later body never sees a stale base).
pub(crate) fn with_base<T>(base: Option<Url>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Url>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            BASE.with(|b| *b.borrow_mut() = previous);
        }
    }
    let previous = BASE.with(|b| b.replace(base));
    let _restore = Restore(previous);
    f()
}

/// Reads the current base without cloning it.
pub(crate) fn current_base<T>(f: impl FnOnce(Option<&Url>) -> T) -> T {
    BASE.with(|b| f(b.borrow().as_ref()))
}

/// Cleans one HTML fragment with the policy. The caller sets the base with [`with_base`].
pub(crate) fn clean(html: &str) -> String {
    thread_local! {
        /// Where each body is serialized before the attribute pass copies it into a string of
        /// its own. Reused, because a fresh buffer of an article's size is a large allocation,
        /// which makes the allocator tidy up all the small blocks the parse just freed: that
        /// one call cost as much as the rest of the serialization.
        static SERIALIZED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    /// Past this the buffer is given back after use: one huge article should not hold memory.
    const KEPT_CAPACITY: usize = 256 * 1024;
    let policy = if names_removed_element(html) { &POLICY } else { &POLICY_WITHOUT_REMOVED };
    let document = policy.clean(html);
    SERIALIZED.with(|buffer| {
        // Written straight into bytes: `to_string` goes through `fmt` and grows its string
        // step by step, a tenth of the serializer's time.
        let Ok(mut buffer) = buffer.try_borrow_mut() else {
            return super::order::order_added_attributes(&document.to_string());
        };
        buffer.clear();
        let cleaned = match document.write_to(&mut *buffer).ok().and_then(|()| std::str::from_utf8(&buffer).ok()) {
            Some(serialized) => super::order::order_added_attributes(serialized),
            None => super::order::order_added_attributes(&document.to_string()),
        };
        if buffer.capacity() > KEPT_CAPACITY {
            *buffer = Vec::new();
        }
        cleaned
    })
}

/// True if `html` may hold an element of [`REMOVED_WITH_CONTENT`]. Exact in the direction that
/// matters: an element exists only where its name follows `<` literally (names are never
/// entity-decoded, and a fragment parsed in a `div` never gets an implied one of these), so a
/// body with no such spelling, in any case, has none. A longer name with the same start
/// (`<selection>`) merely takes the full policy.
fn names_removed_element(html: &str) -> bool {
    // The letters those names start with, so that most tags are passed over at one look.
    static FIRST: [bool; 256] = {
        let mut first = [false; 256];
        let mut i = 0;
        while i < REMOVED_WITH_CONTENT.len() {
            let letter = REMOVED_WITH_CONTENT[i].as_bytes()[0];
            first[letter as usize] = true;
            first[letter.to_ascii_uppercase() as usize] = true;
            i += 1;
        }
        first
    };
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|at| {
        let after = &bytes[at + 1..];
        let Some(&first) = after.first().filter(|&&b| FIRST[b as usize]) else {
            return false;
        };
        // Only the names with that first letter are compared (`p` and `a`, the commonest
        // tags, would otherwise be held against all 29).
        let first = first.to_ascii_lowercase();
        REMOVED_WITH_CONTENT.iter().any(|name| {
            name.as_bytes()[0] == first && after.get(..name.len()).is_some_and(|start| start.eq_ignore_ascii_case(name.as_bytes()))
        })
    })
}

fn build(removed_with_content: &[&'static str]) -> Builder<'static> {
    let mut builder = Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(removed_with_content.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .generic_attribute_prefixes(HashSet::new())
        .tag_attributes(TAG_ATTRIBUTES.iter().map(|(tag, attrs)| (*tag, attrs.iter().copied().collect())).collect())
        .tag_attribute_values(HashMap::new())
        .set_tag_attribute_values(SET_ATTRIBUTES.iter().map(|(tag, attrs)| (*tag, attrs.iter().copied().collect())).collect())
        .allowed_classes(HashMap::new())
        // `data` passes ammonia's scheme check only so the filter below can keep raster images
        // in `img src`; it removes every other data: URL.
        .url_schemes(["http", "https", "mailto", "data"].into_iter().collect())
        .url_relative(UrlRelative::Custom(Box::new(resolve_relative)))
        .attribute_filter(filter_attribute)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .id_prefix(None);
    builder
}

/// Makes a relative URL absolute against the current body's base. Without a base the
/// attribute is dropped: left relative it would point into the app itself.
fn resolve_relative(url: &str) -> Option<Cow<'_, str>> {
    current_base(|base| resolve_web_string(url, Some(base?))).map(Cow::Owned)
}

/// Per-attribute checks ammonia cannot express: which `data:` URLs survive, embed hosts,
/// tracker images, `srcset` lists and numeric sizes. Runs after ammonia's own scheme check.
fn filter_attribute<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    match (element, attribute) {
        ("img", "src") => {
            // Empty, it would resolve to the article page itself: a request, not an image.
            if value.trim().is_empty() {
                return None;
            }
            if is_raster_data_image(value) {
                return Some(Cow::Borrowed(value));
            }
            let tracked = current_base(|base| may_be_tracker(value, base) && resolve_web(value, base).is_some_and(|u| is_tracker(&u)));
            keep_web_url(value).filter(|_| !tracked)
        }
        ("iframe", "src") => {
            let embed = current_base(|base| resolve_web(value, base).filter(is_embed));
            embed.map(|url| Cow::Owned(url.into()))
        }
        (_, "srcset") => current_base(|base| rewrite_srcset(value, base)).map(Cow::Owned),
        ("img" | "video", "width" | "height") => is_dimension(value).then_some(Cow::Borrowed(value)),
        (_, "href" | "src" | "poster") => keep_web_url(value),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Keeps a URL attribute unless it is a `data:` URL (only raster `img src` may be one).
/// Relative URLs pass here and are resolved by [`resolve_relative`] afterwards; ammonia has
/// already removed every scheme outside http, https, mailto and data.
fn keep_web_url(value: &str) -> Option<Cow<'_, str>> {
    // Most addresses say at once that they are not data: (parsing each one cost a tenth of
    // the sanitizer's time on a big feed); anything else is parsed as a browser would.
    let plainly_not_data =
        value.starts_with("https://") || value.starts_with("http://") || value.starts_with('/') || value.starts_with('#');
    if plainly_not_data {
        return Some(Cow::Borrowed(value));
    }
    match Url::parse(value) {
        Ok(url) if url.scheme() == "data" => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

/// A plain number of pixels or a percentage, as authors write `width`/`height`.
fn is_dimension(value: &str) -> bool {
    let digits = value.trim().trim_end_matches('%');
    !digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{clean, names_removed_element};

    #[test]
    fn any_spelling_of_a_removed_element_takes_the_full_policy() {
        assert!(names_removed_element("<p>a</p><ScRiPt>alert(1)</script>"));
        assert!(names_removed_element("x<SVG><p>"));
        assert!(names_removed_element("<selection>"), "a longer name only costs time");
        assert!(!names_removed_element("<p>script, style & <b>select</b></p> a < b"));
        assert_eq!(clean("<p>a</p><ScRiPt>alert(1)</ScRiPt><STYLE>p{}</STYLE><b>b</b>"), "<p>a</p><b>b</b>");
        assert_eq!(clean("<p>script &lt;style&gt;</p>"), "<p>script &lt;style&gt;</p>");
    }
}
