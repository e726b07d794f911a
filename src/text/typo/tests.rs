//! Tests of `typo`.

use super::ties::{AVANT_NOMBRE, CIVILITES, MOIS, MOT_AVANT_NOMBRE_MAX};
use super::*;

/// `~` stands for U+00A0, `^` for U+202F in expected strings.
fn v(s: &str) -> String {
    s.replace('~', "\u{A0}").replace('^', "\u{202F}")
}

fn ts(s: &str) -> String {
    typographie_str(s)
}

const GRAS: Style = Style {
    bold: true,
    italic: false,
    superscript: false,
    note: false,
};
const ITAL: Style = Style {
    bold: false,
    italic: true,
    superscript: false,
    note: false,
};
const SUP: Style = Style {
    bold: false,
    italic: false,
    superscript: true,
    note: false,
};
const N: Style = Style {
    bold: false,
    italic: false,
    superscript: false,
    note: false,
};

fn r(text: &str, style: Style) -> Run {
    Run::new(text, style)
}

/// Runs shown as text with `<sup>`, `**`, `*` and `[text](url)` marks, `~` and `^`.
fn montre(runs: &[Run]) -> String {
    let mut s = String::new();
    for run in runs {
        let t = run.text.replace('\u{A0}', "~").replace('\u{202F}', "^");
        let t = if run.style.superscript {
            format!("<sup>{t}</sup>")
        } else {
            t
        };
        let t = if run.style.italic {
            format!("*{t}*")
        } else {
            t
        };
        let t = if run.style.bold {
            format!("**{t}**")
        } else {
            t
        };
        let t = match &run.link {
            Some(u) => format!("[{t}]({u})"),
            None => t,
        };
        s.push_str(&t);
    }
    s
}

fn tr(s: &str) -> String {
    montre(&typographie(vec![r(s, N)]))
}

#[test]
fn apostrophes() {
    assert_eq!(ts("l'insertion d'aujourd'hui"), "l’insertion d’aujourd’hui");
    assert_eq!(ts("l‘insertion, l´emploi"), "l’insertion, l’emploi");
    assert_eq!(ts("« ‘citation’ »"), v("«~‘citation’~»"));
    assert_eq!(
        ts("voir https://example.fr/l'index"),
        "voir https://example.fr/l'index"
    );
}

#[test]
fn guillemets() {
    assert_eq!(
        ts("le dispositif \"Cités Lab\" qui"),
        v("le dispositif «~Cités Lab~» qui")
    );
    assert_eq!(
        ts("le dispositif « Cités Lab » qui"),
        v("le dispositif «~Cités Lab~» qui")
    );
    assert_eq!(
        ts("le dispositif «Cités Lab» qui"),
        v("le dispositif «~Cités Lab~» qui")
    );
    assert_eq!(ts("«  Cités Lab  »"), v("«~Cités Lab~»"));
    assert_eq!(ts("\"a\" et \"b\"."), v("«~a~» et «~b~»."));
    // Across run boundaries.
    let runs = typographie(vec![
        r("le « ", N),
        r("titre", ITAL),
        r(" » et «", N),
        r("autre", ITAL),
        r("».", N),
    ]);
    assert_eq!(montre(&runs), "le «~*titre*~» et «~*autre*~».");
}

#[test]
fn deux_points_et_ponctuation_haute() {
    assert_eq!(ts("Objectif : emploi"), v("Objectif~: emploi"));
    assert_eq!(ts("Objectif: emploi"), v("Objectif~: emploi"));
    assert_eq!(ts("Objectif  : emploi"), v("Objectif~: emploi"));
    assert_eq!(
        ts("Pourquoi ? Comment? Ah ! Bon; oui"),
        v("Pourquoi^? Comment^? Ah^! Bon^; oui")
    );
    assert_eq!(ts("Vraiment ?!"), v("Vraiment^?!"));
    assert_eq!(ts("Vraiment?!!"), v("Vraiment^?!!"));
    assert_eq!(ts("un chiffre (?) douteux"), "un chiffre (?) douteux");
    // Already right: unchanged; a no-break space before ';' becomes a narrow one.
    assert_eq!(ts(&v("mot~: mot^; mot^!")), v("mot~: mot^; mot^!"));
    assert_eq!(ts(&v("mot~; mot")), v("mot^; mot"));
    // Across run boundaries: "**mot**:".
    let runs = typographie(vec![r("mot", GRAS), r(": suite", N)]);
    assert_eq!(montre(&runs), "**mot**~: suite");
    let runs = typographie(vec![r("mot ", GRAS), r(": suite", N)]);
    assert_eq!(montre(&runs), "**mot~**: suite");
}

