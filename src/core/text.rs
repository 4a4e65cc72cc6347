//! Small string helpers every stage shares.

/// Escapes the characters that mean something in HTML text or attributes.
pub fn escape_html_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// [`escape_html_into`] into a new string.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_html_into(text, &mut out);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_would_read_as_markup() {
        assert_eq!(escape_html(r#"<a href="x">Tom & 'Jerry'</a>"#), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits_and_repeat_once() {
        let split: Vec<String> = words("Hello, wörld! 42-times 漢字").collect();
        assert_eq!(split, ["hello", "wörld", "42", "times", "漢字"]);
        assert_eq!(distinct_words(["Rust and rust", "RUST wasm"]), "rust and wasm");
    }

    #[test]
    fn collapses_every_kind_of_whitespace() {
        assert_eq!(collapse_whitespace("  a \n\t b\u{a0}c  "), "a b\u{a0}c", "a no-break space is the author's");
        assert_eq!(collapse_whitespace("already tidy"), "already tidy");
    }
}
