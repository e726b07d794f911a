//! Loading a pact file as a render would: read within the limits, parsed, validated with the
//! render's options (its loader, its limits, its theme's fonts).

use super::RenderOptions;
use crate::io::{read_text, text_of};
use crate::model::{Document, Pacte, Problem, Problems, ReadError};
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
    let pacte = read_parsed(path, options, Pacte::from_json)?;
    pacte
        .validate_with(options)
        .map_err(|problems| LoadError::Invalid {
            file: path.to_path_buf(),
            problems,
        })?;
    Ok(pacte)
}

impl Document {
    /// Reads and validates a pact or an avenant file (an avenant has the top-level key
    /// `"avenant"`) as [`load_pacte`] does. An avenant that names no signatories takes those of
    /// the amended pact's file (`avenant.pacte.fichier`, relative to the avenant's folder and
    /// read through `options.loader()`, within `options.limits`), and without a logo the
    /// pact's (with its alternative text and colours); the logos' paths made relative to the
    /// avenant's folder.
    ///
    /// ```
    /// let file = std::path::Path::new("fixtures/avenant-vaucluse-2019.json");
    /// let options = pacte::RenderOptions::for_file(file);
    /// let pacte::model::Document::Avenant(avenant) = pacte::model::Document::load(file, &options)? else {
    ///     unreachable!("an avenant file")
    /// };
    /// assert_eq!(avenant.signataires.map(|s| s.len()), Some(10));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load(path: &Path, options: &RenderOptions) -> Result<Document, LoadError> {
        let document = Document::read(path, options)?;
        document
            .validate_with(options)
            .map_err(|problems| LoadError::Invalid {
                file: path.to_path_buf(),
                problems,
            })?;
        Ok(document)
    }

    /// [`Document::load`] without the validation: read, parsed, an avenant completed from
    /// the pact it amends; [`crate::render_document`] validates and renders it.
    pub fn read(path: &Path, options: &RenderOptions) -> Result<Document, LoadError> {
        let mut avenant = match read_parsed(path, options, Document::from_json)? {
            Document::Avenant(avenant) => avenant,
            pacte => return Ok(pacte),
        };
        let incomplet = avenant.signataires.is_none() || avenant.logo.is_none();
        if let Some(fichier) = avenant.pacte.fichier.clone().filter(|_| incomplet) {
            let pacte = pacte_modifie(&fichier, options).map_err(|p| LoadError::Invalid {
                file: path.to_path_buf(),
                problems: Problems(vec![p]),
            })?;
            heriter(&mut avenant, pacte);
        }
        Ok(Document::Avenant(avenant))
    }

    /// Checks the pact or the avenant as a render with `options` would
    /// ([`Pacte::validate_with`], [`crate::model::Avenant::validate_with`]).
    pub(crate) fn validate_with(&self, options: &RenderOptions) -> Result<(), Problems> {
        match self {
            Document::Pacte(pacte) => pacte.validate_with(options),
            Document::Avenant(avenant) => avenant.validate_with(options),
        }
    }
}

/// What an avenant that does not say takes from the pact it amends: its signatories, and
/// its cover logo with its alternative text and its colours.
fn heriter(avenant: &mut crate::model::Avenant, pacte: Pacte) {
    if avenant.signataires.is_none() {
        avenant.signataires = Some(pacte.signataires);
    }
    if avenant.logo.is_none() {
        avenant.logo = pacte.logo;
        avenant.logo_alt = avenant.logo_alt.take().or(pacte.logo_alt);
        avenant.apparence = avenant.apparence.take().or(pacte.apparence);
    }
}

/// The pact file `fichier` (as an avenant names it), read through the render's loader;
/// the paths of its logos rebased on the avenant's folder.
fn pacte_modifie(fichier: &Path, options: &RenderOptions) -> Result<Pacte, Problem> {
    let probleme = |message: String| Problem {
        path: "avenant.pacte.fichier".into(),
        message,
    };
    let limits = &options.limits;
    let bytes = options
        .loader()
        .read(fichier, limits.pacte_bytes)
        .map_err(|e| probleme(e.to_string()))?;
    let source = text_of(bytes, limits).map_err(|e| probleme(e.to_string()))?;
    let mut pacte =
        crate::model::with_depth_limit(limits.markdown_depth, || Pacte::from_json(&source))
            .map_err(|e| probleme(format!("the pact \"{}\": {e}", fichier.display())))?;
    let dossier = fichier.parent().unwrap_or(Path::new(""));
    let rebase = |l: &mut Option<std::path::PathBuf>| *l = l.take().map(|l| dossier.join(l));
    rebase(&mut pacte.logo);
    for s in &mut pacte.signataires {
        rebase(&mut s.logo);
    }
    Ok(pacte)
}

/// The file at `path` read within `options.limits` and parsed by `parse` (a pact's or a
/// document's reader) within its Markdown depth. The embedded data validation needs (the
/// faces, the registry: each parsed once per process) is made ready on the thread pool
/// meanwhile.
fn read_parsed<T>(
    path: &Path,
    options: &RenderOptions,
    parse: impl FnOnce(&str) -> Result<T, ReadError>,
) -> Result<T, LoadError> {
    let depth = options.limits.markdown_depth;
    // The file on this thread, whether or not it is one of the pool's (the `pacte` binary
    // reads on its main thread while the pool's threads start), the data made ready on the
    // pool.
    let read = || {
        let source = read_text(path, &options.limits)?;
        crate::model::with_depth_limit(depth, || parse(&source))
    };
    let parsed = rayon::in_place_scope(|s| {
        s.spawn(|_| options.warm_up());
        read()
    });
    parsed.map_err(|error| LoadError::Read {
        file: path.to_path_buf(),
        error,
    })
}

impl RenderOptions {
    /// Parses the embedded data a render with these options reads, unless done already in
    /// this process: the document's font family (for a PDF) and the registry of
    /// départements, side by side on the thread pool. Reading a file does it itself, on the
    /// pool while the file is read and parsed; a program may call it early, on a spare
    /// thread, to have its first render sooner (a server as it starts).
    pub fn warm_up(&self) {
        rayon::join(
            || {
                if self.format == super::Format::Pdf {
                    super::font_family(self);
                }
            },
            crate::registry::departements,
        );
    }
}
