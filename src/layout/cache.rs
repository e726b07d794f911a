//! What laying out text learns and can reuse: shaped words and hyphenation points.
//!
//! A pact repeats its words a lot, and the pacts of a batch share nearly all of theirs, so a
//! [`TextCache`] kept across renders (see [`crate::render::Renderer`]) makes every render
//! after the first cheaper. It is owned by its user: there is no global state.

use super::draw::{PlacedGlyph, Role};
use super::paragraph::{self, Align, LineBox, ParaStyle};
use crate::font::{faces, Shaper, Variant};
use crate::text::{hyphen, typo, Run};
use std::collections::HashMap;
use std::sync::Arc;
use unicode_segmentation::UnicodeSegmentation;

/// Beyond this many words the hyphenation cache starts afresh (bounded memory).
const HYPHENS_LIMIT: usize = 200_000;

/// Beyond this many words per face and size the word cache starts afresh.
const WORDS_LIMIT: usize = 200_000;

/// Shapes, hyphenation points and placed words, computed once per distinct text.
#[derive(Default)]
pub struct TextCache {
    /// Shaped text, per face.
    pub shaper: Shaper,
    hyphens: HashMap<String, Arc<[usize]>>,
    words: HashMap<(Variant, u32, bool), HashMap<String, Arc<Word>>>,
    typeset: HashMap<Vec<Run>, Vec<Run>>,
    paragraphs: HashMap<ParagraphKey, Vec<LineBox>>,
}

/// What a paragraph's lines depend on: its runs, column width and style (floats by bits).
#[derive(PartialEq, Eq, Hash)]
struct ParagraphKey {
    runs: Vec<Run>,
    width: u32,
    style: [u32; 5],
    align: Align,
    hyphenate: bool,
    role: Role,
}

impl ParagraphKey {
    fn new(runs: &[Run], width: f32, style: &ParaStyle) -> ParagraphKey {
        let c = style.color;
        ParagraphKey {
            runs: runs.to_vec(),
            width: width.to_bits(),
            style: [style.size, style.leading, c.0, c.1, c.2].map(f32::to_bits),
            align: style.align,
            hyphenate: style.hyphenate,
            role: style.role,
        }
    }
}

/// A piece of text with no break opportunity inside but its hyphenation points, shaped in
/// one face and size and cut at those points.
#[derive(Debug)]
pub struct Word {
    /// The pieces between hyphenation points, in order (one when there is none).
    pub pieces: Vec<Piece>,
}

/// Part of a [`Word`] up to a hyphenation point (or its end).
#[derive(Debug)]
pub struct Piece {
    /// The glyphs, placed (advances in pt).
    pub glyphs: Arc<[PlacedGlyph]>,
    /// Their total advance, pt.
    pub width: f32,
}

impl TextCache {
    /// An empty cache.
    pub fn new() -> TextCache {
        TextCache::default()
    }

    /// [`hyphen::points`] of `word`, computed once.
    pub fn hyphenation_points(&mut self, word: &str) -> Arc<[usize]> {
        if let Some(p) = self.hyphens.get(word) {
            return p.clone();
        }
        if self.hyphens.len() >= HYPHENS_LIMIT {
            self.hyphens.clear();
        }
        let p: Arc<[usize]> = hyphen::points(word).into();
        self.hyphens.insert(word.to_string(), p.clone());
        p
    }
}

impl TextCache {
    /// True when the cache knows nothing yet (no paragraph set).
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Adds what `other` learnt (entries already here are kept: both are the same values).
    pub fn merge(&mut self, other: TextCache) {
        self.shaper.merge(other.shaper);
        for (k, v) in other.hyphens {
            self.hyphens.entry(k).or_insert(v);
        }
        for (key, words) in other.words {
            let map = self.words.entry(key).or_default();
            for (k, v) in words {
                map.entry(k).or_insert(v);
            }
        }
        for (k, v) in other.typeset {
            self.typeset.entry(k).or_insert(v);
        }
        for (k, v) in other.paragraphs {
            self.paragraphs.entry(k).or_insert(v);
        }
    }

