//! Tables: column widths from their content, as browsers' automatic table layout sets them
//! (each column between its widest word and its longest line), numbers set flush right, the
//! header rows repeated on every page the table continues on, at least two rows on each side
//! of a page break, and a row split across pages only when it alone is taller than a page.

use super::Composer;
use crate::font::Variant;
use crate::layout::draw::{Draw, Role};
use crate::layout::flow::Chunk;
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::tag::{Artifact, Tag};
use crate::text::Run;
use std::sync::Arc;

/// A cell's lines, each a list of draws relative to the line's top-left.
type CellLines = Vec<Vec<Draw>>;

impl Composer<'_, '_> {
    /// A table: a header row (kept with the first rows, repeated on each page the table
    /// continues on), then rows that split across pages only when taller than a page.
    /// `row_headers`: the first cell of each body row heads its row.
    pub(super) fn table(
        &mut self,
        header: &[Vec<Run>],
        rows: &[Vec<Vec<Run>>],
        indent: f32,
        row_headers: bool,
    ) {
        let extras = TableExtras::default();
        self.table_with(header, rows, indent, row_headers, &extras);
    }

    /// A table as [`Self::table`] sets it, with a caption above it (kept with its first
    /// rows), more header rows below the first, the widths and alignments given for some
    /// columns, and a total row (last, in the table's footer, below a rule, kept with the
    /// last body row).
    pub(super) fn table_with(
        &mut self,
        header: &[Vec<Run>],
        rows: &[Vec<Vec<Run>>],
        indent: f32,
        row_headers: bool,
        extras: &TableExtras,
    ) {
        let width = self.theme().column_width() - indent;
        let headers: Vec<&[Vec<Run>]> = std::iter::once(header)
            .chain(extras.more_headers.iter().map(Vec::as_slice))
            .filter(|h| !h.is_empty())
            .collect();
        let n = headers
            .iter()
            .map(|h| h.len())
            .chain(rows.iter().map(Vec::len))
            .max()
            .unwrap_or(0)
            .max(1);
        let all: Vec<&[Vec<Run>]> = headers
            .iter()
            .copied()
            .chain(rows.iter().map(Vec::as_slice))
            .collect();
        let given = extras.fractions.iter().any(Option::is_some);
        let widths = if given {
            self.given_widths(&all, n, width, &extras.fractions)
        } else {
            self.column_widths(&all, n, width)
        };
        let width = if given { widths.iter().sum() } else { width };
        let aligns: Vec<Align> = (0..n)
            .map(|c| {
                if let Some(Some(a)) = extras.aligns.get(c) {
                    *a
                } else if numeric_column(rows, c) {
                    Align::Right
                } else {
                    Align::Left
                }
            })
            .collect();
        self.flow.space(self.theme().paragraph_gap);
        let geometry = Geometry {
            indent,
            width,
            widths,
            aligns,
            row_headers,
        };
        self.flow.begin(Tag::Table);
        if let Some(caption) = &extras.caption {
            self.caption(caption, indent, width);
        }
        let mut repeat: Option<Arc<Chunk>> = None;
        if !headers.is_empty() {
            let chunk = self.header_chunk(&headers, &geometry);
            repeat = Some(Arc::new(Chunk {
                space_before: 0.0,
                draws: repeated(&chunk.draws),
                ..chunk.clone()
            }));
            self.flow.begin(Tag::TableHead);
            self.flow.push(chunk);
            self.flow.end();
            self.flow.keep_with_next();
        }
        self.flow.begin(Tag::TableBody);
        let body = self.theme().body_height() - repeat.as_ref().map_or(0.0, |h| h.height);
        let count = rows.len();
        let least = self.theme().keeps.table_rows;
        for (r, cells) in rows.iter().enumerate() {
            let chunk = self.row_chunk(cells, &geometry, false, repeat.is_none() && r == 0);
            // The theme's rows at least on each side of a break.
            let keep = !(r >= least && count - r >= least);
            let pieces = if chunk.height > body {
                self.row_slices(cells, &geometry)
            } else {
                vec![chunk]
            };
            for (k, mut piece) in pieces.into_iter().enumerate() {
                piece.keep_with_previous = k == 0 && keep;
                piece.repeat = repeat.clone();
                self.flow.push(piece);
            }
        }
        self.flow.end();
        if let Some(total) = &extras.total {
            self.flow.begin(Tag::TableFoot);
            let mut chunk = self.row_chunk(total, &geometry, false, true);
            chunk.keep_with_previous = true;
            chunk.repeat = repeat.clone();
            self.flow.push(chunk);
            self.flow.end();
        }
        self.flow.end();
        self.flow.space(self.theme().paragraph_gap);
    }

