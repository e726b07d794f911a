//! The alternative texts of the logos: what a reader who cannot see them is told, the same
//! in the tagged PDF and in the HTML edition.

use super::{Pacte, Signataire};
use std::path::Path;

impl Pacte {
    /// The cover logo's alternative text: `logo_alt`, or "Logo du Département de …".
    pub fn logo_alt(&self) -> String {
        self.logo_alt
            .clone()
            .unwrap_or_else(|| format!("Logo du Département {}", self.departement.de))
    }

    /// A signatory's logo's alternative text: its `logo_alt`, or "Logo de …" with the name
    /// of the partner it signs for (or whom it signs for).
    pub fn signataire_logo_alt(&self, s: &Signataire) -> String {
        if let Some(alt) = &s.logo_alt {
            return alt.clone();
        }
        let nom = s
            .partenaire
            .as_ref()
            .and_then(|id| self.partenaire(id.as_str()))
            .map(|x| x.nom.as_str())
            .unwrap_or(&s.pour);
        format!("Logo {}", de(nom))
    }
}

impl Pacte {
    /// The strip of logos on the cover: each signatory's logo file once, in signing order,
    /// with the alternative text of the first signatory showing it; the pact's own logo
    /// (already on the cover's band) is left out. Empty when `apparence.bandeau_logos` is
    /// `false`.
    pub(crate) fn bandeau_logos(&self) -> Vec<(&Path, String)> {
        if self.apparence.as_ref().and_then(|a| a.bandeau_logos) == Some(false) {
            return Vec::new();
        }
        let mut strip: Vec<(&Path, String)> = Vec::new();
        for s in &self.signataires {
            let Some(logo) = s.logo.as_deref() else {
                continue;
            };
            if self.logo.as_deref() == Some(logo) || strip.iter().any(|(p, _)| *p == logo) {
                continue;
            }
            strip.push((logo, self.signataire_logo_alt(s)));
        }
        strip
    }
}

/// "de la Caisse…", "du Conseil…", "des Chambres…", "de l'État", "de Pôle emploi".
pub(crate) fn de(nom: &str) -> String {
    let nom = nom.trim();
    for (article, forme) in [
        ("La ", "de la "),
        ("la ", "de la "),
        ("Le ", "du "),
        ("le ", "du "),
        ("Les ", "des "),
        ("les ", "des "),
        ("L'", "de l'"),
        ("l'", "de l'"),
        ("L’", "de l’"),
        ("l’", "de l’"),
    ] {
        if let Some(reste) = nom.strip_prefix(article) {
            return format!("{forme}{reste}");
        }
    }
    format!("de {nom}")
}
