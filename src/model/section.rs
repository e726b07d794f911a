//! Free sections of a pact, and the editorial.

use super::texte::Texte;
use super::Id;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a free top-level section stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Before the partners' engagements (the default).
    #[default]
    AvantPartenaires,
    /// After the partners' engagements, before the governance.
    ApresPartenaires,
    /// After the governance, before the duration clause.
    ApresGouvernance,
}

/// A section: a title, text, and nested sub-sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Optional identifier (for links and bookmarks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// Heading.
    pub titre: String,
    /// Where a top-level section stands (ignored for sub-sections).
    #[serde(default, skip_serializing_if = "is_default")]
    pub position: Position,
    /// Whether a top-level section gets a number (default true; ignored for sub-sections).
    #[serde(default = "vrai", skip_serializing_if = "is_true")]
    pub numerotee: bool,
    /// The section's text before its sub-sections.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub texte: Texte,
    /// Sub-sections, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sous_sections: Vec<Section>,
}

impl Section {
    /// A section with a title and text.
    pub fn new(titre: impl Into<String>, texte: Texte) -> Section {
        Section {
            id: None,
            titre: titre.into(),
            position: Position::default(),
            numerotee: true,
            texte,
            sous_sections: Vec::new(),
        }
    }
}

/// The editorial: a quote, its author and role, and the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Editorial {
    /// Heading ("Éditorial" when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titre: Option<String>,
    /// The opening quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<Citation>,
    /// The body.
    pub texte: Texte,
}

/// A quote with its author and role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The quoted words, without quotation marks.
    pub texte: String,
    /// Who said it: "Maurice CHABERT".
    pub auteur: String,
    /// Their role: "Président du Conseil Départemental".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualite: Option<String>,
}

fn vrai() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}
