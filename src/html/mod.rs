//! The HTML edition of a pact: one self-contained, accessible page, built from the model
//! (not from the PDF's pages), for readers who cannot use the PDF (RGAA 4.1, criteria 13.3
//! and 13.4: an accessible version of every document offered for download).
//!
//! The page holds the same parts as the PDF, in the same order, with the same headings,
//! levels (`h1`–`h4`, never skipping one) and numbering, and the same French typography
//! (no-break spaces, ordinals, apostrophes): `<html lang="fr">`, a `<title>`, a
//! `<nav aria-label="Sommaire">` of nested links, lists, tables with a `<caption>` and
//! `<th scope>`, the editorial's quote in a `<blockquote>`, the partners' acronyms in
//! `<abbr title>`, logos as `data:` URIs with their `alt`, the signatories as a list (the
//! signed original being the PDF). The style sheet is inside, with a print style sheet;
//! there is no script. The same pact gives the same bytes.
//!
//! ```
//! let pacte = pacte::io::load_pacte(std::path::Path::new("fixtures/allier-2018-2021.json"))?;
//! let html = pacte::html::render_html(&pacte, &pacte::html::HtmlOptions::for_dir("fixtures".as_ref()))?;
//! assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod blocks;
mod document;
mod escape;
mod inline;
mod logos;
mod pages;
mod parts;

use crate::io::AtomicWrites;
use crate::model::Pacte;
use std::path::{Path, PathBuf};

/// What a render writes: the PDF, or its HTML edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The PDF to sign (the default).
    #[default]
    Pdf,
    /// The accessible HTML edition.
    Html,
}

impl Format {
    /// The format an output file's extension names: `.html` or `.htm` → HTML, `.pdf` →
    /// PDF, anything else `None`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The extension of its files: "pdf", "html".
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

/// Options of an HTML render.
#[derive(Debug, Clone)]
pub struct HtmlOptions {
    /// Folder that the pact's relative logo paths start from.
    pub base_dir: PathBuf,
}

impl HtmlOptions {
    /// Options for a pact whose logo paths start from `base_dir`.
    pub fn for_dir(base_dir: &Path) -> HtmlOptions {
        HtmlOptions {
            base_dir: base_dir.to_path_buf(),
        }
    }

    /// Options for a pact file: logos relative to its folder.
    pub fn for_file(path: &Path) -> HtmlOptions {
        HtmlOptions::for_dir(crate::io::base_dir(path))
    }
}

/// Why the HTML edition could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// A logo file could not be read, or is not a PNG or JPEG image.
    #[error(transparent)]
    Image(#[from] crate::images::ImageError),
    /// The pact file is unreadable or invalid.
    #[error(transparent)]
    Pacte(#[from] crate::io::LoadError),
    /// A logo of this pact file could not be read.
    #[error("{}: {error}", file.display())]
    File {
        /// The pact file.
        file: PathBuf,
        /// Why.
        error: Box<HtmlError>,
    },
    /// The output could not be written.
    #[error("{}: cannot write: {error}", file.display())]
    Write {
        /// The output file.
        file: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

impl HtmlError {
    /// One line per problem, each naming the file.
    pub fn lines(&self) -> Vec<String> {
        match self {
            HtmlError::Pacte(e) => e.lines(),
            other => vec![other.to_string()],
        }
    }
}

/// The HTML edition of a pact: a whole, self-contained page.
pub fn render_html(pacte: &Pacte, options: &HtmlOptions) -> Result<String, HtmlError> {
    let logos = logos::Logos::load(pacte, &options.base_dir)?;
    let mut page = document::Page::new(pacte, &logos);
    page.body();
    let (cover, sommaire, back) = (page.cover(), page.sommaire(), page.back_cover());
    Ok(page.finish(cover, sommaire, back))
}

/// Reads, validates and renders a pact file, writing its HTML edition atomically to `out`
/// through `writes` (nothing is left behind on failure or interruption, see
/// [`crate::io`]).
pub fn render_html_file(
    file: &Path,
    out: &Path,
    options: &HtmlOptions,
    writes: &AtomicWrites,
) -> Result<(), HtmlError> {
    let pacte = crate::io::load_pacte_for_html(file)?;
    let html = render_html(&pacte, options).map_err(|e| HtmlError::File {
        file: file.to_path_buf(),
        error: Box::new(e),
    })?;
    writes
        .write_atomically(out, html.as_bytes())
        .map_err(|error| HtmlError::Write {
            file: out.to_path_buf(),
            error,
        })
}
