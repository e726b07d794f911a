//! Malformed pact files give errors that name their place, never a panic or a stack
//! overflow. Every test runs on the ordinary test thread (default stack size).

use pacte::model::{Pacte, ReadError};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("{name}.json"));
    std::fs::read_to_string(path).unwrap()
}

fn vaucluse() -> serde_json::Value {
    serde_json::from_str(&fixture("vaucluse-2017-2020")).unwrap()
}

/// Parses a JSON value (re-serialised as text) and returns the error.
fn erreur(v: &serde_json::Value) -> ReadError {
    erreur_texte(&serde_json::to_string_pretty(v).unwrap())
}

fn erreur_texte(s: &str) -> ReadError {
    match Pacte::from_json(s) {
        Ok(_) => panic!("the input should be refused"),
        Err(e) => e,
    }
}

/// Asserts a data error at `chemin` and returns its message.
fn donnee(e: &ReadError, chemin: &str) -> String {
    match e {
        ReadError::Data {
            path,
            line,
            column,
            message,
        } => {
            assert_eq!(path, chemin, "{e}");
            assert!(*line >= 1 && *column >= 1, "{e}");
            assert_eq!(e.path(), Some(chemin));
            message.clone()
        }
        other => panic!("expected a data error at {chemin}, got {other:?}"),
    }
}

// ---- Truncated JSON -------------------------------------------------------------------------

#[test]
fn truncated_fixture_is_a_syntax_error_at_the_end_of_the_text() {
    let src = fixture("vaucluse-2017-2020");
    let mut coupes = 0;
    let mut cut = 0;
    while cut < src.len() {
        // Cut on a character boundary (the fixture has accented letters).
        let mut c = cut;
        while !src.is_char_boundary(c) {
            c -= 1;
        }
        let prefixe = &src[..c];
        match Pacte::from_json(prefixe) {
            Ok(_) => panic!("a pact cut at byte {c} was accepted"),
            Err(ReadError::Syntax {
                line: ligne,
                column: colonne,
                message,
            }) => {
                // The place is the end of what was read: the last line of the prefix.
                let lignes = prefixe.matches('\n').count() + 1;
                assert_eq!(ligne, lignes, "cut at {c}: {message}");
                // serde_json counts columns in bytes.
                let derniere = prefixe.rsplit('\n').next().unwrap_or("");
                assert!(
                    colonne <= derniere.len() + 1,
                    "cut at {c}: column {colonne} beyond the line ({message})"
                );
                let affiche = ReadError::Syntax {
                    line: ligne,
                    column: colonne,
                    message: message.clone(),
                }
                .to_string();
                assert!(
                    affiche.starts_with(&format!("line {ligne}:{colonne}: JSON syntax error")),
                    "{affiche}"
                );
                assert!(
                    !message.contains(" at line "),
                    "place given twice: {message}"
                );
            }
            Err(e) => panic!("cut at {c}: expected a syntax error, got {e}"),
        }
        coupes += 1;
        cut += 997;
    }
    assert!(coupes > 70, "{coupes} cut points");
}

#[test]
fn trailing_garbage_and_empty_input_are_syntax_errors() {
    let src = fixture("allier-2018-2021");
    let e = erreur_texte(&format!("{src}\n}}"));
    let lignes = src.matches('\n').count() + 2;
    assert!(
        matches!(e, ReadError::Syntax { line: ligne, .. } if ligne == lignes),
        "{e}"
    );
    assert!(matches!(erreur_texte(""), ReadError::Syntax { .. }));
    assert!(matches!(erreur_texte("   \n"), ReadError::Syntax { .. }));
    // Valid JSON that is not an object.
    let e = erreur_texte("[1, 2]");
    assert!(matches!(e, ReadError::Data { .. }), "{e}");
}

// ---- Wrong types, unknown keys, bad values --------------------------------------------------

