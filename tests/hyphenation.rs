//! Hyphenation as a typographer sets it, read back from the PDFs by MuPDF (`mutool draw -F
//! stext`: lines, and every character with its box), on both fixtures and five départements
//! of the national template:
//! - no capitalised word (a proper name, an acronym, a word opening a sentence) hyphenated;
//! - no paragraph whose last word is hyphenated;
//! - at most two lines in a row ending with a hyphen;
//! - Vaucluse hyphenates about as often as Typst 0.15 (≤ 45 lines), with at most three
//!   loose lines in every document (see [`few_loose_lines`]).
//!
//! A line ending with "-" is a hyphenation when its last word and the next line's first
//! word, joined, make a word of the source (the fixture's or the resolved template's JSON),
//! and a compound's own hyphen when joined with the hyphen they make a compound of the
//! source.
//!
//! Loose lines: MuPDF gives each space character the box of the font's own advance (the
//! width the embedded font's `/W` gives it, at the text's size), and the next character's
//! position gives the space as set. A line is loose when one of its spaces is set more than
//! twice its natural width (the widest space box of the line: a space drawn after a
//! superscript has the superscript's smaller box).

mod common;

use common::{mupdf_stext, out_dir, rendered, root};
use serde_json::Value;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One character of a line: its position, the width of its box, and itself.
struct Char {
    x: f32,
    w: f32,
    c: char,
}

/// The lines of a PDF's horizontal text, in MuPDF's order (page by page, as drawn).
fn stext_lines(pdf: &std::path::Path) -> Vec<Vec<Char>> {
    let xml = mupdf_stext(pdf);
    let mut lines = Vec::new();
    for line in xml.split("<line ").skip(1) {
        if !line.contains("dir=\"1 0\"") {
            continue; // the rotated watermark
        }
        let line = line.split("</line>").next().unwrap_or("");
        let mut chars = Vec::new();
        for ch in line.split("<char ").skip(1) {
            let attr = |name: &str| -> Option<&str> {
                let key = format!(" {name}=\"");
                let i = format!(" {ch}").find(&key)? + key.len() - 1;
                ch[i..].split('"').next()
            };
            let quad: Vec<f32> = attr("quad")
                .unwrap_or("")
                .split(' ')
                .filter_map(|v| v.parse().ok())
                .collect();
            let (Some(x), Some(c)) = (attr("x"), attr("c")) else {
                continue;
            };
            let Some(c) = unescape(c) else { continue };
            chars.push(Char {
                x: x.parse().unwrap(),
                w: quad.get(2).zip(quad.first()).map_or(0.0, |(b, a)| b - a),
                c,
            });
        }
        if !chars.is_empty() {
            lines.push(chars);
        }
    }
    lines
}

/// The character of an XML attribute's value (one character, maybe escaped).
fn unescape(v: &str) -> Option<char> {
    match v {
        "&amp;" => Some('&'),
        "&lt;" => Some('<'),
        "&gt;" => Some('>'),
        "&quot;" => Some('"'),
        "&apos;" => Some('\''),
        _ => match v.strip_prefix("&#x").and_then(|h| h.strip_suffix(';')) {
            Some(hex) => char::from_u32(u32::from_str_radix(hex, 16).ok()?),
            None => v.chars().next(),
        },
    }
}

