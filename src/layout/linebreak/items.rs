//! The input of the line breaker: boxes, glue and penalties, and the tuning.

use super::{
    HYPHEN_PENALTY, INFINITY, LETTERS_STRETCH_ABOVE, LETTER_STRETCH, MAX_CONSECUTIVE_HYPHENS,
};

/// One element of a paragraph to break into lines.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    /// Fixed material (a word, a syllable, an inline image).
    Box {
        /// Natural width.
        width: f32,
    },
    /// A space: a break opportunity when it follows a box; discarded at line starts.
    Glue {
        /// Natural width.
        width: f32,
        /// How much it may grow (`f32::INFINITY` for a fill, as at a paragraph's end).
        stretch: f32,
        /// How much it may shrink.
        shrink: f32,
    },
    /// A possible break with a cost.
    Penalty {
        /// Width added to the line when the break is taken here (a hyphen's width).
        width: f32,
        /// Cost of breaking here: `>= INFINITY` forbids, `<= -INFINITY` forces.
        penalty: f32,
        /// True for hyphenation points: two flagged breaks in a row cost
        /// [`Params::flagged_demerits`].
        flagged: bool,
    },
}

impl Item {
    /// A hyphenation point whose hyphen is `hyphen_width` wide, costing `penalty`
    /// (see [`Params::hyphen_penalty`]).
    pub fn hyphen(hyphen_width: f32, penalty: f32) -> Item {
        Item::Penalty {
            width: hyphen_width,
            penalty,
            flagged: true,
        }
    }

    /// A forced break (`Penalty(-INFINITY)`); put [`Item::fill`] before it to set the
    /// line before it ragged, as in [`paragraph_end`].
    pub fn forced_break() -> Item {
        Item::Penalty {
            width: 0.0,
            penalty: -INFINITY,
            flagged: false,
        }
    }

    #[cfg(test)]
    /// A glue of zero width and infinite stretch.
    pub fn fill() -> Item {
        Item::Glue {
            width: 0.0,
            stretch: f32::INFINITY,
            shrink: 0.0,
        }
    }

    /// The glue before a forced break inside a paragraph: zero wide, stretching by
    /// [`INFINITY`] points (so much that the line before it is set ragged).
    pub fn line_end_fill() -> Item {
        Item::Glue {
            width: 0.0,
            stretch: INFINITY,
            shrink: 0.0,
        }
    }

    /// A possible break costing `penalty`, adding nothing to the line; `flagged` as a
    /// hyphenation point is.
    pub fn break_point(penalty: f32, flagged: bool) -> Item {
        Item::Penalty {
            width: 0.0,
            penalty,
            flagged,
        }
    }

    #[cfg(test)]
    /// A penalty forbidding a break here (e.g. before a fill, so that the fill is not
    /// itself a break opportunity).
    pub fn no_break() -> Item {
        Item::Penalty {
            width: 0.0,
            penalty: INFINITY,
            flagged: false,
        }
    }
}

#[cfg(test)]
/// The three items ending a paragraph (or a forced line break inside it): no break, fill,
/// forced break. The line they end is set ragged (its ratio is 0 when it is short).
pub fn paragraph_end() -> [Item; 3] {
    [Item::no_break(), Item::fill(), Item::forced_break()]
}

/// Tuning of [`break_lines`]; [`Params::default`] gives TeX-like values.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Largest adjustment ratio accepted in the first pass, which ignores hyphenation
    /// points (flagged penalties). Negative: skip that pass. Default 1.0.
    pub pretolerance: f32,
    /// Largest adjustment ratio accepted in the second pass, with hyphenation. Default 2.0.
    /// When it fails too, an emergency pass accepts any ratio and overfull lines.
    pub tolerance: f32,
    /// Added to every line's badness before squaring: favours fewer lines. Default 10.
    pub line_penalty: f32,
    /// Added when two consecutive lines end at flagged penalties (two hyphens in a row).
    /// Default 3000.
    pub flagged_demerits: f32,
    /// Added when the second-to-last line ends hyphenated. Default 5000.
    pub final_hyphen_demerits: f32,
    /// Added when adjacent lines' fitness classes (tight, decent, loose, very loose)
    /// differ by more than one. Default 100.
    pub fitness_demerits: f32,
    /// Extra stretch, as a fraction of the line width, assumed on every line when rating
    /// lines in the emergency pass (TeX's `\emergencystretch`): it ranks very loose lines
    /// by their slack instead of rating them all "infinitely bad". Default 0.1.
    pub emergency_stretch: f32,
    /// Penalty to give hyphenation points when building items ([`Params::hyphen_item`]);
    /// [`break_lines`] itself reads each item's own penalty. Default [`HYPHEN_PENALTY`].
    pub hyphen_penalty: f32,
    /// Most lines in a row that may end at flagged penalties (hyphenated): a flagged break
    /// that would make one more is never taken, in any pass. Default
    /// [`MAX_CONSECUTIVE_HYPHENS`].
    pub max_consecutive_hyphens: u8,
    /// How much a line's boxes may grow, as a fraction of their width, when its spaces would
    /// stretch past [`Params::letters_stretch_above`] (letter spacing; see
    /// [`Line::tracking`](super::Line::tracking)). 0: never. Default [`LETTER_STRETCH`].
    pub letter_stretch: f32,
    /// Adjustment ratio up to which the spaces stretch alone. Default
    /// [`LETTERS_STRETCH_ABOVE`].
    pub letters_stretch_above: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            pretolerance: 1.0,
            tolerance: 2.0,
            line_penalty: 10.0,
            flagged_demerits: 3000.0,
            final_hyphen_demerits: 5000.0,
            fitness_demerits: 100.0,
            emergency_stretch: 0.1,
            hyphen_penalty: HYPHEN_PENALTY,
            max_consecutive_hyphens: MAX_CONSECUTIVE_HYPHENS,
            letter_stretch: LETTER_STRETCH,
            letters_stretch_above: LETTERS_STRETCH_ABOVE,
        }
    }
}

impl Params {
    #[cfg(test)]
    /// A hyphenation point costing [`Params::hyphen_penalty`], with a hyphen
    /// `hyphen_width` wide.
    pub fn hyphen_item(&self, hyphen_width: f32) -> Item {
        Item::hyphen(hyphen_width, self.hyphen_penalty)
    }
}
