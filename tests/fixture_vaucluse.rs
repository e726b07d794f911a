//! The Vaucluse PTI 2017-2020 fixture: it parses, validates, round-trips, and holds the
//! seed's content (partners, instances, signatories, and at least 97 % of its words).

use pacte::model::{Engagement, Partenaire};
use pacte::Pacte;
use std::collections::HashMap;
use std::path::Path;

const FIXTURE: &str = "fixtures/vaucluse-2017-2020.json";
const SEED: &str = "../shared/seeds/003_6405f465cc65feb5.txt";

fn charger() -> Pacte {
    let json = std::fs::read_to_string(FIXTURE).expect("read the fixture");
    Pacte::from_json(&json).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"))
}

#[test]
fn parses_and_validates() {
    let pacte = charger();
    if let Err(p) = pacte.validate(Some(Path::new("fixtures"))) {
        panic!("{FIXTURE} does not validate:\n{p}");
    }
    assert_eq!(pacte.departement.code, "84");
    assert_eq!(pacte.periode.libelle(), "2017-2020");
    assert_eq!(
        pacte.periode.date_fin.map(|d| d.to_string()).as_deref(),
        Some("2020-12-31")
    );
    assert!(
        pacte.periode.date_effet.is_none(),
        "the pact takes effect on signature"
    );
}

#[test]
fn round_trip_is_lossless() {
    let pacte = charger();
    let json = pacte.to_json();
    let relu = Pacte::from_json(&json).unwrap_or_else(|e| panic!("re-reading to_json output: {e}"));
    assert_eq!(pacte, relu);
}

#[test]
fn signatories_in_the_seed_order() {
    let pacte = charger();
    let pour: Vec<&str> = pacte.signataires.iter().map(|s| s.pour.as_str()).collect();
    assert_eq!(
        pour,
        [
            "l'Etat",
            "la Région PACA",
            "le Département du Vaucluse",
            "Pôle emploi",
            "la CAF du Vaucluse",
            "la MSA du Vaucluse",
            "la CMAR PACA",
            "la CCI du Vaucluse",
            "l'UP MEDEF 84",
            "la CPME du Vaucluse",
        ]
    );
    assert_eq!(
        pacte.signataires[0].qualite.as_deref(),
        Some("Le Préfet du Vaucluse")
    );
    assert_eq!(
        pacte.signataires[1].mention.as_deref(),
        Some("Provence-Alpes-Côte d'Azur")
    );
    assert!(
        pacte.signataires[2].partenaire.is_none(),
        "the Département has no partner section"
    );
    let directeurs = pacte
        .signataires
        .iter()
        .filter(|s| s.qualite.as_deref() == Some("Le Directeur"))
        .count();
    assert_eq!(
        directeurs, 3,
        "Pôle emploi, CAF and MSA sign through their Directeur"
    );
}

#[test]
fn instances_of_the_governance() {
    let pacte = charger();
    let sigles: Vec<&str> = pacte
        .instances()
        .filter_map(|i| i.sigle.as_deref())
        .collect();
    assert_eq!(
        sigles,
        ["SPED", "SPEP", "CDIAE", "CAOM", "CREFOP", "CP", "CF", "CPI"]
    );
    assert_eq!(pacte.gouvernance.groupes.len(), 2);
    for i in pacte.instances() {
        assert!(
            !i.membres.is_empty(),
            "instance {} has no members for the synthesis table",
            i.id
        );
        let decrite =
            !i.description.is_empty() || (!i.composition.is_empty() && !i.perimetre.is_empty());
        assert!(decrite, "instance {} has no text", i.id);
    }
    let cp = pacte
        .instances()
        .find(|i| i.sigle.as_deref() == Some("CP"))
        .expect("CP");
    assert_eq!(
        cp.frequence.as_deref(),
        Some("une fois par an (au minimum)")
    );
    assert_eq!(
        cp.membres.len(),
        10,
        "the comité de pilotage gathers the ten signatories"
    );
}

#[test]
fn partners_and_sub_partners() {
    let pacte = charger();
    let ids: Vec<&str> = pacte.partenaires.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "etat",
            "caf",
            "msa",
            "region",
            "pole-emploi",
            "up-medef",
            "cpme",
            "chambres"
        ]
    );
    let sigles = |p: &Partenaire| -> Vec<String> {
        p.sous_partenaires
            .iter()
            .filter_map(|s| s.sigle.clone())
            .collect()
    };
    let etat = pacte.partenaire("etat").expect("etat");
    assert_eq!(etat.titre_section(), "Les services de l'Etat");
    assert_eq!(sigles(etat), ["DDCS", "DIRECCTE"]);
    let chambres = pacte.partenaire("chambres").expect("chambres");
    assert_eq!(chambres.titre_section(), "Les Chambres Consulaires");
    assert_eq!(sigles(chambres), ["CCI", "CMAR"]);
    assert_eq!(
        pacte.partenaire("caf").and_then(|p| p.sigle.as_deref()),
        Some("CAF")
    );
    assert_eq!(
        pacte.partenaire("msa").and_then(|p| p.sigle.as_deref()),
        Some("MSA")
    );
    assert_eq!(
        pacte.partenaire("region").and_then(|p| p.sigle.as_deref()),
        Some("CR PACA")
    );
    assert_eq!(
        pacte.partenaire("pole-emploi").map(|p| p.nom.as_str()),
        Some("Pôle emploi")
    );
    assert_eq!(
        pacte.partenaire("up-medef").map(|p| p.nom.as_str()),
        Some("L'UP-MEDEF")
    );
    assert_eq!(
        pacte.partenaire("cpme").and_then(|p| p.sigle.as_deref()),
        Some("CPME")
    );
    for p in pacte.tous_partenaires() {
        if p.id.as_str() != "etat" && p.id.as_str() != "chambres" {
            assert!(
                !p.engagements.is_empty(),
                "partner {} has no engagement",
                p.id
            );
        }
    }
}

