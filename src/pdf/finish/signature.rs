//! Empty signature fields.
//!
//! Each field is one dictionary that is both the field and its widget annotation
//! (ISO 32000-1, 12.7.3.1): `/FT /Sig`, `/T`, `/TU`, `/Type /Annot /Subtype /Widget`,
//! `/Rect`, `/P`, `/F 4` (printable) and `/AP << /N … >>`, an empty form XObject the size of
//! the rectangle, so that the field draws nothing until it is signed and PDF/A's rule that
//! every widget has an appearance holds. The field is listed in its page's `/Annots` and in
//! the catalog's `/AcroForm << /Fields […] /SigFlags 1 >>` (SignaturesExist).

use super::strings::{clean_text, text_string};
use super::{catalog_id, FinishError, SignatureField};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};
use std::collections::BTreeSet;

/// `/SigFlags` value: SignaturesExist, not AppendOnly (incremental signing works anyway, and
/// AppendOnly would make some viewers warn on any change).
const SIG_FLAGS: i64 = 1;

/// Adds one empty signature field per entry of `fields`, in order.
///
/// # Errors
/// [`FinishError::InvalidField`] for an empty, dotted or duplicate name or an empty or
/// non-finite rectangle, [`FinishError::PageOutOfRange`] for a page past the last one,
/// [`FinishError::Malformed`] without a catalog.
pub(crate) fn apply(
    doc: &mut Document,
    pages: &[ObjectId],
    fields: &[SignatureField],
) -> Result<(), FinishError> {
    check(fields, pages.len())?;
    if fields.is_empty() {
        return Ok(());
    }
    let mut refs = Vec::with_capacity(fields.len());
    for field in fields {
        let page = pages[field.page];
        let appearance = doc.add_object(empty_appearance(field.rect));
        let id = doc.add_object(field_dictionary(field, page, appearance));
        add_to_annots(doc, page, id)?;
        refs.push(Object::Reference(id));
    }
    add_to_acroform(doc, refs)
}

