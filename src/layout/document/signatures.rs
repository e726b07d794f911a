//! The signature part: "Fait à …, le …", then the signatories' blocks in rows.
//!
//! Each block is sized to its text (who signs, the quality, the name, a mention), then a
//! signature area of the theme's fixed height. A row holds from the theme's fewest to its
//! most blocks: the layout that needs the fewest pages wins, then the one that cuts no name
//! at its hyphen, then the body's size rather than the smaller one. A row never splits, and
//! the first row stays with the "Fait à" lines. A block whose text alone is taller than a
//! page flows line by line, its signature area kept with its last lines.

use super::Composer;
use crate::font::Variant;
use crate::layout::draw::{Draw, PlacedGlyph, Role};
use crate::layout::flow::{ends_with_hyphen, Chunk};
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::tag::Tag;
use crate::model::Signataire;

/// One laid-out row: its chunk, or, for a block taller than a page, its lines then its area.
type Row = Vec<Chunk>;

/// A candidate layout's score, smaller is better: pages, lines cut at a hyphen, text size.
type Score = (usize, usize, usize);

impl Composer<'_, '_> {
    /// The signatures, each block with its signature area (never split across pages).
    pub(super) fn signatures(&mut self) {
        let p = self.pacte;
        if p.signataires.is_empty() {
            return;
        }
        self.flow.page_break();
        let start = self.flow.chunks.len();
        self.heading(&p.titres.signataires, 1, true);
        self.fait_a();
        // The lead (heading and "Fait à" lines) opens a page: what is left below it.
        let lead: f32 = self.flow.chunks[start..]
            .iter()
            .enumerate()
            .map(|(k, c)| c.height + if k == 0 { 0.0 } else { c.space_before })
            .sum();
        let rows = self.best_rows(&p.signataires, lead);
        self.flow.keep_with_next();
        for chunk in rows.into_iter().flatten() {
            self.flow.push(chunk);
        }
    }

    /// "Fait à …, le …" and "en n exemplaires originaux.", kept together.
    fn fait_a(&mut self) {
        let p = self.pacte;
        self.flow.space(self.theme().signature.top_gap);
        self.ligne(&p.mention_fait_a(), false, false, Align::Left);
        let second = self.flow.chunks.len();
        if let Some(exemplaires) = p.mention_exemplaires() {
            self.ligne(&exemplaires, false, false, Align::Left);
        }
        if let Some(c) = self.flow.chunks.get_mut(second) {
            c.keep_with_previous = true;
        }
    }

    /// The rows of the layout with the best [`Score`], `lead` pt of the first page taken.
    fn best_rows(&mut self, signataires: &[Signataire], lead: f32) -> Vec<Row> {
        let sig = self.theme().signature;
        let body = self.theme().body_height();
        let [fewest, most] = sig.row_blocks;
        let mut best: Option<(Score, Vec<Row>)> = None;
        for per_row in fewest.max(1)..=most.max(fewest).max(1) {
            for (k, &scale) in [1.0, sig.small_text].iter().enumerate() {
                let (rows, cut) = self.rows(signataires, per_row, scale);
                let score = (pages_needed(body - lead, body, &rows), cut, k);
                if best.as_ref().is_none_or(|(b, _)| score < *b) {
                    best = Some((score, rows));
                }
            }
        }
        best.map(|(_, rows)| rows).unwrap_or_default()
    }

    /// The blocks laid out `per_row` in a row, their text at `scale` of the body's size;
    /// with the number of lines that end on a hyphen.
    fn rows(
        &mut self,
        signataires: &[Signataire],
        per_row: usize,
        scale: f32,
    ) -> (Vec<Row>, usize) {
        let sig = self.theme().signature;
        let col = self.theme().column_width();
        let bw = (col - sig.column_gap * (per_row as f32 - 1.0)) / per_row as f32;
        let body = self.theme().body_height();
        let mut cut = 0;
        let rows = signataires
            .chunks(per_row)
            .enumerate()
            .map(|(row, group)| {
                let first = row * per_row;
                let mut chunk = self.row(group, first, bw, scale, &mut cut);
                chunk.space_before = sig.row_gaps[usize::from(row > 0)];
                if chunk.height <= body {
                    vec![chunk]
                } else {
                    self.tall_blocks(group, first, scale, &mut cut)
                }
            })
            .collect();
        (rows, cut)
    }

    /// The text lines of a block, from its top (below the logo band), with their leading.
    /// `cut` counts the lines that end on a hyphen.
    fn block_text(
        &mut self,
        s: &Signataire,
        bw: f32,
        scale: f32,
        cut: &mut usize,
    ) -> Vec<(Vec<Draw>, f32)> {
        let t = self.theme().body;
        let st = ParaStyle {
            size: t.size * scale,
            leading: t.leading * scale,
            ascent: self.theme().ascent,
            color: t.color,
            align: Align::Left,
            hyphenate: false,
            role: Role::Signature,
        };
        let mut texts: Vec<(String, bool, bool)> = vec![
            (s.ligne_pour(), true, false),
            (s.qualite.clone(), false, false),
        ];
        if let Some(n) = &s.nom {
            texts.push((n.clone(), true, false));
        }
        if let Some(m) = &s.mention {
            texts.push((m.clone(), false, true));
        }
        let mut out: Vec<(Vec<Draw>, f32)> = Vec::new();
        for (text, bold, italic) in texts {
            let runs = self.plain(&text, bold, italic);
            let first = out.len();
            for line in self.flow.cache.lines(&runs, bw, &st) {
                *cut += usize::from(ends_with_hyphen(&line.draws));
                out.push((line.draws, st.leading));
            }
            // Each text a paragraph.
            if let Some((draws, _)) = out.get_mut(first) {
                draws.insert(0, Draw::Begin(Tag::Paragraph));
            }
            if out.len() > first {
                if let Some((draws, _)) = out.last_mut() {
                    draws.push(Draw::End);
                }
            }
        }
        out
    }

