//! Rich text's blocks → HTML: paragraphs, nested lists, quotations, tables with a caption
//! and column headers; and the partners' engagements as nested lists.

use super::document::Page;
use super::escape;
use super::inline;
use crate::layout::theme::{Counter, ListLabel, Theme};
use crate::model::{Bloc, Engagement, Inline, Texte};
use crate::text::typo::{self, Run, Style};

impl Page<'_> {
    /// Inlines, each note's call numbered through the document and linked to the note,
    /// whose text is kept for the notes at the end.
    pub(crate) fn inlines(&mut self, contenu: &[Inline]) {
        let mut notes = typo::Notes::new(self.notes.len() as u32 + 1);
        let runs = typo::runs_bruts_notes(contenu, Style::default(), &mut notes);
        inline::runs(&mut self.out, &typo::typographie(runs), &self.sigles);
        self.add_notes(&notes.textes);
    }

    /// The texts of the notes just called, as HTML.
    fn add_notes(&mut self, textes: &[&[Inline]]) {
        for texte in textes {
            let mut html = String::new();
            inline::inlines(&mut html, texte, &self.sigles);
            self.notes.push(html);
        }
    }

    /// A whole rich text.
    pub(crate) fn texte(&mut self, t: &Texte) {
        self.blocs(t.blocs());
    }

    fn blocs(&mut self, blocs: &[Bloc]) {
        for b in blocs {
            self.bloc(b);
        }
    }

    fn bloc(&mut self, b: &Bloc) {
        match b {
            Bloc::Paragraphe { contenu } => {
                self.out.push_str("\n<p>");
                self.inlines(contenu);
                self.out.push_str("</p>");
            }
            Bloc::Liste {
                ordonnee,
                debut,
                items,
            } => {
                if *ordonnee {
                    self.liste_numerotee(*debut, items);
                } else {
                    self.out.push_str("\n<ul>");
                    for item in items {
                        self.item(item, None);
                    }
                    self.out.push_str("\n</ul>");
                }
            }
            Bloc::Citation { contenu } => {
                self.out.push_str("\n<blockquote>");
                self.blocs(contenu);
                self.out.push_str("\n</blockquote>");
            }
            Bloc::Tableau { entetes, lignes } => self.tableau(entetes, lignes),
        }
    }

    /// A numbered list, labelled as the PDF labels its level ("1.", "a)", "–"): the class
    /// `n1`, `n2`… gives its markers, `type` and `start` its numbers without the style sheet.
    fn liste_numerotee(&mut self, debut: u32, items: &[Vec<Bloc>]) {
        let numbering = Theme::default().lists.numbering;
        let level = self.niveau_liste.min(numbering.len() - 1);
        let mut ol = format!("\n<ol class=\"n{}\"", level + 1);
        if let ListLabel::Counter { counter, .. } = numbering[level] {
            let kind = match counter {
                Counter::Decimal => None,
                Counter::LowerAlpha => Some("a"),
                Counter::UpperAlpha => Some("A"),
                Counter::LowerRoman => Some("i"),
                Counter::UpperRoman => Some("I"),
            };
            if let Some(k) = kind {
                ol.push_str(&format!(" type=\"{k}\""));
            }
            if debut != 1 {
                ol.push_str(&format!(" start=\"{debut}\""));
            }
        }
        ol.push('>');
        self.out.push_str(&ol);
        self.niveau_liste += 1;
        for item in items {
            self.item(item, None);
        }
        self.niveau_liste -= 1;
        self.out.push_str("\n</ol>");
    }

    /// A list item: its first paragraph inline (with `suffix` in italics after it, as the
    /// PDF sets the fiches-action an engagement cites), then its other blocks.
    fn item(&mut self, blocs: &[Bloc], suffix: Option<&str>) {
        self.out.push_str("\n<li>");
        let (first, rest) = match blocs.split_first() {
            Some((Bloc::Paragraphe { contenu }, rest)) => (Some(contenu.as_slice()), rest),
            _ => (None, blocs),
        };
        let mut notes = typo::Notes::new(self.notes.len() as u32 + 1);
        let mut runs = first
            .map(|c| typo::runs_bruts_notes(c, Style::default(), &mut notes))
            .unwrap_or_default();
        if let Some(s) = suffix {
            let italic = Style {
                italic: true,
                ..Style::default()
            };
            runs.push(Run::new(s, italic));
        }
        inline::runs(&mut self.out, &typo::typographie(runs), &self.sigles);
        self.add_notes(&notes.textes);
        self.blocs(rest);
        self.out.push_str("</li>");
    }

    /// Engagements as a bulleted list, nested.
    pub(crate) fn engagements(&mut self, engagements: &[Engagement]) {
        if engagements.is_empty() {
            return;
        }
        self.out.push_str("\n<ul class=\"engagements\">");
        for e in engagements {
            let suffix = crate::layout::document::blocks::fiches_suffix(e);
            // The nested engagements go inside the item, before it closes.
            self.item(e.texte.blocs(), suffix.as_deref());
            if !e.sous_engagements.is_empty() {
                self.out.truncate(self.out.len() - "</li>".len());
                self.engagements(&e.sous_engagements);
                self.out.push_str("</li>");
            }
        }
        self.out.push_str("\n</ul>");
    }

    /// A rich text's table: a caption naming it after the heading it stands under, the
    /// header row as column headers.
    fn tableau(&mut self, entetes: &[Vec<Inline>], lignes: &[Vec<Vec<Inline>>]) {
        self.tableaux += 1;
        let caption = format!("Tableau {} — {}", self.tableaux, self.titre_courant);
        self.out.push_str("\n<table>\n<caption>");
        escape::text_into(&mut self.out, &caption);
        self.out.push_str("</caption>");
        if !entetes.is_empty() {
            self.out.push_str("\n<thead><tr>");
            for c in entetes {
                self.out.push_str("<th scope=\"col\">");
                self.inlines(c);
                self.out.push_str("</th>");
            }
            self.out.push_str("</tr></thead>");
        }
        self.out.push_str("\n<tbody>");
        for ligne in lignes {
            self.out.push_str("\n<tr>");
            for c in ligne {
                self.out.push_str("<td>");
                self.inlines(c);
                self.out.push_str("</td>");
            }
            self.out.push_str("</tr>");
        }
        self.out.push_str("\n</tbody>\n</table>");
    }
}