#[test]
fn exceptions_de_la_ponctuation() {
    for s in [
        "rendez-vous à 10:30 précises",
        "une échelle de 1:25000",
        "voir https://www.vaucluse.fr/pti?annee=2017;x=1 pour",
        "http://example.fr:8080/a",
        "écrire à contact@vaucluse.fr",
        "mailto:contact@vaucluse.fr",
        "Super :) merci",
        "Super :-) merci ;-)",
        ": au début",
        "? au début",
    ] {
        assert_eq!(ts(s), s, "{s}");
    }
    // Punctuation right after a URL is still spaced.
    assert_eq!(
        ts("site www.vaucluse.fr: voir"),
        v("site www.vaucluse.fr~: voir")
    );
    assert_eq!(
        ts("écrire à contact@vaucluse.fr!"),
        v("écrire à contact@vaucluse.fr^!")
    );
}

#[test]
fn liens_jamais_modifies() {
    let lien = |t: &str| Run {
        text: t.into(),
        style: N,
        link: Some("https://www.vaucluse.fr".into()),
    };
    let runs = typographie(vec![
        r("Voir ", N),
        lien("le site de l'insertion ?"),
        r(": ici", N),
    ]);
    assert_eq!(
        montre(&runs),
        "Voir [le site de l'insertion ?](https://www.vaucluse.fr)~: ici"
    );
}

#[test]
fn saut_de_ligne_respecte() {
    let runs = typographie(vec![
        r("Fait à Avignon,", N),
        r("\u{2028}", N),
        r(": le 1er", N),
    ]);
    assert_eq!(runs.iter().filter(|r| r.text == "\u{2028}").count(), 1);
    assert!(runs
        .iter()
        .all(|r| r.text == "\u{2028}" || !r.text.contains('\u{2028}')));
    assert_eq!(montre(&runs), "Fait à Avignon,\u{2028}: le 1<sup>er</sup>");
    assert_eq!(ts("a\u{2028}» b"), "a\u{2028}» b");
}

#[test]
fn ordinaux() {
    assert_eq!(tr("le 1er janvier"), "le 1<sup>er</sup> janvier");
    assert_eq!(
        tr("la 1re, la 1ère, la 1ere"),
        "la 1<sup>re</sup>, la 1<sup>re</sup>, la 1<sup>re</sup>"
    );
    assert_eq!(
        tr("les 1ers et 1res"),
        "les 1<sup>ers</sup> et 1<sup>res</sup>"
    );
    assert_eq!(
        tr("2e, 2ème, 2eme, 3e, 10e"),
        "2<sup>e</sup>, 2<sup>e</sup>, 2<sup>e</sup>, 3<sup>e</sup>, 10<sup>e</sup>"
    );
    assert_eq!(tr("2nd et 2nde"), "2<sup>nd</sup> et 2<sup>nde</sup>");
    assert_eq!(
        tr("le XXIe siècle, la Ve République, Ier"),
        "le XXI<sup>e</sup> siècle, la V<sup>e</sup> République, I<sup>er</sup>"
    );
    // Not ordinals.
    for s in [
        "A2e", "2em", "1erement", "3nd", "12ème2", "Vie", "Ves", "De", "Ce", "1.5e", "x1er",
    ] {
        assert_eq!(tr(s).contains("<sup>"), s == "Ves", "{s}");
    }
    // Already superscripted by the author.
    let runs = typographie(vec![r("le 1", N), r("er", SUP), r(" mai", N)]);
    assert_eq!(montre(&runs), "le 1<sup>er</sup> mai");
    // Plain strings keep the letters as written.
    assert_eq!(ts("le 1er et la 2ème"), "le 1er et la 2ème");
    // Superscript letters take the style of the number.
    let runs = typographie(vec![r("le 2e", GRAS)]);
    assert_eq!(
        runs[1].style,
        Style {
            bold: true,
            superscript: true,
            note: false,
            italic: false
        }
    );
}

