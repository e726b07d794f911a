//! The sommaire: entries with dot leaders and right-aligned true page numbers, each a link.

use super::{Composer, TocEntry};
use crate::font::Variant;
use crate::layout::draw::{Draw, PlacedGlyph, Role};
use crate::layout::flow::Chunk;
use crate::layout::paragraph::Align;
use crate::layout::tag::{Artifact, Tag};
use crate::layout::theme::TextStyle;

impl Composer<'_, '_> {
    /// The sommaire, on its own page(s) after the cover.
    pub(super) fn sommaire(&mut self, entries: &[TocEntry]) {
        // An avenant is a few pages: its articles need no sommaire.
        if self.options.avenant.is_some() {
            return;
        }
        let titre = self.pacte.titres.sommaire.clone();
        // The sommaire's own heading is neither in the sommaire nor numbered.
        self.flow.heading(&titre, 1, None, None);
        self.flow.begin(Tag::Toc);
        for e in entries {
            self.toc_entry(e);
        }
        self.flow.end();
    }

    /// One entry: its number hanging, its title over as many lines as it needs, the dot
    /// leaders and the page number on its last line; every line a link to the heading.
    fn toc_entry(&mut self, e: &TocEntry) {
        let t = self.theme();
        let layout = t.sommaire;
        let col = t.column_width();
        let ts = t.toc[(e.level.clamp(1, 2) - 1) as usize];
        let variant = Variant::of(ts.bold, ts.italic);
        let indent = if e.level == 1 { 0.0 } else { layout.indent };
        let label_w = if e.number.is_some() {
            layout.label_width
        } else {
            0.0
        };
        let text_left = indent + label_w;
        let style = self.flow.para_style(&ts, Align::Left, Role::TocEntry);
        let runs = self.plain(&e.title, ts.bold, ts.italic);
        let width = col - text_left - layout.number_column - layout.gap;
        let lines = self.flow.lines(&runs, width, &style);
        let n = lines.len();
        let page = self.page_label(&e.anchor);
        self.flow.space(ts.space_before);
        let base = t.baseline(ts.size);
        for (k, line) in lines.into_iter().enumerate() {
            let mut draws = line.draws;
            for d in &mut draws {
                d.translate(text_left, 0.0);
            }
            if let (0, Some(num)) = (k, &e.number) {
                let role = Role::TocEntry;
                // With a space after it, and first: the number and the title read apart.
                let label = self.flow.text_draw(
                    &format!("{num} "),
                    indent,
                    base,
                    variant,
                    ts.size,
                    ts.color,
                    role,
                );
                draws.insert(0, label);
            }
            if k == 0 {
                let tags = [Tag::TocItem, Tag::Reference, Tag::Link];
                draws.splice(0..0, tags.map(Draw::Begin));
            }
            if k + 1 == n {
                self.page_number(&mut draws, &ts, text_left + line.width, &page);
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

    /// The page number an entry prints for `anchor`: "00" (two digits' room) until the
    /// pages are known.
    pub(super) fn page_label(&self, anchor: &str) -> String {
        self.page_numbers
            .get(anchor)
            .map(|p| p.to_string())
            .unwrap_or_else(|| "00".into())
    }

    /// Dot leaders from `from` (the end of the title) to the page number, flush right.
    pub(super) fn page_number(
        &mut self,
        draws: &mut Vec<Draw>,
        ts: &TextStyle,
        from: f32,
        page: &str,
    ) {
        let t = self.theme();
        let layout = t.sommaire;
        let col = t.column_width();
        let variant = Variant::of(ts.bold, ts.italic);
        let base = t.baseline(ts.size);
        let number_w = self.flow.cache.words.shaper.width(variant, ts.size, page);
        let from = from + layout.leader_gap;
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
        let role = Role::TocEntry;
        let x = col - number_w;
        let number = self
            .flow
            .text_draw(page, x, base, variant, ts.size, ts.color, role);
        draws.push(number);
    }
}
