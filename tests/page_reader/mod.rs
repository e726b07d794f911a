//! Reads a rendered PDF's pages as a reader sees them, through MuPDF's structured text
//! (`mutool draw -F stext`): each page's visual lines (the characters on one baseline), with
//! their size, colour, boldness and horizontal extent. The make-up checks (widows, orphans,
//! words cut across pages, repeated table headers, spacing) are written on these lines.
#![allow(dead_code)]

use crate::common::mupdf_stext;
use std::path::Path;

/// One character as MuPDF places it.
#[derive(Debug, Clone)]
struct Char {
    x0: f32,
    x1: f32,
    baseline: f32,
    size: f32,
    bold: bool,
    color: String,
    c: char,
}

/// A visual line: the characters of a page on one baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    /// Baseline, pt from the top of the page.
    pub baseline: f32,
    /// Left and right ends, pt.
    pub x0: f32,
    /// Right end, pt.
    pub x1: f32,
    /// The most common font size of its characters, pt.
    pub size: f32,
    /// Most of its characters are bold.
    pub bold: bool,
    /// The most common colour of its visible characters (`#rrggbb`).
    pub color: String,
    /// Its text, spaces as MuPDF found them.
    pub text: String,
}

impl Line {
    /// The last visible character.
    pub fn last(&self) -> Option<char> {
        self.text.trim_end().chars().last()
    }
}

/// A page's lines, top to bottom; the page's height.
#[derive(Debug, Clone)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')?;
    Some(&tag[start..start + end])
}

fn unescape(s: &str) -> Option<char> {
    if let Some(hex) = s.strip_prefix("&#x").and_then(|h| h.strip_suffix(';')) {
        return char::from_u32(u32::from_str_radix(hex, 16).ok()?);
    }
    match s {
        "&amp;" => Some('&'),
        "&lt;" => Some('<'),
        "&gt;" => Some('>'),
        "&quot;" => Some('"'),
        "&apos;" => Some('\''),
        _ => s.chars().next(),
    }
}

/// The pages of `pdf`, each as its visual lines (rotated text, the watermark, left out).
pub fn read(pdf: &Path) -> Vec<Page> {
    let stext = mupdf_stext(pdf);
    let mut pages = Vec::new();
    for (n, page) in stext.split("<page ").skip(1).enumerate() {
        let mut chars = Vec::new();
        let mut size = 0.0;
        let mut bold = false;
        let mut straight = true;
        for tag in page.split('<').skip(1) {
            if tag.starts_with("line ") {
                straight = attr(tag, "dir") == Some("1 0");
            } else if tag.starts_with("font ") {
                size = attr(tag, "size")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0.0);
                bold = attr(tag, "name").is_some_and(|f| f.contains("Bold"));
            } else if tag.starts_with("char ") && straight {
                let quad: Vec<f32> = attr(tag, "quad")
                    .unwrap_or("")
                    .split(' ')
                    .filter_map(|v| v.parse().ok())
                    .collect();
                let (Some(c), Some(baseline), true) = (
                    attr(tag, "c").and_then(unescape),
                    attr(tag, "y").and_then(|y| y.parse().ok()),
                    quad.len() == 8,
                ) else {
                    continue;
                };
                chars.push(Char {
                    x0: quad[0],
                    x1: quad[2],
                    baseline,
                    size,
                    bold,
                    color: attr(tag, "color").unwrap_or("").to_string(),
                    c,
                });
            }
        }
        pages.push(Page {
            number: n + 1,
            lines: lines_of(chars),
        });
    }
    pages
}

/// Groups characters on the same baseline (within half a point) into lines.
fn lines_of(mut chars: Vec<Char>) -> Vec<Line> {
    chars.sort_by(|a, b| {
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut groups: Vec<Vec<Char>> = Vec::new();
    for ch in chars {
        match groups.last_mut() {
            Some(g) if (g[0].baseline - ch.baseline).abs() < 0.5 => g.push(ch),
            _ => groups.push(vec![ch]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let visible: Vec<&Char> = g.iter().filter(|c| !c.c.is_whitespace()).collect();
            let most = |f: &dyn Fn(&Char) -> String| {
                let mut counts: Vec<(String, usize)> = Vec::new();
                for c in &visible {
                    let k = f(c);
                    match counts.iter_mut().find(|(v, _)| *v == k) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((k, 1)),
                    }
                }
                counts
                    .into_iter()
                    .max_by_key(|(_, n)| *n)
                    .map(|(v, _)| v)
                    .unwrap_or_default()
            };
            let size = most(&|c| format!("{:.1}", c.size)).parse().unwrap_or(0.0);
            let color = most(&|c| c.color.clone());
            let bold = visible.iter().filter(|c| c.bold).count() * 2 > visible.len();
            let mut text = String::new();
            let mut prev: Option<f32> = None;
            for c in &g {
                // A gap wider than a space between two characters (table cells) reads as one.
                if prev.is_some_and(|p| c.x0 - p > c.size * 0.6) && !text.ends_with(' ') {
                    text.push(' ');
                }
                text.push(c.c);
                prev = Some(c.x1);
            }
            Line {
                baseline: g[0].baseline,
                x0: visible.first().map_or(g[0].x0, |c| c.x0),
                x1: visible.last().map_or(g[0].x1, |c| c.x1),
                size,
                bold,
                color,
                text,
            }
        })
        .collect()
}

/// The body lines of a page: those between the top and bottom margins (not the running
/// header and footer).
pub fn body_lines(page: &Page, theme: &pacte::Theme) -> Vec<Line> {
    let top = theme.margins[0] - 2.0;
    let bottom = theme.page_height - theme.margins[2] + 4.0;
    page.lines
        .iter()
        .filter(|l| l.baseline > top && l.baseline < bottom)
        .cloned()
        .collect()
}
