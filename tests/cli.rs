//! The `pacte` command line: exit codes, what it prints, and the files it writes (or not).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn pacte() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pacte"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("{name}.json"))
}

fn texte(octets: &[u8]) -> String {
    String::from_utf8_lossy(octets).into_owned()
}

/// The Allier fixture with three problems validation finds (types are fine).
fn ecrire_invalide(dir: &Path) -> PathBuf {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("allier-2018-2021")).unwrap())
            .unwrap();
    v["titre"] = serde_json::json!("");
    v["periode"]["fin"] = serde_json::json!(2010);
    v["signataires"][1]["partenaire"] = serde_json::json!("regionn");
    let path = dir.join("casse.json");
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

/// Names of the files in a folder, sorted.
fn fichiers(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Runs `pacte render INPUT -o OUT`, which must fail with status 1; returns its stderr.
fn render_fails(input: &Path, out: &Path) -> String {
    let sortie = pacte()
        .arg("render")
        .arg(input)
        .arg("-o")
        .arg(out)
        .assert()
        .code(1)
        .get_output()
        .clone();
    texte(&sortie.stderr)
}

#[test]
fn validate_accepts_both_fixtures() {
    let (a, b) = (fixture("vaucluse-2017-2020"), fixture("allier-2018-2021"));
    let out = pacte().arg("validate").arg(&a).arg(&b).output().unwrap();
    assert!(out.status.success(), "{}", texte(&out.stderr));
    let stdout = texte(&out.stdout);
    let lignes: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lignes,
        [
            format!("{}: ok", a.display()),
            format!("{}: ok", b.display())
        ]
    );
    assert!(out.stderr.is_empty(), "{}", texte(&out.stderr));
}

#[test]
fn validate_prints_one_line_per_problem_naming_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let casse = ecrire_invalide(dir.path());
    let out = pacte().arg("validate").arg(&casse).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", texte(&out.stdout));
    let stderr = texte(&out.stderr);
    let lignes: Vec<&str> = stderr.lines().collect();
    assert_eq!(lignes.len(), 3, "{stderr}");
    let prefixe = format!("{}: ", casse.display());
    for l in &lignes {
        assert!(l.starts_with(&prefixe), "{l}");
    }
    assert_eq!(lignes[0], format!("{prefixe}titre: must not be empty"));
    assert!(lignes[1].starts_with(&format!("{prefixe}periode.fin: the period ends (2010)")));
    assert_eq!(
        lignes[2],
        format!(
            "{prefixe}signataires[1].partenaire: unknown partner \"regionn\" (did you mean \"region\"?)"
        )
    );
}

#[test]
fn validate_reports_a_syntax_error_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coupe.json");
    let src = std::fs::read_to_string(fixture("allier-2018-2021")).unwrap();
    std::fs::write(&path, &src[..src.find("\"partenaires\"").unwrap()]).unwrap();
    let out = pacte().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = texte(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("{}: line ", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("JSON syntax error"), "{stderr}");
}

#[test]
fn validate_several_files_reports_each_and_fails_if_one_fails() {
    let dir = tempfile::tempdir().unwrap();
    let casse = ecrire_invalide(dir.path());
    let bon = fixture("vaucluse-2017-2020");
    let absent = dir.path().join("absent.json");
    let out = pacte()
        .arg("validate")
        .arg(&casse)
        .arg(&bon)
        .arg(&absent)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // The good file is still checked and reported, after the bad one.
    assert_eq!(texte(&out.stdout), format!("{}: ok\n", bon.display()));
    let stderr = texte(&out.stderr);
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with(&casse.display().to_string()))
            .count(),
        3,
        "{stderr}"
    );
    let ligne_absent: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with(&absent.display().to_string()))
        .collect();
    assert_eq!(ligne_absent.len(), 1, "{stderr}");
    assert!(ligne_absent[0].contains("cannot read"), "{stderr}");
}

