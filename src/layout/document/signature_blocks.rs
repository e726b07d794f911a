//! One signature block: "Pour …," then, for each person who signs for the body, their
//! quality (a line per line of it), their name, where and when they sign apart, and a
//! signature area with its field; and the row that sets blocks side by side.
//!
//! In a row, the first person's areas line up below the longest of the blocks' first texts;
//! a block's other people follow under their predecessor's area. A last row with fewer
//! blocks than the others is centred under them: a signature page is composed on the
//! page's axis, and a block left alone at the left margin reads as a missing neighbour.

use super::signatures::Row;
use super::Composer;
use crate::font::Variant;
use crate::layout::draw::{Draw, PlacedGlyph, Role};
use crate::layout::flow::{ends_with_hyphen, Chunk};
use crate::layout::paragraph::{end_space, Align, ParaStyle};
use crate::layout::tag::Tag;
use crate::model::{Personne, Signataire};

/// Laid-out lines, each with its leading, from the top of its text.
type Lines = Vec<(Vec<Draw>, f32)>;

/// A paragraph of a block: its forced lines (each may wrap), bold, italic.
struct Para {
    lines: Vec<String>,
    bold: bool,
    italic: bool,
}

impl Para {
    fn new(text: &str, bold: bool, italic: bool) -> Para {
        Para {
            lines: vec![text.to_string()],
            bold,
            italic,
        }
    }
}

/// A block's text above each of its signature areas: the first with the block's head.
type Segments = Vec<Lines>;

impl Composer<'_, '_> {
    /// The paragraphs of `s` above each of its areas: with one signer, "Pour …,", the
    /// quality, the name, where and when, the mention; with several, "Pour …," and the
    /// mention, then each person's quality, name, where and when.
    fn block_paras(s: &Signataire) -> Vec<Vec<Para>> {
        let person = |who: &Personne, out: &mut Vec<Para>| {
            let quality = who.lignes_qualite();
            if !quality.is_empty() {
                out.push(Para {
                    lines: quality.iter().map(|l| l.to_string()).collect(),
                    bold: false,
                    italic: false,
                });
            }
            if let Some(n) = &who.nom {
                out.push(Para::new(n, true, false));
            }
            if let Some(fait) = who.mention_fait_a() {
                out.push(Para::new(&fait, false, false));
            }
        };
        let mention = s.mention.as_deref().map(|m| Para::new(m, false, true));
        let mut head = vec![Para::new(&s.ligne_pour(), true, false)];
        let people = s.signataires();
        if s.personnes.is_empty() {
            person(&people[0], &mut head);
            head.extend(mention);
            return vec![head];
        }
        head.extend(mention);
        let mut out = vec![head];
        for (k, who) in people.iter().enumerate() {
            if k > 0 {
                out.push(Vec::new());
            }
            if let Some(last) = out.last_mut() {
                person(who, last);
            }
        }
        out
    }

    /// The lines of each segment of `s` at width `bw`; `cut` counts the lines that end on a
    /// hyphen.
    fn segments(&mut self, s: &Signataire, bw: f32, scale: f32, cut: &mut usize) -> Segments {
        Self::block_paras(s)
            .iter()
            .map(|paras| self.set_paras(paras, bw, scale, cut))
            .collect()
    }

