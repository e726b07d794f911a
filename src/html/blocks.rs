//! Rich text's blocks → HTML: paragraphs, nested lists, quotations, tables with a caption
//! and column headers, figures; and the partners' engagements as nested lists.

use super::document::Page;
use super::escape;
use super::inline;
use super::logos::Logo;
use crate::layout::document::table::numeric_text;
use crate::layout::theme::{Counter, FigureStyle, ListLabel};
use crate::model::{
    inlines_brut, Alignement, Bloc, Cellule, Engagement, Figure, Inline, Tableau, Texte,
};
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
            Bloc::Tableau(t) => self.tableau(t),
            Bloc::Figure(f) => self.figure(f),
        }
    }

    /// A figure: its image (the file as it is, a `data:` URI) with its alternative text,
    /// and its caption numbered as the PDF numbers it.
    fn figure(&mut self, f: &Figure) {
        self.out.push_str("\n<figure class=\"figure\">");
        if let Some(image) = self.logos.get(&f.fichier) {
            // As large as the PDF sets it at most: its pixels at the theme's resolution
            // (CSS has 96 px to the inch).
            let scale = 96.0 / FigureStyle::default().dpi.max(1.0);
            let size = |px: u32| ((px as f32 * scale).round() as u32).max(1);
            let sized = Logo {
                width: size(image.width),
                height: size(image.height),
                ..image.clone()
            };
            self.out.push_str(&Self::img(&sized, &f.alt, "figure"));
        }
        if let Some(l) = &f.legende {
            self.figures += 1;
            let caption = format!(
                "Figure {} – {}",
                self.figures,
                typo::typographie_str(l.trim())
            );
            self.out.push_str("<figcaption>");
            escape::text_into(&mut self.out, &caption);
            self.out.push_str("</figcaption>");
        }
        self.out.push_str("</figure>");
    }

    /// A numbered list, labelled as the PDF labels its level ("1.", "a)", "–"): the class
    /// `n1`, `n2`… gives its markers, `type` and `start` its numbers without the style sheet.
    fn liste_numerotee(&mut self, debut: u32, items: &[Vec<Bloc>]) {
        let numbering = self.numbering;
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

    /// Engagements as a bulleted list, nested; one that cites a fiche-action has the id
    /// `ancre` and its 1-based place (the index of the fiches-action links there).
    pub(crate) fn engagements(&mut self, engagements: &[Engagement], ancre: &str) {
        if engagements.is_empty() {
            return;
        }
        self.out.push_str("\n<ul class=\"engagements\">");
        for (k, e) in engagements.iter().enumerate() {
            let suffix = crate::layout::document::blocks::fiches_suffix(e);
            let ancre = format!("{ancre}-{}", k + 1);
            let at = self.out.len() + "\n<li".len();
            // The nested engagements go inside the item, before it closes.
            self.item(e.texte.blocs(), suffix.as_deref());
            if !e.fiches_action.is_empty() {
                let id = format!(" id=\"{}\"", escape::attr(&ancre));
                self.out.insert_str(at, &id);
            }
            if !e.sous_engagements.is_empty() {
                self.out.truncate(self.out.len() - "</li>".len());
                self.engagements(&e.sous_engagements, &ancre);
                self.out.push_str("</li>");
            }
        }
        self.out.push_str("\n</ul>");
    }

    /// A rich text's table: its caption numbered as the PDF numbers it (a table without
    /// one is named after the heading it stands under), the columns' widths and alignments,
    /// the header rows as column headers, the total row in the footer.
    fn tableau(&mut self, t: &Tableau) {
        let caption = match &t.legende {
            Some(l) => {
                self.tableaux += 1;
                format!("Tableau {} – {}", self.tableaux, typo::typographie_str(l))
            }
            None => self.titre_courant.clone(),
        };
        self.out.push_str("\n<table>\n<caption>");
        escape::text_into(&mut self.out, &caption);
        self.out.push_str("</caption>");
        if t.colonnes.iter().any(|c| c.largeur.is_some()) {
            self.out.push_str("\n<colgroup>");
            for c in &t.colonnes {
                match c.largeur {
                    Some(w) => self
                        .out
                        .push_str(&format!("<col style=\"width:{:.1}%\">", w * 100.0)),
                    None => self.out.push_str("<col>"),
                }
            }
            self.out.push_str("</colgroup>");
        }
        let aligns: Vec<&str> = (0..t.colonnes.len()).map(|c| alignement(t, c)).collect();
        let entetes = t.entetes();
        let more = t
            .sous_entetes
            .iter()
            .map(|r| r.iter().map(|c| c.0.as_slice()).collect());
        let rows: Vec<Vec<&[Inline]>> = std::iter::once(entetes)
            .chain(more)
            .filter(|r: &Vec<&[Inline]>| !r.is_empty())
            .collect();
        if !rows.is_empty() {
            self.out.push_str("\n<thead>");
            for row in rows {
                self.out.push_str("\n<tr>");
                for (c, cell) in row.iter().enumerate() {
                    let align = aligns.get(c).copied().unwrap_or("");
                    self.cellule("th scope=\"col\"", align, "", cell);
                }
                self.out.push_str("</tr>");
            }
            self.out.push_str("\n</thead>");
        }
        self.out.push_str("\n<tbody>");
        for ligne in &t.lignes {
            self.ligne(ligne, &aligns, "");
        }
        self.out.push_str("\n</tbody>");
        if let Some(total) = &t.total {
            self.out.push_str("\n<tfoot>");
            let bold = "font-weight:700;border-top:2px solid var(--secondaire);";
            self.ligne(total, &aligns, bold);
            self.out.push_str("\n</tfoot>");
        }
        self.out.push_str("\n</table>");
    }

    /// A row of data cells.
    fn ligne(&mut self, cells: &[Cellule], aligns: &[&str], style: &str) {
        self.out.push_str("\n<tr>");
        for (c, cell) in cells.iter().enumerate() {
            let align = aligns.get(c).copied().unwrap_or("");
            self.cellule("td", align, style, &cell.0);
        }
        self.out.push_str("</tr>");
    }

    /// A cell: its element (and attributes), its alignment and style, its inlines.
    fn cellule(&mut self, element: &str, align: &str, style: &str, cell: &[Inline]) {
        let name = element.split(' ').next().unwrap_or(element);
        self.out.push('<');
        self.out.push_str(element);
        if !align.is_empty() || !style.is_empty() {
            let align = if align.is_empty() {
                String::new()
            } else {
                format!("text-align:{align};")
            };
            self.out.push_str(&format!(" style=\"{align}{style}\""));
        }
        self.out.push('>');
        self.inlines(cell);
        self.out.push_str(&format!("</{name}>"));
    }
}

/// The CSS alignment of column `c`: as given, else right for a column of numbers (as the
/// PDF sets it), else the style sheet's (left).
fn alignement(t: &Tableau, c: usize) -> &'static str {
    match t.colonnes.get(c).and_then(|col| col.alignement) {
        Some(Alignement::Gauche) => "left",
        Some(Alignement::Centre) => "center",
        Some(Alignement::Droite) => "right",
        None => {
            let mut any = false;
            for ligne in &t.lignes {
                let mut text = String::new();
                if let Some(cell) = ligne.get(c) {
                    inlines_brut(&cell.0, &mut text);
                }
                match numeric_text(&text) {
                    Some(false) => return "",
                    Some(true) => any = true,
                    None => {}
                }
            }
            if any {
                "right"
            } else {
                ""
            }
        }
    }
}
