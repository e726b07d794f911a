//! Words shaped, placed and cut at their hyphenation points, computed once per distinct text.
//!
//! A pact repeats its words a lot, and the pacts of a batch share nearly all of theirs, so
//! the [`Words`] of a [`TextCache`](super::cache::TextCache) kept across renders make every
//! render after the first cheaper. The maps hash with foldhash: the keys are our own text,
//! SipHash's flooding resistance buys nothing here and cost a twentieth of a cold render.

use super::draw::PlacedGlyph;
use crate::font::{FontFamily, Shaper, Variant};
use crate::text::hyphen;
use foldhash::HashMap;
use std::sync::Arc;

/// Beyond this many words the hyphenation memo starts afresh (bounded memory).
pub(crate) const HYPHENS_LIMIT: usize = 200_000;

/// Beyond this many words per face and size the word memo starts afresh.
pub(crate) const WORDS_LIMIT: usize = 200_000;

/// Shapes, hyphenation points and placed words, computed once per distinct text.
#[derive(Default)]
pub struct Words {
    /// Shaped text, per face.
    pub shaper: Shaper,
    hyphens: HashMap<String, Arc<[usize]>>,
    /// Placed words per face and size (by bits), with their cuts once asked for.
    words: HashMap<(Variant, u32), HashMap<String, Known>>,
    /// Widths of the space and the hyphen per face and size, asked for at every word (the
    /// mark, a `'static` string, known by its address and length: no string comparison).
    marks: Vec<((Variant, u32, usize, usize), f32)>,
    /// Working memory of [`Words::word`]: hyphenation points and glyph cuts.
    scratch: (Vec<usize>, Vec<usize>),
    /// The space glyph of each face (id and own advance), once asked for.
    spaces: [Option<Option<(u16, i32)>>; 4],
}

/// A piece of text with no break opportunity inside but its hyphenation points, shaped in
/// one face and size and, when asked for, cut at those points.
#[derive(Debug, Clone)]
pub struct Word {
    /// The glyphs, placed (advances in pt).
    pub glyphs: Arc<[PlacedGlyph]>,
    /// The whole word as one piece (its width is the word's).
    pub whole: Piece,
    /// The pieces between hyphenation points, in order, when the word was asked for cut
    /// and has such points; `None`: one piece, the whole word.
    pub cut: Option<Arc<[Piece]>>,
}

/// Part of a [`Word`] up to a hyphenation point (or its end).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    /// Its glyphs: `glyphs[start..end]` of the word.
    pub start: u32,
    /// End of its glyphs (exclusive).
    pub end: u32,
    /// Their total advance, pt.
    pub width: f32,
}

impl Word {
    #[cfg(test)]
    /// The glyphs of `piece`, one of the word's.
    pub fn glyphs_of(&self, piece: &Piece) -> &[PlacedGlyph] {
        &self.glyphs[piece.start as usize..piece.end as usize]
    }

    /// The pieces of the word: one, the whole word, when it is not cut.
    pub fn pieces(&self) -> &[Piece] {
        match &self.cut {
            Some(pieces) => pieces,
            None => std::slice::from_ref(&self.whole),
        }
    }
}

/// A word the cache knows: placed, and cut once it was asked for cut.
#[derive(Clone)]
struct Known {
    word: Word,
    /// Whether `word.cut` was computed (it is `None` before, and after for a word without
    /// hyphenation point).
    cut_known: bool,
}

impl Words {
    /// An empty memo.
    #[cfg(test)]
    pub fn new() -> Words {
        Words::default()
    }

    /// An empty memo shaping with `family`.
    pub fn with_family(family: Arc<FontFamily>) -> Words {
        Words {
            shaper: Shaper::new(family),
            ..Words::default()
        }
    }

    /// Makes the memo serve `family`: what it knows of another family is dropped (shapes
    /// and words are the family's own; hyphenation points are kept).
    pub fn use_family(&mut self, family: &Arc<FontFamily>) -> bool {
        if Arc::ptr_eq(self.shaper.family(), family) {
            return false;
        }
        let hyphens = std::mem::take(&mut self.hyphens);
        *self = Words {
            hyphens,
            ..Words::with_family(family.clone())
        };
        true
    }

