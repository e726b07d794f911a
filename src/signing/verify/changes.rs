//! The changes after a signature: each later revision is compared object by object with the
//! one before it. Allowed: filling other signature fields (their `/V`, appearance), new
//! objects (signature dictionaries, appearances, fonts, DSS), the form's and catalogue's
//! entries for them, Info and XMP metadata. Anything else is named: "page 6 content",
//! "page 2 annotations", "font NotoSans-Regular"…

use super::form::{self, deref};
use super::load;
use crate::limits::Limits;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Keys of an unsigned signature field that filling it may change.
const FIELD_KEYS: &[&[u8]] = &[b"V", b"AP", b"AS", b"DA", b"MK", b"Lock", b"SV", b"F"];
/// Keys of the form that signing may change.
const FORM_KEYS: &[&[u8]] = &[b"Fields", b"SigFlags", b"DR", b"DA", b"NeedAppearances"];
/// Keys of the catalogue that signing may change (the form's are checked as [`FORM_KEYS`]).
const CATALOG_KEYS: &[&[u8]] = &[b"AcroForm", b"Metadata", b"DSS", b"Extensions", b"Perms"];

/// The file's revisions, compared in pairs: each pair's verdict is kept, but no more than
/// the last revision loaded, so memory stays that of two revisions whatever their number.
pub(crate) struct Revisions<'a> {
    pdf: &'a [u8],
    limits: &'a Limits,
    /// Where each revision ends (just after its `%%EOF` and end-of-line).
    ends: Vec<usize>,
    /// The disallowed changes between two revisions, by their ends.
    judged: HashMap<(usize, usize), Vec<String>>,
    /// The revision loaded last, by its end (`None`: it could not be read).
    last: Option<(usize, Option<Document>)>,
}

/// How many revisions follow the one ending at `end`.
pub(crate) fn later_revisions(pdf: &[u8], end: usize) -> usize {
    // An end-of-line after a signed range that stops at `%%EOF` is no revision.
    let after = |e: usize| pdf.get(end..e).is_some_and(|b| !b.trim_ascii().is_empty());
    load::revision_ends(pdf)
        .into_iter()
        .filter(|&e| after(e))
        .count()
}

impl<'a> Revisions<'a> {
    pub(crate) fn new(pdf: &'a [u8], limits: &'a Limits) -> Revisions<'a> {
        Revisions {
            pdf,
            limits,
            ends: load::revision_ends(pdf),
            judged: HashMap::new(),
            last: None,
        }
    }

    /// The revision ending at `end`: the one loaded last, or read now.
    fn take(&mut self, end: usize) -> Option<Document> {
        match self.last.take() {
            Some((e, doc)) if e == end => doc,
            _ => load::load_unchecked(&self.pdf[..end.min(self.pdf.len())], self.limits).ok(),
        }
    }

    /// The disallowed changes from the revision ending at `from` to the one ending at `to`.
    fn judge(&mut self, from: usize, to: usize) -> &[String] {
        if !self.judged.contains_key(&(from, to)) {
            let before = self.take(from);
            let after = self.take(to);
            let verdict = match (&before, &after) {
                (Some(b), Some(a)) => compare(b, a),
                _ => vec!["a later revision cannot be read".into()],
            };
            self.judged.insert((from, to), verdict);
            self.last = Some((to, after));
        }
        &self.judged[&(from, to)]
    }

    /// The disallowed changes made after the revision ending at `signed_end`.
    pub(crate) fn disallowed_after(&mut self, signed_end: usize) -> Vec<String> {
        let mut ends: Vec<usize> = vec![signed_end];
        ends.extend(self.ends.iter().copied().filter(|&e| e > signed_end));
        let last = self.pdf.len();
        if ends.last().is_some_and(|&e| e < last)
            && !self.pdf[*ends.last().unwrap_or(&0)..]
                .trim_ascii()
                .is_empty()
        {
            ends.push(last);
        }
        let mut out: Vec<String> = Vec::new();
        for pair in ends.windows(2) {
            for c in self.judge(pair[0], pair[1]) {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
        }
        out
    }
}

