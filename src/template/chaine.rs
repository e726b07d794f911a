//! Placeholders in one string: `{name}` is replaced, `{{` and `}}` are literal braces.

use std::borrow::Cow;

/// What is wrong with one placeholder of a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Defaut {
    /// `{name}` where `name` has no value.
    Inconnu(String),
    /// A brace that opens or closes nothing, or a malformed name.
    Syntaxe(String),
}

/// Whether `nom` is a well-formed placeholder name: ASCII letters, digits, `_` and `.`,
/// starting with a letter or `_`.
pub(crate) fn nom_valide(nom: &str) -> bool {
    let mut c = nom.chars();
    matches!(c.next(), Some(p) if p.is_ascii_alphabetic() || p == '_')
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_' || x == '.')
        && !nom.ends_with('.')
        && !nom.contains("..")
}

/// Replaces every placeholder of `s` with `valeur(name)`; returns every defect found.
pub(crate) fn substituer<'s, 'v, F>(s: &'s str, valeur: F) -> Result<Cow<'s, str>, Vec<Defaut>>
where
    F: Fn(&str) -> Option<Cow<'v, str>>,
{
    if !s.contains(['{', '}']) {
        return Ok(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len() + 32);
    let mut defauts = Vec::new();
    let mut reste = s;
    while let Some(i) = reste.find(['{', '}']) {
        out.push_str(&reste[..i]);
        let apres = &reste[i + 1..];
        if reste.as_bytes()[i] == b'}' {
            if let Some(r) = apres.strip_prefix('}') {
                out.push('}');
                reste = r;
            } else {
                defauts.push(Defaut::Syntaxe(format!(
                    "unmatched '}}' in \"{}\" (write '}}}}' for a literal brace)",
                    extrait(s)
                )));
                reste = apres;
            }
            continue;
        }
        if let Some(r) = apres.strip_prefix('{') {
            out.push('{');
            reste = r;
            continue;
        }
        match apres.find('}') {
            Some(j) if nom_valide(&apres[..j]) => {
                let nom = &apres[..j];
                match valeur(nom) {
                    Some(v) => out.push_str(&v),
                    None => defauts.push(Defaut::Inconnu(nom.to_string())),
                }
                reste = &apres[j + 1..];
            }
            Some(j) if !apres[..j].contains('{') => {
                defauts.push(Defaut::Syntaxe(format!(
                    "invalid placeholder \"{{{}}}\": a name is letters, digits, '_' and '.' (write '{{{{' for a literal brace)",
                    &apres[..j]
                )));
                reste = &apres[j + 1..];
            }
            _ => {
                defauts.push(Defaut::Syntaxe(format!(
                    "unclosed '{{' in \"{}\" (write '{{{{' for a literal brace)",
                    extrait(s)
                )));
                reste = apres;
            }
        }
    }
    out.push_str(reste);
    if defauts.is_empty() {
        Ok(Cow::Owned(out))
    } else {
        Err(defauts)
    }
}

/// The start of a long string, for messages.
fn extrait(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(nom: &str) -> Option<Cow<'static, str>> {
        match nom {
            "departement.de" => Some("de l'Allier".into()),
            "periode" => Some("2024-2027".into()),
            "vide" => Some("".into()),
            _ => None,
        }
    }

    #[test]
    fn placeholders_are_replaced() {
        assert_eq!(
            substituer("Le Préfet {departement.de}", v).unwrap(),
            "Le Préfet de l'Allier"
        );
        assert_eq!(
            substituer("{periode}{periode}", v).unwrap(),
            "2024-20272024-2027"
        );
        assert_eq!(substituer("a{vide}b", v).unwrap(), "ab");
        assert!(matches!(
            substituer("sans accolade", v).unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn doubled_braces_are_literal() {
        assert_eq!(
            substituer("{{periode}} = {periode}", v).unwrap(),
            "{periode} = 2024-2027"
        );
        assert_eq!(substituer("}}{{", v).unwrap(), "}{");
        assert_eq!(substituer("{{{periode}}}", v).unwrap(), "{2024-2027}");
    }

    #[test]
    fn defects_are_all_reported() {
        let e = substituer("{departement.du} et {periode} et {inconnu}", v).unwrap_err();
        assert_eq!(
            e,
            vec![
                Defaut::Inconnu("departement.du".into()),
                Defaut::Inconnu("inconnu".into())
            ]
        );
        for s in [
            "a } b",
            "a { b",
            "{ periode }",
            "{}",
            "{a..b}",
            "{1a}",
            "fin {",
        ] {
            let e = substituer(s, v).unwrap_err();
            assert!(matches!(e.as_slice(), [Defaut::Syntaxe(_)]), "{s:?}: {e:?}");
        }
        let e = substituer("{a { {periode}", v).unwrap_err();
        assert!(
            !e.is_empty() && e.iter().all(|d| matches!(d, Defaut::Syntaxe(_))),
            "{e:?}"
        );
    }
}
