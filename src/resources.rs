//! The files a pact names (logos today): where a render may read them.
//!
//! Every file the library reads on a pact's behalf goes through a [`ResourceLoader`]. The
//! default one, `FileLoader` (what [`RenderOptions::loader`](crate::RenderOptions::loader)
//! gives when no loader is set), reads only under its allowed folders (the pact's own folder,
//! and those the caller adds), after resolving `..` and symbolic links; anything else is
//! refused with one message, [`ResourceError::Outside`], whether the file exists or not, so
//! that the answer reveals nothing about the rest of the disk. [`MemoryLoader`] serves bytes
//! the caller already holds: a server renders without touching the file system.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Where a render reads the files that a pact names (its logos), as the pact names them.
///
/// Implement it to serve files from a database or an object store. The library provides
/// two: the files under allowed folders (what
/// [`RenderOptions::loader`](crate::RenderOptions::loader) gives when
/// [`RenderOptions::resources`](crate::RenderOptions::resources) is `None`) and
/// [`MemoryLoader`].
pub trait ResourceLoader: std::fmt::Debug + Send + Sync {
    /// The bytes of the file the pact names `path`, refused when it holds more than
    /// `max_bytes` ([`ResourceError::TooLarge`]).
    fn read(&self, path: &Path, max_bytes: u64) -> Result<Vec<u8>, ResourceError>;
}

/// A file a pact names that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ResourceError {
    /// The path leads outside the allowed folders (absolute, `..`, or a symbolic link), or
    /// to a file that may not exist: the same answer in both cases.
    #[error(
        "\"{}\" is outside the allowed folders (the pact's folder, and those added with \
         RenderOptions::allowed_dirs or --allow-dir DIR)",
        path.display()
    )]
    Outside {
        /// The path, as the pact names it.
        path: PathBuf,
    },
    /// Inside the allowed folders, but missing or unreadable.
    #[error("\"{}\" cannot be read: {reason}", path.display())]
    Unreadable {
        /// The path, as the pact names it.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A [`MemoryLoader`] that does not hold this path.
    #[error("\"{}\" is not among the resources given to the render", path.display())]
    Missing {
        /// The path, as the pact names it.
        path: PathBuf,
    },
    /// Larger than the limit.
    #[error(
        "\"{}\" is larger than the limit image_bytes = {limit} bytes (raise \
         RenderOptions::limits.image_bytes, or --limit image_bytes=N)",
        path.display()
    )]
    TooLarge {
        /// The path, as the pact names it.
        path: PathBuf,
        /// The limit, bytes.
        limit: u64,
    },
}

/// Reads files under allowed folders only: the base folder and the allowed ones, after
/// resolving `..` and symbolic links.
#[derive(Debug, Clone)]
pub(crate) struct FileLoader {
    /// The folder relative paths start from, absolute.
    base: PathBuf,
    /// The allowed folders, absolute as given and canonical: `(given, canonical)`.
    roots: Vec<(PathBuf, PathBuf)>,
}

impl FileLoader {
    /// Reads paths relative to `base`, under `base` or one of `allowed_dirs` (a folder that
    /// does not exist allows nothing).
    pub(crate) fn new(base: &Path, allowed_dirs: &[PathBuf]) -> FileLoader {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let roots = std::iter::once(base)
            .chain(allowed_dirs.iter().map(PathBuf::as_path))
            .filter_map(|d| {
                let canonical = d.canonicalize().ok()?;
                Some((lexical(&absolute(d)), canonical))
            })
            .collect();
        FileLoader {
            base: absolute(base),
            roots,
        }
    }

    /// The canonical file `path` leads to, when it is inside a root.
    fn resolve(&self, path: &Path) -> Result<PathBuf, ResourceError> {
        let outside = || ResourceError::Outside {
            path: path.to_path_buf(),
        };
        // Lexically first, before touching the disk: `/etc/x`, `../../x`.
        let full = lexical(&self.base.join(path));
        let inside = |p: &Path| {
            self.roots
                .iter()
                .any(|(given, canon)| p.starts_with(given) || p.starts_with(canon))
        };
        if !inside(&full) {
            return Err(outside());
        }
        match full.canonicalize() {
            Ok(canonical) if self.roots.iter().any(|(_, c)| canonical.starts_with(c)) => {
                Ok(canonical)
            }
            Ok(_) => Err(outside()),
            Err(e) => {
                // A dangling symbolic link, or a folder on the way that leads out: outside,
                // whatever the target.
                let leads_out = full.symlink_metadata().is_ok()
                    || full
                        .ancestors()
                        .skip(1)
                        .find_map(|a| a.canonicalize().ok())
                        .is_some_and(|c| !self.roots.iter().any(|(_, r)| c.starts_with(r)));
                if leads_out {
                    Err(outside())
                } else {
                    Err(ResourceError::Unreadable {
                        path: path.to_path_buf(),
                        reason: e.to_string(),
                    })
                }
            }
        }
    }
}

