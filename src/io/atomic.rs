//! Atomic writes, and the temporary files they have in flight.
//!
//! A PDF is written to a hidden temporary file (`.pacte-XXXXXX.tmp`) in its destination
//! folder, then put in the destination's place (`replace.rs`): a reader sees the old file
//! or the whole new one, never a part. When a write fails, the temporary file is removed by its destructor.
//! But when the process is stopped by a signal, destructors do not run: whoever handles the
//! signal must remove the temporary files itself, and so must know them. [`AtomicWrites`] is
//! that list.
//!
//! # Why an object, and not a process-wide set
//!
//! The list is an object the caller creates and passes down (the batch borrows it, as
//! `&AtomicWrites`, for the duration of its rayon iterator; a signal-handling thread holds it in
//! an [`Arc`](std::sync::Arc)), rather than a hidden global that every write would fill:
//! the library keeps no state and installs no signal handler of its own, so an embedder that
//! does not care pays nothing and sees no surprise, and one that does (the `pacte` binary,
//! `src/main.rs`) decides what an interruption means. [`write_atomically`] is the untracked
//! write, for callers that handle no interruption.
//!
//! ```
//! use pacte::io::AtomicWrites;
//! use std::sync::Arc;
//!
//! let dir = tempfile::tempdir()?;
//! let writes = Arc::new(AtomicWrites::new());
//! // A signal-handling thread would hold a clone and call `interrupt()`.
//! writes.write_atomically(&dir.path().join("a.pdf"), b"%PDF-1.7")?;
//! assert_eq!(writes.written(), 1);
//! assert!(writes.in_flight().is_empty());
//! # Ok::<(), std::io::Error>(())
//! ```

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The atomic writes of a run: the temporary files being written, how many files were
/// written, and whether the run was interrupted.
///
/// Share it between the workers (`&AtomicWrites` is `Sync`) and the thread that handles an
/// interruption, which calls [`AtomicWrites::interrupt`]: the temporary files in flight are
/// removed and no write begins or finishes after that. A file already renamed into place is
/// complete, and stays.
///
/// Every step that creates, renames or removes a temporary file holds one lock, so that
/// [`AtomicWrites::interrupt`] sees each temporary file either in flight (and removes it) or
/// already renamed or removed, and never one being created.
#[derive(Debug, Default)]
pub struct AtomicWrites {
    etat: Mutex<Etat>,
}

#[derive(Debug, Default)]
struct Etat {
    /// The temporary files created and not yet renamed or removed.
    en_cours: BTreeSet<PathBuf>,
    /// Files renamed into place.
    ecrits: usize,
    /// Set by `interrupt`: no write begins or finishes after it.
    interrompu: bool,
}

/// The error of a write refused because its run was interrupted, "not written: the run was
/// interrupted" (inside an [`io::Error`] of
/// kind [`io::ErrorKind::Other`]; not `Interrupted`, which means "try again").
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not written: the run was interrupted")]
pub(crate) struct Interrupted;

impl Interrupted {
    /// True when `erreur` is a write refused by an interruption.
    pub(crate) fn is(error: &io::Error) -> bool {
        error.get_ref().is_some_and(|e| e.is::<Interrupted>())
    }
}

impl AtomicWrites {
    /// An empty list, not interrupted.
    pub fn new() -> AtomicWrites {
        AtomicWrites::default()
    }

