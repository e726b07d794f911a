//! `pacte`: the command-line interface. It parses arguments; the library does the work.

use clap::{Parser, Subcommand};
use pacte::batch::{self, Job, Progression, Surcharges};
use pacte::template::Modele;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

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
            match pacte::render::render_file(&file, &out, &options) {
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
        Commande::Fields { file } => {
            let fields = std::fs::read(&file)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    pacte::pdf::read::signature_fields(&bytes).map_err(|e| e.to_string())
                });
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
        Commande::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&pacte::Pacte::json_schema()).unwrap_or_default()
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

/// Runs the batch on `jobs` threads (all cores by default) and prints the summary.
fn lancer(travaux: Vec<Job>, out_dir: &Path, jobs: Option<usize>) -> ExitCode {
    let progression = Progression::new(travaux.len() as u64);
    let executer = || batch::render_all(travaux, out_dir, |o| progression.rapporter(o));
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
