//! HTML as a tree, for every stage that reads HTML beyond what ammonia's policy does: the
//! sanitizer's pre-pass (rewriting elements), feed discovery (a page's `<link>`s), and the one
//! routine that turns HTML into plain text (titles, excerpts, search words). Built by the
//! same html5ever parser ammonia uses, so all see one tree.
//!
//! Nodes live in one `Vec` and point at each other by index: no reference counting, no
//! recursion anywhere (hostile input nests thousands of levels deep), nothing to leak.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io;

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::serialize::{serialize, Serialize, SerializeOpts, Serializer, TraversalScope};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, parse_document, parse_fragment, Attribute, LocalName, Namespace, ParseOpts, QualName};

/// Elements whose content is not text a person reads: code and styles (never shown), and
/// media fallbacks (shown only where the media cannot play).
const NOT_TEXT: &[&str] = &["script", "style", "template", "noscript", "iframe", "video", "audio", "picture", "rp", "object"];

/// Elements that do not break a line: no space goes around them, so `<b>W</b>ord` stays one
/// word.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// The plain text of an HTML fragment: tags gone, character references decoded, a space
/// wherever a block boundary would show one, nothing of scripts, styles or media fallbacks.
/// Whitespace is left as it is (callers collapse it).
pub fn text(html: &str) -> String {
    if !html.contains('<') && !has_reference(html) {
        return html.to_owned();
    }
    enum Step {
        Visit(NodeId),
        Space,
    }
    let tree = Tree::parse(html);
    let mut text = String::with_capacity(html.len() / 2);
    let mut stack: Vec<Step> = tree.nodes[tree.root()].children.iter().rev().map(|&c| Step::Visit(c)).collect();
    while let Some(step) = stack.pop() {
        let id = match step {
            Step::Space => {
                text.push(' ');
                continue;
            }
            Step::Visit(id) => id,
        };
        match &tree.nodes[id].data {
            Data::Text(contents) => text.push_str(contents),
            Data::Element { name, .. } => {
                let name: &str = &name.local;
                if NOT_TEXT.contains(&name) {
                    continue;
                }
                if !INLINE.contains(&name) {
                    text.push(' ');
                    stack.push(Step::Space);
                }
                stack.extend(tree.nodes[id].children.iter().rev().map(|&c| Step::Visit(c)));
            }
            _ => {}
        }
    }
    text
}

/// True if an `&` in `text` may start a character reference: one followed by a letter, a digit
/// or `#`. Any other `&` (as in "Tom & Jerry") is the character itself, as the HTML tokenizer
/// reads it, so such a title needs no parse.
fn has_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'&', bytes).any(|i| bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'#'))
}

/// Index of a node in its [`Tree`].
pub(crate) type NodeId = usize;

/// What a node is.
pub(crate) enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        template: Option<NodeId>,
        annotation_xml_html: bool,
    },
    Text(StrTendril),
    Comment(StrTendril),
    /// Doctypes and processing instructions: never serialized.
    Other,
}

/// One node and its links.
pub(crate) struct Node {
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    pub data: Data,
}

/// A parsed fragment. Node 0 is the document; [`Tree::root`] holds the fragment's nodes.
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    /// Parses `html` as the children of a `<div>`, exactly as ammonia does.
    pub(crate) fn parse(html: &str) -> Tree {
        parse_fragment(Sink::default(), ParseOpts::default(), QualName::new(None, ns!(html), local_name!("div")), vec![], false).one(html)
    }

    /// Parses a whole page (feed discovery reads its `<head>`).
    pub(crate) fn parse_document(html: &str) -> Tree {
        parse_document(Sink::default(), ParseOpts::default()).one(html)
    }

    /// Every element named `name`, in document order.
    pub(crate) fn elements<'a>(&'a self, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        (0..self.nodes.len()).filter(move |&id| self.element_name(id) == Some(name))
    }

    /// The element whose children are the fragment's top-level nodes.
    pub(crate) fn root(&self) -> NodeId {
        self.nodes[0].children.first().copied().unwrap_or(0)
    }

    /// Adds a detached node.
    pub(crate) fn push(&mut self, data: Data) -> NodeId {
        self.nodes.push(Node { parent: None, children: Vec::new(), data });
        self.nodes.len() - 1
    }

    /// The local name of an element, `None` for other nodes.
    pub(crate) fn element_name(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    /// Whether `id` is an element in MathML's namespace.
    pub(crate) fn is_mathml(&self, id: NodeId) -> bool {
        matches!(&self.nodes[id].data, Data::Element { name, .. } if name.ns == html5ever::ns!(mathml))
    }

    /// The value of an attribute of an element.
    pub(crate) fn attribute(&self, id: NodeId, name: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value),
            _ => None,
        }
    }

    /// Serializes the children of `id` with html5ever's serializer (the browser's escaping).
    pub(crate) fn serialize_children(&self, id: NodeId) -> String {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail; an error would only leave the output shorter.
        let _ = serialize(&mut out, &Subtree { tree: self, id }, SerializeOpts::default());
        String::from_utf8(out).unwrap_or_default()
    }
}

