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

/// Penalty value meaning "never break here"; its negation forces a break.
pub const INFINITY: f32 = 10_000.0;

/// Cost of breaking at a hyphenation point (TeX's `\hyphenpenalty`), and after a word's own
/// hyphen.
pub const HYPHEN_PENALTY: f32 = 50.0;

/// Cost of breaking after a slash or a dash, where no space is.
pub const BREAK_WITHOUT_SPACE_PENALTY: f32 = 80.0;

/// Cost of cutting a word wider than the column between two of its glyph clusters.
pub const OVERWIDE_CUT_PENALTY: f32 = 900.0;

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
    /// [`break_lines`] itself reads each item's own penalty. Default 50.
    pub hyphen_penalty: f32,
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

/// One line of a broken paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// Index of the line's first item (glue and penalties after the previous break are
    /// skipped).
    pub start: usize,
    /// Index of the break item: the line's content is `items[start..end]`, plus the
    /// break's width when it is a penalty (a hyphen). A glue at `end` is not set.
    /// `items.len()` when the input had no final forced break.
    pub end: usize,
    /// Adjustment ratio to apply to the line's glue: a glue is set at `width + ratio *
    /// stretch` when `ratio > 0`, `width + ratio * shrink` when `ratio < 0`. Always finite
    /// and `>= -1`; 0 for a ragged line (one holding a fill, or a short line with nothing
    /// to stretch).
    pub ratio: f32,
    /// True when the line ends at a flagged penalty (the setter draws a hyphen).
    pub hyphenated: bool,
    /// True when the line is wider than its measure even fully shrunk (a box wider than
    /// the line, or a measure of zero); `ratio` is then -1.
    pub overfull: bool,
}

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
    let p = Paragraphe::new(items, &line_width);
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
    let p = Paragraphe::new(items, &line_width);
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

fn finite_or(x: f32, default: f32) -> f32 {
    if x.is_finite() {
        x
    } else {
        default
    }
}

/// Sanitised width: non-finite → 0.
fn clean(x: f32) -> f64 {
    if x.is_finite() {
        f64::from(x)
    } else {
        0.0
    }
}

