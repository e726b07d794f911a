//! Rendering both fixtures and reading the PDFs back as a reader would (poppler, qpdf).

mod common;
use common::*;
use std::collections::HashSet;

const FIXTURES: [(&str, &str); 2] = [
    ("vaucluse-2017-2020", "003_6405f465cc65feb5.txt"),
    ("allier-2018-2021", "000_1f13a59804524787.txt"),
];

#[test]
fn both_fixtures_render_and_qpdf_finds_no_error() {
    for (name, _) in FIXTURES {
        let pdf = rendered(name);
        let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{name}: {check}"
        );
        assert!(pages(&pdf) >= 8, "{name}: too few pages");
    }
}

#[test]
fn the_pdf_says_what_the_seed_says() {
    for (name, seed) in FIXTURES {
        let seed_text = std::fs::read_to_string(root().join("../shared/seeds").join(seed))
            .expect("the seeds are in ../shared/seeds beside the clone");
        // The Vaucluse seed opens with its original sommaire (page numbers of another layout).
        let body = match seed_text.find("*« Rassembler") {
            Some(i) if name.starts_with("vaucluse") => &seed_text[i..],
            _ => &seed_text[..],
        };
        let seed_words = words(body);
        let known: HashSet<String> = seed_words.iter().cloned().collect();
        let pdf = rendered(name);
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        let text = dehyphenate(&text, &known);
        let mut have: std::collections::HashMap<String, usize> = Default::default();
        for w in words(&text) {
            *have.entry(w).or_default() += 1;
        }
        let mut found = 0;
        let mut missing = Vec::new();
        for w in &seed_words {
            match have.get_mut(w) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    found += 1;
                }
                _ => missing.push(w.clone()),
            }
        }
        let ratio = found as f64 / seed_words.len() as f64;
        assert!(
            ratio >= 0.97,
            "{name}: {:.2} % of the seed's words, missing e.g. {:?}",
            ratio * 100.0,
            &missing[..missing.len().min(60)]
        );
    }
}

#[test]
fn sommaire_page_numbers_are_the_true_pages() {
    for (name, _) in FIXTURES {
        let pdf = rendered(name);
        let entries = sommaire(&pdf);
        let p = pacte(name);
        assert!(
            entries.len() >= p.partenaires.len() + 3,
            "{name}: sommaire too short: {entries:?}"
        );
        for (title, page) in entries {
            // Drop the part number ("3.") the sommaire prints before numbered titles.
            let title = title
                .split_once(". ")
                .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
                .map(|(_, t)| t)
                .unwrap_or(&title);
            let text = squash(&page_text(&pdf, page));
            assert!(
                text.contains(&squash(title)),
                "{name}: \"{title}\" is not on page {page}:\n{text}"
            );
        }
    }
}

#[test]
fn no_glyph_near_the_edges_and_no_line_wider_than_its_column() {
    let mm = 72.0 / 25.4;
    let theme = pacte::Theme::default();
    let (w, h) = (theme.page_width, theme.page_height);
    let left = theme.margins[3];
    let right = w - theme.margins[1];
    for (name, _) in FIXTURES {
        let pdf = rendered(name);
        let boxes = word_boxes(&pdf);
        assert!(boxes.len() > 3000, "{name}: {} words", boxes.len());
        for b in &boxes {
            if b.word == "PROJET" {
                continue; // the rotated watermark: its box is checked by its centre below
            }
            assert!(
                b.x0 >= 10.0 * mm
                    && b.y0 >= 10.0 * mm
                    && b.x1 <= w - 10.0 * mm
                    && b.y1 <= h - 10.0 * mm,
                "{name}: {b:?} within 10 mm of an edge"
            );
            assert!(
                b.x0 >= left - 0.5 && b.x1 <= right + 0.5,
                "{name}: {b:?} outside the column [{left}, {right}]"
            );
        }
    }
}

