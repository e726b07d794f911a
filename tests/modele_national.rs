//! The national template, resolved for every département: valid pacts, the right French
//! forms, the right partners, and a PDF for each through the batch's render function.

use pacte::registry::{self, Departement};
use pacte::template::Template;
use pacte::Pacte;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn modele() -> Template {
    Template::load(Path::new("fixtures/modele-national.json")).unwrap()
}

fn dep(code: &str) -> &'static Departement {
    registry::departement(code).unwrap()
}

/// Every string of the resolved JSON, one per line.
fn texte(modele: &Template, code: &str) -> String {
    fn chaines(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Array(a) => a.iter().for_each(|x| chaines(x, out)),
            Value::Object(o) => o.values().for_each(|x| chaines(x, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    chaines(&modele.resolve_json(dep(code), None).unwrap(), &mut out);
    out
}

fn ids(p: &Pacte) -> Vec<&str> {
    p.partenaires.iter().map(|x| x.id.as_str()).collect()
}

fn signatures(p: &Pacte) -> Vec<String> {
    p.signataires
        .iter()
        .map(|s| format!("{} {}", s.ligne_pour(), s.qualite.as_deref().unwrap_or("")))
        .collect()
}

#[test]
fn every_departement_resolves_to_a_valid_pact_and_renders() {
    let m = modele();
    for d in registry::departements() {
        let p = m
            .resolve(d, None)
            .unwrap_or_else(|e| panic!("{}: {e}", d.code));
        p.validate(Some(m.base_dir()))
            .unwrap_or_else(|e| panic!("{}: {e}", d.code));
        assert_eq!(p.departement, pacte::model::Departement::from(d));
        assert_eq!(
            p.lieu_signature,
            Some(pacte::model::Lieu::Texte(d.chef_lieu.clone()))
        );
        let pdf = pacte::render_pdf(&p, &pacte::RenderOptions::for_dir(m.base_dir()))
            .unwrap_or_else(|e| panic!("{}: {e}", d.code));
        assert!(pdf.starts_with(b"%PDF-"), "{}", d.code);
    }
}

/// "de le Département", "à les Hautes-Alpes": an article that should have contracted, before
/// a name (a capital letter); "de les adapter" (a pronoun) is fine.
fn contraction_manquee(t: &str) -> Option<&str> {
    for faute in [
        " de le ", " de les ", " à le ", " à les ", " de de ", " de du ", " de des ",
    ] {
        for (i, _) in t.match_indices(faute) {
            let suite = &t[i + faute.len()..];
            if suite.starts_with(|c: char| c.is_uppercase()) {
                return Some(&t[i..(i + faute.len() + 12).min(t.len())]);
            }
        }
    }
    None
}

#[test]
fn resolved_texts_have_no_placeholder_left_and_no_bad_contraction() {
    assert!(contraction_manquee("le Préfet de le Département").is_some());
    assert!(contraction_manquee("de les adapter").is_none());
    let m = modele();
    for d in registry::departements() {
        let t = texte(&m, &d.code);
        assert_eq!(contraction_manquee(&t), None, "{}", d.code);
        for f in ["Région La ", "{", "}"] {
            assert!(!t.contains(f), "{}: {f:?} in the resolved text", d.code);
        }
        assert!(t.contains(&format!("Le Préfet {}", d.de)), "{}", d.code);
    }
}

#[test]
fn article_forms_regions_and_bodies() {
    let m = modele();
    // (code, forms that must appear in the resolved text)
    let cas: [(&str, &[&str]); 10] = [
        (
            "03",
            &[
                "Le Préfet de l'Allier",
                "le Département de l'Allier",
                "la Région Auvergne-Rhône-Alpes",
                "la Caisse d'allocations familiales de l'Allier",
                "Allier — 2024-2027",
            ],
        ),
        (
            "13",
            &[
                "Le Préfet des Bouches-du-Rhône",
                "le Département des Bouches-du-Rhône",
                "du Département des Bouches-du-Rhône",
                "la Région Provence-Alpes-Côte d'Azur",
            ],
        ),
        (
            "75",
            &[
                "Le Préfet de Paris",
                "la Ville de Paris",
                "Le Maire de Paris",
                "la Région Île-de-France",
            ],
        ),
        // INSEE gives the Corse-du-Sud TNCC 3: "de la Corse-du-Sud".
        (
            "2A",
            &[
                "Le Préfet de la Corse-du-Sud",
                "la Collectivité de Corse",
                "Le Président du Conseil exécutif de Corse",
                "collectivité à statut particulier",
            ],
        ),
        (
            "974",
            &[
                "Le Préfet de La Réunion",
                "le Département de La Réunion",
                "la Région Réunion",
                "la Caisse d'allocations familiales de La Réunion",
            ],
        ),
        (
            "69",
            &[
                "Le Préfet du Rhône",
                "le Département du Rhône",
                "Métropole de Lyon",
                "la Région Auvergne-Rhône-Alpes",
            ],
        ),
        (
            "80",
            &[
                "Le Préfet de la Somme",
                "le Département de la Somme",
                "la Région Hauts-de-France",
            ],
        ),
        (
            "67",
            &[
                "Le Préfet du Bas-Rhin",
                "la Collectivité européenne d'Alsace",
                "la Région Grand Est",
            ],
        ),
        (
            "972",
            &[
                "Le Préfet de la Martinique",
                "la Collectivité territoriale de Martinique",
            ],
        ),
        (
            "976",
            &[
                "Le Préfet de Mayotte",
                "le Département de Mayotte",
                "la Caisse de sécurité sociale de Mayotte",
            ],
        ),
    ];
    for (code, formes) in cas {
        let t = texte(&m, code);
        for f in formes {
            assert!(t.contains(f), "{code}: {f:?} missing");
        }
    }
    // Where another body holds the powers, "le Département de X" must not name it.
    for (code, faux) in [
        ("75", "Département de Paris"),
        ("2A", "Département de la Corse-du-Sud"),
        ("67", "Département du Bas-Rhin"),
        ("972", "Département de la Martinique"),
    ] {
        assert!(!texte(&m, code).contains(faux), "{code}: {faux:?}");
    }
    // The DDETS is named only where there is one.
    assert!(texte(&m, "03").contains("(DDETS)"));
    for code in ["75", "93", "974"] {
        assert!(!texte(&m, code).contains("DDETS"), "{code}");
    }
}

#[test]
fn partners_follow_the_special_statuses() {
    let m = modele();
    let p = |c: &str| m.resolve(dep(c), None).unwrap();
    let tous = [
        "etat",
        "region",
        "departement",
        "france-travail",
        "caf",
        "msa",
        "chambres",
    ];
    for code in ["03", "13", "75", "69", "67", "80"] {
        assert_eq!(ids(&p(code)), tous, "{code}");
    }
    // One body for département and région: no separate Région.
    for code in ["2A", "2B"] {
        assert_eq!(
            ids(&p(code)),
            [
                "etat",
                "departement",
                "france-travail",
                "caf",
                "msa",
                "chambres"
            ],
            "{code}"
        );
    }
    // Overseas: no MSA; Martinique and Guyane: no separate Région; Mayotte: the CSSM.
    assert_eq!(
        ids(&p("974")),
        [
            "etat",
            "region",
            "departement",
            "france-travail",
            "caf",
            "chambres"
        ]
    );
    assert_eq!(
        ids(&p("971")),
        [
            "etat",
            "region",
            "departement",
            "france-travail",
            "caf",
            "chambres"
        ]
    );
    assert_eq!(
        ids(&p("973")),
        ["etat", "departement", "france-travail", "caf", "chambres"]
    );
    assert_eq!(
        ids(&p("976")),
        ["etat", "departement", "france-travail", "cssm", "chambres"]
    );
    // Governance members follow the partners (the pact validates, see above); the pilot is
    // the département partner.
    let corse = p("2A");
    let pilotes: Vec<_> = corse
        .instances()
        .filter_map(|i| i.pilote.as_ref())
        .collect();
    assert_eq!(pilotes.len(), 4);
    assert!(corse.instances().all(|i| i.membres.iter().all(|m| m
        .partenaire
        .as_ref()
        .map(|x| x.as_str())
        != Some("region"))));
    let allier = p("03");
    let noms: Vec<&str> = allier.instances().map(|i| i.nom.as_str()).collect();
    assert_eq!(
        noms,
        [
            "Comité départemental pour l'emploi",
            "Comité de pilotage du pacte",
            "Comité des financeurs",
            "Conférence des partenaires de l'insertion"
        ]
    );
    assert_eq!(
        signatures(&p("2A"))[..2],
        [
            "Pour l'État, Le Préfet de la Corse-du-Sud",
            "Pour la Collectivité de Corse, Le Président du Conseil exécutif de Corse"
        ]
    );
    assert_eq!(
        signatures(&p("03"))[..3],
        [
            "Pour l'État, Le Préfet de l'Allier",
            "Pour la Région Auvergne-Rhône-Alpes, Le Président du Conseil régional",
            "Pour le Département de l'Allier, Le Président du Conseil départemental"
        ]
    );
    let duree = p("03").duree.texte_brut();
    assert!(
        duree.contains("période 2024-2027") && duree.contains("31 décembre 2027"),
        "{duree}"
    );
}

/// The text of a PDF, whitespace collapsed and apostrophes made straight.
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("p.pdf");
    std::fs::write(&f, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&f)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = String::from_utf8(out.stdout).unwrap().replace('’', "'");
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn rendered_pdfs_carry_the_right_signature_blocks() {
    let m = modele();
    let cas = [
        ("03", "Pour l'État, Le Préfet de l'Allier"),
        (
            "03",
            "Pour le Département de l'Allier, Le Président du Conseil départemental",
        ),
        ("13", "Pour l'État, Le Préfet des Bouches-du-Rhône"),
        ("75", "Pour la Ville de Paris, Le Maire de Paris"),
        ("2A", "Pour la Collectivité de Corse,"),
        ("974", "Pour la Région Réunion,"),
        ("69", "Pour le Département du Rhône,"),
        ("80", "Pour l'État, Le Préfet de la Somme"),
    ];
    for (code, attendu) in cas {
        let p = m.resolve(dep(code), None).unwrap();
        let t = pdftotext(
            &pacte::render_pdf(&p, &pacte::RenderOptions::for_dir(m.base_dir())).unwrap(),
        );
        assert!(t.contains(attendu), "{code}: {attendu:?} not in {t:?}");
    }
}
