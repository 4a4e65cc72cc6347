//! The plain-text excerpt of the entry list.

use feedreader::core::sanitize::{excerpt, sanitize_markup};
use feedreader::core::SafeHtml;
use feedreader::core::{Markup, MarkupKind};

fn safe(body: &str) -> SafeHtml {
    sanitize_markup(&Markup { kind: MarkupKind::Html, body: body.into(), base: None })
}

#[test]
fn tags_go_entities_decode_whitespace_collapses() {
    let html = safe("<h1>Caf&eacute;\n\n  time</h1><p>Fish&nbsp;&amp;&nbsp;chips &lt;3 <b>bold</b>ly</p><ul><li>one</li><li>two</li></ul>");
    assert_eq!(excerpt(&html, 200), "Café time Fish\u{a0}&\u{a0}chips <3 boldly one two", "no-break spaces are the author's");
}

#[test]
fn blocks_do_not_glue_words_together() {
    let html = safe("<p>end</p><p>start</p><div>a</div><div>b</div>line<br>break<table><tr><td>c1</td><td>c2</td></tr></table>");
    assert_eq!(excerpt(&html, 200), "end start a b line break c1 c2");
}

#[test]
fn media_fallback_text_is_not_part_of_the_excerpt() {
    let html = safe("<p>Watch:</p><video src=\"https://example.com/v.mp4\">Your browser cannot play this</video>");
    assert_eq!(excerpt(&html, 200), "Watch:");
}

#[test]
fn short_text_is_not_cut() {
    let html = safe("<p>Just a few words.</p>");
    assert_eq!(excerpt(&html, 200), "Just a few words.");
    assert_eq!(excerpt(&html, 17), "Just a few words.");
}

#[test]
fn long_text_is_cut_at_a_word_boundary_with_an_ellipsis() {
    let words = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(10);
    let html = safe(&format!("<p>{words}</p>"));
    let cut = excerpt(&html, 200);
    assert!(cut.ends_with('…'), "{cut}");
    assert!(cut.chars().count() <= 200, "{}", cut.chars().count());
    assert!(cut.chars().count() >= 180, "{}", cut.chars().count());
    let body = cut.trim_end_matches('…');
    assert!(words.starts_with(body), "{cut}");
    assert!(words[body.len()..].starts_with(' '), "cut inside a word: {cut}");
}

#[test]
fn never_cuts_inside_a_character() {
    for text in ["é".repeat(300), "日本語のテキスト".repeat(40), "👩‍👩‍👧 ".repeat(80), "a".repeat(500)] {
        let html = safe(&text);
        for max in [0, 1, 2, 3, 10, 199, 200, 201] {
            let cut = excerpt(&html, max);
            assert!(cut.chars().count() <= max, "{max}: {cut}");
        }
    }
}

#[test]
fn a_single_huge_word_is_cut_hard() {
    let html = safe(&format!("<p>{}</p>", "x".repeat(1000)));
    let cut = excerpt(&html, 50);
    assert_eq!(cut, format!("{}…", "x".repeat(49)));
}

#[test]
fn empty_html_gives_an_empty_excerpt() {
    assert_eq!(excerpt(&safe(""), 200), "");
    assert_eq!(excerpt(&safe("<img src=\"https://example.com/a.png\">"), 200), "");
}
