//! Figures as a reader sees them: the governance diagram of `fixtures/exemple-complet.json`
//! (`pdfimages`, MuPDF's trace of the page, `pdftotext`), its structure element with its
//! alternative text (pikepdf, `pdfinfo -struct-text`), its HTML edition (scraper); the
//! sizes of small and tall images, an image splitting a paragraph, a typed figure block; and
//! the validation's messages (an empty alternative text, a missing file, an image where a
//! figure cannot stand).
//!
//! These tests fail, never skip, when a tool is missing: `bash .ci/test` installs
//! poppler-utils, mupdf-tools and pikepdf (in target/venv).

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The caption of the fixture's figure.
const CAPTION: &str = "Figure 1 – La gouvernance du pacte";

/// An image as MuPDF draws it: page, its pixel size, and its box on the page (pt, from the
/// top left).
#[derive(Debug, Clone, Copy)]
struct Drawn {
    page: usize,
    px: (u32, u32),
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

/// Every image drawn in `pdf`, from `mutool trace`.
fn drawn(pdf: &Path) -> Vec<Drawn> {
    let trace = tool("mutool", &["trace", pdf.to_str().unwrap()]);
    let mut out = Vec::new();
    let mut page = 0;
    for line in trace.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<fill_image ") else {
            continue;
        };
        let attr = |name: &str| -> String {
            let key = format!(" {name}=\"");
            let i = rest.find(&key).unwrap() + key.len();
            rest[i..].split('"').next().unwrap().to_string()
        };
        let m: Vec<f32> = attr("transform")
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        out.push(Drawn {
            page,
            px: (
                attr("width").parse().unwrap(),
                attr("height").parse().unwrap(),
            ),
            x: m[4],
            y: m[5],
            w: m[0],
            h: m[3],
        });
    }
    out
}

/// The words of the line of `pdf` whose first word is `first` and that reads `text`.
fn line_of(pdf: &Path, text: &str) -> Vec<WordBox> {
    let boxes = word_boxes(pdf);
    let first = text.split(' ').next().unwrap();
    for b in boxes.iter().filter(|b| b.word == first) {
        let mut line: Vec<WordBox> = boxes
            .iter()
            .filter(|o| o.page == b.page && (o.y0 - b.y0).abs() < 1.0 && o.x0 >= b.x0)
            .cloned()
            .collect();
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let words: Vec<&str> = line.iter().map(|w| w.word.as_str()).collect();
        if squash(&words.join(" ")).starts_with(text) {
            return line;
        }
    }
    panic!("no line \"{text}\" in {}", pdf.display());
}

/// The figure structure elements of `pdf`, read with pikepdf: alternative text, parent's
/// type, the types of the parent's children, the bounding box.
fn figures_of(pdf: &Path) -> Vec<Value> {
    const SCRIPT: &str = r#"
import json, sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
out = []
def kids(el):
    k = el.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]
def walk(el, parent):
    if not isinstance(el, pikepdf.Dictionary):
        return
    if el.get("/S") == pikepdf.Name.Figure:
        a = el.get("/A")
        bbox = [float(v) for v in a.BBox] if isinstance(a, pikepdf.Dictionary) and "/BBox" in a else None
        out.append({
            "alt": str(el.get("/Alt", "")),
            "parent": str(parent.get("/S", "")),
            "siblings": [str(k.S) for k in kids(parent) if isinstance(k, pikepdf.Dictionary) and "/S" in k],
            "bbox": bbox,
        })
    for k in kids(el):
        walk(k, el)
walk(pdf.Root.StructTreeRoot, pdf.Root.StructTreeRoot)
print(json.dumps(out, ensure_ascii=False))
"#;
    let out = Command::new(python())
        .args(["-c", SCRIPT, pdf.to_str().unwrap()])
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "pikepdf: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

