//! `pacte sign` and `pacte verify` checked with tools we did not write: pyHanko (validation
//! with the test CA as trust root, no revocation checking), poppler's pdfsig and
//! page-validation (PDF/A-2a), on a test PKI made with `openssl` at test time (see
//! tests/pades/mod.rs) and a local time-stamping authority (tests/tsa_server.py).
//!
//! These tests fail, never skip, when a tool is missing: `bash .ci/test` installs
//! poppler-utils, qpdf, and pyhanko, pikepdf, page-validation in target/venv.

mod common;
mod pades;

use assert_cmd::Command;
use pades::{pdfsig, pyhanko_sign, validate, Pki};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The rule of page-validation 0.11 that wants every signature to cover the whole file: a
/// file signed twice (by any tool: pyHanko's files fail it the same way) has an earlier
/// signature that covers its own revision only, as incremental signing means.
const WHOLE_FILE_RULE: &str = "PDFA2A-SIGNATURE-BYTERANGE-001";

fn pacte() -> Command {
    Command::cargo_bin("pacte").unwrap()
}

/// `pacte sign IN -o OUT --field FIELD` with the credentials `how` (`rsa`: modern .p12 and
/// password file; `ec`: legacy .p12 and the password in the environment; `pem`: EC key and
/// certificate files), and a TSA when given.
fn sign(pki: &Pki, input: &Path, output: &Path, field: &str, how: &str, tsa: Option<&str>) {
    let mut cmd = pacte();
    cmd.arg("sign").arg(input).arg("-o").arg(output);
    cmd.args(["--field", field, "--reason", "Signature du pacte"]);
    match how {
        "rsa" => {
            cmd.arg("--p12").arg(pki.path("rsa.p12"));
            cmd.arg("--password-file").arg(pki.path("password"));
        }
        "ec" => {
            cmd.arg("--p12").arg(pki.path("ec-legacy.p12"));
            cmd.env("PACTE_P12_PASSWORD", pades::PASSWORD);
        }
        _ => {
            cmd.arg("--key").arg(pki.path("ec.key"));
            cmd.arg("--cert").arg(pki.path("ec.pem"));
            cmd.arg("--chain").arg(pki.path("ca.pem"));
        }
    }
    if let Some(url) = tsa {
        cmd.args(["--tsa", url]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "pacte sign {field}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `pacte verify FILE --trust ca.pem --json`: exit status and report.
fn verify(pki: &Pki, pdf: &Path) -> (i32, Value) {
    let out = pacte()
        .arg("verify")
        .arg(pdf)
        .arg("--trust")
        .arg(pki.path("ca.pem"))
        .arg("--json")
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (code, report)
}

/// The report of one field.
fn field<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {report}"))
}

/// The `/Size` of a PDF's last trailer (the next object number).
fn size(pdf: &[u8]) -> u32 {
    lopdf::Document::load_mem(pdf)
        .unwrap()
        .trailer
        .get(b"Size")
        .unwrap()
        .as_i64()
        .unwrap() as u32
}

/// Names of the signature fields of the rendered Vaucluse pact.
fn field_names(pdf: &[u8]) -> Vec<String> {
    pacte::signing::verify(
        pdf,
        &pacte::signing::Trust::none(),
        &pacte::Limits::default(),
    )
    .unwrap()
    .fields
    .into_iter()
    .map(|f| f.name)
    .collect()
}

#[test]
fn vaucluse_is_signed_in_turn_by_its_ten_signatories_and_stays_valid_and_pdfa() {
    let pki = Pki::new();
    let (_tsa, url) = pki.tsa();
    let work = tempfile::tempdir().unwrap();
    let mut current: PathBuf = work.path().join("step0.pdf");
    std::fs::copy(common::rendered("vaucluse-2017-2020"), &current).unwrap();
    let names = field_names(&std::fs::read(&current).unwrap());
    assert_eq!(names.len(), 10);
    for (i, name) in names.iter().enumerate() {
        let before = std::fs::read(&current).unwrap();
        let next = work.path().join(format!("step{}.pdf", i + 1));
        let how = ["rsa", "ec", "pem"][i % 3];
        sign(
            &pki,
            &current,
            &next,
            name,
            how,
            (i == 4).then_some(url.as_str()),
        );
        let after = std::fs::read(&next).unwrap();
        assert!(
            after.starts_with(&before),
            "step {i}: an earlier byte was rewritten"
        );
        assert!(after.ends_with(b"%%EOF\n"));

        let found = validate(&next, &pki.path("ca.pem"));
        assert!(found["pdfa"].get("error").is_none(), "{found}");
        let sigs = found["signatures"]
            .as_array()
            .unwrap_or_else(|| panic!("{found}"));
        assert_eq!(sigs.len(), i + 1, "{found}");
        for s in sigs {
            for key in ["intact", "valid", "trusted", "bottom_line", "docmdp_ok"] {
                assert_eq!(s[key], true, "step {i}, pyHanko {key}: {s}");
            }
            let level = s["modification_level"].as_str().unwrap_or("");
            assert!(
                ["NONE", "LTA_UPDATES", "FORM_FILLING"].contains(&level),
                "step {i}: {s}"
            );
        }
        assert_eq!(pdfsig(&next), vec![true; i + 1], "step {i}: pdfsig");
        // PDF/A-2a: every rule passes, but the whole-file rule on the earlier signatures.
        let newest = size(&before);
        for f in found["pdfa"]["failures"].as_array().unwrap() {
            assert_eq!(f["rule_id"], WHOLE_FILE_RULE, "step {i}: {f}");
            assert!(i > 0 && f["object"] != newest, "step {i}: {f}");
        }
        let (code, report) = verify(&pki, &next);
        assert_eq!(code, 0, "step {i}: {report}");
        assert_eq!(field(&report, name)["verdict"], "Valid");
        current = next;
    }
    let (_, report) = verify(&pki, &current);
    let stamped = field(&report, &names[4]);
    assert!(stamped["timestamp_time"].is_string(), "{stamped}");
    assert_eq!(field(&report, &names[0])["signer"], "Jean Testeur");
    assert_eq!(field(&report, &names[1])["signer"], "Élise Préfète");
    assert_eq!(field(&report, &names[0])["later_revisions"], 9);
    // The stamps, as a reader sees them, in the signature blocks.
    let text = common::tool("pdftotext", &["-layout", current.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Signé électroniquement par Jean Testeur le"),
        "{flat}"
    );
    assert!(flat.contains("Élise Préfète"), "{flat}");
}

/// Appends an incremental update holding `objects` (number, body) to `pdf`.
fn append_update(pdf: &[u8], objects: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let text = String::from_utf8_lossy(pdf);
    let prev: usize = text[text.rfind("startxref").unwrap() + 9..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let mut out = pdf.to_vec();
    let mut table = String::from("xref\n");
    let mut max = 0;
    for (n, body) in objects {
        table += &format!("{n} 1\n{:010} 00000 n\r\n", out.len());
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
        max = max.max(*n);
    }
    let xref = out.len();
    table += &format!(
        "trailer\n<</Size {}/Root {} 0 R/Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n",
        max.max(size(pdf) - 1) + 1,
        root.0
    );
    out.extend_from_slice(table.as_bytes());
    out
}

/// First position of `needle` in `hay` from `from`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> usize {
    from + hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| panic!("{} not found", String::from_utf8_lossy(needle)))
}

/// The body of page `index`'s object (0-based) as first written, its number and its
/// content stream's.
fn page_object(pdf: &[u8], index: usize) -> (u32, String, u32) {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let id = doc.get_pages()[&(index as u32 + 1)];
    let page = doc.get_dictionary(id).unwrap();
    let content = page.get(b"Contents").unwrap().as_reference().unwrap().0;
    let head = format!("\n{} 0 obj\n", id.0);
    let start = find(pdf, head.as_bytes(), 0) + head.len();
    let end = find(pdf, b"endobj", start);
    let body = String::from_utf8(pdf[start..end].to_vec()).unwrap();
    (id.0, body.trim().to_string(), content)
}

/// Flips one hexadecimal digit or byte at `at`.
fn flip(pdf: &[u8], at: usize) -> Vec<u8> {
    let mut v = pdf.to_vec();
    v[at] = match v[at] {
        b'0' => b'1',
        b => {
            if b.is_ascii_hexdigit() {
                b'0'
            } else {
                b ^ 0x20
            }
        }
    };
    v
}

#[test]
fn verify_agrees_with_pyhanko_on_signed_broken_and_modified_files() {
    let pki = Pki::new();
    let work = tempfile::tempdir().unwrap();
    let p = |name: &str| work.path().join(name);
    let rendered = common::rendered("vaucluse-2017-2020");
    let names = field_names(&std::fs::read(&rendered).unwrap());
    // Signed by pacte, half signed: fields 1 and 2 of 10.
    sign(&pki, &rendered, &p("one.pdf"), &names[0], "rsa", None);
    // Then pyHanko (PAdES), then pacte again: earlier signatures stay intact.
    pyhanko_sign(&pki, &p("one.pdf"), &p("two.pdf"), &names[1], "pades");
    sign(&pki, &p("two.pdf"), &p("three.pdf"), &names[2], "ec", None);
    // pyHanko alone, adbe.pkcs7.detached.
    pyhanko_sign(&pki, &rendered, &p("pkcs7.pdf"), &names[0], "pkcs7");
    for file in ["one.pdf", "two.pdf", "three.pdf", "pkcs7.pdf"] {
        let found = validate(&p(file), &pki.path("ca.pem"));
        let sigs = found["signatures"].as_array().unwrap();
        assert!(
            sigs.iter().all(|s| s["bottom_line"] == true),
            "{file}: {found}"
        );
        let (code, report) = verify(&pki, &p(file));
        assert_eq!(code, 0, "{file}: {report}");
        let signed: Vec<&Value> = report["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["signed"] == true)
            .collect();
        assert_eq!(signed.len(), sigs.len(), "{file}");
        assert!(
            signed.iter().all(|f| f["verdict"] == "Valid"),
            "{file}: {report}"
        );
        assert_eq!(field(&report, &names[9])["verdict"], "Unsigned");
    }
    let one = std::fs::read(p("one.pdf")).unwrap();

    // One byte of a page's content stream flipped.
    let (_, _, content) = page_object(&one, 0);
    let obj = find(&one, format!("\n{content} 0 obj\n").as_bytes(), 0);
    let data = find(&one, b"stream\n", obj) + 7;
    std::fs::write(p("content.pdf"), flip(&one, data + 20)).unwrap();
    // One byte of the signature value flipped (an RSA value is the DER's last 256 bytes).
    let contents = find(&one, b"/Contents <", 0) + 11;
    let len_hex = std::str::from_utf8(&one[contents + 4..contents + 8]).unwrap();
    let der_len = usize::from_str_radix(len_hex, 16).unwrap() + 4;
    std::fs::write(p("sigbyte.pdf"), flip(&one, contents + 2 * (der_len - 100))).unwrap();
    for (file, why) in [
        ("content.pdf", "message digest"),
        ("sigbyte.pdf", "signature value"),
    ] {
        let found = validate(&p(file), &pki.path("ca.pem"));
        let s = &found["signatures"][0];
        assert!(
            s["intact"] == false || s["valid"] == false || s.get("error").is_some(),
            "{file}: {s}"
        );
        let (code, report) = verify(&pki, &p(file));
        assert_eq!(code, 1, "{file}: {report}");
        let f = field(&report, &names[0]);
        assert_eq!(f["verdict"], "Broken", "{file}: {f}");
        assert!(f["problems"].to_string().contains(why), "{file}: {f}");
    }

    // After signing, page 1's content replaced, or an annotation added to it.
    let (page, body, _) = page_object(&one, 0);
    let n = size(&one);
    let replaced = append_update(
        &one,
        &[
            (
                n,
                b"<</Length 26>>\nstream\n0 0 1 rg 0 0 200 200 re f\nendstream".to_vec(),
            ),
            (
                page,
                body.replace(
                    &format!("/Contents {} 0 R", page_object(&one, 0).2),
                    &format!("/Contents {n} 0 R"),
                )
                .into_bytes(),
            ),
        ],
    );
    std::fs::write(p("replaced.pdf"), replaced).unwrap();
    let annotated_page = match body.find("/Annots [") {
        Some(at) => format!("{}/Annots [{n} 0 R {}", &body[..at], &body[at + 9..]),
        None => format!("{}/Annots [{n} 0 R]>>", body.trim_end_matches(">>")),
    };
    let annotated = append_update(
        &one,
        &[
            (n, format!("<</Type/Annot/Subtype/Square/Rect [100 100 200 200]/F 4/AP <</N {} 0 R>>>>", n + 1).into_bytes()),
            (n + 1, b"<</Type/XObject/Subtype/Form/BBox [0 0 100 100]/Length 14>>\nstream\n0 0 100 100 re\nendstream".to_vec()),
            (page, annotated_page.into_bytes()),
        ],
    );
    std::fs::write(p("annotated.pdf"), annotated).unwrap();
    for (file, what) in [
        ("replaced.pdf", "page 1 content"),
        ("annotated.pdf", "page 1 annotations"),
    ] {
        if file == "replaced.pdf" {
            assert_eq!(pdfsig(&p(file)), vec![true], "pdfsig still says valid");
        }
        let found = validate(&p(file), &pki.path("ca.pem"));
        assert_eq!(
            found["signatures"][0]["bottom_line"], false,
            "{file}: {found}"
        );
        let (code, report) = verify(&pki, &p(file));
        assert_eq!(code, 1, "{file}: {report}");
        let f = field(&report, &names[0]);
        assert_eq!(f["verdict"], "ModifiedAfterSigning", "{file}: {f}");
        assert!(
            f["changes_after_signing"].to_string().contains(what),
            "{file}: {f}"
        );
        assert_eq!(f["later_revisions"], 1);
    }

    // Truncated: the signature's byte range runs past the end.
    std::fs::write(p("truncated.pdf"), &one[..one.len() - 2000]).unwrap();
    let found = validate(&p("truncated.pdf"), &pki.path("ca.pem"));
    let pyhanko_ok = found["signatures"]
        .as_array()
        .is_some_and(|s| !s.is_empty() && s.iter().all(|s| s["bottom_line"] == true));
    assert!(!pyhanko_ok, "{found}");
    let (code, report) = verify(&pki, &p("truncated.pdf"));
    assert!(code == 1 || code == 2, "{report}");
    assert_ne!(code, 0);

    // Encrypted: not checkable, exit 2.
    pades::run_in(
        work.path(),
        "qpdf",
        &[
            "--encrypt",
            "u",
            "o",
            "256",
            "--",
            "one.pdf",
            "encrypted.pdf",
        ],
    );
    let found = validate(&p("encrypted.pdf"), &pki.path("ca.pem"));
    let pyhanko_ok = found["signatures"]
        .as_array()
        .is_some_and(|s| !s.is_empty() && s.iter().all(|s| s["bottom_line"] == true));
    assert!(!pyhanko_ok, "{found}");
    let out = pacte()
        .arg("verify")
        .arg(p("encrypted.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("encrypted"));
    // Not a PDF at all.
    std::fs::write(p("text.pdf"), "bonjour").unwrap();
    let out = pacte().arg("verify").arg(p("text.pdf")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));

    // `pacte fields` runs the same checks: a broken signature is not "signed by".
    let out = pacte()
        .arg("fields")
        .arg(p("sigbyte.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(listing.lines().count(), 10, "{listing}");
    let first = listing.lines().next().unwrap();
    assert!(
        first.contains("BROKEN") && !first.contains("signed by"),
        "{first}"
    );
}

#[test]
fn refused_signatures_are_clear_errors_and_write_nothing() {
    let pki = Pki::new();
    let work = tempfile::tempdir().unwrap();
    let rendered = common::rendered("vaucluse-2017-2020");
    let names = field_names(&std::fs::read(&rendered).unwrap());
    let signed = work.path().join("signed.pdf");
    sign(&pki, &rendered, &signed, &names[0], "rsa", None);
    let out_path = work.path().join("out.pdf");
    let p12 = |name: &str| pki.path(name);
    let cases: Vec<(&str, Vec<std::ffi::OsString>, &str)> = vec![
        (
            "already signed",
            vec![
                signed.clone().into(),
                "--field".into(),
                names[0].clone().into(),
                "--p12".into(),
                p12("rsa.p12").into(),
            ],
            "already signed",
        ),
        (
            "unknown field",
            vec![
                signed.clone().into(),
                "--field".into(),
                "Sig99_Personne".into(),
                "--p12".into(),
                p12("rsa.p12").into(),
            ],
            &names[1],
        ),
        (
            "expired certificate",
            vec![
                rendered.clone().into(),
                "--field".into(),
                names[0].clone().into(),
                "--p12".into(),
                p12("expired.p12").into(),
            ],
            "not valid at the signing time",
        ),
        (
            "key of another certificate",
            vec![
                rendered.clone().into(),
                "--field".into(),
                names[0].clone().into(),
                "--key".into(),
                p12("other.key").into(),
                "--cert".into(),
                p12("rsa.pem").into(),
            ],
            "does not match",
        ),
    ];
    for (what, args, expected) in cases {
        let out = pacte()
            .arg("sign")
            .args(&args)
            .arg("-o")
            .arg(&out_path)
            .env("PACTE_P12_PASSWORD", pades::PASSWORD)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains(expected), "{what}: {err}");
        assert!(!out_path.exists(), "{what}: an output was written");
    }
    let out = pacte()
        .arg("sign")
        .arg(&rendered)
        .args(["--field", &names[0], "--p12"])
        .arg(p12("rsa.p12"))
        .arg("-o")
        .arg(&out_path)
        .env("PACTE_P12_PASSWORD", "pas le bon")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("wrong password"), "{err}");
    assert!(!out_path.exists());
}

#[test]
fn the_library_reads_both_kinds_of_p12_and_pem_keys() {
    let pki = Pki::new();
    let read = |n: &str| std::fs::read(pki.path(n)).unwrap();
    let modern =
        pacte::signing::Credentials::from_pkcs12(&read("rsa.p12"), pades::PASSWORD).unwrap();
    assert_eq!(modern.signer_name(), "Jean Testeur");
    let legacy =
        pacte::signing::Credentials::from_pkcs12(&read("ec-legacy.p12"), pades::PASSWORD).unwrap();
    assert_eq!(legacy.signer_name(), "Élise Préfète");
    let pem =
        pacte::signing::Credentials::from_pem(&read("ec.key"), &read("ec.pem"), None).unwrap();
    assert_eq!(pem.signer_name(), "Élise Préfète");
    assert!(matches!(
        pacte::signing::Credentials::from_pem(&read("other.key"), &read("ec.pem"), None),
        Err(pacte::signing::SignError::KeyMismatch(_))
    ));
}

#[test]
fn a_p384_signature_verifies_and_a_document_time_stamp_after_it_is_reported() {
    let pki = Pki::new();
    let (_tsa, url) = pki.tsa();
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("pacte.pdf");
    std::fs::copy(common::rendered("vaucluse-2017-2020"), &input).unwrap();
    let name = field_names(&std::fs::read(&input).unwrap())[0].clone();
    let signed = work.path().join("p384.pdf");
    let out = pacte()
        .arg("sign")
        .arg(&input)
        .arg("-o")
        .arg(&signed)
        .args(["--field", &name])
        .arg("--key")
        .arg(pki.path("p384.key"))
        .arg("--cert")
        .arg(pki.path("p384.pem"))
        .arg("--chain")
        .arg(pki.path("ca.pem"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, report) = verify(&pki, &signed);
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, &name)["verdict"], "Valid", "{report}");
    assert_eq!(field(&report, &name)["signer"], "Claire Quatre-Cent");
    let found = validate(&signed, &pki.path("ca.pem"));
    let sigs = found["signatures"]
        .as_array()
        .unwrap_or_else(|| panic!("{found}"));
    assert_eq!(sigs.len(), 1, "{found}");
    for key in ["intact", "valid", "trusted", "bottom_line"] {
        assert_eq!(sigs[0][key], true, "pyHanko {key}: {found}");
    }

    // pyHanko adds a document time-stamp (a new field, /SubFilter /ETSI.RFC3161).
    let stamped = work.path().join("horodate.pdf");
    let hanko = pades::python().with_file_name("pyhanko");
    let out = std::process::Command::new(&hanko)
        .args([
            "sign",
            "timestamp",
            "--timestamp-url",
            &url,
            "--trust-replace",
        ])
        .arg("--trust")
        .arg(pki.path("ca.pem"))
        .arg(&signed)
        .arg(&stamped)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (`bash .ci/test` installs pyhanko-cli)",
                hanko.display()
            )
        });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, report) = verify(&pki, &stamped);
    assert_eq!(code, 0, "{report}");
    let fields = report["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 11, "{report}");
    assert_eq!(field(&report, &name)["verdict"], "Valid", "{report}");
    let after_stamp = stamp_of(&report)["later_revisions"].as_u64().unwrap();
    assert_eq!(
        field(&report, &name)["later_revisions"],
        after_stamp + 1,
        "{report}"
    );
    assert_eq!(
        field(&report, &name)["changes_after_signing"],
        serde_json::json!([])
    );
    // The time-stamp itself, valid, with its time (pyHanko may add a DSS revision after it).
    let stamp = stamp_of(&report);
    assert_eq!(stamp["verdict"], "Valid", "{stamp}");
    assert_eq!(stamp["signer"], "Horodatage de test pacte", "{stamp}");
    assert!(stamp["timestamp_time"].is_string(), "{stamp}");
    // pyHanko agrees: the signature intact and trusted, the change allowed.
    let found = validate(&stamped, &pki.path("ca.pem"));
    let sig = found["signatures"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["field"] == name.as_str()))
        .unwrap_or_else(|| panic!("{found}"));
    for key in ["intact", "valid", "trusted"] {
        assert_eq!(sig[key], true, "pyHanko {key}: {found}");
    }
}

