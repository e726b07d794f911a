//! Rich text blocks → flow: paragraphs, nested lists with hanging labels, quotes, tables,
//! figures.

use super::table::TableExtras;
use super::Composer;
use crate::font::Variant;
use crate::layout::draw::{Draw, Role};
use crate::layout::flow::{Chunk, Indent};
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::tag::{Labels, Tag};
use crate::layout::theme::{ListLabel, TextStyle};
use crate::model::{Alignement, Bloc, Engagement, Inline, Tableau, Texte};
use crate::text::{typo, Run, Style};

/// The least space between a list's label and its text, in em.
const LABEL_GAP: f32 = 0.3;

/// Bullets by nesting depth.
const BULLETS: [&str; 3] = ["•", "–", "◦"];

impl Composer<'_, '_> {
    /// Runs of inlines in a text style, as written (setting them applies the typography).
    /// Each footnote called is numbered and laid out, to go with the chunk that draws its
    /// call.
    pub(super) fn runs(&mut self, inlines: &[Inline], t: &TextStyle) -> Vec<Run> {
        let base = Style {
            bold: t.bold,
            italic: t.italic,
            superscript: false,
            note: false,
        };
        let mut notes = typo::Notes::new(self.next_note);
        let runs = typo::runs_bruts_notes(inlines, base, &mut notes);
        self.next_note = notes.suivant();
        for (k, texte) in notes.textes.iter().enumerate() {
            let note = self.note(notes.premier + k as u32, texte);
            self.flow.add_note(note);
        }
        runs
    }

    /// Runs of a plain string in a text style, as written (setting them applies the
    /// typography).
    pub(super) fn plain(&mut self, text: &str, bold: bool, italic: bool) -> Vec<Run> {
        vec![Run {
            text: text.to_string(),
            style: Style {
                bold,
                italic,
                superscript: false,
                note: false,
            },
            link: None,
        }]
    }

    /// A whole rich text, at a list depth and left indent.
    pub(super) fn texte(&mut self, t: &Texte, indent: f32) {
        self.blocs(t.blocs(), indent, 0);
    }

    fn blocs(&mut self, blocs: &[Bloc], indent: f32, depth: usize) {
        let mut lead_in = false;
        for b in blocs {
            let start = self.flow.chunks.len();
            self.bloc(b, indent, depth);
            if lead_in
                && matches!(
                    b,
                    Bloc::Liste { .. } | Bloc::Tableau { .. } | Bloc::Figure(_)
                )
            {
                self.flow.keep_lead_in(start);
            }
            lead_in = matches!(b, Bloc::Paragraphe { .. }) && self.flow.ends_with_colon();
        }
    }

    fn bloc(&mut self, b: &Bloc, indent: f32, depth: usize) {
        match b {
            Bloc::Paragraphe { contenu } => self.paragraphe(contenu, indent),
            Bloc::Liste {
                ordonnee,
                debut,
                items,
            } => self.liste(*ordonnee, *debut, items, indent, depth),
            Bloc::Citation { contenu } => self.citation_bloc(contenu, indent, depth),
            Bloc::Tableau(t) => self.tableau(t, indent),
            Bloc::Figure(f) => self.figure(f, indent),
        }
    }

    /// A justified paragraph of body text.
    fn paragraphe(&mut self, contenu: &[Inline], indent: f32) {
        self.paragraphe_aligne(contenu, indent, Align::Justify);
    }

    /// A paragraph of body text set as `align` says.
    pub(super) fn paragraphe_aligne(&mut self, contenu: &[Inline], indent: f32, align: Align) {
        let body = self.theme().body;
        let runs = self.runs(contenu, &body);
        self.flow.space(self.theme().paragraph_gap);
        let style = self.flow.para_style(&body, align, Role::Paragraph);
        let indent = Indent {
            left: indent,
            right: 0.0,
        };
        self.flow.paragraph(&runs, indent, &style);
    }

    /// A list: each item with its bullet (by depth), or its label by the theme's numbering
    /// for its level among the numbered lists around it ("1.", then "a)", then "–").
    fn liste(
        &mut self,
        ordonnee: bool,
        debut: u32,
        items: &[Vec<Bloc>],
        indent: f32,
        depth: usize,
    ) {
        let numbering = self.theme().lists.numbering;
        let style = ordonnee.then(|| numbering[self.numbered_depth.min(numbering.len() - 1)]);
        let labels = match style {
            None => Labels::Bullets,
            Some(ListLabel::Counter { counter, .. }) => Labels::Numbers(counter),
            Some(ListLabel::Sign(_)) => Labels::Signs,
        };
        let texts: Vec<String> = (0..items.len())
            .map(|k| match style {
                Some(s) => s.text(debut.saturating_add(k as u32)),
                None => BULLETS[depth.min(BULLETS.len() - 1)].to_string(),
            })
            .collect();
        let room = self.label_room(&texts);
        self.flow.space(self.theme().paragraph_gap * 0.5);
        self.flow.begin(Tag::List { labels });
        self.numbered_depth += usize::from(ordonnee);
        for (label, item) in texts.iter().zip(items) {
            self.item(label, item, indent, depth, None, room);
            self.end_item();
        }
        self.numbered_depth -= usize::from(ordonnee);
        self.flow.end();
        self.flow.space(self.theme().paragraph_gap * 0.5);
    }

