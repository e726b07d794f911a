//! The values of the placeholders and the truth of the conditions, for one département.

use crate::registry::{majuscule, Departement};
use std::borrow::Cow;
use std::collections::BTreeMap;

pub(crate) use crate::model::placeholder::PLACEHOLDERS;

/// The named conditions of `$si`; a département code (`"976"`, `"2A"`) is also a condition.
pub(crate) const CONDITIONS: &[&str] = &["region_distincte", "statut_particulier", "drom", "metro"];

/// The département's name forms as the pact uses them: the registry's, or the template's
/// own (a local usage such as "de Vaucluse").
#[derive(Debug, Clone)]
pub(crate) struct Identite {
    pub nom: String,
    pub de: String,
    pub le: String,
}

impl Identite {
    pub fn du_registre(d: &Departement) -> Identite {
        Identite {
            nom: d.nom.clone(),
            de: d.de.clone(),
            le: d.le.clone(),
        }
    }
}

/// Placeholder values and conditions for one département.
pub(crate) struct Contexte {
    departement: &'static Departement,
    valeurs: BTreeMap<String, String>,
    periode_connue: bool,
}

impl Contexte {
    /// The built-in values; `periode` is the template's (first year, last year), if it has one.
    pub fn new(d: &'static Departement, id: &Identite, periode: Option<(u64, u64)>) -> Contexte {
        let r = d.region();
        let coll = d.collectivite_pour(&id.de);
        let coll_r = r.collectivite();
        let mut v: BTreeMap<String, String> = BTreeMap::new();
        let mut mettre = |k: &str, x: String| {
            v.insert(k.to_string(), x);
        };
        mettre("departement.code", d.code.clone());
        mettre("departement.nom", id.nom.clone());
        mettre("departement.de", id.de.clone());
        mettre("departement.le", id.le.clone());
        mettre("departement.chef_lieu", d.chef_lieu.clone());
        mettre(
            "departement.statut",
            d.genre_statut()
                .map(|g| g.mention())
                .unwrap_or_default()
                .to_string(),
        );
        mettre("region.code", r.code.clone());
        mettre("region.nom", r.nom.clone());
        mettre("region.de", r.de.clone());
        mettre("region.chef_lieu", r.chef_lieu.clone());
        mettre("chef_lieu", d.chef_lieu.clone());
        if let Some((debut, fin)) = periode {
            mettre("periode", format!("{debut}-{fin}"));
            mettre("periode.debut", debut.to_string());
            mettre("periode.fin", fin.to_string());
        }
        mettre("collectivite", coll.le());
        mettre("collectivite.nom", coll.nom.clone());
        mettre("collectivite.de", coll.de());
        mettre("collectivite.a", coll.a());
        mettre("executif", d.executif().to_string());
        mettre("collectivite_region", coll_r.le());
        mettre("collectivite_region.nom", coll_r.nom.clone());
        mettre("collectivite_region.de", coll_r.de());
        mettre("collectivite_region.a", coll_r.a());
        mettre("executif_region", r.executif().to_string());
        Contexte {
            departement: d,
            valeurs: v,
            periode_connue: periode.is_some(),
        }
    }

    /// Whether the template gave a period (for a clearer message on `{periode}`).
    pub fn periode_connue(&self) -> bool {
        self.periode_connue
    }

    /// Adds a template-defined value; refuses a built-in name.
    pub fn ajouter(&mut self, nom: &str, valeur: String) -> Result<(), String> {
        if PLACEHOLDERS.contains(&nom) || nom.starts_with("periode") {
            return Err(format!(
                "\"{nom}\" is a built-in placeholder and cannot be redefined"
            ));
        }
        if nom
            .split('.')
            .any(|p| p.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            return Err(format!(
                "\"{nom}\": a template value's name starts each part with a lower-case letter"
            ));
        }
        self.valeurs.insert(nom.to_string(), valeur);
        Ok(())
    }

    /// The value of a placeholder, if it has one.
    pub fn valeur(&self, nom: &str) -> Option<Cow<'_, str>> {
        if let Some(v) = self.valeurs.get(nom) {
            return Some(Cow::Borrowed(v));
        }
        let (tete, dernier) = match nom.rfind('.') {
            Some(i) => (&nom[..=i], &nom[i + 1..]),
            None => ("", nom),
        };
        let mut c = dernier.chars();
        match c.next() {
            Some(p) if p.is_ascii_uppercase() => {
                let bas = format!("{tete}{}{}", p.to_ascii_lowercase(), c.as_str());
                self.valeurs.get(&bas).map(|v| Cow::Owned(majuscule(v)))
            }
            _ => None,
        }
    }

    /// The known name nearest to `nom`, when close enough to be a typo.
    pub fn suggestion(&self, nom: &str) -> Option<String> {
        plus_proche(nom, self.valeurs.keys().map(String::as_str))
    }

    /// Evaluates a `$si` condition: `[!]atom[,atom…]`, true when any atom holds (then negated
    /// by `!`). An atom is a name of [`CONDITIONS`] or a département code.
    pub fn condition(&self, expr: &str) -> Result<bool, String> {
        let (non, liste) = match expr.trim().strip_prefix('!') {
            Some(r) => (true, r),
            None => (false, expr.trim()),
        };
        let mut vrai = false;
        for atome in liste.split(',').map(str::trim) {
            vrai |= self.atome(atome)?;
        }
        Ok(vrai != non)
    }

    fn atome(&self, atome: &str) -> Result<bool, String> {
        let d = self.departement;
        Ok(match atome {
            "region_distincte" => d.region_distincte(),
            "statut_particulier" => d.statut_particulier.is_some(),
            "drom" => d.outre_mer,
            "metro" => !d.outre_mer,
            "" => return Err("empty condition".into()),
            code => match crate::registry::departements()
                .iter()
                .find(|x| x.code.eq_ignore_ascii_case(code))
            {
                Some(x) => x.code == d.code,
                None => {
                    let proche = plus_proche(code, CONDITIONS.iter().copied())
                        .map(|s| format!(" (did you mean \"{s}\"?)"))
                        .unwrap_or_default();
                    return Err(format!(
                        "unknown condition \"{code}\"{proche}: use {} or a département code, \
                         separated by ',', with a leading '!' to negate",
                        CONDITIONS.join(", ")
                    ));
                }
            },
        })
    }
}

