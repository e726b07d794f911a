//! The file identifier (`/ID` in the trailer): two copies of the first 16 bytes of the
//! BLAKE3 hash of the file as written with a placeholder identifier of 16 zero bytes.
//! (BLAKE3 rather than SHA-256: as good a content fingerprint, and about ten times faster
//! without the SHA instructions this machine lacks; hashing was a twentieth of a render.)
//!
//! The placeholder and the hash are both written as 32 hexadecimal digits, so putting the
//! hash in moves no offset. `pdf-writer` writes a string of ASCII bytes as a literal string,
//! so the placeholder handed to it is made of non-ASCII bytes (written in hexadecimal) and
//! turned into zeros here before hashing.

use super::PdfError;

/// Bytes in each `/ID` string.
const ID_LEN: usize = 16;
/// The byte the placeholder handed to `pdf-writer` is made of.
const MARK: u8 = 0x80;

/// The placeholder identifier to give `Pdf::set_file_id`.
pub(crate) fn placeholder() -> (Vec<u8>, Vec<u8>) {
    (vec![MARK; ID_LEN], vec![MARK; ID_LEN])
}

/// Replaces the placeholder identifier in the trailer of `bytes` by the hash of the file
/// (see the module documentation).
///
/// # Errors
/// [`PdfError::Internal`] if the trailer or the placeholder is missing.
pub(crate) fn stamp(bytes: &mut [u8]) -> Result<(), PdfError> {
    let written = format!("<{}>", "80".repeat(ID_LEN));
    let trailer = rfind(bytes, b"trailer").ok_or(PdfError::Internal("no trailer written"))?;
    let mut places = [0; 2];
    let mut from = trailer;
    for place in &mut places {
        let at = find(&bytes[from..], written.as_bytes())
            .map(|i| from + i + 1)
            .ok_or(PdfError::Internal("no /ID placeholder in the trailer"))?;
        bytes[at..at + 2 * ID_LEN].fill(b'0');
        *place = at;
        from = at + 2 * ID_LEN;
    }
    let digest = blake3::hash(bytes);
    let mut hex = [0u8; 2 * ID_LEN];
    for (i, b) in digest.as_bytes().iter().take(ID_LEN).enumerate() {
        hex[2 * i] = HEX[usize::from(b >> 4)];
        hex[2 * i + 1] = HEX[usize::from(b & 15)];
    }
    for at in places {
        bytes[at..at + 2 * ID_LEN].copy_from_slice(&hex);
    }
    Ok(())
}

/// Upper-case hexadecimal digits.
const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// First position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Last position of `needle` in `hay`.
fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(body: &str) -> Vec<u8> {
        let mut pdf = pdf_writer::Pdf::new();
        pdf.set_file_id(placeholder());
        pdf.indirect(pdf_writer::Ref::new(1))
            .primitive(pdf_writer::Str(body.as_bytes()));
        pdf.finish()
    }

    #[test]
    fn id_is_the_hash_of_the_file_with_zeros() {
        let mut a = file("A");
        let unstamped = a.clone();
        stamp(&mut a).unwrap();
        assert_eq!(a.len(), unstamped.len());
        let doc = lopdf::Document::load_mem(&a).unwrap();
        let ids = doc.trailer.get(b"ID").unwrap().as_array().unwrap().clone();
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[0], ids[1]);
        let id = ids[0].as_str().unwrap().to_vec();
        assert_eq!(id.len(), ID_LEN);
        // The same file with zeros in place of the identifier hashes to it.
        let mut zeros = unstamped.clone();
        let written = "80".repeat(ID_LEN);
        while let Some(i) = find(&zeros, written.as_bytes()) {
            zeros[i..i + 2 * ID_LEN].fill(b'0');
        }
        assert_eq!(&blake3::hash(&zeros).as_bytes()[..ID_LEN], id.as_slice());
        let mut b = file("B");
        stamp(&mut b).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn a_file_without_placeholder_is_an_internal_error() {
        let mut bytes = b"%PDF-1.7\ntrailer\n<</Size 1>>".to_vec();
        assert!(matches!(stamp(&mut bytes), Err(PdfError::Internal(_))));
    }
}
