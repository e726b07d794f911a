//! `Pacte::validate`, one rule at a time: a small valid pact, exactly one thing broken, and
//! the problem reported at its exact JSON path with a message that says what is wrong.

use pacte::model::{Date, Id, Membre, Pacte, Problem, Problems, Section, Texte};
use std::path::{Path, PathBuf};

/// A small pact that passes validation: three partners (one with a sub-partner), nested
/// engagements, a section with sub-sections, one governance group with two instances, and
/// two signatories.
const MINIMAL: &str = r##"{
  "departement": { "code": "84", "nom": "Vaucluse", "de": "du Vaucluse", "le": "le Vaucluse" },
  "titre": "Pacte Territorial d'Insertion",
  "periode": { "debut": 2021, "fin": 2023, "date_effet": "2021-01-01", "date_fin": "2023-12-31" },
  "sections": [
    {
      "id": "diagnostic",
      "titre": "Le diagnostic",
      "texte": "Le territoire compte **12 000** allocataires du RSA.",
      "sous_sections": [
        { "titre": "L'emploi", "texte": "Un marché tendu." },
        { "titre": "La formation", "texte": "Des besoins nombreux." }
      ]
    }
  ],
  "partenaires": [
    {
      "id": "departement",
      "nom": "Le Département",
      "nature": "departement",
      "engagements": [
        { "texte": "Piloter le Pacte.", "fiches_action": [1] },
        { "texte": "Animer le réseau des partenaires." }
      ]
    },
    {
      "id": "caf",
      "nom": "La Caisse d'Allocations Familiales",
      "sigle": "CAF",
      "nature": "securite_sociale",
      "engagements": [
        {
          "texte": "Accompagner les familles :",
          "sous_engagements": [
            { "texte": "les parents isolés ;" },
            { "texte": "les jeunes parents.", "fiches_action": [27] }
          ]
        }
      ]
    },
    {
      "id": "etat",
      "nom": "L'État",
      "nature": "etat",
      "sous_partenaires": [
        { "id": "ddets", "nom": "La DDETS", "nature": "etat" }
      ]
    }
  ],
  "gouvernance": {
    "groupes": [
      {
        "titre": "Les instances du Pacte",
        "instances": [
          {
            "id": "comite-pilotage",
            "nom": "Comité de pilotage",
            "membres": [ { "partenaire": "departement" }, { "partenaire": "etat" } ],
            "pilote": { "partenaire": "departement" }
          },
          {
            "id": "sped",
            "nom": "Service Public de l'Emploi Départemental",
            "sigle": "SPED",
            "membres": [
              { "partenaire": "etat" },
              { "libelle": "les missions locales" },
              { "partenaire": "ddets" }
            ],
            "pilote": { "partenaire": "ddets" }
          }
        ]
      }
    ]
  },
  "signataires": [
    { "id": "president", "partenaire": "departement", "pour": "le Département", "qualite": "Le Président" },
    { "id": "directeur-caf", "partenaire": "caf", "pour": "la CAF", "qualite": "Le Directeur", "nom": "Jean Martin" }
  ]
}"##;

/// The minimal valid pact.
fn minimal() -> Pacte {
    Pacte::from_json(MINIMAL).unwrap_or_else(|e| panic!("the minimal pact must parse: {e}"))
}

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

/// Validates without a base folder and returns the problems (panics if the pact is valid).
fn problemes(p: &Pacte) -> Vec<Problem> {
    problemes_dans(p, None)
}

fn problemes_dans(p: &Pacte, base: Option<&Path>) -> Vec<Problem> {
    match p.validate(base) {
        Ok(()) => panic!("the pact should be invalid"),
        Err(Problems(v)) => {
            assert!(!v.is_empty(), "Problems must never be empty");
            v
        }
    }
}

/// Asserts that exactly one problem is reported, at `chemin`, and returns its message.
fn seul(p: &Pacte, chemin: &str) -> String {
    seul_dans(p, None, chemin)
}

fn seul_dans(p: &Pacte, base: Option<&Path>, chemin: &str) -> String {
    let v = problemes_dans(p, base);
    assert_eq!(v.len(), 1, "expected one problem at {chemin}, got {v:#?}");
    assert_eq!(v[0].path, chemin, "{v:#?}");
    v[0].message.clone()
}

