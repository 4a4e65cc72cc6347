//! JSON Feed 1.0 and 1.1 (<https://jsonfeed.org/version/1.1>), read through `serde_json::Value`
//! so that the wrong type in one field (a number id, a string where a list belongs) loses that
//! field, not the feed.

use serde_json::{Map, Value};
use url::Url;

use crate::core::model::{Diagnostic, Enclosure, Feed, FeedKind, Markup, MarkupKind, Person};

use super::date::parse_date;
use super::entry::{empty_feed, image_type, markup, EntryBuilder, LinkRank};
use super::text::{collapse_whitespace, plain_text};
use super::xml::resolve_url;
use super::{ParseError, ParseOptions};

/// Reads a JSON document that should be a JSON Feed.
pub fn read(text: &str, options: &ParseOptions) -> Result<Feed<Markup>, ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ParseError {
        line: e.line() as u32,
        column: e.column() as u32,
        message: format!("this looks like JSON but is not valid JSON: {}", without_position(&e)),
    })?;
    let not_json_feed = || ParseError {
        line: 1,
        column: 1,
        message: "this is JSON, but not a JSON Feed (it has no \"version\" naming jsonfeed.org)".to_string(),
    };
    let Value::Object(object) = value else { return Err(not_json_feed()) };
    let version = str_field(&object, "version").ok_or_else(not_json_feed)?;
    let Some((_, number)) = version.split_once("jsonfeed.org/version/") else {
        return Err(not_json_feed());
    };
    let number = number.trim_end_matches('/');
    let version = if number == "1" { "1.0" } else { number };
    let mut feed = empty_feed(FeedKind::Json, Some(version));
    let doc_base = options.base.as_deref().and_then(|b| Url::parse(b.trim()).ok());
    let mut notes = Notes::default();
    let url = |key: &str| str_field(&object, key).and_then(|u| resolve_url(doc_base.as_ref(), u));
    feed.title = str_field(&object, "title").and_then(|t| plain_text(MarkupKind::Text, t));
    feed.link = url("home_page_url");
    feed.self_link = url("feed_url");
    feed.subtitle = str_field(&object, "description").and_then(|t| plain_text(MarkupKind::Text, t));
    feed.icon = url("icon").or_else(|| url("favicon"));
    feed.language = str_field(&object, "language").map(str::trim).filter(|l| !l.is_empty()).map(str::to_string);
    feed.authors = people(&object, doc_base.as_ref());
    match object.get("items") {
        Some(Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                match item {
                    Value::Object(item) => feed.entries.push(read_item(item, doc_base.as_ref(), &mut notes)),
                    _ => notes.push(format!("item {} is not an object and was left out", index + 1)),
                }
            }
        }
        _ => notes.push("the feed has no list of items".to_string()),
    }
    feed.diagnostics = notes.0;
    Ok(feed)
}

/// Diagnostics without a position: a JSON value does not know its line.
#[derive(Default)]
struct Notes(Vec<Diagnostic>);

impl Notes {
    fn push(&mut self, message: String) {
        self.0.push(Diagnostic { line: 1, column: 1, message });
    }
}

fn read_item(item: &Map<String, Value>, doc_base: Option<&Url>, notes: &mut Notes) -> crate::core::model::Entry<Markup> {
    let mut e = EntryBuilder::new();
    let url = |key: &str| str_field(item, key).and_then(|u| resolve_url(doc_base, u));
    // Publishers write numbers as ids although the spec says string; both name the item.
    e.id = match item.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    e.offer_link(LinkRank::Alternate, url("url"));
    e.offer_link(LinkRank::OtherAlternate, url("external_url"));
    e.title = str_field(item, "title").and_then(|t| plain_text(MarkupKind::Text, t));
    e.content = str_field(item, "content_html")
        .and_then(|b| markup(MarkupKind::Html, b.to_string(), None))
        .or_else(|| str_field(item, "content_text").and_then(|b| markup(MarkupKind::Text, b.to_string(), None)));
    e.summary = str_field(item, "summary").and_then(|b| markup(MarkupKind::Text, b.to_string(), None));
    let mut date = |key: &str| {
        let text = str_field(item, key)?;
        let date = parse_date(text);
        if date.is_none() {
            notes.push(format!("could not read the date \"{}\"", text.trim()));
        }
        date
    };
    e.published = date("date_published");
    e.updated = date("date_modified");
    e.authors = people(item, doc_base);
    if let Some(Value::Array(tags)) = item.get("tags") {
        for tag in tags {
            e.add_category(tag.as_str().map(collapse_whitespace).filter(|t| !t.is_empty()));
        }
    }
    if let Some(Value::Array(attachments)) = item.get("attachments") {
        for attachment in attachments.iter().filter_map(Value::as_object) {
            if let Some(url) = str_field(attachment, "url").and_then(|u| resolve_url(doc_base, u)) {
                let mime_type = str_field(attachment, "mime_type").map(str::to_string);
                let length = attachment.get("size_in_bytes").and_then(Value::as_u64).filter(|&l| l > 0);
                e.add_enclosure(Enclosure { url, mime_type, length });
            }
        }
    }
    if let Some(image) = url("image") {
        let mime_type = image_type(&image);
        e.add_enclosure(Enclosure { url: image, mime_type, length: None });
    }
    e.finish(doc_base)
}

/// JSON Feed 1.1's `authors`, else 1.0's `author`.
fn people(object: &Map<String, Value>, doc_base: Option<&Url>) -> Vec<Person> {
    let person = |value: &Value| {
        let object = value.as_object()?;
        let person = Person {
            name: str_field(object, "name").map(collapse_whitespace).filter(|n| !n.is_empty()),
            email: None,
            uri: str_field(object, "url").and_then(|u| resolve_url(doc_base, u)),
        };
        (person != Person::default()).then_some(person)
    };
    match (object.get("authors"), object.get("author")) {
        (Some(Value::Array(list)), _) => list.iter().filter_map(person).collect(),
        (_, Some(single)) => person(single).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn str_field<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

/// serde_json's message without its " at line L column C" tail: the error carries those.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}
