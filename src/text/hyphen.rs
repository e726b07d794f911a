//! French hyphenation points, from the TeX French patterns shipped by [`hypher`].
//!
//! [`points`] reports where a word may be broken with a hyphen, following French
//! typographic practice (Imprimerie nationale): at least [`MIN_AVANT`] letters before a
//! break and [`MIN_APRES`] after it, no break in short words, acronyms, words with digits,
//! URLs or e-mail addresses, only after an elision (« l’insertion » breaks inside
//! « insertion » only) and only inside the parts of a hard-hyphenated compound.

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
///
/// ```
/// let p = pacte::text::hyphen::points("accompagnement");
/// let parts: Vec<&str> = split_at_points("accompagnement", &p);
/// assert_eq!(parts.join("-"), "ac-com-pa-gne-ment");
/// # fn split_at_points<'a>(w: &'a str, p: &[usize]) -> Vec<&'a str> {
/// #     let mut v = Vec::new(); let mut s = 0;
/// #     for &i in p { v.push(&w[s..i]); s = i; } v.push(&w[s..]); v }
/// ```
pub fn points(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if word.chars().any(|c| c.is_numeric()) || ressemble_a_une_adresse(word) {
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
    // Acronyms and mixed-case words (DIRECCTE, PaCTE, LinkedIn): capitals after the first letter.
    if coeur.chars().skip(1).any(char::is_uppercase) {
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

    #[test]
    fn mots_des_pactes() {
        assert_eq!(coupe("accompagnement"), "ac-com-pa-gne-ment");
        assert_eq!(coupe("professionnelle"), "pro-fes-sion-nelle");
        assert_eq!(coupe("départementale"), "dé-par-te-men-tale");
        assert_eq!(coupe("Départementale"), "Dé-par-te-men-tale");
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
        let mut x: u64 = 0xD1B5_4A32_D192_ED03;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..5000 {
            let len = (next() % 70) as usize;
            let w: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
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