fn toutes_fiches(e: &[Engagement], out: &mut Vec<u32>) {
    for x in e {
        out.extend(&x.fiches_action);
        toutes_fiches(&x.sous_engagements, out);
    }
}

#[test]
fn engagements_cite_the_pdi_fiches_action() {
    let pacte = charger();
    let mut fiches = Vec::new();
    for p in pacte.tous_partenaires() {
        toutes_fiches(&p.engagements, &mut fiches);
    }
    assert!(fiches.contains(&17), "no engagement cites fiche-action 17");
    let direccte = pacte.partenaire("direccte").expect("direccte");
    let apprentissage = direccte
        .engagements
        .iter()
        .find(|e| e.texte.texte_brut().contains("fiches-action n°17 et n°13"))
        .expect("the DIRECCTE's apprenticeship engagement");
    assert_eq!(apprentissage.fiches_action, [17, 13]);
    let ddcs = pacte.partenaire("ddcs").expect("ddcs");
    assert_eq!(
        ddcs.engagements[1].sous_engagements.len(),
        2,
        "the DDCS's nested engagements"
    );
}

/// Lower-cased words (runs of letters) of `s`.
fn mots(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The seed's text without its original sommaire (title lines ending in a tab and a page
/// number) and without HTML tags.
fn texte_seed(seed: &str) -> String {
    let mut out = String::new();
    let mut dans_sommaire = false;
    for ligne in seed.lines() {
        if ligne.trim() == "# Sommaire" {
            dans_sommaire = true;
            continue;
        }
        if dans_sommaire {
            if ligne.trim().is_empty() || ligne.contains('\t') {
                continue;
            }
            dans_sommaire = false;
        }
        out.push_str(ligne);
        out.push('\n');
    }
    let mut sans_balises = String::with_capacity(out.len());
    let mut dans_balise = false;
    for c in out.chars() {
        match c {
            '<' => dans_balise = true,
            '>' if dans_balise => dans_balise = false,
            _ if !dans_balise => sans_balises.push(c),
            _ => {}
        }
    }
    sans_balises
}

/// Every string value of the pact's JSON, except identifiers and enumerations.
fn chaines(v: &serde_json::Value, out: &mut String) {
    const CLES_TECHNIQUES: [&str; 7] = [
        "id",
        "partenaire",
        "nature",
        "statut",
        "position",
        "type",
        "url",
    ];
    match v {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| chaines(x, out)),
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                if !CLES_TECHNIQUES.contains(&k.as_str()) {
                    chaines(x, out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn fixture_holds_at_least_97_percent_of_the_seed_words() {
    let seed =
        std::fs::read_to_string(SEED).expect("the seed, at ../shared/seeds beside the crate");
    let pacte = charger();
    let mut valeur: serde_json::Value =
        serde_json::from_str(&pacte.to_json()).expect("to_json is JSON");
    if let serde_json::Value::Object(o) = &mut valeur {
        o.remove("metadonnees");
    }
    let mut texte = String::new();
    chaines(&valeur, &mut texte);

    let mut disponibles: HashMap<String, usize> = HashMap::new();
    for m in mots(&texte) {
        *disponibles.entry(m).or_default() += 1;
    }
    let (mut total, mut trouves) = (0usize, 0usize);
    let mut manquants: HashMap<String, usize> = HashMap::new();
    for m in mots(&texte_seed(&seed)) {
        total += 1;
        match disponibles.get_mut(&m) {
            Some(n) if *n > 0 => {
                *n -= 1;
                trouves += 1;
            }
            _ => *manquants.entry(m).or_default() += 1,
        }
    }
    assert!(
        total > 7000,
        "the seed should have about 8000 words, found {total}"
    );
    let couverture = trouves as f64 / total as f64;
    let mut liste: Vec<_> = manquants.into_iter().collect();
    liste.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    assert!(
        couverture >= 0.97,
        "the fixture holds {:.2} % of the seed's words ({trouves}/{total}); missing: {liste:?}",
        couverture * 100.0
    );
}
