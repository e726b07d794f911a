//! Page content streams: the [`Draw`] list of a page written as PDF operators.
//!
//! Written compactly and in one pass, straight into a byte vector:
//!
//! - coordinates with at most two decimals, colours with three (enough to give back the
//!   same 8-bit value), `y` turned upwards (`page height - y`);
//! - the font, the colours, the line width and the dash set only when they change (they are
//!   graphics state: they hold across text objects);
//! - each run of glyphs as one `TJ` whose strings hold the glyph ids of the subset face as
//!   raw one-byte codes (two bytes for a face with more than 256 glyphs), split only where
//!   an adjustment (kerning, justification; in 1/1000 em, one decimal) moves the next glyph
//!   off its natural place: `[(..)-76.2(..)]TJ`; the spaces of a justified line are
//!   stretched by word spacing (`Tw`, which applies to the code 32, the space's), set
//!   when it changes;
//! - text positioned with `Td` from the previous line's start (exact: positions are summed
//!   in hundredths of a point), `Tm` for the rotated watermark, outlined (mode 1);
//! - hidden text (a parapheur's tag) in rendering mode 3, invisible;
//! - rectangles with `re`, lines with `m`/`l` (dashed when asked), logos with `cm` and `Do`;
//! - links are collected for the page's annotations; anchors and signature areas draw
//!   nothing.

use super::fonts::{UsedGlyphs, SPACE_CODE};
use super::PdfError;
use crate::font::Variant;
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
) -> Result<Vec<PageContent<'a>>, PdfError> {
    let height = doc.theme.page_height;
    doc.pages
        .par_iter()
        .map(|p| {
            let (raw, links) = page(p, height, glyphs, images);
            Ok(PageContent {
                stream: super::compress::deflate(&raw)?,
                links,
            })
        })
        .collect()
}

/// The uncompressed content of one page of height `height` and its links.
pub(crate) fn page<'a>(
    page: &'a Page,
    height: f32,
    glyphs: &UsedGlyphs,
    images: usize,
) -> (Vec<u8>, Vec<Link<'a>>) {
    let mut w = Writer::new(height, glyphs, page.draws.len() * 48);
    let mut links = Vec::new();
    for d in &page.draws {
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
                rect: [*x, height - *y - *lh, *x + *lw, height - *y],
                target,
            }),
            Draw::Anchor { .. } | Draw::SignatureArea { .. } => {}
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

// Theme: width of the outline of rotated text (the watermark), pt.
const OUTLINE_WIDTH: f32 = 1.5;

/// The content being written and the graphics state it has set so far.
struct Writer<'g> {
    out: Vec<u8>,
    height: f32,
    glyphs: &'g UsedGlyphs,
    in_text: bool,
    font: Option<(Variant, i64)>,
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
}

