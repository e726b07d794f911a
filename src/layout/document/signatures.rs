//! The signature part: "Fait à …, le …", then one block per signatory, two by row.

use super::Composer;
use crate::font::{faces, Variant};
use crate::layout::draw::{Draw, PlacedGlyph, Role};
use crate::layout::flow::Chunk;
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::theme::{mm, Rgb};

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
        self.flow.space(4.0);
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
        let gap = 24.0;
        let col = t.column_width();
        let bw = (col - gap) / 2.0;
        let body = t.body;
        for (row, pair) in p.signataires.chunks(2).enumerate() {
            let mut draws = Vec::new();
            let mut height: f32 = 0.0;
            for (k, s) in pair.iter().enumerate() {
                let index = row * 2 + k;
                let x = k as f32 * (bw + gap);
                let mut y = 0.0;
                if let Some((i, logo)) = s.logo.as_deref().and_then(|l| self.logo(l)) {
                    let logo = logo.clone();
                    draws.push(self.fit_image(i, &logo, x, y, mm(30.0), mm(14.0), false));
                    y += mm(16.0);
                }
                let st = ParaStyle {
                    size: body.size,
                    leading: body.leading,
                    color: body.color,
                    align: Align::Left,
                    hyphenate: false,
                    role: Role::Signature,
                };
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
                for (text, bold, italic) in lines {
                    let runs = self.plain(&text, bold, italic);
                    y += self.place_text(&mut draws, &runs, x, y, bw, &st);
                }
                y += 4.0;
                let sh = t.signature_height;
                draws.push(Draw::Rect {
                    x,
                    y,
                    w: bw,
                    h: sh,
                    fill: None,
                    stroke: Some((Rgb(0.75, 0.77, 0.8), 0.5)),
                });
                draws.push(Draw::SignatureArea {
                    index,
                    x,
                    y,
                    w: bw,
                    h: sh,
                });
                if let Some(tag) = &self.options.parapheur_tag {
                    let text = tag.replace("{n}", &(index + 1).to_string());
                    let shaped = self.flow.cache.shaper.shape(Variant::Regular, &text);
                    let size = 6.0;
                    let scale = size / faces()[Variant::Regular.index()].units_per_em;
                    let glyphs = PlacedGlyph::from_shaped(&shaped.glyphs, scale);
                    draws.push(Draw::HiddenText {
                        x: x + 4.0,
                        y: y + sh - 4.0,
                        size,
                        glyphs,
                    });
                }
                height = height.max(y + sh);
            }
            self.flow.push(Chunk {
                height,
                space_before: if row == 0 { 12.0 } else { 18.0 },
                draws,
                ..Chunk::default()
            });
        }
    }
}
