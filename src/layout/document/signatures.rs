//! The signature part: "Fait à …, le …", then one block per signatory, two by row.

use super::Composer;
use crate::font::Variant;
use crate::layout::draw::{Draw, PlacedGlyph, Role};
use crate::layout::flow::Chunk;
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::tag::Tag;

impl Composer<'_, '_> {
    /// The signatures, each block with its signature area (never split across pages).
    pub(super) fn signatures(&mut self) {
        let p = self.pacte;
        if p.signataires.is_empty() {
            return;
        }
        let t = self.theme();
        self.flow.page_break();
        self.heading(&p.titres.signataires, 1, true);
        let lieu = p
            .lieu_signature
            .clone()
            .unwrap_or_else(|| "…………………………".into());
        let date = p
            .date_signature
            .map(|d| d.en_toutes_lettres())
            .unwrap_or_else(|| "…………………………".into());
        self.flow.space(t.signature.top_gap);
        self.ligne(
            &format!("Fait à {lieu}, le {date}"),
            false,
            false,
            Align::Left,
        );
        self.ligne(
            &format!("en {} exemplaires originaux.", p.signataires.len()),
            false,
            false,
            Align::Left,
        );
        self.flow.keep_with_next();
        let sig = t.signature;
        let gap = sig.column_gap;
        let col = t.column_width();
        let bw = (col - gap) / 2.0;
        let body = t.body;
        let st = ParaStyle {
            size: body.size,
            leading: body.leading,
            ascent: t.ascent,
            color: body.color,
            align: Align::Left,
            hyphenate: false,
            role: Role::Signature,
        };
        for (row, pair) in p.signataires.chunks(2).enumerate() {
            // The two blocks of a row share their lines: the texts start at the same height
            // (below a logo band if either has a logo) and the signature boxes line up below
            // the longer text.
            let logos: Vec<_> = pair
                .iter()
                .map(|s| s.logo.as_deref().and_then(|l| self.logo(l)))
                .collect();
            let text_top = if logos.iter().any(Option::is_some) {
                sig.logo_band
            } else {
                0.0
            };
            let mut box_top: f32 = 0.0;
            // Each block's draws, in reading order: logo, text, then its field.
            let mut blocks: Vec<Vec<Draw>> = Vec::new();
            for (k, (s, logo)) in pair.iter().zip(&logos).enumerate() {
                let x = k as f32 * (bw + gap);
                let mut draws = vec![Draw::Begin(Tag::Division)];
                if let Some(logo) = logo {
                    let [w, h] = sig.logo;
                    draws.push(Draw::Begin(Tag::Figure {
                        alt: crate::text::typo::typographie_str(&p.signataire_logo_alt(s)),
                    }));
                    draws.push(self.fit_image(*logo, x, 0.0, w, h, false));
                    draws.push(Draw::End);
                }
                let mut lines: Vec<(String, bool, bool)> = vec![
                    (s.ligne_pour(), true, false),
                    (s.qualite.clone(), false, false),
                ];
                if let Some(n) = &s.nom {
                    lines.push((n.clone(), true, false));
                }
                if let Some(m) = &s.mention {
                    lines.push((m.clone(), false, true));
                }
                let mut y = text_top;
                for (text, bold, italic) in lines {
                    let runs = self.plain(&text, bold, italic);
                    draws.push(Draw::Begin(Tag::Paragraph));
                    y += self.place_text(&mut draws, &runs, x, y, bw, &st);
                    draws.push(Draw::End);
                }
                box_top = box_top.max(y + sig.box_gap);
                blocks.push(draws);
            }
            let sh = sig.height;
            let mut draws = Vec::new();
            for (k, mut block) in blocks.into_iter().enumerate() {
                let index = row * 2 + k;
                let (x, y) = (k as f32 * (bw + gap), box_top);
                block.push(Draw::Rect {
                    x,
                    y,
                    w: bw,
                    h: sh,
                    fill: None,
                    stroke: Some(sig.border),
                });
                block.push(Draw::Begin(Tag::Form));
                block.push(Draw::SignatureArea {
                    index,
                    x,
                    y,
                    w: bw,
                    h: sh,
                });
                block.push(Draw::End);
                if let Some(tag) = &self.options.parapheur_tag {
                    let text = tag.replace("{n}", &(index + 1).to_string());
                    let shaped = self.flow.cache.words.shaper.shape(Variant::Regular, &text);
                    let size = sig.tag_size;
                    let scale = size / t.fonts().face(Variant::Regular).units_per_em;
                    let glyphs = PlacedGlyph::from_shaped(&shaped.glyphs, scale);
                    block.push(Draw::HiddenText {
                        x: x + sig.tag_inset,
                        y: y + sh - sig.tag_inset,
                        size,
                        glyphs,
                    });
                }
                block.push(Draw::End);
                draws.append(&mut block);
            }
            let height = box_top + sh;
            self.flow.push(Chunk {
                height,
                space_before: sig.row_gaps[usize::from(row > 0)],
                draws,
                ..Chunk::default()
            });
        }
    }
}
