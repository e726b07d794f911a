//! Signatories and their signature blocks.
//!
//! A block signs for one body ("Pour la CAF de la Sarthe,"). Most blocks have one signer,
//! written inline (`qualite`, `nom`, `id`); a body whose signature takes several people
//! lists them in `personnes`, each with a signature area and a field of their own.

use super::{Date, Deliberation, Id, Lieu, Pacte};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The most people one signature block may list.
pub(crate) const MAX_PERSONNES: usize = 8;

/// A signature block: who it signs for, and the one person (`qualite`, `nom`) or the
/// several people (`personnes`) who sign, each with one empty PDF signature field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signataire {
    /// One signer: stable identifier, used to name the signature field (e.g. "prefet" →
    /// `Sig01_Prefet`). With `personnes`, each person has their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The partner it signs for, if that partner has a section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partenaire: Option<Id>,
    /// Who it signs for, after "Pour": "l'Etat", "la Région PACA".
    pub pour: String,
    /// One signer: the quality, "Le Préfet du Vaucluse", "Le Président"; a line break
    /// ("\n") breaks the line: "Par délégation,\nLe Directeur adjoint". Absent when
    /// `personnes` lists the signers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualite: Option<String>,
    /// One signer: the name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nom: Option<String>,
    /// One signer: where they sign, when not with the others ("Fait au Mans, le …" in
    /// their block).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lieu: Option<Lieu>,
    /// One signer: the day they sign, when not with the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The people who sign for the body, in order, when there are several (instead of
    /// `qualite`, `nom`, `id`, `lieu` and `date`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personnes: Vec<Personne>,
    /// A line of the block, e.g. "Provence-Alpes-Côte d'Azur": under the name of one
    /// signer, under "Pour …," when `personnes` lists several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<String>,
    /// The act that authorises this body's signatories to sign (its board's deliberation),
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

/// One person signing in a block: their quality, name, and where and when they sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Personne {
    /// Stable identifier, used to name the signature field ("directeur-caf" →
    /// `Sig06_DirecteurCaf`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The quality; a line break ("\n") breaks the line: "Par délégation,\nLe Directeur
    /// adjoint".
    pub qualite: String,
    /// The name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nom: Option<String>,
    /// Where they sign, when not with the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lieu: Option<Lieu>,
    /// The day they sign, when not with the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl Signataire {
    /// "Pour l'Etat,".
    pub fn ligne_pour(&self) -> String {
        let pour = self.pour.trim_end_matches(',');
        format!("Pour {pour},")
    }

    /// The people who sign: those of `personnes`, or the one signer written inline.
    pub fn signataires(&self) -> Vec<Personne> {
        if !self.personnes.is_empty() {
            return self.personnes.clone();
        }
        vec![Personne {
            id: self.id.clone(),
            qualite: self.qualite.clone().unwrap_or_default(),
            nom: self.nom.clone(),
            lieu: self.lieu.clone(),
            date: self.date,
        }]
    }
}

impl Personne {
    /// The quality's lines ("Par délégation,", "Le Directeur adjoint"), blank ones left out.
    pub fn lignes_qualite(&self) -> Vec<&str> {
        self.qualite
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// "Fait au Mans, le 12 mars 2024" when the person signs apart (a place or a date of
    /// their own), dotted blanks for what is left to the hand.
    pub fn mention_fait_a(&self) -> Option<String> {
        if self.lieu.is_none() && self.date.is_none() {
            return None;
        }
        Some(super::lieu::fait_a(self.lieu.as_ref(), self.date))
    }
}

impl Pacte {
    /// Every person who signs, in signing order, with their block: one signature field
    /// each, numbered in this order.
    pub fn personnes_signataires(&self) -> Vec<(&Signataire, Personne)> {
        self.signataires
            .iter()
            .flat_map(|s| s.signataires().into_iter().map(move |p| (s, p)))
            .collect()
    }
}
