//! The fixtures' PDFs as signers and archives see them: every field signs in turn and every
//! signature validates (pyHanko, pdfsig); PDF/A-2a parts, /F 4 on every annotation, the
//! outline mirrors the sommaire down to each partner, and renders are byte-identical.

mod common;
use common::*;
use serde_json::Value;

const FIXTURES: [&str; 3] = ["vaucluse-2017-2020", "allier-2018-2021", "exemple-complet"];

fn run_python(script: &str, args: &[&str]) -> String {
    let path = root().join("tests").join(script);
    let mut all = vec![path.to_str().unwrap()];
    all.extend_from_slice(args);
    tool(&common::python(), &all)
}

fn facts(pdf: &std::path::Path) -> Value {
    serde_json::from_str(&run_python("pdf_facts.py", &[pdf.to_str().unwrap()])).unwrap()
}

#[test]
fn every_signatory_signs_in_turn_and_every_signature_validates() {
    for name in FIXTURES {
        let pdf = rendered(name);
        // One field per person: the example's CAF block has two.
        let n = pacte(name).personnes_signataires().len();
        let signed = out_dir().join(format!("{name}-signed-{}.pdf", std::process::id()));
        let report: Value = serde_json::from_str(&run_python(
            "sign_fields.py",
            &[pdf.to_str().unwrap(), signed.to_str().unwrap()],
        ))
        .unwrap();
        assert_eq!(report["ok"], true, "{name}: {report}");
        assert_eq!(
            report["signed"].as_array().map(Vec::len),
            Some(n),
            "{name}: {report}"
        );
        let out = std::process::Command::new("pdfsig")
            .arg(&signed)
            .output()
            .expect("pdfsig (poppler-utils)");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            text.matches("Signature is Valid").count(),
            n,
            "{name}: {text}"
        );
        let fields = std::process::Command::new(env!("CARGO_BIN_EXE_pacte"))
            .arg("fields")
            .arg(&signed)
            .output()
            .unwrap();
        let listing = String::from_utf8_lossy(&fields.stdout);
        assert_eq!(
            listing.lines().filter(|l| l.contains("signed by")).count(),
            n,
            "{listing}"
        );
        // One line per field, whatever a quality holds ("Par délégation,\nLe Directeur
        // adjoint" is written with a backslash).
        assert_eq!(listing.lines().count(), n, "{listing}");
    }
}

#[test]
fn one_field_per_signatory_in_its_block_and_pdfa_parts_present() {
    for name in FIXTURES {
        let p = pacte(name);
        let f = facts(&rendered(name));
        let fields = f["acroform"]["fields"].as_array().unwrap();
        let people = p.personnes_signataires();
        assert_eq!(fields.len(), people.len(), "{name}");
        assert_eq!(f["acroform"]["sig_flags"], 1, "{name}: {}", f["acroform"]);
        for (field, (block, who)) in fields.iter().zip(&people) {
            assert_eq!(field["ft"], "/Sig");
            assert_eq!(field["has_kids"], false);
            assert_eq!(field["in_page_annots"], true);
            let tu = field["tu"].as_str().unwrap();
            for line in who.lignes_qualite() {
                assert!(tu.contains(line), "{tu} names {line}");
            }
            let pour = block.pour.trim_end_matches(',');
            assert!(tu.contains(pour), "{tu} names {pour}");
            assert!(!field["t"].as_str().unwrap().contains('.'));
        }
        assert_eq!(f["xmp"]["part"], "2", "{name}: {}", f["xmp"]);
        assert_eq!(f["xmp"]["conformance"], "A");
        assert_eq!(f["output_intents"][0]["s"], "/GTS_PDFA1");
        for a in f["annotations"].as_array().unwrap() {
            assert_eq!(a["f"], 4, "{name}: annotation without /F 4: {a}");
        }
        assert_eq!(f["version"], "1.7");
        assert_eq!(f["lang"], "fr-FR");
    }
}