/// A word as the source and the PDF are compared: apostrophes straight, punctuation around
/// it and anything after a no-break space dropped, lower case.
fn normal(word: &str) -> String {
    let word = word.replace(['’', 'ʼ'], "'");
    let word = word
        .split(['\u{a0}', '\u{202f}', '\u{2009}'])
        .find(|w| w.chars().any(char::is_alphanumeric))
        .unwrap_or("");
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// What the source says: its words (and the parts of its compounds), the pairs of parts its
/// compounds join, and the last word of each paragraph.
#[derive(Default)]
struct Source {
    parts: HashSet<String>,
    pairs: HashSet<(String, String)>,
    finals: HashSet<String>,
}

impl Source {
    fn of(json: &Value) -> Source {
        let mut s = Source::default();
        s.add(json);
        s
    }

    fn add(&mut self, v: &Value) {
        match v {
            Value::String(t) => self.add_text(t),
            Value::Array(a) => a.iter().for_each(|x| self.add(x)),
            Value::Object(o) => o.values().for_each(|x| self.add(x)),
            _ => {}
        }
    }

    fn add_text(&mut self, text: &str) {
        let text = text.replace(['*', '#', '`', '\u{a0}', '\u{202f}'], " ");
        for paragraph in text.lines() {
            let words: Vec<String> = paragraph.split_whitespace().map(normal).collect();
            if let Some(last) = words.iter().rev().find(|w| !w.is_empty()) {
                self.finals.insert(last.clone());
            }
            for w in words {
                let parts: Vec<&str> = w.split('-').collect();
                for pair in parts.windows(2) {
                    self.pairs
                        .insert((pair[0].to_string(), pair[1].to_string()));
                }
                self.parts.extend(parts.iter().map(|p| p.to_string()));
                self.parts.insert(w);
            }
        }
    }
}

/// How a line ending with "-" is broken.
#[derive(Debug, PartialEq)]
enum Break {
    /// Inside a word, at a hyphenation point: the word, as the PDF shows it.
    Hyphenation(String),
    /// After a compound's own hyphen.
    Compound,
    /// Neither joined form is in the source: reported.
    Unknown(String),
}

/// What the test measured in one document.
struct Analysis {
    name: String,
    /// Every hyphenated word, with whether its second part is alone on its line.
    hyphenated: Vec<(String, bool)>,
    unknown: Vec<String>,
    /// The longest run of lines ending with a hyphen, and where it ends.
    longest_run: (usize, String),
    /// Lines with a space set over twice its natural width.
    loose: Vec<String>,
    /// The widest letter spacing read: a glyph's distance to the next one over its own
    /// advance, with the line it is on.
    widest_letters: (f32, String),
    /// Lines whose letters are spaced (by over 0.5 % of a glyph's advance).
    letter_spaced: usize,
    /// Lines read.
    lines: usize,
    source: Source,
}

fn text_of(line: &[Char]) -> String {
    line.iter().map(|c| c.c).collect()
}

/// How `line` breaks into `next` when it ends with a hyphen.
fn break_of(line: &str, next: &str, source: &Source) -> Option<Break> {
    let head = line.trim_end().strip_suffix('-')?;
    let head = head.rsplit(' ').next().unwrap_or("");
    let tail = next.split(' ').find(|w| !w.is_empty()).unwrap_or("");
    let (h, t) = (normal(head), normal(tail));
    let h_part = h.rsplit('-').next().unwrap_or("").to_string();
    let t_part = t.split('-').next().unwrap_or("").to_string();
    if h_part.is_empty() || t_part.is_empty() {
        return None;
    }
    let shown = format!("{head}{tail}");
    if source.parts.contains(&format!("{h_part}{t_part}")) {
        Some(Break::Hyphenation(shown))
    } else if source.pairs.contains(&(h_part, t_part)) {
        Some(Break::Compound)
    } else {
        Some(Break::Unknown(shown))
    }
}

/// `lines` less the running headers and footers (a text repeated on five pages or more,
/// digits aside), so that a page's last line is followed by the next page's first.
fn without_running_lines(lines: Vec<Vec<Char>>) -> Vec<Vec<Char>> {
    let key = |l: &[Char]| -> String {
        l.iter()
            .map(|c| if c.c.is_ascii_digit() { '#' } else { c.c })
            .collect()
    };
    let mut count = std::collections::HashMap::new();
    for l in &lines {
        *count.entry(key(l)).or_insert(0) += 1;
    }
    lines.into_iter().filter(|l| count[&key(l)] < 5).collect()
}

/// Whether a space of `line` is set more than twice its natural width. The natural width is
/// that of the line's widest space box: the text's own size (a space drawn after a
/// superscript, « 1er », has the superscript's smaller box).
fn is_loose(line: &[Char]) -> bool {
    let natural = line
        .iter()
        .filter(|c| c.c == ' ')
        .map(|c| c.w)
        .fold(0.0, f32::max);
    // The space after a heading's or an item's label ("1.", "2.3", "•", "a)") is the label's
    // indent, not a justified space.
    let first_space = line.iter().position(|c| c.c == ' ');
    let label: String = line[..first_space.unwrap_or(0)]
        .iter()
        .map(|c| c.c)
        .collect();
    let is_label = !label.is_empty()
        && (label.chars().all(|c| c.is_ascii_digit() || c == '.')
            || ["•", "–", "—", "-", "▪"].contains(&label.as_str())
            || (label.len() <= 3 && label.ends_with(')')));
    natural > 0.0
        && line.windows(2).enumerate().any(|(i, p)| {
            let indent = is_label && Some(i) == first_space;
            !indent && p[0].c == ' ' && p[1].x - p[0].x > 2.0 * natural + 0.01
        })
}

/// The largest distance from a letter to the next character of its word, over the
/// letter's own advance (1 when the letters are set at their advances). Lower-case
/// letters only: kerning brings most pairs closer, but some capitals apart (« AJ »).
fn letter_spacing(line: &[Char]) -> f32 {
    line.windows(2)
        .filter(|p| p[0].c.is_lowercase() && p[1].c.is_lowercase() && p[0].w > 0.5)
        .map(|p| (p[1].x - p[0].x) / p[0].w)
        .fold(1.0, f32::max)
}

fn analyse(name: &str, pdf: PathBuf, json: &Value) -> Analysis {
    let source = Source::of(json);
    let lines = without_running_lines(stext_lines(&pdf));
    let texts: Vec<String> = lines.iter().map(|l| text_of(l)).collect();
    let mut a = Analysis {
        name: name.to_string(),
        hyphenated: Vec::new(),
        unknown: Vec::new(),
        longest_run: (0, String::new()),
        loose: Vec::new(),
        widest_letters: (1.0, String::new()),
        letter_spaced: 0,
        lines: lines.len(),
        source: Source::default(),
    };
    let mut run = 0;
    for (i, line) in lines.iter().enumerate() {
        if is_loose(line) {
            a.loose.push(texts[i].clone());
        }
        let spacing = letter_spacing(line);
        if spacing > 1.005 {
            a.letter_spaced += 1;
        }
        if spacing > a.widest_letters.0 {
            a.widest_letters = (spacing, texts[i].clone());
        }
        let next = texts.get(i + 1).map_or("", String::as_str);
        let brk = break_of(&texts[i], next, &source);
        run = if brk.is_some() { run + 1 } else { 0 };
        if run > a.longest_run.0 {
            a.longest_run = (run, texts[i].clone());
        }
        let alone = next.split_whitespace().count() == 1;
        match brk {
            Some(Break::Hyphenation(w)) => a.hyphenated.push((w, alone)),
            Some(Break::Unknown(w)) => {
                a.unknown.push(w.clone());
                a.hyphenated.push((w, alone));
            }
            _ => {}
        }
    }
    a.source = source;
    eprintln!(
        "{name}: {} hyphenated lines, {} loose lines, longest run of hyphens {}, {} lines read, \
         {} letter-spaced lines (at most {:.3} times a glyph's advance)",
        a.hyphenated.len(),
        a.loose.len(),
        a.longest_run.0,
        a.lines,
        a.letter_spaced,
        a.widest_letters.0
    );
    for l in &a.loose {
        eprintln!("  loose: {l}");
    }
    a
}

/// Both fixtures, and the national template for five départements.
fn documents() -> &'static [Analysis] {
    static DOCS: OnceLock<Vec<Analysis>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut docs = Vec::new();
        for name in ["vaucluse-2017-2020", "allier-2018-2021"] {
            let json: Value = serde_json::from_str(
                &std::fs::read_to_string(root().join("fixtures").join(format!("{name}.json")))
                    .unwrap(),
            )
            .unwrap();
            docs.push(analyse(name, rendered(name), &json));
        }
        let modele =
            pacte::template::Template::load(&root().join("fixtures/modele-national.json")).unwrap();
        for code in ["01", "2A", "59", "75", "974"] {
            let dep = pacte::registry::departement(code).unwrap();
            let json = modele.resolve_json(dep, None).unwrap();
            let p = modele.resolve(dep, None).unwrap();
            let pdf = pacte::render_pdf(&p, &pacte::RenderOptions::for_dir(modele.base_dir()))
                .unwrap_or_else(|e| panic!("{code}: {e}"));
            let path = out_dir().join(format!("hyphenation-{code}-{}.pdf", std::process::id()));
            std::fs::write(&path, pdf).unwrap();
            docs.push(analyse(&format!("modèle {code}"), path, &json));
        }
        docs
    })
}

