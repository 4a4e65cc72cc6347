//! Entity references: the five XML ones, numeric ones, every HTML named one (feeds use `&nbsp;`
//! and `&eacute;` without declaring them), and the document's own internal DTD entities, expanded
//! under a budget so that a "billion laughs" document is refused at once. External entities
//! (`SYSTEM`/`PUBLIC`) are recorded as such and never read.

use std::collections::HashMap;

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// The most one declared entity may expand to. Real feeds declare a few short strings; the
/// smallest billion-laughs document already needs gigabytes, so 1 MB separates them cleanly.
pub const MAX_ENTITY_BYTES: usize = 1 << 20;
/// The most all references to declared entities may add up to in one document.
pub const MAX_TOTAL_EXPANSION: usize = 16 << 20;
/// How deep declared entities may refer to one another.
const MAX_NESTING: usize = 16;

/// What became of one reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefOutcome {
    /// Written out as the character(s) it stands for.
    Expanded,
    /// A numeric reference to a character XML forbids (`&#0;`, a lone surrogate, beyond
    /// U+10FFFF): written as U+FFFD.
    Replaced,
    /// Nobody declared this name: nothing was written; the caller keeps the reference as text.
    Undefined,
    /// A declared external entity: never read, nothing was written.
    External,
}

/// Why a document's entities are refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpansionError(pub String);

/// The entities a document may use.
#[derive(Debug, Default)]
pub struct Entities {
    declared: HashMap<String, Declared>,
    /// Bytes written so far by declared entities, across the whole document.
    expanded: usize,
}

#[derive(Debug)]
enum Declared {
    Internal(String),
    External,
}

impl Entities {
    /// Reads the `<!ENTITY name "value">` declarations of a DOCTYPE's internal subset (the text
    /// between `<!DOCTYPE` and its `>`), refusing declarations that would expand too far.
    pub fn from_doctype(doctype: &str) -> Result<Entities, ExpansionError> {
        let mut entities = Entities::default();
        let mut rest = doctype;
        while let Some(at) = rest.find("<!ENTITY") {
            rest = &rest[at + "<!ENTITY".len()..];
            let body = rest.trim_start();
            // Parameter entities (`<!ENTITY % name ...>`) only matter inside the DTD itself.
            if body.starts_with('%') {
                continue;
            }
            let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
            let name = &body[..name_end];
            let after = body[name_end..].trim_start();
            let declared = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let value = &after[1..];
                    match value.find(quote) {
                        Some(end) => Declared::Internal(value[..end].to_string()),
                        None => continue,
                    }
                }
                _ => Declared::External,
            };
            // The first declaration of a name binds (XML 1.0 §4.2).
            if !name.is_empty() && !entities.declared.contains_key(name) {
                entities.declared.insert(name.to_string(), declared);
            }
        }
        entities.check_sizes()?;
        Ok(entities)
    }

    /// Refuses the declarations if any entity expands past `MAX_ENTITY_BYTES` or refers to itself,
    /// measuring sizes without expanding anything.
    fn check_sizes(&self) -> Result<(), ExpansionError> {
        let mut sizes: HashMap<&str, usize> = HashMap::new();
        for name in self.declared.keys() {
            let size = self.size_of(name, &mut sizes, 0)?;
            if size > MAX_ENTITY_BYTES {
                return Err(too_large(name));
            }
        }
        Ok(())
    }

    fn size_of<'a>(&'a self, name: &'a str, sizes: &mut HashMap<&'a str, usize>, depth: usize) -> Result<usize, ExpansionError> {
        if let Some(&size) = sizes.get(name) {
            return Ok(size);
        }
        if depth > MAX_NESTING {
            return Err(ExpansionError(format!("the entity &{name}; refers to itself or nests too deeply, so the document was not read")));
        }
        let Some(Declared::Internal(value)) = self.declared.get(name) else {
            return Ok(0);
        };
        let mut size = 0usize;
        for piece in pieces(value) {
            size = size.saturating_add(match piece {
                Piece::Text(text) => text.len(),
                Piece::Ref(inner) if self.declared.contains_key(inner) => self.size_of(inner, sizes, depth + 1)?,
                Piece::Ref(_) => 4,
            });
        }
        sizes.insert(name, size);
        Ok(size)
    }

    /// Writes what `&name;` stands for into `out`.
    pub fn resolve(&mut self, name: &str, out: &mut String) -> Result<RefOutcome, ExpansionError> {
        self.resolve_at(name, out, 0)
    }

    fn resolve_at(&mut self, name: &str, out: &mut String, depth: usize) -> Result<RefOutcome, ExpansionError> {
        if let Some(number) = name.strip_prefix('#') {
            return Ok(push_numeric(number, out));
        }
        let predefined = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        };
        if let Some(c) = predefined {
            out.push(c);
            return Ok(RefOutcome::Expanded);
        }
        if !self.declared.is_empty() {
            if let Some(outcome) = self.expand_declared(name, out, depth)? {
                return Ok(outcome);
            }
        }
        Ok(push_html_named(name, out))
    }

    fn expand_declared(&mut self, name: &str, out: &mut String, depth: usize) -> Result<Option<RefOutcome>, ExpansionError> {
        let value = match self.declared.get(name) {
            None => return Ok(None),
            Some(Declared::External) => return Ok(Some(RefOutcome::External)),
            // Cloned so that nested references can borrow `self` mutably; values are small
            // (check_sizes bounds them) and declared entities are rare.
            Some(Declared::Internal(value)) => value.clone(),
        };
        if depth > MAX_NESTING {
            return Err(too_large(name));
        }
        for piece in pieces(&value) {
            match piece {
                Piece::Text(text) => {
                    self.expanded += text.len();
                    if self.expanded > MAX_TOTAL_EXPANSION {
                        return Err(too_large(name));
                    }
                    out.push_str(text);
                }
                Piece::Ref(inner) => {
                    if self.resolve_at(inner, out, depth + 1)? == RefOutcome::Undefined {
                        out.push('&');
                        out.push_str(inner);
                        out.push(';');
                    }
                }
            }
        }
        Ok(Some(RefOutcome::Expanded))
    }
}

