//! French typography (Imprimerie nationale rules) on styled runs.
//!
//! [`typographie`] rewrites a paragraph's runs, looking across run boundaries, so that:
//! - apostrophes are typographic (’ for `'`, and for `‘` or `´` between letters);
//!   straight double quotes become « guillemets »;
//! - `:` and `»` take a no-break space (U+00A0) before them, `«` one after it, and `;` `!` `?`
//!   a narrow no-break space (U+202F) before them — an ordinary space there is replaced
//!   (several spaces become one), a missing one inserted — except in URLs and e-mail addresses, in link runs, in times and
//!   ratios (`10:30`, `1:2`), in emoticons, and after `?` / `!` (`?!`), `(` or `[`;
//! - ordinals get superscript letters (1<sup>er</sup>, 1<sup>re</sup>, 2<sup>e</sup>,
//!   2<sup>nd</sup>, XXI<sup>e</sup>; `ère`/`ème` written as `re`/`e`), and `n°` becomes
//!   n<sup>o</sup>, tied to the number after it;
//! - a number stays with its unit or the noun it counts (U+202F before `%` `‰`, U+00A0
//!   before `€` and words, inserted when missing for symbols and [`UNITES_COLLEES`]), its
//!   thousands groups are joined by U+202F (`20 000`), French phone numbers are kept whole,
//!   and `p.`, `art.`, `article`, `L.`… stay with their number, `M.`, `Mme`… with the name;
//! - `...` becomes `…`, ` - ` an en dash ` – `, `--` `–` and `---` `—`.
//!
//! Everything else is left exactly as written. The rewriting is idempotent. A line can
//! then never start with `;` `:` `!` `?` `»` as long as the line breaker treats U+00A0 and
//! U+202F as non-breaking (UAX #14 class GL).

use crate::model::Inline;

/// No-break space (U+00A0): before `:` `»` `€` and words, after `«`.
pub const ESPACE_INSECABLE: char = '\u{00A0}';
/// Narrow no-break space (U+202F): before `;` `!` `?` `%`, between thousands groups.
pub const ESPACE_FINE: char = '\u{202F}';
/// The forced line break inside a paragraph, alone in its run.
pub const SAUT_DE_LIGNE: char = '\u{2028}';

/// Units written right after a number that get a space inserted when missing
/// (`70%` → `70 %`, `20€` → `20 €`, `15km` → `15 km`). A lowercase word after a number
/// (`3 000 habitants`, `25 ans`) only has an existing space made non-breaking, except after
/// a four-digit number (a year: `en 2017 les`).
pub const UNITES_COLLEES: &[&str] = &[
    "%", "‰", "€", "$", "£", "M€", "k€", "Md€", "Mds€", "°C", "°F", "km", "kg", "cm", "mm", "ha",
    "km²", "m²", "m³",
];

/// Words followed by a no-break space when a number (or a legal code `L.`, `R.`, `D.`)
/// comes next: `p. 12`, `art. L. 263-2`, `fiche-action n° 8`.
const AVANT_NOMBRE: &[&str] = &[
    "p.", "pp.", "art.", "Art.", "article", "Article", "articles", "Articles", "al.", "alinéa",
    "chap.", "chapitre", "Chapitre", "annexe", "Annexe", "fiche", "axe", "Axe", "page", "tome",
    "t.", "vol.", "§", "L.", "R.", "D.",
];

/// The most characters of a word of [`AVANT_NOMBRE`], [`CIVILITES`] or [`MOIS`].
const MOT_AVANT_NOMBRE_MAX: usize = 9;

/// Titles followed by a no-break space before a capitalised name (`M. Dupont`).
const CIVILITES: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mes", "Mgr", "Dr", "Pr",
];

/// Month names, kept with the day before them and the year after them.
use crate::model::MOIS;

/// Character style of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// Bold weight.
    pub bold: bool,
    /// Italic shape.
    pub italic: bool,
    /// Raised and smaller (the "er" of 1<sup>er</sup>).
    pub superscript: bool,
}

/// A piece of text in one style, maybe a link.
///
/// A forced line break inside a paragraph is a run whose text is `"\u{2028}"` exactly.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Run {
    /// The characters.
    pub text: String,
    /// Their style.
    pub style: Style,
    /// Target URL when the run is (part of) a link.
    pub link: Option<String>,
}

impl Run {
    /// A run without link.
    pub fn new(text: impl Into<String>, style: Style) -> Run {
        Run {
            text: text.into(),
            style,
            link: None,
        }
    }
}