#[test]
fn on_the_back_cover_only_the_web_site_is_a_link() {
    let pdf = rendered("vaucluse-2017-2020");
    let f = facts(&pdf);
    let last = pages(&pdf) - 1;
    let links: Vec<&Value> = f["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["page"] == last && a["subtype"] == "/Link")
        .collect();
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["uri"], "https://www.vaucluse.fr");
    let rect: Vec<f32> = links[0]["rect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap() as f32)
        .collect();
    let boxes = word_boxes(&pdf);
    let on_last = |w: &str| {
        boxes
            .iter()
            .find(|b| b.page == last + 1 && b.word == w)
            .unwrap_or_else(|| panic!("{w} on the back cover"))
    };
    let site = on_last("www.vaucluse.fr");
    let phone = on_last("Téléphone");
    assert!(
        rect[0] <= site.x0 + 0.5 && rect[2] >= site.x1 - 0.5,
        "the link {rect:?} covers the site {site:?}"
    );
    assert!(
        rect[0] > phone.x1,
        "the link {rect:?} leaves the phone number {phone:?} alone"
    );
}

fn titles(items: &Value, out: &mut Vec<String>) {
    for i in items.as_array().unwrap() {
        out.push(i["title"].as_str().unwrap().to_string());
        titles(&i["children"], out);
    }
}

#[test]
fn outline_has_each_numbered_section_and_each_partner() {
    for name in FIXTURES {
        let p = pacte(name);
        let f = facts(&rendered(name));
        let mut all = Vec::new();
        titles(&f["outline"], &mut all);
        let squash = |s: &str| {
            s.replace(['’', '\''], "'")
                .replace(['\u{a0}', '\u{202f}'], " ")
        };
        let all: Vec<String> = all.iter().map(|t| squash(t)).collect();
        for x in p.tous_partenaires() {
            let t = squash(x.titre_section());
            assert!(
                all.iter().any(|a| a.contains(t.trim())),
                "{name}: no bookmark for partner {t}: {all:?}"
            );
        }
        let numbered = all
            .iter()
            .filter(|t| {
                t.split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
            })
            .count();
        let expected = p.sections.iter().filter(|s| s.numerotee).count()
            + 2
            + usize::from(!p.duree.is_empty())
            + usize::from(!p.gouvernance.groupes.is_empty());
        assert_eq!(numbered, expected, "{name}: numbered bookmarks {all:?}");
        // Partners are nested under their part, sub-partners under their partner.
        let top = f["outline"].as_array().unwrap();
        let part = top
            .iter()
            .find(|i| {
                i["title"]
                    .as_str()
                    .unwrap()
                    .contains(&p.titres.partenaires[..10])
            })
            .unwrap();
        assert_eq!(
            part["children"].as_array().unwrap().len(),
            p.partenaires.len(),
            "{name}"
        );
    }
}

#[test]
fn two_renders_are_byte_identical() {
    let src = root().join("fixtures/vaucluse-2017-2020.json");
    let p = pacte::load_pacte(&src, &pacte::RenderOptions::for_file(&src)).unwrap();
    let options = pacte::RenderOptions::for_file(&src);
    let a = pacte::render_pdf(&p, &options).unwrap();
    let b = pacte::render_pdf(&p, &options).unwrap();
    assert!(a == b, "renders differ");
    let mut q = p.clone();
    q.titre.push_str(" (version 2)");
    let c = pacte::render_pdf(&q, &options).unwrap();
    assert!(a != c);
}

#[test]
fn parapheur_tags_are_printed_invisibly_in_each_block() {
    let src = root().join("fixtures/allier-2018-2021.json");
    let p = pacte::load_pacte(&src, &pacte::RenderOptions::for_file(&src)).unwrap();
    let options = pacte::RenderOptions {
        parapheur_tag: Some("#signature{n}#".into()),
        ..pacte::RenderOptions::for_file(&src)
    };
    let bytes = pacte::render_pdf(&p, &options).unwrap();
    let pdf = out_dir().join(format!("allier-parapheur-{}.pdf", std::process::id()));
    std::fs::write(&pdf, &bytes).unwrap();
    let pages = pages(&pdf);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for n in 1..=p.signataires.len() {
        assert!(text.contains(&format!("#signature{n}#")), "tag {n} missing");
    }
    // Invisible: text rendering mode 3 in the content of the signature page.
    let qdf = out_dir().join(format!("allier-parapheur-qdf-{}.pdf", std::process::id()));
    let _ = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&pdf)
        .arg(&qdf)
        .status();
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    assert!(
        raw.contains("3 Tr"),
        "tags drawn with rendering mode 3 (invisible)"
    );
    // And the tag sits inside the signature field's rectangle.
    let boxes = word_boxes(&pdf);
    let f = facts(&pdf);
    for (k, field) in f["acroform"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let tag = format!("#signature{}#", k + 1);
        let b = boxes
            .iter()
            .find(|b| b.word == tag)
            .unwrap_or_else(|| panic!("{tag}"));
        let r: Vec<f32> = field["rect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        let h = 841.89;
        assert_eq!(b.page, field["page"].as_u64().unwrap() as usize + 1);
        assert!(
            b.x0 >= r[0] && b.x1 <= r[2] && h - b.y1 >= r[1] - 1.0 && h - b.y0 <= r[3] + 1.0,
            "{tag} {b:?} outside {r:?}"
        );
    }
    assert!(pages > 3);
}

/// The word boxes of `page` (1-based) of `pdf` that read `word`.
fn boxes_of<'a>(boxes: &'a [WordBox], page: usize, word: &str) -> Vec<&'a WordBox> {
    boxes
        .iter()
        .filter(|b| b.page == page && b.word == word)
        .collect()
}

