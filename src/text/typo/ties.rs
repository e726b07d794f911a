//! No-break spaces after the words that stay with what follows them: `p. 12`,
//! `art. L. 263-2`, `M. Dupont`, `décembre 2008`.

use super::{est_espace, Texte, ESPACE_INSECABLE};

/// Words followed by a no-break space when a number (or a legal code `L.`, `R.`, `D.`)
/// comes next: `p. 12`, `art. L. 263-2`, `fiche-action n° 8`.
pub(super) const AVANT_NOMBRE: &[&str] = &[
    "p.", "pp.", "art.", "Art.", "article", "Article", "articles", "Articles", "al.", "alinéa",
    "chap.", "chapitre", "Chapitre", "annexe", "Annexe", "fiche", "axe", "Axe", "page", "tome",
    "t.", "vol.", "§", "L.", "R.", "D.",
];

/// The most characters of a word of [`AVANT_NOMBRE`], [`CIVILITES`] or [`MOIS`].
pub(super) const MOT_AVANT_NOMBRE_MAX: usize = 9;

/// Titles followed by a no-break space before a capitalised name (`M. Dupont`).
pub(super) const CIVILITES: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mes", "Mgr", "Dr", "Pr",
];

/// Month names, kept with the day before them and the year after them.
pub(super) use crate::model::MOIS;

impl Texte {
    /// `p. 12`, `art. L. 263-2`, `M. Dupont`, `décembre 2008`: no-break space after the word.
    pub(super) fn mots_avant_nombre(&mut self) {
        let n = self.cs.len();
        let mut i = 0;
        while i < n {
            i += 1;
            if i >= n
                || !est_espace(self.cs[i].ch)
                || self.cs[i].protege
                || matches!(self.cs[i].ch, '\n' | '\r')
            {
                continue;
            }
            // Every rule below wants a digit (number, year) or a capital (legal code, name)
            // after the space: test that first, before building any string.
            if !self
                .ch(i + 1)
                .is_some_and(|c| c.is_ascii_digit() || c.is_uppercase())
            {
                continue;
            }
            // The word just before the space: letters, digits, dots ("l’art." → "art.").
            // Read back one character more than the longest word of the lists: enough to
            // know that a longer word is none of them.
            let mut d = i;
            while d > 0
                && i - d <= MOT_AVANT_NOMBRE_MAX
                && (self.cs[d - 1].ch.is_alphanumeric() || matches!(self.cs[d - 1].ch, '.' | '§'))
            {
                d -= 1;
            }
            let avant = &self.cs[d..i];
            // No word of the lists is longer than "septembre"; none is empty.
            if avant.is_empty()
                || avant.len() > MOT_AVANT_NOMBRE_MAX
                || avant.iter().any(|c| c.protege)
            {
                continue;
            }
            // The word after the space, read in place (it starts with a digit or a capital,
            // so it is not empty).
            let apres = |k: usize| self.ch(i + 1 + k);
            let premier = apres(0);
            let nombre = premier.is_some_and(|c| c.is_ascii_digit());
            let code = matches!(premier, Some('L' | 'R' | 'D')) && apres(1) == Some('.');
            let est = |mot: &str| avant.iter().map(|c| c.ch).eq(mot.chars());
            let annee = (0..4).all(|k| apres(k).is_some_and(|c| c.is_ascii_digit()))
                && apres(4).is_none_or(|c| !c.is_ascii_digit());
            let lier = (AVANT_NOMBRE.iter().any(|m| est(m))
                && (nombre || (code && !["L.", "R.", "D."].iter().any(|m| est(m)))))
                || (CIVILITES.iter().any(|m| est(m)) && premier.is_some_and(char::is_uppercase))
                || (annee
                    && MOIS
                        .iter()
                        .any(|m| avant.iter().flat_map(|c| c.ch.to_lowercase()).eq(m.chars())));
            if lier {
                self.cs[i].ch = ESPACE_INSECABLE;
                i += 1;
            }
        }
    }
}
