//! A paragraph: styled runs → boxes, glue and penalties → total-fit lines → placed glyphs.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`), so no-break spaces put by the
//! French typography stage hold; words are hyphenated with French patterns; a word wider than
//! the column is broken between graphemes, so no line is ever wider than its column.

mod items;
mod line;

use super::draw::{Draw, Role};
use super::linebreak::{break_lines, first_pass, Line, Params};
use super::theme::Rgb;
use super::words::Words;
use crate::text::Run;
use items::{build_items, Built};
use line::draw_line;
pub(crate) use line::end_space;

/// How a paragraph's lines are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    /// Justified, last line ragged.
    Justify,
    /// Ragged right.
    Left,
    /// Centred.
    Center,
    /// Ragged left.
    Right,
}

/// How to set a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    /// Font size, pt.
    pub size: f32,
    /// Line height, pt.
    pub leading: f32,
    /// Where the baseline lies below the line's top, as a fraction of the size.
    pub ascent: f32,
    /// Colour.
    pub color: Rgb,
    /// Alignment.
    pub align: Align,
    /// Hyphenate words.
    pub hyphenate: bool,
    /// Structural role of the text.
    pub role: Role,
}

/// One laid-out line: its primitives (y relative to the line's top) and its natural width.
#[derive(Debug, Clone)]
pub struct LineBox {
    /// What to draw.
    pub draws: Vec<Draw>,
    /// Width actually used, pt (never more than the column).
    pub width: f32,
}

/// Lays out `runs` in a column `width` wide. Returns the lines, top to bottom; y of each line's baseline is `ascent` below
/// its top, with `style.leading` between lines.
///
/// A short paragraph to hyphenate is first broken without hyphenation points: the first
/// pass of the line breaker ignores them, and it sets most short paragraphs, whose words
/// then need no hyphenation at all. Only when that pass fails are the words cut at their
/// points, for the passes that use them. The lines are the same either way (but for the
/// rounding of sums of widths, a millionth of a point).
pub fn layout(runs: &[Run], width: f32, style: &ParaStyle, words: &mut Words) -> Vec<LineBox> {
    layout_trying(runs, width, style, words, TRY_UNHYPHENATED_BELOW)
}

/// [`layout`], trying without hyphenation points first below `try_below` likely lines.
fn layout_trying(
    runs: &[Run],
    width: f32,
    style: &ParaStyle,
    words: &mut Words,
    try_below: f32,
) -> Vec<LineBox> {
    let mut params = Params::default();
    if style.hyphenate && likely_lines(runs, width, style) < try_below {
        let plain = ParaStyle {
            hyphenate: false,
            ..*style
        };
        let built = build_items(runs, width, &plain, words);
        if built.items.is_empty() {
            return Vec::new();
        }
        // A word wider than the column is cut between its letters in the plain items, but
        // at its hyphenation points in the others: the first pass would differ.
        if !built.overwide {
            if let Some(lines) = first_pass(&built.items, |_| width, &params) {
                return draw_lines(&built, &lines, width, style, words);
            }
            // It failed, and would fail again on the hyphenated items.
            params.pretolerance = -1.0;
        }
    }
    let built = build_items(runs, width, style, words);
    if built.items.is_empty() {
        return Vec::new();
    }
    let lines = break_lines(&built.items, |_| width, &params);
    draw_lines(&built, &lines, width, style, words)
}

/// Below this many lines (as [`likely_lines`] guesses), a paragraph is first broken
/// without hyphenation points. The first pass sets nine in ten paragraphs of a line or two,
/// but one in five of four lines or more, whose items are then built twice.
/// Chosen by counting instructions (callgrind) over renders of both fixtures with limits
/// from 0 to 20: 3.5 gave the fewest in both (4 % fewer than hyphenating every paragraph).
const TRY_UNHYPHENATED_BELOW: f32 = 3.5;

/// A rough guess of how many lines `runs` take in a column `width` wide: half an em a byte.
fn likely_lines(runs: &[Run], width: f32, style: &ParaStyle) -> f32 {
    let bytes: usize = runs.iter().map(|r| r.text.len()).sum();
    bytes as f32 * style.size * 0.5 / width.max(1.0)
}

/// The lines `lines` of the paragraph `built`, drawn.
fn draw_lines(
    built: &Built,
    lines: &[Line],
    width: f32,
    style: &ParaStyle,
    words: &mut Words,
) -> Vec<LineBox> {
    let ascent = style.size * style.ascent;
    lines
        .iter()
        .map(|line| draw_line(built, line, width, ascent, style, words))
        .collect()
}
#[cfg(test)]
mod tests;
