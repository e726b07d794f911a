//! The binary's own modules: what a command-line program needs and a library must not do.

#[cfg(feature = "mimalloc")]
pub(crate) mod allocator;
