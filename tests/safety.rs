//! Safe to embed in a server: files stay confined, every resource is bounded, no output
//! ever destroys a file; `validate` refuses what `render` would. Each test asserts what a
//! user sees: the message, the exit status, the files present afterwards, the files read.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

const PACTE: &str = env!("CARGO_BIN_EXE_pacte");

fn pacte(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(PACTE).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fixture_json() -> serde_json::Value {
    let f = common::root().join("fixtures/allier-2018-2021.json");
    serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Writes `json` as `dir/pacte.json`.
fn write_pact(dir: &Path, json: &serde_json::Value) -> PathBuf {
    let p = dir.join("pacte.json");
    std::fs::write(&p, json.to_string()).unwrap();
    p
}

/// `pacte batch --template TEMPLATE --departements DEPS --out-dir OUT EXTRA…`.
fn batch_template(template: &Path, deps: &str, out: &Path, extra: &[&std::ffi::OsStr]) -> Output {
    let args: [&std::ffi::OsStr; 7] = [
        "batch".as_ref(),
        "--template".as_ref(),
        template.as_os_str(),
        "--departements".as_ref(),
        deps.as_ref(),
        "--out-dir".as_ref(),
        out.as_os_str(),
    ];
    pacte(&[&args[..], extra].concat())
}

const OUTSIDE: &str = "is outside the allowed folders (the pact's folder, and those added with \
                       RenderOptions::allowed_dirs or --allow-dir DIR)";

// ---- 1. Confinement -------------------------------------------------------------------

#[test]
fn a_logo_outside_the_pacts_folder_is_refused_with_one_message_whether_it_exists_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let pact_dir = dir.path().join("pacte");
    std::fs::create_dir(&pact_dir).unwrap();
    std::fs::copy(
        common::root().join("tests/data/logo.jpg"),
        dir.path().join("secret.jpg"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.jpg"), pact_dir.join("lien.jpg")).unwrap();
    let secret = dir.path().join("secret.jpg").display().to_string();
    let absent = dir.path().join("absent.jpg").display().to_string();
    let cases = [
        secret.as_str(),
        absent.as_str(),
        "../secret.jpg",
        "../absent.jpg",
        "lien.jpg",
        "/etc/passwd",
    ];
    for logo in cases {
        let mut v = fixture_json();
        v["signataires"][1]["logo"] = serde_json::json!(logo);
        let pact = write_pact(&pact_dir, &v);
        let expected = format!(
            "{}: signataires[1].logo: image file \"{logo}\" {OUTSIDE}\n",
            pact.display()
        );
        let html = pact_dir.join("pacte.html");
        let commands: [&[&std::ffi::OsStr]; 3] = [
            &["validate".as_ref(), pact.as_os_str()],
            &["render".as_ref(), pact.as_os_str()],
            &[
                "render".as_ref(),
                pact.as_os_str(),
                "-o".as_ref(),
                html.as_os_str(),
            ],
        ];
        for command in commands {
            let out = pacte(command);
            assert_eq!(out.status.code(), Some(1), "{command:?} {logo}");
            assert_eq!(stderr(&out), expected, "{command:?} {logo}");
        }
        assert!(!html.exists());
        assert_eq!(
            names(&pact_dir)
                .iter()
                .filter(|n| n.ends_with(".pdf"))
                .count(),
            0
        );
    }
    // --allow-dir opens the other folder, for validate and render alike.
    let mut v = fixture_json();
    v["signataires"][1]["logo"] = serde_json::json!("../secret.jpg");
    let pact = write_pact(&pact_dir, &v);
    let allow = ["--allow-dir".as_ref(), dir.path().as_os_str()];
    let out = pacte(&[&["validate".as_ref(), pact.as_os_str()][..], &allow].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pacte(&[&["render".as_ref(), pact.as_os_str()][..], &allow].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pact_dir.join("pacte.pdf").exists());
    let html = pact_dir.join("pacte.html");
    let args = [
        "render".as_ref(),
        pact.as_os_str(),
        "-o".as_ref(),
        html.as_os_str(),
    ];
    let out = pacte(&[&args[..], &allow].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("src=\"data:image/jpeg;base64,"));
}

#[test]
fn a_templates_logo_outside_its_folder_is_read_in_batch_only_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let (modeles, logos, out) = (
        dir.path().join("modeles"),
        dir.path().join("logos"),
        dir.path().join("pdf"),
    );
    std::fs::create_dir(&modeles).unwrap();
    std::fs::create_dir(&logos).unwrap();
    std::fs::copy(
        common::root().join("tests/data/logo.jpg"),
        logos.join("etat.jpg"),
    )
    .unwrap();
    let f = common::root().join("fixtures/modele-national.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
    v["signataires"][0]["logo"] = serde_json::json!("../logos/etat.jpg");
    let template = modeles.join("modele.json");
    std::fs::write(&template, v.to_string()).unwrap();
    let batch = |extra: &[&std::ffi::OsStr]| batch_template(&template, "03,84", &out, extra);
    // Not allowed: each job refused with the confinement message, nothing written.
    let refused = batch(&[]);
    assert_eq!(refused.status.code(), Some(1));
    let message = format!("signataires[0].logo: image file \"../logos/etat.jpg\" {OUTSIDE}");
    let text = stderr(&refused);
    for dep in ["03 Allier", "84 Vaucluse"] {
        let line = text.lines().find(|l| l.contains(dep));
        assert!(line.is_some_and(|l| l.ends_with(&message)), "{text}");
    }
    assert!(names(&out).is_empty(), "{:?}", names(&out));
    let validate = pacte(&["validate".as_ref(), template.as_os_str()]);
    assert_eq!(validate.status.code(), Some(1));
    assert!(
        stderr(&validate).contains(&message),
        "{}",
        stderr(&validate)
    );
    // Allowed: both PDFs written, each with the logo (on the cover's strip of the
    // signatories' logos and on the signatures' page).
    let allow = ["--allow-dir".as_ref(), logos.as_os_str()];
    let done = batch(&allow);
    assert!(done.status.success(), "{}", stderr(&done));
    assert_eq!(names(&out), ["03-allier.pdf", "84-vaucluse.pdf"]);
    let images = common::tool(
        "pdfimages",
        &["-list", out.join("03-allier.pdf").to_str().unwrap()],
    );
    assert_eq!(images.lines().skip(2).count(), 2, "{images}");
    let validate = pacte(&[&["validate".as_ref(), template.as_os_str()][..], &allow].concat());
    assert!(validate.status.success(), "{}", stderr(&validate));
    // The limits reach the template too.
    let limited = batch(&["--limit".as_ref(), "pacte_bytes=1000".as_ref()]);
    assert_eq!(limited.status.code(), Some(2));
    assert!(
        stderr(&limited).contains("over the limit pacte_bytes = 1000"),
        "{}",
        stderr(&limited)
    );
}

/// A loader that serves files from memory and records what it was asked for.
#[derive(Debug, Default)]
struct Recorder {
    files: pacte::io::MemoryLoader,
    asked: Mutex<Vec<PathBuf>>,
}

impl pacte::io::ResourceLoader for Recorder {
    fn read(&self, path: &Path, max: u64) -> Result<Vec<u8>, pacte::io::ResourceError> {
        self.asked.lock().unwrap().push(path.to_path_buf());
        self.files.read(path, max)
    }
}

#[test]
fn a_render_reads_every_file_through_its_loader_and_only_the_logos() {
    let json =
        std::fs::read_to_string(common::root().join("fixtures/allier-2018-2021.json")).unwrap();
    let mut p = pacte::Pacte::from_json(&json).unwrap();
    p.logo = Some("mem/logo.png".into());
    p.signataires[0].logo = Some("mem/logo.jpg".into());
    let data = |f: &str| std::fs::read(common::root().join("tests/data").join(f)).unwrap();
    let recorder = Arc::new(Recorder {
        files: pacte::io::MemoryLoader::new([
            ("mem/logo.png", data("logo-alpha.png")),
            ("mem/logo.jpg", data("logo.jpg")),
        ]),
        asked: Mutex::default(),
    });
    let options = pacte::RenderOptions {
        // A folder that does not exist: nothing can come from the disk.
        base_dir: "/nonexistent".into(),
        resources: Some(recorder.clone()),
        ..pacte::RenderOptions::default()
    };
    p.validate_with(&options).unwrap();
    let pdf = pacte::render_pdf(&p, &options).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let asked = recorder.asked.lock().unwrap().clone();
    let expected: Vec<PathBuf> = ["mem/logo.png", "mem/logo.jpg"]
        .iter()
        .cycle()
        .take(4)
        .map(PathBuf::from)
        .collect();
    // Twice each: once by validate (header), once by render (pixels).
    assert_eq!(asked, expected);
    // The HTML edition reads them through the same loader, once each (the signatory's
    // logo is shown twice: in the cover's strip and in its block).
    let html = pacte::render_html(&p, &options).unwrap();
    assert_eq!(html.matches("src=\"data:image/").count(), 3);
    let asked = recorder.asked.lock().unwrap().clone();
    assert_eq!(asked[4..], expected[..2]);
    // A file the loader does not hold: the JSON path and the reason.
    p.signataires[1].logo = Some("mem/none.png".into());
    let e = pacte::render_pdf(&p, &options).unwrap_err();
    assert_eq!(
        e.to_string(),
        "signataires[1].logo: image file \"mem/none.png\" is not among the resources given to \
         the render"
    );
}

// ---- 2. Limits --------------------------------------------------------------------------

/// A genuine PNG of `w` × `h` grey pixels, all black: a few KB that declare a large image.
fn black_png(path: &Path, w: u32, h: u32) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, w, h);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder
        .write_header()
        .unwrap()
        .into_stream_writer()
        .unwrap();
    let row = vec![0u8; w as usize];
    for _ in 0..h {
        std::io::Write::write_all(&mut writer, &row).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn a_small_png_that_declares_twenty_thousand_pixels_square_is_refused_before_decoding() {
    let dir = tempfile::tempdir().unwrap();
    black_png(&dir.path().join("bombe.png"), 20_000, 20_000);
    let size = std::fs::metadata(dir.path().join("bombe.png"))
        .unwrap()
        .len();
    assert!(size < 2_000_000, "{size}");
    let mut v = fixture_json();
    v["logo"] = serde_json::json!("bombe.png");
    let pact = write_pact(dir.path(), &v);
    let expected = format!(
        "{}: logo: image file \"bombe.png\": it declares 20000 × 20000 pixels is over the limit \
         image_pixels = 25000000 (raise RenderOptions::limits.image_pixels, or --limit \
         image_pixels=N)\n",
        pact.display()
    );
    for command in ["validate", "render"] {
        let out = pacte(&[command.as_ref(), pact.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert_eq!(stderr(&out), expected, "{command}");
    }
    assert_eq!(names(dir.path()), ["bombe.png", "pacte.json"]);
    // The library's render, without validation first, refuses it the same way.
    let p = pacte::Pacte::from_json(&v.to_string()).unwrap();
    let e = pacte::render_pdf(&p, &pacte::RenderOptions::for_file(&pact)).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("logo: image file \"bombe.png\": it declares"),
        "{e}"
    );
}

#[test]
fn a_pact_over_the_size_limit_is_refused_and_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = fixture_json();
    v["titre"] = serde_json::json!("x".repeat(50_000_000));
    let pact = write_pact(dir.path(), &v);
    let expected = format!(
        "{}: the file is larger than 20000000 bytes: it is over the limit pacte_bytes = \
         20000000 (raise RenderOptions::limits.pacte_bytes, or --limit pacte_bytes=N)\n",
        pact.display()
    );
    for command in ["validate", "render"] {
        let out = pacte(&[command.as_ref(), pact.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert_eq!(stderr(&out), expected, "{command}");
    }
    assert_eq!(names(dir.path()), ["pacte.json"]);
}

#[test]
fn markdown_nesting_is_a_named_limit_that_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = fixture_json();
    let list: String = (0..30)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    v["preambule"]["texte"] = serde_json::json!(list);
    let pact = write_pact(dir.path(), &v);
    let place = format!("{}: preambule.texte (line 1:", pact.display());
    let message = "): the text is nested more than 24 levels deep: it is over the limit \
                   markdown_depth = 24 (raise RenderOptions::limits.markdown_depth, or --limit \
                   markdown_depth=N)\n";
    for command in ["validate", "render"] {
        let out = pacte(&[command.as_ref(), pact.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let text = stderr(&out);
        assert!(
            text.starts_with(&place) && text.ends_with(message),
            "{command}: {text}"
        );
    }
    assert_eq!(names(dir.path()), ["pacte.json"]);
    let raised = ["--limit".as_ref(), "markdown_depth=40".as_ref()];
    let out = pacte(&[&["validate".as_ref(), pact.as_os_str()][..], &raised].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    // A template's texts too, in batch.
    let template = dir.path().join("modele.json");
    let f = common::root().join("fixtures/modele-national.json");
    let mut t: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
    t["preambule"]["texte"] = serde_json::json!(list);
    std::fs::write(&template, t.to_string()).unwrap();
    let out_dir = dir.path().join("pdf");
    let batch = |extra: &[&std::ffi::OsStr]| batch_template(&template, "03", &out_dir, extra);
    let out = batch(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("preambule.texte: the text is nested more than 24 levels deep"),
        "{}",
        stderr(&out)
    );
    let out = batch(&raised);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn nesting_and_pages_are_bounded_and_each_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = fixture_json();
    let mut deep = serde_json::json!([]);
    for _ in 0..100 {
        deep = serde_json::json!([deep]);
    }
    v["metadonnees"] = serde_json::json!({ "x": deep });
    let pact = write_pact(dir.path(), &v);
    let out = pacte(&["validate".as_ref(), pact.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nested more than 64 levels deep: it is over the limit depth = 64"),
        "{}",
        stderr(&out)
    );

    let pact = common::root().join("fixtures/allier-2018-2021.json");
    let out_pdf = dir.path().join("allier.pdf");
    let args = |limit: &str| -> Vec<std::ffi::OsString> {
        vec![
            "render".into(),
            pact.clone().into(),
            "-o".into(),
            out_pdf.clone().into(),
            "--limit".into(),
            limit.into(),
        ]
    };
    let run = |limit: &str| Command::new(PACTE).args(args(limit)).output().unwrap();
    // Allier sets 14 pages from 32 750 characters: at 7 pages, refused once laid out.
    let out = run("pages=7");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the document has 14 pages: it is over the limit pages = 7 (raise"),
        "{}",
        stderr(&out)
    );
    // At 3, its text is more than 3 pages can hold: refused before the layout.
    let out = run("pages=3");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "more than 3 pages hold (at most 5000 characters a page): it is \
                               over the limit pages = 3 (raise"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!out_pdf.exists());
    let out = run("pages=500");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run("colours=3");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("unknown limit \"colours\""),
        "{}",
        stderr(&out)
    );
}

// ---- 3. Outputs that never destroy ----------------------------------------------------

#[test]
fn an_output_that_is_the_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let pact = write_pact(dir.path(), &fixture_json());
    let before = std::fs::read(&pact).unwrap();
    let out = pacte(&[
        "render".as_ref(),
        pact.as_os_str(),
        "-o".as_ref(),
        pact.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "{}: cannot write: it is the pact file itself: give another output\n",
            pact.display()
        )
    );
    assert_eq!(std::fs::read(&pact).unwrap(), before);
    // Another name of the same file: a hard link, a symbolic link.
    let hard = dir.path().join("lien-dur.pdf");
    std::fs::hard_link(&pact, &hard).unwrap();
    let soft = dir.path().join("lien.pdf");
    std::os::unix::fs::symlink(&pact, &soft).unwrap();
    for other in [&hard, &soft] {
        let out = pacte(&[
            "render".as_ref(),
            pact.as_os_str(),
            "-o".as_ref(),
            other.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", other.display());
        assert!(
            stderr(&out).contains("it is the pact file itself"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&pact).unwrap(), before);
    }
    std::fs::remove_file(&hard).unwrap();
    std::fs::remove_file(&soft).unwrap();

    let pdf_named = dir.path().join("x.pdf");
    std::fs::rename(&pact, &pdf_named).unwrap();
    let out = pacte(&["render".as_ref(), pdf_named.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "{}: the file already ends in .pdf, so the default output would be the file itself: \
             give one with -o\n",
            pdf_named.display()
        )
    );
    assert_eq!(std::fs::read(&pdf_named).unwrap(), before);
    assert_eq!(names(dir.path()), ["x.pdf"]);
}

#[cfg(unix)]
#[test]
fn devices_are_written_to_and_fifos_and_sockets_refused() {
    use std::os::unix::fs::FileTypeExt;
    let pact = common::root().join("fixtures/allier-2018-2021.json");
    let render = |o: &str| {
        pacte(&[
            "render".as_ref(),
            pact.as_os_str(),
            "-o".as_ref(),
            o.as_ref(),
        ])
    };
    // -o - and -o /dev/stdout: the PDF on standard output.
    for o in ["-", "/dev/stdout"] {
        let out = render(o);
        assert!(out.status.success(), "{o}: {}", stderr(&out));
        assert!(out.stdout.starts_with(b"%PDF-"), "{o}");
        assert!(out.stdout.len() > 10_000, "{o}");
    }
    // /dev/full: no space left, and the device is still a device.
    let out = render("/dev/full");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("/dev/full: cannot write: No space left on device"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::metadata("/dev/full")
        .unwrap()
        .file_type()
        .is_char_device());
    // A FIFO and a socket: refused, left as they were, nothing else written.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("tube.pdf");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let socket = dir.path().join("prise.pdf");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for (path, what) in [(&fifo, "a FIFO (named pipe)"), (&socket, "a socket")] {
        let out = render(path.to_str().unwrap());
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stderr(&out),
            format!(
                "{}: cannot write: it is {what}: pacte writes a regular file or a device (use -o - \
                 for standard output)\n",
                path.display()
            )
        );
    }
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(std::fs::metadata(&socket).unwrap().file_type().is_socket());
    assert_eq!(names(dir.path()), ["prise.pdf", "tube.pdf"]);
}

// ---- 4. validate catches what render would refuse ----------------------------------------

#[test]
fn departement_codes_are_checked_against_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    for (code, expected) in [
        ("00", Some("unknown département code \"00\"")),
        ("99", Some("unknown département code \"99\"")),
        ("../../x", Some("unknown département code \"../../x\"")),
        (
            "Allier",
            Some("unknown département code \"Allier\" (did you mean \"03\", Allier?)"),
        ),
        ("2A", None),
        ("974", None),
        ("03", None),
    ] {
        let mut v = fixture_json();
        v["departement"]["code"] = serde_json::json!(code);
        let pact = write_pact(dir.path(), &v);
        let out = pacte(&["validate".as_ref(), pact.as_os_str()]);
        match expected {
            Some(m) => {
                assert_eq!(out.status.code(), Some(1), "{code}");
                let line = format!("{}: departement.code: {m}", pact.display());
                assert!(stderr(&out).starts_with(&line), "{code}: {}", stderr(&out));
            }
            None => assert!(out.status.success(), "{code}: {}", stderr(&out)),
        }
    }
}

#[test]
fn a_byte_order_mark_is_accepted_and_bad_utf8_placed() {
    let dir = tempfile::tempdir().unwrap();
    let text = serde_json::to_string_pretty(&fixture_json()).unwrap();
    let pact = dir.path().join("bom.json");
    std::fs::write(&pact, [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()).unwrap();
    let out = pacte(&["validate".as_ref(), pact.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pacte(&["render".as_ref(), pact.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A Latin-1 "é" (one byte, 0xE9) where the first "Pacte" was.
    let marked = text.replacen("Pacte", "Pact\u{1}", 1);
    let line = marked.lines().position(|l| l.contains('\u{1}')).unwrap() + 1;
    let column = marked
        .lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .position(|c| c == '\u{1}')
        .unwrap()
        + 1;
    let bytes: Vec<u8> = marked
        .bytes()
        .map(|b| if b == 1 { 0xE9 } else { b })
        .collect();
    let bad = dir.path().join("latin1.json");
    std::fs::write(&bad, bytes).unwrap();
    for command in ["validate", "render"] {
        let out = pacte(&[command.as_ref(), bad.as_os_str()]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stderr(&out),
            format!(
                "{}: line {line}:{column}: not UTF-8 text (save the file as UTF-8)\n",
                bad.display()
            )
        );
    }
}

/// What the process opens, as the kernel sees it: a refused logo is never opened, by any
/// of its paths (strace, installed by `.ci/test`).
#[cfg(target_os = "linux")]
#[test]
fn a_refused_logo_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let pact_dir = dir.path().join("pacte");
    std::fs::create_dir(&pact_dir).unwrap();
    std::fs::copy(
        common::root().join("tests/data/logo.jpg"),
        dir.path().join("secret.jpg"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.jpg"), pact_dir.join("lien.jpg")).unwrap();
    let mut v = fixture_json();
    v["logo"] = serde_json::json!("../secret.jpg");
    v["signataires"][0]["logo"] = serde_json::json!("lien.jpg");
    let pact = write_pact(&pact_dir, &v);
    let trace = dir.path().join("trace.txt");
    for command in ["validate", "render"] {
        let out = Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=openat,open,openat2", "-o"])
            .arg(&trace)
            .args([PACTE, command])
            .arg(&pact)
            .output()
            .expect("strace is needed by this test; `bash .ci/test` installs it");
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 2, "{}", stderr(&out));
        let opened = std::fs::read_to_string(&trace).unwrap();
        // The pact itself is opened (the check is not vacuous); neither logo is.
        assert!(opened.contains("pacte.json"), "{opened}");
        assert!(!opened.contains("secret.jpg"), "{command}: {opened}");
        assert!(!opened.contains("lien.jpg"), "{command}: {opened}");
    }
}
