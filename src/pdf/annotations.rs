//! Annotations: links and empty signature fields.
//!
//! Every annotation is an indirect object with the Print flag (`/F 4`), as PDF/A wants.
//! A link has no border and either a `/URI` action or a `/GoTo` action to
//! `[page /XYZ 0 top null]`. A signature field is one dictionary that is both the field and
//! its widget annotation (ISO 32000-1, 12.7.3.1): `/FT /Sig`, `/T`, `/TU`,
//! `/Type /Annot /Subtype /Widget`, `/Rect`, `/P`, `/F 4` and `/AP << /N … >>`, an empty
//! form XObject the size of the rectangle, so that the field draws nothing until it is
//! signed and PDF/A's rule that every widget has an appearance holds. Fields are listed in
//! their page's `/Annots` (after the links) and in the catalog's
//! `/AcroForm << /Fields […] /SigFlags 1 >>` (SignaturesExist; not AppendOnly, which makes
//! some viewers warn on any change, and incremental signing works without it).

use super::content::Link;
use super::meta_text::clean_text;
use super::tags::Tree;
use super::{Ids, PdfError, SignatureField};
use crate::layout::coords::PageSpace;
use crate::layout::document::TocEntry;
use crate::layout::draw::LinkTarget;
use pdf_writer::types::{AnnotationFlags, AnnotationType, SigFlags};
use pdf_writer::writers::Catalog;
use pdf_writer::{Array, Finish, Name, Null, Pdf, Rect, Ref, Str, TextStr};
use std::collections::{BTreeSet, HashMap};

/// How far above an anchor (a heading's top) a link's view starts, pt.
const LINK_TOP_MARGIN: f32 = 12.0;

/// Refuses unusable fields: empty, dotted, duplicate or non-printable names, empty or
/// non-finite rectangles, pages past the last one.
///
/// # Errors
/// [`PdfError::InvalidField`], [`PdfError::PageOutOfRange`].
pub(crate) fn check_fields(fields: &[SignatureField], pages: usize) -> Result<(), PdfError> {
    let mut names = BTreeSet::new();
    for f in fields {
        let invalid = |reason: &str| PdfError::InvalidField {
            name: f.name.clone(),
            reason: reason.to_string(),
        };
        if f.name.trim().is_empty() {
            return Err(invalid("the name is empty"));
        }
        if f.name.contains('.') {
            return Err(invalid(
                "the name contains a dot, which separates field name parts",
            ));
        }
        if clean_text(&f.name) != f.name {
            return Err(invalid("the name contains control characters"));
        }
        if !names.insert(f.name.as_str()) {
            return Err(invalid("another field has the same name"));
        }
        if f.page >= pages {
            return Err(PdfError::PageOutOfRange {
                what: format!("signature field {:?}", f.name),
                page: f.page,
                pages,
            });
        }
        let [x1, y1, x2, y2] = f.rect;
        if !f.rect.iter().all(|v| v.is_finite()) {
            return Err(invalid("the rectangle has a non-finite coordinate"));
        }
        if x2 <= x1 || y2 <= y1 {
            return Err(invalid("the rectangle is empty (x2 <= x1 or y2 <= y1)"));
        }
    }
    Ok(())
}

/// Whether a link is written: an URI where a document may lead (the web, e-mail, a phone
/// number: [`crate::model::url_sure`]), or an anchor on one of the `pages` pages.
pub(crate) fn resolves(
    target: &LinkTarget,
    anchors: &HashMap<String, (usize, f32)>,
    pages: usize,
) -> bool {
    match target {
        LinkTarget::Uri(uri) => crate::model::url_sure(uri),
        LinkTarget::Anchor(a) => anchors.get(a).is_some_and(|&(p, _)| p < pages),
    }
}

