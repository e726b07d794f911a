//! Theme files: a second font family (Liberation Sans, tests/fonts/) and other margins and
//! colours, read back from the PDF as a reader would (pdffonts, pdftotext, mutool); and a
//! bad theme's errors, through the library and the CLI.

mod common;
use assert_cmd::Command;
use common::*;
use pacte::{FontError, Theme, ThemeError};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const VAUCLUSE: &str = "vaucluse-2017-2020";

fn theme_file() -> PathBuf {
    root().join("tests/themes/liberation.json")
}

fn liberation() -> Theme {
    Theme::from_file(&theme_file()).unwrap_or_else(|e| panic!("{e}"))
}

/// Vaucluse rendered with the Liberation theme through the CLI, once per test binary.
fn rendered_liberation() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| {
        let src = root().join("fixtures").join(format!("{VAUCLUSE}.json"));
        let out = out_dir().join(format!("{VAUCLUSE}-liberation-{}.pdf", std::process::id()));
        Command::cargo_bin("pacte")
            .unwrap()
            .args(["render", src.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .args(["--theme", theme_file().to_str().unwrap()])
            .assert()
            .success();
        out
    })
}

#[test]
fn the_second_family_is_embedded_and_subset_and_noto_is_not() {
    let pdf = rendered_liberation();
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "regular, bold, italic at least: {fonts}");
    assert!(!fonts.contains("Noto"), "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        let (tag, name) = cols[0].split_once('+').expect("a subset name");
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "{row}"
        );
        assert!(name.starts_with("LiberationSans"), "{row}");
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
    }
    for face in [
        "LiberationSans",
        "LiberationSans-Bold",
        "LiberationSans-Italic",
    ] {
        assert!(
            rows.iter().any(|r| r
                .split_whitespace()
                .next()
                .unwrap()
                .ends_with(&format!("+{face}"))),
            "{face} used: {fonts}"
        );
    }
}

#[test]
fn the_sommaire_gives_the_true_pages_in_the_second_family() {
    let pdf = rendered_liberation();
    let entries = sommaire(pdf);
    let p = pacte(VAUCLUSE);
    assert!(entries.len() >= p.partenaires.len() + 3, "{entries:?}");
    for (title, page) in entries {
        let title = title
            .split_once(". ")
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
            .map(|(_, t)| t)
            .unwrap_or(&title);
        let text = squash(&page_text(pdf, page));
        assert!(
            text.contains(&squash(title)),
            "\"{title}\" is not on page {page}:\n{text}"
        );
    }
}

#[test]
fn no_line_is_wider_than_the_themes_column() {
    let theme = liberation();
    let mm = 72.0 / 25.4;
    let (left, right) = (30.0 * mm, theme.page_width - 20.0 * mm);
    assert!((theme.margins[3] - left).abs() < 1e-3 && (theme.margins[1] - 20.0 * mm).abs() < 1e-3);
    let lines = mupdf_lines(rendered_liberation());
    assert!(lines.len() > 500, "{} lines", lines.len());
    for &(x0, x1) in &lines {
        assert!(
            x0 >= left - 0.5 && x1 <= right + 0.5,
            "a line from {x0} to {x1} leaves the column [{left}, {right}]"
        );
    }
    let full = lines.iter().filter(|l| (l.1 - right).abs() < 0.5).count();
    assert!(
        full * 3 > lines.len(),
        "{full} of {} lines justified",
        lines.len()
    );
}

