//! The limits on reading a PDF (`pacte fields`, `verify`, `sign`), on files that are small on
//! disk and large once read (written by tests/pdf_bomb.py): the message a user sees, the exit
//! status, no output, and the process's peak memory as GNU time measures it
//! (`/usr/bin/time -v`, "Maximum resident set size"; `bash .ci/test` installs `time`).

mod common;
mod pades;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary built for the tests.
fn pacte() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pacte"))
}

/// Writes `tests/pdf_bomb.py OUT ARGS…` into `dir`.
fn bomb(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let script = common::root().join("tests/pdf_bomb.py");
    let mut all = vec![script.to_str().unwrap(), out.to_str().unwrap()];
    all.extend_from_slice(args);
    common::tool(&common::python(), &all);
    out
}

/// What a run of `pacte ARGS…` shows: exit status, standard error without GNU time's report,
/// and its peak memory in MB.
struct Run {
    status: i32,
    stderr: String,
    peak_mb: u64,
}

/// Runs `pacte ARGS…` under `/usr/bin/time -v`.
fn run(args: &[&std::ffi::OsStr]) -> Run {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(pacte())
        .args(args)
        .output()
        .expect("/usr/bin/time is needed (apt-get install time; `bash .ci/test` does)");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let (mine, report) = stderr
        .split_once("\tCommand being timed")
        .expect("GNU time's report");
    let kb: u64 = report
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.parse().ok())
        .expect("the peak resident set size");
    let status = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("Exit status: "))
        .and_then(|v| v.parse().ok())
        .expect("the exit status");
    let mine = mine
        .lines()
        .filter(|l| !l.starts_with("Command exited with"));
    Run {
        status,
        stderr: mine.collect::<Vec<_>>().join("\n"),
        peak_mb: kb / 1000,
    }
}

fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
    args.iter().map(Into::into).collect()
}

fn pacte_run(command: &str, file: &Path, extra: &[&str]) -> Run {
    let mut args = os(&[command]);
    args.push(file.into());
    args.extend(os(extra));
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    run(&refs)
}

/// The message on a file whose streams inflate past the default `pdf_inflated_bytes`.
fn over_inflated(pdf: &Path) -> String {
    format!(
        "{}: the file's streams inflate to more than 300000000 bytes in all: that is over the \
         limit pdf_inflated_bytes = 300000000 (raise Limits.pdf_inflated_bytes, or --limit \
         pdf_inflated_bytes=N)",
        pdf.display()
    )
}

#[test]
fn streams_inflating_to_gigabytes_are_refused_quickly_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    // 100 pages whose content streams inflate to 25 MiB each: 2.6 MB on disk, 2.6 GB inflated.
    let pdf = bomb(dir.path(), "bombe.pdf", &["content", "100", "25"]);
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!((2_000_000..3_000_000).contains(&size), "{size}");
    for command in ["fields", "verify"] {
        let started = std::time::Instant::now();
        let r = pacte_run(command, &pdf, &[]);
        let elapsed = started.elapsed();
        assert_eq!(r.stderr, over_inflated(&pdf), "{command}");
        assert_eq!(r.status, 2, "{command}");
        assert!(r.peak_mb < 100, "{command}: peak {} MB", r.peak_mb);
        assert!(elapsed.as_secs() < 20, "{command}: {elapsed:?}");
    }
    // Raised, the limit lets the file be read: its content streams are never inflated.
    let r = pacte_run(
        "fields",
        &pdf,
        &["--limit", "pdf_inflated_bytes=3000000000"],
    );
    assert_eq!((r.status, r.stderr.as_str()), (0, ""));
    assert!(r.peak_mb < 100, "peak {} MB", r.peak_mb);
}

#[test]
fn one_object_stream_inflating_to_a_gigabyte_is_refused_before_lopdf_unpacks_it() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = bomb(dir.path(), "objstm.pdf", &["objstm", "1200"]);
    for command in ["fields", "verify"] {
        let r = pacte_run(command, &pdf, &[]);
        assert_eq!(
            r.stderr,
            format!(
                "{}: object 4 0's stream inflates to more than 100000000 bytes: it is over the \
                 limit pdf_stream_bytes = 100000000 (raise Limits.pdf_stream_bytes, or --limit \
                 pdf_stream_bytes=N)",
                pdf.display()
            )
        );
        assert_eq!(r.status, 2);
        assert!(r.peak_mb < 100, "{command}: peak {} MB", r.peak_mb);
    }
}

