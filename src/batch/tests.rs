use super::*;
use crate::registry::departement;

fn modele() -> Arc<Template> {
    Arc::new(Template::load(Path::new("fixtures/modele-national.json")).unwrap())
}

/// The options `pacte batch` gives by default: the PDF, paths from the current folder.
fn pdf_options() -> RenderOptions {
    RenderOptions::for_dir(Path::new("."))
}

fn jobs(selection: &str) -> Vec<Job> {
    let m = modele();
    selection
        .split(',')
        .map(|d| Job::template(m.clone(), d, &Overrides::none()).unwrap())
        .collect()
}

#[test]
fn output_names_start_with_the_code() {
    let nom = |c: &str| output_name(&departement(c).unwrap().into());
    assert_eq!(nom("03"), "03-allier.pdf");
    assert_eq!(nom("2A"), "2A-corse-du-sud.pdf");
    assert_eq!(nom("21"), "21-cote-d-or.pdf");
    assert_eq!(nom("974"), "974-la-reunion.pdf");
    assert_eq!(nom("90"), "90-territoire-de-belfort.pdf");
    let bizarre = crate::model::Departement {
        code: "../x".into(),
        nom: "/etc/passwd".into(),
        de: String::new(),
        le: String::new(),
    };
    assert_eq!(output_name(&bizarre), "x-etc-passwd.pdf");
    // All 101 names are distinct.
    let mut noms: Vec<String> = registry::departements()
        .iter()
        .map(|d| output_name(&d.into()))
        .collect();
    noms.sort();
    noms.dedup();
    assert_eq!(noms.len(), 101);
}

#[test]
fn render_failures_leave_no_file_and_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let refuser_13 = |p: &Pacte, base: &crate::RenderOptions| {
        if p.departement.code == "13" {
            Err("renderer refused".to_string())
        } else {
            render_with(&mut crate::Renderer::new(), p, base)
        }
    };
    let vus = std::sync::atomic::AtomicUsize::new(0);
    let bilan = render_all_with(
        jobs("03,13,84"),
        dir.path(),
        &crate::RenderOptions::default(),
        &AtomicWrites::new(),
        || refuser_13,
        |_| {
            vus.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        },
    );
    assert_eq!(vus.into_inner(), 3);
    assert_eq!((bilan.rendered(), bilan.failed()), (2, 1));
    assert!(!bilan.success());
    assert_eq!(
        crate::io::names_in(dir.path()),
        ["03-allier.pdf", "84-vaucluse.pdf"]
    );
    let o = &bilan.outcomes[1];
    assert_eq!(o.etiquette, "13 Bouches-du-Rhône");
    assert!(matches!(&o.resultat, Err(BatchError::Render(m)) if m == "renderer refused"));
    assert_eq!(
        o.error_lines(),
        ["13 Bouches-du-Rhône: render failed: renderer refused"]
    );
    assert!(
        bilan.to_string().starts_with("2 rendered, 1 failed, in "),
        "{bilan}"
    );
    let pdf = std::fs::read(dir.path().join("03-allier.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn an_interruption_stops_the_batch_and_leaves_only_finished_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let ecritures = AtomicWrites::new();
    // Interrupted while 13 renders (after 03 was written): 13 is not written, the rest not
    // started.
    let interrompre_pendant_13 = |p: &Pacte, base: &crate::RenderOptions| {
        if p.departement.code == "13" {
            ecritures.interrupt();
        }
        render_with(&mut crate::Renderer::new(), p, base)
    };
    let rendus = std::sync::atomic::AtomicUsize::new(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let bilan = pool.install(|| {
        render_all_with(
            jobs("03,13,84,2A"),
            dir.path(),
            &crate::RenderOptions::default(),
            &ecritures,
            || interrompre_pendant_13,
            |_| {
                rendus.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            },
        )
    });
    assert_eq!(rendus.into_inner(), 4);
    assert_eq!(
        (bilan.rendered(), bilan.failed(), bilan.interrupted()),
        (1, 0, 3)
    );
    assert!(!bilan.success());
    for o in &bilan.outcomes[1..] {
        assert!(matches!(o.resultat, Err(BatchError::Interrupted)), "{o:?}");
    }
    assert_eq!(
        bilan.outcomes[3].error_lines(),
        ["2A Corse-du-Sud: not rendered: the batch was interrupted"]
    );
    assert!(
        bilan
            .to_string()
            .starts_with("1 rendered, 0 failed, 3 interrupted, in "),
        "{bilan}"
    );
    assert_eq!(crate::io::names_in(dir.path()), ["03-allier.pdf"]);
    assert_eq!(ecritures.written(), 1);
}

#[test]
fn bad_inputs_are_reported_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let e = Job::template(modele(), "alier", &Overrides::none()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown département \"alier\" (did you mean 03 Allier?)"
    );
    let mut j = jobs("03,allier");
    j.push(Job::file(dir.path().join("absent.json")));
    let bilan = render_all(j, dir.path(), &pdf_options(), &AtomicWrites::new(), |_| {});
    assert_eq!(bilan.rendered(), 1);
    let erreurs: Vec<String> = bilan
        .outcomes
        .iter()
        .flat_map(|o| o.error_lines())
        .collect();
    assert!(
        erreurs[0].contains("03-allier.pdf is already the output of 03 Allier"),
        "{erreurs:?}"
    );
    assert!(erreurs[0].starts_with("03 Allier: "), "{erreurs:?}");
    assert!(
        erreurs[1].contains("absent.json") && erreurs[1].contains("cannot read"),
        "{erreurs:?}"
    );
    assert_eq!(crate::io::names_in(dir.path()), ["03-allier.pdf"]);
}

#[test]
fn template_errors_name_the_template_the_override_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let surcharges = dir.path().join("surcharges");
    std::fs::create_dir(&surcharges).unwrap();
    std::fs::write(
        surcharges.join("13.json"),
        r#"{ "sous_titre": "{departement.du}" }"#,
    )
    .unwrap();
    std::fs::write(surcharges.join("84.json"), "{ pas du json").unwrap();
    std::fs::write(
        surcharges.join("2a.json"),
        r#"{ "sous_titre": "Corse-du-Sud {periode}" }"#,
    )
    .unwrap();
    std::fs::write(surcharges.join("LISEZMOI.txt"), "ignored").unwrap();
    let s = Overrides::read(&surcharges).unwrap();
    assert_eq!(s.len(), 3);
    assert!(s.for_code("2A").is_some());
    let m = modele();
    let j: Vec<Job> = ["13", "84", "2A"]
        .iter()
        .map(|d| Job::template(m.clone(), d, &s).unwrap())
        .collect();
    let out = dir.path().join("out");
    let bilan = render_all(j, &out, &pdf_options(), &AtomicWrites::new(), |_| {});
    let e13 = bilan.outcomes[0].error_lines();
    assert_eq!(
        e13,
        [format!(
            "13 Bouches-du-Rhône: fixtures/modele-national.json with override {}: sous_titre: unknown placeholder {{departement.du}} (did you mean {{departement.de}}?)",
            surcharges.join("13.json").display()
        )]
    );
    let e84 = bilan.outcomes[1].error_lines().join("\n");
    assert!(
        e84.contains("84.json: line 1:3: JSON syntax error"),
        "{e84}"
    );
    assert!(bilan.outcomes[2].resultat.is_ok());
    assert_eq!(crate::io::names_in(&out), ["2A-corse-du-sud.pdf"]);
}

