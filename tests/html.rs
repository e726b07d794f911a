//! The HTML edition, read back as a reader would: parsed by an HTML5 parser (scraper,
//! html5ever) for its structure; its headings compared with the PDF's bookmarks as MuPDF
//! reads them; its words with the seed's; and opened in headless Chromium (Debian's
//! chromium-headless-shell, driven by puppeteer-core) where axe-core finds no WCAG 2.x A/AA
//! violation (tests/axe_check.mjs).

mod common;
use assert_cmd::cargo::cargo_bin_cmd;
use common::*;
use pacte::template::Template;
use pacte::Pacte;
use pacte::{render_html, RenderOptions};
use scraper::{ElementRef, Html, Selector};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The national template resolved for a département.
fn national(code: &str) -> Pacte {
    let m = Template::load(&root().join("fixtures/modele-national.json")).unwrap();
    m.resolve(pacte::registry::departement(code).unwrap(), None)
        .unwrap()
}

/// The pacts under test: both fixtures and three départements of the national template.
fn pactes() -> Vec<(String, Pacte)> {
    let mut v = vec![
        ("vaucluse".to_string(), pacte("vaucluse-2017-2020")),
        ("allier".to_string(), pacte("allier-2018-2021")),
    ];
    for code in ["84", "2A", "974"] {
        v.push((format!("national-{code}"), national(code)));
    }
    v
}

fn html_of(p: &Pacte) -> String {
    render_html(p, &RenderOptions::for_dir(&root().join("fixtures"))).unwrap()
}

/// An element's text, white space (no-break spaces included) collapsed.
fn text(e: ElementRef) -> String {
    normalise(&e.text().collect::<String>())
}

fn normalise(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn lang_title_landmarks_and_no_script() {
    for (name, p) in pactes() {
        let doc = Html::parse_document(&html_of(&p));
        let html = doc.select(&sel("html")).next().unwrap();
        assert_eq!(html.value().attr("lang"), Some("fr"), "{name}");
        let title = text(doc.select(&sel("head > title")).next().unwrap());
        assert!(
            title.starts_with(&normalise(&p.titre.replace('\'', "’")))
                && title.contains("Département"),
            "{name}: {title}"
        );
        for landmark in ["header", "nav[aria-label=Sommaire]", "main", "footer"] {
            let n = doc.select(&sel(&format!("body > {landmark}"))).count();
            assert_eq!(n, 1, "{name}: one {landmark}");
        }
        assert_eq!(doc.select(&sel("script, [onload], [onclick]")).count(), 0);
        assert_eq!(
            doc.select(&sel("link[rel=stylesheet], img:not([src^='data:'])"))
                .count(),
            0,
            "{name}: self-contained"
        );
        assert!(doc.select(&sel("style")).next().is_some());
    }
}

#[test]
fn headings_never_skip_a_level_and_ids_are_unique() {
    for (name, p) in pactes() {
        let doc = Html::parse_document(&html_of(&p));
        let mut previous = 0;
        let mut count = [0usize; 7];
        for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
            let level = h.value().name()[1..].parse::<usize>().unwrap();
            count[level] += 1;
            assert!(
                level <= previous + 1,
                "{name}: h{level} \"{}\" after h{previous}",
                text(h)
            );
            assert!(!text(h).is_empty(), "{name}: an empty h{level}");
            previous = level;
        }
        assert!(count[5] + count[6] == 0, "{name}: only h1–h4");
        assert!(
            count[1] > 3 && count[2] > 3 && count[3] > 0,
            "{name}: {count:?}"
        );
        let mut ids = HashSet::new();
        for e in doc.select(&sel("[id]")) {
            let id = e.value().attr("id").unwrap();
            assert!(ids.insert(id.to_string()), "{name}: id {id} twice");
        }
    }
}

