//! # pacte
//!
//! A typed model of a French *Pacte Territorial d'Insertion* (PTI), the pact a département
//! signs with the State, the Région, France Travail, the CAF and its other partners on the
//! insertion of RSA beneficiaries, and a typesetter that renders it to an official,
//! signable PDF/A.
//!
//! The public API is small: the [`model`] ([`Pacte`] and its types, named in the pacts' own
//! French words), [`render_pdf`] / [`Renderer`] with their [`RenderOptions`] and [`Theme`],
//! the files ([`io`]), the [`registry`] of départements, [`template`]s and [`batch`]
//! rendering. Mechanics are named in English, the domain in French.
//!
//! ## Load, validate, render, write
//!
//! ```
//! use std::path::Path;
//!
//! // Load: parse the JSON (errors name line:column or the JSON path).
//! let json = std::fs::read_to_string("fixtures/vaucluse-2017-2020.json")?;
//! let pacte = pacte::Pacte::from_json(&json)?;
//!
//! // Validate: references, dates, empty texts, logo files (relative to the pact's folder).
//! pacte.validate(Some(Path::new("fixtures")))?;
//!
//! // Render: tagged PDF/A-2a bytes, one empty signature field per signatory.
//! let options = pacte::RenderOptions::for_dir(Path::new("fixtures"));
//! let pdf = pacte::render_pdf(&pacte, &options)?;
//! assert!(pdf.starts_with(b"%PDF-"));
//!
//! // Write atomically: a reader sees the old file or the whole new one, never a part.
//! let dir = tempfile::tempdir()?;
//! pacte::io::AtomicWrites::new().write_atomically(&dir.path().join("vaucluse.pdf"), &pdf)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`load_pacte`] does the first two steps for a file, and [`render_file`] all four.
//!
//! The look — fonts, colours, sizes, margins, the cover's geometry — is a [`Theme`], whose
//! fields are public: change some with `Theme { margins: …, ..Theme::default() }`, set
//! another [`FontFamily`], or read a département's own theme from JSON with
//! [`Theme::from_file`] (its schema: [`Theme::json_schema`]), font files included; then
//! put it into [`RenderOptions::theme`].
//! To render many pacts, keep a [`Renderer`] (it remembers shaped words and set paragraphs)
//! or use [`batch`].

#![deny(missing_docs)]

mod background;
pub mod batch;
mod font;
mod html;
mod images;
pub mod io;
mod layout;
mod limits;
pub mod model;
mod pdf;
pub mod registry;
mod render;
mod resources;
pub mod signing;
pub mod template;
#[cfg(test)]
mod test_rng;
mod text;

pub use font::FontError;
pub use images::ImageError;
pub use layout::theme::{FontFamily, Rgb, TextStyle, Theme, ThemeError};
pub use model::Pacte;
pub use render::{
    load_pacte, render_document, render_file, render_html, render_pdf, Format, LimitError, Limits,
    LoadError, RenderError, RenderFileError, RenderOptions, Renderer,
};

/// Not part of the API: the render's stages and the PDF writer's inputs, for the benchmarks
/// that time each stage and the tests that write hand-made pages. They may change in any
/// release.
#[doc(hidden)]
pub mod internals {
    pub use crate::font::Variant;
    pub use crate::images::{Image, Images};
    pub use crate::layout::document::{Document, OutlineEntry};
    pub use crate::layout::draw::{Draw, LinkTarget, PlacedGlyph, Role};
    pub use crate::layout::paginate::Page;
    pub use crate::pdf::{write, Bookmark, Meta, SignatureField};
    pub use crate::render::{layout, load_images, write_pdf};
}
