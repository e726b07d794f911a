//! Tables as a reader sees them in the PDF of `fixtures/exemple-complet.json`: numbered
//! captions above their tables, numbers flush right, the widths the pact gives, the total row
//! in bold and last; and the fixtures' lists of sigles, each acronym whole in its column.
//! Read with poppler's `pdftotext` and MuPDF's structured text.

mod common;
mod page_reader;

use common::{rendered, squash, tool, word_boxes, WordBox};

/// The whole text of the PDF, white space squashed.
fn text() -> String {
    let pdf = rendered("exemple-complet");
    squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]))
}

/// The words of the visual row that starts with `first` (on the page of `caption`, below
/// it), left to right.
fn row<'a>(boxes: &'a [WordBox], caption: &str, first: &str) -> Vec<&'a WordBox> {
    let cap = boxes
        .iter()
        .find(|b| b.word == "Tableau" && after(boxes, b).starts_with(caption))
        .unwrap_or_else(|| panic!("no caption {caption}"));
    let start = boxes
        .iter()
        .find(|b| b.page == cap.page && b.y0 > cap.y0 && b.word == first)
        .unwrap_or_else(|| panic!("no row {first} below {caption}"));
    let mut words: Vec<&WordBox> = boxes
        .iter()
        .filter(|b| b.page == start.page && (b.y0 - start.y0).abs() < 1.0)
        .collect();
    words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    words
}

/// The text of the words from `b` on, on its line.
fn after(boxes: &[WordBox], b: &WordBox) -> String {
    let line: Vec<&str> = boxes
        .iter()
        .filter(|o| o.page == b.page && (o.y0 - b.y0).abs() < 1.0 && o.x0 >= b.x0)
        .map(|o| o.word.as_str())
        .collect();
    line.join(" ")
}

/// The right edges of the last two columns of each row: the last word, and the word before
/// the last column's (the numbers' last group).
fn right_edges(rows: &[Vec<&WordBox>]) -> (Vec<f32>, Vec<f32>) {
    let last: Vec<f32> = rows.iter().map(|r| r[r.len() - 1].x1).collect();
    let before: Vec<f32> = rows.iter().map(|r| r[r.len() - 2].x1).collect();
    (before, last)
}

fn within_one_point(xs: &[f32], what: &str) {
    let (lo, hi) = xs
        .iter()
        .fold((f32::MAX, f32::MIN), |(l, h), &x| (l.min(x), h.max(x)));
    assert!(
        hi - lo <= 1.0,
        "{what}: right edges {xs:?} differ by more than 1 pt"
    );
}

#[test]
fn captions_are_numbered_in_order_through_the_document() {
    let t = text();
    let one = t
        .find("Tableau 1 – Financement du PDI 2025")
        .unwrap_or_else(|| panic!("no first caption in {t}"));
    let two = t
        .find("Tableau 2 – Places d’accompagnement ouvertes en 2025")
        .unwrap_or_else(|| panic!("no second caption in {t}"));
    assert!(one < two, "the captions are numbered in reading order");
    assert!(
        !t.contains("Tableau 3"),
        "the annexe's table has no caption, no number"
    );
    assert!(
        !t.contains("Tableau : Places"),
        "the Markdown caption line is the caption, not a paragraph"
    );
    // Each caption stands above its table's header row.
    let header = t[one..].find("Financeur Montant (€) Part (%)").unwrap();
    let caption = "Tableau 1 – Financement du PDI 2025".len();
    assert_eq!(header, caption + 1, "the header row follows the caption");
}

#[test]
fn numbers_are_flush_right_and_the_given_widths_are_kept() {
    let pdf = rendered("exemple-complet");
    let boxes = word_boxes(&pdf);
    let cap = "Tableau 1";
    let rows: Vec<Vec<&WordBox>> = ["Département", "État", "Fonds", "CAF", "Total"]
        .iter()
        .map(|first| row(&boxes, cap, first))
        .collect();
    let (amounts, shares) = right_edges(&rows);
    within_one_point(&amounts, "Montant (€)");
    within_one_point(&shares, "Part (%)");
    // Fractions 0.5, 0.3, 0.2 of the measure: the last column is 0.2 of it, the first
    // column's text starts at the table's left plus the cell padding.
    let theme = pacte::Theme::default();
    let w = theme.column_width();
    let part = shares[0] - amounts[0];
    assert!(
        (part - 0.2 * w).abs() < 1.0,
        "the last column is {part} pt wide, not 0.2 × {w}"
    );
    let left = row(&boxes, cap, "Financeur")[0].x0 - theme.tables.padding;
    let right = shares[0] + theme.tables.padding;
    assert!(
        (right - left - w).abs() < 1.5,
        "the table spans {left}..{right}, not the measure {w}"
    );

    // The Markdown table's `---:` columns.
    let rows: Vec<Vec<&WordBox>> = ["Accompagnement", "Chantiers", "Mobilité", "Total"]
        .iter()
        .map(|first| row(&boxes, "Tableau 2", first))
        .collect();
    let (places, new) = right_edges(&rows);
    within_one_point(&places, "Places");
    within_one_point(&new, "Dont nouvelles");
}

