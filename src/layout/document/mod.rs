//! The whole document: cover, sommaire, parts, signatures, back cover — laid out in pages.
//!
//! Layout runs twice: the first pass finds on which page each heading lands, the second
//! prints those true page numbers in the sommaire (and repeats if the sommaire's own length
//! changed the pages).

mod annexes;
mod back;
pub(crate) mod blocks;
mod fiches;
mod figure;
mod notes;
mod pages;
mod parts;
mod sigles;
mod signature_blocks;
mod signatures;
pub(crate) mod table;
mod toc;
mod visas;

use super::cache::parallel::{self, Requests};
use super::cache::TextCache;
use super::draw::Draw;
use super::flow::{Chunk, Flow};
use super::paginate::{materialize, place, Foot, Page, Placement};
use super::theme::Theme;
use crate::images::Images;
use crate::model::Pacte;
use std::collections::HashMap;

/// Options of a render that change the layout.
#[derive(Debug, Clone, Default)]
pub struct LayoutOptions {
    /// Print each signature block's parapheur position tag, invisibly; `{n}` in the template
    /// is replaced by the signatory's order (1-based), e.g. `#signature{n}#`.
    pub parapheur_tag: Option<String>,
    /// For an avenant, its first visa, the amended pact ("Vu le Pacte … signé le …"); the
    /// document is then an avenant: no sommaire, the articles follow the visas.
    pub avenant: Option<String>,
}

/// A sommaire entry.
#[derive(Debug, Clone)]
pub struct TocEntry {
    /// 1 or 2.
    pub level: u8,
    /// "1." for numbered parts.
    pub number: Option<String>,
    /// Heading text.
    pub title: String,
    /// Anchor of the heading.
    pub anchor: String,
}

/// An outline (bookmark) entry, flat with its level.
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    /// Nesting level, 1-based.
    pub level: u8,
    /// Title.
    pub title: String,
    /// Anchor of the heading.
    pub anchor: String,
}

/// Where a signatory signs: its page and area (pt, y downwards from the top).
#[derive(Debug, Clone, PartialEq)]
pub struct SignaturePlace {
    /// Index of the signatory in the pact.
    pub index: usize,
    /// 0-based page.
    pub page: usize,
    /// Left, top, width, height.
    pub rect: [f32; 4],
}

/// The laid-out document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The pages, cover first.
    pub pages: Vec<Page>,
    /// Anchor → (0-based page, y from the top).
    pub anchors: HashMap<String, (usize, f32)>,
    /// The sommaire entries.
    pub toc: Vec<TocEntry>,
    /// The outline entries, in order.
    pub outline: Vec<OutlineEntry>,
    /// Signature areas, in signatory order.
    pub signatures: Vec<SignaturePlace>,
    /// The theme it was laid out with.
    pub theme: Theme,
}

/// Something the layout could not place whole on its page: rather than lose it, a render
/// fails with it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Overflow {
    /// Where it comes from: the pact's JSON path, or the beginning of its text.
    pub(crate) path: String,
    /// What does not fit, and where.
    pub(crate) what: String,
}

#[cfg(test)]
impl Document {
    /// A one-page document with the default theme (for tests of later stages).
    pub(crate) fn of_page(page: Page) -> Document {
        Document {
            pages: vec![page],
            anchors: Default::default(),
            toc: vec![],
            outline: vec![],
            signatures: vec![],
            theme: Theme::default(),
        }
    }
}

/// Builds the flow of one pass.
pub(crate) struct Composer<'a, 'b> {
    pub(crate) flow: Flow<'a>,
    pub(crate) pacte: &'b Pacte,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) outline: Vec<OutlineEntry>,
    pub(crate) page_numbers: &'b HashMap<String, usize>,
    pub(crate) options: &'b LayoutOptions,
    pub(crate) images: &'b Images,
    anchors: usize,
    parts: usize,
    /// The number of the next footnote (numbered through the document).
    next_note: u32,
    /// The captioned tables set so far (their captions are numbered).
    tables: usize,
    /// The captioned figures set so far (their captions are numbered).
    figures: usize,
    /// What could not be placed whole.
    overflows: Vec<Overflow>,
    /// How many numbered lists hold the text being set: its labels' level.
    numbered_depth: usize,
    /// Where the index of the fiches-action stands in the flow, once composed.
    fiches_mark: Option<fiches::FichesMark>,
}

