//! The built-in placeholders of a template (`{departement.de}`, `{periode}`…). A template
//! holds them; a pact, which a template resolves to, holds none: a render refuses a string
//! that still does (see [`Pacte::validate`](super::Pacte::validate)).

/// The built-in placeholder names. A name whose last part starts with a capital letter
/// (`departement.Le`, `Collectivite`) gives the value with a capital first letter.
pub(crate) const PLACEHOLDERS: &[&str] = &[
    "departement.code",
    "departement.nom",
    "departement.de",
    "departement.le",
    "departement.chef_lieu",
    "departement.statut",
    "region.code",
    "region.nom",
    "region.de",
    "region.chef_lieu",
    "chef_lieu",
    "periode",
    "periode.debut",
    "periode.fin",
    "collectivite",
    "collectivite.nom",
    "collectivite.de",
    "collectivite.a",
    "executif",
    "collectivite_region",
    "collectivite_region.nom",
    "collectivite_region.de",
    "collectivite_region.a",
    "executif_region",
];

/// The first built-in placeholder `text` holds, braces included, as written
/// (`{Departement.Le}`): a name is matched in any case.
pub(crate) fn first_in(text: &str) -> Option<&str> {
    // Each `{` once, its following bytes compared with each placeholder (as bytes: a
    // placeholder's length may fall inside a character of the text).
    text.match_indices('{').find_map(|(i, _)| {
        let rest = &text.as_bytes()[i + 1..];
        let name = PLACEHOLDERS.iter().find(|p| {
            rest.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
                && rest.get(p.len()) == Some(&b'}')
        })?;
        // The name matched ASCII bytes: the slice ends on a character boundary.
        Some(&text[i..i + name.len() + 2])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_is_found_in_any_case_and_only_whole() {
        assert_eq!(
            first_in("Pacte {periode} de {Departement.Le}"),
            Some("{periode}")
        );
        assert_eq!(first_in("{{DEPARTEMENT.DE}}"), Some("{DEPARTEMENT.DE}"));
        assert_eq!(first_in("é{periode}é"), Some("{periode}"));
        for none in [
            "{periode",
            "{periodes}",
            "{ periode}",
            "{inconnu}",
            "{é}",
            "{",
            "",
        ] {
            assert_eq!(first_in(none), None, "{none}");
        }
    }
}
