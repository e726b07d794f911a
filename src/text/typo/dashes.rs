//! Runs of dots and hyphens: the ellipsis and the dashes.

use super::{est_espace, est_insecable, Texte, C};

impl Texte {
    /// "..." → "…" (exactly three dots). Run when [`Texte::presents`] found three dots.
    pub(super) fn points_de_suspension(&mut self) {
        let n = self.cs.len();
        let mut out = Vec::with_capacity(n);
        let mut i = 0;
        while i < n {
            let trois = i + 3 <= n
                && self.cs[i..i + 3].iter().all(|c| c.ch == '.' && !c.protege)
                && (i == 0 || self.cs[i - 1].ch != '.')
                && self.ch(i + 3) != Some('.');
            if trois {
                out.push(C {
                    ch: '…',
                    ..self.cs[i]
                });
                i += 3;
            } else {
                out.push(self.cs[i]);
                i += 1;
            }
        }
        self.cs = out;
    }

    /// "---" → "—", "--" → "–", " - " → " – ".
    pub(super) fn tirets(&mut self) {
        let Some(premier) = self.premier(|c| c == '-') else {
            return;
        };
        let n = self.cs.len();
        let mut out = Vec::with_capacity(n);
        out.extend_from_slice(&self.cs[..premier]);
        let mut i = premier;
        while i < n {
            let c = self.cs[i];
            if c.ch != '-' || c.protege {
                out.push(c);
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n && self.cs[j].ch == '-' && !self.cs[j].protege {
                j += 1;
            }
            match j - i {
                3 => out.push(C { ch: '—', ..c }),
                2 => out.push(C { ch: '–', ..c }),
                1 if i > 0
                    && self
                        .ch(i - 1)
                        .is_some_and(|p| est_espace(p) || est_insecable(p))
                    && self
                        .ch(i + 1)
                        .is_some_and(|s| est_espace(s) || est_insecable(s)) =>
                {
                    out.push(C { ch: '–', ..c })
                }
                _ => out.extend_from_slice(&self.cs[i..j]),
            }
            i = j;
        }
        self.cs = out;
    }
}
