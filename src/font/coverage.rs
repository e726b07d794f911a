//! Which characters a family can draw, its own faces and the fallbacks together.

use super::FontFamily;
use foldhash::HashMap;

/// Tells whether a family draws a character, remembering its answers (a pact has few
/// distinct characters, and many of each).
pub(crate) struct Coverage<'a> {
    family: &'a FontFamily,
    ascii: [Option<bool>; 128],
    others: HashMap<char, bool>,
}

impl<'a> Coverage<'a> {
    /// Nothing asked yet of `family`.
    pub(crate) fn new(family: &'a FontFamily) -> Coverage<'a> {
        Coverage {
            family,
            ascii: [None; 128],
            others: HashMap::default(),
        }
    }

    /// Whether every face of the family (each with the fallbacks) has a glyph for `c`.
    pub(crate) fn draws(&mut self, c: char) -> bool {
        let family = self.family;
        match self.ascii.get_mut(c as usize) {
            Some(known) => *known.get_or_insert_with(|| family.draws(c)),
            None => *self.others.entry(c).or_insert_with(|| family.draws(c)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_family_draws_the_symbols_and_not_cjk_or_emoji() {
        let family = FontFamily::embedded();
        let mut coverage = Coverage::new(family);
        for c in "≈≤≥≠±×÷→←↑↓✓✗•▪■●○−‰◦★☐☑⇒∞√€«»’".chars()
        {
            assert!(coverage.draws(c), "{c:?} is drawn");
        }
        for c in "中😀אع\u{7}".chars() {
            assert!(!coverage.draws(c), "{c:?} is not drawn");
        }
        assert!(coverage.draws('a') && coverage.draws('a'));
    }
}
