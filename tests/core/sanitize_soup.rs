//! Tag soup: thousands of bodies stitched at random from hostile fragments. Whatever comes in,
//! the sanitizer does not panic, its output obeys the policy, a second pass changes nothing,
//! and the excerpt is well-formed.

use crate::{hostile, invariants};

use feedreader::core::sanitize::{excerpt, sanitize_markup};
use feedreader::core::{Markup, MarkupKind};
use hostile::{BASE, CORPUS};

/// Pieces that change the parser's state when cut and glued at odd places.
const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "\"",
    "'",
    "=",
    "&",
    "&#",
    ";",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<svg>",
    "<math>",
    "<mi>",
    "<mtext>",
    "<foreignObject>",
    "<style>",
    "</style>",
    "<noscript>",
    "</noscript>",
    "<template>",
    "</template>",
    "<textarea>",
    "</textarea>",
    "<title>",
    "</title>",
    "<table>",
    "<td>",
    "<select>",
    "<form>",
    "<iframe src=https://www.youtube.com/embed/x>",
    "<iframe src=//evil.example/>",
    "</iframe>",
    "<img src=x onerror=alert(1)>",
    "<a href=",
    "javascript:",
    "java\tscript:",
    "data:text/html,",
    "<img src=\"https://example.com/a.png\" width=1 height=1>",
    "<p>",
    "</p>",
    "<pre><code>",
    "</code></pre>",
    "text ",
    "é",
    "\0",
    "\u{feff}",
    "<plaintext>",
];

/// xorshift64*: deterministic, so a failure always reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize
    }

    fn body(&mut self) -> String {
        let mut body = String::new();
        for _ in 0..1 + self.next() % 12 {
            if self.next() % 3 == 0 {
                let input = CORPUS[self.next() % CORPUS.len()].input;
                // Cut the corpus entry at a random character boundary.
                let cut: String = input.chars().take(self.next() % (input.chars().count() + 1)).collect();
                body.push_str(&cut);
            } else {
                body.push_str(PIECES[self.next() % PIECES.len()]);
            }
        }
        body
    }
}

#[test]
fn random_tag_soup_is_always_made_safe() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut failures = Vec::new();
    for round in 0..3000 {
        let body = rng.body();
        let base = (round % 2 == 0).then(|| BASE.to_owned());
        let markup = Markup { kind: MarkupKind::Html, body: body.clone(), base: base.clone() };
        let safe = sanitize_markup(&markup);
        let output = safe.as_str();
        let problems = invariants::policy_violations(output);
        if !problems.is_empty() {
            failures.push(format!("{body:?} -> {output:?}: {}", problems.join("; ")));
        }
        let again = sanitize_markup(&Markup { kind: MarkupKind::Html, body: output.to_owned(), base });
        if invariants::canonical(again.as_str()) != invariants::canonical(output) {
            failures.push(format!("{body:?} -> {output:?} -> {:?}", again.as_str()));
        }
        let text = excerpt(&safe, 40);
        assert!(text.chars().count() <= 40, "{text:?}");
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn text_bodies_of_any_content_stay_text() {
    let mut rng = Rng(42);
    for _ in 0..1000 {
        let body = rng.body();
        let html = sanitize_markup(&Markup { kind: MarkupKind::Text, body, base: None });
        let tags: Vec<String> = invariants::canonical(html.as_str())
            .into_iter()
            .filter(|t| t.starts_with("StartTag") || t.starts_with("EndTag"))
            .filter(|t| !matches!(t.split(' ').nth(1), Some("p" | "br")))
            .collect();
        assert!(tags.is_empty(), "{tags:?} in {:?}", html.as_str());
    }
}
