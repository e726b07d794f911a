//! Files: loading a pact from disk ([`load_pacte`]), reading the files it names only where
//! allowed ([`ResourceLoader`], [`FileLoader`], [`MemoryLoader`]), and writing outputs atomically
//! ([`write_atomically`], or [`AtomicWrites`] when an interruption must be able to remove
//! the temporary files in flight).

mod atomic;
mod load;

pub use crate::resources::{FileLoader, MemoryLoader, ResourceError, ResourceLoader};
pub use atomic::{write_atomically, AtomicWrites, Interrupted};
pub(crate) use load::load_pacte_for_html;
#[cfg(test)]
pub(crate) use load::names_in;
pub(crate) use load::{base_dir, read_text, same_file};
pub use load::{load_pacte, load_pacte_with, LoadError};
