//! Every encoding issue 3 lists decodes correctly: BOMs, the XML declaration, the HTTP charset,
//! and valid UTF-8 winning over a declaration that lies. Documents are encoded with encoding_rs.

use std::sync::atomic::{AtomicUsize, Ordering};

use feedreader::core::decode::LegacyDecoder;
use feedreader::core::parse::{parse_bytes, ParseOptions};
use feedreader::core::{Feed, Markup};

/// Text in each encoding's script.
const CASES: &[(&str, &str)] = &[
    ("ISO-8859-1", "Café à la crème, naïve façade"),
    ("windows-1252", "Smart “quotes” — and €5 · œuvre"),
    ("ISO-8859-15", "Prix: 5 € - Œuvre, Šárka, Žofie, œil, Ÿ"),
    ("KOI8-R", "Привет, мир! Новости дня"),
    ("windows-1251", "Здравей, свят! Българска новина"),
    ("Shift_JIS", "日本語のニュース、カタカナ"),
    ("EUC-JP", "東京の天気は晴れです"),
    ("GB2312", "中文新闻标题"),
    ("GBK", "简体中文：今日要闻"),
    ("GB18030", "中文 𠀀 新闻"),
    ("Big5", "繁體中文新聞標題"),
    ("EUC-KR", "한국어 뉴스 제목"),
];

fn doc(declared: Option<&str>, text: &str) -> String {
    let decl = declared.map(|d| format!(r#"<?xml version="1.0" encoding="{d}"?>"#)).unwrap_or_default();
    format!(r#"{decl}<rss version="2.0"><channel><title>{text}</title><item><title>{text}</title><guid>1</guid></item></channel></rss>"#)
}

fn encode(label: &str, text: &str) -> Vec<u8> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{label} cannot encode the sample");
    bytes.into_owned()
}

fn read(bytes: &[u8], charset: Option<&str>) -> Feed<Markup> {
    let options = ParseOptions { charset: charset.map(str::to_string), ..ParseOptions::default() };
    parse_bytes(bytes, &options).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_listed_encoding_from_the_xml_declaration() {
    for (label, text) in CASES {
        let bytes = encode(label, &doc(Some(label), text));
        assert!(std::str::from_utf8(&bytes).is_err(), "{label}: the sample must not be valid UTF-8");
        let feed = read(&bytes, None);
        assert_eq!(feed.title.as_deref(), Some(*text), "{label}");
        assert_eq!(feed.entries[0].title.as_deref(), Some(*text), "{label}");
    }
}

#[test]
fn every_listed_encoding_from_the_http_charset() {
    for (label, text) in CASES {
        let bytes = encode(label, &doc(None, text));
        let feed = read(&bytes, Some(&label.to_lowercase()));
        assert_eq!(feed.title.as_deref(), Some(*text), "{label}");
    }
}

#[test]
fn the_http_charset_wins_over_the_declaration() {
    let bytes = encode("KOI8-R", &doc(Some("windows-1251"), "Привет"));
    assert_eq!(read(&bytes, Some("koi8-r")).title.as_deref(), Some("Привет"));
}

#[test]
fn valid_utf8_wins_when_the_declaration_lies() {
    let bytes = doc(Some("ISO-8859-1"), "Café “déjà vu”").into_bytes();
    assert_eq!(read(&bytes, None).title.as_deref(), Some("Café “déjà vu”"));
    assert_eq!(read(&bytes, Some("windows-1251")).title.as_deref(), Some("Café “déjà vu”"));
}

#[test]
fn utf8_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(doc(Some("utf-8"), "Grüße").as_bytes());
    assert_eq!(read(&bytes, None).title.as_deref(), Some("Grüße"));
}

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = (if bom { "\u{FEFF}" } else { "" }).encode_utf16().chain(text.encode_utf16());
    for unit in units {
        bytes.extend(if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    bytes
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let text = "Ελληνικά 𝄞 日本";
    for little_endian in [true, false] {
        let bytes = utf16(&doc(Some("UTF-16"), text), little_endian, true);
        assert_eq!(read(&bytes, None).title.as_deref(), Some(text), "little endian: {little_endian}");
    }
}

#[test]
fn utf16_without_bom_from_the_declaration_pattern() {
    let bytes = utf16(&doc(Some("UTF-16"), "ohne BOM"), true, false);
    assert_eq!(read(&bytes, None).title.as_deref(), Some("ohne BOM"));
}

#[test]
fn undeclared_non_utf8_is_read_as_windows_1252_with_a_note() {
    let bytes = encode("windows-1252", &doc(None, "Café “quoted”"));
    let feed = read(&bytes, None);
    assert_eq!(feed.title.as_deref(), Some("Café “quoted”"));
    assert!(feed.diagnostics[0].message.contains("windows-1252"), "{:?}", feed.diagnostics);
}

#[derive(Debug)]
struct CountingDecoder(AtomicUsize);

impl LegacyDecoder for CountingDecoder {
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String> {
        self.0.fetch_add(1, Ordering::SeqCst);
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
        Some(encoding.decode_without_bom_handling(bytes).0.into_owned())
    }
}

static COUNTING: CountingDecoder = CountingDecoder(AtomicUsize::new(0));

#[test]
fn a_caller_supplied_decoder_handles_other_charsets() {
    let bytes = encode("Shift_JIS", &doc(Some("Shift_JIS"), "日本語"));
    let options = ParseOptions { decoder: Some(&COUNTING), ..ParseOptions::default() };
    let feed = parse_bytes(&bytes, &options).unwrap();
    assert_eq!(feed.title.as_deref(), Some("日本語"));
    assert_eq!(COUNTING.0.load(Ordering::SeqCst), 1);
}

#[derive(Debug)]
struct KnowsNothing;

impl LegacyDecoder for KnowsNothing {
    fn decode(&self, _: &str, _: &[u8]) -> Option<String> {
        None
    }
}

static KNOWS_NOTHING: KnowsNothing = KnowsNothing;

#[test]
fn an_unknown_charset_still_gives_the_entries_with_a_diagnostic() {
    let bytes = encode("EUC-KR", &doc(Some("EUC-KR"), "한국어"));
    let options = ParseOptions { decoder: Some(&KNOWS_NOTHING), ..ParseOptions::default() };
    let feed = parse_bytes(&bytes, &options).unwrap();
    assert_eq!(feed.entries.len(), 1);
    assert!(feed.diagnostics[0].message.contains("euc-kr"), "{:?}", feed.diagnostics);
}
