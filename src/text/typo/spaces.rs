//! No-break spaces before `: ; ! ? »` and after `«`.

use super::{
    est_blanc, est_espace, est_insecable, Texte, C, ESPACE_FINE, ESPACE_INSECABLE, SAUT_DE_LIGNE,
};

impl Texte {
    /// Spaces before `: ; ! ? »` and after `«`.
    pub(super) fn espaces_ponctuation(&mut self) {
        let Some(premier) = self.premier(|c| matches!(c, ':' | ';' | '!' | '?' | '»' | '«'))
        else {
            return;
        };
        let n = self.cs.len();
        let mut out: Vec<C> = Vec::with_capacity(n + 16);
        out.extend_from_slice(&self.cs[..premier]);
        let mut i = premier;
        while i < n {
            let c = self.cs[i];
            if c.protege {
                out.push(c);
                i += 1;
                continue;
            }
            if let Some(espace) = self.espace_avant(i) {
                // Drop the spaces already pushed, if they may change.
                let mut k = out.len();
                while k > 0 && (est_espace(out[k - 1].ch) || est_insecable(out[k - 1].ch)) {
                    k -= 1;
                }
                if out[k..].iter().any(|s| s.protege) {
                    out.push(c);
                } else if k > 0 && out[k - 1].ch != SAUT_DE_LIGNE {
                    let attr = if k < out.len() { out[k].attr } else { c.attr };
                    out.truncate(k);
                    out.push(C {
                        ch: espace,
                        attr,
                        protege: false,
                    });
                    out.push(c);
                } else {
                    out.push(c);
                }
                i += 1;
                continue;
            }
            out.push(c);
            i += 1;
            if c.ch == '«' {
                let mut j = i;
                while j < n
                    && (est_espace(self.cs[j].ch) || est_insecable(self.cs[j].ch))
                    && !self.cs[j].protege
                {
                    j += 1;
                }
                let protege_blanc = j < n && self.cs[j].protege && est_blanc(self.cs[j].ch);
                if j < n && self.cs[j].ch != SAUT_DE_LIGNE && !protege_blanc {
                    let attr = if j > i { self.cs[i].attr } else { c.attr };
                    out.push(C {
                        ch: ESPACE_INSECABLE,
                        attr,
                        protege: false,
                    });
                    i = j;
                }
            }
        }
        self.cs = out;
    }

    /// The space that position `i` needs before it, if any.
    pub(super) fn espace_avant(&self, i: usize) -> Option<char> {
        let ch = self.cs[i].ch;
        let espace = match ch {
            ':' | '»' => ESPACE_INSECABLE,
            ';' | '!' | '?' => ESPACE_FINE,
            _ => return None,
        };
        // The last non-space character before.
        let mut k = i;
        while k > 0 && (est_espace(self.cs[k - 1].ch) || est_insecable(self.cs[k - 1].ch)) {
            k -= 1;
        }
        let avant = if k > 0 {
            self.cs[k - 1].ch
        } else {
            return None;
        };
        let colle = k == i;
        let apres = self.ch(i + 1);
        if avant == SAUT_DE_LIGNE {
            return None;
        }
        match ch {
            // Times, ratios, and emoticons.
            ':' if colle && avant.is_ascii_digit() && apres.is_some_and(|c| c.is_ascii_digit()) => {
                return None
            }
            ':' | ';' if emoticone(apres, self.ch(i + 2), self.ch(i + 3)) => return None,
            '!' | '?' if colle && matches!(avant, '!' | '?' | '(' | '[') => return None,
            '?' | '!' | ';' | ':' if colle && matches!(avant, '(' | '[') => return None,
            _ => {}
        }
        Some(espace)
    }
}

/// The end of an emoticon after `:` or `;` (`:)` `:-)` `;-)` `:D` `:P` `:(`…): a mouth,
/// maybe after a nose, then anything but a letter or digit.
fn emoticone(apres: Option<char>, ensuite: Option<char>, puis: Option<char>) -> bool {
    let bouche =
        |c: Option<char>| matches!(c, Some(')' | '(' | '|' | '/' | 'D' | 'P' | 'p' | 'o' | 'O'));
    let fin = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    (bouche(apres) && fin(ensuite)) || (apres == Some('-') && bouche(ensuite) && fin(puis))
}
