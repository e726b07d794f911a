//! Layout: from styled text to positioned lines and pages.

pub mod linebreak;
