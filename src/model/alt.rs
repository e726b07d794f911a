//! The alternative texts of the logos: what a reader who cannot see them is told, the same
//! in the tagged PDF and in the HTML edition.

use super::{Pacte, Signataire};

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