#[test]
fn the_pdfs_are_read_and_their_breaks_recognised() {
    for d in documents() {
        assert!(d.lines > 200, "{}: {} lines read", d.name, d.lines);
        assert!(
            d.unknown.is_empty(),
            "{}: lines ending with a hyphen that the source does not explain: {:?}",
            d.name,
            d.unknown
        );
    }
    let v = &documents()[0];
    assert!(!v.hyphenated.is_empty() && !v.source.finals.is_empty());
}

/// The reading of a line end: a hyphenation, a compound's own hyphen, or neither.
#[test]
fn line_ends_are_told_apart_by_the_source() {
    let source = Source::of(&serde_json::json!({
        "texte": "l’accompagnement des Bouches-du-Rhône\nune fin pertinente."
    }));
    assert!(source.finals.contains("bouches-du-rhône") && source.finals.contains("pertinente"));
    assert_eq!(
        break_of("vers l’accompa-", "gnement des", &source),
        Some(Break::Hyphenation("l’accompagnement".into()))
    );
    assert_eq!(
        break_of("des Bouches-", "du-Rhône.", &source),
        Some(Break::Compound)
    );
    assert_eq!(
        break_of("des Bou-", "ches", &source),
        Some(Break::Hyphenation("Bouches".into()))
    );
    assert_eq!(
        break_of("des xyz-", "abc", &source),
        Some(Break::Unknown("xyzabc".into()))
    );
    assert_eq!(break_of("une liste –", "suite", &source), None);
    assert_eq!(break_of("fin", "suite", &source), None);
}