    /// The columns' widths: each between its narrowest (its widest word) and its widest (its
    /// longest line), the room left shared in proportion to what each could still use.
    fn column_widths(&mut self, rows: &[&[Vec<Run>]], n: usize, width: f32) -> Vec<f32> {
        let t = self.theme().table;
        let pad = self.theme().tables.padding;
        let mut min = vec![0.0f32; n];
        let mut max = vec![0.0f32; n];
        for row in rows {
            for (c, runs) in row.iter().enumerate().take(n) {
                let (lo, hi) = self.content_widths(runs, t.size);
                min[c] = min[c].max(lo + 2.0 * pad);
                max[c] = max[c].max(hi + 2.0 * pad);
            }
        }
        auto_widths(&min, &max, width)
    }

    /// The columns' widths when some are given as fractions of `width`: those as given, the
    /// others sharing what is left from their content; the table is narrower than `width`
    /// when every column's fraction is given and they add up to less than 1.
    fn given_widths(
        &mut self,
        rows: &[&[Vec<Run>]],
        n: usize,
        width: f32,
        fractions: &[Option<f32>],
    ) -> Vec<f32> {
        let fraction = |c: usize| fractions.get(c).copied().flatten();
        let free: Vec<usize> = (0..n).filter(|&c| fraction(c).is_none()).collect();
        let taken: f32 = (0..n).filter_map(fraction).map(|f| f * width).sum();
        let mut widths: Vec<f32> = (0..n).map(|c| fraction(c).unwrap_or(0.0) * width).collect();
        if !free.is_empty() {
            let sub: Vec<Vec<Vec<Run>>> = rows
                .iter()
                .map(|r| {
                    free.iter()
                        .map(|&c| r.get(c).cloned().unwrap_or_default())
                        .collect()
                })
                .collect();
            let sub: Vec<&[Vec<Run>]> = sub.iter().map(Vec::as_slice).collect();
            let rest = (width - taken).max(0.0);
            for (c, w) in free.iter().zip(self.column_widths(&sub, free.len(), rest)) {
                widths[*c] = w;
            }
        }
        widths
    }

    /// A table's caption: its lines kept together and with the table's first rows.
    fn caption(&mut self, runs: &[Run], indent: f32, width: f32) {
        let t = self.theme().table;
        let style = self.flow.para_style(&t, Align::Left, Role::Paragraph);
        let lines = self.flow.lines(runs, width, &style);
        let first = self.flow.chunks.len();
        self.flow.begin(Tag::Caption);
        self.flow.push_lines(lines, t.leading, indent, None);
        self.flow.end();
        for c in self.flow.chunks.iter_mut().skip(first + 1) {
            c.keep_with_previous = true;
        }
        self.flow.keep_with_next();
        self.flow.space(self.theme().tables.padding);
    }

    /// The widest word and the whole text's width of a cell, pt.
    fn content_widths(&mut self, runs: &[Run], size: f32) -> (f32, f32) {
        let (mut widest, mut total, mut word) = (0.0f32, 0.0f32, 0.0f32);
        for run in runs {
            let text = self.flow.cache.typographie_str(&run.text);
            let variant = Variant::of(run.style.bold, run.style.italic);
            for (k, piece) in text.split([' ', '\n']).enumerate() {
                if k > 0 {
                    widest = widest.max(word);
                    word = 0.0;
                    total += self.flow.cache.words.shaper.width(variant, size, " ");
                }
                let w = self.flow.cache.words.shaper.width(variant, size, piece);
                word += w;
                total += w;
            }
        }
        (widest.max(word), total)
    }

    /// The lines of each cell of a row, not hyphenated: a column is at least as wide as its
    /// widest word, and a short label cut in a narrow column reads badly.
    fn cell_lines(&mut self, cells: &[Vec<Run>], g: &Geometry, header: bool) -> Vec<CellLines> {
        let t = self.theme().table;
        let (ascent, rules) = (self.theme().ascent, self.theme().tables);
        g.widths
            .iter()
            .zip(&g.aligns)
            .enumerate()
            .map(|(c, (w, align))| {
                let style = ParaStyle {
                    size: t.size,
                    leading: t.leading,
                    ascent,
                    color: t.color,
                    align: *align,
                    hyphenate: false,
                    role: if header {
                        Role::TableHeader
                    } else {
                        Role::TableCell
                    },
                };
                let runs = cells.get(c).cloned().unwrap_or_default();
                self.flow
                    .lines(
                        &runs,
                        (w - 2.0 * rules.padding).max(rules.min_text_width),
                        &style,
                    )
                    .into_iter()
                    .map(|l| l.draws)
                    .collect()
            })
            .collect()
    }