/// What the annotations of a page refer to.
pub(crate) struct PageContext<'a> {
    /// The page's index (0-based).
    pub(crate) index: usize,
    /// Every page's object.
    pub(crate) page_ids: &'a [Ref],
    /// The document's anchors: id → (page, y from the top).
    pub(crate) anchors: &'a HashMap<String, (usize, f32)>,
    /// The pages' coordinates.
    pub(crate) space: PageSpace,
    /// The sommaire's entries: a link's description names the heading it goes to.
    pub(crate) toc: &'a [TocEntry],
    /// The structure tree: the annotations' parent-tree keys.
    pub(crate) tree: &'a Tree,
    /// The signatory of each field, in the order of the fields.
    pub(crate) signatories: &'a [usize],
}

/// Writes the annotations of a page: its `links` (those [`resolves`] refuses are dropped),
/// then the `fields` that are on it (checked by [`check_fields`]), whose objects are recorded
/// in `field_refs` in the order of `fields`, and every annotation's object in `keyed` with
/// its parent-tree key. Returns the page's `/Annots`.
pub(crate) fn write_page(
    pdf: &mut Pdf,
    ids: &mut Ids,
    page: &PageContext<'_>,
    links: &[Link<'_>],
    fields: &[SignatureField],
    field_refs: &mut Vec<(usize, Ref)>,
    keyed: &mut Vec<(i32, Ref)>,
) -> Vec<Ref> {
    let mut annots = write_links(pdf, ids, page, links, keyed);
    annots.extend(write_fields(pdf, ids, page, fields, field_refs, keyed));
    annots
}

/// The page's link annotations, each in its structure element when it has one.
fn write_links(
    pdf: &mut Pdf,
    ids: &mut Ids,
    page: &PageContext<'_>,
    links: &[Link<'_>],
    keyed: &mut Vec<(i32, Ref)>,
) -> Vec<Ref> {
    let mut annots = Vec::new();
    let mut keys = page.tree.link_keys[page.index].iter();
    for link in links {
        // The structure tree has a key for each link `resolves` accepts: the same rule here.
        if !resolves(link.target, page.anchors, page.page_ids.len()) {
            continue;
        }
        let target = match link.target {
            LinkTarget::Anchor(a) => page.anchors.get(a).and_then(|&(p, y)| {
                Some((*page.page_ids.get(p)?, page.space.y(y) + LINK_TOP_MARGIN))
            }),
            LinkTarget::Uri(_) => None,
        };
        let id = ids.next();
        let [x1, y1, x2, y2] = link.rect;
        let mut a = pdf.annotation(id);
        a.subtype(AnnotationType::Link)
            .rect(Rect::new(x1, y1, x2, y2))
            .flags(AnnotationFlags::PRINT)
            .border(0.0, 0.0, 0.0, None)
            .contents(TextStr(&describe(link.target, page.toc)));
        if let Some(&key) = keys.next() {
            a.struct_parent(key);
            keyed.push((key, id));
        }
        let mut action = a.insert(Name(b"A")).dict();
        match (target, link.target) {
            (Some((p, top)), _) => {
                action.pair(Name(b"S"), Name(b"GoTo"));
                xyz(action.insert(Name(b"D")).array(), p, top);
            }
            (None, LinkTarget::Uri(uri)) => {
                action
                    .pair(Name(b"S"), Name(b"URI"))
                    .pair(Name(b"URI"), Str(uri.as_bytes()));
            }
            (None, LinkTarget::Anchor(_)) => {}
        }
        action.finish();
        a.finish();
        annots.push(id);
    }
    annots
}

/// The page's empty signature fields (widgets with an empty appearance), each in its
/// `Form` structure element when it has one.
fn write_fields(
    pdf: &mut Pdf,
    ids: &mut Ids,
    page: &PageContext<'_>,
    fields: &[SignatureField],
    field_refs: &mut Vec<(usize, Ref)>,
    keyed: &mut Vec<(i32, Ref)>,
) -> Vec<Ref> {
    let mut annots = Vec::new();
    let this = page.page_ids[page.index];
    for (k, f) in fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.page == page.index)
    {
        let (id, appearance) = (ids.next(), ids.next());
        let [x1, y1, x2, y2] = f.rect;
        let mut w = pdf.annotation(id);
        w.subtype(AnnotationType::Widget)
            .rect(Rect::new(x1, y1, x2, y2))
            .page(this)
            .flags(AnnotationFlags::PRINT);
        w.pair(Name(b"FT"), Name(b"Sig"))
            .pair(Name(b"T"), TextStr(&f.name))
            .pair(Name(b"TU"), TextStr(&clean_text(&f.tooltip)));
        w.insert(Name(b"AP")).dict().pair(Name(b"N"), appearance);
        let signatory = page.signatories.get(k).copied();
        if let Some(key) = signatory.and_then(|i| page.tree.field_key(i)) {
            w.struct_parent(key);
            keyed.push((key, id));
        }
        w.finish();
        let mut ap = pdf.form_xobject(appearance, &[]);
        ap.bbox(Rect::new(0.0, 0.0, x2 - x1, y2 - y1));
        ap.insert(Name(b"Resources")).dict();
        ap.finish();
        annots.push(id);
        field_refs.push((k, id));
    }
    annots
}

/// A link's description (`/Contents`): where it goes.
fn describe(target: &LinkTarget, toc: &[TocEntry]) -> String {
    match target {
        LinkTarget::Uri(uri) => format!("Lien vers {uri}"),
        LinkTarget::Anchor(a) => match toc.iter().find(|e| &e.anchor == a) {
            Some(e) => format!("Aller à « {} »", e.title),
            None if a.starts_with("engagement-") => "Aller à l'engagement".to_string(),
            None => "Aller à la section".to_string(),
        },
    }
}

/// Writes the destination `[page /XYZ 0 top null]`: the page's left edge, `top` at the top
/// of the window, the zoom unchanged.
pub(crate) fn xyz(mut array: Array<'_>, page: Ref, top: f32) {
    array
        .item(page)
        .item(Name(b"XYZ"))
        .item(0)
        .item(top)
        .item(Null);
}

/// The catalog's `/AcroForm`, when there are fields (`field_refs` as [`write_page`] filled
/// it: field index and object).
pub(crate) fn catalog_entries(catalog: &mut Catalog<'_>, field_refs: &[(usize, Ref)]) {
    if field_refs.is_empty() {
        return;
    }
    let mut refs = field_refs.to_vec();
    refs.sort_by_key(|&(k, _)| k);
    catalog
        .form()
        .fields(refs.into_iter().map(|(_, id)| id))
        .sig_flags(SigFlags::SIGNATURES_EXIST);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, page: usize, rect: [f32; 4]) -> SignatureField {
        SignatureField {
            name: name.into(),
            tooltip: "Pour l'Etat – Le Préfet".into(),
            page,
            rect,
        }
    }

    #[test]
    fn bad_fields_are_refused() {
        let ok = [10.0, 10.0, 20.0, 20.0];
        for (fields, what) in [
            (vec![field("", 0, ok)], "empty"),
            (vec![field("Sig.1", 0, ok)], "dot"),
            (vec![field("S\u{7}", 0, ok)], "control"),
            (vec![field("S", 0, ok), field("S", 1, ok)], "same name"),
            (vec![field("S", 0, [10.0, 10.0, 10.0, 20.0])], "empty"),
            (
                vec![field("S", 0, [10.0, f32::INFINITY, 20.0, 20.0])],
                "non-finite",
            ),
        ] {
            match check_fields(&fields, 2) {
                Err(PdfError::InvalidField { reason, .. }) => {
                    assert!(reason.contains(what), "{reason}")
                }
                other => panic!("{what}: {other:?}"),
            }
        }
        assert!(matches!(
            check_fields(&[field("S", 2, ok)], 2),
            Err(PdfError::PageOutOfRange { page: 2, .. })
        ));
        assert!(check_fields(&[field("A", 1, ok), field("B", 1, ok)], 2).is_ok());
    }
}
