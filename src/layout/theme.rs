//! The theme: fonts sizes, colours, spacing and margins, in one typed struct.

use crate::model::{Apparence, Couleur};

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// An RGB colour, components 0–1.
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

/// Everything that decides how the document looks. [`Theme::default`] is sober, fit for an
/// official document; a pact may set its colours ([`Theme::with_apparence`]).
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
    /// Indentation of each list level, pt.
    pub list_indent: f32,
    /// Space between paragraphs, pt.
    pub paragraph_gap: f32,
    /// Height of the signature area in a signature block, pt.
    pub signature_height: f32,
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
        Theme {
            page_width: 595.276,
            page_height: 841.89,
            margins: [mm(27.0), mm(24.0), mm(25.0), mm(26.0)],
            header_y: mm(15.0),
            footer_y: mm(13.0),
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
            running: st(8.0, 10.0, false, Rgb(0.4, 0.4, 0.45), 0.0, 0.0),
            toc: [
                st(10.5, 15.0, true, primary, 7.0, 0.0),
                st(10.0, 13.5, false, text, 1.5, 0.0),
            ],
            table: st(8.5, 11.0, false, text, 0.0, 0.0),
            primary,
            secondary,
            tint: Rgb(0.91, 0.93, 0.96),
            text,
            list_indent: 15.0,
            paragraph_gap: 6.0,
            signature_height: mm(30.0),
        }
    }
}

impl Theme {
    /// The theme with a pact's own colours.
    pub fn with_apparence(mut self, a: Option<&Apparence>) -> Theme {
        if let Some(a) = a {
            if let Some(c) = a.couleur_principale {
                self.primary = c.into();
                for h in self.headings.iter_mut().take(2) {
                    h.color = self.primary;
                }
                self.toc[0].color = self.primary;
            }
            if let Some(c) = a.couleur_secondaire {
                self.secondary = c.into();
                for h in self.headings.iter_mut().skip(2) {
                    h.color = self.secondary;
                }
            }
        }
        self
    }

    /// Width of the text column, pt.
    pub fn column_width(&self) -> f32 {
        self.page_width - self.margins[1] - self.margins[3]
    }

    /// Height of the text area, pt.
    pub fn body_height(&self) -> f32 {
        self.page_height - self.margins[0] - self.margins[2]
    }
}
