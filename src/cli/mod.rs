//! The binary's own modules: the arguments, one module per command that needs more than a
//! few lines, the signal handling and the allocator (what a program needs and a library
//! must not do).

#[cfg(feature = "mimalloc")]
pub(crate) mod allocator;
pub(crate) mod batch;
pub(crate) mod render;
mod signals;
pub(crate) mod validate;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command line.
#[derive(Parser)]
#[command(
    name = "pacte",
    version,
    about = "Pactes Territoriaux d'Insertion: validate, render, batch; list signature fields"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The commands.
#[derive(Subcommand)]
pub(crate) enum Command {
    /// Check pact files (or templates); prints one line per problem, naming the file and the
    /// place.
    Validate {
        /// Pact files or templates (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The folders and limits, as for render.
        #[command(flatten)]
        bounds: Bounds,
    },
    /// Print the JSON Schema of the pact model (for editor completion).
    Schema,
    /// Render a pact to PDF (PDF/A-2b, one empty signature field per signatory).
    Render(render::Args),
    /// List the signature fields of a PDF: name, page, who signed it and when, tooltip.
    Fields {
        /// The PDF file (possibly signed, several times).
        file: PathBuf,
    },
    /// Render many pacts in parallel: pact files, or a template for several départements.
    ///
    /// Each PDF is named by its département: 03-allier.pdf, 2A-corse-du-sud.pdf. A failure
    /// is reported and does not stop the others; the exit status is 1 if any failed.
    Batch(batch::Args),
}

/// What a command may read and how much: `--allow-dir`, `--limit`.
#[derive(clap::Args, Clone, Default)]
pub(crate) struct Bounds {
    /// Also read logos under DIR (repeatable); by default only files under the pact's own
    /// folder are read.
    #[arg(long = "allow-dir", value_name = "DIR")]
    allow_dir: Vec<PathBuf>,
    /// Change a limit (repeatable): pacte_bytes (default 20000000), image_bytes (20000000),
    /// image_pixels (25000000), pages (2000), depth (64).
    #[arg(long = "limit", value_name = "NAME=VALUE")]
    limit: Vec<String>,
}

impl Bounds {
    /// The limits, with those given changed.
    pub(crate) fn limits(&self) -> Result<pacte::Limits, String> {
        let mut limits = pacte::Limits::default();
        for l in &self.limit {
            limits.set_str(l)?;
        }
        Ok(limits)
    }

    /// The render options for the pact `file` (its folder allowed, with those given).
    pub(crate) fn options(&self, file: &Path) -> Result<pacte::RenderOptions, String> {
        Ok(pacte::RenderOptions {
            allowed_dirs: self.allow_dir.clone(),
            limits: self.limits()?,
            ..pacte::RenderOptions::for_file(file)
        })
    }
}

/// `pacte schema`.
pub(crate) fn print_schema() -> ExitCode {
    match serde_json::to_string_pretty(&pacte::Pacte::json_schema()) {
        Ok(schema) => {
            println!("{schema}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot print the schema: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `pacte fields FILE.pdf`.
pub(crate) fn fields(file: &Path) -> ExitCode {
    let fields = std::fs::read(file)
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

/// A usage error: its line on standard error, exit status 2.
pub(crate) fn usage(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

/// The lines of a multi-line error, on standard error; the exit status of a failure.
pub(crate) fn fail(lines: impl IntoIterator<Item = String>) -> ExitCode {
    for line in lines {
        eprintln!("{line}");
    }
    ExitCode::FAILURE
}
