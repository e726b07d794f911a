//! Cleaning printpdf's output: dropping what is random, clock-based, superseded by the
//! finishing, or forbidden in PDF/A-2, and making every annotation indirect and printable.
//!
//! What printpdf 0.12.8's `to_lopdf_doc` leaves that is removed here: the trailer's random
//! `/ID` and its Info dictionary (epoch dates, `/Trapped`, `/GTS_PDFXVersion`, `/Identifier`;
//! rewritten by `metadata`), and, for PDF/X conformances, a CMYK `GTS_PDFX` output intent and
//! an XMP packet with a random instance id (rewritten by `pdfa`). Its link annotations are
//! direct dictionaries inside `/Annots` without `/F`: they become indirect objects with the
//! Print flag.

use super::{catalog_id, catalog_mut, FinishError};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Annotation flags (ISO 32000-1, 12.5.3) that PDF/A forbids: Invisible, Hidden, NoView,
/// ToggleNoView.
const FORBIDDEN_FLAGS: i64 = 1 | 2 | 32 | 256;
/// The Print annotation flag.
const PRINT_FLAG: i64 = 4;

/// Action types PDF/A-2 allows (ISO 19005-2, 6.6.1); `Named` is further restricted to
/// [`ALLOWED_NAMED_ACTIONS`].
const ALLOWED_ACTIONS: &[&[u8]] = &[
    b"GoTo",
    b"GoToR",
    b"GoToE",
    b"Thread",
    b"URI",
    b"Named",
    b"SubmitForm",
];
/// Named actions PDF/A-2 allows.
const ALLOWED_NAMED_ACTIONS: &[&[u8]] = &[b"NextPage", b"PrevPage", b"FirstPage", b"LastPage"];

/// Removes the random, superseded and forbidden parts of `doc` (see the module
/// documentation) and normalizes the annotations of `pages`.
///
/// # Errors
/// [`FinishError::Encrypted`] for an encrypted document, [`FinishError::Malformed`] without a
/// catalog.
pub(crate) fn sanitize(doc: &mut Document, pages: &[ObjectId]) -> Result<(), FinishError> {
    if doc.trailer.has(b"Encrypt") || doc.encryption_state.is_some() {
        return Err(FinishError::Encrypted);
    }
    let root = doc.trailer.get(b"Root").cloned();
    doc.trailer = Dictionary::new();
    if let Ok(root) = root {
        doc.trailer.set("Root", root);
    }
    sanitize_catalog(doc)?;
    for &page in pages {
        normalize_page_annotations(doc, page);
    }
    Ok(())
}

/// Catalog entries that are rewritten later (`/Metadata`, `/OutputIntents`) or forbidden in
/// PDF/A-2 (additional actions, JavaScript and embedded files, XFA, `/NeedAppearances`).
fn sanitize_catalog(doc: &mut Document) -> Result<(), FinishError> {
    let catalog = catalog_mut(doc)?;
    for key in [
        &b"Metadata"[..],
        b"OutputIntents",
        b"AA",
        b"NeedsRendering",
        b"Requirements",
    ] {
        catalog.remove(key);
    }
    if let Ok(action) = catalog.get(b"OpenAction").and_then(Object::as_dict) {
        if !action_allowed(action) {
            catalog.remove(b"OpenAction");
        }
    }
    if let Some(names) = catalog_entry_mut(doc, b"Names") {
        names.remove(b"JavaScript");
        names.remove(b"EmbeddedFiles");
    }
    if let Some(acroform) = catalog_entry_mut(doc, b"AcroForm") {
        acroform.remove(b"XFA");
        acroform.remove(b"NeedAppearances");
    }
    sanitize_optional_content(doc);
    Ok(())
}

/// The dictionary the catalog holds under `key`, directly or through a reference.
fn catalog_entry_mut<'a>(doc: &'a mut Document, key: &[u8]) -> Option<&'a mut Dictionary> {
    let catalog = catalog_id(doc).ok()?;
    let reference = match doc.get_dictionary(catalog).ok()?.get(key).ok()? {
        Object::Reference(id) => Some(*id),
        Object::Dictionary(_) => None,
        _ => return None,
    };
    match reference {
        Some(id) => doc.get_dictionary_mut(id).ok(),
        None => doc
            .get_dictionary_mut(catalog)
            .ok()?
            .get_mut(key)
            .ok()?
            .as_dict_mut()
            .ok(),
    }
}

