//! The index of the fiches-action, read back as a reader reads it: pdftotext page by page
//! (every page number printed is the page where the engagement's text stands), the fiches
//! sorted, the validation of `fiches_pdi`, and the HTML edition's links (scraper).

mod common;

use common::{page_text, pages, root, squash, tool};
use pacte::Pacte;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

const TITLE: &str = "Fiches-action du PDI et engagements";

/// An engagement citing fiches: the beginning of its text, as the index will find it.
#[derive(Debug, Clone)]
struct Cited {
    fiches: Vec<u64>,
    text: String,
}

/// The citing engagements of a pact's JSON, in document order.
fn cited(json: &serde_json::Value) -> Vec<Cited> {
    fn engagements(v: &serde_json::Value, out: &mut Vec<Cited>) {
        for e in v.as_array().into_iter().flatten() {
            let fiches: Vec<u64> = e["fiches_action"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n.as_u64())
                .collect();
            if !fiches.is_empty() {
                let text = e["texte"].as_str().unwrap().replace("**", "");
                out.push(Cited { fiches, text });
            }
            engagements(&e["sous_engagements"], out);
        }
    }
    fn partenaires(v: &serde_json::Value, out: &mut Vec<Cited>) {
        for p in v.as_array().into_iter().flatten() {
            engagements(&p["engagements"], out);
            partenaires(&p["sous_partenaires"], out);
        }
    }
    let mut out = Vec::new();
    partenaires(&json["partenaires"], &mut out);
    out
}

/// The index's entries as the pact implies them: (fiche, engagement), by fiche then in
/// document order.
fn expected(json: &serde_json::Value) -> Vec<(u64, Cited)> {
    let mut out: Vec<(u64, Cited)> = Vec::new();
    for c in cited(json) {
        let mut fiches = c.fiches.clone();
        fiches.dedup();
        for f in fiches {
            out.push((f, c.clone()));
        }
    }
    out.sort_by_key(|(f, _)| *f);
    out
}