    fn etat(&self) -> MutexGuard<'_, Etat> {
        // A worker that panicked holding the lock left the state consistent (each step
        // updates it after its file operation): keep going.
        self.etat.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes `bytes` to `dest` atomically (a temporary file in the same folder, flushed to
    /// disk, then a rename; nothing left behind on failure; the new file's permissions those
    /// of any new file, `0o666` less the umask on Unix), tracked: while the
    /// temporary file exists it is in [`AtomicWrites::in_flight`].
    ///
    /// Fails ("the run was interrupted") when the run was interrupted before the rename.
    ///
    /// A destination that is a character device (`/dev/stdout`, a terminal) is written to,
    /// not replaced, as is the process's own standard output or error named by its path
    /// (`/dev/stdout`, `/dev/fd/1`) whatever it is; a folder, a FIFO or a socket is refused;
    /// a symbolic link is followed (the link stays, its target is replaced).
    pub fn write_atomically(&self, dest: &Path, bytes: &[u8]) -> io::Result<()> {
        self.write(dest, bytes, Durability::Flushed)
    }

    /// [`AtomicWrites::write_atomically`] for a file its source makes again byte for byte (a
    /// render): renamed into place without waiting for the disk (see [`Durability`]).
    pub(crate) fn write_reproducible(&self, dest: &Path, bytes: &[u8]) -> io::Result<()> {
        self.write(dest, bytes, Durability::Reproducible)
    }

    fn write(&self, dest: &Path, bytes: &[u8], durability: Durability) -> io::Result<()> {
        if let Kind::WriteThrough = kind(dest)? {
            if self.is_interrupted() {
                return Err(io::Error::other(Interrupted));
            }
            let mut device = std::fs::OpenOptions::new().write(true).open(dest)?;
            device.write_all(bytes)?;
            return device.flush();
        }
        let target = match dest.symlink_metadata() {
            Ok(m) if m.file_type().is_symlink() => dest.canonicalize()?,
            _ => dest.to_path_buf(),
        };
        let mut tmp = self.begin(&target)?;
        tmp.write_all(bytes)?;
        tmp.finish(durability)
    }

    /// Begins an atomic write to `dest`: creates the temporary file in `dest`'s folder. Write
    /// to it, then call [`TempFile::finish`]; dropping it unfinished removes it. A `dest`
    /// that exists and is not a regular file is refused.
    ///
    /// Fails ("the run was interrupted") when the run was interrupted.
    pub(crate) fn begin(&self, dest: &Path) -> io::Result<TempFile<'_>> {
        // An absolute path, so that the temporary file can be removed even if the working
        // directory changes meanwhile.
        let existing = check_destination(dest)?;
        let dossier = std::path::absolute(crate::io::base_dir(dest))?;
        let mut etat = self.etat();
        if etat.interrompu {
            return Err(io::Error::other(Interrupted));
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".pacte-").suffix(".tmp");
        #[cfg(unix)]
        {
            // Created with the mode of any new file, 0o666 less the umask (which the kernel
            // applies), rather than tempfile's private 0o600: the PDF is renamed as it is.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let fichier = builder.tempfile_in(dossier)?;
        etat.en_cours.insert(fichier.path().to_path_buf());
        Ok(TempFile {
            ecritures: self,
            chemin: fichier.path().to_path_buf(),
            dest: dest.to_path_buf(),
            existing,
            fichier: Some(fichier),
        })
    }

    /// The temporary files being written now.
    pub fn in_flight(&self) -> Vec<PathBuf> {
        self.etat().en_cours.iter().cloned().collect()
    }

    /// How many files were written (renamed into place).
    pub fn written(&self) -> usize {
        self.etat().ecrits
    }

    /// True once [`AtomicWrites::interrupt`] was called.
    pub fn is_interrupted(&self) -> bool {
        self.etat().interrompu
    }

    /// Interrupts the run: removes the temporary files in flight, and refuses every write
    /// that begins or finishes after this call ("the run was interrupted"). Returns how many
    /// temporary files were removed. Callable from any thread, more than once.
    ///
    /// A worker still writing to a removed file goes on writing to a file that has no name
    /// any more, and its rename is refused: nothing of it is left on disk.
    pub fn interrupt(&self) -> usize {
        let mut etat = self.etat();
        etat.interrompu = true;
        let en_cours = std::mem::take(&mut etat.en_cours);
        en_cours
            .iter()
            .filter(|chemin| std::fs::remove_file(chemin).is_ok())
            .count()
    }
}

/// Whether an atomic write waits for its bytes to reach the disk (`fsync`) before the rename.
///
/// The rename alone already gives every reader the old file or the whole new one. The flush
/// adds the same after a system crash or a power cut, at the price of waiting for the disk
/// (a few milliseconds a file, as long as the rest of a render). It is paid for what cannot
/// be made again, a signed PDF, and not for a render, which the same pact gives again byte
/// for byte: after a crash, a render's file may be found empty, and the render makes it
/// again (the rename itself is in `replace.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Durability {
    /// Flushed to disk, then renamed.
    Flushed,
    /// Renamed without waiting for the disk.
    Reproducible,
}