fn too_large(name: &str) -> ExpansionError {
    ExpansionError(format!("the entity &{name}; expands to too much text (an entity expansion attack), so the document was not read"))
}

enum Piece<'a> {
    Text(&'a str),
    Ref(&'a str),
}

/// Splits an entity value into literal text and `&name;` references.
fn pieces(value: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = value;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if let Some(after) = rest.strip_prefix('&') {
            if let Some(end) = after.find(';') {
                let name = &after[..end];
                rest = &after[end + 1..];
                return Some(Piece::Ref(name));
            }
            let text = rest;
            rest = "";
            return Some(Piece::Text(text));
        }
        let end = rest.find('&').unwrap_or(rest.len());
        let text = &rest[..end];
        rest = &rest[end..];
        Some(Piece::Text(text))
    })
}

/// Writes the character a numeric reference (`#233`, `#xE9`) names. Characters XML forbids
/// become U+FFFD; the C1 range is read as windows-1252, as browsers do, because that is what
/// publishers who write `&#150;` mean.
pub fn push_numeric(number: &str, out: &mut String) -> RefOutcome {
    let (digits, radix) = match number.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return RefOutcome::Undefined;
    }
    let code = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
    if (0x80..=0x9F).contains(&code) {
        if let Some(c) = C1_REPLACEMENTS[(code - 0x80) as usize] {
            out.push(c);
            return RefOutcome::Expanded;
        }
    }
    match char::from_u32(code) {
        Some(c) if is_xml_char(c) => {
            out.push(c);
            RefOutcome::Expanded
        }
        _ => {
            out.push('\u{FFFD}');
            RefOutcome::Replaced
        }
    }
}

/// Whether XML 1.0 allows the character in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The longest name read between `&` and `;` in text no XML reader has split into references
/// (attribute values, OPML's too): past it, an `&` is a plain ampersand. The longest HTML name
/// is 31 bytes (`CounterClockwiseContourIntegral`); the rest of the room is for numeric
/// references written with leading zeros and a document's own long entity names.
pub const MAX_REFERENCE_NAME: usize = 40;

