//! Governance: the instances that steer the pact and the partnership.

use super::texte::Texte;
use super::Id;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The governance part of the pact.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gouvernance {
    /// Heading ("La gouvernance du Pacte" when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titre: Option<String>,
    /// Text before the groups of instances.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub introduction: Texte,
    /// Groups of instances (e.g. the existing instances, then the PTI's own), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groupes: Vec<GroupeInstances>,
    /// Text after the instances.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub conclusion: Texte,
    /// Whether to print the synthesis table generated from the instances (default true).
    #[serde(default = "vrai", skip_serializing_if = "is_true")]
    pub tableau_synthese: bool,
}

/// A titled group of instances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupeInstances {
    /// Heading: "Des instances nombreuses à coordonner".
    pub titre: String,
    /// Text before the instances.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub introduction: Texte,
    /// The instances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<Instance>,
}

/// A governance instance: SPED, CDIAE, comité de pilotage…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    /// Stable identifier.
    pub id: Id,
    /// Full name: "Service Public de l'Emploi Départemental".
    pub nom: String,
    /// Acronym: "SPED".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigle: Option<String>,
    /// Heading when it differs from "nom (sigle)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titre: Option<String>,
    /// Free description (for instances not described by composition and scope).
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub description: Texte,
    /// Composition, as the pact words it.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub composition: Texte,
    /// Members, for the synthesis table; partners are referred to by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub membres: Vec<Membre>,
    /// Scope of action.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub perimetre: Texte,
    /// How often it meets: "une fois par an".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequence: Option<String>,
    /// Who pilots it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pilote: Option<Membre>,
    /// Recommended evolution.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub evolution: Texte,
}

impl Instance {
    /// "Service Public de l'Emploi Départemental (SPED)", or the explicit title.
    pub fn titre_section(&self) -> String {
        match (&self.titre, &self.sigle) {
            (Some(t), _) => t.clone(),
            (None, Some(s)) => format!("{} ({s})", self.nom),
            (None, None) => self.nom.clone(),
        }
    }
}

/// A member (or pilot) of an instance: a partner of the pact, or another body by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membre {
    /// The partner's id, when the member is a partner of the pact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partenaire: Option<Id>,
    /// How the member is named (required when it is not a partner): "les missions locales".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub libelle: Option<String>,
}

fn vrai() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}
