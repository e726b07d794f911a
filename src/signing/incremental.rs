//! The signature as an incremental update (ISO 32000-1, 7.5.6): the input bytes untouched,
//! then an end-of-line, the new and changed objects, a classic cross-reference section with
//! `/Prev`, a trailer and `%%EOF` with its end-of-line.
//!
//! Written: the signature dictionary (`/ByteRange` and a `/Contents` placeholder sized from
//! a trial signature with the actual chain, and time-stamp), the field with `/V` and its
//! widget with the new appearance, `/SigFlags 3` in the form, and the appearance's objects.

use super::form::{self, SigField};
use super::load;
use super::{appearance, cms, pdfdate, Credentials, FieldChoice, SignError, SignOptions};
use lopdf::{Dictionary, Document, Object, ObjectId};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// Room left in `/Contents` beyond the trial signature, bytes (ECDSA signatures vary by a
/// byte or two; a time-stamp's serial number and time by a few).
const MARGIN: usize = 64;
/// The `/ByteRange` as first written: the numbers are put in once the offsets are known.
const BYTE_RANGE_SLOT: &str = "[0 0000000000 0000000000 0000000000]";

/// Signs `choice` in `pdf` (see [`super::sign`]).
pub(crate) fn sign(
    pdf: &[u8],
    choice: &FieldChoice,
    credentials: &Credentials,
    options: &SignOptions,
    time: i64,
) -> Result<Vec<u8>, SignError> {
    let doc = load::load(pdf, &options.limits).map_err(|e| match e {
        load::LoadError::Limit(l) => SignError::Limit(l),
        load::LoadError::Unreadable(m) => SignError::Pdf(m),
    })?;
    if doc.trailer.has(b"Encrypt") {
        return Err(SignError::Unsupported("the file is encrypted".into()));
    }
    let prev = last_startxref(pdf)
        .ok_or_else(|| SignError::Pdf("no startxref at the end of the file".into()))?;
    if !pdf.get(prev..).is_some_and(|t| t.starts_with(b"xref")) {
        return Err(SignError::Unsupported(
            "its last cross-reference section is a stream; only classic tables are updated".into(),
        ));
    }
    let fields = form::sig_fields(&doc);
    let target = choose(choice, &fields)?;
    let mut estimate = cms::build(credentials, &[0; 32])?.len() + MARGIN;
    if let Some(url) = &options.tsa_url {
        estimate += timestamp(url, &[0; 32])?.len();
    }
    let parts = Parts::new(&doc, target, credentials, options, time, prev)?;
    for _ in 0..3 {
        let (mut out, gap) = parts.assemble(pdf, estimate)?;
        let digest = Sha256::new()
            .chain_update(&out[..gap.0])
            .chain_update(&out[gap.1..])
            .finalize();
        let mut signature = cms::build(credentials, &digest)?;
        if let Some(url) = &options.tsa_url {
            let value = cms::signature_value(&signature).map_err(SignError::Cms)?;
            let token = timestamp(url, &Sha256::digest(&value))?;
            signature = cms::add_timestamp(&signature, &token).map_err(SignError::Cms)?;
        }
        if signature.len() <= estimate {
            let mut hex = String::with_capacity(2 * signature.len());
            for b in &signature {
                let _ = write!(hex, "{b:02X}");
            }
            out[gap.0 + 1..gap.0 + 1 + hex.len()].copy_from_slice(hex.as_bytes());
            return Ok(out);
        }
        estimate = signature.len() + MARGIN;
    }
    Err(SignError::Cms(
        "the signature keeps outgrowing its placeholder".into(),
    ))
}

/// A time-stamp token over `digest` (SHA-256) from the authority at `url`.
#[cfg(feature = "tsa")]
fn timestamp(url: &str, digest: &[u8]) -> Result<Vec<u8>, SignError> {
    super::tsa::token(url, digest).map_err(|message| SignError::Tsa {
        url: url.to_string(),
        message,
    })
}

