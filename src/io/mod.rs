//! Files: loading a pact from disk ([`load_pacte`]) and writing outputs atomically
//! ([`write_atomically`], or [`AtomicWrites`] when an interruption must be able to remove
//! the temporary files in flight).

mod atomic;
mod load;

pub use atomic::{write_atomically, AtomicWrites, Interrupted, TempFile};
pub(crate) use load::base_dir;
#[cfg(test)]
pub(crate) use load::names_in;
pub use load::{load_pacte, LoadError};
