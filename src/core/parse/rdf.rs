//! RSS 1.0 and RSS 0.90, both RDF documents (`<rdf:RDF>`): the channel, image and items are
//! siblings, in the RSS 1.0 (or 0.90) namespace; their elements are read by `rss`'s handlers.

use crate::core::model::{Feed, FeedKind, Markup};

use super::entry::empty_feed;
use super::rss::{read_channel, read_image, read_item_into, Channel};
use super::xml::{Element, Ns, XmlReader};
use super::ParseError;

/// Reads `<rdf:RDF>`.
pub fn read_feed<'i>(r: &mut XmlReader<'i>, root: &Element<'i>) -> Result<Feed<Markup>, ParseError> {
    let mut feed = empty_feed(FeedKind::Rdf, Some("1.0"));
    let mut channel = Channel::default();
    while let Some(el) = r.child(root)? {
        // RSS 0.90 is the same shape in its own namespace.
        if el.ns == Ns::Rss090 {
            feed.version = Some("0.90".to_string());
        }
        if !matches!(el.ns, Ns::Rss10 | Ns::Rss090 | Ns::None) {
            continue;
        }
        match el.name {
            b"channel" => read_channel(r, &el, &mut feed, &mut channel)?,
            b"image" => read_image(r, &el, &mut feed)?,
            b"item" => read_item_into(r, &el, &mut feed)?,
            _ => {}
        }
    }
    channel.finish(&mut feed);
    Ok(feed)
}
