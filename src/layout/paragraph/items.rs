//! A paragraph's runs as Knuth–Plass items (boxes, glue, penalties) and, in parallel, what
//! each item draws.
//!
//! Hyphenation as a typographer sets it: the points of a word come from `text::hyphen`
//! (no capitalised word, no short word); here, the last word before a forced break (the
//! paragraph's last word) keeps its points unused, a compound is broken at its own hyphen
//! rather than inside a part (a point inside a part costs more), and a compound holding a
//! capital (a proper name: « Bouches-du-Rhône ») is broken at its hyphens only when
//! nothing else fits.

use super::{Align, ParaStyle};
use crate::font::Variant;
use crate::layout::draw::PlacedGlyph;
use crate::layout::linebreak::{self, Item};
use crate::layout::words::Words;
use crate::text::Run;

#[derive(Clone)]
pub(super) struct Frag {
    pub(super) variant: Variant,
    pub(super) size: f32,
    pub(super) rise: f32,
    pub(super) link: Option<String>,
    /// A footnote's call.
    pub(super) note: bool,
    /// The piece's glyphs: `glyphs[start..end]` of its paragraph's [`Built::glyphs`].
    pub(super) start: u32,
    pub(super) end: u32,
}

impl Frag {
    /// The glyphs this piece draws, of its paragraph's `glyphs`.
    pub(super) fn glyphs<'a>(&self, glyphs: &'a [PlacedGlyph]) -> &'a [PlacedGlyph] {
        &glyphs[self.start as usize..self.end as usize]
    }
}

pub(super) enum Payload {
    Frag(Frag),
    Space { variant: Variant, size: f32 },
    Hyphen { variant: Variant, size: f32 },
    None,
}

/// The text of a space glyph.
pub(super) const SPACE: crate::font::GlyphText = crate::font::GlyphText::SPACE;

/// How much a justified line's space may shrink, as a fraction of its width: a third, as
/// TeX's and Typst's (a space no narrower than two thirds of its width).
const JUSTIFY_SHRINK: f32 = 1.0 / 3.0;

const SUPERSCRIPT_SCALE: f32 = 0.64;
const SUPERSCRIPT_RISE: f32 = 0.36;
fn variant_of(run: &Run) -> Variant {
    Variant::of(run.style.bold, run.style.italic)
}

/// A paragraph's Knuth–Plass items and, in parallel, what each item draws.
pub(super) struct Built {
    pub(super) items: Vec<Item>,
    pub(super) payloads: Vec<Payload>,
    /// The glyphs of the paragraph's words, each word's copied once from the words' memo
    /// (rather than each piece holding a counted reference to them, whose counting cost
    /// more than the copy).
    pub(super) glyphs: Vec<PlacedGlyph>,
    /// Whether a piece of a word was wider than the column (and was cut between glyphs).
    pub(super) overwide: bool,
}

/// Builds the Knuth–Plass items and, in parallel, what each item draws.
pub(super) fn build_items(runs: &[Run], width: f32, style: &ParaStyle, words: &mut Words) -> Built {
    let (full, spans) = joined(runs);
    // About a box, a glue and a hyphenation point per six bytes of text.
    let mut built = Built {
        items: Vec::with_capacity(full.len() / 2 + 4),
        payloads: Vec::with_capacity(full.len() / 2 + 4),
        glyphs: Vec::with_capacity(full.len()),
        overwide: false,
    };
    if full.trim().is_empty() {
        return built;
    }
    for seg in segments(&full) {
        let hyphen_penalty = match seg.compound {
            Compound::No => linebreak::HYPHEN_PENALTY,
            _ => linebreak::COMPOUND_PART_HYPHEN_PENALTY,
        };
        // Content, split by run.
        for &(s, e, ri) in &spans {
            let (a, b) = (s.max(seg.start), e.min(seg.content_end));
            if a >= b {
                continue;
            }
            let overwide = push_text(
                &full[a..b],
                &runs[ri],
                width,
                style,
                words,
                hyphen_penalty,
                &mut built,
            );
            built.overwide |= overwide;
        }
        match seg.end {
            End::Forced => built.push_forced_break(),
            End::Space => {
                let run = spans
                    .iter()
                    .find(|&&(s, e, _)| seg.content_end >= s && seg.content_end < e)
                    .map(|&(_, _, r)| &runs[r])
                    .or(runs.last());
                built.push_space(run, style, words);
            }
            End::NoSpace => built.push_break_without_space(seg.hyphen, seg.compound),
        }
    }
    built
}

