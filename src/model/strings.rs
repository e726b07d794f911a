//! A pact's serialised form walked with the JSON path of each place: every string, for the
//! checks that look at characters (control characters here, glyphs the fonts lack in
//! `render`), and every typed block of a kind (tables, figures).

use super::{Pacte, Problem};
use serde_json::Value;
use std::fmt::Write;

/// Keys whose strings the document never draws: file paths, colours, the PDF's metadata
/// (written as Unicode text, not drawn), link targets, the tags of rich text and the
/// alignments of a table's columns.
const NOT_DRAWN: [&str; 6] = [
    "logo",
    "apparence",
    "metadonnees",
    "url",
    "type",
    "alignement",
];

/// A string of a pact: where it is and what it says.
pub(crate) struct Chaine<'a> {
    /// JSON path as a pact file writes it, e.g. `partenaires[3].nom`; for rich text (written
    /// as Markdown), the path of the whole text.
    pub(crate) path: &'a str,
    /// The characters.
    pub(crate) text: &'a str,
    /// Whether the document draws them (a name, a paragraph) rather than keeping them
    /// elsewhere (a logo's path, the metadata, a link's target).
    pub(crate) drawn: bool,
}

/// A pact in its serialised form, walked by the checks that look at every string or every
/// table with its JSON path: serialised once for all of them.
pub(crate) fn serialised(p: &Pacte) -> Value {
    // Serialising a pact fails only for a logo path that is not UTF-8, which JSON cannot
    // hold: a pact read from a file always serialises.
    serde_json::to_value(p).unwrap_or(Value::Null)
}

/// Calls `f` on every string of `value` (a [`serialised`] pact), in order.
pub(crate) fn each_string(value: &Value, mut f: impl FnMut(Chaine<'_>)) {
    walk(value, &mut String::new(), true, false, &mut f);
}

/// Calls `f` on every typed block of kind `kind` (`"tableau"`, `"figure"`) of `value` (a
/// [`serialised`] pact), read as a `T`, with the JSON path of the block in the text's typed
/// form (`sections[0].texte[1]`).
pub(crate) fn each_block<T: serde::de::DeserializeOwned>(
    value: &Value,
    kind: &str,
    mut f: impl FnMut(&str, T),
) {
    walk_blocks(value, kind, &mut String::new(), &mut f);
}

fn walk_blocks<T: serde::de::DeserializeOwned>(
    v: &Value,
    kind: &str,
    path: &mut String,
    f: &mut impl FnMut(&str, T),
) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                walk_blocks(item, kind, path, f);
                path.truncate(len);
            }
        }
        Value::Object(map) if map.get("type").and_then(Value::as_str) == Some(kind) => {
            let mut fields = map.clone();
            fields.remove("type");
            if let Ok(block) = serde_json::from_value::<T>(Value::Object(fields)) {
                f(path, block);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk_blocks(item, kind, path, f);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// At most this many undrawable characters are reported per string.
const UNDRAWABLE_PER_STRING: usize = 5;

/// The problems of `s` if it is drawn: each distinct character that `drawable` refuses
/// (controls apart: they are reported as such), in order, at most five.
pub(crate) fn undrawable(s: &Chaine<'_>, drawable: &mut dyn FnMut(char) -> bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !s.drawn {
        return problems;
    }
    let mut seen: Vec<char> = Vec::new();
    for c in s.text.chars() {
        if c.is_control() || seen.contains(&c) || drawable(c) {
            continue;
        }
        seen.push(c);
        problems.push(Problem {
            path: s.path.to_string(),
            message: not_drawn(c),
        });
        if seen.len() == UNDRAWABLE_PER_STRING {
            break;
        }
    }
    problems
}

/// The message for a character the document's fonts cannot draw.
pub(crate) fn not_drawn(c: char) -> String {
    format!(
        "character {} cannot be drawn by the document's fonts",
        shown(c)
    )
}

/// Walks `v` at `path`; `rich` once inside a rich text (its strings take the text's path).
fn walk(v: &Value, path: &mut String, drawn: bool, rich: bool, f: &mut impl FnMut(Chaine<'_>)) {
    match v {
        Value::String(s) => f(Chaine {
            path: path.as_str(),
            text: s,
            drawn,
        }),
        Value::Array(items) => {
            // A rich text serialises as an array of tagged blocks.
            let rich = rich || items.first().is_some_and(|i| i.get("type").is_some());
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                if !rich {
                    let _ = write!(path, "[{i}]");
                }
                walk(item, path, drawn, rich, f);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                if !rich {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                let drawn = drawn && !NOT_DRAWN.contains(&key.as_str());
                walk(item, path, drawn, rich, f);
                path.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The control characters a pact may hold: tab and newline.
pub(crate) fn allowed_control(c: char) -> bool {
    c == '\t' || c == '\n'
}

/// `c` as a message shows it: itself in quotes, or its escape for a control character
/// (`"\u{7}"`), then its code point: `"中" (U+4E2D)`.
pub(crate) fn shown(c: char) -> String {
    let quoted = if c.is_control() {
        c.escape_unicode().to_string()
    } else {
        c.to_string()
    };
    format!("\"{quoted}\" (U+{:04X})", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_field_and_rich_text_as_a_whole() {
        let json = r#"{
            "departement": {"code": "84", "nom": "Vaucluse", "de": "de Vaucluse", "le": "le Vaucluse"},
            "titre": "Pacte", "periode": {"debut": 2017, "fin": 2020},
            "partenaires": [{"id": "etat", "nom": "État", "nature": "etat", "presentation": "Un **texte** [lien](https://x.fr)"}],
            "signataires": [{"pour": "État", "qualite": "Préfet"}]
        }"#;
        let p = Pacte::from_json(json).unwrap();
        let mut seen = Vec::new();
        each_string(&serialised(&p), |c| {
            seen.push((c.path.to_string(), c.text.to_string(), c.drawn));
        });
        let has = |path: &str, text: &str, drawn: bool| {
            seen.contains(&(path.to_string(), text.to_string(), drawn))
        };
        assert!(has("partenaires[0].nom", "État", true), "{seen:?}");
        assert!(
            has("partenaires[0].presentation", "texte", true),
            "{seen:?}"
        );
        assert!(
            has("partenaires[0].presentation", "https://x.fr", false),
            "{seen:?}"
        );
        assert!(has("signataires[0].qualite", "Préfet", true), "{seen:?}");
        assert!(has("departement.nom", "Vaucluse", true), "{seen:?}");
    }

    #[test]
    fn characters_are_shown_with_their_code_point() {
        assert_eq!(shown('中'), "\"中\" (U+4E2D)");
        assert_eq!(shown('\u{7}'), "\"\\u{7}\" (U+0007)");
        assert_eq!(shown('😀'), "\"😀\" (U+1F600)");
    }
}
