//! Small string helpers every stage shares.

/// Escapes text for HTML or XML, in element content or in a quoted attribute value (the
/// sanitizer's text bodies, the parser's serialized markup, OPML's attributes): `&`, `<`, `>`,
/// `"` and `'` become references, and the characters XML cannot hold at all (C0 controls but
/// tab, line feed and carriage return; U+FFFE, U+FFFF) are dropped, since an OPML file with one
/// is refused whole by strict readers and an HTML page shows them as nothing useful.
///
/// Tab, line feed and carriage return stay as they are, though an XML attribute reads them back
/// as spaces: every reader of our attributes (ours included) folds whitespace in names and
/// addresses anyway, and bodies keep their line breaks readable.
pub fn escape_markup_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    // Byte by byte, copying runs between the few bytes that need anything: almost every byte of
    // a body needs nothing, and this runs over every body and title of every feed.
    while at < bytes.len() {
        let (replacement, len) = match bytes[at] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => {
                at += 1;
                continue;
            }
            0..=0x1f => ("", 1),
            // U+FFFE and U+FFFF, in UTF-8.
            0xEF if bytes.get(at + 1) == Some(&0xBF) && matches!(bytes.get(at + 2), Some(0xBE | 0xBF)) => ("", 3),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        at += len;
        copied = at;
    }
    out.push_str(&text[copied..]);
}

/// [`escape_markup_into`] into a new string.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_markup_into(text, &mut out);
    out
}

/// XML's whitespace: space, tab, carriage return, line feed. Nothing else is folded: a
/// no-break space (U+00A0) or a thin space an author typed stays where it is.
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Joins runs of XML whitespace into one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let already = !bytes.first().is_some_and(|&b| is_xml_space(b))
        && !bytes.last().is_some_and(|&b| is_xml_space(b))
        && !bytes.windows(2).any(|w| is_xml_space(w[0]) && (is_xml_space(w[1]) || w[0] != b' '));
    if already {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_ascii() && is_xml_space(c as u8)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The words of a text as search sees them: runs of letters and digits, lowercase.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The distinct [`words`] of some texts, in order of first appearance, joined by spaces.
pub fn distinct_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for text in texts {
        for word in words(text) {
            if seen.insert(word.clone()) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&word);
            }
        }
    }
    out
}

/// Everything but unreserved characters percent-encoded, as `encodeURIComponent` leaves a
/// query value: a proxy's `{url}`, or a folder named "News/Tech #1" in the page's address.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What [`percent_encode`] made, back; a `%` not followed by two hex digits stays as it is,
/// and bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_or_xml_would_read_as_markup() {
        assert_eq!(escape_markup(r#"<a href="x">Tom & 'Jerry'</a>"#), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
        assert_eq!(escape_markup("été\ttab\nline"), "été\ttab\nline");
    }

    #[test]
    fn drops_what_xml_cannot_hold() {
        assert_eq!(escape_markup("bell\u{7} nul\0 \u{fffe}\u{ffff}\u{fffd}"), "bell nul \u{fffd}");
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits_and_repeat_once() {
        let split: Vec<String> = words("Hello, wörld! 42-times 漢字").collect();
        assert_eq!(split, ["hello", "wörld", "42", "times", "漢字"]);
        assert_eq!(distinct_words(["Rust and rust", "RUST wasm"]), "rust and wasm");
    }

    #[test]
    fn percent_encoding_round_trips_and_leaves_stray_percents() {
        let text = "News/Tech #1 & 100% café";
        assert_eq!(percent_encode(text), "News%2FTech%20%231%20%26%20100%25%20caf%C3%A9");
        assert_eq!(percent_decode(&percent_encode(text)), text);
        assert_eq!(percent_decode("50%-off %zz"), "50%-off %zz");
    }

    #[test]
    fn collapses_every_kind_of_whitespace() {
        assert_eq!(collapse_whitespace("  a \n\t b\u{a0}c  "), "a b\u{a0}c", "a no-break space is the author's");
        assert_eq!(collapse_whitespace("already tidy"), "already tidy");
    }
}
