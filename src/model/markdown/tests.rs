//! The Markdown reader's tests.

use super::*;

fn p(v: Vec<Inline>) -> Bloc {
    Bloc::Paragraphe { contenu: v }
}

#[test]
fn inline_styles_and_superscript() {
    let t =
        parse("La loi du 1<sup>er</sup> décembre, **gras** et *italique* 2<sup>e</sup>.").unwrap();
    assert_eq!(
        t.0,
        vec![p(vec![
            Inline::texte("La loi du 1"),
            Inline::Exposant {
                contenu: vec![Inline::texte("er")]
            },
            Inline::texte(" décembre, "),
            Inline::Gras {
                contenu: vec![Inline::texte("gras")]
            },
            Inline::texte(" et "),
            Inline::Italique {
                contenu: vec![Inline::texte("italique")]
            },
            Inline::texte(" 2"),
            Inline::Exposant {
                contenu: vec![Inline::texte("e")]
            },
            Inline::texte("."),
        ])]
    );
}

#[test]
fn nested_lists_two_levels() {
    let t = parse("- un\n  - deux\n  - trois\n- quatre").unwrap();
    let Bloc::Liste {
        ordonnee, items, ..
    } = &t.0[0]
    else {
        panic!("{t:?}")
    };
    assert!(!ordonnee);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0][0], p(vec![Inline::texte("un")]));
    let Bloc::Liste { items: sous, .. } = &items[0][1] else {
        panic!()
    };
    assert_eq!(sous.len(), 2);
}

#[test]
fn numbered_list_keeps_its_start() {
    let t = parse("3. trois\n4. quatre").unwrap();
    assert!(matches!(&t.0[0], Bloc::Liste { ordonnee: true, debut: 3, items } if items.len() == 2));
}

#[test]
fn heading_is_refused() {
    assert!(matches!(parse("# Titre"), Err(MarkdownError::Titre(_))));
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let src: String = (0..200)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let trop = |r: Result<Texte, MarkdownError>| matches!(r, Err(MarkdownError::TropProfond(e)) if e.name == "markdown_depth" && e.limit == 24);
    assert!(trop(parse(&src)));
    let quotes = ">".repeat(5000) + " x";
    assert!(trop(parse(&quotes)));
}

#[test]
fn the_depth_limit_is_the_one_set_on_the_thread() {
    let src: String = (0..30)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    assert!(parse(&src).is_err());
    assert!(with_depth_limit(40, || parse(&src)).is_ok());
    let e = with_depth_limit(3, || parse(&src)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the text is nested more than 3 levels deep: it is over the limit markdown_depth = 3 \
         (raise RenderOptions::limits.markdown_depth, or --limit markdown_depth=N)"
    );
    assert!(parse(&src).is_err(), "the limit is put back");
}

#[test]
fn quote_and_hard_break() {
    let t = parse("> cité  \n  suite").unwrap();
    let Bloc::Citation { contenu } = &t.0[0] else {
        panic!()
    };
    assert_eq!(
        contenu[0],
        p(vec![
            Inline::texte("cité"),
            Inline::SautDeLigne,
            Inline::texte("suite")
        ])
    );
}

#[test]
fn table() {
    let t = parse("| a | b |\n|---|---|\n| 1 | **2** |").unwrap();
    let Bloc::Tableau(t) = &t.0[0] else {
        panic!("{t:?}")
    };
    assert_eq!(t.colonnes.len(), 2);
    assert_eq!(
        t.lignes[0][1].0,
        vec![Inline::Gras {
            contenu: vec![Inline::texte("2")]
        }]
    );
}

#[test]
fn a_footnote_call_holds_its_definition() {
    let t = parse(
        "Le fonds d'aide[^fai] et le plan[^2].\n\n[^fai]: Voir *le règlement* [ici](https://exemple.fr).\n[^2]: Seconde note.",
    )
    .unwrap();
    assert_eq!(t.0.len(), 1, "{t:?}");
    let Bloc::Paragraphe { contenu } = &t.0[0] else {
        panic!("{t:?}")
    };
    assert_eq!(contenu[0], Inline::texte("Le fonds d'aide"));
    let Inline::Note { contenu: note } = &contenu[1] else {
        panic!("{contenu:?}")
    };
    assert_eq!(note[0], Inline::texte("Voir "));
    assert!(matches!(note[1], Inline::Italique { .. }));
    assert!(matches!(note[3], Inline::Lien { .. }));
    assert_eq!(
        contenu[3],
        Inline::Note {
            contenu: vec![Inline::texte("Seconde note.")]
        }
    );
}