/// PDF/A-2 (6.9) wants a `/Name` in every optional-content configuration and no `/AS`;
/// printpdf writes its default configuration without a name.
fn sanitize_optional_content(doc: &mut Document) {
    let mut indirect = Vec::new();
    let Some(ocp) = catalog_entry_mut(doc, b"OCProperties") else {
        return;
    };
    match ocp.get_mut(b"D") {
        Ok(Object::Dictionary(d)) => fix_oc_config(d, 0),
        Ok(Object::Reference(id)) => indirect.push((*id, 0)),
        _ => {}
    }
    if let Ok(Object::Array(configs)) = ocp.get_mut(b"Configs") {
        for (n, config) in configs.iter_mut().enumerate() {
            match config {
                Object::Dictionary(d) => fix_oc_config(d, n + 1),
                Object::Reference(id) => indirect.push((*id, n + 1)),
                _ => {}
            }
        }
    }
    for (id, n) in indirect {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            fix_oc_config(d, n);
        }
    }
}

/// Names optional-content configuration number `n` (0 for the default one) if it has no
/// name, and removes its `/AS`.
fn fix_oc_config(config: &mut Dictionary, n: usize) {
    if !config.has(b"Name") {
        let name = if n == 0 {
            "Default".to_string()
        } else {
            format!("Configuration {n}")
        };
        config.set("Name", Object::string_literal(name));
    }
    config.remove(b"AS");
}

/// Makes every annotation of `page` an indirect object with the Print flag, no forbidden
/// flag, no additional actions and no forbidden action; drops the page's own `/AA` and an
/// empty `/Annots`.
fn normalize_page_annotations(doc: &mut Document, page: ObjectId) {
    let annots = match doc.get_dictionary_mut(page) {
        Ok(dict) => {
            dict.remove(b"AA");
            dict.remove(b"Annots")
        }
        Err(_) => return,
    };
    let entries = match annots {
        Some(Object::Array(a)) => a,
        Some(Object::Reference(id)) => match doc.get_object(id) {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let mut refs = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            Object::Dictionary(mut d) => {
                fix_annotation(&mut d);
                refs.push(Object::Reference(doc.add_object(d)));
            }
            Object::Reference(id) => {
                if let Ok(d) = doc.get_dictionary_mut(id) {
                    fix_annotation(d);
                    refs.push(Object::Reference(id));
                }
            }
            _ => {}
        }
    }
    if !refs.is_empty() {
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.set("Annots", Object::Array(refs));
        }
    }
}

/// Print flag on, hidden flags off, no `/AA`, no forbidden action.
fn fix_annotation(annot: &mut Dictionary) {
    let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
    annot.set("F", (flags | PRINT_FLAG) & !FORBIDDEN_FLAGS);
    annot.remove(b"AA");
    if let Ok(action) = annot.get(b"A").and_then(Object::as_dict) {
        if !action_allowed(action) {
            annot.remove(b"A");
        }
    }
}

