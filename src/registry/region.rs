//! A région of the registry.

use super::statut::{Collectivite, Genre, StatutParticulier};
use super::Departement;
use serde::Serialize;

/// One of the 18 régions (13 metropolitan, 5 DROM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// INSEE code: "01"…"06" (DROM), "11"…"94".
    pub code: String,
    /// Name: "Auvergne-Rhône-Alpes", "Provence-Alpes-Côte d'Azur".
    pub nom: String,
    /// INSEE's TNCC of the name.
    pub type_liaison: u8,
    /// The name after "de": "d'Auvergne-Rhône-Alpes", "des Hauts-de-France", "de La Réunion".
    pub de: String,
    /// The chef-lieu's name (COG): "Lyon".
    pub chef_lieu: String,
    /// The chef-lieu's INSEE commune code: "69123".
    pub chef_lieu_code: String,
    /// Whether it is a région d'outre-mer (DROM), not in metropolitan France.
    pub outre_mer: bool,
    /// Special status (Corse, Martinique, Guyane, Mayotte).
    pub statut_particulier: Option<StatutParticulier>,
}

impl Region {
    /// The body that holds the région's powers: "la Région Auvergne-Rhône-Alpes",
    /// "la Région Réunion" (as it names itself, without the name's article), but
    /// "la Collectivité de Corse", "la Collectivité territoriale de Martinique",
    /// "le Département de Mayotte".
    pub fn collectivite(&self) -> Collectivite {
        match self
            .statut_particulier
            .as_ref()
            .and_then(|s| s.genre.collectivite_unique())
        {
            Some(c) => c,
            None => {
                let nom = self.nom.strip_prefix("La ").unwrap_or(&self.nom);
                Collectivite {
                    nom: format!("Région {nom}"),
                    genre: Genre::Feminin,
                }
            }
        }
    }

    /// Who signs for [`Region::collectivite`]: "Le Président du Conseil régional", or the
    /// executive of the single collectivité.
    pub fn executif(&self) -> &'static str {
        match &self.statut_particulier {
            Some(s) => s.genre.executif(),
            None => "Le Président du Conseil régional",
        }
    }

    /// The région's départements, in code order.
    pub fn departements(&self) -> impl Iterator<Item = &'static Departement> + '_ {
        super::departements()
            .iter()
            .filter(move |d| d.region_code == self.code)
    }
}
