//! Putting a finished temporary file in its destination's place.
//!
//! A plain `rename` over an existing file is atomic, but ext4 (the usual Linux file system)
//! treats it as a hint that the program did not flush the new file, and starts writing the
//! file's data to disk inside the rename (its `auto_da_alloc` option): for a 260 KB PDF the
//! rename takes 0.7–0.8 ms instead of a few microseconds, a twentieth of a whole render. On
//! Linux the two names are exchanged instead (`renameat2` with `RENAME_EXCHANGE`: as atomic,
//! every reader sees the old file or the whole new one) and the old file, now under the
//! temporary name, is removed: 0.1 ms. The data then goes to disk when the kernel writes
//! dirty pages back, as any file's does; what must survive a power cut is flushed before
//! (see `Durability`).
//!
//! Where there is nothing to exchange with (no file at the destination yet) or the exchange
//! is refused (a file system or a kernel without it), and on other systems, the plain
//! rename does the job.

use std::io;
use std::path::Path;
use tempfile::NamedTempFile;

/// Puts `tmp` in `dest`'s place, atomically, `existing` telling whether a file was there
/// when the write began (gone since, the plain rename takes over); on failure `tmp` is
/// removed.
pub(super) fn replace(tmp: NamedTempFile, dest: &Path, existing: bool) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if existing && exchange(tmp.path(), dest).is_ok() {
        return remove_previous(tmp, dest);
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = existing;
    tmp.persist(dest).map(drop).map_err(|e| e.error)
}

/// Exchanges the names `a` and `b`, both of which must exist.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Removes the destination's previous file, which the exchange left under `tmp`'s name.
///
/// A folder put at the destination since it was checked (a plain rename would have refused
/// to replace it) is given its name back, and the write refused.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn remove_previous(tmp: NamedTempFile, dest: &Path) -> io::Result<()> {
    if tmp.path().symlink_metadata()?.is_dir() {
        exchange(tmp.path(), dest)?;
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder: give a file name",
        ));
    }
    tmp.close()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn temp_with(dir: &Path, bytes: &[u8]) -> NamedTempFile {
        let mut tmp = NamedTempFile::new_in(dir).unwrap();
        tmp.write_all(bytes).unwrap();
        tmp
    }

    #[test]
    fn a_file_replaces_the_previous_one_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.pdf");
        replace(temp_with(dir.path(), b"nouveau"), &dest, false).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"nouveau");
        replace(temp_with(dir.path(), b"second"), &dest, true).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"second");
        assert_eq!(crate::io::names_in(dir.path()), ["a.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn another_name_of_the_previous_file_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.pdf");
        std::fs::write(&dest, b"ancien").unwrap();
        std::fs::hard_link(&dest, dir.path().join("lien.pdf")).unwrap();
        replace(temp_with(dir.path(), b"nouveau"), &dest, true).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"nouveau");
        assert_eq!(
            std::fs::read(dir.path().join("lien.pdf")).unwrap(),
            b"ancien"
        );
        assert_eq!(crate::io::names_in(dir.path()), ["a.pdf", "lien.pdf"]);
    }

    #[test]
    fn a_folder_at_the_destination_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("dossier");
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join("garde.txt"), b"x").unwrap();
        assert!(replace(temp_with(dir.path(), b"nouveau"), &dest, true).is_err());
        assert!(dest.join("garde.txt").is_file());
        assert_eq!(crate::io::names_in(dir.path()), ["dossier"]);
    }
}
