//! Which addresses the app may turn into a link or a request.
//!
//! Browsers forgive a lot in a URL: leading and trailing spaces and control characters are
//! trimmed, tabs and newlines anywhere are removed, and the scheme is case-insensitive. The
//! `url` crate implements the same WHATWG parsing, so a scheme read here is the scheme the
//! browser will act on, whatever obfuscation the feed used.

use url::Url;

use crate::core::plain_url::{is_canonical_http_url, is_plain_path};

/// Hosts whose players may be embedded in an `<iframe>`. Every other iframe becomes a link.
///
/// The app's Content-Security-Policy `frame-src` should list the same hosts.
pub const EMBED_HOSTS: &[&str] = &[
    "www.youtube.com",
    "youtube.com",
    "m.youtube.com",
    "www.youtube-nocookie.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "www.dailymotion.com",
    "dailymotion.com",
    "geo.dailymotion.com",
    "w.soundcloud.com",
    "bandcamp.com",
    "open.spotify.com",
    "embed.spotify.com",
];

/// Images that only exist to report that someone read the article: `(host suffix, path
/// prefix)`. A host matches itself and its subdomains; an empty prefix matches every path.
const TRACKERS: &[(&str, &str)] = &[
    ("feeds.feedburner.com", "/~r/"),
    ("feeds.feedburner.com", "/~ff/"),
    ("feedproxy.google.com", "/~r/"),
    ("stats.wordpress.com", ""),
    ("pixel.wp.com", ""),
    ("feeds.wordpress.com", ""),
    ("feedsportal.com", ""),
    ("doubleclick.net", ""),
    ("google-analytics.com", ""),
    ("pixel.quantserve.com", ""),
    ("scorecardresearch.com", ""),
    ("amazon-adsystem.com", ""),
    ("assoc-amazon.com", ""),
    ("eotrx.substackcdn.com", ""),
    ("list-manage.com", "/track/"),
    ("medium.com", "/_/stat"),
    ("facebook.com", "/tr"),
];

/// The only image types a `data:` URL may carry: raster formats that cannot run script
/// (SVG can, so it is never allowed).
const DATA_IMAGE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/avif"];

/// Returns the address if it is safe to link to or fetch: an absolute `http`, `https` or
/// `mailto` URL. The result is the input with what browsers ignore (surrounding spaces and
/// control characters, tabs and newlines) removed, so what was checked is what gets used.
///
/// Entity-encoded input needs no decoding step: a scheme is made of letters, digits, `+`, `-`
/// and `.`, so a string that starts with a literal allowed scheme keeps it however its entities
/// are later decoded, and one whose scheme is hidden behind an entity (`&#106;avascript:`)
/// does not parse as absolute and is refused.
///
/// ```
/// use feedreader::core::sanitize::safe_url;
/// assert_eq!(safe_url(" https://example.com/a\n"), Some("https://example.com/a".into()));
/// assert_eq!(safe_url("java\tscript:alert(1)"), None);
/// assert_eq!(safe_url("/relative"), None);
/// ```
pub fn safe_url(url: &str) -> Option<String> {
    let cleaned = strip_ignored(url);
    // Markup characters are never valid in a URL; refusing them keeps the value inert even if
    // someone later writes it into HTML without escaping.
    if cleaned.contains(['<', '>', '"', '`']) {
        return None;
    }
    // Most addresses (every entry's link, most enclosures) are plainly http(s) URLs the parse
    // below would accept: the answer is the same without it.
    if is_canonical_http_url(&cleaned) {
        return Some(cleaned);
    }
    let parsed = Url::parse(&cleaned).ok()?;
    if !matches!(parsed.scheme(), "http" | "https" | "mailto") {
        return None;
    }
    Some(cleaned)
}

/// What a browser drops before parsing a URL: leading and trailing C0 controls and spaces, and
/// every tab, line feed and carriage return.
fn strip_ignored(url: &str) -> String {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    // Most addresses have nothing inside to drop: one copy instead of a char-by-char rebuild.
    if !trimmed.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        return trimmed.to_owned();
    }
    trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// Resolves `raw` against `base` and returns it if it is an http(s) URL.
