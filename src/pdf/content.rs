//! Page content streams: the [`Draw`] list of a page written as PDF operators.
//!
//! Written compactly and in one pass, straight into a byte vector:
//!
//! - coordinates with at most two decimals, colours with three (enough to give back the
//!   same 8-bit value), `y` turned upwards by
//!   [`PageSpace`];
//! - the font, the colours, the line width and the dash set only when they change (they are
//!   graphics state: they hold across text objects);
//! - each run of glyphs as one `TJ` whose strings hold the glyph ids of the subset face as
//!   raw one-byte codes (two bytes for a face with more than 256 glyphs), split only where
//!   an adjustment (kerning, justification; in 1/1000 em, one decimal) moves the next glyph
//!   off its natural place: `[(..)-76.2(..)]TJ`; the spaces of a justified line are
//!   stretched by word spacing (`Tw`, which applies to the code 32, the space's), set
//!   when it changes; a run with symbols drawn from a fallback face is cut where the face
//!   changes, each piece a `TJ` in its own font, the last adjustment of a piece ending it;
//! - text positioned with `Td` from the previous line's start (exact: positions are summed
//!   in hundredths of a point), `Tm` for the rotated watermark, outlined (mode 1) at the
//!   theme's width so that what it crosses stays readable;
//! - hidden text (a parapheur's tag) in rendering mode 3, invisible;
//! - rectangles with `re`, lines with `m`/`l` (dashed when asked), logos with `cm` and `Do`;
//! - links are collected for the page's annotations; anchors and signature areas draw
//!   nothing;
//! - each draw inside the marked content its [`Mark`] gives (`BDC` … `EMC`, outside text
//!   objects): the content of a structure element or an artifact.

use super::fonts::resource_index;
use super::tags::Mark;
use super::used_glyphs::{UsedGlyphs, SPACE_CODE};
use super::PdfError;
use crate::font::{FaceId, Variant};
use crate::layout::coords::PageSpace;
use crate::layout::document::Document;
use crate::layout::draw::{Draw, LinkTarget, PlacedGlyph};
use crate::layout::paginate::Page;
use crate::layout::theme::Rgb;
use rayon::prelude::*;

/// A page's compressed content stream and its links.
pub(crate) struct PageContent<'a> {
    /// The content stream, Flate-compressed.
    pub(crate) stream: Vec<u8>,
    /// The links drawn on the page, in drawing order.
    pub(crate) links: Vec<Link<'a>>,
}

/// A clickable area of a page.
pub(crate) struct Link<'a> {
    /// `[x1, y1, x2, y2]`, pt from the page's lower-left corner.
    pub(crate) rect: [f32; 4],
    /// Where it goes.
    pub(crate) target: &'a LinkTarget,
}

/// The content of every page of `doc` (pages in parallel), compressed. `images` is the
/// number of images the document has: drawing a missing one draws nothing.
///
/// # Errors
/// [`PdfError::Compress`] if compressing fails.
pub(crate) fn pages<'a>(
    doc: &'a Document,
    glyphs: &UsedGlyphs,
    images: usize,
    marks: &[Vec<Option<Mark>>],
) -> Result<Vec<PageContent<'a>>, PdfError> {
    let space = PageSpace::new(doc.theme.page_height);
    doc.pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let marks = marks.get(i).map_or(&[][..], Vec::as_slice);
            let outline = doc.theme.watermark.outline;
            let (raw, links) = page(p, space, glyphs, images, outline, marks);
            Ok(PageContent {
                stream: super::compress::deflate(&raw)?,
                links,
            })
        })
        .collect()
}

