//! URLs and e-mail addresses: found and protected, so that no other rule changes them.

use super::{est_blanc, Texte};

impl Texte {
    /// Whether the text may hold a URL or an e-mail address (a quick test before the real
    /// one): an `@`, a `:/`, or `www.` / `mailto:` in any case.
    pub(super) fn peut_contenir_une_adresse(&self) -> bool {
        let bas = |k: usize| self.ch(k).map(|c| c.to_ascii_lowercase());
        let suit = |i: usize, motif: &str| {
            motif
                .chars()
                .enumerate()
                .all(|(k, m)| bas(i + k) == Some(m))
        };
        (0..self.cs.len()).any(|i| match self.cs[i].ch {
            '@' => true,
            ':' => self.ch(i + 1) == Some('/'),
            'w' | 'W' => suit(i, "www."),
            'm' | 'M' => suit(i, "mailto:"),
            _ => false,
        })
    }

    /// Protects URLs (from `http://`, `https://`, `ftp://`, `mailto:`, `www.` up to white
    /// space, less trailing punctuation) and e-mail addresses.
    pub(super) fn proteger_adresses(&mut self) {
        if !self.peut_contenir_une_adresse() {
            return;
        }
        let n = self.cs.len();
        let bas: Vec<char> = self.cs.iter().map(|c| c.ch.to_ascii_lowercase()).collect();
        let commence = |i: usize, motif: &str| {
            motif
                .chars()
                .enumerate()
                .all(|(k, m)| bas.get(i + k) == Some(&m))
        };
        let mut i = 0;
        while i < n {
            if ["http://", "https://", "ftp://", "mailto:", "www."]
                .iter()
                .any(|m| commence(i, m))
            {
                let mut f = i;
                while f < n && !est_blanc(bas[f]) && !matches!(bas[f], '«' | '»' | '"' | '<' | '>')
                {
                    f += 1;
                }
                while f > i
                    && matches!(
                        bas[f - 1],
                        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '’'
                    )
                {
                    f -= 1;
                }
                for c in &mut self.cs[i..f] {
                    c.protege = true;
                }
                i = f.max(i + 1);
                continue;
            }
            if bas[i] == '@' {
                let local =
                    |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
                let domaine = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-');
                let mut d = i;
                while d > 0 && local(bas[d - 1]) {
                    d -= 1;
                }
                let mut f = i + 1;
                while f < n && domaine(bas[f]) {
                    f += 1;
                }
                while f > i + 1 && matches!(bas[f - 1], '.' | '-') {
                    f -= 1;
                }
                let dom: String = bas[i + 1..f].iter().collect();
                let tld = dom.rsplit('.').next().unwrap_or_default();
                if d < i
                    && dom.contains('.')
                    && !dom.starts_with('.')
                    && tld.chars().count() >= 2
                    && tld.chars().all(char::is_alphabetic)
                {
                    for c in &mut self.cs[d..f] {
                        c.protege = true;
                    }
                    i = f;
                    continue;
                }
            }
            i += 1;
        }
    }
}
