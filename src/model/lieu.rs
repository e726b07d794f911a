//! Where the pact is signed, in the right French form ("à Avignon", "au Mans", "aux
//! Sables-d'Olonne", "à La Rochelle", "à L'Isle-sur-la-Sorgue"), and how many originals.

use super::Pacte;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The article of a place's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Article {
    /// "Le Mans": "au Mans".
    #[serde(rename = "le")]
    Le,
    /// "La Rochelle": "à La Rochelle".
    #[serde(rename = "la")]
    La,
    /// "Les Sables-d'Olonne": "aux Sables-d'Olonne".
    #[serde(rename = "les")]
    Les,
    /// "L'Isle-sur-la-Sorgue": "à L'Isle-sur-la-Sorgue".
    #[serde(rename = "l'")]
    L,
}

/// The place of signature: a structured place (`{"nom": "Mans", "article": "le"}`), or, as
/// older pacts write it, the name as one string ("Avignon", "Le Mans").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
pub enum Lieu {
    /// A name and its article.
    Nomme {
        /// The name without its article: "Mans", "Rochelle", "Avignon".
        nom: String,
        /// The article, when the name has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        article: Option<Article>,
    },
    /// The name as one string, its article (if any) glued to it: "Le Mans".
    Texte(String),
}

impl From<&str> for Lieu {
    /// A place written as one string: "Valence", "Le Mans".
    fn from(nom: &str) -> Lieu {
        Lieu::Texte(nom.to_string())
    }
}

impl Lieu {
    /// The name and its article; a glued article ("Le Mans") is read as one.
    pub fn parts(&self) -> (Option<Article>, &str) {
        match self {
            Lieu::Nomme { nom, article } => (*article, nom.trim()),
            Lieu::Texte(s) => {
                let s = s.trim();
                for (prefix, article) in [
                    ("Les ", Article::Les),
                    ("Le ", Article::Le),
                    ("La ", Article::La),
                    ("L'", Article::L),
                    ("L’", Article::L),
                ] {
                    if let Some(nom) = s.strip_prefix(prefix) {
                        if !nom.trim().is_empty() {
                            return (Some(article), nom.trim_start());
                        }
                    }
                }
                (None, s)
            }
        }
    }

    /// "à Avignon", "au Mans", "aux Sables-d'Olonne", "à La Rochelle", "à L'Isle-sur-la-Sorgue".
    pub fn a(&self) -> String {
        let (article, nom) = self.parts();
        match article {
            None => format!("à {nom}"),
            Some(Article::Le) => format!("au {nom}"),
            Some(Article::Les) => format!("aux {nom}"),
            Some(Article::La) => format!("à La {nom}"),
            Some(Article::L) => format!("à L'{nom}"),
        }
    }
}

/// "Fait au Mans, le 12 mars 2018", dotted blanks for what is not given.
pub(crate) fn fait_a(lieu: Option<&Lieu>, date: Option<super::Date>) -> String {
    const BLANC: &str = "…………………………";
    let lieu = lieu.map(Lieu::a).unwrap_or_else(|| format!("à {BLANC}"));
    let date = date
        .map(|d| d.en_toutes_lettres())
        .unwrap_or_else(|| BLANC.into());
    format!("Fait {lieu}, le {date}")
}

/// How many originals the signature page announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Exemplaires {
    /// This number.
    Nombre(u32),
    /// Counted, or left out.
    Mode(ModeExemplaires),
}

/// How the number of originals is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModeExemplaires {
    /// One per party: the distinct bodies signed for (the default).
    ParPartie,
    /// No "en N exemplaires originaux" line.
    Omis,
}

impl Pacte {
    /// "Fait au Mans, le 12 mars 2018" (dotted blanks for what the pact leaves to the hand).
    pub fn mention_fait_a(&self) -> String {
        fait_a(self.lieu_signature.as_ref(), self.date_signature)
    }

    /// "en 9 exemplaires originaux.", or `None` when the pact leaves it out.
    pub fn mention_exemplaires(&self) -> Option<String> {
        let n = match self.exemplaires_originaux {
            Some(Exemplaires::Nombre(n)) => n as usize,
            Some(Exemplaires::Mode(ModeExemplaires::Omis)) => return None,
            Some(Exemplaires::Mode(ModeExemplaires::ParPartie)) | None => self.parties(),
        };
        Some(match n {
            1 => "en un exemplaire original.".to_string(),
            n => format!("en {n} exemplaires originaux."),
        })
    }

    /// The parties that sign: the distinct bodies signed for (two people signing "Pour la
    /// CAF de la Sarthe" are one party; the CCI and the CMA, though grouped under one
    /// partner's section, are two).
    pub fn parties(&self) -> usize {
        let mut vues: Vec<String> = Vec::new();
        for s in &self.signataires {
            let pour = s.pour.trim().trim_end_matches(',').to_lowercase();
            let cle = pour.split_whitespace().collect::<Vec<_>>().join(" ");
            if !vues.contains(&cle) {
                vues.push(cle);
            }
        }
        vues.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_forms() {
        let nomme = |nom: &str, article| Lieu::Nomme {
            nom: nom.into(),
            article,
        };
        assert_eq!(nomme("Avignon", None).a(), "à Avignon");
        assert_eq!(nomme("Mans", Some(Article::Le)).a(), "au Mans");
        assert_eq!(
            nomme("Sables-d'Olonne", Some(Article::Les)).a(),
            "aux Sables-d'Olonne"
        );
        assert_eq!(nomme("Rochelle", Some(Article::La)).a(), "à La Rochelle");
        assert_eq!(
            nomme("Isle-sur-la-Sorgue", Some(Article::L)).a(),
            "à L'Isle-sur-la-Sorgue"
        );
        assert_eq!(Lieu::Texte("Moulins".into()).a(), "à Moulins");
        assert_eq!(Lieu::Texte("Le Mans".into()).a(), "au Mans");
        assert_eq!(Lieu::Texte("La Rochelle".into()).a(), "à La Rochelle");
        assert_eq!(Lieu::Texte("Lens".into()).a(), "à Lens");
    }
}
