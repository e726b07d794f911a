//! Verifying the signatures of a PDF: for each signature field, the signer (from the
//! certificate), the claimed time, the time-stamp's time, and a verdict built from
//! integrity (`integrity`), coverage and the changes made after signing (`changes`), and
//! trust (`trust`) when trust anchors are given. No revocation checking is done.

mod changes;
mod integrity;
mod report;
mod trust;

pub use report::{FieldReport, Verdict, Verification};

use super::credentials;
use super::form;
use super::load;
use crate::limits::{LimitError, Limits};
use x509_cert::Certificate;

/// The certificates a signature's chain must lead to (none: trust is not checked).
#[derive(Debug, Clone, Default)]
pub struct Trust {
    anchors: Vec<Certificate>,
}

impl Trust {
    /// No trust anchor: the verdict says nothing of trust.
    pub fn none() -> Trust {
        Trust::default()
    }

    /// Adds the certificates of a PEM (one or more) or DER file.
    ///
    /// # Errors
    /// A message when no certificate can be read.
    pub fn add(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.anchors.extend(credentials::certificates(bytes)?);
        Ok(())
    }

    /// Whether there is any trust anchor.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

/// Why a file could not be verified at all.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// Not a PDF that can be read (truncated before its structure, not a PDF at all).
    #[error("not a readable PDF: {0}")]
    Unreadable(String),
    /// The file is encrypted.
    #[error("the file is encrypted: its signatures cannot be checked")]
    Encrypted,
    /// The file is over one of the [`Limits`] on reading a PDF.
    #[error(transparent)]
    Limit(#[from] LimitError),
}

/// Verifies every signature of `pdf`, reading it within `limits` (its size, objects and
/// inflated streams; [`Limits::default`] unless told otherwise); see the module
/// documentation.
///
/// ```
/// use pacte::signing::{verify, Trust};
/// use pacte::{Limits, RenderOptions};
///
/// let file = std::path::Path::new("fixtures/allier-2018-2021.json");
/// let options = RenderOptions::for_file(file);
/// let pdf = pacte::render_pdf(&pacte::load_pacte(file, &options)?, &options)?;
/// let report = verify(&pdf, &Trust::none(), &Limits::default())?;
/// assert!(!report.fields.is_empty() && report.fields.iter().all(|f| !f.signed));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`VerifyError`] when the file is not a readable PDF, is encrypted, or is over a limit.
pub fn verify(pdf: &[u8], trust: &Trust, limits: &Limits) -> Result<Verification, VerifyError> {
    if !pdf.starts_with(b"%PDF-") {
        return Err(VerifyError::Unreadable(
            "it does not start with %PDF-".into(),
        ));
    }
    let doc = load::load(pdf, limits).map_err(|e| match e {
        load::LoadError::Limit(l) => VerifyError::Limit(l),
        load::LoadError::Unreadable(m) => VerifyError::Unreadable(m),
    })?;
    if doc.trailer.has(b"Encrypt") || doc.is_encrypted() {
        return Err(VerifyError::Encrypted);
    }
    let fields = form::sig_fields(&doc);
    let mut reports = Vec::with_capacity(fields.len());
    let mut revisions = changes::Revisions::new(pdf, limits);
    for f in &fields {
        let mut r = FieldReport::unsigned(f);
        if let Some(value) = &f.value {
            integrity::check(pdf, value, &mut r);
            if let Some(end) = r.covered_end {
                r.later_revisions = changes::later_revisions(pdf, end);
                r.changes = revisions.disallowed_after(end);
            }
            trust::check(&mut r, trust);
        }
        reports.push(r);
    }
    Ok(Verification {
        fields: reports,
        trust_checked: !trust.is_empty(),
    })
}
