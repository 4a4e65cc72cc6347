//! The hostile corpus (tests/hostile/corpus.rs) through the sanitizer: each attack's dangerous
//! piece is gone, its harmless part survives, and the output as a whole obeys the policy.

use crate::{hostile, invariants};

use feedreader::core::sanitize::sanitize_markup;
use feedreader::core::{Markup, MarkupKind};
use hostile::{Hostile, BASE, CORPUS};

fn sanitize(input: &str, base: Option<&str>) -> String {
    let markup = Markup { kind: MarkupKind::Html, body: input.to_owned(), base: base.map(str::to_owned) };
    sanitize_markup(&markup).as_str().to_owned()
}

/// Runs `check` on every entry with and without a base, and fails listing every entry that broke.
fn for_each_entry(check: impl Fn(&Hostile, &str) -> Option<String>) {
    let mut failures = Vec::new();
    for entry in CORPUS {
        for base in [Some(BASE), None] {
            let output = sanitize(entry.input, base);
            if let Some(problem) = check(entry, &output) {
                failures.push(format!("{} (base {base:?}): {problem}\n    in:  {:?}\n    out: {output:?}", entry.name, entry.input));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn corpus_has_at_least_150_uniquely_named_attacks() {
    assert!(CORPUS.len() >= 150, "only {} entries", CORPUS.len());
    let mut names: Vec<_> = CORPUS.iter().map(|e| e.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CORPUS.len(), "duplicate names");
    assert!(CORPUS.iter().all(|e| !e.forbidden.is_empty()), "an entry forbids nothing");
}

#[test]
fn no_dangerous_piece_survives() {
    for_each_entry(|entry, output| {
        let lower = output.to_ascii_lowercase();
        let found: Vec<_> = entry.forbidden.iter().filter(|f| lower.contains(&f.to_ascii_lowercase())).collect();
        (!found.is_empty()).then(|| format!("forbidden {found:?} survived"))
    });
}

#[test]
fn harmless_parts_survive() {
    for_each_entry(|entry, output| {
        let lost: Vec<_> = entry.kept.iter().filter(|k| !output.contains(*k)).collect();
        (!lost.is_empty()).then(|| format!("lost {lost:?}"))
    });
}

#[test]
fn every_output_obeys_the_policy() {
    for_each_entry(|_, output| {
        let problems = invariants::policy_violations(output);
        (!problems.is_empty()).then(|| problems.join("; "))
    });
}

/// A browser re-parses what we give it; if our output parsed into something else, sanitizing
/// it again would change it. Stable output means no mutation between us and the page.
#[test]
fn sanitizing_twice_changes_nothing() {
    for_each_entry(|entry, output| {
        let base = if output.contains(BASE) { Some(BASE) } else { None };
        let again = sanitize(output, base);
        let _ = entry;
        (invariants::canonical(&again) != invariants::canonical(output)).then(|| format!("second pass gave {again:?}"))
    });
}
