//! Addresses: what the reader typed, the paths sites usually put feeds at, the proxy template.

use url::Url;

/// Turns what the reader typed into an http(s) address: `example.com/feed` becomes
/// `https://example.com/feed`; `feed://`, `feed:https://` (old subscribe links) and
/// `web+feed:` (the link the browser hands the reader it registered for) are understood.
/// Anything else is refused with a reason.
pub fn normalize(input: &str) -> Result<String, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("Type the address of a feed or of a site.".into());
    }
    let text = text.strip_prefix("web+").filter(|rest| rest.starts_with("feed:")).unwrap_or(text);
    let text = text.strip_prefix("feed:").map(|rest| rest.trim_start_matches("//")).unwrap_or(text);
    let with_scheme = if text.contains("://") { text.to_string() } else { format!("https://{text}") };
    let url = Url::parse(&with_scheme).map_err(|e| format!("“{}” is not a web address ({e}).", input.trim()))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url.to_string()),
        "http" | "https" => Err(format!("“{}” has no site name.", input.trim())),
        other => Err(format!("The reader fetches only http and https addresses, not {other}:.")),
    }
}

/// Where a site without `<link rel="alternate">` usually keeps its feed: these paths beside
/// the page (for a blog under a folder), then at the site's root, without repeats.
pub fn guess_paths(page: &str) -> Vec<String> {
    const PATHS: [&str; 6] = ["feed", "rss", "rss.xml", "atom.xml", "index.xml", "feed.json"];
    let Ok(page) = Url::parse(page) else { return Vec::new() };
    let mut found: Vec<String> = Vec::new();
    for base in ["./", "/"] {
        let Ok(dir) = page.join(base) else { continue };
        for path in PATHS {
            if let Ok(url) = dir.join(path) {
                let url = url.to_string();
                if !found.contains(&url) && url != page.as_str() {
                    found.push(url);
                }
            }
        }
    }
    found
}

/// The address to fetch `url` through a CORS proxy `template`: `{url}` in the template is
/// replaced by the percent-encoded address; a template without it gets the encoded address
/// appended (`https://proxy.example/?url=`).
///
/// Checked by hand rather than with a URL parser: the engine calls this on every proxied
/// fetch, and it carries no URL parser of its own (the browser's fetch checks the rest).
pub fn through_proxy(template: &str, url: &str) -> Result<String, String> {
    let template = template.trim();
    let encoded = crate::core::text::percent_encode(url);
    let address = if template.contains("{url}") { template.replace("{url}", &encoded) } else { format!("{template}{encoded}") };
    let host = address.strip_prefix("https://").or_else(|| address.strip_prefix("http://"));
    match host.and_then(|rest| rest.split(['/', '?', '#']).next()) {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(address),
        _ => Err(format!("The CORS proxy “{template}” is not an http(s) address; check it in Settings.")),
    }
}

/// The `charset` parameter of a Content-Type header, if it names one.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"').to_string()).filter(|v| !v.is_empty())
    })
}

/// The address in what another app shared with the reader (a phone's share sheet fills the
/// title, the text and the address as it likes): the shared address, else the first web
/// address in the text or the title.
pub fn shared_address(url: Option<&str>, text: Option<&str>, title: Option<&str>) -> Option<String> {
    if let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) {
        return Some(url.to_string());
    }
    [text, title]
        .into_iter()
        .flatten()
        .flat_map(str::split_whitespace)
        .find(|word| word.starts_with("https://") || word.starts_with("http://"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_addresses_become_https_urls() {
        assert_eq!(normalize(" example.com/feed ").unwrap(), "https://example.com/feed");
        assert_eq!(normalize("http://example.com").unwrap(), "http://example.com/");
        assert_eq!(normalize("feed://example.com/rss").unwrap(), "https://example.com/rss");
        assert_eq!(normalize("feed:https://example.com/rss").unwrap(), "https://example.com/rss");
        assert_eq!(normalize("127.0.0.1:8765/x").unwrap(), "https://127.0.0.1:8765/x");
        assert_eq!(normalize("web+feed:https://example.com/rss").unwrap(), "https://example.com/rss");
        assert_eq!(normalize("web+feed://example.com/rss").unwrap(), "https://example.com/rss");
    }

    #[test]
    fn a_shared_page_gives_its_address() {
        assert_eq!(shared_address(Some(" https://example.com/a "), Some("x"), None).as_deref(), Some("https://example.com/a"));
        assert_eq!(
            shared_address(None, Some("Read this: https://example.com/post?id=1"), Some("A post")).as_deref(),
            Some("https://example.com/post?id=1")
        );
        assert_eq!(shared_address(Some(""), None, Some("https://example.com/t")).as_deref(), Some("https://example.com/t"));
        assert_eq!(shared_address(None, Some("no address here"), None), None);
    }

    #[test]
    fn other_schemes_and_garbage_are_refused_with_a_reason() {
        assert!(normalize("").unwrap_err().contains("Type the address"));
        assert!(
            normalize("javascript:alert(1)").unwrap_err().contains("not a web address")
                || normalize("javascript:alert(1)").unwrap_err().contains("only http")
        );
        assert!(normalize("ftp://example.com/feed").unwrap_err().contains("only http and https"));
        assert!(normalize("https://exa mple.com").unwrap_err().contains("not a web address"));
    }

    #[test]
    fn usual_paths_beside_the_page_then_at_the_root() {
        let paths = guess_paths("https://example.com/blog/");
        assert_eq!(paths[0], "https://example.com/blog/feed");
        assert_eq!(paths[5], "https://example.com/blog/feed.json");
        assert_eq!(paths[6], "https://example.com/feed");
        assert_eq!(paths.len(), 12);
        let root = guess_paths("https://example.com/");
        assert_eq!(root.len(), 6, "the page's folder is the root: no repeats");
        assert!(root.contains(&"https://example.com/rss.xml".to_string()));
    }

    #[test]
    fn proxy_templates_get_the_encoded_address() {
        let url = "https://example.com/feed?a=1&b=2";
        assert_eq!(
            through_proxy("https://proxy.example/?url={url}", url).unwrap(),
            "https://proxy.example/?url=https%3A%2F%2Fexample.com%2Ffeed%3Fa%3D1%26b%3D2"
        );
        assert_eq!(
            through_proxy("https://proxy.example/get?u=", url).unwrap(),
            "https://proxy.example/get?u=https%3A%2F%2Fexample.com%2Ffeed%3Fa%3D1%26b%3D2"
        );
        assert!(through_proxy("not a proxy {url}", url).unwrap_err().contains("Settings"));
    }

    #[test]
    fn charset_comes_from_the_content_type_parameter() {
        assert_eq!(charset_of("application/rss+xml; charset=ISO-8859-1").as_deref(), Some("ISO-8859-1"));
        assert_eq!(charset_of("text/xml;Charset=\"utf-8\"").as_deref(), Some("utf-8"));
        assert_eq!(charset_of("application/xml"), None);
        assert_eq!(charset_of("text/html; charset="), None);
    }
}