    /// A whole row as one chunk: its cells, the header's tint, its rules.
    fn row_chunk(&mut self, cells: &[Vec<Run>], g: &Geometry, header: bool, top: bool) -> Chunk {
        let leading = self.theme().table.leading;
        let rules = self.theme().tables;
        let pad = rules.padding;
        let lines = self.cell_lines(cells, g, header);
        let most = lines.iter().map(Vec::len).max().unwrap_or(0);
        let height = pad + most as f32 * leading + pad - rules.bottom_trim;
        let mut draws = Vec::new();
        if header {
            draws.push(Draw::Rect {
                x: g.indent,
                y: 0.0,
                w: g.width,
                h: height,
                fill: Some(self.theme().tint),
                stroke: None,
            });
        }
        let mut x = g.indent;
        draws.push(Draw::Begin(Tag::Row));
        for (c, (cell, w)) in lines.into_iter().zip(&g.widths).enumerate() {
            draws.push(Draw::Begin(g.cell_tag(header, c)));
            for (k, line) in cell.into_iter().enumerate() {
                for mut d in line {
                    d.translate(x + pad, pad + k as f32 * leading);
                    draws.push(d);
                }
            }
            draws.push(Draw::End);
            x += w;
        }
        draws.push(Draw::End);
        let rule = if header {
            rules.header_rule
        } else {
            rules.row_rule
        };
        draws.push(self.rule(g, height, rule));
        if top || header {
            draws.push(self.rule(g, 0.0, rules.header_rule));
        }
        Chunk {
            height,
            draws,
            ..Chunk::default()
        }
    }

    /// The header rows as one chunk, one below the other: kept together, repeated whole.
    fn header_chunk(&mut self, headers: &[&[Vec<Run>]], g: &Geometry) -> Chunk {
        let mut all = Chunk::default();
        for cells in headers {
            let chunk = self.row_chunk(cells, g, true, true);
            for mut d in chunk.draws {
                d.translate(0.0, all.height);
                all.draws.push(d);
            }
            all.height += chunk.height;
        }
        all
    }

    /// A row taller than a page, in slices of one line of every cell, which pages may
    /// separate.
    fn row_slices(&mut self, cells: &[Vec<Run>], g: &Geometry) -> Vec<Chunk> {
        let leading = self.theme().table.leading;
        let rules = self.theme().tables;
        let pad = rules.padding;
        let mut lines = self.cell_lines(cells, g, false);
        let most = lines.iter().map(Vec::len).max().unwrap_or(0);
        let mut slices = Vec::with_capacity(most);
        for k in 0..most {
            let top = if k == 0 { pad } else { 0.0 };
            let mut height = top + leading;
            // Each slice a row of its own (cells cannot be split across chunks).
            let mut draws = vec![Draw::Begin(Tag::Row)];
            let mut x = g.indent;
            for (c, (cell, w)) in lines.iter_mut().zip(&g.widths).enumerate() {
                draws.push(Draw::Begin(g.cell_tag(false, c)));
                if let Some(line) = cell.get_mut(k) {
                    for mut d in std::mem::take(line) {
                        d.translate(x + pad, top);
                        draws.push(d);
                    }
                }
                draws.push(Draw::End);
                x += w;
            }
            draws.push(Draw::End);
            if k + 1 == most {
                height += pad - rules.bottom_trim;
                draws.push(self.rule(g, height, rules.row_rule));
            }
            slices.push(Chunk {
                height,
                draws,
                ..Chunk::default()
            });
        }
        slices
    }

    /// A rule across the table at `y`.
    fn rule(&self, g: &Geometry, y: f32, width: f32) -> Draw {
        Draw::Line {
            x1: g.indent,
            y1: y,
            x2: g.indent + g.width,
            y2: y,
            width,
            color: self.theme().secondary,
            dashed: false,
        }
    }
}

