//! Reading a PDF back (for `pacte fields`): its signature fields, signed or not, with the
//! signer's name and the signing time.
//!
//! This is the only part of the crate that parses PDF (with lopdf); writing never does.

mod cms;
mod fields;

pub use fields::{signature_fields, FieldState};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// lopdf could not load the file, or it has no catalog.
    #[error("reading the PDF: {0}")]
    Pdf(#[from] lopdf::Error),
}
