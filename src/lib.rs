//! # pacte
//!
//! A typed model of a French *Pacte Territorial d'Insertion* (PTI), and a typesetter that
//! renders it to an official, signable PDF.
//!
//! The pipeline shows in the modules: [`model`] (what a pact says) → [`text`] (French
//! typography, hyphenation) → [`layout`] (lines, pages, the document) → [`pdf`] (PDF
//! objects, signature fields, PDF/A), with [`registry`] (départements and régions) and
//! [`batch`] (one pact per département) beside them, and [`fichier`] and [`ecriture`] for
//! files (loading pacts; atomic writes that an interruption can clean up). The `pacte`
//! binary is a thin CLI.
//!
//! ```
//! let json = std::fs::read_to_string("fixtures/vaucluse-2017-2020.json")?;
//! let pacte = pacte::model::Pacte::from_json(&json)?;
//! pacte.validate(Some(std::path::Path::new("fixtures")))?;
//! assert_eq!(pacte.signataires.len(), 10);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod allocator;
mod background;
pub mod batch;
pub mod ecriture;
pub mod fichier;
pub mod font;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod registry;
pub mod render;
pub mod signing;
pub mod template;
#[cfg(test)]
mod test_rng;
pub mod text;

pub use model::Pacte;