/// What a table may have besides its header and rows (none by default).
#[derive(Default)]
pub(super) struct TableExtras {
    /// The caption's runs, its number included.
    pub(super) caption: Option<Vec<Run>>,
    /// Each column's width as a fraction of the measure, when given.
    pub(super) fractions: Vec<Option<f32>>,
    /// Each column's alignment, when given (else numbers right, text left).
    pub(super) aligns: Vec<Option<Align>>,
    /// The header rows below the first, their runs in bold.
    pub(super) more_headers: Vec<Vec<Vec<Run>>>,
    /// The total row, its runs in bold.
    pub(super) total: Option<Vec<Vec<Run>>>,
}

/// Where a table's columns go.
struct Geometry {
    indent: f32,
    width: f32,
    widths: Vec<f32>,
    aligns: Vec<Align>,
    /// The first cell of each body row heads its row.
    row_headers: bool,
}

impl Geometry {
    /// The structure of cell `c`: a header of its column (in the header row), of its row,
    /// or data.
    fn cell_tag(&self, in_header: bool, c: usize) -> Tag {
        if in_header || (self.row_headers && c == 0) {
            Tag::HeaderCell { row: !in_header }
        } else {
            Tag::Cell
        }
    }
}

/// The draws of a header row repeated on a new page: decoration, not the table's content
/// again (no structure, its text an artifact).
fn repeated(draws: &[Draw]) -> Vec<Draw> {
    draws
        .iter()
        .filter(|d| !matches!(d, Draw::Begin(_) | Draw::End))
        .cloned()
        .map(|mut d| {
            if let Draw::Text { role, .. } = &mut d {
                *role = Role::Artifact(Artifact::Layout);
            }
            d
        })
        .collect()
}

/// Column widths from their narrowest and widest content (CSS 2.1 §17.5.2.2, automatic
/// table layout), filling `width`: all at their widest plus a share of what is left when
/// that fits; else each between its narrowest and widest in proportion to the room; the
/// narrowest scaled down when even they do not fit (the cells' words are then cut).
pub(crate) fn auto_widths(min: &[f32], max: &[f32], width: f32) -> Vec<f32> {
    let n = min.len().max(1) as f32;
    let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if smax <= width {
        let extra = width - smax;
        return max
            .iter()
            .map(|m| {
                m + if smax > 0.0 {
                    extra * m / smax
                } else {
                    extra / n
                }
            })
            .collect();
    }
    if smin >= width {
        return min.iter().map(|m| m * width / smin.max(1e-3)).collect();
    }
    let room = (width - smin) / (smax - smin);
    min.iter()
        .zip(max)
        .map(|(lo, hi)| lo + (hi - lo) * room)
        .collect()
}

/// Whether every filled body cell of column `c` is a number (digits, separators, a unit
/// sign): such a column is set flush right.
fn numeric_column(rows: &[Vec<Vec<Run>>], c: usize) -> bool {
    let mut any = false;
    for row in rows {
        let text: String = row
            .get(c)
            .map(|runs| runs.iter().map(|r| r.text.as_str()).collect())
            .unwrap_or_default();
        match numeric_text(&text) {
            Some(false) => return false,
            Some(true) => any = true,
            None => {}
        }
    }
    any
}

/// Whether a cell's text is a number (digits, separators, a unit sign); `None` for an
/// empty cell or a dash, which say nothing of their column.
pub(crate) fn numeric_text(text: &str) -> Option<bool> {
    let text = text.trim();
    if text.is_empty() || text == "—" || text == "-" {
        return None;
    }
    let numeric = text.chars().any(|ch| ch.is_ascii_digit())
        && text.chars().all(|ch| {
            ch.is_ascii_digit()
                || matches!(
                    ch,
                    ' ' | '\u{a0}' | '\u{202f}' | ',' | '.' | '%' | '€' | '+' | '-' | '−'
                )
        });
    Some(numeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fill_the_column_and_follow_the_content() {
        // All fit at their widest: the rest shared in proportion.
        let w = auto_widths(&[10.0, 10.0], &[50.0, 150.0], 400.0);
        assert!((w[0] - 100.0).abs() < 1e-3 && (w[1] - 300.0).abs() < 1e-3);
        // Between narrowest and widest.
        let w = auto_widths(&[20.0, 40.0], &[60.0, 400.0], 200.0);
        assert!((w.iter().sum::<f32>() - 200.0).abs() < 1e-3);
        assert!(w[0] >= 20.0 && w[0] <= 60.0 && w[1] >= 40.0);
        // A short column is not squeezed below its widest word.
        assert!(w[0] > 20.0);
        // Not even the narrowest fit: scaled.
        let w = auto_widths(&[200.0, 200.0], &[300.0, 300.0], 200.0);
        assert!((w[0] - 100.0).abs() < 1e-3);
    }
}