/// The uncompressed content of one page (its coordinates `space`) and its links; rotated
/// text (the watermark) is outlined `outline` pt wide; each draw inside the marked content
/// `marks` gives it (none for a draw past its end).
pub(crate) fn page<'a>(
    page: &'a Page,
    space: PageSpace,
    glyphs: &UsedGlyphs,
    images: usize,
    outline: f32,
    marks: &[Option<Mark>],
) -> (Vec<u8>, Vec<Link<'a>>) {
    let mut w = Writer::new(space, glyphs, page.draws.len() * 48);
    w.outline = outline;
    let mut links = Vec::new();
    for (i, d) in page.draws.iter().enumerate() {
        if let Some(&Some(m)) = marks.get(i) {
            w.mark(m);
        }
        match d {
            Draw::Text {
                x,
                y,
                variant,
                size,
                color,
                glyphs,
                angle,
                ..
            } => w.text(*x, *y, *variant, *size, Some(*color), glyphs, *angle),
            Draw::HiddenText { x, y, size, glyphs } => {
                w.text(*x, *y, Variant::Regular, *size, None, glyphs, 0.0)
            }
            Draw::Rect {
                x,
                y,
                w: rw,
                h: rh,
                fill,
                stroke,
            } => w.rect(*x, *y, *rw, *rh, *fill, *stroke),
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dashed,
            } => w.line([*x1, *y1, *x2, *y2], *width, *color, *dashed),
            Draw::Image {
                image,
                x,
                y,
                w: iw,
                h: ih,
            } => {
                if *image < images {
                    w.image(*image, *x, *y, *iw, *ih);
                }
            }
            Draw::Link {
                x,
                y,
                w: lw,
                h: lh,
                target,
            } => links.push(Link {
                rect: space.rect(*x, *y, *lw, *lh),
                target,
            }),
            Draw::Anchor { .. } | Draw::SignatureArea { .. } | Draw::Begin(_) | Draw::End => {}
        }
    }
    (w.finish(), links)
}

/// Length of a dash and of the gap after it, pt.
const DASH: &[u8] = b"[3 2]0 d\n";
/// A solid line.
const SOLID: &[u8] = b"[]0 d\n";

/// `v` rounded to the nearest integer, halves away from zero (as `f32::round`, without the
/// call into libm; NaN gives 0, as the cast saturates).
#[inline]
fn round(v: f32) -> i64 {
    (v + 0.5f32.copysign(v)) as i64
}

/// Points → hundredths of a point.
#[inline]
fn centi(v: f32) -> i64 {
    round(v * 100.0)
}

/// A colour component (0 to 1) → thousandths.
fn milli(v: f32) -> i64 {
    round(v * 1000.0).clamp(0, 1000)
}

/// The content being written and the graphics state it has set so far.
struct Writer<'g> {
    out: Vec<u8>,
    space: PageSpace,
    glyphs: &'g UsedGlyphs,
    in_text: bool,
    font: Option<(FaceId, i64)>,
    fill: Option<[i64; 3]>,
    stroke: Option<[i64; 3]>,
    line_width: Option<i64>,
    dashed: bool,
    invisible: bool,
    /// Word spacing (`Tw`), thousandths of a point.
    word_spacing: i64,
    /// Start of the current text line, hundredths of a point; `None` after a rotated
    /// matrix (the next position is then set with `Tm`).
    line: Option<(i64, i64)>,
    /// Width of the outline of rotated text (the watermark), pt.
    outline: f32,
    /// The marked content open (outside text objects).
    mark: Option<Mark>,
}

