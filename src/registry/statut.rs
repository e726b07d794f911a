//! Special statuses: where "le Département de X" is not the body that holds the powers.

use serde::{Deserialize, Serialize};

/// A special status, as recorded in the data's `statut_particulier`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatutParticulier {
    /// Which special case this is.
    pub genre: GenreStatut,
    /// The bodies that hold the département's (or région's) powers, as the data names them.
    pub collectivites: Vec<String>,
    /// A short French note with its legal reference.
    pub note: String,
}

/// The special cases of French local government that the registry knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GenreStatut {
    /// 75: the Ville de Paris holds the powers of the commune and of the département.
    Paris,
    /// 2A, 2B and région 94: the Collectivité de Corse holds départemental and régional powers.
    Corse,
    /// 69: the Métropole de Lyon holds the département's powers on its territory; the
    /// Département du Rhône keeps them on the rest.
    MetropoleDeLyon,
    /// 67, 68: the Collectivité européenne d'Alsace.
    Alsace,
    /// 972 and région 02: the Collectivité territoriale de Martinique.
    Martinique,
    /// 973 and région 03: the Collectivité territoriale de Guyane.
    Guyane,
    /// 976 and région 06: the Département de Mayotte holds départemental and régional powers.
    Mayotte,
}

/// Grammatical gender of a body's name, which decides its article ("le Département",
/// "la Ville de Paris").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    /// "le …", "du …".
    Masculin,
    /// "la …", "de la …".
    Feminin,
}

/// A local authority as a partner of the pact: "le Département de l'Allier",
/// "la Ville de Paris", "la Région Auvergne-Rhône-Alpes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collectivite {
    /// Name without article: "Département de l'Allier", "Collectivité de Corse".
    pub nom: String,
    /// Gender of the name.
    pub genre: Genre,
}

impl Collectivite {
    /// With its article: "le Département de l'Allier", "la Ville de Paris".
    pub fn le(&self) -> String {
        match self.genre {
            Genre::Masculin => format!("le {}", self.nom),
            Genre::Feminin => format!("la {}", self.nom),
        }
    }

    /// After "à": "au Département de l'Allier", "à la Ville de Paris".
    pub fn a(&self) -> String {
        match self.genre {
            Genre::Masculin => format!("au {}", self.nom),
            Genre::Feminin => format!("à la {}", self.nom),
        }
    }

    /// After "de": "du Département de l'Allier", "de la Collectivité de Corse".
    pub fn de(&self) -> String {
        match self.genre {
            Genre::Masculin => format!("du {}", self.nom),
            Genre::Feminin => format!("de la {}", self.nom),
        }
    }
}

impl GenreStatut {
    /// Recognises the status from the bodies the data names.
    pub(crate) fn depuis_collectivites(collectivites: &[String]) -> Option<GenreStatut> {
        let a = |nom: &str| collectivites.iter().any(|c| c == nom);
        Some(if a("Ville de Paris") {
            GenreStatut::Paris
        } else if a("Collectivité de Corse") {
            GenreStatut::Corse
        } else if a("Métropole de Lyon") {
            GenreStatut::MetropoleDeLyon
        } else if a("Collectivité européenne d'Alsace") {
            GenreStatut::Alsace
        } else if a("Collectivité territoriale de Martinique") {
            GenreStatut::Martinique
        } else if a("Collectivité territoriale de Guyane") {
            GenreStatut::Guyane
        } else if a("Département de Mayotte") {
            GenreStatut::Mayotte
        } else {
            return None;
        })
    }

    /// The single body that takes the place of both département and région, if any
    /// (Paris, Lyon and Alsace keep a separate région).
    pub(crate) fn collectivite_unique(self) -> Option<Collectivite> {
        let f = |nom: &str| {
            Some(Collectivite {
                nom: nom.into(),
                genre: Genre::Feminin,
            })
        };
        match self {
            GenreStatut::Corse => f("Collectivité de Corse"),
            GenreStatut::Martinique => f("Collectivité territoriale de Martinique"),
            GenreStatut::Guyane => f("Collectivité territoriale de Guyane"),
            GenreStatut::Mayotte => Some(Collectivite {
                nom: "Département de Mayotte".into(),
                genre: Genre::Masculin,
            }),
            GenreStatut::Paris | GenreStatut::MetropoleDeLyon | GenreStatut::Alsace => None,
        }
    }