#[test]
fn the_minimal_pact_is_valid() {
    let p = minimal();
    assert_eq!(p.validate(None), Ok(()));
    assert_eq!(p.tous_partenaires().len(), 4);
    // The fixtures are valid too (the reference for everything below).
    for name in ["vaucluse-2017-2020", "allier-2018-2021"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(format!("{name}.json"));
        let p = Pacte::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(p.validate(path.parent()), Ok(()), "{name}");
    }
}

// ---- Duplicate ids --------------------------------------------------------------------------

#[test]
fn duplicate_partner_ids() {
    let mut p = minimal();
    let mut double = p.partenaires[1].clone();
    double.id = id("departement");
    p.partenaires.push(double);
    let m = seul(&p, "partenaires[3].id");
    assert_eq!(
        m,
        "duplicate id \"departement\" (already used by the partner at partenaires[0].id)"
    );
}

#[test]
fn duplicate_id_between_partner_and_sub_partner() {
    let mut p = minimal();
    let mut double = p.partenaires[2].sous_partenaires[0].clone();
    double.id = id("caf");
    p.partenaires[2].sous_partenaires.push(double);
    let m = seul(&p, "partenaires[2].sous_partenaires[1].id");
    assert!(m.contains("duplicate id \"caf\""), "{m}");
    assert!(m.contains("partner at partenaires[1].id"), "{m}");
}

#[test]
fn duplicate_id_between_instance_and_partner() {
    let mut p = minimal();
    p.gouvernance.groupes[0].instances[1].id = id("caf");
    let m = seul(&p, "gouvernance.groupes[0].instances[1].id");
    assert!(m.contains("duplicate id \"caf\""), "{m}");
    assert!(m.contains("partner at partenaires[1].id"), "{m}");
}

#[test]
fn duplicate_instance_ids() {
    let mut p = minimal();
    p.gouvernance.groupes[0].instances[1].id = id("comite-pilotage");
    let m = seul(&p, "gouvernance.groupes[0].instances[1].id");
    assert!(
        m.contains("instance at gouvernance.groupes[0].instances[0].id"),
        "{m}"
    );
}

#[test]
fn duplicate_signatory_ids() {
    let mut p = minimal();
    p.signataires[1].id = Some(id("president"));
    let m = seul(&p, "signataires[1].id");
    assert_eq!(
        m,
        "duplicate id \"president\" (already used by the signatory at signataires[0].id)"
    );
}

#[test]
fn duplicate_section_id_is_reported_where_it_is_used_again() {
    let mut p = minimal();
    // Sections are checked before partners: the partner's id is the second use.
    p.sections[0].id = Some(id("caf"));
    let m = seul(&p, "partenaires[1].id");
    assert!(m.contains("section at sections[0].id"), "{m}");
}

// ---- References to partners -----------------------------------------------------------------

#[test]
fn signatory_naming_an_unknown_partner_gets_a_suggestion() {
    let mut p = minimal();
    p.signataires[1].partenaire = Some(id("caff"));
    let m = seul(&p, "signataires[1].partenaire");
    assert_eq!(m, "unknown partner \"caff\" (did you mean \"caf\"?)");
}

#[test]
fn signatory_naming_a_far_unknown_partner_lists_the_known_ones() {
    let mut p = minimal();
    p.signataires[0].partenaire = Some(id("prefecture-de-region"));
    let m = seul(&p, "signataires[0].partenaire");
    assert!(
        m.starts_with("unknown partner \"prefecture-de-region\""),
        "{m}"
    );
    assert!(
        m.contains("known partners: departement, caf, etat, ddets"),
        "{m}"
    );
}

#[test]
fn signatory_may_name_a_sub_partner() {
    let mut p = minimal();
    p.signataires[1].partenaire = Some(id("ddets"));
    assert_eq!(p.validate(None), Ok(()));
}