pub(crate) fn resolve_web(raw: &str, base: Option<&Url>) -> Option<Url> {
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(raw).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// Resolves a relative `raw` against `base` and writes it, if it is http(s). A plain path from
/// the base's root (`/images/1.jpg`, the usual relative link) is the base's origin followed by
/// the path, exactly what a parse and join would write, without them.
pub(crate) fn resolve_web_string(raw: &str, base: Option<&Url>) -> Option<String> {
    if let Some(base) = base.filter(|b| matches!(b.scheme(), "http" | "https")) {
        if is_plain_path(raw) {
            let origin = &base[..url::Position::BeforePath];
            let mut resolved = String::with_capacity(origin.len() + raw.len());
            resolved.push_str(origin);
            resolved.push_str(raw);
            return Some(resolved);
        }
    }
    resolve_web(raw, base).map(String::from)
}

/// Parses a base address, keeping it only if it is http(s): relative links resolved against a
/// `javascript:` or `data:` base would inherit its scheme.
pub(crate) fn parse_base(base: Option<&str>) -> Option<Url> {
    thread_local! {
        /// The last base read and what it gave: a feed's bodies mostly share one, and parsing
        /// it again for every body was a thirtieth of the sanitizer's time.
        static LAST: std::cell::RefCell<Option<(String, Option<Url>)>> = const { std::cell::RefCell::new(None) };
    }
    let base = base?;
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((_, parsed)) = last.as_ref().filter(|(raw, _)| raw == base) {
            return parsed.clone();
        }
        let parsed = Url::parse(&strip_ignored(base)).ok().filter(|url| matches!(url.scheme(), "http" | "https"));
        *last = Some((base.to_owned(), parsed.clone()));
        parsed
    })
}

/// The host names of [`TRACKERS`], for a quick look at raw markup.
pub(crate) fn tracker_hosts() -> impl Iterator<Item = &'static str> {
    TRACKERS.iter().map(|(host, _)| *host)
}

/// True for an image that reports reads to a tracking service.
pub(crate) fn is_tracker(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    TRACKERS.iter().any(|(suffix, path)| host_matches(&host, suffix) && url.path().starts_with(path))
}

/// False when a plain look at `raw` shows that its host is no tracker's, so the image needs no
/// URL parse to be kept: an absolute http(s) address whose host is plain lowercase-able ASCII,
/// or a path relative to `base`. Anything else (user info, percent signs, tabs, other schemes)
/// says "maybe", and the caller parses it as a browser would.
pub(crate) fn may_be_tracker(raw: &str, base: Option<&Url>) -> bool {
    let host = if let Some(rest) = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://")) {
        let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
        authority.split(':').next().unwrap_or("").to_ascii_lowercase()
    } else if relative_to_host(raw) {
        match base.and_then(Url::host_str) {
            Some(host) => host.to_ascii_lowercase(),
            None => return true,
        }
    } else {
        return true;
    };
    let plain = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let host = host.trim_end_matches('.');
    !plain || TRACKERS.iter().any(|(suffix, _)| host_matches(host, suffix))
}

/// A reference that a URL parser resolves on the base's own host: no scheme, not `//host`, and
/// nothing the parser would drop or read as a slash (leading spaces and controls, tabs, line
/// breaks, backslashes) that could turn it into one.
pub(crate) fn relative_to_host(raw: &str) -> bool {
    let first = raw.bytes().next().is_some_and(|b| b > b' ');
    let odd = raw.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r' | b'\\'));
    first && !odd && !raw.starts_with("//") && !raw.split(['/', '?', '#']).next().unwrap_or("").contains(':')
}

fn host_matches(host: &str, suffix: &str) -> bool {
    host == suffix || (host.len() > suffix.len() && host.ends_with(suffix) && host.as_bytes()[host.len() - suffix.len() - 1] == b'.')
}

/// True if `url` is an https or http page of an allowlisted embed host.
pub(crate) fn is_embed(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    EMBED_HOSTS.contains(&host.as_str())
}

/// True for a `data:` URL holding a raster image (PNG, JPEG, GIF, WebP, AVIF).
pub(crate) fn is_raster_data_image(raw: &str) -> bool {
    let Ok(url) = Url::parse(raw) else {
        return false;
    };
    if url.scheme() != "data" {
        return false;
    }
    // The path of a data URL is `<media type>[;params],<data>`.
    let path = url.path();
    let Some((header, _)) = path.split_once(',') else {
        return false;
    };
    let media_type = header.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    DATA_IMAGE_TYPES.contains(&media_type.as_str())
}

