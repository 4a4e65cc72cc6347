//! Decides, from the raw string, whether a body needs the tree pre-pass at all.
//!
//! Parsing twice costs about as much as sanitizing, and most articles have nothing for the
//! pre-pass to do, so it runs only when it might change something:
//!
//! - Any `iframe` except the one shape the pre-pass would leave exactly as it is: a start tag
//!   this cheap look reads with confidence, with one `src` that is an absolute http(s) address on
//!   an embed host, closed at once by `</iframe>` (no content to clear). Finding iframes is
//!   exact: an element exists only where its tag name follows `<` literally (names are never
//!   entity-decoded), so no spelling escapes it. This is what keeps the promise that a foreign
//!   iframe becomes a link rather than vanishing. Skipping the pre-pass for a plain embed matters
//!   because the pre-pass parses and serializes the whole body once more: on the sample, the
//!   one body with a YouTube player cost about 10% of the sanitizer's time in that extra pass.
//!   An embed that slips through anyway is still safe: ammonia's filter keeps an iframe `src`
//!   only on an embed host, and the policy adds the sandbox to every iframe.
//! - An `img` (or `image`, which parsers turn into `img`) whose start tag looks like it might be
//!   removed: a 0/1 size, a known tracker host, a `data:` URL, a `src` that is not an absolute
//!   http(s) address (it may not resolve), or anything this cheap look cannot read with
//!   confidence (entities, unbalanced quotes, no end). An image
//!   that slips through anyway is still safe: ammonia's attribute filter removes tracker and
//!   non-http(s) sources in every case; the pre-pass only removes the empty box left behind.
//! - Any `math`: the pre-pass removes what is not MathML inside it.

use super::urls::{is_embed, relative_to_host, tracker_hosts};
use crate::core::plain_url::is_canonical_http_url;

/// True if the pre-pass might change `html`.
pub(crate) fn needs_prepass(html: &str, base: Option<&url::Url>) -> bool {
    let bytes = html.as_bytes();
    let mut pos = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let start = pos + offset;
        pos = start + 1;
        let name = &bytes[start + 1..bytes.len().min(start + 7)];
        if name.len() >= 6 && name.eq_ignore_ascii_case(b"iframe") && iframe_may_change(&html[start..]) {
            return true;
        }
        if name.len() >= 2 && name[..2].eq_ignore_ascii_case(b"im") && image_may_be_removed(&html[start..], base) {
            return true;
        }
        // MathML: the pre-pass keeps only MathML and text inside it.
        if name.len() >= 4 && name[..4].eq_ignore_ascii_case(b"math") {
            return true;
        }
    }
    false
}

/// Looks at one `<iframe…` (at the start of `rest`): false only for a plain embed the pre-pass
/// would keep unchanged.
fn iframe_may_change(rest: &str) -> bool {
    let Some((src, tag_end)) = only_src(rest.as_bytes(), "<iframe".len()) else {
        return true;
    };
    // Content, even whitespace, is raw text the pre-pass would clear.
    if !rest[tag_end + 1..].get(..9).is_some_and(|close| close.eq_ignore_ascii_case("</iframe>")) {
        return true;
    }
    let embed = std::str::from_utf8(src).ok().is_some_and(|value| {
        (value.starts_with("https://") || value.starts_with("http://")) && url::Url::parse(value).is_ok_and(|url| is_embed(&url))
    });
    !embed
}

/// Reads the attributes of a start tag whose name ends at `pos` the way the HTML tokenizer
/// does, and returns the value of its one `src` and the index of the `>` that ends the tag.
/// `None` for anything it does not read with confidence: no `src`, several, character
/// references, NUL or CR (which the tokenizer rewrites), or no end.
fn only_src(tag: &[u8], mut pos: usize) -> Option<(&[u8], usize)> {
    let space = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b' ');
    let mut src = None;
    // The name must end right after `<iframe` (`<iframex` is another element).
    if !tag.get(pos).is_some_and(|&b| space(b) || b == b'/') {
        return None;
    }
    loop {
        // Before an attribute name (also after a value, and for a `/` not followed by `>`).
        match *tag.get(pos)? {
            b if space(b) || b == b'/' => {
                pos += 1;
                continue;
            }
            b'>' => return src.map(|src| (src, pos)),
            _ => {}
        }
        // The name: a leading `=` belongs to it; it ends at space, `/`, `>` or `=`.
        let name_start = pos;
        pos += 1;
        while !matches!(*tag.get(pos)?, b if space(b) || matches!(b, b'/' | b'>' | b'=')) {
            pos += 1;
        }
        let name = &tag[name_start..pos];
        while space(*tag.get(pos)?) {
            pos += 1;
        }
        let mut value: &[u8] = b"";
        if tag[pos] == b'=' {
            pos += 1;
            while space(*tag.get(pos)?) {
                pos += 1;
            }
            match *tag.get(pos)? {
                q @ (b'"' | b'\'') => {
                    let len = tag[pos + 1..].iter().position(|&b| b == q)?;
                    value = &tag[pos + 1..pos + 1 + len];
                    pos += len + 2;
                }
                b'>' => {}
                _ => {
                    let start = pos;
                    while !matches!(*tag.get(pos)?, b if space(b) || b == b'>') {
                        pos += 1;
                    }
                    value = &tag[start..pos];
                }
            }
        }
        if name.iter().chain(value).any(|b| matches!(b, b'&' | b'\0' | b'\r')) {
            return None;
        }
        if name.eq_ignore_ascii_case(b"src") {
            if src.is_some() {
                return None;
            }
            src = Some(value);
        }
    }
}

