//! Set paragraphs, kept by what their lines depend on, in generations.

use crate::layout::draw::Role;
use crate::layout::paragraph::{self, Align, LineBox, ParaStyle};
use crate::layout::theme::Rgb;
use crate::layout::words::{Words, WORDS_LIMIT};
use crate::text::{typo, Run};
use foldhash::HashMap;

/// What a paragraph's lines depend on: its runs as written (the typography is part of setting
/// it), column width and style (floats by bits).
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct ParagraphKey {
    runs: Vec<Run>,
    width: u32,
    style: [u32; 6],
    align: Align,
    hyphenate: bool,
    role: Role,
}

impl ParagraphKey {
    pub(crate) fn new(runs: &[Run], width: f32, style: &ParaStyle) -> ParagraphKey {
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

    /// This paragraph, its French typography applied, set with `words`.
    pub(crate) fn set(&self, words: &mut Words) -> Vec<LineBox> {
        let runs = typo::typographie_de(&self.runs);
        paragraph::layout(&runs, self.width(), &self.style(), words)
    }
}

/// A memo whose entries live while they are used: an entry not asked for during a whole
/// generation is dropped at the end of the next one.
pub(crate) struct Generations<K, V> {
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
    pub(crate) fn get(&mut self, key: &K) -> Option<V> {
        if let Some(v) = self.current.get(key) {
            return Some(v.clone());
        }
        let v = self.older.remove(key)?;
        self.current.insert(key.clone(), v.clone());
        Some(v)
    }

    /// The value of `key`, removed.
    pub(crate) fn take(&mut self, key: &K) -> Option<V> {
        self.current.remove(key).or_else(|| self.older.remove(key))
    }

    /// Sets the value of `key` in the current generation.
    pub(crate) fn insert(&mut self, key: K, value: V) {
        if self.current.len() >= WORDS_LIMIT {
            self.current.clear();
        }
        self.current.insert(key, value);
    }

    /// Sets many values in the current generation.
    pub(crate) fn extend(&mut self, entries: impl IntoIterator<Item = (K, V)>) {
        self.current.extend(entries);
    }

    /// Whether no generation holds anything.
    pub(crate) fn is_empty(&self) -> bool {
        self.current.is_empty() && self.older.is_empty()
    }

    /// What was current becomes older; what was older and not asked for again is dropped.
    pub(crate) fn new_generation(&mut self) {
        self.older = std::mem::take(&mut self.current);
    }
}