/// How a segment (text between two UAX #14 break opportunities) ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum End {
    /// A mandatory break (a line separator, the paragraph's end).
    Forced,
    /// A space.
    Space,
    /// No space: after a hard hyphen, a slash, a dash.
    NoSpace,
}

/// Whether a segment is a part of a hard-hyphenated compound, and of which kind.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Compound {
    /// Not a part of a compound.
    No,
    /// A part of a compound of lower-case words (« co-financement »).
    Common,
    /// A part of a compound holding a capital: a proper name (« Bouches-du-Rhône »).
    Proper,
}

/// A piece of the paragraph's text with no break opportunity inside (but hyphenation
/// points).
#[derive(Clone, Copy, Debug)]
struct Segment {
    start: usize,
    /// End of its content (its trailing spaces excluded).
    content_end: usize,
    end: End,
    /// Whether its content ends with a hard hyphen.
    hyphen: bool,
    compound: Compound,
}

/// The segments of `full` between UAX #14 break opportunities, each with the kind of
/// compound it belongs to (a compound: segments joined by breaks after hard hyphens).
fn segments(full: &str) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    let mut prev = 0;
    for (idx, opportunity) in unicode_linebreak::linebreaks(full) {
        let content_end = prev
            + full[prev..idx]
                .trim_end_matches([' ', '\n', '\t', '\u{2028}'])
                .len();
        let trailing = &full[content_end..idx];
        let end = if matches!(opportunity, unicode_linebreak::BreakOpportunity::Mandatory) {
            End::Forced
        } else if trailing.contains([' ', '\n', '\t']) {
            End::Space
        } else {
            End::NoSpace
        };
        let hyphen = end == End::NoSpace && full[..content_end].ends_with(['-', '\u{2010}']);
        segs.push(Segment {
            start: prev,
            content_end,
            end,
            hyphen,
            compound: Compound::No,
        });
        prev = idx;
    }
    // Compounds: maximal runs of segments each ending with a hard hyphen, and the next one.
    let mut first = 0;
    while first < segs.len() {
        let mut last = first;
        while segs[last].hyphen && last + 1 < segs.len() {
            last += 1;
        }
        if last > first {
            let text = &full[segs[first].start..segs[last].content_end];
            let kind = if text.chars().any(char::is_uppercase) {
                Compound::Proper
            } else {
                Compound::Common
            };
            segs[first..=last]
                .iter_mut()
                .for_each(|s| s.compound = kind);
        }
        first = last + 1;
    }
    segs
}

/// The paragraph's text, and the bytes of each non-empty run: (start, end, run index).
fn joined(runs: &[Run]) -> (String, Vec<(usize, usize, usize)>) {
    let mut full = String::new();
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        if r.text.is_empty() {
            continue;
        }
        let start = full.len();
        full.push_str(&r.text);
        spans.push((start, full.len(), i));
    }
    (full, spans)
}

impl Built {
    /// A forced break (line separator or end of paragraph). The word before it is not
    /// hyphenated: its hyphenation points are made breaks never taken.
    fn push_forced_break(&mut self) {
        for (item, payload) in self.items.iter_mut().zip(&self.payloads).rev() {
            match (item, payload) {
                (Item::Glue { .. }, _) => break,
                (Item::Penalty { penalty, .. }, Payload::Hyphen { .. }) => {
                    *penalty = linebreak::INFINITY;
                }
                _ => {}
            }
        }
        // No break at the fill: the last line is never an empty one.
        self.items
            .push(Item::break_point(linebreak::INFINITY, false));
        self.payloads.push(Payload::None);
        self.items.push(Item::line_end_fill());
        self.payloads.push(Payload::None);
        self.items.push(Item::forced_break());
        self.payloads.push(Payload::None);
    }

