//! Puts the attributes the policy adds in one fixed order.
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
//! changed; anything not of that shape makes the pass give the input back unchanged.

/// Attributes the policy adds, in the order they are written.
const ADDED: &[&str] = &["target", "rel", "sandbox", "loading", "decoding", "referrerpolicy", "controls"];

/// Elements the policy adds attributes to.
const AFFECTED: &[&str] = &["a", "img", "iframe", "video", "audio"];

/// Returns `html` (ammonia's output) with added attributes in a fixed order.
pub(crate) fn order_added_attributes(html: String) -> String {
    match reorder(&html) {
        Some(Some(reordered)) => reordered,
        // Already in order, or not the shape this pass understands: keep as is.
        Some(None) | None => html,
    }
}

/// `Some(None)` when nothing had to move, `None` when the input is not serializer output.
fn reorder(html: &str) -> Option<Option<String>> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut pos = 0;
    while let Some(offset) = bytes[pos..].iter().position(|&b| b == b'<') {
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
        let (units, tag_end) = attribute_units(html, name_end)?;
        pos = tag_end;
        let mut ordered: Vec<&(&str, &str)> = units.iter().filter(|(n, _)| !ADDED.contains(n)).collect();
        for added in ADDED {
            ordered.extend(units.iter().filter(|(n, _)| n == added));
        }
        if ordered.iter().zip(&units).all(|(a, b)| std::ptr::eq(*a, b)) {
            continue;
        }
        let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
        buffer.push_str(&html[copied..name_end]);
        for (_, unit) in ordered {
            buffer.push_str(unit);
        }
        copied = tag_end;
    }
    Some(out.map(|mut buffer| {
        buffer.push_str(&html[copied..]);
        buffer
    }))
}

/// The ` name="value"` units of a start tag whose name ends at `pos`, and the index of its `>`.
fn attribute_units(html: &str, mut pos: usize) -> Option<(Vec<(&str, &str)>, usize)> {
    let bytes = html.as_bytes();
    let mut units = Vec::new();
    loop {
        match bytes.get(pos)? {
            b'>' => return Some((units, pos)),
            b' ' => {
                let name_len = bytes[pos + 1..].iter().position(|&b| b == b'=')?;
                let name = &html[pos + 1..pos + 1 + name_len];
                let value_start = pos + 1 + name_len + 1;
                if bytes.get(value_start) != Some(&b'"') || name.bytes().any(|b| matches!(b, b' ' | b'"' | b'>' | b'<')) {
                    return None;
                }
                let value_len = bytes[value_start + 1..].iter().position(|&b| b == b'"')?;
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
            order_added_attributes(html.into()),
            "<p>x</p><a href=\"https://e.x/?a=&quot;>\" target=\"_blank\" rel=\"noopener noreferrer\" referrerpolicy=\"no-referrer\">y</a>"
        );
    }

    #[test]
    fn unexpected_shapes_are_left_alone() {
        for html in ["<a href=x>y</a>", "<img src=\"x", "<iframe src=\"x\">text</iframe>", "a < b"] {
            assert_eq!(order_added_attributes(html.into()), html);
        }
    }
}
