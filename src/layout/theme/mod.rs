//! The theme: every number and colour that decides how the document looks, in one typed
//! value, with the font family it is set in. [`Theme::default`] is the house style; a theme
//! file ([`Theme::from_file`]) changes any part of it.

mod file;
mod fonts;
mod numbering;
mod styles;
mod value;

pub use file::ThemeError;
pub use fonts::FontFamily;
pub(crate) use numbering::NUMBERED_LEVELS;
pub use numbering::{Counter, ListLabel};
pub use styles::{
    CoverStyle, FigureStyle, HeadingRule, KeepStyle, ListStyle, NoteStyle, PartsStyle, QuoteStyle,
    RuleStyle, SignatureStyle, TableStyle, TocStyle, TypeSize, WatermarkStyle,
};

use crate::model::{Apparence, Couleur};
use std::sync::Arc;

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// An RGB colour, components 0–1 (written `"#RRGGBB"` in a theme file).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl From<Couleur> for Rgb {
    fn from(c: Couleur) -> Rgb {
        Rgb(c.r as f32 / 255.0, c.g as f32 / 255.0, c.b as f32 / 255.0)
    }
}

/// Size and spacing of one kind of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size, pt.
    pub size: f32,
    /// Baseline-to-baseline distance, pt.
    pub leading: f32,
    /// Bold face.
    pub bold: bool,
    /// Italic face.
    pub italic: bool,
    /// Colour.
    pub color: Rgb,
    /// Space above, pt.
    pub space_before: f32,
    /// Space below, pt.
    pub space_after: f32,
}

/// Everything that decides how the document looks: page, margins, text styles, colours, the
/// geometry of each part (cover, sommaire, lists, tables, signatures) and the font family.
/// Lengths are in points. [`Theme::default`] is sober, fit for an official document; a pact
/// may set its colours ([`Theme::with_apparence`]); a département may set its whole look
/// in a theme file ([`Theme::from_file`]).
///
/// Every field is public: an embedder changes what it needs and keeps the rest of the
/// default with struct-update syntax, and may set another [`FontFamily`].
///
/// ```
/// use pacte::{FontFamily, RenderOptions, Rgb, Theme};
///
/// let theme = Theme {
///     margins: [56.7, 51.0, 56.7, 51.0], // top, right, bottom, left, pt: 20 and 18 mm
///     primary: Rgb(0.5, 0.0, 0.13),
///     fonts: FontFamily::noto_sans(),
///     ..Theme::default()
/// };
/// assert_eq!(theme.page_width, Theme::default().page_width);
///
/// # let json = std::fs::read_to_string("fixtures/allier-2018-2021.json")?;
/// let pacte = pacte::Pacte::from_json(&json)?;
/// let options = RenderOptions {
///     theme: Some(theme),
///     ..RenderOptions::for_dir(std::path::Path::new("fixtures"))
/// };
/// let pdf = pacte::render_pdf(&pacte, &options)?;
/// assert!(pdf.starts_with(b"%PDF-"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Page width, pt (A4).
    pub page_width: f32,
    /// Page height, pt (A4).
    pub page_height: f32,
    /// Margins: top, right, bottom, left, pt.
    pub margins: [f32; 4],
    /// Distance of the running header's baseline from the top edge, pt.
    pub header_y: f32,
    /// Distance of the footer's baseline from the bottom edge, pt.
    pub footer_y: f32,
    /// Where a line's baseline lies below its top, as a fraction of the font size.
    pub ascent: f32,
    /// Body text.
    pub body: TextStyle,
    /// Headings, levels 1 to 4.
    pub headings: [TextStyle; 4],
    /// Running header and footer.
    pub running: TextStyle,
    /// Sommaire entries, levels 1 and 2.
    pub toc: [TextStyle; 2],
    /// Table cells.
    pub table: TextStyle,
    /// Main colour (headings, rules, cover).
    pub primary: Rgb,
    /// Secondary colour (sub-headings, table header).
    pub secondary: Rgb,
    /// Light tint for table headers and boxes.
    pub tint: Rgb,
    /// Body text colour.
    pub text: Rgb,
    /// Space between paragraphs, pt.
    pub paragraph_gap: f32,
    /// Space between two partners, and before a sub-partner, pt.
    pub partner_gaps: [f32; 2],
    /// The rule under part headings and the number before them.
    pub heading_rule: HeadingRule,
    /// The rule under the running header.
    pub header_rule: RuleStyle,
    /// Lists: indents, labels.
    pub lists: ListStyle,
    /// Quotes, and the editorial's quotation.
    pub quotes: QuoteStyle,
    /// Footnotes: calls, notes, the rule above them.
    pub notes: NoteStyle,
    /// Tables: padding and rules.
    pub tables: TableStyle,
    /// Figures: their largest size, the space around them and their caption.
    pub figures: FigureStyle,
    /// The sommaire's columns and dot leaders.
    pub sommaire: TocStyle,
    /// The cover and back cover.
    pub cover: CoverStyle,
    /// The signature blocks.
    pub signature: SignatureStyle,
    /// The "PROJET" watermark of a draft.
    pub watermark: WatermarkStyle,
    /// Where a page may break (widows, orphans, headings, tables, lead-ins).
    pub keeps: KeepStyle,
    /// The visas.
    pub parts: PartsStyle,
    /// The font family: four faces, Noto Sans by default.
    pub fonts: FontFamily,
}

