//! Setting many paragraphs at once on all cores.
//!
//! A first render does not know its paragraphs before composing the document. It is
//! composed once in collecting mode (see [`crate::layout::flow::Flow::collect`]), which
//! gathers the paragraphs it would set in [`Requests`]; [`set_all`] sets them in parallel;
//! the results go to the cache, where the composition that follows finds every paragraph.

use super::paragraphs::ParagraphKey;
use crate::font::FontFamily;
use crate::layout::paragraph::LineBox;
use crate::layout::words::Words;
use foldhash::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// How many paragraphs a worker takes at a time.
const CHUNK: usize = 8;

/// The paragraphs a composition asked for and the cache could not give, each with the order
/// in which it was first asked for.
#[derive(Default)]
pub(crate) struct Requests(HashMap<ParagraphKey, usize>);

impl Requests {
    /// Records `key`, unless it was asked for already.
    pub(crate) fn ask(&mut self, key: ParagraphKey) {
        let order = self.0.len();
        self.0.entry(key).or_insert(order);
    }

    /// The paragraphs, in the order they were first asked for.
    fn into_keys(self) -> Vec<ParagraphKey> {
        let mut requests: Vec<(ParagraphKey, usize)> = self.0.into_iter().collect();
        requests.sort_unstable_by_key(|&(_, order)| order);
        requests.into_iter().map(|(key, _)| key).collect()
    }
}

/// The paragraphs set by [`set_all`], each with its lines, and what the workers' memos
/// learnt.
pub(crate) struct SetParagraphs {
    /// The paragraphs asked for, in order, with their lines.
    pub(crate) lines: Vec<(ParagraphKey, Vec<LineBox>)>,
    /// The words of each worker.
    pub(crate) learnt: Vec<Words>,
}

/// Paragraphs set by one worker (by their rank in the requests), and what its words memo
/// learnt.
type Share = (Words, Vec<(usize, Vec<LineBox>)>);

/// Sets the paragraphs of `requests` on all cores: a worker per core, each with a words
/// memo of its own, taking the next few paragraphs in order until none is left. The lines
/// are those [`ParagraphKey::set`] gives on one thread: it is a pure function of the key.
pub(crate) fn set_all(requests: Requests, family: &Arc<FontFamily>) -> SetParagraphs {
    let keys = requests.into_keys();
    // Each worker takes the next few paragraphs in document order until none is left:
    // the cores end together whatever each paragraph costs, and a worker's memo meets
    // runs of neighbouring paragraphs, which share their words.
    let workers = rayon::current_num_threads().clamp(1, 8);
    let next = AtomicUsize::new(0);
    use rayon::prelude::*;
    let done: Vec<Share> = (0..workers)
        .into_par_iter()
        .map(|_| {
            let mut words = Words::with_family(family.clone());
            let mut set = Vec::new();
            loop {
                let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                if start >= keys.len() {
                    break;
                }
                for (i, key) in keys.iter().enumerate().skip(start).take(CHUNK) {
                    set.push((i, key.set(&mut words)));
                }
            }
            (words, set)
        })
        .collect();
    let mut lines: Vec<Vec<LineBox>> = vec![Vec::new(); keys.len()];
    let mut learnt = Vec::with_capacity(done.len());
    for (words, set) in done {
        for (i, l) in set {
            lines[i] = l;
        }
        learnt.push(words);
    }
    SetParagraphs {
        lines: keys.into_iter().zip(lines).collect(),
        learnt,
    }
}
