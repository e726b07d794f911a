//! The structure tree, from the pages' draws.

use super::kind::{Kind, Mark};
use super::{Kid, Node, Tree};
use crate::layout::coords::PageSpace;
use crate::layout::document::Document;
use crate::layout::draw::{Draw, LinkTarget, Role};
use crate::layout::tag::{Artifact, Tag};

/// The structure tree of `doc`, its pages walked in order; `resolves` says whether a link
/// is written (an anchor the document has, or a URI).
pub(crate) fn build(doc: &Document, resolves: impl Fn(&LinkTarget) -> bool) -> Tree {
    let pages = doc.pages.len();
    let mut b = Builder {
        tree: Tree {
            nodes: vec![Node::new(Kind::Document, 0)],
            marks: Vec::with_capacity(pages),
            parents: Vec::with_capacity(pages),
            annotations: Vec::new(),
            link_keys: Vec::with_capacity(pages),
            field_keys: Vec::new(),
        },
        stack: vec![0],
        pages: i32::try_from(pages).unwrap_or(i32::MAX),
        last_heading: 0,
        page: 0,
        current: None,
        implicit: None,
    };
    let space = PageSpace::new(doc.theme.page_height);
    for (p, page) in doc.pages.iter().enumerate() {
        b.page = p;
        b.current = None;
        b.implicit = None;
        b.tree.parents.push(Vec::new());
        b.tree.link_keys.push(Vec::new());
        let marks = page
            .draws
            .iter()
            .map(|d| b.draw(d, space, &resolves))
            .collect();
        b.tree.marks.push(marks);
    }
    b.tree
}

impl Node {
    fn new(kind: Kind, parent: usize) -> Node {
        Node {
            kind,
            parent,
            kids: Vec::new(),
            alt: None,
            id: None,
            bbox: None,
        }
    }
}

struct Builder {
    tree: Tree,
    /// The open elements, the `Document` first.
    stack: Vec<usize>,
    /// The number of pages: the first annotation key.
    pages: i32,
    /// The level of the last heading (a heading goes at most one level deeper).
    last_heading: u8,
    /// The page being walked.
    page: usize,
    /// The element and id of the marked content last written on this page, while nothing
    /// else was: the next content of that element continues it.
    current: Option<(usize, u32)>,
    /// The element made for text outside any element, and the role it was made for.
    implicit: Option<(Role, usize)>,
}

impl Builder {
    /// The mark of one draw, and what it adds to the tree.
    fn draw(
        &mut self,
        d: &Draw,
        space: PageSpace,
        resolves: &impl Fn(&LinkTarget) -> bool,
    ) -> Option<Mark> {
        match d {
            Draw::Begin(tag) => {
                self.break_content();
                let top = self.top();
                // A note follows the paragraph (or heading) of its call, beside it.
                let parent = match (tag, self.tree.nodes[top].kind) {
                    (Tag::Note { .. }, Kind::P | Kind::H(_)) => self.tree.nodes[top].parent,
                    _ => top,
                };
                let n = self.add(Kind::of_tag(tag), parent);
                match tag {
                    Tag::Figure { alt } => self.tree.nodes[n].alt = Some(alt.clone()),
                    Tag::Note { id } => self.tree.nodes[n].id = Some(id.clone()),
                    _ => {}
                }
                self.stack.push(n);
                None
            }
            Draw::End => {
                self.break_content();
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                None
            }
            Draw::Text {
                role: Role::Artifact(a),
                ..
            } => self.artifact(*a),
            Draw::HiddenText { .. } | Draw::Rect { .. } | Draw::Line { .. } => {
                self.artifact(Artifact::Layout)
            }
            Draw::Text { role, .. } => {
                let n = self.holder(*role);
                Some(self.content(n))
            }
            Draw::Image { x, y, w, h, .. } => {
                let top = self.top();
                if self.tree.nodes[top].kind != Kind::Figure {
                    return self.artifact(Artifact::Layout);
                }
                let [x1, y1, x2, y2] = space.rect(*x, *y, *w, *h);
                let bbox = &mut self.tree.nodes[top].bbox;
                *bbox = Some(match *bbox {
                    Some([a, b, c, d]) => [a.min(x1), b.min(y1), c.max(x2), d.max(y2)],
                    None => [x1, y1, x2, y2],
                });
                Some(self.content(top))
            }
            Draw::Link { target, .. } => {
                if resolves(target) {
                    let key = self.annotation(Kind::Link);
                    self.tree.link_keys[self.page].push(key);
                }
                None
            }
            Draw::SignatureArea { index, .. } => {
                let key = self.annotation(Kind::Form);
                self.tree.field_keys.push((*index, key));
                None
            }
            Draw::Anchor { .. } => None,
        }
    }

    fn top(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    /// A new element of `kind` under `parent` (a heading at most one level below the last).
    fn add(&mut self, kind: Kind, parent: usize) -> usize {
        let kind = match kind {
            Kind::H(level) => {
                let level = level.clamp(1, self.last_heading.saturating_add(1));
                self.last_heading = level;
                Kind::H(level)
            }
            k => k,
        };
        let n = self.tree.nodes.len();
        self.tree.nodes.push(Node::new(kind, parent));
        self.tree.nodes[parent].kids.push(Kid::Node(n));
        n
    }

    /// What comes next is not the continuation of the marked content written last.
    fn break_content(&mut self) {
        self.current = None;
        self.implicit = None;
    }

    fn artifact(&mut self, a: Artifact) -> Option<Mark> {
        self.current = None;
        Some(Mark::Artifact(a))
    }

    /// The element that holds a text of `role`: the open one, or one made for it.
    fn holder(&mut self, role: Role) -> usize {
        let top = self.top();
        if self.tree.nodes[top].kind.holds_content() {
            return top;
        }
        match self.implicit {
            Some((r, n)) if r == role => n,
            _ => {
                let n = self.add(Kind::of_role(role), top);
                self.implicit = Some((role, n));
                n
            }
        }
    }

    /// The mark of content of element `n`: the marked content written last if it is `n`'s,
    /// else a new one.
    fn content(&mut self, n: usize) -> Mark {
        let mcid = match self.current {
            Some((m, mcid)) if m == n => mcid,
            _ => {
                let parents = &mut self.tree.parents[self.page];
                let mcid = u32::try_from(parents.len()).unwrap_or(u32::MAX);
                parents.push(n);
                self.tree.nodes[n].kids.push(Kid::Content {
                    page: self.page,
                    mcid,
                });
                self.current = Some((n, mcid));
                mcid
            }
        };
        Mark::Content {
            kind: self.tree.nodes[n].kind,
            mcid,
        }
    }

    /// An annotation of this page, in the open element of `kind` or in a new one: its key.
    fn annotation(&mut self, kind: Kind) -> i32 {
        let top = self.top();
        let holder = if self.tree.nodes[top].kind == kind {
            top
        } else {
            let parent = match self.implicit {
                Some((_, n)) => n,
                None => top,
            };
            self.add(kind, parent)
        };
        let key = self.pages + i32::try_from(self.tree.annotations.len()).unwrap_or(i32::MAX);
        self.tree.annotations.push(holder);
        self.tree.nodes[holder].kids.push(Kid::Annotation {
            page: self.page,
            key,
        });
        key
    }
}
