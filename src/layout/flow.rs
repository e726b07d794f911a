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
    break_next: bool,
    pending_space: f32,
    /// Structure elements opened since the last chunk: they start the next one.
    opened: Vec<Draw>,
    /// While collecting (see [`Flow::collect`]): the paragraphs asked for.
    requests: Option<Requests>,
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
            break_next: false,
            pending_space: 0.0,
            opened: Vec::new(),
            requests: None,
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

    /// Appends a chunk, applying pending space, keep and break requests.
    pub fn push(&mut self, mut chunk: Chunk) {
        if !self.opened.is_empty() {
            chunk.draws.splice(0..0, self.opened.drain(..));
        }
        chunk.space_before = chunk.space_before.max(self.pending_space);
        chunk.keep_with_previous |= self.keep_next;
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

    /// The paragraphs asked for while collecting (none when not collecting).
    pub fn take_requests(&mut self) -> Requests {
        self.requests.take().unwrap_or_default()
    }

    /// Adds lines as chunks, with widow and orphan control (a page breaks inside a
    /// paragraph only with at least two lines on each side).
    pub fn push_lines(
        &mut self,
        lines: Vec<LineBox>,
        leading: f32,
        indent: f32,
        label: Option<Vec<Draw>>,
    ) {
        let n = lines.len();
        let mut label = label;
        for (k, line) in lines.into_iter().enumerate() {
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
            let breakable = k >= 2 && n - k >= 2;
            self.push(Chunk {
                height: leading,
                keep_with_previous: k > 0 && !breakable,
                draws,
                ..Chunk::default()
            });
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
        };
        let runs = vec![Run {
            text: text.to_string(),
            style: base,
            link: None,
        }];
        let indent = number
            .map(|n| {
                self.cache
                    .words
                    .shaper
                    .width(Variant::of(t.bold, t.italic), t.size, n)
                    + t.size * self.theme.heading_rule.number_gap
            })
            .unwrap_or(0.0);
        let width = self.theme.column_width() - indent;
        let lines = self.lines(&runs, width, &style);
        let n = lines.len();
        let label = number.map(|num| {
            // With a space after it: the number and the title read apart.
            vec![self.text_draw(
                &format!("{num} "),
                0.0,
                self.theme.baseline(t.size),
                Variant::of(t.bold, t.italic),
                t.size,
                t.color,
                Role::Heading(level),
            )]
        });
        let first = self.chunks.len();
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
            // A rule under part headings.
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
        self.space(t.space_after);
        self.keep_with_next();
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
