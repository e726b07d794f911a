//! The structure tree written: the elements, the parent tree, the root.

use super::kind::Kind;
use super::{Kid, Node, Tree};
use crate::layout::tag::Labels;
use crate::layout::theme::Counter;
use crate::pdf::Ids;
use pdf_writer::types::{ListNumbering, TableHeaderScope};
use pdf_writer::writers::{Attributes, MarkedRef, ObjectRef, StructTreeRoot};
use pdf_writer::{Dict, Finish, Name, Null, Obj, Pdf, Rect, Ref, Str, TextStr};

/// Writes `tree`: its elements, each page's parent-tree array and the structure tree root,
/// whose object it returns. `pages` are the pages' objects; `annotations` the annotations'
/// objects by parent-tree key (an annotation that was not written has none, and is left
/// out of its element).
pub(crate) fn write(
    pdf: &mut Pdf,
    ids: &mut Ids,
    tree: &Tree,
    pages: &[Ref],
    annotations: &[(i32, Ref)],
) -> Ref {
    let root = ids.next();
    let refs: Vec<Ref> = tree.nodes.iter().map(|_| ids.next()).collect();
    let object = |key: i32| {
        annotations
            .iter()
            .find(|&&(k, _)| k == key)
            .map(|&(_, r)| r)
    };
    for (i, node) in tree.nodes.iter().enumerate() {
        let parent = if i == 0 { root } else { refs[node.parent] };
        element(pdf, refs[i], parent, node, &refs, pages, &object);
    }
    let arrays: Vec<Option<Ref>> = tree
        .parents
        .iter()
        .map(|p| (!p.is_empty()).then(|| ids.next()))
        .collect();
    for (parents, id) in tree.parents.iter().zip(&arrays) {
        if let Some(id) = id {
            pdf.indirect(*id)
                .array()
                .items(parents.iter().map(|&n| refs[n]));
        }
    }
    let mut r = pdf.indirect(root).start::<StructTreeRoot>();
    r.child(refs[0]);
    let mut nums = r.parent_tree();
    let mut entries = nums.nums();
    for (page, id) in arrays.iter().enumerate() {
        if let Some(id) = id {
            entries.insert(i32::try_from(page).unwrap_or(i32::MAX), *id);
        }
    }
    let first = i32::try_from(tree.parents.len()).unwrap_or(i32::MAX);
    for (k, &holder) in tree.annotations.iter().enumerate() {
        let key = first + i32::try_from(k).unwrap_or(i32::MAX);
        entries.insert(key, refs[holder]);
    }
    entries.finish();
    nums.finish();
    r.parent_tree_next_key(first + i32::try_from(tree.annotations.len()).unwrap_or(0));
    r.finish();
    root
}

/// Writes one structure element, `id`, child of `parent`.
fn element(
    pdf: &mut Pdf,
    id: Ref,
    parent: Ref,
    node: &Node,
    refs: &[Ref],
    pages: &[Ref],
    object: &impl Fn(i32) -> Option<Ref>,
) {
    // A structure element without its optional `/Type`: there are hundreds.
    let mut el = pdf.indirect(id).dict();
    el.pair(Name(b"S"), Name(node.kind.name()));
    el.pair(Name(b"P"), parent);
    // The element's page: that of its first content, which is then given by its id alone.
    let home = node.kids.iter().find_map(|k| match *k {
        Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(page),
        Kid::Node(_) => None,
    });
    if let Some(page) = home {
        el.pair(Name(b"Pg"), pages[page]);
    }
    if let Some(alt) = &node.alt {
        el.pair(Name(b"Alt"), TextStr(alt));
    }
    if let Some(id) = &node.id {
        el.pair(Name(b"ID"), Str(id.as_bytes()));
    }
    attributes(&mut el, node.kind, node.bbox);
    // An annotation that was not written is left out.
    let kids: Vec<Kid> = node
        .kids
        .iter()
        .filter(|k| !matches!(k, Kid::Annotation { key, .. } if object(*key).is_none()))
        .copied()
        .collect();
    match kids.as_slice() {
        // One child is written alone, not in an array: pyHanko recognises a signed
        // field's widget in the structure tree only as `/K <</Type/OBJR …>>`.
        [kid] => kid_into(el.insert(Name(b"K")), *kid, home, refs, pages, object),
        kids => {
            let mut array = el.insert(Name(b"K")).array();
            for kid in kids {
                kid_into(array.push(), *kid, home, refs, pages, object);
            }
        }
    }
    el.finish();
}

/// Writes one child of an element: another element, a marked-content id (alone when on the
/// element's page `home`, else with its page), or an annotation's object reference.
fn kid_into(
    obj: Obj<'_>,
    kid: Kid,
    home: Option<usize>,
    refs: &[Ref],
    pages: &[Ref],
    object: &impl Fn(i32) -> Option<Ref>,
) {
    match kid {
        Kid::Node(n) => obj.primitive(refs[n]),
        Kid::Content { page, mcid } => {
            let mcid = i32::try_from(mcid).unwrap_or(i32::MAX);
            if Some(page) == home {
                obj.primitive(mcid);
            } else {
                obj.start::<MarkedRef>()
                    .page(pages[page])
                    .marked_content_id(mcid);
            }
        }
        Kid::Annotation { page, key } => {
            match object(key) {
                Some(o) => {
                    obj.start::<ObjectRef>().page(pages[page]).object(o);
                }
                // Never: such a child is left out.
                None => obj.primitive(Null),
            }
        }
    }
}

/// The attributes of an element of `kind`: a list's numbering, a header cell's scope, a
/// figure's bounding box.
fn attributes(el: &mut Dict<'_>, kind: Kind, bbox: Option<[f32; 4]>) {
    let a = || Name(b"A");
    match kind {
        Kind::L(labels) => {
            el.insert(a())
                .start::<Attributes>()
                .list()
                .list_numbering(list_numbering(labels));
        }
        Kind::TH(row) => {
            el.insert(a()).start::<Attributes>().table().scope(if row {
                TableHeaderScope::Row
            } else {
                TableHeaderScope::Column
            });
        }
        Kind::Figure => {
            if let Some([x1, y1, x2, y2]) = bbox {
                el.insert(a())
                    .start::<Attributes>()
                    .layout()
                    .bbox(Rect::new(x1, y1, x2, y2));
            }
        }
        _ => {}
    }
}

/// The `/ListNumbering` that says what a list's labels are.
fn list_numbering(labels: Labels) -> ListNumbering {
    match labels {
        Labels::Bullets => ListNumbering::Disc,
        Labels::Signs => ListNumbering::None,
        Labels::Numbers(c) => match c {
            Counter::Decimal => ListNumbering::Decimal,
            Counter::LowerAlpha => ListNumbering::LowerAlpha,
            Counter::UpperAlpha => ListNumbering::UpperAlpha,
            Counter::LowerRoman => ListNumbering::LowerRoman,
            Counter::UpperRoman => ListNumbering::UpperRoman,
        },
    }
}