/// Without the `tsa` feature, no time-stamp.
#[cfg(not(feature = "tsa"))]
fn timestamp(url: &str, _digest: &[u8]) -> Result<Vec<u8>, SignError> {
    Err(SignError::Tsa {
        url: url.to_string(),
        message: "this build of pacte has no time-stamping client (cargo feature `tsa`)".into(),
    })
}

/// The empty field asked for.
fn choose<'a>(choice: &FieldChoice, fields: &'a [SigField]) -> Result<&'a SigField, SignError> {
    let found = fields.iter().find(|f| match choice {
        FieldChoice::Name(n) => &f.name == n,
        FieldChoice::Signataire(id) => f
            .name
            .split_once('_')
            .is_some_and(|(_, rest)| fold(rest) == fold(id)),
    });
    let wanted = match choice {
        FieldChoice::Name(n) => n.clone(),
        FieldChoice::Signataire(id) => format!("of the signatory {id}"),
    };
    match found {
        Some(f) if f.value.is_some() => Err(SignError::AlreadySigned(f.name.clone())),
        Some(f) => Ok(f),
        None => Err(SignError::UnknownField {
            wanted,
            empty: fields
                .iter()
                .filter(|f| f.value.is_none())
                .map(|f| f.name.clone())
                .collect(),
        }),
    }
}