#[test]
fn instance_member_naming_an_unknown_partner() {
    let mut p = minimal();
    p.gouvernance.groupes[0].instances[1].membres[2].partenaire = Some(id("dddets"));
    let m = seul(
        &p,
        "gouvernance.groupes[0].instances[1].membres[2].partenaire",
    );
    assert_eq!(m, "unknown partner \"dddets\" (did you mean \"ddets\"?)");
}

#[test]
fn instance_pilot_naming_an_unknown_partner() {
    let mut p = minimal();
    p.gouvernance.groupes[0].instances[0].pilote = Some(Membre {
        partenaire: Some(id("departemnt")),
        libelle: None,
    });
    let m = seul(&p, "gouvernance.groupes[0].instances[0].pilote.partenaire");
    assert!(m.contains("unknown partner \"departemnt\""), "{m}");
    assert!(m.contains("did you mean \"departement\"?"), "{m}");
}

#[test]
fn member_with_neither_partner_nor_libelle() {
    let mut p = minimal();
    p.gouvernance.groupes[0].instances[1].membres[1] = Membre {
        partenaire: None,
        libelle: None,
    };
    let m = seul(&p, "gouvernance.groupes[0].instances[1].membres[1]");
    assert!(m.contains("\"partenaire\""), "{m}");
    assert!(m.contains("\"libelle\""), "{m}");
}

#[test]
fn member_with_an_empty_libelle() {
    let mut p = minimal();
    p.gouvernance.groupes[0].instances[1].membres[1].libelle = Some("  ".into());
    let m = seul(&p, "gouvernance.groupes[0].instances[1].membres[1].libelle");
    assert_eq!(m, "must not be empty");
}

// ---- Dates ----------------------------------------------------------------------------------

#[test]
fn period_ending_before_it_starts() {
    let mut p = minimal();
    p.periode.fin = 2020;
    let m = seul(&p, "periode.fin");
    assert_eq!(m, "the period ends (2020) before it starts (2021)");
}

#[test]
fn end_date_before_the_date_of_effect() {
    let mut p = minimal();
    p.periode.date_effet = Some(date("2021-07-01"));
    p.periode.date_fin = Some(date("2021-06-30"));
    let m = seul(&p, "periode.date_fin");
    assert_eq!(
        m,
        "end date 2021-06-30 is before the date of effect 2021-07-01"
    );
}

#[test]
fn end_date_before_the_period() {
    let mut p = minimal();
    p.periode.date_effet = None;
    p.periode.date_fin = Some(date("2020-12-31"));
    let m = seul(&p, "periode.date_fin");
    assert_eq!(m, "end date 2020-12-31 is before the period starts (2021)");
}

#[test]
fn a_one_year_period_is_valid() {
    let mut p = minimal();
    p.periode.fin = p.periode.debut;
    p.periode.date_fin = Some(date("2021-12-31"));
    assert_eq!(p.validate(None), Ok(()));
}

// ---- Required texts -------------------------------------------------------------------------

#[test]
fn empty_title() {
    let mut p = minimal();
    p.titre = " \t ".into();
    assert_eq!(seul(&p, "titre"), "must not be empty");
}

#[test]
fn empty_departement_name() {
    let mut p = minimal();
    p.departement.nom = String::new();
    assert_eq!(seul(&p, "departement.nom"), "must not be empty");
}

#[test]
fn empty_partner_name() {
    let mut p = minimal();
    p.partenaires[2].sous_partenaires[0].nom = " ".into();
    assert_eq!(
        seul(&p, "partenaires[2].sous_partenaires[0].nom"),
        "must not be empty"
    );
}

#[test]
fn empty_engagement_text() {
    let mut p = minimal();
    p.partenaires[0].engagements[1].texte = Texte::default();
    assert_eq!(
        seul(&p, "partenaires[0].engagements[1].texte"),
        "must not be empty"
    );
}

#[test]
fn engagement_text_of_white_space_only_is_empty() {
    let mut p = minimal();
    // Markdown that yields blocks but no visible character.
    p.partenaires[0].engagements[1].texte = Texte::markdown("**  **").unwrap();
    assert_eq!(
        seul(&p, "partenaires[0].engagements[1].texte"),
        "must not be empty"
    );
}

