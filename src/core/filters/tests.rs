use super::*;
use crate::core::{read_feed, ParseOptions};

/// Entries as the parser makes them: (title, link, author, description HTML).
fn entries(items: &[(&str, &str, &str, &str)]) -> Vec<Entry> {
    let mut xml = String::from(r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>"#);
    for (n, (title, link, author, body)) in items.iter().enumerate() {
        let body = body.replace('&', "&amp;").replace('<', "&lt;");
        xml.push_str(&format!("<item><guid>{n}</guid><title>{title}</title><link>{link}</link><dc:creator>{author}</dc:creator><description>{body}</description></item>"));
    }
    xml.push_str("</channel></rss>");
    read_feed(xml.as_bytes(), &ParseOptions::default()).expect("parses").entries
}

fn rule(field: Field, pattern: &str, action: Action) -> FilterRule {
    FilterRule { field, pattern: pattern.into(), action, feed: None }
}

fn verdicts(rules: &[FilterRule], entries: &[Entry]) -> Vec<Verdict> {
    let sieve = Sieve::new(rules).expect("compiles");
    entries.iter().map(|e| sieve.judge(e)).collect()
}

#[test]
fn each_field_is_matched_without_regard_to_case() {
    let items = entries(&[
        ("Sponsored: a new phone", "https://a.example/1", "Ann", "<p>Plain</p>"),
        ("Weekly links", "https://ads.example/2", "Bob", "<p>Text</p>"),
        ("Release notes", "https://a.example/3", "Press Office", "<p>Nothing</p>"),
        ("Essay", "https://a.example/4", "Cy", "<p>This post is <b>brought to you</b> by a sponsor</p>"),
        ("Kept", "https://a.example/5", "Dee", "<p>Read me</p>"),
    ]);
    let rules = [
        rule(Field::Title, "^sponsored", Action::Hide),
        rule(Field::Address, r"//ads\.", Action::Hide),
        rule(Field::Author, "press office", Action::Hide),
        rule(Field::Text, "brought to you by", Action::Hide),
    ];
    let hidden: Vec<Option<u16>> = verdicts(&rules, &items).iter().map(|v| v.hide).collect();
    assert_eq!(hidden, [Some(0), Some(1), Some(2), Some(3), None]);
}

#[test]
fn the_text_is_the_article_without_its_tags_and_with_its_entities() {
    let items = entries(&[("A", "", "", "<p>Fish &amp; chips</p><p>at <a href=\"https://x.example/?a=1&amp;b=2\">the pier</a></p>")]);
    let text = article_text(&items[0]);
    assert!(text.contains("Fish & chips"), "{text}");
    assert!(text.contains("the pier"), "{text}");
    assert!(!text.contains("href"), "{text}");
    // A phrase across a tag boundary matches, since a tag becomes a space.
    assert_eq!(verdicts(&[rule(Field::Text, r"at\s+the pier", Action::Hide)], &items)[0].hide, Some(0));
}

#[test]
fn mark_read_and_hide_are_told_apart_and_the_first_hiding_rule_is_named() {
    let items = entries(&[("Deal of the day: sale", "", "", ""), ("Sale ends", "", "", ""), ("News", "", "", "")]);
    let rules =
        [rule(Field::Title, "sale", Action::MarkRead), rule(Field::Title, "deal", Action::Hide), rule(Field::Title, "day", Action::Hide)];
    let got = verdicts(&rules, &items);
    assert_eq!(got[0], Verdict { hide: Some(1), read: true });
    assert_eq!(got[1], Verdict { hide: None, read: true });
    assert_eq!(got[2], Verdict::default());
}

#[test]
fn a_bad_expression_says_which_rule_where_and_what() {
    let rules = [rule(Field::Title, "fine", Action::Hide), rule(Field::Text, "price (in euros", Action::Hide)];
    let error = Sieve::new(&rules).expect_err("an unclosed group");
    assert_eq!(error.rule, 1);
    assert_eq!(error.column, Some(7));
    assert_eq!(error.to_string(), "The expression is not valid at character 7: unclosed group.");
    let error = Sieve::new(&[rule(Field::Title, "a{2,1}", Action::Hide)]).expect_err("an invalid repetition");
    assert!(error.to_string().contains("invalid"), "{error}");
    let error = Sieve::new(&[rule(Field::Title, "  ", Action::Hide)]).expect_err("empty");
    assert_eq!(error.to_string(), "The expression is not valid: it is empty.");
}

#[test]
fn rules_of_another_feed_do_not_apply_and_the_hash_follows_hiding_rules_only() {
    let here = FeedId("https://here.example/feed".into());
    let there = FeedId("https://there.example/feed".into());
    let mut rules =
        vec![rule(Field::Title, "a", Action::Hide), FilterRule { feed: Some(there.clone()), ..rule(Field::Title, "b", Action::Hide) }];
    assert_eq!(applicable(&rules, &here).len(), 1);
    assert_eq!(applicable(&rules, &there).len(), 2);
    let before = hiding_hash(&applicable(&rules, &here));
    rules.push(rule(Field::Title, "c", Action::MarkRead));
    assert_eq!(hiding_hash(&applicable(&rules, &here)), before, "a mark-read rule changes no stored verdict");
    assert_eq!(hiding_hash_in(&rules, &there), hiding_hash(&applicable(&rules, &there)), "the same hash, without copies");
    rules.push(rule(Field::Title, "d", Action::Hide));
    assert_ne!(hiding_hash(&applicable(&rules, &here)), before);
    assert_eq!(hiding_hash(&[]), 0);
}
