//! Rendering a pact to PDF bytes: the pipeline's public entry point.
//!
//! [`render_pdf`] runs the stages in order; each stage is public too ([`load_images`],
//! [`layout`], [`write_pdf`]) so that benchmarks and embedders can time or reuse them.

mod describe;
mod format;
mod glyphs;
mod load;

pub use crate::limits::{LimitError, Limits};
pub use format::Format;
pub use load::{load_pacte, LoadError};

use crate::images::Images;
use crate::io::{AtomicWrites, FileLoader, ResourceLoader};
use crate::layout::cache::TextCache;
use crate::layout::document::{self, Document, LayoutOptions};
use crate::layout::theme::Theme;
use crate::model::{Avenant, Document as Source, Pacte};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Options of a render.
///
/// A render reads only the files its options allow: by default those under `base_dir`
/// (after resolving `..` and symbolic links), plus those under `allowed_dirs`; with
/// `resources`, only what that loader serves (see [`crate::io::MemoryLoader`]). It stays
/// within `limits`.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Folder that the pact's relative logo paths start from; the render may read the
    /// files under it.
    pub base_dir: PathBuf,
    /// Other folders whose files the render may read (logos shared by several pacts).
    pub allowed_dirs: Vec<PathBuf>,
    /// Where the files the pact names are read: `None` for the files under `base_dir` and
    /// `allowed_dirs`; a [`crate::io::MemoryLoader`] to read none.
    pub resources: Option<Arc<dyn ResourceLoader>>,
    /// The bounds of the render (file sizes, image pixels, pages, depth).
    pub limits: Limits,
    /// The theme; `None` for the default one with the pact's own colours.
    pub theme: Option<Theme>,
    /// What [`render_file`] writes: the PDF (default) or the HTML edition.
    pub format: Format,
    /// Write PDF/A-2a (default true); the PDF is tagged (PDF/UA-1) either way.
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
            allowed_dirs: Vec::new(),
            resources: None,
            limits: Limits::default(),
            theme: None,
            format: Format::Pdf,
            pdfa: true,
            parapheur_tag: None,
            source_date_epoch: None,
        }
    }
}