/// Letters and digits, without accents, in lower case: how field names spell an id.
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where the last `startxref` points.
fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let tail_from = pdf.len().saturating_sub(1024);
    let tail = &pdf[tail_from..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let rest = std::str::from_utf8(&tail[at + 9..]).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

/// The update's objects but for the signature's bytes.
struct Parts {
    /// `(number, generation, bytes)` of every object but the signature dictionary.
    objects: Vec<(u32, u16, Vec<u8>)>,
    /// The signature dictionary's number.
    sig_id: u32,
    /// Its entries after `/Contents` (`/M`, `/Reason`, `/Location`).
    sig_tail: String,
    /// The new trailer's entries but `/Prev` and `/Size`.
    trailer: String,
    size: u32,
    prev: usize,
}

impl Parts {
    fn new(
        doc: &Document,
        target: &SigField,
        credentials: &Credentials,
        options: &SignOptions,
        time: i64,
        prev: usize,
    ) -> Result<Parts, SignError> {
        let declared = doc
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .unwrap_or(0);
        let size = u32::try_from(declared.max(i64::from(doc.max_id) + 1))
            .map_err(|_| SignError::Pdf("bad /Size".into()))?;
        let sig_id = size;
        let widget = doc
            .get_dictionary(target.widget)
            .map_err(|e| SignError::Pdf(e.to_string()))?;
        let rect = rect(widget).ok_or_else(|| {
            SignError::Pdf(format!("the widget of {:?} has no /Rect", target.name))
        })?;
        let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
        let first = i32::try_from(size + 1).map_err(|_| SignError::Pdf("bad /Size".into()))?;
        let stamp = appearance::write(
            first,
            w,
            h,
            &credentials.signer_name(),
            &pdfdate::french(time),
        )
        .map_err(SignError::Pdf)?;
        let mut objects = Vec::new();
        let sig_ref = Object::Reference((sig_id, 0));
        let ap_ref = Object::Reference((stamp.xobject as u32, 0));
        let mut widget = widget.clone();
        let mut ap = Dictionary::new();
        ap.set("N", ap_ref);
        widget.set("AP", Object::Dictionary(ap));
        if target.field == target.widget {
            widget.set("V", sig_ref);
        } else {
            let mut field = doc
                .get_dictionary(target.field)
                .map_err(|e| SignError::Pdf(e.to_string()))?
                .clone();
            field.set("V", sig_ref);
            objects.push(object(target.field, &Object::Dictionary(field)));
        }
        objects.push(object(target.widget, &Object::Dictionary(widget)));
        if let Some(o) = sig_flags(doc)? {
            objects.push(o);
        }
        for (id, bytes) in stamp.objects {
            objects.push((id as u32, 0, bytes));
        }
        let mut sig_tail = format!("/M {}", literal(pdfdate::pdf(time).as_bytes()));
        if let Some(r) = &options.reason {
            sig_tail += &format!("/Reason {}", text_string(r));
        }
        if let Some(l) = &options.location {
            sig_tail += &format!("/Location {}", text_string(l));
        }
        let mut trailer = String::new();
        for key in ["Root", "Info", "ID"] {
            if let Ok(v) = doc.trailer.get(key.as_bytes()) {
                let _ = write!(trailer, "/{key} {}", serialize(v));
            }
        }
        Ok(Parts {
            objects,
            sig_id,
            sig_tail,
            trailer,
            size: size + 1 + 6,
            prev,
        })
    }

    /// The signed file with a zeroed `/Contents` of `room` bytes; returns it with the
    /// offsets of the `<` and just after the `>` of `/Contents`.
    fn assemble(&self, pdf: &[u8], room: usize) -> Result<(Vec<u8>, (usize, usize)), SignError> {
        let mut out = Vec::with_capacity(pdf.len() + 2 * room + 64 * 1024);
        out.extend_from_slice(pdf);
        if !matches!(out.last(), Some(b'\n' | b'\r')) {
            out.push(b'\n');
        }
        let mut offsets: Vec<(u32, u16, usize)> = Vec::new();
        offsets.push((self.sig_id, 0, out.len()));
        out.extend_from_slice(
            format!(
                "{} 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange {BYTE_RANGE_SLOT}/Contents ",
                self.sig_id
            )
            .as_bytes(),
        );
        let range_at = out.len() - "/Contents ".len() - BYTE_RANGE_SLOT.len();
        let start = out.len();
        out.push(b'<');
        out.resize(out.len() + 2 * room, b'0');
        out.push(b'>');
        let end = out.len();
        out.extend_from_slice(format!("{}>>\nendobj\n", self.sig_tail).as_bytes());
        for (id, gen, bytes) in &self.objects {
            offsets.push((*id, *gen, out.len()));
            out.extend_from_slice(bytes);
        }
        let xref = out.len();
        offsets.sort_by_key(|o| o.0);
        let mut table = String::from("xref\n");
        let mut i = 0;
        while i < offsets.len() {
            let mut j = i + 1;
            while j < offsets.len() && offsets[j].0 == offsets[j - 1].0 + 1 {
                j += 1;
            }
            let _ = writeln!(table, "{} {}", offsets[i].0, j - i);
            for (_, gen, at) in &offsets[i..j] {
                let _ = write!(table, "{at:010} {gen:05} n\r\n");
            }
            i = j;
        }
        let _ = write!(
            table,
            "trailer\n<</Size {}{}/Prev {}>>\nstartxref\n{xref}\n%%EOF\n",
            self.size, self.trailer, self.prev
        );
        out.extend_from_slice(table.as_bytes());
        let range = format!("[0 {start} {end} {}]", out.len() - end);
        if range.len() > BYTE_RANGE_SLOT.len() {
            return Err(SignError::Unsupported("the file is too large".into()));
        }
        let slot = &mut out[range_at..range_at + BYTE_RANGE_SLOT.len()];
        slot.fill(b' ');
        slot[..range.len()].copy_from_slice(range.as_bytes());
        Ok((out, (start, end)))
    }
}

/// The form with `/SigFlags 3` (signatures exist, append only): the catalog when the form
/// is a direct dictionary in it, else the form's object; `None` when already so.
fn sig_flags(doc: &Document) -> Result<Option<(u32, u16, Vec<u8>)>, SignError> {
    let pdf_err = |e: lopdf::Error| SignError::Pdf(e.to_string());
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(pdf_err)?;
    let catalog = doc.get_dictionary(root).map_err(pdf_err)?;
    let form = catalog.get(b"AcroForm").map_err(pdf_err)?;
    let (id, mut holder, direct) = match form {
        Object::Reference(id) => (
            *id,
            doc.get_dictionary(*id).map_err(pdf_err)?.clone(),
            false,
        ),
        _ => (root, catalog.clone(), true),
    };
    let flags = |d: &Dictionary| d.get(b"SigFlags").and_then(Object::as_i64).unwrap_or(0);
    let form_dict = if direct {
        match holder.get_mut(b"AcroForm") {
            Ok(Object::Dictionary(d)) => d,
            _ => return Err(SignError::Pdf("/AcroForm is not a dictionary".into())),
        }
    } else {
        &mut holder
    };
    if flags(form_dict) & 3 == 3 {
        return Ok(None);
    }
    let new = flags(form_dict) | 3;
    form_dict.set("SigFlags", Object::Integer(new));
    Ok(Some(object(id, &Object::Dictionary(holder))))
}

/// A widget's `/Rect`, normalized.
fn rect(widget: &Dictionary) -> Option<[f32; 4]> {
    let r = widget.get(b"Rect").ok()?.as_array().ok()?;
    let v: Vec<f32> = r.iter().filter_map(|o| o.as_float().ok()).collect();
    let [a, b, c, d] = <[f32; 4]>::try_from(v).ok()?;
    Some([a.min(c), b.min(d), a.max(c), b.max(d)])
}

/// `id gen obj … endobj` for a non-stream object.
fn object(id: ObjectId, value: &Object) -> (u32, u16, Vec<u8>) {
    let bytes = format!("{} {} obj\n{}\nendobj\n", id.0, id.1, serialize(value));
    (id.0, id.1, bytes.into_bytes())
}

/// A non-stream object in PDF syntax; strings in hexadecimal.
pub(crate) fn serialize(o: &Object) -> String {
    match o {
        Object::Null => "null".into(),
        Object::Boolean(b) => b.to_string(),
        Object::Integer(i) => i.to_string(),
        Object::Real(r) => {
            let s = format!("{r}");
            if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s
            }
        }
        Object::Name(n) => name(n),
        Object::String(s, _) => {
            let mut out = String::with_capacity(2 * s.len() + 2);
            out.push('<');
            for b in s {
                let _ = write!(out, "{b:02X}");
            }
            out.push('>');
            out
        }
        Object::Array(a) => {
            let items: Vec<String> = a.iter().map(serialize).collect();
            format!("[{}]", items.join(" "))
        }
        Object::Dictionary(d) => {
            let mut out = String::from("<<");
            for (k, v) in d.iter() {
                let _ = write!(out, "{} {}", name(k), serialize(v));
            }
            out.push_str(">>");
            out
        }
        Object::Stream(_) => "null".into(),
        Object::Reference((n, g)) => format!("{n} {g} R"),
    }
}

