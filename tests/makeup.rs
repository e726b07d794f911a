//! The page make-up as a reader sees it, read back from the PDFs by MuPDF (see
//! `page_reader`): on both fixtures and six départements of the national template, no
//! widow or orphan line, no word cut across a page break, every table that goes on to a
//! page starts it with its header row, no stray space between paragraphs; Vaucluse's
//! signature blocks on one page.

mod common;
mod page_reader;

use common::{out_dir, rendered, root, tool};
use page_reader::{body_lines, read, Line, Page};
use std::path::{Path, PathBuf};

/// Body text or table text: dark, not a heading's colour.
fn dark(l: &Line) -> bool {
    let hex = l.color.trim_start_matches('#');
    hex.len() == 6
        && (0..3).all(|k| u8::from_str_radix(&hex[2 * k..2 * k + 2], 16).is_ok_and(|v| v < 0x50))
}

fn is_body(l: &Line, t: &pacte::Theme) -> bool {
    dark(l) && (l.size - t.body.size).abs() < 0.05
}

fn is_table(l: &Line, t: &pacte::Theme) -> bool {
    dark(l) && (l.size - t.table.size).abs() < 0.05
}

/// A justified line that reaches the right margin: its paragraph goes on after it.
fn goes_on(l: &Line, t: &pacte::Theme) -> bool {
    let right = t.page_width - t.margins[1];
    // An entry of a sommaire or an index (dot leaders, then a page number) is whole.
    let entry = l.text.contains(". . .") && l.last().is_some_and(|c| c.is_ascii_digit());
    is_body(l, t) && l.x1 > right - 1.0 && !matches!(l.last(), Some('.' | ':' | ';')) && !entry
}

/// The make-up faults of a rendered document, each named with its page.
fn faults(pdf: &Path) -> Vec<String> {
    let t = pacte::Theme::default();
    let pages: Vec<Page> = read(pdf);
    let body: Vec<Vec<Line>> = pages.iter().map(|p| body_lines(p, &t)).collect();
    let mut out = Vec::new();
    let name = pdf.file_name().unwrap().to_string_lossy().to_string();
    // Pages of the flow: not the cover, not a back cover (no running footer there).
    let flow: Vec<usize> = (1..pages.len())
        .filter(|&i| pages[i].lines.iter().any(|l| l.text.starts_with("Page ")))
        .collect();
    for w in flow.windows(2) {
        let (p, q) = (w[0], w[1]);
        let (Some(last), Some(first)) = (body[p].last(), body[q].first()) else {
            continue;
        };
        let page = p + 1;
        if last.last() == Some('-') && (is_body(last, &t) || is_table(last, &t)) {
            out.push(format!(
                "{name} p. {page}: a word cut across the page break: {:?}",
                last.text
            ));
        }
        if last.last() == Some(':') && is_body(last, &t) {
            out.push(format!(
                "{name} p. {page}: a lead-in ends the page, apart from what it introduces: {:?}",
                last.text
            ));
        }
        if goes_on(last, &t) && is_body(first, &t) {
            // The paragraph goes on: not one line alone on either side.
            let before = body[p].iter().rev().nth(1);
            let alone_at_foot = before.is_none_or(|b| {
                !is_body(b, &t) || last.baseline - b.baseline > t.body.leading + 0.5
            });
            if alone_at_foot {
                out.push(format!("{name} p. {page}: orphan line {:?}", last.text));
            }
            if !goes_on(first, &t) {
                out.push(format!(
                    "{name} p. {}: widow line {:?}",
                    page + 1,
                    first.text
                ));
            }
        }
        if is_table(last, &t) && is_table(first, &t) {
            // The table goes on: find its header, the first of its lines.
            let mut header: Option<&Line> = None;
            'back: for k in (0..=p).rev() {
                for l in body[k].iter().rev() {
                    if !is_table(l, &t) {
                        break 'back;
                    }
                    header = Some(l);
                }
            }
            if header.is_some_and(|h| h.text.trim() != first.text.trim()) {
                out.push(format!(
                    "{name} p. {}: a table goes on without its header: {:?} instead of {:?}",
                    page + 1,
                    first.text,
                    header.map(|h| &h.text)
                ));
            }
        }
    }
    // Nothing below the column but the page number.
    let foot = t.page_height - t.margins[2] + 4.0;
    for &i in &flow {
        for l in pages[i].lines.iter().filter(|l| l.baseline > foot) {
            if !l.text.starts_with("Page ") {
                out.push(format!(
                    "{name} p. {}: {:?} below the column",
                    i + 1,
                    l.text
                ));
            }
        }
    }
    // Spacing: between two lines of body text, the leading or the leading plus one of the
    // theme's spaces (paragraph, list, item); a larger gap that is no room for something
    // drawn (a rule, a signature area) is a stray blank line.
    let most = t.body.leading + t.paragraph_gap + 0.6;
    let middle = t.margins[3] + t.column_width() / 2.0;
    for &i in &flow {
        for pair in body[i].windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let gap = b.baseline - a.baseline;
            // (A right-aligned line, the editorial's signature, is followed by a rule.)
            let paragraph = |l: &Line| is_body(l, &t) && l.x0 < middle;
            if paragraph(a) && paragraph(b) && gap > most && gap < 2.6 * t.body.leading {
                out.push(format!(
                    "{name} p. {}: {gap:.1} pt between {:?} and {:?}",
                    i + 1,
                    a.text,
                    b.text
                ));
            }
        }
    }
    out
}

