//! Markdown → typed rich text, with `pulldown-cmark`.
//!
//! Accepted: paragraphs, `**bold**`, `*italic*`, `<sup>…</sup>` superscripts,
//! `<b>`/`<i>` inline HTML, links, hard line breaks, bulleted and numbered lists (nested),
//! block quotes and tables. Headings are refused: a heading is structure, and belongs in
//! the model (a section or sub-section title), not in a text.
//!
//! Footnotes: a call `[^label]` and its definition `[^label]: text` (one paragraph of
//! inline text) in the same text become an [`Inline::Note`] holding the note's text where
//! the call stands. A call without a definition, a definition never called, a note called
//! twice (each note has one call: its number is the call's) or defined twice are refused,
//! naming the label.

use super::tableau::{self, alignement, CadreTableau};
use super::texte::{Bloc, Inline, Texte};
use crate::limits::{LimitError, Limits};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::cell::Cell;

mod deserialize;
#[cfg(test)]
mod tests;

thread_local! {
    /// The `markdown_depth` limit of the pact being read on this thread. A text is
    /// deserialized by serde, which carries no context: [`with_depth_limit`] sets it around
    /// the reading of one pact and puts the previous value back.
    static PROFONDEUR_MAX: Cell<u64> = Cell::new(Limits::default().markdown_depth);
}

/// Runs `read` with the Markdown nesting limit `limit` on this thread.
pub(crate) fn with_depth_limit<T>(limit: u64, read: impl FnOnce() -> T) -> T {
    let before = PROFONDEUR_MAX.with(|p| p.replace(limit));
    /// Puts the previous limit back, even on a panic.
    struct Restore(u64);
    impl Drop for Restore {
        fn drop(&mut self) {
            PROFONDEUR_MAX.with(|p| p.set(self.0));
        }
    }
    let _restore = Restore(before);
    read()
}

/// Why a Markdown text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownError {
    /// A `#` heading inside a text.
    #[error("a Markdown heading (\"{0} …\") is not allowed in a text: make it a section or sub-section title")]
    Titre(String),
    /// Nesting deeper than the limit `markdown_depth` (default 24 levels of lists, quotes or
    /// inline styles).
    #[error(transparent)]
    TropProfond(LimitError),
    /// Markdown construct the model has no place for.
    #[error("unsupported Markdown: {0}")]
    NonPris(String),
    /// A footnote call whose label no definition of the same text gives.
    #[error("footnote [^{0}] is called but not defined (add a line \"[^{0}]: its text\" to the same text)")]
    NoteInconnue(String),
    /// A footnote definition that no call of the text uses.
    #[error("footnote [^{0}] is defined but never called (call it with [^{0}] where it belongs, or remove it)")]
    NoteInutilisee(String),
    /// A footnote called more than once: a note has one call, which gives its number.
    #[error("footnote [^{0}] is called twice: a note has one call (write a second note)")]
    NoteRepetee(String),
    /// Two definitions with the same label.
    #[error("footnote [^{0}] is defined twice")]
    NoteDoublon(String),
    /// A footnote whose text is not one paragraph of inline text (a list, a table, a call
    /// to another note, several paragraphs or nothing).
    #[error("footnote [^{0}] must be one paragraph of text (emphasis and links allowed; no list, table or note inside)")]
    NoteForme(String),
    /// An image where a figure cannot stand: in a table cell, a heading, or inside bold,
    /// italics or a link (a figure is an image alone in its paragraph, or one that splits it).
    #[error("the image \"{0}\" is {1}: a figure stands on its own line (![what it shows](file.png \"Caption\"))")]
    Image(String, &'static str),
    /// A pipe table's row whose cells do not match the header's, or a second total row.
    #[error("table row {ligne} (\"{ecrit}\"): {message}")]
    Tableau {
        /// The row, 1-based, counting the body's rows (the header row is not counted).
        ligne: usize,
        /// The row as written.
        ecrit: String,
        /// What is wrong.
        message: String,
    },
}

enum Cadre {
    Racine(Vec<Bloc>),
    Liste {
        ordonnee: bool,
        debut: u32,
        items: Vec<Vec<Bloc>>,
    },
    Item(Vec<Bloc>),
    Citation(Vec<Bloc>),
    Tableau(CadreTableau),
    Ligne(Vec<Vec<Inline>>),
    /// A footnote definition: its label and blocks.
    Note(String, Vec<Bloc>),
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Para,
    Cellule,
    Gras,
    Italique,
    Exposant,
    Lien,
    /// An image's alternative text, being read (the frame's string is the file).
    Image,
}

