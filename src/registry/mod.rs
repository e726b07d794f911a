//! The registry of the 101 départements and 18 régions of France, with the French forms of
//! their names ("de l'Allier", "des Bouches-du-Rhône") and their special statuses.
//!
//! The data (`data/departements.json`, `data/regions.json`) is embedded in the library and
//! parsed once, at first use. Source: Insee, Code officiel géographique, via
//! @etalab/decoupage-administratif 6.0.0 (Licence Ouverte / Etalab 2.0); the data was modified
//! (see `data/README.md`).
//!
//! ```
//! use pacte::registry;
//! let allier = registry::departement("allier").ok_or("unknown")?;
//! assert_eq!(allier.code, "03");
//! assert_eq!(allier.de, "de l'Allier");
//! assert_eq!(allier.region().nom, "Auvergne-Rhône-Alpes");
//! assert_eq!(registry::departement("Côte-d'Or"), registry::departement("cote d'or"));
//! assert_eq!(registry::departement("2a").map(|d| d.nom.as_str()), Some("Corse-du-Sud"));
//! let paris = registry::departement("75").ok_or("unknown")?;
//! assert_eq!(paris.collectivite().le(), "la Ville de Paris");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod departement;
pub(crate) mod normalise;
mod region;
mod statut;

pub use departement::Departement;
pub use region::Region;
pub(crate) use statut::{GenreStatut, StatutParticulier};

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) use departement::majuscule;

/// Metropolitan France (Corsica included) or an overseas département and région, as the
/// registry's data writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Zone {
    /// Metropolitan France.
    Metro,
    /// Département et région d'outre-mer.
    Drom,
}

/// Every département, in INSEE code order (01…95 with 2A and 2B, then 971…976).
pub fn departements() -> &'static [Departement] {
    &donnees().departements
}

/// Every région, in INSEE code order.
#[cfg(test)]
fn regions() -> &'static [Region] {
    &donnees().regions
}

/// The département with this code or name, ignoring case, accents and punctuation.
///
/// Accepts the code ("03", "3", "2A", "2a", "974"), the name ("Côte-d'Or", "cote d'or",
/// "COTE-D'OR", "Reunion"), or the name with its article ("l'Allier", "la Somme").
pub fn departement(code_ou_nom: &str) -> Option<&'static Departement> {
    let d = donnees();
    chercher(&d.index_departements, code_ou_nom).map(|i| &d.departements[i])
}

/// The département whose code or name is nearest to `saisie`, when it is close enough to be
/// a typo ("alier" → Allier); for "did you mean" messages.
pub(crate) fn departement_proche(saisie: &str) -> Option<&'static Departement> {
    let d = donnees();
    let cle = normalise::cle(saisie);
    d.index_departements
        .iter()
        .map(|(k, &i)| (strsim::damerau_levenshtein(&cle, k), k, i))
        .filter(|(dist, k, _)| *dist <= 2.max(k.chars().count() / 4) && *dist < k.chars().count())
        .min_by_key(|(dist, k, _)| (*dist, (*k).clone()))
        .map(|(_, _, i)| &d.departements[i])
}

fn chercher(index: &HashMap<String, usize>, saisie: &str) -> Option<usize> {
    let cle = normalise::cle(saisie);
    if let Some(&i) = index.get(&cle) {
        return Some(i);
    }
    if cle.len() == 1 && cle.bytes().all(|b| b.is_ascii_digit()) {
        return index.get(&format!("0{cle}")).copied();
    }
    sans_article(&cle).and_then(|c| index.get(c).copied())
}

/// "la somme" → "somme", "l allier" → "allier".
fn sans_article(cle: &str) -> Option<&str> {
    ["le ", "la ", "les ", "l "]
        .iter()
        .find_map(|a| cle.strip_prefix(a))
}

#[derive(Debug)]
struct Donnees {
    departements: Vec<Departement>,
    regions: Vec<Region>,
    index_departements: HashMap<String, usize>,
}

const DEPARTEMENTS_JSON: &str = include_str!("../../data/departements.json");
const REGIONS_JSON: &str = include_str!("../../data/regions.json");