/// The documents checked: both fixtures and six départements of the national template.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![rendered("vaucluse-2017-2020"), rendered("allier-2018-2021")];
    let dir = out_dir().join(format!("makeup-national-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(["batch", "--template"])
        .arg(root().join("fixtures/modele-national.json"))
        .args(["--departements", "01,2A,13,59,75,974", "--out-dir"])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success(), "pacte batch failed");
    let mut national: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    national.sort();
    assert_eq!(national.len(), 6, "{national:?}");
    docs.extend(national);
    docs
}

#[test]
fn pages_have_no_widow_orphan_cut_word_headless_table_or_stray_space() {
    let mut all = Vec::new();
    for pdf in documents() {
        all.extend(faults(&pdf));
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}

/// The checks find what they look for: a long table that must break, on a page of its own.
#[test]
fn a_long_table_repeats_its_header_and_the_checks_see_it() {
    let src = root().join("fixtures/vaucluse-2017-2020.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&src).unwrap()).unwrap();
    let mut table = String::from(
        "Les actions comptées par territoire :\n\n| Territoire | Actions | Part |\n|---|---|---|\n",
    );
    for k in 1..=90 {
        table.push_str(&format!(
            "| Territoire d'action sociale numéro {k} et ses communes | {} | {},5 % |\n",
            k * 17,
            k % 40
        ));
    }
    json["sections"][0]["texte"] = serde_json::Value::String(table);
    let dir = out_dir();
    let input = dir.join(format!("makeup-table-{}.json", std::process::id()));
    std::fs::write(&input, serde_json::to_string(&json).unwrap()).unwrap();
    let pdf = dir.join(format!("makeup-table-{}.pdf", std::process::id()));
    let options = pacte::RenderOptions::for_file(&src);
    pacte::render_file(&input, &pdf, &options, &pacte::io::AtomicWrites::new())
        .unwrap_or_else(|e| panic!("{e}"));
    let t = pacte::Theme::default();
    let pages = read(&pdf);
    let headed: Vec<usize> = pages
        .iter()
        .filter(|p| {
            body_lines(p, &t)
                .first()
                .is_some_and(|l| l.text.trim() == "Territoire Actions Part")
        })
        .map(|p| p.number)
        .collect();
    assert!(
        headed.len() >= 2,
        "the header opens {headed:?} only: {}",
        tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
    );
    // Numbers are set flush right: the last column's figures all end at the same place.
    let ends: Vec<f32> = pages
        .iter()
        .flat_map(|p| body_lines(p, &t))
        .filter(|l| is_table(l, &t) && l.text.trim_end().ends_with('%'))
        .map(|l| l.x1)
        .collect();
    assert!(ends.len() >= 90, "{} rows read", ends.len());
    let (lo, hi) = ends
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    assert!(hi - lo < 0.6, "figures end between {lo} and {hi}");
    let f = faults(&pdf);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn vaucluse_signature_blocks_on_one_page() {
    let pdf = rendered("vaucluse-2017-2020");
    let pages = read(&pdf);
    let per_page: Vec<(usize, usize)> = pages
        .iter()
        .map(|p| {
            let n = p
                .lines
                .iter()
                .filter(|l| l.bold)
                .map(|l| l.text.matches("Pour ").count())
                .sum();
            (p.number, n)
        })
        .filter(|&(_, n)| n > 0)
        .collect();
    assert_eq!(per_page.len(), 1, "blocks per page: {per_page:?}");
    assert_eq!(per_page[0].1, 10, "blocks per page: {per_page:?}");
}

/// Words that no hyphenation pattern cuts the same way twice: "mot" and a number.
fn words_from(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|k| format!("{prefix}{k}")).collect()
}

/// Nothing is lost: long and deep inputs in every kind of block (paragraph, list nested 24
/// levels deep, quotation, table cell, heading, partner's presentation, governance table
/// cell, the editorial's quotation, the duration, a signatory's quality and name, the
/// contact block over two back pages) all reach the page, every word of them.
#[test]
fn long_and_deep_inputs_lose_no_word() {
    let src = root().join("fixtures/vaucluse-2017-2020.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&src).unwrap()).unwrap();
    let contact = words_from("cq", 900);
    let qualite = words_from("qs", 500);
    let nom = words_from("sn", 60);
    let deep = words_from("dl", 24); // the deepest the model takes
    let cell = words_from("tc", 300);
    let para = words_from("lp", 700);
    let item = words_from("li", 300);
    let quote = words_from("bq", 300);
    let heading = words_from("hd", 40);
    let presentation = words_from("pp", 600);
    let instance = words_from("in", 120);
    let frequence = words_from("fq", 80);
    let citation = words_from("ec", 200);
    let duree = words_from("du", 400);
    json["contact"]["adresse"] = contact.join(" ").into();
    json["signataires"][0]["qualite"] = qualite.join(" ").into();
    json["signataires"][1]["nom"] = nom.join(" ").into();
    let mut md = format!("{}\n\n", para.join(" "));
    for (k, w) in deep.iter().enumerate() {
        md.push_str(&format!("{}- niveau {w}\n", "  ".repeat(k)));
    }
    md.push_str(&format!(
        "\n\nAvant la liste :\n\n- {}\n- court\n",
        item.join(" ")
    ));
    md.push_str(&format!("\n\n> {}\n", quote.join(" ")));
    md.push_str(&format!(
        "\n\n| Cellule | Texte |\n|---|---|\n| courte | {} |\n",
        cell.join(" ")
    ));
    json["sections"][0]["texte"] = md.into();
    json["sections"][1]["titre"] = heading.join(" ").into();
    json["partenaires"][0]["presentation"] = presentation.join(" ").into();
    let first = &mut json["gouvernance"]["groupes"][0]["instances"][0];
    first["nom"] = instance.join(" ").into();
    first["frequence"] = frequence.join(" ").into();
    json["editorial"]["citation"]["texte"] = citation.join(" ").into();
    json["duree"] = duree.join(" ").into();
    let all: Vec<&String> = [
        &contact,
        &qualite,
        &nom,
        &deep,
        &cell,
        &para,
        &item,
        &quote,
        &heading,
        &presentation,
        &instance,
        &frequence,
        &citation,
        &duree,
    ]
    .into_iter()
    .flatten()
    .collect();
    let dir = out_dir();
    let input = dir.join(format!("makeup-long-{}.json", std::process::id()));
    std::fs::write(&input, serde_json::to_string(&json).unwrap()).unwrap();
    let pdf = dir.join(format!("makeup-long-{}.pdf", std::process::id()));
    let options = pacte::RenderOptions::for_file(&src);
    pacte::render_file(&input, &pdf, &options, &pacte::io::AtomicWrites::new())
        .unwrap_or_else(|e| panic!("{e}"));
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).replace("-\n", "");
    // Words as pdftotext reads them, stripped of the punctuation around them.
    let found: std::collections::HashSet<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let lost: Vec<&&String> = all.iter().filter(|w| !found.contains(w.as_str())).collect();
    assert!(lost.is_empty(), "{} words lost: {lost:?}", lost.len());
    let below: Vec<String> = faults(&pdf)
        .into_iter()
        .filter(|f| f.contains("below the column"))
        .collect();
    assert!(below.is_empty(), "{below:#?}");
    // And nothing runs off a page: every word inside the page.
    let t = pacte::Theme::default();
    for page in read(&pdf) {
        for l in &page.lines {
            assert!(
                l.x1 <= t.page_width && l.baseline <= t.page_height,
                "p. {}: {:?} off the page",
                page.number,
                l.text
            );
        }
    }
}

/// What truly cannot be placed fails the render with its name, never lost: a cover title
/// longer than the cover.
#[test]
fn an_unplaceable_title_fails_the_render_with_its_name() {
    let src = root().join("fixtures/vaucluse-2017-2020.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&src).unwrap()).unwrap();
    json["titre"] = words_from("titre", 400).join(" ").into();
    let dir = out_dir();
    let input = dir.join(format!("makeup-title-{}.json", std::process::id()));
    std::fs::write(&input, serde_json::to_string(&json).unwrap()).unwrap();
    let pdf = dir.join(format!("makeup-title-{}.pdf", std::process::id()));
    let options = pacte::RenderOptions::for_file(&src);
    let err = pacte::render_file(&input, &pdf, &options, &pacte::io::AtomicWrites::new())
        .expect_err("the title cannot fit");
    let message = err.to_string();
    assert!(
        message.contains("titre") && message.contains("cover"),
        "{message}"
    );
    assert!(!pdf.exists(), "no PDF is written");
}