#[test]
fn numero() {
    assert_eq!(
        tr("fiche-action n°17 du PDI"),
        "fiche-action n<sup>o</sup>~17~du PDI"
    );
    assert_eq!(tr("N° 8"), "N<sup>o</sup>~8");
    assert_eq!(tr("le n° suivant"), "le n<sup>o</sup> suivant");
    assert_eq!(ts("fiche-action n°17"), v("fiche-action n°~17"));
    assert_eq!(ts("un°7"), "un°7");
    let runs = typographie(vec![r("n", N), r("o", SUP), r("17", N)]);
    assert_eq!(montre(&runs), "n<sup>o</sup>~17");
}

#[test]
fn nombres_et_unites() {
    assert_eq!(
        ts("de 20 000 à 40 000 € par an"),
        v("de 20^000~à 40^000~€ par an")
    );
    assert_eq!(ts("un taux de 68 % en 2016"), v("un taux de 68^% en 2016"));
    assert_eq!(ts("fixé à 70% de taux"), v("fixé à 70^% de taux"));
    assert_eq!(ts("20€, 1,5 M€, 3 k€"), v("20~€, 1,5~M€, 3~k€"));
    assert_eq!(ts("3 000 habitants"), v("3^000~habitants"));
    assert_eq!(ts("1 500 000 euros"), v("1^500^000~euros"));
    assert_eq!(ts("15km et 20 °C"), v("15~km et 20~°C"));
    assert_eq!(ts("de 18 à 25 ans"), v("de 18~à 25~ans"));
    // Years, ranges, codes, times, references: unchanged.
    for s in [
        "en 2017 les",
        "2017-2020",
        "84000 Avignon",
        "10h30",
        "le volet 1.1",
        "A4",
        "L263-2",
    ] {
        assert_eq!(ts(s), s, "{s}");
    }
    assert_eq!(ts("Tél. 04 90 16 15 00."), v("Tél. 04~90~16~15~00."));
}

#[test]
fn abreviations_et_civilites() {
    assert_eq!(ts("voir p. 12"), v("voir p.~12"));
    assert_eq!(ts("l'art. L. 263-2 du code"), v("l’art.~L.~263-2 du code"));
    assert_eq!(ts("l'article L. 262-1"), v("l’article~L.~262-1"));
    assert_eq!(ts("M. Dupont et Mme Martin"), v("M.~Dupont et Mme~Martin"));
    assert_eq!(ts("le 1er décembre 2008"), v("le 1er décembre~2008"));
    assert_eq!(ts("M. le Préfet"), "M. le Préfet");
}

#[test]
fn points_et_tirets() {
    assert_eq!(ts("etc..."), "etc…");
    assert_eq!(ts("[...]"), "[…]");
    assert_eq!(ts("....."), ".....");
    assert_eq!(ts("emploi - insertion"), "emploi – insertion");
    assert_eq!(ts("2017 - 2020"), "2017 – 2020");
    assert_eq!(ts("a -- b"), "a – b");
    assert_eq!(ts("a---b"), "a—b");
    assert_eq!(
        ts("co-financement, fiche-action, -5"),
        "co-financement, fiche-action, -5"
    );
    assert_eq!(ts("https://a.fr/x--y...z"), "https://a.fr/x--y...z");
}

