//! `pacte render FILE`.

use super::{signals, FormatArg};
use pacte::html::{Format, HtmlOptions};
use pacte::io::AtomicWrites;
use std::path::PathBuf;
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
    /// Output file; default: FILE with the format's extension (.pdf, .html).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// pdf, or html for the accessible HTML edition; default: the output's extension, else
    /// pdf.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// A theme file (JSON, see `pacte schema --theme`): fonts, colours, sizes, margins.
    #[arg(long, value_name = "THEME.json")]
    theme: Option<PathBuf>,
    /// Write a plain PDF instead of PDF/A-2b.
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
pub(crate) fn run(args: Args) -> ExitCode {
    if super::validate::is_template(&args.file) {
        eprintln!(
            "{}: this file is a template (placeholders such as {{departement.de}}, $valeurs, \
             $si): render it for départements with `pacte batch --template {} --departements \
             03,13 --out-dir DIR`, or check it with `pacte validate {}`",
            args.file.display(),
            args.file.display(),
            args.file.display()
        );
        return ExitCode::FAILURE;
    }
    let format = args
        .format
        .map(Format::from)
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or_default();
    if format == Format::Html && (args.no_pdfa || args.parapheur_tags.is_some()) {
        eprintln!("--no-pdfa and --parapheur-tags apply to the PDF, not to the HTML edition");
        return ExitCode::from(2);
    }
    let out = args
        .output
        .unwrap_or_else(|| args.file.with_extension(format.extension()));
    let theme = match args
        .theme
        .as_deref()
        .map(pacte::Theme::from_file)
        .transpose()
    {
        Ok(theme) => theme,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let options = pacte::RenderOptions {
        theme,
        pdfa: !args.no_pdfa,
        parapheur_tag: args.parapheur_tags,
        ..pacte::RenderOptions::for_file(&args.file)
    };
    let writes = Arc::new(AtomicWrites::new());
    signals::on_interruption({
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
    });
    let result = match format {
        Format::Pdf => {
            pacte::render_file_tracked(&args.file, &out, &options, &writes).map_err(|e| e.lines())
        }
        Format::Html => {
            let options = HtmlOptions::for_file(&args.file);
            pacte::html::render_html_file(&args.file, &out, &options, &writes)
                .map_err(|e| e.lines())
        }
    };
    match result {
        Ok(()) => {
            println!("{}", out.display());
            ExitCode::SUCCESS
        }
        Err(lines) => super::fail(lines),
    }
}
