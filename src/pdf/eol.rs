//! The file's ends of line, where readers disagree otherwise: the file ends with an
//! end-of-line after `%%EOF` (an incremental update appended later then starts on a line of
//! its own), and a stream whose data ends with a carriage return gets CR LF before
//! `endstream` (`pdf-writer` writes LF alone, and a reader would take that CR for the
//! end-of-line and find the data one byte shorter than `/Length`).
//!
//! Applied to the finished file: the objects are found through the cross-reference table
//! (one section, as [`super::write`] makes it), a CR is inserted where needed and the
//! offsets after it are shifted.

use super::PdfError;

/// What a stream object ends with when its data ends with CR (trailing LFs stripped).
const CR_TAIL: &[u8] = b"\r\nendstream\nendobj";

/// Fixes the ends of line of the finished file `bytes` (see the module documentation).
///
/// # Errors
/// [`PdfError::Internal`] if the cross-reference table is not where the trailer says.
pub(crate) fn fix(bytes: Vec<u8>) -> Result<Vec<u8>, PdfError> {
    let bad = || PdfError::Internal("the cross-reference table cannot be read back");
    let sx = rfind(&bytes, b"startxref\n").ok_or_else(bad)?;
    let xref: usize = std::str::from_utf8(&bytes[sx + 10..])
        .ok()
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(bad)?;
    let header_end = xref
        + bytes[xref..]
            .iter()
            .skip(5)
            .position(|&b| b == b'\n')
            .ok_or_else(bad)?
        + 6;
    let header = std::str::from_utf8(&bytes[xref + 5..header_end - 1]).map_err(|_| bad())?;
    let count: usize = header
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .ok_or_else(bad)?;
    let entry = |i: usize| -> Option<usize> {
        let e = bytes.get(header_end + 20 * i..header_end + 20 * i + 20)?;
        (e[17] == b'n')
            .then(|| std::str::from_utf8(&e[..10]).ok()?.parse().ok())
            .flatten()
    };
    let mut offsets: Vec<usize> = (1..count).filter_map(entry).collect();
    offsets.sort_unstable();
    let mut inserts = Vec::new();
    for (k, &start) in offsets.iter().enumerate() {
        let end = offsets.get(k + 1).copied().unwrap_or(xref);
        let object = &bytes[start..end];
        let kept = object.len() - object.iter().rev().take_while(|&&b| b == b'\n').count();
        if object[..kept].ends_with(CR_TAIL) {
            inserts.push(start + kept - CR_TAIL.len() + 1);
        }
    }
    let mut out;
    if inserts.is_empty() {
        out = bytes;
    } else {
        out = Vec::with_capacity(bytes.len() + inserts.len() + 1);
        let shift = |at: usize| at + inserts.iter().filter(|&&i| i <= at).count();
        let mut from = 0;
        for &at in &inserts {
            out.extend_from_slice(&bytes[from..at]);
            out.push(b'\r');
            from = at;
        }
        out.extend_from_slice(&bytes[from..sx]);
        let new_header_end = shift(header_end);
        for i in 1..count {
            if let Some(old) = entry(i) {
                let at = new_header_end + 20 * i;
                out[at..at + 10].copy_from_slice(format!("{:010}", shift(old)).as_bytes());
            }
        }
        out.extend_from_slice(format!("startxref\n{}\n%%EOF", shift(xref)).as_bytes());
    }
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    Ok(out)
}

/// Last position of `needle` in `hay`.
fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_writer::{Pdf, Ref};

    #[test]
    fn a_stream_ending_with_cr_gets_crlf_and_offsets_follow() {
        let mut pdf = Pdf::new();
        pdf.catalog(Ref::new(1)).pages(Ref::new(2));
        pdf.pages(Ref::new(2)).count(0);
        pdf.stream(Ref::new(3), b"abc\r");
        pdf.stream(Ref::new(4), b"def\n");
        pdf.stream(Ref::new(5), b"\r");
        let fixed = fix(pdf.finish()).unwrap();
        assert!(fixed.ends_with(b"%%EOF\n"));
        assert_eq!(
            fixed
                .windows(15)
                .filter(|w| w == b"\r\r\nendstream\nen")
                .count(),
            2
        );
        let doc = lopdf::Document::load_mem(&fixed).unwrap();
        let content = |n| {
            doc.get_object((n, 0))
                .unwrap()
                .as_stream()
                .unwrap()
                .content
                .clone()
        };
        assert_eq!(content(3), b"abc\r");
        assert_eq!(content(4), b"def\n");
        assert_eq!(content(5), b"\r");
        // Every offset of the table points at its object.
        let xref = rfind(&fixed, b"xref\n0 ").unwrap();
        let table = std::str::from_utf8(&fixed[xref..]).unwrap();
        for (n, line) in table.lines().skip(3).take(5).enumerate() {
            let at: usize = line[..10].parse().unwrap();
            assert!(
                fixed[at..].starts_with(format!("{} 0 obj", n + 1).as_bytes()),
                "{n}"
            );
        }
    }

    #[test]
    fn a_file_without_such_stream_only_gains_its_last_end_of_line() {
        let mut pdf = Pdf::new();
        pdf.catalog(Ref::new(1)).pages(Ref::new(2));
        pdf.pages(Ref::new(2)).count(0);
        pdf.stream(Ref::new(3), b"abc");
        let bytes = pdf.finish();
        let fixed = fix(bytes.clone()).unwrap();
        assert_eq!(&fixed[..bytes.len()], &bytes[..]);
        assert_eq!(fixed.len(), bytes.len() + 1);
    }
}
