//! Puts the attributes the policy adds in one fixed order, and gives every image an `alt`
//! (the author's, else an empty one, so that a screen reader skips the image rather than read
//! out its file name; an image that is all of its link gets the link's site). Links with
//! nothing in them go: a screen reader would announce a link without a name.
//!
//! ammonia adds `set_tag_attribute_values` from a `HashMap`, whose order changes from one
//! process to the next, so the same article could serialize differently on every run (bad for
//! golden files, diffs and caches). This pass rewrites each affected start tag of ammonia's
//! output with the element's own attributes first, as ammonia left them, then the added ones
//! in [`ADDED`] order.
//!
//! It relies on the exact shape of html5ever's serializer: `<name` then ` attr="value"` units
//! (values escape `"`, `&`, `<` and `>`) then `>`; text escapes `<`; comments were stripped. In
//! that output every `<` opens a tag. Units are only moved whole within their own tag, never
//! changed, and an image's missing `alt=""` is the only one added; anything not of that shape
//! makes the pass give the input back unchanged.

use std::borrow::Cow;

/// Attributes the policy adds, in the order they are written.
const ADDED: &[&str] = &["target", "rel", "sandbox", "loading", "decoding", "referrerpolicy", "controls"];

/// The `alt` an image without one gets.
const EMPTY_ALT: &str = " alt=\"\"";

/// Where a link whose content (from `from`) is nothing, or only empty inline elements, ends
/// (after its `</a>`); `None` if it holds text, an image or anything else.
fn empty_link_end(html: &str, from: usize) -> Option<usize> {
    const EMPTY_INLINE: &[&str] = &["<span>", "</span>", "<b>", "</b>", "<i>", "</i>", "<em>", "</em>", "<strong>", "</strong>"];
    let mut at = from;
    loop {
        let rest = html.get(at..)?;
        if rest.starts_with("</a>") {
            return Some(at + "</a>".len());
        }
        at += EMPTY_INLINE.iter().find(|tag| rest.starts_with(*tag))?.len();
    }
}

