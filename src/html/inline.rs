//! Rich text's inlines → HTML, with the PDF's French typography.
//!
//! The inlines go through the same [`typo`] rules as the PDF's paragraphs (no-break spaces,
//! guillemets, apostrophes, ordinals and `n°` as superscripts), then each run is written
//! inside the tags its style needs: `<a>`, `<strong>`, `<em>`, `<sup>`, opened and closed so
//! that runs sharing a style share the tag. The partners' and instances' acronyms are marked
//! `<abbr title>`.

use super::escape;
use crate::model::{url_sure, Inline};
use crate::text::typo::{self, Run, Style, SAUT_DE_LIGNE};
use std::cell::RefCell;
use std::collections::HashSet;

/// Acronyms and what they stand for, longest first (so that "CR PACA" wins over "CR").
///
/// In running text only an acronym's first occurrence in a part is marked (see
/// [`Sigles::nouvelle_partie`]): a dotted line under every "CAF" of a page is noise. In a
/// table, read cell by cell, every occurrence is ([`Sigles::partout`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Sigles {
    liste: Vec<(String, String)>,
    /// Whether every occurrence is marked, not only the first of each part.
    partout: bool,
    /// The acronyms already marked in the current part.
    marques: RefCell<HashSet<String>>,
}

impl Sigles {
    /// The same acronyms, marked at every occurrence.
    pub(crate) fn partout(&self) -> Sigles {
        Sigles {
            liste: self.liste.clone(),
            partout: true,
            marques: RefCell::default(),
        }
    }

    /// A new part starts: each acronym is marked again at its first occurrence.
    pub(crate) fn nouvelle_partie(&self) {
        self.marques.borrow_mut().clear();
    }

    /// Whether to mark this occurrence of `sigle` (and remember it is marked).
    fn marquer(&self, sigle: &str) -> bool {
        self.partout || self.marques.borrow_mut().insert(sigle.to_string())
    }

    /// Adds an acronym, unless it is empty, already known, or stands for itself.
    pub(crate) fn ajouter(&mut self, sigle: &str, sens: &str) {
        let (sigle, sens) = (sigle.trim(), sans_article(sens.trim()));
        if sigle.is_empty() || sens.is_empty() || sens == sigle {
            return;
        }
        if self.liste.iter().any(|(s, _)| s == sigle) {
            return;
        }
        self.liste.push((sigle.to_string(), sens.to_string()));
        self.liste
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    }

    /// The acronym that starts `s` as a whole word, with its meaning.
    fn en_tete<'a>(&'a self, s: &str) -> Option<(&'a str, &'a str)> {
        self.liste.iter().find_map(|(sigle, sens)| {
            let reste = s.strip_prefix(sigle.as_str())?;
            let fin = reste.chars().next().is_none_or(|c| !c.is_alphanumeric());
            fin.then_some((sigle.as_str(), sens.as_str()))
        })
    }
}

/// "La Caisse d'Allocations Familiales" → "Caisse d'Allocations Familiales".
fn sans_article(s: &str) -> &str {
    for article in ["La ", "Le ", "Les ", "L'", "L’"] {
        if let Some(reste) = s.strip_prefix(article) {
            return reste;
        }
    }
    s
}

/// The model's inlines, typographied, as HTML.
pub(crate) fn inlines(out: &mut String, inlines: &[Inline], sigles: &Sigles) {
    runs(out, &typo::runs(inlines, Style::default()), sigles);
}

/// A plain string, typographied (ordinals become superscripts), as HTML.
pub(crate) fn plain(out: &mut String, s: &str, sigles: &Sigles) {
    let r = typo::typographie(vec![Run::new(s.trim(), Style::default())]);
    runs(out, &r, sigles);
}

/// [`plain`] into a new string.
pub(crate) fn plain_string(s: &str, sigles: &Sigles) -> String {
    let mut out = String::new();
    plain(&mut out, s, sigles);
    out
}

/// A tag that a run may need, in nesting order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tag {
    Lien(String),
    Gras,
    Italique,
    Exposant,
}

impl Tag {
    fn open(&self, out: &mut String) {
        match self {
            Tag::Lien(url) => {
                out.push_str("<a href=\"");
                out.push_str(&escape::attr(url));
                out.push_str("\">");
            }
            Tag::Gras => out.push_str("<strong>"),
            Tag::Italique => out.push_str("<em>"),
            Tag::Exposant => out.push_str("<sup>"),
        }
    }

    fn close(&self, out: &mut String) {
        out.push_str(match self {
            Tag::Lien(_) => "</a>",
            Tag::Gras => "</strong>",
            Tag::Italique => "</em>",
            Tag::Exposant => "</sup>",
        });
    }
}

