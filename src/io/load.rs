//! Reading a JSON file (a pact, a template) within the limits; paths of inputs and outputs.

use crate::limits::{json_measure, LimitError, Limits, CHARS_PER_PAGE};
use crate::model::ReadError;
use std::io::Read;
use std::path::Path;

/// The text of a JSON file (a pact, a template): at most `limits.pacte_bytes`, nested at
/// most `limits.depth` deep, UTF-8 (a byte-order mark dropped).
pub(crate) fn read_text(path: &Path, limits: &Limits) -> Result<String, ReadError> {
    let file = std::fs::File::open(path)?;
    let too_large = || {
        let what = format!("the file is larger than {} bytes: it", limits.pacte_bytes);
        ReadError::Limit(LimitError::new(what, "pacte_bytes", limits.pacte_bytes))
    };
    let len = file.metadata()?.len();
    if len > limits.pacte_bytes {
        return Err(too_large());
    }
    // Room for the whole file and the byte that tells it grew past the limit since.
    let mut bytes = Vec::with_capacity(len.saturating_add(1) as usize);
    file.take(limits.pacte_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limits.pacte_bytes {
        return Err(too_large());
    }
    text_of(bytes, limits)
}

/// `bytes` as UTF-8 text, a byte-order mark dropped, within the depth limit.
pub(crate) fn text_of(mut bytes: Vec<u8>, limits: &Limits) -> Result<String, ReadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // More text than the pages allowed can hold: refused before the layout spends memory.
    let measure = json_measure(&bytes, limits.depth);
    let chars = measure.chars;
    if chars > limits.pages.saturating_mul(CHARS_PER_PAGE) {
        let what = format!(
            "the text has {chars} characters, more than {} pages hold (at most {} characters \
             a page): it",
            limits.pages, CHARS_PER_PAGE
        );
        return Err(LimitError::new(what, "pages", limits.pages).into());
    }
    if measure.depth > limits.depth {
        let what = format!(
            "the JSON is nested more than {} levels deep: it",
            limits.depth
        );
        return Err(LimitError::new(what, "depth", limits.depth).into());
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // Valid UTF-8 up to there: count lines and characters.
        let text = std::str::from_utf8(good).unwrap_or_default();
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        ReadError::Encoding { line, column }
    })
}

/// True when `a` and `b` are the same existing file: on Unix, the same device and inode
/// (whatever links lead to it); elsewhere, the same canonical path.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The folder a file's relative paths start from.
pub(crate) fn base_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The names of the files in `dir`, sorted, hidden ones included (for tests).
#[cfg(test)]
pub(crate) fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
