//! What laying out text learns and can reuse: the words (see [`Words`]), the set
//! paragraphs (see [`paragraphs`]) and the typography of headings.
//!
//! A [`TextCache`] kept across renders (see [`crate::render::Renderer`]) makes every render
//! after the first cheaper. It is owned by its user: there is no global state. It never
//! answers but with what it was asked for: a first render collects its paragraphs, then
//! has them set on the other cores while it composes, as an explicit step (see
//! [`parallel`]).

pub(crate) mod paragraphs;
pub(crate) mod parallel;

use super::paragraph::{LineBox, ParaStyle};
use super::words::{Words, HYPHENS_LIMIT};
use crate::font::FontFamily;
use crate::text::{typo, Run};
use foldhash::HashMap;
use paragraphs::{Generations, ParagraphKey};
use parallel::Pending;
use std::sync::Arc;

/// The words, the set paragraphs and the headings' typography of the renders it serves.
#[derive(Default)]
pub struct TextCache {
    /// Shaped, placed and cut words.
    pub words: Words,
    paragraphs: Generations<ParagraphKey, Vec<LineBox>>,
    /// Serves a single render (see [`TextCache::one_shot`]).
    one_shot: bool,
    /// Keeps set paragraphs even in a one-shot cache (see [`TextCache::keep_paragraphs`]).
    keep: bool,
    /// The paragraphs being set on other cores for the composition under way (see
    /// [`parallel::compose_beside`]).
    pending: Option<Arc<Pending>>,
    /// [`typo::typographie_str`] of headings, which a render composes more than once.
    titles: HashMap<String, String>,
    /// The excerpts of the index of the fiches-action of this render, by the anchor of
    /// their engagement and their room (see [`TextCache::excerpt`]).
    excerpts: HashMap<(String, u32), String>,
}

impl TextCache {
    #[cfg(test)]
    /// An empty cache.
    pub fn new() -> TextCache {
        TextCache::default()
    }

    /// Makes the cache serve `family`: what it knows of another family is dropped (shapes,
    /// words and paragraphs are the family's own; hyphenation points are kept).
    pub fn use_family(&mut self, family: &Arc<FontFamily>) {
        if self.words.use_family(family) {
            self.paragraphs = Generations::default();
        }
    }

    /// An empty cache for a single render, which keeps nothing for a next one: what the
    /// helpers of [`parallel::compose_beside`] learnt is freed on their threads instead of
    /// being handed over, and a set paragraph is given away, not copied, when asked for.
    /// The lines are the same; only the time spent keeping them is saved.
    pub fn one_shot() -> TextCache {
        TextCache {
            one_shot: true,
            ..TextCache::default()
        }
    }

    /// Whether the cache serves a single render (see [`TextCache::one_shot`]).
    pub(crate) fn is_one_shot(&self) -> bool {
        self.one_shot
    }

    /// [`typo::typographie_str`] of `text`, computed once (headings are composed while
    /// collecting paragraphs, then for real).
    pub fn typographie_str(&mut self, text: &str) -> String {
        if let Some(t) = self.titles.get(text) {
            return t.clone();
        }
        let t = typo::typographie_str(text);
        if self.titles.len() >= HYPHENS_LIMIT {
            self.titles.clear();
        }
        self.titles.insert(text.to_string(), t.clone());
        t
    }

    /// The excerpt of the engagement at `anchor` that fits in `room` points, as `fit` finds
    /// it with the words' shaper; found once a render (the index of the fiches-action is
    /// composed again on each try of the sommaire's page loop).
    pub fn excerpt(
        &mut self,
        anchor: &str,
        room: f32,
        fit: impl FnOnce(&mut Words) -> String,
    ) -> String {
        let key = (anchor.to_string(), room.to_bits());
        if let Some(e) = self.excerpts.get(&key) {
            return e.clone();
        }
        let e = fit(&mut self.words);
        self.excerpts.insert(key, e.clone());
        e
    }

    /// [`paragraph::layout`](super::paragraph::layout) of `runs` as written, after
    /// [`typo::typographie_de`]; computed once. Runs that had the typography applied
    /// already give the same lines (it is idempotent).
    pub fn lines(&mut self, runs: &[Run], width: f32, style: &ParaStyle) -> Vec<LineBox> {
        let key = ParagraphKey::new(runs, width, style);
        let cached = if self.one_shot && !self.keep {
            self.paragraphs.take(&key)
        } else {
            self.paragraphs.get(&key)
        };
        if let Some(lines) = cached {
            return lines;
        }
        let pending = self.pending.as_ref();
        let lines = match pending.and_then(|p| p.take(&key, &mut self.words)) {
            Some(lines) => lines,
            None => key.set(&mut self.words),
        };
        if !self.one_shot || self.keep {
            self.paragraphs.insert(key, lines.clone());
        }
        lines
    }

    /// Whether a one-shot cache keeps the paragraphs it gives (and sets) until asked to stop:
    /// for text composed more than once, like the sommaire, which is composed again until
    /// its page numbers are stable. Other caches always keep them. Returns what it was.
    pub fn keep_paragraphs(&mut self, keep: bool) -> bool {
        std::mem::replace(&mut self.keep, keep)
    }

    /// Whether no paragraph has been set with this cache yet.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Starts a new generation of set paragraphs: those not asked for again before the next
    /// generation are dropped then. Called once per render, it keeps the cache to the
    /// paragraphs of about two pacts, so that a long batch runs in flat memory (words and
    /// hyphenation points are kept: they grow with the vocabulary only).
    pub fn new_generation(&mut self) {
        self.paragraphs.new_generation();
        self.excerpts.clear();
    }

    /// Keeps the paragraphs set by [`parallel::compose_beside`] that its composition did not
    /// take, and what its helpers learnt (nothing for a single render).
    fn add(&mut self, pending: Pending, learnt: Vec<Words>) {
        if self.one_shot {
            crate::background::drop_in_background(pending);
            return;
        }
        self.paragraphs.extend(pending.into_untaken());
        for words in learnt {
            self.words.learn(words);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::paragraph::Align;

    /// A justified, hyphenated body paragraph's style.
    pub(crate) fn style() -> ParaStyle {
        use crate::layout::draw::Role;
        use crate::layout::theme::Rgb;
        ParaStyle {
            size: 10.0,
            leading: 13.0,
            ascent: 0.95,
            color: Rgb(0.0, 0.0, 0.0),
            align: Align::Justify,
            hyphenate: true,
            role: Role::Paragraph,
        }
    }

    #[test]
    fn paragraphs_not_asked_for_during_a_generation_are_dropped() {
        use crate::text::Style;
        let style = style();
        let runs = vec![Run::new(
            "Le Département et ses partenaires.",
            Style::default(),
        )];
        let mut c = TextCache::new();
        let first = c.lines(&runs, 200.0, &style);
        c.new_generation();
        assert_eq!(c.lines(&runs, 200.0, &style).len(), first.len(), "kept");
        c.new_generation();
        assert!(
            !c.is_empty(),
            "asked for during the last generation: still here"
        );
        c.new_generation();
        assert!(
            c.is_empty(),
            "not asked for during a whole generation: dropped"
        );
    }
}