#[test]
fn the_governance_diagram_is_an_image_with_its_numbered_caption_under_it() {
    let pdf = rendered("exemple-complet");
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let row: Vec<&str> = list
        .lines()
        .find(|l| l.split_whitespace().nth(3) == Some("900"))
        .unwrap_or_else(|| panic!("no 900 px wide image in\n{list}"))
        .split_whitespace()
        .collect();
    assert_eq!(&row[2..6], ["image", "900", "440", "rgb"], "{list}");
    assert_eq!(&row[12..14], ["150", "150"], "set at 150 dpi: {list}");
    let page: usize = row[0].parse().unwrap();

    let image = drawn(&pdf)
        .into_iter()
        .find(|d| d.px == (900, 440))
        .unwrap();
    assert_eq!(image.page, page);
    let theme = pacte::Theme::default();
    let column = theme.page_width - theme.margins[1] - theme.margins[3];
    assert!(
        (image.w - 432.0).abs() < 0.5,
        "900 px at 150 dpi: {image:?}"
    );
    let centre = theme.margins[3] + column / 2.0;
    assert!((image.x + image.w / 2.0 - centre).abs() < 0.5, "{image:?}");

    let n = page.to_string();
    let path = pdf.display().to_string();
    let text = tool("pdftotext", &["-layout", "-f", &n, "-l", &n, &path, "-"]);
    assert!(squash(&text).contains(CAPTION), "{text}");
    let caption = line_of(&pdf, CAPTION);
    assert_eq!(caption[0].page, page, "the caption is on the image's page");
    let below = caption[0].y0 - (image.y + image.h);
    assert!(
        (0.0..20.0).contains(&below),
        "just under the image: {below} pt"
    );
    let mid = (caption[0].x0 + caption.last().unwrap().x1) / 2.0;
    assert!(
        (mid - centre).abs() < 2.0,
        "centred under it: {mid} vs {centre}"
    );
}

#[test]
fn the_figure_is_tagged_with_its_alternative_text_beside_its_caption() {
    let pdf = rendered("exemple-complet");
    let figures = figures_of(&pdf);
    let fig = figures
        .iter()
        .find(|f| {
            f["alt"]
                .as_str()
                .unwrap()
                .starts_with("Schéma de la gouvernance")
        })
        .unwrap_or_else(|| panic!("no figure with the diagram's alt in {figures:#?}"));
    assert!(
        fig["alt"]
            .as_str()
            .unwrap()
            .contains("l’assemblée départementale mandate le comité de pilotage"),
        "the alt text, with French typography: {fig}"
    );
    assert_eq!(fig["parent"], "/Div", "{fig}");
    assert_eq!(fig["siblings"], serde_json::json!(["/Figure", "/Caption"]));
    let bbox: Vec<f64> = serde_json::from_value(fig["bbox"].clone()).unwrap();
    assert!((bbox[2] - bbox[0] - 432.0).abs() < 0.5, "{bbox:?}");

    let tree = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let lines: Vec<&str> = tree.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| *l == format!("\"{CAPTION}\""))
        .unwrap_or_else(|| panic!("no caption in\n{tree}"));
    assert_eq!(lines[at - 1], "Caption");
    assert!(lines[..at].iter().rev().take(5).any(|l| *l == "Figure:"));
}

#[test]
fn the_html_edition_has_a_figure_with_its_alt_and_caption() {
    use scraper::{Html, Selector};
    let p = pacte("exemple-complet");
    let html =
        pacte::render_html(&p, &pacte::RenderOptions::for_dir(&root().join("fixtures"))).unwrap();
    let doc = Html::parse_document(&html);
    let figure = doc
        .select(&Selector::parse("figure.figure").unwrap())
        .next()
        .expect("a <figure>");
    let img = figure
        .select(&Selector::parse("img").unwrap())
        .next()
        .expect("an <img> in it");
    let alt = img.value().attr("alt").unwrap();
    assert!(alt.starts_with("Schéma de la gouvernance"), "{alt}");
    assert!(img
        .value()
        .attr("src")
        .unwrap()
        .starts_with("data:image/png;base64,iVBORw0KGgo"));
    // 900 px at 150 dpi, in CSS pixels (96 to the inch).
    assert_eq!(img.value().attr("width"), Some("576"));
    let caption: String = figure
        .select(&Selector::parse("figcaption").unwrap())
        .next()
        .expect("a <figcaption>")
        .text()
        .collect();
    assert_eq!(caption, CAPTION);
}

