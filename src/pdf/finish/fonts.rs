//! Subset font tags.
//!
//! ISO 32000-1 (9.6.4) names a subset font `ABCDEF+PostScriptName`, the tag being exactly six
//! upper-case letters. printpdf builds the tag from the first six characters of the font's
//! resource id (`F1+NotoSans-Regular` for a font inserted as `FontId("F1")`), which is not a
//! valid tag. This module replaces such tags with six letters derived from the old name, so
//! that they stay deterministic and distinct, and writes the same name wherever it appears
//! (`/BaseFont` of the Type 0 and CID fonts, `/FontName` of the descriptor).

use lopdf::{Dictionary, Document, Object};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Replaces every invalid subset tag in `/BaseFont` and `/FontName` names of `doc`.
pub(crate) fn normalize_subset_tags(doc: &mut Document) {
    let mut renames = BTreeMap::new();
    for object in doc.objects.values() {
        collect(object, &mut renames);
    }
    if renames.is_empty() {
        return;
    }
    for object in doc.objects.values_mut() {
        rename(object, &renames);
    }
}

/// Whether `name` is `TAG+Rest` with a tag that is not six upper-case ASCII letters.
fn has_invalid_tag(name: &[u8]) -> bool {
    match name.iter().position(|&b| b == b'+') {
        Some(6) => !name[..6].iter().all(u8::is_ascii_uppercase),
        Some(_) => true,
        None => false,
    }
}

/// `name` with its invalid tag replaced by six letters taken from a hash of the whole name.
fn retagged(name: &[u8]) -> Vec<u8> {
    let plus = name.iter().position(|&b| b == b'+').unwrap_or(0);
    let digest = Sha256::digest(name);
    let mut out: Vec<u8> = digest.iter().take(6).map(|b| b'A' + b % 26).collect();
    out.extend_from_slice(&name[plus..]);
    out
}

/// Is `key` a font-name key whose value may carry a subset tag?
fn is_font_name_key(key: &[u8]) -> bool {
    key == b"BaseFont" || key == b"FontName"
}

/// Records a rename for every invalid tagged font name found in `object`.
fn collect(object: &Object, renames: &mut BTreeMap<Vec<u8>, Vec<u8>>) {
    match object {
        Object::Dictionary(d) => collect_dict(d, renames),
        Object::Array(a) => a.iter().for_each(|o| collect(o, renames)),
        Object::Stream(s) => collect_dict(&s.dict, renames),
        _ => {}
    }
}

/// [`collect`] for a dictionary.
fn collect_dict(d: &Dictionary, renames: &mut BTreeMap<Vec<u8>, Vec<u8>>) {
    for (k, v) in d.iter() {
        if let (true, Object::Name(n)) = (is_font_name_key(k), v) {
            if has_invalid_tag(n) {
                renames.entry(n.clone()).or_insert_with(|| retagged(n));
            }
        }
        collect(v, renames);
    }
}

/// Applies `renames` to the font-name entries of `object`.
fn rename(object: &mut Object, renames: &BTreeMap<Vec<u8>, Vec<u8>>) {
    match object {
        Object::Dictionary(d) => {
            for (k, v) in d.iter_mut() {
                if is_font_name_key(k) {
                    if let Object::Name(n) = v {
                        if let Some(new) = renames.get(n) {
                            *n = new.clone();
                        }
                    }
                }
                rename(v, renames);
            }
        }
        Object::Array(a) => a.iter_mut().for_each(|o| rename(o, renames)),
        Object::Stream(s) => {
            for (_, v) in s.dict.iter_mut() {
                rename(v, renames);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn tags() {
        assert!(has_invalid_tag(b"F1+NotoSans-Regular"));
        assert!(has_invalid_tag(b"abcdef+NotoSans"));
        assert!(!has_invalid_tag(b"ABCDEF+NotoSans"));
        assert!(!has_invalid_tag(b"NotoSans-Regular"));
        let t = retagged(b"F1+NotoSans-Regular");
        assert!(!has_invalid_tag(&t));
        assert!(t.ends_with(b"+NotoSans-Regular") && t.len() == 6 + 17);
        assert_ne!(
            retagged(b"F1+NotoSans-Regular"),
            retagged(b"F2+NotoSans-Regular")
        );
    }

    #[test]
    fn every_occurrence_is_renamed_alike() {
        let mut doc = Document::with_version("1.7");
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor", "FontName" => Object::Name(b"F1+Noto".to_vec()),
        });
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => Object::Name(b"F1+Noto".to_vec()),
            "DescendantFonts" => vec![dictionary! {
                "BaseFont" => Object::Name(b"F1+Noto".to_vec()), "FontDescriptor" => descriptor,
            }.into()],
        });
        normalize_subset_tags(&mut doc);
        let font = doc.get_dictionary(font).unwrap();
        let top = font.get(b"BaseFont").unwrap().as_name().unwrap().to_vec();
        assert!(!has_invalid_tag(&top));
        let desc = font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
            .as_dict()
            .unwrap();
        assert_eq!(desc.get(b"BaseFont").unwrap().as_name().unwrap(), top);
        let d = doc.get_dictionary(descriptor).unwrap();
        assert_eq!(d.get(b"FontName").unwrap().as_name().unwrap(), top);
    }
}