/// Refuses unusable fields (see [`apply`]).
fn check(fields: &[SignatureField], pages: usize) -> Result<(), FinishError> {
    let mut names = BTreeSet::new();
    for f in fields {
        let invalid = |reason: &str| FinishError::InvalidField {
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
            return Err(FinishError::PageOutOfRange {
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

/// The empty form XObject shown for the unsigned field.
fn empty_appearance(rect: [f32; 4]) -> Stream {
    let [x1, y1, x2, y2] = rect;
    let dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), (x2 - x1).into(), (y2 - y1).into()],
        "Resources" => Dictionary::new(),
    };
    Stream::new(dict, Vec::new())
}

/// The merged field and widget dictionary.
fn field_dictionary(field: &SignatureField, page: ObjectId, appearance: ObjectId) -> Dictionary {
    dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => text_string(&field.name),
        "TU" => text_string(&clean_text(&field.tooltip)),
        "Rect" => field.rect.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
        "P" => page,
        "F" => 4,
        "AP" => dictionary! { "N" => appearance },
    }
}

/// Appends `annot` to the `/Annots` of `page` (creating the array, or resolving an indirect
/// one into a direct one).
fn add_to_annots(doc: &mut Document, page: ObjectId, annot: ObjectId) -> Result<(), FinishError> {
    let existing = match doc.get_dictionary(page).map(|d| d.get(b"Annots")) {
        Ok(Ok(Object::Array(a))) => a.clone(),
        Ok(Ok(Object::Reference(id))) => match doc.get_object(*id) {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        },
        Ok(_) => Vec::new(),
        Err(_) => {
            return Err(FinishError::Malformed(format!(
                "page {page:?} is not a dictionary"
            )))
        }
    };
    let mut annots = existing;
    annots.push(Object::Reference(annot));
    doc.get_dictionary_mut(page)
        .map_err(|_| FinishError::Malformed(format!("page {page:?} is not a dictionary")))?
        .set("Annots", annots);
    Ok(())
}

/// Appends `fields` to the catalog's `/AcroForm /Fields` (creating the form) and sets
/// `/SigFlags`.
fn add_to_acroform(doc: &mut Document, fields: Vec<Object>) -> Result<(), FinishError> {
    let catalog = catalog_id(doc)?;
    let malformed = || FinishError::Malformed("/Root is not a dictionary".into());
    let form_ref = match doc
        .get_dictionary(catalog)
        .map_err(|_| malformed())?
        .get(b"AcroForm")
    {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    };
    let form: &mut Dictionary = match form_ref {
        Some(id) => doc
            .get_dictionary_mut(id)
            .map_err(|_| FinishError::Malformed("/AcroForm is not a dictionary".into()))?,
        None => {
            let cat = doc.get_dictionary_mut(catalog).map_err(|_| malformed())?;
            if !matches!(cat.get(b"AcroForm"), Ok(Object::Dictionary(_))) {
                cat.set("AcroForm", Dictionary::new());
            }
            cat.get_mut(b"AcroForm")
                .and_then(Object::as_dict_mut)
                .map_err(|_| FinishError::Malformed("/AcroForm is not a dictionary".into()))?
        }
    };
    let mut all = match form.get(b"Fields") {
        Ok(Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    all.extend(fields);
    form.set("Fields", all);
    form.set("SigFlags", SIG_FLAGS);
    Ok(())
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

    fn doc_with_pages(n: u32) -> (Document, Vec<ObjectId>) {
        let mut doc = Document::with_version("1.7");
        let pages: Vec<ObjectId> = (0..n)
            .map(|_| doc.add_object(dictionary! { "Type" => "Page" }))
            .collect();
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog" });
        doc.trailer.set("Root", catalog);
        (doc, pages)
    }

    #[test]
    fn fields_are_merged_widgets_on_their_page_and_in_the_form() {
        let (mut doc, pages) = doc_with_pages(2);
        let fields = [
            field("Sig01_A", 1, [50.0, 100.0, 250.0, 160.0]),
            field("Sig02_B", 1, [300.0, 100.0, 500.0, 160.0]),
        ];
        apply(&mut doc, &pages, &fields).unwrap();
        let form = doc
            .catalog()
            .unwrap()
            .get(b"AcroForm")
            .unwrap()
            .as_dict()
            .unwrap();
        assert_eq!(form.get(b"SigFlags").unwrap().as_i64().unwrap(), 1);
        assert!(!form.has(b"NeedAppearances"));
        let listed = form.get(b"Fields").unwrap().as_array().unwrap().clone();
        let annots = doc
            .get_dictionary(pages[1])
            .unwrap()
            .get(b"Annots")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(&listed, annots);
        assert!(!doc.get_dictionary(pages[0]).unwrap().has(b"Annots"));
        let f = doc
            .get_dictionary(listed[0].as_reference().unwrap())
            .unwrap();
        assert_eq!(f.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
        assert_eq!(f.get(b"Subtype").unwrap().as_name().unwrap(), b"Widget");
        assert_eq!(f.get(b"F").unwrap().as_i64().unwrap(), 4);
        assert_eq!(f.get(b"P").unwrap().as_reference().unwrap(), pages[1]);
        assert!(!f.has(b"Kids") && !f.has(b"V"));
        assert_eq!(
            lopdf::decode_text_string(f.get(b"T").unwrap()).unwrap(),
            "Sig01_A"
        );
        assert_eq!(
            lopdf::decode_text_string(f.get(b"TU").unwrap()).unwrap(),
            "Pour l'Etat – Le Préfet"
        );
        let ap = f.get(b"AP").unwrap().as_dict().unwrap();
        assert_eq!(ap.len(), 1, "the appearance dictionary holds only /N");
        let n = doc
            .get_object(ap.get(b"N").unwrap().as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let bbox: Vec<f32> = n
            .dict
            .get(b"BBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert_eq!(bbox, [0.0, 0.0, 200.0, 60.0]);
        assert!(n.content.is_empty());
    }

    #[test]
    fn bad_fields_are_refused() {
        let (mut doc, pages) = doc_with_pages(2);
        let ok = [10.0, 10.0, 20.0, 20.0];
        for (fields, what) in [
            (vec![field("", 0, ok)], "empty"),
            (vec![field("Sig.1", 0, ok)], "dot"),
            (vec![field("S", 0, ok), field("S", 1, ok)], "same name"),
            (vec![field("S", 0, [10.0, 10.0, 10.0, 20.0])], "empty"),
            (
                vec![field("S", 0, [10.0, f32::INFINITY, 20.0, 20.0])],
                "non-finite",
            ),
        ] {
            match apply(&mut doc, &pages, &fields) {
                Err(FinishError::InvalidField { reason, .. }) => {
                    assert!(reason.contains(what), "{reason}")
                }
                other => panic!("{what}: {other:?}"),
            }
        }
        assert!(matches!(
            apply(&mut doc, &pages, &[field("S", 2, ok)]),
            Err(FinishError::PageOutOfRange { page: 2, .. })
        ));
        assert!(
            !doc.catalog().unwrap().has(b"AcroForm"),
            "nothing added on error"
        );
    }
}
