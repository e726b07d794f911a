//! A theme file: JSON that changes any part of the default [`Theme`], read with the same
//! precise errors as a pact (JSON path, line:column, the nearest key to an unknown one).
//!
//! Lengths of the page's geometry (margins, cover, signature box) are in millimetres, type
//! sizes and spacing in points, colours `"#RRGGBB"`. Font files are relative to the theme
//! file's folder.

use super::numbering::NumberingFile;
use super::value::{Angle, Length, Size};
use super::{mm, CoverStyle, FontFamily, Rgb, SignatureStyle, TextStyle, Theme, TypeSize};
use crate::font::{FontError, FontFamily as Family};
use crate::model::{Couleur, ReadError};
use schemars::JsonSchema;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A theme that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// The theme file could not be read.
    #[error("{path}: cannot read the theme: {source}")]
    Io {
        /// The theme file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The JSON is malformed or does not fit a theme (an unknown key, a bad colour…).
    #[error("{}{source}", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Json {
        /// The theme file, when read from one.
        path: Option<PathBuf>,
        /// What is wrong, and where (JSON path, line:column).
        source: ReadError,
    },
    /// A font file could not be read.
    #[error("{key}: cannot read the font file {}: {source}", path.display())]
    FontFile {
        /// The font file.
        path: PathBuf,
        /// The JSON path that names it, e.g. `fonts.bold`.
        key: String,
        /// Why.
        source: std::io::Error,
    },
    /// A font file is not a usable face.
    #[error("{key}: the font {} {source}", path.display())]
    Font {
        /// The font file.
        path: PathBuf,
        /// The JSON path that names it, e.g. `fonts.bold`.
        key: String,
        /// What is wrong with it.
        source: FontError,
    },
    /// The margins leave the text no room on the page, across or down.
    #[error(
        "{}{keys}: the margins leave {room:.0} mm of the page's {page:.0} mm for the text",
        file.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default()
    )]
    NoRoom {
        /// The theme file, when read from one.
        file: Option<PathBuf>,
        /// The margins that meet, e.g. `page.margin_left, page.margin_right`.
        keys: &'static str,
        /// What they leave, mm (0 or less).
        room: f32,
        /// The page's width or height, mm.
        page: f32,
    },
    /// A face given as bytes ([`FontFamily::from_bytes`]) is not a usable face.
    #[error("{face} face: {source}")]
    Face {
        /// Which face: `regular`, `bold`, `italic` or `bold_italic`.
        face: &'static str,
        /// What is wrong with it.
        source: FontError,
    },
}

/// A theme file, every part optional over the default theme.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Thème de pacte",
    description = "A theme for `pacte render --theme`: every key is optional and changes that part of the default look."
)]
pub(crate) struct ThemeFile {
    /// The font family: four TrueType or OpenType files, relative to the theme file.
    fonts: Option<FontFiles>,
    /// Colours, "#RRGGBB".
    colors: Option<Colors>,
    /// Margins and the running header and footer, mm.
    page: Option<PageFile>,
    /// Where a line's baseline lies below its top, as a fraction of the font size.
    ascent: Option<Size>,
    /// Body text.
    body: Option<TextFile>,
    /// Headings, levels 1 to 4.
    headings: Option<HeadingsFile>,
    /// Running header and footer text.
    running: Option<TextFile>,
    /// Sommaire entries.
    sommaire: Option<SommaireFile>,
    /// Table text, padding and rules.
    tables: Option<TablesFile>,
    /// Figures: their largest size and the space around them.
    figures: Option<FiguresFile>,
    /// Lists.
    lists: Option<ListsFile>,
    /// Space between paragraphs, pt.
    paragraph_gap: Option<Length>,
    /// The cover and back cover.
    cover: Option<CoverFile>,
    /// The signature blocks.
    signature: Option<SignatureFile>,
    /// The "PROJET" watermark of a draft.
    watermark: Option<WatermarkFile>,
    /// Where a page may break: the fewest lines or rows kept on each side.
    keeps: Option<KeepsFile>,
}

/// The four faces of the family.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct FontFiles {
    /// Upright, normal weight.
    regular: PathBuf,
    /// Upright, bold.
    bold: PathBuf,
    /// Italic.
    italic: PathBuf,
    /// Bold italic.
    bold_italic: PathBuf,
}

/// Colours, "#RRGGBB".
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Colors {
    /// Main colour: headings 1–2, rules, cover band, sommaire level 1.
    primary: Option<Couleur>,
    /// Secondary colour: headings 3–4, table rules, list labels.
    secondary: Option<Couleur>,
    /// Light tint of table headers.
    tint: Option<Couleur>,
    /// Body text.
    text: Option<Couleur>,
}

