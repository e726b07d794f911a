//! Every character drawn, or a clear error: the symbols Noto Sans lacks come from the
//! embedded fallback faces (pdffonts sees them embedded and subset, pdftotext reads them back,
//! page-validation finds the file PDF/A-2b), no content stream draws glyph 0 (`.notdef`,
//! read with pikepdf), and a character no embedded face has is refused by `pacte validate`
//! and `pacte render` with its JSON path and code point, unless the theme's family has it.

mod common;
use assert_cmd::Command;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The symbols French administrative text uses, none of which is in Noto Sans but for
/// the few it has (± × ÷ • ‰).
const SYMBOLS: &str = "≈ ≤ ≥ ≠ ± × ÷ → ← ↑ ↓ ✓ ✗ • ▪ ■ ● ○ − ‰ ⇒ ↔ ∞ ☐ ☑ ★ ◆ ➜";

/// A small pact whose texts are `partner`, `paragraph` and `quality` (JSON-escaped by the
/// caller), in a partner's name, a section's rich text and a signatory's quality.
fn pact_json(partner: &str, paragraph: &str, quality: &str) -> String {
    format!(
        r##"{{
  "departement": {{ "code": "84", "nom": "Vaucluse", "de": "du Vaucluse", "le": "le Vaucluse" }},
  "titre": "Pacte Territorial d'Insertion",
  "periode": {{ "debut": 2021, "fin": 2023 }},
  "sections": [ {{ "titre": "Symboles", "texte": "{paragraph}" }} ],
  "partenaires": [
    {{ "id": "departement", "nom": "Le Département", "nature": "departement", "engagements": [ {{ "texte": "Piloter." }} ] }},
    {{ "id": "caf", "nom": "{partner}", "nature": "securite_sociale", "engagements": [ {{ "texte": "Accompagner." }} ] }}
  ],
  "signataires": [ {{ "pour": "Le Département", "qualite": "{quality}" }} ]
}}"##
    )
}

/// The symbols pact: every symbol in a partner's name, in plain, bold and italic text, a
/// table, a third-level list (its bullet `◦` comes from a fallback face) and a quality.
fn symbols_json() -> String {
    let paragraph = format!(
        "Plain: {SYMBOLS}\\n\\n**Bold: {SYMBOLS}**\\n\\n*Italic: {SYMBOLS}*\\n\\n\
         | Seuil | Valeur |\\n|---|---|\\n| ≤ 5 % | ✓ oui → ■ |\\n\\n\
         - un\\n  - deux\\n    - trois ≈ ●"
    );
    pact_json(&format!("Partenaire ✓ {SYMBOLS}"), &paragraph, "Préfet ≥ ○")
}

/// Writes `json` as `name.json` in a folder of its own and returns the file.
fn write_pact(name: &str, json: &str) -> PathBuf {
    let dir = out_dir().join(format!("glyphs-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, json).unwrap();
    file
}

/// The symbols pact rendered through the CLI, once per test binary.
fn symbols_pdf() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| {
        let src = write_pact("symbols", &symbols_json());
        let out = src.with_extension("pdf");
        pacte_cmd()
            .args(["render", src.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .assert()
            .success();
        out
    })
}

fn pacte_cmd() -> Command {
    Command::cargo_bin("pacte").unwrap()
}

/// What `tests/glyph_ids.py` reports of `pdf`: glyphs drawn and `.notdef`s, per font.
fn glyph_ids(pdf: &Path) -> serde_json::Value {
    let script = root().join("tests/glyph_ids.py");
    let out = tool(
        &python(),
        &[script.to_str().unwrap(), pdf.to_str().unwrap()],
    );
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn the_symbols_pact_renders_and_its_text_layer_reads_every_symbol() {
    let text = tool("pdftotext", &[symbols_pdf().to_str().unwrap(), "-"]);
    for s in SYMBOLS.split(' ') {
        // Each symbol at least four times: the partner's name and the three styles.
        let n = text.matches(s).count();
        assert!(n >= 4, "{s:?} is read {n} times:\n{text}");
    }
    for s in ["≤ 5", "✓ oui → ■", "≈ ●", "◦", "Préfet ≥ ○"] {
        assert!(text.contains(s), "{s:?} in:\n{text}");
    }
}

#[test]
fn the_fallback_faces_are_embedded_and_subset() {
    let fonts = tool("pdffonts", &[symbols_pdf().to_str().unwrap()]);
    for face in [
        "NotoSansMath-Regular",
        "NotoSansSymbols2-Regular",
        "NotoSans-Regular",
    ] {
        let row = fonts
            .lines()
            .find(|l| {
                l.split_whitespace()
                    .next()
                    .is_some_and(|n| n.ends_with(&format!("+{face}")))
            })
            .unwrap_or_else(|| panic!("{face} in:\n{fonts}"));
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[1..3], &["CID", "TrueType"], "{row}");
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
        let tag = cols[0].split('+').next().unwrap();
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "{row}"
        );
    }
}

#[test]
fn no_content_stream_draws_notdef() {
    let fixtures = ["vaucluse-2017-2020", "allier-2018-2021"].map(rendered);
    for pdf in fixtures.iter().map(PathBuf::as_path).chain([symbols_pdf()]) {
        let report = glyph_ids(pdf);
        assert!(
            report["glyphs"].as_u64().unwrap() > 1000,
            "{pdf:?}: {report}"
        );
        assert_eq!(report["notdef"], 0, "{pdf:?}: {report}");
    }
    let report = glyph_ids(symbols_pdf());
    let fonts = report["fonts"].as_object().unwrap();
    for face in ["NotoSansMath-Regular", "NotoSansSymbols2-Regular"] {
        let (_, entry) = fonts
            .iter()
            .find(|(name, _)| name.ends_with(&format!("+{face}")))
            .unwrap_or_else(|| panic!("{face} draws: {report}"));
        assert!(entry["glyphs"].as_u64().unwrap() >= 20, "{face}: {report}");
    }
}

#[test]
fn the_symbols_pact_is_pdfa_2a_and_pdfua_1() {
    let script = "import json, sys, page\n\
                  r = page.validate_pdf(sys.argv[1], profile=sys.argv[2]).to_dict()\n\
                  print(json.dumps({'compliant': r.get('compliant'), 'failures': r['failures']}))";
    for profile in ["2a", "ua1"] {
        let out = tool(
            &python(),
            &["-c", script, symbols_pdf().to_str().unwrap(), profile],
        );
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            report["failures"],
            serde_json::json!([]),
            "{profile}: {out}"
        );
    }
}

