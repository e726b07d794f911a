//! Text folding for look-ups and file names: accents stripped, case ignored.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `s` without its accents ("Côte-d'Or" → "Cote-d'Or"); ligatures are spelt out ("œ" → "oe").
pub fn sans_accents(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'ß' => out.push_str("ss"),
            _ => out.push(c),
        }
    }
    out
}

/// The look-up key of a name or code: lower case, no accents, and every run of characters
/// other than letters and digits (spaces, hyphens, apostrophes) turned into one space.
///
/// "Côte-d'Or", "cote d'or", "COTE-D’OR" and "  côte  d or " all give "cote d or".
pub fn cle(s: &str) -> String {
    separer(&sans_accents(s).to_lowercase(), ' ', false)
}

/// A file-name slug: lower-case ASCII, accents stripped, every run of other characters
/// turned into one `-`, none at either end.
///
/// "Côte-d'Or" → "cote-d-or", "La Réunion" → "la-reunion", "Corse-du-Sud" → "corse-du-sud".
pub fn slug(s: &str) -> String {
    separer(&sans_accents(s).to_lowercase(), '-', true)
}

/// Keeps letters and digits (ASCII only when `ascii`), joins the rest into single separators.
fn separer(s: &str, sep: char, ascii: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut en_attente = false;
    for c in s.chars() {
        let garde = if ascii {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if garde {
            if en_attente && !out.is_empty() {
                out.push(sep);
            }
            en_attente = false;
            out.push(c);
        } else {
            en_attente = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_are_stripped() {
        assert_eq!(sans_accents("Côte-d'Or"), "Cote-d'Or");
        assert_eq!(sans_accents("Île-de-France"), "Ile-de-France");
        assert_eq!(
            sans_accents("Ardèche, Pyrénées, Nièvre"),
            "Ardeche, Pyrenees, Nievre"
        );
        assert_eq!(sans_accents("cœur"), "coeur");
    }

    #[test]
    fn keys_ignore_case_accents_and_punctuation() {
        for s in [
            "Côte-d'Or",
            "cote d'or",
            "COTE-D'OR",
            "côte d’or",
            "  Cote--d Or ",
        ] {
            assert_eq!(cle(s), "cote d or", "{s:?}");
        }
        assert_eq!(cle("2A"), "2a");
        assert_eq!(cle("La Réunion"), "la reunion");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Allier"), "allier");
        assert_eq!(slug("Côte-d'Or"), "cote-d-or");
        assert_eq!(slug("Corse-du-Sud"), "corse-du-sud");
        assert_eq!(slug("La Réunion"), "la-reunion");
        assert_eq!(slug("Territoire de Belfort"), "territoire-de-belfort");
        assert_eq!(slug("Val-d'Oise"), "val-d-oise");
        assert_eq!(
            slug("Provence-Alpes-Côte d'Azur"),
            "provence-alpes-cote-d-azur"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("Ελλάδα"), "");
        assert_eq!(slug("  --Ain--  "), "ain");
    }
}
