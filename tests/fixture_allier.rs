//! The Allier PTI 2018-2021 fixture: it parses, validates, round-trips through the model,
//! holds the seed's structure, and carries (nearly) every word of the seed.

use pacte::model::{Bloc, NaturePartenaire, Position};
use pacte::Pacte;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const FIXTURE: &str = "fixtures/allier-2018-2021.json";
const SEED: &str = "../shared/seeds/000_1f13a59804524787.txt";

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn charger() -> Pacte {
    let json = std::fs::read_to_string(racine().join(FIXTURE)).unwrap();
    Pacte::from_json(&json).unwrap()
}

#[test]
fn parses_and_validates() {
    let pacte = charger();
    // Integration tests run from the crate root.
    pacte.validate(Some(Path::new("fixtures"))).unwrap();
    assert_eq!(pacte.departement.code, "03");
    assert_eq!(pacte.departement.de, "de l'Allier");
    assert_eq!(pacte.periode.libelle(), "2018-2021");
    assert!(pacte.duree.is_empty(), "the seed has no duration clause");
    assert!(pacte.contact.is_none(), "the seed has no contact block");
}

#[test]
fn round_trip_through_json_is_lossless() {
    let pacte = charger();
    let json = pacte.to_json();
    let relu = Pacte::from_json(&json).unwrap();
    assert_eq!(pacte, relu);
    assert_eq!(json, relu.to_json());
}

#[test]
fn partners_in_seed_order_each_with_engagements() {
    let pacte = charger();
    let vus: Vec<(&str, NaturePartenaire, usize)> = pacte
        .partenaires
        .iter()
        .map(|p| (p.id.as_str(), p.nature, p.engagements.len()))
        .collect();
    assert_eq!(
        vus,
        vec![
            ("departement", NaturePartenaire::Departement, 10),
            ("region", NaturePartenaire::Region, 5),
            ("etat", NaturePartenaire::Etat, 7),
            ("pole-emploi", NaturePartenaire::ServicePublicEmploi, 5),
        ]
    );
    for p in &pacte.partenaires {
        assert!(!p.presentation.is_empty(), "{} has a presentation", p.id);
        let contexte = p.contexte_legislatif.as_ref().unwrap();
        assert_eq!(contexte.titre.as_deref(), Some("Le contexte législatif"));
        assert!(!contexte.texte.is_empty());
        assert!(p
            .engagements_titre
            .as_deref()
            .unwrap()
            .starts_with("Les engagements "));
        assert!(!p.engagements_introduction.is_empty());
    }
    assert_eq!(
        pacte.partenaires[2].titre_section(),
        "Les services de l'Etat"
    );
    // Pôle emploi's first engagement nests the eight parts of its offer of service.
    let premier = &pacte.partenaires[3].engagements[0];
    assert_eq!(premier.sous_engagements.len(), 8);
    assert!(premier
        .texte
        .texte_brut()
        .starts_with("Assurer, en tant que référent unique"));
    // The Région's list is followed by its closing paragraphs.
    assert!(pacte.partenaires[1]
        .engagements_conclusion
        .texte_brut()
        .contains("statut de stagiaire de la formation professionnelle"));
}

#[test]
fn sections_before_and_after_the_partners() {
    let pacte = charger();
    let places: Vec<(&str, Position)> = pacte
        .sections
        .iter()
        .map(|s| (s.titre.as_str(), s.position))
        .collect();
    assert_eq!(
        places,
        vec![
            (
                "Le PTI, un outil inscrit dans un contexte législatif et programmatique précis",
                Position::AvantPartenaires
            ),
            (
                "Les axes majeurs d'une stratégie partagée en matière d'insertion socioprofessionnelle et d'inclusion",
                Position::AvantPartenaires
            ),
            ("Les entreprises du territoire", Position::ApresPartenaires),
            ("En transversal", Position::ApresPartenaires),
        ]
    );
    // The five axes are a numbered list, the three FSE objectives a bulleted one.
    let listes: Vec<(bool, usize)> = pacte.sections[1]
        .texte
        .blocs()
        .iter()
        .filter_map(|b| match b {
            Bloc::Liste {
                ordonnee, items, ..
            } => Some((*ordonnee, items.len())),
            _ => None,
        })
        .collect();
    assert_eq!(listes, vec![(true, 5), (false, 3)]);
    let preambule = pacte.preambule.as_ref().unwrap();
    assert_eq!(preambule.titre, "Préambule");
    assert!(!preambule.numerotee);
    let transversal = pacte.sections[3].texte.texte_brut();
    assert!(transversal.starts_with("Sur impulsion du Département, en tant que chef de file"));
    assert!(transversal.contains("contribuent mutuellement à la connaissance des publics"));
}

