//! The written PDF checked with real tools: qpdf, poppler (pdfinfo, pdffonts, pdfsig,
//! pdftoppm), pikepdf and pyHanko (signing every field incrementally, then validating), on a
//! small laid-out document written with `pacte::pdf::write`.
//!
//! These tests fail, never skip, when a tool is missing; the test command (`bash .ci/test`)
//! installs them with `apt-get install -y poppler-utils qpdf` and
//! `pip install pikepdf pyhanko`.

mod writer_support;

use pacte::internals::write;
use pacte::signing::{FieldReport, Trust, Verdict};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const APT: &str = "apt-get install -y poppler-utils qpdf";
const PIP: &str = "target/venv/bin/pip install pikepdf pyhanko";
const TITLE: &str = "Pacte territorial d'insertion du Vaucluse";

/// The written test document (built once).
fn written() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| writer_support::written_pdf(TITLE))
}

/// Runs `program` with `args`; panics naming the tool and its install command when it is
/// missing.
fn run(program: &str, args: &[&str], install: &str) -> Output {
    match Command::new(program).args(args).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{program}` is missing: these tests need it; the test command `bash .ci/test` installs it with `{install}`"
        ),
        Err(e) => panic!("running {program}: {e}"),
    }
}

/// Runs one of the Python helpers of tests/; panics with the pip command when its modules
/// are missing.
fn python(script: &str, args: &[&str]) -> Output {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/venv/bin/python");
    let python = if venv.exists() {
        venv.to_str().expect("utf-8 path").to_string()
    } else {
        "python3".to_string()
    };
    let probe = run(
        &python,
        &["-c", "import pikepdf, pyhanko, cryptography"],
        "apt-get install -y python3",
    );
    assert!(
        probe.status.success(),
        "python3 lacks pikepdf or pyhanko: the test command `bash .ci/test` installs them with `{PIP}`\n{}",
        String::from_utf8_lossy(&probe.stderr)
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(script);
    let mut all = vec![path.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    run(&python, &all, PIP)
}

/// A temporary directory and a file path in it holding `bytes`.
fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn describe(out: &Output) -> String {
    format!(
        "status {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        stdout(out),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// Signs the fields of `pdf` with tests/sign_fields.py; returns the signed bytes and the
/// script's JSON report (checked to be a success).
fn sign(pdf: &[u8], extra: &[&str]) -> (Vec<u8>, Value) {
    let (dir, input) = temp_file("in.pdf", pdf);
    let output = dir.path().join("signed.pdf");
    let mut args = vec![input.to_str().unwrap(), output.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = python("sign_fields.py", &args);
    assert!(
        out.status.success(),
        "signing or validation failed:\n{}",
        describe(&out)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["ok"], true);
    (std::fs::read(&output).unwrap(), report)
}

#[test]
fn qpdf_finds_no_error_and_the_file_has_one_classic_xref_section() {
    let pdf = written();
    let (_dir, path) = temp_file("written.pdf", pdf);
    let out = run("qpdf", &["--check", path.to_str().unwrap()], APT);
    assert!(out.status.success(), "{}", describe(&out));
    let text = stdout(&out);
    assert!(
        text.contains("No syntax or stream encoding errors found"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("warning"), "{text}");

    // Header: version 1.7 and a binary comment of four bytes above 127 (PDF/A).
    assert!(pdf.starts_with(b"%PDF-1.7\n%"));
    assert!(pdf[10..14].iter().all(|&b| b > 127) && pdf[14] == b'\n');
    assert!(
        pdf.ends_with(b"%%EOF\n"),
        "the file ends with an end-of-line"
    );
    // One cross-reference table, one trailer, no object or xref streams, no /Prev.
    assert_eq!(find_all(pdf, b"\nxref\n").len(), 1);
    assert_eq!(find_all(pdf, b"startxref").len(), 1);
    assert_eq!(find_all(pdf, b"trailer").len(), 1);
    for absent in [&b"/ObjStm"[..], b"/XRef", b"/Encrypt"] {
        assert!(
            find_all(pdf, absent).is_empty(),
            "{} found",
            String::from_utf8_lossy(absent)
        );
    }
    let trailer = &pdf[find_all(pdf, b"trailer")[0]..];
    assert!(
        find_all(trailer, b"/Prev").is_empty(),
        "the trailer points to an earlier section"
    );
    // The table: a single subsection 0..Size whose offsets all point at their objects.
    let xref = find_all(pdf, b"\nxref\n")[0] + 6;
    let header_end = xref + pdf[xref..].iter().position(|&b| b == b'\n').unwrap();
    let header = std::str::from_utf8(&pdf[xref..header_end]).unwrap();
    let (start, count) = header.split_once(' ').unwrap();
    let count: usize = count.parse().unwrap();
    assert_eq!(start, "0");
    let entries = &pdf[header_end + 1..header_end + 1 + 20 * count];
    assert!(
        pdf[header_end + 1 + 20 * count..].starts_with(b"trailer\n"),
        "more than one subsection"
    );
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    // No object holds actions PDF/A forbids (checked on the parsed objects, since short byte
    // strings can occur by chance in compressed streams).
    for (id, object) in &doc.objects {
        let dict = match object {
            lopdf::Object::Dictionary(d) => d,
            lopdf::Object::Stream(s) => &s.dict,
            _ => continue,
        };
        for key in [&b"AA"[..], b"JS", b"JavaScript"] {
            assert!(
                !dict.has(key),
                "object {id:?} has /{}",
                String::from_utf8_lossy(key)
            );
        }
    }
    assert_eq!(
        doc.trailer.get(b"Size").unwrap().as_i64().unwrap() as usize,
        count
    );
    for (n, entry) in entries.chunks(20).enumerate().skip(1) {
        let entry = std::str::from_utf8(entry).unwrap();
        assert!(
            entry.ends_with(" n \n") || entry.ends_with(" n\r\n"),
            "entry {n}: {entry:?}"
        );
        let offset: usize = entry[..10].parse().unwrap();
        assert!(
            pdf[offset..].starts_with(format!("{n} 0 obj").as_bytes()),
            "object {n} is not at {offset}"
        );
    }
}

#[test]
fn pdfinfo_and_pdffonts_see_the_metadata_and_embedded_fonts() {
    let (_dir, path) = temp_file("written.pdf", written());
    let out = run("pdfinfo", &[path.to_str().unwrap()], APT);
    assert!(out.status.success(), "{}", describe(&out));
    let info = stdout(&out);
    let field = |key: &str| {
        info.lines()
            .find_map(|l| {
                l.strip_prefix(&format!("{key}:"))
                    .map(|v| v.trim().to_string())
            })
            .unwrap_or_else(|| panic!("no {key} in\n{info}"))
    };
    assert_eq!(field("Title"), TITLE);
    assert_eq!(field("Author"), "Département de Vaucluse & État");
    assert_eq!(
        field("Subject"),
        "Pacte territorial d'insertion <2017-2020>"
    );
    assert_eq!(field("Keywords"), "PTI, insertion, RSA");
    assert_eq!(field("Producer"), "pacte");
    assert_eq!(field("PDF version"), "1.7");
    assert_eq!(field("Pages"), "3");
    assert_eq!(field("Form"), "AcroForm");
    assert_eq!(field("JavaScript"), "no");
    assert_eq!(field("Metadata Stream"), "yes");
    assert!(field("CreationDate").contains("2023"), "{info}");

    let out = run("pdffonts", &[path.to_str().unwrap()], APT);
    assert!(out.status.success(), "{}", describe(&out));
    let fonts = stdout(&out);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no font listed:\n{fonts}");
    for row in rows {
        // Columns: name type encoding emb sub uni object-id; "CID TrueType" has a space.
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
}

#[test]
fn pikepdf_sees_fields_annotations_pdfa_parts_and_outline() {
    let (_dir, path) = temp_file("written.pdf", written());
    let out = python("pdf_facts.py", &[path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", describe(&out));
    let facts: Value = serde_json::from_slice(&out.stdout).unwrap();

    assert_eq!(facts["version"], "1.7");
    assert_eq!(facts["page_mode"], "/UseOutlines");
    assert_eq!(facts["lang"], "fr-FR");
    assert_eq!(facts["display_doc_title"], true);
    let id = facts["id"].as_array().unwrap();
    assert_eq!(id.len(), 2);
    assert_eq!(id[0], id[1]);

    // Signature fields: merged field+widget, printable, on page 2, in its /Annots.
    let form = &facts["acroform"];
    assert_eq!(form["sig_flags"], 1);
    assert_eq!(form["need_appearances"], false);
    let fields = form["fields"].as_array().unwrap();
    let expected = writer_support::signature_fields();
    assert_eq!(fields.len(), expected.len());
    for (f, e) in fields.iter().zip(&expected) {
        assert_eq!(f["ft"], "/Sig");
        assert_eq!(f["t"], e.name.as_str());
        assert_eq!(f["tu"], e.tooltip.as_str());
        assert_eq!(f["type"], "/Annot");
        assert_eq!(f["subtype"], "/Widget");
        assert_eq!(f["f"], 4);
        assert_eq!(f["has_kids"], false);
        assert_eq!(f["page"], 1);
        assert_eq!(f["in_page_annots"], true);
        assert_eq!(f["signed"], false);
        let rect: Vec<f64> = serde_json::from_value(f["rect"].clone()).unwrap();
        assert_eq!(rect, e.rect.map(f64::from));
        let bbox: Vec<f64> = serde_json::from_value(f["ap_bbox"].clone()).unwrap();
        assert_eq!(
            bbox,
            [
                0.0,
                0.0,
                f64::from(e.rect[2] - e.rect[0]),
                f64::from(e.rect[3] - e.rect[1])
            ]
        );
        assert_eq!(f["ap_keys"], serde_json::json!(["/N"]));
    }

    // Every annotation, links included, is indirect and has exactly the Print flag.
    let annots = facts["annotations"].as_array().unwrap();
    assert_eq!(annots.iter().filter(|a| a["subtype"] == "/Link").count(), 2);
    assert_eq!(
        annots.iter().filter(|a| a["subtype"] == "/Widget").count(),
        3
    );
    for a in annots {
        assert_eq!(a["f"], 4, "{a}");
        assert_eq!(a["indirect"], true, "{a}");
    }

    // PDF/A-2a: XMP consistent with Info, uncompressed; sRGB output intent.
    let xmp = &facts["xmp"];
    assert_eq!(xmp["part"], "2");
    assert_eq!(xmp["conformance"], "A");
    assert_eq!(xmp["title"], TITLE);
    assert_eq!(
        xmp["creator"],
        serde_json::json!(["Département de Vaucluse & État"])
    );
    assert_eq!(
        xmp["description"],
        "Pacte territorial d'insertion <2017-2020>"
    );
    assert_eq!(xmp["keywords"], "PTI, insertion, RSA");
    assert_eq!(xmp["producer"], "pacte");
    assert_eq!(xmp["creator_tool"], "pacte test");
    for date in ["create_date", "modify_date", "metadata_date"] {
        assert_eq!(xmp[date], "2023-11-14T22:13:20+00:00");
    }
    let info = &facts["info"];
    assert_eq!(info["Title"], xmp["title"]);
    assert_eq!(info["Author"], xmp["creator"][0]);
    assert_eq!(info["Subject"], xmp["description"]);
    assert_eq!(info["Keywords"], xmp["keywords"]);
    assert_eq!(info["Creator"], xmp["creator_tool"]);
    assert_eq!(info["Producer"], xmp["producer"]);
    assert_eq!(info["CreationDate"], "D:20231114221320+00'00'");
    assert_eq!(info["ModDate"], "D:20231114221320+00'00'");
    assert!(info.get("Trapped").is_none() && info.get("GTS_PDFXVersion").is_none());
    let md = &facts["metadata_stream"];
    assert_eq!(md["type"], "/Metadata");
    assert_eq!(md["subtype"], "/XML");
    assert_eq!(md["filter"], Value::Null, "XMP must stay uncompressed");
    let intents = facts["output_intents"].as_array().unwrap();
    assert_eq!(intents.len(), 1);
    assert_eq!(intents[0]["s"], "/GTS_PDFA1");
    assert_eq!(intents[0]["condition"], "sRGB IEC61966-2.1");
    assert_eq!(intents[0]["n"], 3);
    assert_eq!(intents[0]["profile_signature"], "acsp");

    // Outline: same tree as asked, links and counts consistent.
    fn tree(items: &[pacte::internals::Bookmark]) -> Value {
        Value::Array(
            items
                .iter()
                .map(|b| {
                    serde_json::json!({
                        "title": b.title, "page": b.page, "top": f64::from(b.y), "children": tree(&b.children)
                    })
                })
                .collect(),
        )
    }
    assert_eq!(facts["outline"], tree(&writer_support::bookmarks()));
    let structure = &facts["outline_structure"];
    assert_eq!(structure["root_count"], 5);
    assert_eq!(structure["items"], 5);
    assert_eq!(structure["problems"], serde_json::json!([]));
}

/// `pdfsig`'s "Signed Ranges: [a - b], [c - d]" for each signature, with its validity.
fn pdfsig_ranges(path: &Path) -> Vec<([usize; 4], bool)> {
    let out = run("pdfsig", &[path.to_str().unwrap()], APT);
    assert!(out.status.success(), "{}", describe(&out));
    let text = stdout(&out);
    let mut sigs = Vec::new();
    for block in text.split("Signature #").skip(1) {
        let ranges = block
            .lines()
            .find_map(|l| l.trim().strip_prefix("- Signed Ranges:"))
            .unwrap_or_else(|| panic!("no ranges in\n{text}"));
        let nums: Vec<usize> = ranges
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(nums.len(), 4, "{ranges}");
        let valid = block.contains("Signature Validation: Signature is Valid.");
        sigs.push(([nums[0], nums[1], nums[2], nums[3]], valid));
    }
    sigs
}

#[test]
fn every_field_signs_incrementally_and_every_signature_validates() {
    // Fields 1 and 2 without a declared /Name, field 3 with one.
    let (signed, report) = sign(written(), &["--declared-name-from", "3"]);
    let validation = report["validation"].as_array().unwrap();
    assert_eq!(validation.len(), 3);
    for (i, v) in validation.iter().enumerate() {
        assert_eq!(v["ok"], true, "{v}");
        assert_eq!(v["bottom_line"], true, "{v}");
        assert_eq!(v["docmdp_ok"], true, "{v}");
        // Later signatures only filled in the form.
        let level = if i < 2 { "FORM_FILLING" } else { "NONE" };
        assert_eq!(v["modification_level"], level, "{v}");
    }
    assert_eq!(validation[2]["coverage"], "ENTIRE_FILE");

    let (_dir, path) = temp_file("signed.pdf", &signed);
    let out = run("qpdf", &["--check", path.to_str().unwrap()], APT);
    assert!(out.status.success(), "{}", describe(&out));

    // poppler: every signature valid, and each byte range covers its revision exactly:
    // from the start of the file to the end of revision k, less the /Contents string.
    let ranges = pdfsig_ranges(&path);
    assert_eq!(ranges.len(), 3);
    let eofs: Vec<usize> = find_all(&signed, b"%%EOF").iter().map(|i| i + 5).collect();
    assert_eq!(eofs.len(), 4, "one original revision and three signatures");
    for (k, ([a, b, c, d], valid)) in ranges.iter().enumerate() {
        assert!(valid, "signature {} is not valid for pdfsig", k + 1);
        assert_eq!(*a, 0);
        assert_eq!(
            signed[*b],
            b'<',
            "gap of signature {} does not start at /Contents",
            k + 1
        );
        assert_eq!(
            signed[*c - 1],
            b'>',
            "gap of signature {} does not end at /Contents",
            k + 1
        );
        let end = eofs[k + 1];
        assert!(
            *d == end || *d == end + 1 && signed[end] == b'\n',
            "signature {} ends at {d}, revision at {end}",
            k + 1
        );
    }
    assert_eq!(
        ranges[2].0[3],
        signed.len(),
        "the last signature covers the whole file"
    );

    // pacte::signing sees the three signatures, intact, the signer named from the
    // certificate, the third's self-declared /Name beside it.
    let fields = fields_of(&signed);
    let cn = report["signer_cn"].as_str().unwrap();
    let signers: Vec<Option<&str>> = fields.iter().map(|f| f.signer.as_deref()).collect();
    assert_eq!(signers, [Some(cn), Some(cn), Some(cn)]);
    assert_eq!(
        fields[2].declared_name.as_deref(),
        Some("Signataire déclaré 3")
    );
    for f in &fields {
        assert!(f.signed);
        assert_eq!(f.verdict(), Verdict::Valid, "{f:?}");
        assert_eq!(f.page, Some(1));
        let time = f.claimed_time.as_deref().expect("signing time");
        assert!(is_readable_time(time), "{time}");
    }
}

/// The signature fields of `pdf` as `pacte::signing::verify` reports them (no trust anchor).
fn fields_of(pdf: &[u8]) -> Vec<FieldReport> {
    pacte::signing::verify(pdf, &Trust::none(), &pacte::Limits::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .fields
}

/// `YYYY-MM-DD HH:MM:SS UTC`.
fn is_readable_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 23
        && s.ends_with(" UTC")
        && b[..19].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

#[test]
fn half_signed_file_reports_exactly_the_signed_field_in_the_library_and_the_cli() {
    let (signed, report) = sign(written(), &["--count", "1"]);
    assert_eq!(report["signed"].as_array().unwrap().len(), 1);
    let fields = fields_of(&signed);
    let expected = writer_support::signature_fields();
    assert_eq!(fields.len(), 3);
    for (f, e) in fields.iter().zip(&expected) {
        assert_eq!(f.name, e.name);
        assert_eq!(f.tooltip.as_deref(), Some(e.tooltip.as_str()));
        assert_eq!(f.page, Some(1));
    }
    let cn = report["signer_cn"].as_str().unwrap();
    assert!(fields[0].signed);
    assert_eq!(fields[0].verdict(), Verdict::Valid);
    assert_eq!(fields[0].signer.as_deref(), Some(cn));
    assert!(fields[0].claimed_time.is_some());
    for f in &fields[1..] {
        assert_eq!(
            (f.signed, &f.signer, &f.claimed_time, f.verdict()),
            (false, &None, &None, Verdict::Unsigned),
            "{f:?}"
        );
    }

    // `pacte fields FILE`: one line per field, exit 0.
    let (_dir, path) = temp_file("half.pdf", &signed);
    let out = assert_cmd::Command::cargo_bin("pacte")
        .unwrap()
        .arg("fields")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let first = format!("Sig01_President_CD\tpage 2\tsigned by {cn} on ");
    assert!(lines[0].starts_with(&first), "{}", lines[0]);
    assert!(lines[0].ends_with("\tPour le Département – Le Président du Conseil départemental"));
    assert_eq!(
        lines[1],
        "Sig02_Prefet\tpage 2\tnot signed\tPour l'Etat – Le Préfet du Vaucluse"
    );
    assert_eq!(
        lines[2],
        "Sig03_Directeur_CAF\tpage 2\tnot signed\tPour la CAF – Le Directeur"
    );
}

#[test]
fn signature_widgets_draw_nothing_and_pages_still_render() {
    let with_fields = written();
    let mut params = writer_support::meta(TITLE);
    params.signature_fields.clear();
    let without = write(&writer_support::document(3), &Default::default(), &params).unwrap();
    let render = |pdf: &[u8]| {
        let (dir, path) = temp_file("r.pdf", pdf);
        let prefix = dir.path().join("page");
        let out = run(
            "pdftoppm",
            &[
                "-r",
                "50",
                "-png",
                "-f",
                "2",
                "-l",
                "2",
                path.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
            APT,
        );
        assert!(out.status.success(), "{}", describe(&out));
        let png = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "png"))
            .expect("a PNG page");
        image::open(png).unwrap().to_rgb8()
    };
    let a = render(with_fields);
    let b = render(&without);
    assert_eq!(a.dimensions(), b.dimensions());
    let dark = a.pixels().filter(|p| p.0.iter().all(|&c| c < 128)).count();
    assert!(dark > 50, "page 2 shows no text ({dark} dark pixels)");
    assert!(a == b, "the empty signature fields change how page 2 looks");
}

#[test]
fn the_unsigned_file_lists_its_empty_fields() {
    let fields = fields_of(written());
    type Seen = (
        String,
        Option<String>,
        Option<usize>,
        bool,
        Option<String>,
        Option<String>,
    );
    let seen: Vec<Seen> = fields
        .into_iter()
        .map(|f| {
            let unsigned = f.verdict() == Verdict::Unsigned;
            (
                f.name,
                f.tooltip,
                f.page,
                unsigned,
                f.signer,
                f.claimed_time,
            )
        })
        .collect();
    let expected: Vec<Seen> = writer_support::signature_fields()
        .into_iter()
        .map(|e| (e.name, Some(e.tooltip), Some(e.page), true, None, None))
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn writing_is_deterministic_and_the_id_follows_the_content() {
    let a = writer_support::written_pdf(TITLE);
    let b = writer_support::written_pdf(TITLE);
    assert!(a == b, "two writings of the same input differ");
    assert!(
        a == written(),
        "differs from the first writing in this process"
    );
    let id = |pdf: &[u8]| {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        doc.trailer.get(b"ID").unwrap().as_array().unwrap()[0]
            .as_str()
            .unwrap()
            .to_vec()
    };
    let other = writer_support::written_pdf("Un autre titre");
    assert_ne!(id(&a), id(&other));
    let mut later = writer_support::meta(TITLE);
    later.creation_date += 1;
    let later = write(&writer_support::document(3), &Default::default(), &later).unwrap();
    assert_ne!(id(&a), id(&later));
    // The Info dictionary holds exactly the described values, in this order.
    for pdf in [&a, &other, &later] {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let info = doc
            .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
            .unwrap();
        let keys: Vec<&[u8]> = info.iter().map(|(k, _)| k.as_slice()).collect();
        assert_eq!(
            keys,
            [
                &b"Title"[..],
                b"Author",
                b"Subject",
                b"Keywords",
                b"Creator",
                b"Producer",
                b"CreationDate",
                b"ModDate"
            ]
        );
    }
}

/// Environment variable telling [`writing_is_the_same_in_another_process`], run as a child,
/// where to write its bytes.
const CHILD_OUT: &str = "PACTE_WRITE_CHILD_OUT";

#[test]
fn writing_is_the_same_in_another_process() {
    if let Ok(path) = std::env::var(CHILD_OUT) {
        // Child: write afresh in this process and hand the bytes back.
        std::fs::write(path, writer_support::written_pdf(TITLE)).unwrap();
        return;
    }
    // Parent: run this very test in a new process (new hash seeds, new addresses).
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("child.pdf");
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "writing_is_the_same_in_another_process",
            "--test-threads",
            "1",
        ])
        .env(CHILD_OUT, &out_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let child = std::fs::read(&out_path).expect("the child wrote its PDF");
    assert!(
        child == written(),
        "another process wrote the same input differently"
    );
}

#[test]
fn without_pdfa_there_is_no_pdfa_identification_nor_output_intent() {
    let mut params = writer_support::meta(TITLE);
    params.pdfa = false;
    params.signature_fields.iter_mut().for_each(|f| f.page = 0);
    params.bookmarks.clear();
    let pdf = write(&writer_support::document(2), &Default::default(), &params).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert!(!catalog.has(b"OutputIntents") && !catalog.has(b"Outlines"));
    // The XMP still says PDF/UA-1 (the file is tagged either way), and nothing of PDF/A.
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(id).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&xmp.content);
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>") && !xmp.contains("pdfaid:"));
    assert!(catalog.has(b"StructTreeRoot") && catalog.has(b"MarkInfo"));
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseNone"
    );
    assert_eq!(doc.version, "1.7");
    let fields = fields_of(&pdf);
    assert_eq!(fields.len(), 3);
    assert!(fields.iter().all(|f| f.page == Some(0) && !f.signed));
}
