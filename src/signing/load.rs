//! Reading a PDF within the [`Limits`]: its size, its objects, and what its streams inflate
//! to, each checked before lopdf spends memory on it.
//!
//! lopdf inflates object streams (and cross-reference streams) while it loads a file. It
//! bounds each one (`LoadOptions::max_decompressed_size`) but drops an object stream over
//! the bound without a word, counts nothing across streams and keeps every object an object
//! stream lists. So a file is first surveyed: loaded with its object streams renamed (lopdf
//! leaves them packed), each stream's inflated size counted through a fixed buffer, the
//! objects listed by each object stream counted; only a file within the limits is then
//! loaded for good.

use crate::limits::{LimitError, Limits};
use lopdf::{Document, LoadOptions, Object, ObjectId, Stream};

/// The type an object stream is given while surveying, so that lopdf leaves it packed.
const DEFERRED: &[u8] = b"PacteObjStm";
/// The scratch buffer an inflated stream is counted through.
const SCRATCH: usize = 64 * 1024;

/// Why a PDF was not loaded.
#[derive(Debug)]
pub(crate) enum LoadError {
    /// Over one of the limits.
    Limit(LimitError),
    /// Not a PDF lopdf can read.
    Unreadable(String),
}

/// Loads `pdf` when it is within `limits`. An encrypted file is loaded as lopdf reads it
/// (its object streams bounded one by one) for the caller to refuse.
pub(crate) fn load(pdf: &[u8], limits: &Limits) -> Result<Document, LoadError> {
    let size = pdf.len() as u64;
    if size > limits.pdf_bytes {
        let what = format!("the file is {size} bytes: it");
        return Err(LoadError::Limit(LimitError::new(
            what,
            "pdf_bytes",
            limits.pdf_bytes,
        )));
    }
    let revisions = revision_ends(pdf).len() as u64;
    if revisions > limits.pdf_revisions {
        let what = format!("the file has {revisions} revisions: it");
        return Err(LoadError::Limit(LimitError::new(
            what,
            "pdf_revisions",
            limits.pdf_revisions,
        )));
    }
    let survey = Document::load_mem_with_options(
        pdf,
        LoadOptions {
            filter: Some(defer_object_streams),
            ..options(limits)
        },
    )
    .map_err(|e| LoadError::Unreadable(e.to_string()))?;
    if survey.trailer.has(b"Encrypt") {
        return Ok(survey);
    }
    check(&survey, limits).map_err(LoadError::Limit)?;
    drop(survey);
    load_unchecked(pdf, limits).map_err(|e| LoadError::Unreadable(e.to_string()))
}

/// Where each revision of `pdf` ends: just after each `%%EOF` and its end-of-line.
pub(crate) fn revision_ends(pdf: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut i = 0;
    while let Some(p) = pdf[i..].windows(5).position(|w| w == b"%%EOF") {
        let mut end = i + p + 5;
        if pdf.get(end) == Some(&b'\r') {
            end += 1;
        }
        if pdf.get(end) == Some(&b'\n') {
            end += 1;
        }
        ends.push(end);
        i = end;
    }
    ends
}

/// Loads `pdf` (a part of a file [`load`] accepted: an earlier revision) with lopdf's own
/// bound on each object stream.
pub(crate) fn load_unchecked(pdf: &[u8], limits: &Limits) -> lopdf::Result<Document> {
    Document::load_mem_with_options(pdf, options(limits))
}

/// lopdf's options: each stream it inflates bounded by `pdf_stream_bytes`.
fn options(limits: &Limits) -> LoadOptions {
    LoadOptions {
        max_decompressed_size: Some(usize::try_from(limits.pdf_stream_bytes).unwrap_or(usize::MAX)),
        ..LoadOptions::default()
    }
}

/// The survey's filter: an object stream is renamed so that lopdf does not unpack it. (lopdf
/// keeps the object as changed in place; the copy returned is for its other uses.)
fn defer_object_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        if stream.dict.has_type(b"ObjStm") {
            stream.dict.set("Type", Object::Name(DEFERRED.to_vec()));
        }
    }
    Some((id, object.clone()))
}

