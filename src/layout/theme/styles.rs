//! The parts of a [`Theme`](super::Theme) that give one part of the document its geometry.
//! Lengths are in points.

use super::numbering::{ListLabel, FRENCH_NUMBERING, NUMBERED_LEVELS};
use super::{mm, Rgb};

/// A font size with its baseline-to-baseline distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeSize {
    /// Font size, pt.
    pub size: f32,
    /// Baseline-to-baseline distance, pt.
    pub leading: f32,
}

const fn ts(size: f32, leading: f32) -> TypeSize {
    TypeSize { size, leading }
}

/// A horizontal rule below something.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleStyle {
    /// Distance below the thing it underlines, pt.
    pub offset: f32,
    /// Line width, pt.
    pub width: f32,
}

/// The rule under part headings (level 1), and the gap after a heading's number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadingRule {
    /// Height added to the heading's last line to make room for the rule, pt.
    pub room: f32,
    /// Distance of the rule below the last line's leading, pt.
    pub offset: f32,
    /// Line width, pt.
    pub width: f32,
    /// Gap between a heading's number and its text, as a fraction of the font size.
    pub number_gap: f32,
}

impl Default for HeadingRule {
    fn default() -> Self {
        HeadingRule {
            room: 4.0,
            offset: 1.0,
            width: 0.8,
            number_gap: 0.6,
        }
    }
}

/// Lists: indents and labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListStyle {
    /// Indentation of each list level, pt.
    pub indent: f32,
    /// Space above each item, pt.
    pub item_gap: f32,
    /// Distance of the label (bullet or number) from the item's left edge, pt.
    pub label_offset: f32,
    /// How many levels indent: deeper levels stay at the last one's indent, so that deep
    /// lists keep a readable width.
    pub indented_levels: usize,
    /// The labels of numbered lists by level of numbered lists (a bulleted list keeps its
    /// bullets and is not counted): French administrative style, "1.", "a)", "–".
    pub numbering: [ListLabel; NUMBERED_LEVELS],
}

impl Default for ListStyle {
    fn default() -> Self {
        ListStyle {
            indent: 15.0,
            item_gap: 2.5,
            label_offset: 3.0,
            indented_levels: 4,
            numbering: FRENCH_NUMBERING,
        }
    }
}

/// Quotes: indented, with a rule on their left; and the editorial's quotation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuoteStyle {
    /// Indentation of a quote on both sides, pt.
    pub indent: f32,
    /// Distance of the rule from the quote's left edge, pt.
    pub rule_offset: f32,
    /// Width of the rule, pt.
    pub rule_width: f32,
    /// The editorial's quotation: size and leading.
    pub citation: TypeSize,
    /// The editorial's quotation: indentation on both sides, pt.
    pub citation_indent: f32,
    /// Space above and below the editorial's quotation, pt.
    pub citation_gap: f32,
    /// The short rule after the editorial's quotation and its author: space above, height
    /// of its band (the rule in the middle), start and end (fractions of the column), line
    /// width (pt).
    pub citation_rule: [f32; 5],
}

impl Default for QuoteStyle {
    fn default() -> Self {
        QuoteStyle {
            indent: 18.0,
            rule_offset: 8.0,
            rule_width: 1.5,
            citation: ts(14.0, 19.0),
            citation_indent: 30.0,
            citation_gap: 8.0,
            citation_rule: [4.0, 6.0, 0.35, 0.65, 0.6],
        }
    }
}

/// Tables: cell padding and rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableStyle {
    /// Padding inside each cell, pt.
    pub padding: f32,
    /// Width of the rules above and below the header row, pt.
    pub header_rule: f32,
    /// Width of the rule below each other row, pt.
    pub row_rule: f32,
    /// How much less padding a cell has below its last line than above its first, pt.
    pub bottom_trim: f32,
    /// The narrowest a cell's text is set, however narrow its column, pt.
    pub min_text_width: f32,
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle {
            padding: 4.0,
            header_rule: 0.9,
            row_rule: 0.4,
            bottom_trim: 2.0,
            min_text_width: 10.0,
        }
    }
}

/// Figures: how large an image is set, and the space around it and its caption.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FigureStyle {
    /// The resolution an image is set at, at most, dots per inch: a figure is never drawn
    /// larger than its pixels at this resolution (150 dpi: a 600 px wide diagram is at most
    /// 4 in, 288 pt wide), however wide the column.
    pub dpi: f32,
    /// The tallest an image is set, as a fraction of the page's body height, between 0.05
    /// and 0.9 (its caption has the rest).
    pub max_height: f32,
    /// Space above the image and below the caption, pt.
    pub gap: f32,
    /// Space between the image and its caption, pt.
    pub caption_gap: f32,
}