/// What the revision `after` changed in `before` that signing does not allow.
fn compare(before: &Document, after: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let root = |d: &Document| d.trailer.get(b"Root").and_then(Object::as_reference).ok();
    if root(before) != root(after) {
        out.push("the catalogue was replaced".into());
    }
    let ctx = Context::new(before);
    for (id, new) in &after.objects {
        let Some(old) = before.objects.get(id) else {
            continue;
        };
        if same(old, new) {
            continue;
        }
        if let Some(what) = ctx.judge(*id, old, new, after) {
            if !out.contains(&what) {
                out.push(what);
            }
        }
    }
    for id in before.objects.keys() {
        if !after.objects.contains_key(id) {
            if let Some(what) = ctx.name_of(*id, &[]) {
                out.push(format!("{what} deleted"));
            }
        }
    }
    out
}

/// What is what in the earlier revision.
struct Context<'a> {
    doc: &'a Document,
    root: Option<ObjectId>,
    info: Option<ObjectId>,
    metadata: Option<ObjectId>,
    form: Option<ObjectId>,
    pages: BTreeMap<ObjectId, usize>,
    /// Unsigned signature fields and widgets, by object.
    unsigned: BTreeMap<ObjectId, String>,
    signed: BTreeMap<ObjectId, String>,
    /// Appearance streams of unsigned signature widgets.
    empty_appearances: BTreeSet<ObjectId>,
}

