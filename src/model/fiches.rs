//! The PDI's fiches-action that the engagements cite, and the generated index of them:
//! fiche by fiche (sorted by number), the engagements that cite it.

use super::partenaire::{Engagement, Partenaire};
use super::Pacte;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A fiche-action of the Programme Départemental d'Insertion, as the pact lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FichePdi {
    /// Its number in the PDI: `27`.
    pub numero: u32,
    /// Its title: "Organiser les journées des acteurs de l'insertion".
    pub titre: String,
}

/// Where the index of the fiches-action stands, or that it is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlacementFiches {
    /// As the last annex (the default when an engagement cites a fiche).
    Annexe,
    /// After the sommaire (and the list of sigles when it stands there).
    ApresSommaire,
    /// Not printed.
    Omis,
}

/// An engagement that cites a fiche, and where it stands.
#[derive(Debug, Clone)]
pub(crate) struct Renvoi<'a> {
    /// The partner (or sub-partner) whose engagement it is.
    pub(crate) partenaire: &'a Partenaire,
    /// The engagement.
    pub(crate) engagement: &'a Engagement,
    /// The id of its place in the document (PDF anchor, HTML id).
    pub(crate) ancre: String,
}

/// One fiche of the index: its number, its title when the pact lists the PDI's fiches,
/// and the engagements that cite it, in document order.
#[derive(Debug, Clone)]
pub(crate) struct EntreeFiche<'a> {
    pub(crate) numero: u32,
    pub(crate) titre: Option<&'a str>,
    pub(crate) renvois: Vec<Renvoi<'a>>,
}

/// How many characters of an engagement's text the index quotes, at most.
const EXCERPT: usize = 80;

/// Words an excerpt does not end on: articles, prepositions, conjunctions.
const PETITS_MOTS: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "de", "du", "à", "au", "aux", "en", "et", "ou", "par",
    "pour", "sur", "avec", "dans", "son", "sa", "ses", "leur", "leurs", "qui", "que", "l'", "d'",
    "l’", "d’", "ce", "cette", "ces", "entre", "vers", "sous",
];

impl EntreeFiche<'_> {
    /// "Fiche-action n° 27 – Journées des acteurs de l'insertion", or without its title.
    pub(crate) fn heading(&self) -> String {
        match self.titre {
            Some(t) if !t.is_empty() => format!("Fiche-action n° {} – {t}", self.numero),
            _ => format!("Fiche-action n° {}", self.numero),
        }
    }
}

impl Renvoi<'_> {
    /// Who engages: the partner's acronym, else its name without its article.
    pub(crate) fn who(&self) -> &str {
        let p = self.partenaire;
        match p.sigle.as_deref().map(str::trim) {
            Some(s) if !s.is_empty() => s,
            _ => super::annexe::sans_article(&p.nom),
        }
    }

    /// The beginning of the engagement's text, at most [`EXCERPT`] characters.
    pub(crate) fn excerpt(&self) -> String {
        self.excerpt_fitting(|s| s.chars().count() <= EXCERPT)
    }

    /// The engagement's text whole when `fits` accepts it, else its longest beginning that
    /// `fits` accepts with an ellipsis, cut after a whole word that is not a small word
    /// ("le…", "de…" would leave the reader hanging).
    pub(crate) fn excerpt_fitting(&self, fits: impl FnMut(&str) -> bool) -> String {
        excerpt_of(&self.engagement.texte.texte_brut(), fits)
    }
}

/// `text` whole when `fits` accepts it, else its longest beginning that `fits` accepts with
/// an ellipsis, cut after a whole word that is not a small word (see
/// [`Renvoi::excerpt_fitting`]).
fn excerpt_of(text: &str, mut fits: impl FnMut(&str) -> bool) -> String {
    let mots: Vec<&str> = text.split_whitespace().collect();
    let debut = |k: usize| format!("{}…", mots[..k].join(" "));
    // A longer beginning is never narrower: a beginning that does not fit is found by
    // doubling its words, so that no text much longer than the excerpt is measured
    // (an engagement may run over pages), then the most words that fit by halving.
    let mut trop = 1;
    while trop < mots.len() && fits(&debut(trop)) {
        trop *= 2;
    }
    let trop = trop.min(mots.len());
    // The whole text may fit only if it is at most about twice that beginning: beyond,
    // the words after it are wider than the ellipsis.
    if mots.len() <= 2 * trop {
        let texte = mots.join(" ");
        if fits(&texte) {
            return texte;
        }
    }
    let (mut n, mut trop) = (trop / 2, trop);
    while n < trop {
        let k = (n + trop).div_ceil(2);
        if fits(&debut(k)) {
            n = k;
        } else {
            trop = k - 1;
        }
    }
    while n > 1 && PETITS_MOTS.contains(&mots[n - 1].to_lowercase().as_str()) {
        n -= 1;
    }
    let debut = mots[..n.max(1).min(mots.len())].join(" ");
    let debut = debut.trim_end_matches([',', ';', ':', '.', ' ']);
    format!("{debut}…")
}

