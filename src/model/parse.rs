//! Reading a pact from JSON, with errors that name their place.

use super::Pacte;

/// Where in a JSON document something went wrong: "path (line L:C)", or "line L:C" at the
/// root.
fn place(path: &str, line: usize, column: usize) -> String {
    if path.is_empty() || path == "." {
        format!("line {line}:{column}")
    } else {
        format!("{path} (line {line}:{column})")
    }
}

/// A pact that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The text is not well-formed JSON (or is cut short).
    #[error("line {line}:{column}: JSON syntax error: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A key the model does not know.
    #[error("{}: unknown key \"{key}\"{}", place(path, *line, *column), suggestion.as_ref().map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default())]
    UnknownKey {
        /// JSON path, e.g. `partenaires[3].engagments` (empty at the root).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The unknown key.
        key: String,
        /// The nearest known key, when one is close.
        suggestion: Option<String>,
    },
    /// Well-formed JSON that does not fit the model (wrong type, missing key, bad value).
    #[error("{}: {message}", place(path, *line, *column))]
    Data {
        /// JSON path, e.g. `partenaires[3].engagements[2].texte` (empty at the root).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file is not UTF-8 text.
    #[error("line {line}:{column}: not UTF-8 text (save the file as UTF-8)")]
    Encoding {
        /// 1-based line.
        line: usize,
        /// 1-based column (characters).
        column: usize,
    },
    /// The file is over a limit (its size, its nesting depth).
    #[error("{0}")]
    Limit(#[from] crate::limits::LimitError),
}

impl ReadError {
    /// The JSON path of the error, when it has one.
    pub fn path(&self) -> Option<&str> {
        match self {
            ReadError::UnknownKey { path, .. } | ReadError::Data { path, .. } => Some(path),
            _ => None,
        }
    }
}

pub(crate) fn from_str(source: &str) -> Result<Pacte, ReadError> {
    read_json(source)
}

/// Reads any JSON document the way a pact is read: errors name their JSON path and
/// line:column, and an unknown key its nearest known one (a theme file is read so too).
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(source: &str) -> Result<T, ReadError> {
    let mut de = serde_json::Deserializer::from_str(source);
    let value = deserialize(&mut de)?;
    de.end().map_err(|e| convertir(e, String::new()))?;
    Ok(value)
}

pub(crate) fn from_reader(mut reader: impl std::io::Read) -> Result<Pacte, ReadError> {
    let mut s = String::new();
    reader.read_to_string(&mut s)?;
    from_str(&s)
}

fn deserialize<'de, D, T>(de: D) -> Result<T, ReadError>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
    T: serde::Deserialize<'de>,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let chemin = e.path().to_string();
        convertir(e.into_inner(), chemin)
    })
}

fn convertir(e: serde_json::Error, chemin: String) -> ReadError {
    use serde_json::error::Category;
    let (ligne, colonne) = (e.line(), e.column());
    let message = sans_position(&e.to_string());
    match e.classify() {
        Category::Syntax | Category::Eof => ReadError::Syntax {
            line: ligne,
            column: colonne,
            message,
        },
        Category::Io => ReadError::Io(std::io::Error::other(message)),
        Category::Data => match cle_inconnue(&message) {
            Some((cle, attendues)) => {
                let suggestion = plus_proche(&cle, &attendues);
                ReadError::UnknownKey {
                    path: chemin,
                    line: ligne,
                    column: colonne,
                    key: cle,
                    suggestion,
                }
            }
            None => ReadError::Data {
                path: chemin,
                line: ligne,
                column: colonne,
                message,
            },
        },
    }
}

/// serde_json appends " at line L column C"; the place is reported separately.
fn sans_position(m: &str) -> String {
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m.to_string(),
    }
}

/// Parses serde's "unknown field `x`, expected one of `a`, `b`" message.
fn cle_inconnue(message: &str) -> Option<(String, Vec<String>)> {
    let reste = message.strip_prefix("unknown field `")?;
    let fin = reste.find('`')?;
    let cle = reste[..fin].to_string();
    let attendues = reste[fin + 1..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((cle, attendues))
}

/// The known key nearest to `cle`, if it is close enough to be a typo.
pub(crate) fn plus_proche(cle: &str, connues: &[String]) -> Option<String> {
    connues
        .iter()
        .map(|k| (strsim::damerau_levenshtein(cle, k), k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_message_is_parsed() {
        let (cle, att) =
            cle_inconnue("unknown field `engagments`, expected one of `texte`, `engagements`")
                .unwrap();
        assert_eq!(cle, "engagments");
        assert_eq!(att, vec!["texte", "engagements"]);
        assert_eq!(
            plus_proche("engagments", &att).as_deref(),
            Some("engagements")
        );
        assert_eq!(plus_proche("zzz", &att), None);
    }
}
