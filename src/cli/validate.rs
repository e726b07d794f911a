//! `pacte validate FILE...`: pacts and templates.

use super::Bounds;
use pacte::template::Template;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

/// Checks each file: a pact as a pact, an avenant as an avenant, a template by resolving it for every département.
pub(crate) fn run(files: &[impl AsRef<Path>], bounds: &Bounds) -> ExitCode {
    let mut ok = true;
    for file in files {
        let file = file.as_ref();
        let options = match bounds.options(file) {
            Ok(o) => o,
            Err(e) => return super::usage(e),
        };
        let lines = if is_template(file, &options.limits) {
            template(file, &options)
        } else {
            match pacte::model::Document::load(file, &options) {
                Ok(pacte::model::Document::Pacte(p)) => {
                    for w in p.warnings() {
                        eprintln!("{}: warning: {w}", file.display());
                    }
                    Ok("ok".to_string())
                }
                Ok(pacte::model::Document::Avenant(_)) => Ok("ok (an avenant)".to_string()),
                Err(e) => Err(e.lines()),
            }
        };
        match lines {
            Ok(verdict) => println!("{}: {verdict}", file.display()),
            Err(lines) => {
                ok = false;
                for line in lines {
                    eprintln!("{line}");
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

/// True when `file` is readable JSON that is a template (placeholders, `$valeurs`, `$si`);
/// a file over the size limit is not read (loading it says why).
pub(crate) fn is_template(file: &Path, limits: &pacte::Limits) -> bool {
    let mut bytes = Vec::new();
    let read = std::fs::File::open(file).and_then(|f| {
        f.take(limits.pacte_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
    });
    if read.is_err() || bytes.len() as u64 > limits.pacte_bytes {
        return false;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice(text)
        .ok()
        .is_some_and(|json| Template::is_template(&json))
}

/// A template resolved and validated for every département of the registry, as a render
/// with `options` would.
fn template(file: &Path, options: &pacte::RenderOptions) -> Result<String, Vec<String>> {
    let template = Template::load_within(file, &options.limits)
        .map_err(|e| vec![format!("{}: {e}", file.display())])?;
    let problems = template.validate_all_with(options);
    if problems.is_empty() {
        let n = pacte::registry::departements().len();
        Ok(format!(
            "ok (a template, resolved and valid for the {n} départements)"
        ))
    } else {
        Err(problems
            .into_iter()
            .map(|p| format!("{}: {p}", file.display()))
            .collect())
    }
}
