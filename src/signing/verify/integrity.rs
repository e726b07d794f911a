//! A signature's integrity: the byte range (from 0, its gap exactly the `/Contents`
//! string, ending a revision), the CMS checks (digest, signature, signing certificate),
//! and the time-stamp token's imprint and signature.

use super::super::{cms, credentials, ess, pdfdate};
use super::FieldReport;
use lopdf::{decode_text_string, Dictionary, Object};

/// Checks the signature dictionary `sig` of `pdf`, filling `r`.
pub(crate) fn check(pdf: &[u8], sig: &Dictionary, r: &mut FieldReport) {
    r.sub_filter = sig
        .get(b"SubFilter")
        .and_then(Object::as_name)
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned());
    r.declared_name = sig
        .get(b"Name")
        .ok()
        .and_then(|n| decode_text_string(n).ok());
    let claimed = sig.get(b"M").ok().and_then(|m| decode_text_string(m).ok());
    let claimed_unix = claimed.as_deref().and_then(pdfdate::parse);
    r.claimed_time = claimed.as_ref().map(|m| {
        claimed_unix
            .map(pdfdate::readable)
            .unwrap_or_else(|| m.clone())
    });
    r.time = claimed_unix;
    let Some(contents) = sig.get(b"Contents").and_then(Object::as_str).ok() else {
        r.problems.push("no /Contents".into());
        return;
    };
    let Some([a, b, c, d]) = byte_range(sig) else {
        r.problems.push("no /ByteRange of four numbers".into());
        return;
    };
    if a != 0 {
        r.problems.push("the byte range does not start at 0".into());
    }
    let Some(end) = c.checked_add(d).filter(|&e| b < c && e <= pdf.len()) else {
        r.problems
            .push("the byte range goes past the end of the file".into());
        return;
    };
    if !gap_is_contents(&pdf[b..c], contents) {
        r.problems
            .push("the byte range's gap is not exactly the /Contents string".into());
    }
    let signed = &pdf[..end];
    let trimmed = signed.trim_ascii_end();
    if !trimmed.ends_with(b"%%EOF") {
        r.problems
            .push("the signed bytes do not end a revision (%%EOF)".into());
    }
    r.covered_end = Some(end);
    let pieces: [&[u8]; 2] = [&pdf[a.min(b)..b], &pdf[c..end]];
    let checked = match r.sub_filter.as_deref() {
        Some("ETSI.CAdES.detached" | "adbe.pkcs7.detached") => cms::check(contents, Some(&pieces)),
        Some("ETSI.RFC3161") => document_timestamp(contents, &pieces, r),
        other => Err(format!(
            "sub-filter {} not supported",
            other.unwrap_or("(none)")
        )),
    };
    let checked = match checked {
        Ok(c) => c,
        Err(e) => {
            r.problems.push(e);
            return;
        }
    };
    r.problems.extend(checked.problems.iter().cloned());
    r.signer = checked.signer.as_ref().map(credentials::subject);
    if let Some(token) = &checked.timestamp_token {
        match timestamp(token, &checked.signature) {
            Ok(t) => {
                r.timestamp_time = Some(pdfdate::readable(t));
                r.time = Some(t);
            }
            Err(e) => r.problems.push(format!("time-stamp: {e}")),
        }
    }
    r.certificate = checked.signer;
    r.pool = checked.certificates;
}

/// A document time-stamp: the token's imprint is the hash of the byte range.
/// Its time is the report's time-stamp time.
fn document_timestamp(
    contents: &[u8],
    pieces: &[&[u8]],
    r: &mut FieldReport,
) -> Result<cms::Checked, String> {
    let mut checked = cms::check(contents, None)?;
    let info = cms::tst_info(contents)?;
    if let Ok(t) = i64::try_from(info.gen_time.to_unix_duration().as_secs()) {
        r.timestamp_time = Some(pdfdate::readable(t));
        r.time = Some(t);
    }
    let h = ess::hash(info.message_imprint.hash_algorithm.oid, pieces)
        .ok_or("time-stamp hash not supported")?;
    if h != info.message_imprint.hashed_message.as_bytes() {
        checked
            .problems
            .push("the time-stamp's imprint does not match the signed bytes".into());
    }
    Ok(checked)
}

/// Checks a signature's time-stamp token over `signature`; its time in Unix seconds.
fn timestamp(token: &[u8], signature: &[u8]) -> Result<i64, String> {
    let info = cms::tst_info(token)?;
    let h = ess::hash(info.message_imprint.hash_algorithm.oid, &[signature])
        .ok_or("hash not supported")?;
    if h != info.message_imprint.hashed_message.as_bytes() {
        return Err("the token stamps another signature value".into());
    }
    let checked = cms::check(token, None)?;
    if let Some(p) = checked.problems.first() {
        return Err(p.clone());
    }
    i64::try_from(info.gen_time.to_unix_duration().as_secs()).map_err(|e| e.to_string())
}

/// The four numbers of `/ByteRange`.
fn byte_range(sig: &Dictionary) -> Option<[usize; 4]> {
    let arr = sig.get(b"ByteRange").ok()?.as_array().ok()?;
    let v: Vec<usize> = arr
        .iter()
        .filter_map(|o| o.as_i64().ok())
        .filter_map(|i| usize::try_from(i).ok())
        .collect();
    <[usize; 4]>::try_from(v).ok()
}

/// Whether `gap` is exactly a hexadecimal string holding `contents`.
fn gap_is_contents(gap: &[u8], contents: &[u8]) -> bool {
    let Some(hex) = gap.strip_prefix(b"<").and_then(|g| g.strip_suffix(b">")) else {
        return false;
    };
    if hex.len() % 2 != 0 || hex.len() / 2 != contents.len() {
        return false;
    }
    hex.chunks(2).zip(contents).all(|(pair, &byte)| {
        std::str::from_utf8(pair)
            .ok()
            .and_then(|p| u8::from_str_radix(p, 16).ok())
            == Some(byte)
    })
}
