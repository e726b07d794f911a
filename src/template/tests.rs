use super::*;
use crate::registry::departement;
use serde_json::json;

fn modele() -> Template {
    Template::from_json(
        r#"{
        "titre": "Pacte Territorial d'Insertion",
        "sous_titre": "{departement.nom} — {periode}",
        "periode": { "debut": 2024, "fin": 2027 },
        "partenaires": [
            { "id": "departement", "nom": "{Collectivite}", "nature": "departement",
              "presentation": "{departement.Le} et ses partenaires. {departement.statut}",
              "engagements": [ { "texte": "{Collectivite} s'engage {{sic}}." } ] },
            { "$si": "region_distincte", "id": "region", "nom": "{Collectivite_region}", "nature": "region" },
            { "id": "etat", "nom": "L'État", "nature": "etat",
              "engagements": [ { "texte": "Le préfet {departement.de} réunit le comité à {chef_lieu}." } ] }
        ],
        "duree": "Le présent pacte vaut pour la période {periode}.",
        "signataires": [
            { "pour": "l'État", "qualite": "Le Préfet {departement.de}" },
            { "$si": "region_distincte", "pour": "{collectivite_region}", "qualite": "{executif_region}" },
            { "pour": "{collectivite}", "qualite": "{executif}" }
        ]
    }"#,
    )
    .unwrap()
}

fn dep(code: &str) -> &'static crate::registry::Departement {
    departement(code).unwrap()
}

fn erreurs(e: TemplateError) -> Vec<crate::model::Problem> {
    match e {
        TemplateError::Resolution(v) => v.0,
        autre => panic!("expected resolution errors, got {autre}"),
    }
}

#[test]
fn resolves_for_an_ordinary_departement() {
    let p = modele().resolve(dep("03"), None).unwrap();
    assert_eq!(p.departement, dep("03").into());
    assert_eq!(p.sous_titre.as_deref(), Some("Allier — 2024-2027"));
    assert_eq!(p.partenaires.len(), 3);
    assert_eq!(p.partenaires[0].nom, "Le Département de l'Allier");
    assert_eq!(p.partenaires[1].nom, "La Région Auvergne-Rhône-Alpes");
    assert_eq!(
        p.partenaires[0].presentation.texte_brut().trim(),
        "L'Allier et ses partenaires."
    );
    assert_eq!(
        p.partenaires[0].engagements[0].texte.texte_brut().trim(),
        "Le Département de l'Allier s'engage {sic}."
    );
    assert_eq!(
        p.partenaires[2].engagements[0].texte.texte_brut().trim(),
        "Le préfet de l'Allier réunit le comité à Moulins."
    );
    assert_eq!(
        p.duree.texte_brut().trim(),
        "Le présent pacte vaut pour la période 2024-2027."
    );
    let s: Vec<(&str, &str)> = p
        .signataires
        .iter()
        .map(|s| (s.pour.as_str(), s.qualite.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        s,
        [
            ("l'État", "Le Préfet de l'Allier"),
            (
                "la Région Auvergne-Rhône-Alpes",
                "Le Président du Conseil régional"
            ),
            (
                "le Département de l'Allier",
                "Le Président du Conseil départemental"
            )
        ]
    );
}

#[test]
fn conditions_drop_the_region_where_one_body_holds_both_powers() {
    let p = modele().resolve(dep("2B"), None).unwrap();
    let ids: Vec<&str> = p.partenaires.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["departement", "etat"]);
    assert_eq!(p.partenaires[0].nom, "La Collectivité de Corse");
    assert!(p.partenaires[0]
        .presentation
        .texte_brut()
        .contains("Collectivité de Corse, collectivité à statut particulier"));
    assert_eq!(p.signataires.len(), 2);
    assert_eq!(
        p.signataires[1].qualite.as_deref(),
        Some("Le Président du Conseil exécutif de Corse")
    );
}

