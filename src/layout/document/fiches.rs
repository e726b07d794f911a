//! The index of the fiches-action: fiche by fiche (sorted by number), its title when the
//! pact lists the PDI's fiches, then each engagement citing it — the partner, the
//! beginning of its text, dot leaders and the page where it stands, a link to it.
//!
//! Its page numbers are known only once the document is placed: the layout composes the
//! index again on each try of the sommaire's loop (`layout_checked`), from the state
//! [`FichesMark`] keeps, so that it prints the pages the engagements land on.

use super::Composer;
use crate::font::Variant;
use crate::layout::draw::{Draw, Role};
use crate::layout::flow::Chunk;
use crate::layout::paragraph::Align;
use crate::layout::tag::{Labels, Tag};
use crate::model::{PlacementFiches, Renvoi};

/// Where the index stands among the body's chunks, and the composer's counters before it
/// (anchors, parts, tables, notes), so that composing it again names its heading alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FichesMark {
    pub(super) start: usize,
    pub(super) end: usize,
    counters: (usize, usize, usize, u32),
}

impl Composer<'_, '_> {
    /// The index after the sommaire, when the pact places it there.
    pub(super) fn fiches_apres_sommaire(&mut self) {
        if self.pacte.placement_fiches() == Some(PlacementFiches::ApresSommaire) {
            self.fiches_marked(&self.fiches_title());
        }
    }

    /// The index as the last annex, when the pact makes it one.
    pub(super) fn fiches_annexe(&mut self) {
        if self.pacte.placement_fiches() == Some(PlacementFiches::Annexe) {
            self.fiches_marked(&self.fiches_title());
        }
    }

    /// The index, its place among the chunks and the counters before it remembered.
    fn fiches_marked(&mut self, titre: &str) {
        let start = self.flow.chunks.len();
        let counters = (self.anchors, self.parts, self.tables, self.next_note);
        self.fiches_index(titre);
        self.fiches_mark = Some(FichesMark {
            start,
            end: self.flow.chunks.len(),
            counters,
        });
    }

    /// The index composed again at `mark`'s state, with this composer's page numbers.
    pub(super) fn fiches_again(&mut self, mark: &FichesMark, titre: &str) -> Vec<Chunk> {
        (self.anchors, self.parts, self.tables, self.next_note) = mark.counters;
        self.fiches_index(titre);
        std::mem::take(&mut self.flow.chunks)
    }

    /// The index's title as the body composed it (see [`Self::fiches_again`]).
    pub(super) fn fiches_title(&self) -> String {
        let p = self.pacte;
        match p.placement_fiches() {
            Some(PlacementFiches::Annexe) => p
                .titres
                .titre_annexe(p.numero_annexe_fiches(), &p.titres.fiches),
            _ => p.titres.fiches.clone(),
        }
    }

    /// The heading on a new page, then a list of the fiches: each its title (set as a
    /// heading of level 2 looks, but not one: the headings of levels 1–2 are the
    /// sommaire's) and the list of the engagements citing it.
    fn fiches_index(&mut self, titre: &str) {
        // Composed again on each try of the sommaire's page loop: its paragraphs are kept.
        let kept = self.flow.cache.keep_paragraphs(true);
        self.flow.page_break();
        self.heading(titre, 1, false);
        let signs = Tag::List {
            labels: Labels::Signs,
        };
        self.flow.begin(signs.clone());
        for f in self.pacte.index_des_fiches() {
            self.flow.begin(Tag::Item);
            self.flow.begin(Tag::ItemBody);
            self.fiche_title(&f.heading());
            self.flow.begin(signs.clone());
            for r in &f.renvois {
                self.fiche_entry(r);
            }
            self.flow.end();
            self.end_item();
        }
        self.flow.end();
        self.flow.cache.keep_paragraphs(kept);
    }

    /// A fiche's title, in the look of a heading of level 2, kept with its first entry.
    fn fiche_title(&mut self, text: &str) {
        let t = self.theme();
        let h = t.headings[1];
        self.flow.space(h.space_before);
        let style = self.flow.para_style(&h, Align::Left, Role::Paragraph);
        let runs = self.plain(text, h.bold, h.italic);
        let lines = self.flow.lines(&runs, t.column_width(), &style);
        let first = self.flow.chunks.len();
        self.flow.begin(Tag::Paragraph);
        self.flow.push_lines(lines, h.leading, 0.0, None);
        self.flow.end();
        for c in self.flow.chunks.iter_mut().skip(first + 1) {
            c.keep_with_previous = true;
        }
        self.flow.space(h.space_after);
        self.flow.keep_with_next();
    }

    /// One engagement: the partner in bold and the beginning of its text over as many
    /// lines as they need, then the dot leaders and the page number on the last line;
    /// every line a link to the engagement.
    fn fiche_entry(&mut self, r: &Renvoi) {
        let t = self.theme();
        let layout = t.sommaire;
        let col = t.column_width();
        let ts = t.toc[1];
        let style = self.flow.para_style(&ts, Align::Left, Role::TocEntry);
        // The lines after the first (when the text is one long word) hang under the
        // partner's name.
        let text_left = layout.indent;
        let hang = ts.size;
        let width = col - text_left - hang - layout.number_column - layout.gap;
        // One line: the text as far as it fits before a few leader dots.
        let shaper = &mut self.flow.cache.words.shaper;
        let room = width
            - shaper.width(Variant::of(true, ts.italic), ts.size, r.who())
            - shaper.width(Variant::of(false, ts.italic), ts.size, " – ")
            - 4.0 * layout.leader_step;
        let excerpt = self.flow.cache.excerpt(&r.ancre, room, |words| {
            let regular = Variant::of(false, ts.italic);
            r.excerpt_fitting(|s| words.shaper.width(regular, ts.size, s) <= room)
        });
        let mut runs = self.plain(r.who(), true, ts.italic);
        runs.extend(self.plain(&format!(" – {excerpt}"), false, ts.italic));
        let lines = self.flow.lines(&runs, width, &style);
        let n = lines.len();
        let page = self.page_label(&r.ancre);
        self.flow.space(ts.space_before);
        for (k, line) in lines.into_iter().enumerate() {
            let mut draws = line.draws;
            let left = if k == 0 { text_left } else { text_left + hang };
            for d in &mut draws {
                d.translate(left, 0.0);
            }
            if k == 0 {
                let tags = [Tag::Item, Tag::ItemBody, Tag::Reference, Tag::Link];
                draws.splice(0..0, tags.map(Draw::Begin));
            }
            if k + 1 == n {
                self.page_number(&mut draws, &ts, left + line.width, &page);
            }
            draws.push(Self::anchor_link(0.0, 0.0, col, ts.leading, &r.ancre));
            if k + 1 == n {
                draws.extend([Draw::End, Draw::End, Draw::End, Draw::End]);
            }
            self.flow.push(Chunk {
                height: ts.leading,
                keep_with_previous: k > 0,
                draws,
                ..Chunk::default()
            });
        }
    }
}
