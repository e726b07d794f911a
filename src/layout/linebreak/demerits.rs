//! The demerits of a line: badness, penalty, flagged and fitness costs.

use super::measure::{finite_or, Kind, Paragraphe};
use super::Params;

impl Paragraphe {
    /// Demerits and fitness class of the line `items[start..b]` of ratio `r` in width `w`
    /// (the ratio of its spaces alone, without letter spacing),
    /// after a line that ended flagged (`prev_flagged`) with fitness `prev_fitness`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn demerits(
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
            self.measure_with(start, b, w, c.emergency_stretch * w)
                .rated
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
}

/// Demerit weights of one pass, sanitised.
pub(super) struct Costs {
    pub(super) line_penalty: f64,
    pub(super) flagged: f64,
    pub(super) final_hyphen: f64,
    pub(super) fitness: f64,
    /// Background stretch, as a fraction of the line width (emergency pass only).
    pub(super) emergency_stretch: f64,
    /// Most lines in a row that may end flagged (hyphenated).
    pub(super) max_streak: u8,
}

impl Costs {
    pub(super) fn new(params: &Params, emergency: bool) -> Costs {
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
            max_streak: params.max_consecutive_hyphens,
        }
    }
}

/// TeX's badness, 100 |r|³, huge for an infinite ratio.
pub(super) fn badness(r: f64) -> f64 {
    if r.is_finite() {
        100.0 * r.abs().powi(3)
    } else {
        1e12
    }
}

/// Fitness class: 0 tight, 1 decent, 2 loose, 3 very loose.
pub(super) fn fitness(r: f64) -> u8 {
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