/// Looks at one `<img …>` start tag (at the start of `rest`).
fn image_may_be_removed(rest: &str, base: Option<&url::Url>) -> bool {
    let Some(end) = rest.find('>') else {
        return true;
    };
    let tag = rest[..end].to_ascii_lowercase();
    let quotes = |q: char| tag.matches(q).count() % 2 == 1;
    if tag.contains('&') || quotes('"') || quotes('\'') || occurrences(&tag, "data:").next().is_some() {
        return true;
    }
    // An absolute web address survives ammonia; so does a relative one against a web base (the
    // body's or the document's), which ammonia's URL callback resolves the same way.
    let web = |v: &str| {
        let value = match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or(""),
        };
        if value.starts_with("https://") || value.starts_with("http://") {
            return is_canonical_http_url(value) || url::Url::parse(value).is_ok();
        }
        let relative = !value.is_empty() && !value.split('/').next().unwrap_or("").contains(':');
        // A plain path on the base's host needs no parse to know it stays on the web.
        let plain = relative_to_host(value) && base.is_some_and(|b| matches!(b.scheme(), "http" | "https"));
        plain || relative && base.and_then(|b| b.join(value).ok()).is_some_and(|u| matches!(u.scheme(), "http" | "https"))
    };
    if !attribute_values(&tag, "src").next().is_some_and(web) {
        return true;
    }
    let tiny = |v: &str| {
        let mut digits = v.trim_start_matches(['"', '\'']).chars();
        matches!(digits.next(), Some('0' | '1')) && !digits.next().is_some_and(|c| c.is_ascii_digit())
    };
    if attribute_values(&tag, "width").any(tiny) || attribute_values(&tag, "height").any(tiny) {
        return true;
    }
    names_tracker_host(&tag)
}

/// Whether a lowercased start tag names a tracker's host anywhere. Every host ends in one of
/// a few last labels (`.com`, `.net`): a tag without any of them after one of its dots is passed
/// at one look, and only one with them is searched for each of the hosts.
fn names_tracker_host(tag: &str) -> bool {
    static ENDINGS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut endings: Vec<&str> = tracker_hosts().map(|host| &host[host.rfind('.').unwrap_or(0)..]).collect();
        endings.sort_unstable();
        endings.dedup();
        endings
    });
    let bytes = tag.as_bytes();
    let ending_seen = memchr::memchr_iter(b'.', bytes).any(|at| ENDINGS.iter().any(|end| bytes[at..].starts_with(end.as_bytes())));
    ending_seen && tracker_hosts().any(|host| occurrences(tag, host).next().is_some())
}

/// Where `needle` occurs in `haystack`: found by its first byte with `memchr`. Start tags are
/// short and these needles few, so this beats `str::contains`, which sets up a search of its
/// own for every call (a fifth of this gate's time).
fn occurrences<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let first = needle.as_bytes()[0];
    memchr::memchr_iter(first, haystack.as_bytes()).filter(move |&at| haystack.as_bytes()[at..].starts_with(needle.as_bytes()))
}

/// The raw text after `name=` for each attribute `name` of a lowercased start tag.
fn attribute_values<'a>(tag: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    occurrences(tag, name).filter_map(move |i| {
        let before = tag[..i].chars().next_back()?;
        if !(before.is_ascii_whitespace() || matches!(before, '/' | '"' | '\'')) {
            return None;
        }
        let value = tag[i + name.len()..].trim_start().strip_prefix('=')?;
        Some(value.trim_start())
    })
}

#[cfg(test)]
mod tests {
    use super::needs_prepass as with_base;

