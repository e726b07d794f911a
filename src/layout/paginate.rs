//! Pagination: chunks → pages, honouring keep-together rules.

use super::draw::Draw;
use super::flow::Chunk;
use super::theme::{NoteStyle, Rgb};

/// A laid-out page: primitives in page coordinates (pt, y downwards from the top edge).
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// What the page draws.
    pub draws: Vec<Draw>,
}

/// Where each chunk goes: for each page, the chunks it holds (index, top within the column,
/// and whether this is the chunk's repeated header, drawn above it, rather than the chunk).
pub type Placement = Vec<Vec<(usize, f32, bool)>>;

/// Decides the page of each chunk, for pages of body height `height`.
///
/// A page breaks before a chunk unless that chunk is kept with the previous one; when the
/// chunk that does not fit is kept, the break moves back to the last allowed place (so a
/// heading never ends a page, and paragraphs keep two lines on each side of a break). A run
/// of kept chunks taller than a page is broken where it overflows. No page is empty. A
/// chunk that opens a page with a header to repeat (a table's row) has it drawn above.
///
/// A chunk's footnotes go at the foot of its page: the room they take (with the rule above
/// them, `notes`) is taken from the page's, so a line whose notes do not fit moves to the
/// next page with them.
pub fn place(chunks: &[&Chunk], height: f32, notes: &NoteStyle) -> Placement {
    let mut pages: Placement = vec![Vec::new()];
    // The heights of the footnotes of the page being filled.
    let mut foot: Vec<f32> = Vec::new();
    let mut page_start = 0usize;
    let mut y = 0.0f32;
    let mut i = 0usize;
    while i < chunks.len() {
        let c = chunks[i];
        let first = i == page_start;
        if c.page_break_before && !first {
            pages.push(Vec::new());
            page_start = i;
            y = 0.0;
            foot.clear();
            continue;
        }
        let space = if first { 0.0 } else { c.space_before };
        let room = notes.foot(foot.iter().copied().chain(c.notes.iter().map(|n| n.height)));
        if first || y + space + c.height + room <= height {
            foot.extend(c.notes.iter().map(|n| n.height));
            let current = pages.last_mut().expect("at least one page");
            if let (true, Some(header)) = (first, &c.repeat) {
                current.push((i, 0.0, true));
                y = header.height;
            }
            current.push((i, y + space, false));
            y += space + c.height;
            i += 1;
            continue;
        }
        // Does not fit: find the last allowed break at or before i.
        let mut j = i;
        while j > page_start && chunks[j].keep_with_previous {
            j -= 1;
        }
        if j == page_start {
            // The kept run is taller than a page: break where it overflows.
            j = i;
        }
        let current = pages.last_mut().expect("at least one page");
        current.retain(|&(k, _, _)| k < j);
        pages.push(Vec::new());
        page_start = j;
        y = 0.0;
        foot.clear();
        i = j;
    }
    pages.retain(|p| !p.is_empty());
    pages
}

/// Where a page's footnotes go: the column's box and the notes' style.
pub struct Foot<'a> {
    /// The column's left, pt from the page's left edge.
    pub left: f32,
    /// The column's top, pt from the page's top edge.
    pub top: f32,
    /// The column's width and height, pt.
    pub size: [f32; 2],
    /// The notes' style.
    pub notes: &'a NoteStyle,
    /// The rule's colour.
    pub color: Rgb,
}

/// Builds the pages of a [`Placement`], moving each chunk's primitives (no copy) to page
/// coordinates, the column's top-left at (`foot.left`, `foot.top`). The footnotes of a
/// page's chunks are set at its foot, under a short rule; each note's draws follow those of
/// the chunk holding its call.
pub fn materialize(chunks: Vec<Chunk>, placement: &Placement, foot: &Foot) -> Vec<Page> {
    let (left, top) = (foot.left, foot.top);
    let mut chunks: Vec<Option<Chunk>> = chunks.into_iter().map(Some).collect();
    placement
        .iter()
        .map(|placed| {
            let heights = placed.iter().filter(|p| !p.2).flat_map(|&(k, _, _)| {
                let notes = chunks.get(k).and_then(|c| c.as_ref()).map(|c| &c.notes[..]);
                notes.unwrap_or(&[]).iter().map(|n| n.height)
            });
            let room = foot.notes.foot(heights);
            // Where the next note goes, and whether the rule is drawn yet.
            let mut note_y = top + foot.size[1] - room + foot.notes.gap + foot.notes.after_rule;
            let mut rule = room > 0.0;
            let mut draws = Vec::new();
            for &(k, y, header) in placed {
                if header {
                    let repeated = chunks.get(k).and_then(|c| c.as_ref()?.repeat.clone());
                    for mut d in repeated.iter().flat_map(|h| h.draws.iter().cloned()) {
                        d.translate(left, top + y);
                        draws.push(d);
                    }
                } else if let Some(chunk) = chunks.get_mut(k).and_then(Option::take) {
                    for mut d in chunk.draws {
                        d.translate(left, top + y);
                        draws.push(d);
                    }
                    for note in chunk.notes {
                        if std::mem::take(&mut rule) {
                            draws.push(foot_rule(foot, note_y - foot.notes.after_rule));
                        }
                        for mut d in note.draws {
                            d.translate(left, note_y);
                            draws.push(d);
                        }
                        note_y += note.height + foot.notes.between;
                    }
                }
            }
            Page { draws }
        })
        .collect()
}

