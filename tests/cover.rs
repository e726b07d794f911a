//! The cover's strip of the signatories' logos, as a reader finds it: the images of page 1
//! (poppler's `pdfimages`), the `Figure` elements of the structure tree with their `/Alt` and
//! `/BBox` (pikepdf), PDF/A-2a and PDF/UA-1 (page-validation), and the HTML edition's
//! `<img alt>` (html5ever through scraper).

mod common;
use common::*;
use pacte::{Pacte, RenderOptions, Theme};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pact's alternative texts as exemple-complet gives them: the cover's, then the
/// strip's in signing order (the Département's own logo is the cover's, not repeated).
const ALTS: [&str; 6] = [
    "Logo du Département de la Sarthe : le numéro 72 en blanc sur un rectangle bleu",
    "Marianne de la République française",
    "Logo de la Région Pays de la Loire",
    "Logo de France Travail",
    "Logo de Caisse d'allocations familiales de la Sarthe",
    "Logo de Mutualité sociale agricole Mayenne-Orne-Sarthe",
];

/// Spaces (no-break ones too) collapsed, apostrophes straight.
fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The images `pdfimages -list` finds on page 1: (width, height, object number).
fn cover_images(pdf: &Path) -> Vec<(u32, u32, u32)> {
    let list = tool(
        "pdfimages",
        &["-list", "-f", "1", "-l", "1", pdf.to_str().unwrap()],
    );
    list.lines()
        .skip(2)
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(c[2], "image", "no mask expected: {list}");
            (
                c[3].parse().unwrap(),
                c[4].parse().unwrap(),
                c[10].parse().unwrap(),
            )
        })
        .collect()
}

/// The `Figure` elements of page 1, in the structure tree's order: alternative text and
/// bounding box (PDF points, bottom-up).
fn cover_figures(pdf: &Path) -> Vec<(String, [f32; 4])> {
    let script = r#"
import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
first = pdf.pages[0].obj.objgen
def walk(e):
    if isinstance(e, pikepdf.Array):
        for k in e: walk(k)
        return
    if not isinstance(e, pikepdf.Dictionary) or "/S" not in e:
        return
    if e.S == "/Figure" and e.Pg.objgen == first:
        print(str(e.Alt) + "\t" + " ".join(str(float(v)) for v in e.A.BBox))
    if "/K" in e: walk(e.K)
walk(pdf.Root.StructTreeRoot.K)
"#;
    tool(&python(), &["-c", script, pdf.to_str().unwrap()])
        .lines()
        .map(|l| {
            let (alt, bbox) = l.split_once('\t').unwrap();
            let v: Vec<f32> = bbox.split(' ').map(|x| x.parse().unwrap()).collect();
            (plain(alt), [v[0], v[1], v[2], v[3]])
        })
        .collect()
}

fn fixtures() -> PathBuf {
    root().join("fixtures")
}

fn written(name: &str, p: &Pacte, options: &RenderOptions) -> PathBuf {
    let bytes = pacte::render_pdf(p, options).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = out_dir().join(format!("cover-{name}-{}.pdf", std::process::id()));
    std::fs::write(&out, bytes).unwrap();
    out
}

/// The rows of the strip: the figures after the cover's own logo, grouped by their bottom.
fn rows(figures: &[(String, [f32; 4])]) -> Vec<Vec<[f32; 4]>> {
    let mut rows: Vec<Vec<[f32; 4]>> = Vec::new();
    for (_, b) in &figures[1..] {
        match rows.last_mut() {
            Some(r) if (r[0][1] + r[0][3] - b[1] - b[3]).abs() < 1.0 => r.push(*b),
            _ => rows.push(vec![*b]),
        }
    }
    rows
}

/// Each row's middle, which a centred row puts on the column's middle.
fn assert_centred(rows: &[Vec<[f32; 4]>]) {
    let t = Theme::default();
    let middle = t.margins[3] + (t.page_width - t.margins[1] - t.margins[3]) / 2.0;
    for r in rows {
        let left = r.iter().map(|b| b[0]).fold(f32::MAX, f32::min);
        let right = r.iter().map(|b| b[2]).fold(f32::MIN, f32::max);
        assert!(
            ((left + right) / 2.0 - middle).abs() < 1.0,
            "row {r:?} not centred on {middle}"
        );
    }
}