/// Sanitised stretch or shrink: NaN, negative → 0 (infinite handled by the caller).
fn clean_flex(x: f32) -> f64 {
    if x.is_finite() && x > 0.0 {
        f64::from(x)
    } else {
        0.0
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Box,
    Glue,
    Penalty,
}

/// A sanitised item.
#[derive(Clone, Copy)]
struct It {
    kind: Kind,
    width: f64,
    stretch: f64,
    fil: bool,
    shrink: f64,
    penalty: f64,
    flagged: bool,
}

impl It {
    fn forced(&self) -> bool {
        self.kind == Kind::Penalty && self.penalty <= -f64::from(INFINITY)
    }
}

/// Measure of a candidate line.
struct Measure {
    /// Raw adjustment ratio: may be ±∞.
    raw: f64,
    /// Ratio to apply (finite, >= -1).
    applied: f64,
}

/// Widths, stretch, shrink and fills of boxes and glue, summed from the paragraph's start.
#[derive(Clone, Copy, Default)]
struct Sums {
    width: f64,
    stretch: f64,
    shrink: f64,
    fil: u32,
}

struct Paragraphe {
    its: Vec<It>,
    /// True when the last item is a virtual final break (input without one).
    virtual_end: bool,
    /// Prefix sums over boxes and glue (`sums[i]`: the items before `i`).
    sums: Vec<Sums>,
    /// `next_start[i]`: first index `>= i` holding a box or a forced penalty (or `len`).
    next_start: Vec<usize>,
    /// Line widths, sanitised, for every line index that a breaking can reach.
    widths: Vec<f64>,
    /// First line from which all widths are equal: beyond it, line numbers are
    /// equivalent and active nodes of different line numbers merge (TeX's "easy line").
    easy_line: usize,
}

#[derive(Clone, Copy)]
struct Node {
    /// Break index (meaningless for the root).
    pos: usize,
    /// First item of the line after this break.
    start: usize,
    /// Lines before this break's following line.
    line: usize,
    fitness: u8,
    demerits: f64,
    prev: Option<usize>,
    flagged: bool,
}

#[derive(Clone, Copy)]
struct Candidate {
    line: usize,
    fitness: u8,
    demerits: f64,
    prev: usize,
}

impl Paragraphe {
    fn new(items: &[Item], line_width: &dyn Fn(usize) -> f32) -> Self {
        let mut its: Vec<It> = items
            .iter()
            .map(|it| match *it {
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
            })
            .collect();
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
        let n = its.len();
        let mut sums = Vec::with_capacity(n + 1);
        let mut sum = Sums::default();
        sums.push(sum);
        for it in &its {
            if it.kind != Kind::Penalty {
                sum.width += it.width;
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
        // A breaking has at most one line per break opportunity.
        let opportunities = (0..n)
            .filter(|&b| match its[b].kind {
                Kind::Box => false,
                Kind::Glue => b > 0 && its[b - 1].kind == Kind::Box,
                Kind::Penalty => its[b].penalty < f64::from(INFINITY),
            })
            .count();
        let widths: Vec<f64> = (0..=opportunities)
            .map(|i| {
                let w = line_width(i);
                if w.is_finite() && w > 0.0 {
                    f64::from(w)
                } else {
                    0.0
                }
            })
            .collect();
        let last = widths.last().copied().unwrap_or(0.0);
        let easy_line = widths.iter().rposition(|&w| w != last).map_or(0, |i| i + 1);
        Paragraphe {
            its,
            virtual_end,
            sums,
            next_start,
            widths,
            easy_line,
        }
    }

    /// Width of line `i` (0-based), sanitised (non-finite or negative → 0).
    fn width(&self, i: usize) -> f64 {
        self.widths
            .get(i)
            .or(self.widths.last())
            .copied()
            .unwrap_or(0.0)
    }

    /// Line number as far as widths are concerned: lines from [`Self::easy_line`] on are
    /// equivalent.
    fn line_class(&self, line: usize) -> usize {
        line.min(self.easy_line)
    }

    /// True when `b` is a legal break (`hyphens`: flagged penalties allowed).
    fn legal(&self, b: usize, hyphens: bool) -> bool {
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
    fn measure(&self, start: usize, b: usize, w: f64) -> Measure {
        self.measure_with(start, b, w, 0.0)
    }

    /// As [`Paragraphe::measure`], with `background` stretch added to the line.
    fn measure_with(&self, start: usize, b: usize, w: f64, background: f64) -> Measure {
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
        let raw = if l < w {
            if fil || (it.forced() && y <= 0.0) {
                0.0
            } else if y > 0.0 {
                (w - l) / y
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
        Measure { raw, applied }
    }

    /// Demerits and fitness class of the line `items[start..b]` of ratio `r` in width `w`,
    /// after a line that ended flagged (`prev_flagged`) with fitness `prev_fitness`.
    #[allow(clippy::too_many_arguments)]
    fn demerits(
        &self,
        c: &Costs,
        start: usize,
        b: usize,
        w: f64,
        r: f64,
        prev_flagged: bool,
        prev_fitness: u8,
    ) -> (f64, u8) {
        let it = &self.its[b];
        let rated = if c.emergency_stretch > 0.0 && r > 0.0 {
            self.measure_with(start, b, w, c.emergency_stretch * w).raw
        } else {
            r
        };
        let base = c.line_penalty + badness(rated);
        let mut d = base * base;
        if it.forced() {
        } else if it.penalty >= 0.0 {
            d += it.penalty * it.penalty;
        } else {
            d -= it.penalty * it.penalty;
        }
        if prev_flagged && it.kind == Kind::Penalty && it.flagged {
            d += c.flagged;
        }
        if prev_flagged && b + 1 == self.its.len() {
            d += c.final_hyphen;
        }
        let fitness = fitness(r);
        if fitness.abs_diff(prev_fitness) > 1 {
            d += c.fitness;
        }
        (d, fitness)
    }

    /// One pass; returns the break indices of the best breaking, or `None` when no
    /// breaking fits the tolerance.
    fn pass(
        &self,
        params: &Params,
        tolerance: f64,
        hyphens: bool,
        emergency: bool,
    ) -> Option<Vec<usize>> {
        let costs = Costs::new(params, emergency);
        let n = self.its.len();
        let mut st = PassState {
            nodes: vec![Node {
                pos: 0,
                start: 0,
                line: 0,
                fitness: 1,
                demerits: 0.0,
                prev: None,
                flagged: false,
            }],
            active: vec![0],
            next: Vec::new(),
            cands: Vec::new(),
        };
        for b in 0..n {
            if !self.legal(b, hyphens) {
                continue;
            }
            st.next.clear();
            st.cands.clear();
            self.try_break(b, &costs, tolerance, emergency, &mut st);
            if !st.cands.is_empty() {
                self.add_nodes(b, &costs, &mut st);
            }
            std::mem::swap(&mut st.active, &mut st.next);
            if st.active.is_empty() {
                return None;
            }
        }
        best_breaks(&st.nodes, &st.active, n)
    }

    /// Tries a break at `b` after each active node: the lines that fit become candidates;
    /// the nodes that may still start a line reaching past `b` stay active (in `st.next`).
    fn try_break(
        &self,
        b: usize,
        costs: &Costs,
        tolerance: f64,
        emergency: bool,
        st: &mut PassState,
    ) {
        let forced = self.its[b].forced();
        let count = st.active.len();
        for (k, &a) in st.active.iter().enumerate() {
            let node = st.nodes[a];
            if node.start > b {
                // b lies in the glue discarded after this node's break.
                st.next.push(a);
                continue;
            }
            let w = self.width(node.line);
            let r = self.measure(node.start, b, w).raw;
            if (-1.0..=tolerance).contains(&r) {
                let (d, fitness) =
                    self.demerits(costs, node.start, b, w, r, node.flagged, node.fitness);
                propose(
                    &mut st.cands,
                    Candidate {
                        line: self.line_class(node.line + 1),
                        fitness,
                        demerits: node.demerits + d,
                        prev: a,
                    },
                );
            } else if emergency
                && r < -1.0
                && st.cands.is_empty()
                && st.next.is_empty()
                && k + 1 == count
            {
                // Last resort: nothing else is left; set this line overfull.
                let d = node.demerits + 1e10;
                propose(
                    &mut st.cands,
                    Candidate {
                        line: self.line_class(node.line + 1),
                        fitness: 0,
                        demerits: d,
                        prev: a,
                    },
                );
            }
            if !(r < -1.0 || forced) {
                st.next.push(a);
            }
        }
    }

    /// Makes active nodes at `b` of the candidates within the fitness cost of the best of
    /// their line class.
    fn add_nodes(&self, b: usize, costs: &Costs, st: &mut PassState) {
        let it = self.its[b];
        let n = self.its.len();
        let start = if b + 1 < n { self.next_start[b + 1] } else { n };
        for c in &st.cands {
            let best = st
                .cands
                .iter()
                .filter(|o| o.line == c.line)
                .map(|o| o.demerits)
                .fold(f64::INFINITY, f64::min);
            if c.demerits > best + costs.fitness {
                continue;
            }
            st.nodes.push(Node {
                pos: b,
                start,
                line: c.line,
                fitness: c.fitness,
                demerits: c.demerits,
                prev: Some(c.prev),
                flagged: it.kind == Kind::Penalty && it.flagged,
            });
            st.next.push(st.nodes.len() - 1);
        }
    }

    /// Lines for the given break indices (the last one is the final break).
    fn lines(&self, breaks: &[usize]) -> Vec<Line> {
        let real_len = self.its.len() - usize::from(self.virtual_end);
        let mut out = Vec::with_capacity(breaks.len());
        let mut start = 0;
        for (i, &b) in breaks.iter().enumerate() {
            let w = self.width(i);
            let m = self.measure(start, b, w);
            let it = &self.its[b];
            out.push(Line {
                start: start.min(real_len),
                end: b.min(real_len),
                ratio: m.applied as f32,
                hyphenated: it.kind == Kind::Penalty && it.flagged,
                overfull: m.raw < -1.0,
            });
            start = if b + 1 < self.its.len() {
                self.next_start[b + 1]
            } else {
                self.its.len()
            };
        }
        out
    }
}

/// Demerit weights of one pass, sanitised.
struct Costs {
    line_penalty: f64,
    flagged: f64,
    final_hyphen: f64,
    fitness: f64,
    /// Background stretch, as a fraction of the line width (emergency pass only).
    emergency_stretch: f64,
}

impl Costs {
    fn new(params: &Params, emergency: bool) -> Costs {
        let f = |x: f32, d: f32| f64::from(finite_or(x, d));
        Costs {
            line_penalty: f(params.line_penalty, 10.0),
            flagged: f(params.flagged_demerits, 3000.0),
            final_hyphen: f(params.final_hyphen_demerits, 5000.0),
            fitness: f(params.fitness_demerits, 100.0),
            emergency_stretch: if emergency {
                f(params.emergency_stretch, 0.1).max(0.0)
            } else {
                0.0
            },
        }
    }
}
/// The state of one pass: the nodes made so far, the active ones, those active after the
/// current item, and the current item's candidate breaks.
struct PassState {
    nodes: Vec<Node>,
    active: Vec<usize>,
    next: Vec<usize>,
    cands: Vec<Candidate>,
}

/// The break indices of the best breaking among the `active` nodes that end the paragraph
/// (`n` items).
fn best_breaks(nodes: &[Node], active: &[usize], n: usize) -> Option<Vec<usize>> {
    let best = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].prev.is_some() && nodes[a].pos + 1 == n)
        .min_by(|&x, &y| {
            nodes[x]
                .demerits
                .total_cmp(&nodes[y].demerits)
                .then(nodes[x].line.cmp(&nodes[y].line))
        })?;
    let mut breaks = Vec::new();
    let mut cur = Some(best);
    while let Some(c) = cur {
        if nodes[c].prev.is_some() {
            breaks.push(nodes[c].pos);
        }
        cur = nodes[c].prev;
    }
    breaks.reverse();
    Some(breaks)
}

/// Keeps the best candidate per (line number, fitness class).
fn propose(cands: &mut Vec<Candidate>, c: Candidate) {
    if let Some(o) = cands
        .iter_mut()
        .find(|o| o.line == c.line && o.fitness == c.fitness)
    {
        if c.demerits < o.demerits {
            *o = c;
        }
    } else {
        cands.push(c);
    }
}

/// TeX's badness, 100 |r|³, huge for an infinite ratio.
fn badness(r: f64) -> f64 {
    if r.is_finite() {
        100.0 * r.abs().powi(3)
    } else {
        1e12
    }
}

/// Fitness class: 0 tight, 1 decent, 2 loose, 3 very loose.
fn fitness(r: f64) -> u8 {
    if r < -0.5 {
        0
    } else if r <= 0.5 {
        1
    } else if r <= 1.0 {
        2
    } else {
        3
    }
}

#[cfg(test)]
#[path = "linebreak_tests.rs"]
mod tests;
