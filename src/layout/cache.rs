//! What laying out text learns and can reuse: shaped words and hyphenation points.
//!
//! A pact repeats its words a lot, and the pacts of a batch share nearly all of theirs, so a
//! [`TextCache`] kept across renders (see [`crate::render::Renderer`]) makes every render
//! after the first cheaper. It is owned by its user: there is no global state.

use crate::font::Shaper;
use crate::text::hyphen;
use std::collections::HashMap;
use std::sync::Arc;

/// Beyond this many words the hyphenation cache starts afresh (bounded memory).
const HYPHENS_LIMIT: usize = 200_000;

/// Shapes and hyphenation points, computed once per distinct text.
#[derive(Default)]
pub struct TextCache {
    /// Shaped text, per face.
    pub shaper: Shaper,
    hyphens: HashMap<String, Arc<[usize]>>,
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
}
