//! From the laid-out document to the finishing stage's inputs: outline, signature fields,
//! metadata.

use crate::layout::document::Document;
use crate::model::Pacte;
use crate::render::{RenderError, RenderOptions};

/// Finishes the PDF and returns its bytes.
pub fn finish(
    _pacte: &Pacte,
    _doc: &Document,
    mut lo: lopdf::Document,
    _title: &str,
    _options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| RenderError::Pdf(e.to_string()))?;
    Ok(out)
}
