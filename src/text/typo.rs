//! French typography on styled runs (provisional minimal version).

use crate::model::Inline;

/// Bold / italic / superscript.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Superscript.
    pub superscript: bool,
}

/// A styled run of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Text.
    pub text: String,
    /// Style.
    pub style: Style,
    /// Link target.
    pub link: Option<String>,
}

/// Flattens inlines into runs and applies the French rules.
pub fn runs(inlines: &[Inline], base: Style) -> Vec<Run> {
    let mut out = Vec::new();
    flatten(inlines, base, None, &mut out);
    typographie(out)
}

fn flatten(inlines: &[Inline], style: Style, link: Option<&str>, out: &mut Vec<Run>) {
    for i in inlines {
        match i {
            Inline::Texte { texte } => out.push(Run {
                text: texte.clone(),
                style,
                link: link.map(str::to_string),
            }),
            Inline::Gras { contenu } => flatten(
                contenu,
                Style {
                    bold: true,
                    ..style
                },
                link,
                out,
            ),
            Inline::Italique { contenu } => flatten(
                contenu,
                Style {
                    italic: true,
                    ..style
                },
                link,
                out,
            ),
            Inline::Exposant { contenu } => flatten(
                contenu,
                Style {
                    superscript: true,
                    ..style
                },
                link,
                out,
            ),
            Inline::Lien { url, contenu } => flatten(contenu, style, Some(url), out),
            Inline::SautDeLigne => out.push(Run {
                text: "\u{2028}".into(),
                style,
                link: None,
            }),
        }
    }
}

/// Applies the French rules across runs.
pub fn typographie(runs: Vec<Run>) -> Vec<Run> {
    runs.into_iter()
        .map(|r| Run {
            text: typographie_str(&r.text),
            ..r
        })
        .collect()
}

/// Applies the French rules to a plain string.
pub fn typographie_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\'' => out.push('’'),
            ':' | ';' | '!' | '?' | '»' => {
                if out.ends_with(' ') {
                    out.pop();
                }
                out.push(if c == ':' || c == '»' {
                    '\u{a0}'
                } else {
                    '\u{202f}'
                });
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.replace("« ", "«\u{a0}")
}
