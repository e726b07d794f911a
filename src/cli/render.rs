//! `pacte render FILE`.

use super::{signals, FormatArg};
use pacte::io::AtomicWrites;
use pacte::Format;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// The placeholder of the signatory's number in a parapheur tag, as the help shows it. clap
/// turns the three characters `{n}` into a line break in help texts and has no escape for
/// them, so a zero-width ANSI reset (dropped when the help is not printed to a terminal, and
/// invisible when it is) stands between the brace and the letter.
const N: &str = "{\x1b[0mn}";

/// `pacte render` arguments.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Pact file (JSON).
    file: PathBuf,
    /// Output file; default: FILE with the format's extension (.pdf, .html); "-" for
    /// standard output (the PDF). A device (/dev/stdout) is written to; a folder, FIFO or
    /// socket is refused.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// pdf, or html for the accessible HTML edition; default: the output's extension, else
    /// pdf.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// A theme file (JSON, see `pacte schema --theme`): fonts, colours, sizes, margins.
    #[arg(long, value_name = "THEME.json")]
    theme: Option<PathBuf>,
    /// The folders and limits.
    #[command(flatten)]
    bounds: super::Bounds,
    /// Write a plain PDF (still tagged, PDF/UA-1) instead of PDF/A-2a.
    #[arg(long)]
    no_pdfa: bool,
    /// Also print each signature block's parapheur position tag, invisibly.
    #[arg(
        long,
        value_name = "TEMPLATE",
        num_args = 0..=1,
        default_missing_value = "#signature{n}#",
        long_help = format!(
            "Also print each signature block's parapheur position tag, invisibly. In TEMPLATE, \
             {N} stands for the signatory's number; without TEMPLATE: #signature{N}#"
        ),
    )]
    parapheur_tags: Option<String>,
}

/// Renders the pact; on SIGINT or SIGTERM removes the file being written and says so.
pub(crate) fn run(mut args: Args) -> ExitCode {
    let options = match options(&mut args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let format = options.format;
    let out = match args.output {
        Some(o) if o.as_os_str() == "-" => return to_stdout(&args.file, &options),
        Some(o) => o,
        None if format == Format::Pdf && has_pdf_extension(&args.file) => {
            eprintln!(
                "{}: the file already ends in .pdf, so the default output would be the file \
                 itself: give one with -o",
                args.file.display()
            );
            return ExitCode::FAILURE;
        }
        None => args.file.with_extension(format.extension()),
    };
    to_file(&args.file, out, &options)
}

/// The render options the arguments give: the theme read, the format from `--format` or
/// the output's extension; an error's exit status once it is printed.
fn options(args: &mut Args) -> Result<pacte::RenderOptions, ExitCode> {
    let theme = match args
        .theme
        .as_deref()
        .map(pacte::Theme::from_file)
        .transpose()
    {
        Ok(theme) => theme,
        Err(e) => {
            eprintln!("{e}");
            return Err(ExitCode::FAILURE);
        }
    };
    let format = args
        .format
        .map(Format::from)
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or_default();
    if format == Format::Html && (args.no_pdfa || args.parapheur_tags.is_some()) {
        eprintln!("--no-pdfa and --parapheur-tags apply to the PDF, not to the HTML edition");
        return Err(ExitCode::from(2));
    }
    match args.bounds.options(&args.file) {
        Ok(o) => Ok(pacte::RenderOptions {
            theme,
            format,
            pdfa: !args.no_pdfa,
            parapheur_tag: args.parapheur_tags.take(),
            ..o
        }),
        Err(e) => Err(super::usage(e)),
    }
}

/// Renders `file` into `out` through atomic writes that SIGINT or SIGTERM interrupt.
fn to_file(file: &Path, out: PathBuf, options: &pacte::RenderOptions) -> ExitCode {
    let writes = Arc::new(AtomicWrites::new());
    // Read on this thread while the thread pool's threads start, then rendered on the pool.
    let read = || pacte::model::Document::read(file, options).map_err(|e| Err(e.lines()));
    let render = {
        let (file, out, options, writes) = (
            file.to_path_buf(),
            out.clone(),
            options.clone(),
            writes.clone(),
        );
        move |document| {
            pacte::render_document(document, &file, &out, &options, &writes).map_err(|e| e.lines())
        }
    };
    let on = signals::OnInterruption {
        stop: {
            let (writes, out) = (writes.clone(), out.clone());
            move || {
                let removed = writes.interrupt() > 0;
                let done = match writes.written() {
                    0 => "not written",
                    _ => "written",
                };
                let detail = if removed {
                    " (unfinished file removed)"
                } else {
                    ""
                };
                format!("{} {done}{detail}", out.display())
            }
        },
        cleanup: move || {
            writes.interrupt();
        },
    };
    match signals::run_interruptible(read, render, on) {
        Ok(()) => {
            println!("{}", out.display());
            ExitCode::SUCCESS
        }
        Err(lines) => failed(file, lines, &options.limits),
    }
}

/// Says why the render of `file` failed: its error `lines`, or, for a template (whose
/// placeholders or `$valeurs`/`$si` keys a pact may not hold), how to render it. Checked only
/// once a render failed: a template never renders.
fn failed(file: &Path, lines: Vec<String>, limits: &pacte::Limits) -> ExitCode {
    if !super::validate::is_template(file, limits) {
        return super::fail(lines);
    }
    eprintln!(
        "{}: this file is a template (placeholders such as {{departement.de}}, $valeurs, \
         $si): render it for départements with `pacte batch --template {} --departements \
         03,13 --out-dir DIR`, or check it with `pacte validate {}`",
        file.display(),
        file.display(),
        file.display()
    );
    ExitCode::FAILURE
}

/// True when `file`'s extension is `.pdf`, in any case.
fn has_pdf_extension(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// `-o -`: renders the pact and writes the file to standard output (nothing to clean up on
/// an interruption: no file is written).
fn to_stdout(file: &Path, options: &pacte::RenderOptions) -> ExitCode {
    use pacte::model::Document;
    use std::io::Write;
    let bytes = Document::load(file, options)
        .map_err(|e| e.lines())
        .and_then(|document| {
            document
                .render(options)
                .map_err(|e| vec![format!("{}: {e}", file.display())])
        });
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(lines) => return failed(file, lines, &options.limits),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => super::fail([format!("standard output: cannot write: {e}")]),
    }
}