#[test]
fn number_where_a_string_is_expected() {
    let mut v = vaucluse();
    v["titre"] = serde_json::json!(12);
    let m = donnee(&erreur(&v), "titre");
    assert!(m.contains("invalid type: integer `12`"), "{m}");
    assert!(m.contains("string"), "{m}");

    let mut v = vaucluse();
    v["partenaires"][2]["nom"] = serde_json::json!(3.5);
    let m = donnee(&erreur(&v), "partenaires[2].nom");
    assert!(m.contains("invalid type: floating point `3.5`"), "{m}");
}

#[test]
fn string_where_a_number_is_expected() {
    let mut v = vaucluse();
    v["periode"]["debut"] = serde_json::json!("2017");
    let m = donnee(&erreur(&v), "periode.debut");
    assert!(m.contains("invalid type: string \"2017\""), "{m}");
}

#[test]
fn missing_required_key() {
    let mut v = vaucluse();
    v["signataires"][3].as_object_mut().unwrap().remove("pour");
    let e = erreur(&v);
    let m = match &e {
        ReadError::Data { path, message, .. } => {
            assert!(path.starts_with("signataires[3]"), "{e}");
            message.clone()
        }
        other => panic!("{other:?}"),
    };
    assert!(m.contains("missing field `pour`"), "{m}");
}

