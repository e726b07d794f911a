//! Setting many paragraphs at once on all cores, while the document is collected and
//! composed.
//!
//! A first render does not know its paragraphs before composing the document. It is
//! composed once in collecting mode (see [`crate::layout::flow::Flow::collect`]), which
//! asks for the paragraphs it would set, in document order ([`Requests`]); each is handed
//! at once to the other cores, which set them in that order ([`Pending`]). Then the
//! document is composed for real on this thread: it takes each paragraph as it comes to
//! it, sets the next ones itself when it has caught up with the other cores, and waits
//! only for a paragraph another core is setting. [`compose_beside`] runs the whole.

use super::paragraphs::ParagraphKey;
use super::TextCache;
use crate::font::FontFamily;
use crate::layout::paragraph::LineBox;
use crate::layout::words::Words;
use foldhash::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

/// The paragraphs a collecting composition asks for, each once, by their rank in the order
/// first asked for; each new one is handed to the cores setting them.
pub(crate) struct Requests {
    rank: HashMap<Arc<ParagraphKey>, usize>,
    pending: Arc<Pending>,
}

impl Requests {
    /// Records `key` and hands it to the setting cores, unless it was asked for already.
    pub(crate) fn ask(&mut self, key: ParagraphKey) {
        if self.rank.contains_key(&key) {
            return;
        }
        let key = Arc::new(key);
        self.rank.insert(key.clone(), self.rank.len());
        self.pending.push(key);
    }
}

/// A paragraph's lines once set, until the composition takes them.
type Slot = OnceLock<Mutex<Option<Vec<LineBox>>>>;

/// Paragraphs being set in the order they were asked for, by whichever core comes first.
#[derive(Default)]
pub(crate) struct Pending {
    queue: Mutex<Queue>,
    /// Signalled when a paragraph is asked for and when the collection ends.
    more: Condvar,
    /// The rank of each paragraph, once the collection has ended.
    rank: OnceLock<HashMap<Arc<ParagraphKey>, usize>>,
}

/// The paragraphs asked for so far, and how far the setting has gone.
#[derive(Default)]
struct Queue {
    /// The paragraphs, by rank.
    keys: Vec<Arc<ParagraphKey>>,
    /// The lines of each paragraph, by rank.
    slots: Vec<Arc<Slot>>,
    /// The rank of the next paragraph no core has started.
    next: usize,
    /// Whether the collection has ended: no paragraph will be added.
    closed: bool,
    /// How many cores wait for a paragraph to be asked for: a new one wakes one of them,
    /// and costs no system call when none waits.
    waiting: usize,
}

/// What a core takes to set: a paragraph and where its lines go.
type Job = (Arc<ParagraphKey>, Arc<Slot>);

impl Pending {
    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, key: Arc<ParagraphKey>) {
        let mut queue = self.queue();
        queue.keys.push(key);
        queue.slots.push(Arc::new(Slot::new()));
        if queue.waiting > 0 {
            self.more.notify_one();
        }
    }

    /// Ranks the paragraphs as `requests` asked for them, for the composition to find
    /// them (the collection then ends, see [`Closing`]).
    fn rank(&self, requests: Requests) {
        let _ = self.rank.set(requests.rank);
    }

    /// No paragraph will be added: the cores that wait for one stop.
    fn end(&self) {
        self.queue().closed = true;
        self.more.notify_all();
    }

    /// The next paragraph no core has started, taken; with `wait`, waits for one while the
    /// collection goes on. `None` when there is none.
    fn next_job(&self, wait: bool) -> Option<Job> {
        let mut queue = self.queue();
        loop {
            if let Some(key) = queue.keys.get(queue.next).cloned() {
                let slot = queue.slots[queue.next].clone();
                queue.next += 1;
                return Some((key, slot));
            }
            if queue.closed || !wait {
                return None;
            }
            queue.waiting += 1;
            queue = self
                .more
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
            queue.waiting -= 1;
        }
    }

    /// Sets a job's paragraph with `words`. The lines are those [`ParagraphKey::set`] gives
    /// on any thread: it is a pure function of the key.
    fn set((key, slot): Job, words: &mut Words) {
        let lines = key.set(words);
        // Only the core that took the job fills its slot.
        let _ = slot.set(Mutex::new(Some(lines)));
    }

    /// Sets paragraphs as they are asked for, until the collection has ended and none is
    /// left.
    fn work(&self, words: &mut Words) {
        while let Some(job) = self.next_job(true) {
            Pending::set(job, words);
        }
    }

    /// The lines of `key`, taken: set by another core, or by this one (with `words`),
    /// which sets the paragraphs still waiting in order until `key`'s are there. `None` when
    /// `key` was not asked for, or its lines were taken already.
    pub(crate) fn take(&self, key: &ParagraphKey, words: &mut Words) -> Option<Vec<LineBox>> {
        let &i = self.rank.get()?.get(key)?;
        let slot = self.queue().slots[i].clone();
        let lines = loop {
            if let Some(lines) = slot.get() {
                break lines;
            }
            match self.next_job(false) {
                Some(job) => Pending::set(job, words),
                // Every paragraph is started: `key`'s is being set on another core.
                None => break slot.wait(),
            }
        };
        let taken = lines.lock().unwrap_or_else(PoisonError::into_inner).take();
        taken
    }

    /// The paragraphs set and never taken, with their keys.
    pub(crate) fn into_untaken(self) -> impl Iterator<Item = (ParagraphKey, Vec<LineBox>)> {
        // The ranks hold the keys too: gone first, each key is moved out, not copied.
        let Pending { queue, rank, .. } = self;
        drop(rank);
        let queue = queue.into_inner().unwrap_or_else(PoisonError::into_inner);
        queue
            .keys
            .into_iter()
            .zip(queue.slots)
            .filter_map(|(key, slot)| {
                let slot = Arc::into_inner(slot)?.into_inner()?;
                let lines = slot.into_inner().unwrap_or_else(PoisonError::into_inner)?;
                Some((Arc::unwrap_or_clone(key), lines))
            })
    }
}

