//! A paragraph: styled runs → boxes, glue and penalties → total-fit lines → placed glyphs.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`), so no-break spaces put by the
//! French typography stage hold; words are hyphenated with French patterns; a word wider than
//! the column is broken between graphemes, so no line is ever wider than its column.

use super::cache::TextCache;
use super::draw::{Draw, LinkTarget, PlacedGlyph, Role};
use super::linebreak::{self, break_lines, first_pass, Item, Line, Params};
use super::theme::Rgb;
use crate::font::Variant;
use crate::text::Run;
use std::sync::Arc;

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

/// A piece of a box: glyphs of one style.
#[derive(Clone)]
struct Frag {
    variant: Variant,
    size: f32,
    rise: f32,
    link: Option<String>,
    /// The word's glyphs, of which this piece draws `glyphs[start..end]`.
    glyphs: Arc<[PlacedGlyph]>,
    start: u32,
    end: u32,
}

impl Frag {
    /// The glyphs this piece draws.
    fn glyphs(&self) -> &[PlacedGlyph] {
        &self.glyphs[self.start as usize..self.end as usize]
    }
}

enum Payload {
    Frag(Frag),
    Space { variant: Variant, size: f32 },
    Hyphen { variant: Variant, size: f32 },
    None,
}

/// The text of a space glyph.
const SPACE: crate::font::GlyphText = crate::font::GlyphText::SPACE;

const SUPERSCRIPT_SCALE: f32 = 0.64;
const SUPERSCRIPT_RISE: f32 = 0.36;

/// Lays out `runs` in a column `width` wide. Returns the lines, top to bottom; y of each line's baseline is `ascent` below
/// its top, with `style.leading` between lines.
///
/// A short paragraph to hyphenate is first broken without hyphenation points: the first
/// pass of the line breaker ignores them, and it sets most short paragraphs, whose words
/// then need no hyphenation at all. Only when that pass fails are the words cut at their
/// points, for the passes that use them. The lines are the same either way (but for the
/// rounding of sums of widths, a millionth of a point).
pub fn layout(runs: &[Run], width: f32, style: &ParaStyle, cache: &mut TextCache) -> Vec<LineBox> {
    layout_trying(runs, width, style, cache, TRY_UNHYPHENATED_BELOW)
}

/// [`layout`], trying without hyphenation points first below `try_below` likely lines.
fn layout_trying(
    runs: &[Run],
    width: f32,
    style: &ParaStyle,
    cache: &mut TextCache,
    try_below: f32,
) -> Vec<LineBox> {
    let mut params = Params::default();
    if style.hyphenate && likely_lines(runs, width, style) < try_below {
        let plain = ParaStyle {
            hyphenate: false,
            ..*style
        };
        let built = build_items(runs, width, &plain, cache);
        if built.items.is_empty() {
            return Vec::new();
        }
        // A word wider than the column is cut between its letters in the plain items, but
        // at its hyphenation points in the others: the first pass would differ.
        if !built.overwide {
            if let Some(lines) = first_pass(&built.items, |_| width, &params) {
                return draw_lines(&built, &lines, width, style, cache);
            }
            // It failed, and would fail again on the hyphenated items.
            params.pretolerance = -1.0;
        }
    }
    let built = build_items(runs, width, style, cache);
    if built.items.is_empty() {
        return Vec::new();
    }
    let lines = break_lines(&built.items, |_| width, &params);
    draw_lines(&built, &lines, width, style, cache)
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
    cache: &mut TextCache,
) -> Vec<LineBox> {
    let ascent = style.size * style.ascent;
    lines
        .iter()
        .map(|line| {
            draw_line(
                &built.items,
                &built.payloads,
                line.start,
                line.end,
                line.ratio,
                width,
                ascent,
                style,
                cache,
            )
        })
        .collect()
}

fn variant_of(run: &Run) -> Variant {
    Variant::of(run.style.bold, run.style.italic)
}

