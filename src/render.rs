//! Rendering a pact to PDF bytes: the pipeline's public entry point.
//!
//! [`render_pdf`] runs the stages in order; each stage is public too ([`load_logos`],
//! [`layout`], [`write_pdf`]) so that benchmarks and embedders can time or reuse them.

use crate::layout::document::{self, Document, LayoutOptions, Logo};
use crate::layout::theme::Theme;
use crate::model::Pacte;
use crate::pdf::Image;
use std::path::{Path, PathBuf};

/// Options of a render.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Folder that the pact's relative logo paths start from.
    pub base_dir: PathBuf,
    /// The theme; `None` for the default one with the pact's own colours.
    pub theme: Option<Theme>,
    /// Write PDF/A-2b (default true).
    pub pdfa: bool,
    /// Print each signature block's parapheur tag invisibly (`{n}` = signatory order).
    pub parapheur_tag: Option<String>,
    /// Creation date (Unix seconds) when the pact gives none: `SOURCE_DATE_EPOCH`, else the
    /// start of the pact's period. Never the clock, so renders are reproducible.
    pub source_date_epoch: Option<i64>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            base_dir: PathBuf::from("."),
            theme: None,
            pdfa: true,
            parapheur_tag: None,
            source_date_epoch: None,
        }
    }
}

impl RenderOptions {
    /// Options for a pact file: logos relative to its folder, `SOURCE_DATE_EPOCH` honoured.
    pub fn for_file(path: &Path) -> RenderOptions {
        RenderOptions::for_dir(crate::fichier::dossier(path))
    }

    /// Options for a pact whose logo paths start from `base_dir`, `SOURCE_DATE_EPOCH` honoured.
    pub fn for_dir(base_dir: &Path) -> RenderOptions {
        RenderOptions {
            base_dir: base_dir.to_path_buf(),
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.trim().parse().ok()),
            ..RenderOptions::default()
        }
    }
}

/// Why a pact could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A logo file could not be read or decoded.
    #[error("logo \"{path}\": {message}")]
    Logo {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The PDF could not be written.
    #[error("PDF: {0}")]
    Pdf(#[from] crate::pdf::PdfError),
}

/// Renders a pact to the bytes of a PDF file.
pub fn render_pdf(pacte: &Pacte, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    let (logos, images) = load_logos(pacte, &options.base_dir)?;
    let doc = layout(pacte, options, &logos);
    write_pdf(pacte, &doc, &images, options)
}

/// Stage 1: decodes every logo the pact shows, each file once.
pub fn load_logos(pacte: &Pacte, base: &Path) -> Result<(Vec<Logo>, Vec<Image>), RenderError> {
    let mut logos = Vec::new();
    let mut images = Vec::new();
    let paths = pacte
        .logo
        .iter()
        .chain(pacte.signataires.iter().filter_map(|s| s.logo.as_ref()));
    for p in paths {
        if logos.iter().any(|l: &Logo| &l.path == p) {
            continue;
        }
        let full = if p.is_relative() {
            base.join(p)
        } else {
            p.clone()
        };
        let err = |message: String| RenderError::Logo {
            path: full.clone(),
            message,
        };
        let img = image::ImageReader::open(&full)
            .map_err(|e| err(e.to_string()))?
            .with_guessed_format()
            .map_err(|e| err(e.to_string()))?
            .decode()
            .map_err(|e| err(e.to_string()))?;
        let alpha = img.color().has_alpha();
        let (width, height) = (img.width(), img.height());
        let pixels = if alpha {
            img.into_rgba8().into_raw()
        } else {
            img.into_rgb8().into_raw()
        };
        logos.push(Logo {
            path: p.clone(),
            width,
            height,
        });
        images.push(Image {
            width,
            height,
            pixels,
            alpha,
        });
    }
    Ok((logos, images))
}

/// Stage 2: lays the pact out in pages.
pub fn layout(pacte: &Pacte, options: &RenderOptions, logos: &[Logo]) -> Document {
    let theme = options
        .theme
        .clone()
        .unwrap_or_default()
        .with_apparence(pacte.apparence.as_ref());
    let lo = LayoutOptions {
        parapheur_tag: options.parapheur_tag.clone(),
    };
    document::layout(pacte, &theme, logos, &lo)
}

/// Stage 3: writes the laid-out pages as a finished PDF (outline, metadata, signature
/// fields, PDF/A), byte-identical for the same input.
pub fn write_pdf(
    pacte: &Pacte,
    doc: &Document,
    images: &[Image],
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let title = format!(
        "{} {} — Département {}",
        pacte.titre,
        pacte.periode.libelle(),
        pacte.departement.de
    );
    let meta = crate::pdf::describe::describe(pacte, doc, &title, options);
    Ok(crate::pdf::write(doc, images, &meta)?)
}

/// A pact file that could not be rendered; names the file.
#[derive(Debug, thiserror::Error)]
pub enum RenderFileError {
    /// The pact file is unreadable or invalid.
    #[error(transparent)]
    Pacte(#[from] crate::fichier::ErreurFichier),
    /// Rendering failed.
    #[error("{file}: {error}")]
    Render {
        /// The pact file.
        file: PathBuf,
        /// Why.
        error: RenderError,
    },
    /// The output could not be written.
    #[error("{file}: cannot write: {error}")]
    Write {
        /// The output file.
        file: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

impl RenderFileError {
    /// One line per problem, each naming the file.
    pub fn lignes(&self) -> Vec<String> {
        match self {
            RenderFileError::Pacte(e) => e.lignes(),
            other => vec![other.to_string()],
        }
    }
}

/// Reads, validates and renders a pact file, writing the PDF atomically to `out` (nothing
/// is left behind on failure).
pub fn render_file(
    file: &Path,
    out: &Path,
    options: &RenderOptions,
) -> Result<(), RenderFileError> {
    let pacte = crate::fichier::charger(file)?;
    let bytes = render_pdf(&pacte, options).map_err(|error| RenderFileError::Render {
        file: file.to_path_buf(),
        error,
    })?;
    crate::fichier::ecrire_atomique(out, &bytes).map_err(|error| RenderFileError::Write {
        file: out.to_path_buf(),
        error,
    })
}