impl RenderOptions {
    /// Options for a pact file: logos relative to its folder, `SOURCE_DATE_EPOCH` honoured.
    pub fn for_file(path: &Path) -> RenderOptions {
        RenderOptions::for_dir(crate::io::base_dir(path))
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

    /// The loader every file the pact names is read through: `resources`, or the files
    /// under `base_dir` and `allowed_dirs`.
    pub fn loader(&self) -> Arc<dyn ResourceLoader> {
        match &self.resources {
            Some(loader) => loader.clone(),
            None => Arc::new(FileLoader::new(&self.base_dir, &self.allowed_dirs)),
        }
    }
}

/// Why a pact could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// An image file could not be read or decoded; names the pact's JSON path.
    #[error("{path}: {error}")]
    Image {
        /// The JSON path that names the image, e.g. `signataires[3].logo`.
        path: String,
        /// Why.
        error: crate::images::ImageError,
    },
    /// The document is over a limit (its number of pages).
    #[error("{0}")]
    Limit(#[from] LimitError),
    /// Something could not be placed whole on its page (a block taller than a page, a
    /// cover title longer than the cover): rather than lose it, the render fails.
    #[error("{path}: {what}")]
    Overflow {
        /// The pact's JSON path, or the beginning of the text, of what does not fit.
        path: String,
        /// What does not fit, and where.
        what: String,
    },
    /// The PDF could not be written.
    #[error("PDF: {0}")]
    Pdf(#[from] crate::pdf::PdfError),
    /// Characters that no font of the document can draw, each with its JSON path (as
    /// [`Pacte::validate_with`] reports them).
    #[error("{0}")]
    Characters(crate::model::Problems),
}

/// Renders a pact to the bytes of a PDF file.
///
/// Each call starts with empty caches; to render many pacts, keep a [`Renderer`].
pub fn render_pdf(pacte: &Pacte, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    Renderer::one_shot().render(pacte, options)
}

impl Source {
    /// Renders the pact or the avenant to the bytes of the file `options.format` names: the
    /// PDF (the default) or the HTML edition. A pact as [`render_pdf`] and [`render_html`]
    /// do; an avenant with the pact's engine (PDF/A-2a and tagged like a pact, one empty
    /// signature field per signatory; an HTML edition without sommaire). An avenant's
    /// signatories must be given ([`Source::load`] takes the amended pact's when they are
    /// not).
    ///
    /// ```
    /// use pacte::model::Document;
    /// let file = std::path::Path::new("fixtures/avenant-vaucluse-2019.json");
    /// let options = pacte::RenderOptions::for_file(file);
    /// let pdf = Document::load(file, &options)?.render(&options)?;
    /// assert!(pdf.starts_with(b"%PDF-"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(&self, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
        match self {
            Source::Pacte(pacte) => render_bytes(pacte, options),
            Source::Avenant(avenant) => render_avenant(avenant, options),
        }
    }
}

/// An avenant to the bytes of the file `options.format` names (see [`Source::render`]).
fn render_avenant(avenant: &Avenant, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    match options.format {
        Format::Pdf => Renderer::one_shot().render_avenant(avenant, options),
        Format::Html => {
            let pacte = avenant.comme_pacte();
            let visa = Some(avenant.visa_pacte());
            let loader = options.loader();
            crate::html::render_html(&pacte, visa, &*loader, &options.limits, numbering(options))
                .map(String::into_bytes)
                .map_err(|(path, error)| RenderError::Image {
                    path: format!("avenant.{path}"),
                    error,
                })
        }
    }
}

/// Renders a pact's HTML edition: one self-contained, accessible page built from the model
/// (not from the PDF's pages), for readers who cannot use the PDF (RGAA 4.1, criteria 13.3
/// and 13.4). Same parts, headings and numbering as the PDF, the same French typography,
/// logos embedded as `data:` URIs (read through [`RenderOptions::loader`] within its
/// limits), no script; the same pact gives the same bytes.
///
/// ```
/// let file = std::path::Path::new("fixtures/allier-2018-2021.json");
/// let options = pacte::RenderOptions::for_file(file);
/// let pacte = pacte::load_pacte(file, &options)?;
/// let html = pacte::render_html(&pacte, &options)?;
/// assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_html(pacte: &Pacte, options: &RenderOptions) -> Result<String, RenderError> {
    crate::html::render_html(
        pacte,
        None,
        &*options.loader(),
        &options.limits,
        numbering(options),
    )
    .map_err(|(path, error)| RenderError::Image { path, error })
}

/// Renders a pact to the bytes of the file `options.format` names: the PDF
/// ([`render_pdf`]) or the HTML edition ([`render_html`]).
pub(crate) fn render_bytes(pacte: &Pacte, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    match options.format {
        Format::Pdf => render_pdf(pacte, options),
        Format::Html => render_html(pacte, options).map(String::into_bytes),
    }
}

/// A renderer that keeps what it learnt about text (shaped words, hyphenation points) from
/// one render to the next: pacts share most of their words, so every render after the
/// first is faster. The output is byte for byte the same as [`render_pdf`]'s.
///
/// It holds no global state; use one per thread (it is `Send`, not meant to be shared).
///
/// ```
/// # let json = std::fs::read_to_string("fixtures/allier-2018-2021.json")?;
/// let pacte = pacte::Pacte::from_json(&json)?;
/// let options = pacte::RenderOptions::for_dir(std::path::Path::new("fixtures"));
/// let mut renderer = pacte::Renderer::new();
/// let first = renderer.render(&pacte, &options)?;
/// let again = renderer.render(&pacte, &options)?;
/// assert_eq!(first, again);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Default)]
pub struct Renderer {
    cache: TextCache,
}