impl<'g> Writer<'g> {
    fn new(height: f32, glyphs: &'g UsedGlyphs, capacity: usize) -> Self {
        Writer {
            out: Vec::with_capacity(capacity),
            height,
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
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.end_text();
        self.out
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
        let font = (variant, centi(size));
        if self.font != Some(font) {
            self.out.push(b'/');
            self.out.push(b'F');
            push_uint(&mut self.out, variant.index() as u64 + 1);
            self.out.push(b' ');
            push_fixed(&mut self.out, font.1, 2);
            self.out.extend_from_slice(b" Tf\n");
            self.font = Some(font);
        }
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
            self.set_stroke(c, OUTLINE_WIDTH);
            self.out.extend_from_slice(b"1 Tr\n");
        }
        let (px, py) = (centi(x), centi(self.height - y));
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
        self.show(variant, size, glyphs);
        if outlined {
            self.out.extend_from_slice(b"0 Tr\n");
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
    /// justified line have the same and need no adjustment.
    fn show(&mut self, variant: Variant, size: f32, glyphs: &[PlacedGlyph]) {
        let per_pt = 10_000.0 / size.max(0.001);
        let one_byte = self.glyphs.one_byte(variant);
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
        let last = glyphs.len() - 1;
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
        for v in [x, self.height - y - h, w, h] {
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
        let h = self.height;
        self.position(centi(x1), centi(h - y1), b"m");
        self.position(centi(x2), centi(h - y2), b"l");
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
        for v in [w, 0.0, 0.0, h, x, self.height - y - h] {
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

/// One byte of a literal string: raw, except the delimiters and the backslash (escaped)
/// and carriage return (which a reader would take for an end of line).
#[inline]
fn push_string_byte(out: &mut Vec<u8>, b: u8) {
    match b {
        b'(' | b')' | b'\\' => {
            out.push(b'\\');
            out.push(b);
        }
        b'\r' => out.extend_from_slice(b"\\r"),
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
mod tests {
    use super::*;

    fn num(v: i64, d: u32) -> String {
        let mut out = Vec::new();
        push_fixed(&mut out, v, d);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact() {
        assert_eq!(num(0, 2), "0");
        assert_eq!(num(7370, 2), "73.7");
        assert_eq!(num(7371, 2), "73.71");
        assert_eq!(num(-5, 2), "-0.05");
        assert_eq!(num(-762, 1), "-76.2");
        assert_eq!(num(216, 3), "0.216");
        assert_eq!(num(1000, 3), "1");
        assert_eq!(num(84189, 2), "841.89");
        assert_eq!(num(i64::MIN, 2), "-92233720368547758.08");
        assert_eq!(
            (round(2.5), round(-2.5), round(-0.4), round(0.49)),
            (3, -3, 0, 0)
        );
        assert_eq!((round(f32::NAN), round(f32::INFINITY)), (0, i64::MAX));
    }

    fn glyph(gid: u16, text: &str, advance: f32, nominal: f32) -> PlacedGlyph {
        PlacedGlyph {
            gid,
            text: text.into(),
            advance,
            nominal,
        }
    }

    fn text(x: f32, y: f32, variant: Variant, glyphs: Vec<PlacedGlyph>) -> Draw {
        Draw::Text {
            x,
            y,
            variant,
            size: 10.0,
            color: Rgb(0.0, 0.216, 0.42),
            glyphs,
            role: crate::layout::draw::Role::Paragraph,
            angle: 0.0,
        }
    }

    /// A page with two lines of text, a rule, hidden text, a rectangle and an image.
    fn sample() -> Page {
        let g = |gid| glyph(gid, "a", 5.0, 5.0);
        Page {
            draws: vec![
                text(
                    50.0,
                    100.0,
                    Variant::Regular,
                    vec![g(68), glyph(69, "b", 4.0, 5.0), g(40), g(68)],
                ),
                text(50.0, 114.5, Variant::Regular, vec![g(69)]),
                Draw::Anchor {
                    id: "h1".into(),
                    y: 90.0,
                },
                text(60.0, 130.0, Variant::Bold, vec![g(68)]),
                Draw::Line {
                    x1: 50.0,
                    y1: 140.0,
                    x2: 300.0,
                    y2: 140.0,
                    width: 0.4,
                    color: Rgb(0.4, 0.4, 0.45),
                    dashed: true,
                },
                Draw::HiddenText {
                    x: 50.0,
                    y: 160.0,
                    size: 2.0,
                    glyphs: vec![g(68)],
                },
                text(50.0, 170.0, Variant::Regular, vec![g(68)]),
                Draw::Rect {
                    x: 10.0,
                    y: 20.0,
                    w: 30.0,
                    h: 40.0,
                    fill: Some(Rgb(1.0, 1.0, 1.0)),
                    stroke: None,
                },
                Draw::Image {
                    image: 0,
                    x: 10.0,
                    y: 20.0,
                    w: 30.0,
                    h: 15.0,
                },
                Draw::Image {
                    image: 5,
                    x: 10.0,
                    y: 20.0,
                    w: 30.0,
                    h: 15.0,
                },
                Draw::Link {
                    x: 50.0,
                    y: 90.0,
                    w: 100.0,
                    h: 12.0,
                    target: LinkTarget::Uri("https://example.org".into()),
                },
            ],
        }
    }

    fn document(page: Page) -> Document {
        Document::of_page(page)
    }

    #[test]
    fn operators_are_compact_and_state_is_set_once() {
        let doc = document(sample());
        let glyphs = UsedGlyphs::collect(&doc);
        let (raw, links) = page(&doc.pages[0], 800.0, &glyphs, 1);
        // Regular: 68 → 1, 69 → 2, 40 → 3 (0 is .notdef); Bold: 68 → 1.
        let expected: &[u8] =
            b"BT\n/F1 10 Tf\n0 0.216 0.42 rg\n50 700 Td\n[(\x01\x02)100(\x03\x01)]TJ\n\
0 -14.5 Td\n[(\x02)]TJ\n\
/F2 10 Tf\n10 -15.5 Td\n[(\x01)]TJ\nET\n\
0.4 0.4 0.45 RG\n0.4 w\n[3 2]0 d\n50 660 m\n300 660 l\nS\n\
BT\n/F1 2 Tf\n3 Tr\n50 640 Td\n[(\x01)]TJ\n\
/F1 10 Tf\n0 Tr\n0 -10 Td\n[(\x01)]TJ\nET\n\
1 1 1 rg\n10 740 30 40 re\nf\n\
q\n30 0 0 15 10 765 cm\n/Im1 Do\nQ\n";
        assert_eq!(
            String::from_utf8_lossy(&raw),
            String::from_utf8_lossy(expected)
        );
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].rect, [50.0, 698.0, 150.0, 710.0]);
    }

    /// Two justified lines of `letters` distinct glyphs each, a stretched space (Noto Sans'
    /// glyph 3) every fourth glyph: 1.5 pt wider than its own 2.6 pt on the first line,
    /// 0.8 pt on the second.
    fn justified(letters: u16) -> (Vec<u8>, String) {
        let line = |stretch: f32, first: u16| {
            (0..letters)
                .flat_map(|k| {
                    let letter = glyph(first + k, "a", 5.0, 5.0);
                    let space = glyph(3, " ", 2.6 + stretch, 2.6);
                    if k % 4 == 3 {
                        vec![letter, space]
                    } else {
                        vec![letter]
                    }
                })
                .collect()
        };
        let doc = document(Page {
            draws: vec![
                text(50.0, 100.0, Variant::Regular, line(1.5, 100)),
                text(50.0, 114.0, Variant::Regular, line(0.8, 100 + letters)),
            ],
        });
        let glyphs = UsedGlyphs::collect(&doc);
        let (raw, _) = page(&doc.pages[0], 800.0, &glyphs, 0);
        let shown = String::from_utf8_lossy(&raw).into_owned();
        (raw, shown)
    }

    #[test]
    fn spaces_are_stretched_by_word_spacing_in_one_byte_faces() {
        let (raw, shown) = justified(40);
        // 81 glyphs with .notdef: one byte each, the space given the code 32.
        assert_eq!(shown.matches(" Tw\n").count(), 2, "{shown}");
        assert!(shown.contains("\n1.5 Tw\n") && shown.contains("\n0.8 Tw\n"));
        let first = raw.windows(4).position(|w| w == b"[(\x01\x02").unwrap();
        assert_eq!(&raw[first..first + 8], b"[(\x01\x02\x03\x04 \x06");
        // No adjustment at all: the letters have their own advance, the spaces the Tw.
        assert!(!shown.contains(")-") && !shown.contains(")1"), "{shown}");
    }

    #[test]
    fn faces_of_more_than_256_glyphs_keep_two_byte_codes_and_adjust_each_space() {
        let (raw, shown) = justified(150);
        assert!(!shown.contains("Tw"), "{shown}");
        // Ids in order of first use: the first letters 1, 2, 3, 4, then the space 5.
        let first = raw.windows(4).position(|w| w == b"[(\x00\x01").unwrap();
        assert_eq!(
            &raw[first..first + 12],
            b"[(\x00\x01\x00\x02\x00\x03\x00\x04\x00\x05"
        );
        // Each space moved by -1.5 pt at 10 pt: -150 thousandths of an em.
        assert_eq!(shown.matches(")-150(").count(), 150 / 4, "{shown}");
    }

    #[test]
    fn string_delimiters_are_escaped() {
        let mut out = Vec::new();
        for b in [b'(', b')', b'\\', b'\r', b'\n', 0, 0xFF] {
            push_string_byte(&mut out, b);
        }
        assert_eq!(out, b"\\(\\)\\\\\\r\n\x00\xFF");
    }

    #[test]
    fn rotated_text_uses_a_matrix_and_the_next_run_a_fresh_one() {
        let mut p = sample();
        p.draws.truncate(2);
        if let Draw::Text { angle, .. } = &mut p.draws[0] {
            *angle = 45.0;
        }
        let doc = document(p);
        let glyphs = UsedGlyphs::collect(&doc);
        let (raw, _) = page(&doc.pages[0], 800.0, &glyphs, 0);
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.contains("0.7071 0.7071 -0.7071 0.7071 50 700 Tm\n"),
            "{text}"
        );
        assert!(text.contains("1 0 0 1 50 685.5 Tm\n"), "{text}");
        // The rotated run (the watermark) is outlined, and the next run filled again.
        let stroke = text.find("1 Tr\n").expect("stroked text");
        let fill = text.find("0 Tr\n").expect("filled again");
        assert!(
            stroke < fill && fill < text.find("50 685.5 Tm").unwrap(),
            "{text}"
        );
    }
}
