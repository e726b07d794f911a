//! Reading the signature fields of a PDF back, signed or not (for `pacte fields`).
//!
//! The file is loaded with lopdf, which follows incremental updates: a file signed several
//! times in turn (each signature an incremental update, as pyHanko or Acrobat write them)
//! shows its latest state.

use super::{cms, ReadError};
use lopdf::{decode_text_string, Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Fields nested deeper than this are not followed (a loop guard; real forms have 2 or 3
/// levels).
const MAX_DEPTH: usize = 32;

/// One signature field (`/FT /Sig`) as found in a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldState {
    /// Fully qualified field name (`/T` parts joined with dots).
    pub name: String,
    /// Tooltip (`/TU`), if any.
    pub tooltip: Option<String>,
    /// 0-based index of the page holding the field's widget, if it can be found.
    pub page: Option<usize>,
    /// Whether the field holds a signature (`/V`).
    pub signed: bool,
    /// The signer: `/Name` of the signature dictionary, or failing that the common name of
    /// the signing certificate; `None` when unsigned or unknown.
    pub signer: Option<String>,
    /// Signing time (`/M` of the signature dictionary, as claimed by the signer), written
    /// `YYYY-MM-DD HH:MM:SS ±HH:MM` when it is a well-formed PDF date, as found otherwise.
    pub signing_time: Option<String>,
}

impl fmt::Display for FieldState {
    /// One line: name, page (1-based), "signed by X on DATE" or "not signed", tooltip;
    /// separated by tabs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\t", self.name)?;
        match self.page {
            Some(p) => write!(f, "page {}\t", p + 1)?,
            None => write!(f, "page ?\t")?,
        }
        if self.signed {
            write!(
                f,
                "signed by {}",
                self.signer.as_deref().unwrap_or("an unknown signer")
            )?;
            if let Some(time) = &self.signing_time {
                write!(f, " on {time}")?;
            }
        } else {
            write!(f, "not signed")?;
        }
        write!(f, "\t{}", self.tooltip.as_deref().unwrap_or(""))
    }
}

/// The signature fields of the PDF `pdf`, in the order of the form's field tree.
///
/// # Errors
/// `ReadError::Pdf` when lopdf cannot load the file or it has no catalog. A file
/// without a form has no fields (an empty list).
pub fn signature_fields(pdf: &[u8]) -> Result<Vec<FieldState>, ReadError> {
    let doc = Document::load_mem(pdf)?;
    let pages: BTreeMap<ObjectId, usize> = doc
        .get_pages()
        .into_values()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let catalog = doc.catalog()?;
    let Some(form) = catalog.get(b"AcroForm").ok().and_then(|o| dict(&doc, o)) else {
        return Ok(Vec::new());
    };
    let Some(fields) = form
        .get(b"Fields")
        .ok()
        .and_then(|o| deref(&doc, o))
        .and_then(|o| o.as_array().ok())
    else {
        return Ok(Vec::new());
    };
    let mut walker = Walker {
        doc: &doc,
        pages: &pages,
        seen: BTreeSet::new(),
        out: Vec::new(),
    };
    for field in fields {
        walker.visit(field, None, None, 0);
    }
    Ok(walker.out)
}

/// State of the walk through the field tree.
struct Walker<'a> {
    doc: &'a Document,
    pages: &'a BTreeMap<ObjectId, usize>,
    seen: BTreeSet<ObjectId>,
    out: Vec<FieldState>,
}