/// A name, with `#xx` for bytes outside the regular characters.
fn name(n: &[u8]) -> String {
    let mut out = String::from("/");
    for &b in n {
        if b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
    out
}

/// A literal string of ASCII bytes, delimiters escaped.
fn literal(s: &[u8]) -> String {
    let mut out = String::from("(");
    for &b in s {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
    out
}

/// A text string: literal when printable ASCII, else UTF-16BE with its mark, in hex.
fn text_string(s: &str) -> String {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return literal(s.as_bytes());
    }
    let mut out = String::from("<FEFF");
    for u in s.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_written_back() {
        let mut d = Dictionary::new();
        d.set("T", Object::string_literal("Sig01"));
        d.set(
            "Rect",
            Object::Array(vec![Object::Real(1.5), Object::Integer(2)]),
        );
        d.set("P", Object::Reference((4, 0)));
        d.set("A B", Object::Name(b"x#y".to_vec()));
        assert_eq!(
            serialize(&Object::Dictionary(d)),
            "<</T <5369673031>/Rect [1.5 2]/P 4 0 R/A#20B /x#23y>>"
        );
        assert_eq!(text_string("Lyon"), "(Lyon)");
        assert_eq!(text_string("Évry"), "<FEFF00C9007600720079>");
        assert_eq!(fold("Préfet-du 84"), "prefetdu84");
    }
}
