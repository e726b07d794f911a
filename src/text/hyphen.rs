//! French hyphenation points, from the TeX French patterns shipped by [`hypher`].
//!
//! [`points`] reports where a word may be broken with a hyphen, following French
//! typographic practice (Imprimerie nationale): at least [`MIN_AVANT`] letters before a
//! break and [`MIN_APRES`] after it, no break in short words (fewer than [`MIN_LETTRES`]
//! letters), in a word holding a capital letter (proper names: « Vaucluse », « l’Allier »;
//! acronyms; a word opening a sentence or a title), in words with digits, URLs or e-mail
//! addresses, only after an elision (« l’insertion » breaks inside « insertion » only) and
//! only inside the parts of a hard-hyphenated compound (the line breaker prefers the
//! compound's own hyphen, see `layout::paragraph`).

use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Fewest letters (graphemes) left before a hyphenation point.
pub const MIN_AVANT: usize = 2;
/// Fewest letters (graphemes) carried over after a hyphenation point.
pub const MIN_APRES: usize = 3;
/// Fewest letters a word (or a part of a compound) needs to be hyphenated at all.
pub const MIN_LETTRES: usize = 6;

/// Byte offsets inside `word` where a hyphen may be inserted (soft break points), French
/// rules.
///
/// Each offset is a grapheme boundary strictly inside `word`, sorted ascending; the text
/// before it gets a hyphen at the end of the line, the text from it starts the next line.
/// `word` is one word as it appears in the text; leading and trailing punctuation
/// (« ( , . » …) is tolerated and never broken. A hard hyphen inside the word is *not*
/// reported: it is already a break opportunity for the line breaker. Never panics.
/// "accompagnement" gives the points of "ac-com-pa-gne-ment".
pub fn points(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if word.chars().all(est_lettre_latine) {
        points_lettres(word, &mut out);
        return out;
    }
    points_general(word, out)
}

