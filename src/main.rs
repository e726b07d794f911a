//! `pacte`: the command-line interface. It parses arguments; the library does the work
//! (each command is a small function in `cli/`).
//!
//! `render` and `batch` handle SIGINT (Ctrl-C) and SIGTERM (a job scheduler's stop): the
//! temporary file of each PDF being written is removed, no new job starts, one line says
//! what was done, and the exit status is 130 or 143 (128 + the signal). PDFs already written
//! stay: each was renamed into place whole. A second signal exits at once.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

/// mimalloc (see `cli/allocator.rs` for why).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: cli::allocator::Mimalloc = cli::allocator::Mimalloc;

fn main() -> ExitCode {
    #[cfg(feature = "mimalloc")]
    cli::allocator::give_libdeflate_mimalloc();
    cli::start_pool_early();
    match Cli::parse().command {
        Command::Validate { files, bounds } => cli::validate::run(&files, &bounds),
        Command::Schema { theme, avenant } => cli::print_schema(theme, avenant),
        Command::Render(args) => cli::render::run(args),
        Command::Fields { file, json, limits } => {
            let output = if json {
                cli::sign::Output::FieldsJson
            } else {
                cli::sign::Output::Lines
            };
            cli::sign::verify(&file, &[], output, &limits)
        }
        Command::Sign(args) => cli::sign::run(args),
        Command::Verify {
            file,
            trust,
            json,
            limits,
        } => {
            let output = if json {
                cli::sign::Output::Json
            } else {
                cli::sign::Output::Lines
            };
            cli::sign::verify(&file, &trust, output, &limits)
        }
        Command::Batch(args) => cli::batch::run(args),
    }
}
