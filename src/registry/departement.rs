//! A département of the registry.

use super::statut::{Collectivite, Genre, GenreStatut, StatutParticulier};
use super::Region;
use serde::Serialize;

/// One of the 101 départements, with the French forms of its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Departement {
    /// INSEE code: "01"…"95", "2A", "2B", "971"…"976".
    pub code: String,
    /// Name without article, as INSEE writes it: "Allier", "Côte-d'Or", "La Réunion".
    pub nom: String,
    /// INSEE's TNCC (type de nom en clair), 0–8, from which the article forms come.
    pub type_liaison: u8,
    /// The name after "de": "de l'Allier", "du Rhône", "des Bouches-du-Rhône", "de la Somme".
    pub de: String,
    /// The name with its article, lower case: "l'Allier", "le Rhône", "Paris".
    pub le: String,
    /// INSEE code of the région.
    pub region_code: String,
    /// The chef-lieu's name (COG): "Moulins".
    pub chef_lieu: String,
    /// The chef-lieu's INSEE commune code: "03190".
    pub chef_lieu_code: String,
    /// Whether it is a département et région d'outre-mer (DROM), not in metropolitan France
    /// (Corsica included).
    pub outre_mer: bool,
    /// Special status, when "le Département de X" is not the body that holds the powers.
    pub statut_particulier: Option<StatutParticulier>,
    /// Index of the région in the registry (checked at load).
    #[serde(skip)]
    pub(crate) region_index: usize,
}

impl Departement {
    /// The région the département belongs to.
    pub fn region(&self) -> &'static Region {
        &super::donnees().regions[self.region_index]
    }

    /// The `le` form with a capital first letter, for the start of a sentence: "L'Allier".
    pub fn le_majuscule(&self) -> String {
        majuscule(&self.le)
    }

    /// The special status's kind, if any.
    pub fn genre_statut(&self) -> Option<GenreStatut> {
        self.statut_particulier.as_ref().map(|s| s.genre)
    }

    /// The body that holds the département's powers and signs the pact for it:
    /// "le Département de l'Allier", "la Ville de Paris", "la Collectivité de Corse",
    /// "la Collectivité européenne d'Alsace", "le Département du Rhône" (for 69, outside the
    /// Métropole de Lyon), "le Département de Mayotte".
    pub fn collectivite(&self) -> Collectivite {
        self.collectivite_pour(&self.de)
    }

    /// As [`Departement::collectivite`], with another `de` form (a local usage such as
    /// "de Vaucluse") for the ordinary case.
    pub fn collectivite_pour(&self, de: &str) -> Collectivite {
        match self
            .genre_statut()
            .and_then(GenreStatut::collectivite_departement)
        {
            Some(c) => c,
            None => Collectivite {
                nom: format!("Département {de}"),
                genre: Genre::Masculin,
            },
        }
    }

    /// Who signs for [`Departement::collectivite`]: "Le Président du Conseil départemental",
    /// "Le Maire de Paris", "Le Président du Conseil exécutif de Corse"…
    pub fn executif(&self) -> &'static str {
        match self.genre_statut() {
            Some(g) => g.executif(),
            None => "Le Président du Conseil départemental",
        }
    }

    /// Whether the région partner is a body other than the département partner (false for
    /// Corse, Martinique, Guyane and Mayotte, where one collectivité holds both sets of powers).
    pub fn region_distincte(&self) -> bool {
        self.collectivite() != self.region().collectivite()
    }
}

/// `s` with its first letter in upper case: "l'Allier" → "L'Allier".
pub(crate) fn majuscule(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(p) => p.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