#[test]
fn the_total_row_is_bold_and_last_below_its_rows() {
    let pdf = rendered("exemple-complet");
    let pages = page_reader::read(&pdf);
    for (caption, rows) in [
        (
            "Tableau 1",
            ["Département", "État", "Fonds", "CAF"].as_slice(),
        ),
        (
            "Tableau 2",
            ["Accompagnement", "Chantiers", "Mobilité"].as_slice(),
        ),
    ] {
        let page = pages
            .iter()
            .find(|p| p.lines.iter().any(|l| l.text.starts_with(caption)))
            .unwrap_or_else(|| panic!("no page with {caption}"));
        let at = page
            .lines
            .iter()
            .position(|l| l.text.starts_with(caption))
            .unwrap();
        let below = &page.lines[at + 1..];
        let total = below
            .iter()
            .position(|l| l.text.starts_with("Total"))
            .unwrap_or_else(|| panic!("{caption}: no total row on its page"));
        let line = &below[total];
        assert!(line.bold, "{caption}: the total row is not bold: {line:?}");
        for first in rows {
            let r = below
                .iter()
                .position(|l| l.text.starts_with(first))
                .unwrap_or_else(|| panic!("{caption}: no row {first} on the total's page"));
            assert!(r < total, "{caption}: row {first} is after the total");
            assert!(!below[r].bold, "{caption}: the body row {first} is bold");
        }
        // Nothing of the table after the total: the next line is no row of numbers.
        if let Some(next) = below
            .get(total + 1)
            .filter(|l| !l.text.starts_with("Page "))
        {
            let digits = next.text.chars().filter(char::is_ascii_digit).count();
            assert!(
                !next.text.starts_with("Tableau") && digits < 3,
                "{caption}: a line after the total row: {next:?}"
            );
        }
    }
}

