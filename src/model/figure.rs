//! Figures: an image file (a map, a diagram) set in the text's column, with an alternative
//! text and a caption numbered through the document ("Figure 2 – …").
//!
//! An author writes a figure in Markdown as an image alone in its paragraph,
//! `![what it shows](carte.png "Caption")` (an image inside a paragraph splits it: the text
//! before, the figure, the text after), or as a typed block in a text's array form:
//! `{"type": "figure", "fichier": "carte.png", "alt": "…", "legende": "…"}`. The file is
//! read, like logos, through the render's loader relative to the pact's folder.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A figure: an image file, what it shows in words, and a caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The PNG or JPEG file, relative to the pact's folder.
    pub fichier: PathBuf,
    /// The alternative text: what the figure shows, for a reader who cannot see it (the
    /// tagged PDF's `/Alt`, the HTML edition's `alt`). Must not be empty.
    pub alt: String,
    /// The caption, set under the figure after its number: "Figure 1 – …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legende: Option<String>,
}

impl Figure {
    /// What is wrong with the figure's texts, each with its path inside the figure (its
    /// file is checked by the validation, which reads it).
    pub(crate) fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.alt.trim().is_empty() {
            out.push((
                "alt".into(),
                "a figure's alternative text must not be empty: say in words what it shows \
                 (in Markdown, ![what it shows](file.png \"Caption\"))"
                    .into(),
            ));
        }
        if self.legende.as_deref().is_some_and(|l| l.trim().is_empty()) {
            out.push((
                "legende".into(),
                "the caption must not be empty (leave `legende` out for a figure without one)"
                    .into(),
            ));
        }
        if self.fichier.as_os_str().is_empty() {
            out.push(("fichier".into(), "a figure needs an image file".into()));
        }
        out
    }
}

/// Every image file `p` shows, each with its JSON path, in the order a render reads them:
/// the cover's logo (`logo`), the signatories' (`signataires[3].logo`), then the figures'
/// in the order the pact's fields are written (`sections[0].texte[1].fichier`). A file may
/// come more than once.
pub(crate) fn image_files(p: &super::Pacte) -> Vec<(String, PathBuf)> {
    let cover = p.logo.iter().map(|l| ("logo".to_string(), l.clone()));
    let signatories = p.signataires.iter().enumerate().filter_map(|(i, s)| {
        let logo = s.logo.as_ref()?;
        Some((format!("signataires[{i}].logo"), logo.clone()))
    });
    let mut out: Vec<(String, PathBuf)> = cover.chain(signatories).collect();
    out.extend(super::figure_files::figure_files(p));
    out
}

/// The figure an image of Markdown makes: its destination the file, its title the
/// caption (none when empty), its alternative text as written.
pub(super) fn from_markdown(url: &str, title: &str, alt: String) -> Figure {
    let title = title.trim();
    Figure {
        fichier: PathBuf::from(url),
        alt: alt.trim().to_string(),
        legende: (!title.is_empty()).then(|| title.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_the_field() {
        let f = from_markdown("carte.png", " ", "  ".into());
        assert_eq!(f.legende, None);
        let p = f.problems();
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "alt");
        let f = Figure {
            legende: Some("".into()),
            ..from_markdown("", "", "Carte".into())
        };
        let champs: Vec<String> = f.problems().into_iter().map(|(c, _)| c).collect();
        assert_eq!(champs, ["legende", "fichier"]);
    }
}
