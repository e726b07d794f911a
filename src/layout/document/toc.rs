//! The sommaire: entries with dot leaders and right-aligned true page numbers, each a link.

use super::{Composer, TocEntry};
use crate::font::Variant;
use crate::layout::draw::{Draw, PlacedGlyph, Role};
use crate::layout::flow::Chunk;
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::tag::{Artifact, Tag};

impl Composer<'_, '_> {
    /// The sommaire, on its own page(s) after the cover.
    pub(super) fn sommaire(&mut self, entries: &[TocEntry]) {
        let t = self.theme();
        let titre = self.pacte.titres.sommaire.clone();
        // The sommaire's own heading is neither in the sommaire nor numbered.
        self.flow.heading(&titre, 1, None, None);
        let col = t.column_width();
        let layout = t.sommaire;
        let number_col = layout.number_column;
        self.flow.begin(Tag::Toc);
        for e in entries {
            let ts = t.toc[(e.level.clamp(1, 2) - 1) as usize];
            let variant = Variant::of(ts.bold, ts.italic);
            let indent = if e.level == 1 { 0.0 } else { layout.indent };
            let label_w = if e.number.is_some() {
                layout.label_width
            } else {
                0.0
            };
            let text_left = indent + label_w;
            let style = ParaStyle {
                size: ts.size,
                leading: ts.leading,
                ascent: t.ascent,
                color: ts.color,
                align: Align::Left,
                hyphenate: false,
                role: Role::TocEntry,
            };
            let runs = self.plain(&e.title, ts.bold, ts.italic);
            let lines = self
                .flow
                .lines(&runs, col - text_left - number_col - layout.gap, &style);
            let n = lines.len();
            let page = self
                .page_numbers
                .get(&e.anchor)
                .map(|p| p.to_string())
                .unwrap_or_else(|| "00".into());
            let number_w = self.flow.cache.words.shaper.width(variant, ts.size, &page);
            self.flow.space(ts.space_before);
            for (k, line) in lines.into_iter().enumerate() {
                let mut draws = line.draws;
                for d in &mut draws {
                    d.translate(text_left, 0.0);
                }
                let base = t.baseline(ts.size);
                if k == 0 {
                    if let Some(num) = &e.number {
                        let at = draws.len();
                        draws.push(self.flow.text_draw(
                            &format!("{num} "),
                            indent,
                            base,
                            variant,
                            ts.size,
                            ts.color,
                            Role::TocEntry,
                        ));
                        // The number reads first.
                        draws[..=at].rotate_right(1);
                    }
                    draws.splice(
                        0..0,
                        [Tag::TocItem, Tag::Reference, Tag::Link].map(Draw::Begin),
                    );
                }
                if k + 1 == n {
                    // Dot leaders from the end of the title to the page number.
                    let from = text_left + line.width + layout.leader_gap;
                    let to = col - number_w - layout.leader_gap;
                    let dot = self.flow.cache.words.shaper.shape(Variant::Regular, ".");
                    let scale = ts.size / t.fonts().face(Variant::Regular).units_per_em;
                    if let Some(g) = dot.glyphs.first() {
                        let step = layout.leader_step;
                        let start = (from / step).ceil() * step;
                        let count = ((to - start) / step).floor().max(0.0) as usize;
                        let glyphs: Vec<PlacedGlyph> = (0..count)
                            .map(|_| PlacedGlyph {
                                gid: g.gid,
                                text: ".".into(),
                                advance: step,
                                nominal: g.nominal as f32 * scale,
                            })
                            .collect();
                        if !glyphs.is_empty() {
                            draws.push(Draw::Text {
                                x: start,
                                y: base,
                                variant: Variant::Regular,
                                size: ts.size,
                                color: t.running.color,
                                glyphs,
                                role: Role::Artifact(Artifact::Layout),
                                angle: 0.0,
                            });
                        }
                    }
                    draws.push(self.flow.text_draw(
                        &page,
                        col - number_w,
                        base,
                        variant,
                        ts.size,
                        ts.color,
                        Role::TocEntry,
                    ));
                }
                draws.push(Self::anchor_link(0.0, 0.0, col, ts.leading, &e.anchor));
                if k + 1 == n {
                    draws.extend([Draw::End, Draw::End, Draw::End]);
                }
                self.flow.push(Chunk {
                    height: ts.leading,
                    keep_with_previous: k > 0,
                    draws,
                    ..Chunk::default()
                });
            }
        }
        self.flow.end();
    }
}
