//! `pacte batch`: pact files, or a template for several départements, in parallel.

use super::progress::Progress;
use super::{signals, FormatArg};
use pacte::batch::{self, BatchError, Job, Outcome, Overrides};
use pacte::io::AtomicWrites;
use pacte::template::Template;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// At most this many threads per core (`-j`): more only adds memory and contention.
const THREADS_PER_CORE: usize = 4;

/// `pacte batch` arguments.
#[derive(clap::Args)]
pub(crate) struct Args {
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
    /// Number of threads (default: one per core; at most four per core).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// pdf, or html for the accessible HTML editions (03-allier.html…).
    #[arg(long, value_enum, default_value = "pdf")]
    format: FormatArg,
    /// The folders and limits.
    #[command(flatten)]
    bounds: super::Bounds,
}

/// Checks the arguments, then renders the jobs; exit status 2 for a usage error, 1 if a
/// job failed.
pub(crate) fn run(args: Args) -> ExitCode {
    let options = match args.bounds.options(Path::new("pacte.json")) {
        Ok(o) => o,
        Err(e) => return super::usage(e),
    };
    let checked = threads(args.jobs).and_then(|threads| {
        let jobs = jobs(
            args.files,
            args.template,
            args.departements.as_deref(),
            args.overrides.as_deref(),
            &options.limits,
        )?;
        Ok((threads, jobs))
    });
    match checked {
        Ok((threads, jobs)) => {
            let options = pacte::RenderOptions {
                format: args.format.into(),
                ..options
            };
            launch(jobs, &args.out_dir, &options, threads)
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// The number of threads asked for, checked against the cores.
fn threads(asked: Option<usize>) -> Result<Option<usize>, String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let most = cores * THREADS_PER_CORE;
    match asked {
        Some(0) => Err("-j: give at least one thread".into()),
        Some(n) if n > most => Err(format!(
            "-j {n}: at most {most} threads on this machine ({THREADS_PER_CORE} per core, \
             {cores} cores)"
        )),
        other => Ok(other),
    }
}

/// The batch's jobs, from files or from a template and a selection of départements, every
/// département checked before anything is rendered.
fn jobs(
    files: Vec<PathBuf>,
    template: Option<PathBuf>,
    departements: Option<&str>,
    overrides: Option<&Path>,
    limits: &pacte::Limits,
) -> Result<Vec<Job>, String> {
    let Some(template) = template else {
        return Ok(files.into_iter().map(Job::file).collect());
    };
    let selection = selection(departements.unwrap_or_default());
    if selection.is_empty() {
        return Err(
            "--departements: no département given (\"all\", or codes such as 03,13,84)".into(),
        );
    }
    let template = Arc::new(Template::load_within(&template, limits).map_err(|e| e.to_string())?);
    let overrides = match overrides {
        Some(d) => Overrides::read(d).map_err(|e| e.to_string())?,
        None => Overrides::none(),
    };
    let mut jobs = Vec::with_capacity(selection.len());
    let mut unknown = Vec::new();
    for d in &selection {
        match Job::template(template.clone(), d, &overrides) {
            Ok(job) => jobs.push(job),
            Err(BatchError::UnknownDepartement { saisie, suggestion }) => {
                unknown.push(match suggestion {
                    Some(near) => format!("\"{saisie}\" (did you mean {near}?)"),
                    None => format!("\"{saisie}\""),
                })
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    if !unknown.is_empty() {
        return Err(format!(
            "--departements: unknown département {}; nothing rendered",
            unknown.join(", ")
        ));
    }
    Ok(jobs)
}

/// The départements of a `--departements` argument: "all" (every code), or a comma-separated
/// list of codes or names as written ("03,13,84", "allier, 2a").
fn selection(s: &str) -> Vec<String> {
    if matches!(s.trim().to_lowercase().as_str(), "all" | "tous") {
        return pacte::registry::departements()
            .iter()
            .map(|d| d.code.clone())
            .collect();
    }
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Runs the batch on `threads` threads (one per core by default) and prints the summary; on
/// SIGINT or SIGTERM, stops (see [`signals::run_interruptible`]).
fn launch(
    jobs: Vec<Job>,
    out_dir: &Path,
    options: &pacte::RenderOptions,
    threads: Option<usize>,
) -> ExitCode {
    let start = Instant::now();
    let total = jobs.len();
    let pool = match threads {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => Some(pool),
            Err(e) => {
                eprintln!("cannot start {n} threads: {e}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let progress = Arc::new(Progress::new(total as u64));
    let writes = Arc::new(AtomicWrites::new());
    let failed = Arc::new(AtomicUsize::new(0));
    let run = {
        let (progress, writes, failed) = (progress.clone(), writes.clone(), failed.clone());
        let (out_dir, options) = (out_dir.to_path_buf(), options.clone());
        move || {
            let report = |o: &Outcome| {
                progress.report(o);
                if matches!(&o.resultat, Err(e) if !matches!(e, BatchError::Interrupted)) {
                    failed.fetch_add(1, Ordering::SeqCst);
                }
            };
            let render_all = || batch::render_all(jobs, &out_dir, &options, &writes, report);
            match pool {
                Some(pool) => pool.install(render_all),
                None => render_all(),
            }
        }
    };
    let on = signals::OnInterruption {
        stop: {
            let (progress, writes, failed) = (progress.clone(), writes.clone(), failed);
            move || {
                let removed = writes.interrupt();
                progress.finish();
                // Exact once interrupted: no file is renamed into place any more.
                let rendered = writes.written();
                let failed = failed.load(Ordering::SeqCst);
                let mut line = format!(
                    "{rendered} rendered, {failed} failed, {} not finished, in {:.2} s",
                    total.saturating_sub(rendered + failed),
                    start.elapsed().as_secs_f64()
                );
                if removed > 0 {
                    line += &format!(" ({removed} unfinished file(s) removed)");
                }
                line
            }
        },
        cleanup: move || {
            writes.interrupt();
        },
    };
    let summary = signals::run_interruptible(|| Ok(()), |()| run(), on);
    progress.finish();
    eprintln!("{summary}");
    if summary.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::selection;

    #[test]
    fn selections() {
        assert_eq!(selection("all").len(), 101);
        assert_eq!(selection(" ALL ").len(), 101);
        assert_eq!(selection("03, 13 ,84,"), ["03", "13", "84"]);
        assert!(selection(" , ").is_empty());
    }
}