/// Letters of the same line that MuPDF places closer (or further) than their own widths:
/// the font's kerning, applied by the layout and kept by the content stream.
#[test]
fn kerning_and_hyphenation_are_applied_in_the_second_family() {
    let pdf = rendered_liberation();
    let stext = mupdf_stext(pdf);
    let attr = |s: &str, key: &str| -> Option<String> {
        let i = s.find(&format!("{key}=\""))? + key.len() + 2;
        Some(s[i..].split('"').next()?.to_string())
    };
    let mut kerned = 0;
    for line in stext.split("<line ").skip(1) {
        let chars: Vec<(f32, f32, String)> = line
            .split("<char ")
            .skip(1)
            .filter_map(|c| {
                let quad: Vec<f32> = attr(c, "quad")?
                    .split(' ')
                    .filter_map(|v| v.parse().ok())
                    .collect();
                Some((attr(c, "x")?.parse().ok()?, *quad.get(2)?, attr(c, "c")?))
            })
            .collect();
        for pair in chars.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let letters = |s: &str| s.chars().all(char::is_alphabetic);
            if letters(&a.2) && letters(&b.2) && (b.0 - a.1).abs() > 0.05 {
                kerned += 1;
            }
        }
    }
    // Liberation Sans kerns fewer pairs than Noto Sans: about 150 in this pact.
    assert!(kerned > 50, "only {kerned} kerned letter pairs");
    // With -layout, poppler keeps the hyphens at line ends (it joins the words otherwise).
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let lines: Vec<&str> = text.lines().collect();
    let hyphenated = lines
        .windows(2)
        .filter(|w| {
            let end = w[0].trim_end();
            end.ends_with('-')
                && end.chars().rev().nth(1).is_some_and(char::is_alphabetic)
                && w[1].trim_start().starts_with(char::is_lowercase)
        })
        .count();
    assert!(
        hyphenated >= 10,
        "only {hyphenated} words cut at a line's end"
    );
}

#[test]
fn an_unknown_key_is_named_with_its_place_and_the_nearest_key() {
    let e = Theme::from_json("{\n  \"colours\": {}\n}", Path::new(".")).unwrap_err();
    let ThemeError::Json { source, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(source.path(), Some("colours"), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("line 2:") && msg.contains("did you mean \"colors\""),
        "{msg}"
    );
    let e = Theme::from_json(r#"{"headings": {"h2": {"sise": 12}}}"#, Path::new(".")).unwrap_err();
    assert!(
        e.to_string().contains("headings.h2.sise") && e.to_string().contains("\"size\""),
        "{e}"
    );
}

#[test]
fn a_bad_colour_is_named_with_its_json_path_and_line_and_column() {
    let json = "{\n  \"colors\": {\n    \"primary\": \"#12345\"\n  }\n}";
    let e = Theme::from_json(json, Path::new(".")).unwrap_err();
    let msg = e.to_string();
    // serde_json places a value's error where it stops reading, as for a pact.
    assert!(msg.contains("colors.primary (line "), "{msg}");
    assert!(msg.contains("#12345") && msg.contains("#RRGGBB"), "{msg}");
}

#[test]
fn a_size_of_zero_a_negative_length_or_an_endless_angle_is_refused_where_it_is_written() {
    for (json, place, said) in [
        (
            "{\"body\": {\"size\": 0}}",
            "body.size (line 1:20)",
            "0 is not a size: give a number above 0",
        ),
        (
            "{\n  \"page\": {\"margin_top\": -5}\n}",
            "page.margin_top (line 2:28)",
            "-5 is not a length: give a number, 0 or more",
        ),
        (
            "{\"tables\": {\"text\": {\"leading\": -1}}}",
            "tables.text.leading",
            "-1 is not a size",
        ),
        (
            "{\"watermark\": {\"angle\": 1e39}}",
            "watermark.angle",
            "is not an angle",
        ),
    ] {
        let msg = Theme::from_json(json, Path::new("."))
            .unwrap_err()
            .to_string();
        assert!(msg.contains(place) && msg.contains(said), "{json}: {msg}");
    }
    // Each margin a length, but together wider than the page.
    let msg = Theme::from_json(
        "{\"page\": {\"margin_left\": 120, \"margin_right\": 100}}",
        Path::new("."),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        msg,
        "page.margin_left, page.margin_right: the margins leave -10 mm of the page's 210 mm for \
         the text"
    );
    // Zero is a length (no space), and an angle may be negative.
    let t = Theme::from_json(
        "{\"paragraph_gap\": 0, \"watermark\": {\"angle\": -30}}",
        Path::new("."),
    )
    .unwrap();
    assert_eq!((t.paragraph_gap, t.watermark.angle), (0.0, -30.0));
}

#[test]
fn a_missing_or_unusable_font_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = root().join("tests/fonts");
    let f = |n: &str| fonts.join(n).display().to_string().replace('\\', "/");
    let json = |bold: &str| {
        format!(
            r#"{{"fonts": {{"regular": "{}", "bold": "{bold}", "italic": "{}", "bold_italic": "{}"}}}}"#,
            f("LiberationSans-Regular.ttf"),
            f("LiberationSans-Italic.ttf"),
            f("LiberationSans-BoldItalic.ttf")
        )
    };
    let e = Theme::from_json(&json("nowhere/Bold.ttf"), dir.path()).unwrap_err();
    match &e {
        ThemeError::FontFile { path, key, .. } => {
            assert_eq!(key, "fonts.bold");
            assert_eq!(path, &dir.path().join("nowhere/Bold.ttf"));
        }
        e => panic!("{e:?}"),
    }
    assert!(
        e.to_string().contains("fonts.bold") && e.to_string().contains("Bold.ttf"),
        "{e}"
    );
    // Not a font: the licence text.
    let e = Theme::from_json(&json(&f("LICENSE-LiberationSans.txt")), dir.path()).unwrap_err();
    assert!(
        matches!(&e, ThemeError::Font { key, source: FontError::Unreadable, .. } if key == "fonts.bold"),
        "{e:?}"
    );
    assert!(e.to_string().contains("LICENSE-LiberationSans.txt"), "{e}");
}

#[test]
fn the_cli_reports_a_bad_theme_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("theme.json");
    std::fs::write(&theme, "{\n  \"colors\": { \"primary\": \"blue\" }\n}").unwrap();
    let out = dir.path().join("out.pdf");
    let src = root().join("fixtures").join(format!("{VAUCLUSE}.json"));
    let err = render_fails_with_theme(&src, &out, &theme);
    assert!(
        err.contains("theme.json") && err.contains("colors.primary (line 2:"),
        "{err}"
    );
    assert!(!out.exists());
    std::fs::write(
        &theme,
        r#"{"fonts": {"regular": "a.ttf", "bold": "b.ttf", "italic": "c.ttf", "bold_italic": "d.ttf"}}"#,
    )
    .unwrap();
    let err = render_fails_with_theme(&src, &out, &theme);
    assert!(
        err.contains("fonts.regular")
            && err.contains(&dir.path().join("a.ttf").display().to_string()),
        "{err}"
    );
}