impl<'a, 'b> Composer<'a, 'b> {
    pub(crate) fn theme(&self) -> &'a Theme {
        self.flow.theme
    }

    /// Records that what `path` names could not be placed whole.
    pub(crate) fn overflow(&mut self, path: &str, what: &str) {
        self.overflows.push(Overflow {
            path: path.to_string(),
            what: what.to_string(),
        });
    }

    fn next_anchor(&mut self) -> String {
        self.anchors += 1;
        format!("h{}", self.anchors)
    }

    /// A heading in the sommaire (levels 1–2) and the outline.
    pub(crate) fn heading(&mut self, text: &str, level: u8, numbered: bool) -> String {
        self.heading_outline(text, level, numbered, level <= 2)
    }

    /// A heading; `outline` puts it in the bookmarks (partners at any level are).
    pub(crate) fn heading_outline(
        &mut self,
        text: &str,
        level: u8,
        numbered: bool,
        outline: bool,
    ) -> String {
        let anchor = self.next_anchor();
        let number = if numbered && level == 1 {
            self.parts += 1;
            Some(format!("{}.", self.parts))
        } else {
            None
        };
        let title = self.flow.cache.typographie_str(text.trim());
        if level <= 2 {
            self.toc.push(TocEntry {
                level,
                number: number.clone(),
                title: title.clone(),
                anchor: anchor.clone(),
            });
        }
        if outline {
            let full = match &number {
                Some(n) => format!("{n} {title}"),
                None => title.clone(),
            };
            self.outline.push(OutlineEntry {
                level,
                title: full,
                anchor: anchor.clone(),
            });
        }
        self.flow
            .heading(&title, level, Some(anchor.clone()), number.as_deref());
        anchor
    }
}

/// Lays out a pact with its decoded `images`, with a text cache that the caller keeps across
/// layouts (see [`TextCache`]): the result is the same, only faster once the cache knows the
/// words.
pub fn layout_with(
    pacte: &Pacte,
    theme: &Theme,
    images: &Images,
    options: &LayoutOptions,
    cache: &mut TextCache,
) -> Document {
    layout_checked(pacte, theme, images, options, cache).0
}

/// [`layout_with`], and what could not be placed whole (a render refuses to go on with it).
pub(crate) fn layout_checked(
    pacte: &Pacte,
    theme: &Theme,
    images: &Images,
    options: &LayoutOptions,
    cache: &mut TextCache,
) -> (Document, Vec<Overflow>) {
    cache.use_family(theme.fonts());
    let inputs = Inputs {
        pacte,
        theme,
        images,
        options,
    };
    if cache.is_empty() {
        let family = cache.words.shaper.family().clone();
        return parallel::compose_beside(
            &family,
            cache,
            |cache, requests| collect_paragraphs(inputs, cache, requests),
            |cache| compose(inputs, cache),
        );
    }
    compose(inputs, cache)
}

/// What a composition reads.
#[derive(Clone, Copy)]
struct Inputs<'a> {
    pacte: &'a Pacte,
    theme: &'a Theme,
    images: &'a Images,
    options: &'a LayoutOptions,
}

impl<'a> Inputs<'a> {
    /// A composer of these inputs, which prints `page_numbers`.
    fn composer<'c>(
        &self,
        page_numbers: &'c HashMap<String, usize>,
        cache: &'c mut TextCache,
    ) -> Composer<'c, 'c>
    where
        'a: 'c,
    {
        Composer::new(
            self.pacte,
            self.theme,
            self.images,
            self.options,
            page_numbers,
            cache,
        )
    }
}

