//! Filters: the reader's regular expressions over an entry's title, article text, author or
//! address, in one feed or everywhere, that hide what they match or mark it read as it
//! arrives (Miniflux's block and keep rules).
//!
//! Matching needs the `regex` crate, which is large in wasm (about 300 KB gzipped), so only
//! the filters' worker (`src/bin/filters.rs`, the engine's `Filters` port) calls [`Sieve`]: the
//! engine, the page and the parser's worker use the rest of this module (the rules
//! themselves, which apply where, their hash), and the linker leaves the regex engine out of
//! them.
//!
//! All the rules of one field are compiled into one `RegexSet`, so an entry is read once per
//! field whatever the number of rules (50 separate expressions were ten times slower).

use regex::{RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};

use super::hash::fnv1a;
use super::keys::FeedId;
use super::Entry;

/// What part of an entry a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Title,
    /// The article's text, tags left out (its content, else its summary).
    Text,
    /// Every author's name and address.
    Author,
    /// The article's address.
    Address,
}

impl Field {
    pub const ALL: [Field; 4] = [Field::Title, Field::Text, Field::Author, Field::Address];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Text => "text",
            Field::Author => "author",
            Field::Address => "address",
        }
    }
}

/// What a rule does to the entries it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Out of every list but Starred (like the trainer's dislike, and winning over a like).
    Hide,
    /// Arrives already read (a refresh's new entries only).
    MarkRead,
}

/// One filter. Its expression is matched without regard to case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterRule {
    pub field: Field,
    pub pattern: String,
    pub action: Action,
    /// Only in this feed; `None`: everywhere.
    #[serde(default)]
    pub feed: Option<FeedId>,
}

impl FilterRule {
    /// "title ~ sponsor", for labels and lists.
    pub fn label(&self) -> String {
        format!("{} ~ {}", self.field.name(), self.pattern)
    }
}

/// The rules that apply in one feed (everywhere, or there), in the reader's order: what the
/// parser is given for that feed's entries, and what a [`Verdict`]'s number counts in.
pub fn applicable(rules: &[FilterRule], feed: &FeedId) -> Vec<FilterRule> {
    rules.iter().filter(|r| applies(r, feed)).cloned().collect()
}

/// Whether a rule holds in `feed` (it is everywhere's, or that feed's).
pub fn applies(rule: &FilterRule, feed: &FeedId) -> bool {
    rule.feed.as_ref().is_none_or(|f| f == feed)
}

/// A hash of the hiding rules among `rules` (0 when there are none): a feed's stored verdicts
/// hold while the hash they were made under is the current one.
pub fn hiding_hash(rules: &[FilterRule]) -> u64 {
    hash_of(rules.iter())
}

/// The [`hiding_hash`] of the rules that apply in `feed`, without copying them (it is worked
/// out for every feed after each change).
pub fn hiding_hash_in(rules: &[FilterRule], feed: &FeedId) -> u64 {
    hash_of(rules.iter().filter(|r| applies(r, feed)))
}

fn hash_of<'a>(rules: impl Iterator<Item = &'a FilterRule>) -> u64 {
    let mut parts: Vec<&[u8]> = Vec::new();
    for rule in rules.filter(|r| r.action == Action::Hide) {
        parts.extend([rule.field.name().as_bytes(), rule.pattern.as_bytes(), b"\0"]);
    }
    if parts.is_empty() {
        0
    } else {
        fnv1a(&parts).max(1)
    }
}

/// What the rules say of one entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The first hiding rule that matches (its place among the rules judged with).
    pub hide: Option<u16>,
    /// Some mark-read rule matches.
    pub read: bool,
}

/// An expression that does not compile: which rule, where in it, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleError {
    /// The rule's place among those given.
    pub rule: usize,
    /// The character (from 1) the problem starts at, when the expression's syntax is wrong.
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(column) => write!(f, "The expression is not valid at character {column}: {}.", self.message),
            None => write!(f, "The expression is not valid: {}.", self.message),
        }
    }
}

/// An expression's problem, in words and with its place, from the regex crate's own parser
/// (whose error as a whole is several lines of ASCII art).
fn problem(rule: usize, pattern: &str) -> RuleError {
    let (column, message) = match regex_syntax::Parser::new().parse(pattern) {
        Err(regex_syntax::Error::Parse(e)) => (Some(e.span().start.column), e.kind().to_string()),
        Err(regex_syntax::Error::Translate(e)) => (Some(e.span().start.column), e.kind().to_string()),
        Err(other) => (None, other.to_string()),
        // It parses, but the compiled form is too large.
        Ok(_) => (None, "it would need too much memory; make it simpler".to_string()),
    };
    RuleError { rule, column, message }
}