#[test]
fn the_theme_schema_is_json_and_names_the_font_files() {
    let out = Command::cargo_bin("pacte")
        .unwrap()
        .args(["schema", "--theme"])
        .assert()
        .success();
    let schema: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let text = schema.to_string();
    for key in [
        "fonts",
        "regular",
        "bold",
        "italic",
        "bold_italic",
        "colors",
        "margin_left",
    ] {
        assert!(text.contains(&format!("\"{key}\"")), "{key} in {text}");
    }
    assert_eq!(
        schema["additionalProperties"],
        serde_json::Value::Bool(false)
    );
}

#[test]
fn an_empty_theme_file_is_the_default_theme() {
    let t = Theme::from_json("{}", Path::new(".")).unwrap();
    assert_eq!(t, Theme::default());
    assert_eq!(t.font_names()[1], "NotoSans-Bold");
    assert_eq!(
        liberation().font_names(),
        [
            "LiberationSans",
            "LiberationSans-Bold",
            "LiberationSans-Italic",
            "LiberationSans-BoldItalic"
        ]
    );
}

/// A renderer kept across renders in two families mixes no shapes of one into the other:
/// each render gives the bytes of a fresh one.
#[test]
fn a_renderer_switching_families_gives_the_bytes_of_fresh_renders() {
    let fixtures = root().join("fixtures");
    let plain = pacte::RenderOptions::for_dir(&fixtures);
    let themed = pacte::RenderOptions {
        theme: Some(liberation()),
        ..pacte::RenderOptions::for_dir(&fixtures)
    };
    let allier = pacte("allier-2018-2021");
    let fresh_plain = pacte::render_pdf(&allier, &plain).unwrap();
    let fresh_themed = pacte::render_pdf(&allier, &themed).unwrap();
    assert!(fresh_plain != fresh_themed);
    let mut renderer = pacte::Renderer::new();
    assert!(renderer.render(&allier, &plain).unwrap() == fresh_plain);
    assert!(renderer.render(&allier, &themed).unwrap() == fresh_themed);
    assert!(renderer.render(&allier, &plain).unwrap() == fresh_plain);
}