/// Styled runs as HTML.
pub(crate) fn runs(out: &mut String, runs: &[Run], sigles: &Sigles) {
    let mut ouvertes: Vec<Tag> = Vec::new();
    for run in runs {
        if run.style.note {
            // A footnote's call: a link to the note, which links back to it.
            while let Some(t) = ouvertes.pop() {
                t.close(out);
            }
            let n = escape::attr(&run.text);
            out.push_str(&format!(
                "<sup><a href=\"#note-{n}\" id=\"appel-{n}\" role=\"doc-noteref\">{n}</a></sup>"
            ));
            continue;
        }
        let mut voulues = Vec::new();
        // A link where a document may not lead (`javascript:`…) keeps its text only.
        if let Some(url) = run.link.as_deref().filter(|u| url_sure(u)) {
            voulues.push(Tag::Lien(url.trim().to_string()));
        }
        if run.style.bold {
            voulues.push(Tag::Gras);
        }
        if run.style.italic {
            voulues.push(Tag::Italique);
        }
        if run.style.superscript {
            voulues.push(Tag::Exposant);
        }
        let communes = ouvertes
            .iter()
            .zip(&voulues)
            .take_while(|(a, b)| a == b)
            .count();
        while ouvertes.len() > communes {
            if let Some(t) = ouvertes.pop() {
                t.close(out);
            }
        }
        for t in &voulues[communes..] {
            t.open(out);
        }
        ouvertes = voulues;
        if run.text.chars().all(|c| c == SAUT_DE_LIGNE) {
            for _ in run.text.chars() {
                out.push_str("<br>");
            }
        } else if run.link.is_some() {
            escape::text_into(out, &run.text);
        } else {
            texte_avec_sigles(out, &run.text, sigles);
        }
    }
    while let Some(t) = ouvertes.pop() {
        t.close(out);
    }
}

/// Text with each acronym, as a whole word, in `<abbr title>`.
fn texte_avec_sigles(out: &mut String, s: &str, sigles: &Sigles) {
    let mut debut_mot = true;
    let mut i = 0;
    let mut copie = 0;
    while i < s.len() {
        let reste = &s[i..];
        if debut_mot {
            if let Some((sigle, sens)) = sigles.en_tete(reste) {
                if sigles.marquer(sigle) {
                    escape::text_into(out, &s[copie..i]);
                    out.push_str("<abbr title=\"");
                    out.push_str(&escape::attr(sens));
                    out.push_str("\">");
                    escape::text_into(out, sigle);
                    out.push_str("</abbr>");
                    copie = i + sigle.len();
                }
                i += sigle.len();
                debut_mot = false;
                continue;
            }
        }
        let c = reste.chars().next().unwrap_or(' ');
        debut_mot = !c.is_alphanumeric();
        i += c.len_utf8();
    }
    escape::text_into(out, &s[copie..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Texte;

    fn html(markdown: &str, sigles: &Sigles) -> String {
        let t = Texte::markdown(markdown).unwrap();
        let mut out = String::new();
        if let Some(crate::model::Bloc::Paragraphe { contenu }) = t.blocs().first() {
            inlines(&mut out, contenu, sigles);
        }
        out
    }

    #[test]
    fn styles_nest_and_share_their_tags() {
        let s = Sigles::default();
        assert_eq!(
            html("**gras *et italique*** puis [lien **fort**](https://x.fr)", &s),
            "<strong>gras <em>et italique</em></strong> puis <a href=\"https://x.fr\">lien <strong>fort</strong></a>"
        );
    }

    #[test]
    fn typography_is_the_pdfs() {
        let s = Sigles::default();
        assert_eq!(
            html("le 1er janvier : l'article n° 3 ?", &s),
            "le 1<sup>er</sup> janvier\u{a0}: l’article n<sup>o</sup>\u{a0}3\u{202f}?"
        );
    }

    #[test]
    fn acronyms_are_marked_as_whole_words_once_per_part() {
        let mut s = Sigles::default();
        s.ajouter("CAF", "La Caisse d'Allocations Familiales");
        s.ajouter("UP-MEDEF", "L'UP-MEDEF");
        assert_eq!(
            html("La CAF, CAFE et UP-MEDEF **CAF**", &s),
            "La <abbr title=\"Caisse d'Allocations Familiales\">CAF</abbr>, CAFE et UP-MEDEF <strong>CAF</strong>"
        );
        assert_eq!(html("la CAF", &s), "la CAF");
        s.nouvelle_partie();
        assert_eq!(
            html("la CAF", &s),
            "la <abbr title=\"Caisse d'Allocations Familiales\">CAF</abbr>"
        );
        assert_eq!(
            html("La CAF, CAFE et UP-MEDEF **CAF**", &s.partout()),
            "La <abbr title=\"Caisse d'Allocations Familiales\">CAF</abbr>, CAFE et UP-MEDEF <strong><abbr title=\"Caisse d'Allocations Familiales\">CAF</abbr></strong>"
        );
    }

    #[test]
    fn unsafe_links_are_plain_text() {
        let s = Sigles::default();
        assert_eq!(html("[clic](javascript:alert(1))", &s), "clic");
    }
}
