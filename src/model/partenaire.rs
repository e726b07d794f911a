//! Partners and their engagements.

use super::section::Section;
use super::texte::Texte;
use super::Id;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What kind of body a partner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NaturePartenaire {
    /// The State and its services (Préfet, DDETS, DDCS, DIRECCTE…).
    Etat,
    /// The Région.
    Region,
    /// The Département.
    Departement,
    /// Public employment service (France Travail / Pôle emploi, missions locales, Cap emploi).
    ServicePublicEmploi,
    /// Social security bodies (CAF, MSA, CPAM).
    SecuriteSociale,
    /// Chambers (CCI, CMA, chambre d'agriculture).
    ChambreConsulaire,
    /// Employers' organisations (MEDEF, CPME, U2P).
    OrganisationPatronale,
    /// Associations.
    Association,
    /// Any other body.
    Autre,
}

impl NaturePartenaire {
    /// French label, e.g. "sécurité sociale".
    pub fn libelle(self) -> &'static str {
        match self {
            NaturePartenaire::Etat => "État",
            NaturePartenaire::Region => "Région",
            NaturePartenaire::Departement => "Département",
            NaturePartenaire::ServicePublicEmploi => "service public de l'emploi",
            NaturePartenaire::SecuriteSociale => "sécurité sociale",
            NaturePartenaire::ChambreConsulaire => "chambre consulaire",
            NaturePartenaire::OrganisationPatronale => "organisation patronale",
            NaturePartenaire::Association => "association",
            NaturePartenaire::Autre => "autre",
        }
    }
}

/// A titled part of a partner section ("Le contexte législatif", "Rappel des orientations…").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rubrique {
    /// Heading as the pact words it; a default heading is used when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titre: Option<String>,
    /// The text.
    pub texte: Texte,
}

/// A partner of the pact, with its section of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partenaire {
    /// Stable identifier, referred to by signatories and instance members ("etat", "caf").
    pub id: Id,
    /// Full name: "La Caisse d'Allocations Familiales".
    pub nom: String,
    /// Acronym: "CAF".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigle: Option<String>,
    /// Kind of body.
    pub nature: NaturePartenaire,
    /// Section heading when it differs from the name, e.g. "Les services de l'Etat".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titre: Option<String>,
    /// Presentation of the partner.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub presentation: Texte,
    /// Legislative context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contexte_legislatif: Option<Rubrique>,
    /// Strategic orientations and priorities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientations: Option<Rubrique>,
    /// Free sub-sections, between the orientations and the engagements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sous_sections: Vec<Section>,
    /// Heading of the engagements ("Les engagements de la CAF :").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagements_titre: Option<String>,
    /// Text before the list of engagements.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub engagements_introduction: Texte,
    /// The engagements, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub engagements: Vec<Engagement>,
    /// Text after the list of engagements.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub engagements_conclusion: Texte,
    /// Sub-partners: the State's DDCS and DIRECCTE, the chambers' CCI and CMAR.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sous_partenaires: Vec<Partenaire>,
}

impl Partenaire {
    /// The heading of the partner's section.
    pub fn titre_section(&self) -> &str {
        self.titre.as_deref().unwrap_or(&self.nom)
    }
}

/// One engagement of a partner; it may nest and cite the PDI's fiches-action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Engagement {
    /// The engagement's text (Markdown).
    pub texte: Texte,
    /// Numbers of the PDI fiches-action it serves, e.g. `[27]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fiches_action: Vec<u32>,
    /// Nested engagements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sous_engagements: Vec<Engagement>,
}
