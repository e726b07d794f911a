//! Writing the final bytes, deterministically.
//!
//! 1. The objects reachable from the trailer are renumbered 1..n in a stable order: a
//!    depth-first walk from `/Root` then `/Info`, following references in the order they
//!    appear (dictionary entries in insertion order, array items in order). Unreachable
//!    objects are dropped; references to missing objects become `null`.
//! 2. Every stream that may be compressed and has no filter is Flate-compressed (zlib,
//!    best compression: same input, same output); `/Length` is set to the stored length.
//! 3. The file is written by lopdf as PDF 1.7 with one classic cross-reference table in a
//!    single subsection (the numbers are contiguous), no object or cross-reference streams,
//!    and a trailer whose `/ID` is a placeholder.
//! 4. `/ID` becomes two copies of the first 16 bytes of the SHA-256 of that file; the
//!    placeholder and the hash have the same length, so no offset moves.

use super::FinishError;
use lopdf::xref::XrefType;
use lopdf::{Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Bytes in each `/ID` string.
const ID_LEN: usize = 16;

/// Renumbers, compresses and writes `doc` (see the module documentation).
///
/// # Errors
/// [`FinishError::Malformed`] without `/Root`, [`FinishError::Write`] when compressing or
/// writing fails.
pub(crate) fn write(mut doc: Document) -> Result<Vec<u8>, FinishError> {
    renumber(&mut doc)?;
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if stream.allows_compression {
                stream
                    .compress()
                    .map_err(|e| FinishError::Write(std::io::Error::other(e)))?;
            }
            let len = i64::try_from(stream.content.len()).unwrap_or(i64::MAX);
            stream.dict.set("Length", len);
        }
    }
    doc.version = "1.7".into();
    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    let placeholder = Object::String(vec![0; ID_LEN], StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", vec![placeholder.clone(), placeholder]);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)?;
    set_id(&mut bytes)?;
    Ok(bytes)
}

/// Renumbers the reachable objects 1..n (see the module documentation) and rewrites the
/// trailer to hold only `/Root` and `/Info`.
fn renumber(doc: &mut Document) -> Result<(), FinishError> {
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| FinishError::Malformed("the trailer has no /Root reference".into()))?;
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let order = walk(doc, root, info);
    let new_id: BTreeMap<ObjectId, ObjectId> = order
        .iter()
        .zip(1u32..)
        .map(|(&old, n)| (old, (n, 0)))
        .collect();
    let mut objects = BTreeMap::new();
    for old in &order {
        if let Some(mut object) = doc.objects.remove(old) {
            rewrite(&mut object, &new_id);
            objects.insert(new_id[old], object);
        }
    }
    doc.objects = objects;
    doc.max_id = u32::try_from(order.len()).unwrap_or(u32::MAX);
    doc.trailer = lopdf::Dictionary::new();
    doc.trailer.set("Root", new_id[&root]);
    if let Some(info) = info.and_then(|i| new_id.get(&i)) {
        doc.trailer.set("Info", *info);
    }
    Ok(())
}

/// The existing objects reachable from `root` and then `info`, depth-first, each once.
fn walk(doc: &Document, root: ObjectId, info: Option<ObjectId>) -> Vec<ObjectId> {
    let mut order = Vec::with_capacity(doc.objects.len());
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ObjectId> = info.into_iter().chain([root]).collect();
    let mut refs = Vec::new();
    while let Some(id) = stack.pop() {
        let Some(object) = doc.objects.get(&id) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        order.push(id);
        refs.clear();
        references(object, &mut refs);
        stack.extend(refs.iter().rev().filter(|r| !seen.contains(r)));
    }
    order
}

/// The references held by `object`, in order.
fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(a) => a.iter().for_each(|o| references(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}

/// Replaces every reference in `object` by its new number (`null` when it points nowhere).
fn rewrite(object: &mut Object, new_id: &BTreeMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => {
            *object = new_id
                .get(id)
                .map_or(Object::Null, |&n| Object::Reference(n));
        }
        Object::Array(a) => a.iter_mut().for_each(|o| rewrite(o, new_id)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| rewrite(o, new_id)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| rewrite(o, new_id)),
        _ => {}
    }
}

