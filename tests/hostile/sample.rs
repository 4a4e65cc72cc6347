//! The bundled sample feed's 25 `<summary type="html">` bodies, read with quick-xml directly so
//! the sanitizer's tests do not depend on the feed parser.

use quick_xml::events::Event;
use quick_xml::Reader;

/// One entry of the sample: its HTML summary and the link its relative URLs resolve against.
pub struct SampleEntry {
    pub link: Option<String>,
    pub summary: String,
}

pub const SAMPLE: &str = include_str!("../fixtures/newsblur-shared-items.atom.xml");

/// The entries of the sample feed, in document order.
pub fn sample_entries() -> Vec<SampleEntry> {
    let mut reader = Reader::from_str(SAMPLE);
    let mut entries = Vec::new();
    let mut link = None;
    let mut in_entry = false;
    loop {
        match reader.read_event().expect("the sample is well-formed") {
            Event::Start(e) if e.name().as_ref() == b"entry" => {
                in_entry = true;
                link = None;
            }
            Event::End(e) if e.name().as_ref() == b"entry" => in_entry = false,
            Event::Start(e) | Event::Empty(e) if in_entry && e.name().as_ref() == b"link" => {
                let href = e.try_get_attribute("href").ok().flatten();
                if let Some(href) = href {
                    link = Some(href.unescape_value().expect("valid href").into_owned());
                }
            }
            Event::Start(e) if in_entry && e.name().as_ref() == b"summary" => {
                let summary = reader.read_text(e.name()).expect("summary text");
                let summary = quick_xml::escape::unescape(&summary).expect("valid escapes").into_owned();
                entries.push(SampleEntry { link: link.clone(), summary });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    entries
}
