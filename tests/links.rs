//! A pact's links lead to the web, e-mail and phones only: `validate` and `render` refuse any
//! other target with its JSON path; a program rendering a pact it did not validate gets the
//! link's text without the link, in the PDF (read back with pikepdf, page-validation,
//! poppler) and in the HTML edition.

mod common;

use common::*;
use serde_json::Value;
use std::process::Command;

/// A pact whose texts hold one link of each kind: the web, a script, a local file, a path
/// without scheme, e-mail.
const PACT: &str = r#"{
    "departement": {"code": "84", "nom": "Vaucluse", "de": "de Vaucluse", "le": "le Vaucluse"},
    "titre": "Pacte territorial d'insertion", "periode": {"debut": 2017, "fin": 2020},
    "sections": [{"titre": "Cadre", "texte": "Voir [le site du Département](https://www.vaucluse.fr).\n\nPuis **[cliquer ici](javascript:alert(1))** et [le guide](www.allier.fr)."}],
    "partenaires": [{"id": "etat", "nom": "État", "nature": "etat", "presentation": "[Écrire](mailto:insertion@vaucluse.fr) ou [ouvrir le fichier](file:///etc/passwd)."}],
    "signataires": [{"pour": "État", "qualite": "Préfet"}]
}"#;

#[test]
fn validate_and_render_refuse_a_link_to_a_script_a_file_or_no_scheme_with_its_path() {
    let dir = out_dir().join(format!("links-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pacte.json");
    std::fs::write(&file, PACT).unwrap();
    let out = dir.join("pacte.pdf");
    for args in [
        vec!["validate", file.to_str().unwrap()],
        vec![
            "render",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    ] {
        let run = Command::new(env!("CARGO_BIN_EXE_pacte"))
            .args(&args)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&run.stdout).into_owned()
            + &String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {said}");
        for (path, target) in [
            (
                "partenaires[0].presentation[0].contenu[2].url",
                "file:///etc/passwd",
            ),
            (
                "sections[0].texte[1].contenu[1].contenu[0].url",
                "javascript:alert(1)",
            ),
            ("sections[0].texte[1].contenu[3].url", "www.allier.fr"),
        ] {
            let line = format!(
                "{}: {path}: link target \"{target}\" is not a web address",
                file.display()
            );
            assert!(said.contains(&line), "{args:?}: no {line:?} in {said}");
        }
        assert!(said.contains("write \"https://www.allier.fr\""), "{said}");
        assert!(!said.contains("https://www.vaucluse.fr"), "{said}");
        assert!(!said.contains("insertion@vaucluse.fr"), "{said}");
    }
    assert!(!out.exists(), "nothing written");
}

#[test]
fn an_unvalidated_pacts_unsafe_links_keep_their_text_and_lose_the_link() {
    let pacte = pacte::Pacte::from_json(PACT).unwrap();
    let options = pacte::RenderOptions::default();
    let pdf = out_dir().join(format!("links-unvalidated-{}.pdf", std::process::id()));
    std::fs::write(&pdf, pacte::render_pdf(&pacte, &options).unwrap()).unwrap();
    let pdf = pdf.to_str().unwrap();

    let facts: Value = serde_json::from_str(&tool(
        &python(),
        &[root().join("tests/pdf_facts.py").to_str().unwrap(), pdf],
    ))
    .unwrap();
    let uris: Vec<&str> = facts["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["uri"].as_str())
        .collect();
    assert_eq!(
        uris,
        ["https://www.vaucluse.fr", "mailto:insertion@vaucluse.fr"]
    );
    let text = squash(&tool("pdftotext", &[pdf, "-"]));
    for shown in ["cliquer ici", "le guide", "ouvrir le fichier"] {
        assert!(text.contains(shown), "{shown:?} is still read");
    }
    // The links dropped have no structure element either: the file stays PDF/UA-1.
    let report: Value = serde_json::from_str(&tool(
        &python(),
        &[
            root().join("tests/tagged_check.py").to_str().unwrap(),
            "validate",
            pdf,
        ],
    ))
    .unwrap();
    for profile in ["2a", "ua1"] {
        assert_eq!(report[pdf][profile], Value::Array(vec![]), "{profile}");
    }

    let html = pacte::render_html(&pacte, &options).unwrap();
    let hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert_eq!(
        hrefs,
        ["https://www.vaucluse.fr", "mailto:insertion@vaucluse.fr"]
    );
    assert!(html.contains("cliquer ici") && html.contains("ouvrir le fichier"));
}