#[test]
fn empty_nested_engagement_text() {
    let mut p = minimal();
    p.partenaires[1].engagements[0].sous_engagements[1].texte = Texte::default();
    assert_eq!(
        seul(
            &p,
            "partenaires[1].engagements[0].sous_engagements[1].texte"
        ),
        "must not be empty"
    );
}

#[test]
fn empty_engagement_text_from_json() {
    let json = MINIMAL.replace("\"Animer le réseau des partenaires.\"", "\"\"");
    let p = Pacte::from_json(&json).unwrap();
    assert_eq!(
        seul(&p, "partenaires[0].engagements[1].texte"),
        "must not be empty"
    );
}

#[test]
fn empty_signatory_quality() {
    let mut p = minimal();
    p.signataires[1].qualite = Some(String::new());
    assert_eq!(seul(&p, "signataires[1].qualite"), "must not be empty");
}

#[test]
fn empty_signatory_pour() {
    let mut p = minimal();
    p.signataires[0].pour = "  ".into();
    assert_eq!(seul(&p, "signataires[0].pour"), "must not be empty");
}

#[test]
fn empty_section_title_in_a_sub_section() {
    let mut p = minimal();
    p.sections[0].sous_sections[1].titre = String::new();
    assert_eq!(
        seul(&p, "sections[0].sous_sections[1].titre"),
        "must not be empty"
    );
}

#[test]
fn empty_title_in_a_partner_sub_section() {
    let mut p = minimal();
    let mut s = Section::new("Le contexte", Texte::markdown("Du texte.").unwrap());
    s.sous_sections.push(Section::new("", Texte::default()));
    p.partenaires[1].sous_sections.push(s);
    assert_eq!(
        seul(&p, "partenaires[1].sous_sections[0].sous_sections[0].titre"),
        "must not be empty"
    );
}

#[test]
fn empty_instance_name_and_group_title() {
    let mut p = minimal();
    p.gouvernance.groupes[0].titre = String::new();
    p.gouvernance.groupes[0].instances[0].nom = String::new();
    let v = problemes(&p);
    let chemins: Vec<&str> = v.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        chemins,
        [
            "gouvernance.groupes[0].titre",
            "gouvernance.groupes[0].instances[0].nom"
        ]
    );
}

// ---- Logo files -----------------------------------------------------------------------------

#[test]
fn missing_logo_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = minimal();
    p.logo = Some(PathBuf::from("absent.png"));
    let m = seul_dans(&p, Some(dir.path()), "logo");
    // The message names the file as the pact does (not the server's folders), and why.
    assert_eq!(
        m,
        "image file \"absent.png\" cannot be read: No such file or directory (os error 2)"
    );
}

#[test]
fn logo_that_is_not_an_image() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("logo.png"), "ceci n'est pas une image\n").unwrap();
    let mut p = minimal();
    p.logo = Some(PathBuf::from("logo.png"));
    let m = seul_dans(&p, Some(dir.path()), "logo");
    assert!(m.contains("logo.png"), "{m}");
    assert!(
        m.contains("is not a PNG or JPEG image") || m.contains("is not a readable image"),
        "{m}"
    );
}

#[test]
fn logo_in_another_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A GIF signature under a .png name: the content decides, not the extension.
    std::fs::write(
        dir.path().join("logo.png"),
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    )
    .unwrap();
    let mut p = minimal();
    p.logo = Some(PathBuf::from("logo.png"));
    let m = seul_dans(&p, Some(dir.path()), "logo");
    assert!(m.contains("is not a PNG or JPEG image"), "{m}");
}

