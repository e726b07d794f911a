//! The tagged PDF: the logical structure of the document (ISO 32000-1, 14.7–14.8), for
//! PDF/UA-1 and PDF/A-2a.
//!
//! The layout leaves structure elements opened and closed among each page's draws
//! (`Draw::Begin`, `Draw::End`) and a role on every text. [`build`] walks every page's draws
//! in document order, once, and makes the structure tree ([`Tree`]): the elements, and for
//! each draw how its content is marked — as the content of an element, with a marked-content
//! id numbered per page, or as an artifact (running header and footer, watermark, rules,
//! frames, fills, dot leaders, the invisible parapheur tags). Text outside any element gets
//! one from its role. Links and signature fields become `Link` and `Form` elements holding
//! their annotation (OBJR), each annotation with its parent-tree key.
//!
//! [`content`](super::content) writes the marks (`BDC`/`EMC`) as it writes the pages;
//! [`write`] writes the elements, the parent tree (one indirect array per page, then one
//! entry per annotation) and the structure tree root.

mod build;
mod kind;
mod write;

pub(crate) use build::build;
pub(crate) use kind::Mark;
pub(crate) use write::write;

use kind::Kind;

/// The structure tree of a document and how each page's draws are marked.
pub(crate) struct Tree {
    /// The elements; the first is the `Document`, the root's only child.
    nodes: Vec<Node>,
    /// For each page, for each draw: its mark (`None` for a draw that paints nothing).
    pub(crate) marks: Vec<Vec<Option<Mark>>>,
    /// For each page, for each marked-content id: the element it belongs to.
    parents: Vec<Vec<usize>>,
    /// For each annotation key, from `pages` on: the element holding the annotation.
    annotations: Vec<usize>,
    /// For each page, the parent-tree keys of its links, in drawing order (links to an
    /// unknown anchor are not written, and have none).
    pub(crate) link_keys: Vec<Vec<i32>>,
    /// The parent-tree key of each signatory's field: (signatory index, key).
    pub(crate) field_keys: Vec<(usize, i32)>,
}

impl Tree {
    /// About how many bytes the tree takes written, with the cross-reference entries of its
    /// objects and of the pages': its elements (about 100 bytes each), the kids and
    /// marked-content ids they list, and the parent tree that lists the ids again.
    pub(crate) fn written_size(&self) -> usize {
        let kids: usize = self.nodes.iter().map(|n| n.kids.len()).sum();
        let ids: usize = self.parents.iter().map(Vec::len).sum();
        let objects = self.nodes.len() + self.annotations.len() + 4 * self.marks.len();
        self.nodes.len() * 100 + (kids + ids + self.annotations.len()) * 8 + objects * 20
    }

    /// The parent-tree key of the field of signatory `index`, if the pages show its place.
    pub(crate) fn field_key(&self, index: usize) -> Option<i32> {
        self.field_keys
            .iter()
            .find(|&&(i, _)| i == index)
            .map(|&(_, k)| k)
    }
}

/// A structure element.
struct Node {
    kind: Kind,
    /// The parent element (the `Document` is its own parent: its parent is the root).
    parent: usize,
    kids: Vec<Kid>,
    /// The alternative text (figures).
    alt: Option<String>,
    /// The element identifier (notes: PDF/UA wants one on every `Note`).
    id: Option<String>,
    /// The bounding box of a figure, pt from the page's lower-left corner.
    bbox: Option<[f32; 4]>,
}

/// A child of a structure element.
#[derive(Clone, Copy)]
enum Kid {
    /// Another element.
    Node(usize),
    /// A marked-content sequence of a page.
    Content { page: usize, mcid: u32 },
    /// An annotation of a page, by its parent-tree key.
    Annotation { page: usize, key: i32 },
}