#[test]
fn override_folders_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("allier.json"), "{}").unwrap();
    let e = Overrides::read(dir.path()).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("named by its département's code, e.g. 03.json (did you mean 03.json?)"),
        "{e}"
    );
    std::fs::remove_file(dir.path().join("allier.json")).unwrap();
    std::fs::write(dir.path().join("2a.json"), "{}").unwrap();
    std::fs::write(dir.path().join("2A.json"), "{}").unwrap();
    assert!(matches!(
        Overrides::read(dir.path()),
        Err(TemplateError::DuplicateOverride { .. })
    ));
    assert!(matches!(
        Overrides::read(&dir.path().join("absent")),
        Err(TemplateError::Io { .. })
    ));
}

#[test]
fn an_unwritable_output_folder_fails_every_job() {
    let dir = tempfile::tempdir().unwrap();
    let fichier = dir.path().join("pas-un-dossier");
    std::fs::write(&fichier, "x").unwrap();
    let bilan = render_all(
        jobs("03,13"),
        &fichier.join("out"),
        &pdf_options(),
        &AtomicWrites::new(),
        |_| {},
    );
    assert_eq!(bilan.failed(), 2);
    assert!(bilan
        .outcomes
        .iter()
        .all(|o| matches!(o.resultat, Err(BatchError::Write { .. }))));
}

#[test]
fn pacts_in_memory_are_validated_then_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let m = modele();
    let bon = m.resolve(departement("80").unwrap(), None).unwrap();
    let mut mauvais = m.resolve(departement("81").unwrap(), None).unwrap();
    mauvais.signataires.clear();
    let j = vec![
        Job {
            etiquette: "somme".into(),
            source: Source::Pacte(Box::new(bon), PathBuf::from("fixtures")),
        },
        Job {
            etiquette: "tarn".into(),
            source: Source::Pacte(Box::new(mauvais), PathBuf::from("fixtures")),
        },
    ];
    let bilan = render_all(j, dir.path(), &pdf_options(), &AtomicWrites::new(), |_| {});
    assert!(bilan.outcomes[0].resultat.is_ok());
    assert_eq!(
        bilan.outcomes[1].error_lines(),
        ["tarn: signataires: a pact needs at least one signatory"]
    );
    assert_eq!(crate::io::names_in(dir.path()), ["80-somme.pdf"]);
}