impl Default for FigureStyle {
    fn default() -> Self {
        FigureStyle {
            dpi: 150.0,
            max_height: 0.6,
            gap: 10.0,
            caption_gap: 6.0,
        }
    }
}

/// The sommaire's columns and dot leaders.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TocStyle {
    /// Width kept for the page numbers, pt.
    pub number_column: f32,
    /// Indentation of level-2 entries, pt.
    pub indent: f32,
    /// Width of a part's number ("1."), pt.
    pub label_width: f32,
    /// Space between an entry's text and the page numbers' column, pt.
    pub gap: f32,
    /// Distance between two leader dots, pt.
    pub leader_step: f32,
    /// Space between the leaders and the text on either side, pt.
    pub leader_gap: f32,
}

impl Default for TocStyle {
    fn default() -> Self {
        TocStyle {
            number_column: 34.0,
            indent: 22.0,
            label_width: 22.0,
            gap: 12.0,
            leader_step: 4.5,
            leader_gap: 6.0,
        }
    }
}

/// The cover and the back cover.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoverStyle {
    /// Height of the coloured band at the top of the cover, pt.
    pub band: f32,
    /// Top of the département's name in the band, pt.
    pub name_top: f32,
    /// The département's name.
    pub name: TypeSize,
    /// Top of the period in the band, pt.
    pub period_top: f32,
    /// The period, in the band.
    pub period: TypeSize,
    /// Width of the name and period in the band, as a fraction of the column.
    pub band_text_width: f32,
    /// Colour of the texts on the bands (cover and back cover).
    pub band_text: Rgb,
    /// Colour of the logo's box.
    pub logo_fill: Rgb,
    /// The logo's white box: top, width, height, pt.
    pub logo_box: [f32; 3],
    /// Space between the logo box's edge and the logo, pt.
    pub logo_padding: f32,
    /// Distance from the band to the title, pt.
    pub title_top: f32,
    /// The title.
    pub title: TypeSize,
    /// The subtitle, and the space above it (pt).
    pub subtitle: TypeSize,
    /// Space above the subtitle, pt.
    pub subtitle_gap: f32,
    /// The period below the title.
    pub title_period: TypeSize,
    /// Space above the period below the title, pt.
    pub title_period_gap: f32,
    /// The short rule below the title block: distance below it, length, width, pt.
    pub rule: [f32; 3],
    /// The lines at the foot of the cover (issuing service, draft notice).
    pub foot: TypeSize,
    /// The strip of the signatories' logos above the cover's foot: the logos' common
    /// height, pt.
    pub logo_strip_height: f32,
    /// The widest a logo of the strip may be, pt (a wider one is scaled down).
    pub logo_strip_max_width: f32,
    /// Space between two logos of the strip, and between two of its rows, pt.
    pub logo_strip_gap: [f32; 2],
    /// Space between the strip and the lines at the foot of the cover, pt.
    pub logo_strip_bottom: f32,
    /// Height of the coloured band at the bottom of the back cover, pt.
    pub back_band: f32,
    /// Space above and below the contact block in the back cover's band, pt (the band grows
    /// for a longer block).
    pub back_text_top: f32,
    /// Room kept for the title line at the top of a back cover whose band grows, pt.
    pub back_title_room: f32,
    /// The contact block.
    pub back_text: TypeSize,
    /// The back cover's title line.
    pub back_title: TypeSize,
}

impl Default for CoverStyle {
    fn default() -> Self {
        CoverStyle {
            band: mm(100.0),
            name_top: mm(38.0),
            name: ts(20.0, 25.0),
            period_top: mm(62.0),
            period: ts(15.0, 19.0),
            band_text_width: 0.62,
            band_text: Rgb(1.0, 1.0, 1.0),
            logo_fill: Rgb(1.0, 1.0, 1.0),
            logo_box: [mm(30.0), mm(56.0), mm(40.0)],
            logo_padding: mm(4.0),
            title_top: mm(32.0),
            title: ts(30.0, 36.0),
            subtitle: ts(16.0, 21.0),
            subtitle_gap: mm(3.0),
            title_period: ts(22.0, 28.0),
            title_period_gap: mm(6.0),
            rule: [mm(6.0), mm(40.0), 2.0],
            foot: ts(10.0, 13.0),
            logo_strip_height: mm(14.0),
            logo_strip_max_width: mm(40.0),
            logo_strip_gap: [mm(9.0), mm(6.0)],
            logo_strip_bottom: mm(10.0),
            back_band: mm(60.0),
            back_text_top: mm(14.0),
            back_title_room: mm(20.0),
            back_text: ts(10.0, 14.0),
            back_title: ts(9.0, 12.0),
        }
    }
}