fn plus_proche<'a>(nom: &str, connus: impl Iterator<Item = &'a str>) -> Option<String> {
    let bas = nom.to_lowercase();
    connus
        .map(|k| (strsim::damerau_levenshtein(&bas, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 4))
        .min_by_key(|(d, k)| (*d, k.len()))
        .map(|(_, k)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::departement;

    fn ctx(code: &str) -> Contexte {
        let d = departement(code).unwrap();
        Contexte::new(d, &Identite::du_registre(d), Some((2024, 2027)))
    }

    #[test]
    fn every_built_in_has_a_value() {
        for code in ["03", "75", "2A", "976"] {
            let c = ctx(code);
            for nom in PLACEHOLDERS {
                assert!(c.valeur(nom).is_some(), "{code}: {nom}");
            }
        }
        let d = departement("03").unwrap();
        let sans_periode = Contexte::new(d, &Identite::du_registre(d), None);
        assert!(sans_periode.valeur("periode").is_none());
        assert!(!sans_periode.periode_connue());
    }

    #[test]
    fn values() {
        let c = ctx("03");
        let v = |n: &str| c.valeur(n).map(|x| x.into_owned());
        assert_eq!(v("departement.Le").as_deref(), Some("L'Allier"));
        assert_eq!(
            v("Collectivite").as_deref(),
            Some("Le Département de l'Allier")
        );
        assert_eq!(
            v("collectivite.de").as_deref(),
            Some("du Département de l'Allier")
        );
        assert_eq!(
            v("collectivite_region").as_deref(),
            Some("la Région Auvergne-Rhône-Alpes")
        );
        assert_eq!(v("periode").as_deref(), Some("2024-2027"));
        assert_eq!(v("departement.statut").as_deref(), Some(""));
        assert_eq!(v("Departement.le"), None);
        assert!(ctx("69")
            .valeur("departement.statut")
            .unwrap()
            .contains("Métropole de Lyon"));
        assert_eq!(ctx("75").valeur("executif").unwrap(), "Le Maire de Paris");
    }

    #[test]
    fn suggestions() {
        let c = ctx("03");
        assert_eq!(
            c.suggestion("departement.du").as_deref(),
            Some("departement.de")
        );
        assert_eq!(
            c.suggestion("collectivité").as_deref(),
            Some("collectivite")
        );
        assert_eq!(
            c.suggestion("Departement.le").as_deref(),
            Some("departement.le")
        );
        assert_eq!(c.suggestion("xyz"), None);
    }

    #[test]
    fn conditions() {
        let corse = ctx("2A");
        let allier = ctx("03");
        let mayotte = ctx("976");
        assert!(!corse.condition("region_distincte").unwrap());
        assert!(allier.condition("region_distincte").unwrap());
        assert!(corse.condition("!region_distincte").unwrap());
        assert!(mayotte.condition("drom").unwrap() && !mayotte.condition("metro").unwrap());
        assert!(mayotte.condition("976").unwrap());
        assert!(
            mayotte.condition("!975,976").is_err(),
            "975 is not a département code"
        );
        assert!(mayotte.condition("974, 976").unwrap());
        assert!(!allier.condition("!01, 03").unwrap());
        assert!(corse.condition("2a").unwrap());
        assert!(allier.condition(" !statut_particulier ").unwrap());
        let e = allier.condition("region_distinct").unwrap_err();
        assert!(e.contains("did you mean \"region_distincte\""), "{e}");
        assert!(allier.condition("03,").is_err());
    }

    #[test]
    fn template_values_cannot_shadow_built_ins() {
        let mut c = ctx("03");
        assert!(c.ajouter("departement.de", "x".into()).is_err());
        assert!(c.ajouter("periode.annee", "x".into()).is_err());
        assert!(c.ajouter("Caf", "x".into()).is_err());
        c.ajouter("caf", "la Caf de l'Allier".into()).unwrap();
        assert_eq!(c.valeur("Caf").unwrap(), "La Caf de l'Allier");
    }
}
