//! Shared helpers of the integration tests: rendering fixtures once, and the PDF tools
//! (poppler, qpdf, python with pikepdf/pyHanko) that read the output back as a reader would.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Runs an external tool; panics with the install hint when it is missing (never skips).
pub fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} is needed by this test and could not be run ({e}); `bash .ci/test` installs it (apt-get install poppler-utils qpdf mupdf-tools; python packages in target/venv)")
    });
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The Python that has the test's packages (pikepdf, pyHanko): the virtual environment
/// `bash .ci/test` makes under `target/venv`, else the system's `python3`.
pub fn python() -> String {
    let venv = root().join("target/venv/bin/python");
    if venv.exists() {
        venv.display().to_string()
    } else {
        "python3".to_string()
    }
}

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary output folder for this test binary.
pub fn out_dir() -> PathBuf {
    let d = root().join("target").join("test-output");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Renders a fixture once per test binary and returns the PDF's path.
pub fn rendered(name: &str) -> PathBuf {
    static CACHE: OnceLock<std::sync::Mutex<std::collections::HashMap<String, PathBuf>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap();
    if let Some(p) = map.get(name) {
        return p.clone();
    }
    let src = root().join("fixtures").join(format!("{name}.json"));
    let out = out_dir().join(format!("{name}-{}.pdf", std::process::id()));
    let options = pacte::RenderOptions::for_file(&src);
    pacte::render_file(&src, &out, &options, &pacte::io::AtomicWrites::new())
        .unwrap_or_else(|e| panic!("{e}"));
    map.insert(name.to_string(), out.clone());
    out
}

/// The pact of a fixture.
pub fn pacte(name: &str) -> pacte::Pacte {
    let file = root().join("fixtures").join(format!("{name}.json"));
    pacte::load_pacte(&file, &pacte::RenderOptions::for_file(&file)).unwrap()
}

/// Number of pages (pdfinfo).
pub fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// The text of one page (1-based), as pdftotext reads it.
pub fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    tool(
        "pdftotext",
        &["-f", &p, "-l", &p, "-layout", pdf.to_str().unwrap(), "-"],
    )
}

/// Lower-case words (letters only) of a text.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Joins words hyphenated at a line end ("accompa-\ngnement") when the joined word is known.
pub fn dehyphenate(text: &str, known: &std::collections::HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut carry = String::new();
    while i < lines.len() {
        let mut line = format!("{carry}{}", lines[i].trim_start());
        carry.clear();
        if line.trim_end().ends_with('-') && i + 1 < lines.len() {
            let trimmed = line.trim_end().trim_end_matches('-').to_string();
            let head = trimmed
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_string();
            let next = lines[i + 1].trim_start();
            let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
            if known.contains(&format!("{head}{tail}").to_lowercase()) {
                line = trimmed;
                carry = line.split_off(line.len() - head.len());
                out.push_str(&line);
                out.push('\n');
                i += 1;
                continue;
            }
        }
        out.push_str(&line);
        out.push('\n');
        i += 1;
    }
    out
}

/// One word box from `pdftotext -bbox`: page (1-based), xMin, yMin, xMax, yMax, word.
#[derive(Debug, Clone)]
pub struct WordBox {
    pub page: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub word: String,
}

/// All word boxes of a PDF.
pub fn word_boxes(pdf: &Path) -> Vec<WordBox> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let attr = |name: &str| -> f32 {
                let key = format!("{name}=\"");
                let i = rest.find(&key).unwrap() + key.len();
                rest[i..].split('"').next().unwrap().parse().unwrap()
            };
            let word = rest
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("")
                .to_string();
            out.push(WordBox {
                page,
                x0: attr("xMin"),
                y0: attr("yMin"),
                x1: attr("xMax"),
                y1: attr("yMax"),
                word,
            });
        }
    }
    out
}

/// The names of the files in `dir`, sorted, hidden ones included.
pub fn contenu(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Parses the sommaire pages: (title, page) for each entry.
pub fn sommaire(pdf: &Path) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    let mut pending = String::new();
    for p in 2..=4 {
        let text = page_text(pdf, p);
        if p > 2 && !text.contains(". . .") {
            break;
        }
        for line in text.lines().skip(2) {
            let line = line.trim();
            if line.is_empty() || line.starts_with("Page ") || line == "Sommaire" {
                continue;
            }
            let (head, num) = match line.rsplit_once(char::is_whitespace) {
                Some((h, n)) if n.chars().all(|c| c.is_ascii_digit()) => {
                    (h, n.parse::<usize>().ok())
                }
                _ => (line, None),
            };
            let head = head.trim_end_matches(['.', ' ']).trim();
            pending = format!("{pending} {head}").trim().to_string();
            if let Some(n) = num {
                if !pending.is_empty() {
                    entries.push((std::mem::take(&mut pending), n));
                }
            }
        }
    }
    entries
}

pub fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{a0}', '\u{202f}'], " ")
}

/// MuPDF's structured text of the pages (XML: blocks, lines, characters with their boxes).
pub fn mupdf_stext(pdf: &Path) -> String {
    tool(
        "mutool",
        &[
            "draw",
            "-q",
            "-F",
            "stext",
            "-o",
            "-",
            pdf.to_str().unwrap(),
        ],
    )
}

/// The horizontal lines MuPDF finds on the pages (its structured text): the left and right
/// ends of their characters, pt, a space that ends a line left out (it draws nothing; it
/// keeps the words of the tagged text apart).
pub fn mupdf_lines(pdf: &Path) -> Vec<(f32, f32)> {
    mupdf_stext(pdf)
        .split("<line bbox=\"")
        .skip(1)
        .filter_map(|rest| {
            let (_, attrs) = rest.split_once('"')?;
            if !attrs.starts_with(" wmode=\"0\" dir=\"1 0\"") {
                return None; // the rotated watermark
            }
            let line = attrs.split("</line>").next()?;
            let chars: Vec<(f32, f32, bool)> = line
                .split("<char quad=\"")
                .skip(1)
                .filter_map(|c| {
                    let (quad, rest) = c.split_once('"')?;
                    let v: Vec<f32> = quad.split(' ').filter_map(|x| x.parse().ok()).collect();
                    Some((*v.first()?, *v.get(2)?, rest.contains("c=\" \"")))
                })
                .collect();
            let end = chars.iter().rposition(|c| !c.2)?;
            let x0 = chars[..=end].iter().map(|c| c.0).fold(f32::MAX, f32::min);
            let x1 = chars[..=end].iter().map(|c| c.1).fold(f32::MIN, f32::max);
            Some((x0, x1))
        })
        .collect()
}
