//! PDF output: the laid-out [`Document`] written straight to the bytes of the final file, in
//! one pass, with the `pdf-writer` crate.
//!
//! [`write()`] takes the pages, the decoded logos and a [`Meta`] description (metadata,
//! outline, signature fields, PDF/A) and produces a PDF 1.7 file:
//!
//! - one content stream per page (`content`), glyphs addressed by their id in a subset of
//!   the face (`fonts`: Type 0 / CIDFontType2 fonts with widths and a ToUnicode map);
//! - each logo embedded once (`xobjects`), with a soft mask for transparency;
//! - link annotations and one empty signature field per signatory (`annotations`);
//! - the nested outline (`outline`);
//! - the structure tree, and the marked content it points to (`tags`);
//! - the Info dictionary, `/Lang`, the viewer preferences, the XMP metadata (PDF/UA-1 and,
//!   for PDF/A-2a, PDF/A's identification) and the sRGB output intent (`metadata`);
//! - every stream but the XMP packet Flate-compressed (`compress`);
//! - one classic cross-reference table and an `/ID` that is a hash of the file
//!   (`file_id`).
//!
//! Object numbers are given out in a fixed order, so the same input always gives the same
//! bytes. [`describe`] builds the [`Meta`] of a pact; `pacte::signing` reads the signature
//! fields of a PDF back.

mod annotations;
mod compress;
mod content;
mod date;
mod eol;
mod file_id;
mod fonts;
pub(crate) use fonts::tag_of;
mod meta_text;
mod metadata;
mod outline;
mod tags;
mod used_glyphs;
mod xmp;
mod xobjects;

use crate::images::Images;
use crate::layout::coords::PageSpace;
use crate::layout::document::Document;
use pdf_writer::types::TabOrder;
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, Settings};

/// Everything the PDF says about itself besides the pages: metadata, outline, signature
/// fields, conformance.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
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
    /// Make the file PDF/A-2a (its identification in the XMP metadata, and the sRGB
    /// output intent); the file is tagged and identified as PDF/UA-1 either way.
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

/// One empty signature field.
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

/// Why the PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A glyph no face of the family has (`.notdef`, which PDF/A forbids): the character.
    #[error("character {0:?} cannot be drawn by the document's fonts")]
    Notdef(char),
    /// The document has no page.
    #[error("the document has no pages")]
    NoPages,
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
    /// A decoded image does not hold as many pixels as its size says.
    #[error("image {index}: {width}×{height} pixels need {expected} bytes, it has {actual}")]
    InvalidImage {
        /// Index of the image (0-based).
        index: usize,
        /// Width, px.
        width: u32,
        /// Height, px.
        height: u32,
        /// Bytes expected.
        expected: usize,
        /// Bytes present.
        actual: usize,
    },
    /// A face could not be subset.
    #[error("subsetting {face}: {message}")]
    Font {
        /// The face's PostScript name.
        face: String,
        /// What the subsetter said.
        message: String,
    },
    /// Compressing a stream failed.
    #[error("compressing a stream: {0}")]
    Compress(String),
    /// The written file lacks what the writer put in it (a defect of this crate).
    #[error("internal error: {0}")]
    Internal(&'static str),
}

/// Gives out object numbers 1, 2, 3… in the order asked: every number given out is written,
/// so the cross-reference table has no gap.
struct Ids(i32);