/// Whether PDF/A-2 allows this action dictionary (and the chain of its `/Next` actions).
fn action_allowed(action: &Dictionary) -> bool {
    let Ok(kind) = action.get(b"S").and_then(Object::as_name) else {
        return false;
    };
    if !ALLOWED_ACTIONS.contains(&kind) {
        return false;
    }
    if kind == b"Named" {
        let named = action.get(b"N").and_then(Object::as_name).unwrap_or(b"");
        if !ALLOWED_NAMED_ACTIONS.contains(&named) {
            return false;
        }
    }
    match action.get(b"Next") {
        Ok(Object::Dictionary(next)) => action_allowed(next),
        Ok(Object::Array(next)) => next.iter().all(|a| a.as_dict().is_ok_and(action_allowed)),
        // An indirect next action cannot be checked here: refuse the chain.
        Ok(_) => false,
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A one-page document with a direct link annotation, the way printpdf writes one, and
    /// an indirect annotation with forbidden flags and a JavaScript action.
    fn sample() -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.3");
        let pages_id = doc.new_object_id();
        let js = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Link", "F" => 2 | 32,
            "A" => dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") },
            "AA" => dictionary! {},
        });
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "AA" => dictionary! {},
            "Annots" => vec![
                dictionary! { "Type" => "Annot", "Subtype" => "Link",
                    "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal("https://example.org") } }.into(),
                js.into(),
            ],
        });
        doc.objects.insert(
            pages_id,
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }.into(),
        );
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog", "Pages" => pages_id,
            "AA" => dictionary! {}, "OpenAction" => dictionary! { "S" => "JavaScript" },
            "Names" => dictionary! { "JavaScript" => dictionary! {}, "Dests" => dictionary! {} },
            "OCProperties" => dictionary! { "OCGs" => vec![], "D" => dictionary! { "AS" => vec![] } },
        });
        doc.trailer.set("Root", catalog);
        doc.trailer
            .set("ID", vec![Object::string_literal("random")]);
        doc.trailer.set("Info", Object::Reference((99, 0)));
        (doc, page)
    }

    #[test]
    fn annotations_become_indirect_printable_and_harmless() {
        let (mut doc, page) = sample();
        sanitize(&mut doc, &[page]).unwrap();
        let annots = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"Annots")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(annots.len(), 2);
        for a in annots {
            let d = doc
                .get_dictionary(a.as_reference().expect("annotation is indirect"))
                .unwrap();
            assert_eq!(d.get(b"F").unwrap().as_i64().unwrap(), 4);
            assert!(!d.has(b"AA"));
        }
        let link = doc
            .get_dictionary(annots[0].as_reference().unwrap())
            .unwrap();
        assert_eq!(
            link.get(b"A")
                .unwrap()
                .as_dict()
                .unwrap()
                .get(b"S")
                .unwrap()
                .as_name()
                .unwrap(),
            b"URI"
        );
        let js = doc
            .get_dictionary(annots[1].as_reference().unwrap())
            .unwrap();
        assert!(!js.has(b"A"), "JavaScript action kept");
        assert!(!doc.get_dictionary(page).unwrap().has(b"AA"));
    }

    #[test]
    fn catalog_and_trailer_are_cleaned() {
        let (mut doc, page) = sample();
        sanitize(&mut doc, &[page]).unwrap();
        assert_eq!(doc.trailer.len(), 1, "only /Root stays in the trailer");
        let catalog = doc.catalog().unwrap();
        for key in [&b"AA"[..], b"OpenAction"] {
            assert!(!catalog.has(key), "{} kept", String::from_utf8_lossy(key));
        }
        let names = catalog.get(b"Names").unwrap().as_dict().unwrap();
        assert!(!names.has(b"JavaScript") && names.has(b"Dests"));
        let d = catalog
            .get(b"OCProperties")
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"D")
            .unwrap();
        let d = d.as_dict().unwrap();
        assert!(d.has(b"Name") && !d.has(b"AS"));
    }

    #[test]
    fn encrypted_input_is_refused() {
        let (mut doc, page) = sample();
        doc.trailer.set("Encrypt", Object::Reference((50, 0)));
        assert!(matches!(
            sanitize(&mut doc, &[page]),
            Err(FinishError::Encrypted)
        ));
    }

    #[test]
    fn allowed_actions() {
        assert!(action_allowed(
            &dictionary! { "S" => "GoTo", "D" => vec![] }
        ));
        assert!(action_allowed(
            &dictionary! { "S" => "Named", "N" => "NextPage" }
        ));
        assert!(!action_allowed(
            &dictionary! { "S" => "Named", "N" => "Print" }
        ));
        assert!(!action_allowed(&dictionary! { "S" => "Launch" }));
        assert!(!action_allowed(&dictionary! {
            "S" => "URI", "Next" => dictionary! { "S" => "JavaScript" }
        }));
    }
}
