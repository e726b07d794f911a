//! The paragraph sanitised, with prefix sums, and the adjustment ratio of a candidate line.

use super::{Item, INFINITY};

pub(super) fn finite_or(x: f32, default: f32) -> f32 {
    if x.is_finite() {
        x
    } else {
        default
    }
}

/// Sanitised width: non-finite → 0.
pub(super) fn clean(x: f32) -> f64 {
    if x.is_finite() {
        f64::from(x)
    } else {
        0.0
    }
}

/// Sanitised stretch or shrink: NaN, negative → 0 (infinite handled by the caller).
pub(super) fn clean_flex(x: f32) -> f64 {
    if x.is_finite() && x > 0.0 {
        f64::from(x)
    } else {
        0.0
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Box,
    Glue,
    Penalty,
}

/// A sanitised item.
#[derive(Clone, Copy)]
pub(super) struct It {
    pub(super) kind: Kind,
    pub(super) width: f64,
    pub(super) stretch: f64,
    pub(super) fil: bool,
    pub(super) shrink: f64,
    pub(super) penalty: f64,
    pub(super) flagged: bool,
}

impl It {
    pub(super) fn forced(&self) -> bool {
        self.kind == Kind::Penalty && self.penalty <= -f64::from(INFINITY)
    }
}

/// Measure of a candidate line.
pub(super) struct Measure {
    /// Raw adjustment ratio of the spaces (after the letters took their share): may be ±∞.
    pub(super) raw: f64,
    /// The ratio the spaces would need without letter spacing: the line's rating.
    pub(super) rated: f64,
    /// Ratio to apply (finite, >= -1).
    pub(super) applied: f64,
    /// Letter spacing to apply, as a fraction of the boxes' widths (>= 0).
    pub(super) tracking: f64,
}

/// The second tier of stretch (letter spacing): the boxes of a line may grow by `stretch`
/// of their width once its spaces are stretched to the ratio `above`.
#[derive(Clone, Copy, Default)]
pub(super) struct Letters {
    pub(super) stretch: f64,
    pub(super) above: f64,
}

/// Widths, stretch, shrink and fills of boxes and glue, summed from the paragraph's start.
#[derive(Clone, Copy, Default)]
pub(super) struct Sums {
    pub(super) width: f64,
    /// Width of the boxes alone.
    pub(super) boxes: f64,
    pub(super) stretch: f64,
    pub(super) shrink: f64,
    pub(super) fil: u32,
}

pub(super) struct Paragraphe {
    pub(super) its: Vec<It>,
    /// True when the last item is a virtual final break (input without one).
    pub(super) virtual_end: bool,
    /// Prefix sums over boxes and glue (`sums[i]`: the items before `i`).
    pub(super) sums: Vec<Sums>,
    /// `next_start[i]`: first index `>= i` holding a box or a forced penalty (or `len`).
    pub(super) next_start: Vec<usize>,
    /// Line widths, sanitised, for every line index that a breaking can reach.
    pub(super) widths: Vec<f64>,
    /// First line from which all widths are equal: beyond it, line numbers are
    /// equivalent and active nodes of different line numbers merge (TeX's "easy line").
    pub(super) easy_line: usize,
    /// Letter spacing allowed on stretched lines (none unless [`Paragraphe::with_letters`]).
    pub(super) letters: Letters,
}

impl It {
    /// The item, its measures sanitised (non-finite or negative widths → 0, penalties
    /// clamped to ±infinity, NaN → 0).
    fn of(item: &Item) -> It {
        match *item {
            Item::Box { width } => It {
                kind: Kind::Box,
                width: clean(width),
                stretch: 0.0,
                fil: false,
                shrink: 0.0,
                penalty: 0.0,
                flagged: false,
            },
            Item::Glue {
                width,
                stretch,
                shrink,
            } => It {
                kind: Kind::Glue,
                width: clean(width),
                stretch: clean_flex(stretch),
                fil: stretch == f32::INFINITY,
                shrink: clean_flex(shrink),
                penalty: 0.0,
                flagged: false,
            },
            Item::Penalty {
                width,
                penalty,
                flagged,
            } => It {
                kind: Kind::Penalty,
                width: clean(width),
                stretch: 0.0,
                fil: false,
                shrink: 0.0,
                penalty: if penalty.is_nan() {
                    0.0
                } else {
                    f64::from(penalty.clamp(-INFINITY, INFINITY))
                },
                flagged,
            },
        }
    }
}

/// The prefix sums over boxes and glue (`sums[i]`: the items before `i`), and for each `i`
/// the first index `>= i` holding a box or a forced penalty (or `len`).
fn sums_and_starts(its: &[It]) -> (Vec<Sums>, Vec<usize>) {
    let n = its.len();
    let mut sums = Vec::with_capacity(n + 1);
    let mut sum = Sums::default();
    sums.push(sum);
    for it in its {
        if it.kind != Kind::Penalty {
            sum.width += it.width;
            if it.kind == Kind::Box {
                sum.boxes += it.width;
            }
            sum.stretch += it.stretch;
            sum.shrink += it.shrink;
            sum.fil += u32::from(it.fil);
        }
        sums.push(sum);
    }
    let mut next_start = vec![n; n + 1];
    for i in (0..n).rev() {
        next_start[i] = if its[i].kind == Kind::Box || its[i].forced() {
            i
        } else {
            next_start[i + 1]
        };
    }
    (sums, next_start)
}

/// The widths of the lines a breaking of `its` can reach, sanitised (non-finite or negative
/// → 0).
fn line_widths(its: &[It], line_width: &dyn Fn(usize) -> f32) -> Vec<f64> {
    let n = its.len();
    // A breaking has at most one line per break opportunity.
    let opportunities = (0..n)
        .filter(|&b| match its[b].kind {
            Kind::Box => false,
            Kind::Glue => b > 0 && its[b - 1].kind == Kind::Box,
            Kind::Penalty => its[b].penalty < f64::from(INFINITY),
        })
        .count();
    (0..=opportunities)
        .map(|i| {
            let w = line_width(i);
            if w.is_finite() && w > 0.0 {
                f64::from(w)
            } else {
                0.0
            }
        })
        .collect()
}

impl Paragraphe {
    pub(super) fn new(items: &[Item], line_width: &dyn Fn(usize) -> f32) -> Self {
        let mut its: Vec<It> = items.iter().map(It::of).collect();
        let virtual_end = !its.is_empty() && !its.last().is_some_and(It::forced);
        if virtual_end {
            its.push(It {
                kind: Kind::Penalty,
                width: 0.0,
                stretch: 0.0,
                fil: false,
                shrink: 0.0,
                penalty: -f64::from(INFINITY),
                flagged: false,
            });
        }
        let (sums, next_start) = sums_and_starts(&its);
        let widths = line_widths(&its, line_width);
        let last = widths.last().copied().unwrap_or(0.0);
        let easy_line = widths.iter().rposition(|&w| w != last).map_or(0, |i| i + 1);
        Paragraphe {
            its,
            virtual_end,
            sums,
            next_start,
            widths,
            easy_line,
            letters: Letters::default(),
        }
    }

    /// The paragraph with the letter spacing of `params` allowed on stretched lines
    /// (sanitised: non-finite or negative → none).
    pub(super) fn with_letters(mut self, params: &super::Params) -> Self {
        let f = |x: f32| {
            if x.is_finite() {
                f64::from(x).max(0.0)
            } else {
                0.0
            }
        };
        self.letters = Letters {
            stretch: f(params.letter_stretch),
            above: f(params.letters_stretch_above),
        };
        self
    }

    /// Width of line `i` (0-based), sanitised (non-finite or negative → 0).
    pub(super) fn width(&self, i: usize) -> f64 {
        self.widths
            .get(i)
            .or(self.widths.last())
            .copied()
            .unwrap_or(0.0)
    }

    /// Line number as far as widths are concerned: lines from [`Self::easy_line`] on are
    /// equivalent.
    pub(super) fn line_class(&self, line: usize) -> usize {
        line.min(self.easy_line)
    }

    /// True when `b` is a legal break (`hyphens`: flagged penalties allowed).
    pub(super) fn legal(&self, b: usize, hyphens: bool) -> bool {
        let it = &self.its[b];
        match it.kind {
            Kind::Box => false,
            Kind::Glue => b > 0 && self.its[b - 1].kind == Kind::Box,
            Kind::Penalty => {
                it.penalty < f64::from(INFINITY) && (hyphens || !it.flagged || it.forced())
            }
        }
    }

    /// Adjustment ratio of the line `items[start..b]` (broken at `b`) set in `w`.
    pub(super) fn measure(&self, start: usize, b: usize, w: f64) -> Measure {
        self.measure_with(start, b, w, 0.0)
    }

    /// As [`Paragraphe::measure`], with `background` stretch added to the line.
    pub(super) fn measure_with(&self, start: usize, b: usize, w: f64, background: f64) -> Measure {
        let it = &self.its[b];
        let extra = if it.kind == Kind::Penalty {
            it.width
        } else {
            0.0
        };
        let (to, from) = (self.sums[b], self.sums[start]);
        let l = to.width - from.width + extra;
        let y = to.stretch - from.stretch + background;
        let z = to.shrink - from.shrink;
        let fil = to.fil > from.fil || (self.virtual_end && b + 1 == self.its.len());
        let mut tracking = 0.0;
        let mut rated = None;
        let raw = if l < w {
            if fil || (it.forced() && y <= 0.0) {
                0.0
            } else if y > 0.0 {
                // Past `letters.above`, the letters take the extra width, up to their limit.
                let boxes = to.boxes - from.boxes;
                let extra = w - l - self.letters.above * y;
                let taken = extra.min(self.letters.stretch * boxes).max(0.0);
                if taken > 0.0 && boxes > 0.0 {
                    tracking = taken / boxes;
                    rated = Some((w - l) / y);
                }
                (w - l - taken) / y
            } else {
                f64::INFINITY
            }
        } else if l > w {
            if z > 0.0 {
                (w - l) / z
            } else {
                f64::NEG_INFINITY
            }
        } else {
            0.0
        };
        let applied = if raw.is_finite() {
            raw.max(-1.0)
        } else if raw > 0.0 {
            0.0
        } else {
            -1.0
        };
        Measure {
            raw,
            rated: rated.unwrap_or(raw),
            applied,
            tracking,
        }
    }
}
