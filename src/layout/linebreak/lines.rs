//! The lines of a breaking, from its break indices.

use super::measure::{Kind, Paragraphe};

/// One line of a broken paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// Index of the line's first item (glue and penalties after the previous break are
    /// skipped).
    pub start: usize,
    /// Index of the break item: the line's content is `items[start..end]`, plus the
    /// break's width when it is a penalty (a hyphen). A glue at `end` is not set.
    /// `items.len()` when the input had no final forced break.
    pub end: usize,
    /// Adjustment ratio to apply to the line's glue: a glue is set at `width + ratio *
    /// stretch` when `ratio > 0`, `width + ratio * shrink` when `ratio < 0`. Always finite
    /// and `>= -1`; 0 for a ragged line (one holding a fill, or a short line with nothing
    /// to stretch).
    pub ratio: f32,
    /// Letter spacing: each box of the line is set `1 + tracking` times its width (its
    /// glyphs' advances grown alike). 0 but on a line whose spaces alone would stretch past
    /// [`Params::letters_stretch_above`](super::Params::letters_stretch_above).
    pub tracking: f32,
    /// True when the line ends at a flagged penalty (the setter draws a hyphen).
    pub hyphenated: bool,
    /// True when the line is wider than its measure even fully shrunk (a box wider than
    /// the line, or a measure of zero); `ratio` is then -1.
    pub overfull: bool,
}

impl Paragraphe {
    /// Lines for the given break indices (the last one is the final break).
    pub(super) fn lines(&self, breaks: &[usize]) -> Vec<Line> {
        let real_len = self.its.len() - usize::from(self.virtual_end);
        let mut out = Vec::with_capacity(breaks.len());
        let mut start = 0;
        for (i, &b) in breaks.iter().enumerate() {
            let w = self.width(i);
            let m = self.measure(start, b, w);
            let it = &self.its[b];
            out.push(Line {
                start: start.min(real_len),
                end: b.min(real_len),
                ratio: m.applied as f32,
                tracking: m.tracking as f32,
                hyphenated: it.kind == Kind::Penalty && it.flagged,
                overfull: m.raw < -1.0,
            });
            start = if b + 1 < self.its.len() {
                self.next_start[b + 1]
            } else {
                self.its.len()
            };
        }
        out
    }
}
