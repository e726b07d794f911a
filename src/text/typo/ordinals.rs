//! Ordinals (1er, 2e, XXIe) and `n°`, with superscript letters.

use super::{est_espace, est_insecable, Texte, C, ESPACE_INSECABLE};

impl Texte {
    /// 1er, 2e, XXIe… with superscript letters.
    pub(super) fn ordinaux(&mut self) {
        let peut_commencer = |c: char| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X');
        let premier = (0..self.cs.len())
            .find(|&i| peut_commencer(self.cs[i].ch) && self.ordinal_en(i).is_some());
        let Some(premier) = premier else {
            return;
        };
        let n = self.cs.len();
        let mut out: Vec<C> = Vec::with_capacity(n + 4);
        out.extend_from_slice(&self.cs[..premier]);
        let mut i = premier;
        while i < n {
            if let Some((fin_nombre, fin, lettres)) = self.ordinal_en(i) {
                out.extend_from_slice(&self.cs[i..fin_nombre]);
                let attr = self.superscript(self.cs[fin_nombre].attr);
                out.extend(lettres.chars().map(|ch| C {
                    ch,
                    attr,
                    protege: false,
                }));
                i = fin;
            } else {
                out.push(self.cs[i]);
                i += 1;
            }
        }
        self.cs = out;
    }

    /// An ordinal starting at `i`: (end of the number, end of the token, normalised letters).
    pub(super) fn ordinal_en(&self, i: usize) -> Option<(usize, usize, &'static str)> {
        let c = self.cs[i];
        let arabe = c.ch.is_ascii_digit();
        let romain = matches!(c.ch, 'I' | 'V' | 'X');
        if !arabe && !romain {
            return None;
        }
        if c.protege || self.est_sup(&c) || !self.debut_de_mot(i) {
            return None;
        }
        let mut j = i;
        while j < self.cs.len()
            && !self.cs[j].protege
            && !self.est_sup(&self.cs[j])
            && (if arabe {
                self.cs[j].ch.is_ascii_digit()
            } else {
                matches!(self.cs[j].ch, 'I' | 'V' | 'X')
            })
        {
            j += 1;
        }
        let mut k = j;
        while k < self.cs.len()
            && k - j < 5
            && self.cs[k].ch.is_lowercase()
            && !self.cs[k].protege
            && !self.est_sup(&self.cs[k])
        {
            k += 1;
        }
        if k == j || !self.fin_de_mot(k) {
            return None;
        }
        let suffixe: String = self.cs[j..k].iter().map(|c| c.ch).collect();
        let un =
            self.cs[i..j].iter().map(|c| c.ch).collect::<String>() == if arabe { "1" } else { "I" };
        let lettres = match suffixe.as_str() {
            "er" | "ers" | "re" | "res" if un => suffixe_statique(&suffixe),
            "ère" | "ere" if un => "re",
            "ères" | "eres" if un => "res",
            "e" | "es" if !un || arabe => suffixe_statique(&suffixe),
            "ème" | "eme" => "e",
            "èmes" | "emes" => "es",
            "nd" | "nds" | "nde" | "ndes" if arabe && j - i == 1 && c.ch == '2' => {
                suffixe_statique(&suffixe)
            }
            _ => return None,
        };
        Some((j, k, lettres))
    }

    /// n° / N° → n + superscript o (when `exposants`), tied to the following number.
    pub(super) fn numero(&mut self, exposants: bool) {
        let candidat = self.cs.windows(2).any(|w| {
            matches!(w[0].ch, 'n' | 'N')
                && (matches!(w[1].ch, '°' | 'º') || (w[1].ch == 'o' && self.est_sup(&w[1])))
        });
        if !candidat {
            return;
        }
        let n = self.cs.len();
        let mut out: Vec<C> = Vec::with_capacity(n + 4);
        let mut i = 0;
        while i < n {
            let c = self.cs[i];
            let est_n = matches!(c.ch, 'n' | 'N')
                && !c.protege
                && !self.est_sup(&c)
                && self.debut_de_mot(i);
            let signe =
                i + 1 < n && matches!(self.cs[i + 1].ch, '°' | 'º') && !self.cs[i + 1].protege;
            let o_sup = i + 1 < n && self.cs[i + 1].ch == 'o' && self.est_sup(&self.cs[i + 1]);
            if !est_n || !(signe || o_sup) {
                out.push(c);
                i += 1;
                continue;
            }
            out.push(c);
            let o = self.cs[i + 1];
            if signe && exposants {
                let attr = self.superscript(o.attr);
                out.push(C {
                    ch: 'o',
                    attr,
                    protege: false,
                });
            } else {
                out.push(o);
            }
            i += 2;
            // Tie to the number after it: replace the spaces, or insert one.
            let mut j = i;
            while j < n
                && (est_espace(self.cs[j].ch) || est_insecable(self.cs[j].ch))
                && !self.cs[j].protege
            {
                j += 1;
            }
            if j < n && self.cs[j].ch.is_ascii_digit() && !self.cs[j].protege {
                let attr = if j > i {
                    self.cs[i].attr
                } else {
                    self.cs[j].attr
                };
                out.push(C {
                    ch: ESPACE_INSECABLE,
                    attr,
                    protege: false,
                });
                i = j;
            }
        }
        self.cs = out;
    }
}

fn suffixe_statique(s: &str) -> &'static str {
    match s {
        "er" => "er",
        "ers" => "ers",
        "re" => "re",
        "res" => "res",
        "e" => "e",
        "es" => "es",
        "nd" => "nd",
        "nds" => "nds",
        "nde" => "nde",
        _ => "ndes",
    }
}
