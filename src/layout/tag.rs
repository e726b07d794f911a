//! The logical structure of what is drawn, for a tagged PDF: structure elements opened and
//! closed among a page's draws ([`super::draw::Draw::Begin`], [`super::draw::Draw::End`]),
//! and the kinds of decoration that are no part of it (artifacts).

use super::theme::Counter;

/// A structure element of the document, opened by a `Draw::Begin` and closed by the next
/// unmatched `Draw::End`; what is drawn between belongs to it.
#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    /// A heading of this level (1 = part).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A quotation (the editorial's, a quoted block).
    Quote,
    /// A list, and what its labels say.
    List {
        /// Bullets, numbers ("1.", "a)") or signs ("–").
        labels: Labels,
    },
    /// An item of a list: its label, then its body.
    Item,
    /// The label (bullet or number) of a list item.
    Label,
    /// The body of a list item (nested lists go inside).
    ItemBody,
    /// A table.
    Table,
    /// The header rows of a table.
    TableHead,
    /// The body rows of a table.
    TableBody,
    /// The footer rows of a table (its total row).
    TableFoot,
    /// A table's caption (its first child).
    Caption,
    /// A table row.
    Row,
    /// A header cell: of its column, or of its row (`row`).
    HeaderCell {
        /// Heads its row rather than its column.
        row: bool,
    },
    /// A data cell.
    Cell,
    /// The sommaire.
    Toc,
    /// An entry of the sommaire.
    TocItem,
    /// The reference an entry of the sommaire makes.
    Reference,
    /// A link: its text and its clickable area.
    Link,
    /// A picture (a logo) and what it shows, in words.
    Figure {
        /// The alternative text.
        alt: String,
    },
    /// A form field (a signature field) and its place.
    Form,
    /// A group of elements (a signatory's block).
    Division,
    /// A footnote's call (its number, raised) in the text.
    NoteCall,
    /// A footnote, set at the foot of its call's page; `id` is unique in the document.
    Note {
        /// The note's identifier ("note-1").
        id: String,
    },
}

/// What the labels of a list's items say (the tagged PDF's `/ListNumbering`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels {
    /// Bullets: the list is not ordered.
    Bullets,
    /// Numbers written by this counter: "1.", "a)", "iv.".
    Numbers(Counter),
    /// The same sign for every item of an ordered list ("–"): no numbers.
    Signs,
}

/// What kind of decoration an artifact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Artifact {
    /// The running header.
    Header,
    /// The running footer (the page number: PDF 1.7 has no subtype of its own for it).
    Footer,
    /// The draft watermark.
    Watermark,
    /// Rules, frames, fills, dot leaders and other layout marks.
    Layout,
}
