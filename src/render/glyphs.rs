//! The characters a render cannot draw: each one that no face of the document's family
//! (nor a fallback) has, with the JSON path of its place. Control characters are the
//! model's to report (`model::validate`). [`undrawable`] is part of validation; a render
//! relies on the PDF writer, which refuses a `.notdef` glyph, and only then looks for the
//! characters ([`refused`]).

use crate::font::{Coverage, FontFamily};
use crate::layout::document::Document;
use crate::model::{each_string, shown, Pacte, Problem, Problems};

/// At most this many characters are reported per string.
const PER_STRING: usize = 5;

/// The problems of `p`'s drawn strings in `family`: each distinct character it cannot
/// draw, in order, at most [`PER_STRING`] per string.
pub(crate) fn undrawable(p: &Pacte, family: &FontFamily) -> Vec<Problem> {
    let mut coverage = Coverage::new(family);
    let mut problems = Vec::new();
    each_string(p, |s| {
        if !s.drawn {
            return;
        }
        let mut seen: Vec<char> = Vec::new();
        for c in s.text.chars() {
            if c.is_control() || seen.contains(&c) || coverage.draws(c) {
                continue;
            }
            seen.push(c);
            problems.push(Problem {
                path: s.path.to_string(),
                message: format!(
                    "character {} cannot be drawn by the document's fonts",
                    shown(c)
                ),
            });
            if seen.len() == PER_STRING {
                break;
            }
        }
    });
    problems
}

/// Why a render whose `doc` draws a `.notdef` glyph (for `c`; the PDF writer refuses one)
/// is refused: the characters of `p` its family cannot draw, or `c` itself when the pact has
/// none (text the layout made).
pub(crate) fn refused(p: &Pacte, doc: &Document, c: char) -> Problems {
    let mut problems = undrawable(p, doc.theme.fonts());
    if problems.is_empty() {
        problems.push(Problem {
            path: "document".to_string(),
            message: format!(
                "character {} cannot be drawn by the document's fonts",
                shown(c)
            ),
        });
    }
    Problems(problems)
}
