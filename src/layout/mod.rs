//! Layout: lines, pages and the whole document, from the model and the text stage.
//!
//! [`paragraph`] sets runs into lines (total-fit breaking from [`linebreak`]), [`flow`] stacks
//! lines and blocks into chunks with keep rules, [`paginate`] cuts the flow into pages, and
//! [`document`] composes a pact: cover, sommaire, parts, signatures, back cover.

pub mod cache;
pub(crate) mod coords;
pub mod document;
pub mod draw;
pub mod flow;
pub mod linebreak;
pub mod paginate;
pub mod paragraph;
pub mod tag;
pub mod theme;
pub mod words;