#[test]
fn validate_suggests_the_structured_place_of_signature_without_failing() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("allier-2018-2021")).unwrap())
            .unwrap();
    v["lieu_signature"] = serde_json::json!("Le Puy-en-Velay");
    let ancien = dir.path().join("ancien.json");
    std::fs::write(&ancien, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    v["lieu_signature"] = serde_json::json!({ "nom": "Puy-en-Velay", "article": "le" });
    let nouveau = dir.path().join("nouveau.json");
    std::fs::write(&nouveau, serde_json::to_string_pretty(&v).unwrap()).unwrap();

    let out = pacte().arg("validate").arg(&ancien).output().unwrap();
    assert!(out.status.success(), "a warning, not an error");
    assert_eq!(texte(&out.stdout), format!("{}: ok\n", ancien.display()));
    let stderr = texte(&out.stderr);
    let lignes: Vec<&str> = stderr.lines().collect();
    assert_eq!(lignes.len(), 1, "{stderr}");
    let attendu = format!("{}: warning: lieu_signature: ", ancien.display());
    assert!(lignes[0].starts_with(&attendu), "{stderr}");
    assert!(
        lignes[0].contains(r#"{"nom":"Puy-en-Velay","article":"le"}"#)
            && lignes[0].contains("au Puy-en-Velay"),
        "{stderr}"
    );

    let out = pacte().arg("validate").arg(&nouveau).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", texte(&out.stderr));
}

#[test]
fn validate_without_files_is_a_usage_error() {
    let out = pacte().arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        texte(&out.stderr).contains("Usage"),
        "{}",
        texte(&out.stderr)
    );
}

#[test]
fn schema_is_json_with_the_model_definitions() {
    let out = pacte().arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let defs = schema["$defs"].as_object().expect("$defs");
    for def in ["Partenaire", "Engagement", "Instance", "Signataire"] {
        assert!(defs.contains_key(def), "{def} missing from $defs");
    }
    let requis: Vec<&str> = schema["required"]
        .as_array()
        .expect("root required")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for cle in [
        "partenaires",
        "signataires",
        "departement",
        "titre",
        "periode",
    ] {
        assert!(requis.contains(&cle), "{cle} not required: {requis:?}");
    }
    assert!(schema["properties"]["partenaires"].is_object());
    // The root refuses unknown keys, as the parser does.
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}

#[test]
fn render_writes_a_pdf_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let sortie = dir.path().join("allier.pdf");
    let out = pacte()
        .arg("render")
        .arg(fixture("allier-2018-2021"))
        .arg("-o")
        .arg(&sortie)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texte(&out.stderr));
    assert_eq!(texte(&out.stdout).trim_end(), sortie.display().to_string());
    let pdf = std::fs::read(&sortie).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.7"), "{:?}", &pdf[..16]);
    assert!(pdf.len() > 10_000, "{} bytes", pdf.len());
    let fin = &pdf[pdf.len().saturating_sub(32)..];
    assert!(texte(fin).contains("%%EOF"), "{}", texte(fin));
    assert_eq!(fichiers(dir.path()), ["allier.pdf"]);
}

#[test]
fn render_of_an_invalid_file_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let casse = ecrire_invalide(dir.path());
    let sortie = dir.path().join("sortie.pdf");
    let out = pacte()
        .arg("render")
        .arg(&casse)
        .arg("-o")
        .arg(&sortie)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", texte(&out.stdout));
    let stderr = texte(&out.stderr);
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    assert!(
        stderr
            .lines()
            .all(|l| l.starts_with(&casse.display().to_string())),
        "{stderr}"
    );
    assert!(!sortie.exists());
    // Not the default output either, nor a temporary file.
    assert_eq!(fichiers(dir.path()), ["casse.json"]);
}

#[test]
fn render_with_a_missing_logo_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("allier-2018-2021")).unwrap())
            .unwrap();
    v["logo"] = serde_json::json!("logo-absent.png");
    let path = dir.path().join("logo.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let out = pacte().arg("render").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = texte(&out.stderr);
    assert!(
        stderr.starts_with(&format!("{}: logo: ", path.display())),
        "{stderr}"
    );
    assert_eq!(fichiers(dir.path()), ["logo.json"]);
}

#[test]
fn render_default_output_is_the_file_with_pdf_extension() {
    let dir = tempfile::tempdir().unwrap();
    let copie = dir.path().join("vaucluse.json");
    std::fs::copy(fixture("vaucluse-2017-2020"), &copie).unwrap();
    let out = pacte().arg("render").arg(&copie).output().unwrap();
    assert!(out.status.success(), "{}", texte(&out.stderr));
    let attendu = dir.path().join("vaucluse.pdf");
    assert_eq!(texte(&out.stdout).trim_end(), attendu.display().to_string());
    let pdf = std::fs::read(&attendu).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.7"));
    assert_eq!(fichiers(dir.path()), ["vaucluse.json", "vaucluse.pdf"]);
}

#[test]
fn help_names_only_commands_that_exist_and_prints_the_tag_placeholder() {
    let help = texte(&pacte().arg("--help").assert().success().get_output().stdout);
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for c in &commands {
        if *c != "help" {
            pacte().args([c, "--help"]).assert().success();
        }
    }
    let about = help.lines().next().unwrap();
    for word in about
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if [
            "validate", "render", "batch", "sign", "verify", "fields", "schema",
        ]
        .contains(&word)
        {
            assert!(
                commands.contains(&word),
                "{word} is named but is not a command: {help}"
            );
        }
    }
    let render = texte(
        &pacte()
            .args(["render", "--help"])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert!(render.contains("#signature{n}#"), "{render}");
}