/// The document composed with `cache`: the body once, then the sommaire until its page
/// numbers are stable, then the pages.
fn compose(inputs: Inputs, cache: &mut TextCache) -> (Document, Vec<Overflow>) {
    let theme = inputs.theme;
    let none = HashMap::new();
    // The body does not depend on page numbers: compose it once.
    let (mut body, toc, outline, mut overflows, mark) = {
        let mut c = inputs.composer(&none, cache);
        c.body();
        (
            std::mem::take(&mut c.flow.chunks),
            std::mem::take(&mut c.toc),
            std::mem::take(&mut c.outline),
            std::mem::take(&mut c.overflows),
            c.fiches_mark,
        )
    };
    overflows.extend(too_tall(&body, theme));
    // The index of the fiches-action prints pages too: it is composed again on each try,
    // between the body's chunks before and after it.
    let (after, mut index) = match mark {
        Some(m) => {
            let after = body.split_off(m.end);
            let index = body.split_off(m.start);
            (after, index)
        }
        None => (Vec::new(), Vec::new()),
    };
    // The sommaire prints the pages where headings land; its own length moves them, so
    // repeat until the numbers are stable (twice in practice). Only the placement is
    // computed on each try; the pages are built once, at the end.
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut tries = 0;
    cache.keep_paragraphs(true);
    let (sommaire, placement) = loop {
        let mut c = inputs.composer(&numbers, cache);
        c.sommaire(&toc);
        let sommaire = std::mem::take(&mut c.flow.chunks);
        if let (Some(m), false) = (mark, numbers.is_empty()) {
            let mut c = inputs.composer(&numbers, cache);
            index = c.fiches_again(&m, &c.fiches_title());
        }
        let chunks: Vec<&Chunk> = sommaire
            .iter()
            .chain(body.iter())
            .chain(index.iter())
            .chain(after.iter())
            .collect();
        let placement = place(&chunks, theme.body_height(), &theme.notes);
        let found = anchor_pages(&chunks, &placement);
        tries += 1;
        if found == numbers || tries == 4 {
            break (sommaire, placement);
        }
        numbers = found;
    };
    cache.keep_paragraphs(false);
    let mut chunks = sommaire;
    chunks.extend(body);
    chunks.extend(index);
    chunks.extend(after);
    let foot = Foot {
        left: theme.margins[3],
        top: theme.margins[0],
        size: [theme.column_width(), theme.body_height()],
        notes: &theme.notes,
        color: theme.text,
    };
    let flow_pages = materialize(chunks, &placement, &foot);
    let mut c = inputs.composer(&numbers, cache);
    let mut doc = assemble(&mut c, flow_pages, &toc);
    doc.outline = outline;
    overflows.append(&mut c.overflows);
    (doc, overflows)
}

/// A first render: the body's paragraphs, the sommaire's titles (they do not depend on the
/// page numbers), the covers' text, asked for in `requests` in the order the composition
/// asks for them.
fn collect_paragraphs(
    inputs: Inputs,
    cache: &mut TextCache,
    requests: Requests,
) -> Option<Requests> {
    let none = HashMap::new();
    let mut c = inputs.composer(&none, cache);
    c.flow.collect(requests);
    c.body();
    let toc = std::mem::take(&mut c.toc);
    let requests = c.flow.take_requests()?;
    let mut c = inputs.composer(&none, cache);
    c.flow.collect(requests);
    c.sommaire(&toc);
    // Last, as the composition meets them: the cover and the back cover.
    c.cover();
    if inputs.pacte.contact.is_some() {
        c.back_cover();
    }
    c.flow.take_requests()
}

/// The page number (1-based, the cover being page 1) where each anchor of the flow lands.
fn anchor_pages(chunks: &[&Chunk], placement: &Placement) -> HashMap<String, usize> {
    let mut found = HashMap::new();
    for (p, placed) in placement.iter().enumerate() {
        for &(k, _, _) in placed {
            for d in &chunks[k].draws {
                if let Draw::Anchor { id, .. } = d {
                    found.entry(id.clone()).or_insert(p + 2);
                }
            }
        }
    }
    found
}