impl Renderer {
    /// A renderer with empty caches.
    pub fn new() -> Renderer {
        Renderer::default()
    }

    /// A renderer for one render, which spends no time keeping what it learns.
    fn one_shot() -> Renderer {
        Renderer {
            cache: TextCache::one_shot(),
        }
    }

    /// Renders a pact to the bytes of a PDF file (see [`render_pdf`]).
    pub fn render(
        &mut self,
        pacte: &Pacte,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, RenderError> {
        self.render_as(pacte, None, options)
    }

    /// Renders an avenant to the bytes of a PDF file (see [`Document::render`](crate::model::Document::render)).
    pub fn render_avenant(
        &mut self,
        avenant: &Avenant,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, RenderError> {
        let pacte = avenant.comme_pacte();
        self.render_as(&pacte, Some(avenant), options)
            .map_err(|e| match e {
                RenderError::Characters(p) => RenderError::Characters(crate::model::Problems(
                    p.0.into_iter()
                        .filter_map(crate::model::chemin_avenant)
                        .collect(),
                )),
                e => e,
            })
    }

    /// Renders a pact, or an avenant laid out as `pacte` (its [`Avenant::comme_pacte`]).
    fn render_as(
        &mut self,
        pacte: &Pacte,
        avenant: Option<&Avenant>,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, RenderError> {
        let images = load_images(pacte, options)?;
        let (theme, lo) = layout_settings(pacte, avenant, options);
        self.cache.new_generation();
        let (doc, overflows) =
            document::layout_checked(pacte, &theme, &images, &lo, &mut self.cache);
        if let Some(o) = overflows.into_iter().next() {
            self.free(doc);
            return Err(RenderError::Overflow {
                path: o.path,
                what: o.what,
            });
        }
        let pages = doc.pages.len() as u64;
        if pages > options.limits.pages {
            self.free(doc);
            let what = format!("the document has {pages} pages: it");
            return Err(LimitError::new(what, "pages", options.limits.pages).into());
        }
        let pdf = write_pdf_as(pacte, avenant, &doc, &images, options);
        // The laid-out pages are freed off the caller's path: it has its file sooner.
        self.free((doc, images));
        pdf
    }

    /// Frees what a render leaves off the caller's path: on the thread pool whatever the
    /// thread after a renderer of one render (no later work of its caller waits for it),
    /// else as [`crate::background::drop_in_background`] does.
    fn free<T: Send + 'static>(&self, value: T) {
        if self.cache.is_one_shot() {
            crate::background::drop_later(value);
        } else {
            crate::background::drop_in_background(value);
        }
    }

    /// Stage 2 with this renderer's caches (see [`layout`]).
    pub fn layout(&mut self, pacte: &Pacte, options: &RenderOptions, images: &Images) -> Document {
        let (theme, lo) = layout_settings(pacte, None, options);
        self.cache.new_generation();
        document::layout_with(pacte, &theme, images, &lo, &mut self.cache)
    }
}

impl Drop for Renderer {
    /// A renderer for one render frees what it learnt on the thread pool, after the render.
    fn drop(&mut self) {
        if self.cache.is_one_shot() {
            crate::background::drop_later(std::mem::take(&mut self.cache));
        }
    }
}

/// Stage 1: decodes every image the pact shows, each file once (cover logo first, then
/// the signatories', then the figures in document order), read through the options'
/// loader and within their limits.
pub fn load_images(pacte: &Pacte, options: &RenderOptions) -> Result<Images, RenderError> {
    let files = crate::model::image_files(pacte);
    Images::load(files, &*options.loader(), &options.limits)
        .map_err(|(path, error)| RenderError::Image { path, error })
}

/// Stage 2: lays the pact out in pages.
pub fn layout(pacte: &Pacte, options: &RenderOptions, images: &Images) -> Document {
    Renderer::one_shot().layout(pacte, options, images)
}

/// The font family a render with `options` sets its text in.
fn font_family(options: &RenderOptions) -> Arc<crate::font::FontFamily> {
    match &options.theme {
        Some(theme) => theme.fonts().clone(),
        None => crate::font::FontFamily::default_family(),
    }
}

/// How the render's theme labels numbered lists, level by level.
fn numbering(
    options: &RenderOptions,
) -> [crate::layout::theme::ListLabel; crate::layout::theme::NUMBERED_LEVELS] {
    match &options.theme {
        Some(theme) => theme.lists.numbering,
        None => crate::layout::theme::ListStyle::default().numbering,
    }
}

/// The theme and layout options of a render.
fn layout_settings(
    pacte: &Pacte,
    avenant: Option<&Avenant>,
    options: &RenderOptions,
) -> (Theme, LayoutOptions) {
    let theme = options
        .theme
        .clone()
        .unwrap_or_default()
        .with_apparence(pacte.apparence.as_ref());
    let lo = LayoutOptions {
        parapheur_tag: options.parapheur_tag.clone(),
        avenant: avenant.map(Avenant::visa_pacte),
    };
    (theme, lo)
}

/// Stage 3: writes the laid-out pages as a finished PDF (outline, metadata, signature
/// fields, PDF/A), byte-identical for the same input.
pub fn write_pdf(
    pacte: &Pacte,
    doc: &Document,
    images: &Images,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    write_pdf_as(pacte, None, doc, images, options)
}

/// [`write_pdf`] for a pact, or an avenant laid out as `pacte` (titled as the avenant).
fn write_pdf_as(
    pacte: &Pacte,
    avenant: Option<&Avenant>,
    doc: &Document,
    images: &Images,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let title = match avenant {
        Some(a) => a.titre(),
        None => format!(
            "{} {} — Département {}",
            pacte.titre,
            pacte.periode.libelle(),
            pacte.departement.de
        ),
    };
    let meta = describe::describe(pacte, doc, &title, options);
    crate::pdf::write(doc, images, &meta).map_err(|e| match e {
        crate::pdf::PdfError::Notdef(c) => RenderError::Characters(glyphs::refused(pacte, doc, c)),
        e => RenderError::Pdf(e),
    })
}

/// A pact file that could not be rendered; names the file.
#[derive(Debug, thiserror::Error)]
pub enum RenderFileError {
    /// The pact file is unreadable or invalid.
    #[error(transparent)]
    Pacte(#[from] LoadError),
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
    pub fn lines(&self) -> Vec<String> {
        match self {
            RenderFileError::Pacte(e) => e.lines(),
            other => vec![other.to_string()],
        }
    }
}

/// Reads, validates and renders a pact file, writing the PDF (or the HTML edition, as
/// `options.format` says) atomically to `out`: nothing is left behind on failure. The pact is
/// read within `options.limits`, and its logos through `options.loader()`. An output that is
/// the pact file itself is refused. The file is renamed into place without waiting for the
/// disk (no `fsync`): the same pact makes it again byte for byte (a signed file, which
/// cannot be made again, is flushed: [`AtomicWrites::write_atomically`]).
///
/// The file is written through `writes`, which another thread (a signal handler) may
/// interrupt with [`AtomicWrites::interrupt`]: the temporary file is then removed and the
/// write refused (see [`crate::io`]). Pass `&AtomicWrites::new()` when nothing will
/// interrupt it.
///
/// It is [`Source::read`](crate::model::Document::read) then [`render_document`].
///
/// ```
/// use pacte::io::AtomicWrites;
/// use std::path::Path;
///
/// let file = Path::new("fixtures/allier-2018-2021.json");
/// let dir = tempfile::tempdir()?;
/// let out = dir.path().join("allier.pdf");
/// let options = pacte::RenderOptions::for_file(file);
/// pacte::render_file(file, &out, &options, &AtomicWrites::new())?;
/// assert!(std::fs::read(&out)?.starts_with(b"%PDF-"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_file(
    file: &Path,
    out: &Path,
    options: &RenderOptions,
    writes: &AtomicWrites,
) -> Result<(), RenderFileError> {
    let document = Source::read(file, options)?;
    render_document(document, file, out, options, writes)
}

/// [`render_file`] for a pact or an avenant already read from `file` (by
/// [`Source::read`](crate::model::Document::read)): validated and rendered side by side on
/// the thread pool, then written atomically to `out`, unless `out` is `file` itself. A
/// program can so read the file on one thread and render it on another: the `pacte` binary
/// reads it on its main thread while the pool's threads start.
///
/// ```
/// use pacte::io::AtomicWrites;
/// use std::path::Path;
///
/// let file = Path::new("fixtures/vaucluse-2017-2020.json");
/// let dir = tempfile::tempdir()?;
/// let out = dir.path().join("vaucluse.html");
/// let options = pacte::RenderOptions {
///     format: pacte::Format::Html,
///     ..pacte::RenderOptions::for_file(file)
/// };
/// let document = pacte::model::Document::read(file, &options)?;
/// pacte::render_document(document, file, &out, &options, &AtomicWrites::new())?;
/// assert!(std::fs::read_to_string(&out)?.contains("aria-label=\"Sommaire\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_document(
    document: Source,
    file: &Path,
    out: &Path,
    options: &RenderOptions,
    writes: &AtomicWrites,
) -> Result<(), RenderFileError> {
    if crate::io::same_file(file, out) {
        return Err(RenderFileError::Write {
            file: out.to_path_buf(),
            error: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "it is the pact file itself: give another output",
            ),
        });
    }
    // The render and the validation side by side on the thread pool, the render first on
    // this thread. The render of an invalid document is dropped and its problems reported,
    // as if it had been validated first.
    let (rendered, valid) = rayon::join(
        || document.render(options),
        || document.validate_with(options),
    );
    // Freed on the thread pool, as the laid-out pages of one render are, whichever thread
    // this is (the `pacte` binary calls it on the pool).
    crate::background::drop_later(document);
    valid.map_err(|problems| LoadError::Invalid {
        file: file.to_path_buf(),
        problems,
    })?;
    let bytes = rendered.map_err(|error| RenderFileError::Render {
        file: file.to_path_buf(),
        error,
    })?;
    writes
        .write_reproducible(out, &bytes)
        .map_err(|error| RenderFileError::Write {
            file: out.to_path_buf(),
            error,
        })
}

