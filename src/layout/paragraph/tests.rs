//! Tests of `paragraph`.

use super::*;
use crate::text::Style;

fn run(t: &str) -> Run {
    Run {
        text: t.into(),
        style: Style::default(),
        link: None,
    }
}

fn style() -> ParaStyle {
    ParaStyle {
        size: 10.0,
        leading: 14.0,
        ascent: 0.95,
        color: Rgb(0.0, 0.0, 0.0),
        align: Align::Justify,
        hyphenate: true,
        role: Role::Paragraph,
    }
}

fn line_width(l: &LineBox) -> f32 {
    let mut right: f32 = 0.0;
    for d in &l.draws {
        if let Draw::Text { x, glyphs, .. } = d {
            let w: f32 = glyphs.iter().map(|g| g.advance).sum();
            let trailing_space = glyphs.last().map(|g| &*g.text == " ").unwrap_or(false);
            right = right.max(
                x + w
                    - if trailing_space {
                        glyphs.last().map(|g| g.advance).unwrap_or(0.0)
                    } else {
                        0.0
                    },
            );
        }
    }
    right
}

#[test]
fn no_line_wider_than_its_column() {
    let mut sh = Words::new();
    let text = "Le Conseil départemental, en tant que chef de file dans la définition et la conduite des politiques d’insertion, détient une importante responsabilité en matière de programmation et de coordination des interventions à destination des bénéficiaires du RSA. Anticonstitutionnellementextraordinairementinterminablementinsupportable.";
    for width in [60.0, 120.0, 250.0, 460.0] {
        let lines = layout(&[run(text)], width, &style(), &mut sh);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(
                line_width(l) <= width + 0.01,
                "line {} wider than {width}",
                line_width(l)
            );
        }
    }
}

#[test]
fn justified_lines_fill_the_column_but_the_last() {
    let mut sh = Words::new();
    let text = "La loi du 1er décembre 2008, instituant le Revenu de Solidarité Active et réformant les politiques d’insertion, confie aux Conseils généraux la mise en œuvre du Programme départemental d’insertion par un Pacte territorial d’insertion avec ses principaux partenaires.";
    let lines = layout(&[run(text)], 200.0, &style(), &mut sh);
    for l in &lines[..lines.len() - 1] {
        assert!((line_width(l) - 200.0).abs() < 1.0, "{}", line_width(l));
    }
    assert!(line_width(lines.last().unwrap()) < 200.0);
}

/// The same glyphs, placed the same to a thousandth of a point (the ratio of a line
/// comes from sums of box widths, which a word cut into pieces adds in another order).
fn same_draw(a: &Draw, b: &Draw) -> bool {
    let near = |x: f32, y: f32| (x - y).abs() < 1e-3;
    match (a, b) {
        (
            Draw::Text {
                x: xa, glyphs: ga, ..
            },
            Draw::Text {
                x: xb, glyphs: gb, ..
            },
        ) => {
            near(*xa, *xb)
                && ga.len() == gb.len()
                && ga
                    .iter()
                    .zip(gb)
                    .all(|(p, q)| p.gid == q.gid && p.text == q.text && near(p.advance, q.advance))
        }
        _ => a == b,
    }
}

/// Every text of the Vaucluse fixture, in columns from narrow to wide: whether or not a
/// paragraph is first tried without hyphenation points, its lines are the same.
#[test]
fn trying_without_hyphenation_first_changes_no_line() {
    fn texts(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.len() > 20 => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| texts(x, out)),
            _ => {}
        }
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/vaucluse-2017-2020.json"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut all = Vec::new();
    texts(&json, &mut all);
    assert!(all.len() > 150, "{} texts", all.len());
    let mut cases: Vec<(&str, f32)> = all
        .iter()
        .flat_map(|t| [45.0, 90.0, 150.0, 230.0, 320.0, 451.0].map(|w| (t.as_str(), w)))
        .collect();
    // Words wider than the column, which the items without hyphenation points cut
    // between letters, in columns a quarter point apart.
    let long = "à la transversalité d’anticonstitutionnellement et de l’intercommunalité";
    cases.extend((0..400).map(|i| (long, 40.0 + i as f32 * 0.25)));
    let (mut lazy, mut eager) = (Words::new(), Words::new());
    let (mut hyphenated, mut set_first) = (0, 0);
    for (text, width) in cases {
        let runs = crate::text::typo::typographie(vec![run(text)]);
        let a = layout_trying(&runs, width, &style(), &mut lazy, f32::INFINITY);
        let b = layout_trying(&runs, width, &style(), &mut eager, 0.0);
        assert_eq!(a.len(), b.len(), "{text:?} at {width}");
        for (la, lb) in a.iter().zip(&b) {
            assert_eq!(la.draws.len(), lb.draws.len(), "{text:?} at {width}");
            for (da, db) in la.draws.iter().zip(&lb.draws) {
                assert!(same_draw(da, db), "{text:?} at {width}: {da:?} {db:?}");
            }
        }
        let ends_cut = |l: &LineBox| {
            l.draws.iter().any(|d| match d {
                Draw::Text { glyphs, .. } => glyphs.last().is_some_and(|g| &*g.text == "-"),
                _ => false,
            })
        };
        if a.iter().any(ends_cut) {
            hyphenated += 1;
        } else if a.len() > 1 {
            set_first += 1;
        }
    }
    // Both ways were taken: paragraphs that needed hyphenation, and others.
    assert!(
        hyphenated > 50 && set_first > 50,
        "{hyphenated} {set_first}"
    );
}