    /// [`paragraph::layout`] of `runs`, computed once.
    pub fn lines(&mut self, runs: &[Run], width: f32, style: &ParaStyle) -> Vec<LineBox> {
        let key = ParagraphKey::new(runs, width, style);
        if let Some(lines) = self.paragraphs.get(&key) {
            return lines.clone();
        }
        if self.paragraphs.len() >= WORDS_LIMIT {
            self.paragraphs.clear();
        }
        let lines = paragraph::layout(runs, width, style, self);
        self.paragraphs.insert(key, lines.clone());
        lines
    }

    /// [`typo::typographie`] of `runs`, computed once.
    pub fn typographie(&mut self, runs: Vec<Run>) -> Vec<Run> {
        if let Some(r) = self.typeset.get(&runs) {
            return r.clone();
        }
        if self.typeset.len() >= WORDS_LIMIT {
            self.typeset.clear();
        }
        let out = typo::typographie(runs.clone());
        self.typeset.insert(runs, out.clone());
        out
    }

    /// `text` shaped in `variant` at `size` pt and, if `hyphenate`, cut at the French
    /// hyphenation points of its words (see [`hyphen::points`]); computed once.
    pub fn word(&mut self, variant: Variant, size: f32, hyphenate: bool, text: &str) -> Arc<Word> {
        let key = (variant, size.to_bits(), hyphenate);
        if let Some(w) = self.words.get(&key).and_then(|m| m.get(text)) {
            return w.clone();
        }
        let shaped = self.shaper.shape(variant, text);
        let mut points: Vec<usize> = Vec::new();
        if hyphenate {
            let mut offset = 0;
            for part in text.split_word_bounds() {
                if part.chars().count() >= hyphen::MIN_LETTRES {
                    points.extend(self.hyphenation_points(part).iter().map(|p| p + offset));
                }
                offset += part.len();
            }
        }
        // Glyph indices where a piece starts: the first glyph of the cluster at each point.
        let glyphs = &shaped.glyphs;
        let mut cuts: Vec<usize> = Vec::with_capacity(points.len() + 1);
        let mut g = 0;
        for p in points {
            while g < glyphs.len() && (glyphs[g].cluster as usize) < p {
                g += 1;
            }
            if g > 0 && g < glyphs.len() && glyphs[g].cluster as usize == p {
                cuts.push(g);
            }
        }
        cuts.push(glyphs.len());
        let scale = size / faces()[variant.index()].units_per_em;
        let mut start = 0;
        let pieces = cuts
            .into_iter()
            .map(|cut| {
                let placed: Arc<[PlacedGlyph]> =
                    PlacedGlyph::from_shaped(&glyphs[start..cut], scale).into();
                start = cut;
                Piece {
                    width: placed.iter().map(|g| g.advance).sum(),
                    glyphs: placed,
                }
            })
            .collect();
        let word = Arc::new(Word { pieces });
        let map = self.words.entry(key).or_default();
        if map.len() >= WORDS_LIMIT {
            map.clear();
        }
        map.insert(text.to_string(), word.clone());
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_points_are_the_points() {
        let mut c = TextCache::new();
        let a = c.hyphenation_points("accompagnement");
        let b = c.hyphenation_points("accompagnement");
        assert_eq!(&*a, &hyphen::points("accompagnement")[..]);
        assert!(
            Arc::ptr_eq(&a, &b),
            "the second call is served from the cache"
        );
    }

    #[test]
    fn a_word_is_cut_at_its_hyphenation_points() {
        let mut c = TextCache::new();
        let w = c.word(Variant::Regular, 10.0, true, "l’accompagnement,");
        let text: Vec<String> = w
            .pieces
            .iter()
            .map(|p| p.glyphs.iter().map(|g| g.text.as_str()).collect())
            .collect();
        assert_eq!(text, ["l’ac", "com", "pa", "gne", "ment,"]);
        let whole = c.shaper.width(Variant::Regular, 10.0, "l’accompagnement,");
        let sum: f32 = w.pieces.iter().map(|p| p.width).sum();
        assert!((whole - sum).abs() < 1e-3, "{whole} vs {sum}");
        let unbroken = c.word(Variant::Regular, 10.0, false, "l’accompagnement,");
        assert_eq!(unbroken.pieces.len(), 1);
    }
}