    /// Paragraphs set at width `bw`, each a tagged paragraph.
    fn set_paras(&mut self, paras: &[Para], bw: f32, scale: f32, cut: &mut usize) -> Lines {
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
        let mut out: Lines = Vec::new();
        for para in paras {
            let first = out.len();
            for (k, text) in para.lines.iter().enumerate() {
                let runs = self.plain(text, para.bold, para.italic);
                for line in self.flow.lines(&runs, bw, &st) {
                    *cut += usize::from(ends_with_hyphen(&line.draws));
                    out.push((line.draws, st.leading));
                }
                // A line the pact breaks ends with a space that draws nothing: the tagged
                // text reads "Par délégation, Le Directeur adjoint".
                if k + 1 < para.lines.len() {
                    if let Some((draws, _)) = out.last_mut() {
                        end_space(draws, &mut self.flow.cache.words);
                    }
                }
            }
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

    /// One row of `per_row` places: the blocks' texts start at the same height (below a logo
    /// band if any block has a logo), their first areas line up below the longest first
    /// text; `firsts` numbers each block's first field. An incomplete row is centred.
    pub(super) fn row(
        &mut self,
        group: &[Signataire],
        firsts: &[usize],
        per_row: usize,
        bw: f32,
        scale: f32,
        cut: &mut usize,
    ) -> Chunk {
        let sig = self.theme().signature;
        let pitch = bw + sig.column_gap;
        let x0 = per_row.saturating_sub(group.len()) as f32 * pitch / 2.0;
        let logos: Vec<_> = group
            .iter()
            .map(|s| s.logo.as_deref().and_then(|l| self.logo(l)))
            .collect();
        let text_top = if logos.iter().any(Option::is_some) {
            sig.logo_band
        } else {
            0.0
        };
        let blocks: Vec<Segments> = group
            .iter()
            .map(|s| self.segments(s, bw, scale, cut))
            .collect();
        let below = |lines: &Lines| lines.iter().fold(text_top, |y, (_, l)| y + l);
        let area_top = blocks
            .iter()
            .map(|b| b.first().map_or(text_top, below) + sig.box_gap)
            .fold(0.0, f32::max);
        let mut draws = Vec::new();
        let mut bottom: f32 = 0.0;
        // Each block's draws in reading order (logo, text, its field…), in a Div.
        for (k, ((s, logo), segments)) in group.iter().zip(&logos).zip(blocks).enumerate() {
            let x = x0 + k as f32 * pitch;
            draws.push(Draw::Begin(Tag::Division));
            if let Some(logo) = logo {
                let [lw, lh] = sig.logo;
                let alt = crate::text::typo::typographie_str(&self.pacte.signataire_logo_alt(s));
                draws.push(Draw::Begin(Tag::Figure { alt }));
                draws.push(self.fit_image(*logo, x, 0.0, lw.min(bw), lh, false));
                draws.push(Draw::End);
            }
            let mut y = text_top;
            for (j, lines) in segments.into_iter().enumerate() {
                if j > 0 {
                    y += sig.row_gaps[1];
                }
                for (line, leading) in lines {
                    for mut d in line {
                        d.translate(x, y);
                        draws.push(d);
                    }
                    y += leading;
                }
                let top = if j == 0 { area_top } else { y + sig.box_gap };
                let index = firsts.get(k).copied().unwrap_or(0) + j;
                draws.extend(self.area(index, x, top, bw));
                y = top + sig.height;
            }
            bottom = bottom.max(y);
            draws.push(Draw::End);
        }
        Chunk {
            height: bottom,
            draws,
            ..Chunk::default()
        }
    }

    /// Blocks too tall for a page, one under the other at full width: their lines flow, each
    /// signature area kept with the lines above it.
    pub(super) fn tall_blocks(
        &mut self,
        group: &[Signataire],
        firsts: &[usize],
        scale: f32,
        cut: &mut usize,
    ) -> Row {
        let sig = self.theme().signature;
        let keep = self.theme().keeps.lines;
        let width = self.theme().column_width();
        let mut out = Vec::new();
        for (k, s) in group.iter().enumerate() {
            let segments = self.segments(s, width, scale, cut);
            let last = segments.len().saturating_sub(1);
            for (j, lines) in segments.into_iter().enumerate() {
                let n = lines.len();
                for (i, (mut draws, leading)) in lines.into_iter().enumerate() {
                    if i == 0 && j == 0 {
                        draws.insert(0, Draw::Begin(Tag::Division));
                    }
                    out.push(Chunk {
                        height: leading,
                        space_before: if i == 0 { sig.row_gaps[1] } else { 0.0 },
                        keep_with_previous: i > 0 && (i < keep || i + keep > n),
                        draws,
                        ..Chunk::default()
                    });
                }
                let index = firsts.get(k).copied().unwrap_or(0) + j;
                let mut area = self.area(index, 0.0, sig.box_gap, width);
                if j == last {
                    area.push(Draw::End);
                }
                out.push(Chunk {
                    height: sig.box_gap + sig.height,
                    keep_with_previous: true,
                    draws: area,
                    ..Chunk::default()
                });
            }
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