/// Ends the collection when dropped, even by a panic: no core waits for it forever.
struct Closing<'a>(&'a Pending);

impl Drop for Closing<'_> {
    fn drop(&mut self) {
        self.0.end();
    }
}

/// Runs `collect` then `compose` with `cache` on this thread while the other cores of the
/// thread pool set the paragraphs `collect` asks for (see the [module](self)), given back
/// by `collect` (or the composition sets them all itself); what they
/// set and the composition did not take, and what their words memos learnt, go to the
/// cache after.
pub(crate) fn compose_beside<R: Send>(
    family: &Arc<FontFamily>,
    cache: &mut TextCache,
    collect: impl FnOnce(&mut TextCache, Requests) -> Option<Requests> + Send,
    compose: impl FnOnce(&mut TextCache) -> R + Send,
) -> R {
    let pending = Arc::new(Pending::default());
    let helpers = rayon::current_num_threads().clamp(1, 8) - 1;
    let learnt = Mutex::new(Vec::with_capacity(helpers));
    let keep = !cache.is_one_shot();
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
        let closing = Closing(&pending);
        let requests = Requests {
            rank: HashMap::default(),
            pending: pending.clone(),
        };
        if let Some(requests) = collect(cache, requests) {
            pending.rank(requests);
        }
        drop(closing);
        cache.pending = Some(pending.clone());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Run, Style};

    fn runs(i: usize) -> Vec<Run> {
        let text = format!(
            "Paragraphe {i} : le Département, l'État et leurs partenaires s'engagent pour \
             l'insertion des allocataires du RSA ({} actions).",
            i * 7
        );
        vec![Run::new(&text, Style::default())]
    }

    use crate::layout::cache::tests::style;

    #[test]
    fn paragraphs_set_beside_the_composition_are_those_set_alone() {
        let family = FontFamily::default_family();
        let mut alone = Words::with_family(family.clone());
        let expected: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "{:?}",
                    ParagraphKey::new(&runs(i), 150.0, &style()).set(&mut alone)
                )
            })
            .collect();
        for one_shot in [true, false] {
            let mut cache = if one_shot {
                TextCache::one_shot()
            } else {
                TextCache::new()
            };
            cache.use_family(&family);
            // Asked for in order, some twice; taken out of order, one twice, one never.
            let got = compose_beside(
                &family,
                &mut cache,
                |_, mut requests| {
                    for i in (0..60).chain([3, 59]) {
                        requests.ask(ParagraphKey::new(&runs(i), 150.0, &style()));
                    }
                    Some(requests)
                },
                |cache| {
                    let order = (0..59).rev().chain([10]);
                    order
                        .map(|i| (i, format!("{:?}", cache.lines(&runs(i), 150.0, &style()))))
                        .collect::<Vec<_>>()
                },
            );
            for (i, lines) in got {
                assert_eq!(lines, expected[i], "paragraph {i}, one-shot: {one_shot}");
            }
            assert!(cache.pending.is_none());
            // A cache kept across renders keeps the paragraph never taken.
            assert_eq!(cache.is_empty(), one_shot);
        }
    }

    #[test]
    fn a_collection_that_fails_leaves_the_composition_to_set_its_paragraphs() {
        let family = FontFamily::default_family();
        let mut cache = TextCache::one_shot();
        cache.use_family(&family);
        let lines = compose_beside(
            &family,
            &mut cache,
            |_, mut requests| {
                requests.ask(ParagraphKey::new(&runs(1), 150.0, &style()));
                None
            },
            |cache| cache.lines(&runs(1), 150.0, &style()),
        );
        assert!(!lines.is_empty());
    }
}