/// The signature blocks, in rows sized to their content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignatureStyle {
    /// Space between two blocks of a row, pt.
    pub column_gap: f32,
    /// Height of the signature area, pt.
    pub height: f32,
    /// Space between a block's text and its signature area, pt.
    pub box_gap: f32,
    /// Height of the logo band above the texts when a block of the row has a logo, pt.
    pub logo_band: f32,
    /// The largest logo: width, height, pt.
    pub logo: [f32; 2],
    /// The signature area's border: colour and width (pt).
    pub border: (Rgb, f32),
    /// The fewest and the most blocks in a row: among these, the layout with the fewest
    /// pages is chosen.
    pub row_blocks: [usize; 2],
    /// The blocks' smaller text, tried when the body's size needs more pages or cuts a name
    /// at its hyphen: a share of the body's size and leading.
    pub small_text: f32,
    /// Space above the first row and above the others, pt.
    pub row_gaps: [f32; 2],
    /// Space above the "Fait à" line, pt.
    pub top_gap: f32,
    /// Size of the invisible parapheur tag, pt.
    pub tag_size: f32,
    /// Inset of the parapheur tag from the area's bottom-left corner, pt.
    pub tag_inset: f32,
}

impl Default for SignatureStyle {
    fn default() -> Self {
        SignatureStyle {
            column_gap: 16.0,
            height: mm(30.0),
            box_gap: 4.0,
            logo_band: mm(16.0),
            logo: [mm(30.0), mm(14.0)],
            border: (Rgb(0.75, 0.77, 0.8), 0.5),
            row_gaps: [6.0, 14.0],
            row_blocks: [2, 3],
            small_text: 0.9,
            top_gap: 4.0,
            tag_size: 6.0,
            tag_inset: 4.0,
        }
    }
}

/// The diagonal "PROJET" watermark of a draft.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WatermarkStyle {
    /// Font size, pt.
    pub size: f32,
    /// Angle, degrees anticlockwise.
    pub angle: f32,
    /// Colour of the letters' outline: the watermark is drawn over everything, outlined
    /// and not filled, so that the text it crosses stays readable.
    pub color: Rgb,
    /// Width of the letters' outline, pt.
    pub outline: f32,
}

impl Default for WatermarkStyle {
    fn default() -> Self {
        WatermarkStyle {
            size: 110.0,
            angle: 55.0,
            color: Rgb(0.70, 0.72, 0.77),
            outline: 1.5,
        }
    }
}

/// Where a page may break: the fewest lines or rows kept on each side of a break.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeepStyle {
    /// Lines of a paragraph kept together at the foot and at the top of a page (no orphan,
    /// no widow).
    pub lines: usize,
    /// Lines of what follows a heading kept on the heading's page.
    pub after_heading: usize,
    /// Body rows of a table kept on each side of a page break.
    pub table_rows: usize,
    /// Lines, items or rows kept with a paragraph that ends with ":" and introduces them.
    pub lead_in: usize,
}

impl Default for KeepStyle {
    fn default() -> Self {
        KeepStyle {
            lines: 2,
            after_heading: 2,
            table_rows: 2,
            lead_in: 2,
        }
    }
}

/// The parts around the articles: the visas (the list of sigles and the annexes are set
/// with the body's tables and headings).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PartsStyle {
    /// Space above each visa, pt.
    pub visa_gap: f32,
}

impl Default for PartsStyle {
    fn default() -> Self {
        PartsStyle { visa_gap: 4.0 }
    }
}

/// Footnotes: the notes' type, the short rule above them. (The call is set as any
/// superscript of its text: 0.64 of its size, raised by 0.36 of it.)
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoteStyle {
    /// The notes' text: size and leading, pt.
    pub text: TypeSize,
    /// Space between the body's last line and the rule, pt.
    pub gap: f32,
    /// The rule's length (a fraction of the column) and line width (pt).
    pub rule: [f32; 2],
    /// Space between the rule and the first note, pt.
    pub after_rule: f32,
    /// Space between two notes, pt.
    pub between: f32,
    /// The room of a note's number ("1."), from the column's left to its text, pt.
    pub number_width: f32,
}

impl Default for NoteStyle {
    fn default() -> Self {
        NoteStyle {
            text: ts(8.0, 10.0),
            gap: 8.0,
            rule: [0.25, 0.4],
            after_rule: 5.0,
            between: 2.0,
            number_width: 12.0,
        }
    }
}

impl NoteStyle {
    /// The height of the foot of a page holding notes of heights `heights`: the gap, the
    /// rule, the notes and the spaces between them.
    pub(crate) fn foot(&self, heights: impl IntoIterator<Item = f32>) -> f32 {
        let (mut total, mut n) = (0.0, 0);
        for h in heights {
            total += h;
            n += 1;
        }
        match n {
            0 => 0.0,
            n => self.gap + self.after_rule + total + self.between * (n - 1) as f32,
        }
    }
}