    /// The glyph a space is drawn with in `variant`, and its own advance in font units;
    /// a justified line asks at every space.
    pub fn space_glyph(&mut self, variant: Variant) -> Option<(u16, i32)> {
        let shaper = &mut self.shaper;
        *self.spaces[variant.index()].get_or_insert_with(|| {
            shaper
                .shape(variant, " ")
                .glyphs
                .first()
                .map(|g| (g.gid, g.nominal))
        })
    }

    /// Width in points of `mark` (a space or a hyphen) in `variant` at `size`: a paragraph
    /// asks at every word, so it is kept apart from the shaper's cache, in a short list.
    pub fn mark_width(&mut self, variant: Variant, size: f32, mark: &'static str) -> f32 {
        let key = (variant, size.to_bits(), mark.as_ptr() as usize, mark.len());
        if let Some(&(_, w)) = self.marks.iter().find(|(k, _)| *k == key) {
            return w;
        }
        let w = self.shaper.width(variant, size, mark);
        if self.marks.len() >= 64 {
            self.marks.clear();
        }
        self.marks.push((key, w));
        w
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
    /// Adds the shapes, hyphenation points and words `other` knows.
    pub(crate) fn learn(&mut self, other: Words) {
        self.shaper.learn(other.shaper);
        for (k, v) in other.hyphens {
            self.hyphens.entry(k).or_insert(v);
        }
        for (key, words) in other.words {
            let map = self.words.entry(key).or_default();
            for (k, v) in words {
                map.entry(k).or_insert(v);
            }
        }
    }

    /// `text` shaped in `variant` at `size` pt and, if `hyphenate`, cut at the French
    /// hyphenation points of its words (see [`hyphen::points`]); computed once. A word is
    /// shaped once, and cut the first time it is asked for cut.
    pub fn word(&mut self, variant: Variant, size: f32, hyphenate: bool, text: &str) -> Word {
        let key = (variant, size.to_bits());
        let glyphs = match self.words.get(&key).and_then(|m| m.get(text)) {
            Some(known) if !hyphenate || known.cut_known => {
                return if hyphenate {
                    known.word.clone()
                } else {
                    Word {
                        glyphs: known.word.glyphs.clone(),
                        whole: known.word.whole,
                        cut: None,
                    }
                };
            }
            Some(known) => Some(known.word.glyphs.clone()),
            None => None,
        };
        let glyphs = glyphs.unwrap_or_else(|| {
            // Not kept in the shaper's cache: the word, placed, is kept here.
            let shaped = self.shaper.shape_uncached(variant, text);
            let scale = size / self.shaper.units_per_em(variant);
            // Collected straight into the Arc: one allocation.
            shaped
                .glyphs
                .iter()
                .map(|g| PlacedGlyph::placed(g, scale))
                .collect()
        });
        let whole = Piece {
            start: 0,
            end: glyphs.len() as u32,
            width: glyphs.iter().map(|g| g.advance).sum(),
        };
        let cut = if hyphenate {
            self.cut(&glyphs, text)
        } else {
            None
        };
        let word = Word { glyphs, whole, cut };
        let map = self.words.entry(key).or_default();
        if map.len() >= WORDS_LIMIT {
            map.clear();
        }
        let known = Known {
            word: word.clone(),
            cut_known: hyphenate,
        };
        match map.get_mut(text) {
            Some(k) => *k = known,
            None => {
                map.insert(text.to_string(), known);
            }
        }
        word
    }

    /// The pieces of `glyphs` (`text` shaped) between the French hyphenation points of its
    /// words, or `None` when it has none.
    fn cut(&mut self, glyphs: &[PlacedGlyph], text: &str) -> Option<Arc<[Piece]>> {
        // The byte offsets of the clusters are read from the glyphs' texts below: a word
        // whose glyphs do not carry its whole text (a cluster longer than a glyph's text
        // holds, which French text never has) stays whole.
        if glyphs.iter().map(|g| g.text.len()).sum::<usize>() != text.len() {
            return None;
        }
        let (mut points, mut cuts) = std::mem::take(&mut self.scratch);
        points.clear();
        cuts.clear();
        hyphen::segments(text, |offset, part| {
            if part.chars().count() >= hyphen::MIN_LETTRES {
                points.extend(self.hyphenation_points(part).iter().map(|p| p + offset));
            }
        });
        // Glyph indices where a piece starts: the first glyph of the cluster at each point.
        // A cluster's text is carried by its first glyph, so the byte offset where each
        // cluster starts is the length of the texts before it.
        let mut clusters = glyphs.iter().scan((0, 0), |(offset, cluster), g| {
            if !g.text.is_empty() {
                *cluster = *offset;
                *offset += g.text.len();
            }
            Some(*cluster)
        });
        let mut g = 0;
        let mut cluster = clusters.next();
        for &p in &points {
            while cluster.is_some_and(|c| c < p) {
                g += 1;
                cluster = clusters.next();
            }
            if g > 0 && cluster == Some(p) {
                cuts.push(g);
            }
        }
        let pieces = if cuts.is_empty() {
            // No point falls at a cluster's start.
            None
        } else {
            cuts.push(glyphs.len());
            let mut start = 0;
            let pieces = cuts
                .iter()
                .map(|&end| {
                    let piece = Piece {
                        start: start as u32,
                        end: end as u32,
                        width: glyphs[start..end].iter().map(|g| g.advance).sum(),
                    };
                    start = end;
                    piece
                })
                .collect();
            Some(pieces)
        };
        self.scratch = (points, cuts);
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_points_are_the_points() {
        let mut c = Words::new();
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
        let mut c = Words::new();
        let w = c.word(Variant::Regular, 10.0, true, "l’accompagnement,");
        let text: Vec<String> = w
            .pieces()
            .iter()
            .map(|p| w.glyphs_of(p).iter().map(|g| g.text.as_str()).collect())
            .collect();
        assert_eq!(text, ["l’ac", "com", "pa", "gne", "ment,"]);
        let whole = c.shaper.width(Variant::Regular, 10.0, "l’accompagnement,");
        let sum: f32 = w.pieces().iter().map(|p| p.width).sum();
        assert!((whole - sum).abs() < 1e-3, "{whole} vs {sum}");
        assert!((whole - w.whole.width).abs() < 1e-3);
        let unbroken = c.word(Variant::Regular, 10.0, false, "l’accompagnement,");
        assert_eq!(unbroken.pieces(), [w.whole]);
        assert!(Arc::ptr_eq(&unbroken.glyphs, &w.glyphs), "shaped once");
    }

    /// The pieces of a cut word end at its hyphenation points (those that fall between
    /// clusters: not inside a ligature), through ligatures and combining marks.
    #[test]
    fn cuts_fall_at_hyphenation_points_through_ligatures_and_marks() {
        let mut c = Words::new();
        let mut cut = 0;
        for text in [
            "efficacement",
            "officiellement,",
            "l’affluence",
            "re\u{301}insertion",
            "difficultés",
            "socio-professionnelles",
        ] {
            let w = c.word(Variant::Regular, 10.0, true, text);
            let mut points = Vec::new();
            hyphen::segments(text, |offset, part| {
                if part.chars().count() >= hyphen::MIN_LETTRES {
                    points.extend(hyphen::points(part).iter().map(|p| p + offset));
                }
            });
            let mut end = 0;
            let ends: Vec<usize> = w
                .pieces()
                .iter()
                .map(|p| {
                    end += w.glyphs_of(p).iter().map(|g| g.text.len()).sum::<usize>();
                    end
                })
                .collect();
            cut += usize::from(ends.len() > 1);
            assert_eq!(ends.last(), Some(&text.len()), "{text}");
            for e in &ends[..ends.len() - 1] {
                assert!(points.contains(e), "{text}: {e} not in {points:?}");
            }
        }
        assert!(cut >= 5, "{cut} words cut");
    }
}