/// A folder holding the fixture with `introduction` as its governance's introduction, the
/// governance diagram and the logos; returns the folder and the pact's file.
fn with_introduction(introduction: Value) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("fixtures/exemple-complet.json");
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
    json["gouvernance"]["introduction"] = introduction;
    let file = dir.path().join("pacte.json");
    std::fs::write(&file, serde_json::to_string(&json).unwrap()).unwrap();
    let diagram = "gouvernance.png";
    std::fs::copy(
        root().join("fixtures").join(diagram),
        dir.path().join(diagram),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("logos")).unwrap();
    for logo in std::fs::read_dir(root().join("fixtures/logos")).unwrap() {
        let logo = logo.unwrap().path();
        std::fs::copy(
            &logo,
            dir.path().join("logos").join(logo.file_name().unwrap()),
        )
        .unwrap();
    }
    (dir, file)
}

/// Why the pact of `file` cannot be loaded.
fn refused(file: &Path) -> String {
    match pacte::load_pacte(file, &pacte::RenderOptions::for_file(file)) {
        Ok(_) => panic!("{} was accepted", file.display()),
        Err(e) => e.to_string(),
    }
}

/// Renders the pact of `file` next to it.
fn render(file: &Path) -> PathBuf {
    let out = file.with_extension("pdf");
    let options = pacte::RenderOptions::for_file(file);
    pacte::render_file(file, &out, &options, &pacte::io::AtomicWrites::new())
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

#[test]
fn an_empty_alternative_text_is_refused_at_its_json_path() {
    let (_dir, file) = with_introduction("Intro.\n\n![](gouvernance.png \"Sans texte\")".into());
    let e = refused(&file);
    assert!(
        e.contains(
            "gouvernance.introduction[1].alt: a figure's alternative text must not be empty"
        ),
        "{e}"
    );
    let typed = serde_json::json!([
        "Intro.",
        {"type": "figure", "fichier": "gouvernance.png", "alt": " ", "legende": "Typée"}
    ]);
    let (_dir, file) = with_introduction(typed);
    let e = refused(&file);
    assert!(e.contains("gouvernance.introduction[1].alt:"), "{e}");
}

#[test]
fn a_missing_or_unreadable_file_is_named() {
    let (dir, file) = with_introduction("![Une carte](carte-absente.png)".into());
    let e = refused(&file);
    assert!(
        e.contains(
            "gouvernance.introduction[0].fichier: image file \"carte-absente.png\" cannot be read"
        ),
        "{e}"
    );
    std::fs::write(dir.path().join("carte.png"), "pas une image").unwrap();
    let json = std::fs::read_to_string(&file)
        .unwrap()
        .replace("carte-absente.png", "carte.png");
    std::fs::write(&file, json).unwrap();
    let e = refused(&file);
    assert!(
        e.contains("image file \"carte.png\" is not a PNG or JPEG image"),
        "{e}"
    );
}

#[test]
fn an_image_inside_bold_or_a_table_cell_is_refused_naming_it() {
    let (_dir, file) = with_introduction("Voir **la carte ![Carte](gouvernance.png)**.".into());
    let e = refused(&file);
    assert!(e.contains("gouvernance.introduction"), "{e}");
    assert!(
        e.contains(
            "the image \"gouvernance.png\" is inside bold, italics, a superscript or a link"
        ),
        "{e}"
    );
    let cell = "| a |\n|---|\n| ![Carte](gouvernance.png) |";
    let (_dir, file) = with_introduction(cell.into());
    let e = refused(&file);
    assert!(
        e.contains("the image \"gouvernance.png\" is in a table cell"),
        "{e}"
    );
}

#[test]
fn an_image_inside_a_paragraph_splits_it_and_a_typed_block_is_a_figure() {
    let intro = serde_json::json!([
        "Le schéma ![Schéma des instances](gouvernance.png \"Les instances\") résume la gouvernance.",
        {"type": "figure", "fichier": "gouvernance.png", "alt": "Le même schéma", "legende": "Rappel"}
    ]);
    let (_dir, file) = with_introduction(intro);
    let pdf = render(&file);
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for wanted in [
        "Le schéma Figure 1 – Les instances résume la gouvernance.",
        "Figure 2 – Rappel",
    ] {
        assert!(text.contains(wanted), "{wanted} not in {text}");
    }
    // One image object, drawn twice (the logos apart).
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let diagram: Vec<&str> = list
        .lines()
        .filter(|l| l.split_whitespace().nth(3) == Some("900"))
        .map(|l| l.split_whitespace().nth(10).unwrap())
        .collect();
    assert_eq!(diagram.len(), 2, "{list}");
    assert_eq!(diagram[0], diagram[1], "{list}");
    let alts: Vec<String> = figures_of(&pdf)
        .iter()
        .map(|f| f["alt"].as_str().unwrap().to_string())
        .collect();
    assert!(
        alts.contains(&"Schéma des instances".to_string()),
        "{alts:?}"
    );
    assert!(alts.contains(&"Le même schéma".to_string()), "{alts:?}");
}

#[test]
fn a_small_image_is_not_enlarged_and_a_tall_one_fits_a_page_with_its_caption() {
    let (dir, file) = with_introduction(
        "![Petit schéma](petit.png \"Petit\")\n\n![Schéma haut](haut.png \"Haut\")".into(),
    );
    let draw = |name: &str, w: u32, h: u32| {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            if (x / 10 + y / 10) % 2 == 0 {
                image::Rgb([0, 55, 107])
            } else {
                image::Rgb([232, 237, 245])
            }
        });
        img.save(dir.path().join(name)).unwrap();
    };
    draw("petit.png", 150, 75);
    draw("haut.png", 200, 3000);
    let pdf = render(&file);
    let images = drawn(&pdf);
    let small = images.iter().find(|d| d.px == (150, 75)).unwrap();
    assert!(
        (small.w - 72.0).abs() < 0.1,
        "150 px at 150 dpi is 1 in: {small:?}"
    );
    let tall = images.iter().find(|d| d.px == (200, 3000)).unwrap();
    let theme = pacte::Theme::default();
    let body = theme.page_height - theme.margins[0] - theme.margins[2];
    let most = body * theme.figures.max_height;
    assert!(
        tall.h <= most + 0.1 && tall.h > most - 1.0,
        "{tall:?}, at most {most}"
    );
    assert!(
        (tall.w / tall.h - 200.0 / 3000.0).abs() < 1e-3,
        "aspect kept"
    );
    for (image, caption) in [(small, "Figure 1 – Petit"), (tall, "Figure 2 – Haut")] {
        let line = line_of(&pdf, caption);
        assert_eq!(line[0].page, image.page, "{caption} on its image's page");
        assert!(line[0].y0 > image.y + image.h, "{caption} under its image");
    }
}

#[test]
fn a_theme_file_sets_the_figures_resolution() {
    let theme = pacte::Theme::from_json(
        r#"{"figures": {"dpi": 300, "max_height": 0.5}}"#,
        Path::new("."),
    )
    .unwrap();
    assert_eq!(theme.figures.max_height, 0.5);
    let file = root().join("fixtures/exemple-complet.json");
    let options = pacte::RenderOptions {
        theme: Some(theme),
        ..pacte::RenderOptions::for_file(&file)
    };
    let p = pacte::load_pacte(&file, &options).unwrap();
    let pdf = out_dir().join(format!("figures-300dpi-{}.pdf", std::process::id()));
    std::fs::write(&pdf, pacte::render_pdf(&p, &options).unwrap()).unwrap();
    let image = drawn(&pdf)
        .into_iter()
        .find(|d| d.px == (900, 440))
        .unwrap();
    assert!(
        (image.w - 216.0).abs() < 0.5,
        "900 px at 300 dpi: {image:?}"
    );
}