struct Constructeur {
    blocs: Vec<Cadre>,
    inlines: Vec<(Style, Vec<Inline>, String)>,
    /// The `markdown_depth` limit.
    limite: u64,
    /// The footnote calls' labels, in reading order (lower case).
    appels: Vec<String>,
    /// The footnote definitions: label (lower case) and text.
    notes: Vec<(String, Vec<Inline>)>,
    /// The title of the image being read: its figure's caption.
    titre_image: String,
}

/// Parses `source` as Markdown into typed rich text.
pub fn parse(source: &str) -> Result<Texte, MarkdownError> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_SUPERSCRIPT);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut c = Constructeur {
        blocs: vec![Cadre::Racine(Vec::new())],
        inlines: Vec::new(),
        limite: PROFONDEUR_MAX.with(Cell::get),
        appels: Vec::new(),
        notes: Vec::new(),
        titre_image: String::new(),
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let ecrit = source.get(range).unwrap_or_default();
        c.evenement(event, ecrit)?;
    }
    c.fermer_paragraphe();
    let mut blocs = match c.blocs.pop() {
        Some(Cadre::Racine(b)) if c.blocs.is_empty() => b,
        _ => return Err(MarkdownError::NonPris("unbalanced structure".into())),
    };
    // A call left as text is written `[^` in the source (a bracket written otherwise, as
    // `&#91;`, is the text's own).
    if let Some(label) = source
        .contains("[^")
        .then(|| blocs.iter().find_map(appel_non_defini))
        .flatten()
    {
        return Err(MarkdownError::NoteInconnue(label));
    }
    use super::notes::{resoudre, Orpheline};
    resoudre(&mut blocs, c.appels, c.notes).map_err(|o| match o {
        Orpheline::Appel(l) => MarkdownError::NoteInconnue(l),
        Orpheline::Definition(l) => MarkdownError::NoteInutilisee(l),
    })?;
    Ok(Texte(blocs))
}

/// A footnote call that pulldown-cmark left as text, having no definition: `[^label]`.
fn appel_non_defini(b: &Bloc) -> Option<String> {
    let mut texte = String::new();
    if let Bloc::Paragraphe { contenu } = b {
        super::texte::inlines_brut(contenu, &mut texte);
    } else {
        texte = Texte(vec![b.clone()]).texte_brut();
    }
    let debut = texte.find("[^")? + 2;
    let fin = texte[debut..].find(']')? + debut;
    let label = &texte[debut..fin];
    (!label.is_empty() && !label.contains(char::is_whitespace)).then(|| label.to_string())
}

impl Constructeur {
    /// Refuses one more level past the limit (blocks and inlines, two per level: a list
    /// and its item, a paragraph and its style).
    fn verifier_profondeur(&self) -> Result<(), MarkdownError> {
        let profondeur = (self.blocs.len() + self.inlines.len()) as u64;
        if profondeur > self.limite.saturating_mul(2) {
            let what = format!(
                "the text is nested more than {} levels deep: it",
                self.limite
            );
            return Err(MarkdownError::TropProfond(LimitError::new(
                what,
                "markdown_depth",
                self.limite,
            )));
        }
        Ok(())
    }

    fn pousser_bloc(&mut self, cadre: Cadre) -> Result<(), MarkdownError> {
        self.verifier_profondeur()?;
        self.blocs.push(cadre);
        Ok(())
    }

    fn ajouter_bloc(&mut self, bloc: Bloc) {
        match self.blocs.last_mut() {
            Some(Cadre::Racine(v))
            | Some(Cadre::Item(v))
            | Some(Cadre::Citation(v))
            | Some(Cadre::Note(_, v)) => v.push(bloc),
            _ => {}
        }
    }

    fn ouvrir_inline(&mut self, style: Style) -> Result<(), MarkdownError> {
        if self.inlines.is_empty() && style != Style::Para && style != Style::Cellule {
            // Inline content straight inside a list item (tight list): implicit paragraph.
            self.inlines.push((Style::Para, Vec::new(), String::new()));
        }
        self.verifier_profondeur()?;
        self.inlines.push((style, Vec::new(), String::new()));
        Ok(())
    }

    fn ajouter_inline(&mut self, inline: Inline) {
        if self.inlines.is_empty() {
            self.inlines.push((Style::Para, Vec::new(), String::new()));
        }
        if let Some((_, v, _)) = self.inlines.last_mut() {
            // Merge adjacent plain text (pulldown-cmark splits on special characters).
            if let (Inline::Texte { texte: nouveau }, Some(Inline::Texte { texte })) =
                (&inline, v.last_mut())
            {
                texte.push_str(nouveau);
                return;
            }
            v.push(inline);
        }
    }

