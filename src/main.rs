//! `pacte`: the command-line interface. It parses arguments; the library does the work.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
                    pacte::pdf::finish::signature_fields(&bytes).map_err(|e| e.to_string())
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
        Commande::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&pacte::Pacte::json_schema()).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
    }
}
