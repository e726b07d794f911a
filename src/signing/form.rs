//! The signature fields of a PDF loaded with lopdf: name, field and widget objects, page,
//! value.

use lopdf::{decode_text_string, Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};

/// Fields nested deeper than this are not followed (a loop guard).
const MAX_DEPTH: usize = 32;

/// One signature field.
#[derive(Debug, Clone)]
pub(crate) struct SigField {
    /// Fully qualified name.
    pub(crate) name: String,
    /// Tooltip (`/TU`).
    pub(crate) tooltip: Option<String>,
    /// The field's object.
    pub(crate) field: ObjectId,
    /// Its (first) widget's object: the field itself when merged.
    pub(crate) widget: ObjectId,
    /// 0-based page of the widget.
    pub(crate) page: Option<usize>,
    /// The signature dictionary (`/V`), resolved.
    pub(crate) value: Option<Dictionary>,
}

/// `object`, or the object it refers to.
pub(crate) fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// The dictionary `object` is or refers to.
pub(crate) fn dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, object)?.as_dict().ok()
}

/// The signature fields of `doc`, in the order of the form's field tree.
pub(crate) fn sig_fields(doc: &Document) -> Vec<SigField> {
    let pages: BTreeMap<ObjectId, usize> = doc
        .get_pages()
        .into_values()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let Ok(catalog) = doc.catalog() else {
        return Vec::new();
    };
    let Some(fields) = catalog
        .get(b"AcroForm")
        .ok()
        .and_then(|o| dict(doc, o))
        .and_then(|f| f.get(b"Fields").ok())
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
    else {
        return Vec::new();
    };
    let mut w = Walker {
        doc,
        pages: &pages,
        seen: BTreeSet::new(),
        out: Vec::new(),
    };
    for f in fields {
        if let Object::Reference(id) = f {
            w.visit(*id, None, None, 0);
        }
    }
    w.out
}

struct Walker<'a> {
    doc: &'a Document,
    pages: &'a BTreeMap<ObjectId, usize>,
    seen: BTreeSet<ObjectId>,
    out: Vec<SigField>,
}

impl Walker<'_> {
    fn visit(&mut self, id: ObjectId, prefix: Option<&str>, ft: Option<Vec<u8>>, depth: usize) {
        if depth > MAX_DEPTH || !self.seen.insert(id) {
            return;
        }
        let Ok(field) = self.doc.get_dictionary(id) else {
            return;
        };
        let partial = field
            .get(b"T")
            .ok()
            .and_then(|t| decode_text_string(t).ok());
        let name = match (prefix, partial) {
            (Some(p), Some(t)) => format!("{p}.{t}"),
            (None, Some(t)) => t,
            (Some(p), None) => p.to_string(),
            (None, None) => String::new(),
        };
        let ft = field
            .get(b"FT")
            .and_then(Object::as_name)
            .ok()
            .map(<[u8]>::to_vec)
            .or(ft);
        let kids: Vec<ObjectId> = field
            .get(b"Kids")
            .ok()
            .and_then(|k| deref(self.doc, k))
            .and_then(|k| k.as_array().ok())
            .map(|k| k.iter().filter_map(|o| o.as_reference().ok()).collect())
            .unwrap_or_default();
        let kid_fields: Vec<ObjectId> = kids
            .iter()
            .copied()
            .filter(|k| self.doc.get_dictionary(*k).is_ok_and(|d| d.has(b"T")))
            .collect();
        if !kid_fields.is_empty() {
            for kid in kid_fields {
                self.visit(kid, Some(&name), ft.clone(), depth + 1);
            }
            return;
        }
        if ft.as_deref() != Some(b"Sig") {
            return;
        }
        let widget = kids.first().copied().unwrap_or(id);
        let value_obj = field.get(b"V").ok();
        let value = value_obj.and_then(|v| dict(self.doc, v)).cloned();
        self.out.push(SigField {
            name,
            tooltip: field
                .get(b"TU")
                .ok()
                .and_then(|t| decode_text_string(t).ok()),
            field: id,
            widget,
            page: self.page_of(widget),
            value,
        });
    }

    /// The page of a widget: its `/P`, or the page whose `/Annots` lists it.
    fn page_of(&self, widget: ObjectId) -> Option<usize> {
        let declared = self
            .doc
            .get_dictionary(widget)
            .ok()
            .and_then(|w| w.get(b"P").and_then(Object::as_reference).ok())
            .and_then(|p| self.pages.get(&p).copied());
        declared.or_else(|| {
            self.pages.iter().find_map(|(&page, &index)| {
                let annots = self.doc.get_dictionary(page).ok()?.get(b"Annots").ok()?;
                let annots = deref(self.doc, annots)?.as_array().ok()?;
                annots
                    .iter()
                    .any(|a| a.as_reference().ok() == Some(widget))
                    .then_some(index)
            })
        })
    }
}
