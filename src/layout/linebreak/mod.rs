//! Total-fit line breaking (Knuth & Plass, *Breaking Paragraphs into Lines*, 1981).
//!
//! A paragraph is a list of [`Item`]s: boxes (material of fixed width: a word or a part
//! of a word), glue (a space that can stretch and shrink) and penalties (a possible break
//! with a cost; a flagged penalty is a hyphenation point). [`break_lines`] chooses the
//! breaks that minimise the total demerits of the paragraph, in time linear in the
//! paragraph's length in practice (active nodes are dropped as soon as a line from them
//! would be overfull).
//!
//! Semantics are TeX's:
//! - a break may happen at a penalty whose value is below [`INFINITY`] (a penalty `>=
//!   INFINITY` forbids a break, one `<= -INFINITY` forces it), or at a glue that directly
//!   follows a box; a break at a penalty adds the penalty's width to the line (the hyphen);
//! - the glue and non-forced penalties after a break are discarded: the next line starts at
//!   the next box (or forced penalty);
//! - a paragraph ends with [`paragraph_end`]: `Penalty(INFINITY)`, `Glue(0, ∞, 0)`,
//!   `Penalty(-INFINITY)`. Input without a final forced break is treated as if it ended with
//!   one (the last [`Line::end`] is then `items.len()`), and its last line is set ragged.
//!
//! Three passes: without hyphenation at [`Params::pretolerance`], with hyphenation at
//! [`Params::tolerance`], then an emergency pass that always succeeds (any loose line is
//! accepted, and a line that cannot fit — a box wider than the line — is set overfull and
//! flagged [`Line::overfull`]). [`break_lines`] never panics: non-finite or negative widths
//! are sanitised.
//!
//! Letter spacing, as a second tier of stretch: a justified line's spaces stretch alone up
//! to [`Params::letters_stretch_above`]; beyond it, the letters take the extra width, up to
//! [`Params::letter_stretch`] of their advances, before the spaces stretch again
//! ([`Line::tracking`]). Letter spacing only makes a line feasible: the search rates a line
//! by the ratio its spaces would need alone, so the breaks are those chosen without it
//! (hyphenation keeps its place), and a line beyond the tolerance without it becomes
//! feasible in the second pass rather than the emergency one. The first pass (at a
//! pretolerance under that ratio) never sees it.
//!
//! One job per file: [`Item`] and [`Params`] (the input, `items.rs`), the sanitised
//! paragraph and the measure of a line (`measure.rs`), the demerits of a line
//! (`demerits.rs`), the search for the best breaks (`search.rs`), the resulting [`Line`]s
//! (`lines.rs`).

mod demerits;
mod items;
mod lines;
mod measure;
mod search;

#[cfg(test)]
use demerits::{badness, fitness, Costs};
#[cfg(test)]
pub use items::paragraph_end;
pub use items::{Item, Params};
pub use lines::Line;
#[cfg(test)]
use measure::Kind;
use measure::{finite_or, Paragraphe};

/// Penalty value meaning "never break here"; its negation forces a break.
pub const INFINITY: f32 = 10_000.0;

/// Cost of breaking at a hyphenation point (TeX's `\hyphenpenalty`, 50 there). Chosen by
/// rendering both fixtures and five départements with values from 50 to 500
/// (tests/hyphenation.rs prints the figures): at 400, Vaucluse has 43 hyphenated lines
/// (83 at 50 under the same rules; Typst 0.15 about 35) and no more loose lines than at 50
/// (its loose lines are first lines that no penalty can help: the next word may not be
/// hyphenated).
pub const HYPHEN_PENALTY: f32 = 400.0;

/// Cost of breaking a compound after its own hyphen (TeX's `\exhyphenpenalty`): cheaper
/// than a hyphenation point, so a compound breaks at its hyphen rather than inside a part.
pub const EXPLICIT_HYPHEN_PENALTY: f32 = 50.0;

/// Cost of a hyphenation point inside a part of a compound (« socio-profession-nelle »):
/// dearer than the compound's own hyphen.
pub const COMPOUND_PART_HYPHEN_PENALTY: f32 = 600.0;

/// Cost of breaking a proper name at its own hyphen (« Bouches-/du-Rhône »): taken only
/// when nothing else fits.
pub const PROPER_NAME_HYPHEN_PENALTY: f32 = 2000.0;

/// Most lines in a row ending with a hyphen (French typographic practice: no more than
/// two); see [`Params::max_consecutive_hyphens`].
pub const MAX_CONSECUTIVE_HYPHENS: u8 = 2;