#[test]
fn unknown_key_at_the_root() {
    let mut v = vaucluse();
    let titre = v["titre"].take();
    v.as_object_mut().unwrap().remove("titre");
    v["titr"] = titre;
    match erreur(&v) {
        ReadError::UnknownKey {
            key: cle,
            suggestion,
            ..
        } => {
            assert_eq!(cle, "titr");
            assert_eq!(suggestion.as_deref(), Some("titre"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_key_deep_names_the_key_and_suggests_the_right_one() {
    let mut v = vaucluse();
    let p = v["partenaires"][1].as_object_mut().unwrap();
    let e = p.remove("engagements").unwrap();
    p.insert("engagments".into(), e);
    let e = erreur(&v);
    let affiche = e.to_string();
    match &e {
        ReadError::UnknownKey {
            path,
            key: cle,
            suggestion,
            ..
        } => {
            assert_eq!(cle, "engagments");
            assert_eq!(suggestion.as_deref(), Some("engagements"));
            assert!(path.starts_with("partenaires[1]"), "{affiche}");
        }
        other => panic!("{other:?}"),
    }
    assert!(affiche.contains("partenaires[1]"), "{affiche}");
    assert!(
        affiche.contains("unknown key \"engagments\" (did you mean \"engagements\"?)"),
        "{affiche}"
    );
}

#[test]
fn unknown_key_far_from_any_gets_no_suggestion() {
    let mut v = vaucluse();
    v["gouvernance"]["groupes"][0]["instances"][1]["xyzzy"] = serde_json::json!(1);
    match erreur(&v) {
        ReadError::UnknownKey {
            path,
            key: cle,
            suggestion,
            ..
        } => {
            assert_eq!(cle, "xyzzy");
            assert_eq!(suggestion, None);
            assert!(
                path.starts_with("gouvernance.groupes[0].instances[1]"),
                "{path}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_enum_value() {
    let mut v = vaucluse();
    v["partenaires"][0]["nature"] = serde_json::json!("prefecture");
    let m = donnee(&erreur(&v), "partenaires[0].nature");
    assert!(m.contains("unknown variant `prefecture`"), "{m}");
    assert!(m.contains("`etat`"), "the accepted values are listed: {m}");
}

#[test]
fn bad_date() {
    let mut v = vaucluse();
    v["periode"]["date_fin"] = serde_json::json!("31.12.2020");
    let m = donnee(&erreur(&v), "periode.date_fin");
    assert!(m.contains("invalid date \"31.12.2020\""), "{m}");
    assert!(m.contains("YYYY-MM-DD"), "{m}");

    // Well written, but not in the calendar.
    let mut v = vaucluse();
    v["periode"]["date_fin"] = serde_json::json!("2021-02-29");
    let m = donnee(&erreur(&v), "periode.date_fin");
    assert!(m.contains("\"2021-02-29\""), "{m}");
}

#[test]
fn bad_id() {
    let mut v = vaucluse();
    v["partenaires"][0]["id"] = serde_json::json!("Etat");
    let m = donnee(&erreur(&v), "partenaires[0].id");
    assert!(m.contains("invalid id \"Etat\""), "{m}");
    assert!(m.contains("lower-case"), "{m}");

    let mut v = vaucluse();
    v["signataires"][0]["partenaire"] = serde_json::json!("pôle emploi");
    donnee(&erreur(&v), "signataires[0].partenaire");
}

#[test]
fn bad_colour() {
    for bad in ["blue", "#12345", "#1234567", "#GG0000", "#éé00"] {
        let mut v = vaucluse();
        v["apparence"] = serde_json::json!({ "couleur_principale": bad });
        let m = donnee(&erreur(&v), "apparence.couleur_principale");
        assert!(m.contains(&format!("invalid colour \"{bad}\"")), "{m}");
    }
}

#[test]
fn markdown_heading_in_a_text_names_the_path() {
    let mut v = vaucluse();
    v["partenaires"][1]["presentation"] = serde_json::json!("## Présentation\n\nLa CAF…");
    let m = donnee(&erreur(&v), "partenaires[1].presentation");
    assert!(m.contains("Markdown heading"), "{m}");
    assert!(m.contains("section or sub-section title"), "{m}");

    let mut v = vaucluse();
    v["partenaires"][1]["engagements"][0]["texte"] = serde_json::json!("Texte\n\n# Titre");
    let m = donnee(&erreur(&v), "partenaires[1].engagements[0].texte");
    assert!(m.contains("Markdown heading"), "{m}");
}

// ---- Size and depth -------------------------------------------------------------------------

#[test]
fn ten_megabyte_string_in_a_text_field() {
    let mot = "insertion professionnelle des bénéficiaires du RSA ";
    let grand: String = mot.repeat(10_000_000 / mot.len() + 1);
    assert!(grand.len() >= 10_000_000);
    for cle in ["presentation", "nom"] {
        let mut v = vaucluse();
        v["partenaires"][1][cle] = serde_json::json!(grand);
        let json = serde_json::to_string(&v).unwrap();
        let debut = Instant::now();
        let resultat = Pacte::from_json(&json);
        let duree = debut.elapsed();
        assert!(
            duree < Duration::from_secs(60),
            "{cle}: parsing 10 MB took {duree:?}"
        );
        let p = resultat.unwrap_or_else(|e| panic!("{cle}: {e}"));
        let caf = &p.partenaires[1];
        let lu = if cle == "nom" {
            caf.nom.len()
        } else {
            caf.presentation.texte_brut().len()
        };
        assert!(lu >= 9_900_000, "{cle}: {lu} bytes kept");
    }
}

#[test]
fn deep_brackets_inside_a_text_field() {
    // As JSON: a typed-form text nested 100 000 arrays deep.
    let json = fixture("allier-2018-2021");
    let ouvre = "[".repeat(100_000);
    let cible = "\"preambule\": {";
    let i = json.find(cible).unwrap() + cible.len();
    let profond = format!("{} \"texte\": {ouvre}", &json[..i]);
    // Refused at the second bracket (a block is an object), long before any deep recursion.
    let e = erreur_texte(&profond);
    assert!(e.path().unwrap_or("").starts_with("preambule.texte"), "{e}");

    // As Markdown: 100 000 '[' characters in a string are just text.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["partenaires"][0]["presentation"] = serde_json::json!(format!("{ouvre} fin"));
    let p = Pacte::from_json(&serde_json::to_string(&v).unwrap()).unwrap();
    assert!(p.partenaires[0]
        .presentation
        .texte_brut()
        .starts_with("[[["));
}

#[test]
fn deeply_nested_typed_blocks_are_refused() {
    // A typed-form quote inside a quote, 300 deep.
    let mut bloc =
        serde_json::json!({ "type": "paragraphe", "contenu": [{ "type": "texte", "texte": "x" }] });
    for _ in 0..300 {
        bloc = serde_json::json!({ "type": "citation", "contenu": [bloc] });
    }
    let mut v = vaucluse();
    v["duree"] = serde_json::json!([bloc]);
    let e = erreur(&v);
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn deeply_nested_sous_engagements_are_refused() {
    let mut e = serde_json::json!({ "texte": "le plus profond" });
    for i in 0..200 {
        e = serde_json::json!({ "texte": format!("niveau {i}"), "sous_engagements": [e] });
    }
    let mut v = vaucluse();
    v["partenaires"][1]["engagements"] = serde_json::json!([e]);
    let e = erreur(&v);
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn moderately_nested_sous_engagements_are_accepted() {
    let mut e = serde_json::json!({ "texte": "le plus profond" });
    for i in 0..10 {
        e = serde_json::json!({ "texte": format!("niveau {i}"), "sous_engagements": [e] });
    }
    let mut v = vaucluse();
    v["partenaires"][1]["engagements"] = serde_json::json!([e]);
    let p = Pacte::from_json(&serde_json::to_string(&v).unwrap()).unwrap();
    let mut profondeur = 0;
    let mut e = &p.partenaires[1].engagements[0];
    while let Some(sous) = e.sous_engagements.first() {
        profondeur += 1;
        e = sous;
    }
    assert_eq!(profondeur, 10);
}

#[test]
fn deeply_nested_markdown_lists_and_quotes_are_refused() {
    let liste: String = (0..500)
        .map(|i| format!("{}- niveau {i}\n", "  ".repeat(i)))
        .collect();
    let citations = format!("{} x", ">".repeat(100_000));
    let gras = format!("{}x{}", "<b>".repeat(10_000), "</b>".repeat(10_000));
    for (nom, texte) in [
        ("lists", liste),
        ("quotes", citations),
        ("inline bold", gras),
    ] {
        let mut v = vaucluse();
        v["partenaires"][2]["engagements"][0]["texte"] = serde_json::json!(texte);
        let debut = Instant::now();
        let e = match Pacte::from_json(&serde_json::to_string(&v).unwrap()) {
            Ok(_) => panic!("{nom}: accepted"),
            Err(e) => e,
        };
        assert!(
            debut.elapsed() < Duration::from_secs(60),
            "{nom}: {:?}",
            debut.elapsed()
        );
        let m = donnee(&e, "partenaires[2].engagements[0].texte");
        assert!(m.contains("nested more than 24 levels deep"), "{nom}: {m}");
        assert!(m.contains("markdown_depth"), "{nom}: {m}");
    }
}

#[test]
fn markdown_within_the_nesting_limit_is_accepted() {
    let liste: String = (0..5)
        .map(|i| format!("{}- niveau {i}\n", "  ".repeat(i)))
        .collect();
    let mut v = vaucluse();
    v["partenaires"][2]["engagements"][0]["texte"] = serde_json::json!(liste);
    let p = Pacte::from_json(&serde_json::to_string(&v).unwrap()).unwrap();
    let t = p.partenaires[2].engagements[0].texte.texte_brut();
    assert!(t.contains("niveau 0") && t.contains("niveau 4"), "{t}");
}

#[test]
fn unsupported_markdown_is_refused_with_its_path() {
    let mut v = vaucluse();
    v["partenaires"][1]["presentation"] = serde_json::json!("Texte <script>alert(1)</script>");
    let m = donnee(&erreur(&v), "partenaires[1].presentation");
    assert!(m.contains("unsupported Markdown"), "{m}");
}

#[test]
fn invalid_utf8_and_control_characters_do_not_panic() {
    // A lone surrogate escape in a JSON string.
    let mut v = vaucluse();
    v["titre"] = serde_json::json!("PLACEHOLDER");
    let json = serde_json::to_string(&v)
        .unwrap()
        .replace("PLACEHOLDER", "\\ud800");
    assert!(Pacte::from_json(&json).is_err());
    // Raw bytes that are not UTF-8, through the reader.
    let mut octets = fixture("allier-2018-2021").into_bytes();
    octets.insert(200, 0xff);
    assert!(Pacte::from_reader(&octets[..]).is_err());
}
