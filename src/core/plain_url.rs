//! Addresses the `url` crate would write back exactly as they are written, recognized without
//! parsing them. A big feed holds tens of thousands (each entry's link, its enclosure, every
//! relative link in its article), and for most of them a parse costs more than everything
//! else done with them; the parser and the sanitizer skip it for these.
//!
//! Both answers are exact in the direction that matters: "yes" only where the `url` crate
//! parses the address and writes it back unchanged (the tests hold them against the crate);
//! "no" only means the caller parses as before.

/// Whether `url` is an absolute http(s) URL that the `url` crate parses and writes back
/// unchanged: lowercase scheme; a host of lowercase letters, digits, dots and hyphens, not
/// punycode (`xn--`, which the crate decodes and checks) and with a last label that starts
/// with a letter (so it is no IPv4 form such as `1.2.3.4` or `0x7f`); no port or user; then a
/// [plain path](is_plain_path).
pub fn is_canonical_http_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let Some(slash) = memchr::memchr(b'/', rest.as_bytes()) else { return false };
    let (host, path) = rest.split_at(slash);
    is_plain_host(host.as_bytes()) && is_plain_path(path)
}

/// The host part of [`is_canonical_http_url`], in one pass (this runs for every address of a
/// feed, and each `contains` would set up a search of its own).
fn is_plain_host(host: &[u8]) -> bool {
    if host.first().is_none_or(|&b| b == b'.' || b == b'-') {
        return false;
    }
    let mut label_start = 0;
    let mut last_label_start = 0;
    for (at, &b) in host.iter().enumerate() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => {}
            b'.' if at == label_start => return false,
            b'.' => {
                label_start = at + 1;
                if at + 1 < host.len() {
                    last_label_start = at + 1;
                }
            }
            _ => return false,
        }
        if at == label_start + 3 && &host[label_start..=at] == b"xn--" {
            return false;
        }
    }
    host[last_label_start].is_ascii_lowercase()
}

/// Bytes a plain path may hold: those no part of an http(s) URL escapes or rewrites. A `static`,
/// not a `const`: a `const` table is copied onto the stack at every call.
static PLAIN_PATH_BYTES: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = 0;
    while b < 256 {
        plain[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let others = b"-._~/?#=&:@!$()*+,;%";
    let mut i = 0;
    while i < others.len() {
        plain[others[i] as usize] = true;
        i += 1;
    }
    plain
};

/// Whether `path` (a path from its first `/`, with any query and fragment) is written the way
/// the `url` crate writes it after an http(s) origin: not `//` (which would name a host), only
/// characters no part of a URL escapes, and no dot segment (`/.`, or `%2e` in any case, which
/// the crate reads as a dot). One pass: it runs for every relative link of every article.
pub fn is_plain_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    if bytes.first() != Some(&b'/') || bytes.get(1) == Some(&b'/') {
        return false;
    }
    let mut previous = 0u8;
    for (at, &b) in bytes.iter().enumerate() {
        let dot_segment = match b {
            b'.' => previous == b'/',
            b'%' => bytes.get(at + 1) == Some(&b'2') && bytes.get(at + 2).is_some_and(|e| e.eq_ignore_ascii_case(&b'e')),
            _ => false,
        };
        if !PLAIN_PATH_BYTES[b as usize] || dot_segment {
            return false;
        }
        previous = b;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    #[test]
    fn canonical_urls_are_what_the_url_crate_writes_back() {
        for url in [
            "https://e.com/",
            "http://news.example.co.uk/a/b?x=1&y=2#frag",
            "https://e.com/p/%C3%A9t%c3%a9",
            "https://cdn.e.com/audio/1.mp3",
            "https://e.com/a(1)/b;c,d*e+f!g$h@i:j~",
            "https://e.com./a",
            "https://a-.b-c.com/",
            "https://e.com/a%zz",
        ] {
            assert!(is_canonical_http_url(url), "{url}");
            assert_eq!(Url::parse(url).unwrap().as_str(), url);
        }
        for url in [
            "https://E.com/",
            "https://e.com",
            "https://e.com:443/",
            "https://user@e.com/",
            "http://127.0.0.1/",
            "http://1.2.3/",
            "http://e.0xab/",
            "http://e.0x/",
            "https://xn--abc.com/",
            "https://xn--caf-dma.com/",
            "https://e.com/a/../b",
            "https://e.com/./b",
            "https://e.com/a/%2e%2E/b",
            "https://e.com/a/%2E/b",
            "https://e.com/a b",
            "https://e.com/?q='x'",
            "https://e.com/é",
            "https://e.com/a\\b",
            "https://e..com/",
            "https://.e.com/",
            "HTTP://e.com/",
            "ftp://e.com/",
        ] {
            assert!(!is_canonical_http_url(url), "{url}");
        }
    }

    #[test]
    fn a_plain_path_joins_as_the_url_crate_joins_it() {
        let base = Url::parse("https://user@blog.example.com:8443/posts/1?x#y").unwrap();
        let origin = &base[..url::Position::BeforePath];
        for path in ["/images/1.jpg", "/", "/a/b?c=d&e#f", "/a:b/c", "/%C3%A9"] {
            assert!(is_plain_path(path), "{path}");
            assert_eq!(base.join(path).unwrap().as_str(), format!("{origin}{path}"), "{path}");
        }
        for path in ["//e.com/a", "a/b", "/a/./b", "/a/%2e%2e/b", "/.hidden", "/a b", "/a\\b", "/a\"b", "/a'b", "/é", "/a\tb"] {
            assert!(!is_plain_path(path), "{path}");
        }
    }
}