#[test]
fn valid_png_logo_passes_and_signatory_logo_is_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("logo.png");
    image::RgbImage::from_pixel(8, 4, image::Rgb([200, 30, 60]))
        .save(&png)
        .unwrap();
    let jpeg = dir.path().join("caf.jpg");
    image::RgbImage::from_pixel(6, 6, image::Rgb([0, 90, 160]))
        .save(&jpeg)
        .unwrap();
    let mut p = minimal();
    p.logo = Some(PathBuf::from("logo.png"));
    p.signataires[1].logo = Some(PathBuf::from("caf.jpg"));
    assert_eq!(p.validate(Some(dir.path())), Ok(()));
    // From another base folder, relative and absolute logos alike are outside it, unless
    // their folder is allowed.
    let ailleurs = tempfile::tempdir().unwrap();
    p.logo = Some(png);
    p.signataires[1].logo = Some(jpeg);
    let problems = p.validate(Some(ailleurs.path())).unwrap_err().0;
    assert_eq!(problems.len(), 2, "{problems:?}");
    for pb in &problems {
        assert!(
            pb.message.contains("is outside the allowed folders"),
            "{pb}"
        );
    }
    let options = pacte::RenderOptions {
        allowed_dirs: vec![dir.path().to_path_buf()],
        ..pacte::RenderOptions::for_dir(ailleurs.path())
    };
    assert_eq!(p.validate_with(&options), Ok(()));
}

// ---- Fiches-action, signatories -------------------------------------------------------------

#[test]
fn fiche_action_number_zero() {
    let mut p = minimal();
    p.partenaires[1].engagements[0].sous_engagements[1].fiches_action = vec![3, 0];
    let m = seul(
        &p,
        "partenaires[1].engagements[0].sous_engagements[1].fiches_action",
    );
    assert_eq!(m, "fiche-action numbers start at 1");
}

#[test]
fn no_signatory() {
    let mut p = minimal();
    p.signataires.clear();
    let m = seul(&p, "signataires");
    assert!(m.contains("at least one signatory"), "{m}");
}

// ---- Everything at once ---------------------------------------------------------------------

#[test]
fn several_problems_are_all_reported_in_document_order() {
    let mut p = minimal();
    p.titre = String::new();
    p.periode.fin = 2019;
    p.partenaires[0].engagements[0].fiches_action = vec![0];
    p.partenaires[2].nom = String::new();
    p.gouvernance.groupes[0].instances[1].membres[0].partenaire = Some(id("etta"));
    p.signataires[1].id = Some(id("president"));
    p.signataires[1].partenaire = Some(id("caff"));
    p.signataires[1].qualite = Some(String::new());
    let v = problemes(&p);
    let chemins: Vec<&str> = v.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        chemins,
        [
            "titre",
            "periode.fin",
            "partenaires[0].engagements[0].fiches_action",
            "partenaires[2].nom",
            "gouvernance.groupes[0].instances[1].membres[0].partenaire",
            "signataires[1].id",
            "signataires[1].qualite",
            "signataires[1].partenaire",
        ]
    );
    // The error displays one line per problem, "path: message".
    let affiche = p.validate(None).unwrap_err().to_string();
    assert_eq!(affiche.lines().count(), 8, "{affiche}");
    assert!(
        affiche
            .lines()
            .any(|l| l
                == "signataires[1].partenaire: unknown partner \"caff\" (did you mean \"caf\"?)"),
        "{affiche}"
    );
}

/// The minimal pact with its first section's text replaced by `texte` (Markdown).
fn avec_texte(texte: &str) -> Result<Pacte, pacte::model::ReadError> {
    let mut v: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    v["sections"][0]["texte"] = serde_json::Value::String(texte.to_string());
    Pacte::from_json(&serde_json::to_string_pretty(&v).unwrap())
}

#[test]
fn footnote_with_an_unknown_label_names_the_text_and_the_label() {
    let e = avec_texte("Le territoire compte 12 000 allocataires[^caf].").unwrap_err();
    assert_eq!(e.path(), Some("sections[0].texte"), "{e}");
    let m = e.to_string();
    assert!(m.contains("sections[0].texte"), "{m}");
    assert!(
        m.contains("footnote [^caf] is called but not defined"),
        "{m}"
    );
}

#[test]
fn footnote_never_called_or_called_twice_is_refused() {
    let e = avec_texte("Un marché tendu.\n\n[^insee]: Source : l'Insee, 2023.").unwrap_err();
    assert_eq!(e.path(), Some("sections[0].texte"), "{e}");
    assert!(
        e.to_string()
            .contains("footnote [^insee] is defined but never called"),
        "{e}"
    );
    let e = avec_texte("Un[^a] et deux[^a].\n\n[^a]: Une note.").unwrap_err();
    assert!(
        e.to_string().contains("footnote [^a] is called twice"),
        "{e}"
    );
    let ok = avec_texte("Un marché tendu[^insee].\n\n[^insee]: Source : l'Insee, 2023.");
    let p = ok.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.validate(None), Ok(()));
}