impl<'a> Context<'a> {
    fn new(doc: &'a Document) -> Context<'a> {
        let reference = |d: Option<&Dictionary>, key: &[u8]| {
            d.and_then(|d| d.get(key).and_then(Object::as_reference).ok())
        };
        let catalog = doc.catalog().ok();
        let mut unsigned = BTreeMap::new();
        let mut signed = BTreeMap::new();
        let mut empty_appearances = BTreeSet::new();
        for f in form::sig_fields(doc) {
            let map = if f.value.is_some() {
                &mut signed
            } else {
                &mut unsigned
            };
            map.insert(f.field, f.name.clone());
            map.insert(f.widget, f.name.clone());
            if f.value.is_none() {
                let ap = doc
                    .get_dictionary(f.widget)
                    .ok()
                    .and_then(|w| w.get(b"AP").ok())
                    .and_then(|ap| form::dict(doc, ap));
                for v in ap.iter().flat_map(|d| d.iter()) {
                    if let Object::Reference(id) = v.1 {
                        empty_appearances.insert(*id);
                    }
                }
            }
        }
        Context {
            doc,
            root: reference(Some(&doc.trailer), b"Root"),
            info: reference(Some(&doc.trailer), b"Info"),
            metadata: reference(catalog, b"Metadata"),
            form: reference(catalog, b"AcroForm"),
            pages: doc
                .get_pages()
                .into_values()
                .enumerate()
                .map(|(i, id)| (id, i))
                .collect(),
            unsigned,
            signed,
            empty_appearances,
        }
    }

    /// `None` when the change of `id` from `old` to `new` is allowed, else what changed.
    fn judge(&self, id: ObjectId, old: &Object, new: &Object, after: &Document) -> Option<String> {
        if Some(id) == self.info
            || Some(id) == self.metadata
            || self.empty_appearances.contains(&id)
        {
            return None;
        }
        let keys = changed_keys(old, new);
        if Some(id) == self.root {
            let bad: Vec<&Vec<u8>> = keys
                .iter()
                .filter(|k| !CATALOG_KEYS.contains(&k.as_slice()))
                .collect();
            if let Some(k) = bad.first() {
                return Some(format!("catalogue /{}", String::from_utf8_lossy(k)));
            }
            let form = |o: &Object| {
                o.as_dict()
                    .ok()?
                    .get(b"AcroForm")
                    .ok()?
                    .as_dict()
                    .ok()
                    .cloned()
            };
            if let (Some(a), Some(b)) = (form(old), form(new)) {
                return self.judge_form(&Object::Dictionary(a), &Object::Dictionary(b));
            }
            return None;
        }
        if Some(id) == self.form {
            return self.judge_form(old, new);
        }
        if let Some(name) = self.unsigned.get(&id) {
            return keys
                .iter()
                .find(|k| !FIELD_KEYS.contains(&k.as_slice()))
                .map(|k| format!("signature field {name} (/{})", String::from_utf8_lossy(k)));
        }
        if let Some(name) = self.signed.get(&id) {
            return Some(format!("signed field {name}"));
        }
        if self.pages.contains_key(&id)
            && keys.iter().all(|k| k == b"Annots")
            && self.adds_only_signature_widgets(old, new, after)
        {
            return None;
        }
        self.name_of(id, &keys)
            .or_else(|| Some(format!("object {} {}", id.0, id.1)))
    }

    /// Whether the page `new` keeps every annotation of `old` and adds only new signature
    /// widgets (a new signature field, e.g. a document time-stamp's).
    fn adds_only_signature_widgets(&self, old: &Object, new: &Object, after: &Document) -> bool {
        let annots = |doc: &Document, page: &Object| -> Vec<Object> {
            page.as_dict()
                .ok()
                .and_then(|d| d.get(b"Annots").ok())
                .and_then(|a| deref(doc, a))
                .and_then(|a| a.as_array().ok())
                .cloned()
                .unwrap_or_default()
        };
        let (was, is) = (annots(self.doc, old), annots(after, new));
        let signature_widget = |o: &Object| {
            let Ok(id) = o.as_reference() else {
                return false;
            };
            let Ok(w) = after.get_dictionary(id) else {
                return false;
            };
            let parent = w.get(b"Parent").ok().and_then(|p| form::dict(after, p));
            let ft = |d: &Dictionary| d.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig");
            !self.doc.objects.contains_key(&id)
                && w.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Widget")
                && (ft(w) || parent.is_some_and(ft))
        };
        was.iter().all(|a| is.contains(a))
            && is.iter().filter(|a| !was.contains(a)).all(signature_widget)
    }

    /// The form may change its fields (keeping the old ones), flags and resources.
    fn judge_form(&self, old: &Object, new: &Object) -> Option<String> {
        let keys = changed_keys(old, new);
        if let Some(k) = keys.iter().find(|k| !FORM_KEYS.contains(&k.as_slice())) {
            return Some(format!("form /{}", String::from_utf8_lossy(k)));
        }
        let fields = |o: &Object| -> Vec<Object> {
            o.as_dict()
                .ok()
                .and_then(|d| d.get(b"Fields").ok())
                .and_then(|f| deref(self.doc, f))
                .and_then(|f| f.as_array().ok())
                .cloned()
                .unwrap_or_default()
        };
        let (a, b) = (fields(old), fields(new));
        if !a.iter().all(|f| b.contains(f)) {
            return Some("form fields removed".into());
        }
        None
    }

    /// What `id` is, in a reader's words: a page (and which of its keys `keys` changed), a
    /// page's content, an annotation, a font; `None` for an object of no known role.
    fn name_of(&self, id: ObjectId, keys: &[Vec<u8>]) -> Option<String> {
        if let Some(&p) = self.pages.get(&id) {
            let part = if keys.iter().any(|k| k == b"Contents") {
                " content"
            } else if keys.iter().any(|k| k == b"Annots") {
                " annotations"
            } else if keys.iter().any(|k| k == b"Resources") {
                " resources"
            } else {
                ""
            };
            return Some(format!("page {}{part}", p + 1));
        }
        for (&page, &p) in &self.pages {
            let Ok(d) = self.doc.get_dictionary(page) else {
                continue;
            };
            if refers(self.doc, d.get(b"Contents").ok(), id) {
                return Some(format!("page {} content", p + 1));
            }
            if refers(self.doc, d.get(b"Annots").ok(), id) {
                return Some(format!("page {} annotation", p + 1));
            }
        }
        let d = match self.doc.objects.get(&id)? {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => return None,
        };
        let ty = d.get(b"Type").and_then(Object::as_name).ok();
        let subtype = d.get(b"Subtype").and_then(Object::as_name).ok();
        match (ty, subtype) {
            (Some(b"Font"), _) | (Some(b"FontDescriptor"), _) => {
                let base = d
                    .get(b"BaseFont")
                    .or_else(|_| d.get(b"FontName"))
                    .and_then(Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                Some(format!("font {base}"))
            }
            (_, Some(b"Image")) => Some(format!("image (object {})", id.0)),
            (_, Some(b"Form")) => Some(format!("form XObject (object {})", id.0)),
            (Some(b"Annot"), _) => Some(format!("annotation (object {})", id.0)),
            _ if d.has(b"Length1") || d.has(b"Length2") => {
                Some(format!("font file (object {})", id.0))
            }
            (Some(t), _) => Some(format!("{} (object {})", String::from_utf8_lossy(t), id.0)),
            _ => None,
        }
    }
}

/// Whether `o` is, or is an array holding, a reference to `id`.
fn refers(doc: &Document, o: Option<&Object>, id: ObjectId) -> bool {
    match o {
        Some(Object::Reference(r)) if *r == id => true,
        Some(o) => deref(doc, o)
            .and_then(|o| o.as_array().ok())
            .is_some_and(|a| a.iter().any(|x| x.as_reference().ok() == Some(id))),
        None => false,
    }
}

/// The keys whose values differ between two dictionaries (or streams: `"stream data"`
/// when the data differ); a change of kind is the key `"kind"`.
fn changed_keys(old: &Object, new: &Object) -> Vec<Vec<u8>> {
    let dicts = |o: &'_ Object| match o {
        Object::Dictionary(d) => Some(d.clone()),
        Object::Stream(s) => Some(s.dict.clone()),
        _ => None,
    };
    let (Some(a), Some(b)) = (dicts(old), dicts(new)) else {
        return vec![b"kind".to_vec()];
    };
    let mut keys: BTreeSet<Vec<u8>> = BTreeSet::new();
    for (k, v) in a.iter() {
        if !b.get(k).is_ok_and(|w| same(v, w)) {
            keys.insert(k.clone());
        }
    }
    for (k, _) in b.iter() {
        if !a.has(k) {
            keys.insert(k.clone());
        }
    }
    if let (Object::Stream(x), Object::Stream(y)) = (old, new) {
        if x.content != y.content {
            keys.insert(b"stream data".to_vec());
        }
    }
    keys.into_iter().collect()
}

/// Whether two objects say the same thing: strings compared by their bytes (literal or
/// hexadecimal alike) or their text (PDFDocEncoding or UTF-16), numbers by their value.
fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::String(x, _), Object::String(y, _)) => {
            x == y
                || lopdf::decode_text_string(a)
                    .is_ok_and(|t| lopdf::decode_text_string(b).is_ok_and(|u| t == u))
        }
        (Object::Array(x), Object::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Object::Dictionary(x), Object::Dictionary(y)) => same_dict(x, y),
        (Object::Stream(x), Object::Stream(y)) => {
            same_dict(&x.dict, &y.dict) && x.content == y.content
        }
        (Object::Integer(i), Object::Real(r)) | (Object::Real(r), Object::Integer(i)) => {
            (*i as f32 - *r).abs() < 1e-4
        }
        _ => a == b,
    }
}

/// Whether two dictionaries have the same keys with the [`same`] values.
fn same_dict(x: &Dictionary, y: &Dictionary) -> bool {
    x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_ok_and(|w| same(v, w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_the_same_whatever_their_syntax() {
        let lit = Object::String(b"Sig01".to_vec(), lopdf::StringFormat::Literal);
        let hex = Object::String(b"Sig01".to_vec(), lopdf::StringFormat::Hexadecimal);
        assert!(same(&lit, &hex));
        assert!(same(&Object::Integer(2), &Object::Real(2.0)));
        assert!(!same(
            &lit,
            &Object::String(b"Sig02".to_vec(), lopdf::StringFormat::Literal)
        ));
    }
}