impl Composer<'_, '_> {
    /// The body of the document after the sommaire, in document order: the list of sigles
    /// and the index of the fiches-action (when placed after the sommaire), the editorial, the visas, the articles, the
    /// signatures, the annexes.
    fn body(&mut self) {
        self.sigles_apres_sommaire();
        self.fiches_apres_sommaire();
        self.editorial();
        self.visas();
        self.articles();
        self.signatures();
        self.annexes();
    }
}

impl<'a, 'b> Composer<'a, 'b> {
    fn new(
        pacte: &'b Pacte,
        theme: &'a Theme,
        images: &'b Images,
        options: &'b LayoutOptions,
        page_numbers: &'b HashMap<String, usize>,
        cache: &'a mut TextCache,
    ) -> Self {
        Composer {
            flow: Flow::new(theme, cache),
            pacte,
            toc: Vec::new(),
            outline: Vec::new(),
            page_numbers,
            options,
            images,
            anchors: 0,
            parts: 0,
            next_note: 1,
            tables: 0,
            figures: 0,
            overflows: Vec::new(),
            numbered_depth: 0,
            fiches_mark: None,
        }
    }
}

/// The whole document: cover, the flow's pages, back cover, with their decorations
/// (watermark, running header and footer), anchors and signature places.
fn assemble(c: &mut Composer, flow_pages: Vec<Page>, toc: &[TocEntry]) -> Document {
    let (pacte, theme) = (c.pacte, c.theme());
    let mut pages = vec![c.cover()];
    pages.extend(flow_pages);
    let body_end = pages.len();
    if pacte.contact.is_some() {
        pages.extend(c.back_cover());
    }
    let total = pages.len();
    let header = c.running_header();
    for (i, page) in pages.iter_mut().enumerate() {
        let mut decorations = Vec::new();
        let is_cover = i == 0;
        let is_back = i >= body_end;
        if !is_cover && !is_back {
            decorations.extend(header.iter().cloned());
            decorations.push(c.running_footer(i + 1, total));
        }
        decorations.append(&mut page.draws);
        if pacte.statut == crate::model::Statut::Projet {
            // Last, over the cover's band and everything else.
            decorations.push(c.watermark());
        }
        page.draws = decorations;
    }
    let mut anchors = HashMap::new();
    let mut signatures = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for d in &page.draws {
            match d {
                Draw::Anchor { id, y } => {
                    anchors.entry(id.clone()).or_insert((i, *y));
                }
                Draw::SignatureArea { index, x, y, w, h } => signatures.push(SignaturePlace {
                    index: *index,
                    page: i,
                    rect: [*x, *y, *w, *h],
                }),
                _ => {}
            }
        }
    }
    signatures.sort_by_key(|s| s.index);
    Document {
        pages,
        anchors,
        toc: toc.to_vec(),
        outline: Vec::new(),
        signatures,
        theme: theme.clone(),
    }
}

/// The chunks of the flow taller than a page (they would run off it), with the footnotes
/// they call, named by the beginning of their text.
fn too_tall(chunks: &[Chunk], theme: &Theme) -> Vec<Overflow> {
    let height = theme.body_height();
    let tall = |c: &Chunk| c.height + theme.notes.foot(c.notes.iter().map(|n| n.height));
    chunks
        .iter()
        .filter(|c| tall(c) > height + 0.01)
        .map(|c| {
            let text: String = c
                .draws
                .iter()
                .filter_map(|d| match d {
                    Draw::Text { glyphs, .. } => {
                        Some(glyphs.iter().map(|g| g.text.as_str()).collect::<String>())
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ");
            let start: String = text.chars().take(60).collect();
            Overflow {
                path: format!("«{}…»", start.trim()),
                what: match c.notes.len() {
                    0 => format!(
                        "a block {:.0} pt tall does not fit a page's {height:.0} pt",
                        c.height
                    ),
                    _ => format!(
                        "a line and its footnotes, {:.0} pt tall, do not fit a page's {height:.0} pt: shorten the note",
                        tall(c)
                    ),
                },
            }
        })
        .collect()
}
