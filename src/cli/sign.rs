//! `pacte sign` and `pacte verify` (and `pacte fields`, which runs the same checks).

use pacte::signing::{FieldChoice, SignOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `pacte sign` arguments.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The PDF to sign.
    file: PathBuf,
    /// The signed PDF to write.
    #[arg(short, long)]
    output: PathBuf,
    /// The field's name, e.g. Sig03_Prefet.
    #[arg(
        long,
        required_unless_present = "signataire",
        conflicts_with = "signataire"
    )]
    field: Option<String>,
    /// The signatory's id in the pact, e.g. prefet.
    #[arg(long)]
    signataire: Option<String>,
    /// A PKCS#12 file (.p12, .pfx) with the key and certificates.
    #[arg(long, required_unless_present = "key", conflicts_with_all = ["key", "cert", "chain"])]
    p12: Option<PathBuf>,
    /// A file holding the .p12 password (its first line).
    #[arg(long, requires = "p12")]
    password_file: Option<PathBuf>,
    /// A PEM private key (unencrypted).
    #[arg(long, requires = "cert")]
    key: Option<PathBuf>,
    /// The signer's PEM certificate.
    #[arg(long, requires = "key")]
    cert: Option<PathBuf>,
    /// PEM certificates of the issuing CAs.
    #[arg(long, requires = "key")]
    chain: Option<PathBuf>,
    /// A time-stamping authority (RFC 3161) URL: the signature becomes PAdES B-T.
    #[arg(long)]
    tsa: Option<String>,
    /// Reason for signing.
    #[arg(long)]
    reason: Option<String>,
    /// Place of signing.
    #[arg(long)]
    location: Option<String>,
    /// The bounds on reading the PDF.
    #[command(flatten)]
    limits: PdfLimits,
}

/// `--limit NAME=VALUE` of `sign`, `verify` and `fields`.
#[derive(clap::Args, Clone, Default)]
pub(crate) struct PdfLimits {
    /// Change a limit on reading the PDF (repeatable): pdf_bytes (default 50000000),
    /// pdf_objects (500000), pdf_stream_bytes (100000000: inflated bytes of one stream),
    /// pdf_inflated_bytes (300000000: of all streams), pdf_revisions (200).
    #[arg(long = "limit", value_name = "NAME=VALUE")]
    limit: Vec<String>,
}

impl PdfLimits {
    /// The limits, with those given changed.
    fn limits(&self) -> Result<pacte::Limits, String> {
        let mut limits = pacte::Limits::default();
        for l in &self.limit {
            limits.set_str(l)?;
        }
        Ok(limits)
    }
}

