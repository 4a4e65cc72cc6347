//! The XML layer every XML format shares: quick-xml's event loop plus what a lenient feed reader
//! needs on top of it: namespaces resolved to the URIs we know, `xml:base` scopes, entity
//! references (HTML named, numeric, DTD), recovery from mismatched, stray and unclosed tags, and
//! text joined across text, CDATA and reference events into one buffer.
//!
//! We resolve namespaces ourselves rather than through `NsReader`: its scopes follow quick-xml's
//! end events one for one, so a stray or missing end tag in a broken feed would shift every
//! binding after it, while ours follow our own element stack, which recovery keeps right.

use crate::core::text::escape_markup;
use std::borrow::Cow;
use std::rc::Rc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use url::Url;

use super::entities::{replace_references, Entities, RefOutcome};
pub use super::namespaces::Ns;
use super::position::Diagnostics;
pub use super::urls::resolve_url;
use super::ParseError;

/// Elements nested deeper than this are refused: no feed needs it, and it bounds the stack.
pub const MAX_DEPTH: usize = 256;

/// An element just opened: its namespace, local name and attributes.
#[derive(Debug)]
pub struct Element<'i> {
    pub ns: Ns,
    /// The local name, without prefix.
    pub name: &'i [u8],
    start: BytesStart<'i>,
    /// Stack depth with this element on it (the root is 1).
    pub depth: usize,
    /// The in-scope `xml:base` (this element's own included), if any element set one.
    pub base: Option<Rc<Url>>,
    /// Byte offset of its `<`.
    pub pos: usize,
    /// Written `<x/>`.
    empty: bool,
}