/// Rewrites a `srcset` list: each candidate URL made absolute against `base`, candidates that
/// are not http(s) dropped. Returns `None` when nothing is left.
///
/// Follows the HTML candidate parsing (a URL runs to the next whitespace, a URL ending in commas
/// has no descriptor, descriptors run to the next comma outside parentheses), so a comma inside
/// a URL (common on image CDNs) does not split it.
pub(crate) fn rewrite_srcset(value: &str, base: Option<&Url>) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
        let (mut raw_url, after) = rest.split_at(url_end);
        rest = after;
        let mut descriptor = "";
        if raw_url.ends_with(',') {
            raw_url = raw_url.trim_end_matches(',');
        } else {
            let mut depth = 0u32;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        ',' if depth == 0 => return true,
                        _ => {}
                    }
                    false
                })
                .map_or(rest.len(), |(i, _)| i);
            descriptor = rest[..end].trim();
            rest = &rest[end..];
        }
        let Some(url) = resolve_web(raw_url, base) else {
            continue;
        };
        // Valid descriptors are `100w`, `2x`, `1.5x`; anything else is dropped rather than
        // passed through, so nothing but numbers and units reaches the attribute.
        let descriptor_ok = descriptor.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'w' | 'x' | 'h' | ' '));
        let serialized = url.as_str();
        if descriptor.is_empty() || !descriptor_ok {
            out.push(serialized.to_owned());
        } else {
            out.push(format!("{serialized} {descriptor}"));
        }
    }
    (!out.is_empty()).then(|| out.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_plainly_off_every_tracker_skip_the_parse() {
        let base = Url::parse("https://blog.example.com/feed").ok();
        let base = base.as_ref();
        for plain in ["https://cdn.example.com/a.png", "http://EXAMPLE.com:8080/a.png", "/images/1.jpg", "a.png?x=1"] {
            assert!(!may_be_tracker(plain, base), "{plain}");
        }
        let tracker_base = Url::parse("https://stats.wordpress.com/").ok();
        for maybe in [
            "https://stats.wordpress.com/b.gif",
            "https://x.Pixel.WP.com./b.gif",
            "https://user@stats.wordpress.com/b.gif",
            "https://stats.wordpress%2ecom/b.gif",
            "https://stats.word\tpress.com/b.gif",
            "//stats.wordpress.com/b.gif",
            "/\\stats.wordpress.com/b.gif",
            "/\t/stats.wordpress.com/b.gif",
            " //stats.wordpress.com/b.gif",
            "HTTPS://stats.wordpress.com/b.gif",
        ] {
            assert!(may_be_tracker(maybe, base), "{maybe}");
        }
        assert!(may_be_tracker("b.gif", tracker_base.as_ref()));
        assert!(may_be_tracker("b.gif", None));
    }

    #[test]
    fn a_relative_address_resolves_the_same_with_or_without_the_shortcut() {
        for base in ["https://blog.example.com/posts/1", "http://user@e.x:8080/a/b/?q#f"] {
            let base = Url::parse(base).ok();
            for raw in ["/images/1.jpg", "/a?b=c#d", "images/1.jpg", "../up.png", "/./x", "//cdn.example.com/a.png", "/a b", "javascript:x"]
            {
                let slow = resolve_web(raw, base.as_ref()).map(String::from);
                assert_eq!(resolve_web_string(raw, base.as_ref()), slow, "{raw}");
            }
        }
        assert_eq!(resolve_web_string("/a.png", None), None);
        let data_base = Url::parse("data:text/html,x").ok();
        assert_eq!(resolve_web_string("/a.png", data_base.as_ref()), None);
    }

    #[test]
    fn safe_url_answers_alike_for_canonical_and_other_addresses() {
        for url in
            ["https://e.com/a", "https://xn--abc.com/", "http://e.0xab/", "https://e.com/%2e%2e/a", "https://e.com/a b", "http://1.2.3.4/"]
        {
            let slow = Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https")).map(|_| url.to_string());
            assert_eq!(safe_url(url), slow, "{url}");
        }
    }

    #[test]
    fn srcset_keeps_commas_inside_urls_and_resolves_relatives() {
        let base = Url::parse("https://example.com/blog/post").ok();
        let got = rewrite_srcset("a.jpg 1x, /c_1,w_2/b.jpg 2x, javascript:x 3x", base.as_ref());
        assert_eq!(got.as_deref(), Some("https://example.com/blog/a.jpg 1x, https://example.com/c_1,w_2/b.jpg 2x"));
    }

    #[test]
    fn trackers_match_subdomains_only_on_a_dot() {
        let t = |s: &str| is_tracker(&Url::parse(s).unwrap());
        assert!(t("https://ad.doubleclick.net/x.gif"));
        assert!(t("http://feeds.feedburner.com/~r/blog/~4/abc"));
        assert!(!t("http://feeds.feedburner.com/blog"));
        assert!(!t("https://notdoubleclick.net/x.gif"));
    }

    #[test]
    fn data_images_are_raster_only() {
        assert!(is_raster_data_image("data:image/png;base64,AAAA"));
        assert!(is_raster_data_image("DATA:Image/JPEG;base64,AAAA"));
        assert!(!is_raster_data_image("data:image/svg+xml;base64,AAAA"));
        assert!(!is_raster_data_image("data:text/html,<script>alert(1)</script>"));
    }
}
