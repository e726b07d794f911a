//! What laying out text learns and can reuse: shaped words and hyphenation points.
//!
//! A pact repeats its words a lot, and the pacts of a batch share nearly all of theirs, so a
//! [`TextCache`] kept across renders (see [`crate::render::Renderer`]) makes every render
//! after the first cheaper. It is owned by its user: there is no global state.

use super::draw::{PlacedGlyph, Role};
use super::paragraph::{self, Align, LineBox, ParaStyle};
use super::theme::Rgb;
use crate::font::{FontFamily, Shaper, Variant};
use crate::text::{hyphen, typo, Run};
use foldhash::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Beyond this many words the hyphenation cache starts afresh (bounded memory).
const HYPHENS_LIMIT: usize = 200_000;

/// Beyond this many words per face and size the word cache starts afresh.
const WORDS_LIMIT: usize = 200_000;

/// Shapes, hyphenation points and placed words, computed once per distinct text. The maps
/// hash with foldhash: the keys are our own text, SipHash's flooding resistance buys
/// nothing here and cost a twentieth of a cold render.
#[derive(Default)]
pub struct TextCache {
    /// Shaped text, per face.
    pub shaper: Shaper,
    hyphens: HashMap<String, Arc<[usize]>>,
    /// Placed words per face and size (by bits), with their cuts once asked for.
    words: HashMap<(Variant, u32), HashMap<String, Known>>,
    paragraphs: Generations<ParagraphKey, Vec<LineBox>>,
    /// While a dry run records what it would set (see [`TextCache::set_in_parallel`]).
    recording: Option<Recording>,
    /// Serves a single render (see [`TextCache::one_shot`]).
    one_shot: bool,
    /// Keeps set paragraphs even in a one-shot cache (see [`TextCache::keep_paragraphs`]).
    keep: bool,
    /// Widths of the space and the hyphen per face and size, asked for at every word (the
    /// mark, a `'static` string, known by its address and length: no string comparison).
    marks: Vec<((Variant, u32, usize, usize), f32)>,
    /// Working memory of [`TextCache::word`]: hyphenation points and glyph cuts.
    scratch: (Vec<usize>, Vec<usize>),
    /// The space glyph of each face (id and own advance), once asked for.
    spaces: [Option<Option<(u16, i32)>>; 4],
    /// [`typo::typographie_str`] of headings, which a render composes more than once.
    titles: HashMap<String, String>,
}

/// Paragraphs set by one worker of [`TextCache::set_in_parallel`] (by their rank in the
/// recording), and what its cache learnt.
type Share = (TextCache, Vec<(usize, Vec<LineBox>)>);

/// How many paragraphs a worker of [`TextCache::set_in_parallel`] takes at a time.
const CHUNK: usize = 8;

/// The paragraphs a dry run asked for and the cache could not give, each with the order in
/// which it was first asked for.
type Recording = HashMap<ParagraphKey, usize>;

/// What a paragraph's lines depend on: its runs as written (the typography is part of setting
/// it), column width and style (floats by bits).
#[derive(Clone, PartialEq, Eq, Hash)]
struct ParagraphKey {
    runs: Vec<Run>,
    width: u32,
    style: [u32; 6],
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
            style: [style.size, style.leading, style.ascent, c.0, c.1, c.2].map(f32::to_bits),
            align: style.align,
            hyphenate: style.hyphenate,
            role: style.role,
        }
    }

    /// The column width the key was made with.
    fn width(&self) -> f32 {
        f32::from_bits(self.width)
    }

    /// The style the key was made with.
    fn style(&self) -> ParaStyle {
        let [size, leading, ascent, r, g, b] = self.style.map(f32::from_bits);
        ParaStyle {
            size,
            leading,
            ascent,
            color: Rgb(r, g, b),
            align: self.align,
            hyphenate: self.hyphenate,
            role: self.role,
        }
    }

    /// This paragraph, its French typography applied, set with `cache`.
    fn set(&self, cache: &mut TextCache) -> Vec<LineBox> {
        let runs = typo::typographie_de(&self.runs);
        paragraph::layout(&runs, self.width(), &self.style(), cache)
    }
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

impl TextCache {
    #[cfg(test)]
    /// An empty cache.
    pub fn new() -> TextCache {
        TextCache::default()
    }

    /// An empty cache shaping with `family`.
    pub fn with_family(family: Arc<FontFamily>) -> TextCache {
        TextCache {
            shaper: Shaper::new(family),
            ..TextCache::default()
        }
    }

    /// Makes the cache serve `family`: what it knows of another family is dropped (shapes,
    /// words and paragraphs are the family's own; hyphenation points are kept).
    pub fn use_family(&mut self, family: &Arc<FontFamily>) {
        if !Arc::ptr_eq(self.shaper.family(), family) {
            let hyphens = std::mem::take(&mut self.hyphens);
            *self = TextCache {
                hyphens,
                one_shot: self.one_shot,
                ..TextCache::with_family(family.clone())
            };
        }
    }

    /// An empty cache for a single render, which keeps nothing for a next one: what the
    /// workers of [`TextCache::set_in_parallel`] learnt is freed on the thread pool instead
    /// of being handed over, and a set paragraph is given away, not copied, when
    /// asked for. The lines are the same; only the time spent keeping them is saved.
    pub fn one_shot() -> TextCache {
        TextCache {
            one_shot: true,
            ..TextCache::default()
        }
    }

