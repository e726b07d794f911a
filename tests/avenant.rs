//! Avenants (issue 17, item 12): fixtures/avenant-vaucluse-2019.json rendered through the
//! CLI and read back with tools we did not write: qpdf, poppler (pdffonts, pdftotext,
//! pdfinfo), `pacte fields`, pyHanko (tests/sign_fields.py signs every field and validates
//! the signatures) and page-validation's PDF/A-2a and PDF/UA-1 profiles
//! (tests/tagged_check.py); its validation errors name their JSON path.
//!
//! These tests fail, never skip, when a tool is missing: `bash .ci/test` installs
//! poppler-utils, qpdf, and pikepdf, pyhanko, page-validation in target/venv.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const FIXTURE: &str = "fixtures/avenant-vaucluse-2019.json";
const TITLE: &str = "Avenant n° 1 au Pacte Territorial d'Insertion 2017-2020 du Vaucluse";

fn pacte_cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

/// `pacte render FILE -o PDF`.
fn render_to(file: &Path, pdf: &Path) -> Output {
    pacte_cli(&[
        "render",
        file.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ])
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The fixture rendered once by `pacte render`.
fn rendered_avenant() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| {
        let out = out_dir().join(format!("avenant-vaucluse-2019-{}.pdf", std::process::id()));
        let run = pacte_cli(&["render", FIXTURE, "-o", out.to_str().unwrap()]);
        assert!(run.status.success(), "pacte render: {}", text(&run));
        out
    })
}

/// What a reader reads: pdftotext's words, typographic spaces and apostrophes made plain.
fn plain(s: &str) -> String {
    squash(s).replace('’', "'")
}

#[test]
fn qpdf_finds_no_error_and_every_font_is_embedded() {
    let pdf = rendered_avenant().to_str().unwrap();
    let check = tool("qpdf", &["--check", pdf]);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    assert!(!check.to_lowercase().contains("warning"), "{check}");
    let fonts = tool("pdffonts", &[pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // Columns: name type encoding emb sub uni object ID.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "a font is not embedded: {row}");
    }
}

#[test]
fn the_title_and_the_articles_are_what_a_reader_reads() {
    let pdf = rendered_avenant().to_str().unwrap();
    let info = tool("pdfinfo", &[pdf]);
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(str::trim)
        .unwrap_or_default();
    assert_eq!(title.replace('\u{a0}', " "), TITLE);
    // The page sets "n" and a superscript "o", which pdftotext reads "no".
    let cover = plain(&page_text(rendered_avenant(), 1));
    assert!(cover.contains(&TITLE.replace("n°", "no")), "cover: {cover}");
    let all = plain(&tool("pdftotext", &[pdf, "-"]));
    for needle in [
        "Vu le Pacte Territorial d'Insertion 2017-2020 du Vaucluse signé le 30 juin 2017 ;",
        "Il est convenu ce qui suit :",
        "Article 1 – Objet",
        "Article 2 – Durée du Pacte",
        "Article 4 – Gouvernance",
        "Signataires de l'avenant",
        "Fait à Avignon, le 29 novembre 2019",
    ] {
        assert!(all.contains(needle), "{needle:?} not in {all}");
    }
    // A short avenant has no sommaire.
    assert!(!all.contains("Sommaire"), "{all}");
}

#[test]
fn one_empty_field_per_signatory_of_the_amended_pact_and_pyhanko_signs_them_all() {
    let pdf = rendered_avenant();
    let run = pacte_cli(&["fields", "--json", pdf.to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run));
    let fields: Value = serde_json::from_slice(&run.stdout).unwrap();
    let fields = fields.as_array().unwrap();
    // The avenant names no signatories: they are the Vaucluse pact's, in its order.
    let vaucluse = pacte("vaucluse-2017-2020");
    assert_eq!(fields.len(), vaucluse.personnes_signataires().len());
    assert_eq!(fields.len(), 10);
    assert_eq!(fields[0]["field"], "Sig01_Prefet");
    assert_eq!(fields[9]["field"], "Sig10_PresidentCpme");
    for f in fields {
        assert_eq!(f["signed"], false, "{f}");
        assert_eq!(f["page"], 3, "{f}");
    }

    let dir = tempfile::tempdir().unwrap();
    let signed = dir.path().join("signed.pdf");
    let out = Command::new(python())
        .arg(root().join("tests/sign_fields.py"))
        .arg(pdf)
        .arg(&signed)
        .output()
        .unwrap();
    assert!(out.status.success(), "sign_fields.py: {}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(
        report["signed"].as_array().map(Vec::len),
        Some(10),
        "{report}"
    );
}

#[test]
fn page_validation_passes_pdfa_2a_and_pdfua_1() {
    let pdf = rendered_avenant().to_str().unwrap();
    let out = Command::new(python())
        .arg(root().join("tests/tagged_check.py"))
        .args(["validate", pdf])
        .output()
        .unwrap();
    assert!(out.status.success(), "tagged_check.py: {}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    for profile in ["2a", "ua1"] {
        let failed = report[pdf][profile].as_array().unwrap();
        assert!(failed.is_empty(), "{profile}: {failed:#?}");
    }
}

/// The fixture with `edit` applied to its JSON, written beside a copy of the Vaucluse pact.
fn edited(edit: impl FnOnce(&mut Value)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/vaucluse-2017-2020.json"),
        dir.path().join("vaucluse-2017-2020.json"),
    )
    .unwrap();
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(FIXTURE)).unwrap()).unwrap();
    edit(&mut json);
    let file = dir.path().join("avenant.json");
    std::fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    (dir, file)
}

