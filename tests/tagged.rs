//! The tagged PDF (issue 15): PDF/A-2a and PDF/UA-1 as page-validation judges them, for both
//! fixtures, five départements of the national template, a pact with logos and a Vaucluse
//! file whose every field `pacte sign` signed; the structure tree as `pdfinfo -struct-text`
//! reads it (a snapshot); every glyph, path and image inside tagged content or an artifact
//! (pikepdf walking the content streams).
//!
//! These tests fail, never skip, when a tool is missing: `bash .ci/test` installs
//! poppler-utils and pikepdf, page-validation in target/venv.

mod common;
mod pades;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/tagged_check.py ARGS…`'s JSON.
fn check(args: &[&str]) -> Value {
    let out = Command::new(python())
        .arg(root().join("tests/tagged_check.py"))
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "tagged_check.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Asserts that page-validation's profiles 2a and ua1 find no failed rule in `files`, but
/// those `allowed` (rule ids).
fn assert_valid(files: &[PathBuf], allowed: &[&str]) {
    let paths: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["validate"];
    args.extend(&paths);
    let report = check(&args);
    for path in &paths {
        for profile in ["2a", "ua1"] {
            let failed: Vec<&str> = report[*path][profile]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .filter(|f| !allowed.iter().any(|a| f.starts_with(a)))
                .collect();
            assert!(failed.is_empty(), "{path} {profile}: {failed:#?}");
        }
    }
}

/// A pact written to a file of the test output folder.
fn written(name: &str, p: &pacte::Pacte, options: &pacte::RenderOptions) -> PathBuf {
    let bytes = pacte::render_pdf(p, options).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = out_dir().join(format!("tagged-{name}-{}.pdf", std::process::id()));
    std::fs::write(&out, bytes).unwrap();
    out
}

#[test]
fn both_fixtures_pass_pdfa_2a_and_pdfua_1() {
    assert_valid(
        &[rendered("vaucluse-2017-2020"), rendered("allier-2018-2021")],
        &[],
    );
}

#[test]
fn five_departements_of_the_national_template_pass_pdfa_2a_and_pdfua_1() {
    let template =
        pacte::template::Template::load(&root().join("fixtures/modele-national.json")).unwrap();
    let options = pacte::RenderOptions::for_dir(template.base_dir());
    let files: Vec<PathBuf> = ["2A", "13", "59", "75", "974"]
        .iter()
        .map(|code| {
            let d = pacte::registry::departement(code).unwrap();
            let p = template.resolve(d, None).unwrap();
            written(&format!("national-{code}"), &p, &options)
        })
        .collect();
    assert_valid(&files, &[]);
}

#[test]
fn a_pact_with_logos_passes_and_its_logos_are_figures_with_alt_text() {
    let mut p = pacte("allier-2018-2021");
    p.logo = Some("logo-alpha.png".into());
    p.signataires[0].logo = Some("logo.jpg".into());
    p.signataires[1].logo = Some("logo.jpg".into());
    p.signataires[1].logo_alt = Some("Armoiries de la ville".into());
    let options = pacte::RenderOptions {
        base_dir: root().join("tests/data"),
        ..pacte::RenderOptions::default()
    };
    let pdf = written("logos", &p, &options);
    assert_valid(std::slice::from_ref(&pdf), &[]);
    let marks = check(&["marks", pdf.to_str().unwrap()]);
    // The cover's, the JPEG once in the cover's strip, then in both signature blocks.
    assert_eq!(marks["painted_tagged"], 4, "four logos drawn: {marks}");
    // Figures with their alternative text, the default one and the pact's own.
    let script = r#"
import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
for o in pdf.objects:
    if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure":
        print(str(o.Alt), [round(float(v)) for v in o.A.BBox])
"#;
    let out = Command::new(python())
        .args(["-c", script, pdf.to_str().unwrap()])
        .output()
        .unwrap();
    let figures = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = figures.lines().collect();
    assert_eq!(lines.len(), 4, "{figures}");
    assert!(
        lines[0].starts_with("Logo du Département de l’Allier"),
        "{figures}"
    );
    // The strip shows the file once, with the first signatory's alternative text.
    assert_eq!(lines[1].split(" [").next(), lines[2].split(" [").next());
    assert!(lines[3].starts_with("Armoiries de la ville"), "{figures}");
}

#[test]
fn every_glyph_path_and_image_is_tagged_content_or_an_artifact() {
    for name in ["vaucluse-2017-2020", "allier-2018-2021"] {
        let pdf = rendered(name);
        let marks = check(&["marks", pdf.to_str().unwrap()]);
        assert_eq!(marks["outside"], Value::Array(vec![]), "{name}: {marks}");
        assert_eq!(
            marks["nested_wrong"],
            Value::Array(vec![]),
            "{name}: {marks}"
        );
        assert!(
            marks["text_tagged"].as_u64().unwrap() > 500,
            "{name}: {marks}"
        );
        // Running header and footer, the dot leaders, hyphens a break added.
        assert!(
            marks["text_artifact"].as_u64().unwrap() > 40,
            "{name}: {marks}"
        );
    }
}

/// `pdfinfo -struct-text`, one element per line: its type and attributes, then the first
/// words of its first text, `[annotation]` when it holds one.
fn condensed_structure(pdf: &Path) -> String {
    let raw = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let mut out: Vec<String> = Vec::new();
    let mut has_text = false;
    for line in raw.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(text) = trimmed.strip_prefix('"') {
            if let Some(last) = out.last_mut() {
                if !has_text {
                    let words: Vec<&str> = text.trim_end_matches('"').split_whitespace().collect();
                    let mut first = words[..words.len().min(6)].join(" ");
                    if words.len() > 6 {
                        first.push('…');
                    }
                    last.push_str(&format!(" “{first}”"));
                    has_text = true;
                }
            }
        } else if trimmed.starts_with("Object ") {
            if let Some(last) = out.last_mut() {
                if !last.ends_with("[annotation]") {
                    last.push_str(" [annotation]");
                }
            }
        } else if trimmed.starts_with('/') {
            if let Some(last) = out.last_mut() {
                last.push_str(&format!(" {trimmed}"));
            }
        } else if !trimmed.is_empty() {
            let kind = trimmed
                .split([' ', ':'])
                .next()
                .unwrap_or(trimmed)
                .to_string();
            out.push(format!("{}{kind}", " ".repeat(indent)));
            has_text = false;
        }
    }
    out.join("\n") + "\n"
}

#[test]
fn the_structure_tree_of_vaucluse_matches_its_snapshot() {
    let tree = condensed_structure(&rendered("vaucluse-2017-2020"));
    let snapshot = root().join("tests/snapshots/vaucluse-struct.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
        std::fs::write(&snapshot, &tree).unwrap();
    }
    let expected = std::fs::read_to_string(&snapshot)
        .expect("tests/snapshots/vaucluse-struct.txt (UPDATE_SNAPSHOTS=1 writes it)");
    if tree != expected {
        let first = tree
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(tree.lines().count().min(expected.lines().count()));
        panic!(
            "the structure differs from the snapshot from line {}: got {:?}, expected {:?} \
             (UPDATE_SNAPSHOTS=1 rewrites it)",
            first + 1,
            tree.lines().nth(first),
            expected.lines().nth(first)
        );
    }
    // What the tree must show, whatever the snapshot says.
    for needle in [
        "\n  H1 “Sommaire”",
        "\n  TOC\n    TOCI\n      Reference\n        Link “Liste des sigles” [annotation]",
        "\n    TOCI\n      Reference\n        Link “Éditorial” [annotation]",
        "\n  H1 “Liste des sigles”\n  Table\n    THead\n      TR\n        TH /Scope /Column “Sigle”",
        "\n  BlockQuote\n    P “« Rassembler les forces du territoire",
        "\n  L /ListNumbering /Disc\n    LI\n      Lbl “•”\n      LBody “",
        "TH /Scope /Column “Instance”",
        "TH /Scope /Row\n        H4 “Composition”",
        "Form [annotation]",
    ] {
        assert!(tree.contains(needle), "{needle:?} not in\n{tree}");
    }
    let levels: Vec<u8> = tree
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('H'))
        .filter_map(|l| l[..1].parse().ok())
        .collect();
    assert!(
        levels.windows(2).all(|w| w[1] <= w[0] + 1),
        "a skipped level"
    );
}

#[test]
fn a_file_whose_every_field_is_signed_stays_tagged_and_valid() {
    let pki = pades::Pki::new();
    let work = tempfile::tempdir().unwrap();
    let mut current = work.path().join("step0.pdf");
    std::fs::copy(rendered("vaucluse-2017-2020"), &current).unwrap();
    let bytes = std::fs::read(&current).unwrap();
    let names: Vec<String> = pacte::signing::verify(
        &bytes,
        &pacte::signing::Trust::none(),
        &pacte::Limits::default(),
    )
    .unwrap()
    .fields
    .into_iter()
    .map(|f| f.name)
    .collect();
    assert_eq!(names.len(), 10);
    for (i, name) in names.iter().enumerate() {
        let next = work.path().join(format!("step{}.pdf", i + 1));
        let out = Command::new(env!("CARGO_BIN_EXE_pacte"))
            .arg("sign")
            .arg(&current)
            .arg("-o")
            .arg(&next)
            .args(["--field", name])
            .arg("--key")
            .arg(pki.path("ec.key"))
            .arg("--cert")
            .arg(pki.path("ec.pem"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        current = next;
    }
    // Incremental signing: every signature but the last covers its own revision, not the
    // whole file, which page-validation 0.11's byte-range rule asks of all.
    assert_valid(
        std::slice::from_ref(&current),
        &[
            "PDFA2A-SIGNATURE-BYTERANGE-001",
            "PDFUA1-SIGNATURE-BYTERANGE-001",
        ],
    );
    let marks = check(&["marks", current.to_str().unwrap()]);
    assert_eq!(marks["outside"], Value::Array(vec![]), "{marks}");
}

#[test]
fn footnotes_are_references_and_notes_with_an_id_after_their_paragraph() {
    let pdf = rendered("exemple-complet");
    assert_valid(std::slice::from_ref(&pdf), &[]);
    let raw = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let lines: Vec<&str> = raw.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    for n in ["1", "2"] {
        // The call: a Reference holding the number, inside a paragraph.
        let call = (1..lines.len())
            .find(|&k| {
                lines[k - 1].trim_start().starts_with("Reference")
                    && lines[k].trim() == format!("\"{n}\"")
            })
            .unwrap_or_else(|| panic!("no Reference \"{n}\" in:\n{raw}"));
        let p = (0..call)
            .rev()
            .find(|&k| lines[k].trim_start().starts_with("P "))
            .unwrap();
        // The note: its paragraph's next sibling or one of the notes following it, with
        // the identifier PDF/UA asks for.
        let note = (call..lines.len())
            .find(|&k| indent(lines[k]) <= indent(lines[p]))
            .unwrap();
        let wanted = format!("Note <note-{n}>");
        let found = (note..lines.len())
            .take_while(|&k| {
                lines[k].trim_start().starts_with("Note") || indent(lines[k]) > indent(lines[p])
            })
            .any(|k| {
                lines[k].trim_start().starts_with(&wanted) && indent(lines[k]) == indent(lines[p])
            });
        assert!(found, "{wanted} after the paragraph of its call:\n{raw}");
    }
}

#[test]
fn each_person_of_a_block_has_their_field_in_a_form_next_to_their_text() {
    let pdf = rendered("exemple-complet");
    assert_valid(std::slice::from_ref(&pdf), &[]);
    let tree = condensed_structure(&pdf);
    // The block's logo first (its box's figures differ from one theme to another).
    let caf = "\n    P “Pour la CAF de la Sarthe,”\
        \n    P “Le Président du conseil d’administration”\
        \n    P “Bernard Lefèvre”\
        \n    Form [annotation]\
        \n    P “Par délégation, Le Directeur adjoint”\
        \n    P “Claire Moreau”\
        \n    P “Fait au Mans, le 18 mars…”\
        \n    Form [annotation]\
        \n  Div\n";
    assert!(tree.contains(caf), "{caf} not in\n{tree}");
    let before: Vec<&str> = tree[..tree.find(caf).unwrap()]
        .lines()
        .rev()
        .take(2)
        .collect();
    assert!(before[0].starts_with("    Figure /BBox"), "{before:?}");
    assert_eq!(before[1], "  Div", "{tree}");
}

/// The children of the element at line `at` of a condensed structure: their lines.
fn children(tree: &[&str], at: usize) -> Vec<String> {
    let depth = |l: &str| l.len() - l.trim_start().len();
    let d = depth(tree[at]);
    let mut out = Vec::new();
    for l in &tree[at + 1..] {
        if depth(l) <= d {
            break;
        }
        if depth(l) == d + 2 {
            out.push(l.trim_start().to_string());
        }
    }
    out
}

#[test]
fn a_budget_table_has_its_caption_header_body_and_footer_and_passes() {
    let pdf = rendered("exemple-complet");
    assert_valid(std::slice::from_ref(&pdf), &[]);
    let tree = condensed_structure(&pdf);
    let lines: Vec<&str> = tree.lines().collect();
    for caption in [
        "Caption “Tableau 1 – Financement du PDI…”",
        "Caption “Tableau 2 – Places d’accompagnement ouvertes…”",
    ] {
        let at = lines
            .iter()
            .position(|l| l.trim_start() == caption)
            .unwrap_or_else(|| panic!("{caption} not in\n{tree}"));
        assert_eq!(lines[at - 1].trim_start(), "Table", "{caption}: its parent");
        let kids: Vec<String> = children(&lines, at - 1)
            .iter()
            .map(|k| k.split(' ').next().unwrap().to_string())
            .collect();
        assert_eq!(kids, ["Caption", "THead", "TBody", "TFoot"], "{caption}");
        let foot = (at..lines.len())
            .find(|&i| lines[i].trim_start() == "TFoot")
            .unwrap();
        assert_eq!(lines[foot + 1].trim_start(), "TR");
        assert_eq!(lines[foot + 2].trim_start(), "TD “Total”", "{tree}");
    }
    assert!(
        tree.contains("TH /Scope /Column “Montant (€)”"),
        "the header cells head their columns"
    );
}