#[test]
fn the_caf_signs_in_one_block_with_two_people_each_with_a_field() {
    let pdf = rendered("exemple-complet");
    let text: String = (1..=pages(&pdf))
        .map(|p| squash(&page_text(&pdf, p)))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        text.matches("Pour la CAF de la Sarthe,").count(),
        1,
        "{text}"
    );
    let f = facts(&pdf);
    let fields = f["acroform"]["fields"].as_array().unwrap();
    let caf: Vec<&Value> = fields
        .iter()
        .filter(|x| x["tu"].as_str().unwrap().contains("la CAF de la Sarthe"))
        .collect();
    let names: Vec<&str> = caf.iter().map(|x| x["t"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Sig05_PresidentCaf", "Sig06_DirecteurCaf"],
        "{fields:?}"
    );
    assert!(caf[0]["tu"].as_str().unwrap().ends_with("Bernard Lefèvre"));
    assert_eq!(
        caf[1]["tu"],
        "Pour la CAF de la Sarthe – Par délégation,\nLe Directeur adjoint – Claire Moreau"
    );
    // The block is not split: its heading, both names and both fields on one page.
    let page = caf[0]["page"].as_u64().unwrap() as usize + 1;
    assert_eq!(caf[1]["page"], caf[0]["page"]);
    let boxes = word_boxes(&pdf);
    let one = |word: &str| -> &WordBox {
        let found = boxes_of(&boxes, page, word);
        assert_eq!(found.len(), 1, "{word} on page {page}: {found:?}");
        found[0]
    };
    let caf_word = one("CAF");
    let pour = boxes_of(&boxes, page, "Pour")
        .into_iter()
        .rfind(|p| (p.y0 - caf_word.y0).abs() < 1.0 && p.x1 < caf_word.x0)
        .expect("\"Pour la CAF\" on the fields' page");
    let (lefevre, moreau) = (one("Lefèvre"), one("Moreau"));
    let (par, delegation, adjoint) = (one("Par"), one("délégation,"), one("adjoint"));
    // The quality on two lines: "Par délégation," then "Le Directeur adjoint", flush left.
    assert!((par.y0 - delegation.y0).abs() < 1.0);
    assert!(
        adjoint.y0 > delegation.y1 - 1.0,
        "{delegation:?} {adjoint:?}"
    );
    let le = boxes_of(&boxes, page, "Le")
        .into_iter()
        .find(|b| (b.y0 - adjoint.y0).abs() < 1.0)
        .expect("\"Le Directeur adjoint\" on one line");
    assert!((le.x0 - par.x0).abs() < 0.5, "{le:?} {par:?}");
    // Reading down the block: heading, the president, his field, the deputy director's
    // quality and name, "Fait au Mans, le 18 mars 2024", her field; one column.
    let height = 841.89;
    let top = |x: &Value| height - x["rect"][3].as_f64().unwrap() as f32;
    let bottom = |x: &Value| height - x["rect"][1].as_f64().unwrap() as f32;
    assert!(pour.y1 < lefevre.y0 && lefevre.y1 < top(caf[0]));
    assert!(bottom(caf[0]) < par.y0 && adjoint.y1 < moreau.y0);
    let fait = boxes_of(&boxes, page, "18")
        .into_iter()
        .find(|b| b.y0 > moreau.y1)
        .expect("the deputy director's own date under her name");
    assert!(fait.y1 < top(caf[1]), "{fait:?}");
    assert!(text.contains("Fait au Mans, le 18 mars 2024"), "{text}");
    for b in [pour, one("Bernard"), par, one("Claire")] {
        let x0 = caf[1]["rect"][0].as_f64().unwrap() as f32;
        assert!(
            b.x0 >= x0 - 0.5 && b.x0 < x0 + 40.0,
            "{b:?} not in the block at {x0}"
        );
    }
    assert_eq!(caf[0]["rect"][0], caf[1]["rect"][0]);
    assert_eq!(caf[0]["rect"][2], caf[1]["rect"][2]);
}

#[test]
fn a_lone_last_block_is_centred_under_the_rows_above() {
    // Vaucluse: ten blocks, three a row; the tenth alone in the last row, under the middle.
    let f = facts(&rendered("vaucluse-2017-2020"));
    let rects: Vec<Vec<f64>> = f["acroform"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            x["rect"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect()
        })
        .collect();
    let centre = |r: &Vec<f64>| (r[0] + r[2]) / 2.0;
    assert_eq!(rects.len(), 10);
    // A full row: three fields side by side.
    assert!((rects[6][1] - rects[8][1]).abs() < 0.01 && rects[6][0] < rects[7][0]);
    let (left, middle, right) = (centre(&rects[6]), centre(&rects[7]), centre(&rects[8]));
    assert!(left < middle && middle < right);
    assert!(rects[9][1] < rects[8][1], "the tenth in a row of its own");
    assert!(
        (centre(&rects[9]) - middle).abs() < 0.01,
        "{rects:?}: the lone block is not centred"
    );
    assert!((rects[9][2] - rects[9][0] - (rects[7][2] - rects[7][0])).abs() < 0.01);
}