/// Runs `pacte render SRC -o OUT --theme THEME`, which must fail; returns its stderr.
fn render_fails_with_theme(src: &Path, out: &Path, theme: &Path) -> String {
    let assert = Command::cargo_bin("pacte")
        .unwrap()
        .args(["render", src.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .args(["--theme", theme.to_str().unwrap()])
        .assert()
        .failure();
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// The faces of Liberation Sans (tests/fonts/), as bytes.
fn liberation_face(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fonts").join(name)).unwrap()
}

/// A theme built in Rust outside the crate: the default with other margins and another
/// family, by struct-update syntax; rendered, then read back by poppler and MuPDF.
#[test]
fn a_theme_built_with_struct_update_syntax_renders_in_its_family_and_margins() {
    let face = |style: &str| liberation_face(&format!("LiberationSans-{style}.ttf"));
    let family = pacte::FontFamily::from_bytes(
        face("Regular"),
        face("Bold"),
        face("Italic"),
        face("BoldItalic"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(family.names()[1], "LiberationSans-Bold");
    let mm = 72.0 / 25.4;
    let theme = Theme {
        margins: [25.0 * mm, 35.0 * mm, 25.0 * mm, 35.0 * mm],
        fonts: family,
        ..Theme::default()
    };
    let (left, right) = (35.0 * mm, theme.page_width - 35.0 * mm);
    let src = root().join("fixtures").join(format!("{VAUCLUSE}.json"));
    let options = pacte::RenderOptions {
        theme: Some(theme),
        ..pacte::RenderOptions::for_file(&src)
    };
    let p = pacte::load_pacte(&src, &options).unwrap_or_else(|e| panic!("{e}"));
    let pdf = pacte::render_pdf(&p, &options).unwrap_or_else(|e| panic!("{e}"));
    let out = out_dir().join(format!(
        "{VAUCLUSE}-struct-update-{}.pdf",
        std::process::id()
    ));
    std::fs::write(&out, pdf).unwrap();
    let fonts = tool("pdffonts", &[out.to_str().unwrap()]);
    assert!(
        fonts.contains("+LiberationSans-Bold") && !fonts.contains("Noto"),
        "{fonts}"
    );
    let lines = mupdf_lines(&out);
    assert!(lines.len() > 500, "{} lines", lines.len());
    for &(x0, x1) in &lines {
        assert!(
            x0 >= left - 0.5 && x1 <= right + 0.5,
            "a line from {x0} to {x1} leaves the column [{left}, {right}]"
        );
    }
    let full = lines.iter().filter(|l| (l.1 - right).abs() < 0.5).count();
    assert!(
        full * 3 > lines.len(),
        "{full} of {} lines end at the new right margin",
        lines.len()
    );
}

#[test]
fn a_family_from_bytes_names_the_face_that_cannot_serve() {
    let e = pacte::FontFamily::from_bytes(
        liberation_face("LiberationSans-Regular.ttf"),
        liberation_face("LICENSE-LiberationSans.txt"),
        liberation_face("LiberationSans-Italic.ttf"),
        liberation_face("LiberationSans-BoldItalic.ttf"),
    )
    .unwrap_err();
    assert!(
        matches!(
            &e,
            ThemeError::Face {
                face: "bold",
                source: FontError::Unreadable
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.to_string(), "bold face: not a TrueType or OpenType font");
}
