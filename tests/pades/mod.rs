//! Helpers of tests/signing_pades.rs: a test PKI made with `openssl` (a CA, RSA and EC P-256
//! signers with key usage digitalSignature + nonRepudiation, an expired signer, a
//! time-stamping authority), `.p12` files of both kinds, a local TSA, and the Python tools
//! (pyHanko, page-validation) run from target/venv when it exists.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The p12 password of the test files.
pub const PASSWORD: &str = "mot de passe";

const OPENSSL_CNF: &str = "[req]
distinguished_name = dn
string_mask = utf8only
[dn]
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_signer]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_tsa]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca]
default_ca = test_ca
[test_ca]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
countryName = optional
organizationName = optional
commonName = supplied
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
";

/// Runs `program` in `dir`; panics with its output when it fails or is missing.
pub fn run_in(dir: &Path, program: &str, args: &[&str]) -> Output {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed by this test ({e}); `bash .ci/test` installs it")
        });
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The test PKI, in a temporary folder.
pub struct Pki {
    pub dir: tempfile::TempDir,
}

impl Pki {
    /// Makes the CA, the signers (`rsa`, `ec` on P-256, `p384`, `expired`, `other`) and the TSA, and the
    /// `.p12` files `rsa.p12` (OpenSSL's default: PBES2, AES) and `ec-legacy.p12` (3DES, RC2).
    pub fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("openssl.cnf"), OPENSSL_CNF).unwrap();
        std::fs::write(d.join("index.txt"), "").unwrap();
        std::fs::write(d.join("serial"), "1000\n").unwrap();
        std::fs::write(d.join("tsaserial"), "01\n").unwrap();
        let o = |args: &[&str]| {
            run_in(d, "openssl", args);
        };
        let subj = |cn: &str| format!("/C=FR/O=Pacte tests/CN={cn}");
        o(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "60",
            "-utf8",
            "-subj",
            &subj("Autorité de test pacte"),
            "-config",
            "openssl.cnf",
            "-extensions",
            "v3_ca",
        ]);
        let request = |name: &str, key: &[&str], cn: &str| {
            let mut args = vec!["req", "-new", "-nodes", "-keyout"];
            let keyfile = format!("{name}.key");
            let csr = format!("{name}.csr");
            let subject = subj(cn);
            args.extend([keyfile.as_str(), "-out", csr.as_str()]);
            args.extend_from_slice(key);
            args.extend(["-utf8", "-subj", subject.as_str(), "-config", "openssl.cnf"]);
            o(&args);
        };
        let issue = |name: &str, ext: &str, dates: Option<(&str, &str)>| {
            let (csr, pem) = (format!("{name}.csr"), format!("{name}.pem"));
            let mut args = vec![
                "ca",
                "-batch",
                "-config",
                "openssl.cnf",
                "-cert",
                "ca.pem",
                "-keyfile",
                "ca.key",
                "-in",
                &csr,
                "-out",
                &pem,
                "-extfile",
                "openssl.cnf",
                "-extensions",
                ext,
                "-notext",
                "-utf8",
            ];
            match dates {
                Some((from, to)) => args.extend(["-startdate", from, "-enddate", to]),
                None => args.extend(["-days", "30"]),
            }
            o(&args);
        };
        let rsa: &[&str] = &["-newkey", "rsa:2048"];
        let ec: &[&str] = &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
        request("rsa", rsa, "Jean Testeur");
        issue("rsa", "v3_signer", None);
        request("ec", ec, "Élise Préfète");
        issue("ec", "v3_signer", None);
        request("expired", rsa, "Paul Périmé");
        issue(
            "expired",
            "v3_signer",
            Some(("20200101000000Z", "20200201000000Z")),
        );
        let p384: &[&str] = &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"];
        request("p384", p384, "Claire Quatre-Cent");
        issue("p384", "v3_signer", None);
        request("other", ec, "Autre Clé");
        issue("other", "v3_signer", None);
        request("tsa", ec, "Horodatage de test pacte");
        issue("tsa", "v3_tsa", None);
        let pass = format!("pass:{PASSWORD}");
        o(&[
            "pkcs12",
            "-export",
            "-inkey",
            "rsa.key",
            "-in",
            "rsa.pem",
            "-certfile",
            "ca.pem",
            "-out",
            "rsa.p12",
            "-passout",
            &pass,
        ]);
        o(&[
            "pkcs12",
            "-export",
            "-legacy",
            "-inkey",
            "ec.key",
            "-in",
            "ec.pem",
            "-certfile",
            "ca.pem",
            "-out",
            "ec-legacy.p12",
            "-passout",
            &pass,
        ]);
        o(&[
            "pkcs12",
            "-export",
            "-inkey",
            "expired.key",
            "-in",
            "expired.pem",
            "-out",
            "expired.p12",
            "-passout",
            &pass,
        ]);
        std::fs::write(d.join("password"), format!("{PASSWORD}\n")).unwrap();
        Pki { dir }
    }

    /// A file of the PKI.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Starts the local TSA; returns it (killed on drop) and its URL.
    pub fn tsa(&self) -> (Tsa, String) {
        std::fs::copy(self.path("openssl.cnf"), self.path("tsa.cnf")).unwrap();
        let script = root().join("tests").join("tsa_server.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(self.dir.path())
            .current_dir(self.dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python runs the TSA");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line.trim().parse().expect("the TSA prints its port");
        (Tsa(child), format!("http://127.0.0.1:{port}/"))
    }
}

/// The local TSA's process.
pub struct Tsa(Child);

impl Drop for Tsa {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The crate's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Python: target/venv/bin/python if it exists, else python3.
pub fn python() -> PathBuf {
    let venv = root()
        .join("target")
        .join("venv")
        .join("bin")
        .join("python");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

/// `pades_tool.py validate`: pyHanko's and page-validation's findings.
pub fn validate(pdf: &Path, ca: &Path) -> Value {
    let out = Command::new(python())
        .arg(root().join("tests").join("pades_tool.py"))
        .args([
            "validate",
            pdf.to_str().unwrap(),
            "--trust",
            ca.to_str().unwrap(),
        ])
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "pades_tool.py validate: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !v.to_string().contains("No module named"),
        "pyHanko and page-validation are needed (`bash .ci/test` installs them in target/venv): {v}"
    );
    v
}

/// `pades_tool.py sign`: pyHanko signs `field` with its defaults and the sub-filter `sub`.
pub fn pyhanko_sign(pki: &Pki, input: &Path, output: &Path, field: &str, sub: &str) {
    let out = Command::new(python())
        .arg(root().join("tests").join("pades_tool.py"))
        .args([
            "sign",
            input.to_str().unwrap(),
            output.to_str().unwrap(),
            "--field",
            field,
        ])
        .args(["--key", pki.path("rsa.key").to_str().unwrap()])
        .args(["--cert", pki.path("rsa.pem").to_str().unwrap()])
        .args([
            "--ca",
            pki.path("ca.pem").to_str().unwrap(),
            "--subfilter",
            sub,
        ])
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "pyHanko signing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// pdfsig's validity of each signature ("Signature is Valid.").
pub fn pdfsig(pdf: &Path) -> Vec<bool> {
    let out = Command::new("pdfsig")
        .arg(pdf)
        .output()
        .expect("pdfsig (poppler-utils) is needed; `bash .ci/test` installs it");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.split("Signature #")
        .skip(1)
        .filter(|b| !b.contains("is not signed"))
        .map(|b| b.contains("Signature Validation: Signature is Valid."))
        .collect()
}
