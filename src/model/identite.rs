//! Identity of a pact: its département, period, status, metadata and contact block.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::InvalidValue;

/// The département that concludes the pact, with the French forms of its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Departement {
    /// INSEE code: "03", "2A", "974".
    pub code: String,
    /// Name without article: "Vaucluse", "Allier".
    pub nom: String,
    /// The name after "de", with its article: "du Vaucluse", "de l'Allier".
    pub de: String,
    /// The name with its article: "le Vaucluse", "l'Allier".
    pub le: String,
}

/// The pact's period and dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Periode {
    /// First year covered, e.g. 2017.
    pub debut: u16,
    /// Last year covered, e.g. 2020.
    pub fin: u16,
    /// Date of effect; absent when the pact takes effect on signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_effet: Option<Date>,
    /// End date, e.g. 2020-12-31.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_fin: Option<Date>,
}

impl Periode {
    /// "2017-2020".
    pub fn libelle(&self) -> String {
        format!("{}-{}", self.debut, self.fin)
    }
}

/// Whether the document is a draft or the final text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Statut {
    /// A draft: every page carries a "PROJET" watermark.
    #[default]
    Projet,
    /// The final text, for signature.
    #[serde(alias = "définitif")]
    Definitif,
}

/// Document metadata (PDF Info and XMP).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadonnees {
    /// Issuing service, used as the document's author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_emetteur: Option<String>,
    /// Subject line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sujet: Option<String>,
    /// Keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mots_cles: Vec<String>,
    /// Creation date written in the PDF (never the clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Date>,
}

/// The back-cover contact block.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Direction, e.g. "Direction de l'Insertion de l'Emploi des Sports et de la Citoyenneté".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// Service, e.g. "Service Insertion Emploi Jeunesse".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Postal address, one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adresse: Option<String>,
    /// Phone number as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// Website, e.g. "www.vaucluse.fr".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_web: Option<String>,
}

/// Optional visual identity of a pact.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Apparence {
    /// Main colour ("#RRGGBB"): headings, rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub couleur_principale: Option<Couleur>,
    /// Secondary colour ("#RRGGBB"): sub-headings, table headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub couleur_secondaire: Option<Couleur>,
    /// The strip of the signatories' logos on the cover (each file once, in signing
    /// order): shown unless `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandeau_logos: Option<bool>,
}

/// French month names, January first.
pub const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A calendar date, written "YYYY-MM-DD"; only [`Date::new`] and parsing make one, so it is
/// always a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    annee: u16,
    mois: u8,
    jour: u8,
}

impl Date {
    /// A checked date.
    pub fn new(annee: u16, mois: u8, jour: u8) -> Result<Date, InvalidValue> {
        let bissextile =
            (annee.is_multiple_of(4) && !annee.is_multiple_of(100)) || annee.is_multiple_of(400);
        let max = match mois {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if bissextile => 29,
            2 => 28,
            _ => 0,
        };
        if jour == 0 || jour > max || annee < 1900 {
            return Err(InvalidValue::Date(format!(
                "{annee:04}-{mois:02}-{jour:02}"
            )));
        }
        Ok(Date { annee, mois, jour })
    }

    /// Year.
    pub fn annee(&self) -> u16 {
        self.annee
    }

    /// Month, 1–12.
    pub fn mois(&self) -> u8 {
        self.mois
    }

    /// Day of the month, 1–31.
    pub fn jour(&self) -> u8 {
        self.jour
    }

    /// "31 décembre 2020" (with "1er" for the first of the month).
    pub fn en_toutes_lettres(&self) -> String {
        let jour = if self.jour == 1 {
            "1er".to_string()
        } else {
            self.jour.to_string()
        };
        format!("{jour} {} {}", MOIS[(self.mois - 1) as usize], self.annee)
    }

    /// Days since 1970-01-01 (for PDF dates and SOURCE_DATE_EPOCH).
    pub fn jours_depuis_1970(&self) -> i64 {
        let (y, m, d) = (self.annee as i64, self.mois as i64, self.jour as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }
}

impl FromStr for Date {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Date, InvalidValue> {
        let err = || InvalidValue::Date(s.to_string());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let annee = s[0..4].parse().map_err(|_| err())?;
        let mois = s[5..7].parse().map_err(|_| err())?;
        let jour = s[8..10].parse().map_err(|_| err())?;
        Date::new(annee, mois, jour).map_err(|_| err())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.annee, self.mois, self.jour)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
    }
}

/// An sRGB colour, written "#RRGGBB".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Couleur {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl FromStr for Couleur {
    type Err = String;
    fn from_str(s: &str) -> Result<Couleur, String> {
        let err = || format!("invalid colour \"{s}\": expected #RRGGBB");
        let h = s.strip_prefix('#').ok_or_else(err)?;
        if h.len() != 6 || !h.is_ascii() {
            return Err(err());
        }
        let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).map_err(|_| err());
        Ok(Couleur {
            r: c(0)?,
            g: c(2)?,
            b: c(4)?,
        })
    }
}

impl fmt::Display for Couleur {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

impl Serialize for Couleur {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Couleur {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Couleur {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Couleur".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^#[0-9A-Fa-f]{6}$" })
    }
}

impl From<&crate::registry::Departement> for Departement {
    /// The pact's form of a département of the registry (code, nom, de, le).
    fn from(d: &crate::registry::Departement) -> Self {
        Departement {
            code: d.code.clone(),
            nom: d.nom.clone(),
            de: d.de.clone(),
            le: d.le.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!("2020-12-31".parse::<Date>().is_ok());
        assert!("2021-02-29".parse::<Date>().is_err());
        assert!("2020-02-29".parse::<Date>().is_ok());
        assert!("31.12.2020".parse::<Date>().is_err());
        assert_eq!(Date::new(1970, 1, 1).unwrap().jours_depuis_1970(), 0);
        assert_eq!(Date::new(2020, 12, 31).unwrap().jours_depuis_1970(), 18627);
        assert_eq!(
            Date::new(2017, 1, 1).unwrap().en_toutes_lettres(),
            "1er janvier 2017"
        );
    }

    #[test]
    fn colours() {
        assert_eq!(
            "#1F3A93".parse::<Couleur>().unwrap(),
            Couleur {
                r: 0x1f,
                g: 0x3a,
                b: 0x93
            }
        );
        assert!("1F3A93".parse::<Couleur>().is_err());
        assert!("#1F3A9".parse::<Couleur>().is_err());
    }
}