fn donnees() -> &'static Donnees {
    static DONNEES: OnceLock<Donnees> = OnceLock::new();
    DONNEES.get_or_init(|| {
        // The data is embedded at build time and checked by the tests: failing here is a
        // build defect, never a consequence of user input.
        charger(DEPARTEMENTS_JSON, REGIONS_JSON)
            .unwrap_or_else(|e| panic!("embedded registry data: {e}"))
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatutBrut {
    collectivites: Vec<String>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DepartementBrut {
    code: String,
    nom: String,
    type_liaison: u8,
    de: String,
    le: String,
    region_code: String,
    region_nom: String,
    region_de: String,
    chef_lieu_code: String,
    chef_lieu_nom: String,
    zone: Zone,
    statut_particulier: Option<StatutBrut>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionBrut {
    code: String,
    nom: String,
    type_liaison: u8,
    de: String,
    chef_lieu_code: String,
    chef_lieu_nom: String,
    zone: Zone,
    statut_particulier: Option<StatutBrut>,
}

fn statut(brut: Option<StatutBrut>, qui: &str) -> Result<Option<StatutParticulier>, String> {
    brut.map(|s| {
        let genre = GenreStatut::depuis_collectivites(&s.collectivites)
            .ok_or_else(|| format!("{qui}: unknown special status {:?}", s.collectivites))?;
        Ok(StatutParticulier {
            genre,
            collectivites: s.collectivites,
            note: s.note,
        })
    })
    .transpose()
}

fn charger(departements: &str, regions: &str) -> Result<Donnees, String> {
    let regions: Vec<RegionBrut> =
        serde_json::from_str(regions).map_err(|e| format!("regions.json: {e}"))?;
    let regions = regions
        .into_iter()
        .map(|r| {
            Ok(Region {
                statut_particulier: statut(r.statut_particulier, &format!("région {}", r.code))?,
                code: r.code,
                nom: r.nom,
                type_liaison: r.type_liaison,
                de: r.de,
                chef_lieu: r.chef_lieu_nom,
                chef_lieu_code: r.chef_lieu_code,
                outre_mer: r.zone == Zone::Drom,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let deps: Vec<DepartementBrut> =
        serde_json::from_str(departements).map_err(|e| format!("departements.json: {e}"))?;
    let mut departements = Vec::with_capacity(deps.len());
    for d in deps {
        let region_index = regions
            .iter()
            .position(|r| r.code == d.region_code)
            .ok_or_else(|| format!("département {}: unknown région {}", d.code, d.region_code))?;
        let r = &regions[region_index];
        if r.nom != d.region_nom || r.de != d.region_de {
            return Err(format!(
                "département {}: région {} does not match regions.json",
                d.code, d.region_code
            ));
        }
        departements.push(Departement {
            statut_particulier: statut(d.statut_particulier, &format!("département {}", d.code))?,
            code: d.code,
            nom: d.nom,
            type_liaison: d.type_liaison,
            de: d.de,
            le: d.le,
            region_code: d.region_code,
            chef_lieu: d.chef_lieu_nom,
            chef_lieu_code: d.chef_lieu_code,
            outre_mer: d.zone == Zone::Drom,
            region_index,
        });
    }
    let index_departements = indexer(departements.iter().map(|d| vec![&d.code, &d.nom, &d.le]))?;
    Ok(Donnees {
        departements,
        regions,
        index_departements,
    })
}

/// Maps every look-up key (code, names, names without their article) to its entry; two
/// entries may not share a key.
fn indexer<'a>(
    entrees: impl Iterator<Item = Vec<&'a String>>,
) -> Result<HashMap<String, usize>, String> {
    let mut index = HashMap::new();
    for (i, formes) in entrees.enumerate() {
        for forme in formes {
            let cle = normalise::cle(forme);
            let nue = sans_article(&cle).map(str::to_string);
            for k in std::iter::once(cle).chain(nue) {
                if let Some(j) = index.insert(k.clone(), i) {
                    if j != i {
                        return Err(format!(
                            "look-up key \"{k}\" is ambiguous (entries {j} and {i})"
                        ));
                    }
                }
            }
        }
    }
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(departements().len(), 101);
        assert_eq!(regions().len(), 18);
        assert_eq!(departements().iter().filter(|d| !d.outre_mer).count(), 96);
        let drom: Vec<&str> = departements()
            .iter()
            .filter(|d| d.outre_mer)
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(drom, ["971", "972", "973", "974", "976"]);
        assert_eq!(regions().iter().filter(|r| !r.outre_mer).count(), 13);
        assert_eq!(regions().iter().filter(|r| r.outre_mer).count(), 5);
        // Every département's région is found, and every région has a département.
        for r in regions() {
            assert!(
                r.departements().count() >= 1,
                "région {} has no département",
                r.code
            );
        }
        assert_eq!(
            regions()
                .iter()
                .map(|r| r.departements().count())
                .sum::<usize>(),
            101
        );
        assert!(departement("20").is_none());
    }

    #[test]
    fn lookup_ignores_case_accents_and_punctuation() {
        let cote_d_or = departement("21").unwrap();
        for s in [
            "cote d'or",
            "Côte-d'Or",
            "COTE-D'OR",
            "côte d’or",
            "la Côte-d'Or",
        ] {
            assert_eq!(departement(s), Some(cote_d_or), "{s:?}");
        }
        for s in ["2a", "2A", "corse du sud", "Corse-du-Sud"] {
            assert_eq!(departement(s).map(|d| d.code.as_str()), Some("2A"), "{s:?}");
        }
        assert_eq!(departement("3").map(|d| d.nom.as_str()), Some("Allier"));
        assert_eq!(departement("l'Allier").map(|d| d.code.as_str()), Some("03"));
        assert_eq!(departement("reunion").map(|d| d.code.as_str()), Some("974"));
        assert_eq!(
            departement("LA RÉUNION").map(|d| d.code.as_str()),
            Some("974")
        );
        assert_eq!(
            departement("bouches du rhone").map(|d| d.code.as_str()),
            Some("13")
        );
        assert_eq!(departement("Hérault").map(|d| d.code.as_str()), Some("34"));
        assert!(departement("Atlantide").is_none());
        assert!(departement("").is_none());
        assert_eq!(
            departement_proche("alier").map(|d| d.code.as_str()),
            Some("03")
        );
        assert_eq!(
            departement_proche("vaucluze").map(|d| d.code.as_str()),
            Some("84")
        );
        assert!(departement_proche("zzzzzzzzzz").is_none());
    }

    #[test]
    fn article_forms_and_regions() {
        let cas = [
            ("03", "de l'Allier", "l'Allier", "Auvergne-Rhône-Alpes"),
            (
                "13",
                "des Bouches-du-Rhône",
                "les Bouches-du-Rhône",
                "Provence-Alpes-Côte d'Azur",
            ),
            ("69", "du Rhône", "le Rhône", "Auvergne-Rhône-Alpes"),
            ("75", "de Paris", "Paris", "Île-de-France"),
            ("80", "de la Somme", "la Somme", "Hauts-de-France"),
            ("2A", "de la Corse-du-Sud", "la Corse-du-Sud", "Corse"),
            ("974", "de La Réunion", "La Réunion", "La Réunion"),
            (
                "84",
                "du Vaucluse",
                "le Vaucluse",
                "Provence-Alpes-Côte d'Azur",
            ),
            (
                "28",
                "d'Eure-et-Loir",
                "Eure-et-Loir",
                "Centre-Val de Loire",
            ),
        ];
        for (code, de, le, region) in cas {
            let d = departement(code).unwrap();
            assert_eq!(
                (d.de.as_str(), d.le.as_str(), d.region().nom.as_str()),
                (de, le, region),
                "{code}"
            );
        }
        assert_eq!(departement("03").unwrap().le_majuscule(), "L'Allier");
        assert_eq!(departement("03").unwrap().chef_lieu, "Moulins");
    }

    #[test]
    fn special_statuses() {
        let genres: Vec<(&str, GenreStatut)> = departements()
            .iter()
            .filter_map(|d| d.genre_statut().map(|g| (d.code.as_str(), g)))
            .collect();
        use GenreStatut::*;
        assert_eq!(
            genres,
            [
                ("2A", Corse),
                ("2B", Corse),
                ("67", Alsace),
                ("68", Alsace),
                ("69", MetropoleDeLyon),
                ("75", Paris),
                ("972", Martinique),
                ("973", Guyane),
                ("976", Mayotte)
            ]
        );
        let coll = |c: &str| departement(c).unwrap().collectivite().le();
        assert_eq!(coll("03"), "le Département de l'Allier");
        assert_eq!(coll("75"), "la Ville de Paris");
        assert_eq!(coll("2B"), "la Collectivité de Corse");
        assert_eq!(coll("972"), "la Collectivité territoriale de Martinique");
        assert_eq!(coll("973"), "la Collectivité territoriale de Guyane");
        assert_eq!(coll("67"), "la Collectivité européenne d'Alsace");
        assert_eq!(coll("976"), "le Département de Mayotte");
        assert_eq!(coll("69"), "le Département du Rhône");
        assert_eq!(
            departement("75").unwrap().collectivite().de(),
            "de la Ville de Paris"
        );
        assert_eq!(
            departement("13").unwrap().collectivite().de(),
            "du Département des Bouches-du-Rhône"
        );
        // The body names written by hand agree with the data.
        for d in departements() {
            if let Some(s) = &d.statut_particulier {
                assert!(
                    s.collectivites.contains(&d.collectivite().nom),
                    "{}: {:?}",
                    d.code,
                    s.collectivites
                );
                assert!(!s.note.is_empty());
            }
        }
        let reg = |c: &str| departement(c).unwrap().region().collectivite().le();
        assert_eq!(reg("03"), "la Région Auvergne-Rhône-Alpes");
        assert_eq!(reg("2A"), "la Collectivité de Corse");
        assert_eq!(reg("976"), "le Département de Mayotte");
        assert_eq!(reg("974"), "la Région Réunion");
        assert_eq!(reg("971"), "la Région Guadeloupe");
        assert_eq!(
            departement("03").unwrap().collectivite().a(),
            "au Département de l'Allier"
        );
        assert_eq!(
            departement("75").unwrap().collectivite().a(),
            "à la Ville de Paris"
        );
        let uniques: Vec<&str> = departements()
            .iter()
            .filter(|d| !d.region_distincte())
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(uniques, ["2A", "2B", "972", "973", "976"]);
        assert_eq!(departement("75").unwrap().executif(), "Le Maire de Paris");
        assert_eq!(
            departement("01").unwrap().region().executif(),
            "Le Président du Conseil régional"
        );
    }

    #[test]
    fn conversion_to_the_model() {
        let m: crate::model::Departement = departement("13").unwrap().into();
        assert_eq!(
            m,
            crate::model::Departement {
                code: "13".into(),
                nom: "Bouches-du-Rhône".into(),
                de: "des Bouches-du-Rhône".into(),
                le: "les Bouches-du-Rhône".into()
            }
        );
    }

    #[test]
    fn bad_data_is_refused() {
        assert!(charger("[]", "not json").is_err());
        let r = r#"[{"code":"84","nom":"X","type_liaison":0,"de":"de X","chef_lieu_code":"1","chef_lieu_nom":"Y","zone":"metro","statut_particulier":null}]"#;
        let d = |region: &str, statut: &str| {
            format!(
                r#"[{{"code":"01","nom":"Ain","type_liaison":5,"de":"de l'Ain","le":"l'Ain","region_code":"{region}","region_nom":"X","region_de":"de X","chef_lieu_code":"1","chef_lieu_nom":"B","zone":"metro","statut_particulier":{statut}}}]"#
            )
        };
        assert!(charger(&d("84", "null"), r).is_ok());
        assert!(charger(&d("99", "null"), r)
            .unwrap_err()
            .contains("unknown région"));
        let inconnu = r#"{"collectivites":["Principauté"],"note":"n"}"#;
        assert!(charger(&d("84", inconnu), r)
            .unwrap_err()
            .contains("special status"));
    }
}
