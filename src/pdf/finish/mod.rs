//! Finishing a typeset PDF: what turns printpdf's `lopdf::Document` into the official file.
//!
//! The typesetter builds a `printpdf::PdfDocument`, converts it with
//! `to_lopdf_document`, and hands the result to [`finish`] together with a [`Finish`]
//! description. Finishing, in order:
//!
//! 1. `sanitize`: removes what printpdf put that is random, clock-based or forbidden in
//!    PDF/A-2 (its Info dictionary and random `/ID`, PDF/X output intents and XMP, actions
//!    and JavaScript), makes every annotation an indirect object with `/F 4` (printable);
//! 2. `fonts`: gives subset fonts a valid, content-derived six-letter subset tag;
//! 3. `metadata`: writes the Info dictionary, `/Lang` and the viewer preferences;
//! 4. `outline`: writes the nested bookmarks;
//! 5. `signature`: adds one empty signature field (merged field and widget) per signatory;
//! 6. `pdfa`: when asked, the PDF/A-2b parts: XMP metadata (`xmp`) and the sRGB output
//!    intent;
//! 7. `write`: renumbers the objects in a stable order, compresses the streams and writes
//!    one classic cross-reference section, with an `/ID` that is a hash of the content.
//!
//! The same input always gives the same bytes. [`signature_fields`] reads a finished (and
//! possibly signed) file back and reports its signature fields.

mod cms;
mod fonts;
mod inspect;
mod metadata;
mod outline;
mod pdfa;
mod sanitize;
mod signature;
mod strings;
mod write;
mod xmp;

pub use inspect::{signature_fields, FieldState};

use lopdf::{Document, ObjectId};

/// Everything the finishing needs to know about the document; produced by the typesetter.
#[derive(Debug, Clone, PartialEq)]
pub struct Finish {
    /// Document title (Info `/Title`, XMP `dc:title`); also shown in the viewer's title bar.
    pub title: String,
    /// Author (Info `/Author`, XMP `dc:creator`), if any.
    pub author: Option<String>,
    /// Subject (Info `/Subject`, XMP `dc:description`), if any.
    pub subject: Option<String>,
    /// Keywords (Info `/Keywords` and XMP `pdf:Keywords`, joined with ", "; XMP `dc:subject`).
    pub keywords: Vec<String>,
    /// The application that made the content (Info `/Creator`, XMP `xmp:CreatorTool`).
    pub creator: String,
    /// Creation instant in Unix seconds (UTC), from the model or `SOURCE_DATE_EPOCH`, never
    /// the clock: it is written as both creation and modification date.
    pub creation_date: i64,
    /// Natural language of the document as a BCP 47 tag, e.g. `"fr-FR"` (catalog `/Lang`).
    pub language: String,
    /// The outline (bookmarks), nested; empty for none.
    pub bookmarks: Vec<Bookmark>,
    /// One empty signature field per signatory, in signing order.
    pub signature_fields: Vec<SignatureField>,
    /// Make the file PDF/A-2b (XMP metadata and sRGB output intent).
    pub pdfa: bool,
}

/// One outline entry and its children.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// The text shown in the outline panel.
    pub title: String,
    /// Target page, 0-based.
    pub page: usize,
    /// Target height on the page, in points from the page bottom (the top of the view).
    pub y: f32,
    /// Nested entries, shown under this one.
    pub children: Vec<Bookmark>,
}

/// One empty signature field to add.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureField {
    /// Field name (`/T`), e.g. `"Sig03_Prefet"`: non-empty, unique, without dots.
    pub name: String,
    /// Tooltip (`/TU`), e.g. `"Pour l'Etat – Le Préfet du Vaucluse"`.
    pub tooltip: String,
    /// Page holding the field, 0-based.
    pub page: usize,
    /// Field rectangle `[x1, y1, x2, y2]` in points, from the page's lower-left corner.
    pub rect: [f32; 4],
}

/// Why the finishing or the reading of a PDF failed.
#[derive(Debug, thiserror::Error)]
pub enum FinishError {
    /// The document handed over has no usable structure (catalog, page tree).
    #[error("malformed input document: {0}")]
    Malformed(String),
    /// A bookmark or signature field names a page the document does not have.
    #[error("{what} points to page {page} (0-based), but the document has {pages} page(s)")]
    PageOutOfRange {
        /// Which bookmark or field.
        what: String,
        /// The page asked for (0-based).
        page: usize,
        /// How many pages the document has.
        pages: usize,
    },
    /// A signature field is not acceptable (name, rectangle).
    #[error("signature field {name:?}: {reason}")]
    InvalidField {
        /// The field's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A bookmark is not acceptable (non-finite position).
    #[error("bookmark {title:?}: {reason}")]
    InvalidBookmark {
        /// The bookmark's title.
        title: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The creation date cannot be written as a PDF date (year outside 0..=9999).
    #[error("creation date {0} (Unix seconds) is outside the years 0 to 9999")]
    DateOutOfRange(i64),
    /// The input document is encrypted; a PDF/A file cannot be.
    #[error("the input document is encrypted")]
    Encrypted,
    /// Writing the bytes failed.
    #[error("writing the PDF: {0}")]
    Write(#[from] std::io::Error),
    /// Reading a PDF (for [`signature_fields`]) failed.
    #[error("reading the PDF: {0}")]
    Read(#[from] lopdf::Error),
}

/// Finishes `doc` as described by `f` and returns the bytes of the final file.
///
/// See the [module documentation](self) for what is done. The result is deterministic:
/// the same document and description give the same bytes.
///
/// # Errors
/// [`FinishError`] when the document has no catalog or pages, when a bookmark or field names
/// a missing page, when a field is invalid (empty or dotted or duplicate name, empty
/// rectangle), when the date cannot be written, or when the document is encrypted.
pub fn finish(mut doc: Document, f: &Finish) -> Result<Vec<u8>, FinishError> {
    let date = strings::Instant::from_unix(f.creation_date)?;
    let pages = page_ids(&doc)?;
    sanitize::sanitize(&mut doc, &pages)?;
    fonts::normalize_subset_tags(&mut doc);
    let text = metadata::Text::new(f);
    metadata::apply(&mut doc, &text, &date)?;
    outline::apply(&mut doc, &pages, &f.bookmarks)?;
    signature::apply(&mut doc, &pages, &f.signature_fields)?;
    if f.pdfa {
        pdfa::apply(&mut doc, &text, &date)?;
    }
    write::write(doc)
}

/// The page objects of `doc`, in page order.
fn page_ids(doc: &Document) -> Result<Vec<ObjectId>, FinishError> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pages.is_empty() {
        return Err(FinishError::Malformed("the document has no pages".into()));
    }
    Ok(pages)
}

/// The catalog's object id (the trailer's `/Root`).
fn catalog_id(doc: &Document) -> Result<ObjectId, FinishError> {
    doc.trailer
        .get(b"Root")
        .and_then(|o| o.as_reference())
        .map_err(|_| FinishError::Malformed("the trailer has no /Root reference".into()))
}

/// The catalog dictionary, for changing it.
fn catalog_mut(doc: &mut Document) -> Result<&mut lopdf::Dictionary, FinishError> {
    let id = catalog_id(doc)?;
    doc.get_dictionary_mut(id)
        .map_err(|_| FinishError::Malformed("/Root is not a dictionary".into()))
}