/// What one step of the reader yields.
enum Step<'i> {
    Start(Element<'i>),
    End,
    /// Text; `true` for a CDATA section.
    Text(&'i str, bool),
    Ref(&'i str, usize),
    Eof,
}

#[derive(Debug)]
struct Frame<'i> {
    qname: &'i [u8],
    bindings: usize,
}

/// The reader handlers pull elements and text from.
pub struct XmlReader<'i> {
    input: &'i str,
    reader: Reader<&'i [u8]>,
    stack: Vec<Frame<'i>>,
    bindings: Vec<(&'i [u8], Ns)>,
    bases: Vec<(usize, Rc<Url>)>,
    /// The document's own address, the last base of every relative URL.
    pub doc_base: Option<Rc<Url>>,
    entities: Entities,
    pub diagnostics: Diagnostics<'i>,
    /// End events still owed: for an empty element, or for elements a mismatched or missing end
    /// tag closed implicitly.
    pending_ends: usize,
    eof: bool,
    /// The input ended with elements still open.
    pub truncated: bool,
    /// Reused for every text read, so that a body costs one exact allocation, not a chain of
    /// reallocations as it grows.
    scratch: String,
    /// Prefixes used without a declaration, already reported.
    undeclared: Vec<&'i [u8]>,
}

impl<'i> XmlReader<'i> {
    pub fn new(input: &'i str, doc_base: Option<Url>) -> Self {
        let mut reader = Reader::from_str(input);
        let config = reader.config_mut();
        // Recovery is ours: quick-xml reports, we decide.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        XmlReader {
            input,
            reader,
            stack: Vec::with_capacity(16),
            bindings: Vec::new(),
            bases: Vec::new(),
            doc_base: doc_base.map(Rc::new),
            entities: Entities::default(),
            diagnostics: Diagnostics::new(input),
            pending_ends: 0,
            eof: false,
            truncated: false,
            scratch: String::new(),
            undeclared: Vec::new(),
        }
    }

    /// The same bytes as `part` (which points into the input), with the input's lifetime.
    fn input_bytes(&self, part: &[u8]) -> &'i [u8] {
        let start = (part.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize);
        self.input.as_bytes().get(start..start.wrapping_add(part.len())).unwrap_or_default()
    }

    fn input_str(&self, part: &[u8]) -> &'i str {
        let start = (part.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize);
        self.input.get(start..start.wrapping_add(part.len())).unwrap_or_default()
    }

    fn position(&self) -> usize {
        self.reader.buffer_position() as usize
    }

    /// Reads events up to the root element; `None` when the document has no element at all.
    pub fn root(&mut self) -> Result<Option<Element<'i>>, ParseError> {
        loop {
            match self.step()? {
                Step::Start(element) => return Ok(Some(element)),
                Step::Eof => return Ok(None),
                _ => {}
            }
        }
    }

    /// The next child element of `parent`, skipping text and anything deeper; `None` once
    /// `parent` has ended.
    pub fn child(&mut self, parent: &Element<'i>) -> Result<Option<Element<'i>>, ParseError> {
        loop {
            match self.step()? {
                Step::Start(element) if element.depth == parent.depth + 1 => return Ok(Some(element)),
                Step::End if self.stack.len() < parent.depth => return Ok(None),
                Step::Eof => return Ok(None),
                _ => {}
            }
        }
    }

    /// The text inside `element`, descendants included and their tags dropped, references
    /// resolved.
    pub fn text(&mut self, element: &Element<'i>) -> Result<String, ParseError> {
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        let result = self.text_into(element, &mut out).map(|()| out.as_str().to_string());
        self.scratch = out;
        result
    }

    fn text_into(&mut self, element: &Element<'i>, out: &mut String) -> Result<(), ParseError> {
        loop {
            match self.step()? {
                Step::Text(text, _) => push_text(out, text),
                Step::Ref(name, pos) => self.push_ref(out, name, pos, false)?,
                Step::Start(_) => {}
                Step::End if self.stack.len() < element.depth => break,
                Step::End => {}
                Step::Eof => break,
            }
        }
        Ok(())
    }

    /// The content of `element` as markup: its text when it has no child elements (escaped HTML
    /// or CDATA, the common case), else its children serialized, their text escaped again. With
    /// `unwrap_div`, a single wrapping `<div>` (Atom's xhtml content) is left out.
    pub fn markup(&mut self, element: &Element<'i>, unwrap_div: bool) -> Result<String, ParseError> {
        self.markup_telling(element, unwrap_div).map(|(markup, _)| markup)
    }

    /// [`markup`](Self::markup), and whether the element had child elements (so the result is
    /// serialized markup rather than its text as written).
    pub fn markup_telling(&mut self, element: &Element<'i>, unwrap_div: bool) -> Result<(String, bool), ParseError> {
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        let result = self.markup_into(element, unwrap_div, &mut out).map(|children| (out.as_str().to_string(), children));
        self.scratch = out;
        result
    }

    fn markup_into(&mut self, element: &Element<'i>, unwrap_div: bool, out: &mut String) -> Result<bool, ParseError> {
        let mut serializing = unwrap_div;
        // For each open child: the name to close it with, or `None` when nothing was written.
        let mut open: Vec<Option<&'i [u8]>> = Vec::new();
        let mut wrapper_seen = false;
        loop {
            match self.step()? {
                Step::Text(text, cdata) if serializing => {
                    if unwrap_div && open.is_empty() && text.trim().is_empty() {
                        continue;
                    }
                    if cdata {
                        push_text(out, &escape_markup(text));
                    } else {
                        push_text(out, text);
                    }
                }
                Step::Text(text, _) => push_text(out, text),
                Step::Ref(name, pos) => self.push_ref(out, name, pos, serializing)?,
                Step::Start(child) => {
                    if !serializing {
                        // Text read so far was literal: escape it into markup from here on.
                        *out = escape_markup(out);
                        serializing = true;
                    }
                    let first = !wrapper_seen;
                    wrapper_seen = true;
                    if unwrap_div && open.is_empty() && first && child.name == b"div" {
                        open.push(None);
                    } else {
                        write_start(out, &child);
                        open.push((!child.empty).then_some(child.name));
                    }
                }
                Step::End if self.stack.len() < element.depth => break,
                Step::End => {
                    if let Some(Some(name)) = open.pop() {
                        out.push_str("</");
                        out.push_str(&String::from_utf8_lossy(name));
                        out.push('>');
                    }
                }
                Step::Eof => break,
            }
        }
        Ok(serializing)
    }

    /// A raw attribute value of `element`, by qualified name as written (`href`, `xml:lang`).
    pub fn attr(&mut self, element: &Element<'i>, qname: &str) -> Option<Cow<'i, str>> {
        let raw = element
            .start
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.as_ref() == qname.as_bytes())
            .map(|a| self.input_bytes(&a.value))?;
        Some(self.attr_value(raw, element.pos))
    }

    /// An attribute in a namespace (`rdf:about`), whatever prefix the document bound it to.
    pub fn attr_ns(&mut self, element: &Element<'i>, ns: Ns, local: &str) -> Option<Cow<'i, str>> {
        let raw = element.start.attributes().with_checks(false).flatten().find_map(|a| {
            let key = a.key.as_ref();
            let (prefix, name) = match key.iter().position(|&b| b == b':') {
                Some(colon) => (&key[..colon], &key[colon + 1..]),
                None => (&b""[..], key),
            };
            // Unprefixed attributes have no namespace, so only a prefixed one can match.
            let matches = name == local.as_bytes() && !prefix.is_empty() && self.resolve_prefix(prefix) == ns;
            matches.then(|| self.input_bytes(&a.value))
        })?;
        Some(self.attr_value(raw, element.pos))
    }

    /// Makes a URL from the document absolute against `element`'s base, else the document's.
    /// A relative URL with no base to resolve against is kept as written.
    pub fn url(&self, element: &Element<'i>, value: &str) -> Option<String> {
        resolve_url(element.base.as_deref().or(self.doc_base.as_deref()), value)
    }

    /// The effective base of `element` as text: its `xml:base`, else `None`.
    pub fn xml_base(&self, element: &Element<'i>) -> Option<String> {
        element.base.as_ref().map(|u| u.to_string())
    }

    /// Records a recovered problem.
    pub fn warn(&mut self, pos: usize, message: impl Into<String>) {
        self.diagnostics.push(pos, message);
    }

    /// After the root element: notes anything but whitespace and comments that follows it.
    pub fn finish(mut self) -> Vec<super::Diagnostic> {
        if !self.eof && self.stack.is_empty() {
            loop {
                let pos = self.position();
                match self.reader.read_event() {
                    Ok(Event::Eof) | Err(_) => break,
                    Ok(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => {}
                    Ok(Event::Comment(_) | Event::PI(_)) => {}
                    Ok(_) => {
                        self.diagnostics.push(pos, "content after the end of the feed was ignored");
                        break;
                    }
                }
            }
        }
        self.diagnostics.finish()
    }

    fn attr_value(&mut self, raw: &'i [u8], pos: usize) -> Cow<'i, str> {
        let raw = self.input_str(raw);
        if !raw.contains('&') {
            return Cow::Borrowed(raw);
        }
        let mut out = String::with_capacity(raw.len());
        let (entities, diagnostics) = (&mut self.entities, &mut self.diagnostics);
        replace_references(raw, &mut out, |name, out| match entities.resolve(name, out) {
            Ok(RefOutcome::Expanded | RefOutcome::Replaced | RefOutcome::External) => true,
            // An attribute is small: an expansion error there just leaves the reference.
            Ok(RefOutcome::Undefined) | Err(_) => {
                diagnostics.push(pos, format!("undefined entity &{name}; kept as text"));
                false
            }
        });
        Cow::Owned(out)
    }

    fn push_ref(&mut self, out: &mut String, name: &str, pos: usize, as_markup: bool) -> Result<(), ParseError> {
        let start = out.len();
        let outcome = match self.entities.resolve(name, out) {
            Ok(outcome) => outcome,
            Err(error) => return Err(self.diagnostics.error(pos, error.0)),
        };
        match outcome {
            RefOutcome::Expanded if as_markup => {
                // Serialized markup must keep `<` and `&` escaped.
                let expanded = out.split_off(start);
                out.push_str(&escape_markup(&expanded));
            }
            RefOutcome::Expanded => {}
            RefOutcome::Replaced => self.diagnostics.push(pos, format!("&{name}; is not a valid character; replaced by �")),
            RefOutcome::External => self.diagnostics.push(pos, format!("&{name}; is an external entity, which is never read")),
            RefOutcome::Undefined => {
                self.diagnostics.push(pos, format!("undefined entity &{name}; kept as text"));
                out.push_str(if as_markup { "&amp;" } else { "&" });
                out.push_str(name);
                out.push(';');
            }
        }
        Ok(())
    }

    fn resolve_prefix(&self, prefix: &[u8]) -> Ns {
        match self.bindings.iter().rev().find(|(p, _)| *p == prefix) {
            Some(&(_, ns)) => ns,
            None if prefix.is_empty() => Ns::None,
            None => Ns::from_undeclared_prefix(prefix),
        }
    }

    fn pop(&mut self) {
        if let Some(frame) = self.stack.pop() {
            self.bindings.truncate(frame.bindings);
            while self.bases.last().is_some_and(|(depth, _)| *depth > self.stack.len()) {
                self.bases.pop();
            }
        }
    }

    /// One step: an element opened or closed, a piece of text, a reference, or the end.
    fn step(&mut self) -> Result<Step<'i>, ParseError> {
        if self.pending_ends > 0 {
            self.pending_ends -= 1;
            self.pop();
            return Ok(Step::End);
        }
        loop {
            if self.eof {
                return Ok(Step::Eof);
            }
            let pos = self.position();
            match self.reader.read_event() {
                Ok(Event::Start(e)) => return self.open(e, pos, false),
                Ok(Event::Empty(e)) => return self.open(e, pos, true),
                Ok(Event::End(e)) => {
                    let name = self.input_bytes(e.name().as_ref());
                    if let Some(step) = self.close(name, pos) {
                        return Ok(step);
                    }
                }
                Ok(Event::Text(t)) => {
                    let text = self.input_str(&t);
                    if text.starts_with('&') {
                        self.diagnostics.push(pos, "a stray & was kept as text");
                    }
                    if !self.stack.is_empty() {
                        return Ok(Step::Text(text, false));
                    }
                    if !text.trim().is_empty() {
                        self.diagnostics.push(pos, "text before the root element was ignored");
                    }
                }
                Ok(Event::CData(t)) if !self.stack.is_empty() => return Ok(Step::Text(self.input_str(&t), true)),
                Ok(Event::GeneralRef(r)) if !self.stack.is_empty() => {
                    return Ok(Step::Ref(self.input_str(&r), pos));
                }
                Ok(Event::DocType(d)) => {
                    let doctype = self.input_str(&d);
                    self.entities = Entities::from_doctype(doctype).map_err(|e| self.diagnostics.error(pos, e.0))?;
                }
                Ok(Event::Eof) => {
                    self.eof = true;
                    if let Some(frame) = self.stack.last() {
                        let name = String::from_utf8_lossy(frame.qname).into_owned();
                        self.diagnostics.push(pos, format!("unexpected end of file inside <{name}>: the document looks cut off"));
                        self.truncated = true;
                        self.pending_ends = self.stack.len();
                        return self.step();
                    }
                    return Ok(Step::Eof);
                }
                Ok(_) => {}
                Err(error) => {
                    let at = self.reader.error_position() as usize;
                    self.diagnostics.push(at, format!("{error}"));
                    // A syntax error that does not move the reader on ends the document.
                    if self.position() <= pos {
                        self.reader = Reader::from_str("");
                    }
                }
            }
        }
    }

    fn open(&mut self, e: BytesStart<'i>, pos: usize, empty: bool) -> Result<Step<'i>, ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.diagnostics.error(pos, format!("elements are nested more than {MAX_DEPTH} deep")));
        }
        let qname = self.input_bytes(e.name().as_ref());
        let bindings = self.bindings.len();
        let mut base = None;
        // Only elements with attributes can declare namespaces or a base.
        if contains(e.attributes_raw(), b"xml") {
            for attr in e.attributes().with_checks(false).flatten() {
                let key = attr.key.as_ref();
                if let Some(prefix) = key.strip_prefix(b"xmlns") {
                    let prefix = match prefix {
                        [] => &[][..],
                        [b':', rest @ ..] => self.input_bytes(rest),
                        _ => continue,
                    };
                    self.bindings.push((prefix, Ns::from_uri(&attr.value)));
                } else if key == b"xml:base" {
                    base = Some(self.input_bytes(&attr.value));
                }
            }
        }
        self.stack.push(Frame { qname, bindings });
        let depth = self.stack.len();
        if let Some(raw) = base {
            let value = self.attr_value(raw, pos);
            let parent = self.bases.last().map(|(_, u)| &**u).or(self.doc_base.as_deref());
            let joined = match parent {
                Some(parent) => parent.join(value.trim()).ok(),
                None => Url::parse(value.trim()).ok(),
            };
            match joined {
                Some(url) => self.bases.push((depth, Rc::new(url))),
                None => self.diagnostics.push(pos, format!("xml:base \"{value}\" is not a usable address")),
            }
        }
        let (prefix, name) = match qname.iter().position(|&b| b == b':') {
            Some(colon) => (&qname[..colon], &qname[colon + 1..]),
            None => (&b""[..], qname),
        };
        if empty {
            self.pending_ends += 1;
        }
        let ns = self.resolve_prefix(prefix);
        let declared = prefix.is_empty() || prefix == b"xml" || self.bindings.iter().any(|(p, _)| *p == prefix);
        if !declared && !self.undeclared.contains(&prefix) {
            self.undeclared.push(prefix);
            let prefix = String::from_utf8_lossy(prefix);
            let meaning = if ns == Ns::Other { "its elements are not read" } else { "read as the namespace it usually stands for" };
            self.diagnostics.push(pos, format!("the prefix \"{prefix}:\" is used without being declared; {meaning}"));
        }
        Ok(Step::Start(Element { ns, name, start: e, depth, base: self.bases.last().map(|(_, u)| Rc::clone(u)), pos, empty }))
    }

    /// Handles `</name>`: closes the matching open element, and any left open inside it.
    fn close(&mut self, name: &'i [u8], pos: usize) -> Option<Step<'i>> {
        let Some(index) = self.stack.iter().rposition(|f| f.qname == name) else {
            let name = String::from_utf8_lossy(name);
            self.diagnostics.push(pos, format!("stray end tag </{name}> was ignored"));
            return None;
        };
        for frame in &self.stack[index + 1..] {
            let open = String::from_utf8_lossy(frame.qname).into_owned();
            self.diagnostics.push(pos, format!("<{open}> was not closed before </{}>", String::from_utf8_lossy(name)));
        }
        self.pending_ends = self.stack.len() - index - 1;
        self.pop();
        Some(Step::End)
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Appends text, normalizing line ends as XML requires.
fn push_text(out: &mut String, text: &str) {
    if text.contains('\r') {
        out.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
    } else {
        out.push_str(text);
    }
}

/// Writes `<name attr="value">` with the local name and the attributes as written (values stay
/// escaped), leaving out namespace declarations.
fn write_start(out: &mut String, element: &Element<'_>) {
    out.push('<');
    out.push_str(&String::from_utf8_lossy(element.name));
    for attr in element.start.attributes().with_checks(false).flatten() {
        let key = attr.key.as_ref();
        if key.starts_with(b"xmlns") {
            continue;
        }
        let local = attr.key.local_name();
        out.push(' ');
        out.push_str(&String::from_utf8_lossy(if key.starts_with(b"xml:") { key } else { local.as_ref() }));
        out.push_str("=\"");
        out.push_str(&String::from_utf8_lossy(&attr.value).replace('"', "&quot;").replace('<', "&lt;"));
        out.push('"');
    }
    out.push_str(if element.empty { "/>" } else { ">" });
}