    fn fermer_inline(&mut self) -> Option<Vec<Inline>> {
        let (style, contenu, url) = self.inlines.pop()?;
        let inline = match style {
            Style::Para | Style::Cellule => return Some(contenu),
            Style::Gras => Inline::Gras { contenu },
            Style::Italique => Inline::Italique { contenu },
            Style::Exposant => Inline::Exposant { contenu },
            Style::Lien => Inline::Lien { url, contenu },
            Style::Image => return Some(contenu),
        };
        self.ajouter_inline(inline);
        None
    }

    /// Closes any open (possibly implicit) paragraph, with its open inline styles.
    fn fermer_paragraphe(&mut self) {
        while let Some((style, _, _)) = self.inlines.last() {
            if *style == Style::Cellule {
                return;
            }
            if let Some(contenu) = self.fermer_inline() {
                let contenu = rogner(contenu);
                if !contenu.is_empty() {
                    self.ajouter_bloc(Bloc::Paragraphe { contenu });
                }
            }
        }
    }

    fn evenement(&mut self, event: Event, ecrit: &str) -> Result<(), MarkdownError> {
        match event {
            Event::Start(Tag::TableRow) => {
                self.verifier_ligne(ecrit)?;
                self.pousser_bloc(Cadre::Ligne(Vec::new()))?;
            }
            Event::Start(tag) => self.debut(tag)?,
            Event::End(tag) => self.fin(tag)?,
            Event::FootnoteReference(label) => self.appel(&label)?,
            Event::Text(t) | Event::Code(t) => self.ajouter_inline(Inline::texte(t.to_string())),
            Event::SoftBreak => self.ajouter_inline(Inline::texte(" ")),
            Event::HardBreak => self.ajouter_inline(Inline::SautDeLigne),
            Event::InlineHtml(h) | Event::Html(h) => self.html(h.trim())?,
            Event::Rule => {}
            other => return Err(MarkdownError::NonPris(format!("{other:?}"))),
        }
        Ok(())
    }

    fn html(&mut self, h: &str) -> Result<(), MarkdownError> {
        match h.to_ascii_lowercase().as_str() {
            "<sup>" => self.ouvrir_inline(Style::Exposant)?,
            "<b>" | "<strong>" => self.ouvrir_inline(Style::Gras)?,
            "<i>" | "<em>" => self.ouvrir_inline(Style::Italique)?,
            "</sup>" | "</b>" | "</strong>" | "</i>" | "</em>" => {
                if matches!(self.inlines.last(), Some((s, _, _)) if !matches!(s, Style::Para | Style::Cellule))
                {
                    self.fermer_inline();
                }
            }
            "<br>" | "<br/>" | "<br />" => self.ajouter_inline(Inline::SautDeLigne),
            "" => {}
            autre => return Err(MarkdownError::NonPris(format!("HTML {autre}"))),
        }
        Ok(())
    }