    /// [`typo::typographie_str`] of `text`, computed once (headings are composed by the dry
    /// run of [`TextCache::set_in_parallel`], then for real).
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
}

impl TextCache {
    /// [`paragraph::layout`] of `runs` as written, after [`typo::typographie`]; computed
    /// once. Runs that had the typography applied already give the same lines (it is
    /// idempotent).
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
        if let Some(rec) = &mut self.recording {
            let order = rec.len();
            rec.entry(key).or_insert(order);
            return Vec::new();
        }
        let lines = key.set(self);
        if !self.one_shot || self.keep {
            self.paragraphs.insert(key, lines.clone());
        }
        lines
    }

    /// Whether a one-shot cache keeps the paragraphs it gives (and sets) until asked to stop:
    /// for text composed more than once, like the sommaire, which is composed again until
    /// its page numbers are stable. Other caches always keep them.
    pub fn keep_paragraphs(&mut self, keep: bool) {
        self.keep = keep;
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
    }

    /// Sets many paragraphs at once on all cores: runs `dry_run` with every [`lines`]
    /// call answered by an empty paragraph and recorded, sets the recorded paragraphs in
    /// parallel (a worker per core, each with a cache of its own, taking the next few
    /// paragraphs in order until none is left), and keeps the results and what the workers'
    /// caches learnt. A composition run afterwards
    /// finds every paragraph here. The results are those [`lines`] would give: the cache
    /// memoises pure functions of their keys.
    ///
    /// [`lines`]: TextCache::lines
    pub fn set_in_parallel(&mut self, dry_run: impl FnOnce(&mut TextCache)) {
        self.recording = Some(Recording::default());
        dry_run(self);
        let Some(rec) = self.recording.take() else {
            return;
        };
        let mut requests: Vec<(ParagraphKey, usize)> = rec.into_iter().collect();
        requests.sort_unstable_by_key(|&(_, order)| order);
        let keys: Vec<ParagraphKey> = requests.into_iter().map(|(key, _)| key).collect();
        // Each worker takes the next few paragraphs in document order until none is left:
        // the cores end together whatever each paragraph costs, and a worker's cache meets
        // runs of neighbouring paragraphs, which share their words.
        let workers = rayon::current_num_threads().clamp(1, 8);
        let next = AtomicUsize::new(0);
        let one_shot = self.one_shot;
        let family = self.shaper.family().clone();
        use rayon::prelude::*;
        let done: Vec<Share> = (0..workers)
            .into_par_iter()
            .map(|_| {
                let mut cache = TextCache::with_family(family.clone());
                let mut set = Vec::new();
                loop {
                    let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if start >= keys.len() {
                        break;
                    }
                    for (i, key) in keys.iter().enumerate().skip(start).take(CHUNK) {
                        set.push((i, key.set(&mut cache)));
                    }
                }
                (cache, set)
            })
            .collect();
        let mut lines: Vec<Vec<LineBox>> = vec![Vec::new(); keys.len()];
        let mut caches = Vec::with_capacity(done.len());
        for (cache, set) in done {
            for (i, l) in set {
                lines[i] = l;
            }
            caches.push(cache);
        }
        self.paragraphs.extend(keys.into_iter().zip(lines));
        if one_shot {
            // Nothing to keep: the workers' caches are freed on the pool, which is idle
            // while this thread composes the pages.
            crate::background::drop_in_background(caches);
        } else {
            for cache in caches {
                self.learn(cache);
            }
        }
    }

    /// Adds the shapes, hyphenation points and words `other` knows.
    fn learn(&mut self, other: TextCache) {
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

/// A memo whose entries live while they are used: an entry not asked for during a whole
/// generation is dropped at the end of the next one.
struct Generations<K, V> {
    current: HashMap<K, V>,
    older: HashMap<K, V>,
}

impl<K, V> Default for Generations<K, V> {
    fn default() -> Self {
        Generations {
            current: HashMap::default(),
            older: HashMap::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone, V: Clone> Generations<K, V> {
    /// A copy of the value of `key`, moved to the current generation if it was older.
    fn get(&mut self, key: &K) -> Option<V> {
        if let Some(v) = self.current.get(key) {
            return Some(v.clone());
        }
        let v = self.older.remove(key)?;
        self.current.insert(key.clone(), v.clone());
        Some(v)
    }

    /// The value of `key`, removed.
    fn take(&mut self, key: &K) -> Option<V> {
        self.current.remove(key).or_else(|| self.older.remove(key))
    }

    fn insert(&mut self, key: K, value: V) {
        if self.current.len() >= WORDS_LIMIT {
            self.current.clear();
        }
        self.current.insert(key, value);
    }

    fn extend(&mut self, entries: impl IntoIterator<Item = (K, V)>) {
        self.current.extend(entries);
    }

    fn is_empty(&self) -> bool {
        self.current.is_empty() && self.older.is_empty()
    }

    /// What was current becomes older; what was older and not asked for again is dropped.
    fn new_generation(&mut self) {
        self.older = std::mem::take(&mut self.current);
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
        let mut c = TextCache::new();
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

    #[test]
    fn paragraphs_not_asked_for_during_a_generation_are_dropped() {
        use crate::layout::draw::Role;
        use crate::layout::theme::Rgb;
        use crate::text::Style;
        let style = ParaStyle {
            size: 10.0,
            leading: 13.0,
            ascent: 0.95,
            color: Rgb(0.0, 0.0, 0.0),
            align: Align::Justify,
            hyphenate: true,
            role: Role::Paragraph,
        };
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
