//! The overrides of a batch over a template: a folder of JSON merge patches, one per
//! département, named by its code.

use crate::registry;
use crate::template::TemplateError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Per-département overrides: a folder of JSON merge patches named by code (`03.json`,
/// `2A.json`).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    par_code: HashMap<String, PathBuf>,
}

impl Overrides {
    /// No override.
    pub fn none() -> Overrides {
        Overrides::default()
    }

    /// The `*.json` files of `dossier`, each named by a département code (other files are
    /// ignored).
    pub fn read(dossier: &Path) -> Result<Overrides, TemplateError> {
        let io = |source| TemplateError::Io {
            fichier: dossier.to_path_buf(),
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
                return Err(TemplateError::OverrideName {
                    fichier,
                    suggestion,
                });
            };
            if let Some(a) = par_code.insert(d.code.clone(), fichier.clone()) {
                return Err(TemplateError::DuplicateOverride {
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
