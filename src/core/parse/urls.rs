//! Addresses made absolute against the in-scope base.

use url::Url;

/// Resolves `value` against `base`; an absolute value stands alone; a relative one with no base
/// is kept as written. Empty values give `None`.
pub fn resolve_url(base: Option<&Url>, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if is_canonical_http_url(value) {
        return Some(value.to_string());
    }
    let resolved = match base {
        Some(base) => base.join(value),
        None => Url::parse(value),
    };
    Some(resolved.map(String::from).unwrap_or_else(|_| value.to_string()))
}

/// Whether `url` is an absolute http(s) URL that the `url` crate would write back unchanged, so
/// parsing it can be skipped (most links in most feeds are): lowercase scheme and host with a
/// letter in its last label (so it is no IPv4 form), no port, a path, and only characters no
/// part of it escapes or normalizes (no dot segments, no quote, which queries escape).
fn is_canonical_http_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let Some(slash) = rest.find('/') else { return false };
    let (host, path) = rest.split_at(slash);
    let host_ok = !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && !host.starts_with(['.', '-'])
        && !host.contains("..")
        && host.trim_end_matches('.').rsplit('.').next().is_some_and(|tld| tld.bytes().any(|b| b.is_ascii_lowercase()));
    let path_ok = path.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/?#=&:@!$()*+,;%".contains(&b)) && !path.contains("/.");
    host_ok && path_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_fast_path_agrees_with_the_url_crate() {
        for url in [
            "https://e.com/",
            "http://news.example.co.uk/a/b?x=1&y=2#frag",
            "https://e.com/p/%C3%A9t%c3%a9",
            "https://cdn.e.com/audio/1.mp3",
            "https://e.com/a(1)/b;c,d*e+f!g$h@i:j~",
        ] {
            assert!(is_canonical_http_url(url), "{url}");
            assert_eq!(Url::parse(url).unwrap().as_str(), url);
        }
        for url in [
            "https://E.com/",
            "https://e.com",
            "https://e.com:443/",
            "http://127.0.0.1/",
            "http://1.2.3/",
            "https://e.com/a/../b",
            "https://e.com/./b",
            "https://e.com/a b",
            "https://e.com/?q='x'",
            "https://e.com/é",
            "https://e.com/a\\b",
            "HTTP://e.com/",
            "ftp://e.com/",
        ] {
            assert!(!is_canonical_http_url(url), "{url}");
        }
    }
}
