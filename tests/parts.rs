//! The parts around the articles (annexes, list of sigles, visas, place of signature and
//! number of originals), read back from the example pact's PDF by poppler (pdftotext),
//! MuPDF (the outline) and qpdf, and from its HTML edition by an HTML5 parser (scraper).

mod common;
use common::*;
use pacte::{render_html, Pacte, RenderOptions};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

const EXEMPLE: &str = "exemple-complet";

/// The page (1-based) whose text holds `needle`, white space squashed.
fn page_of(pdf: &Path, needle: &str) -> usize {
    (1..=pages(pdf))
        .find(|&p| squash(&page_text(pdf, p)).contains(needle))
        .unwrap_or_else(|| panic!("no page says {needle:?}"))
}

/// The first column of the list of sigles on `page`: the cells before the column gap.
fn first_column(pdf: &Path, page: usize) -> Vec<String> {
    let text = page_text(pdf, page);
    let mut rows = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with("Sigle") && line.contains("Signification") {
            inside = true;
            continue;
        }
        if !inside || line.is_empty() || line.starts_with("Page ") {
            continue;
        }
        let cell = line.split("  ").next().unwrap_or("").trim();
        if !cell.is_empty() {
            rows.push(squash(cell));
        }
    }
    rows
}

/// Renders a variant of the example, changed by `edit`, and returns the PDF's path.
fn variant(tag: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    variant_themed(tag, None, edit)
}

