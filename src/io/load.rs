//! Loading a pact from disk.

use crate::model::{Pacte, Problems, ReadError};
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

/// Reads and validates a pact file (logo paths are relative to its folder).
pub fn load_pacte(path: &Path) -> Result<Pacte, LoadError> {
    let read = |error| LoadError::Read {
        file: path.to_path_buf(),
        error,
    };
    let source = std::fs::read_to_string(path).map_err(|e| read(ReadError::Io(e)))?;
    let pacte = Pacte::from_json(&source).map_err(read)?;
    pacte
        .validate(Some(base_dir(path)))
        .map_err(|problems| LoadError::Invalid {
            file: path.to_path_buf(),
            problems,
        })?;
    Ok(pacte)
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