/// The document time-stamp's report (`/SubFilter /ETSI.RFC3161`).
fn stamp_of(report: &Value) -> &Value {
    report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["sub_filter"] == "ETSI.RFC3161")
        .unwrap_or_else(|| panic!("no document time-stamp in {report}"))
}

/// The file-system calls `pacte ARGS` makes that flush a file to disk (`flush`: fsync,
/// fdatasync) or rename one (`rename`), in order, as strace sees them.
fn flushes_and_renames(args: &[&std::ffi::OsStr], work: &Path) -> Vec<String> {
    let trace = work.join("trace.txt");
    let out = std::process::Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=fsync,fdatasync,rename,renameat,renameat2",
            "-o",
        ])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_pacte"))
        .args(args)
        .output()
        .expect("strace is needed by this test; `bash .ci/test` installs it");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&trace)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter_map(|call| call.split_once('(').map(|(name, _)| name))
        .filter(|name| name.starts_with(|c: char| c.is_ascii_lowercase()))
        .map(|call| match call {
            "fsync" | "fdatasync" => "flush".to_string(),
            c if c.starts_with("rename") => "rename".to_string(),
            c => c.to_string(),
        })
        .collect()
}

#[test]
fn a_signed_file_is_flushed_to_disk_before_its_rename_a_render_is_not() {
    let pki = Pki::new();
    let work = tempfile::tempdir().unwrap();
    let pdf = work.path().join("allier.pdf");
    let pact = common::root().join("fixtures/allier-2018-2021.json");
    let render_args = [
        "render".as_ref(),
        pact.as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
    ];
    let render = flushes_and_renames(&render_args, work.path());
    // Made again byte for byte from its pact: renamed into place without waiting for the disk.
    assert_eq!(render, ["rename"], "{render:?}");
    // Over the file it made: one exchange of names (then the old file removed), no flush.
    let again = flushes_and_renames(&render_args, work.path());
    assert_eq!(again, ["rename"], "{again:?}");
    let name = field_names(&std::fs::read(&pdf).unwrap()).remove(0);
    let signed = work.path().join("signed.pdf");
    let key = pki.path("ec.key");
    let cert = pki.path("ec.pem");
    let sign = flushes_and_renames(
        &[
            "sign".as_ref(),
            pdf.as_os_str(),
            "-o".as_ref(),
            signed.as_os_str(),
            "--field".as_ref(),
            name.as_ref(),
            "--key".as_ref(),
            key.as_os_str(),
            "--cert".as_ref(),
            cert.as_os_str(),
        ],
        work.path(),
    );
    // A signature cannot be made again: on disk before the file takes its name.
    assert_eq!(sign, ["flush", "rename"], "{sign:?}");
}