impl<'g> Writer<'g> {
    fn new(space: PageSpace, glyphs: &'g UsedGlyphs, capacity: usize) -> Self {
        Writer {
            out: Vec::with_capacity(capacity),
            space,
            glyphs,
            in_text: false,
            font: None,
            fill: None,
            stroke: None,
            line_width: None,
            dashed: false,
            invisible: false,
            word_spacing: 0,
            line: None,
            outline: 0.0,
            mark: None,
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.end_text();
        if self.mark.is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
        self.out
    }

    /// What follows is in the marked content `m`: the one open, or a new one (outside text
    /// objects, so that marked content and text objects nest).
    fn mark(&mut self, m: Mark) {
        if self.mark == Some(m) {
            return;
        }
        self.end_text();
        if self.mark.is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
        m.begin(&mut self.out);
        self.mark = Some(m);
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
            // BT resets the text and line matrices to the identity.
            self.line = Some((0, 0));
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    /// A run of glyphs; `color` `None` for invisible text.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f32,
        y: f32,
        variant: Variant,
        size: f32,
        color: Option<Rgb>,
        glyphs: &[PlacedGlyph],
        angle: f32,
    ) {
        if glyphs.is_empty() {
            return;
        }
        self.begin_text();
        self.set_font(self.glyphs.face_of(variant, glyphs[0].gid), size);
        match color {
            Some(c) => {
                self.set_fill(c);
                if self.invisible {
                    self.out.extend_from_slice(b"0 Tr\n");
                    self.invisible = false;
                }
            }
            None => {
                if !self.invisible {
                    self.out.extend_from_slice(b"3 Tr\n");
                    self.invisible = true;
                }
            }
        }
        // Rotated text (the PROJET watermark, drawn over everything) is outlined, stroked
        // and not filled, so that what it crosses stays readable.
        let outlined = angle != 0.0 && color.is_some();
        if let (true, Some(c)) = (outlined, color) {
            self.set_stroke(c, self.outline);
            self.out.extend_from_slice(b"1 Tr\n");
        }
        let (px, py) = (centi(x), centi(self.space.y(y)));
        if angle != 0.0 {
            let (sin, cos) = angle.to_radians().sin_cos();
            let (s, c) = (round(sin * 10_000.0), round(cos * 10_000.0));
            for v in [c, s, -s, c] {
                push_fixed(&mut self.out, v, 4);
                self.out.push(b' ');
            }
            self.position(px, py, b"Tm");
            self.line = None;
        } else if let Some((lx, ly)) = self.line {
            self.position(px - lx, py - ly, b"Td");
            self.line = Some((px, py));
        } else {
            self.out.extend_from_slice(b"1 0 0 1 ");
            self.position(px, py, b"Tm");
            self.line = Some((px, py));
        }
        let mut rest = glyphs;
        while let Some(first) = rest.first() {
            let face = self.glyphs.face_of(variant, first.gid);
            let n = rest
                .iter()
                .position(|g| self.glyphs.face_of(variant, g.gid) != face)
                .unwrap_or(rest.len());
            let (piece, after) = rest.split_at(n);
            self.set_font(face, size);
            self.show(variant, face, size, piece, !after.is_empty());
            rest = after;
        }
        if outlined {
            self.out.extend_from_slice(b"0 Tr\n");
        }
    }

    /// `/Fn size Tf` when the font or the size changes.
    fn set_font(&mut self, face: FaceId, size: f32) {
        let font = (face, centi(size));
        if self.font != Some(font) {
            self.out.push(b'/');
            self.out.push(b'F');
            push_uint(&mut self.out, resource_index(face) as u64);
            self.out.push(b' ');
            push_fixed(&mut self.out, font.1, 2);
            self.out.extend_from_slice(b" Tf\n");
            self.font = Some(font);
        }
    }

    /// `x y OP\n`, the numbers in hundredths.
    fn position(&mut self, x: i64, y: i64, op: &[u8]) {
        push_fixed(&mut self.out, x, 2);
        self.out.push(b' ');
        push_fixed(&mut self.out, y, 2);
        self.out.push(b' ');
        self.out.extend_from_slice(op);
        self.out.push(b'\n');
    }

    /// The `TJ` of a run: subset glyph ids as raw codes of one byte or two (as the face is
    /// encoded), adjustments in tenths of 1/1000 em between them where the layout moved a
    /// glyph off its natural advance. In a face with one-byte codes, the stretch of the
    /// run's spaces (code 32) is set once with `Tw`, from its first space: the others of a
    /// justified line have the same and need no adjustment. `glyphs` are all drawn by
    /// `face`; when more of the run follows in another face, the last glyph's adjustment
    /// ends the `TJ` (`more`).
    fn show(
        &mut self,
        variant: Variant,
        face: FaceId,
        size: f32,
        glyphs: &[PlacedGlyph],
        more: bool,
    ) {
        let per_pt = 10_000.0 / size.max(0.001);
        let one_byte = self.glyphs.one_byte(face);
        let mut word_spacing = 0.0;
        if one_byte {
            let space = glyphs
                .iter()
                .find(|g| self.glyphs.id(variant, g.gid) == SPACE_CODE);
            if let Some(g) = space {
                let wanted = round((g.advance - g.nominal) * 1000.0);
                if wanted != self.word_spacing {
                    push_fixed(&mut self.out, wanted, 3);
                    self.out.extend_from_slice(b" Tw\n");
                    self.word_spacing = wanted;
                }
            }
            word_spacing = self.word_spacing as f32 / 1000.0;
        }
        let out = &mut self.out;
        out.reserve(glyphs.len() * 3 + 8);
        out.extend_from_slice(b"[(");
        let last = if more { glyphs.len() } else { glyphs.len() - 1 };
        for (i, g) in glyphs.iter().enumerate() {
            let id = self.glyphs.id(variant, g.gid);
            let mut natural = g.nominal;
            if one_byte {
                push_string_byte(out, id as u8);
                if id == SPACE_CODE {
                    natural += word_spacing;
                }
            } else {
                push_string_byte(out, (id >> 8) as u8);
                push_string_byte(out, id as u8);
            }
            if i < last {
                let adjust = round((natural - g.advance) * per_pt);
                if adjust != 0 {
                    out.push(b')');
                    push_fixed(out, adjust, 1);
                    out.push(b'(');
                }
            }
        }
        out.extend_from_slice(b")]TJ\n");
    }

    fn set_fill(&mut self, c: Rgb) {
        let c = [milli(c.0), milli(c.1), milli(c.2)];
        if self.fill != Some(c) {
            push_color(&mut self.out, c, b"rg");
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32) {
        let c = [milli(c.0), milli(c.1), milli(c.2)];
        if self.stroke != Some(c) {
            push_color(&mut self.out, c, b"RG");
            self.stroke = Some(c);
        }
        let width = centi(width);
        if self.line_width != Some(width) {
            push_fixed(&mut self.out, width, 2);
            self.out.extend_from_slice(b" w\n");
            self.line_width = Some(width);
        }
    }

    fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    ) {
        self.end_text();
        if let Some(c) = fill {
            self.set_fill(c);
        }
        if let Some((c, width)) = stroke {
            self.set_stroke(c, width);
            self.set_dash(false);
        }
        for v in [x, self.space.bottom(y, h), w, h] {
            push_fixed(&mut self.out, centi(v), 2);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(match (fill, stroke) {
            (Some(_), Some(_)) => b"re\nB\n",
            (Some(_), None) => b"re\nf\n",
            _ => b"re\nS\n",
        });
    }

    fn line(&mut self, [x1, y1, x2, y2]: [f32; 4], width: f32, color: Rgb, dashed: bool) {
        self.end_text();
        self.set_stroke(color, width);
        self.set_dash(dashed);
        let space = self.space;
        self.position(centi(x1), centi(space.y(y1)), b"m");
        self.position(centi(x2), centi(space.y(y2)), b"l");
        self.out.extend_from_slice(b"S\n");
    }

    fn set_dash(&mut self, dashed: bool) {
        if self.dashed != dashed {
            self.out
                .extend_from_slice(if dashed { DASH } else { SOLID });
            self.dashed = dashed;
        }
    }

    fn image(&mut self, index: usize, x: f32, y: f32, w: f32, h: f32) {
        self.end_text();
        self.out.extend_from_slice(b"q\n");
        for v in [w, 0.0, 0.0, h, x, self.space.bottom(y, h)] {
            push_fixed(&mut self.out, centi(v), 2);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(b"cm\n/Im");
        push_uint(&mut self.out, index as u64 + 1);
        self.out.extend_from_slice(b" Do\nQ\n");
    }
}

/// `r g b OP\n`, the components in thousandths.
fn push_color(out: &mut Vec<u8>, c: [i64; 3], op: &[u8]) {
    for v in c {
        push_fixed(out, v, 3);
        out.push(b' ');
    }
    out.extend_from_slice(op);
    out.push(b'\n');
}

/// One byte of a literal string: raw, except the delimiters and the backslash (escaped),
/// carriage return (which a reader would take for an end of line) and line feed (which
/// Ghostscript 10 merges with a following one: a glyph whose code is 0x0A got lost).
#[inline]
fn push_string_byte(out: &mut Vec<u8>, b: u8) {
    match b {
        b'(' | b')' | b'\\' => {
            out.push(b'\\');
            out.push(b);
        }
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\n' => out.extend_from_slice(b"\\n"),
        _ => out.push(b),
    }
}

/// `v / 10^decimals` as a PDF number: no exponent, no trailing zeros, no point for whole
/// numbers.
fn push_fixed(out: &mut Vec<u8>, v: i64, decimals: u32) {
    if v < 0 {
        out.push(b'-');
    }
    let v = v.unsigned_abs();
    let scale = 10u64.pow(decimals);
    push_uint(out, v / scale);
    let mut frac = v % scale;
    if frac != 0 {
        let mut digits = [b'0'; 8];
        let n = decimals as usize;
        for d in digits[..n].iter_mut().rev() {
            *d = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        let end = digits[..n]
            .iter()
            .rposition(|&d| d != b'0')
            .map_or(0, |i| i + 1);
        out.push(b'.');
        out.extend_from_slice(&digits[..end]);
    }
}

/// A non-negative integer in decimal.
fn push_uint(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
