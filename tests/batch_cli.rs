//! `pacte batch`: bad inputs are reported and do not stop the others; nothing partial is
//! left in the output folder; the exit status tells whether everything was rendered.

mod common;
use common::contenu;

use assert_cmd::cargo::cargo_bin_cmd;
use pacte::registry;
use pacte::template::Template;
use std::path::Path;
use std::process::Command;

const MODELE: &str = "fixtures/modele-national.json";

fn texte_pdf(f: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(f)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes the national template resolved for `code` as a pact file.
fn ecrire_pacte(dir: &Path, code: &str) -> std::path::PathBuf {
    let m = Template::load(Path::new(MODELE)).unwrap();
    let json = m
        .resolve_json(registry::departement(code).unwrap(), None)
        .unwrap();
    let f = dir.join(format!("pacte-{code}.json"));
    std::fs::write(&f, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    f
}

#[test]
fn files_one_broken_input_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let a = ecrire_pacte(dir.path(), "03");
    let b = ecrire_pacte(dir.path(), "2A");
    let casse = dir.path().join("casse.json");
    std::fs::write(&casse, "{\n  \"titre\": \"Pacte\",\n  \"departement\": {\n").unwrap();
    let out = dir.path().join("out");
    let sortie = cargo_bin_cmd!("pacte")
        .arg("batch")
        .arg(&a)
        .arg(&casse)
        .arg(&b)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(sortie.stderr).unwrap();
    let stdout = String::from_utf8(sortie.stdout).unwrap();
    assert_eq!(contenu(&out), ["03-allier.pdf", "2A-corse-du-sud.pdf"]);
    let ligne = stderr
        .lines()
        .find(|l| l.contains("casse.json"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        ligne.starts_with("failed: ") && ligne.contains("JSON syntax error"),
        "{ligne}"
    );
    assert!(stderr.contains("2 rendered, 1 failed"), "{stderr}");
    assert!(
        stdout.contains("03-allier.pdf") && stdout.contains("2A-corse-du-sud.pdf"),
        "{stdout}"
    );
    assert!(texte_pdf(&out.join("03-allier.pdf")).contains("Le Préfet de l'Allier"));
}

#[test]
fn an_invalid_pact_file_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let a = ecrire_pacte(dir.path(), "80");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&a).unwrap()).unwrap();
    json["signataires"][0]["partenaire"] = "etta".into();
    std::fs::write(&a, json.to_string()).unwrap();
    let out = dir.path().join("out");
    let sortie = cargo_bin_cmd!("pacte")
        .arg("batch")
        .arg(&a)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(sortie.stderr).unwrap();
    assert!(
        stderr.contains(
            "signataires[0].partenaire: unknown partner \"etta\" (did you mean \"etat\"?)"
        ),
        "{stderr}"
    );
    assert!(contenu(&out).is_empty());
}

#[test]
fn template_with_overrides_and_an_unknown_departement() {
    let dir = tempfile::tempdir().unwrap();
    let surcharges = dir.path().join("surcharges");
    std::fs::create_dir(&surcharges).unwrap();
    std::fs::write(
        surcharges.join("03.json"),
        r#"{ "sous_titre": "Édition spéciale {departement.de}" }"#,
    )
    .unwrap();
    std::fs::write(
        surcharges.join("13.json"),
        r#"{ "signataires": [ { "pour": "l'État", "qualite": "Le Préfet {departement.du}" } ] }"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let overrides = surcharges.to_str().unwrap();
    let stderr = batch_template(
        "03, 13, 2a",
        &["--overrides", overrides, "--jobs", "2"],
        &out,
        1,
    );
    assert_eq!(contenu(&out), ["03-allier.pdf", "2A-corse-du-sud.pdf"]);
    assert!(texte_pdf(&out.join("03-allier.pdf")).contains("Édition spéciale de l'Allier"));
    assert!(
        stderr.contains(&format!(
            "failed: 13 Bouches-du-Rhône: {MODELE} with override {}: signataires[0].qualite: unknown placeholder {{departement.du}} (did you mean {{departement.de}}?)",
            surcharges.join("13.json").display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("2 rendered, 1 failed"), "{stderr}");
}

#[test]
fn all_departements_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    cargo_bin_cmd!("pacte")
        .args([
            "batch",
            "--template",
            MODELE,
            "--departements",
            "all",
            "--out-dir",
        ])
        .arg(&out)
        .assert()
        .success();
    let fichiers = contenu(&out);
    assert_eq!(fichiers.len(), 101);
    for d in registry::departements() {
        let attendu = format!("{}-", d.code);
        assert_eq!(
            fichiers
                .iter()
                .filter(|f| f.starts_with(&attendu) && f.ends_with(".pdf"))
                .count(),
            1,
            "{}",
            d.code
        );
    }
    assert!(fichiers.contains(&"974-la-reunion.pdf".to_string()));
}

#[test]
fn configuration_errors_stop_before_rendering() {
    let dir = tempfile::tempdir().unwrap();
    let surcharges = dir.path().join("surcharges");
    std::fs::create_dir(&surcharges).unwrap();
    std::fs::write(surcharges.join("allier.json"), "{}").unwrap();
    let out = dir.path().join("out");
    let sortie = cargo_bin_cmd!("pacte")
        .args([
            "batch",
            "--template",
            MODELE,
            "--departements",
            "03",
            "--overrides",
        ])
        .arg(&surcharges)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8(sortie.stderr)
        .unwrap()
        .contains("(did you mean 03.json?)"));
    assert!(!out.exists());
    // A missing template, and arguments that do not go together.
    cargo_bin_cmd!("pacte")
        .args([
            "batch",
            "--template",
            "absent.json",
            "--departements",
            "03",
            "--out-dir",
        ])
        .arg(&out)
        .assert()
        .code(2);
    cargo_bin_cmd!("pacte")
        .args(["batch", "--template", MODELE, "--out-dir"])
        .arg(&out)
        .assert()
        .code(2);
    cargo_bin_cmd!("pacte")
        .args(["batch", "--out-dir"])
        .arg(&out)
        .assert()
        .code(2);
}

/// Runs `pacte batch --template MODELE --departements D ARGS --out-dir OUT`, which must exit
/// with `code`; returns its stderr.
fn batch_template(departements: &str, args: &[&str], out: &Path, code: i32) -> String {
    let sortie = cargo_bin_cmd!("pacte")
        .args([
            "batch",
            "--template",
            MODELE,
            "--departements",
            departements,
        ])
        .args(args)
        .arg("--out-dir")
        .arg(out)
        .assert()
        .code(code)
        .get_output()
        .clone();
    String::from_utf8(sortie.stderr).unwrap()
}

#[test]
fn every_departement_is_checked_before_anything_is_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let stderr = batch_template("03,999,alier", &[], &out, 2);
    assert!(
        stderr.contains("unknown département \"999\"")
            && stderr.contains("\"alier\" (did you mean 03 Allier?)")
            && stderr.contains("nothing rendered"),
        "{stderr}"
    );
    assert!(!out.exists(), "the output folder was created");
}

#[test]
fn too_many_threads_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = batch_template("03", &["-j", "100000"], dir.path(), 2);
    assert!(stderr.contains("-j 100000: at most"), "{stderr}");
    assert!(contenu(dir.path()).is_empty());
}
