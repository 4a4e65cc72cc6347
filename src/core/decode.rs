//! Bytes (+ the charset the server named) → text.
//!
//! One API for native code and the browser. UTF-8 (with or without BOM), UTF-16 and UTF-32
//! (a BOM, the first bytes of `<`, or a label), windows-1252 (which also stands for ISO-8859-1 and US-ASCII, as on the web)
//! and ISO-8859-15 are decoded here in pure Rust. Every other charset goes to a
//! [`LegacyDecoder`]: natively encoding_rs, in the browser one the app backs with `TextDecoder`,
//! which already knows every web encoding, so encoding_rs's tables stay out of the wasm.
//!
//! The order: a BOM; then valid UTF-8 wins over any label (servers and declarations often claim
//! ISO-8859-1 for UTF-8 bytes, and valid UTF-8 is almost never an accident); then the HTTP
//! charset; then the XML declaration; else windows-1252. Last, C1 control characters
//! (U+0080–U+009F), which no one writes on purpose, become the windows-1252 characters they
//! are the bytes of: the usual damage of a feed declared ISO-8859-1 and written in windows-1252.

use std::borrow::Cow;
use std::fmt;

use markup5ever::data::C1_REPLACEMENTS;

/// Decodes charsets this module does not know itself.
pub trait LegacyDecoder: Sync + fmt::Debug {
    /// Decodes `bytes` in the encoding a WHATWG label names (`shift_jis`, `koi8-r`, `gbk`…),
    /// replacing malformed sequences; `None` when the label is unknown.
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String>;
}

/// A document's text and how it was obtained.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding used, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`, `shift_jis`.
    pub encoding: String,
    /// Problems worth telling the user (a label nobody knows, malformed bytes).
    pub warnings: Vec<String>,
}

/// Decodes a document. `charset` is the HTTP Content-Type's; `legacy` decodes other charsets
/// (natively, `None` means encoding_rs). An encoding nobody here knows is read as UTF-8 with
/// replacement characters and a warning rather than refused: the markup, and so the feed's
/// structure, is ASCII in every such encoding, so the reader still gets its entries.
pub fn decode<'a>(bytes: &'a [u8], charset: Option<&str>, legacy: Option<&dyn LegacyDecoder>) -> Decoded<'a> {
    let mut decoded = decode_as_labelled(bytes, charset, legacy);
    if let Some(mapped) = map_c1(&decoded.text) {
        decoded.text = Cow::Owned(mapped);
    }
    decoded
}

/// U+0080–U+009F mapped to windows-1252's characters, or `None` when there are none.
fn map_c1(text: &str) -> Option<String> {
    // In UTF-8 each of them is 0xC2 then 0x80–0x9F. Looked for with `memchr` (0xC2 is rare in
    // most text): a byte-by-byte look over every document was a twentieth of parsing a big feed.
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(0xC2, bytes).any(|at| bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b))) {
        return None;
    }
    Some(
        text.chars()
            .map(|c| match c as u32 {
                code @ 0x80..=0x9F => C1_REPLACEMENTS[(code - 0x80) as usize].unwrap_or(c),
                _ => c,
            })
            .collect(),
    )
}

fn decode_as_labelled<'a>(bytes: &'a [u8], charset: Option<&str>, legacy: Option<&dyn LegacyDecoder>) -> Decoded<'a> {
    let done = |text: Cow<'a, str>, encoding: &str| Decoded { text, encoding: encoding.to_string(), warnings: Vec::new() };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    // UTF-32's byte order marks, and its `<` (the little-endian mark begins like UTF-16's).
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\0\0") {
        return done(Cow::Owned(utf32(rest, u32::from_le_bytes)), "UTF-32LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\0\0\xFE\xFF") {
        return done(Cow::Owned(utf32(rest, u32::from_be_bytes)), "UTF-32BE");
    }
    if bytes.starts_with(b"<\0\0\0") {
        return done(Cow::Owned(utf32(bytes, u32::from_le_bytes)), "UTF-32LE");
    }
    if bytes.starts_with(b"\0\0\0<") {
        return done(Cow::Owned(utf32(bytes, u32::from_be_bytes)), "UTF-32BE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return done(Cow::Owned(utf16(rest, u16::from_le_bytes)), "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return done(Cow::Owned(utf16(rest, u16::from_be_bytes)), "UTF-16BE");
    }
    if bytes.starts_with(b"<\0?\0") {
        return done(Cow::Owned(utf16(bytes, u16::from_le_bytes)), "UTF-16LE");
    }
    if bytes.starts_with(b"\0<\0?") {
        return done(Cow::Owned(utf16(bytes, u16::from_be_bytes)), "UTF-16BE");
    }
    let label = charset.map(normalize).filter(|l| !l.is_empty()).or_else(|| declared_encoding(bytes));
    let seven_bit = label.as_deref().is_some_and(|l| l.starts_with("iso-2022") || l == "hz-gb-2312" || l == "utf-7");
    if let (Ok(text), false) = (std::str::from_utf8(bytes), seven_bit) {
        return done(Cow::Borrowed(text), "UTF-8");
    }
    let Some(label) = label else {
        let mut decoded = done(Cow::Owned(windows_1252(bytes, false)), "windows-1252");
        decoded.warnings.push("the document is not valid UTF-8 and names no encoding; it was read as windows-1252".into());
        return decoded;
    };
    match label.as_str() {
        "utf-8" | "utf8" | "unicode-1-1-utf-8" => return utf8(bytes),
        "utf-16" | "utf-16le" => return done(Cow::Owned(utf16(bytes, u16::from_le_bytes)), "UTF-16LE"),
        "utf-16be" => return done(Cow::Owned(utf16(bytes, u16::from_be_bytes)), "UTF-16BE"),
        "utf-32" | "utf-32le" | "ucs-4" => return done(Cow::Owned(utf32(bytes, u32::from_le_bytes)), "UTF-32LE"),
        "utf-32be" => return done(Cow::Owned(utf32(bytes, u32::from_be_bytes)), "UTF-32BE"),
        "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "l1" | "cp819" | "ibm819" | "us-ascii" | "ascii" | "windows-1252"
        | "cp1252" | "x-cp1252" | "iso-ir-100" | "csisolatin1" => {
            return done(Cow::Owned(windows_1252(bytes, false)), "windows-1252");
        }
        "iso-8859-15" | "iso8859-15" | "iso_8859-15" | "latin9" | "l9" | "csisolatin9" | "latin-9" => {
            return done(Cow::Owned(windows_1252(bytes, true)), "ISO-8859-15");
        }
        _ => {}
    }
    if let Some(text) = legacy.or(default_decoder()).and_then(|d| d.decode(&label, bytes)) {
        return done(Cow::Owned(text), &label);
    }
    let mut decoded = done(Cow::Owned(String::from_utf8_lossy(bytes).into_owned()), "UTF-8");
    decoded
        .warnings
        .push(format!("the encoding \"{label}\" is not supported here; the document was read as UTF-8 and some characters may be wrong"));
    decoded
}

fn utf8(bytes: &[u8]) -> Decoded<'_> {
    let text = String::from_utf8_lossy(bytes);
    let warnings = match text {
        Cow::Owned(_) => vec!["the document is not valid UTF-8; unreadable bytes were replaced by �".to_string()],
        Cow::Borrowed(_) => Vec::new(),
    };
    Decoded { text, encoding: "UTF-8".into(), warnings }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect()
}