/// How a destination is written.
enum Kind {
    /// A new file: through a temporary file renamed to its name.
    New,
    /// A regular file: through a temporary file put in its place.
    Replace,
    /// A device: written to directly.
    WriteThrough,
}

/// How `dest` is written; a folder, a FIFO or a socket refused with a message that says so.
fn kind(dest: &Path) -> io::Result<Kind> {
    let Ok(meta) = dest.metadata() else {
        return Ok(Kind::New);
    };
    let file_type = meta.file_type();
    // The process's own standard output or error, whatever it is (a terminal, a pipe, a
    // file the shell opened): written to, never renamed over.
    let own_descriptor = ["/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/"]
        .iter()
        .any(|p| dest.to_string_lossy().starts_with(p));
    if own_descriptor {
        return Ok(Kind::WriteThrough);
    }
    if file_type.is_file() {
        return Ok(Kind::Replace);
    }
    if file_type.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder: give a file name",
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_char_device() {
            return Ok(Kind::WriteThrough);
        }
        let what = if file_type.is_fifo() {
            "a FIFO (named pipe)"
        } else if file_type.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it is {what}: pacte writes a regular file or a device (use -o - for standard \
                 output)"
            ),
        ))
    }
    #[cfg(not(unix))]
    Ok(Kind::WriteThrough)
}

/// Refuses a destination that is not a regular file (or a new one), or whose folder does
/// not exist, with a message that says so (rather than naming the temporary file that
/// could not be created). Returns whether a file is there to be replaced.
fn check_destination(dest: &Path) -> io::Result<bool> {
    let existing = match kind(dest)? {
        Kind::New => false,
        Kind::Replace => true,
        Kind::WriteThrough => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is a device: it is written to, not replaced (use write_atomically)",
            ))
        }
    };
    let folder = crate::io::base_dir(dest);
    if !folder.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("the folder \"{}\" does not exist", folder.display()),
        ));
    }
    Ok(existing)
}

/// A temporary file being written by [`AtomicWrites::begin`]; [`TempFile::finish`]
/// renames it into place, dropping it removes it.
#[derive(Debug)]
pub(crate) struct TempFile<'a> {
    ecritures: &'a AtomicWrites,
    /// `None` once renamed or removed.
    fichier: Option<tempfile::NamedTempFile>,
    chemin: PathBuf,
    dest: PathBuf,
    /// Whether a file was at `dest` when the write began.
    existing: bool,
}

impl TempFile<'_> {
    /// The temporary file's path.
    #[cfg(test)]
    pub fn path(&self) -> &Path {
        &self.chemin
    }

    /// Flushes the file to disk if `durability` asks it, and renames it into place.
    ///
    /// Fails ("the run was interrupted") when the run was interrupted meanwhile; the temporary file
    /// is then already removed.
    pub fn finish(mut self, durability: Durability) -> io::Result<()> {
        let Some(fichier) = self.fichier.take() else {
            return Err(io::Error::other(Interrupted));
        };
        if durability == Durability::Flushed {
            if let Err(e) = fichier.as_file().sync_all() {
                self.fichier = Some(fichier);
                return Err(e);
            }
        }
        let mut etat = self.ecritures.etat();
        let resultat = if etat.interrompu {
            // Already removed by `interrupt`; dropping it finds nothing to remove.
            drop(fichier);
            Err(io::Error::other(Interrupted))
        } else {
            let resultat = super::replace::replace(fichier, &self.dest, self.existing);
            if resultat.is_ok() {
                etat.ecrits += 1;
            }
            resultat
        };
        etat.en_cours.remove(&self.chemin);
        resultat
    }
}

