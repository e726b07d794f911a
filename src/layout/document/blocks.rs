//! Rich text blocks → flow: paragraphs, nested lists with hanging labels, quotes, tables.

use super::Composer;
use crate::font::Variant;
use crate::layout::draw::{Draw, Role};
use crate::layout::flow::{Chunk, Indent};
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::tag::Tag;
use crate::layout::theme::TextStyle;
use crate::model::{Bloc, Engagement, Inline, Texte};
use crate::text::{typo, Run, Style};

/// Bullets by nesting depth.
const BULLETS: [&str; 3] = ["•", "–", "◦"];

impl Composer<'_, '_> {
    /// Runs of inlines in a text style, as written (setting them applies the typography).
    pub(super) fn runs(&mut self, inlines: &[Inline], t: &TextStyle) -> Vec<Run> {
        typo::runs_bruts(
            inlines,
            Style {
                bold: t.bold,
                italic: t.italic,
                superscript: false,
            },
        )
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
            },
            link: None,
        }]
    }

    /// A whole rich text, at a list depth and left indent.
    pub(super) fn texte(&mut self, t: &Texte, indent: f32) {
        self.blocs(t.blocs(), indent, 0);
    }

    fn blocs(&mut self, blocs: &[Bloc], indent: f32, depth: usize) {
        for b in blocs {
            self.bloc(b, indent, depth);
        }
    }

    fn bloc(&mut self, b: &Bloc, indent: f32, depth: usize) {
        let body = self.theme().body;
        match b {
            Bloc::Paragraphe { contenu } => {
                let runs = self.runs(contenu, &body);
                self.flow.space(self.theme().paragraph_gap);
                let style = self.flow.para_style(&body, Align::Justify, Role::Paragraph);
                self.flow.paragraph(
                    &runs,
                    Indent {
                        left: indent,
                        right: 0.0,
                    },
                    &style,
                );
            }
            Bloc::Liste {
                ordonnee,
                debut,
                items,
            } => {
                self.flow.space(self.theme().paragraph_gap * 0.5);
                self.flow.begin(Tag::List {
                    numbered: *ordonnee,
                });
                for (k, item) in items.iter().enumerate() {
                    let label = if *ordonnee {
                        format!("{}.", *debut as usize + k)
                    } else {
                        BULLETS[depth.min(BULLETS.len() - 1)].to_string()
                    };
                    self.item(&label, item, indent, depth, None);
                    self.end_item();
                }
                self.flow.end();
                self.flow.space(self.theme().paragraph_gap * 0.5);
            }
            Bloc::Citation { contenu } => {
                let quote = TextStyle {
                    italic: true,
                    ..body
                };
                self.flow.begin(Tag::Quote);
                for b in contenu {
                    if let Bloc::Paragraphe { contenu } = b {
                        let runs = self.runs(contenu, &quote);
                        self.flow.space(self.theme().paragraph_gap);
                        let style = self.flow.para_style(&quote, Align::Justify, Role::Quote);
                        let first = self.flow.chunks.len();
                        let q = self.theme().quotes;
                        self.flow.paragraph(
                            &runs,
                            Indent {
                                left: indent + q.indent,
                                right: q.indent,
                            },
                            &style,
                        );
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
                    } else {
                        let q = self.theme().quotes.indent;
                        self.bloc(b, indent + q, depth);
                    }
                }
                self.flow.end();
            }
            Bloc::Tableau { entetes, lignes } => {
                let t = self.theme().table;
                let header: Vec<Vec<Run>> = entetes
                    .iter()
                    .map(|c| self.runs(c, &TextStyle { bold: true, ..t }))
                    .collect();
                let rows: Vec<Vec<Vec<Run>>> = lignes
                    .iter()
                    .map(|r| r.iter().map(|c| self.runs(c, &t)).collect())
                    .collect();
                let n = header
                    .len()
                    .max(rows.iter().map(Vec::len).max().unwrap_or(0))
                    .max(1);
                self.table(&header, &rows, &vec![1.0; n], indent, false);
            }
        }
    }

    /// Closes the list item [`Self::item`] opened (its body, then the item).
    pub(super) fn end_item(&mut self) {
        self.flow.end();
        self.flow.end();
    }

    /// A list item: its label hangs in the indent; its blocks are indented. The item stays
    /// open (a nested list may follow in its body): [`Self::end_item`] closes it.
    pub(super) fn item(
        &mut self,
        label: &str,
        blocs: &[Bloc],
        indent: f32,
        depth: usize,
        suffix: Option<&str>,
    ) {
        let body = self.theme().body;
        let lists = self.theme().lists;
        let text_left = indent + lists.indent;
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
        let label = vec![Draw::Begin(Tag::Label), label_draw, Draw::End];
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
            let mut label = label;
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

    /// A list of engagements, nested, each with the fiches-action it cites when its text
    /// does not already name them.
    pub(super) fn engagements(&mut self, engagements: &[Engagement], indent: f32, depth: usize) {
        if engagements.is_empty() {
            return;
        }
        self.flow.begin(Tag::List { numbered: false });
        for e in engagements {
            let suffix = fiches_suffix(e);
            let label = BULLETS[depth.min(BULLETS.len() - 1)];
            self.item(label, e.texte.blocs(), indent, depth, suffix.as_deref());
            if !e.sous_engagements.is_empty() {
                let li = self.theme().lists.indent;
                self.engagements(&e.sous_engagements, indent + li, depth + 1);
            }
            self.end_item();
        }
        self.flow.end();
    }

    /// A table: a header row (repeated nowhere, kept with the first row), then rows that
    /// never split across pages. `fractions` gives the relative column widths;
    /// `row_headers`: the first cell of each body row heads its row.
    pub(super) fn table(
        &mut self,
        header: &[Vec<Run>],
        rows: &[Vec<Vec<Run>>],
        fractions: &[f32],
        indent: f32,
        row_headers: bool,
    ) {
        let t = self.theme().table;
        let width = self.theme().column_width() - indent;
        let total: f32 = fractions.iter().sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = fractions.iter().map(|f| f / total * width).collect();
        let rules = self.theme().tables;
        let pad = rules.padding;
        self.flow.space(self.theme().paragraph_gap);
        let header_fill = self.theme().tint;
        let rule = self.theme().secondary;
        let mut all: Vec<(&[Vec<Run>], bool)> = Vec::new();
        if !header.is_empty() {
            all.push((header, true));
        }
        for r in rows {
            all.push((r, false));
        }
        self.flow.begin(Tag::Table);
        let mut open_body = false;
        for (k, (cells, is_header)) in all.into_iter().enumerate() {
            if is_header {
                self.flow.begin(Tag::TableHead);
            } else if !open_body {
                self.flow.begin(Tag::TableBody);
                open_body = true;
            }
            let role = if is_header {
                Role::TableHeader
            } else {
                Role::TableCell
            };
            let style = ParaStyle {
                size: t.size,
                leading: t.leading,
                ascent: self.theme().ascent,
                color: t.color,
                align: Align::Left,
                hyphenate: true,
                role,
            };
            let mut draws = Vec::new();
            let mut height: f32 = 0.0;
            let mut x = indent;
            for (c, w) in widths.iter().enumerate() {
                let runs = cells.get(c).cloned().unwrap_or_default();
                draws.push(Draw::Begin(cell_tag(is_header, row_headers && c == 0)));
                let lines =
                    self.flow
                        .lines(&runs, (w - 2.0 * pad).max(rules.min_text_width), &style);
                let mut y = pad;
                for line in lines {
                    for mut d in line.draws {
                        d.translate(x + pad, y);
                        draws.push(d);
                    }
                    y += t.leading;
                }
                draws.push(Draw::End);
                height = height.max(y + pad - rules.bottom_trim);
                x += w;
            }
            if is_header {
                draws.insert(
                    0,
                    Draw::Rect {
                        x: indent,
                        y: 0.0,
                        w: width,
                        h: height,
                        fill: Some(header_fill),
                        stroke: None,
                    },
                );
            }
            draws.push(Draw::Line {
                x1: indent,
                y1: height,
                x2: indent + width,
                y2: height,
                width: if is_header {
                    rules.header_rule
                } else {
                    rules.row_rule
                },
                color: rule,
                dashed: false,
            });
            if k == 0 {
                draws.push(Draw::Line {
                    x1: indent,
                    y1: 0.0,
                    x2: indent + width,
                    y2: 0.0,
                    width: rules.header_rule,
                    color: rule,
                    dashed: false,
                });
            }
            draws.insert(0, Draw::Begin(Tag::Row));
            draws.push(Draw::End);
            self.flow.push(Chunk {
                height,
                draws,
                ..Chunk::default()
            });
            if is_header {
                self.flow.end();
                self.flow.keep_with_next();
            }
        }
        if open_body {
            self.flow.end();
        }
        self.flow.end();
        self.flow.space(self.theme().paragraph_gap);
    }
}

/// The structure of a table cell: a header of its column (in the header row), of its row
/// (`row_header`), or data.
fn cell_tag(in_header: bool, row_header: bool) -> Tag {
    if in_header || row_header {
        Tag::HeaderCell { row: !in_header }
    } else {
        Tag::Cell
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
