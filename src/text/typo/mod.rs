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

/// Character style of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// Bold weight.
    pub bold: bool,
    /// Italic shape.
    pub italic: bool,
    /// Raised and smaller (the "er" of 1<sup>er</sup>).
    pub superscript: bool,
    /// A footnote's call (its number, raised): no typographic rule changes it.
    pub note: bool,
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

/// [`runs`] before the typography: the inlines flattened, the text as written. A note's
/// call is numbered from 1.
pub fn runs_bruts(inlines: &[Inline], base: Style) -> Vec<Run> {
    runs_bruts_notes(inlines, base, &mut Notes::new(1))
}

/// The notes met while flattening runs: the first one's number, and their texts in order.
#[derive(Debug, Clone, Default)]
pub struct Notes<'a> {
    /// The number of the first note.
    pub premier: u32,
    /// The notes' texts, in the order of their calls.
    pub textes: Vec<&'a [Inline]>,
}

impl Notes<'_> {
    /// No note yet; the next is numbered `premier`.
    pub fn new(premier: u32) -> Self {
        Notes {
            premier,
            textes: Vec::new(),
        }
    }

    /// The number the next note takes.
    pub fn suivant(&self) -> u32 {
        self.premier + self.textes.len() as u32
    }
}

/// [`runs_bruts`], each note's call a run of its number (superscript, [`Style::note`]),
/// its text added to `notes`, which numbers it.
pub fn runs_bruts_notes<'a>(inlines: &'a [Inline], base: Style, notes: &mut Notes<'a>) -> Vec<Run> {
    let mut out = Vec::new();
    aplatir(inlines, base, None, &mut out, notes);
    out
}

fn aplatir<'a>(
    inlines: &'a [Inline],
    style: Style,
    link: Option<&str>,
    out: &mut Vec<Run>,
    notes: &mut Notes<'a>,
) {
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
                notes,
            ),
            Inline::Italique { contenu } => aplatir(
                contenu,
                Style {
                    italic: true,
                    ..style
                },
                link,
                out,
                notes,
            ),
            Inline::Exposant { contenu } => aplatir(
                contenu,
                Style {
                    superscript: true,
                    ..style
                },
                link,
                out,
                notes,
            ),
            Inline::Lien { url, contenu } => aplatir(contenu, style, Some(url), out, notes),
            Inline::Note { contenu } => {
                out.push(Run {
                    text: notes.suivant().to_string(),
                    style: Style {
                        superscript: true,
                        note: true,
                        ..style
                    },
                    link: None,
                });
                notes.textes.push(contenu);
            }
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
            let protege = t.attrs[attr as usize].1.is_some() || run.style.note;
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

    /// The word starting at `i` (up to white space).
    fn mot_en(&self, i: usize) -> String {
        self.cs[i.min(self.cs.len())..]
            .iter()
            .map(|c| c.ch)
            .take_while(|&c| !est_blanc(c))
            .take(16)
            .collect()
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

mod addresses;
mod dashes;
mod numbers;
mod ordinals;
mod quotes;
mod spaces;
mod ties;

#[cfg(test)]
mod tests;
