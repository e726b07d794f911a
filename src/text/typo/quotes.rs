//! Apostrophes and straight double quotes.

use super::{est_blanc, Texte};

impl Texte {
    /// `'` → `’`, and `‘` or `´` between letters.
    pub(super) fn apostrophes(&mut self) {
        for i in 0..self.cs.len() {
            if !matches!(self.cs[i].ch, '\'' | '‘' | '´') || self.cs[i].protege {
                continue;
            }
            let entre_lettres = i > 0
                && self.ch(i - 1).is_some_and(char::is_alphabetic)
                && self.ch(i + 1).is_some_and(char::is_alphabetic);
            match self.cs[i].ch {
                '\'' => self.cs[i].ch = '’',
                '‘' | '´' if entre_lettres => self.cs[i].ch = '’',
                _ => {}
            }
        }
    }

    /// Straight double quotes → « ». Run when [`Texte::presents`] found one.
    pub(super) fn guillemets_droits(&mut self) {
        let mut ouvert = false;
        for i in 0..self.cs.len() {
            if self.cs[i].ch != '"' || self.cs[i].protege {
                continue;
            }
            let avant_blanc = i == 0
                || self
                    .ch(i - 1)
                    .is_some_and(|c| est_blanc(c) || "([{—–-/".contains(c));
            let apres_blanc = self
                .ch(i + 1)
                .is_none_or(|c| est_blanc(c) || ".,;:!?)]}…".contains(c));
            let ouvrant = if ouvert {
                // Expected a closing one; an obvious opening means the last was unmatched.
                avant_blanc && !apres_blanc
            } else {
                !apres_blanc || avant_blanc
            };
            self.cs[i].ch = if ouvrant { '«' } else { '»' };
            ouvert = ouvrant;
        }
    }
}
