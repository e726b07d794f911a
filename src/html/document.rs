//! The page being written: its body, headings (numbered and gathered for the sommaire as
//! the PDF does), ids, and the skeleton around it (head, style sheet, landmarks).

use super::escape;
use super::inline::{self, Sigles};
use super::logos::Logos;
use crate::layout::theme::{Counter, ListLabel, Rgb, Theme, NUMBERED_LEVELS};
use crate::model::{Pacte, Statut};
use std::collections::HashSet;

/// The style sheet, after the pact's colours.
const STYLE: &str = include_str!("style.css");

/// A sommaire entry: level 1 or 2, as in the PDF's sommaire.
#[derive(Debug, Clone)]
pub(crate) struct Entree {
    /// 1 or 2.
    pub(crate) level: u8,
    /// "1." for numbered parts.
    pub(crate) number: Option<String>,
    /// The heading's text, as HTML.
    pub(crate) html: String,
    /// The heading's id.
    pub(crate) id: String,
}

/// The HTML edition being written.
pub(crate) struct Page<'a> {
    /// The pact.
    pub(crate) pacte: &'a Pacte,
    /// Its logos, as data URIs.
    pub(crate) logos: &'a Logos,
    /// The `<main>` element's content so far.
    pub(crate) out: String,
    /// The sommaire's entries, in order.
    pub(crate) toc: Vec<Entree>,
    /// Acronyms marked `<abbr>` in the text.
    pub(crate) sigles: Sigles,
    /// The last heading's plain text (names the tables under it).
    pub(crate) titre_courant: String,
    /// Tables written so far.
    pub(crate) tableaux: usize,
    /// Captioned figures written so far.
    pub(crate) figures: usize,
    /// How many numbered lists hold the text being written: its labels' level.
    pub(crate) niveau_liste: usize,
    /// The labels of numbered lists by level, as the PDF's theme gives them.
    pub(crate) numbering: [ListLabel; NUMBERED_LEVELS],
    /// The footnotes' texts, as HTML, in the order of their calls (note n at n - 1).
    pub(crate) notes: Vec<String>,
    /// For an avenant, its first visa (the amended pact).
    pub(crate) avenant: Option<String>,
    ids: HashSet<String>,
    parts: usize,
}

