//! What a PDF needs to describe a face: its metrics in 1/1000 em, read once at load.

use rustybuzz::ttf_parser::{self, GlyphId};

/// A face's metrics, in 1/1000 em, and its PostScript name.
#[derive(Debug, Clone)]
pub struct Metrics {
    /// The face's PostScript name (name table, id 6), e.g. `NotoSans-Bold`.
    pub name: String,
    /// Advance of each glyph.
    pub advances: Vec<f32>,
    /// Bounding box of all glyphs: left, bottom, right, top.
    pub bbox: [f32; 4],
    /// Ascender.
    pub ascent: f32,
    /// Descender (negative).
    pub descent: f32,
    /// Height of capitals.
    pub cap_height: f32,
    /// Italic angle, degrees.
    pub italic_angle: f32,
    /// Vertical stem width, estimated from the weight class.
    pub stem_v: f32,
    /// Whether the face is italic.
    pub italic: bool,
    /// The glyph of the space, U+0020.
    pub space: Option<u16>,
}

impl Metrics {
    /// Reads the metrics of `face`.
    pub(super) fn read(face: &ttf_parser::Face<'_>) -> Metrics {
        let scale = 1000.0 / f32::from(face.units_per_em().max(1));
        let advances = (0..face.number_of_glyphs())
            .map(|g| f32::from(face.glyph_hor_advance(GlyphId(g)).unwrap_or(0)) * scale)
            .collect();
        let b = face.global_bounding_box();
        let name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_graphic()))
            .unwrap_or_else(|| "Font".to_string());
        Metrics {
            name,
            advances,
            bbox: [
                f32::from(b.x_min) * scale,
                f32::from(b.y_min) * scale,
                f32::from(b.x_max) * scale,
                f32::from(b.y_max) * scale,
            ],
            ascent: f32::from(face.ascender()) * scale,
            descent: f32::from(face.descender()) * scale,
            cap_height: f32::from(face.capital_height().unwrap_or(face.ascender())) * scale,
            italic_angle: face.italic_angle(),
            // The usual estimate from the weight class (the font does not say).
            stem_v: 10.0 + 0.244 * (f32::from(face.weight().to_number()) - 50.0),
            italic: face.is_italic(),
            space: face.glyph_index(' ').map(|g| g.0),
        }
    }
}
