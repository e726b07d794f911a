//! The binary's own modules: the arguments, one module per command that needs more than a
//! few lines, the signal handling and the allocator (what a program needs and a library
//! must not do).

#[cfg(feature = "mimalloc")]
pub(crate) mod allocator;
pub(crate) mod batch;
mod progress;
pub(crate) mod render;
pub(crate) mod sign;
mod signals;
pub(crate) mod validate;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Starts the thread pool's threads while the arguments are parsed, when the first argument
/// names a command that renders or validates: they would otherwise start when the command
/// first asks for them, once the arguments are parsed (a Vaucluse render is about 1 % sooner,
/// paired runs of 100). The other commands, `--help` and `--version` start no thread they
/// would not use.
pub(crate) fn start_pool_early() {
    let first = std::env::args_os().nth(1);
    if first.is_some_and(|a| a == "render" || a == "batch" || a == "validate") {
        rayon::spawn(|| {});
    }
}

/// The command line.
#[derive(Parser)]
#[command(
    name = "pacte",
    version,
    about = "Pactes Territoriaux d'Insertion: validate, render, batch, sign, verify"
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
    Schema {
        /// Print the schema of a theme file (for --theme) instead.
        #[arg(long, conflicts_with = "avenant")]
        theme: bool,
        /// Print the schema of an avenant file (`{"avenant": {…}}`) instead.
        #[arg(long)]
        avenant: bool,
    },
    /// Render a pact to PDF (tagged, PDF/A-2a and PDF/UA-1, one empty signature field per signatory), or to its
    /// accessible HTML edition (an output ending in .html, or --format html).
    Render(render::Args),
    /// List the signature fields of a PDF: name, page, who signed it and when (checked as
    /// `verify` checks it), tooltip.
    ///
    /// One line per field, its columns separated by tabs; a line break, carriage return, tab
    /// or backslash inside a value (a quality on two lines, say) is written \n, \r, \t,
    /// \\ (other control characters \u{hex}), so that each field stays on one line. --json
    /// prints a JSON array instead, one object per field, values unescaped.
    Fields {
        /// The PDF file (possibly signed, several times).
        file: PathBuf,
        /// Print a JSON array, one object per field, instead of one line per field.
        #[arg(long)]
        json: bool,
        /// The bounds on reading it.
        #[command(flatten)]
        limits: sign::PdfLimits,
    },
    /// Sign an empty signature field (PAdES, as an incremental update).
    ///
    /// The .p12 password comes from --password-file, else the environment variable
    /// PACTE_P12_PASSWORD, else a prompt on the terminal; never from the command line.
    Sign(sign::Args),
    /// Verify the signatures of a PDF: integrity, coverage, changes after signing, trust.
    ///
    /// Exit status 0 when every signature present is valid, 1 otherwise, 2 when the file
    /// cannot be read. No revocation checking.
    ///
    /// One line per field, its columns separated by tabs; a line break, carriage return, tab
    /// or backslash inside a value is written \n, \r, \t, \\ (other control characters
    /// \u{hex}). --json prints one JSON object instead: ok, trust_checked,
    /// revocation_checked and fields (an array, one object per field, values unescaped).
    Verify {
        /// The PDF file.
        file: PathBuf,
        /// A trusted certificate (PEM or DER); may be repeated.
        #[arg(long)]
        trust: Vec<PathBuf>,
        /// Print JSON (an object whose `fields` is an array) instead of one line per field.
        #[arg(long)]
        json: bool,
        /// The bounds on reading it.
        #[command(flatten)]
        limits: sign::PdfLimits,
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
    /// image_pixels (25000000), pages (2000), depth (64), markdown_depth (24).
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

/// The `--format` of `render` and `batch`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum FormatArg {
    /// The PDF to sign.
    Pdf,
    /// The accessible HTML edition.
    Html,
}

impl From<FormatArg> for pacte::Format {
    fn from(f: FormatArg) -> pacte::Format {
        match f {
            FormatArg::Pdf => pacte::Format::Pdf,
            FormatArg::Html => pacte::Format::Html,
        }
    }
}

/// `pacte schema [--theme | --avenant]`.
pub(crate) fn print_schema(theme: bool, avenant: bool) -> ExitCode {
    let schema = if theme {
        pacte::Theme::json_schema()
    } else if avenant {
        pacte::model::Avenant::json_schema()
    } else {
        pacte::Pacte::json_schema()
    };
    match serde_json::to_string_pretty(&schema) {
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