    /// An inter-word space in the face of `run`.
    fn push_space(&mut self, run: Option<&Run>, style: &ParaStyle, words: &mut Words) {
        let variant = run.map(variant_of).unwrap_or(Variant::Regular);
        let size = style.size;
        let space = words.mark_width(variant, size, " ");
        let (stretch, shrink) = match style.align {
            Align::Justify => (space * 0.6, space * JUSTIFY_SHRINK),
            _ => (space * 0.6, space * 0.2),
        };
        self.items.push(Item::Glue {
            width: space,
            stretch,
            shrink,
        });
        self.payloads.push(Payload::Space { variant, size });
    }

    /// A break where no space is: after a hard hyphen (`hyphen_end`) of a `compound`, a
    /// slash, a dash.
    fn push_break_without_space(&mut self, hyphen_end: bool, compound: Compound) {
        let penalty = match (hyphen_end, compound) {
            (false, _) => linebreak::BREAK_WITHOUT_SPACE_PENALTY,
            (true, Compound::Proper) => linebreak::PROPER_NAME_HYPHEN_PENALTY,
            (true, _) => linebreak::EXPLICIT_HYPHEN_PENALTY,
        };
        self.items.push(Item::break_point(penalty, hyphen_end));
        self.payloads.push(Payload::None);
    }
}

/// How much wider than the column a word may be and still be set whole, pt: a hair no reader
/// sees, for the last bits in which two measures of the same word differ (a table's column is
/// as wide as its widest word, measured whole; the paragraph adds up the word's glyphs).
const FIT: f32 = 0.01;

/// Adds the boxes of one run's text inside a segment (no break opportunity inside, except
/// hyphenation points, costing `hyphen_penalty`, and, for over-wide words, grapheme
/// boundaries). Returns whether a piece was wider than the column.
fn push_text(
    text: &str,
    run: &Run,
    width: f32,
    style: &ParaStyle,
    words: &mut Words,
    hyphen_penalty: f32,
    built: &mut Built,
) -> bool {
    let Built {
        items,
        payloads,
        glyphs: all,
        ..
    } = built;
    let variant = variant_of(run);
    let (size, rise) = if run.style.superscript {
        (
            style.size * SUPERSCRIPT_SCALE,
            style.size * SUPERSCRIPT_RISE,
        )
    } else {
        (style.size, 0.0)
    };
    let hyphenate = style.hyphenate && !run.style.superscript && run.link.is_none();
    let word = words.word(variant, size, hyphenate, text);
    let pieces = word.pieces();
    let hyphen_width = if pieces.len() > 1 {
        words.mark_width(variant, size, "-")
    } else {
        0.0
    };
    let mut overwide = false;
    let offset = all.len();
    all.extend_from_slice(&word.glyphs);
    let frag = |start: usize, end: usize| {
        Payload::Frag(Frag {
            variant,
            size,
            rise,
            link: run.link.clone(),
            note: run.style.note,
            start: (offset + start) as u32,
            end: (offset + end) as u32,
        })
    };
    for (n, piece) in pieces.iter().enumerate() {
        if n > 0 {
            items.push(Item::hyphen(hyphen_width, hyphen_penalty));
            payloads.push(Payload::Hyphen { variant, size });
        }
        let (first, past) = (piece.start as usize, piece.end as usize);
        if piece.width <= width + FIT || past - first <= 1 {
            items.push(Item::Box { width: piece.width });
            payloads.push(frag(first, past));
            continue;
        }
        // Too wide for any line: cut it where glyph clusters start, as late as fits.
        overwide = true;
        let glyphs = &word.glyphs[..past];
        let mut start = first;
        while start < past {
            let mut w = 0.0;
            let mut end = start;
            while end < past && (end == start || w + glyphs[end].advance <= width + FIT) {
                w += glyphs[end].advance;
                end += 1;
            }
            while end < past && end > start + 1 && glyphs[end].text.is_empty() {
                end -= 1; // never split a cluster
            }
            let w: f32 = glyphs[start..end].iter().map(|g| g.advance).sum();
            items.push(Item::Box { width: w });
            payloads.push(frag(start, end));
            if end < past {
                items.push(Item::break_point(linebreak::OVERWIDE_CUT_PENALTY, false));
                payloads.push(Payload::None);
            }
            start = end;
        }
    }
    overwide
}
