//! Checks any sanitizer output against the policy by tokenizing it the way a browser would:
//! every tag and attribute allowed, every URL http(s)/mailto (raster data: in img src), every
//! iframe an allowlisted, sandboxed embed. Used with `#[path]` by the native tests.

use std::cell::RefCell;

use feedreader::core::sanitize::EMBED_HOSTS;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};

const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "iframe",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    // MathML Core presentation (no links, no annotation-xml, no maction).
    "math",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mfrac",
    "msqrt",
    "mroot",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "mtable",
    "mtr",
    "mtd",
    "mpadded",
    "mphantom",
    "mstyle",
    "merror",
    "semantics",
    "annotation",
];

fn attribute_allowed(tag: &str, attr: &str) -> bool {
    if matches!(attr, "title" | "lang" | "dir") {
        return true;
    }
    let allowed: &[&str] = match tag {
        "a" => &["href", "hreflang", "rel", "target", "referrerpolicy"],
        "img" => &["src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "referrerpolicy"],
        "source" => &["src", "srcset", "sizes", "type", "media"],
        "video" => &["src", "poster", "width", "height", "loop", "muted", "playsinline", "controls"],
        "audio" => &["src", "loop", "muted", "controls"],
        "iframe" => &["src", "sandbox", "loading", "referrerpolicy"],
        "td" => &["rowspan", "colspan", "headers"],
        "th" => &["rowspan", "colspan", "headers", "scope", "abbr"],
        "col" | "colgroup" => &["span"],
        "ol" => &["start", "reversed", "type"],
        "li" => &["value"],
        "time" | "del" | "ins" => &["datetime"],
        "details" => &["open"],
        "math" | "mstyle" => &["display", "displaystyle", "scriptlevel"],
        "mi" => &["mathvariant"],
        "mo" => {
            &["fence", "form", "largeop", "lspace", "maxsize", "minsize", "movablelimits", "rspace", "separator", "stretchy", "symmetric"]
        }
        "mfrac" => &["linethickness"],
        "mover" => &["accent"],
        "munder" => &["accentunder"],
        "munderover" => &["accent", "accentunder"],
        "mpadded" => &["depth", "height", "lspace", "voffset", "width"],
        "mspace" => &["depth", "height", "width"],
        "mtd" => &["columnspan", "rowspan"],
        "annotation" => &["encoding"],
        _ => &[],
    };
    allowed.contains(&attr)
}

fn url_ok(tag: &str, attr: &str, value: &str) -> bool {
    let Ok(url) = url::Url::parse(value) else {
        return false;
    };
    match url.scheme() {
        "http" | "https" => true,
        "mailto" => attr == "href",
        "data" => {
            let media = url.path().split([';', ',']).next().unwrap_or("").to_ascii_lowercase();
            tag == "img" && attr == "src" && media.starts_with("image/") && !media.contains("svg")
        }
        _ => false,
    }
}

#[derive(Default)]
struct Collector {
    problems: RefCell<Vec<String>>,
}

impl Collector {
    fn check_tag(&self, name: &str, attrs: &[(String, String)]) {
        let mut problems = self.problems.borrow_mut();
        if !TAGS.contains(&name) {
            problems.push(format!("tag <{name}> is not allowed"));
        }
        for (attr, value) in attrs {
            if !attribute_allowed(name, attr) {
                problems.push(format!("attribute {attr} on <{name}>"));
            }
            let is_url = matches!(attr.as_str(), "href" | "src" | "poster");
            if is_url && !url_ok(name, attr, value) {
                problems.push(format!("URL {attr}={value:?} on <{name}>"));
            }
            if attr == "srcset" {
                for candidate in value.split(", ") {
                    let url = candidate.split(' ').next().unwrap_or("");
                    if !url_ok(name, "srcset", url) || url.starts_with("data:") {
                        problems.push(format!("srcset candidate {candidate:?}"));
                    }
                }
            }
        }
        let get = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, v)| v.as_str());
        if name == "iframe" {
            let host = get("src").and_then(|s| url::Url::parse(s).ok()).and_then(|u| u.host_str().map(str::to_owned));
            if !host.as_deref().is_some_and(|h| EMBED_HOSTS.contains(&h)) {
                problems.push(format!("iframe from {host:?}"));
            }
            if get("sandbox") != Some("allow-scripts allow-same-origin allow-popups") {
                problems.push("iframe without the sandbox".into());
            }
        }
        if name == "a" && get("rel") != Some("noopener noreferrer") {
            problems.push("link without rel=noopener noreferrer".into());
        }
    }
}

impl TokenSink for Collector {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let attrs: Vec<(String, String)> = tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                if tag.kind == TagKind::StartTag {
                    self.check_tag(&tag.name, &attrs);
                } else if !attrs.is_empty() {
                    self.problems.borrow_mut().push(format!("end tag </{}> with attributes", tag.name));
                }
            }
            Token::CommentToken(_) => self.problems.borrow_mut().push("comment".into()),
            Token::DoctypeToken(_) => self.problems.borrow_mut().push("doctype".into()),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Every way `html` breaks the policy; empty when it holds.
pub fn policy_violations(html: &str) -> Vec<String> {
    let tokenizer = Tokenizer::new(Collector::default(), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.problems.take()
}

/// The tokens of `html` with attributes sorted: two outputs a browser builds the same page
/// from compare equal, whatever order ammonia wrote the attributes in.
pub fn canonical(html: &str) -> Vec<String> {
    #[derive(Default)]
    struct Tokens(RefCell<Vec<String>>);
    impl TokenSink for Tokens {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let text = match token {
                Token::TagToken(tag) => {
                    let mut attrs: Vec<String> = tag.attrs.iter().map(|a| format!("{}={:?}", a.name.local, &*a.value)).collect();
                    attrs.sort();
                    format!("{:?} {} {}", tag.kind, tag.name, attrs.join(" "))
                }
                Token::CharacterTokens(text) => format!("text {text}"),
                Token::NullCharacterToken => "null".into(),
                other => format!("{other:?}"),
            };
            let mut tokens = self.0.borrow_mut();
            // Adjacent text arrives in pieces of any size; join them.
            match (tokens.last_mut(), text.strip_prefix("text ")) {
                (Some(last), Some(more)) if last.starts_with("text ") => last.push_str(more),
                _ => tokens.push(text),
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Tokens::default(), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}
