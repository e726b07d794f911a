//! Files: reading a JSON file within the limits, reading the files a pact names only where
//! allowed ([`ResourceLoader`]: by default the files under the allowed folders of
//! [`RenderOptions`](crate::RenderOptions), or a [`MemoryLoader`]), and writing outputs atomically
//! ([`AtomicWrites`], which an interruption can empty of the temporary files in flight).

mod atomic;
mod load;
mod replace;

// Loading and validating a pact is the render's job: see `crate::load_pacte`.

pub(crate) use crate::resources::FileLoader;
pub use crate::resources::{MemoryLoader, ResourceError, ResourceLoader};
pub use atomic::AtomicWrites;
pub(crate) use atomic::Interrupted;
#[cfg(test)]
pub(crate) use load::names_in;
pub(crate) use load::{base_dir, read_text, same_file, text_of};
