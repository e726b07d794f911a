//! Signing a pact's PDF in one of its empty signature fields, and verifying the signatures
//! of a PDF.
//!
//! [`sign`] fills an existing, empty signature field with a PAdES baseline signature
//! (B-B, or B-T with a time-stamping authority): a detached CMS `SignedData`
//! (`/SubFilter /ETSI.CAdES.detached`, SHA-256) written in an incremental update that leaves
//! every earlier byte as it was, with a visible appearance set in an embedded font so that a
//! PDF/A file stays PDF/A.
//!
//! [`verify`] checks each signature of a file: integrity (byte range, digest, signature,
//! signing certificate), coverage, the changes made after signing (object by object), and,
//! given trust anchors, the certificate chain. No revocation checking is done.
//!
//! The parts: `credentials` (keys and certificates from `.p12` or PEM files), `cms`
//! (building and checking CMS signatures), `incremental` (the update), `appearance` (the
//! widget's stamp), `tsa` (the RFC 3161 client, feature `tsa`), `verify`.

mod appearance;
mod cms;
mod credentials;
mod ess;
mod form;
mod incremental;
mod load;
mod pdfdate;
#[cfg(feature = "tsa")]
mod tsa;
mod verify;

pub use credentials::Credentials;
pub use verify::{verify, FieldReport, Trust, Verdict, Verification, VerifyError};

use crate::limits::{LimitError, Limits};
use std::path::PathBuf;

/// Which empty signature field to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChoice {
    /// The field's full name, e.g. `"Sig03_Prefet"`.
    Name(String),
    /// The signatory's id as in the pact (`"prefet"`): the field named `SigNN_Prefet`.
    Signataire(String),
}

/// How to sign, besides the field and the credentials.
#[derive(Debug, Clone, Default)]
pub struct SignOptions {
    /// Why the document is signed (`/Reason`), if said.
    pub reason: Option<String>,
    /// Where it is signed (`/Location`), if said.
    pub location: Option<String>,
    /// An RFC 3161 time-stamping authority's URL (`http://…`): the signature becomes
    /// PAdES B-T. Needs the cargo feature `tsa`.
    pub tsa_url: Option<String>,
    /// The signing time in Unix seconds (UTC); default: now.
    pub time: Option<i64>,
    /// The bounds on reading the PDF (its size, objects, inflated streams).
    pub limits: Limits,
}

/// Why a file could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// A key or certificate file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The `.p12` file could not be opened (wrong password, or not PKCS#12).
    #[error("opening the PKCS#12 file: {0} (wrong password, or not a .p12 file?)")]
    Pkcs12(String),
    /// The private key could not be read, or is of a kind not supported.
    #[error("private key: {0}")]
    Key(String),
    /// A certificate could not be read.
    #[error("certificate: {0}")]
    Certificate(String),
    /// The private key is not the one of the certificate.
    #[error("the private key does not match the certificate of {0}")]
    KeyMismatch(String),
    /// The certificate is not valid at the signing time.
    #[error("the certificate of {subject} is not valid at the signing time {at} (valid from {from} to {to})")]
    CertificateNotValid {
        /// The certificate's subject.
        subject: String,
        /// The signing time.
        at: String,
        /// Start of validity.
        from: String,
        /// End of validity.
        to: String,
    },
    /// The input is not a PDF lopdf can read.
    #[error("reading the PDF: {0}")]
    Pdf(String),
    /// The input is over one of the [`Limits`] on reading a PDF.
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// No empty signature field has that name.
    #[error("no signature field {wanted:?}; empty signature fields: {}", if .empty.is_empty() { "none".to_string() } else { .empty.join(", ") })]
    UnknownField {
        /// The field asked for.
        wanted: String,
        /// The empty signature fields of the file.
        empty: Vec<String>,
    },
    /// The field holds a signature already.
    #[error("signature field {0:?} is already signed")]
    AlreadySigned(String),
    /// The file's structure is not one this signer can update (e.g. a cross-reference stream).
    #[error("cannot update this PDF: {0}")]
    Unsupported(String),
    /// The time-stamping authority failed.
    #[error("time-stamping authority {url}: {message}")]
    Tsa {
        /// The URL.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// Building the CMS signature failed.
    #[error("building the CMS signature: {0}")]
    Cms(String),
}

/// Signs the empty signature field `field` of `pdf` with `credentials`; returns the signed
/// file (the input bytes unchanged, followed by an incremental update).
///
/// # Errors
/// [`SignError`]: unreadable PDF or one over `options.limits`, unknown or already signed field, certificate not valid
/// at the signing time, time-stamping failure.
pub fn sign(
    pdf: &[u8],
    field: &FieldChoice,
    credentials: &Credentials,
    options: &SignOptions,
) -> Result<Vec<u8>, SignError> {
    let time = options.time.unwrap_or_else(now);
    credentials.check_valid_at(time)?;
    incremental::sign(pdf, field, credentials, options, time)
}

/// The clock, in Unix seconds.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
