//! Footnotes: each note laid out as a block for the foot of its call's page.

use super::Composer;
use crate::font::Variant;
use crate::layout::draw::{Draw, Role};
use crate::layout::flow::Chunk;
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::tag::Tag;
use crate::model::Inline;
use crate::text::{typo, Style};

impl Composer<'_, '_> {
    /// Note number `n` with its text `texte`: its number ("1.") hanging in the room the
    /// theme gives it, its text in the notes' type beside it; a `Note` element, whose number
    /// is its label.
    pub(super) fn note(&mut self, n: u32, texte: &[Inline]) -> Chunk {
        let theme = self.theme();
        let ns = theme.notes;
        let style = ParaStyle {
            size: ns.text.size,
            leading: ns.text.leading,
            ascent: theme.ascent,
            color: theme.body.color,
            align: Align::Justify,
            hyphenate: true,
            role: Role::Paragraph,
        };
        let runs = typo::runs_bruts(texte, Style::default());
        let width = theme.column_width() - ns.number_width;
        let lines = self.flow.lines(&runs, width, &style);
        let label = self.flow.text_draw(
            &format!("{n}."),
            0.0,
            theme.baseline(ns.text.size),
            Variant::Regular,
            ns.text.size,
            theme.body.color,
            Role::ListLabel,
        );
        let mut draws = vec![
            Draw::Begin(Tag::Note {
                id: format!("note-{n}"),
            }),
            Draw::Begin(Tag::Label),
            label,
            Draw::End,
        ];
        let count = lines.len().max(1);
        for (k, line) in lines.into_iter().enumerate() {
            for mut d in line.draws {
                d.translate(ns.number_width, k as f32 * ns.text.leading);
                draws.push(d);
            }
        }
        draws.push(Draw::End);
        Chunk {
            height: count as f32 * ns.text.leading,
            draws,
            ..Chunk::default()
        }
    }
}