/// A pact with "中" in a partner's name, an emoji in a section's text and BEL in a quality.
fn undrawable_json() -> String {
    pact_json("Partenaire 中", "Un sourire 😀 ici.", "Préfet\\u0007")
}

const EXPECTED: [&str; 3] = [
    "sections[0].texte: character \"😀\" (U+1F600) cannot be drawn by the document's fonts",
    "partenaires[1].nom: character \"中\" (U+4E2D) cannot be drawn by the document's fonts",
    "signataires[0].qualite: character \"\\u{7}\" (U+0007) is a control character, which a pact may not hold (only tab and newline)",
];

#[test]
fn validate_reports_each_undrawable_character_with_its_place() {
    let src = write_pact("undrawable-validate", &undrawable_json());
    let out = pacte_cmd()
        .args(["validate", src.to_str().unwrap()])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in EXPECTED {
        let want = format!("{}: {line}", src.display());
        assert!(stderr.lines().any(|l| l == want), "{want}\nin:\n{stderr}");
    }
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
}

#[test]
fn render_refuses_them_and_writes_nothing() {
    let src = write_pact("undrawable-render", &undrawable_json());
    let out = src.with_extension("pdf");
    let result = pacte_cmd()
        .args(["render", src.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&result.stderr);
    for line in EXPECTED {
        assert!(stderr.contains(line), "{line}\nin:\n{stderr}");
    }
    assert!(!out.exists(), "no PDF is written");
    let leftovers: Vec<_> = std::fs::read_dir(src.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "only the pact: {leftovers:?}");
}

#[test]
fn the_library_refuses_them_too() {
    let pacte = pacte::Pacte::from_json(&pact_json("Partenaire 中", "Texte.", "Préfet")).unwrap();
    let options = pacte::RenderOptions::for_dir(&root());
    let problems = pacte.validate_with(&options).unwrap_err();
    assert_eq!(problems.to_string(), EXPECTED[1]);
    match pacte::render_pdf(&pacte, &options) {
        Err(pacte::RenderError::Characters(p)) => assert_eq!(p, problems),
        other => panic!("refused: {:?}", other.map(|b| b.len())),
    }
}

/// A character of Liberation Sans that no embedded face has (U+266A, a quaver).
const QUAVER: &str = "♪";

fn liberation_theme() -> String {
    root()
        .join("tests/themes/liberation.json")
        .display()
        .to_string()
}

#[test]
fn a_theme_whose_family_has_the_character_draws_it() {
    let src = write_pact(
        "quaver",
        &pact_json(&format!("Chorale {QUAVER}"), "Texte.", "Chef"),
    );
    let out = src.with_extension("pdf");
    let stderr = pacte_cmd()
        .args(["render", src.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let want =
        "partenaires[1].nom: character \"♪\" (U+266A) cannot be drawn by the document's fonts";
    assert!(
        String::from_utf8_lossy(&stderr).contains(want),
        "{}",
        String::from_utf8_lossy(&stderr)
    );
    pacte_cmd()
        .args(["render", src.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .args(["--theme", &liberation_theme()])
        .assert()
        .success();
    let text = tool("pdftotext", &[out.to_str().unwrap(), "-"]);
    assert!(text.contains(&format!("Chorale {QUAVER}")), "{text}");
    assert_eq!(glyph_ids(&out)["notdef"], 0);
}

#[test]
fn the_html_edition_draws_any_character_but_refuses_control_characters() {
    let dir = out_dir();
    let src = write_pact(
        "html-cjk",
        &pact_json("Partenaire 中", "Un sourire 😀 ici.", "Préfet"),
    );
    let html = src.with_extension("html");
    pacte_cmd()
        .args([
            "render",
            src.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
        ])
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("Partenaire 中") && page.contains("😀"),
        "{dir:?}"
    );
    let src = write_pact(
        "html-bel",
        &pact_json("Partenaire", "Texte.", "Préfet\\u0007"),
    );
    let html = src.with_extension("html");
    let stderr = pacte_cmd()
        .args([
            "render",
            src.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
        ])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&stderr).contains(EXPECTED[2]));
    assert!(!html.exists());
}
