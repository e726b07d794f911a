//! Loading a pact from disk, within the limits.

use crate::model::{Pacte, Problems, ReadError};
use crate::render::{LimitError, Limits, RenderOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A pact file that could not be loaded or is invalid; names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Unreadable, malformed or not fitting the model.
    #[error("{}: {error}", file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// Why.
        error: ReadError,
    },
    /// Read, but invalid.
    #[error("{}", .problems.0.iter().map(|p| format!("{}: {p}", .file.display())).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        problems: Problems,
    },
}

impl LoadError {
    /// One line per problem, each naming the file and the place.
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Read { .. } => vec![self.to_string()],
            LoadError::Invalid { file, problems } => problems
                .0
                .iter()
                .map(|p| format!("{}: {p}", file.display()))
                .collect(),
        }
    }
}

/// Reads and validates a pact file (logo paths are relative to its folder, and confined
/// to it), within the default [`Limits`].
pub fn load_pacte(path: &Path) -> Result<Pacte, LoadError> {
    load_pacte_with(path, &RenderOptions::for_file(path))
}

/// Reads and validates a pact file as a render with `options` would: its size and depth
/// within `options.limits`, its logos read through `options.loader()` and checked.
///
/// A UTF-8 byte-order mark at the start is accepted; text that is not UTF-8 is reported
/// with its line and column.
pub fn load_pacte_with(path: &Path, options: &RenderOptions) -> Result<Pacte, LoadError> {
    load_checked(path, options, Pacte::validate_with)
}

/// Reads and validates a pact file for the HTML edition: as [`load_pacte`], but for the
/// fonts (a browser draws any character with its own).
pub(crate) fn load_pacte_for_html(path: &Path) -> Result<Pacte, LoadError> {
    load_checked(
        path,
        &RenderOptions::for_file(path),
        Pacte::validate_model_with,
    )
}

/// Reads a pact file within `options.limits` and checks it with `check`.
fn load_checked(
    path: &Path,
    options: &RenderOptions,
    check: fn(&Pacte, &RenderOptions) -> Result<(), crate::model::Problems>,
) -> Result<Pacte, LoadError> {
    let read = |error| LoadError::Read {
        file: path.to_path_buf(),
        error,
    };
    let source = read_text(path, &options.limits).map_err(read)?;
    let pacte = Pacte::from_json(&source).map_err(read)?;
    check(&pacte, options).map_err(|problems| LoadError::Invalid {
        file: path.to_path_buf(),
        problems,
    })?;
    Ok(pacte)
}

/// The text of a JSON file (a pact, a template): at most `limits.pacte_bytes`, nested at
/// most `limits.depth` deep, UTF-8 (a byte-order mark dropped).
pub(crate) fn read_text(path: &Path, limits: &Limits) -> Result<String, ReadError> {
    let file = std::fs::File::open(path)?;
    let too_large = || {
        let what = format!("the file is larger than {} bytes: it", limits.pacte_bytes);
        ReadError::Limit(LimitError::new(what, "pacte_bytes", limits.pacte_bytes))
    };
    if file.metadata()?.len() > limits.pacte_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
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
    let chars = crate::render::json_string_chars(&bytes);
    if chars > limits.pages.saturating_mul(crate::render::CHARS_PER_PAGE) {
        let what = format!(
            "the text has {chars} characters, more than {} pages hold (at most {} characters \
             a page): it",
            limits.pages,
            crate::render::CHARS_PER_PAGE
        );
        return Err(LimitError::new(what, "pages", limits.pages).into());
    }
    let depth = crate::render::json_depth(&bytes, limits.depth);
    if depth > limits.depth {
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

/// True when `a` and `b` are the same existing file (by their canonical paths).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
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