/// Flattens model inlines into runs (`Gras` → bold, `Italique` → italic, `Exposant` →
/// superscript, `Lien` → link, `SautDeLigne` → a `"\u{2028}"` run), starting from the
/// `base` style, then applies [`typographie`].
pub fn runs(inlines: &[Inline], base: Style) -> Vec<Run> {
    typographie(runs_bruts(inlines, base))
}

/// [`runs`] before the typography: the inlines flattened, the text as written.
pub fn runs_bruts(inlines: &[Inline], base: Style) -> Vec<Run> {
    let mut out = Vec::new();
    aplatir(inlines, base, None, &mut out);
    out
}

fn aplatir(inlines: &[Inline], style: Style, link: Option<&str>, out: &mut Vec<Run>) {
    for inline in inlines {
        match inline {
            Inline::Texte { texte } => {
                out.push(Run {
                    text: texte.clone(),
                    style,
                    link: link.map(str::to_owned),
                });
            }
            Inline::Gras { contenu } => aplatir(
                contenu,
                Style {
                    bold: true,
                    ..style
                },
                link,
                out,
            ),
            Inline::Italique { contenu } => aplatir(
                contenu,
                Style {
                    italic: true,
                    ..style
                },
                link,
                out,
            ),
            Inline::Exposant { contenu } => aplatir(
                contenu,
                Style {
                    superscript: true,
                    ..style
                },
                link,
                out,
            ),
            Inline::Lien { url, contenu } => aplatir(contenu, style, Some(url), out),
            Inline::SautDeLigne => {
                out.push(Run {
                    text: SAUT_DE_LIGNE.to_string(),
                    style,
                    link: link.map(str::to_owned),
                });
            }
        }
    }
}

/// Applies the French typographic rules (see the [module](self) documentation) to a
/// paragraph's runs, across run boundaries. Adjacent runs of the same style and link are
/// merged, empty runs dropped, and each `"\u{2028}"` is a run of its own. Link runs are
/// never modified. Idempotent.
pub fn typographie(runs: Vec<Run>) -> Vec<Run> {
    typographie_de(&runs)
}

/// [`typographie`] of borrowed runs (they are read, not copied).
pub fn typographie_de(runs: &[Run]) -> Vec<Run> {
    let mut t = Texte::de_runs(runs);
    t.appliquer(true);
    t.en_runs()
}

/// The same rules on a plain string (titles, table cells); ordinals and `n°` keep their
/// letters as written, since a string has no superscript.
pub fn typographie_str(s: &str) -> String {
    let mut t = Texte::default();
    let attr = t.attr(Style::default(), None);
    t.cs.extend(s.chars().map(|ch| C {
        ch,
        attr,
        protege: false,
    }));
    t.appliquer(false);
    t.cs.iter().map(|c| c.ch).collect()
}

/// One character with the index of its style and link, and whether it must not change.
#[derive(Clone, Copy, Debug)]
struct C {
    ch: char,
    attr: u32,
    protege: bool,
}

/// Which rules may apply to a text (see [`Texte::presents`]): one bit per rule.
#[derive(Clone, Copy)]
struct Presents(u16);

impl Presents {
    const ADRESSE: u16 = 1;
    const POINTS: u16 = 1 << 1;
    const GUILLEMETS: u16 = 1 << 2;
    const NUMERO: u16 = 1 << 3;
    const ORDINAL: u16 = 1 << 4;
    const APOSTROPHE: u16 = 1 << 5;
    const CHIFFRE: u16 = 1 << 6;
    const ESPACE_PUIS_CHIFFRE_OU_CAPITALE: u16 = 1 << 7;
    const PONCTUATION: u16 = 1 << 8;
    const TIRET: u16 = 1 << 9;

    fn a(self, bit: u16) -> bool {
        self.0 & bit != 0
    }
}

/// A paragraph as characters.
#[derive(Default)]
struct Texte {
    cs: Vec<C>,
    attrs: Vec<(Style, Option<String>)>,
}

/// Breakable white space that a rule may replace (not U+2028).
fn est_espace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{3000}'
    )
}

