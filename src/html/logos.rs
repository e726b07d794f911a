//! Logos as `data:` URIs: the files the pact names (the cover's, the signatories'), read
//! once each from the same folder as the PDF stage reads them, and embedded as they are
//! (PNG or JPEG bytes, base64), so that the page is one self-contained file.

use super::HtmlError;
use crate::model::Pacte;
use base64::Engine;
use std::path::{Path, PathBuf};

/// One logo, ready for an `<img>`.
#[derive(Debug, Clone)]
pub(crate) struct Logo {
    /// The file as the pact names it.
    pub(crate) path: PathBuf,
    /// `data:image/png;base64,…`.
    pub(crate) uri: String,
    /// Width, px.
    pub(crate) width: u32,
    /// Height, px.
    pub(crate) height: u32,
}

/// Every logo the pact shows, each file once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Logos(Vec<Logo>);

impl Logos {
    /// Reads every logo of `pacte`; relative paths start from `base`.
    pub(crate) fn load(pacte: &Pacte, base: &Path) -> Result<Logos, HtmlError> {
        // Read as the PDF's render reads them: confined to the pact's folder, within the
        // default limits.
        let loader = crate::io::FileLoader::new(base, &[]);
        let mut logos: Vec<Logo> = Vec::new();
        let paths = pacte
            .logo
            .iter()
            .chain(pacte.signataires.iter().filter_map(|s| s.logo.as_ref()));
        for p in paths {
            if logos.iter().any(|l| &l.path == p) {
                continue;
            }
            logos.push(read(&loader, p)?);
        }
        Ok(Logos(logos))
    }

    /// The logo read from `path`.
    pub(crate) fn get(&self, path: &Path) -> Option<&Logo> {
        self.0.iter().find(|l| l.path == path)
    }
}

/// Reads one logo: a PNG or a JPEG, its size from its header.
fn read(loader: &crate::io::FileLoader, path: &Path) -> Result<Logo, HtmlError> {
    let file = crate::images::read(loader, path, &crate::render::Limits::default())?;
    let data = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
    Ok(Logo {
        path: path.to_path_buf(),
        uri: format!("data:{};base64,{data}", file.mime),
        width: file.width,
        height: file.height,
    })
}