/// The site a ` href="…"` unit points at, as alt text for the image that is all of its link.
fn host_of(unit: &str) -> Option<String> {
    let value = unit.strip_prefix(" href=\"")?.strip_suffix('"')?.replace("&amp;", "&");
    let host = url::Url::parse(&value).ok()?.host_str()?.trim_start_matches("www.").to_string();
    // Host names need no escaping, but nothing else may reach the attribute.
    (!host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')).then_some(host)
}

/// Elements the policy adds attributes to.
const AFFECTED: &[&str] = &["a", "img", "iframe", "video", "audio"];

/// Returns `html` (ammonia's output) with added attributes in a fixed order, as a string of its
/// own (the caller serializes into a buffer it reuses).
pub(crate) fn order_added_attributes(html: &str) -> String {
    // Not the shape this pass understands: keep as is.
    reorder(html).unwrap_or_else(|| html.to_owned())
}

/// `None` when the input is not serializer output.
fn reorder(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    // One list for every tag's units, cleared for each: a tag's own allocation was most of
    // this pass's time.
    let mut units: Vec<(&str, &str)> = Vec::new();
    let mut copied = 0;
    let mut pos = 0;
    // The last link opened: where its start tag ends, and its ` href="…"` unit.
    let mut link: Option<(usize, Option<&str>)> = None;
    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let start = pos + offset;
        let name_end = start + 1 + bytes[start + 1..].iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(bytes.len() - start - 1);
        let name = &html[start + 1..name_end];
        pos = name_end;
        if !AFFECTED.contains(&name) {
            continue;
        }
        if name == "iframe" && !html[name_end..].split_once('>')?.1.starts_with("</iframe>") {
            // An iframe's content is raw text; the policy leaves none, so any is unexpected.
            return None;
        }
        let tag_end = attribute_units(html, name_end, &mut units)?;
        pos = tag_end;
        if name == "a" {
            if let Some(after) = empty_link_end(html, tag_end + 1) {
                // Nothing to read or click: a target anchor, or a permalink whose icon was CSS.
                out.push_str(&html[copied..start]);
                copied = after;
                pos = after;
                continue;
            }
            link = Some((tag_end, units.iter().find(|(n, _)| *n == "href").map(|(_, unit)| *unit)));
        }
        let own_alt = units.iter().find(|(n, _)| *n == "alt").map(|(_, unit)| *unit);
        let alt: Option<Cow<'static, str>> = (name == "img" && own_alt.is_none_or(|unit| unit == EMPTY_ALT))
            .then(|| {
                // An image that is all of its link names the link (with the link's site), even
                // where its author left the alt empty: else the link has no name.
                let sole = link.filter(|(a_end, _)| a_end + 1 == start && html[tag_end + 1..].starts_with("</a>"));
                match sole.and_then(|(_, href)| href).and_then(host_of) {
                    Some(host) => Some(Cow::Owned(format!(" alt=\"{host}\""))),
                    None => own_alt.is_none().then_some(Cow::Borrowed(EMPTY_ALT)),
                }
            })
            .flatten();
        // The element's own attributes as ammonia left them, the alt it gets, then the added
        // ones in `ADDED` order.
        out.push_str(&html[copied..name_end]);
        for (name, unit) in &units {
            if !(ADDED.contains(name) || alt.is_some() && *name == "alt") {
                out.push_str(unit);
            }
        }
        if let Some(alt) = &alt {
            out.push_str(alt);
        }
        for added in ADDED {
            for (name, unit) in &units {
                if name == added {
                    out.push_str(unit);
                }
            }
        }
        copied = tag_end;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// Reads the ` name="value"` units of a start tag whose name ends at `pos` into `units`, and
/// returns the index of its `>`.
fn attribute_units<'h>(html: &'h str, mut pos: usize, units: &mut Vec<(&'h str, &'h str)>) -> Option<usize> {
    let bytes = html.as_bytes();
    units.clear();
    loop {
        match bytes.get(pos)? {
            b'>' => return Some(pos),
            b' ' => {
                let name_len = bytes[pos + 1..].iter().position(|&b| b == b'=')?;
                let name = &html[pos + 1..pos + 1 + name_len];
                let value_start = pos + 1 + name_len + 1;
                if bytes.get(value_start) != Some(&b'"') || name.bytes().any(|b| matches!(b, b' ' | b'"' | b'>' | b'<')) {
                    return None;
                }
                let value_len = memchr::memchr(b'"', &bytes[value_start + 1..])?;
                let end = value_start + 1 + value_len + 1;
                units.push((name, &html[pos..end]));
                pos = end;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::order_added_attributes;

    #[test]
    fn added_attributes_move_behind_the_elements_own() {
        let html =
            "<p>x</p><a referrerpolicy=\"no-referrer\" href=\"https://e.x/?a=&quot;>\" rel=\"noopener noreferrer\" target=\"_blank\">y</a>";
        assert_eq!(
            order_added_attributes(html),
            "<p>x</p><a href=\"https://e.x/?a=&quot;>\" target=\"_blank\" rel=\"noopener noreferrer\" referrerpolicy=\"no-referrer\">y</a>"
        );
    }

    #[test]
    fn an_image_without_alt_gets_an_empty_one_and_keeps_its_own() {
        let html = "<img loading=\"lazy\" src=\"https://e.x/a.png\"><img alt=\"A cat\" src=\"https://e.x/c.png\" loading=\"lazy\">";
        assert_eq!(
            order_added_attributes(html),
            "<img src=\"https://e.x/a.png\" alt=\"\" loading=\"lazy\"><img alt=\"A cat\" src=\"https://e.x/c.png\" loading=\"lazy\">"
        );
    }

    #[test]
    fn an_image_that_is_all_of_its_link_is_named_after_the_links_site() {
        let html = "<a href=\"https://www.example.com/post\"><img src=\"https://e.x/a.png\"></a><a href=\"https://e.x/\"><img src=\"https://e.x/b.png\"> and text</a><a href=\"https://cdn.example.org/big.jpg\"><img alt=\"\" src=\"https://e.x/c.png\"></a>";
        assert_eq!(
            order_added_attributes(html),
            "<a href=\"https://www.example.com/post\"><img src=\"https://e.x/a.png\" alt=\"example.com\"></a><a href=\"https://e.x/\"><img src=\"https://e.x/b.png\" alt=\"\"> and text</a><a href=\"https://cdn.example.org/big.jpg\"><img src=\"https://e.x/c.png\" alt=\"cdn.example.org\"></a>"
        );
    }

    #[test]
    fn links_with_nothing_in_them_go() {
        let html = "<h2><a href=\"#x\"><span></span></a>Title</h2><a></a><p><a href=\"https://e.x/\">kept</a></p>";
        assert_eq!(order_added_attributes(html), "<h2>Title</h2><p><a href=\"https://e.x/\">kept</a></p>");
    }

    #[test]
    fn unexpected_shapes_are_left_alone() {
        for html in ["<a href=x>y</a>", "<img src=\"x", "<iframe src=\"x\">text</iframe>", "a < b"] {
            assert_eq!(order_added_attributes(html), html);
        }
    }
}
