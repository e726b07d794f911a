//! The overrides of a batch over a template: a folder of JSON merge patches, one per
//! département, named by its code.

use crate::registry;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Per-département overrides: a folder of JSON merge patches named by code (`03.json`,
/// `2A.json`).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    par_code: HashMap<String, PathBuf>,
}

/// An override folder that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OverridesError {
    /// The folder could not be read.
    #[error("{}: cannot read: {source}", dossier.display())]
    Io {
        /// The folder.
        dossier: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A JSON file not named by a département code.
    #[error("{}: an override file is named by its département's code, e.g. 03.json{}", fichier.display(), suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownName {
        /// The file.
        fichier: PathBuf,
        /// "03.json", when the name is close to a département's.
        suggestion: Option<String>,
    },
    /// Two files for the same département ("2a.json" and "2A.json").
    #[error("{} and {} are both overrides of {code}", a.display(), b.display())]
    Duplicate {
        /// The département code.
        code: String,
        /// One file.
        a: PathBuf,
        /// The other.
        b: PathBuf,
    },
}

impl Overrides {
    /// No override.
    pub fn none() -> Overrides {
        Overrides::default()
    }

    /// The `*.json` files of `dossier`, each named by a département code (other files are
    /// ignored).
    pub fn read(dossier: &Path) -> Result<Overrides, OverridesError> {
        let io = |source| OverridesError::Io {
            dossier: dossier.to_path_buf(),
            source,
        };
        let mut par_code: HashMap<String, PathBuf> = HashMap::new();
        let mut fichiers: Vec<PathBuf> = Vec::new();
        for entree in std::fs::read_dir(dossier).map_err(io)? {
            fichiers.push(entree.map_err(io)?.path());
        }
        fichiers.sort();
        for fichier in fichiers {
            let json = fichier
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            let Some(nom) = fichier
                .file_stem()
                .and_then(|s| s.to_str())
                .filter(|_| json)
            else {
                continue;
            };
            let Some(d) = registry::departement(nom).filter(|d| d.code.eq_ignore_ascii_case(nom))
            else {
                let suggestion = registry::departement(nom)
                    .or_else(|| registry::departement_proche(nom))
                    .map(|d| format!("{}.json", d.code));
                return Err(OverridesError::UnknownName {
                    fichier,
                    suggestion,
                });
            };
            if let Some(a) = par_code.insert(d.code.clone(), fichier.clone()) {
                return Err(OverridesError::Duplicate {
                    code: d.code.clone(),
                    a,
                    b: fichier,
                });
            }
        }
        Ok(Overrides { par_code })
    }

    /// The override of the département with this code, if any.
    pub fn for_code(&self, code: &str) -> Option<&Path> {
        self.par_code.get(code).map(PathBuf::as_path)
    }

    /// How many overrides there are.
    pub fn len(&self) -> usize {
        self.par_code.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.par_code.is_empty()
    }
}