/// Cost of breaking after a slash or a dash, where no space is.
pub const BREAK_WITHOUT_SPACE_PENALTY: f32 = 80.0;

/// Cost of cutting a word wider than the column between two of its glyph clusters.
pub const OVERWIDE_CUT_PENALTY: f32 = 900.0;

/// Adjustment ratio up to which a justified line's spaces stretch alone (see
/// [`Params::letter_stretch`]): at 1.5, with a space stretching by 0.6 of its width, a
/// space is at most 1.9 times its natural width before the letters take their share (a
/// typographer calls a space over twice its width a loose line).
pub const LETTERS_STRETCH_ABOVE: f32 = 1.5;

/// How much a justified line's letters may be spaced when its spaces would be stretched
/// past [`LETTERS_STRETCH_ABOVE`], as a fraction of each glyph's advance: 4 %, about 0.02
/// em for a letter of the body text (0.2 pt at 10 pt), under what the eye reads as
/// letter-spaced. It sets the lines that no break can help — the first line of a
/// paragraph whose next word may not be hyphenated (a capitalised word, the paragraph's
/// last word) — with spaces under twice their width: Vaucluse went from 7 loose lines to 2
/// (tests/hyphenation.rs prints them), with nearly the same breaks.
pub const LETTER_STRETCH: f32 = 0.04;

/// Breaks `items` into lines of width `line_width(i)` (`i` = 0 for the first line),
/// minimising total demerits (Knuth–Plass). Always returns a breaking, never panics:
/// empty input gives no line.
///
/// `line_width` must be deterministic: it is called once for each line index from 0 up to
/// the number of break opportunities (a bound on the number of lines), so that lines
/// beyond the last change of width are recognised as equivalent (which keeps the search
/// linear).
pub fn break_lines(
    items: &[Item],
    line_width: impl Fn(usize) -> f32,
    params: &Params,
) -> Vec<Line> {
    let p = Paragraphe::new(items, &line_width).with_letters(params);
    if p.its.is_empty() {
        return Vec::new();
    }
    let pretol = f64::from(finite_or(params.pretolerance, -1.0));
    let tol = f64::from(finite_or(params.tolerance, 2.0)).max(0.0);
    let passes = [
        (pretol, false, false),
        (tol, true, false),
        (f64::INFINITY, true, true),
    ];
    for (tolerance, hyphens, emergency) in passes {
        if tolerance < 0.0 {
            continue;
        }
        if let Some(breaks) = p.pass(params, tolerance, hyphens, emergency) {
            return p.lines(&breaks);
        }
    }
    greedy(items, line_width)
}

/// The first pass of [`break_lines`] alone: the lines it gives when `params.pretolerance`
/// is met without hyphenation, or `None` (a negative pretolerance always gives `None`).
///
/// A caller that knows its hyphenation points are costly to find can try this on items
/// without them first, and build them only when it fails: since the first pass ignores
/// hyphenation points, it breaks the same way with or without them.
pub fn first_pass(
    items: &[Item],
    line_width: impl Fn(usize) -> f32,
    params: &Params,
) -> Option<Vec<Line>> {
    let pretol = f64::from(finite_or(params.pretolerance, -1.0));
    if pretol < 0.0 {
        return None;
    }
    let p = Paragraphe::new(items, &line_width).with_letters(params);
    if p.its.is_empty() {
        return Some(Vec::new());
    }
    p.pass(params, pretol, false, false)
        .map(|breaks| p.lines(&breaks))
}

/// First-fit line breaking: each line takes as much as fits (fully shrunk), breaking at
/// the last opportunity that fits; a line that cannot fit anything takes up to the first
/// opportunity and is overfull. For comparison with [`break_lines`].
pub fn greedy(items: &[Item], line_width: impl Fn(usize) -> f32) -> Vec<Line> {
    let p = Paragraphe::new(items, &line_width);
    let n = p.its.len();
    let mut breaks = Vec::new();
    let mut start = 0;
    while n > 0 && start < n {
        let line = breaks.len();
        let w = p.width(line);
        let mut fit = None;
        let mut first = None;
        for b in start..n {
            if !p.legal(b, true) {
                continue;
            }
            first.get_or_insert(b);
            let m = p.measure(start, b, w);
            if m.raw < -1.0 {
                break;
            }
            fit = Some(b);
            if p.its[b].forced() {
                break;
            }
        }
        let b = fit.or(first).unwrap_or(n - 1);
        breaks.push(b);
        if b + 1 >= n {
            break;
        }
        start = p.next_start[b + 1];
    }
    p.lines(&breaks)
}

#[cfg(test)]
mod tests;
