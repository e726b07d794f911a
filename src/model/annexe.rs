//! What follows the signatures: the annexes, and the list of sigles (generated from the
//! partners' and instances' acronyms, with the entries the pact adds), sorted the French way.

use super::texte::Texte;
use super::Pacte;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// An annex, after the signature pages: "Annexe 1 – Titre", on a new page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annexe {
    /// Its title, without the "Annexe 1 –" that the document adds.
    pub titre: String,
    /// Its text.
    pub texte: Texte,
}

/// An entry the pact adds to the list of sigles (or whose definition it rewrites).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sigle {
    /// The acronym: "RSA".
    pub sigle: String,
    /// What it stands for: "Revenu de Solidarité Active".
    pub definition: String,
}

/// Where the list of sigles stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlacementSigles {
    /// After the sommaire (the default when the pact lists sigles).
    ApresSommaire,
    /// As the last annex.
    Annexe,
}

impl super::Titres {
    /// "Annexe 2 – Liste des sigles": the word, the annex's number (1-based) and its title.
    pub fn titre_annexe(&self, numero: usize, titre: &str) -> String {
        format!("{} {numero} – {}", self.annexe.trim(), titre.trim())
    }
}

impl Pacte {
    /// Where the list of sigles stands, or `None` when the pact has none: the pact's
    /// `liste_sigles`, else after the sommaire when it adds `sigles` of its own.
    pub fn placement_sigles(&self) -> Option<PlacementSigles> {
        match (self.liste_sigles, self.sigles.is_empty()) {
            (Some(p), _) => Some(p),
            (None, false) => Some(PlacementSigles::ApresSommaire),
            (None, true) => None,
        }
    }

    /// The list of sigles, sorted the French way: the partners' (sub-partners included)
    /// and the instances' acronyms with their names, then the pact's own entries, which
    /// replace a generated definition of the same acronym.
    pub fn liste_des_sigles(&self) -> Vec<Sigle> {
        let mut out: Vec<Sigle> = Vec::new();
        let generated = self
            .tous_partenaires()
            .into_iter()
            .map(|p| (&p.sigle, &p.nom))
            .chain(self.instances().map(|i| (&i.sigle, &i.nom)));
        for (sigle, nom) in generated {
            let Some(s) = sigle.as_deref().map(str::trim) else {
                continue;
            };
            let definition = sans_article(nom);
            let utile = !s.is_empty() && !definition.eq_ignore_ascii_case(s);
            if utile && !out.iter().any(|x| x.sigle == s) {
                out.push(Sigle {
                    sigle: s.to_string(),
                    definition: definition.to_string(),
                });
            }
        }
        for e in &self.sigles {
            let s = e.sigle.trim();
            match out.iter_mut().find(|x| x.sigle == s) {
                Some(x) => x.definition = e.definition.trim().to_string(),
                None => out.push(Sigle {
                    sigle: s.to_string(),
                    definition: e.definition.trim().to_string(),
                }),
            }
        }
        out.sort_by_cached_key(|s| french_key(&s.sigle));
        out
    }
}

/// A name without its leading article, as a list of sigles writes it: "La Caisse…" →
/// "Caisse…", "L'UP-MEDEF" → "UP-MEDEF".
pub(super) fn sans_article(nom: &str) -> &str {
    let nom = nom.trim();
    for article in ["Le ", "La ", "Les ", "L'", "L’"] {
        if let Some(reste) = nom.strip_prefix(article) {
            if !reste.trim().is_empty() {
                return reste.trim_start();
            }
        }
    }
    nom
}

/// French dictionary order: letters first without their accents (and ligatures spelt out),
/// then accents (the unaccented first), then case (lower case first); punctuation is
/// ignored until everything else is equal.
#[cfg(test)]
pub(crate) fn compare_fr(a: &str, b: &str) -> std::cmp::Ordering {
    french_key(a).cmp(&french_key(b))
}

/// The key of [`compare_fr`]'s order: the three levels, then the text itself.
fn french_key(s: &str) -> (CollationKey, String) {
    (CollationKey::new(s), s.to_string())
}

/// The three levels of [`compare_fr`].
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct CollationKey {
    base: Vec<char>,
    accents: Vec<u64>,
    case: Vec<bool>,
}

impl CollationKey {
    fn new(s: &str) -> CollationKey {
        let mut key = CollationKey {
            base: Vec::new(),
            accents: Vec::new(),
            case: Vec::new(),
        };
        for c in s.nfd() {
            if unicode_normalization::char::is_combining_mark(c) {
                if let Some(last) = key.accents.last_mut() {
                    *last = last.wrapping_mul(0x1_0000).wrapping_add(u64::from(c));
                }
                continue;
            }
            if !c.is_alphanumeric() {
                continue;
            }
            let spelt: &[char] = match c {
                'œ' | 'Œ' => &['o', 'e'],
                'æ' | 'Æ' => &['a', 'e'],
                'ß' => &['s', 's'],
                _ => &[],
            };
            let upper = c.is_uppercase();
            let letters: Vec<char> = if spelt.is_empty() {
                c.to_lowercase().collect()
            } else {
                spelt.to_vec()
            };
            for l in letters {
                key.base.push(l);
                key.accents.push(0);
                key.case.push(upper);
            }
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::compare_fr;

    #[test]
    fn french_order() {
        let mut v = vec![
            "ÉTAT", "Etat", "EPCI", "etat", "CAF", "état", "ESAT", "Œuvre", "OETH",
        ];
        v.sort_by(|a, b| compare_fr(a, b));
        assert_eq!(
            v,
            ["CAF", "EPCI", "ESAT", "etat", "Etat", "état", "ÉTAT", "OETH", "Œuvre"]
        );
    }
}