impl ResourceLoader for FileLoader {
    fn read(&self, path: &Path, max_bytes: u64) -> Result<Vec<u8>, ResourceError> {
        let canonical = self.resolve(path)?;
        let unreadable = |reason: String| ResourceError::Unreadable {
            path: path.to_path_buf(),
            reason,
        };
        let file = std::fs::File::open(&canonical).map_err(|e| unreadable(e.to_string()))?;
        let meta = file.metadata().map_err(|e| unreadable(e.to_string()))?;
        if !meta.is_file() {
            return Err(unreadable("it is not a regular file".into()));
        }
        if meta.len() > max_bytes {
            return Err(ResourceError::TooLarge {
                path: path.to_path_buf(),
                limit: max_bytes,
            });
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(e.to_string()))?;
        if bytes.len() as u64 > max_bytes {
            return Err(ResourceError::TooLarge {
                path: path.to_path_buf(),
                limit: max_bytes,
            });
        }
        Ok(bytes)
    }
}

/// Serves files from memory, by the path the pact names them with: a render that reads
/// no file.
///
/// ```
/// use pacte::io::MemoryLoader;
/// use std::sync::Arc;
///
/// let json = std::fs::read_to_string("fixtures/allier-2018-2021.json")?;
/// let mut pacte = pacte::Pacte::from_json(&json)?;
/// pacte.logo = Some("logos/allier.png".into());
///
/// // The logo's bytes, from a database or an upload; no file is read during the render.
/// let png = std::fs::read("tests/data/logo-alpha.png")?;
/// let loader = MemoryLoader::new([("logos/allier.png", png)]);
/// let options = pacte::RenderOptions {
///     resources: Some(Arc::new(loader)),
///     ..pacte::RenderOptions::default()
/// };
/// pacte.validate_with(&options)?;
/// let pdf = pacte::render_pdf(&pacte, &options)?;
/// assert!(pdf.starts_with(b"%PDF-"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemoryLoader {
    files: HashMap<PathBuf, Vec<u8>>,
}

impl MemoryLoader {
    /// The files, each named as the pact names it.
    pub fn new<P: Into<PathBuf>>(files: impl IntoIterator<Item = (P, Vec<u8>)>) -> MemoryLoader {
        MemoryLoader {
            files: files.into_iter().map(|(p, b)| (p.into(), b)).collect(),
        }
    }
}

impl ResourceLoader for MemoryLoader {
    fn read(&self, path: &Path, max_bytes: u64) -> Result<Vec<u8>, ResourceError> {
        let bytes = self.files.get(path).ok_or_else(|| ResourceError::Missing {
            path: path.to_path_buf(),
        })?;
        if bytes.len() as u64 > max_bytes {
            return Err(ResourceError::TooLarge {
                path: path.to_path_buf(),
                limit: max_bytes,
            });
        }
        Ok(bytes.clone())
    }
}

/// `path` with `.` removed and each `..` taking away the component before it, without
/// reading the disk (a `..` above the root stays at the root).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_resolves_dots_without_the_disk() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(lexical(Path::new("/a/../../x")), Path::new("/x"));
    }

    #[cfg(unix)]
    #[test]
    fn only_files_under_the_roots_are_read_and_outside_says_the_same_thing() {
        let dir = tempfile::tempdir().unwrap();
        let pact = dir.path().join("pacte");
        let other = dir.path().join("ailleurs");
        std::fs::create_dir_all(pact.join("logos")).unwrap();
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(pact.join("logos/a.png"), b"a").unwrap();
        std::fs::write(other.join("secret.png"), b"s").unwrap();
        std::os::unix::fs::symlink(other.join("secret.png"), pact.join("lien.png")).unwrap();
        std::os::unix::fs::symlink(other.join("absent.png"), pact.join("mort.png")).unwrap();
        std::os::unix::fs::symlink(&other, pact.join("dossier")).unwrap();
        let loader = FileLoader::new(&pact, &[]);
        assert_eq!(loader.read(Path::new("logos/a.png"), 10).unwrap(), b"a");
        assert_eq!(
            loader
                .read(Path::new("./logos/../logos/a.png"), 10)
                .unwrap(),
            b"a"
        );
        let secret = other.join("secret.png");
        let absent = other.join("absent.png");
        let refused = [
            secret.as_path(),
            absent.as_path(),
            Path::new("../ailleurs/secret.png"),
            Path::new("../ailleurs/absent.png"),
            Path::new("lien.png"),
            Path::new("mort.png"),
            Path::new("dossier/secret.png"),
            Path::new("dossier/absent.png"),
            Path::new("/etc/passwd"),
        ];
        for p in refused {
            let e = loader.read(p, 10).unwrap_err();
            assert!(matches!(e, ResourceError::Outside { .. }), "{p:?}: {e}");
            assert_eq!(
                e.to_string(),
                format!(
                    "\"{}\" is outside the allowed folders (the pact's folder, and those added \
                     with RenderOptions::allowed_dirs or --allow-dir DIR)",
                    p.display()
                )
            );
        }
        // A missing file inside is named as such; a file too large is refused.
        let e = loader.read(Path::new("logos/none.png"), 10).unwrap_err();
        assert!(matches!(e, ResourceError::Unreadable { .. }), "{e}");
        let e = loader.read(Path::new("logos/a.png"), 0).unwrap_err();
        assert!(e.to_string().contains("image_bytes = 0"), "{e}");
        // An allowed folder opens the other one, by any of its paths.
        let loader = FileLoader::new(&pact, std::slice::from_ref(&other));
        assert_eq!(loader.read(&secret, 10).unwrap(), b"s");
        assert_eq!(loader.read(Path::new("lien.png"), 10).unwrap(), b"s");
        assert_eq!(
            loader
                .read(Path::new("../ailleurs/secret.png"), 10)
                .unwrap(),
            b"s"
        );
    }
}