impl<'a> Page<'a> {
    pub(crate) fn new(
        pacte: &'a Pacte,
        logos: &'a Logos,
        numbering: [ListLabel; NUMBERED_LEVELS],
    ) -> Page<'a> {
        let mut sigles = Sigles::default();
        for p in pacte.tous_partenaires() {
            if let Some(s) = &p.sigle {
                sigles.ajouter(s, &p.nom);
            }
        }
        let mut ids = HashSet::new();
        for reserve in ["couverture", "sommaire", "contenu"] {
            ids.insert(reserve.to_string());
        }
        // The ids of the engagements the index of the fiches-action links to.
        for f in pacte.index_des_fiches() {
            ids.extend(f.renvois.into_iter().map(|r| r.ancre));
        }
        Page {
            pacte,
            logos,
            out: String::new(),
            toc: Vec::new(),
            sigles,
            titre_courant: String::new(),
            tableaux: 0,
            figures: 0,
            niveau_liste: 0,
            numbering,
            notes: Vec::new(),
            avenant: None,
            ids,
            parts: 0,
        }
    }

    /// A unique id made from `text`.
    pub(crate) fn id(&mut self, text: &str) -> String {
        let mut base = crate::registry::normalise::slug(text);
        base.truncate(60);
        let base = base.trim_end_matches('-').to_string();
        let base = if base.is_empty() || !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            format!("s-{base}")
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.ids.insert(id.clone());
        id
    }

    /// A heading of `level` (1–4): numbered "1." like the PDF's parts when `numbered` at
    /// level 1, in the sommaire at levels 1–2; `page_break` starts a new page in print, where
    /// the PDF starts one.
    pub(crate) fn heading(&mut self, text: &str, level: u8, numbered: bool, page_break: bool) {
        let level = level.clamp(1, 4);
        let text = text.trim();
        let id = self.id(text);
        let number = if numbered && level == 1 {
            self.parts += 1;
            Some(format!("{}.", self.parts))
        } else {
            None
        };
        let html = inline::plain_string(text, &Sigles::default());
        if level <= 2 {
            self.sigles.nouvelle_partie();
            self.toc.push(Entree {
                level,
                number: number.clone(),
                html: html.clone(),
                id: id.clone(),
            });
        }
        self.titre_courant = crate::text::typo::typographie_str(text);
        let class = match (page_break, number.is_some()) {
            (true, true) => " class=\"saut numerote\"",
            (true, false) => " class=\"saut\"",
            (false, true) => " class=\"numerote\"",
            (false, false) => "",
        };
        self.out
            .push_str(&format!("\n<h{level} id=\"{}\"{class}>", escape::attr(&id)));
        if let Some(n) = &number {
            self.out
                .push_str(&format!("<span class=\"numero\">{n} </span>"));
        }
        // A heading names the body it stands for: its acronyms are marked in the text below.
        inline::plain(&mut self.out, text, &Sigles::default());
        self.out.push_str(&format!("</h{level}>"));
    }

    /// The whole file: head, cover, sommaire, body, back cover.
    pub(crate) fn finish(self, cover: String, sommaire: String, back: String) -> String {
        let p = self.pacte;
        let mut titre = match self.avenant {
            Some(_) => p.titre.clone(),
            None => format!(
                "{} {} — Département {}",
                p.titre,
                p.periode.libelle(),
                p.departement.de
            ),
        };
        if p.statut == Statut::Projet {
            titre.push_str(" (projet)");
        }
        let theme = Theme::default().with_apparence(p.apparence.as_ref());
        let mut h = String::with_capacity(self.out.len() + STYLE.len() + 4096);
        h.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.push_str(&format!(
            "<title>{}</title>\n",
            escape::text(&crate::text::typo::typographie_str(&titre))
        ));
        let m = &p.metadonnees;
        if let Some(s) = &m.service_emetteur {
            h.push_str(&format!(
                "<meta name=\"author\" content=\"{}\">\n",
                escape::attr(s)
            ));
        }
        if let Some(s) = &m.sujet {
            h.push_str(&format!(
                "<meta name=\"description\" content=\"{}\">\n",
                escape::attr(s)
            ));
        }
        if !m.mots_cles.is_empty() {
            h.push_str(&format!(
                "<meta name=\"keywords\" content=\"{}\">\n",
                escape::attr(&m.mots_cles.join(", "))
            ));
        }
        h.push_str(&format!(
            "<style>\n:root {{ --primaire: {}; --secondaire: {}; --teinte: {}; --texte: {}; }}\n",
            hex(theme.primary),
            hex(theme.secondary),
            hex(theme.tint),
            hex(theme.text)
        ));
        h.push_str(STYLE);
        h.push_str(&list_markers(&self.numbering));
        h.push_str("</style>\n</head>\n");
        let class = if p.statut == Statut::Projet {
            " class=\"projet\""
        } else {
            ""
        };
        h.push_str(&format!("<body{class}>\n"));
        h.push_str(&cover);
        h.push_str(&sommaire);
        h.push_str("\n<main id=\"contenu\">");
        h.push_str(&self.out);
        notes(&mut h, &self.notes);
        h.push_str("\n</main>\n");
        h.push_str(&back);
        h.push_str("</body>\n</html>\n");
        h
    }
}

/// The footnotes, numbered as their calls, each with a link back to its call.
fn notes(h: &mut String, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    h.push_str("\n<section class=\"notes\" role=\"doc-endnotes\" aria-label=\"Notes\">\n<ol>");
    for (k, note) in notes.iter().enumerate() {
        let n = k + 1;
        h.push_str(&format!("\n<li id=\"note-{n}\">"));
        h.push_str(note);
        h.push_str(&format!(
            " <a href=\"#appel-{n}\" role=\"doc-backlink\" aria-label=\"Retour à l’appel de la note {n}\">↩</a></li>"
        ));
    }
    h.push_str("\n</ol>\n</section>");
}

/// "#00376B".
fn hex(c: Rgb) -> String {
    let b = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02X}{:02X}{:02X}", b(c.0), b(c.1), b(c.2))
}

/// The markers of numbered lists by level (`ol.n1`, `ol.n2`…), as the PDF labels them: "1.",
/// "a)", "–".
fn list_markers(numbering: &[ListLabel]) -> String {
    let quoted = |c: Option<char>| match c {
        Some(c @ ('"' | '\\')) => format!("\\{c}"),
        Some(c) => c.to_string(),
        None => String::new(),
    };
    let mut css = String::new();
    for (k, label) in numbering.iter().enumerate() {
        let content = match *label {
            ListLabel::Sign(c) => format!("\"{} \"", quoted(Some(c))),
            ListLabel::Counter {
                counter,
                before,
                after,
            } => format!(
                "\"{}\" counter(list-item, {}) \"{} \"",
                quoted(before),
                css_counter(counter),
                quoted(after)
            ),
        };
        css.push_str(&format!(
            "main ol.n{} > li::marker {{ content: {content}; }}\n",
            k + 1
        ));
    }
    css
}

/// The CSS list style of a counter.
fn css_counter(c: Counter) -> &'static str {
    match c {
        Counter::Decimal => "decimal",
        Counter::LowerAlpha => "lower-alpha",
        Counter::UpperAlpha => "upper-alpha",
        Counter::LowerRoman => "lower-roman",
        Counter::UpperRoman => "upper-roman",
    }
}
