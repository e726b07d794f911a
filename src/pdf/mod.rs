//! PDF output: the laid-out pages written with printpdf, then finished on the lopdf document
//! (outline, signature fields, PDF/A, deterministic bytes).

pub mod finish;
pub mod finishing;
pub mod image;
pub mod writer;