/// Rules ready to judge entries with.
#[derive(Debug)]
pub struct Sieve {
    /// Per field: every rule of that field in one set, and each one's place among the rules.
    sets: Vec<(Field, RegexSet, Vec<u16>)>,
    actions: Vec<Action>,
}

impl Sieve {
    /// Compiles the rules; the first that does not compile is the error.
    pub fn new(rules: &[FilterRule]) -> Result<Sieve, RuleError> {
        let compile = |patterns: &[&str]| RegexSetBuilder::new(patterns).case_insensitive(true).size_limit(4 << 20).build();
        // Each alone first, so the error names its rule.
        for (n, rule) in rules.iter().enumerate() {
            if rule.pattern.trim().is_empty() {
                return Err(RuleError { rule: n, column: None, message: "it is empty".into() });
            }
            if compile(&[rule.pattern.as_str()]).is_err() {
                return Err(problem(n, &rule.pattern));
            }
        }
        let mut sets = Vec::new();
        for field in Field::ALL {
            let (places, patterns): (Vec<u16>, Vec<&str>) =
                rules.iter().enumerate().filter(|(_, r)| r.field == field).map(|(n, r)| (n as u16, r.pattern.as_str())).unzip();
            if !patterns.is_empty() {
                let set = compile(&patterns).map_err(|_| RuleError {
                    rule: places[0] as usize,
                    column: None,
                    message: "the rules together need too much memory".into(),
                })?;
                sets.push((field, set, places));
            }
        }
        Ok(Sieve { sets, actions: rules.iter().map(|r| r.action).collect() })
    }

    /// Whether there is nothing to judge with.
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// What the rules say of an entry.
    pub fn judge(&self, entry: &Entry) -> Verdict {
        let mut verdict = Verdict::default();
        for (field, set, places) in &self.sets {
            let text;
            let value: &str = match field {
                Field::Title => entry.title.as_deref().unwrap_or(""),
                Field::Address => entry.link.as_deref().unwrap_or(""),
                Field::Author => {
                    text = authors(entry);
                    &text
                }
                Field::Text => {
                    text = article_text(entry);
                    &text
                }
            };
            for i in set.matches(value).iter() {
                let place = places[i];
                match self.actions[place as usize] {
                    Action::Hide => verdict.hide = Some(verdict.hide.map_or(place, |h| h.min(place))),
                    Action::MarkRead => verdict.read = true,
                }
            }
        }
        verdict
    }
}

/// Every author's name and address, one a line.
fn authors(entry: &Entry) -> String {
    let mut all = String::new();
    for person in &entry.authors {
        for part in [&person.name, &person.email, &person.uri].into_iter().flatten() {
            all.push_str(part);
            all.push('\n');
        }
    }
    all
}

/// The article's text (its content, else its summary) with the tags left out. The HTML is
/// the sanitizer's output, serialized by html5ever: text holds no `<` and only the five
/// entities it writes, so a plain scan is exact and needs no second parse. A tag counts as a
/// space, and runs of spaces as one.
pub fn article_text(entry: &Entry) -> String {
    let Some(body) = entry.content.as_ref().or(entry.summary.as_ref()) else { return String::new() };
    let html = body.as_str();
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_decoded(&mut text, &rest[..open]);
        rest = &rest[open..];
        // A tag ends at the first `>` outside a quoted attribute value.
        let mut quoted = false;
        let end = rest.char_indices().find(|&(_, c)| {
            if c == '"' {
                quoted = !quoted;
            }
            c == '>' && !quoted
        });
        match end {
            Some((end, _)) => {
                text.push(' ');
                rest = &rest[end + 1..];
            }
            None => rest = "",
        }
    }
    push_decoded(&mut text, rest);
    // "brought to <b>you</b> by" reads as "brought to you by", one space between words.
    super::text::collapse_whitespace(&text)
}

fn push_decoded(text: &mut String, mut part: &str) {
    while let Some(amp) = part.find('&') {
        text.push_str(&part[..amp]);
        part = &part[amp..];
        let entity = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&nbsp;", "\u{a0}")]
            .into_iter()
            .find(|(name, _)| part.starts_with(name));
        match entity {
            Some((name, value)) => {
                text.push_str(value);
                part = &part[name.len()..];
            }
            None => {
                text.push('&');
                part = &part[1..];
            }
        }
    }
    text.push_str(part);
}

#[cfg(test)]
mod tests;