    /// The hanging room of a list's labels: the theme's indent, or more when the widest
    /// label ("IV.", "(iii)", "10.") would reach the text.
    fn label_room(&mut self, labels: &[String]) -> f32 {
        let (body, lists, color) = (
            self.theme().body,
            self.theme().lists,
            self.theme().secondary,
        );
        let mut widest: f32 = 0.0;
        for l in labels {
            let draw = self.flow.text_draw(
                l,
                0.0,
                0.0,
                Variant::Regular,
                body.size,
                color,
                Role::ListLabel,
            );
            if let Draw::Text { glyphs, .. } = draw {
                widest = widest.max(glyphs.iter().map(|g| g.advance).sum());
            }
        }
        lists
            .indent
            .max(lists.label_offset + widest + LABEL_GAP * body.size)
    }

    /// A quotation: its paragraphs in italics, indented, with a rule on their left.
    fn citation_bloc(&mut self, contenu: &[Bloc], indent: f32, depth: usize) {
        let body = self.theme().body;
        let quote = TextStyle {
            italic: true,
            ..body
        };
        let q = self.theme().quotes;
        self.flow.begin(Tag::Quote);
        for b in contenu {
            let Bloc::Paragraphe { contenu } = b else {
                self.bloc(b, indent + q.indent, depth);
                continue;
            };
            let runs = self.runs(contenu, &quote);
            self.flow.space(self.theme().paragraph_gap);
            let style = self.flow.para_style(&quote, Align::Justify, Role::Quote);
            let first = self.flow.chunks.len();
            let inside = Indent {
                left: indent + q.indent,
                right: q.indent,
            };
            self.flow.paragraph(&runs, inside, &style);
            let color = self.theme().secondary;
            for c in self.flow.chunks.iter_mut().skip(first) {
                c.draws.push(Draw::Line {
                    x1: indent + q.rule_offset,
                    y1: 0.0,
                    x2: indent + q.rule_offset,
                    y2: c.height,
                    width: q.rule_width,
                    color,
                    dashed: false,
                });
            }
        }
        self.flow.end();
    }

    /// A table of rich text: its caption numbered through the document, its header and
    /// total row in bold, the widths and alignments its columns give.
    fn tableau(&mut self, tableau: &Tableau, indent: f32) {
        let t = self.theme().table;
        let bold = TextStyle { bold: true, ..t };
        let header: Vec<Vec<Run>> = tableau
            .entetes()
            .into_iter()
            .map(|c| self.runs(c, &bold))
            .collect();
        let more_headers = tableau
            .sous_entetes
            .iter()
            .map(|r| r.iter().map(|c| self.runs(&c.0, &bold)).collect())
            .collect();
        let rows: Vec<Vec<Vec<Run>>> = tableau
            .lignes
            .iter()
            .map(|r| r.iter().map(|c| self.runs(&c.0, &t)).collect())
            .collect();
        let caption = tableau.legende.as_deref().map(|l| {
            self.tables += 1;
            let mut runs = self.plain(&format!("Tableau {} – ", self.tables), true, false);
            runs.extend(self.plain(l, false, false));
            runs
        });
        let total = tableau
            .total
            .as_ref()
            .map(|r| r.iter().map(|c| self.runs(&c.0, &bold)).collect());
        let extras = TableExtras {
            caption,
            fractions: tableau
                .colonnes
                .iter()
                .map(|c| c.largeur.map(|w| w as f32))
                .collect(),
            aligns: tableau
                .colonnes
                .iter()
                .map(|c| c.alignement.map(align))
                .collect(),
            more_headers,
            total,
        };
        self.table_with(&header, &rows, indent, false, &extras);
    }

    /// Closes the list item [`Self::item`] opened (its body, then the item).
    pub(super) fn end_item(&mut self) {
        self.flow.end();
        self.flow.end();
    }

