//! The pre-pass that changes elements before ammonia sees them: iframes that are not from an
//! embed host become plain links (so nothing silently disappears), tracking pixels go, and
//! inside MathML only MathML and text stay (HTML inside a formula is where parsers disagree:
//! the mutation-XSS of `<math><mtext><table><mglyph><style>`).
//!
//! It works on a parsed tree, never on the string, so no spelling of a tag escapes it; and its
//! output is only ever given to ammonia, which parses and sanitizes it again: a mistake here
//! can lose fidelity, never safety.

use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, QualName};
use url::Url;

use super::urls::{is_embed, is_raster_data_image, is_tracker, resolve_web, rewrite_srcset};
use crate::core::html::{Data, NodeId, Tree};

/// What becomes of one element.
enum Fate {
    Keep,
    Remove,
    Replace(NodeId),
}

/// Rewrites iframes and drops tracking images; returns the HTML for ammonia.
pub(crate) fn prepass(html: &str, base: Option<&Url>) -> String {
    let mut tree = Tree::parse(html);
    let root = tree.root();
    // An explicit stack rather than recursion: hostile input can nest thousands deep.
    let mut stack = vec![root];
    while let Some(parent) = stack.pop() {
        let children = std::mem::take(&mut tree.nodes[parent].children);
        let mut kept = Vec::with_capacity(children.len());
        for child in children {
            let fate = if tree.is_mathml(parent) && tree.element_name(child).is_some() && !tree.is_mathml(child) {
                Fate::Remove
            } else {
                fate(&mut tree, child, base)
            };
            match fate {
                Fate::Keep => {
                    stack.push(child);
                    kept.push(child);
                }
                Fate::Remove => tree.nodes[child].parent = None,
                Fate::Replace(new) => {
                    tree.nodes[child].parent = None;
                    tree.nodes[new].parent = Some(parent);
                    kept.push(new);
                }
            }
        }
        tree.nodes[parent].children = kept;
    }
    tree.serialize_children(root)
}

fn fate(tree: &mut Tree, id: NodeId, base: Option<&Url>) -> Fate {
    match tree.element_name(id) {
        Some("iframe") => iframe_fate(tree, id, base),
        Some("img") if is_unwanted_image(tree, id, base) => Fate::Remove,
        _ => Fate::Keep,
    }
}

/// An embed keeps only its address (ammonia adds the sandbox); any other iframe with an http(s)
/// address becomes a link to it; one without (srcdoc, javascript:, none) is dropped.
fn iframe_fate(tree: &mut Tree, id: NodeId, base: Option<&Url>) -> Fate {
    let Some(url) = tree.attribute(id, "src").and_then(|src| resolve_web(src, base)) else {
        return Fate::Remove;
    };
    if is_embed(&url) {
        // An iframe never shows its children; they are raw text that only confuses readers.
        tree.nodes[id].children.clear();
        return Fate::Keep;
    }
    Fate::Replace(link_to(tree, &url))
}

/// Adds a detached `<a href="URL">URL</a>`.
fn link_to(tree: &mut Tree, url: &Url) -> NodeId {
    let href = Attribute { name: QualName::new(None, ns!(), local_name!("href")), value: StrTendril::from_slice(url.as_str()) };
    let link = tree.push(Data::Element {
        name: QualName::new(None, ns!(html), local_name!("a")),
        attrs: vec![href],
        template: None,
        annotation_xml_html: false,
    });
    let text = tree.push(Data::Text(StrTendril::from_slice(url.as_str())));
    tree.nodes[text].parent = Some(link);
    tree.nodes[link].children.push(text);
    link
}

/// True for an image not worth keeping: a pixel (both sides 0 or 1), one served by a known
/// tracker, or one with nothing ammonia would let it show (its source would be removed and
/// leave an empty box).
fn is_unwanted_image(tree: &Tree, id: NodeId, base: Option<&Url>) -> bool {
    let tiny = |name: &str| tree.attribute(id, name).is_some_and(is_at_most_one_pixel);
    if tiny("width") && tiny("height") {
        return true;
    }
    // An empty `src` would resolve to the article's own page, which is not an image.
    let src = tree.attribute(id, "src").map(str::trim).filter(|s| !s.is_empty());
    if src.is_some_and(is_raster_data_image) {
        return false;
    }
    match src.and_then(|src| resolve_web(src, base)) {
        Some(url) => is_tracker(&url),
        None => tree.attribute(id, "srcset").and_then(|set| rewrite_srcset(set, base)).is_none(),
    }
}

/// `0`, `1`, `1px`, ` 1 `: how pixel sizes are written.
fn is_at_most_one_pixel(value: &str) -> bool {
    let v = value.trim();
    let v = v.strip_suffix("px").unwrap_or(v).trim();
    matches!(v, "0" | "1" | "0.0" | "1.0" | "00" | "01")
}
