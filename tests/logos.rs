//! Logos in the PDF: a PNG with transparency on the cover and a JPEG shown by two
//! signatories (and once in the cover's strip), embedded once each (poppler's `pdfimages`), the PNG with a soft mask, and the
//! cover logo drawn inside its white box (the page rendered with `pdftoppm`).

mod common;
use common::*;
use std::path::PathBuf;

/// Allier with `tests/data/logo-alpha.png` on the cover and `tests/data/logo.jpg` for the
/// first two signatories; returns the rendered file.
fn render_with_logos() -> PathBuf {
    let mut p = pacte("allier-2018-2021");
    p.logo = Some("logo-alpha.png".into());
    p.signataires[0].logo = Some("logo.jpg".into());
    p.signataires[1].logo = Some("logo.jpg".into());
    let options = pacte::RenderOptions {
        base_dir: root().join("tests/data"),
        ..pacte::RenderOptions::default()
    };
    let bytes = pacte::render_pdf(&p, &options).unwrap();
    let out = out_dir().join(format!("allier-logos-{}.pdf", std::process::id()));
    std::fs::write(&out, bytes).unwrap();
    out
}

/// One row of `pdfimages -list`.
#[derive(Debug)]
struct Listed {
    page: usize,
    kind: String,
    width: u32,
    height: u32,
    color: String,
    object: u32,
}

fn list_images(pdf: &std::path::Path) -> Vec<Listed> {
    tool("pdfimages", &["-list", pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            Listed {
                page: c[0].parse().unwrap(),
                kind: c[2].to_string(),
                width: c[3].parse().unwrap(),
                height: c[4].parse().unwrap(),
                color: c[5].to_string(),
                object: c[10].parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn each_logo_is_embedded_once_and_the_png_keeps_its_transparency() {
    let pdf = render_with_logos();
    let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let rows = list_images(&pdf);
    let images: Vec<&Listed> = rows.iter().filter(|r| r.kind == "image").collect();
    let mut objects: Vec<u32> = images.iter().map(|r| r.object).collect();
    objects.sort_unstable();
    objects.dedup();
    assert_eq!(objects.len(), 2, "two image objects: {rows:?}");
    // The PNG: on the cover, RGB with a grey soft mask of its size.
    let png = images.iter().find(|r| r.width == 160).expect("the PNG");
    assert_eq!((png.page, png.height, png.color.as_str()), (1, 80, "rgb"));
    let masks: Vec<&Listed> = rows.iter().filter(|r| r.kind == "smask").collect();
    assert_eq!(masks.len(), 1, "{rows:?}");
    assert_eq!(
        (masks[0].width, masks[0].height, masks[0].color.as_str()),
        (160, 80, "gray")
    );
    // The JPEG: drawn three times (once in the cover's strip of the signatories' logos,
    // then by the two signatories), stored once, no mask.
    let jpeg: Vec<&&Listed> = images.iter().filter(|r| r.width == 96).collect();
    assert_eq!(jpeg.len(), 3, "{rows:?}");
    assert!(jpeg.iter().all(|r| r.object == jpeg[0].object), "{rows:?}");
    assert_eq!((jpeg[0].height, jpeg[0].color.as_str()), (96, "rgb"));
    let pages: Vec<usize> = jpeg.iter().map(|r| r.page).collect();
    assert_eq!(pages.iter().filter(|&&p| p == 1).count(), 1, "{rows:?}");
}

#[test]
fn the_cover_logo_sits_in_its_box() {
    let pdf = render_with_logos();
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("cover");
    // 72 dpi: one pixel per point.
    tool(
        "pdftoppm",
        &[
            "-r",
            "72",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .unwrap();
    let img = image::open(png).unwrap().to_rgb8();
    let theme = pacte::Theme::default();
    let mm = |v: f32| v * 72.0 / 25.4;
    // The white box (56 × 40 mm at 30 mm from the top, against the right margin) and the
    // logo fitted in it with 4 mm of padding: 160 × 80 px → 48 × 24 mm, centred.
    let box_x = theme.page_width - theme.margins[1] - mm(56.0);
    let (logo_x, logo_y, logo_w, logo_h) = (box_x + mm(4.0), mm(38.0), mm(48.0), mm(24.0));
    let px = |x: f32, y: f32| img.get_pixel(x.round() as u32, y.round() as u32).0;
    // The red bar (200, 30, 60 at alpha 200 over white): only inside the logo's rectangle.
    let mut red = 0;
    for (x, y, p) in img.enumerate_pixels() {
        let [r, g, b] = p.0;
        if r > 180 && g < 130 && b < 140 {
            red += 1;
            let (x, y) = (x as f32, y as f32);
            assert!(
                x >= logo_x - 1.0
                    && x <= logo_x + logo_w + 1.0
                    && y >= logo_y - 1.0
                    && y <= logo_y + logo_h + 1.0,
                "red pixel at ({x}, {y}) outside the logo"
            );
        }
    }
    assert!(red > 100, "the red bar is drawn ({red} pixels)");
    // Where the PNG is transparent (its corners) the white box shows, not black.
    for (x, y) in [(1.0, 1.0), (logo_w - 2.0, 1.0), (1.0, logo_h - 2.0)] {
        let [r, g, b] = px(logo_x + x, logo_y + y);
        assert!(r > 240 && g > 240 && b > 240, "({x}, {y}): {r} {g} {b}");
    }
    // The disc's centre (40, 40 of 160 × 80 px) is its dark blue.
    let [r, g, b] = px(logo_x + logo_w / 4.0, logo_y + logo_h / 2.0);
    assert!(
        r < 30 && (40..80).contains(&g) && (90..130).contains(&b),
        "{r} {g} {b}"
    );
}
