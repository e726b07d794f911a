//! Reading a pact from JSON, with errors that name their place.

use super::Pacte;
use std::fmt;

/// Where in a JSON document something went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lieu {
    /// JSON path, e.g. `partenaires[3].engagements[2].texte` (empty at the root).
    pub chemin: String,
    /// 1-based line.
    pub ligne: usize,
    /// 1-based column.
    pub colonne: usize,
}

impl fmt::Display for Lieu {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.chemin.is_empty() || self.chemin == "." {
            write!(f, "line {}:{}", self.ligne, self.colonne)
        } else {
            write!(f, "{} (line {}:{})", self.chemin, self.ligne, self.colonne)
        }
    }
}

/// A pact that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ErreurLecture {
    /// The text is not well-formed JSON (or is cut short).
    #[error("line {ligne}:{colonne}: JSON syntax error: {message}")]
    Syntaxe {
        /// 1-based line.
        ligne: usize,
        /// 1-based column.
        colonne: usize,
        /// What is wrong.
        message: String,
    },
    /// A key the model does not know.
    #[error("{lieu}: unknown key \"{cle}\"{}", suggestion.as_ref().map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default())]
    CleInconnue {
        /// Where.
        lieu: Lieu,
        /// The unknown key.
        cle: String,
        /// The nearest known key, when one is close.
        suggestion: Option<String>,
    },
    /// Well-formed JSON that does not fit the model (wrong type, missing key, bad value).
    #[error("{lieu}: {message}")]
    Donnee {
        /// Where.
        lieu: Lieu,
        /// What is wrong.
        message: String,
    },
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

impl ErreurLecture {
    /// The JSON path of the error, when it has one.
    pub fn chemin(&self) -> Option<&str> {
        match self {
            ErreurLecture::CleInconnue { lieu, .. } | ErreurLecture::Donnee { lieu, .. } => {
                Some(&lieu.chemin)
            }
            _ => None,
        }
    }
}

pub(crate) fn from_str(source: &str) -> Result<Pacte, ErreurLecture> {
    let mut de = serde_json::Deserializer::from_str(source);
    let pacte = deserialize(&mut de)?;
    de.end().map_err(|e| convertir(e, String::new()))?;
    Ok(pacte)
}

pub(crate) fn from_reader(mut reader: impl std::io::Read) -> Result<Pacte, ErreurLecture> {
    let mut s = String::new();
    reader.read_to_string(&mut s)?;
    from_str(&s)
}

fn deserialize<'de, D>(de: D) -> Result<Pacte, ErreurLecture>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let chemin = e.path().to_string();
        convertir(e.into_inner(), chemin)
    })
}

fn convertir(e: serde_json::Error, chemin: String) -> ErreurLecture {
    use serde_json::error::Category;
    let (ligne, colonne) = (e.line(), e.column());
    let message = sans_position(&e.to_string());
    match e.classify() {
        Category::Syntax | Category::Eof => ErreurLecture::Syntaxe {
            ligne,
            colonne,
            message,
        },
        Category::Io => ErreurLecture::Io(std::io::Error::other(message)),
        Category::Data => {
            let lieu = Lieu {
                chemin,
                ligne,
                colonne,
            };
            match cle_inconnue(&message) {
                Some((cle, attendues)) => {
                    let suggestion = plus_proche(&cle, &attendues);
                    ErreurLecture::CleInconnue {
                        lieu,
                        cle,
                        suggestion,
                    }
                }
                None => ErreurLecture::Donnee { lieu, message },
            }
        }
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
