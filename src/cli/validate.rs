//! `pacte validate FILE...`: pacts and templates.

use pacte::template::Template;
use std::path::Path;
use std::process::ExitCode;

/// Checks each file: a pact as a pact, a template by resolving it for every département.
pub(crate) fn run(files: &[impl AsRef<Path>]) -> ExitCode {
    let mut ok = true;
    for file in files {
        let file = file.as_ref();
        let lines = if is_template(file) {
            template(file)
        } else {
            match pacte::io::load_pacte(file) {
                Ok(_) => Ok("ok".to_string()),
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

/// True when `file` is readable JSON that is a template (placeholders, `$valeurs`, `$si`).
pub(crate) fn is_template(file: &Path) -> bool {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .is_some_and(|json| Template::is_template(&json))
}

/// A template resolved and validated for every département of the registry.
fn template(file: &Path) -> Result<String, Vec<String>> {
    let template = Template::load(file).map_err(|e| vec![format!("{}: {e}", file.display())])?;
    let problems = template.validate_all();
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
