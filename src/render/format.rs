//! The output formats a render writes.

use std::path::Path;

/// What a render writes: the PDF, or its HTML edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The PDF to sign (the default).
    #[default]
    Pdf,
    /// The accessible HTML edition (see [`crate::render_html`]).
    Html,
}

impl Format {
    /// The format an output file's extension names: `.html` or `.htm` → HTML, `.pdf` →
    /// PDF, anything else `None`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The extension of its files: "pdf", "html".
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}