#[test]
fn governance_ends_at_the_last_complete_sentence() {
    let pacte = charger();
    let g = &pacte.gouvernance;
    assert_eq!(g.titre.as_deref(), Some("La gouvernance du Pacte"));
    assert!(g
        .introduction
        .texte_brut()
        .contains("partenariat resserré et actif"));
    let instances: Vec<_> = pacte.instances().collect();
    assert_eq!(instances.len(), 1);
    let comite = instances[0];
    assert_eq!(comite.id.as_str(), "comite-pilotage");
    assert_eq!(
        comite.frequence.as_deref(),
        Some("à minima une fois par an")
    );
    assert_eq!(
        comite
            .pilote
            .as_ref()
            .and_then(|p| p.partenaire.as_ref())
            .map(|id| id.as_str()),
        Some("departement")
    );
    assert!(comite
        .description
        .texte_brut()
        .contains("veillera à la bonne exécution du Pacte"));
    let fin = g.conclusion.texte_brut();
    assert!(fin
        .trim_end()
        .ends_with("de la disponibilité de l'ensemble des acteurs concernés."));
    assert!(
        !fin.contains("incontournables"),
        "the seed's dangling fragment is left out"
    );
}

#[test]
fn four_signatories_for_the_four_partners() {
    let pacte = charger();
    let signataires: Vec<(Option<&str>, &str)> = pacte
        .signataires
        .iter()
        .map(|s| {
            (
                s.partenaire.as_ref().map(|id| id.as_str()),
                s.qualite.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        signataires,
        vec![
            (Some("departement"), "Le Président du Conseil départemental"),
            (Some("region"), "Le Président du Conseil régional"),
            (Some("etat"), "Le Préfet de l'Allier"),
            (Some("pole-emploi"), "Le Directeur territorial"),
        ]
    );
    for s in &pacte.signataires {
        assert!(pacte
            .partenaire(s.partenaire.as_ref().unwrap().as_str())
            .is_some());
    }
}

/// Lower-cased words: maximal runs of letters.
fn mots(texte: &str) -> Vec<String> {
    texte
        .split(|c: char| !c.is_alphabetic())
        .filter(|m| !m.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The seed's text without its list bullets (`∑`, `ÿ`, and `o` for nested items).
fn seed_sans_puces(seed: &str) -> String {
    seed.lines()
        .map(|ligne| {
            let l = ligne.trim_start();
            l.strip_prefix('∑')
                .or_else(|| l.strip_prefix('ÿ'))
                .or_else(|| l.strip_prefix("o "))
                .unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every string that the model holds as text (tags, ids and enum values left out).
fn textes(v: &Value, cle: &str, out: &mut String) {
    match v {
        Value::String(s)
            if !matches!(
                cle,
                "type" | "id" | "partenaire" | "nature" | "position" | "statut"
            ) =>
        {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| textes(x, cle, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| textes(x, k, out)),
        _ => {}
    }
}

#[test]
fn fixture_carries_the_seeds_words() {
    let seed = std::fs::read_to_string(racine().join(SEED)).unwrap();
    let seed = seed_sans_puces(&seed);
    // Words as the model holds them, after its Markdown parsing.
    let modele: Value = serde_json::from_str(&charger().to_json()).unwrap();
    let mut texte = String::new();
    textes(&modele, "", &mut texte);
    let mut dispo: HashMap<String, usize> = HashMap::new();
    for m in mots(&texte) {
        *dispo.entry(m).or_default() += 1;
    }
    let attendus = mots(&seed);
    assert!(
        attendus.len() > 4500,
        "the seed has {} words",
        attendus.len()
    );
    let mut manquants = Vec::new();
    for m in &attendus {
        match dispo.get_mut(m) {
            Some(n) if *n > 0 => *n -= 1,
            _ => manquants.push(m.as_str()),
        }
    }
    let couverture = 1.0 - manquants.len() as f64 / attendus.len() as f64;
    assert!(
        couverture >= 0.97,
        "coverage {:.2} %, missing: {:?}",
        couverture * 100.0,
        manquants
    );
}
