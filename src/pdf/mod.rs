//! PDF output.

pub mod image;
