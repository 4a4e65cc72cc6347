//! The namespaces the parser understands, recognized by URI whatever prefix a document binds.

/// The namespaces the parser understands, identified by URI whatever their prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// No namespace (RSS 0.9x/2.0 elements).
    None,
    Atom,
    Atom03,
    Rss10,
    Rss090,
    Rdf,
    Dc,
    DcTerms,
    Content,
    Media,
    Xhtml,
    Itunes,
    Xml,
    Other,
}

impl Ns {
    pub fn from_uri(uri: &[u8]) -> Ns {
        match uri.trim_ascii() {
            b"" => Ns::None,
            b"http://www.w3.org/2005/Atom" => Ns::Atom,
            // And the names Atom had before 0.3, which its earliest feeds still carry.
            b"http://purl.org/atom/ns#"
            | b"http://purl.org/echo/"
            | b"http://purl.org/pie/"
            | b"http://example.com/necho"
            | b"http://example.com/newformat#" => Ns::Atom03,
            b"http://purl.org/rss/1.0/" => Ns::Rss10,
            b"http://my.netscape.com/rdf/simple/0.9/" => Ns::Rss090,
            // RSS 2.0 written in a namespace: the same elements as plain RSS.
            b"http://backend.userland.com/rss2" | b"http://blogs.law.harvard.edu/tech/rss" => Ns::None,
            b"http://www.w3.org/1999/02/22-rdf-syntax-ns#" => Ns::Rdf,
            b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
            b"http://purl.org/dc/terms/" => Ns::DcTerms,
            b"http://purl.org/rss/1.0/modules/content/" => Ns::Content,
            b"http://search.yahoo.com/mrss/" | b"http://search.yahoo.com/mrss" => Ns::Media,
            b"http://www.w3.org/1999/xhtml" => Ns::Xhtml,
            uri if is_itunes(uri) => Ns::Itunes,
            _ => Ns::Other,
        }
    }

    /// The namespace a prefix nobody declared most likely means: feeds often use `dc:` or
    /// `media:` without binding it, and every lenient reader accepts that.
    pub fn from_undeclared_prefix(prefix: &[u8]) -> Ns {
        match prefix {
            b"xml" => Ns::Xml,
            b"atom" => Ns::Atom,
            b"dc" => Ns::Dc,
            b"dcterms" => Ns::DcTerms,
            b"content" => Ns::Content,
            b"media" => Ns::Media,
            b"rdf" => Ns::Rdf,
            b"xhtml" => Ns::Xhtml,
            b"itunes" => Ns::Itunes,
            _ => Ns::Other,
        }
    }
}

/// Apple's podcast namespace, whatever its capitalisation: Apple's own documentation once wrote
/// `http://www.itunes.com/DTDs/PodCast-1.0.dtd`, and podcasts copied it (and its example
/// address on example.com) with every other capitalisation since. feedparser matches them all.
fn is_itunes(uri: &[u8]) -> bool {
    uri.eq_ignore_ascii_case(b"http://www.itunes.com/dtds/podcast-1.0.dtd")
        || uri.eq_ignore_ascii_case(b"http://example.com/dtds/podcast-1.0.dtd")
}