/// A paragraph's Knuth–Plass items and, in parallel, what each item draws.
struct Built {
    items: Vec<Item>,
    payloads: Vec<Payload>,
    /// Whether a piece of a word was wider than the column (and was cut between glyphs).
    overwide: bool,
}

/// Builds the Knuth–Plass items and, in parallel, what each item draws.
fn build_items(runs: &[Run], width: f32, style: &ParaStyle, cache: &mut TextCache) -> Built {
    // The paragraph's text, and which run each byte belongs to.
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
    // About a box, a glue and a hyphenation point per six bytes of text.
    let mut items = Vec::with_capacity(full.len() / 2 + 4);
    let mut payloads = Vec::with_capacity(full.len() / 2 + 4);
    let mut overwide = false;
    if full.trim().is_empty() {
        return Built {
            items,
            payloads,
            overwide,
        };
    }
    let mut prev = 0;
    let breaks: Vec<(usize, unicode_linebreak::BreakOpportunity)> =
        unicode_linebreak::linebreaks(&full).collect();
    for (idx, opportunity) in breaks {
        let segment = &full[prev..idx];
        let content_end = prev
            + segment
                .trim_end_matches([' ', '\n', '\t', '\u{2028}'])
                .len();
        // Content, split by run.
        for &(s, e, ri) in &spans {
            let (a, b) = (s.max(prev), e.min(content_end));
            if a >= b {
                continue;
            }
            let run = &runs[ri];
            overwide |= push_text(
                &full[a..b],
                run,
                width,
                style,
                cache,
                &mut items,
                &mut payloads,
            );
        }
        let trailing = &full[content_end..idx];
        let mandatory = matches!(opportunity, unicode_linebreak::BreakOpportunity::Mandatory);
        let run_at = |pos: usize| {
            spans
                .iter()
                .find(|&&(s, e, _)| pos >= s && pos < e)
                .map(|&(_, _, r)| &runs[r])
        };
        if mandatory {
            // Forced break (line separator or end of paragraph).
            items.push(Item::line_end_fill());
            payloads.push(Payload::None);
            items.push(Item::forced_break());
            payloads.push(Payload::None);
        } else if trailing.contains(' ') || trailing.contains('\n') || trailing.contains('\t') {
            let run = run_at(content_end).or(runs.last());
            let variant = run.map(variant_of).unwrap_or(Variant::Regular);
            let size = style.size;
            let space = cache.mark_width(variant, size, " ");
            let (stretch, shrink) = match style.align {
                Align::Justify => (space * 0.6, space * 0.3),
                _ => (space * 0.6, space * 0.2),
            };
            items.push(Item::Glue {
                width: space,
                stretch,
                shrink,
            });
            payloads.push(Payload::Space { variant, size });
        } else {
            // A break with no space: after a hard hyphen, a slash, a dash.
            let hyphen_end = full[..content_end].ends_with(['-', '\u{2010}']);
            let penalty = if hyphen_end {
                linebreak::HYPHEN_PENALTY
            } else {
                linebreak::BREAK_WITHOUT_SPACE_PENALTY
            };
            items.push(Item::break_point(penalty, hyphen_end));
            payloads.push(Payload::None);
        }
        prev = idx;
    }
    Built {
        items,
        payloads,
        overwide,
    }
}