/// The short rule above a page's footnotes, at `y`.
fn foot_rule(foot: &Foot, y: f32) -> Draw {
    let [length, width] = foot.notes.rule;
    Draw::Line {
        x1: foot.left,
        y1: y,
        x2: foot.left + foot.size[0] * length,
        y2: y,
        width,
        color: foot.color,
        dashed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(h: f32, keep: bool) -> Chunk {
        Chunk {
            height: h,
            keep_with_previous: keep,
            draws: vec![Draw::Anchor {
                id: String::new(),
                y: 0.0,
            }],
            ..Chunk::default()
        }
    }

    fn run(chunks: &[Chunk], height: f32) -> Placement {
        place(
            &chunks.iter().collect::<Vec<_>>(),
            height,
            &NoteStyle::default(),
        )
    }

    /// Chunks on each page.
    fn tops(pages: &Placement) -> Vec<usize> {
        pages.iter().map(Vec::len).collect()
    }

    #[test]
    fn breaks_when_full() {
        let chunks: Vec<Chunk> = (0..10).map(|_| c(10.0, false)).collect();
        assert_eq!(tops(&run(&chunks, 35.0)), vec![3, 3, 3, 1]);
    }

    #[test]
    fn kept_chunks_move_together() {
        // chunk 3 is kept with 2: the break goes before 2.
        let mut chunks: Vec<Chunk> = (0..6).map(|_| c(10.0, false)).collect();
        chunks[3].keep_with_previous = true;
        assert_eq!(tops(&run(&chunks, 35.0)), vec![2, 3, 1]);
    }

    #[test]
    fn a_kept_run_taller_than_a_page_still_paginates() {
        let chunks: Vec<Chunk> = (0..10).map(|i| c(10.0, i > 0)).collect();
        let pages = run(&chunks, 35.0);
        assert_eq!(tops(&pages).iter().sum::<usize>(), 10);
    }

    #[test]
    fn a_header_is_repeated_above_the_chunk_that_opens_a_page() {
        let header = std::sync::Arc::new(c(5.0, false));
        let mut chunks: Vec<Chunk> = (0..6).map(|_| c(10.0, false)).collect();
        for r in &mut chunks[1..] {
            r.repeat = Some(header.clone());
        }
        let pages = run(&chunks, 35.0);
        assert_eq!(pages[1][0], (3, 0.0, true));
        assert_eq!(pages[1][1], (3, 5.0, false));
        // The header takes room: two rows of 10 after it on a page of 35.
        assert_eq!(pages[1].len(), 4);
    }

    #[test]
    fn forced_page_break() {
        let mut chunks: Vec<Chunk> = (0..4).map(|_| c(10.0, false)).collect();
        chunks[2].page_break_before = true;
        assert_eq!(tops(&run(&chunks, 100.0)), vec![2, 2]);
    }

    #[test]
    fn a_line_moves_with_its_notes_when_they_do_not_fit() {
        let notes = NoteStyle::default();
        // Four lines of 10 on a page of 60; the third calls a note 20 tall: with the rule's
        // room (gap and after-rule) it does not fit beside the two first lines.
        let mut chunks: Vec<Chunk> = (0..4).map(|_| c(10.0, false)).collect();
        chunks[2].notes.push(c(20.0, false));
        let refs: Vec<&Chunk> = chunks.iter().collect();
        let room = notes.foot([20.0]);
        assert!(30.0 + room > 60.0 && 10.0 + room <= 60.0);
        let pages = place(&refs, 60.0, &notes);
        assert_eq!(tops(&pages), vec![2, 2]);
        // Without the note, the four lines share one page.
        chunks[2].notes.clear();
        assert_eq!(tops(&run(&chunks, 60.0)), vec![4]);
    }
}
