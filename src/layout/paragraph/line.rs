//! One line of a paragraph, from its items to placed glyphs and link areas.

use super::items::{Built, Payload, SPACE};
use super::{Align, LineBox, ParaStyle};
use crate::font::Variant;
use crate::layout::draw::{Draw, LinkTarget, PlacedGlyph, Role};
use crate::layout::linebreak::{Item, Line};
use crate::layout::tag::{Artifact, Tag};
use crate::layout::words::Words;

/// Draws the line `line` of the paragraph `built` in a column `width` wide, its baseline
/// `ascent` below its top.
pub(super) fn draw_line(
    built: &Built,
    line: &Line,
    width: f32,
    ascent: f32,
    style: &ParaStyle,
    words: &mut Words,
) -> LineBox {
    let (items, payloads) = (&built.items[..], &built.payloads[..]);
    let end = line.end;
    let ratio = match style.align {
        Align::Justify => line.ratio.clamp(-1.0, 3.0),
        _ => line.ratio.clamp(-1.0, 0.0),
    };
    let tracking = match style.align {
        Align::Justify if line.tracking.is_finite() => line.tracking.clamp(0.0, 0.5),
        _ => 0.0,
    };
    let (pieces, mut used) = adjusted_widths(items, line.start, end, ratio, tracking);
    let hyphen = end_hyphen(payloads, end, words);
    if let Some((_, _, g)) = &hyphen {
        used += g.iter().map(|g| g.advance).sum::<f32>();
    }
    let x = match style.align {
        Align::Center => ((width - used) / 2.0).max(0.0),
        Align::Right => (width - used).max(0.0),
        _ => 0.0,
    };
    let mut placed = place(&pieces, built, x, ascent, style, words, tracking);
    if matches!(items.get(end), Some(Item::Glue { .. })) {
        end_space(&mut placed.draws, words);
    }
    if let Some((variant, size, g)) = hyphen {
        // A hyphen the break added is no part of the text: an artifact of its own.
        placed.draws.push(Draw::Text {
            x: placed.x,
            y: ascent,
            variant,
            size,
            color: style.color,
            glyphs: g,
            role: Role::Artifact(Artifact::Layout),
            angle: 0.0,
        });
    }
    let mut draws = placed.draws;
    draws.extend(link_areas(placed.links, style.leading));
    LineBox {
        draws,
        width: used.min(width),
    }
}

/// A space after the last word of a line that breaks at a space: it draws nothing, and the
/// text read in the structure has its words apart ("mise en", not "miseen").
pub(crate) fn end_space(draws: &mut [Draw], words: &mut Words) {
    if let Some(Draw::Text {
        variant,
        size,
        glyphs,
        ..
    }) = draws.last_mut()
    {
        if let Some((gid, nominal)) = words.space_glyph(*variant) {
            let advance = nominal as f32 * *size / words.shaper.units_per_em(*variant);
            glyphs.push(PlacedGlyph {
                gid,
                text: SPACE,
                advance,
                nominal: advance,
            });
        }
    }
}

