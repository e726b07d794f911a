//! Positioned drawing primitives, each tied to its structural role.

use super::tag::{Artifact, Tag};
use super::theme::Rgb;
use crate::font::Variant;

/// The structural role of what is drawn: kept for a tagged, accessible PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A heading of this level (1 = part).
    Heading(u8),
    /// A body paragraph.
    Paragraph,
    /// The label (bullet or number) of a list item.
    ListLabel,
    /// The body of a list item.
    ListBody,
    /// A quotation.
    Quote,
    /// A table header cell.
    TableHeader,
    /// A table body cell.
    TableCell,
    /// A sommaire entry.
    TocEntry,
    /// A figure (logo).
    Figure,
    /// A signature block.
    Signature,
    /// Decoration with no meaning of its own: running header and footer, watermark, rules.
    Artifact(Artifact),
}

/// One glyph placed in a run: id, the text it stands for, and the advance to the next glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id.
    pub gid: u16,
    /// Characters for ToUnicode (empty for later glyphs of a cluster).
    pub text: crate::font::GlyphText,
    /// Where the next glyph starts, pt from this one.
    pub advance: f32,
    /// The glyph's own advance, pt (what a PDF viewer moves by without adjustment).
    pub nominal: f32,
}

impl PlacedGlyph {
    /// Shaped glyphs (font units) placed at `scale` pt per unit, each advancing as shaped.
    pub fn from_shaped(glyphs: &[crate::font::Glyph], scale: f32) -> Vec<PlacedGlyph> {
        glyphs
            .iter()
            .map(|g| PlacedGlyph::placed(g, scale))
            .collect()
    }

    /// One shaped glyph (font units) placed at `scale` pt per unit.
    #[inline]
    pub fn placed(g: &crate::font::Glyph, scale: f32) -> PlacedGlyph {
        PlacedGlyph {
            gid: g.gid,
            text: g.text,
            advance: g.advance as f32 * scale,
            nominal: g.nominal as f32 * scale,
        }
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// An anchor of the document (a heading).
    Anchor(String),
    /// An external URI.
    Uri(String),
}

/// A drawing primitive. Coordinates in pt, y downwards from the top of the enclosing box
/// (a chunk while laying out, the page once placed); `y` of text is its baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// A run of glyphs in one face, size and colour.
    Text {
        /// Left of the first glyph.
        x: f32,
        /// Baseline.
        y: f32,
        /// Face.
        variant: Variant,
        /// Size, pt.
        size: f32,
        /// Colour.
        color: Rgb,
        /// The glyphs.
        glyphs: Vec<PlacedGlyph>,
        /// Structural role.
        role: Role,
        /// Rotation in degrees (watermark), 0 otherwise.
        angle: f32,
    },
    /// A filled and/or stroked rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Stroke colour and width.
        stroke: Option<(Rgb, f32)>,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Width.
        width: f32,
        /// Colour.
        color: Rgb,
        /// Dashed (dot leaders are drawn as glyphs, not this).
        dashed: bool,
    },
    /// A logo, scaled into its box.
    Image {
        /// Index in the document's image list.
        image: usize,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// A clickable area.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Target.
        target: LinkTarget,
    },
    /// A named position (headings): for the sommaire, the outline and links.
    Anchor {
        /// Anchor id.
        id: String,
        /// Top of the heading.
        y: f32,
    },
    /// The area of a signatory's signature field.
    SignatureArea {
        /// Index of the signatory.
        index: usize,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// Invisible text (a parapheur's position tag).
    HiddenText {
        /// Left.
        x: f32,
        /// Baseline.
        y: f32,
        /// Size.
        size: f32,
        /// The glyphs.
        glyphs: Vec<PlacedGlyph>,
    },
    /// Opens a structure element: what follows, up to the matching [`Draw::End`], is in it.
    Begin(Tag),
    /// Closes the last structure element opened.
    End,
}

impl Draw {
    /// The same primitive moved by (dx, dy).
    pub fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Draw::Text { x, y, .. }
            | Draw::Rect { x, y, .. }
            | Draw::Image { x, y, .. }
            | Draw::Link { x, y, .. }
            | Draw::SignatureArea { x, y, .. }
            | Draw::HiddenText { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Draw::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Draw::Anchor { y, .. } => *y += dy,
            Draw::Begin(_) | Draw::End => {}
        }
    }
}