/// The minimal pact with its CAF block signed by two people, as JSON edits.
fn deux_pour_la_caf(edit: impl FnOnce(&mut serde_json::Value)) -> Pacte {
    let mut v: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    v["signataires"][1] = serde_json::json!({
        "partenaire": "caf",
        "pour": "la CAF",
        "personnes": [
            { "id": "president-caf", "qualite": "Le Président", "nom": "Jean Martin" },
            {
                "id": "directeur-caf",
                "qualite": "Par délégation,\nLe Directeur adjoint",
                "lieu": "Le Mans",
                "date": "2024-03-18"
            }
        ]
    });
    edit(&mut v);
    Pacte::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_block_may_list_several_people_and_the_one_signer_form_stays_read() {
    let p = deux_pour_la_caf(|_| {});
    p.validate(None).unwrap_or_else(|e| panic!("{e}"));
    let people = p.personnes_signataires();
    assert_eq!(people.len(), 3);
    assert_eq!(people[0].1.qualite, "Le Président");
    assert_eq!(people[0].0.pour, "le Département");
    assert_eq!(
        people[2].1.lignes_qualite(),
        ["Par délégation,", "Le Directeur adjoint"]
    );
    assert_eq!(
        people[2].1.mention_fait_a().as_deref(),
        Some("Fait au Mans, le 18 mars 2024")
    );
    assert_eq!(people[1].1.mention_fait_a(), None);
    // Written back, read again: the same pact.
    assert_eq!(Pacte::from_json(&p.to_json()).unwrap(), p);
}

#[test]
fn problems_of_a_block_of_several_people_name_their_person() {
    let p = deux_pour_la_caf(|v| v["signataires"][1]["personnes"][1]["qualite"] = " ".into());
    assert_eq!(
        seul(&p, "signataires[1].personnes[1].qualite"),
        "must not be empty"
    );
    let p = deux_pour_la_caf(|v| v["signataires"][1]["personnes"][0]["nom"] = "".into());
    assert_eq!(
        seul(&p, "signataires[1].personnes[0].nom"),
        "must not be empty"
    );
    let p =
        deux_pour_la_caf(|v| v["signataires"][1]["personnes"][0]["nom"] = "Jean\nMartin".into());
    assert!(seul(&p, "signataires[1].personnes[0].nom").contains("one line"));
    let p = deux_pour_la_caf(|v| v["signataires"][1]["personnes"][1]["id"] = "president".into());
    assert!(seul(&p, "signataires[1].personnes[1].id").contains("duplicate id"));
    let p = deux_pour_la_caf(|v| v["signataires"][1]["personnes"][1]["lieu"] = " ".into());
    assert_eq!(
        seul(&p, "signataires[1].personnes[1].lieu"),
        "must not be empty"
    );
    let p = deux_pour_la_caf(|v| v["signataires"][1]["qualite"] = "Le Directeur".into());
    assert!(seul(&p, "signataires[1].qualite").contains("each person's qualite"));
    let p = deux_pour_la_caf(|v| {
        let one = v["signataires"][1]["personnes"][0].clone();
        let many: Vec<serde_json::Value> = (0..=8)
            .map(|k| {
                let mut p = one.clone();
                p["id"] = format!("caf-{k}").into();
                p
            })
            .collect();
        v["signataires"][1]["personnes"] = many.into();
    });
    let m = seul(&p, "signataires[1].personnes");
    assert!(m.contains("at most 8"), "{m}");
}

#[test]
fn a_block_without_quality_nor_people_is_refused_at_its_quality() {
    let mut p = minimal();
    p.signataires[1].qualite = None;
    assert_eq!(seul(&p, "signataires[1].qualite"), "must not be empty");
    let e = Pacte::from_json(&MINIMAL.replace(
        r#""qualite": "Le Directeur""#,
        r#""personnes": [{ "nom": "Jean" }]"#,
    ))
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("signataires[1].personnes[0]") && e.contains("qualite"),
        "{e}"
    );
}