    fn needs_prepass(html: &str) -> bool {
        with_base(html, None)
    }

    #[test]
    fn a_tracker_named_anywhere_in_an_image_tag_counts() {
        // The quick look by last label relies on every host having one.
        assert!(super::tracker_hosts().all(|host| host.contains('.')));
        assert!(needs_prepass("<img src=\"https://e.x/a.png\" alt=\"from pixel.wp.com\">"));
        assert!(needs_prepass("<IMG SRC=\"https://DoubleClick.NET/x.gif\">"));
        assert!(!needs_prepass("<img src=\"https://cdn.example.com/a.png\" alt=\"wordpress.org\">"));
    }

    #[test]
    fn runs_for_every_iframe_and_for_suspect_images_only() {
        assert!(needs_prepass("<IFRAME src=a>"));
        assert!(needs_prepass("x<iframe"));
        assert!(!needs_prepass("<IFRAME height=\"315\" SRC=\"https://www.youtube.com/embed/x?a=1\" width=560></iframe> <p>"));
        assert!(!needs_prepass("<iframe src='https://player.vimeo.com/video/1'/></IFRAME>"));
        assert!(needs_prepass("<iframe src=\"https://www.youtube.com/embed/x\"> </iframe>"));
        assert!(needs_prepass("<iframe src=\"https://www.youtube.com/embed/x\"><b>x</b></iframe>"));
        assert!(needs_prepass("<iframe src=\"https://www.youtube.com/embed/x\">"));
        assert!(needs_prepass("<iframe src=\"https://example.com/embed/x\"></iframe>"));
        assert!(needs_prepass("<iframe src=\"//www.youtube.com/embed/x\"></iframe>"));
        assert!(needs_prepass("<iframe src=\"https://e.x/\" src=\"https://www.youtube.com/embed/x\"></iframe>"));
        assert!(!needs_prepass("<iframe title='a\"b>' src=https://www.youtube.com/embed/x/></iframe>"));
        assert!(needs_prepass("<iframe title=\"a src='https://www.youtube.com/embed/x'\"></iframe>"));
        assert!(needs_prepass("<iframe src=\"https://www.youtube.com/embed/x></iframe>"));
        assert!(needs_prepass("<iframe =src=\"https://www.youtube.com/embed/x\"></iframe>"));
        assert!(needs_prepass("<iframe src = \"https://www.youtube.com/embed/x\" src></iframe>"));
        assert!(needs_prepass("<iframe src=\"https://www.youtube.com&#47;embed\"></iframe>"));
        assert!(needs_prepass("<iframe srcdoc=\"x\"></iframe>"));
        assert!(needs_prepass("<iframex src=\"https://www.youtube.com/embed/x\"></iframe>"));
        assert!(needs_prepass("<p><iframe src=\"https://www.youtube.com/embed/x\"></iframe><iframe src=\"https://e.x/\"></iframe>"));
        assert!(needs_prepass("<img src=\"https://e.x/a.gif\" width=\"1\" height=\"1\">"));
        assert!(needs_prepass("<IMAGE SRC=https://e.x/a.gif HEIGHT = '0'>"));
        assert!(needs_prepass("<img src=\"https://stats.wordpress.com/b.gif\">"));
        assert!(needs_prepass("<img src=\"https://e.x/a&#46;gif\">"));
        assert!(needs_prepass("<img srcset=\"a.png 1x\">"));
        assert!(needs_prepass("<img src=\"data:image/svg+xml,x\">"));
        assert!(needs_prepass("<img src=\"x\" alt=\"a>b\" width=1 height=1>"));
        assert!(!needs_prepass("<img src=\"https://e.x/a.png\" width=\"100\" height=\"10\">"));
        assert!(needs_prepass("<img src=\"\" alt=\"x\">"));
        assert!(needs_prepass("<img src=\"relative.png\">"));
        let base = url::Url::parse("https://e.x/feed/").unwrap();
        assert!(!with_base("<img src=\"relative.png\"><img src=\"/images/1.jpg\" width=\"640\">", Some(&base)), "it resolves");
        assert!(with_base("<img src=\"javascript:alert(1)\">", Some(&base)));
        assert!(with_base("<img src=\"/a.gif\" width=\"1\" height=\"1\">", Some(&base)), "a pixel is a pixel wherever it is");
        assert!(needs_prepass("<img src=javascript:alert(1)>"));
        assert!(!needs_prepass("<p>i am <i>fine</i> <b>width=1</b></p>"));
        assert!(!needs_prepass("<img data-width=\"1\" srcset=\"b.png 2x\" src=\"https://e.x/a.png\">"));
    }
}
