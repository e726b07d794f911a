//! The flow: the document as a column of chunks (lines, rows, blocks) with the rules that
//! say where a page may break between them.

use super::cache::paragraphs::ParagraphKey;
use super::cache::parallel::Requests;
use super::cache::TextCache;
use super::draw::{Draw, PlacedGlyph, Role};
use super::paragraph::{Align, LineBox, ParaStyle};
use super::tag::Tag;
use super::theme::{Rgb, TextStyle, Theme};
use crate::font::Variant;
use crate::text::{Run, Style};

/// An unbreakable slice of the column: a line of text, a table row, a signature block.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    /// Height, pt.
    pub height: f32,
    /// Space above it, dropped at the top of a page.
    pub space_before: f32,
    /// A page may not break between the previous chunk and this one.
    pub keep_with_previous: bool,
    /// This chunk starts a new page.
    pub page_break_before: bool,
    /// What it draws; y relative to its top, x relative to the column's left.
    pub draws: Vec<Draw>,
    /// Drawn first when this chunk opens a page: a table's header row, repeated.
    pub repeat: Option<std::sync::Arc<Chunk>>,
    /// The footnotes whose calls this chunk holds, in order: set at the foot of its page
    /// (each note's draws y relative to its own top).
    pub notes: Vec<Chunk>,
}

/// Builds the flow of chunks for one column width.
pub struct Flow<'a> {
    /// The chunks, in order.
    pub chunks: Vec<Chunk>,
    /// The theme.
    pub theme: &'a Theme,
    /// Shapes and hyphenation points, reused.
    pub cache: &'a mut TextCache,
    keep_next: bool,
    /// The next chunks (this many) stay with what precedes them.
    keep_count: usize,
    break_next: bool,
    pending_space: f32,
    /// Structure elements opened since the last chunk: they start the next one.
    opened: Vec<Draw>,
    /// While collecting (see [`Flow::collect`]): the paragraphs asked for.
    requests: Option<Requests>,
    /// Footnotes whose calls are in runs set but not yet in a chunk, in order.
    notes: std::collections::VecDeque<Chunk>,
}

/// Horizontal placement of a paragraph inside the column.
#[derive(Debug, Clone, Copy, Default)]
pub struct Indent {
    /// Left indent, pt.
    pub left: f32,
    /// Right indent, pt.
    pub right: f32,
}