/// Non-breaking spaces.
fn est_insecable(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

fn est_blanc(c: char) -> bool {
    est_espace(c) || est_insecable(c) || c == SAUT_DE_LIGNE
}

impl Texte {
    /// The characters of `runs`, each with its run's style and link (a link's characters
    /// are protected: no rule changes them).
    fn de_runs(runs: &[Run]) -> Texte {
        let mut t = Texte::default();
        t.cs.reserve(runs.iter().map(|r| r.text.len()).sum());
        for run in runs {
            let attr = t.attr(run.style, run.link.as_deref());
            let protege = t.attrs[attr as usize].1.is_some();
            t.cs.extend(run.text.chars().map(|ch| C { ch, attr, protege }));
        }
        t
    }

    fn attr(&mut self, style: Style, link: Option<&str>) -> u32 {
        if let Some(i) = self
            .attrs
            .iter()
            .position(|(s, l)| *s == style && l.as_deref() == link)
        {
            return i as u32;
        }
        self.attrs.push((style, link.map(str::to_owned)));
        (self.attrs.len() - 1) as u32
    }

    fn superscript(&mut self, attr: u32) -> u32 {
        let (style, link) = self.attrs[attr as usize].clone();
        self.attr(
            Style {
                superscript: true,
                ..style
            },
            link.as_deref(),
        )
    }

    fn est_sup(&self, c: &C) -> bool {
        self.attrs[c.attr as usize].0.superscript
    }

    /// The first position whose character satisfies `f`: a rule that rebuilds the text
    /// copies what comes before it as it is.
    fn premier(&self, f: impl Fn(char) -> bool) -> Option<usize> {
        self.cs.iter().position(|c| f(c.ch))
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.cs.get(i).map(|c| c.ch)
    }

    fn appliquer(&mut self, exposants: bool) {
        // Each rule has its own quick test; this one pass skips those that cannot apply.
        let p = self.presents();
        self.appliquer_si(exposants, p);
    }

    /// The rules whose flag `p` has, in order.
    fn appliquer_si(&mut self, exposants: bool, mut p: Presents) {
        if p.a(Presents::ADRESSE) {
            self.proteger_adresses();
        }
        if p.a(Presents::POINTS) {
            self.points_de_suspension();
        }
        if p.a(Presents::GUILLEMETS) {
            self.guillemets_droits();
            p.0 |= Presents::PONCTUATION; // « and » now
        }
        // n° first: the space it inserts makes the number after it a word of its own.
        if p.a(Presents::NUMERO) {
            self.numero(exposants);
        }
        if exposants && p.a(Presents::ORDINAL) {
            self.ordinaux();
        }
        // After n°: "n°‘x" has a letter before the ‘ only once ° became o.
        if p.a(Presents::APOSTROPHE) {
            self.apostrophes();
        }
        if p.a(Presents::CHIFFRE) {
            self.nombres();
        }
        if p.a(Presents::ESPACE_PUIS_CHIFFRE_OU_CAPITALE) {
            self.mots_avant_nombre();
        }
        if p.a(Presents::PONCTUATION) {
            self.espaces_ponctuation();
        }
        // Last: a spaced hyphen is judged with the spaces the rules above left.
        if p.a(Presents::TIRET) {
            self.tirets();
        }
    }

    /// What the text holds that some rule looks for. Each flag is set by every text its
    /// rule's own quick test accepts; the rules create no new such text but « and » (from
    /// straight quotes), so a rule whose flag is not set would change nothing.
    fn presents(&self) -> Presents {
        let mut p = 0;
        let mut points = 0;
        let mut espace = false;
        for c in &self.cs {
            let ch = c.ch;
            if ch.is_ascii_lowercase() && ch != 'w' && ch != 'o' {
                // Most characters: no rule starts at a lower-case letter but those two.
                points = 0;
                espace = false;
                continue;
            }
            p |= match ch {
                '@' | ':' | 'w' | 'W' => Presents::ADRESSE,
                '"' => Presents::GUILLEMETS,
                '°' | 'º' => Presents::NUMERO,
                'o' if self.est_sup(c) => Presents::NUMERO,
                'I' | 'V' | 'X' => Presents::ORDINAL,
                '0'..='9' => Presents::ORDINAL | Presents::CHIFFRE,
                '\'' | '‘' | '´' => Presents::APOSTROPHE,
                '-' => Presents::TIRET,
                _ => 0,
            };
            if matches!(ch, ':' | ';' | '!' | '?' | '»' | '«') {
                p |= Presents::PONCTUATION;
            }
            points = if ch == '.' { points + 1 } else { 0 };
            if points >= 3 {
                p |= Presents::POINTS;
            }
            if espace && (ch.is_ascii_digit() || ch.is_uppercase()) {
                p |= Presents::ESPACE_PUIS_CHIFFRE_OU_CAPITALE;
            }
            espace = est_espace(ch);
        }
        Presents(p)
    }

    /// Whether the text may hold a URL or an e-mail address (a quick test before the real
    /// one): an `@`, a `:/`, or `www.` / `mailto:` in any case.
    fn peut_contenir_une_adresse(&self) -> bool {
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
    fn proteger_adresses(&mut self) {
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

    fn apostrophes(&mut self) {
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

    /// "..." → "…" (exactly three dots). Run when [`Texte::presents`] found three dots.
    fn points_de_suspension(&mut self) {
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
    fn tirets(&mut self) {
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

    /// Straight double quotes → « ». Run when [`Texte::presents`] found one.
    fn guillemets_droits(&mut self) {
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

    /// True when position `i` starts a standalone token (nothing alphanumeric before).
    fn debut_de_mot(&self, i: usize) -> bool {
        i == 0 || {
            let p = self.cs[i - 1];
            !(p.ch.is_alphanumeric() || p.ch == '_' || p.ch == '@' || p.ch == '/')
                // The digits after "10:", "1,", "263-" continue a number.
                && !(matches!(p.ch, '.' | ',' | ':' | '-' | '/')
                    && i >= 2
                    && self.cs[i - 2].ch.is_ascii_digit()
                    && self.cs[i].ch.is_ascii_digit())
        }
    }

    /// True when position `i` ends a token (nothing alphanumeric at `i`).
    fn fin_de_mot(&self, i: usize) -> bool {
        self.ch(i)
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '@'))
    }

    /// 1er, 2e, XXIe… with superscript letters.
    fn ordinaux(&mut self) {
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
    fn ordinal_en(&self, i: usize) -> Option<(usize, usize, &'static str)> {
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
    fn numero(&mut self, exposants: bool) {
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

    /// Numbers: thousands groups, units, phone numbers, dates.
    fn nombres(&mut self) {
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
                for k in i..fin {
                    let mut d = self.cs[k];
                    if est_espace(d.ch) || est_insecable(d.ch) {
                        d.ch = ESPACE_INSECABLE;
                    }
                    out.push(d);
                }
                i = fin;
                continue;
            }
            // Integer part with its groups.
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
                            (est_espace(s.ch) && s.ch != '\n' && s.ch != '\r'
                                || est_insecable(s.ch))
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
            // Decimal part.
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
                j = k;
                annee = false;
            }
            if !self.fin_de_mot(j) && !self.cs[j].ch.is_alphabetic() {
                i = j;
                continue;
            }
            // Unit or counted word.
            let mut k = j;
            while k < n
                && (est_espace(self.cs[k].ch) || est_insecable(self.cs[k].ch))
                && !self.cs[k].protege
            {
                k += 1;
            }
            let espaces = k - j;
            if espaces > 1 || self.ch(j).is_some_and(|c| c == '\n' || c == '\r') {
                i = j;
                continue;
            }
            if k < n && self.cs[k].protege {
                i = j;
                continue;
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
                    i = k;
                }
                _ => i = j,
            }
        }
        self.cs = out;
    }

    /// A French phone number "0X XX XX XX XX" starting at `i`: its end.
    fn telephone(&self, i: usize) -> Option<usize> {
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

    /// The word starting at `i` (up to white space).
    fn mot_en(&self, i: usize) -> String {
        self.cs[i.min(self.cs.len())..]
            .iter()
            .map(|c| c.ch)
            .take_while(|&c| !est_blanc(c))
            .take(16)
            .collect()
    }

    /// `p. 12`, `art. L. 263-2`, `M. Dupont`, `décembre 2008`: no-break space after the word.
    fn mots_avant_nombre(&mut self) {
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

    /// Spaces before `: ; ! ? »` and after `«`.
    fn espaces_ponctuation(&mut self) {
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
    fn espace_avant(&self, i: usize) -> Option<char> {
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

    /// Runs of equal attributes; U+2028 alone in its run.
    fn en_runs(&self) -> Vec<Run> {
        let cs = &self.cs;
        let mut out: Vec<Run> = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            // A run: the characters of one style and link; a line break alone.
            let attr = cs[i].attr;
            let mut j = i + 1;
            if cs[i].ch != SAUT_DE_LIGNE {
                while j < cs.len() && cs[j].attr == attr && cs[j].ch != SAUT_DE_LIGNE {
                    j += 1;
                }
            }
            let mut text = String::with_capacity(cs[i..j].iter().map(|c| c.ch.len_utf8()).sum());
            text.extend(cs[i..j].iter().map(|c| c.ch));
            let (style, link) = self.attrs[attr as usize].clone();
            out.push(Run { text, style, link });
            i = j;
        }
        out
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

/// The end of an emoticon after `:` or `;` (`:)` `:-)` `;-)` `:D` `:P` `:(`…): a mouth,
/// maybe after a nose, then anything but a letter or digit.
fn emoticone(apres: Option<char>, ensuite: Option<char>, puis: Option<char>) -> bool {
    let bouche =
        |c: Option<char>| matches!(c, Some(')' | '(' | '|' | '/' | 'D' | 'P' | 'p' | 'o' | 'O'));
    let fin = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    (bouche(apres) && fin(ensuite)) || (apres == Some('-') && bouche(ensuite) && fin(puis))
}

#[cfg(test)]
#[path = "typo_tests.rs"]
mod tests;
