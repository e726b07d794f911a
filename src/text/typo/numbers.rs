//! Numbers: thousands groups, decimals, units and counted words, phone numbers.

use super::{est_espace, est_insecable, Texte, C, ESPACE_FINE, ESPACE_INSECABLE, UNITES_COLLEES};

impl Texte {
    /// Numbers: thousands groups, units, phone numbers, dates.
    pub(super) fn nombres(&mut self) {
        let Some(premier) = self.premier(|c| c.is_ascii_digit()) else {
            return;
        };
        let n = self.cs.len();
        let mut out: Vec<C> = Vec::with_capacity(n + 8);
        out.extend_from_slice(&self.cs[..premier]);
        let mut i = premier;
        while i < n {
            let c = self.cs[i];
            if !c.ch.is_ascii_digit() || c.protege || self.est_sup(&c) || !self.debut_de_mot(i) {
                out.push(c);
                i += 1;
                continue;
            }
            if let Some(fin) = self.telephone(i) {
                self.telephone_lie(i, fin, &mut out);
                i = fin;
                continue;
            }
            let (mut j, mut annee) = self.partie_entiere(i, &mut out);
            if let Some(k) = self.partie_decimale(j, &mut out) {
                j = k;
                annee = false;
            }
            if !self.fin_de_mot(j) && !self.cs[j].ch.is_alphabetic() {
                i = j;
                continue;
            }
            i = self.unite_ou_mot(j, annee, &mut out);
        }
        self.cs = out;
    }

    /// Pushes the phone number from `i` to `fin` with its spaces made non-breaking.
    fn telephone_lie(&self, i: usize, fin: usize, out: &mut Vec<C>) {
        for k in i..fin {
            let mut d = self.cs[k];
            if est_espace(d.ch) || est_insecable(d.ch) {
                d.ch = ESPACE_INSECABLE;
            }
            out.push(d);
        }
    }

    /// Pushes the integer part starting at `i` with its thousands groups joined by U+202F:
    /// its end, and whether it is a year (four digits, no group).
    fn partie_entiere(&self, i: usize, out: &mut Vec<C>) -> (usize, bool) {
        let n = self.cs.len();
        let mut j = i;
        while j < n && self.cs[j].ch.is_ascii_digit() && !self.cs[j].protege {
            j += 1;
        }
        let groupable = j - i <= 3;
        out.extend_from_slice(&self.cs[i..j]);
        let mut annee = j - i == 4;
        if groupable {
            loop {
                let sep = self.cs.get(j).copied();
                let grp = j + 4 <= n
                    && sep.is_some_and(|s| {
                        (est_espace(s.ch) && s.ch != '\n' && s.ch != '\r' || est_insecable(s.ch))
                            && !s.protege
                    })
                    && self.cs[j + 1..j + 4]
                        .iter()
                        .all(|d| d.ch.is_ascii_digit() && !d.protege)
                    && self.ch(j + 4).is_none_or(|d| !d.is_ascii_digit());
                if !grp {
                    break;
                }
                if let Some(s) = sep {
                    out.push(C {
                        ch: ESPACE_FINE,
                        ..s
                    });
                }
                out.extend_from_slice(&self.cs[j + 1..j + 4]);
                annee = false;
                j += 4;
            }
        }
        (j, annee)
    }

    /// Pushes the decimal part starting at `j` (a comma or point, then digits), if any: its end.
    fn partie_decimale(&self, j: usize, out: &mut Vec<C>) -> Option<usize> {
        let n = self.cs.len();
        if j + 1 < n
            && matches!(self.cs[j].ch, ',' | '.')
            && self.cs[j + 1].ch.is_ascii_digit()
            && !self.cs[j].protege
        {
            let mut k = j + 1;
            while k < n && self.cs[k].ch.is_ascii_digit() {
                k += 1;
            }
            out.extend_from_slice(&self.cs[j..k]);
            return Some(k);
        }
        None
    }

    /// After a number ending at `j`: ties it to its unit or the word it counts (pushing the
    /// no-break space that replaces or precedes it). Where to go on.
    fn unite_ou_mot(&self, j: usize, annee: bool, out: &mut Vec<C>) -> usize {
        let n = self.cs.len();
        let mut k = j;
        while k < n
            && (est_espace(self.cs[k].ch) || est_insecable(self.cs[k].ch))
            && !self.cs[k].protege
        {
            k += 1;
        }
        let espaces = k - j;
        if espaces > 1 || self.ch(j).is_some_and(|c| c == '\n' || c == '\r') {
            return j;
        }
        if k < n && self.cs[k].protege {
            return j;
        }
        let mot = self.mot_en(k);
        let unite_collee = UNITES_COLLEES
            .iter()
            .find(|u| mot.starts_with(**u) && self.fin_de_mot(k + u.chars().count()));
        let espace = match unite_collee {
            Some(&("%" | "‰")) => Some(ESPACE_FINE),
            Some(_) => Some(ESPACE_INSECABLE),
            // A year followed by a word keeps a breakable space ("en 2017 les…").
            None if espaces == 1
                && !annee
                && mot.chars().next().is_some_and(char::is_lowercase) =>
            {
                Some(ESPACE_INSECABLE)
            }
            None => None,
        };
        match espace {
            Some(e) if k < n => {
                let attr = if espaces == 1 {
                    self.cs[j].attr
                } else {
                    self.cs[k].attr
                };
                out.push(C {
                    ch: e,
                    attr,
                    protege: false,
                });
                k
            }
            _ => j,
        }
    }

    /// A French phone number "0X XX XX XX XX" starting at `i`: its end.
    pub(super) fn telephone(&self, i: usize) -> Option<usize> {
        let mut j = i;
        for g in 0..5 {
            if g > 0 {
                let s = self.cs.get(j)?;
                if !(s.ch == ' ' || est_insecable(s.ch) || s.ch == '.') {
                    return None;
                }
                j += 1;
            }
            let d = self.cs.get(j..j + 2)?;
            if !d.iter().all(|c| c.ch.is_ascii_digit() && !c.protege) {
                return None;
            }
            if g == 0 && d[0].ch != '0' {
                return None;
            }
            j += 2;
        }
        self.ch(j).is_none_or(|c| !c.is_ascii_digit()).then_some(j)
    }
}