#[test]
fn every_sommaire_link_leads_to_its_heading() {
    for (name, p) in pactes() {
        let doc = Html::parse_document(&html_of(&p));
        let nav = doc.select(&sel("nav[aria-label=Sommaire]")).next().unwrap();
        let links: Vec<ElementRef> = nav.select(&sel("a")).collect();
        assert!(links.len() > 5, "{name}");
        // Level-2 entries are nested in their level-1 entry's list.
        assert!(
            nav.select(&sel("ol > li > ol > li > a")).count() > 2,
            "{name}"
        );
        let headings: Vec<ElementRef> = doc.select(&sel("main h1, main h2")).collect();
        assert_eq!(
            links.len(),
            headings.len(),
            "{name}: the sommaire lists the h1 and h2"
        );
        for (a, h) in links.iter().zip(&headings) {
            let href = a.value().attr("href").unwrap();
            let id = href.strip_prefix('#').expect("a link inside the page");
            let target = doc
                .select(&sel(&format!("[id=\"{id}\"]")))
                .next()
                .unwrap_or_else(|| panic!("{name}: {href} leads nowhere"));
            assert_eq!(target.id(), h.id(), "{name}: {href}");
            assert_eq!(text(*a), text(*h), "{name}");
        }
    }
}

/// The PDF's bookmarks as MuPDF reads them: (level, title).
fn outline(pdf: &Path) -> Vec<(usize, String)> {
    tool("mutool", &["show", pdf.to_str().unwrap(), "outline"])
        .lines()
        .filter_map(|l| {
            let rest = l.get(1..)?;
            let level = rest.chars().take_while(|&c| c == '\t').count();
            let title = rest.trim_start_matches('\t').strip_prefix('"')?;
            let (title, _) = title.rsplit_once('"')?;
            Some((level, normalise(title)))
        })
        .collect()
}

#[test]
fn headings_levels_and_numbers_are_the_pdfs() {
    for name in ["vaucluse-2017-2020", "allier-2018-2021"] {
        let pdf_outline = outline(&rendered(name));
        assert!(pdf_outline.len() > 10, "{name}: {pdf_outline:?}");
        let doc = Html::parse_document(&html_of(&pacte(name)));
        // The PDF's bookmarks keep "n°" where the page sets n + superscript o.
        let headings: Vec<(usize, String)> = doc
            .select(&sel("main h1, main h2, main h3, main h4"))
            .map(|h| (h.value().name()[1..].parse().unwrap(), text(h)))
            .collect();
        let mut rest = headings.iter();
        for entry in &pdf_outline {
            let found = rest.any(|h| h.0 == entry.0 && h.1 == entry.1.replace("n°", "no"));
            assert!(found, "{name}: bookmark {entry:?} is not a heading of the same level, in order, in {headings:?}");
        }
    }
}

#[test]
fn images_have_alt_and_tables_have_captions_and_header_scopes() {
    let mut with_logos = pacte("allier-2018-2021");
    with_logos.logo = Some("logo-alpha.png".into());
    with_logos.signataires[0].logo = Some("logo.jpg".into());
    with_logos.signataires[1].logo = Some("logo.jpg".into());
    let html = render_html(
        &with_logos,
        &RenderOptions::for_dir(&root().join("tests/data")),
    )
    .unwrap();
    let doc = Html::parse_document(&html);
    let alts: Vec<&str> = doc
        .select(&sel("img"))
        .map(|i| i.value().attr("alt").unwrap_or(""))
        .collect();
    assert_eq!(
        alts,
        [
            "Logo du Département de l’Allier",
            // The cover's strip shows the file once, with its first signatory's text.
            "Logo du Conseil départemental de l’Allier",
            "Logo du Conseil départemental de l’Allier",
            "Logo du Conseil régional Auvergne Rhône Alpes"
        ]
    );
    let png = std::fs::read(root().join("tests/data/logo-alpha.png")).unwrap();
    let src = doc
        .select(&sel("header img"))
        .next()
        .unwrap()
        .value()
        .attr("src")
        .unwrap();
    use base64::Engine;
    let data = src
        .strip_prefix("data:image/png;base64,")
        .expect("a PNG data URI");
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap(),
        png
    );
    assert!(
        doc.select(&sel(
            "ol.signataires > li > img[src^='data:image/jpeg;base64,']"
        ))
        .count()
            == 2
    );

    let mut tables = 0;
    for (name, p) in pactes() {
        let doc = Html::parse_document(&html_of(&p));
        for img in doc.select(&sel("img")) {
            assert!(
                !img.value().attr("alt").unwrap_or("").trim().is_empty(),
                "{name}"
            );
        }
        for t in doc.select(&sel("table")) {
            tables += 1;
            let caption = t
                .select(&sel("caption"))
                .next()
                .map(text)
                .unwrap_or_default();
            assert!(!caption.is_empty(), "{name}: a table without caption");
            let th: Vec<ElementRef> = t.select(&sel("th")).collect();
            assert!(!th.is_empty(), "{name}: a table without header cells");
            for h in th {
                assert!(
                    matches!(h.value().attr("scope"), Some("col" | "row")),
                    "{name}: <th> {} without scope",
                    text(h)
                );
            }
            assert!(t.select(&sel("thead th[scope=col]")).count() >= 2, "{name}");
        }
    }
    assert!(tables >= 5, "each pact's governance synthesis is a table");
}