#[test]
fn unknown_placeholder_names_its_path_and_the_nearest_name() {
    let mut json = modele().json().clone();
    json["partenaires"][2]["engagements"] = json!([{ "texte": "Avec {departement.du} et {zzz}." }]);
    json["signataires"][0]["qualite"] = json!("Le Préfet {departement.de");
    let e = Template::from_json(&json.to_string())
        .unwrap()
        .resolve(dep("03"), None)
        .unwrap_err();
    let message = e.to_string();
    let e = erreurs(e);
    assert_eq!(e.len(), 3, "{message}");
    assert_eq!(e[0].path, "partenaires[2].engagements[0].texte");
    assert_eq!(
        e[0].message,
        TemplateProblem::UnknownPlaceholder {
            nom: "departement.du".into(),
            suggestion: Some("departement.de".into())
        }
        .to_string()
    );
    assert!(message.contains("partenaires[2].engagements[0].texte: unknown placeholder {departement.du} (did you mean {departement.de}?)"), "{message}");
    assert_eq!(
        e[1].message,
        TemplateProblem::UnknownPlaceholder {
            nom: "zzz".into(),
            suggestion: None
        }
        .to_string()
    );
    assert_eq!(e[2].path, "signataires[0].qualite");
    assert!(e[2].message.starts_with("unclosed '{'"), "{}", e[2]);
}

#[test]
fn paths_count_the_template_elements_even_when_some_are_dropped() {
    let mut json = modele().json().clone();
    json["signataires"][2]["qualite"] = json!("{executive}");
    let e = erreurs(
        Template::from_json(&json.to_string())
            .unwrap()
            .resolve(dep("2A"), None)
            .unwrap_err(),
    );
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].path, "signataires[2].qualite");
    assert_eq!(
        e[0].message,
        TemplateProblem::UnknownPlaceholder {
            nom: "executive".into(),
            suggestion: Some("executif".into())
        }
        .to_string()
    );
}

#[test]
fn merge_patch_override_is_applied_before_resolution() {
    let surcharge = json!({
        "sous_titre": "Département {departement.de}",
        "lieu_signature": "{chef_lieu}",
        "departement": { "de": "de Vaucluse", "le": "Vaucluse" },
        "signataires": [ { "pour": "l'État", "qualite": "Le Préfet {departement.de}" } ]
    });
    let p = modele().resolve(dep("84"), Some(&surcharge)).unwrap();
    assert_eq!(p.sous_titre.as_deref(), Some("Département de Vaucluse"));
    assert_eq!(
        p.lieu_signature
            .as_ref()
            .map(crate::model::Lieu::a)
            .as_deref(),
        Some("à Avignon")
    );
    assert_eq!(p.departement.de, "de Vaucluse");
    assert_eq!(p.departement.le, "Vaucluse");
    assert_eq!(p.departement.code, "84");
    assert_eq!(p.partenaires[0].nom, "Le Département de Vaucluse");
    assert_eq!(p.signataires.len(), 1);
    assert_eq!(
        p.signataires[0].qualite.as_deref(),
        Some("Le Préfet de Vaucluse")
    );
    // A null in the patch removes a key.
    let p = modele()
        .resolve(dep("84"), Some(&json!({ "sous_titre": null })))
        .unwrap();
    assert_eq!(p.sous_titre, None);
}

#[test]
fn template_values_and_their_alternatives() {
    let mut json = modele().json().clone();
    json["$valeurs"] = json!({
        "caf": [
            { "$si": "976", "valeur": "la Caisse de sécurité sociale de Mayotte" },
            { "valeur": "la Caisse d'allocations familiales {departement.de}" }
        ],
        "msa": "la Mutualité sociale agricole"
    });
    json["duree"] = json!("Avec {caf} et {msa} ; {Caf}.");
    let m = Template::from_json(&json.to_string()).unwrap();
    let p = m.resolve(dep("976"), None).unwrap();
    assert_eq!(
        p.duree.texte_brut().trim(),
        "Avec la Caisse de sécurité sociale de Mayotte et la Mutualité sociale agricole ; La Caisse de sécurité sociale de Mayotte."
    );
    let p = m
        .resolve(
            dep("80"),
            Some(&json!({ "$valeurs": { "msa": "la MSA de Picardie" } })),
        )
        .unwrap();
    assert_eq!(
        p.duree.texte_brut().trim(),
        "Avec la Caisse d'allocations familiales de la Somme et la MSA de Picardie ; La Caisse d'allocations familiales de la Somme."
    );
    assert!(!p.to_json().contains("$valeurs"));
}