#[test]
fn runs_aplatit_les_inlines() {
    let inlines = vec![
        Inline::texte("La loi du 1"),
        Inline::Exposant {
            contenu: vec![Inline::texte("er")],
        },
        Inline::texte(" décembre"),
        Inline::SautDeLigne,
        Inline::Gras {
            contenu: vec![
                Inline::texte("mot "),
                Inline::Italique {
                    contenu: vec![Inline::texte("clé")],
                },
            ],
        },
        Inline::texte(": "),
        Inline::Lien {
            url: "https://x.fr".into(),
            contenu: vec![Inline::texte("site")],
        },
    ];
    let runs = runs(&inlines, N);
    assert_eq!(
        montre(&runs),
        "La loi du 1<sup>er</sup> décembre\u{2028}**mot *****clé***~: [site](https://x.fr)"
    );
    assert_eq!(
        runs[5].style,
        Style {
            bold: true,
            italic: true,
            superscript: false,
            note: false
        }
    );
    // The base style is inherited.
    let base = Style { italic: true, ..N };
    assert!(crate::text::typo::runs(&[Inline::texte("a")], base)
        .iter()
        .all(|r| r.style == base));
}

fn seeds() -> Vec<String> {
    let mut lines = Vec::new();
    for f in ["000_1f13a59804524787.txt", "003_6405f465cc65feb5.txt"] {
        let path = format!("{}/../shared/seeds/{f}", env!("CARGO_MANIFEST_DIR"));
        let path = if std::path::Path::new(&path).exists() {
            path
        } else {
            format!("/work/shared/seeds/{f}")
        };
        let text = std::fs::read_to_string(path).unwrap();
        lines.extend(text.lines().map(str::to_owned));
    }
    assert!(lines.len() > 1000);
    lines
}

#[test]
fn idempotent_sur_les_pactes() {
    let mut changed = 0;
    for line in seeds() {
        let once = ts(&line);
        assert_eq!(ts(&once), once, "{line}");
        changed += usize::from(once != line);
        let runs = typographie(vec![r(&line, N)]);
        assert_eq!(typographie(runs.clone()), runs, "{line}");
        if let Ok(texte) = crate::model::Texte::markdown(&line) {
            for bloc in texte.blocs() {
                if let crate::model::Bloc::Paragraphe { contenu } = bloc {
                    let a = crate::text::typo::runs(contenu, N);
                    assert_eq!(typographie(a.clone()), a, "{line}");
                }
            }
        }
    }
    assert!(changed > 200, "only {changed} lines changed");
}

#[test]
fn aucune_ligne_ne_commence_par_une_ponctuation_haute() {
    for line in seeds() {
        let out = ts(&line);
        let cs: Vec<char> = out.chars().collect();
        for (i, &c) in cs.iter().enumerate() {
            if i > 0 && matches!(c, ':' | ';' | '!' | '?' | '»') {
                assert!(
                    !est_espace(cs[i - 1]),
                    "breakable space before {c:?} in {out:?}"
                );
            }
            if c == '«' && i + 1 < cs.len() {
                assert!(!est_espace(cs[i + 1]), "breakable space after « in {out:?}");
            }
        }
    }
}

#[test]
fn rien_d_autre_ne_change() {
    // Letters and digits stay in order (plain strings keep ordinals as written).
    let garde = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    for line in seeds() {
        assert_eq!(garde(&ts(&line)), garde(&line), "{line}");
    }
    let s = "Rien à changer ici, vraiment rien (ni là).";
    assert_eq!(ts(s), s);
}

