//! A paragraph: styled runs → boxes, glue and penalties → total-fit lines → placed glyphs.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`), so no-break spaces put by the
//! French typography stage hold; words are hyphenated with French patterns; a word wider than
//! the column is broken between graphemes, so no line is ever wider than its column.

use super::cache::TextCache;
use super::draw::{Draw, LinkTarget, PlacedGlyph, Role};
use super::linebreak::{break_lines, Item, Params};
use super::theme::Rgb;
use crate::font::{faces, Variant};
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
    glyphs: Arc<[PlacedGlyph]>,
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
const INF: f32 = 10000.0;

/// Lays out `runs` in a column `width` wide (the first line `first_width` wide, for hanging
/// labels). Returns the lines, top to bottom; y of each line's baseline is `ascent` below
/// its top, with `style.leading` between lines.
pub fn layout(runs: &[Run], width: f32, style: &ParaStyle, cache: &mut TextCache) -> Vec<LineBox> {
    let (items, payloads) = build_items(runs, width, style, cache);
    if items.is_empty() {
        return Vec::new();
    }
    let params = Params::default();
    let lines = break_lines(&items, |_| width, &params);
    let ascent = style.size * 0.95;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        out.push(draw_line(
            &items, &payloads, line.start, line.end, line.ratio, width, ascent, style, cache,
        ));
    }
    out
}

fn variant_of(run: &Run) -> Variant {
    Variant::of(run.style.bold, run.style.italic)
}

/// Builds the Knuth–Plass items and, in parallel, what each item draws.
fn build_items(
    runs: &[Run],
    width: f32,
    style: &ParaStyle,
    cache: &mut TextCache,
) -> (Vec<Item>, Vec<Payload>) {
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
    if full.trim().is_empty() {
        return (items, payloads);
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
            push_text(
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
            items.push(Item::Glue {
                width: 0.0,
                stretch: INF,
                shrink: 0.0,
            });
            payloads.push(Payload::None);
            items.push(Item::Penalty {
                width: 0.0,
                penalty: -INF,
                flagged: false,
            });
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
            items.push(Item::Penalty {
                width: 0.0,
                penalty: if hyphen_end { 50.0 } else { 80.0 },
                flagged: hyphen_end,
            });
            payloads.push(Payload::None);
        }
        prev = idx;
    }
    (items, payloads)
}

/// Adds the boxes of one run's text inside a segment (no break opportunity inside, except
/// hyphenation points and, for over-wide words, grapheme boundaries).
fn push_text(
    text: &str,
    run: &Run,
    width: f32,
    style: &ParaStyle,
    cache: &mut TextCache,
    items: &mut Vec<Item>,
    payloads: &mut Vec<Payload>,
) {
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
    let hyphen_width = cache.mark_width(variant, size, "-");
    for (n, piece) in word.pieces.iter().enumerate() {
        if n > 0 {
            items.push(Item::Penalty {
                width: hyphen_width,
                penalty: 50.0,
                flagged: true,
            });
            payloads.push(Payload::Hyphen { variant, size });
        }
        let frag = |glyphs: Arc<[PlacedGlyph]>| Frag {
            variant,
            size,
            rise,
            link: run.link.clone(),
            glyphs,
        };
        if piece.width <= width || piece.glyphs.len() <= 1 {
            items.push(Item::Box { width: piece.width });
            payloads.push(Payload::Frag(frag(piece.glyphs.clone())));
            continue;
        }
        // Too wide for any line: cut it where glyph clusters start, as late as fits.
        let glyphs = &piece.glyphs;
        let mut start = 0;
        while start < glyphs.len() {
            let mut w = 0.0;
            let mut end = start;
            while end < glyphs.len() && (end == start || w + glyphs[end].advance <= width) {
                w += glyphs[end].advance;
                end += 1;
            }
            while end < glyphs.len() && end > start + 1 && glyphs[end].text.is_empty() {
                end -= 1; // never split a cluster
            }
            let part: Arc<[PlacedGlyph]> = glyphs[start..end].into();
            let w: f32 = part.iter().map(|g| g.advance).sum();
            items.push(Item::Box { width: w });
            payloads.push(Payload::Frag(frag(part)));
            if end < glyphs.len() {
                items.push(Item::Penalty {
                    width: 0.0,
                    penalty: 900.0,
                    flagged: false,
                });
                payloads.push(Payload::None);
            }
            start = end;
        }
    }
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
            let scale = size / faces()[variant.index()].units_per_em;
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
        Payload::Frag(f) => f.glyphs.len(),
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
                    glyphs.extend_from_slice(&f.glyphs);
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
                            let scale = size / faces()[variant.index()].units_per_em;
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