impl Default for Theme {
    fn default() -> Self {
        let primary = Rgb(0.0, 0.216, 0.42); // deep blue
        let secondary = Rgb(0.18, 0.33, 0.50);
        let text = Rgb(0.1, 0.1, 0.12);
        let st =
            |size: f32, leading: f32, bold: bool, color: Rgb, before: f32, after: f32| TextStyle {
                size,
                leading,
                bold,
                italic: false,
                color,
                space_before: before,
                space_after: after,
            };
        let running = Rgb(0.4, 0.4, 0.45);
        Theme {
            page_width: 595.276,
            page_height: 841.89,
            margins: [mm(27.0), mm(24.0), mm(25.0), mm(26.0)],
            header_y: mm(15.0),
            footer_y: mm(13.0),
            ascent: 0.95,
            body: st(10.0, 14.4, false, text, 0.0, 0.0),
            headings: [
                st(16.0, 20.0, true, primary, 22.0, 10.0),
                st(13.0, 16.5, true, primary, 16.0, 6.0),
                st(11.0, 14.5, true, secondary, 12.0, 4.0),
                TextStyle {
                    italic: true,
                    ..st(10.0, 14.0, true, secondary, 8.0, 2.0)
                },
            ],
            running: st(8.0, 10.0, false, running, 0.0, 0.0),
            toc: [
                st(10.5, 15.0, true, primary, 7.0, 0.0),
                st(10.0, 13.5, false, text, 1.5, 0.0),
            ],
            table: st(8.5, 11.0, false, text, 0.0, 0.0),
            primary,
            secondary,
            tint: Rgb(0.91, 0.93, 0.96),
            text,
            paragraph_gap: 6.0,
            partner_gaps: [10.0, 6.0],
            heading_rule: HeadingRule::default(),
            header_rule: RuleStyle {
                offset: 4.0,
                width: 0.4,
            },
            lists: ListStyle::default(),
            quotes: QuoteStyle::default(),
            notes: NoteStyle::default(),
            tables: TableStyle::default(),
            figures: FigureStyle::default(),
            sommaire: TocStyle::default(),
            cover: CoverStyle::default(),
            signature: SignatureStyle::default(),
            watermark: WatermarkStyle::default(),
            keeps: KeepStyle::default(),
            parts: PartsStyle::default(),
            fonts: FontFamily::noto_sans(),
        }
    }
}

impl Theme {
    /// The theme with a pact's own colours.
    pub fn with_apparence(mut self, a: Option<&Apparence>) -> Theme {
        if let Some(a) = a {
            if let Some(c) = a.couleur_principale {
                self.set_primary(c.into());
            }
            if let Some(c) = a.couleur_secondaire {
                self.set_secondary(c.into());
            }
        }
        self
    }

    /// Sets the main colour, and the text styles drawn in it (headings 1–2, sommaire level 1).
    pub(crate) fn set_primary(&mut self, c: Rgb) {
        self.primary = c;
        for h in self.headings.iter_mut().take(2) {
            h.color = c;
        }
        self.toc[0].color = c;
    }

    /// Sets the secondary colour, and the text styles drawn in it (headings 3–4).
    pub(crate) fn set_secondary(&mut self, c: Rgb) {
        self.secondary = c;
        for h in self.headings.iter_mut().skip(2) {
            h.color = c;
        }
    }

    /// Width of the text column, pt.
    pub fn column_width(&self) -> f32 {
        self.page_width - self.margins[1] - self.margins[3]
    }

    /// Height of the text area, pt.
    pub fn body_height(&self) -> f32 {
        self.page_height - self.margins[0] - self.margins[2]
    }

    /// The distance from a line's top to its baseline at `size`, pt.
    pub fn baseline(&self, size: f32) -> f32 {
        size * self.ascent
    }

    /// The PostScript names of the family's four faces (regular, bold, italic, bold italic).
    pub fn font_names(&self) -> [&str; 4] {
        self.fonts.names()
    }

    /// The font family.
    pub(crate) fn fonts(&self) -> &Arc<crate::font::FontFamily> {
        self.fonts.family()
    }
}