#[test]
fn words_are_all_drawn_in_order() {
    let mut sh = Words::new();
    let text = "accompagnement professionnel des bénéficiaires";
    let lines = layout(&[run(text)], 70.0, &style(), &mut sh);
    let mut s = String::new();
    for l in &lines {
        for d in &l.draws {
            if let Draw::Text { glyphs, .. } = d {
                for g in glyphs {
                    s.push_str(&g.text);
                }
            }
        }
    }
    assert_eq!(s.replace(['-', ' '], ""), text.replace(' ', ""));
}

/// The text of each line, as drawn (a hyphen at a hyphenated line's end).
fn line_texts(lines: &[LineBox]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let mut s = String::new();
            for d in &l.draws {
                if let Draw::Text { glyphs, .. } = d {
                    s.extend(glyphs.iter().map(|g| g.text.as_str()));
                }
            }
            s
        })
        .collect()
}

/// The penalties of the items built for `text`: hyphenation points (`true`) and breaks
/// after a hard hyphen (`false`), in order.
fn penalties(text: &str) -> Vec<(bool, f32)> {
    let mut words = Words::new();
    let built = items::build_items(&[run(text)], 300.0, &style(), &mut words);
    built
        .items
        .iter()
        .zip(&built.payloads)
        .filter_map(|(item, payload)| match (item, payload) {
            (
                crate::layout::linebreak::Item::Penalty { penalty, .. },
                items::Payload::Hyphen { .. },
            ) => Some((true, *penalty)),
            (
                crate::layout::linebreak::Item::Penalty {
                    penalty,
                    flagged: true,
                    ..
                },
                _,
            ) => Some((false, *penalty)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_last_word_of_a_paragraph_is_never_hyphenated() {
    use crate::layout::linebreak::INFINITY;
    // Its points are there, but never taken; the first word's are.
    let p = penalties("accompagnement des publics vers l’accompagnement");
    assert!(p[..4].iter().all(|&(_, v)| v < INFINITY), "{p:?}");
    assert!(
        p[p.len() - 4..].iter().all(|&(_, v)| v >= INFINITY),
        "{p:?}"
    );
    // And before a line separator too.
    let p = penalties("l’accompagnement\u{2028}des publics");
    assert!(p.iter().all(|&(_, v)| v >= INFINITY), "{p:?}");
    let mut sh = Words::new();
    let text =
        "Le comité de pilotage évalue chaque année les actions d’accompagnement professionnel.";
    for width in (100..300).step_by(7) {
        let lines = layout(&[run(text)], width as f32, &style(), &mut sh);
        let texts = line_texts(&lines);
        assert!(
            texts.last().unwrap().contains("professionnel."),
            "{width}: {texts:?}"
        );
    }
}

#[test]
fn a_compound_breaks_at_its_own_hyphen_rather_than_inside_a_part() {
    use crate::layout::linebreak::{COMPOUND_PART_HYPHEN_PENALTY, EXPLICIT_HYPHEN_PENALTY};
    let p = penalties("insertion socio-professionnelle durable");
    assert!(p.contains(&(false, EXPLICIT_HYPHEN_PENALTY)), "{p:?}");
    assert!(p.contains(&(true, COMPOUND_PART_HYPHEN_PENALTY)), "{p:?}");
    const {
        assert!(EXPLICIT_HYPHEN_PENALTY < COMPOUND_PART_HYPHEN_PENALTY);
        assert!(crate::layout::linebreak::HYPHEN_PENALTY < COMPOUND_PART_HYPHEN_PENALTY);
    };
    // Wherever the column lets the compound break at its hyphen, it does.
    let mut sh = Words::new();
    let text = "une démarche d’insertion socio-professionnelle durable et des partenaires";
    let (mut at_hyphen, mut inside) = (0, 0);
    for width in (80..260).step_by(3) {
        let texts = line_texts(&layout(&[run(text)], width as f32, &style(), &mut sh));
        for t in &texts {
            let last = t.rsplit(' ').next().unwrap_or("");
            at_hyphen += usize::from(last == "socio-");
            inside += usize::from(last.ends_with('-') && last.contains("profes"));
        }
    }
    assert!(
        at_hyphen > 0 && inside < 2 * at_hyphen,
        "{at_hyphen} at the hyphen, {inside} inside"
    );
}

#[test]
fn a_proper_name_is_kept_whole_when_it_can_be() {
    use crate::layout::linebreak::PROPER_NAME_HYPHEN_PENALTY;
    let p = penalties("dans les Bouches-du-Rhône et l’Isle-sur-la-Sorgue");
    assert!(
        !p.iter().any(|&(soft, _)| soft),
        "no point inside a name: {p:?}"
    );
    assert_eq!(p.len(), 5, "{p:?}");
    assert!(
        p.iter().all(|&(_, v)| v == PROPER_NAME_HYPHEN_PENALTY),
        "{p:?}"
    );
    // Broken at its hyphens far less often than the same compound in lower case.
    let mut sh = Words::new();
    let text = "Le département des Bouches-du-Rhône met en œuvre avec les partenaires du pacte une politique d’insertion ambitieuse.";
    let breaks = |text: &str, sh: &mut Words| {
        let mut n = 0;
        for width in (120..320).step_by(5) {
            let texts = line_texts(&layout(&[run(text)], width as f32, &style(), sh));
            n += texts
                .iter()
                .filter(|t| t.to_lowercase().ends_with("bouches-") || t.ends_with("du-"))
                .count();
            assert!(!texts
                .iter()
                .any(|t| t.ends_with("Bou-") || t.ends_with("Rhô-")));
        }
        n
    };
    let proper = breaks(text, &mut sh);
    let common = breaks(
        &text.replace("Bouches-du-Rhône", "bouches-du-rhône"),
        &mut sh,
    );
    assert!(
        proper <= common,
        "{proper} breaks in the name, {common} in lower case"
    );
}