/// Adds the boxes of one run's text inside a segment (no break opportunity inside, except
/// hyphenation points and, for over-wide words, grapheme boundaries). Returns whether a
/// piece was wider than the column.
fn push_text(
    text: &str,
    run: &Run,
    width: f32,
    style: &ParaStyle,
    cache: &mut TextCache,
    items: &mut Vec<Item>,
    payloads: &mut Vec<Payload>,
) -> bool {
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
    let word = cache.word(variant, size, hyphenate, text);
    let pieces = word.pieces();
    let hyphen_width = if pieces.len() > 1 {
        cache.mark_width(variant, size, "-")
    } else {
        0.0
    };
    let mut overwide = false;
    let frag = |start: usize, end: usize| {
        Payload::Frag(Frag {
            variant,
            size,
            rise,
            link: run.link.clone(),
            glyphs: word.glyphs.clone(),
            start: start as u32,
            end: end as u32,
        })
    };
    for (n, piece) in pieces.iter().enumerate() {
        if n > 0 {
            items.push(Item::hyphen(hyphen_width, linebreak::HYPHEN_PENALTY));
            payloads.push(Payload::Hyphen { variant, size });
        }
        let (first, past) = (piece.start as usize, piece.end as usize);
        if piece.width <= width || past - first <= 1 {
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
            while end < past && (end == start || w + glyphs[end].advance <= width) {
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

#[allow(clippy::too_many_arguments)]
fn draw_line(
    items: &[Item],
    payloads: &[Payload],
    start: usize,
    end: usize,
    ratio: f32,
    width: f32,
    ascent: f32,
    style: &ParaStyle,
    cache: &mut TextCache,
) -> LineBox {
    // Skip discardable items at the start of the line.
    let mut first = start;
    while first < end && !matches!(items[first], Item::Box { .. }) {
        first += 1;
    }
    let ratio = match style.align {
        Align::Justify => ratio.clamp(-1.0, 3.0),
        _ => ratio.clamp(-1.0, 0.0),
    };
    let hyphen_at_end = end < items.len() && matches!(payloads[end], Payload::Hyphen { .. });
    let mut last = end;
    while last > first && !matches!(items[last - 1], Item::Box { .. }) {
        last -= 1;
    }
    // Natural and adjusted widths.
    let mut used = 0.0;
    let mut pieces: Vec<(f32, usize)> = Vec::with_capacity(last - first); // (width, item index)
    for (i, item) in items.iter().enumerate().take(last).skip(first) {
        let w = match *item {
            Item::Box { width } => width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                width
                    + if ratio >= 0.0 {
                        ratio * stretch
                    } else {
                        ratio * shrink
                    }
            }
            Item::Penalty { .. } => 0.0,
        };
        used += w;
        pieces.push((w, i));
    }
    let hyphen = if hyphen_at_end {
        if let Payload::Hyphen { variant, size } = payloads[end] {
            let shaped = cache.shaper.shape(variant, "-");
            let scale = size / cache.shaper.units_per_em(variant);
            let g = PlacedGlyph::from_shaped(&shaped.glyphs, scale);
            used += g.iter().map(|g| g.advance).sum::<f32>();
            Some((variant, size, g))
        } else {
            None
        }
    } else {
        None
    };
    let mut x = match style.align {
        Align::Center => ((width - used) / 2.0).max(0.0),
        Align::Right => (width - used).max(0.0),
        _ => 0.0,
    };
    let mut draws: Vec<Draw> = Vec::with_capacity(2);
    let mut links: Vec<(f32, f32, String)> = Vec::new();
    // The open Text draw's face, size and rise.
    let mut current: Option<(Variant, f32, f32)> = None;
    // Glyphs of the line from the current piece on (words, and a glyph per space): the room
    // a new Text draw reserves.
    let glyph_count = |j: usize| match &payloads[j] {
        Payload::Frag(f) => (f.end - f.start) as usize,
        _ => 1,
    };
    let mut room: usize = pieces.iter().map(|&(_, j)| glyph_count(j)).sum();
    for (k, &(w, i)) in pieces.iter().enumerate() {
        let here = glyph_count(i);
        match &payloads[i] {
            Payload::Frag(f) => {
                let same = current == Some((f.variant, f.size, f.rise));
                if !same {
                    draws.push(Draw::Text {
                        x,
                        y: ascent - f.rise,
                        variant: f.variant,
                        size: f.size,
                        color: style.color,
                        glyphs: Vec::with_capacity(room + 1),
                        role: style.role,
                        angle: 0.0,
                    });
                    current = Some((f.variant, f.size, f.rise));
                }
                if let Some(Draw::Text { glyphs, .. }) = draws.last_mut() {
                    glyphs.extend_from_slice(f.glyphs());
                }
                if let Some(url) = &f.link {
                    links.push((x, w, url.clone()));
                }
            }
            Payload::Space { variant, size } => {
                // A real space glyph, stretched to the glue's width: text extraction sees words.
                let next_is_box = pieces.get(k + 1).is_some();
                if next_is_box {
                    if let Some(Draw::Text { glyphs, .. }) = draws.last_mut() {
                        if let Some((gid, nominal)) = cache.space_glyph(*variant) {
                            let scale = size / cache.shaper.units_per_em(*variant);
                            glyphs.push(PlacedGlyph {
                                gid,
                                text: SPACE,
                                advance: w,
                                nominal: nominal as f32 * scale,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        x += w;
        room -= here;
    }
    if let Some((variant, size, g)) = hyphen {
        if current == Some((variant, size, 0.0)) {
            if let Some(Draw::Text { glyphs, .. }) = draws.last_mut() {
                glyphs.extend(g);
            }
        } else {
            draws.push(Draw::Text {
                x,
                y: ascent,
                variant,
                size,
                color: style.color,
                glyphs: g,
                role: style.role,
                angle: 0.0,
            });
        }
    }
    // Merge adjacent link pieces and add link areas.
    let mut merged: Vec<(f32, f32, String)> = Vec::new();
    for (lx, lw, url) in links {
        match merged.last_mut() {
            Some((mx, mw, murl)) if *murl == url && (*mx + *mw - lx).abs() < 8.0 => {
                *mw = lx + lw - *mx
            }
            _ => merged.push((lx, lw, url)),
        }
    }
    for (lx, lw, url) in merged {
        draws.push(Draw::Link {
            x: lx,
            y: 0.0,
            w: lw,
            h: style.leading,
            target: LinkTarget::Uri(url),
        });
    }
    LineBox {
        draws,
        width: used.min(width),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Style;

    fn run(t: &str) -> Run {
        Run {
            text: t.into(),
            style: Style::default(),
            link: None,
        }
    }

    fn style() -> ParaStyle {
        ParaStyle {
            size: 10.0,
            leading: 14.0,
            ascent: 0.95,
            color: Rgb(0.0, 0.0, 0.0),
            align: Align::Justify,
            hyphenate: true,
            role: Role::Paragraph,
        }
    }

    fn line_width(l: &LineBox) -> f32 {
        let mut right: f32 = 0.0;
        for d in &l.draws {
            if let Draw::Text { x, glyphs, .. } = d {
                let w: f32 = glyphs.iter().map(|g| g.advance).sum();
                let trailing_space = glyphs.last().map(|g| &*g.text == " ").unwrap_or(false);
                right = right.max(
                    x + w
                        - if trailing_space {
                            glyphs.last().map(|g| g.advance).unwrap_or(0.0)
                        } else {
                            0.0
                        },
                );
            }
        }
        right
    }

    #[test]
    fn no_line_wider_than_its_column() {
        let mut sh = TextCache::new();
        let text = "Le Conseil départemental, en tant que chef de file dans la définition et la conduite des politiques d’insertion, détient une importante responsabilité en matière de programmation et de coordination des interventions à destination des bénéficiaires du RSA. Anticonstitutionnellementextraordinairementinterminablementinsupportable.";
        for width in [60.0, 120.0, 250.0, 460.0] {
            let lines = layout(&[run(text)], width, &style(), &mut sh);
            assert!(lines.len() > 1);
            for l in &lines {
                assert!(
                    line_width(l) <= width + 0.01,
                    "line {} wider than {width}",
                    line_width(l)
                );
            }
        }
    }

    #[test]
    fn justified_lines_fill_the_column_but_the_last() {
        let mut sh = TextCache::new();
        let text = "La loi du 1er décembre 2008, instituant le Revenu de Solidarité Active et réformant les politiques d’insertion, confie aux Conseils généraux la mise en œuvre du Programme départemental d’insertion par un Pacte territorial d’insertion avec ses principaux partenaires.";
        let lines = layout(&[run(text)], 200.0, &style(), &mut sh);
        for l in &lines[..lines.len() - 1] {
            assert!((line_width(l) - 200.0).abs() < 1.0, "{}", line_width(l));
        }
        assert!(line_width(lines.last().unwrap()) < 200.0);
    }

    /// The same glyphs, placed the same to a thousandth of a point (the ratio of a line
    /// comes from sums of box widths, which a word cut into pieces adds in another order).
    fn same_draw(a: &Draw, b: &Draw) -> bool {
        let near = |x: f32, y: f32| (x - y).abs() < 1e-3;
        match (a, b) {
            (
                Draw::Text {
                    x: xa, glyphs: ga, ..
                },
                Draw::Text {
                    x: xb, glyphs: gb, ..
                },
            ) => {
                near(*xa, *xb)
                    && ga.len() == gb.len()
                    && ga.iter().zip(gb).all(|(p, q)| {
                        p.gid == q.gid && p.text == q.text && near(p.advance, q.advance)
                    })
            }
            _ => a == b,
        }
    }

    /// Every text of the Vaucluse fixture, in columns from narrow to wide: whether or not a
    /// paragraph is first tried without hyphenation points, its lines are the same.
    #[test]
    fn trying_without_hyphenation_first_changes_no_line() {
        fn texts(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) if s.len() > 20 => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
                serde_json::Value::Object(o) => o.values().for_each(|x| texts(x, out)),
                _ => {}
            }
        }
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/vaucluse-2017-2020.json"
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut all = Vec::new();
        texts(&json, &mut all);
        assert!(all.len() > 150, "{} texts", all.len());
        let mut cases: Vec<(&str, f32)> = all
            .iter()
            .flat_map(|t| [45.0, 90.0, 150.0, 230.0, 320.0, 451.0].map(|w| (t.as_str(), w)))
            .collect();
        // Words wider than the column, which the items without hyphenation points cut
        // between letters, in columns a quarter point apart.
        let long = "à la transversalité d’anticonstitutionnellement et de l’intercommunalité";
        cases.extend((0..400).map(|i| (long, 40.0 + i as f32 * 0.25)));
        let (mut lazy, mut eager) = (TextCache::new(), TextCache::new());
        let (mut hyphenated, mut set_first) = (0, 0);
        for (text, width) in cases {
            let runs = crate::text::typo::typographie(vec![run(text)]);
            let a = layout_trying(&runs, width, &style(), &mut lazy, f32::INFINITY);
            let b = layout_trying(&runs, width, &style(), &mut eager, 0.0);
            assert_eq!(a.len(), b.len(), "{text:?} at {width}");
            for (la, lb) in a.iter().zip(&b) {
                assert_eq!(la.draws.len(), lb.draws.len(), "{text:?} at {width}");
                for (da, db) in la.draws.iter().zip(&lb.draws) {
                    assert!(same_draw(da, db), "{text:?} at {width}: {da:?} {db:?}");
                }
            }
            let ends_cut = |l: &LineBox| {
                l.draws.iter().any(|d| match d {
                    Draw::Text { glyphs, .. } => glyphs.last().is_some_and(|g| &*g.text == "-"),
                    _ => false,
                })
            };
            if a.iter().any(ends_cut) {
                hyphenated += 1;
            } else if a.len() > 1 {
                set_first += 1;
            }
        }
        // Both ways were taken: paragraphs that needed hyphenation, and others.
        assert!(
            hyphenated > 50 && set_first > 50,
            "{hyphenated} {set_first}"
        );
    }

    #[test]
    fn words_are_all_drawn_in_order() {
        let mut sh = TextCache::new();
        let text = "accompagnement professionnel des bénéficiaires";
        let lines = layout(&[run(text)], 70.0, &style(), &mut sh);
        let mut s = String::new();
        for l in &lines {
            for d in &l.draws {
                if let Draw::Text { glyphs, .. } = d {
                    for g in glyphs {
                        s.push_str(&g.text);
                    }
                }
            }
        }
        assert_eq!(s.replace(['-', ' '], ""), text.replace(' ', ""));
    }
}
