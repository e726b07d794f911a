//! Text preparation before layout: French typography and hyphenation.
//!
//! [`typo`] turns model inlines into styled [`Run`]s with French typographic rules applied
//! (no-break spaces, « guillemets », ordinals, apostrophes); [`hyphen`] reports where a
//! French word may be hyphenated.

pub mod hyphen;
pub mod typo;

pub use typo::{Run, Style};