/// [`variant`] in a theme.
fn variant_themed(
    tag: &str,
    theme: Option<pacte::Theme>,
    edit: impl FnOnce(&mut serde_json::Value),
) -> PathBuf {
    let src = root().join("fixtures").join(format!("{EXEMPLE}.json"));
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&src).unwrap()).unwrap();
    edit(&mut json);
    let dir = out_dir();
    let file = dir.join(format!("parts-{tag}-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_string(&json).unwrap()).unwrap();
    let out = file.with_extension("pdf");
    let mut options = RenderOptions::for_dir(&root().join("fixtures"));
    options.theme = theme;
    pacte::render_file(&file, &out, &options, &pacte::io::AtomicWrites::new())
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

#[test]
fn the_example_validates_and_qpdf_finds_no_error() {
    let p = pacte(EXEMPLE);
    if let Err(e) = p.validate(Some(&root().join("fixtures"))) {
        panic!("{e}");
    }
    let pdf = rendered(EXEMPLE);
    let out = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args([
            "validate",
            root()
                .join("fixtures/exemple-complet.json")
                .to_str()
                .unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
}

#[test]
fn annexes_follow_the_signatures_each_on_its_page_with_true_sommaire_numbers() {
    let pdf = rendered(EXEMPLE);
    let entries = sommaire(&pdf);
    let annexes: Vec<&(String, usize)> = entries
        .iter()
        .filter(|(t, _)| t.starts_with("Annexe"))
        .collect();
    let titles: Vec<String> = annexes.iter().map(|(t, _)| squash(t)).collect();
    assert_eq!(
        titles,
        [
            "Annexe 1 – Calendrier de mise en œuvre",
            "Annexe 2 – Contacts des partenaires",
            "Annexe 3 – Liste des sigles",
            "Annexe 4 – Fiches-action du PDI et engagements",
        ],
        "{entries:?}"
    );
    let signatures = page_of(&pdf, "Fait au Mans");
    let mut previous = signatures;
    for (title, page) in annexes {
        // The heading is the first line under the running header of the page named.
        let text = page_text(&pdf, *page);
        let first = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .nth(1)
            .unwrap_or("");
        assert_eq!(squash(first), squash(title), "page {page}:\n{text}");
        assert!(*page > previous, "{title} on page {page}, after {previous}");
        previous = *page;
    }
}

#[test]
fn the_outline_lists_the_annexes_at_their_pages() {
    let pdf = rendered(EXEMPLE);
    let outline = tool("mutool", &["show", pdf.to_str().unwrap(), "outline"])
        .replace(['\u{a0}', '\u{202f}'], " ");
    let sommaire = sommaire(&pdf);
    for n in 1..=3 {
        let prefix = format!("Annexe {n} – ");
        let line = outline
            .lines()
            .find(|l| l.contains(&prefix))
            .unwrap_or_else(|| panic!("no {prefix} in the outline:\n{outline}"));
        let page: usize = line
            .split("#page=")
            .nth(1)
            .and_then(|r| r.split('&').next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        let (_, expected) = sommaire
            .iter()
            .find(|(t, _)| t.starts_with(&prefix))
            .unwrap();
        assert_eq!(page, *expected, "{line}");
    }
}

#[test]
fn sigles_are_sorted_the_french_way() {
    let pdf = rendered(EXEMPLE);
    let page = page_of(&pdf, "Annexe 3 – Liste des sigles Sigle Signification");
    let sigles = first_column(&pdf, page);
    assert_eq!(
        sigles,
        [
            "CAF",
            "Cap emploi",
            "CDIAE",
            "CEJ",
            "COPIL",
            "DDETS",
            "EPCI",
            "ÉPIDE",
            "ESAT",
            "MSA",
            "PDI",
            "PTI",
            "RSA",
            "SIAE"
        ],
        "generated (partners, sub-partners, instances) and added entries, ÉPIDE with the E"
    );
    // Accents are weighed after the letters, and case after the accents.
    let pdf = variant("case", |j| {
        j["sigles"] = serde_json::json!([
            { "sigle": "ÉTAT", "definition": "majuscules accentuées" },
            { "sigle": "Etat", "definition": "capitale" },
            { "sigle": "état", "definition": "minuscules accentuées" },
            { "sigle": "etat", "definition": "minuscules" },
            { "sigle": "ETP", "definition": "équivalent temps plein" },
            { "sigle": "ESS", "definition": "économie sociale et solidaire" }
        ]);
    });
    let page = page_of(&pdf, "Liste des sigles Sigle");
    let sigles = first_column(&pdf, page);
    let e: Vec<&str> = sigles
        .iter()
        .map(String::as_str)
        .filter(|s| s.starts_with(['E', 'e', 'É', 'é']))
        .collect();
    assert_eq!(
        e,
        ["ESS", "etat", "Etat", "état", "ÉTAT", "ETP"],
        "{sigles:?}"
    );
}

#[test]
fn the_visas_stand_before_the_first_article() {
    let pdf = rendered(EXEMPLE);
    let sommaire_page = 2;
    let visas = page_of(&pdf, "Vu la délibération");
    let first_article = page_of(&pdf, "1. Les engagements des signataires Le Département");
    let preambule = page_of(&pdf, "Préambule Le Pacte");
    assert!(sommaire_page < visas && visas < preambule && preambule < first_article);
    let text = squash(&page_text(&pdf, visas));
    // The pact's visas, then the signatories' authorisations in signing order.
    let order = [
        "2024-DEP-017 de l’Assemblée départementale du 9 février 2024",
        "l’arrêté",
        "CP-2024-118 de la commission permanente du Conseil régional du 16",
        "2024-07 du conseil d’administration de la CAF de la Sarthe du 30 janvier 2024",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|s| {
            text.find(s)
                .unwrap_or_else(|| panic!("{s:?} not in {text}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(
        text.trim_end().contains("signer le présent pacte,"),
        "{text}"
    );
}

#[test]
fn fait_au_mans_and_originals_counted_by_party() {
    let pdf = rendered(EXEMPLE);
    let page = page_of(&pdf, "Fait au Mans");
    let text = squash(&page_text(&pdf, page));
    assert!(text.contains("Fait au Mans, le 15 mars 2024"), "{text}");
    // Six blocks, one of them with two people signing for the CAF: six parties.
    assert!(text.contains("en 6 exemplaires originaux."), "{text}");
    let pdf = variant("lieu", |j| {
        j["lieu_signature"] = serde_json::json!({ "nom": "Sables-d'Olonne", "article": "les" });
        j["exemplaires_originaux"] = serde_json::json!("omis");
    });
    let text = squash(&page_text(&pdf, page_of(&pdf, "Fait aux")));
    assert!(
        text.contains("Fait aux Sables-d’Olonne, le 15 mars 2024"),
        "{text}"
    );
    assert!(!text.contains("exemplaire"), "{text}");
}

#[test]
fn the_old_place_string_is_still_read() {
    let mut json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/exemple-complet.json")).unwrap(),
    )
    .unwrap();
    for (old, fait) in [
        ("Avignon", "Fait à Avignon, le"),
        ("Le Mans", "Fait au Mans, le"),
        ("La Rochelle", "Fait à La Rochelle, le"),
    ] {
        json["lieu_signature"] = serde_json::json!(old);
        let p = Pacte::from_json(&json.to_string()).unwrap();
        assert!(p.mention_fait_a().starts_with(fait), "{old}");
        assert_eq!(Pacte::from_json(&p.to_json()).unwrap(), p);
    }
}

#[test]
fn problems_are_named_by_their_json_path() {
    let mut json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/exemple-complet.json")).unwrap(),
    )
    .unwrap();
    json["annexes"][1]["titre"] = serde_json::json!(" ");
    json["sigles"][3]["sigle"] = serde_json::json!("RSA");
    json["visas"][0]["date"] = serde_json::json!("2024-04-01");
    json["signataires"][4]["autorisation"]["organe"] = serde_json::json!("");
    json["lieu_signature"]["nom"] = serde_json::json!("");
    json["exemplaires_originaux"] = serde_json::json!(0);
    let p = Pacte::from_json(&json.to_string()).unwrap();
    let problems = p.validate(Some(&root().join("fixtures"))).unwrap_err();
    let paths: Vec<&str> = problems.0.iter().map(|p| p.path.as_str()).collect();
    for expected in [
        "annexes[1].titre",
        "sigles[3].sigle",
        "visas[0].date",
        "signataires[4].autorisation.organe",
        "lieu_signature.nom",
        "exemplaires_originaux",
    ] {
        assert!(paths.contains(&expected), "{expected} not in {paths:?}");
    }
    json["liste_sigles"] = serde_json::json!("ailleurs");
    let e = Pacte::from_json(&json.to_string()).unwrap_err().to_string();
    assert!(e.contains("liste_sigles"), "{e}");
}

#[test]
fn the_schema_describes_the_new_parts() {
    let schema = Pacte::json_schema().to_string();
    for key in [
        "\"annexes\"",
        "\"sigles\"",
        "\"liste_sigles\"",
        "\"apres_sommaire\"",
        "\"visas\"",
        "\"autorisation\"",
        "\"exemplaires_originaux\"",
        "\"par_partie\"",
        "\"article\"",
    ] {
        assert!(schema.contains(key), "{key} not in the schema");
    }
}

#[test]
fn the_html_edition_has_the_same_parts() {
    let p = pacte(EXEMPLE);
    let html = render_html(&p, &RenderOptions::for_dir(&root().join("fixtures"))).unwrap();
    let doc = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let text = |e: scraper::ElementRef| squash(&e.text().collect::<String>());
    let h1: Vec<String> = doc.select(&sel("main h1")).map(text).collect();
    let pos = |t: &str| {
        h1.iter()
            .position(|h| h.contains(t))
            .unwrap_or_else(|| panic!("no h1 {t:?} in {h1:?}"))
    };
    assert!(pos("Visas") < pos("Préambule"));
    assert!(pos("Signataires du Pacte") < pos("Annexe 1 – Calendrier de mise en œuvre"));
    assert!(pos("Annexe 2 – Contacts des partenaires") < pos("Annexe 3 – Liste des sigles"));
    let nav: Vec<String> = doc.select(&sel("nav#sommaire a")).map(text).collect();
    assert!(
        nav.iter().any(|a| a == "Annexe 3 – Liste des sigles"),
        "{nav:?}"
    );
    let table = doc
        .select(&sel("table.sigles"))
        .next()
        .expect("a table of sigles");
    let cols: Vec<String> = table
        .select(&sel("thead th[scope=col]"))
        .map(text)
        .collect();
    assert_eq!(cols, ["Sigle", "Signification"]);
    let rows: Vec<String> = table
        .select(&sel("tbody th[scope=row]"))
        .map(text)
        .collect();
    assert_eq!(rows[..3], ["CAF", "Cap emploi", "CDIAE"]);
    let e: Vec<&str> = rows
        .iter()
        .map(String::as_str)
        .filter(|s| s.starts_with(['E', 'É']))
        .collect();
    assert_eq!(e, ["EPCI", "ÉPIDE", "ESAT"]);
    let body = squash(&doc.root_element().text().collect::<String>());
    assert!(body.contains("Fait au Mans, le 15 mars 2024"), "{body}");
    assert!(body.contains("en 6 exemplaires originaux"));
    assert!(
        body.contains("2024-DEP-017 de l’Assemblée départementale du 9 février 2024"),
        "{body}"
    );
}

/// Nested numbered lists, the outer one starting at 4.
const LISTES: &str = "Le pacte prévoit :\n\n\
4. quatrième engagement\n\
5. cinquième engagement :\n   \
1. premier volet\n   \
2. second volet :\n      \
1. détail initial\n      \
2. détail final\n";

/// The list labels at the start of the lines of the page that says `needle`, in order.
fn labels(pdf: &Path, needle: &str) -> Vec<String> {
    let text = page_text(pdf, page_of(pdf, needle));
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let (label, next) = (w.next()?, w.next()?);
            let item = ["quatrième", "cinquième", "premier", "second", "détail"];
            item.contains(&next).then(|| label.to_string())
        })
        .collect()
}

/// qpdf's view of the signature fields: (name, accessible name, page from 1).
fn qpdf_fields(pdf: &Path) -> Vec<(String, String, u64)> {
    let json: serde_json::Value = serde_json::from_str(&tool(
        "qpdf",
        &["--json", "--json-key=acroform", pdf.to_str().unwrap()],
    ))
    .unwrap();
    json["acroform"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["fullname"].as_str().unwrap().to_string(),
                f["alternativename"].as_str().unwrap().to_string(),
                f["pageposfrom1"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The labels (`Lbl`) and list numberings of the structure tree, in order.
fn tagged_labels(pdf: &Path) -> (Vec<String>, Vec<String>) {
    let raw = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let mut lbl = Vec::new();
    let mut numbering = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if l.starts_with("Lbl") {
            if let Some(t) = lines.get(k + 1).and_then(|t| t.strip_prefix('"')) {
                lbl.push(t.trim_end_matches('"').to_string());
            }
        }
        if let Some(n) = l.strip_prefix("/ListNumbering /") {
            numbering.push(n.to_string());
        }
    }
    (lbl, numbering)
}

#[test]
fn nested_numbered_lists_are_labelled_by_level_in_french_administrative_style() {
    let pdf = variant("listes", |j| j["duree"] = serde_json::json!(LISTES));
    assert_eq!(
        labels(&pdf, "quatrième engagement"),
        ["4.", "5.", "a)", "b)", "–", "–"]
    );
    let (lbl, numbering) = tagged_labels(&pdf);
    let lbl: Vec<&str> = lbl.iter().map(String::as_str).collect();
    assert!(
        lbl.windows(6)
            .any(|w| w == ["4.", "5.", "a)", "b)", "–", "–"]),
        "{lbl:?}"
    );
    for n in ["Decimal", "LowerAlpha", "None"] {
        assert!(numbering.iter().any(|x| x == n), "{n} in {numbering:?}");
    }

    let html = render_html(
        &Pacte::from_json(
            &std::fs::read_to_string(root().join("fixtures").join(format!("{EXEMPLE}.json")))
                .unwrap()
                .replace(
                    "Le présent pacte prend effet à sa signature et s'achève le 31 décembre 2027.",
                    &LISTES.replace('\n', "\\n"),
                ),
        )
        .unwrap(),
        &RenderOptions::for_dir(&root().join("fixtures")),
    )
    .unwrap();
    let doc = Html::parse_document(&html);
    // The lists of the duration clause (the fixture's own lists come before them).
    let ol = |s: &str| {
        doc.select(&Selector::parse(s).unwrap())
            .find(|e| {
                let t = e.text().collect::<String>();
                t.contains("quatrième engagement") || t.contains("premier volet")
            })
            .unwrap()
    };
    let outer = ol("main ol.n1");
    assert_eq!(outer.value().attr("start"), Some("4"));
    assert_eq!(outer.value().attr("type"), None);
    let inner = ol("main ol.n1 > li > ol.n2");
    assert_eq!(inner.value().attr("type"), Some("a"));
    assert!(doc
        .select(&Selector::parse("main ol.n2 > li > ol.n3").unwrap())
        .next()
        .is_some());
    for rule in [
        r#"main ol.n1 > li::marker { content: "" counter(list-item, decimal) ". "; }"#,
        r#"main ol.n2 > li::marker { content: "" counter(list-item, lower-alpha) ") "; }"#,
        r#"main ol.n3 > li::marker { content: "– "; }"#,
    ] {
        assert!(html.contains(rule), "{rule}");
    }
}

#[test]
fn a_theme_chooses_the_labels_of_each_level() {
    let theme = pacte::Theme::from_file(&root().join("tests/themes/numbering.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let pdf = variant_themed("listes-theme", Some(theme), |j| {
        j["duree"] = serde_json::json!(LISTES)
    });
    assert_eq!(
        labels(&pdf, "quatrième engagement"),
        ["IV.", "V.", "A.", "B.", "(i)", "(ii)"]
    );
    let (_, numbering) = tagged_labels(&pdf);
    for n in ["UpperRoman", "UpperAlpha", "LowerRoman"] {
        assert!(numbering.iter().any(|x| x == n), "{n} in {numbering:?}");
    }
    let e = pacte::Theme::from_json(r#"{"lists": {"numbering": ["1.", "b)"]}}"#, &root())
        .unwrap_err()
        .to_string();
    assert!(e.contains("lists.numbering") && e.contains("\"b)\""), "{e}");
}

#[test]
fn each_instance_sheet_shows_its_members_pilot_and_frequency_without_the_synthesis() {
    let pdf = variant("sans-synthese", |j| {
        j["gouvernance"]["tableau_synthese"] = serde_json::json!(false)
    });
    let page = squash(&page_text(&pdf, page_of(&pdf, "Il réunit les signataires")));
    assert!(!page.contains("Synthèse du schéma"), "{page}");
    for (rubrique, valeur) in [
        (
            "Membres",
            "Membres Le Département de la Sarthe, L’État, CAF",
        ),
        ("Pilotage", "Pilotage Le Département de la Sarthe"),
        ("Pilotage", "Pilotage DDETS"),
        ("Fréquence", "Fréquence Une fois par an"),
        ("Fréquence", "Fréquence Trois fois par an"),
    ] {
        assert!(page.contains(&format!("{rubrique} ")), "{rubrique}: {page}");
        assert!(page.contains(valeur), "{valeur}: {page}");
    }
    let raw = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    for rubrique in ["Membres", "Pilotage", "Fréquence"] {
        let at = lines
            .iter()
            .position(|l| *l == format!("\"{rubrique}\""))
            .unwrap_or_else(|| panic!("{rubrique} in the structure"));
        let th = lines[..at]
            .iter()
            .rposition(|l| l.starts_with("TH"))
            .unwrap();
        assert!(
            lines[th..at].contains(&"/Scope /Row"),
            "{:?}",
            &lines[th..at]
        );
    }
}

#[test]
fn a_block_of_four_people_is_never_split_and_the_rows_still_pack() {
    let pdf = variant("quatre", |j| {
        let people = j["signataires"][4]["personnes"].as_array_mut().unwrap();
        for (k, nom) in ["Alice Roux", "Paul Girard"].iter().enumerate() {
            people.push(serde_json::json!({
                "id": format!("administrateur-caf-{k}"),
                "qualite": "Par délégation,\nL'administrateur",
                "nom": nom,
            }));
        }
    });
    let fields = qpdf_fields(&pdf);
    assert_eq!(fields.len(), 9, "{fields:?}");
    let caf: Vec<&(String, String, u64)> = fields
        .iter()
        .filter(|f| f.1.starts_with("Pour la CAF de la Sarthe – "))
        .collect();
    assert_eq!(caf.len(), 4, "{fields:?}");
    let page = page_of(&pdf, "Pour la CAF de la Sarthe,") as u64;
    assert!(caf.iter().all(|f| f.2 == page), "{fields:?} page {page}");
    let text = squash(&page_text(&pdf, page as usize));
    for name in [
        "Bernard Lefèvre",
        "Claire Moreau",
        "Alice Roux",
        "Paul Girard",
    ] {
        assert!(text.contains(name), "{name} not on page {page}: {text}");
    }
    assert_eq!(text.matches("Pour la CAF").count(), 1, "{text}");
    // The tall block does not fit under the first two rows: its row moves whole to the
    // next page, in signing order, and the signatures take two pages, not more.
    let first = page_of(&pdf, "Fait au Mans, le 15 mars 2024") as u64;
    let pages: Vec<u64> = fields.iter().map(|f| f.2).collect();
    assert_eq!(
        pages,
        [
            first,
            first,
            first,
            first,
            first + 1,
            first + 1,
            first + 1,
            first + 1,
            first + 1
        ]
    );
}
