//! An amendment (avenant) to a pact: its number, the pact it amends, its visas, its
//! numbered articles and its signatories. A JSON file holds one under the top-level key
//! `"avenant"`; [`Document`] tells the two kinds of file apart.

use super::{
    Apparence, Deliberation, Departement, Exemplaires, Lieu, Metadonnees, Pacte, Periode, Problem,
    ReadError, Section, Signataire, Statut, Texte, Titres,
};
use crate::model::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// An avenant: a numbered amendment to a Pacte Territorial d'Insertion, signed by its own
/// signatories (by default the amended pact's).
///
/// The document is laid out in this order: cover (its title generated, "Avenant n° 1 au
/// Pacte Territorial d'Insertion 2017-2020 du Vaucluse"), the visas (the amended pact
/// first, then the deliberations), "Il est convenu ce qui suit :", the articles ("Article
/// 1 – Objet"…), the signatures with one empty field per signatory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Avenant {
    /// The avenant's number: 1 for the first amendment of the pact.
    pub numero: u32,
    /// The département, by INSEE code ("84") or name ("Vaucluse"); the registry gives the
    /// forms of its name ("du Vaucluse", "de l'Allier").
    pub departement: String,
    /// The pact it amends.
    pub pacte: PacteModifie,
    /// Draft or final.
    #[serde(default)]
    pub statut: Statut,
    /// The visas: the deliberations that authorise the avenant, printed after the amended
    /// pact's own visa ("Vu le Pacte … signé le …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visas: Vec<Deliberation>,
    /// The articles, numbered from 1 in this order, each stating what changes.
    pub articles: Vec<ArticleAvenant>,
    /// Place of signature, as for a pact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lieu_signature: Option<Lieu>,
    /// Date of signature; left blank to be filled by hand when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_signature: Option<Date>,
    /// How many originals, as for a pact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemplaires_originaux: Option<Exemplaires>,
    /// Signatories, in signing order; when absent, those of the pact file
    /// `pacte.fichier` (read when the avenant is loaded: [`Document::load`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signataires: Option<Vec<Signataire>>,
    /// PDF metadata.
    #[serde(default)]
    pub metadonnees: Metadonnees,
    /// The département's logo for the cover, relative to the avenant file; when absent,
    /// the amended pact's (with its `logo_alt` and `apparence`) when `pacte.fichier` names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<PathBuf>,
    /// What the logo shows, in words; default "Logo du Département …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_alt: Option<String>,
    /// Colours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apparence: Option<Apparence>,
}

/// The pact an avenant amends, as the avenant cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PacteModifie {
    /// Its title: "Pacte Territorial d'Insertion".
    pub titre: String,
    /// Its period.
    pub periode: Periode,
    /// The day it was signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_signature: Option<Date>,
    /// The pact file, relative to the avenant file: its signatories are the avenant's
    /// when the avenant names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fichier: Option<PathBuf>,
}

/// An article of an avenant: "Article 1 – Objet", then what changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleAvenant {
    /// Its title, after "Article n –": "Objet", "Durée du Pacte".
    pub titre: String,
    /// What it says (Markdown).
    pub texte: Texte,
}

/// The file form of an avenant: `{"avenant": {…}}`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct FichierAvenant {
    /// The avenant.
    avenant: Avenant,
}

/// A document pacte reads and renders: a pact, or an avenant to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// A pact (a JSON file whose keys are the pact's).
    Pacte(Box<Pacte>),
    /// An avenant (a JSON file with one top-level key, `"avenant"`).
    Avenant(Box<Avenant>),
}

