//! The real binary interrupted by SIGINT (Ctrl-C) or SIGTERM (a job scheduler's stop): it
//! stops, leaves no temporary file, keeps only complete PDFs, says what it did and exits with
//! 128 + the signal. And the PDFs it writes get the mode of any new file (0o666 less the
//! umask).
#![cfg(unix)]

mod common;
use common::contenu;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MODELE: &str = "fixtures/modele-national.json";
const PACTE: &str = env!("CARGO_BIN_EXE_pacte");
/// Generous: a loaded two-core machine may be slow, and the polls end as soon as they can.
const LIMITE: Duration = Duration::from_secs(300);

/// True once `dir` holds a finished PDF.
fn a_un_pdf(dir: &Path) -> bool {
    dir.exists() && contenu(dir).iter().any(|f| f.ends_with(".pdf"))
}

/// True while `dir` holds a temporary file (`.pacte-*.tmp`), a PDF being written.
fn a_un_temporaire(dir: &Path) -> bool {
    contenu(dir).iter().any(|f| f.ends_with(".tmp"))
}

/// A complete PDF: qpdf finds no error, lopdf parses it, it ends with `%%EOF`.
fn verifier_pdf(f: &Path) {
    let octets = std::fs::read(f).unwrap();
    assert!(
        octets.trim_ascii_end().ends_with(b"%%EOF"),
        "{}: no %%EOF at the end",
        f.display()
    );
    lopdf::Document::load_mem(&octets).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(f)
        .output()
        .expect("qpdf is needed (apt-get install qpdf; `bash .ci/test` installs it)");
    assert!(
        check.status.success(),
        "qpdf --check {}: {}{}",
        f.display(),
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

/// Starts the 101-département batch on one thread, sends `signal` once the first PDF is
/// written (and, most of the time, while the next one is being written), and checks what is
/// left.
fn batch_interrompu(signal: libc::c_int, nom: &str, statut: i32) {
    // A whole batch takes about a second: on a loaded machine this test may see the first
    // PDF only after the last one is written, and signal a batch that has finished. Then it
    // tries again; a binary that ignored the signal would finish every time, and fail.
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        if let Some((statut_fin, stderr)) = lancer_et_interrompre(dir.path(), signal, nom, 1) {
            assert_eq!(statut_fin.code(), Some(statut), "{statut_fin}: {stderr}");
            verifier_sortie(&dir.path().join("out"), &stderr, nom);
            return;
        }
    }
    panic!("the batch ended before {nom} five times in a row: was the signal ignored?");
}

/// Runs the batch in `dir/out` and sends `signal` once the first PDF is there and a
/// temporary file is seen (or half a second later). Returns the
/// exit status and stderr; `None` when the batch had written all 101 PDFs and succeeded
/// before it got the signal.
fn lancer_et_interrompre(
    dir: &Path,
    signal: libc::c_int,
    nom: &str,
    fois: usize,
) -> Option<(std::process::ExitStatus, String)> {
    let out = dir.join("out");
    let journal = dir.join("stderr.txt");
    let mut enfant = Command::new(PACTE)
        .args(["batch", "--template", MODELE, "--departements", "all"])
        .arg("--out-dir")
        .arg(&out)
        .args(["-j", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&journal).unwrap())
        .spawn()
        .unwrap();
    let debut = Instant::now();
    while !a_un_pdf(&out) {
        if let Some(s) = enfant.try_wait().unwrap() {
            panic!(
                "the batch ended ({s}) before its first PDF was seen: {}",
                std::fs::read_to_string(&journal).unwrap()
            );
        }
        assert!(debut.elapsed() < LIMITE, "no PDF after {LIMITE:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
    // Then, so that the signal is likely to come while a PDF is being written (its
    // temporary file must go), wait a little for a temporary file.
    let premier = Instant::now();
    while !a_un_temporaire(&out) && premier.elapsed() < Duration::from_millis(500) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let pid = libc::pid_t::try_from(enfant.id()).unwrap();
    for _ in 0..fois {
        // SAFETY: kill(2) takes no pointer; `pid` is our own child, not yet waited for.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    }
    let statut_fin = loop {
        if let Some(s) = enfant.try_wait().unwrap() {
            break s;
        }
        if debut.elapsed() > LIMITE {
            enfant.kill().unwrap();
            panic!("the batch did not stop after {nom}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = std::fs::read_to_string(&journal).unwrap();
    if statut_fin.success() && contenu(&out).len() == 101 {
        return None;
    }
    Some((statut_fin, stderr))
}

/// What an interrupted batch leaves in `out`, and what it says in `stderr`.
fn verifier_sortie(out: &Path, stderr: &str, nom: &str) {
    // Only finished PDFs: no temporary or hidden file, and the batch did stop.
    let fichiers = contenu(out);
    for f in &fichiers {
        assert!(f.ends_with(".pdf") && !f.starts_with('.'), "left: {f}");
    }
    assert!(
        !fichiers.is_empty() && fichiers.len() < 101,
        "{}",
        fichiers.len()
    );
    for f in &fichiers {
        verifier_pdf(&out.join(f));
    }

    // One line says so, with the count of what is on disk.
    let ligne = stderr
        .lines()
        .find(|l| l.starts_with(&format!("interrupted by {nom}: ")))
        .unwrap_or_else(|| panic!("{stderr}"));
    let attendu = format!(
        "interrupted by {nom}: {} rendered, 0 failed, {} not finished, in ",
        fichiers.len(),
        101 - fichiers.len()
    );
    assert!(ligne.starts_with(&attendu), "{ligne}\nexpected: {attendu}");
    assert!(!stderr.contains("failed: "), "{stderr}");
}

/// Two signals at once: the second one no longer exits before the temporary files are
/// removed (it removes them itself if the first one's work has not yet).
#[test]
fn a_second_sigint_still_leaves_only_complete_pdfs() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let Some((statut, stderr)) = lancer_et_interrompre(dir.path(), libc::SIGINT, "SIGINT", 2)
        else {
            continue;
        };
        assert_eq!(statut.code(), Some(130), "{statut}: {stderr}");
        let out = dir.path().join("out");
        let fichiers = contenu(&out);
        for f in &fichiers {
            assert!(f.ends_with(".pdf") && !f.starts_with('.'), "left: {f}");
            verifier_pdf(&out.join(f));
        }
        assert!(
            stderr.contains("interrupted by SIGINT: ") || stderr.contains("interrupted again: "),
            "{stderr}"
        );
        return;
    }
    panic!("the batch ended before the signals five times in a row");
}

#[test]
fn sigint_stops_the_batch_and_leaves_only_complete_pdfs() {
    batch_interrompu(libc::SIGINT, "SIGINT", 130);
}

#[test]
fn sigterm_stops_the_batch_and_leaves_only_complete_pdfs() {
    batch_interrompu(libc::SIGTERM, "SIGTERM", 143);
}

/// Runs the binary under `sh` with this umask.
fn avec_umask(umask: &str, args: &[&str]) {
    let sortie = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(PACTE)
        .args(args)
        .output()
        .unwrap();
    assert!(
        sortie.status.success(),
        "{args:?}: {}: {}",
        sortie.status,
        String::from_utf8_lossy(&sortie.stderr)
    );
}

fn mode(f: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(f).unwrap().permissions().mode() & 0o777
}

#[test]
fn written_pdfs_get_the_mode_of_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let rendu: PathBuf = dir.path().join("vaucluse.pdf");
    avec_umask(
        "027",
        &[
            "render",
            "fixtures/vaucluse-2017-2020.json",
            "-o",
            rendu.to_str().unwrap(),
        ],
    );
    assert_eq!(mode(&rendu), 0o640, "{:o}", mode(&rendu));
    let out = dir.path().join("out");
    avec_umask(
        "002",
        &[
            "batch",
            "--template",
            MODELE,
            "--departements",
            "03",
            "--out-dir",
            out.to_str().unwrap(),
        ],
    );
    let pdf = out.join("03-allier.pdf");
    assert_eq!(mode(&pdf), 0o664, "{:o}", mode(&pdf));
    assert_eq!(contenu(&out), ["03-allier.pdf"]);
}

/// A render whose pact is read from a FIFO no one writes to waits in the read, on the
/// binary's main thread: SIGINT and SIGTERM still stop it (with 128 + the signal, or by the
/// signal itself should it come before the binary hears it), and nothing is written.
#[test]
fn a_render_waiting_for_its_pact_stops_on_sigint_and_sigterm() {
    use std::os::unix::process::ExitStatusExt;
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pacte.json");
        let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo(3) reads a NUL-terminated path that lives through the call.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        let mut enfant = Command::new(PACTE)
            .arg("render")
            .arg(&fifo)
            .arg("-o")
            .arg(dir.path().join("pacte.pdf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let pid = libc::pid_t::try_from(enfant.id()).unwrap();
        // SAFETY: kill(2) takes no pointer; `pid` is our own child, not yet waited for.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let debut = Instant::now();
        let statut = loop {
            if let Some(s) = enfant.try_wait().unwrap() {
                break s;
            }
            if debut.elapsed() > Duration::from_secs(30) {
                enfant.kill().unwrap();
                panic!("the render waiting for its pact did not stop on signal {signal}");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        assert!(
            statut.code() == Some(code) || statut.signal() == Some(signal),
            "signal {signal}: {statut}"
        );
        assert_eq!(contenu(dir.path()), ["pacte.json"], "nothing written");
    }
}