    fn debut(&mut self, tag: Tag) -> Result<(), MarkdownError> {
        match tag {
            Tag::Paragraph => {
                self.fermer_paragraphe();
                self.ouvrir_inline(Style::Para)?;
            }
            Tag::Heading { level, .. } => {
                return Err(MarkdownError::Titre("#".repeat(level as usize)))
            }
            Tag::BlockQuote(_) => {
                self.fermer_paragraphe();
                self.pousser_bloc(Cadre::Citation(Vec::new()))?;
            }
            Tag::List(debut) => {
                self.fermer_paragraphe();
                self.pousser_bloc(Cadre::Liste {
                    ordonnee: debut.is_some(),
                    debut: debut.map(|d| d.min(u32::MAX as u64) as u32).unwrap_or(1),
                    items: Vec::new(),
                })?;
            }
            Tag::Item => {
                self.fermer_paragraphe();
                self.pousser_bloc(Cadre::Item(Vec::new()))?;
            }
            Tag::Emphasis => self.ouvrir_inline(Style::Italique)?,
            Tag::Strong => self.ouvrir_inline(Style::Gras)?,
            Tag::Superscript => self.ouvrir_inline(Style::Exposant)?,
            Tag::Image {
                dest_url, title, ..
            } => {
                if self.inlines.iter().any(|(s, _, _)| *s == Style::Image) {
                    return Err(MarkdownError::Image(
                        dest_url.to_string(),
                        "inside another image's text",
                    ));
                }
                self.ouvrir_inline(Style::Image)?;
                self.titre_image = title.to_string();
                if let Some((_, _, url)) = self.inlines.last_mut() {
                    *url = dest_url.to_string();
                }
            }
            Tag::Link { dest_url, .. } => {
                self.ouvrir_inline(Style::Lien)?;
                if let Some((_, _, url)) = self.inlines.last_mut() {
                    *url = dest_url.to_string();
                }
            }
            Tag::Table(alignements) => {
                self.fermer_paragraphe();
                let legende = self.legende_precedente();
                let alignements = alignements.iter().map(alignement).collect();
                self.pousser_bloc(Cadre::Tableau(CadreTableau {
                    legende,
                    alignements,
                    ..CadreTableau::default()
                }))?;
            }
            Tag::TableHead => {
                if let Some(Cadre::Tableau(t)) = self.blocs.last_mut() {
                    t.dans_entete = true;
                }
                self.pousser_bloc(Cadre::Ligne(Vec::new()))?;
            }
            Tag::TableRow => self.pousser_bloc(Cadre::Ligne(Vec::new()))?,
            Tag::TableCell => self
                .inlines
                .push((Style::Cellule, Vec::new(), String::new())),
            Tag::HtmlBlock => {}
            Tag::FootnoteDefinition(label) => {
                self.fermer_paragraphe();
                self.pousser_bloc(Cadre::Note(label.to_lowercase(), Vec::new()))?;
            }
            other => return Err(MarkdownError::NonPris(format!("{other:?}"))),
        }
        Ok(())
    }

    /// A footnote call: an empty note, filled once the text's definitions are known.
    fn appel(&mut self, label: &str) -> Result<(), MarkdownError> {
        let label = label.to_lowercase();
        if self.blocs.iter().any(|b| matches!(b, Cadre::Note(..))) {
            let dans = self.blocs.iter().rev().find_map(|b| match b {
                Cadre::Note(l, _) => Some(l.clone()),
                _ => None,
            });
            return Err(MarkdownError::NoteForme(dans.unwrap_or(label)));
        }
        if self.appels.contains(&label) {
            return Err(MarkdownError::NoteRepetee(label));
        }
        self.appels.push(label);
        self.ajouter_inline(Inline::Note {
            contenu: Vec::new(),
        });
        Ok(())
    }

    /// The end of a footnote definition: one paragraph, kept with its label.
    fn fin_note(&mut self) -> Result<(), MarkdownError> {
        self.fermer_paragraphe();
        let Some(Cadre::Note(label, blocs)) = self.blocs.pop() else {
            return Err(MarkdownError::NonPris("unbalanced footnote".into()));
        };
        if self.notes.iter().any(|(l, _)| *l == label) {
            return Err(MarkdownError::NoteDoublon(label));
        }
        match <[Bloc; 1]>::try_from(blocs) {
            Ok([Bloc::Paragraphe { contenu }]) => {
                self.notes.push((label, contenu));
                Ok(())
            }
            _ => Err(MarkdownError::NoteForme(label)),
        }
    }