#[test]
fn directive_defects_are_reported() {
    let cas = [
        (
            json!({ "$valeurs": { "departement.de": "x" } }),
            "$valeurs.departement.de",
        ),
        (json!({ "$valeurs": { "x": 3 } }), "$valeurs.x"),
        (
            json!({ "$valeurs": { "x": [ { "$si": "976", "valeur": "m" } ] } }),
            "$valeurs.x",
        ),
        (json!({ "$valeurs": [] }), "$valeurs"),
        (json!({ "$si": "drom" }), "$si"),
        (
            json!({ "partenaires": [ { "id": "etat", "nom": "x", "nature": "etat", "$sinon": "x" } ] }),
            "partenaires[0].$sinon",
        ),
        (
            json!({ "partenaires": [ { "id": "etat", "nom": "x", "nature": "etat", "$si": "drome" } ] }),
            "partenaires[0].$si",
        ),
        (
            json!({ "partenaires": [ { "id": "etat", "nom": "x", "nature": "etat", "$si": true } ] }),
            "partenaires[0].$si",
        ),
        (
            json!({ "departement": { "code": "84" } }),
            "departement.code",
        ),
        (json!({ "departement": "Allier" }), "departement"),
    ];
    for (patch, chemin) in cas {
        let e = erreurs(modele().resolve(dep("03"), Some(&patch)).unwrap_err());
        assert_eq!(
            e.iter().map(|x| x.path.as_str()).collect::<Vec<_>>(),
            [chemin],
            "{patch}"
        );
    }
    let e = erreurs(
        modele()
            .resolve(dep("03"), Some(&json!({ "periode": null })))
            .unwrap_err(),
    );
    assert!(
        e.iter().all(|x| x
            .message
            .ends_with("needs the template's periode (debut and fin)")),
        "{e:?}"
    );
}

#[test]
fn model_errors_name_their_path() {
    let e = modele()
        .resolve(
            dep("03"),
            Some(&json!({ "signataires": [ { "qualite": "x" } ] })),
        )
        .unwrap_err();
    match e {
        TemplateError::Template { chemin, message } => {
            assert_eq!(chemin, "signataires[0]");
            assert!(message.contains("pour"), "{message}");
        }
        autre => panic!("{autre}"),
    }
    let e = modele()
        .resolve(dep("03"), Some(&json!({ "titre": " " })))
        .unwrap_err();
    assert!(matches!(e, TemplateError::Invalid(_)), "{e}");
    assert!(matches!(
        Template::from_json("[1]"),
        Err(TemplateError::NotAnObject { .. })
    ));
    let e = Template::from_json("{\n  \"titre\": }").unwrap_err();
    assert!(
        e.to_string().starts_with("line 2:12: JSON syntax error"),
        "{e}"
    );
}

#[test]
fn a_string_is_a_template_when_it_holds_a_placeholder_whatever_its_characters() {
    use serde_json::json;
    assert!(Template::is_template(&json!(
        "le Département {departement.de} et lui"
    )));
    assert!(Template::is_template(
        &json!(["x", {"a": "{DEPARTEMENT.NOM}"}])
    ));
    // A brace before characters of several bytes, cut by a placeholder's length.
    for s in [
        "{…………………………………} {é",
        "{€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€",
        "{",
        "{}",
        "{departement.de",
    ] {
        assert!(!Template::is_template(&json!(s)), "{s}");
    }
}