/// Margins and running header and footer, mm.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PageFile {
    /// Top margin, mm.
    margin_top: Option<Length>,
    /// Right margin, mm.
    margin_right: Option<Length>,
    /// Bottom margin, mm.
    margin_bottom: Option<Length>,
    /// Left margin, mm.
    margin_left: Option<Length>,
    /// Distance of the running header's baseline from the top edge, mm.
    header: Option<Length>,
    /// Distance of the footer's baseline from the bottom edge, mm.
    footer: Option<Length>,
}

/// One kind of text; sizes and spaces in pt.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TextFile {
    /// Font size, pt.
    size: Option<Size>,
    /// Baseline-to-baseline distance, pt.
    leading: Option<Size>,
    /// Bold face.
    bold: Option<bool>,
    /// Italic face.
    italic: Option<bool>,
    /// Colour, "#RRGGBB".
    color: Option<Couleur>,
    /// Space above, pt.
    space_before: Option<Length>,
    /// Space below, pt.
    space_after: Option<Length>,
}

/// Headings, by level.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct HeadingsFile {
    /// Parts.
    h1: Option<TextFile>,
    /// Sections.
    h2: Option<TextFile>,
    /// Sub-sections.
    h3: Option<TextFile>,
    /// Below.
    h4: Option<TextFile>,
}

/// The sommaire.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SommaireFile {
    /// Level-1 entries.
    level1: Option<TextFile>,
    /// Level-2 entries.
    level2: Option<TextFile>,
    /// Indentation of level-2 entries, pt.
    indent: Option<Length>,
    /// Distance between two leader dots, pt.
    leader_step: Option<Length>,
}

/// Tables.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TablesFile {
    /// Cell text.
    text: Option<TextFile>,
    /// Padding inside each cell, pt.
    padding: Option<Length>,
    /// Width of the rules around the header row, pt.
    header_rule: Option<Length>,
    /// Width of the rule below each row, pt.
    row_rule: Option<Length>,
}

/// Figures.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct FiguresFile {
    /// The resolution an image is set at, at most, dots per inch (150).
    dpi: Option<Size>,
    /// The tallest an image is set, a fraction of the page's body height (0.6; at most
    /// 0.9, so that its caption has room).
    max_height: Option<Size>,
    /// Space above the image and below its caption, pt.
    gap: Option<Length>,
    /// Space between the image and its caption, pt.
    caption_gap: Option<Length>,
}

/// Lists.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ListsFile {
    /// Indentation of each level, pt.
    indent: Option<Length>,
    /// Space above each item, pt.
    item_gap: Option<Length>,
    /// How many levels indent; deeper levels stay at the last one's indent.
    indented_levels: Option<usize>,
    /// The labels of numbered lists by level: `["1.", "a)", "–"]` (the default), `["I.",
    /// "A.", "1.", "a)"]`…; deeper levels take the last one's.
    numbering: Option<NumberingFile>,
}

/// A size and leading, pt.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SizeFile {
    /// Font size, pt.
    size: Option<Size>,
    /// Baseline-to-baseline distance, pt.
    leading: Option<Size>,
}

/// The cover and back cover; lengths in mm, sizes in pt.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CoverFile {
    /// Height of the coloured band at the top of the cover, mm.
    band: Option<Length>,
    /// The département's name in the band.
    name: Option<SizeFile>,
    /// The period in the band.
    period: Option<SizeFile>,
    /// The logo's white box: distance from the top, mm.
    logo_top: Option<Length>,
    /// The logo's white box: width, mm.
    logo_width: Option<Length>,
    /// The logo's white box: height, mm.
    logo_height: Option<Length>,
    /// Distance from the band to the title, mm.
    title_top: Option<Length>,
    /// The title.
    title: Option<SizeFile>,
    /// The subtitle.
    subtitle: Option<SizeFile>,
    /// The strip of the signatories' logos: the logos' common height, mm.
    logo_strip_height: Option<Length>,
    /// The strip of the signatories' logos: space between two logos, mm.
    logo_strip_gap: Option<Length>,
    /// Height of the coloured band at the bottom of the back cover, at least, mm (it grows
    /// for a longer contact block).
    back_band: Option<Length>,
    /// Space above and below the contact block in that band, mm.
    back_padding: Option<Length>,
    /// Colour of the texts on the bands, "#RRGGBB".
    band_text: Option<Couleur>,
}

/// The signature blocks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SignatureFile {
    /// Height of the signature area, mm.
    height: Option<Length>,
    /// Space between two blocks of a row, mm.
    column_gap: Option<Length>,
    /// Colour of the area's border, "#RRGGBB".
    border: Option<Couleur>,
    /// The fewest blocks in a row.
    min_per_row: Option<usize>,
    /// The most blocks in a row (the layout with the fewest pages is chosen).
    max_per_row: Option<usize>,
    /// The smaller text tried for the blocks, as a share of the body's size (e.g. 0.9).
    small_text: Option<Size>,
}

