//! Signatories and their signature blocks.

use super::{Deliberation, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A signatory: one signature block, and one empty PDF signature field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signataire {
    /// Stable identifier, used to name the signature field (e.g. "prefet" → `Sig01_prefet`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The partner it signs for, if that partner has a section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partenaire: Option<Id>,
    /// Who it signs for, after "Pour": "l'Etat", "la Région PACA".
    pub pour: String,
    /// The signer's quality: "Le Préfet du Vaucluse", "Le Président".
    pub qualite: String,
    /// The signer's name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nom: Option<String>,
    /// A line under the block, e.g. "Provence-Alpes-Côte d'Azur".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<String>,
    /// The act that authorises this signatory to sign (its board's deliberation),
    /// printed among the visas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autorisation: Option<Deliberation>,
    /// Logo file (PNG or JPEG), relative to the pact file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<PathBuf>,
    /// What the logo shows, in words (its alternative text); default "Logo de …" with the
    /// partner's name, or whom it signs for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_alt: Option<String>,
}

impl Signataire {
    /// "Pour l'Etat,".
    pub fn ligne_pour(&self) -> String {
        let pour = self.pour.trim_end_matches(',');
        format!("Pour {pour},")
    }
}