struct Subtree<'a> {
    tree: &'a Tree,
    id: NodeId,
}

impl Serialize for Subtree<'_> {
    fn serialize<S: Serializer>(&self, serializer: &mut S, _: TraversalScope) -> io::Result<()> {
        enum Op {
            Open(NodeId),
            Close(NodeId),
        }
        let nodes = &self.tree.nodes;
        let mut ops: Vec<Op> = nodes[self.id].children.iter().rev().map(|&c| Op::Open(c)).collect();
        while let Some(op) = ops.pop() {
            match op {
                Op::Open(id) => match &nodes[id].data {
                    Data::Element { name, attrs, template, .. } => {
                        serializer.start_elem(name.clone(), attrs.iter().map(|a| (&a.name, &*a.value)))?;
                        ops.push(Op::Close(id));
                        let children = template.map_or(&nodes[id].children, |t| &nodes[t].children);
                        ops.extend(children.iter().rev().map(|&c| Op::Open(c)));
                    }
                    Data::Text(text) => serializer.write_text(text)?,
                    Data::Comment(text) => serializer.write_comment(text)?,
                    Data::Document | Data::Other => {}
                },
                Op::Close(id) => {
                    if let Data::Element { name, .. } = &nodes[id].data {
                        serializer.end_elem(name.clone())?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// An element name the tree builder can hold while the tree itself is borrowed mutably.
#[derive(Debug)]
pub(crate) struct OwnedName(QualName);

impl ElemName for OwnedName {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

/// The html5ever tree sink that fills a [`Tree`].
struct Sink {
    tree: RefCell<Tree>,
}

impl Default for Sink {
    fn default() -> Self {
        let document = Node { parent: None, children: Vec::new(), data: Data::Document };
        Sink { tree: RefCell::new(Tree { nodes: vec![document] }) }
    }
}

impl Sink {
    fn detach(tree: &mut Tree, id: NodeId) {
        if let Some(parent) = tree.nodes[id].parent.take() {
            tree.nodes[parent].children.retain(|&c| c != id);
        }
    }

    /// Inserts a node or text at `index` among `parent`'s children, merging adjacent text as
    /// the HTML tree construction rules require.
    fn insert(tree: &mut Tree, parent: NodeId, index: usize, child: NodeOrText<NodeId>) {
        let id = match child {
            NodeOrText::AppendNode(id) => {
                Self::detach(tree, id);
                id
            }
            NodeOrText::AppendText(text) => {
                let before = index.checked_sub(1).and_then(|i| tree.nodes[parent].children.get(i).copied());
                if let Some(Data::Text(existing)) = before.map(|b| &mut tree.nodes[b].data) {
                    existing.push_tendril(&text);
                    return;
                }
                tree.push(Data::Text(text))
            }
        };
        // `detach` may have shifted the index if the node was already a child of `parent`.
        let index = index.min(tree.nodes[parent].children.len());
        tree.nodes[parent].children.insert(index, id);
        tree.nodes[id].parent = Some(parent);
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Tree;
    type ElemName<'a> = OwnedName;

    fn finish(self) -> Tree {
        self.tree.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> OwnedName {
        match &self.tree.borrow().nodes[*target].data {
            Data::Element { name, .. } => OwnedName(name.clone()),
            // The tree builder only asks for names of elements; a harmless name otherwise.
            _ => OwnedName(QualName::new(None, ns!(html), local_name!("div"))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let mut tree = self.tree.borrow_mut();
        let template = flags.template.then(|| tree.push(Data::Document));
        let annotation_xml_html = flags.mathml_annotation_xml_integration_point;
        tree.push(Data::Element { name, attrs, template, annotation_xml_html })
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.tree.borrow_mut().push(Data::Comment(text))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.tree.borrow_mut().push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        let index = tree.nodes[*parent].children.len();
        Self::insert(&mut tree, *parent, index, child);
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev: &NodeId, child: NodeOrText<NodeId>) {
        let has_parent = self.tree.borrow().nodes[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        match &self.tree.borrow().nodes[*target].data {
            Data::Element { template: Some(t), .. } => *t,
            _ => *target,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        let Some(parent) = tree.nodes[*sibling].parent else {
            return;
        };
        let index = tree.nodes[parent].children.iter().position(|c| c == sibling).unwrap_or(0);
        Self::insert(&mut tree, parent, index, child);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, new: Vec<Attribute>) {
        if let Data::Element { attrs, .. } = &mut self.tree.borrow_mut().nodes[*target].data {
            for attr in new {
                if !attrs.iter().any(|a| a.name == attr.name) {
                    attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.tree.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut tree = self.tree.borrow_mut();
        let children = std::mem::take(&mut tree.nodes[*node].children);
        for &child in &children {
            tree.nodes[child].parent = Some(*new_parent);
        }
        tree.nodes[*new_parent].children.extend(children);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        matches!(self.tree.borrow().nodes[*handle].data, Data::Element { annotation_xml_html: true, .. })
    }
}