/// The "PROJET" watermark, drawn over everything, outlined.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct WatermarkFile {
    /// Font size, pt.
    size: Option<Size>,
    /// Angle, degrees anticlockwise.
    angle: Option<Angle>,
    /// Colour of the outline, "#RRGGBB".
    color: Option<Couleur>,
    /// Width of the outline, pt.
    outline: Option<Length>,
}

/// Where a page may break.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct KeepsFile {
    /// Lines of a paragraph kept together at the foot and at the top of a page.
    lines: Option<usize>,
    /// Lines of what follows a heading kept on its page.
    after_heading: Option<usize>,
    /// Body rows of a table kept on each side of a page break.
    table_rows: Option<usize>,
    /// Lines, items or rows kept with a paragraph ending with ":" that introduces them.
    lead_in: Option<usize>,
}

/// Sets `to` to `from` when given.
fn set<T>(to: &mut T, from: Option<impl Into<T>>) {
    if let Some(v) = from {
        *to = v.into();
    }
}

/// Sets `to` to `from` mm, in pt, when given.
fn set_mm(to: &mut f32, from: Option<Length>) {
    set(to, from.map(|l| mm(l.into())));
}

impl TextFile {
    fn apply(self, t: &mut TextStyle) {
        set(&mut t.size, self.size);
        set(&mut t.leading, self.leading);
        set(&mut t.bold, self.bold);
        set(&mut t.italic, self.italic);
        set(&mut t.color, self.color.map(Rgb::from));
        set(&mut t.space_before, self.space_before);
        set(&mut t.space_after, self.space_after);
    }
}

impl SizeFile {
    fn apply(self, t: &mut TypeSize) {
        set(&mut t.size, self.size);
        set(&mut t.leading, self.leading);
    }
}

/// Applies an optional part.
fn part<T>(from: Option<T>, apply: impl FnOnce(T)) {
    if let Some(v) = from {
        apply(v);
    }
}

impl Colors {
    /// Sets the colours given, and the text styles drawn in them.
    fn apply(self, t: &mut Theme) {
        if let Some(p) = self.primary {
            t.set_primary(p.into());
        }
        if let Some(s) = self.secondary {
            t.set_secondary(s.into());
        }
        set(&mut t.tint, self.tint.map(Rgb::from));
        if let Some(x) = self.text {
            t.text = x.into();
            t.body.color = t.text;
            t.toc[1].color = t.text;
            t.table.color = t.text;
        }
    }
}

impl CoverFile {
    fn apply(self, cover: &mut CoverStyle) {
        set_mm(&mut cover.band, self.band);
        part(self.name, |s| s.apply(&mut cover.name));
        part(self.period, |s| s.apply(&mut cover.period));
        set_mm(&mut cover.logo_box[0], self.logo_top);
        set_mm(&mut cover.logo_box[1], self.logo_width);
        set_mm(&mut cover.logo_box[2], self.logo_height);
        set_mm(&mut cover.title_top, self.title_top);
        part(self.title, |s| s.apply(&mut cover.title));
        part(self.subtitle, |s| s.apply(&mut cover.subtitle));
        set_mm(&mut cover.logo_strip_height, self.logo_strip_height);
        set_mm(&mut cover.logo_strip_gap[0], self.logo_strip_gap);
        set_mm(&mut cover.back_band, self.back_band);
        set_mm(&mut cover.back_text_top, self.back_padding);
        set(&mut cover.band_text, self.band_text.map(Rgb::from));
    }
}

impl SignatureFile {
    fn apply(self, signature: &mut SignatureStyle) {
        set_mm(&mut signature.height, self.height);
        set_mm(&mut signature.column_gap, self.column_gap);
        set(&mut signature.border.0, self.border.map(Rgb::from));
        set(&mut signature.row_blocks[0], self.min_per_row);
        set(&mut signature.row_blocks[1], self.max_per_row);
        set(&mut signature.small_text, self.small_text);
    }
}