/// Writes `text` into `out` with every `&name;` replaced by what `resolve` writes for it.
/// `resolve` answers whether the name meant something; when it did not, whatever it wrote is
/// taken back and the reference stays as written. An `&` that starts no reference (no `;` within
/// [`MAX_REFERENCE_NAME`] bytes, or another `&` or a space first) is a plain ampersand.
pub fn replace_references(text: &str, out: &mut String, mut resolve: impl FnMut(&str, &mut String) -> bool) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let window = &after.as_bytes()[..after.len().min(MAX_REFERENCE_NAME + 1)];
        let end = window.iter().position(|&b| matches!(b, b';' | b'&' | b'<' | b'"' | b'\'') || b.is_ascii_whitespace());
        match end.filter(|&end| end > 0 && window[end] == b';') {
            Some(end) => {
                let written = out.len();
                if resolve(&after[..end], out) {
                    rest = &after[end + 1..];
                    continue;
                }
                out.truncate(written);
                out.push('&');
                rest = after;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Writes what a character reference's name (`amp`, `#233`, `#xE9`) stands for: XML's and
/// HTML's named entities and numeric references. False (nothing written) when it names
/// nothing. For text outside a feed document (OPML attributes), where no DTD can add more.
pub fn decode_reference(name: &str, out: &mut String) -> bool {
    let outcome = match name.strip_prefix('#') {
        Some(number) => push_numeric(number, out),
        None => push_html_named(name, out),
    };
    outcome != RefOutcome::Undefined
}

/// Text with its references decoded by [`decode_reference`]; one that names nothing stays as
/// written.
pub fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    replace_references(text, &mut out, decode_reference);
    out
}

/// Writes the character(s) of an HTML named entity (`eacute` → é).
pub fn push_html_named(name: &str, out: &mut String) -> RefOutcome {
    // The table's keys carry the trailing semicolon; build the key on the stack.
    let mut key = [0u8; 40];
    let len = name.len();
    if len == 0 || len + 1 > key.len() {
        return RefOutcome::Undefined;
    }
    key[..len].copy_from_slice(name.as_bytes());
    key[len] = b';';
    let Ok(key) = std::str::from_utf8(&key[..=len]) else {
        return RefOutcome::Undefined;
    };
    match NAMED_ENTITIES.get(key) {
        Some(&(first, second)) => {
            out.extend(char::from_u32(first));
            if second != 0 {
                out.extend(char::from_u32(second));
            }
            RefOutcome::Expanded
        }
        None => RefOutcome::Undefined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(entities: &mut Entities, name: &str) -> (String, RefOutcome) {
        let mut out = String::new();
        let outcome = entities.resolve(name, &mut out).unwrap();
        (out, outcome)
    }

    #[test]
    fn html_named_and_numeric() {
        let mut e = Entities::default();
        assert_eq!(resolve(&mut e, "eacute"), ("é".into(), RefOutcome::Expanded));
        assert_eq!(resolve(&mut e, "nbsp"), ("\u{a0}".into(), RefOutcome::Expanded));
        assert_eq!(resolve(&mut e, "#x263A"), ("☺".into(), RefOutcome::Expanded));
        assert_eq!(resolve(&mut e, "#8212"), ("—".into(), RefOutcome::Expanded));
        assert_eq!(resolve(&mut e, "#150"), ("–".into(), RefOutcome::Expanded));
        assert_eq!(resolve(&mut e, "#0"), ("\u{fffd}".into(), RefOutcome::Replaced));
        assert_eq!(resolve(&mut e, "#xD800"), ("\u{fffd}".into(), RefOutcome::Replaced));
        assert_eq!(resolve(&mut e, "#x110000"), ("\u{fffd}".into(), RefOutcome::Replaced));
        assert_eq!(resolve(&mut e, "#99999999999999999999"), ("\u{fffd}".into(), RefOutcome::Replaced));
        assert_eq!(resolve(&mut e, "nosuch"), ("".into(), RefOutcome::Undefined));
        assert_eq!(resolve(&mut e, "#12a"), ("".into(), RefOutcome::Undefined));
    }

    #[test]
    fn a_reference_ends_at_its_semicolon_within_forty_bytes() {
        assert_eq!(decode_references("Tom &amp; Jerry &eacute;t&eacute; &#x263A;"), "Tom & Jerry été ☺");
        assert_eq!(decode_references("AT&T; R&D &nosuch; & ;"), "AT&T; R&D &nosuch; & ;", "what names nothing stays");
        assert_eq!(decode_references("&fish&amp;chips;"), "&fish&chips;", "a name holds no &");
        assert_eq!(decode_references("a & b; c"), "a & b; c", "nor a space");
        let zeros = format!("&#{}65;", "0".repeat(MAX_REFERENCE_NAME - 3));
        assert_eq!(decode_references(&zeros), "A");
        let too_long = format!("&#{}65;", "0".repeat(MAX_REFERENCE_NAME - 2));
        assert_eq!(decode_references(&too_long), too_long);
    }

    #[test]
    fn declared_entities_expand_and_nest() {
        let mut e = Entities::from_doctype(r#"rss [ <!ENTITY who "Jo"> <!ENTITY hi "Hello &who; &amp; co"> ]"#).unwrap();
        assert_eq!(resolve(&mut e, "hi"), ("Hello Jo & co".into(), RefOutcome::Expanded));
    }

    #[test]
    fn external_entities_are_never_read() {
        let mut e = Entities::from_doctype(r#"rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]"#).unwrap();
        assert_eq!(resolve(&mut e, "xxe"), ("".into(), RefOutcome::External));
    }

    #[test]
    fn billion_laughs_is_refused_before_expanding() {
        let mut dtd = String::from("lolz [ <!ENTITY lol \"lol\">");
        for i in 1..10 {
            let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
            dtd.push_str(&format!(" <!ENTITY lol{i} \"{}\">", format!("&{prev};").repeat(10)));
        }
        dtd.push_str(" ]");
        let err = Entities::from_doctype(&dtd).unwrap_err();
        assert!(err.0.contains("expands to too much"), "{}", err.0);
    }

    #[test]
    fn self_reference_is_refused() {
        assert!(Entities::from_doctype(r#"x [ <!ENTITY a "&b;"> <!ENTITY b "&a;"> ]"#).is_err());
    }
}