/// [`points`] for any word (the general path).
fn points_general(word: &str, mut out: Vec<usize>) -> Vec<usize> {
    if word.chars().any(|c| c.is_numeric() || c.is_uppercase()) || ressemble_a_une_adresse(word) {
        return out;
    }
    // Elision: only the part after the last apostrophe may be broken.
    let debut = word
        .char_indices()
        .rev()
        .find(|&(_, c)| est_apostrophe(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let mut partie_debut = debut;
    for (i, c) in word[debut..].char_indices() {
        if est_trait_d_union(c) {
            points_partie(word, partie_debut, debut + i, &mut out);
            partie_debut = debut + i + c.len_utf8();
        }
    }
    points_partie(word, partie_debut, word.len(), &mut out);
    out
}

/// Adds the points of `word[debut..fin]` (one part of a compound, after any elision).
fn points_partie(word: &str, debut: usize, fin: usize, out: &mut Vec<usize>) {
    let partie = &word[debut..fin];
    // Trim punctuation around the letters.
    let coeur_debut = partie
        .find(|c: char| c.is_alphabetic())
        .unwrap_or(partie.len());
    let coeur_fin = partie
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphabetic() || is_combining_mark(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(coeur_debut)
        .max(coeur_debut);
    let coeur = &partie[coeur_debut..coeur_fin];
    if coeur.is_empty()
        || coeur.len() > hypher::MAX_INLINE_SIZE
        || !coeur
            .chars()
            .all(|c| c.is_alphabetic() || is_combining_mark(c))
    {
        return;
    }
    // Grapheme boundaries: those of the characters for Latin letters without combining
    // marks (below U+0300, no character joins the next one).
    let limites: Vec<usize> = if coeur.chars().all(|c| (c as u32) < 0x300) {
        coeur.char_indices().map(|(i, _)| i).collect()
    } else {
        coeur.grapheme_indices(true).map(|(i, _)| i).collect()
    };
    let lettres = limites.len();
    if lettres < MIN_LETTRES {
        return;
    }
    let base = debut + coeur_debut;
    let mut position = 0;
    for syllabe in hypher::hyphenate_bounded(coeur, hypher::Lang::French, MIN_AVANT, MIN_APRES) {
        position += syllabe.len();
        if position >= coeur.len() {
            break;
        }
        // Grapheme index of the break: keeps combining sequences whole.
        let Ok(rang) = limites.binary_search(&position) else {
            continue;
        };
        if rang >= MIN_AVANT && lettres - rang >= MIN_APRES {
            out.push(base + position);
        }
    }
}

/// A letter below U+0250 (Latin-1 and Latin Extended-A and -B): one character, one
/// grapheme, and a word letter for UAX #29.
pub(crate) fn est_lettre_latine(c: char) -> bool {
    (c as u32) < 0x250 && c.is_alphabetic()
}

/// Calls `f` with each UAX #29 word segment of `text` that may hold a word to hyphenate,
/// and its byte offset. The common case, a word of Latin letters between ASCII
/// punctuation, is found without UAX #29: its letters are its only such segment.
pub fn segments(text: &str, mut f: impl FnMut(usize, &str)) {
    match lettres_entre_ponctuations(text) {
        Some(lettres) => f(lettres.start, &text[lettres]),
        None => {
            for (offset, part) in text.split_word_bound_indices() {
                f(offset, part);
            }
        }
    }
}

/// Where `text` is `P* L+ P*`, with `L` Latin letters (`est_lettre_latine`) and `P` ASCII
/// punctuation: the byte range of its letters. Such a text's only word (UAX #29) is its
/// letters: each punctuation mark is a segment of its own.
fn lettres_entre_ponctuations(text: &str) -> Option<std::ops::Range<usize>> {
    let debut = text.find(|c: char| !c.is_ascii_punctuation())?;
    let fin = text
        .trim_end_matches(|c: char| c.is_ascii_punctuation())
        .len();
    let lettres = &text[debut..fin];
    lettres.chars().all(est_lettre_latine).then_some(debut..fin)
}

/// [`points`] of a word made of Latin letters only (`est_lettre_latine`): every
/// character is a grapheme, and nothing needs trimming.
fn points_lettres(word: &str, out: &mut Vec<usize>) {
    if word.len() > hypher::MAX_INLINE_SIZE || word.chars().any(char::is_uppercase) {
        return;
    }
    let lettres = word.chars().count();
    if lettres < MIN_LETTRES {
        return;
    }
    let (mut position, mut rang) = (0, 0);
    for syllabe in hypher::hyphenate_bounded(word, hypher::Lang::French, MIN_AVANT, MIN_APRES) {
        position += syllabe.len();
        rang += syllabe.chars().count();
        if position >= word.len() {
            break;
        }
        if rang >= MIN_AVANT && lettres - rang >= MIN_APRES {
            out.push(position);
        }
    }
}

fn est_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn est_trait_d_union(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// True for URLs, e-mail addresses, domain names and paths.
fn ressemble_a_une_adresse(word: &str) -> bool {
    word.contains("://")
        || word
            .get(..4)
            .is_some_and(|debut| debut.eq_ignore_ascii_case("www."))
        || word.contains(['@', '/', '\\'])
        || word
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word with "-" at each point.
    fn coupe(word: &str) -> String {
        let p = points(word);
        let mut s = String::new();
        let mut d = 0;
        for &i in &p {
            s.push_str(&word[d..i]);
            s.push('-');
            d = i;
        }
        s.push_str(&word[d..]);
        s
    }

    /// Words of the fixtures and of the seeds, and random strings of letters and marks.
    fn mots_de_test() -> Vec<String> {
        let mut mots: Vec<String> = Vec::new();
        for f in [
            "fixtures/vaucluse-2017-2020.json",
            "fixtures/allier-2018-2021.json",
            "fixtures/modele-national.json",
        ] {
            let texte = std::fs::read_to_string(f).expect("fixture");
            mots.extend(texte.split_whitespace().map(str::to_string));
        }
        let alphabet: Vec<char> =
            "aAbcdeéèêëfghiîïjklmnoôœpqrstuùûüvwxyzÉÇçÿæ'’-.,;:!?()«»_/@0123\u{301}"
                .chars()
                .collect();
        let mut rng = crate::test_rng::Xorshift::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..5000 {
            let mut m = String::new();
            let n = 1 + rng.below(16);
            for _ in 0..n {
                // Mostly letters, so that many strings are words.
                let i = rng.below(1000);
                m.push(alphabet[if i < 800 { i % 33 } else { i % alphabet.len() }]);
            }
            mots.push(m);
        }
        mots
    }

    #[test]
    fn le_chemin_des_lettres_latines_donne_les_memes_points() {
        let mut rapides = 0;
        for m in mots_de_test() {
            if m.chars().all(est_lettre_latine) {
                rapides += 1;
            }
            assert_eq!(points(&m), points_general(&m, Vec::new()), "{m}");
        }
        assert!(rapides > 3000, "{rapides} words took the fast path");
    }

    #[test]
    fn lettres_entre_ponctuations_est_le_seul_mot_du_texte() {
        let mut vus = 0;
        for m in mots_de_test() {
            let Some(r) = lettres_entre_ponctuations(&m) else {
                continue;
            };
            vus += 1;
            // UAX #29: the only segment with letters is those letters (with any `_`
            // joined to them, which hyphenation trims as it trims all punctuation).
            let avec_lettres: Vec<(usize, &str)> = m
                .split_word_bound_indices()
                .filter(|(_, s)| s.chars().any(char::is_alphabetic))
                .collect();
            assert_eq!(avec_lettres.len(), 1, "{m}");
            let (debut, segment) = avec_lettres[0];
            let coeur = segment.trim_matches('_');
            let debut = debut + (segment.len() - segment.trim_start_matches('_').len());
            assert_eq!(debut..debut + coeur.len(), r, "{m}");
        }
        assert!(vus > 3000, "{vus}");
    }

    #[test]
    fn mots_des_pactes() {
        assert_eq!(coupe("accompagnement"), "ac-com-pa-gne-ment");
        assert_eq!(coupe("professionnelle"), "pro-fes-sion-nelle");
        assert_eq!(coupe("départementale"), "dé-par-te-men-tale");
        assert_eq!(coupe("Départementale"), "Départementale");
        assert_eq!(coupe("insertion"), "in-ser-tion");
    }

    #[test]
    fn au_moins_deux_lettres_avant_et_trois_apres() {
        for w in [
            "accompagnement",
            "professionnelle",
            "départementale",
            "économique",
            "emploi",
            "insertion",
            "orientation",
            "bénéficiaires",
            "énergie",
            "idéalement",
        ] {
            let g: Vec<usize> = w.grapheme_indices(true).map(|(i, _)| i).collect();
            for p in points(w) {
                let rang = g.binary_search(&p).expect("grapheme boundary");
                assert!(rang >= 2, "{w}: {p}");
                assert!(g.len() - rang >= 3, "{w}: {p}");
            }
        }
        // "économique" must not give "é-conomique" nor "économi-que".
        assert_eq!(coupe("économique"), "éco-no-mique");
    }

    #[test]
    fn elision_coupe_apres_l_apostrophe_seulement() {
        let w = "l’insertion";
        assert_eq!(coupe(w), "l’in-ser-tion");
        let apres = w.find('’').unwrap() + '’'.len_utf8();
        assert!(points(w).iter().all(|&p| p > apres));
        assert_eq!(coupe("d’accompagnement"), "d’ac-com-pa-gne-ment");
        assert_eq!(coupe("l'insertion"), "l'in-ser-tion");
        // Nothing between the elided article and the word.
        assert_eq!(coupe("aujourd’hui"), "aujourd’hui");
    }

    #[test]
    fn mots_composes_coupes_dans_leurs_parties() {
        let w = "co-financement";
        let p = points(w);
        assert_eq!(coupe(w), "co-fi-nan-ce-ment");
        // The hard hyphen (offset 2) is not reported, nor anything next to it.
        assert!(!p.contains(&2) && !p.contains(&3));
        assert!(p.iter().all(|&i| i >= 3 + 2));
        // "fiche" is too short; "action" breaks inside itself only.
        assert_eq!(coupe("fiche-action"), "fiche-ac-tion");
        assert_eq!(points("fiche-action"), vec![8]);
        assert_eq!(coupe("socio-professionnelle"), "socio-pro-fes-sion-nelle");
    }

    #[test]
    fn mots_exclus() {
        for w in [
            "DIRECCTE",
            "PaCTE",
            "RSA",
            "outil",
            "Pôle",
            "actif",
            "2018-2021",
            // A capital anywhere: proper names, a word opening a sentence, acronyms.
            "Vaucluse",
            "l’Allier",
            "Département",
            "Bouches-du-Rhône",
            "Bouches",
            "Accompagnement",
            "sous-Préfecture",
            "LinkedIn",
            "L263-2",
            "COVID19",
            "www.vaucluse.fr",
            "https://www.allier.fr/insertion",
            "contact@vaucluse.fr",
            "insertion/emploi",
            "a",
            "",
            "-",
            "’",
        ] {
            assert!(points(w).is_empty(), "{w}: {:?}", points(w));
        }
    }

    #[test]
    fn ponctuation_autour_du_mot() {
        assert_eq!(coupe("(accompagnement),"), "(ac-com-pa-gne-ment),");
        assert_eq!(coupe("«insertion»"), "«in-ser-tion»");
        assert_eq!(coupe("professionnelle."), "pro-fes-sion-nelle.");
    }

    #[test]
    fn sequences_combinantes_jamais_coupees() {
        // "départementale" written with a combining acute accent (NFD).
        let w = "de\u{301}partementale";
        let g: Vec<usize> = w.grapheme_indices(true).map(|(i, _)| i).collect();
        for p in points(w) {
            assert!(g.contains(&p), "{p} inside a grapheme");
            assert!(w.is_char_boundary(p));
        }
        assert!(!points(w).is_empty());
    }

    #[test]
    fn mot_tres_long_sans_panique() {
        let w = "anticonstitutionnellement".repeat(4);
        assert!(points(&w).is_empty());
        assert_eq!(
            coupe("anticonstitutionnellement"),
            "an-ti-cons-ti-tu-tion-nel-le-ment"
        );
    }

    #[test]
    fn chaines_quelconques_sans_panique() {
        let alphabet: Vec<char> = "aeéiouœnrstlmcp-’'ABCDÉ0.@/\u{301}\u{AD}ǅß🙂"
            .chars()
            .collect();
        let mut rng = crate::test_rng::Xorshift::new(0xD1B5_4A32_D192_ED03);
        for _ in 0..5000 {
            let len = rng.below(70);
            let w = rng.text(&alphabet, len);
            let p = points(&w);
            assert!(p.windows(2).all(|x| x[0] < x[1]), "{w}");
            assert!(
                p.iter()
                    .all(|&i| i > 0 && i < w.len() && w.is_char_boundary(i)),
                "{w}"
            );
        }
    }
}