impl ThemeFile {
    /// The default theme with this file's changes; fonts are read relative to `base_dir`.
    fn apply(self, base_dir: &Path) -> Result<Theme, ThemeError> {
        let mut t = Theme::default();
        if let Some(f) = self.fonts {
            t.fonts = FontFamily::of(Arc::new(f.load(base_dir)?));
        }
        part(self.colors, |c| c.apply(&mut t));
        part(self.page, |p| {
            set_mm(&mut t.margins[0], p.margin_top);
            set_mm(&mut t.margins[1], p.margin_right);
            set_mm(&mut t.margins[2], p.margin_bottom);
            set_mm(&mut t.margins[3], p.margin_left);
            set_mm(&mut t.header_y, p.header);
            set_mm(&mut t.footer_y, p.footer);
        });
        set(&mut t.ascent, self.ascent);
        part(self.body, |b| b.apply(&mut t.body));
        part(self.headings, |h| {
            for (k, s) in [h.h1, h.h2, h.h3, h.h4].into_iter().enumerate() {
                part(s, |s| s.apply(&mut t.headings[k]));
            }
        });
        part(self.running, |r| r.apply(&mut t.running));
        part(self.sommaire, |s| {
            part(s.level1, |l| l.apply(&mut t.toc[0]));
            part(s.level2, |l| l.apply(&mut t.toc[1]));
            set(&mut t.sommaire.indent, s.indent);
            set(&mut t.sommaire.leader_step, s.leader_step);
        });
        part(self.tables, |x| {
            part(x.text, |l| l.apply(&mut t.table));
            set(&mut t.tables.padding, x.padding);
            set(&mut t.tables.header_rule, x.header_rule);
            set(&mut t.tables.row_rule, x.row_rule);
        });
        part(self.figures, |f| {
            set(&mut t.figures.dpi, f.dpi);
            set(&mut t.figures.max_height, f.max_height);
            set(&mut t.figures.gap, f.gap);
            set(&mut t.figures.caption_gap, f.caption_gap);
        });
        part(self.lists, |l| {
            set(&mut t.lists.indent, l.indent);
            set(&mut t.lists.item_gap, l.item_gap);
            set(&mut t.lists.indented_levels, l.indented_levels);
            set(&mut t.lists.numbering, l.numbering.map(|n| n.0));
        });
        set(&mut t.paragraph_gap, self.paragraph_gap);
        part(self.cover, |c| c.apply(&mut t.cover));
        part(self.signature, |s| s.apply(&mut t.signature));
        part(self.watermark, |w| {
            set(&mut t.watermark.size, w.size);
            set(&mut t.watermark.angle, w.angle);
            set(&mut t.watermark.color, w.color.map(Rgb::from));
            set(&mut t.watermark.outline, w.outline);
        });
        part(self.keeps, |k| {
            set(&mut t.keeps.lines, k.lines);
            set(&mut t.keeps.after_heading, k.after_heading);
            set(&mut t.keeps.table_rows, k.table_rows);
            set(&mut t.keeps.lead_in, k.lead_in);
        });
        super::value::room_left(&t)?;
        Ok(t)
    }
}

impl FontFiles {
    /// Reads and checks the four faces.
    fn load(self, base_dir: &Path) -> Result<Family, ThemeError> {
        let named = [
            ("regular", self.regular),
            ("bold", self.bold),
            ("italic", self.italic),
            ("bold_italic", self.bold_italic),
        ];
        let paths = named.map(|(key, p)| (format!("fonts.{key}"), base_dir.join(p)));
        let mut files = Vec::with_capacity(4);
        for (key, path) in &paths {
            let bytes = std::fs::read(path).map_err(|source| ThemeError::FontFile {
                path: path.clone(),
                key: key.clone(),
                source,
            })?;
            files.push(bytes);
        }
        let files: [Vec<u8>; 4] = files.try_into().unwrap_or_default();
        Family::from_files(files).map_err(|(v, source)| {
            let (key, path) = paths[v.index()].clone();
            ThemeError::Font { path, key, source }
        })
    }
}

impl Theme {
    /// Reads a theme file: JSON over the default theme (see `pacte schema --theme`); font
    /// files are relative to the file's folder.
    ///
    /// # Errors
    /// [`ThemeError`]: the file or a font file unreadable, the JSON malformed or not a theme
    /// (with its JSON path and line:column), a font not a usable face.
    pub fn from_file(path: &Path) -> Result<Theme, ThemeError> {
        let json = std::fs::read_to_string(path).map_err(|source| ThemeError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Theme::from_json(&json, base).map_err(|e| match e {
            ThemeError::Json { path: None, source } => ThemeError::Json {
                path: Some(path.to_path_buf()),
                source,
            },
            ThemeError::NoRoom {
                file: None,
                keys,
                room,
                page,
            } => ThemeError::NoRoom {
                file: Some(path.to_path_buf()),
                keys,
                room,
                page,
            },
            e => e,
        })
    }

    /// Reads a theme from its JSON; font files are relative to `base_dir`.
    ///
    /// # Errors
    /// As [`Theme::from_file`].
    pub fn from_json(json: &str, base_dir: &Path) -> Result<Theme, ThemeError> {
        let file: ThemeFile = crate::model::read_json(json)
            .map_err(|source| ThemeError::Json { path: None, source })?;
        file.apply(base_dir)
    }

    /// The JSON Schema of a theme file, for editor completion.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(ThemeFile)).unwrap_or_default()
    }
}