impl Document {
    /// Parses a pact, or an avenant when the top-level object has the key `"avenant"`.
    /// Errors name their place as [`Pacte::from_json`]'s do (for an avenant, paths start
    /// with `avenant.`).
    pub fn from_json(source: &str) -> Result<Document, ReadError> {
        #[derive(Deserialize)]
        struct Sonde {
            avenant: Option<serde::de::IgnoredAny>,
        }
        let avenant = serde_json::from_str::<Sonde>(source).is_ok_and(|s| s.avenant.is_some());
        if avenant {
            let f: FichierAvenant = super::read_json(source)?;
            Ok(Document::Avenant(Box::new(f.avenant)))
        } else {
            Pacte::from_json(source).map(|p| Document::Pacte(Box::new(p)))
        }
    }
}

impl Avenant {
    /// The title: "Avenant n° 1 au Pacte Territorial d'Insertion 2017-2020 du Vaucluse"
    /// (no-break space after "n°"; the département as the registry writes it after "de").
    pub fn titre(&self) -> String {
        format!("Avenant n°\u{a0}{} au {}", self.numero, self.pacte_cite())
    }

    /// The amended pact as the avenant names it: "Pacte Territorial d'Insertion 2017-2020
    /// du Vaucluse".
    fn pacte_cite(&self) -> String {
        format!(
            "{} {} {}",
            self.pacte.titre.trim(),
            self.pacte.periode.libelle(),
            self.departement_forme().de
        )
    }

    /// The JSON Schema of an avenant file (`{"avenant": {…}}`), for editor completion.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(FichierAvenant)).unwrap_or_default()
    }

    /// The département's forms from the registry (the code as given when unknown: the
    /// validation reports it).
    fn departement_forme(&self) -> Departement {
        match crate::registry::departement(self.departement.trim()) {
            Some(d) => d.into(),
            None => Departement {
                code: self.departement.clone(),
                nom: self.departement.clone(),
                de: format!("de {}", self.departement.trim()),
                le: self.departement.clone(),
            },
        }
    }

    /// "Vu le Pacte Territorial d'Insertion 2017-2020 du Vaucluse signé le 12 juin 2017".
    pub(crate) fn visa_pacte(&self) -> String {
        let mut s = format!("Vu le {}", self.pacte_cite());
        if let Some(d) = self.pacte.date_signature {
            s.push_str(&format!(" signé le {}", d.en_toutes_lettres()));
        }
        s
    }

    /// "Article 1 – Objet" for the article at `index` (0-based).
    pub(crate) fn titre_article(index: usize, titre: &str) -> String {
        format!("Article {} – {}", index + 1, titre.trim())
    }

    /// The avenant laid out by the pact's engine: a pact with its title, visas, signature
    /// and signatories, whose free sections are the articles. A signatory's `partenaire`
    /// is dropped (the avenant has no partners' sections to point at).
    pub(crate) fn comme_pacte(&self) -> Pacte {
        let titre = self.titre();
        let signataires = self
            .signataires
            .iter()
            .flatten()
            .cloned()
            .map(|s| Signataire {
                partenaire: None,
                ..s
            })
            .collect();
        let sections = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| Section {
                numerotee: false,
                ..Section::new(Avenant::titre_article(i, &a.titre), a.texte.clone())
            })
            .collect();
        let mut metadonnees = self.metadonnees.clone();
        metadonnees.sujet = metadonnees.sujet.or_else(|| Some(titre.clone()));
        Pacte {
            departement: self.departement_forme(),
            titre,
            sous_titre: None,
            periode: self.pacte.periode.clone(),
            statut: self.statut,
            lieu_signature: self.lieu_signature.clone(),
            date_signature: self.date_signature,
            exemplaires_originaux: self.exemplaires_originaux,
            visas: self.visas.clone(),
            metadonnees,
            logo: self.logo.clone(),
            logo_alt: self.logo_alt.clone(),
            apparence: self.apparence.clone(),
            titres: Titres {
                signataires: "Signataires de l'avenant".into(),
                ..Titres::default()
            },
            editorial: None,
            preambule: None,
            sections,
            introduction_partenaires: Texte::default(),
            partenaires: Vec::new(),
            gouvernance: Default::default(),
            duree: Texte::default(),
            signataires,
            annexes: Vec::new(),
            sigles: Vec::new(),
            liste_sigles: None,
            fiches_pdi: Vec::new(),
            index_fiches: None,
            contact: None,
        }
    }

    /// What the pact's checks cannot see: the number, the département, the cited pact,
    /// the articles' own titles and texts, the signatories' presence. Paths are the file's
    /// (`avenant.articles[0].titre`).
    pub(crate) fn problemes_propres(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut pb = |path: String, message: &str| {
            out.push(Problem {
                path: format!("avenant.{path}"),
                message: message.to_string(),
            })
        };
        if self.numero == 0 {
            pb("numero".into(), "an avenant's number starts at 1");
        }
        if crate::registry::departement(self.departement.trim()).is_none() {
            pb(
                "departement".into(),
                "unknown département (give its INSEE code, e.g. \"84\", or its name)",
            );
        }
        if self.pacte.titre.trim().is_empty() {
            pb("pacte.titre".into(), "must not be empty");
        }
        if self.articles.is_empty() {
            pb("articles".into(), "an avenant needs at least one article");
        }
        for (i, a) in self.articles.iter().enumerate() {
            if a.titre.trim().is_empty() {
                pb(format!("articles[{i}].titre"), "must not be empty");
            }
            if a.texte.texte_brut().trim().is_empty() {
                pb(format!("articles[{i}].texte"), "must not be empty");
            }
        }
        if self.signataires.is_none() && self.pacte.fichier.is_none() {
            pb(
                "signataires".into(),
                "give the signatories, or the amended pact's file (pacte.fichier) to take its own",
            );
        }
        out
    }
}

