//! `pacte`: the command-line interface. It parses arguments; the library does the work.
//!
//! `render` and `batch` handle SIGINT (Ctrl-C) and SIGTERM (a job scheduler's stop): the
//! temporary file of each PDF being written is removed, no new job starts, one line says
//! what was done, and the exit status is 130 or 143 (128 + the signal). PDFs already written
//! stay: each was renamed into place whole. A second signal exits at once.

use clap::{Parser, Subcommand};

/// mimalloc (see [`pacte::allocator`] for why).
#[global_allocator]
static ALLOCATOR: pacte::allocator::Mimalloc = pacte::allocator::Mimalloc;

use pacte::batch::{self, BatchError, Job, Outcome, Progression, Surcharges};
use pacte::ecriture::Ecritures;
use pacte::template::Modele;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "pacte",
    version,
    about = "Pactes Territoriaux d'Insertion: validate, render, sign, batch"
)]
struct Cli {
    #[command(subcommand)]
    commande: Commande,
}

#[derive(Subcommand)]
enum Commande {
    /// Check pact files; prints one line per problem, naming the file and the place.
    Validate {
        /// Pact files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the pact model (for editor completion).
    Schema,
    /// Render a pact to PDF (PDF/A-2b, one empty signature field per signatory).
    Render {
        /// Pact file (JSON).
        file: PathBuf,
        /// Output PDF; default: FILE with the extension .pdf.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write a plain PDF instead of PDF/A-2b.
        #[arg(long)]
        no_pdfa: bool,
        /// Also print each signature block's parapheur position tag, invisibly
        /// (`{n}` = the signatory's order), e.g. "#signature{n}#".
        #[arg(long, value_name = "TEMPLATE", num_args = 0..=1, default_missing_value = "#signature{n}#")]
        parapheur_tags: Option<String>,
    },
    /// List the signature fields of a PDF: name, page, who signed it and when, tooltip.
    Fields {
        /// The PDF file (possibly signed, several times).
        file: PathBuf,
    },
    /// Sign an empty signature field (PAdES, as an incremental update).
    ///
    /// The .p12 password comes from --password-file, else the environment variable
    /// PACTE_P12_PASSWORD, else a prompt on the terminal; never from the command line.
    Sign {
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
    },
    /// Verify the signatures of a PDF: integrity, coverage, changes after signing, trust.
    ///
    /// Exit status 0 when every signature present is valid, 1 otherwise, 2 when the file
    /// cannot be read. No revocation checking.
    Verify {
        /// The PDF file.
        file: PathBuf,
        /// A trusted certificate (PEM or DER); may be repeated.
        #[arg(long)]
        trust: Vec<PathBuf>,
        /// Print JSON instead of one line per field.
        #[arg(long)]
        json: bool,
    },
    /// Render many pacts in parallel: pact files, or a template for several départements.
    ///
    /// Each PDF is named by its département: 03-allier.pdf, 2A-corse-du-sud.pdf. A failure
    /// is reported and does not stop the others; the exit status is 1 if any failed.
    Batch {
        /// Pact files (JSON), instead of --template.
        #[arg(required_unless_present = "template", conflicts_with = "template")]
        files: Vec<PathBuf>,
        /// A template (pact file with placeholders) to resolve for each département.
        #[arg(long, requires = "departements")]
        template: Option<PathBuf>,
        /// "all", or codes or names separated by commas: 03,13,84.
        #[arg(long, requires = "template")]
        departements: Option<String>,
        /// A folder of per-département overrides (JSON merge patches) named by code: 03.json.
        #[arg(long, requires = "template")]
        overrides: Option<PathBuf>,
        /// Output folder (created if needed).
        #[arg(long)]
        out_dir: PathBuf,
        /// Number of threads (default: all cores).
        #[arg(long, short)]
        jobs: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.commande {
        Commande::Validate { files } => {
            let mut ok = true;
            for f in &files {
                match pacte::fichier::charger(f) {
                    Ok(_) => println!("{}: ok", f.display()),
                    Err(e) => {
                        ok = false;
                        for l in e.lignes() {
                            eprintln!("{l}");
                        }
                    }
                }
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Commande::Render {
            file,
            output,
            no_pdfa,
            parapheur_tags,
        } => {
            let out = output.unwrap_or_else(|| file.with_extension("pdf"));
            let options = pacte::render::RenderOptions {
                pdfa: !no_pdfa,
                parapheur_tag: parapheur_tags,
                ..pacte::render::RenderOptions::for_file(&file)
            };
            let ecritures = Arc::new(Ecritures::new());
            sur_interruption({
                let (ecritures, out) = (ecritures.clone(), out.clone());
                move || {
                    let supprime = ecritures.interrompre() > 0;
                    let fait = match ecritures.ecrits() {
                        0 => "not written",
                        _ => "written",
                    };
                    let detail = if supprime {
                        " (unfinished file removed)"
                    } else {
                        ""
                    };
                    format!("{} {fait}{detail}", out.display())
                }
            });
            match pacte::render::render_file_tracked(&file, &out, &options, &ecritures) {
                Ok(()) => {
                    println!("{}", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    for l in e.lignes() {
                        eprintln!("{l}");
                    }
                    ExitCode::FAILURE
                }
            }
        }
        Commande::Fields { file } => verifier(&file, &[], false),
        Commande::Verify { file, trust, json } => verifier(&file, &trust, json),
        Commande::Sign {
            file,
            output,
            field,
            signataire,
            p12,
            password_file,
            key,
            cert,
            chain,
            tsa,
            reason,
            location,
        } => {
            let field = match (field, signataire) {
                (Some(f), _) => pacte::signing::FieldChoice::Name(f),
                (None, Some(s)) => pacte::signing::FieldChoice::Signataire(s),
                (None, None) => unreachable!("clap requires one"),
            };
            let options = pacte::signing::SignOptions {
                reason,
                location,
                tsa_url: tsa,
                time: None,
            };
            let keys = match (p12, key, cert) {
                (Some(p12), _, _) => Cles::P12(p12, password_file),
                (None, Some(key), Some(cert)) => Cles::Pem(key, cert, chain),
                _ => {
                    eprintln!("give --p12, or --key and --cert");
                    return ExitCode::from(2);
                }
            };
            match signer(&file, &output, &field, keys, &options) {
                Ok(()) => {
                    println!("{}", output.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Commande::Batch {
            files,
            template,
            departements,
            overrides,
            out_dir,
            jobs,
        } => {
            match travaux(
                files,
                template,
                departements.as_deref(),
                overrides.as_deref(),
            ) {
                Ok(travaux) => lancer(travaux, &out_dir, jobs),
                Err(message) => {
                    eprintln!("{message}");
                    ExitCode::from(2)
                }
            }
        }
        Commande::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&pacte::Pacte::json_schema()).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
    }
}

/// Where the signer's key comes from.
enum Cles {
    /// A .p12 file, and maybe a file holding its password.
    P12(PathBuf, Option<PathBuf>),
    /// A PEM key, its certificate, maybe the issuers' certificates.
    Pem(PathBuf, PathBuf, Option<PathBuf>),
}

/// Reads a file for `pacte sign`, naming it on error.
fn lire(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The .p12 password: the first line of `file`, else `PACTE_P12_PASSWORD`, else a prompt.
fn mot_de_passe(file: Option<&Path>) -> Result<String, String> {
    if let Some(f) = file {
        let text = String::from_utf8(lire(f)?).map_err(|e| format!("{}: {e}", f.display()))?;
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
fn signer(
    file: &Path,
    output: &Path,
    field: &pacte::signing::FieldChoice,
    keys: Cles,
    options: &pacte::signing::SignOptions,
) -> Result<(), String> {
    let credentials = match keys {
        Cles::P12(p12, password) => {
            let bytes = lire(&p12)?;
            let password = mot_de_passe(password.as_deref())?;
            pacte::signing::Credentials::from_pkcs12(&bytes, &password)
        }
        Cles::Pem(key, cert, chain) => {
            let chain = chain.as_deref().map(lire).transpose()?;
            pacte::signing::Credentials::from_pem(&lire(&key)?, &lire(&cert)?, chain.as_deref())
        }
    }
    .map_err(|e| e.to_string())?;
    let pdf = lire(file)?;
    let signed = pacte::signing::sign(&pdf, field, &credentials, options)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    pacte::ecriture::ecrire_atomique(output, &signed)
        .map_err(|e| format!("{}: {e}", output.display()))
}

/// `pacte verify` and `pacte fields`: one line per signature field (or JSON); exit 0 when
/// every signature present is valid, 1 otherwise, 2 when the file cannot be read.
fn verifier(file: &Path, trust: &[PathBuf], json: bool) -> ExitCode {
    let mut anchors = pacte::signing::Trust::none();
    for t in trust {
        if let Err(e) = lire(t).and_then(|b| anchors.add(&b)) {
            eprintln!("{}: {e}", t.display());
            return ExitCode::from(2);
        }
    }
    let bytes = match lire(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let verification = match pacte::signing::verify(&bytes, &anchors) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    if json {
        println!("{:#}", verification.to_json());
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

/// The batch's jobs, from files or from a template and a selection of départements.
fn travaux(
    files: Vec<PathBuf>,
    template: Option<PathBuf>,
    departements: Option<&str>,
    overrides: Option<&Path>,
) -> Result<Vec<Job>, String> {
    let Some(template) = template else {
        return Ok(files.into_iter().map(Job::fichier).collect());
    };
    let modele = Arc::new(Modele::charger(&template).map_err(|e| e.to_string())?);
    let surcharges = match overrides {
        Some(d) => Surcharges::lire(d).map_err(|e| e.to_string())?,
        None => Surcharges::aucune(),
    };
    let selection = batch::selection(departements.unwrap_or_default());
    if selection.is_empty() {
        return Err(
            "--departements: no département given (\"all\", or codes such as 03,13,84)".into(),
        );
    }
    Ok(selection
        .iter()
        .map(|d| Job::modele(modele.clone(), d, &surcharges))
        .collect())
}

/// Runs the batch on `jobs` threads (all cores by default) and prints the summary; on
/// SIGINT or SIGTERM, stops (see [`sur_interruption`]).
fn lancer(travaux: Vec<Job>, out_dir: &Path, jobs: Option<usize>) -> ExitCode {
    let debut = Instant::now();
    let total = travaux.len();
    let progression = Arc::new(Progression::new(total as u64));
    let ecritures = Arc::new(Ecritures::new());
    let echecs = Arc::new(AtomicUsize::new(0));
    sur_interruption({
        let (progression, ecritures, echecs) =
            (progression.clone(), ecritures.clone(), echecs.clone());
        move || {
            let supprimes = ecritures.interrompre();
            progression.terminer();
            // Exact once interrupted: no file is renamed into place any more.
            let rendus = ecritures.ecrits();
            let echecs = echecs.load(Ordering::SeqCst);
            let mut ligne = format!(
                "{rendus} rendered, {echecs} failed, {} not finished, in {:.2} s",
                total.saturating_sub(rendus + echecs),
                debut.elapsed().as_secs_f64()
            );
            if supprimes > 0 {
                ligne += &format!(" ({supprimes} unfinished file(s) removed)");
            }
            ligne
        }
    });
    let rapporter = |o: &Outcome| {
        progression.rapporter(o);
        if matches!(&o.resultat, Err(e) if !matches!(e, BatchError::Interrompu)) {
            echecs.fetch_add(1, Ordering::SeqCst);
        }
    };
    let executer = || batch::render_all_tracked(travaux, out_dir, &ecritures, rapporter);
    let bilan = match jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(executer),
            Err(e) => {
                eprintln!("cannot start {n} threads: {e}");
                return ExitCode::from(2);
            }
        },
        None => executer(),
    };
    progression.terminer();
    eprintln!("{bilan}");
    if bilan.succes() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// On the first SIGINT or SIGTERM, from a thread of its own: runs `arreter` (which interrupts
/// the writes, so that no temporary file is left and no job starts, and says what was done),
/// prints "interrupted by SIGINT: " and its line on stderr, and exits with 128 + the signal
/// (130, 143). A second signal exits at once, should the first one's cleanup hang.
///
/// Uses signal-hook: its iterator delivers the signal's number (the exit status depends on
/// it) to an ordinary thread, where locks and printing are safe.
#[cfg(unix)]
fn sur_interruption<F>(arreter: F)
where
    F: FnOnce() -> String + Send + 'static,
{
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    use signal_hook::iterator::Signals;
    use std::sync::atomic::AtomicBool;

    let installer = || -> std::io::Result<()> {
        let deja = Arc::new(AtomicBool::new(false));
        for signal in [SIGINT, SIGTERM] {
            // Registered first, so that it acts only from the second signal on: the first
            // one sets `deja` just after.
            flag::register_conditional_shutdown(signal, 128 + signal, deja.clone())?;
            flag::register(signal, deja.clone())?;
        }
        let mut signaux = Signals::new([SIGINT, SIGTERM])?;
        std::thread::Builder::new()
            .name("signaux".into())
            .spawn(move || {
                if let Some(signal) = signaux.forever().next() {
                    let nom = if signal == SIGINT {
                        "SIGINT"
                    } else {
                        "SIGTERM"
                    };
                    let ligne = arreter();
                    eprintln!("interrupted by {nom}: {ligne}");
                    std::process::exit(128 + signal);
                }
            })?;
        Ok(())
    };
    if let Err(e) = installer() {
        eprintln!("warning: cannot handle SIGINT/SIGTERM ({e}); an interruption may leave a temporary .pacte-*.tmp file");
    }
}

/// Elsewhere than on Unix, signals keep their default effect (the process stops at once).
#[cfg(not(unix))]
fn sur_interruption<F>(_arreter: F)
where
    F: FnOnce() -> String + Send + 'static,
{
}
