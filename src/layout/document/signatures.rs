//! The signature part: "Fait à …, le …", then the signatories' blocks in rows.
//!
//! Each block is sized to its text (who signs, the quality, the name, a mention), then a
//! signature area of the theme's fixed height, one per person who signs for the body
//! (`signature_blocks.rs`). A row holds from the theme's fewest to its
//! most blocks: the layout that needs the fewest pages wins, then the one that cuts no name
//! at its hyphen, then the body's size rather than the smaller one. A row never splits, and
//! the first row stays with the "Fait à" lines. A block whose text alone is taller than a
//! page flows line by line, its signature area kept with its last lines.

use super::Composer;
use crate::layout::flow::Chunk;
use crate::layout::paragraph::Align;
use crate::model::Signataire;

/// One laid-out row: its chunk, or, for a block taller than a page, its lines then its area.
pub(super) type Row = Vec<Chunk>;

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
        // A pact's signatures are its last numbered part; an avenant's parts are articles.
        let numbered = self.options.avenant.is_none();
        self.heading(&p.titres.signataires, 1, numbered);
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
        // The number of each block's first signature field (one per person).
        let firsts: Vec<usize> = signataires
            .iter()
            .scan(0, |n, s| {
                let first = *n;
                *n += s.signataires().len();
                Some(first)
            })
            .collect();
        let mut cut = 0;
        let rows = signataires
            .chunks(per_row)
            .zip(firsts.chunks(per_row))
            .enumerate()
            .map(|(row, (group, firsts))| {
                let mut chunk = self.row(group, firsts, per_row, bw, scale, &mut cut);
                chunk.space_before = sig.row_gaps[usize::from(row > 0)];
                if chunk.height <= body {
                    vec![chunk]
                } else {
                    self.tall_blocks(group, firsts, scale, &mut cut)
                }
            })
            .collect();
        (rows, cut)
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