impl Write for TempFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.fichier {
            Some(f) => f.write(buf),
            None => Err(io::Error::other(Interrupted)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.fichier {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for TempFile<'_> {
    fn drop(&mut self) {
        if let Some(fichier) = self.fichier.take() {
            // Removed and forgotten under the lock: an interruption sees it in flight or gone.
            let mut etat = self.ecritures.etat();
            drop(fichier);
            etat.en_cours.remove(&self.chemin);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tracked_write_is_counted_and_leaves_only_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let e = AtomicWrites::new();
        e.write_atomically(&dir.path().join("a.pdf"), b"premier")
            .unwrap();
        e.write_atomically(&dir.path().join("a.pdf"), b"second")
            .unwrap();
        assert_eq!(e.written(), 2);
        assert!(e.in_flight().is_empty());
        assert_eq!(crate::io::names_in(dir.path()), ["a.pdf"]);
        assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"second");
    }

    #[test]
    fn interrupting_removes_the_file_in_flight_and_refuses_the_rename() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("b.pdf");
        let e = AtomicWrites::new();
        let mut tmp = e.begin(&dest).unwrap();
        tmp.write_all(b"%PDF-1.7 half").unwrap();
        let chemin = tmp.path().to_path_buf();
        let nom = chemin.file_name().unwrap().to_string_lossy().into_owned();
        assert!(nom.starts_with(".pacte-") && nom.ends_with(".tmp"), "{nom}");
        assert_eq!(e.in_flight(), std::slice::from_ref(&chemin));
        assert!(chemin.is_absolute() && chemin.exists());

        assert_eq!(e.interrupt(), 1);
        assert!(e.is_interrupted());
        assert!(!chemin.exists());
        assert!(e.in_flight().is_empty());
        // The worker goes on writing to the unnamed file, then its rename is refused.
        tmp.write_all(b" and the rest").unwrap();
        let err = tmp.finish(Durability::Flushed).unwrap_err();
        assert!(Interrupted::is(&err), "{err}");
        // And no new write begins.
        let err = e.write_atomically(&dest, b"x").unwrap_err();
        assert!(Interrupted::is(&err), "{err}");
        assert_eq!(e.written(), 0);
        assert!(crate::io::names_in(dir.path()).is_empty());
        assert_eq!(e.interrupt(), 0);
    }

    #[test]
    fn a_finished_file_stays_after_an_interruption() {
        let dir = tempfile::tempdir().unwrap();
        let e = AtomicWrites::new();
        e.write_atomically(&dir.path().join("fini.pdf"), b"complet")
            .unwrap();
        let _en_vol = e.begin(&dir.path().join("en-vol.pdf")).unwrap();
        assert_eq!(crate::io::names_in(dir.path()).len(), 2);
        assert_eq!(e.interrupt(), 1);
        assert_eq!(crate::io::names_in(dir.path()), ["fini.pdf"]);
        assert_eq!(e.written(), 1);
    }

    #[test]
    fn an_unfinished_write_dropped_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let e = AtomicWrites::new();
        let mut tmp = e.begin(&dir.path().join("c.pdf")).unwrap();
        tmp.write_all(b"abandon").unwrap();
        drop(tmp);
        assert!(e.in_flight().is_empty());
        assert!(crate::io::names_in(dir.path()).is_empty());
        // A missing folder: the error, and nothing tracked.
        assert!(e
            .write_atomically(&dir.path().join("absent/c.pdf"), b"x")
            .is_err());
        assert!(e.in_flight().is_empty());
    }

    /// The process's umask, as the kernel reports it (Linux 4.7 and later).
    #[cfg(target_os = "linux")]
    fn umask() -> u32 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let ligne = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .expect("Umask: in /proc/self/status");
        u32::from_str_radix(ligne.trim(), 8).unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_file_gets_the_mode_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let suivies = AtomicWrites::new();
        for (i, dest) in ["simple.pdf", "suivie.pdf"].iter().enumerate() {
            let dest = dir.path().join(dest);
            if i == 0 {
                AtomicWrites::new().write_atomically(&dest, b"x").unwrap();
            } else {
                suivies.write_atomically(&dest, b"x").unwrap();
            }
            let mode = std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o666 & !umask(), "{mode:o}");
        }
    }
}
