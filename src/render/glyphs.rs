//! The characters a render cannot draw: each one that no face of the document's family
//! (nor a fallback) has, with the JSON path of its place. Control characters are the
//! model's to report (`model::validate`). [`undrawable`] is part of validation; a render
//! checks its glyphs instead ([`refused`]), and only looks for the characters when one of
//! them is `.notdef`.

use crate::font::{Coverage, FontFamily, Variant};
use crate::layout::document::Document;
use crate::layout::draw::Draw;
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

/// `None` when the laid-out `doc` draws no `.notdef` glyph (what [`Pacte::validate_with`]
/// ensures of a valid pact; checked on the glyphs, which costs little beside a render);
/// else the characters of `p` its family cannot draw, or those of the glyphs themselves
/// when the pact has none (text the layout made).
pub(crate) fn refused(p: &Pacte, doc: &Document) -> Option<Problems> {
    let family = doc.theme.fonts();
    let notdef = doc
        .pages
        .iter()
        .flat_map(|page| &page.draws)
        .find_map(|d| {
            let (variant, glyphs) = match d {
                Draw::Text {
                    variant, glyphs, ..
                } => (*variant, glyphs),
                Draw::HiddenText { glyphs, .. } => (Variant::Regular, glyphs),
                _ => return None,
            };
            glyphs.iter().find(|g| family.locate(variant, g.gid).1 == 0)
        })?;
    let mut problems = undrawable(p, family);
    if problems.is_empty() {
        let c = notdef.text.as_str().chars().next().unwrap_or('\u{FFFD}');
        problems.push(Problem {
            path: "document".to_string(),
            message: format!(
                "character {} cannot be drawn by the document's fonts",
                shown(c)
            ),
        });
    }
    Some(Problems(problems))
}
