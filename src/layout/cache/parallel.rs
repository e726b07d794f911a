//! Setting many paragraphs at once on all cores, while the composition goes on.
//!
//! A first render does not know its paragraphs before composing the document. It is
//! composed once in collecting mode (see [`crate::layout::flow::Flow::collect`]), which
//! gathers the paragraphs it would set in [`Requests`], in document order. Then
//! [`compose_beside`] composes the document for real on this thread while the other cores
//! set those paragraphs in that order ([`Pending`]): the composition takes each paragraph
//! as it comes to it, sets the next ones itself when it has caught up with the others,
//! and waits only for a paragraph another core is setting.

use super::paragraphs::ParagraphKey;
use super::TextCache;
use crate::font::FontFamily;
use crate::layout::paragraph::LineBox;
use crate::layout::words::Words;
use foldhash::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

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
}

/// A paragraph's lines once set, until the composition takes them.
type Slot = OnceLock<Mutex<Option<Vec<LineBox>>>>;

/// Paragraphs being set in document order by whichever core comes first.
pub(crate) struct Pending {
    /// The paragraphs, in the order they were first asked for.
    keys: Vec<Arc<ParagraphKey>>,
    /// The rank of each paragraph in `keys`.
    rank: HashMap<Arc<ParagraphKey>, usize>,
    /// The rank of the next paragraph no core has started.
    next: AtomicUsize,
    /// The lines of each paragraph, by rank.
    slots: Vec<Slot>,
}

impl Pending {
    fn new(requests: Requests) -> Pending {
        let mut ranked: Vec<(ParagraphKey, usize)> = requests.0.into_iter().collect();
        ranked.sort_unstable_by_key(|&(_, order)| order);
        let keys: Vec<Arc<ParagraphKey>> = ranked.into_iter().map(|(k, _)| Arc::new(k)).collect();
        let rank = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let slots = keys.iter().map(|_| Slot::new()).collect();
        Pending {
            keys,
            rank,
            next: AtomicUsize::new(0),
            slots,
        }
    }

    /// Sets the next paragraph no core has started, with `words`; false when none is left.
    /// The lines are those [`ParagraphKey::set`] gives on any thread: it is a pure function
    /// of the key.
    fn set_next(&self, words: &mut Words) -> bool {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        let Some(key) = self.keys.get(i) else {
            return false;
        };
        let lines = key.set(words);
        // Only the core that took rank `i` fills its slot.
        let _ = self.slots[i].set(Mutex::new(Some(lines)));
        true
    }

    /// Sets paragraphs until none is left.
    fn work(&self, words: &mut Words) {
        while self.set_next(words) {}
    }

    /// The lines of `key`, taken: set by another core, or by this one (with `words`),
    /// which sets the paragraphs still waiting in order until `key`'s are there. `None` when
    /// `key` was not asked for, or its lines were taken already.
    pub(crate) fn take(&self, key: &ParagraphKey, words: &mut Words) -> Option<Vec<LineBox>> {
        let &i = self.rank.get(key)?;
        let slot = &self.slots[i];
        let lines = loop {
            if let Some(lines) = slot.get() {
                break lines;
            }
            if !self.set_next(words) {
                // Every paragraph is started: `key`'s is being set on another core.
                break slot.wait();
            }
        };
        lines.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// The paragraphs set and never taken, with their keys.
    pub(crate) fn into_untaken(self) -> impl Iterator<Item = (ParagraphKey, Vec<LineBox>)> {
        self.keys
            .into_iter()
            .zip(self.slots)
            .filter_map(|(key, slot)| {
                let lines = slot.into_inner()?.into_inner().ok()??;
                Some((Arc::unwrap_or_clone(key), lines))
            })
    }
}

/// Runs `compose` with `cache` on this thread while the other cores of the thread pool set
/// the paragraphs of `requests` (see the [module](self)); what they set and the
/// composition did not take, and what their words memos learnt, go to the cache after.
pub(crate) fn compose_beside<R: Send>(
    requests: Requests,
    family: &Arc<FontFamily>,
    cache: &mut TextCache,
    compose: impl FnOnce(&mut TextCache) -> R + Send,
) -> R {
    let pending = Arc::new(Pending::new(requests));
    let helpers = rayon::current_num_threads().clamp(1, 8) - 1;
    let learnt = Mutex::new(Vec::with_capacity(helpers));
    let keep = cache.keeps_words();
    cache.pending = Some(pending.clone());
    let composed = rayon::scope(|s| {
        for _ in 0..helpers {
            s.spawn(|_| {
                let mut words = Words::with_family(family.clone());
                pending.work(&mut words);
                if keep {
                    let mut learnt = learnt.lock().unwrap_or_else(PoisonError::into_inner);
                    learnt.push(words);
                }
                // Otherwise freed here, beside the composition.
            });
        }
        compose(cache)
    });
    cache.pending = None;
    let learnt = learnt.into_inner().unwrap_or_else(PoisonError::into_inner);
    // Every helper has ended: this is the last reference.
    if let Some(pending) = Arc::into_inner(pending) {
        cache.add(pending, learnt);
    }
    composed
}