#[test]
fn objects_packed_in_an_object_stream_count_against_pdf_objects() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = bomb(dir.path(), "objets.pdf", &["objects", "2000"]);
    let r = pacte_run("verify", &pdf, &["--limit", "pdf_objects=1000"]);
    assert_eq!(
        r.stderr,
        format!(
            "{}: the file has more than 1000 objects: that is over the limit pdf_objects = 1000 \
             (raise Limits.pdf_objects, or --limit pdf_objects=N)",
            pdf.display()
        )
    );
    assert_eq!(r.status, 2);
    let r = pacte_run("verify", &pdf, &["--limit", "pdf_objects=3000"]);
    assert_eq!((r.status, r.stderr.as_str()), (0, ""));
}

#[test]
fn a_file_over_pdf_bytes_is_refused_before_it_is_read() {
    let pdf = common::rendered("vaucluse-2017-2020");
    let size = std::fs::metadata(&pdf).unwrap().len();
    let r = pacte_run("fields", &pdf, &["--limit", "pdf_bytes=100000"]);
    assert_eq!(
        r.stderr,
        format!(
            "{}: the file is {size} bytes: it is over the limit pdf_bytes = 100000 (raise \
             Limits.pdf_bytes, or --limit pdf_bytes=N)",
            pdf.display()
        )
    );
    assert_eq!(r.status, 2);
    let r = pacte_run("verify", &pdf, &["--limit", "pdf_size=1"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.starts_with("unknown limit \"pdf_size\" (known: "),
        "{}",
        r.stderr
    );
    // The library refuses it the same way, from its bytes.
    let mut limits = pacte::Limits::default();
    limits.pdf_bytes = 100_000;
    let bytes = std::fs::read(&pdf).unwrap();
    let e = pacte::signing::verify(&bytes, &pacte::signing::Trust::none(), &limits).unwrap_err();
    assert!(matches!(e, pacte::signing::VerifyError::Limit(ref l) if l.name == "pdf_bytes"));
}

#[test]
fn sign_refuses_the_bomb_and_writes_nothing() {
    let pki = pades::Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let pdf = bomb(dir.path(), "bombe.pdf", &["content", "100", "25"]);
    let signed = dir.path().join("signe.pdf");
    let (key, cert) = (pki.path("ec.key"), pki.path("ec.pem"));
    let mut args = os(&["sign"]);
    args.push(pdf.clone().into());
    args.extend(os(&[
        "-o",
        signed.to_str().unwrap(),
        "--field",
        "Sig01_Prefet",
    ]));
    args.extend(os(&[
        "--key",
        key.to_str().unwrap(),
        "--cert",
        cert.to_str().unwrap(),
    ]));
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let r = run(&refs);
    assert_eq!(r.stderr, over_inflated(&pdf));
    assert_eq!(r.status, 1);
    assert!(r.peak_mb < 100, "peak {} MB", r.peak_mb);
    assert_eq!(common::contenu(dir.path()), ["bombe.pdf"]);
}

#[test]
fn a_file_of_more_revisions_than_pdf_revisions_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(common::rendered("allier-2018-2021")).unwrap();
    // Each `%%EOF` ends a revision: 250 updates that change nothing, each pointing back at
    // the file's own cross-reference section.
    let text = String::from_utf8_lossy(&bytes);
    let startxref = text.rsplit("startxref").next().unwrap().trim();
    let startxref = startxref.trim_end_matches("%%EOF").trim().to_string();
    for _ in 0..250 {
        bytes.extend_from_slice(format!("startxref\n{startxref}\n%%EOF\n").as_bytes());
    }
    let pdf = dir.path().join("revisions.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    for command in ["fields", "verify"] {
        let r = pacte_run(command, &pdf, &[]);
        assert_eq!(
            r.stderr,
            format!(
                "{}: the file has 251 revisions: it is over the limit pdf_revisions = 200 \
                 (raise Limits.pdf_revisions, or --limit pdf_revisions=N)",
                pdf.display()
            ),
            "{command}"
        );
        assert_eq!(r.status, 2, "{command}");
    }
    let r = pacte_run("fields", &pdf, &["--limit", "pdf_revisions=300"]);
    assert_eq!((r.status, r.stderr.as_str()), (0, ""));
}
