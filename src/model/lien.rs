//! Where a link may lead: the web, e-mail and telephone, and nowhere else.
//!
//! A pact's rich text may hold links (`[texte](https://…)`). An official document points only
//! to web pages, e-mail addresses and phone numbers: a `javascript:` or `file:` target would
//! run a script or open a file of the reader's computer, a `data:` URI carry anything, and a
//! relative path (`www.exemple.fr` without its scheme) lead nowhere. Validation refuses such a
//! link with its JSON path ([`problemes`]); the PDF and the HTML edition, which a program may
//! make from a pact it has not validated, keep such a link's text and drop the link
//! ([`url_sure`]).

use super::Problem;
use serde::Deserialize;
use serde_json::Value;

/// What a link's target may start with, in any case.
const SCHEMES: [&str; 4] = ["https://", "http://", "mailto:", "tel:"];

/// Whether a link may lead to `url`: a web address, an e-mail address or a phone number
/// (see the [module](self) documentation).
pub(crate) fn url_sure(url: &str) -> bool {
    let url = url.trim();
    SCHEMES.iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })
}

/// A link of a rich text in its serialised form (its content is not read).
#[derive(Deserialize)]
struct Lien {
    url: String,
}

/// The links of `value` (a serialised pact) that lead where a document may not, each with
/// the JSON path of its target in the text's typed form (`sections[0].texte[2].contenu[1].url`).
pub(super) fn problemes(value: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    super::strings::each_block(value, "lien", |chemin, lien: Lien| {
        if !url_sure(&lien.url) {
            problems.push(Problem {
                path: format!("{chemin}.url"),
                message: message(&lien.url),
            });
        }
    });
    problems
}

/// Why `url` is refused, and how to write it.
fn message(url: &str) -> String {
    let trimmed = url.trim();
    let how = match trimmed.get(..4) {
        Some(start) if start.eq_ignore_ascii_case("www.") => {
            format!("write \"https://{trimmed}\"")
        }
        _ => "write it with https://, http://, mailto: or tel:".to_string(),
    };
    format!(
        "link target \"{url}\" is not a web address, an e-mail address or a phone number: {how}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_web_mail_and_phone_are_the_only_targets() {
        for good in [
            "https://www.vaucluse.fr",
            "http://www.allier.fr/insertion",
            "HTTPS://EXEMPLE.FR",
            " mailto:insertion@vaucluse.fr ",
            "tel:+33490161500",
        ] {
            assert!(url_sure(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>",
            "www.vaucluse.fr",
            "#sections-2",
            "../annexe.pdf",
            "",
            "é",
        ] {
            assert!(!url_sure(bad), "{bad}");
        }
    }

    #[test]
    fn a_refused_target_says_how_to_write_it() {
        assert_eq!(
            message(" WWW.allier.fr"),
            "link target \" WWW.allier.fr\" is not a web address, an e-mail address or a \
             phone number: write \"https://WWW.allier.fr\""
        );
        assert!(message("file:///etc/passwd")
            .ends_with(": write it with https://, http://, mailto: or tel:"));
    }
}
