//! `pacte`: the command-line interface. It parses arguments; the library does the work.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "pacte", version, about = "Pactes Territoriaux d'Insertion: validate, render, sign, batch")]
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
        Commande::Schema => {
            println!("{}", serde_json::to_string_pretty(&pacte::Pacte::json_schema()).unwrap_or_default());
            ExitCode::SUCCESS
        }
    }
}