#[test]
fn soupe_de_caracteres_sans_panique_et_idempotente() {
    // Deterministic pseudo-random strings over the characters the rules look at.
    let alphabet: Vec<char> =
        "aeéiInNoVX0123456789 \u{A0}\u{202F}\u{2028}\n:;!?«»\"'‘´.,-–()[]%€°ºM/@wh:ptLk"
            .chars()
            .collect();
    let mut rng = crate::test_rng::Xorshift::new(0x1234_5678_9ABC_DEF1);
    for _ in 0..3000 {
        let len = rng.below(60);
        let s = rng.text(&alphabet, len);
        let once = ts(&s);
        assert_eq!(ts(&once), once, "{s:?}");
        let styles = [N, GRAS, SUP, ITAL];
        let cut = rng.below(s.chars().count() + 1);
        let a: String = s.chars().take(cut).collect();
        let b: String = s.chars().skip(cut).collect();
        let runs = typographie(vec![
            r(&a, styles[rng.below(4)]),
            r(&b, styles[rng.below(4)]),
        ]);
        assert_eq!(typographie(runs.clone()), runs, "{a:?} | {b:?}");
        assert!(runs.iter().all(|r| !r.text.is_empty()));
    }
    // Pseudo-random sentences of the tokens the rules care about.
    let mots = [
        "n°",
        "N°",
        "1er",
        "1ère",
        "2e",
        "XXIe",
        "art.",
        "p.",
        "L.",
        "263-2",
        "20",
        "000",
        "3",
        "€",
        "%",
        "km",
        "habitants",
        "«",
        "»",
        "\"",
        ":",
        ";",
        "!",
        "?",
        "?!",
        "http://x.fr/a?b=1",
        "www.vaucluse.fr",
        "a@b.fr",
        "M.",
        "Dupont",
        "décembre",
        "2008",
        "-",
        "--",
        "...",
        "l'",
        "insertion",
        "\u{2028}",
        "10:30",
        ":)",
        "(",
        ")",
        "04",
        "90",
        "mot",
    ];
    let seps = [" ", "", "\u{A0}", "\u{202F}", "  "];
    for _ in 0..3000 {
        let len = rng.below(14);
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(mots[rng.below(mots.len())]);
            s.push_str(seps[rng.below(seps.len())]);
        }
        let once = ts(&s);
        assert_eq!(ts(&once), once, "{s:?}");
        let runs = typographie(vec![r(&s, N)]);
        assert_eq!(typographie(runs.clone()), runs, "{s:?}");
    }
}

#[test]
fn the_words_before_a_number_fit_the_length_read() {
    // `mots_avant_nombre` reads at most MOT_AVANT_NOMBRE_MAX characters before a space.
    for m in AVANT_NOMBRE.iter().chain(CIVILITES).chain(MOIS.iter()) {
        assert!(m.chars().count() <= MOT_AVANT_NOMBRE_MAX, "{m}");
    }
    assert_eq!(
        ts("le 3 septembre 2017 à 10 h"),
        "le 3\u{a0}septembre\u{a0}2017 à 10\u{a0}h"
    );
}

#[test]
fn skipping_the_rules_without_their_characters_changes_nothing() {
    // Texts over the characters the rules look at, in four styles: the rules that
    // `presents` skips would have left them as they are.
    let alphabet: Vec<char> =
        "aeéiInNoVX0123456789 \u{A0}\u{202F}\u{2028}\n:;!?«»\"'‘´.,-–()[]%€°ºM/@wWh:ptLkDRA"
            .chars()
            .collect();
    let mut rng = crate::test_rng::Xorshift::new(0x0DDB_1A5E_5BAD_5EED);
    let styles = [N, GRAS, SUP, ITAL];
    let mut texts: Vec<Vec<Run>> = seeds().iter().map(|l| vec![r(l, N)]).collect();
    // Addresses that the rules would change if they were not protected.
    for s in [
        "voir www.site.fr/a--b et le 1er...",
        "WWW.Site.fr/n°3 ou mailto:x--y@z.fr",
        "http://a.fr/1er ; a@b.fr",
    ] {
        texts.push(vec![r(s, N)]);
    }
    for _ in 0..5000 {
        let runs = (0..1 + rng.below(3))
            .map(|_| {
                let len = rng.below(25);
                let s = rng.text(&alphabet, len);
                r(&s, styles[rng.below(4)])
            })
            .collect();
        texts.push(runs);
    }
    let mut skipped = 0;
    for runs in &texts {
        for exposants in [true, false] {
            let (mut vite, mut tout) = (Texte::de_runs(runs), Texte::de_runs(runs));
            if vite.presents().0 != u16::MAX >> 6 {
                skipped += 1;
            }
            vite.appliquer(exposants);
            tout.appliquer_si(exposants, Presents(u16::MAX));
            let chars =
                |t: &Texte| -> Vec<(char, u32)> { t.cs.iter().map(|c| (c.ch, c.attr)).collect() };
            assert_eq!(chars(&vite), chars(&tout), "{runs:?}");
        }
    }
    assert!(skipped > 1000, "{skipped}");
}
