//! Logos and figures as `data:` URIs: the files the pact names (the cover's, the
//! signatories', the figures' of its texts), read
//! once each through the loader the PDF stage reads them with, and embedded as they are
//! (PNG or JPEG bytes, base64), so that the page is one self-contained file.

use crate::images::ImageError;
use crate::limits::Limits;
use crate::model::Pacte;
use crate::resources::ResourceLoader;
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
    /// Reads every logo and figure of `pacte` through `loader`, within `limits`; a file
    /// that cannot be read is named by its JSON path (`logo`, `signataires[3].logo`,
    /// `sections[0].texte[2].fichier`).
    pub(crate) fn load(
        pacte: &Pacte,
        loader: &dyn ResourceLoader,
        limits: &Limits,
    ) -> Result<Logos, (String, ImageError)> {
        let mut logos: Vec<Logo> = Vec::new();
        for (json_path, p) in crate::model::image_files(pacte) {
            if logos.iter().any(|l| l.path == p) {
                continue;
            }
            logos.push(read(loader, &p, limits).map_err(|e| (json_path, e))?);
        }
        Ok(Logos(logos))
    }

    /// The logo read from `path`.
    pub(crate) fn get(&self, path: &Path) -> Option<&Logo> {
        self.0.iter().find(|l| l.path == path)
    }
}

/// Reads one logo: a PNG or a JPEG, its size from its header.
fn read(loader: &dyn ResourceLoader, path: &Path, limits: &Limits) -> Result<Logo, ImageError> {
    let file = crate::images::read(loader, path, limits)?;
    let data = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
    Ok(Logo {
        path: path.to_path_buf(),
        uri: format!("data:{};base64,{data}", file.mime),
        width: file.width,
        height: file.height,
    })
}