/// exemple-complet with `duree` set to `texte` (a Markdown string or the array form).
fn with_duree(texte: serde_json::Value) -> pacte::Pacte {
    let path = common::root().join("fixtures/exemple-complet.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json["duree"] = texte;
    pacte::Pacte::from_json(&json.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn options() -> pacte::RenderOptions {
    pacte::RenderOptions::for_dir(&common::root().join("fixtures"))
}

/// A table of 70 rows under two header rows (the second set apart by a `---` line), and a
/// total.
fn two_header_rows_markdown() -> String {
    let mut md = String::from(
        "Tableau : Places par année\n\n\
         | Action | 2024 | 2024 | 2025 | 2025 |\n\
         |:---|---:|---:|---:|---:|\n\
         | | Places | Nouvelles | Places | Nouvelles |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    for i in 1..=70 {
        md.push_str(&format!("| Ligne {i} | {i}0 | {i} | {i}1 | {i}2 |\n"));
    }
    md.push_str("| === | === | === | === | === |\n| Total | 1 | 2 | 3 | 4 |\n");
    md
}

/// The rows of each `THead` of the structure tree (pikepdf): each row's cells' kinds.
fn thead_rows(pdf: &std::path::Path) -> Vec<Vec<Vec<String>>> {
    let script = r#"
import json, pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
def kids(e):
    k = e.get("/K")
    if k is None: return []
    k = list(k) if isinstance(k, pikepdf.Array) else [k]
    return [x for x in k if isinstance(x, pikepdf.Dictionary) and "/S" in x]
heads = []
def walk(e):
    for k in kids(e):
        if k.S == "/THead":
            heads.append([[str(c.S)[1:] for c in kids(tr)] for tr in kids(k)])
        walk(k)
walk(pdf.Root.StructTreeRoot)
print(json.dumps(heads))
"#;
    let out = tool(&common::python(), &["-c", script, pdf.to_str().unwrap()]);
    serde_json::from_str(&out).unwrap()
}

#[test]
fn two_header_rows_are_repeated_on_each_page_and_tagged_as_the_head() {
    let p = with_duree(serde_json::json!(two_header_rows_markdown()));
    let pdf = common::out_dir().join(format!("entetes-{}.pdf", std::process::id()));
    std::fs::write(&pdf, pacte::render_pdf(&p, &options()).unwrap()).unwrap();
    // Every page the table is on shows both header rows above its first row.
    let mut pages = 0;
    for page in 1..=common::pages(&pdf) {
        let text = squash(&common::page_text(&pdf, page));
        let Some(first) = text.find("Ligne ") else {
            continue;
        };
        pages += 1;
        let head = "Action 2024 2024 2025 2025 Places Nouvelles Places Nouvelles";
        let at = text
            .find(head)
            .unwrap_or_else(|| panic!("page {page}: {text}"));
        assert!(at < first, "page {page}: {text}");
    }
    assert!(pages >= 2, "the table spans pages");
    // One THead (the repeats are artifacts) of two rows of header cells.
    let heads = thead_rows(&pdf);
    let th = vec!["TH".to_string(); 5];
    assert!(heads.contains(&vec![th.clone(), th]), "{heads:?}");
    // The HTML edition: both rows in the <thead>, as column headers.
    let html = pacte::render_html(&p, &options()).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let table = doc
        .select(&sel("table"))
        .find(|t| t.text().any(|x| x.contains("Places par année")))
        .unwrap();
    let rows: Vec<Vec<String>> = table
        .select(&sel("thead > tr"))
        .map(|tr| {
            tr.select(&sel("th[scope=col]"))
                .map(|th| th.text().collect::<String>())
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        [
            vec!["Action", "2024", "2024", "2025", "2025"],
            vec!["", "Places", "Nouvelles", "Places", "Nouvelles"]
        ]
    );
    assert_eq!(table.select(&sel("tbody > tr")).count(), 70);
    assert_eq!(table.select(&sel("tfoot > tr")).count(), 1);
}

#[test]
fn the_typed_form_gives_more_header_rows_and_checks_their_cells() {
    let block = |sous: serde_json::Value| {
        serde_json::json!([
            "Les montants :",
            {"type": "tableau", "legende": "Montants par financeur",
             "colonnes": [{"titre": "Financeur", "largeur": 0.6}, {"titre": "Montant", "largeur": 0.4}],
             "sous_entetes": sous,
             "lignes": [["Département", "4 250 000"], ["État", "1 250 000"]]}
        ])
    };
    let p = with_duree(block(serde_json::json!([["", "en euros"]])));
    assert_eq!(pacte::Pacte::from_json(&p.to_json()).unwrap(), p);
    let pdf = common::out_dir().join(format!("entetes-json-{}.pdf", std::process::id()));
    std::fs::write(&pdf, pacte::render_pdf(&p, &options()).unwrap()).unwrap();
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert!(
        text.contains("Financeur Montant en euros Département 4 250 000"),
        "{text}"
    );
    let heads = thead_rows(&pdf);
    let th = vec!["TH".to_string(); 2];
    assert!(heads.contains(&vec![th.clone(), th]), "{heads:?}");
    let html = pacte::render_html(&p, &options()).unwrap();
    assert!(
        html.contains(
            "<th scope=\"col\"></th><th scope=\"col\" style=\"text-align:right;\">en euros</th>"
        ) || html.contains("en euros</th></tr>\n</thead>"),
        "{html}"
    );
    // A header row with a wrong count of cells is refused where it is written.
    let mut json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("fixtures/exemple-complet.json")).unwrap(),
    )
    .unwrap();
    json["duree"] = block(serde_json::json!([["en euros"]]));
    let e = pacte::Pacte::from_json(&json.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("sous_entetes[0]") && e.contains("1 cells"),
        "{e}"
    );
}

#[test]
fn a_column_as_wide_as_its_widest_word_sets_that_word_whole() {
    // The sigle column is as wide as its widest acronym (DIRECCTE in Vaucluse's list): each
    // acronym is one word of the list's pages, never cut between two lines. (Allier's pact
    // prints no list.)
    for name in ["vaucluse-2017-2020", "exemple-complet"] {
        let boxes = word_boxes(&rendered(name));
        let header = boxes
            .iter()
            .find(|b| b.word == "Signification")
            .unwrap_or_else(|| panic!("{name}: the list of sigles"));
        let on_list: Vec<&str> = boxes
            .iter()
            .filter(|b| b.page == header.page || b.page == header.page + 1)
            .map(|b| b.word.as_str())
            .collect();
        let sigles = common::pacte(name).liste_des_sigles();
        assert!(sigles.len() > 3, "{name}");
        for s in &sigles {
            for part in s.sigle.split_whitespace() {
                assert!(
                    on_list.contains(&part),
                    "{name}: {part:?} of {:?} is not whole on the list's pages",
                    s.sigle
                );
            }
        }
    }
}