/// A table of five columns and four rows, its fourth row one cell short.
fn tableau_boiteux() -> pacte::model::Tableau {
    use pacte::model::{Cellule, Colonne, Tableau};
    let colonne = |t: &str| Colonne {
        titre: Cellule::texte(t),
        largeur: None,
        alignement: None,
    };
    let ligne = |n: usize| (0..n).map(|k| Cellule::texte(k.to_string())).collect();
    Tableau {
        legende: Some("Financement du PDI 2025".into()),
        colonnes: ["Financeur", "2023", "2024", "2025", "Total"]
            .map(colonne)
            .to_vec(),
        sous_entetes: Vec::new(),
        lignes: vec![ligne(5), ligne(5), ligne(5), ligne(4)],
        total: Some(ligne(5)),
    }
}

#[test]
fn a_table_row_with_a_wrong_count_of_cells_is_named() {
    use pacte::model::Bloc;
    let mut p = minimal();
    p.sections[0].texte = Texte::from(vec![
        Bloc::paragraphe("Le budget :"),
        Bloc::Tableau(tableau_boiteux()),
    ]);
    let m = seul(&p, "sections[0].texte[1].lignes[3]");
    assert_eq!(m, "4 cells where the table has 5 columns");
}

#[test]
fn table_widths_over_the_measure_and_an_empty_caption() {
    use pacte::model::Bloc;
    let mut p = minimal();
    let mut t = tableau_boiteux();
    t.lignes.pop();
    t.legende = Some("  ".into());
    t.colonnes[0].largeur = Some(0.6);
    t.colonnes[1].largeur = Some(0.5);
    p.sections[0].sous_sections[1].texte = Texte::from(vec![Bloc::Tableau(t)]);
    let v = problemes(&p);
    let vus: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    let c = "sections[0].sous_sections[1].texte[0]";
    assert_eq!(
        vus,
        [
            format!("{c}.legende: the caption must not be empty (leave `legende` out for a table without one)"),
            format!("{c}.colonnes: the columns' widths add up to 1.100, more than the measure (1)"),
        ]
    );
}

#[test]
fn a_table_read_from_json_is_refused_at_its_row() {
    let pact = MINIMAL.replacen(
        r#""texte": "Le territoire compte **12 000** allocataires du RSA.","#,
        r#""texte": ["Le budget :", {"type": "tableau", "legende": "Budget",
            "colonnes": [{"titre": "Poste"}, {"titre": "Montant", "alignement": "droite"}],
            "lignes": [["Accompagnement", "1 000"], ["Mobilité", "500", "200"]],
            "total": ["Total", "1 500"]}],"#,
        1,
    );
    assert_ne!(pact, MINIMAL);
    let e = Pacte::from_json(&pact).unwrap_err().to_string();
    assert!(
        e.starts_with("sections[0].texte[1] (line ")
            && e.ends_with("lignes[1]: 3 cells where the table has 2 columns"),
        "{e}"
    );
    // In Markdown, the row as written is named.
    let pact = MINIMAL.replacen(
        "Le territoire compte **12 000** allocataires du RSA.",
        r"| Poste | Montant |\n|---|---:|\n| Accompagnement | 1 000 | 12 |",
        1,
    );
    let e = Pacte::from_json(&pact).unwrap_err().to_string();
    assert!(
        e.contains("sections[0].texte")
            && e.contains("table row 1 (\"| Accompagnement | 1 000 | 12 |\"): 3 cells where the table has 2 columns"),
        "{e}"
    );
}

#[test]
fn a_template_placeholder_left_in_a_string_is_refused_where_it_is() {
    let mut p = minimal();
    p.partenaires[1].nom = "La CAF {Departement.De}".into();
    let message = seul(&p, "partenaires[1].nom");
    assert!(
        message.contains("template placeholder {Departement.De}")
            && message.contains("pacte batch --template"),
        "{message}"
    );
    // Braces that name no placeholder are text.
    p.partenaires[1].nom = "La CAF {voir annexe}".into();
    assert_eq!(p.validate(None), Ok(()));
}
