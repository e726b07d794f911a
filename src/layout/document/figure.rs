//! Figures: an image scaled to the column (never beyond its pixels at the theme's
//! resolution, never taller than the theme's share of a page), centred, with its caption
//! numbered through the document under it ("Figure 1 – …"), the two kept on one page.

use super::Composer;
use crate::layout::draw::{Draw, Role};
use crate::layout::flow::Chunk;
use crate::layout::paragraph::Align;
use crate::layout::tag::Tag;
use crate::model::Figure;

impl Composer<'_, '_> {
    /// A figure at a left indent: in the tagged PDF a `Div` holding the `Figure` (its
    /// alternative text and bounding box) and its `Caption`.
    pub(super) fn figure(&mut self, figure: &Figure, indent: f32) {
        let Some(image) = self.images.find(&figure.fichier) else {
            // The render loads every figure's file before the layout (stage 1).
            return;
        };
        let t = self.theme();
        let f = t.figures;
        let width = t.column_width() - indent;
        let natural = |px: u32| px as f32 * 72.0 / f.dpi.max(1.0);
        let (w, h) = crate::images::fit(
            image.width,
            image.height,
            width.min(natural(image.width)),
            (t.body_height() * f.max_height.clamp(0.05, 0.9)).min(natural(image.height)),
        );
        let alt = crate::text::typo::typographie_str(figure.alt.trim());
        self.flow.space(f.gap);
        self.flow.begin(Tag::Division);
        self.flow.begin(Tag::Figure { alt });
        self.flow.push(Chunk {
            height: h,
            draws: vec![Draw::Image {
                image: image.index,
                x: indent + (width - w) / 2.0,
                y: 0.0,
                w,
                h,
            }],
            ..Chunk::default()
        });
        self.flow.end();
        if let Some(legende) = &figure.legende {
            self.figures += 1;
            let mut runs = self.plain(&format!("Figure {} – ", self.figures), true, false);
            runs.extend(self.plain(legende.trim(), false, false));
            let style = self
                .flow
                .para_style(&t.table, Align::Center, Role::Paragraph);
            let lines = self.flow.lines(&runs, width, &style);
            let first = self.flow.chunks.len();
            self.flow.space(f.caption_gap);
            self.flow.begin(Tag::Caption);
            self.flow.push_lines(lines, t.table.leading, indent, None);
            self.flow.end();
            // The caption's lines together, and with the image.
            for c in self.flow.chunks.iter_mut().skip(first) {
                c.keep_with_previous = true;
            }
        }
        self.flow.end();
        self.flow.space(f.gap);
    }
}