fn utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> String {
    bytes
        .chunks(4)
        .map(|quad| match quad {
            [a, b, c, d] => char::from_u32(unit([*a, *b, *c, *d])).unwrap_or('\u{FFFD}'),
            _ => '\u{FFFD}',
        })
        .collect()
}

/// windows-1252, or with `latin9` ISO-8859-15 (the euro and seven letters in place of symbols).
fn windows_1252(bytes: &[u8], latin9: bool) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F if !latin9 => C1_REPLACEMENTS[(b - 0x80) as usize].unwrap_or(b as char),
            0xA4 if latin9 => '€',
            0xA6 if latin9 => 'Š',
            0xA8 if latin9 => 'š',
            0xB4 if latin9 => 'Ž',
            0xB8 if latin9 => 'ž',
            0xBC if latin9 => 'Œ',
            0xBD if latin9 => 'œ',
            0xBE if latin9 => 'Ÿ',
            _ => b as char,
        })
        .collect()
}

fn normalize(label: &str) -> String {
    label.trim().trim_matches(['"', '\'']).trim().to_ascii_lowercase()
}

/// The `encoding` of an `<?xml … ?>` declaration at the start of the bytes.
pub fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = head[start..].strip_prefix(b"<?xml")?;
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let after = &decl[decl.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    let label = normalize(&value[..value.find(quote)?]);
    (!label.is_empty()).then_some(label)
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::LegacyDecoder;

    /// encoding_rs, for native builds (tests, `feed2json`).
    #[derive(Debug)]
    pub struct EncodingRs;

    impl LegacyDecoder for EncodingRs {
        fn decode(&self, label: &str, bytes: &[u8]) -> Option<String> {
            let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
            Some(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
    }

    pub static ENCODING_RS: EncodingRs = EncodingRs;
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::EncodingRs;

fn default_decoder() -> Option<&'static dyn LegacyDecoder> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(&native::ENCODING_RS);
    #[cfg(target_arch = "wasm32")]
    return None;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_declared_encoding() {
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>").as_deref(), Some("iso-8859-1"));
        assert_eq!(declared_encoding(b"  <?xml version='1.0' encoding = 'koi8-r' ?>").as_deref(), Some("koi8-r"));
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?>"), None);
        assert_eq!(declared_encoding(b"<rss encoding=\"x\"/>"), None);
    }

    #[test]
    fn windows_1252_and_latin9_differ_where_they_should() {
        assert_eq!(windows_1252(b"\x80\xA4\xE9", false), "€¤é");
        assert_eq!(windows_1252(b"\x80\xA4\xE9", true), "\u{80}€é");
    }

    #[test]
    fn valid_utf8_wins_over_a_lying_label() {
        let d = decode("<a>café</a>".as_bytes(), Some("iso-8859-1"), None);
        assert_eq!((d.text.as_ref(), d.encoding.as_str()), ("<a>café</a>", "UTF-8"));
    }

    #[test]
    fn unknown_label_without_decoder_is_lossy_with_a_warning() {
        #[derive(Debug)]
        struct Nothing;
        impl LegacyDecoder for Nothing {
            fn decode(&self, _: &str, _: &[u8]) -> Option<String> {
                None
            }
        }
        let d = decode(b"<a>\x82\xa0</a>", Some("x-unknown"), Some(&Nothing));
        assert!(d.text.starts_with("<a>"));
        assert!(d.warnings[0].contains("x-unknown"), "{:?}", d.warnings);
    }
}
