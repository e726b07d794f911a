//! The total-fit search: one pass over the break opportunities with active nodes.

use super::demerits::Costs;
use super::measure::{Kind, Paragraphe};
use super::Params;

#[derive(Clone, Copy)]
pub(super) struct Node {
    /// Break index (meaningless for the root).
    pub(super) pos: usize,
    /// First item of the line after this break.
    pub(super) start: usize,
    /// Lines before this break's following line.
    pub(super) line: usize,
    pub(super) fitness: u8,
    pub(super) demerits: f64,
    pub(super) prev: Option<usize>,
    /// How many lines in a row end flagged (hyphenated) up to this break: 0 when it is
    /// not a flagged penalty.
    pub(super) streak: u8,
}

#[derive(Clone, Copy)]
pub(super) struct Candidate {
    pub(super) line: usize,
    pub(super) fitness: u8,
    pub(super) demerits: f64,
    pub(super) prev: usize,
    /// The [`Node::streak`] of the break this candidate would make.
    pub(super) streak: u8,
}

impl Paragraphe {
    /// One pass; returns the break indices of the best breaking, or `None` when no
    /// breaking fits the tolerance.
    pub(super) fn pass(
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
                streak: 0,
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
    pub(super) fn try_break(
        &self,
        b: usize,
        costs: &Costs,
        tolerance: f64,
        emergency: bool,
        st: &mut PassState,
    ) {
        let forced = self.its[b].forced();
        let flagged = self.its[b].kind == Kind::Penalty && self.its[b].flagged;
        let count = st.active.len();
        for (k, &a) in st.active.iter().enumerate() {
            let node = st.nodes[a];
            if node.start > b {
                // b lies in the glue discarded after this node's break.
                st.next.push(a);
                continue;
            }
            let w = self.width(node.line);
            let m = self.measure(node.start, b, w);
            // Letter spacing makes a line feasible, but the line is rated by the ratio its
            // spaces would need alone: letters never make a breaking look better.
            let r = m.raw;
            // A flagged break after `max_streak` flagged lines in a row is never taken.
            let streak = if flagged {
                node.streak.saturating_add(1)
            } else {
                0
            };
            let allowed = streak <= costs.max_streak;
            if allowed && (-1.0..=tolerance).contains(&r) {
                let (d, fitness) = self.demerits(
                    costs,
                    node.start,
                    b,
                    w,
                    m.rated,
                    node.streak > 0,
                    node.fitness,
                );
                propose(
                    &mut st.cands,
                    Candidate {
                        line: self.line_class(node.line + 1),
                        fitness,
                        demerits: node.demerits + d,
                        prev: a,
                        streak,
                    },
                );
            } else if emergency
                && allowed
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
                        streak,
                    },
                );
            }
            // In the emergency pass, a node stays active past a flagged break it may not
            // take, so that a later break can still set its line overfull.
            if !(r < -1.0 || forced) || (emergency && !allowed) {
                st.next.push(a);
            }
        }
    }

    /// Makes active nodes at `b` of the candidates within the fitness cost of the best of
    /// their line class and hyphen streak.
    pub(super) fn add_nodes(&self, b: usize, costs: &Costs, st: &mut PassState) {
        let n = self.its.len();
        let start = if b + 1 < n { self.next_start[b + 1] } else { n };
        for c in &st.cands {
            let best = st
                .cands
                .iter()
                .filter(|o| o.line == c.line && o.streak == c.streak)
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
                streak: c.streak,
            });
            st.next.push(st.nodes.len() - 1);
        }
    }
}

/// The state of one pass: the nodes made so far, the active ones, those active after the
/// current item, and the current item's candidate breaks.
pub(super) struct PassState {
    pub(super) nodes: Vec<Node>,
    pub(super) active: Vec<usize>,
    pub(super) next: Vec<usize>,
    pub(super) cands: Vec<Candidate>,
}

/// The break indices of the best breaking among the `active` nodes that end the paragraph
/// (`n` items).
pub(super) fn best_breaks(nodes: &[Node], active: &[usize], n: usize) -> Option<Vec<usize>> {
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

/// Keeps the best candidate per (line number, fitness class, hyphen streak).
pub(super) fn propose(cands: &mut Vec<Candidate>, c: Candidate) {
    if let Some(o) = cands
        .iter_mut()
        .find(|o| o.line == c.line && o.fitness == c.fitness && o.streak == c.streak)
    {
        if c.demerits < o.demerits {
            *o = c;
        }
    } else {
        cands.push(c);
    }
}