/// The items from `start` to `end` less the discardable ones at both ends, each with its
/// width at the adjustment `ratio` and the letter spacing `tracking` (`(width, item
/// index)`), and the sum of those widths.
fn adjusted_widths(
    items: &[Item],
    start: usize,
    end: usize,
    ratio: f32,
    tracking: f32,
) -> (Vec<(f32, usize)>, f32) {
    let mut first = start;
    while first < end && !matches!(items[first], Item::Box { .. }) {
        first += 1;
    }
    let mut last = end;
    while last > first && !matches!(items[last - 1], Item::Box { .. }) {
        last -= 1;
    }
    let mut used = 0.0;
    let mut pieces: Vec<(f32, usize)> = Vec::with_capacity(last - first);
    for (i, item) in items.iter().enumerate().take(last).skip(first) {
        let w = match *item {
            Item::Box { width } => width * (1.0 + tracking),
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
    (pieces, used)
}

/// The hyphen that ends the line when it breaks at the hyphenation point `end`.
fn end_hyphen(
    payloads: &[Payload],
    end: usize,
    words: &mut Words,
) -> Option<(Variant, f32, Vec<PlacedGlyph>)> {
    let Some(&Payload::Hyphen { variant, size }) = payloads.get(end) else {
        return None;
    };
    let shaped = words.shaper.shape(variant, "-");
    let scale = size / words.shaper.units_per_em(variant);
    let glyphs = PlacedGlyph::from_shaped(&shaped.glyphs, scale);
    Some((variant, size, glyphs))
}

/// A line's words and spaces, placed.
struct Placed {
    draws: Vec<Draw>,
    /// Link pieces: x, width, URL.
    links: Vec<(f32, f32, String)>,
    /// Where the line's last piece ends.
    x: f32,
}

/// Places the `pieces` of a line from `x` on: a Text draw per change of face, size or rise,
/// a space glyph stretched to each glue's width, each glyph's advance grown by `tracking`
/// of it (letter spacing).
fn place(
    pieces: &[(f32, usize)],
    built: &Built,
    x: f32,
    ascent: f32,
    style: &ParaStyle,
    words: &mut Words,
    tracking: f32,
) -> Placed {
    // Glyphs of the line from the current piece on (words, and a glyph per space): the room
    // a new Text draw reserves.
    let payloads = &built.payloads;
    let glyph_count = |j: usize| match &payloads[j] {
        Payload::Frag(f) => (f.end - f.start) as usize,
        _ => 1,
    };
    let mut p = Placing {
        placed: Placed {
            draws: Vec::with_capacity(2),
            links: Vec::new(),
            x,
        },
        current: None,
        room: pieces.iter().map(|&(_, j)| glyph_count(j)).sum(),
        ascent,
        style,
    };
    for (k, &(w, i)) in pieces.iter().enumerate() {
        match &payloads[i] {
            Payload::Frag(f) => p.frag(f, f.glyphs(&built.glyphs), w, tracking),
            // A space at the line's end draws nothing.
            Payload::Space { variant, size } if pieces.get(k + 1).is_some() => {
                p.space(*variant, *size, w, words);
            }
            _ => {}
        }
        p.placed.x += w;
        p.room -= glyph_count(i);
    }
    p.placed
}

/// The state of [`place`] along a line.
struct Placing<'a> {
    placed: Placed,
    /// The face, size and rise of the Text draw being filled.
    current: Option<(Variant, f32, f32)>,
    /// Glyphs left on the line: the room a new Text draw reserves.
    room: usize,
    ascent: f32,
    style: &'a ParaStyle,
}

impl Placing<'_> {
    /// Opens a Text draw at the current x.
    fn open(&mut self, variant: Variant, size: f32, rise: f32) {
        self.placed.draws.push(Draw::Text {
            x: self.placed.x,
            y: self.ascent - rise,
            variant,
            size,
            color: self.style.color,
            glyphs: Vec::with_capacity(self.room + 1),
            role: self.style.role,
            angle: 0.0,
        });
        self.current = Some((variant, size, rise));
    }

    /// A word's fragment `f`, `w` wide, whose glyphs are `own`: in the current Text draw
    /// when its face, size and rise are the same; a footnote's call is a reference of its
    /// own in the structure.
    fn frag(&mut self, f: &super::items::Frag, own: &[PlacedGlyph], w: f32, tracking: f32) {
        if f.note {
            self.placed.draws.push(Draw::Begin(Tag::NoteCall));
        }
        if f.note || self.current != Some((f.variant, f.size, f.rise)) {
            self.open(f.variant, f.size, f.rise);
        }
        if let Some(Draw::Text { glyphs, .. }) = self.placed.draws.last_mut() {
            if tracking > 0.0 {
                glyphs.extend(own.iter().map(|g| PlacedGlyph {
                    advance: g.advance * (1.0 + tracking),
                    ..*g
                }));
            } else {
                glyphs.extend_from_slice(own);
            }
        }
        if let Some(url) = &f.link {
            self.placed.links.push((self.placed.x, w, url.clone()));
        }
        if f.note {
            self.placed.draws.push(Draw::End);
            self.current = None;
        }
    }

    /// A space between two pieces: a real space glyph stretched to the glue's width `w`,
    /// so that text extraction sees words.
    fn space(&mut self, variant: Variant, size: f32, w: f32, words: &mut Words) {
        if matches!(self.placed.draws.last(), Some(Draw::End)) {
            // After a footnote's call, the space opens the next run of glyphs.
            self.open(variant, size, 0.0);
        }
        if let Some(Draw::Text { glyphs, .. }) = self.placed.draws.last_mut() {
            if let Some((gid, nominal)) = words.space_glyph(variant) {
                let scale = size / words.shaper.units_per_em(variant);
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

/// Link areas over the line's link pieces, adjacent pieces of one URL merged.
fn link_areas(links: Vec<(f32, f32, String)>, leading: f32) -> Vec<Draw> {
    let mut merged: Vec<(f32, f32, String)> = Vec::new();
    for (lx, lw, url) in links {
        match merged.last_mut() {
            Some((mx, mw, murl)) if *murl == url && (*mx + *mw - lx).abs() < 8.0 => {
                *mw = lx + lw - *mx
            }
            _ => merged.push((lx, lw, url)),
        }
    }
    merged
        .into_iter()
        .map(|(lx, lw, url)| Draw::Link {
            x: lx,
            y: 0.0,
            w: lw,
            h: leading,
            target: LinkTarget::Uri(url),
        })
        .collect()
}
