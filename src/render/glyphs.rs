//! The characters a render cannot draw: each one that no face of the document's family
//! (nor a fallback) has, with the JSON path of its place. Validation for the PDF looks for
//! them in the same walk of the pact's strings as the control characters
//! ([`Pacte::validate_with`](crate::model::Pacte::validate_with), through [`drawable`]); a
//! render relies on the PDF writer, which refuses a `.notdef` glyph, and only then looks
//! for the characters ([`refused`]).

use crate::font::{Coverage, FontFamily};
use crate::layout::document::Document;
use crate::model::{each_string, not_drawn, serialised, undrawable, Pacte, Problem, Problems};

/// Whether `family` (every face, with the fallbacks) draws a character, each character
/// asked of the faces once.
pub(crate) fn drawable(family: &FontFamily) -> impl FnMut(char) -> bool + '_ {
    let mut coverage = Coverage::new(family);
    move |c| coverage.draws(c)
}

/// Why a render whose `doc` draws a `.notdef` glyph (for `c`; the PDF writer refuses one)
/// is refused: the characters of `p` its family cannot draw, or `c` itself when the pact has
/// none (text the layout made).
pub(crate) fn refused(p: &Pacte, doc: &Document, c: char) -> Problems {
    let mut draws = drawable(doc.theme.fonts());
    let mut problems = Vec::new();
    each_string(&serialised(p), |s| {
        problems.extend(undrawable(&s, &mut draws));
    });
    if problems.is_empty() {
        problems.push(Problem {
            path: "document".to_string(),
            message: not_drawn(c),
        });
    }
    Problems(problems)
}
