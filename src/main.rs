//! `pacte`: the command-line interface. It parses arguments; the library does the work.
//!
//! `render` and `batch` handle SIGINT (Ctrl-C) and SIGTERM (a job scheduler's stop): the
//! temporary file of each PDF being written is removed, no new job starts, one line says
//! what was done, and the exit status is 130 or 143 (128 + the signal). PDFs already written
//! stay: each was renamed into place whole. A second signal exits at once.

use clap::{Parser, Subcommand};

mod cli;

/// mimalloc (see `cli/allocator.rs` for why).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: cli::allocator::Mimalloc = cli::allocator::Mimalloc;

use pacte::batch::{self, BatchError, Job, Outcome, Overrides, Progress};
use pacte::io::AtomicWrites;
use pacte::template::Template;
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
    Schema {
        /// Print the schema of a theme file (for --theme) instead.
        #[arg(long)]
        theme: bool,
    },
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
        /// A theme file (JSON, see `pacte schema --theme`): fonts, colours, sizes, margins.
        #[arg(long, value_name = "THEME.json")]
        theme: Option<PathBuf>,
    },
    /// List the signature fields of a PDF: name, page, who signed it and when, tooltip.
    Fields {
        /// The PDF file (possibly signed, several times).
        file: PathBuf,
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
                match pacte::io::load_pacte(f) {
                    Ok(_) => println!("{}: ok", f.display()),
                    Err(e) => {
                        ok = false;
                        for l in e.lines() {
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
            theme,
        } => {
            let out = output.unwrap_or_else(|| file.with_extension("pdf"));
            let theme = match theme.as_deref().map(pacte::Theme::from_file).transpose() {
                Ok(theme) => theme,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let options = pacte::RenderOptions {
                pdfa: !no_pdfa,
                parapheur_tag: parapheur_tags,
                theme,
                ..pacte::RenderOptions::for_file(&file)
            };
            let ecritures = Arc::new(AtomicWrites::new());
            sur_interruption({
                let (ecritures, out) = (ecritures.clone(), out.clone());
                move || {
                    let supprime = ecritures.interrupt() > 0;
                    let fait = match ecritures.written() {
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
            match pacte::render_file_tracked(&file, &out, &options, &ecritures) {
                Ok(()) => {
                    println!("{}", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    for l in e.lines() {
                        eprintln!("{l}");
                    }
                    ExitCode::FAILURE
                }
            }
        }
        Commande::Fields { file } => {
            let fields = std::fs::read(&file)
                .map_err(|e| e.to_string())
                .and_then(|bytes| pacte::signature_fields(&bytes).map_err(|e| e.to_string()));
            match fields {
                Ok(fields) => {
                    for field in fields {
                        println!("{field}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}: {e}", file.display());
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
        Commande::Schema { theme } => {
            let schema = if theme {
                pacte::Theme::json_schema()
            } else {
                pacte::Pacte::json_schema()
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
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
        return Ok(files.into_iter().map(Job::file).collect());
    };
    let modele = Arc::new(Template::load(&template).map_err(|e| e.to_string())?);
    let surcharges = match overrides {
        Some(d) => Overrides::read(d).map_err(|e| e.to_string())?,
        None => Overrides::none(),
    };
    let selection = batch::selection(departements.unwrap_or_default());
    if selection.is_empty() {
        return Err(
            "--departements: no département given (\"all\", or codes such as 03,13,84)".into(),
        );
    }
    Ok(selection
        .iter()
        .map(|d| Job::template(modele.clone(), d, &surcharges))
        .collect())
}

/// Runs the batch on `jobs` threads (all cores by default) and prints the summary; on
/// SIGINT or SIGTERM, stops (see [`sur_interruption`]).
fn lancer(travaux: Vec<Job>, out_dir: &Path, jobs: Option<usize>) -> ExitCode {
    let debut = Instant::now();
    let total = travaux.len();
    let progression = Arc::new(Progress::new(total as u64));
    let ecritures = Arc::new(AtomicWrites::new());
    let echecs = Arc::new(AtomicUsize::new(0));
    sur_interruption({
        let (progression, ecritures, echecs) =
            (progression.clone(), ecritures.clone(), echecs.clone());
        move || {
            let supprimes = ecritures.interrupt();
            progression.finish();
            // Exact once interrupted: no file is renamed into place any more.
            let rendus = ecritures.written();
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
        progression.report(o);
        if matches!(&o.resultat, Err(e) if !matches!(e, BatchError::Interrupted)) {
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
    progression.finish();
    eprintln!("{bilan}");
    if bilan.success() {
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
