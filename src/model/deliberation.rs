//! The acts that authorise the pact: the visas ("Vu la délibération n° 2017-123 de
//! l'Assemblée départementale du 23 juin 2017 …") and each signatory's authorisation.

use super::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What kind of act a visa cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Acte {
    /// A deliberation of an assembly or a board (the default).
    #[default]
    Deliberation,
    /// A decision (of a director, a bureau).
    Decision,
    /// An order (arrêté).
    Arrete,
}

impl Acte {
    /// "la délibération", "la décision", "l'arrêté".
    pub fn libelle(self) -> &'static str {
        match self {
            Acte::Deliberation => "la délibération",
            Acte::Decision => "la décision",
            Acte::Arrete => "l'arrêté",
        }
    }
}

/// A deliberation (or decision, or order) that authorises the pact or its signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deliberation {
    /// Kind of act ("deliberation" when absent).
    #[serde(default, skip_serializing_if = "is_default")]
    pub acte: Acte,
    /// The body that adopted it, with its article: "l'Assemblée départementale",
    /// "le conseil d'administration de la CAF de Vaucluse".
    pub organe: String,
    /// Its number, as written: "2017-123".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero: Option<String>,
    /// The day it was adopted.
    pub date: Date,
    /// What it does, after the date: "approuvant le Pacte Territorial d'Insertion".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objet: Option<String>,
}

impl Deliberation {
    /// "Vu la délibération n° 2017-123 de l'Assemblée départementale du 23 juin 2017
    /// approuvant …", without the final punctuation.
    pub fn visa(&self) -> String {
        let mut s = format!("Vu {}", self.acte.libelle());
        if let Some(n) = self.numero.as_deref().map(str::trim) {
            s.push_str(&format!(" n° {n}"));
        }
        s.push(' ');
        s.push_str(&de(&self.organe));
        s.push_str(&format!(" du {}", self.date.en_toutes_lettres()));
        if let Some(o) = self.objet.as_deref().map(str::trim) {
            if !o.is_empty() {
                s.push(' ');
                s.push_str(o);
            }
        }
        s
    }
}

impl super::Pacte {
    /// The visas as printed: the pact's, then each signatory's authorisation in signing
    /// order; each ends with " ;", the last with ",".
    pub fn lignes_visas(&self) -> Vec<String> {
        let actes: Vec<&Deliberation> = self
            .visas
            .iter()
            .chain(
                self.signataires
                    .iter()
                    .filter_map(|s| s.autorisation.as_ref()),
            )
            .collect();
        let n = actes.len();
        actes
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let fin = if k + 1 == n { "," } else { " ;" };
                format!("{}{fin}", d.visa())
            })
            .collect()
    }
}

/// "de l'Assemblée…", "du conseil…", "de la commission…", "des conseils…", "de Pôle emploi".
pub(crate) fn de(nom: &str) -> String {
    let nom = nom.trim();
    for (article, forme) in [
        ("le ", "du "),
        ("Le ", "du "),
        ("les ", "des "),
        ("Les ", "des "),
        ("la ", "de la "),
        ("La ", "de la "),
        ("l'", "de l'"),
        ("L'", "de l'"),
        ("l’", "de l’"),
        ("L’", "de l’"),
    ] {
        if let Some(reste) = nom.strip_prefix(article) {
            return format!("{forme}{reste}");
        }
    }
    format!("de {nom}")
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visa() {
        let d = Deliberation {
            acte: Acte::Deliberation,
            organe: "l'Assemblée départementale".into(),
            numero: Some("2017-123".into()),
            date: "2017-06-23".parse().unwrap(),
            objet: Some("approuvant le Pacte".into()),
        };
        assert_eq!(
            d.visa(),
            "Vu la délibération n° 2017-123 de l'Assemblée départementale du 23 juin 2017 approuvant le Pacte"
        );
        let d = Deliberation {
            acte: Acte::Decision,
            organe: "le conseil d'administration de la CAF".into(),
            numero: None,
            date: "2017-05-01".parse().unwrap(),
            objet: None,
        };
        assert_eq!(
            d.visa(),
            "Vu la décision du conseil d'administration de la CAF du 1er mai 2017"
        );
    }
}