    /// The body that holds the département's powers, when it is not "Département" + `de`.
    pub(crate) fn collectivite_departement(self) -> Option<Collectivite> {
        let f = |nom: &str| {
            Some(Collectivite {
                nom: nom.into(),
                genre: Genre::Feminin,
            })
        };
        match self {
            GenreStatut::Paris => f("Ville de Paris"),
            GenreStatut::Alsace => f("Collectivité européenne d'Alsace"),
            GenreStatut::MetropoleDeLyon => None,
            _ => self.collectivite_unique(),
        }
    }

    /// Who signs for that body.
    pub(crate) fn executif(self) -> &'static str {
        match self {
            GenreStatut::Paris => "Le Maire de Paris",
            GenreStatut::Corse => "Le Président du Conseil exécutif de Corse",
            GenreStatut::Martinique => "Le Président du Conseil exécutif de Martinique",
            GenreStatut::Guyane => "Le Président de l'Assemblée de Guyane",
            GenreStatut::Alsace => "Le Président de la Collectivité européenne d'Alsace",
            GenreStatut::MetropoleDeLyon | GenreStatut::Mayotte => {
                "Le Président du Conseil départemental"
            }
        }
    }

    /// One French sentence, for a pact, on who holds the insertion policy and why.
    pub fn mention(self) -> &'static str {
        match self {
            GenreStatut::Paris => {
                "Depuis le 1er janvier 2019, la Ville de Paris, collectivité à statut particulier, exerce les \
                 compétences de la commune et du département de Paris, dont la politique d'insertion \
                 (loi n° 2017-257 du 28 février 2017 ; CGCT, art. L. 2512-1)."
            }
            GenreStatut::Corse => {
                "Depuis le 1er janvier 2018, la Collectivité de Corse, collectivité à statut particulier, exerce \
                 les compétences des départements de la Corse-du-Sud et de la Haute-Corse ainsi que celles de la \
                 région, dont la politique d'insertion et la formation professionnelle (loi n° 2015-991 du \
                 7 août 2015, art. 30 ; CGCT, art. L. 4421-1)."
            }
            GenreStatut::MetropoleDeLyon => {
                "Depuis le 1er janvier 2015, la Métropole de Lyon, collectivité à statut particulier, exerce \
                 les compétences départementales, dont la politique d'insertion, sur le territoire de ses \
                 59 communes ; le Département du Rhône les exerce sur le reste du territoire départemental, \
                 auquel s'applique le présent pacte (loi n° 2014-58 du 27 janvier 2014 ; CGCT, art. L. 3611-1)."
            }
            GenreStatut::Alsace => {
                "Depuis le 1er janvier 2021, la Collectivité européenne d'Alsace exerce, sur le territoire du \
                 Bas-Rhin et du Haut-Rhin, les compétences départementales, dont la politique d'insertion \
                 (loi n° 2019-816 du 2 août 2019)."
            }
            GenreStatut::Martinique => {
                "Depuis le 1er janvier 2016, la Collectivité territoriale de Martinique exerce les compétences \
                 du département et de la région, dont la politique d'insertion et la formation professionnelle \
                 (loi n° 2011-884 du 27 juillet 2011 ; CGCT, art. L. 7211-1)."
            }
            GenreStatut::Guyane => {
                "Depuis le 1er janvier 2016, la Collectivité territoriale de Guyane exerce les compétences \
                 du département et de la région, dont la politique d'insertion et la formation professionnelle \
                 (loi n° 2011-884 du 27 juillet 2011 ; CGCT, art. L. 7111-1)."
            }
            GenreStatut::Mayotte => {
                "Le Département de Mayotte, collectivité régie par l'article 73 de la Constitution, exerce les \
                 compétences d'un département et d'une région d'outre-mer, dont la politique d'insertion et la \
                 formation professionnelle (lois organique et ordinaire du 7 décembre 2010 ; CGCT, \
                 art. LO 3511-1)."
            }
        }
    }
}
