//! Files: loading a pact from disk, and writing outputs atomically ([`ecrire_atomique`],
//! from [`crate::ecriture`], which also tracks writes for interruptions).

pub use crate::ecriture::ecrire_atomique;

use crate::model::{ErreurLecture, Pacte, Problemes};
use std::path::{Path, PathBuf};

/// A pact file that could not be loaded or is invalid; names the file.
#[derive(Debug, thiserror::Error)]
pub enum ErreurFichier {
    /// Unreadable, malformed or not fitting the model.
    #[error("{fichier}: {erreur}")]
    Lecture {
        /// The file.
        fichier: PathBuf,
        /// Why.
        erreur: ErreurLecture,
    },
    /// Read, but invalid.
    #[error("{}", .problemes.0.iter().map(|p| format!("{}: {p}", .fichier.display())).collect::<Vec<_>>().join("\n"))]
    Invalide {
        /// The file.
        fichier: PathBuf,
        /// What is wrong.
        problemes: Problemes,
    },
}

impl ErreurFichier {
    /// One line per problem, each naming the file and the place.
    pub fn lignes(&self) -> Vec<String> {
        match self {
            ErreurFichier::Lecture { .. } => vec![self.to_string()],
            ErreurFichier::Invalide { fichier, problemes } => problemes
                .0
                .iter()
                .map(|p| format!("{}: {p}", fichier.display()))
                .collect(),
        }
    }
}

/// Reads and validates a pact file (logo paths are relative to its folder).
pub fn charger(chemin: &Path) -> Result<Pacte, ErreurFichier> {
    let lecture = |erreur| ErreurFichier::Lecture {
        fichier: chemin.to_path_buf(),
        erreur,
    };
    let source = std::fs::read_to_string(chemin).map_err(|e| lecture(ErreurLecture::Io(e)))?;
    let pacte = Pacte::from_json(&source).map_err(lecture)?;
    pacte
        .validate(Some(dossier(chemin)))
        .map_err(|problemes| ErreurFichier::Invalide {
            fichier: chemin.to_path_buf(),
            problemes,
        })?;
    Ok(pacte)
}

/// The folder a file's relative paths start from.
pub fn dossier(chemin: &Path) -> &Path {
    match chemin.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The names of the files in `dir`, sorted, hidden ones included (for tests).
#[cfg(test)]
pub(crate) fn noms_dans(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