    /// One row: the blocks' texts start at the same height (below a logo band if any block
    /// has a logo) and their signature areas line up below the longest text.
    fn row(
        &mut self,
        group: &[Signataire],
        first: usize,
        bw: f32,
        scale: f32,
        cut: &mut usize,
    ) -> Chunk {
        let sig = self.theme().signature;
        let mut draws = Vec::new();
        let logos: Vec<_> = group
            .iter()
            .map(|s| s.logo.as_deref().and_then(|l| self.logo(l)))
            .collect();
        let text_top = if logos.iter().any(Option::is_some) {
            sig.logo_band
        } else {
            0.0
        };
        let mut area_top: f32 = 0.0;
        // Each block's draws in reading order (logo, text, then its field), in a Div.
        let mut blocks: Vec<Vec<Draw>> = Vec::new();
        for (k, (s, logo)) in group.iter().zip(&logos).enumerate() {
            let x = k as f32 * (bw + sig.column_gap);
            let mut draws = vec![Draw::Begin(Tag::Division)];
            if let Some(logo) = logo {
                let [lw, lh] = sig.logo;
                let alt = crate::text::typo::typographie_str(&self.pacte.signataire_logo_alt(s));
                draws.push(Draw::Begin(Tag::Figure { alt }));
                draws.push(self.fit_image(*logo, x, 0.0, lw.min(bw), lh, false));
                draws.push(Draw::End);
            }
            let mut y = text_top;
            for (line, leading) in self.block_text(s, bw, scale, cut) {
                for mut d in line {
                    d.translate(x, y);
                    draws.push(d);
                }
                y += leading;
            }
            area_top = area_top.max(y + sig.box_gap);
            blocks.push(draws);
        }
        for (k, block) in blocks.into_iter().enumerate() {
            let x = k as f32 * (bw + sig.column_gap);
            draws.extend(block);
            draws.extend(self.area(first + k, x, area_top, bw));
            draws.push(Draw::End);
        }
        Chunk {
            height: area_top + sig.height,
            draws,
            ..Chunk::default()
        }
    }

    /// Blocks too tall for a page, one under the other at full width: their lines flow, each
    /// signature area kept with the lines above it.
    fn tall_blocks(
        &mut self,
        group: &[Signataire],
        first: usize,
        scale: f32,
        cut: &mut usize,
    ) -> Row {
        let sig = self.theme().signature;
        let keep = self.theme().keeps.lines;
        let width = self.theme().column_width();
        let mut out = Vec::new();
        for (k, s) in group.iter().enumerate() {
            let lines = self.block_text(s, width, scale, cut);
            let n = lines.len();
            for (j, (mut draws, leading)) in lines.into_iter().enumerate() {
                if j == 0 {
                    draws.insert(0, Draw::Begin(Tag::Division));
                }
                out.push(Chunk {
                    height: leading,
                    space_before: if j == 0 { sig.row_gaps[1] } else { 0.0 },
                    keep_with_previous: j > 0 && (j < keep || j + keep > n),
                    draws,
                    ..Chunk::default()
                });
            }
            out.push(Chunk {
                height: sig.box_gap + sig.height,
                keep_with_previous: true,
                draws: {
                    let mut area = self.area(first + k, 0.0, sig.box_gap, width);
                    area.push(Draw::End);
                    area
                },
                ..Chunk::default()
            });
        }
        out
    }

    /// A signature area: its border, the field's place, the parapheur's hidden tag.
    fn area(&mut self, index: usize, x: f32, y: f32, w: f32) -> Vec<Draw> {
        let sig = self.theme().signature;
        let h = sig.height;
        let mut draws = vec![
            Draw::Rect {
                x,
                y,
                w,
                h,
                fill: None,
                stroke: Some(sig.border),
            },
            Draw::Begin(Tag::Form),
            Draw::SignatureArea { index, x, y, w, h },
            Draw::End,
        ];
        if let Some(tag) = &self.options.parapheur_tag {
            let text = tag.replace("{n}", &(index + 1).to_string());
            let shaped = self.flow.cache.words.shaper.shape(Variant::Regular, &text);
            let units = self.theme().fonts().face(Variant::Regular).units_per_em;
            let glyphs = PlacedGlyph::from_shaped(&shaped.glyphs, sig.tag_size / units);
            draws.push(Draw::HiddenText {
                x: x + sig.tag_inset,
                y: y + h - sig.tag_inset,
                size: sig.tag_size,
                glyphs,
            });
        }
        draws
    }
}

/// Pages the rows take, `first` pt being free on the first page and `body` on the next.
fn pages_needed(first: f32, body: f32, rows: &[Row]) -> usize {
    let mut pages = 1;
    let mut free = first;
    for chunk in rows.iter().flatten() {
        let need = chunk.height + chunk.space_before;
        if need <= free {
            free -= need;
        } else {
            pages += 1;
            free = body - chunk.height;
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(h: f32) -> Row {
        vec![Chunk {
            height: h,
            space_before: 10.0,
            ..Chunk::default()
        }]
    }

    #[test]
    fn rows_that_fit_take_one_page() {
        assert_eq!(
            pages_needed(300.0, 600.0, &[row(90.0), row(90.0), row(90.0)]),
            1
        );
        assert_eq!(
            pages_needed(200.0, 600.0, &[row(90.0), row(90.0), row(90.0)]),
            2
        );
    }
}