/// `pacte sign`: fills the field, writes the signed copy atomically.
pub(crate) fn run(args: Args) -> ExitCode {
    let limits = match args.limits.limits() {
        Ok(l) => l,
        Err(e) => return super::usage(e),
    };
    let field = match (args.field, args.signataire) {
        (Some(f), _) => FieldChoice::Name(f),
        (None, Some(s)) => FieldChoice::Signataire(s),
        (None, None) => {
            eprintln!("give --field or --signataire");
            return ExitCode::from(2);
        }
    };
    let options = SignOptions {
        reason: args.reason,
        location: args.location,
        tsa_url: args.tsa,
        time: None,
        limits,
    };
    let keys = match (args.p12, args.key, args.cert) {
        (Some(p12), _, _) => Keys::P12(p12, args.password_file),
        (None, Some(key), Some(cert)) => Keys::Pem(key, cert, args.chain),
        _ => {
            eprintln!("give --p12, or --key and --cert");
            return ExitCode::from(2);
        }
    };
    match sign(&args.file, &args.output, &field, keys, &options) {
        Ok(()) => {
            println!("{}", args.output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Where the signer's key comes from.
enum Keys {
    /// A .p12 file, and maybe a file holding its password.
    P12(PathBuf, Option<PathBuf>),
    /// A PEM key, its certificate, maybe the issuers' certificates.
    Pem(PathBuf, PathBuf, Option<PathBuf>),
}

/// Reads a file for `pacte sign`, naming it on error.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads the PDF `path`, refusing one over `limits.pdf_bytes` before reading it (the
/// library refuses it too, from its bytes).
fn read_pdf(path: &Path, limits: &pacte::Limits) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let named = |e: std::io::Error| format!("{}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(named)?;
    let size = file.metadata().map_err(named)?.len();
    if size > limits.pdf_bytes {
        let e = pacte::LimitError {
            what: format!("the file is {size} bytes: it"),
            name: "pdf_bytes",
            limit: limits.pdf_bytes,
        };
        return Err(format!("{}: {e}", path.display()));
    }
    let mut bytes = Vec::new();
    file.take(limits.pdf_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(named)?;
    Ok(bytes)
}

/// The .p12 password: the first line of `file`, else `PACTE_P12_PASSWORD`, else a prompt.
fn password_of(file: Option<&Path>) -> Result<String, String> {
    if let Some(f) = file {
        let text = String::from_utf8(read(f)?).map_err(|e| format!("{}: {e}", f.display()))?;
        return Ok(text.lines().next().unwrap_or("").to_string());
    }
    if let Ok(p) = std::env::var("PACTE_P12_PASSWORD") {
        return Ok(p);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err("no password: give --password-file or set PACTE_P12_PASSWORD".into());
    }
    eprint!("Password of the .p12 file: ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// `pacte sign`: reads the credentials and the PDF, signs, writes atomically.
fn sign(
    file: &Path,
    output: &Path,
    field: &pacte::signing::FieldChoice,
    keys: Keys,
    options: &pacte::signing::SignOptions,
) -> Result<(), String> {
    let credentials = match keys {
        Keys::P12(p12, password) => {
            let bytes = read(&p12)?;
            let password = password_of(password.as_deref())?;
            pacte::signing::Credentials::from_pkcs12(&bytes, &password)
        }
        Keys::Pem(key, cert, chain) => {
            let chain = chain.as_deref().map(read).transpose()?;
            pacte::signing::Credentials::from_pem(&read(&key)?, &read(&cert)?, chain.as_deref())
        }
    }
    .map_err(|e| e.to_string())?;
    let pdf = read_pdf(file, &options.limits)?;
    let signed = pacte::signing::sign(&pdf, field, &credentials, options)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    pacte::io::AtomicWrites::new()
        .write_atomically(output, &signed)
        .map_err(|e| format!("{}: {e}", output.display()))
}

/// How `verify` and `fields` print their findings.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    /// One line per field, tab-separated, values escaped to stay on their line.
    Lines,
    /// `verify --json`: the whole verification as one object.
    Json,
    /// `fields --json`: an array, one object per field.
    FieldsJson,
}

/// `pacte verify` and `pacte fields`: one line per signature field (or JSON); exit 0 when
/// every signature present is valid, 1 otherwise, 2 when the file cannot be read.
pub(crate) fn verify(
    file: &Path,
    trust: &[PathBuf],
    output: Output,
    limits: &PdfLimits,
) -> ExitCode {
    let limits = match limits.limits() {
        Ok(l) => l,
        Err(e) => return super::usage(e),
    };
    let mut anchors = pacte::signing::Trust::none();
    for t in trust {
        if let Err(e) = read(t).and_then(|b| anchors.add(&b)) {
            eprintln!("{}: {e}", t.display());
            return ExitCode::from(2);
        }
    }
    let bytes = match read_pdf(file, &limits) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let verification = match pacte::signing::verify(&bytes, &anchors, &limits) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    if output == Output::Json {
        println!("{:#}", verification.to_json());
    } else if output == Output::FieldsJson {
        println!("{:#}", verification.fields_json());
    } else {
        for field in &verification.fields {
            println!("{field}");
        }
        if verification.fields.iter().any(|f| f.signed) {
            eprintln!("(no revocation checking was done)");
        }
    }
    if verification.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