#[test]
fn the_cover_shows_each_signatory_logo_once_in_signing_order_at_one_height() {
    let pdf = rendered("exemple-complet");
    // Six files: the cover's and five in the strip (the Département signs with the
    // cover's logo, drawn once); each its own image object.
    let mut images = cover_images(&pdf);
    assert_eq!(images.len(), 6, "{images:?}");
    let mut objects: Vec<u32> = images.iter().map(|i| i.2).collect();
    objects.sort_unstable();
    objects.dedup();
    assert_eq!(objects.len(), 6, "{images:?}");
    let mut sizes: Vec<(u32, u32)> = std::fs::read_dir(fixtures().join("logos"))
        .unwrap()
        .map(|e| image::image_dimensions(e.unwrap().path()).unwrap())
        .collect();
    sizes.sort_unstable();
    images.sort_unstable();
    let shown: Vec<(u32, u32)> = images.iter().map(|i| (i.0, i.1)).collect();
    assert_eq!(shown, sizes);

    let figures = cover_figures(&pdf);
    let alts: Vec<&str> = figures.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(alts, ALTS);
    // One row, left to right in signing order, every logo at the theme's height.
    let rows = rows(&figures);
    assert_eq!(rows.len(), 1, "{figures:?}");
    let height = Theme::default().cover.logo_strip_height;
    for pair in rows[0].windows(2) {
        assert!(pair[0][2] < pair[1][0], "{figures:?}");
    }
    for b in &rows[0] {
        assert!((b[3] - b[1] - height).abs() < 0.1, "{b:?}");
    }
    assert_centred(&rows);
    // Below the cover's logo.
    assert!(rows[0][0][3] < figures[0].1[1]);
}

#[test]
fn a_file_is_shown_once_and_the_pact_can_turn_the_strip_off() {
    let options = RenderOptions::for_dir(&fixtures());
    let mut p = pacte("exemple-complet");
    // France Travail shows the État's logo: four files in the strip.
    p.signataires[3].logo = p.signataires[1].logo.clone();
    let pdf = written("shared", &p, &options);
    assert_eq!(cover_images(&pdf).len(), 5);
    let figures = cover_figures(&pdf);
    assert_eq!(figures.len(), 5, "{figures:?}");
    assert_eq!(figures[1].0, ALTS[1]);
    assert_eq!(figures[2].0, ALTS[2]);

    let mut apparence = p.apparence.clone().unwrap_or_default();
    apparence.bandeau_logos = Some(false);
    p.apparence = Some(apparence);
    let pdf = written("off", &p, &options);
    assert_eq!(cover_images(&pdf).len(), 1);
    assert_eq!(cover_figures(&pdf).len(), 1);
    let html = pacte::render_html(&p, &options).unwrap();
    assert!(!html.contains("<ul class=\"logos-partenaires\">"));
}

#[test]
fn a_strip_too_wide_for_one_row_wraps_into_centred_rows_and_stays_valid() {
    let mut theme = Theme::default();
    theme.cover.logo_strip_height *= 1.5;
    theme.cover.logo_strip_max_width *= 2.0;
    let options = RenderOptions {
        theme: Some(theme.clone()),
        ..RenderOptions::for_dir(&fixtures())
    };
    let pdf = written("rows", &pacte("exemple-complet"), &options);
    let figures = cover_figures(&pdf);
    let rows = rows(&figures);
    assert!(rows.len() >= 2, "{figures:?}");
    assert_eq!(rows.iter().map(Vec::len).sum::<usize>(), 5);
    // Each row above the next.
    for pair in rows.windows(2) {
        assert!(pair[0][0][1] > pair[1][0][3], "{rows:?}");
    }
    assert_centred(&rows);
    let report = Command::new(python())
        .arg(root().join("tests/tagged_check.py"))
        .args(["validate", pdf.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(report.status.success());
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    for profile in ["2a", "ua1"] {
        let failed = &report[pdf.to_str().unwrap()][profile];
        assert_eq!(failed, &serde_json::json!([]), "{profile}: {failed}");
    }
}

#[test]
fn the_html_cover_shows_the_same_strip_with_alt_texts() {
    let p = pacte("exemple-complet");
    let html = pacte::render_html(&p, &RenderOptions::for_dir(&fixtures())).unwrap();
    let doc = Html::parse_document(&html);
    let imgs = Selector::parse("header#couverture ul.logos-partenaires > li > img").unwrap();
    let found: Vec<(String, String)> = doc
        .select(&imgs)
        .map(|i| {
            let v = i.value();
            (
                plain(v.attr("alt").unwrap()),
                v.attr("src").unwrap().to_string(),
            )
        })
        .collect();
    let alts: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(alts, ALTS[1..]);
    for (_, src) in &found {
        assert!(src.starts_with("data:image/png;base64,"), "{src:.40}");
    }
    let mut srcs: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    srcs.dedup();
    assert_eq!(srcs.len(), 5);
}