impl<'a> Flow<'a> {
    /// An empty flow.
    pub fn new(theme: &'a Theme, cache: &'a mut TextCache) -> Flow<'a> {
        Flow {
            chunks: Vec::new(),
            theme,
            cache,
            keep_next: false,
            keep_count: 0,
            break_next: false,
            pending_space: 0.0,
            opened: Vec::new(),
            requests: None,
            notes: Default::default(),
        }
    }

    /// Adds vertical space before the next chunk (the larger of pending spaces wins).
    pub fn space(&mut self, pt: f32) {
        self.pending_space = self.pending_space.max(pt);
    }

    /// The next chunk starts a new page.
    pub fn page_break(&mut self) {
        self.break_next = true;
    }

    /// The next chunk stays on the same page as the last one.
    pub fn keep_with_next(&mut self) {
        self.keep_next = true;
    }

    /// Opens a structure element: the chunks pushed until [`Flow::end`] are in it.
    pub fn begin(&mut self, tag: Tag) {
        self.opened.push(Draw::Begin(tag));
    }

    /// Closes the structure element last opened (one that holds no chunk disappears).
    pub fn end(&mut self) {
        if self.opened.pop().is_none() {
            if let Some(c) = self.chunks.last_mut() {
                c.draws.push(Draw::End);
            }
        }
    }

    /// A footnote whose call is in runs about to be set: it goes with the chunk that draws
    /// the call (the first chunk pushed whose draws hold a call not yet given its note).
    pub fn add_note(&mut self, note: Chunk) {
        self.notes.push_back(note);
    }

    /// Appends a chunk, applying pending space, keep and break requests.
    pub fn push(&mut self, mut chunk: Chunk) {
        if !self.notes.is_empty() {
            let calls = chunk
                .draws
                .iter()
                .filter(|d| matches!(d, Draw::Begin(Tag::NoteCall)))
                .count();
            let n = calls.min(self.notes.len());
            chunk.notes.extend(self.notes.drain(..n));
        }
        if !self.opened.is_empty() {
            chunk.draws.splice(0..0, self.opened.drain(..));
        }
        chunk.space_before = chunk.space_before.max(self.pending_space);
        chunk.keep_with_previous |= self.keep_next || self.keep_count > 0;
        self.keep_count = self.keep_count.saturating_sub(1);
        chunk.page_break_before |= self.break_next;
        if chunk.page_break_before {
            chunk.keep_with_previous = false;
        }
        self.pending_space = 0.0;
        self.keep_next = false;
        self.break_next = false;
        self.chunks.push(chunk);
    }

    /// Paragraph style from a text style.
    pub fn para_style(&self, t: &TextStyle, align: Align, role: Role) -> ParaStyle {
        ParaStyle {
            size: t.size,
            leading: t.leading,
            ascent: self.theme.ascent,
            color: t.color,
            align,
            hyphenate: align == Align::Justify,
            role,
        }
    }

    /// Lays out runs and returns the lines (not yet in the flow); while collecting, records
    /// the paragraph and returns no lines.
    pub fn lines(&mut self, runs: &[Run], width: f32, style: &ParaStyle) -> Vec<LineBox> {
        match &mut self.requests {
            Some(requests) => {
                requests.ask(ParagraphKey::new(runs, width, style));
                Vec::new()
            }
            None => self.cache.lines(runs, width, style),
        }
    }

    /// Composes in collecting mode from now on: [`Flow::lines`] adds each paragraph to
    /// `requests` instead of setting it, and gives no lines for it. A composition in this
    /// mode is thrown away; it only tells which paragraphs to set (see
    /// [`super::cache::parallel`]).
    pub fn collect(&mut self, requests: Requests) {
        self.requests = Some(requests);
    }

    /// The paragraphs asked for while collecting (`None` when not collecting).
    pub fn take_requests(&mut self) -> Option<Requests> {
        self.requests.take()
    }

    /// Adds lines as chunks, with widow and orphan control (a page breaks inside a
    /// paragraph only with at least two lines on each side) and never after a line that
    /// ends with a hyphen (a word cut, or a compound, is never split across pages).
    pub fn push_lines(
        &mut self,
        lines: Vec<LineBox>,
        leading: f32,
        indent: f32,
        label: Option<Vec<Draw>>,
    ) {
        // A line that draws no text at the start or end of a paragraph (a hard break from the
        // Markdown, a blank paragraph) would add a blank line to the theme's spacing.
        let mut lines = lines;
        while lines.last().is_some_and(|l| !draws_text(&l.draws)) {
            lines.pop();
        }
        let blank = lines.iter().take_while(|l| !draws_text(&l.draws)).count();
        lines.drain(..blank);
        let n = lines.len();
        let mut label = label;
        let mut after_hyphen = false;
        for (k, line) in lines.into_iter().enumerate() {
            let hyphen = ends_with_hyphen(&line.draws);
            let mut draws = line.draws;
            for d in &mut draws {
                d.translate(indent, 0.0);
            }
            if k == 0 {
                if let Some(l) = label.take() {
                    // The label (a number, a bullet) reads first.
                    draws.splice(0..0, l);
                }
            }
            let keep = self.theme.keeps.lines;
            let breakable = k >= keep && n - k >= keep && !after_hyphen;
            self.push(Chunk {
                height: leading,
                keep_with_previous: k > 0 && !breakable,
                draws,
                ..Chunk::default()
            });
            after_hyphen = hyphen;
        }
    }

    /// A paragraph of body text.
    pub fn paragraph(&mut self, runs: &[Run], indent: Indent, style: &ParaStyle) {
        let width = self.theme.column_width() - indent.left - indent.right;
        let lines = self.lines(runs, width, style);
        self.begin(Tag::Paragraph);
        self.push_lines(lines, style.leading, indent.left, None);
        self.end();
    }

    /// A heading: kept with what follows, anchored for the sommaire and outline.
    pub fn heading(&mut self, text: &str, level: u8, anchor: Option<String>, number: Option<&str>) {
        let t = self.theme.headings[(level.clamp(1, 4) - 1) as usize];
        self.space(t.space_before);
        let style = ParaStyle {
            size: t.size,
            leading: t.leading,
            ascent: self.theme.ascent,
            color: t.color,
            align: Align::Left,
            hyphenate: false,
            role: Role::Heading(level),
        };
        let base = Style {
            bold: t.bold,
            italic: t.italic,
            superscript: false,
            note: false,
        };
        let runs = vec![Run {
            text: text.to_string(),
            style: base,
            link: None,
        }];
        let indent = number.map_or(0.0, |n| self.number_width(n, &t));
        let width = self.theme.column_width() - indent;
        let lines = self.lines(&runs, width, &style);
        let n = lines.len();
        let label = number.map(|num| self.number_label(num, &t, level));
        let first = self.chunks.len();
        // An earlier heading keeps what follows it up to this one, not beyond: were its
        // text a single line, the keep would chain into this heading and what it keeps.
        if self.keep_count < self.theme.keeps.after_heading {
            self.keep_count = 0;
        }
        self.begin(Tag::Heading(level));
        self.push_lines(lines, t.leading, indent, label);
        self.end();
        for c in self.chunks.iter_mut().skip(first + 1) {
            c.keep_with_previous = true;
        }
        if let (Some(id), Some(c)) = (anchor, self.chunks.get_mut(first)) {
            c.draws.push(Draw::Anchor { id, y: 0.0 });
        }
        if level == 1 && n > 0 {
            self.rule_under_heading(&t);
        }
        self.space(t.space_after);
        self.keep_count = self.theme.keeps.after_heading;
    }

    /// The room a heading's number takes before its title: the number's width and the gap.
    fn number_width(&mut self, number: &str, t: &TextStyle) -> f32 {
        self.cache
            .words
            .shaper
            .width(Variant::of(t.bold, t.italic), t.size, number)
            + t.size * self.theme.heading_rule.number_gap
    }

    /// A heading's number, drawn before its first line.
    fn number_label(&mut self, number: &str, t: &TextStyle, level: u8) -> Vec<Draw> {
        // With a space after it: the number and the title read apart.
        vec![self.text_draw(
            &format!("{number} "),
            0.0,
            self.theme.baseline(t.size),
            Variant::of(t.bold, t.italic),
            t.size,
            t.color,
            Role::Heading(level),
        )]
    }

    /// The rule under a part heading (level 1), below its last line.
    fn rule_under_heading(&mut self, t: &TextStyle) {
        if let Some(c) = self.chunks.last_mut() {
            let rule = self.theme.heading_rule;
            c.height += rule.room;
            c.draws.push(Draw::Line {
                x1: 0.0,
                y1: t.leading + rule.offset,
                x2: self.theme.column_width(),
                y2: t.leading + rule.offset,
                width: rule.width,
                color: t.color,
                dashed: false,
            });
        }
    }

    /// A single run of text as a draw, shaped.
    #[allow(clippy::too_many_arguments)]
    pub fn text_draw(
        &mut self,
        text: &str,
        x: f32,
        y: f32,
        variant: Variant,
        size: f32,
        color: Rgb,
        role: Role,
    ) -> Draw {
        let shaped = self.cache.words.shaper.shape(variant, text);
        let scale = size / self.theme.fonts().face(variant).units_per_em;
        let glyphs = PlacedGlyph::from_shaped(&shaped.glyphs, scale);
        Draw::Text {
            x,
            y,
            variant,
            size,
            color,
            glyphs,
            role,
            angle: 0.0,
        }
    }
}