fn fixture_json(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(format!("fixtures/{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Renders `json` (a fixture changed by the test), its files (logos, figures) read from the
/// fixtures' folder.
fn render(json: &serde_json::Value, name: &str) -> PathBuf {
    let dir = common::out_dir();
    let src = dir.join(format!("{name}-{}.json", std::process::id()));
    std::fs::write(&src, serde_json::to_string(json).unwrap()).unwrap();
    let out = dir.join(format!("{name}-{}.pdf", std::process::id()));
    let options = pacte::RenderOptions::for_dir(&root().join("fixtures"));
    pacte::render_file(&src, &out, &options, &pacte::io::AtomicWrites::new())
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

/// Letters and digits only, lower case: what survives line breaks, hyphenation and the
/// typography's spaces and apostrophes.
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The index as printed: the pages it covers, its fiches' numbers in order, and the page
/// number that closes each entry, in order.
struct Printed {
    pages: Vec<usize>,
    fiches: Vec<u64>,
    numbers: Vec<usize>,
}

fn printed(pdf: &Path) -> Printed {
    let mut out = Printed {
        pages: vec![],
        fiches: vec![],
        numbers: vec![],
    };
    for p in 1..=pages(pdf) {
        let text = page_text(pdf, p);
        let starts = text
            .lines()
            .any(|l| l.trim_start().starts_with("Annexe") && l.contains(TITLE))
            && !text.contains("Sommaire");
        let heading_here = text.lines().any(|l| l.trim() == TITLE);
        let more = !out.pages.is_empty() && text.contains("Fiche-action n");
        if !(starts || heading_here || more) {
            if !out.pages.is_empty() {
                break;
            }
            continue;
        }
        out.pages.push(p);
        for line in text.lines() {
            let l = line.trim();
            if let Some(rest) = l.strip_prefix("Fiche-action n") {
                let digits: String = rest
                    .trim_start_matches(['o', '°', ' ', '\u{a0}', '\u{202f}'])
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                out.fiches.push(digits.parse().unwrap());
            } else if let Some((head, n)) = l.rsplit_once(' ') {
                // An entry's last line: dot leaders, then the page number.
                let leaders = head.trim_end().ends_with("..") || head.trim_end().ends_with(". .");
                if leaders && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                    out.numbers.push(n.parse().unwrap());
                }
            }
        }
    }
    out
}

/// Every entry's page number is the first page (outside the index) where the engagement's
/// text stands; the fiches are in order, each once.
fn check_pages(pdf: &Path, json: &serde_json::Value) {
    let want = expected(json);
    let got = printed(pdf);
    assert!(!got.pages.is_empty(), "no index in {}", pdf.display());
    let mut fiches: Vec<u64> = want.iter().map(|(f, _)| *f).collect();
    fiches.dedup();
    assert_eq!(got.fiches, fiches, "the fiches, sorted, each once");
    assert_eq!(got.numbers.len(), want.len(), "one page number per entry");
    let texts: Vec<String> = (1..=pages(pdf))
        .map(|p| compact(&page_text(pdf, p)))
        .collect();
    for ((fiche, c), page) in want.iter().zip(&got.numbers) {
        let needle: String = compact(&c.text).chars().take(50).collect();
        let first = (1..=texts.len())
            .filter(|p| !got.pages.contains(p))
            .find(|&p| texts[p - 1].contains(&needle));
        assert_eq!(
            first,
            Some(*page),
            "fiche {fiche}: «{}…» is printed at page {page}",
            c.text.chars().take(60).collect::<String>()
        );
    }
}

#[test]
fn vaucluse_index_prints_the_true_pages() {
    let pdf = common::rendered("vaucluse-2017-2020");
    check_pages(&pdf, &fixture_json("vaucluse-2017-2020"));
}

#[test]
fn exemple_index_prints_titles_and_true_pages() {
    let pdf = common::rendered("exemple-complet");
    let json = fixture_json("exemple-complet");
    check_pages(&pdf, &json);
    let got = printed(&pdf);
    let text = squash(&page_text(&pdf, got.pages[0]));
    assert!(
        text.contains("Annexe 4 – Fiches-action du PDI et engagements"),
        "{text}"
    );
    assert!(
        text.contains("Fiche-action no 3 – Orienter rapidement les nouveaux allocataires"),
        "{text}"
    );
    // Unlisted fiche 4, cited by no engagement, has no entry.
    assert!(!got.fiches.contains(&4));
    // The sommaire lists the annex at its page.
    let entry = common::sommaire(&pdf)
        .into_iter()
        .find(|(t, _)| t.contains(TITLE))
        .expect("the index in the sommaire");
    assert_eq!(entry.1, got.pages[0]);
}

/// After the sommaire, the index moves every page after it: the numbers it prints follow.
#[test]
fn index_after_the_sommaire_prints_the_true_pages() {
    let mut json = fixture_json("vaucluse-2017-2020");
    json["index_fiches"] = serde_json::json!("apres_sommaire");
    let pdf = render(&json, "fiches-apres-sommaire");
    check_pages(&pdf, &json);
    assert!(printed(&pdf).pages[0] <= 4, "right after the sommaire");
}

#[test]
fn index_can_be_left_out() {
    let mut json = fixture_json("exemple-complet");
    json["index_fiches"] = serde_json::json!("omis");
    let pdf = render(&json, "fiches-omis");
    let all = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(!all.contains(TITLE));
    assert_eq!(pages(&pdf) + 1, pages(&common::rendered("exemple-complet")));
}

#[test]
fn allier_cites_no_fiche_and_has_no_index() {
    assert!(cited(&fixture_json("allier-2018-2021")).is_empty());
    let pdf = common::rendered("allier-2018-2021");
    let all = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(!all.contains(TITLE));
}

fn problems(json: &serde_json::Value) -> String {
    let p = Pacte::from_json(&json.to_string()).unwrap();
    match p.validate(Some(&root().join("fixtures"))) {
        Ok(()) => String::new(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_unknown_fiche_is_named_by_its_path() {
    let mut json = fixture_json("exemple-complet");
    assert_eq!(problems(&json), "");
    json["partenaires"][1]["sous_partenaires"][0]["engagements"][0]["fiches_action"] =
        serde_json::json!([1, 99]);
    let e = problems(&json);
    assert!(
        e.contains("partenaires[1].sous_partenaires[0].engagements[0].fiches_action[1]: fiche-action 99 is not in fiches_pdi"),
        "{e}"
    );
    // Without a list of the PDI's fiches, any number may be cited.
    json.as_object_mut().unwrap().remove("fiches_pdi");
    assert_eq!(problems(&json), "");
}

#[test]
fn duplicate_fiche_numbers_are_refused() {
    let mut json = fixture_json("exemple-complet");
    json["fiches_pdi"][2]["numero"] = serde_json::json!(1);
    let e = problems(&json);
    assert!(
        e.contains("fiches_pdi[2].numero: duplicate fiche-action number 1 (already fiches_pdi[0])"),
        "{e}"
    );
}

#[test]
fn the_schema_describes_the_index() {
    let schema = Pacte::json_schema().to_string();
    for key in [
        "\"fiches_pdi\"",
        "\"index_fiches\"",
        "\"numero\"",
        "\"omis\"",
    ] {
        assert!(schema.contains(key), "{key} not in the schema");
    }
}

/// The HTML edition: the same annex, each entry a link to an engagement that exists and
/// says what the entry quotes.
#[test]
fn html_index_links_to_the_engagements() {
    let json = fixture_json("vaucluse-2017-2020");
    let p = common::pacte("vaucluse-2017-2020");
    let options = pacte::RenderOptions::for_dir(&root().join("fixtures"));
    let html = pacte::render_html(&p, &options).unwrap();
    let doc = Html::parse_document(&html);
    let h1 = Selector::parse("h1").unwrap();
    let heading = doc
        .select(&h1)
        .find(|h| h.text().collect::<String>().contains(TITLE))
        .expect("the annex's heading");
    let said = squash(&heading.text().collect::<String>());
    assert!(said.starts_with("Annexe 1 –"), "{said}");
    let links = Selector::parse("dl.fiches a").unwrap();
    let want = expected(&json);
    let got: Vec<_> = doc.select(&links).collect();
    assert_eq!(got.len(), want.len());
    for (a, (fiche, c)) in got.iter().zip(&want) {
        let href = a.value().attr("href").unwrap();
        let id = href.strip_prefix('#').unwrap();
        let target = Selector::parse(&format!("[id=\"{id}\"]")).unwrap();
        let found: Vec<_> = doc.select(&target).collect();
        assert_eq!(found.len(), 1, "fiche {fiche}: {href} names one element");
        let said = compact(&found[0].text().collect::<String>());
        let needle: String = compact(&c.text).chars().take(50).collect();
        assert!(
            said.starts_with(&needle),
            "fiche {fiche}: {href} is «{}»",
            c.text
        );
    }
    let dt = Selector::parse("dl.fiches dt").unwrap();
    let fiches: Vec<String> = doc.select(&dt).map(|h| h.text().collect()).collect();
    assert!(
        fiches.iter().all(|f| f.starts_with("Fiche-action n")),
        "{fiches:?}"
    );
    let mut want_fiches: Vec<u64> = want.iter().map(|(f, _)| *f).collect();
    want_fiches.dedup();
    assert_eq!(fiches.len(), want_fiches.len());
}