/// The id of an engagement's place: the partner's id and the engagement's 1-based
/// position at each level of nesting ("engagement-caf-2-1").
pub(crate) fn anchor_of(partenaire: &str, chemin: &[usize]) -> String {
    let mut s = format!("engagement-{partenaire}");
    for k in chemin {
        s.push_str(&format!("-{}", k + 1));
    }
    s
}

impl Pacte {
    /// Where the index of the fiches-action stands, or `None` when it is not printed:
    /// the pact's `index_fiches`, else as the last annex when an engagement cites a fiche.
    pub fn placement_fiches(&self) -> Option<PlacementFiches> {
        if self.index_des_fiches().is_empty() {
            return None;
        }
        match self.index_fiches.unwrap_or(PlacementFiches::Annexe) {
            PlacementFiches::Omis => None,
            p => Some(p),
        }
    }

    /// The index: every fiche cited by an engagement, sorted by number, with the
    /// engagements citing it in document order (a fiche cited twice by one engagement
    /// lists it once).
    pub(crate) fn index_des_fiches(&self) -> Vec<EntreeFiche<'_>> {
        let mut cites: Vec<(u32, Renvoi)> = Vec::new();
        for p in self.tous_partenaires() {
            let mut chemin = Vec::new();
            collect(p, &p.engagements, &mut chemin, &mut cites);
        }
        // A stable sort keeps the document order within a fiche.
        cites.sort_by_key(|(n, _)| *n);
        let mut out: Vec<EntreeFiche> = Vec::new();
        for (numero, r) in cites {
            match out.last_mut() {
                Some(e) if e.numero == numero => {
                    if !e.renvois.iter().any(|x| x.ancre == r.ancre) {
                        e.renvois.push(r);
                    }
                }
                _ => out.push(EntreeFiche {
                    numero,
                    titre: self.titre_fiche(numero),
                    renvois: vec![r],
                }),
            }
        }
        out
    }

    /// The index's number among the annexes: after the pact's and the list of sigles.
    pub(crate) fn numero_annexe_fiches(&self) -> usize {
        let sigles = self.placement_sigles() == Some(super::PlacementSigles::Annexe);
        self.annexes.len() + usize::from(sigles) + 1
    }

    /// The title the pact gives fiche `numero` in `fiches_pdi`.
    fn titre_fiche(&self, numero: u32) -> Option<&str> {
        self.fiches_pdi
            .iter()
            .find(|f| f.numero == numero)
            .map(|f| f.titre.trim())
    }
}

/// The citing engagements of `engagements` (nested ones included), depth first.
fn collect<'a>(
    p: &'a Partenaire,
    engagements: &'a [Engagement],
    chemin: &mut Vec<usize>,
    out: &mut Vec<(u32, Renvoi<'a>)>,
) {
    for (k, e) in engagements.iter().enumerate() {
        chemin.push(k);
        for &n in &e.fiches_action {
            out.push((
                n,
                Renvoi {
                    partenaire: p,
                    engagement: e,
                    ancre: anchor_of(p.id.as_str(), chemin),
                },
            ));
        }
        collect(p, &e.sous_engagements, chemin, out);
        chemin.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt found word by word: the most words that fit, whole text first.
    fn word_by_word(text: &str, fits: impl Fn(&str) -> bool) -> String {
        let mots: Vec<&str> = text.split_whitespace().collect();
        let texte = mots.join(" ");
        if fits(&texte) {
            return texte;
        }
        let mut n = (0..=mots.len())
            .take_while(|&k| fits(&format!("{}…", mots[..k].join(" "))))
            .last()
            .unwrap_or(0);
        while n > 1 && PETITS_MOTS.contains(&mots[n - 1].to_lowercase().as_str()) {
            n -= 1;
        }
        let debut = mots[..n.max(1).min(mots.len())].join(" ");
        format!("{}…", debut.trim_end_matches([',', ';', ':', '.', ' ']))
    }

    #[test]
    fn the_excerpt_is_the_most_words_that_fit_and_long_texts_are_not_measured_whole() {
        let words = "Le Département et la CAF s'engagent à accompagner les allocataires du RSA \
                     vers l'emploi, par un parcours de formation et de mobilité, avec un \
                     référent unique pour chacun, dans les six mois";
        let texts: Vec<String> = (0..words.split(' ').count())
            .map(|n| words.split(' ').take(n).collect::<Vec<_>>().join(" "))
            .chain([words.repeat(50)])
            .collect();
        for text in &texts {
            for room in [0, 1, 5, 12, 30, 61, 80, 200, 100_000] {
                let fits = |s: &str| s.chars().count() <= room;
                let mut longest = 0;
                let found = excerpt_of(text, |s| {
                    longest = longest.max(s.chars().count());
                    fits(s)
                });
                assert_eq!(
                    found,
                    word_by_word(text, fits),
                    "{room} characters: {text:?}"
                );
                if room < 1000 {
                    assert!(
                        longest <= 4 * room + 40,
                        "{room} characters: measured a text of {longest}"
                    );
                }
            }
        }
    }
}