/// Whether draws show any visible character.
fn draws_text(draws: &[Draw]) -> bool {
    draws.iter().any(|d| match d {
        Draw::Text { glyphs, .. } => glyphs.iter().any(|g| !g.text.as_str().trim().is_empty()),
        _ => false,
    })
}

/// The last visible character a chunk's text draws.
fn last_char(draws: &[Draw]) -> Option<char> {
    draws.iter().rev().find_map(|d| match d {
        Draw::Text { glyphs, .. } => glyphs
            .iter()
            .rev()
            .filter_map(|g| g.text.as_str().trim_end().chars().last())
            .next(),
        _ => None,
    })
}

/// Whether a line's last character is a hyphen (a cut word or a compound's own hyphen).
pub fn ends_with_hyphen(draws: &[Draw]) -> bool {
    last_char(draws).is_some_and(|c| matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{AD}'))
}

/// Whether a paragraph's last visible character is a colon: it introduces what follows.
pub fn ends_with_colon(draws: &[Draw]) -> bool {
    last_char(draws) == Some(':')
}

impl Flow<'_> {
    /// Whether the last chunk ends with a colon (a lead-in to a list or a table).
    pub fn ends_with_colon(&self) -> bool {
        self.chunks
            .last()
            .is_some_and(|c| ends_with_colon(&c.draws))
    }

    /// Keeps the chunks from `start` on (the theme's `keeps.lead_in` of them) with what
    /// precedes them: a lead-in ending with ":" stays with the first rows or items it
    /// introduces.
    pub fn keep_lead_in(&mut self, start: usize) {
        let n = self.theme.keeps.lead_in;
        for c in self.chunks.iter_mut().skip(start).take(n) {
            if !c.page_break_before {
                c.keep_with_previous = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::GlyphText;

    fn line(s: &str) -> Vec<Draw> {
        let glyphs = s
            .chars()
            .map(|c| PlacedGlyph {
                gid: 1,
                text: GlyphText::new(&c.to_string()),
                advance: 5.0,
                nominal: 5.0,
            })
            .collect();
        vec![Draw::Text {
            x: 0.0,
            y: 0.0,
            variant: Variant::Regular,
            size: 10.0,
            color: Rgb(0.0, 0.0, 0.0),
            glyphs,
            role: Role::Paragraph,
            angle: 0.0,
        }]
    }

    #[test]
    fn line_ends_are_read_from_the_glyphs() {
        assert!(ends_with_hyphen(&line("notam-")));
        assert!(ends_with_hyphen(&line("Bouches-du- ")));
        assert!(!ends_with_hyphen(&line("fin.")));
        assert!(ends_with_colon(&line("les suivants : ")));
        assert!(!ends_with_colon(&line("deux : trois")));
        assert!(!draws_text(&line("  ")));
    }
}