#[test]
fn footnote_errors_name_the_label() {
    let e = |s: &str| parse(s).unwrap_err();
    assert_eq!(
        e("Texte[^x]."),
        MarkdownError::NoteInconnue("x".into()),
        "a call without definition"
    );
    assert_eq!(
        e("Texte.\n\n[^y]: jamais appelée."),
        MarkdownError::NoteInutilisee("y".into())
    );
    assert_eq!(
        e("Un[^a] deux[^a].\n\n[^a]: note."),
        MarkdownError::NoteRepetee("a".into())
    );
    assert_eq!(
        e("Un[^a].\n\n[^a]: - liste"),
        MarkdownError::NoteForme("a".into())
    );
    assert!(e("Texte[^x].").to_string().contains("[^x]"));
    assert_eq!(
        e("- Un point[^x] dans une liste."),
        MarkdownError::NoteInconnue("x".into()),
        "a call without definition, in a list"
    );
}

#[test]
fn a_bracket_written_as_an_entity_is_text_not_a_call() {
    let t = parse("Le symbole &#91;^x] reste du texte.").unwrap();
    assert_eq!(t.texte_brut().trim_end(), "Le symbole [^x] reste du texte.");
}

mod table_tests {
    use super::*;
    use crate::model::texte::Alignement;

    const BUDGET: &str = "Le financement :\n\nTableau : Financement du PDI\n\n\
        | Financeur | Montant | Part |\n|:---|---:|:-:|\n| État | 1 200 | 40 |\n\
        | Département | 1 800 | 60 |\n| === | === | === |\n| **Total** | 3 000 | 100 |";

    #[test]
    fn caption_alignments_and_total_row() {
        let t = parse(BUDGET).unwrap();
        assert_eq!(t.0.len(), 2, "{t:?}");
        let Bloc::Tableau(t) = &t.0[1] else {
            panic!("{t:?}")
        };
        assert_eq!(t.legende.as_deref(), Some("Financement du PDI"));
        let alignements: Vec<_> = t.colonnes.iter().map(|c| c.alignement).collect();
        let attendu = [Alignement::Gauche, Alignement::Droite, Alignement::Centre];
        assert_eq!(alignements, attendu.map(Some));
        assert_eq!(t.lignes.len(), 2);
        assert_eq!(t.total.as_ref().map(Vec::len), Some(3));
        assert!(t.problems().is_empty());
    }

    #[test]
    fn a_caption_line_without_a_blank_line_before_the_table() {
        let t = parse("Tableau : Calendrier\n| a | b |\n|---|---|\n| 1 | 2 |").unwrap();
        let Bloc::Tableau(t) = &t.0[0] else {
            panic!("{t:?}")
        };
        assert_eq!(t.legende.as_deref(), Some("Calendrier"));
    }

    #[test]
    fn a_row_with_a_wrong_count_of_cells_is_named() {
        let src = "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 | 7 |";
        let e = parse(src).unwrap_err();
        assert_eq!(
            e.to_string(),
            "table row 2 (\"| 4 | 5 | 6 | 7 |\"): 4 cells where the table has 3 columns"
        );
        assert!(parse("| a | b |\n|---|---|\n| 1 |").is_err());
        let deux_totaux = "| a |\n|---|\n| 1 |\n| = |\n| 2 |\n| 3 |";
        assert!(parse(deux_totaux).is_err());
    }

    #[test]
    fn a_text_array_mixes_markdown_and_typed_tables() {
        let json = r#"["Intro.\n\nSuite.", {"type": "tableau", "legende": "Budget",
            "colonnes": [{"titre": "Poste", "largeur": 0.6}, {"titre": "€", "alignement": "droite"}],
            "lignes": [["**Insertion**", "1 000"]], "total": ["Total", "1 000"]}]"#;
        let t: Texte = serde_json::from_str(json).unwrap();
        assert_eq!(t.0.len(), 3);
        let Bloc::Tableau(t) = &t.0[2] else { panic!() };
        assert_eq!(t.colonnes[0].largeur, Some(0.6));
        assert!(matches!(t.lignes[0][0].0[0], Inline::Gras { .. }));
        let faux = json.replace(r#"["Total", "1 000"]"#, r#"["Total"]"#);
        let e = serde_json::from_str::<Texte>(&faux)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("total: 1 cells where the table has 2 columns"),
            "{e}"
        );
    }
}