#[test]
fn no_capitalised_word_is_hyphenated() {
    for d in documents() {
        let capitalised: Vec<&String> = d
            .hyphenated
            .iter()
            .map(|(w, _)| w)
            .filter(|w| w.chars().any(char::is_uppercase))
            .collect();
        assert!(capitalised.is_empty(), "{}: {capitalised:?}", d.name);
    }
}

#[test]
fn no_paragraph_ends_with_a_hyphenated_word() {
    for d in documents() {
        let last: Vec<&String> = d
            .hyphenated
            .iter()
            .filter(|(w, alone)| *alone && d.source.finals.contains(&normal(w)))
            .map(|(w, _)| w)
            .collect();
        assert!(last.is_empty(), "{}: {last:?}", d.name);
    }
}

#[test]
fn at_most_two_lines_in_a_row_end_with_a_hyphen() {
    for d in documents() {
        assert!(
            d.longest_run.0 <= 2,
            "{}: {} lines in a row, up to {:?}",
            d.name,
            d.longest_run.0,
            d.longest_run.1
        );
    }
}

/// At most three loose lines in every document. The lines no break can help (the first
/// line of a paragraph whose next word may not be hyphenated: a capitalised word, « le
/// Conseil / Départemental »; the paragraph's last word, « par l'activité / économique. »)
/// take a little letter spacing before their spaces pass twice their width.
#[test]
fn few_loose_lines() {
    for d in documents() {
        assert!(d.loose.len() <= 3, "{}: {:#?}", d.name, d.loose);
    }
}

/// Letter spacing stays under what the eye reads as letter-spaced: a glyph is followed at
/// most 4 % (and some rounding) past its advance, and few lines are spaced at all.
#[test]
fn letters_are_spaced_little_and_rarely() {
    for d in documents() {
        assert!(
            d.widest_letters.0 <= 1.045,
            "{}: letters spaced {:.3} times their advance on {:?}",
            d.name,
            d.widest_letters.0,
            d.widest_letters.1
        );
        assert!(
            d.letter_spaced * 20 <= d.lines,
            "{}: {} letter-spaced lines of {}",
            d.name,
            d.letter_spaced,
            d.lines
        );
    }
}

#[test]
fn vaucluse_hyphenates_like_a_typesetter() {
    let v = &documents()[0];
    assert_eq!(v.name, "vaucluse-2017-2020");
    assert!(
        v.hyphenated.len() <= 45,
        "{} hyphenated lines: {:?}",
        v.hyphenated.len(),
        v.hyphenated
    );
}
