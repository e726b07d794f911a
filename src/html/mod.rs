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
//! It is an output format beside the PDF writer: it takes the model and the loader the render
//! reads files through; `crate::render` chooses between the two.

mod annexes;
mod blocks;
mod document;
mod escape;
mod inline;
mod logos;
mod pages;
mod parts;

use crate::images::ImageError;
use crate::layout::theme::{ListLabel, NUMBERED_LEVELS};
use crate::limits::Limits;
use crate::model::Pacte;
use crate::resources::ResourceLoader;

/// The HTML edition of a pact: a whole, self-contained page, its logos read through
/// `loader` within `limits`, its numbered lists labelled by `numbering` as the PDF's (the
/// render's theme's). A logo that cannot be read is named by its JSON path.
///
/// For an avenant, `pacte` is its `Avenant::comme_pacte` and `avenant` its first visa
/// (the amended pact): no sommaire, the articles after the visas, as in its PDF.
pub(crate) fn render_html(
    pacte: &Pacte,
    avenant: Option<String>,
    loader: &dyn ResourceLoader,
    limits: &Limits,
    numbering: [ListLabel; NUMBERED_LEVELS],
) -> Result<String, (String, ImageError)> {
    let logos = logos::Logos::load(pacte, loader, limits)?;
    let mut page = document::Page::new(pacte, &logos, numbering);
    page.avenant = avenant;
    page.body();
    let (cover, sommaire, back) = (page.cover(), page.sommaire(), page.back_cover());
    Ok(page.finish(cover, sommaire, back))
}