impl Pacte {
    /// Checks the pact as a render with `options` would: everything [`Pacte::validate`]
    /// checks, the logos read through [`RenderOptions::loader`](crate::RenderOptions::loader)
    /// (so confined to its folders, or served from memory) and checked against its
    /// [`Limits`] (size, format, declared pixels) without being decoded;
    /// and, for the PDF, every character drawn is one the document's fonts (the theme's, or
    /// Noto Sans, with the embedded symbol faces) can draw.
    pub fn validate_with(&self, options: &RenderOptions) -> Result<(), crate::model::Problems> {
        // A browser draws the HTML edition with fonts of its own.
        let family = (options.format == Format::Pdf).then(|| font_family(options));
        let mut draws = family.as_deref().map(glyphs::drawable);
        let drawable = draws.as_mut().map(|d| d as &mut dyn FnMut(char) -> bool);
        crate::model::validate_in(self, &*options.loader(), options.limits, drawable)
    }
}

impl Avenant {
    /// Checks the avenant as a render with `options` would: its number, département,
    /// articles and signatories, then everything [`Pacte::validate_with`] checks of what a
    /// pact and an avenant share (visas, signature, signatories, logos, characters). Paths
    /// are the file's: `avenant.articles[1].titre`.
    pub fn validate_with(&self, options: &RenderOptions) -> Result<(), crate::model::Problems> {
        let mut problems = self.problemes_propres();
        if let Err(p) = self.comme_pacte().validate_with(options) {
            problems.extend(p.0.into_iter().filter_map(crate::model::chemin_avenant));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(crate::model::Problems(problems))
        }
    }
}