impl Ids {
    /// The next object number.
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Writes the laid-out `doc` with its `images` (the logos, indexed as the document's
/// `Draw::Image`s index them) and the description `meta` as the bytes of a PDF file.
///
/// The result is deterministic: the same input gives the same bytes.
///
/// # Errors
/// `PdfError` when the document has no page, when a bookmark or field names a missing
/// page, when a field is invalid (empty or dotted or duplicate name, empty rectangle), when
/// the date cannot be written, when an image's pixels do not match its size, or when a face
/// cannot be subset.
pub fn write(doc: &Document, images: &Images, meta: &Meta) -> Result<Vec<u8>, PdfError> {
    let page_count = doc.pages.len();
    if page_count == 0 {
        return Err(PdfError::NoPages);
    }
    let date = date::Instant::from_unix(meta.creation_date)?;
    outline::check(&meta.bookmarks, page_count)?;
    annotations::check_fields(&meta.signature_fields, page_count)?;
    let embedded = xobjects::encode(images)?;

    let (glyphs, tree) = rayon::join(
        || used_glyphs::UsedGlyphs::collect(doc),
        || tags::build(doc, |t| annotations::resolves(t, &doc.anchors, page_count)),
    );
    if let Some(c) = glyphs.notdef() {
        return Err(PdfError::Notdef(c));
    }
    // The expensive, independent parts: page contents and font subsets, side by side.
    let (pages, faces) = rayon::join(
        || content::pages(doc, &glyphs, images.len(), &tree.marks),
        || fonts::subset(&glyphs),
    );
    let pages = pages?;
    let faces = faces?;

    let capacity = 16 * 1024
        + pages.iter().map(|p| p.stream.len()).sum::<usize>()
        + faces.iter().map(fonts::SubsetFace::size).sum::<usize>()
        + embedded.iter().map(xobjects::Encoded::size).sum::<usize>()
        + tree.written_size();
    let mut pdf = Pdf::with_settings_and_capacity(Settings { pretty: false }, capacity);
    pdf.set_file_id(file_id::placeholder());

    let mut ids = Ids(0);
    let fixed = FixedIds::new(&mut ids, page_count);
    let (field_refs, keyed) = write_pages(&mut pdf, &mut ids, &fixed, doc, &pages, meta, &tree);
    let struct_root = tags::write(&mut pdf, &mut ids, &tree, &fixed.pages, &keyed);
    let outline_root = outline::write(&mut pdf, &mut ids, &meta.bookmarks, &fixed.pages);
    let fonts = fonts::write(&mut pdf, &mut ids, &faces);
    let xobjects = xobjects::write(&mut pdf, &mut ids, &embedded);
    write_resources(&mut pdf, fixed.resources, &fonts, &xobjects);
    pdf.pages(fixed.tree)
        .kids(fixed.pages.iter().copied())
        .count(i32::try_from(page_count).unwrap_or(i32::MAX));

    let text = meta_text::Text::new(meta);
    metadata::write_info(&mut pdf, fixed.info, &text, &date);
    let pdfa = metadata::write_pdfa(&mut pdf, &mut ids, &text, &date, meta.pdfa);
    let mut catalog = pdf.catalog(fixed.catalog);
    catalog.pages(fixed.tree);
    outline::catalog_entries(&mut catalog, outline_root);
    metadata::catalog_entries(&mut catalog, &text, &pdfa);
    annotations::catalog_entries(&mut catalog, &field_refs);
    catalog.pair(Name(b"StructTreeRoot"), struct_root);
    catalog.mark_info().marked(true);
    catalog.finish();

    let mut bytes = eol::fix(pdf.finish())?;
    file_id::stamp(&mut bytes)?;
    Ok(bytes)
}

/// The objects numbered first, in this order: the catalog, the page tree, the Info
/// dictionary, the shared resources, the pages, their content streams.
struct FixedIds {
    catalog: Ref,
    tree: Ref,
    info: Ref,
    resources: Ref,
    pages: Vec<Ref>,
    contents: Vec<Ref>,
}

impl FixedIds {
    fn new(ids: &mut Ids, page_count: usize) -> FixedIds {
        let catalog = ids.next();
        let tree = ids.next();
        let info = ids.next();
        let resources = ids.next();
        let pages = (0..page_count).map(|_| ids.next()).collect();
        let contents = (0..page_count).map(|_| ids.next()).collect();
        FixedIds {
            catalog,
            tree,
            info,
            resources,
            pages,
            contents,
        }
    }
}

/// Annotations' objects with their parent-tree keys.
type Keyed = Vec<(i32, Ref)>;

/// Writes each page with its annotations and its compressed content stream: the
/// signature fields' references, for the catalog's form, and every annotation's object with
/// its parent-tree key, for the structure tree.
fn write_pages(
    pdf: &mut Pdf,
    ids: &mut Ids,
    fixed: &FixedIds,
    doc: &Document,
    pages: &[content::PageContent<'_>],
    meta: &Meta,
    tree: &tags::Tree,
) -> (Vec<(usize, Ref)>, Keyed) {
    let theme = &doc.theme;
    let media_box = Rect::new(0.0, 0.0, theme.page_width, theme.page_height);
    let mut field_refs = Vec::with_capacity(meta.signature_fields.len());
    let mut keyed = Vec::new();
    // The fields are the document's signature places, in order.
    let signatories: Vec<usize> = doc.signatures.iter().map(|s| s.index).collect();
    for (i, page) in pages.iter().enumerate() {
        let annots = annotations::write_page(
            pdf,
            ids,
            &annotations::PageContext {
                index: i,
                page_ids: &fixed.pages,
                anchors: &doc.anchors,
                space: PageSpace::new(theme.page_height),
                toc: &doc.toc,
                tree,
                signatories: &signatories,
            },
            &page.links,
            &meta.signature_fields,
            &mut field_refs,
            &mut keyed,
        );
        let mut p = pdf.page(fixed.pages[i]);
        p.parent(fixed.tree)
            .media_box(media_box)
            .contents(fixed.contents[i])
            .pair(Name(b"Resources"), fixed.resources);
        p.struct_parents(i32::try_from(i).unwrap_or(i32::MAX));
        if !annots.is_empty() {
            p.insert(Name(b"Annots")).array().items(annots);
            p.tab_order(TabOrder::StructureOrder);
        }
        p.finish();
        compress::flate_stream(pdf, fixed.contents[i], &page.stream);
    }
    (field_refs, keyed)
}

/// The resources every page shares: the fonts and the images, by name.
fn write_resources(pdf: &mut Pdf, id: Ref, fonts: &[(String, Ref)], xobjects: &[(String, Ref)]) {
    let mut resources = pdf.indirect(id).dict();
    if !fonts.is_empty() {
        let mut f = resources.insert(Name(b"Font")).dict();
        for (name, id) in fonts {
            f.pair(Name(name.as_bytes()), *id);
        }
    }
    if !xobjects.is_empty() {
        let mut x = resources.insert(Name(b"XObject")).dict();
        for (name, id) in xobjects {
            x.pair(Name(name.as_bytes()), *id);
        }
    }
    resources.finish();
}