#[test]
fn validation_errors_name_the_json_path() {
    let (_dir, file) = edited(|j| j["avenant"]["articles"][1]["titre"] = "".into());
    let out = pacte_cli(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("avenant.articles[1].titre: must not be empty"),
        "{said}"
    );
    // Rendering it is refused the same way, and writes nothing.
    let pdf = file.with_extension("pdf");
    let out = render_to(&file, &pdf);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("avenant.articles[1].titre"));
    assert!(!pdf.exists());

    // A wrong type: its path and line:column.
    let (_dir, file) = edited(|j| j["avenant"]["numero"] = "un".into());
    let out = pacte_cli(&["validate", file.to_str().unwrap()]);
    let said = text(&out);
    assert!(
        said.contains("avenant.numero (line ") && said.contains("expected u32"),
        "{said}"
    );

    // A pact file that is not there.
    let (_dir, file) = edited(|j| j["avenant"]["pacte"]["fichier"] = "absent.json".into());
    let out = pacte_cli(&["validate", file.to_str().unwrap()]);
    let said = text(&out);
    assert!(said.contains("avenant.pacte.fichier: "), "{said}");
}

#[test]
fn signatories_given_in_the_avenant_are_its_own() {
    let (_dir, file) = edited(|j| {
        j["avenant"]["pacte"]
            .as_object_mut()
            .unwrap()
            .remove("fichier");
        j["avenant"]["signataires"] = serde_json::json!([
            {"id": "prefet", "pour": "l'Etat", "qualite": "Le Préfet de Vaucluse"},
            {"id": "president", "pour": "le Département du Vaucluse", "qualite": "Le Président"}
        ]);
    });
    let pdf = file.with_extension("pdf");
    let out = render_to(&file, &pdf);
    assert!(out.status.success(), "{}", text(&out));
    let run = pacte_cli(&["fields", pdf.to_str().unwrap()]);
    let names: Vec<&str> = std::str::from_utf8(&run.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(names, ["Sig01_Prefet", "Sig02_President"]);
}

#[test]
fn the_schema_of_an_avenant_file() {
    let out = pacte_cli(&["schema", "--avenant"]);
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["required"], serde_json::json!(["avenant"]));
    let s = schema.to_string();
    assert!(
        s.contains("\"articles\"") && s.contains("\"numero\""),
        "{s}"
    );
}

#[test]
fn the_html_edition_has_the_pdfs_parts_and_axe_finds_no_violation() {
    let html = out_dir().join(format!("avenant-vaucluse-2019-{}.html", std::process::id()));
    let out = pacte_cli(&["render", FIXTURE, "-o", html.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let page = std::fs::read_to_string(&html).unwrap();
    let plain_page = page.replace(['\u{a0}', '\u{202f}'], " ").replace('’', "'");
    assert!(
        plain_page.contains(&format!("<title>{TITLE}</title>")),
        "{page}"
    );
    assert!(plain_page.contains("<h1 id=\"article-1-objet\">Article 1 – Objet</h1>"));
    assert!(plain_page.contains("Il est convenu ce qui suit"));
    assert!(
        !page.contains("aria-label=\"Sommaire\""),
        "no sommaire, as in the PDF"
    );
    assert_eq!(page.matches("<li><p><strong>Pour ").count(), 10);

    let npm = root().join("target/npm/node_modules");
    for package in ["puppeteer-core", "axe-core"] {
        assert!(
            npm.join(package).exists(),
            "{package} is needed under target/npm: `bash .ci/test` installs it"
        );
    }
    let out = Command::new("node")
        .arg(root().join("tests/axe_check.mjs"))
        .arg(&html)
        .output()
        .expect("node is needed (apt-get install nodejs npm)");
    assert_eq!(out.status.code(), Some(0), "axe: {}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["violations"], serde_json::json!([]), "{report:#}");
    assert!(
        report["passes"].as_u64().unwrap() >= 20,
        "axe ran: {report}"
    );
}

#[test]
fn the_amended_pacts_logo_in_another_folder_is_the_avenants_cover_logo() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pacte");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(root().join("tests/data/logo.jpg"), folder.join("logo.jpg")).unwrap();
    let mut vaucluse: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/vaucluse-2017-2020.json")).unwrap(),
    )
    .unwrap();
    vaucluse["logo"] = "logo.jpg".into();
    vaucluse["logo_alt"] = "Logo du Vaucluse, de test".into();
    std::fs::write(folder.join("vaucluse.json"), vaucluse.to_string()).unwrap();
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(FIXTURE)).unwrap()).unwrap();
    json["avenant"]["pacte"]["fichier"] = "pacte/vaucluse.json".into();
    let file = dir.path().join("avenant.json");
    std::fs::write(&file, json.to_string()).unwrap();

    let pdf = dir.path().join("avenant.pdf");
    let out = render_to(&file, &pdf);
    assert!(out.status.success(), "{}", text(&out));
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let images: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(images.len(), 1, "{list}");
    assert!(
        images[0].split_whitespace().next() == Some("1"),
        "on the cover: {list}"
    );
    let fields = pacte_cli(&["fields", pdf.to_str().unwrap()]);
    assert_eq!(
        std::str::from_utf8(&fields.stdout).unwrap().lines().count(),
        10
    );
}