/// A second reader, independent of poppler, sets the text where the layout put it: the
/// spaces of justified lines are stretched by word spacing (`Tw`, on the code 32 of the
/// one-byte fonts), which a reader that ignored it would leave short of the margin, and
/// one that applied it twice would push past it.
#[test]
fn mupdf_sets_justified_lines_to_the_full_measure() {
    let theme = pacte::Theme::default();
    let left = theme.margins[3];
    let right = theme.page_width - theme.margins[1];
    for (name, _) in FIXTURES {
        let pdf = rendered(name);
        let lines = mupdf_lines(&pdf);
        assert!(lines.len() > 500, "{name}: {} lines", lines.len());
        for &(x0, x1) in &lines {
            assert!(
                x0 >= left - 0.5 && x1 <= right + 0.5,
                "{name}: a line from {x0} to {x1} leaves the column [{left}, {right}]"
            );
        }
        let full = lines.iter().filter(|l| (l.1 - right).abs() < 0.5).count();
        assert!(
            full * 3 > lines.len(),
            "{name}: {full} of {} lines end at the right margin",
            lines.len()
        );
    }
}

#[test]
fn fonts_are_embedded_subset_and_unicode() {
    for (name, _) in FIXTURES {
        let pdf = rendered(name);
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(
            rows.len() >= 2,
            "{name}: regular and bold at least: {fonts}"
        );
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{name}: {row}");
            assert!(cols[0].contains('+'), "{name}: subset name {row}");
            // Fewer than 256 glyphs a face: one-byte codes, with the embedded encoding.
            assert_eq!(cols[n - 6], "Custom", "{name}: {row}");
        }
    }
}

#[test]
fn french_typography_holds_in_the_output() {
    let pdf = rendered("vaucluse-2017-2020");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for line in text.lines() {
        let t = line.trim_start();
        assert!(
            !t.starts_with([';', ':', '!', '?', '»']),
            "a line starts with punctuation: {line}"
        );
    }
    assert!(text.contains('’'), "typographic apostrophes");
    assert!(
        text.contains("20\u{202f}000") || text.contains("20\u{a0}000") || text.contains("20 000"),
        "number groups"
    );
}

#[test]
fn a_renderer_kept_across_pacts_gives_the_same_bytes_as_a_fresh_render() {
    let options = pacte::RenderOptions::for_dir(&root().join("fixtures"));
    let allier = pacte("allier-2018-2021");
    let vaucluse = pacte("vaucluse-2017-2020");
    let fresh_allier = pacte::render_pdf(&allier, &options).unwrap();
    let fresh_vaucluse = pacte::render_pdf(&vaucluse, &options).unwrap();
    let mut renderer = pacte::Renderer::new();
    // Allier first fills the caches; Vaucluse then reuses (and adds to) them; Allier again
    // is served almost entirely from them.
    assert!(renderer.render(&allier, &options).unwrap() == fresh_allier);
    assert!(renderer.render(&vaucluse, &options).unwrap() == fresh_vaucluse);
    assert!(renderer.render(&allier, &options).unwrap() == fresh_allier);
}

#[test]
fn signature_boxes_of_a_row_line_up() {
    // In Vaucluse the Région's block has one line more than the Préfet's beside it. Its ten
    // blocks go three to a row (by two, they would take a second page).
    let p = pacte("vaucluse-2017-2020");
    let options = pacte::RenderOptions::for_dir(&root().join("fixtures"));
    let doc = pacte::internals::layout(&p, &options, &pacte::internals::Images::default());
    assert_eq!(doc.signatures.len(), p.signataires.len());
    for row in doc.signatures.chunks(3) {
        for b in &row[1..] {
            let a = &row[0];
            assert_eq!(a.page, b.page, "a row is never split");
            assert_eq!(a.rect[1], b.rect[1], "boxes {} and {}", a.index, b.index);
            assert_eq!(a.rect[3], b.rect[3]);
            assert!(b.rect[0] > a.rect[0], "side by side");
        }
    }
    assert!(doc
        .signatures
        .iter()
        .all(|s| s.page == doc.signatures[0].page));
}