/// The surveyed file against the object and inflation limits.
fn check(survey: &Document, limits: &Limits) -> Result<(), LimitError> {
    let mut objects = survey.objects.len() as u64;
    let mut inflated = 0u64;
    for (id, object) in &survey.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        let remaining = limits.pdf_inflated_bytes.saturating_sub(inflated);
        let size = inflated_size(stream, limits.pdf_stream_bytes.min(remaining));
        if size > limits.pdf_stream_bytes {
            let what = format!(
                "object {} {}'s stream inflates to more than {} bytes: it",
                id.0, id.1, limits.pdf_stream_bytes
            );
            return Err(LimitError::new(
                what,
                "pdf_stream_bytes",
                limits.pdf_stream_bytes,
            ));
        }
        inflated += size;
        if inflated > limits.pdf_inflated_bytes {
            let what = format!(
                "the file's streams inflate to more than {} bytes in all: that",
                limits.pdf_inflated_bytes
            );
            return Err(LimitError::new(
                what,
                "pdf_inflated_bytes",
                limits.pdf_inflated_bytes,
            ));
        }
        if stream.dict.has_type(DEFERRED) {
            objects += packed_objects(stream, limits.pdf_stream_bytes);
        }
        if objects > limits.pdf_objects {
            let what = format!(
                "the file has more than {} objects: that",
                limits.pdf_objects
            );
            return Err(LimitError::new(what, "pdf_objects", limits.pdf_objects));
        }
    }
    Ok(())
}

/// The bytes `stream` inflates to, counted up to `most` + 1 (a stream not compressed, or
/// in a way no one here undoes, counts as nothing: its bytes are the file's).
fn inflated_size(stream: &Stream, most: u64) -> u64 {
    let first = stream.filters().ok().and_then(|f| f.first().copied());
    match first {
        Some(b"FlateDecode" | b"Fl") => inflate_count(&stream.content, most),
        Some(_) => stream
            .decompressed_content_with_limit(usize::try_from(most).unwrap_or(usize::MAX))
            .map_or(most + 1, |c| c.len() as u64),
        None => 0,
    }
}

/// The bytes zlib data inflates to, counted through a fixed buffer, stopping past `most`
/// or at the first error (lopdf reads what comes before it).
fn inflate_count(data: &[u8], most: u64) -> u64 {
    let mut inflater = flate2::Decompress::new(true);
    let mut scratch = vec![0u8; SCRATCH];
    loop {
        let consumed = usize::try_from(inflater.total_in()).unwrap_or(data.len());
        let before = inflater.total_out();
        let status = inflater.decompress(
            &data[consumed.min(data.len())..],
            &mut scratch,
            flate2::FlushDecompress::None,
        );
        let out = inflater.total_out();
        if out > most {
            return out;
        }
        match status {
            Ok(flate2::Status::Ok) if out > before || inflater.total_in() as usize > consumed => {}
            _ => return out,
        }
    }
}

/// The objects an object stream lists (its index before `/First`), which lopdf unpacks
/// whatever its `/N` says.
fn packed_objects(stream: &Stream, most: u64) -> u64 {
    let first = stream
        .dict
        .get(b"First")
        .and_then(Object::as_i64)
        .map_or(0, |f| usize::try_from(f).unwrap_or(0));
    let Ok(content) =
        stream.decompressed_content_with_limit(usize::try_from(most).unwrap_or(usize::MAX))
    else {
        return 0;
    };
    let index = &content[..first.min(content.len())];
    index
        .split(u8::is_ascii_whitespace)
        .filter(|t| !t.is_empty())
        .count() as u64
        / 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Dictionary;
    use std::io::Write as _;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn inflated_bytes_are_counted_and_stop_past_the_bound() {
        let data = zlib(&vec![b' '; 1_000_000]);
        assert_eq!(inflate_count(&data, 2_000_000), 1_000_000);
        let stopped = inflate_count(&data, 100_000);
        assert!(
            (100_001..=100_000 + SCRATCH as u64).contains(&stopped),
            "{stopped}"
        );
        assert_eq!(inflate_count(b"not zlib", 10), 0);
    }

    #[test]
    fn object_streams_are_left_packed_and_counted() {
        let packed = b"1 0 2 2 3 4 4 6 5 8 (a)(b)(c)(d)(e)";
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("First", 20);
        dict.set("N", 1);
        let mut object = Object::Stream(Stream::new(dict, packed.to_vec()));
        let (_, object) = defer_object_streams((7, 0), &mut object).unwrap();
        let stream = object.as_stream().unwrap();
        assert!(stream.dict.has_type(DEFERRED));
        assert_eq!(packed_objects(stream, 1000), 5);
    }
}