#[test]
fn lists_quote_acronyms_and_signatories() {
    let doc = Html::parse_document(&html_of(&pacte("vaucluse-2017-2020")));
    assert!(doc.select(&sel("main ul.engagements > li")).count() > 50);
    assert!(
        doc.select(&sel("main li > ul > li")).count() > 5,
        "nested lists"
    );
    let quote = doc
        .select(&sel("figure.citation > blockquote"))
        .next()
        .unwrap();
    assert!(
        text(quote).starts_with("« Rassembler les forces"),
        "{}",
        text(quote)
    );
    let abbr: HashMap<String, String> = doc
        .select(&sel("abbr[title]"))
        .map(|a| (text(a), a.value().attr("title").unwrap().to_string()))
        .collect();
    assert_eq!(
        abbr.get("CAF").map(String::as_str),
        Some("Caisse d'Allocations Familiales")
    );
    assert_eq!(
        abbr.get("SPED").map(String::as_str),
        Some("Service Public de l'Emploi Départemental")
    );
    let signataires: Vec<String> = doc
        .select(&sel("main ol.signataires > li"))
        .map(text)
        .collect();
    assert_eq!(signataires.len(), 10);
    // One line each (<br>): "Pour l’Etat," then the quality.
    assert_eq!(signataires[0], "Pour l’Etat,Le Préfet du Vaucluse");
    let note = doc.select(&sel("main p.note")).next().map(text).unwrap();
    assert!(
        note.contains("original signé") && note.contains("PDF"),
        "{note}"
    );
}

#[test]
fn each_entry_of_the_list_of_sigles_is_an_abbreviation_with_its_full_name() {
    for name in ["vaucluse-2017-2020", "exemple-complet"] {
        let p = pacte(name);
        let doc = Html::parse_document(&html_of(&p));
        let entries: Vec<(String, String)> = doc
            .select(&sel("table.sigles tbody th[scope=row] > abbr[title]"))
            .map(|a| (text(a), a.value().attr("title").unwrap().to_string()))
            .collect();
        let rows = doc.select(&sel("table.sigles tbody tr")).count();
        assert!(rows > 3, "{name}: a list of sigles");
        assert_eq!(entries.len(), rows, "{name}: one <abbr> per row");
        let expected: Vec<(String, String)> = p
            .liste_des_sigles()
            .into_iter()
            .map(|s| (normalise(&s.sigle), s.definition))
            .collect();
        assert_eq!(entries, expected, "{name}");
    }
}

