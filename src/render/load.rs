//! Loading a pact file as a render would: read within the limits, parsed, validated with the
//! render's options (its loader, its limits, its theme's fonts).

use super::RenderOptions;
use crate::io::read_text;
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

/// Reads and validates a pact file as a render with `options` would: its size and depth
/// within `options.limits`, its logos read through `options.loader()` and checked.
/// [`RenderOptions::for_file`] gives the default limits, with logo paths relative to the
/// file's folder and confined to it.
///
/// A UTF-8 byte-order mark at the start is accepted; text that is not UTF-8 is reported
/// with its line and column.
pub fn load_pacte(path: &Path, options: &RenderOptions) -> Result<Pacte, LoadError> {
    let read = |error| LoadError::Read {
        file: path.to_path_buf(),
        error,
    };
    let depth = options.limits.markdown_depth;
    // The embedded data validation needs (the faces, the registry: each parsed once per
    // process) is made ready on another core while the file is read and parsed.
    let (_, parsed) = rayon::join(
        || warm_up(options),
        || {
            let source = read_text(path, &options.limits)?;
            crate::model::with_depth_limit(depth, || Pacte::from_json(&source))
        },
    );
    let pacte = parsed.map_err(read)?;
    pacte
        .validate_with(options)
        .map_err(|problems| LoadError::Invalid {
            file: path.to_path_buf(),
            problems,
        })?;
    Ok(pacte)
}

/// Parses the embedded data a validation reads, unless done already in this process: the
/// document's font family (for a PDF) and the registry of départements.
fn warm_up(options: &RenderOptions) {
    if options.format == super::Format::Pdf {
        super::font_family(options);
    }
    crate::registry::departements();
}