    /// A list item: its label hangs in the indent, `room` wide; its blocks are indented. The item stays
    /// open (a nested list may follow in its body): [`Self::end_item`] closes it.
    pub(super) fn item(
        &mut self,
        label: &str,
        blocs: &[Bloc],
        indent: f32,
        depth: usize,
        suffix: Option<&str>,
        room: f32,
    ) {
        let body = self.theme().body;
        let lists = self.theme().lists;
        let indent = indent.min(lists.indent * lists.indented_levels as f32);
        let text_left = indent + room;
        self.flow.space(lists.item_gap);
        let label_draw = self.flow.text_draw(
            label,
            indent + lists.label_offset,
            self.theme().baseline(body.size),
            Variant::Regular,
            body.size,
            self.theme().secondary,
            Role::ListLabel,
        );
        let (first_runs, rest) = self.item_first(blocs, suffix);
        let style = ParaStyle {
            role: Role::ListBody,
            ..self.flow.para_style(&body, Align::Justify, Role::ListBody)
        };
        let width = self.theme().column_width() - text_left;
        let lines = if first_runs.is_empty() {
            Vec::new()
        } else {
            self.flow.lines(&first_runs, width, &style)
        };
        let mut label = vec![Draw::Begin(Tag::Label), label_draw, Draw::End];
        self.flow.begin(Tag::Item);
        if lines.is_empty() {
            self.flow.push(Chunk {
                height: 0.0,
                draws: label,
                ..Chunk::default()
            });
            self.flow.begin(Tag::ItemBody);
            self.flow.keep_with_next();
        } else {
            // The label, then the body, its first paragraph's text in it directly.
            label.push(Draw::Begin(Tag::ItemBody));
            self.flow
                .push_lines(lines, body.leading, text_left, Some(label));
        }
        for b in rest {
            match b {
                Bloc::Liste { .. } => self.bloc(b, text_left, depth + 1),
                _ => self.bloc(b, text_left, depth),
            }
        }
    }

    /// The runs of an item's first paragraph (with the suffix, when given), and its other
    /// blocks.
    fn item_first<'b>(
        &mut self,
        blocs: &'b [Bloc],
        suffix: Option<&str>,
    ) -> (Vec<Run>, &'b [Bloc]) {
        let body = self.theme().body;
        let mut rest = blocs;
        let mut first_runs: Vec<Run> = Vec::new();
        if let Some(Bloc::Paragraphe { contenu }) = blocs.first() {
            first_runs = self.runs(contenu, &body);
            rest = &blocs[1..];
        }
        if let Some(s) = suffix {
            let mut extra = self.plain(s, false, true);
            if rest.is_empty() || !first_runs.is_empty() {
                first_runs.append(&mut extra);
            }
        }
        (first_runs, rest)
    }

    /// A list of engagements, nested, each with the fiches-action it cites when its text
    /// does not already name them; one that cites a fiche is anchored (`ancre`, then its
    /// 1-based place: the index of the fiches-action links there).
    pub(super) fn engagements(
        &mut self,
        engagements: &[Engagement],
        indent: f32,
        depth: usize,
        ancre: &str,
    ) {
        if engagements.is_empty() {
            return;
        }
        self.flow.begin(Tag::List {
            labels: Labels::Bullets,
        });
        for (k, e) in engagements.iter().enumerate() {
            let suffix = fiches_suffix(e);
            let ancre = format!("{ancre}-{}", k + 1);
            let first = self.flow.chunks.len();
            let label = BULLETS[depth.min(BULLETS.len() - 1)];
            let room = self.theme().lists.indent;
            self.item(
                label,
                e.texte.blocs(),
                indent,
                depth,
                suffix.as_deref(),
                room,
            );
            if let (false, Some(c)) = (e.fiches_action.is_empty(), self.flow.chunks.get_mut(first))
            {
                c.draws.push(Draw::Anchor {
                    id: ancre.clone(),
                    y: 0.0,
                });
            }
            if !e.sous_engagements.is_empty() {
                let li = self.theme().lists.indent;
                self.engagements(&e.sous_engagements, indent + li, depth + 1, &ancre);
            }
            self.end_item();
        }
        self.flow.end();
    }
}

/// The alignment a column gives its cells.
fn align(a: Alignement) -> Align {
    match a {
        Alignement::Gauche => Align::Left,
        Alignement::Centre => Align::Center,
        Alignement::Droite => Align::Right,
    }
}

/// " (fiches-action n° 13 et 17)" when the engagement's text does not already cite them.
pub(crate) fn fiches_suffix(e: &Engagement) -> Option<String> {
    if e.fiches_action.is_empty() {
        return None;
    }
    let texte = e.texte.texte_brut();
    let compact: String = texte.chars().filter(|c| !c.is_whitespace()).collect();
    let cited = e
        .fiches_action
        .iter()
        .all(|n| compact.contains(&format!("n°{n}")) || compact.contains(&format!("et{n}")));
    if cited {
        return None;
    }
    let nums: Vec<String> = e.fiches_action.iter().map(|n| n.to_string()).collect();
    Some(match nums.len() {
        1 => format!(" (fiche-action n°{})", nums[0]),
        _ => {
            let (last, head) = nums.split_last()?;
            format!(" (fiches-action n°{} et {last})", head.join(", "))
        }
    })
}