impl Walker<'_> {
    /// Visits the field `object` whose parent is named `prefix` and has field type `ft`.
    fn visit(&mut self, object: &Object, prefix: Option<&str>, ft: Option<&[u8]>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Object::Reference(id) = object {
            if !self.seen.insert(*id) {
                return;
            }
        }
        let Some(field) = dict(self.doc, object) else {
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
        let ft = field.get(b"FT").and_then(Object::as_name).ok().or(ft);
        let kids: Vec<&Object> = field
            .get(b"Kids")
            .ok()
            .and_then(|k| deref(self.doc, k))
            .and_then(|k| k.as_array().ok())
            .map(|k| k.iter().collect())
            .unwrap_or_default();
        let kid_fields: Vec<&Object> = kids
            .iter()
            .copied()
            .filter(|k| dict(self.doc, k).is_some_and(|d| d.has(b"T")))
            .collect();
        if !kid_fields.is_empty() {
            for kid in kid_fields {
                self.visit(kid, Some(&name), ft, depth + 1);
            }
            return;
        }
        if ft != Some(b"Sig") {
            return;
        }
        let widgets: Vec<&Object> = if kids.is_empty() { vec![object] } else { kids };
        let page = widgets.iter().find_map(|w| self.page_of(w));
        let value = field.get(b"V").ok().and_then(|v| dict(self.doc, v));
        let signer = value.and_then(|v| {
            let declared = v.get(b"Name").ok().and_then(|n| decode_text_string(n).ok());
            declared.filter(|n| !n.trim().is_empty()).or_else(|| {
                v.get(b"Contents")
                    .and_then(Object::as_str)
                    .ok()
                    .and_then(cms::signer_name)
            })
        });
        let signing_time = value
            .and_then(|v| v.get(b"M").ok())
            .and_then(|m| decode_text_string(m).ok())
            .map(|m| readable_date(&m).unwrap_or(m));
        self.out.push(FieldState {
            name,
            tooltip: field
                .get(b"TU")
                .ok()
                .and_then(|t| decode_text_string(t).ok()),
            page,
            signed: value.is_some(),
            signer,
            signing_time,
        });
    }

    /// The page index of a widget: from its `/P`, or else from the page whose `/Annots`
    /// lists it.
    fn page_of(&self, widget: &Object) -> Option<usize> {
        let declared = dict(self.doc, widget)
            .and_then(|w| w.get(b"P").and_then(Object::as_reference).ok())
            .and_then(|p| self.pages.get(&p).copied());
        let Object::Reference(id) = widget else {
            return declared;
        };
        declared.or_else(|| {
            self.pages.iter().find_map(|(&page, &index)| {
                let annots = self.doc.get_dictionary(page).ok()?.get(b"Annots").ok()?;
                let annots = deref(self.doc, annots)?.as_array().ok()?;
                annots
                    .iter()
                    .any(|a| a.as_reference().ok() == Some(*id))
                    .then_some(index)
            })
        })
    }
}

/// `object`, or the object it refers to.
fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// The dictionary `object` is or refers to.
fn dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, object)?.as_dict().ok()
}

/// `D:YYYYMMDDHHmmSS+HH'mm'` (or a prefix of it, as the standard allows) written as
/// `YYYY-MM-DD HH:MM:SS ±HH:MM`; `None` for anything else.
fn readable_date(pdf_date: &str) -> Option<String> {
    let s = pdf_date.strip_prefix("D:").unwrap_or(pdf_date);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 || digits.len() > 14 || !digits.len().is_multiple_of(2) {
        return None;
    }
    let field = |from: usize, default: &'static str| digits.get(from..from + 2).unwrap_or(default);
    let (year, month, day) = (&digits[..4], field(4, "01"), field(6, "01"));
    let (hour, minute, second) = (field(8, "00"), field(10, "00"), field(12, "00"));
    let zone = &s[digits.len()..];
    let offset = match zone.chars().next() {
        None | Some('Z') => "+00:00".to_string(),
        Some(sign @ ('+' | '-')) => {
            let z: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            let hh = z.get(..2)?;
            let mm = z.get(2..4).unwrap_or("00");
            format!("{sign}{hh}:{mm}")
        }
        Some(_) => return None,
    };
    Some(format!(
        "{year}-{month}-{day} {hour}:{minute}:{second} {offset}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_readable() {
        assert_eq!(
            readable_date("D:20250102030405+01'00'").as_deref(),
            Some("2025-01-02 03:04:05 +01:00")
        );
        assert_eq!(
            readable_date("D:20250102030405Z").as_deref(),
            Some("2025-01-02 03:04:05 +00:00")
        );
        assert_eq!(
            readable_date("D:20250102030405-05'30").as_deref(),
            Some("2025-01-02 03:04:05 -05:30")
        );
        assert_eq!(
            readable_date("D:2025").as_deref(),
            Some("2025-01-01 00:00:00 +00:00")
        );
        assert_eq!(readable_date("hier"), None);
        assert_eq!(readable_date("D:202501020304051"), None);
        assert_eq!(readable_date("D:20250102030405+"), None);
    }

    #[test]
    fn display_line() {
        let mut f = FieldState {
            name: "Sig03_Prefet".into(),
            tooltip: Some("Pour l'Etat – Le Préfet".into()),
            page: Some(1),
            signed: false,
            signer: None,
            signing_time: None,
        };
        assert_eq!(
            f.to_string(),
            "Sig03_Prefet\tpage 2\tnot signed\tPour l'Etat – Le Préfet"
        );
        f.signed = true;
        f.signer = Some("Jean Dupont".into());
        f.signing_time = Some("2025-01-02 03:04:05 +01:00".into());
        assert_eq!(
            f.to_string(),
            "Sig03_Prefet\tpage 2\tsigned by Jean Dupont on 2025-01-02 03:04:05 +01:00\tPour l'Etat – Le Préfet"
        );
    }

    #[test]
    fn unreadable_input_is_an_error() {
        assert!(matches!(
            signature_fields(b"not a pdf"),
            Err(ReadError::Pdf(_))
        ));
    }
}