#[test]
fn validate_checks_a_template_as_a_template() {
    let sortie = pacte()
        .arg("validate")
        .arg(fixture("modele-national"))
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        texte(&sortie.stdout).contains("a template, resolved and valid for the 101 départements")
    );
    let dir = tempfile::tempdir().unwrap();
    let casse = dir.path().join("modele.json");
    let source = std::fs::read_to_string(fixture("modele-national")).unwrap();
    std::fs::write(
        &casse,
        source.replacen("{departement.de}", "{departement.du}", 1),
    )
    .unwrap();
    let sortie = pacte()
        .arg("validate")
        .arg(&casse)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = texte(&sortie.stderr);
    assert!(
        stderr.contains("unknown placeholder {departement.du} (did you mean {departement.de}?)")
            && stderr.starts_with(&format!("{}: 01 Ain: ", casse.display())),
        "{stderr}"
    );
}

#[test]
fn render_of_a_template_says_how_to_render_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.pdf");
    let stderr = render_fails(&fixture("modele-national"), &out);
    assert!(
        stderr.contains("this file is a template") && stderr.contains("pacte batch --template"),
        "{stderr}"
    );
    assert!(fichiers(dir.path()).is_empty());
}

#[test]
fn render_names_a_missing_output_folder_and_refuses_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let manque = dir.path().join("absent/sous/a.pdf");
    let stderr = render_fails(&fixture("allier-2018-2021"), &manque);
    assert!(
        stderr.contains(&format!(
            "the folder \"{}\" does not exist",
            dir.path().join("absent/sous").display()
        )) && !stderr.contains(".pacte-"),
        "{stderr}"
    );
    let stderr = render_fails(&fixture("allier-2018-2021"), dir.path());
    assert!(stderr.contains("it is a folder"), "{stderr}");
    assert!(fichiers(dir.path()).is_empty());
}

#[test]
fn fields_and_verify_print_one_line_per_field_or_json_whatever_a_quality_holds() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("exemple.pdf");
    pacte()
        .arg("render")
        .arg(fixture("exemple-complet"))
        .arg("-o")
        .arg(&pdf)
        .assert()
        .success();
    let deputy = "Pour la CAF de la Sarthe – Par délégation,\nLe Directeur adjoint – Claire Moreau";
    for command in ["fields", "verify"] {
        let out = pacte().arg(command).arg(&pdf).output().unwrap();
        assert!(out.status.success(), "{}", texte(&out.stderr));
        let text = texte(&out.stdout);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 7, "{command}: {text}");
        for line in &lines {
            assert_eq!(line.split('\t').count(), 4, "{command}: {line:?}");
        }
        assert!(
            lines[5].starts_with("Sig06_DirecteurCaf\tpage ")
                && lines[5].ends_with(&format!("\tnot signed\t{}", deputy.replace('\n', "\\n"))),
            "{command}: {}",
            lines[5]
        );
        let out = pacte()
            .arg(command)
            .arg("--json")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", texte(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let fields = match command {
            "fields" => json.as_array().expect("fields --json: an array").clone(),
            _ => json["fields"]
                .as_array()
                .expect("verify --json: fields")
                .clone(),
        };
        assert_eq!(fields.len(), 7, "{json}");
        assert_eq!(fields[5]["field"], "Sig06_DirecteurCaf");
        assert_eq!(
            fields[5]["tooltip"], deputy,
            "values are not escaped in JSON"
        );
        assert_eq!(fields[5]["verdict"], "Unsigned");
        let help = texte(&pacte().args([command, "--help"]).output().unwrap().stdout);
        assert!(help.contains(r"\n") && help.contains("--json"), "{help}");
    }
}

#[test]
fn the_schema_describes_a_block_of_several_people() {
    let out = pacte().arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sig = &schema["$defs"]["Signataire"];
    assert!(sig["properties"]["personnes"].is_object(), "{sig}");
    let personne = &schema["$defs"]["Personne"];
    for key in ["nom", "qualite", "lieu", "date", "id"] {
        assert!(personne["properties"][key].is_object(), "{key}: {personne}");
    }
    assert_eq!(personne["required"], serde_json::json!(["qualite"]));
    assert_eq!(personne["additionalProperties"], serde_json::json!(false));
}