/// A problem found in [`Avenant::comme_pacte`], at its place in the avenant file:
/// `sections[1].texte` is `avenant.articles[1].texte`; an empty article title is reported
/// by [`Avenant::problemes_propres`] already (the section's title has its number).
pub(crate) fn chemin_avenant(p: Problem) -> Option<Problem> {
    let path = match p.path.strip_prefix("sections[") {
        Some(rest) if rest.ends_with("].titre") && p.message == "must not be empty" => return None,
        Some(rest) => format!("avenant.articles[{rest}"),
        None => format!("avenant.{}", p.path),
    };
    Some(Problem {
        path,
        message: p.message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const AVENANT: &str = r#"{"avenant": {
        "numero": 1, "departement": "84",
        "pacte": {"titre": "Pacte Territorial d'Insertion", "periode": {"debut": 2017, "fin": 2020}},
        "articles": [{"titre": "Objet", "texte": "Le présent avenant prolonge le Pacte."}],
        "signataires": [{"pour": "l'Etat", "qualite": "Le Préfet"}]
    }}"#;

    #[test]
    fn an_avenant_is_told_by_its_key_and_titled() {
        let Document::Avenant(a) = Document::from_json(AVENANT).unwrap() else {
            panic!("not read as an avenant")
        };
        assert_eq!(
            a.titre(),
            "Avenant n°\u{a0}1 au Pacte Territorial d'Insertion 2017-2020 du Vaucluse"
        );
        assert!(a.problemes_propres().is_empty());
        let p = a.comme_pacte();
        assert_eq!(p.sections[0].titre, "Article 1 – Objet");
        assert_eq!(p.departement.de, "du Vaucluse");
    }

    #[test]
    fn errors_name_the_avenant_path() {
        let bad = AVENANT.replace("\"numero\": 1", "\"numero\": \"un\"");
        let e = Document::from_json(&bad).unwrap_err();
        assert_eq!(e.path(), Some("avenant.numero"), "{e}");
        let typo = AVENANT.replace("\"articles\"", "\"article\"");
        let e = Document::from_json(&typo).unwrap_err().to_string();
        assert!(e.contains("did you mean \"articles\""), "{e}");
    }
}