/// Replaces the placeholder `/ID` in the trailer of `bytes` by the hash of `bytes`.
fn set_id(bytes: &mut [u8]) -> Result<(), FinishError> {
    let digest = Sha256::digest(&*bytes);
    let hex: String = digest
        .iter()
        .take(ID_LEN)
        .map(|b| format!("{b:02X}"))
        .collect();
    let placeholder = format!("<{}>", "0".repeat(2 * ID_LEN));
    let trailer = find_last(bytes, b"\ntrailer\n").ok_or_else(|| internal("no trailer written"))?;
    for _ in 0..2 {
        let at = find(&bytes[trailer..], placeholder.as_bytes())
            .map(|i| trailer + i)
            .ok_or_else(|| internal("no /ID placeholder in the trailer"))?;
        bytes[at + 1..at + 1 + 2 * ID_LEN].copy_from_slice(hex.as_bytes());
    }
    Ok(())
}

/// An error for a writer that did not write what it should have.
fn internal(what: &str) -> FinishError {
    FinishError::Write(std::io::Error::other(what.to_string()))
}

/// First position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Last position of `needle` in `hay`.
fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A document with gaps in its numbering, an unreachable object, a dangling reference
    /// and a compressible stream.
    fn sample(title: &str) -> Document {
        let mut doc = Document::with_version("1.3");
        let content = Stream::new(dictionary! {}, b"BT ET ".repeat(100));
        doc.objects.insert((40, 0), content.into());
        doc.objects.insert((7, 0), dictionary! { "Type" => "Page", "Parent" => (9, 0), "Contents" => (40, 0), "Missing" => (77, 0) }.into());
        doc.objects.insert(
            (9, 0),
            dictionary! { "Type" => "Pages", "Kids" => vec![(7, 0).into()], "Count" => 1 }.into(),
        );
        doc.objects.insert(
            (3, 0),
            dictionary! { "Type" => "Catalog", "Pages" => (9, 0) }.into(),
        );
        doc.objects
            .insert((5, 0), dictionary! { "Unreachable" => true }.into());
        doc.objects.insert(
            (2, 0),
            dictionary! { "Title" => Object::string_literal(title) }.into(),
        );
        doc.max_id = 40;
        doc.trailer.set("Root", (3, 0));
        doc.trailer.set("Info", (2, 0));
        doc.trailer
            .set("ID", vec![Object::string_literal("random")]);
        doc
    }

    #[test]
    fn objects_are_numbered_from_the_root_and_written_once() {
        let bytes = write(sample("A")).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-1.7\n%"));
        assert_eq!(
            text.matches("xref").count(),
            2,
            "one xref table (and startxref)"
        );
        assert_eq!(text.matches("startxref").count(), 1);
        assert_eq!(text.matches("trailer").count(), 1);
        // Catalog 1, Pages 2, Page 3, content 4, Info 5; one subsection 0..6.
        assert!(text.contains("\nxref\n0 6\n"), "{text}");
        assert!(text.contains("1 0 obj\n<</Type/Catalog/Pages 2 0 R>>"));
        assert!(text.contains("/Missing null"));
        assert!(!text.contains("Unreachable"));
        let doc = Document::load_mem(&bytes).unwrap();
        assert_eq!(
            doc.trailer.get(b"Root").unwrap().as_reference().unwrap(),
            (1, 0)
        );
        assert_eq!(
            doc.trailer.get(b"Info").unwrap().as_reference().unwrap(),
            (5, 0)
        );
        let content = doc.get_object((4, 0)).unwrap().as_stream().unwrap();
        assert_eq!(
            content.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"FlateDecode"
        );
        assert_eq!(
            content.decompressed_content().unwrap(),
            b"BT ET ".repeat(100)
        );
    }

    #[test]
    fn id_is_the_hash_of_the_content() {
        let a = write(sample("A")).unwrap();
        assert_eq!(a, write(sample("A")).unwrap(), "same input, same bytes");
        let b = write(sample("B")).unwrap();
        let id = |bytes: &[u8]| {
            let doc = Document::load_mem(bytes).unwrap();
            let ids = doc.trailer.get(b"ID").unwrap().as_array().unwrap().clone();
            assert_eq!(ids.len(), 2);
            assert_eq!(ids[0], ids[1]);
            ids[0].as_str().unwrap().to_vec()
        };
        assert_eq!(id(&a).len(), ID_LEN);
        assert_ne!(id(&a), id(&b));
        assert_ne!(id(&a), vec![0; ID_LEN]);
        // Recomputing: the hash of the file with the placeholder put back.
        let mut back = a.clone();
        let hex: String = id(&a).iter().map(|b| format!("{b:02X}")).collect();
        let at = find_last(&back, hex.as_bytes()).unwrap();
        back[at..at + 32].copy_from_slice(&[b'0'; 32]);
        let at = find_last(&back, hex.as_bytes()).unwrap();
        back[at..at + 32].copy_from_slice(&[b'0'; 32]);
        assert_eq!(&Sha256::digest(&back)[..ID_LEN], id(&a).as_slice());
    }
}