    fn fin(&mut self, tag: TagEnd) -> Result<(), MarkdownError> {
        match tag {
            TagEnd::FootnoteDefinition => self.fin_note()?,
            TagEnd::Paragraph => self.fermer_paragraphe(),
            TagEnd::Image => self.fin_image()?,
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Superscript | TagEnd::Link => {
                if matches!(self.inlines.last(), Some((s, _, _)) if !matches!(s, Style::Para | Style::Cellule))
                {
                    self.fermer_inline();
                }
            }
            TagEnd::Item => {
                self.fermer_paragraphe();
                if let Some(Cadre::Item(blocs)) = self.blocs.pop() {
                    if let Some(Cadre::Liste { items, .. }) = self.blocs.last_mut() {
                        items.push(blocs);
                    }
                }
            }
            TagEnd::List(_) => {
                self.fermer_paragraphe();
                if let Some(Cadre::Liste {
                    ordonnee,
                    debut,
                    items,
                }) = self.blocs.pop()
                {
                    self.ajouter_bloc(Bloc::Liste {
                        ordonnee,
                        debut,
                        items,
                    });
                }
            }
            TagEnd::BlockQuote(_) => {
                self.fermer_paragraphe();
                if let Some(Cadre::Citation(contenu)) = self.blocs.pop() {
                    self.ajouter_bloc(Bloc::Citation { contenu });
                }
            }
            TagEnd::TableCell => {
                while matches!(self.inlines.last(), Some((s, _, _)) if *s != Style::Cellule) {
                    self.fermer_inline();
                }
                if let Some(cellule) = self.fermer_inline() {
                    if let Some(Cadre::Ligne(cells)) = self.blocs.last_mut() {
                        cells.push(rogner(cellule));
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Cadre::Ligne(cells)) = self.blocs.pop() {
                    if let Some(Cadre::Tableau(t)) = self.blocs.last_mut() {
                        t.ligne(cells);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Cadre::Tableau(t)) = self.blocs.pop() {
                    self.ajouter_bloc(Bloc::Tableau(t.fini()));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Constructeur {
    /// The end of an image: a figure block. An image alone in its paragraph replaces it;
    /// one inside a paragraph splits it (the text before, the figure, the text after). An
    /// image inside a table cell or a style is refused, naming the file.
    fn fin_image(&mut self) -> Result<(), MarkdownError> {
        while matches!(self.inlines.last(), Some((s, _, _)) if *s != Style::Image) {
            self.fermer_inline();
        }
        let Some((Style::Image, alt, url)) = self.inlines.pop() else {
            return Err(MarkdownError::NonPris("unbalanced image".into()));
        };
        let place = match self.inlines.as_slice() {
            [(Style::Para, _, _)] => None,
            [(Style::Cellule, _, _), ..] => Some("in a table cell"),
            [] => Some("outside any paragraph"),
            _ => Some("inside bold, italics, a superscript or a link"),
        };
        if let Some(place) = place {
            return Err(MarkdownError::Image(url, place));
        }
        let mut texte = String::new();
        super::texte::inlines_brut(&alt, &mut texte);
        let titre = std::mem::take(&mut self.titre_image);
        let figure = super::figure::from_markdown(&url, &titre, texte);
        if let Some((_, avant, _)) = self.inlines.last_mut() {
            let avant = rogner(std::mem::take(avant));
            if !avant.is_empty() {
                self.ajouter_bloc(Bloc::Paragraphe { contenu: avant });
            }
        }
        self.ajouter_bloc(Bloc::Figure(figure));
        Ok(())
    }

    /// The caption the paragraph just before a table gives it (`Tableau : …`), taken out of
    /// the text.
    fn legende_precedente(&mut self) -> Option<String> {
        let blocs = match self.blocs.last_mut() {
            Some(Cadre::Racine(v)) | Some(Cadre::Item(v)) | Some(Cadre::Citation(v)) => v,
            _ => return None,
        };
        let legende = tableau::legende_de(blocs.last()?)?;
        blocs.pop();
        Some(legende)
    }

    /// Refuses a body row whose cells, as written, are not as many as the header's (GFM
    /// would drop the extra ones, or fill in empty ones), and a row after the total row.
    fn verifier_ligne(&self, ecrit: &str) -> Result<(), MarkdownError> {
        let Some(Cadre::Tableau(t)) = self.blocs.last() else {
            return Ok(());
        };
        if t.dans_entete {
            return Ok(());
        }
        let ligne = t.sous_entetes.len()
            + usize::from(t.separe_entetes)
            + t.lignes.len()
            + usize::from(t.separe)
            + usize::from(t.total.is_some())
            + 1;
        let erreur = |message: String| MarkdownError::Tableau {
            ligne,
            ecrit: ecrit.trim().chars().take(80).collect(),
            message,
        };
        let (n, colonnes) = (tableau::cellules_source(ecrit), t.entetes.len());
        if n != colonnes {
            return Err(erreur(format!(
                "{n} cells where the table has {colonnes} columns"
            )));
        }
        if t.total.is_some() {
            return Err(erreur(
                "a row after the total row (the row after the `===` line is the table's last)"
                    .into(),
            ));
        }
        Ok(())
    }
}

/// Trims leading and trailing white space and line breaks of an inline run.
fn rogner(mut v: Vec<Inline>) -> Vec<Inline> {
    while matches!(v.last(), Some(Inline::SautDeLigne)) {
        v.pop();
    }
    if let Some(Inline::Texte { texte }) = v.first_mut() {
        *texte = texte.trim_start().to_string();
    }
    if let Some(Inline::Texte { texte }) = v.last_mut() {
        *texte = texte.trim_end().to_string();
    }
    v.retain(|i| !matches!(i, Inline::Texte { texte } if texte.is_empty()));
    v
}

impl Texte {
    /// Parses Markdown into typed rich text: bold, italics, `<sup>`, links, nested lists,
    /// quotes and tables.
    pub fn markdown(source: &str) -> Result<Texte, MarkdownError> {
        parse(source)
    }
}