#[test]
fn a_block_of_several_people_lists_each_person_under_whom_they_sign_for() {
    let doc = Html::parse_document(&html_of(&pacte("exemple-complet")));
    let blocks: Vec<ElementRef> = doc.select(&sel("main ol.signataires > li")).collect();
    assert_eq!(blocks.len(), 6);
    let caf = blocks
        .iter()
        .find(|b| text(**b).starts_with("Pour la CAF de la Sarthe,"))
        .expect("the CAF's block");
    let people: Vec<ElementRef> = caf.select(&sel("ul.personnes > li")).collect();
    assert_eq!(people.len(), 2);
    assert_eq!(
        text(people[0]),
        "Le Président du conseil d’administrationBernard Lefèvre"
    );
    // The quality's two lines, the name, her own place and date: one line each.
    let lines: Vec<String> = people[1]
        .select(&sel("p"))
        .next()
        .unwrap()
        .inner_html()
        .split("<br>")
        .filter(|l| !l.is_empty())
        .map(|l| {
            normalise(
                &Html::parse_fragment(l)
                    .root_element()
                    .text()
                    .collect::<String>(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "Par délégation,",
            "Le Directeur adjoint",
            "Claire Moreau",
            "Fait au Mans, le 18 mars 2024"
        ]
    );
    assert_eq!(
        caf.select(&sel("strong")).count(),
        3,
        "Pour…, and each name"
    );
}

#[test]
fn a_draft_says_so_and_a_final_text_does_not() {
    let doc = Html::parse_document(&html_of(&national("84")));
    let statut = doc.select(&sel("header .statut")).next().map(text).unwrap();
    assert!(statut.to_lowercase().starts_with("projet"), "{statut}");
    assert!(text(doc.select(&sel("title")).next().unwrap()).contains("(projet)"));
    let doc = Html::parse_document(&html_of(&pacte("vaucluse-2017-2020")));
    assert!(doc.select(&sel(".statut")).next().is_none());
    assert!(!text(doc.select(&sel("title")).next().unwrap()).contains("projet"));
}

#[test]
fn the_typography_is_the_pdfs() {
    let html = html_of(&pacte("vaucluse-2017-2020"));
    let doc = Html::parse_document(&html);
    let body: String = doc.select(&sel("body")).next().unwrap().text().collect();
    assert!(
        !body.contains('\''),
        "straight apostrophes are typographic ones"
    );
    for bad in [" :", " ;", " ?", " !", "« ", " »"] {
        assert!(!body.contains(bad), "\"{bad}\" with a breaking space");
    }
    assert!(body.contains("\u{a0}:") && body.contains("«\u{a0}") && body.contains("\u{a0}»"));
    assert!(body.contains("\u{202f};") || body.contains("\u{202f}?"));
    assert!(html.contains("1<sup>er</sup>"), "ordinals as superscripts");
    assert!(
        html.contains("n<sup>o</sup>\u{a0}"),
        "n° tied to its number"
    );
}

#[test]
fn the_html_says_what_the_seed_says() {
    for (name, seed) in [
        ("vaucluse-2017-2020", "003_6405f465cc65feb5.txt"),
        ("allier-2018-2021", "000_1f13a59804524787.txt"),
    ] {
        let seed_text = std::fs::read_to_string(root().join("../shared/seeds").join(seed))
            .expect("the seeds are in ../shared/seeds beside the clone");
        // The Vaucluse seed opens with its original sommaire (page numbers of another layout).
        let body = match seed_text.find("*« Rassembler") {
            Some(i) if name.starts_with("vaucluse") => &seed_text[i..],
            _ => &seed_text[..],
        };
        let doc = Html::parse_document(&html_of(&pacte(name)));
        let text: String = doc.select(&sel("body")).next().unwrap().text().collect();
        let mut have: HashMap<String, usize> = HashMap::new();
        for w in words(&text) {
            *have.entry(w).or_default() += 1;
        }
        let seed_words = words(body);
        let mut missing = Vec::new();
        for w in &seed_words {
            match have.get_mut(w) {
                Some(n) if *n > 0 => *n -= 1,
                _ => missing.push(w.clone()),
            }
        }
        let ratio = 1.0 - missing.len() as f64 / seed_words.len() as f64;
        assert!(seed_words.len() > 2000, "{name}");
        assert!(
            ratio >= 0.97,
            "{name}: {:.2} % of the seed's words, missing e.g. {:?}",
            ratio * 100.0,
            &missing[..missing.len().min(60)]
        );
    }
}

#[test]
fn two_renders_are_byte_identical() {
    for (name, p) in pactes() {
        assert_eq!(html_of(&p), html_of(&p), "{name}");
    }
}

/// Writes the HTML of each pact under target/test-output; returns the files.
fn written(pactes: &[(String, Pacte)], tag: &str) -> Vec<PathBuf> {
    pactes
        .iter()
        .map(|(name, p)| {
            let f = out_dir().join(format!("{name}-{tag}-{}.html", std::process::id()));
            std::fs::write(&f, html_of(p)).unwrap();
            f
        })
        .collect()
}

/// Runs tests/axe_check.mjs on `files`: its exit status and one JSON report per file.
fn axe(files: &[PathBuf]) -> (i32, Vec<serde_json::Value>) {
    let npm = root().join("target/npm/node_modules");
    for package in ["puppeteer-core", "axe-core"] {
        assert!(
            npm.join(package).exists(),
            "{package} is needed under target/npm: `bash .ci/test` installs it (npm install --prefix target/npm puppeteer-core axe-core)"
        );
    }
    let out = Command::new("node")
        .arg(root().join("tests/axe_check.mjs"))
        .args(files)
        .output()
        .expect("node is needed (apt-get install nodejs npm)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "axe_check could not run: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON report per line"))
        .collect();
    (code, reports)
}

#[test]
fn axe_finds_no_violation_in_chromium() {
    let all = pactes();
    let mut chosen: Vec<(String, Pacte)> = all
        .into_iter()
        .filter(|(n, _)| ["vaucluse", "allier", "national-974"].contains(&n.as_str()))
        .collect();
    // The example: footnotes (calls, the notes' list, their links back) and a signatory
    // block listing two people.
    chosen.push(("exemple".to_string(), pacte("exemple-complet")));
    let files = written(&chosen, "axe");
    let (code, reports) = axe(&files);
    assert_eq!(reports.len(), 4);
    for r in &reports {
        assert_eq!(r["violations"], serde_json::json!([]), "{r:#}");
        assert!(
            r["passes"].as_u64().unwrap() >= 20,
            "axe ran its rules: {r}"
        );
    }
    assert_eq!(code, 0);
}

#[test]
fn axe_would_see_a_broken_page() {
    let p = vec![("allier".to_string(), pacte("allier-2018-2021"))];
    let file = written(&p, "broken").remove(0);
    let broken = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("<html lang=\"fr\">", "<html>", 1)
        .replacen("<h2 ", "<h4 ", 1)
        .replacen(
            "<th scope=\"col\">Instance</th>",
            "<th scope=\"col\"></th>",
            1,
        );
    std::fs::write(&file, broken).unwrap();
    let (code, reports) = axe(&[file]);
    let ids: Vec<&str> = reports[0]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(code, 1);
    for rule in ["html-has-lang", "heading-order", "empty-table-header"] {
        assert!(ids.contains(&rule), "{rule} not in {ids:?}");
    }
}

#[test]
fn cli_chooses_the_format_by_extension_or_flag() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("fixtures/allier-2018-2021.json");
    let html = dir.path().join("allier.html");
    cargo_bin_cmd!("pacte")
        .arg("render")
        .arg(&src)
        .arg("-o")
        .arg(&html)
        .assert()
        .success();
    let bytes = std::fs::read(&html).unwrap();
    assert!(bytes.starts_with(b"<!DOCTYPE html>"));
    assert_eq!(bytes, html_of(&pacte("allier-2018-2021")).into_bytes());

    let forced = dir.path().join("allier.out");
    cargo_bin_cmd!("pacte")
        .args(["render", "--format", "html"])
        .arg(&src)
        .arg("-o")
        .arg(&forced)
        .assert()
        .success();
    assert!(std::fs::read(&forced)
        .unwrap()
        .starts_with(b"<!DOCTYPE html>"));

    let pdf_named_html = dir.path().join("x.html");
    cargo_bin_cmd!("pacte")
        .args(["render", "--format", "pdf"])
        .arg(&src)
        .arg("-o")
        .arg(&pdf_named_html)
        .assert()
        .success();
    assert!(std::fs::read(&pdf_named_html)
        .unwrap()
        .starts_with(b"%PDF-"));

    // The PDF's options are refused for the HTML edition, which nothing is written for.
    let refused = dir.path().join("refused.html");
    cargo_bin_cmd!("pacte")
        .arg("render")
        .arg(&src)
        .arg("-o")
        .arg(&refused)
        .arg("--no-pdfa")
        .assert()
        .code(2);
    assert!(!refused.exists());

    // Without -o, the output is the pact file with the format's extension.
    let copy = dir.path().join("pacte.json");
    std::fs::copy(&src, &copy).unwrap();
    cargo_bin_cmd!("pacte")
        .args(["render", "--format", "html"])
        .arg(&copy)
        .assert()
        .success();
    assert!(dir.path().join("pacte.html").exists());
    assert_eq!(
        contenu(dir.path())
            .iter()
            .filter(|f| f.contains(".pacte-"))
            .count(),
        0
    );
}

#[test]
fn batch_writes_html_editions() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    cargo_bin_cmd!("pacte")
        .args(["batch", "--template"])
        .arg(root().join("fixtures/modele-national.json"))
        .args(["--departements", "03,2A", "--format", "html", "--out-dir"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(contenu(&out), ["03-allier.html", "2A-corse-du-sud.html"]);
    let a = std::fs::read_to_string(out.join("2A-corse-du-sud.html")).unwrap();
    assert_eq!(a, html_of(&national("2A")));
}

#[test]
fn footnote_calls_link_to_their_notes_and_back() {
    let html = Html::parse_document(&html_of(&pacte("exemple-complet")));
    let calls: Vec<ElementRef> = html
        .select(&sel("main sup > a[role=doc-noteref]"))
        .collect();
    let numbers: Vec<String> = calls.iter().map(|a| text(*a)).collect();
    assert_eq!(numbers, ["1", "2"], "calls numbered in reading order");
    let notes: Vec<ElementRef> = html
        .select(&sel("main section[role=doc-endnotes] > ol > li"))
        .collect();
    assert_eq!(notes.len(), 2);
    for (k, (call, note)) in calls.iter().zip(&notes).enumerate() {
        let n = k + 1;
        assert_eq!(
            call.value().attr("href"),
            Some(format!("#note-{n}").as_str())
        );
        assert_eq!(note.value().id(), Some(format!("note-{n}").as_str()));
        let back = note.select(&sel("a[role=doc-backlink]")).next().unwrap();
        let target = back.value().attr("href").unwrap().trim_start_matches('#');
        assert_eq!(
            call.value().id(),
            Some(target),
            "note {n} links back to its call"
        );
    }
    assert!(text(notes[0]).starts_with("Adopté par l’assemblée départementale"));
    let link = notes[1].select(&sel("a[href^=https]")).next();
    assert!(link.is_some(), "a note keeps its link");
}

#[test]
fn a_budget_table_has_its_numbered_caption_widths_alignments_and_total_row() {
    let doc = Html::parse_document(&html_of(&pacte("exemple-complet")));
    let captions: Vec<String> = doc.select(&sel("table > caption")).map(text).collect();
    assert!(
        captions.contains(&"Tableau 1 – Financement du PDI 2025".to_string())
            && captions
                .contains(&"Tableau 2 – Places d’accompagnement ouvertes en 2025".to_string()),
        "{captions:?}"
    );
    let budget = doc
        .select(&sel("table"))
        .find(|t| text(t.select(&sel("caption")).next().unwrap()).starts_with("Tableau 1"))
        .unwrap();
    let widths: Vec<&str> = budget
        .select(&sel("colgroup > col"))
        .map(|c| c.value().attr("style").unwrap_or(""))
        .collect();
    assert_eq!(widths, ["width:50.0%", "width:30.0%", "width:20.0%"]);
    let head: Vec<String> = budget
        .select(&sel("thead th[scope=col]"))
        .map(text)
        .collect();
    assert_eq!(head, ["Financeur", "Montant (€)", "Part (%)"]);
    assert_eq!(budget.select(&sel("tbody > tr")).count(), 4);
    let total: Vec<ElementRef> = budget.select(&sel("tfoot > tr > td")).collect();
    assert_eq!(text(total[0]), "Total");
    let style = |e: ElementRef| e.value().attr("style").unwrap_or("").to_string();
    assert!(
        style(total[0]).contains("font-weight:700"),
        "{}",
        style(total[0])
    );
    for cell in budget.select(&sel("tbody td:nth-child(2), tbody td:nth-child(3)")) {
        assert!(style(cell).contains("text-align:right"), "{}", text(cell));
    }
    // The Markdown table's `---:` columns, and its total row after the `===` line.
    let places = doc
        .select(&sel("table"))
        .find(|t| text(t.select(&sel("caption")).next().unwrap()).starts_with("Tableau 2"))
        .unwrap();
    let cell = places.select(&sel("tbody td:nth-child(2)")).next().unwrap();
    assert!(style(cell).contains("text-align:right"));
    let foot: Vec<String> = places.select(&sel("tfoot td")).map(text).collect();
    assert_eq!(foot[0], "Total");
    assert!(!places.html().contains("==="));
}

/// The page printed to PDF by Chromium (tests/axe_check.mjs --pdf), as pdftotext reads it
/// (`-layout`: a list marker on its item's line).
fn chromium_text(html: &str, name: &str) -> String {
    let dir = out_dir();
    let page = dir.join(format!("{name}-{}.html", std::process::id()));
    let pdf = dir.join(format!("{name}-chromium-{}.pdf", std::process::id()));
    std::fs::write(&page, html).unwrap();
    let out = Command::new("node")
        .arg(root().join("tests/axe_check.mjs"))
        .arg("--pdf")
        .arg(&pdf)
        .arg(&page)
        .output()
        .expect("node is needed (apt-get install nodejs npm)");
    assert!(
        out.status.success(),
        "Chromium could not print {}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

/// What stands before each of `items` on its line of `text`: the items' labels, in order.
fn labels(text: &str, items: &[&str]) -> Vec<String> {
    items
        .iter()
        .map(|item| {
            let line = text
                .lines()
                .find(|l| l.contains(item))
                .unwrap_or_else(|| panic!("{item:?} not in:\n{text}"));
            line[..line.find(item).unwrap()].trim().to_string()
        })
        .collect()
}

#[test]
fn nested_numbered_lists_have_the_pdfs_labels_by_the_renders_theme() {
    // exemple-complet's "Les versements": three levels, the second list of the section
    // starting at 4.
    let items = [
        "à la signature du pacte",
        "au bilan à mi-parcours",
        "au bilan final",
        "le partenaire remet",
        "le comité de pilotage",
        "favorable sans réserve",
        "ou favorable après",
        "le Département verse",
        "le rapport d’activité",
        "l’attestation de service",
    ];
    let roman = r#"{ "lists": { "numbering": ["I.", "(a)", "i."] } }"#;
    let cases = [
        (
            None,
            ["1.", "2.", "3.", "a)", "b)", "–", "–", "c)", "4.", "5."],
        ),
        (
            Some(pacte::Theme::from_json(roman, &root()).unwrap()),
            [
                "I.", "II.", "III.", "(a)", "(b)", "i.", "ii.", "(c)", "IV.", "V.",
            ],
        ),
    ];
    let p = pacte("exemple-complet");
    for (k, (theme, expected)) in cases.into_iter().enumerate() {
        let options = RenderOptions {
            theme,
            ..RenderOptions::for_dir(&root().join("fixtures"))
        };
        let pdf = out_dir().join(format!("listes-{k}-{}.pdf", std::process::id()));
        std::fs::write(&pdf, pacte::render_pdf(&p, &options).unwrap()).unwrap();
        let in_pdf = labels(
            &tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]),
            &items,
        );
        let html = render_html(&p, &options).unwrap();
        let in_html = labels(&chromium_text(&html, &format!("listes-{k}")), &items);
        assert_eq!(in_pdf, expected, "the PDF's labels");
        assert_eq!(
            in_html, in_pdf,
            "the HTML's labels, as Chromium prints them"
        );
    }
}
