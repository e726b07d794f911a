//! The standard structure types used, and the marks of the content stream.

use crate::layout::draw::Role;
use crate::layout::tag::{Artifact, Labels, Tag};

/// A standard structure type (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Document,
    /// A heading, level 1 to 6.
    H(u8),
    P,
    BlockQuote,
    /// A list, and what its labels say.
    L(Labels),
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TFoot,
    Caption,
    TR,
    /// A header cell; of its row (`true`) or column.
    TH(bool),
    TD,
    Toc,
    TocI,
    Reference,
    Link,
    Figure,
    Form,
    Div,
    Note,
}

impl Kind {
    /// The type of a layout element.
    pub(crate) fn of_tag(tag: &Tag) -> Kind {
        match tag {
            Tag::Heading(l) => Kind::H(*l),
            Tag::Paragraph => Kind::P,
            Tag::Quote => Kind::BlockQuote,
            Tag::List { labels } => Kind::L(*labels),
            Tag::Item => Kind::LI,
            Tag::Label => Kind::Lbl,
            Tag::ItemBody => Kind::LBody,
            Tag::Table => Kind::Table,
            Tag::TableHead => Kind::THead,
            Tag::TableBody => Kind::TBody,
            Tag::TableFoot => Kind::TFoot,
            Tag::Caption => Kind::Caption,
            Tag::Row => Kind::TR,
            Tag::HeaderCell { row } => Kind::TH(*row),
            Tag::Cell => Kind::TD,
            Tag::Toc => Kind::Toc,
            Tag::TocItem => Kind::TocI,
            Tag::Reference => Kind::Reference,
            Tag::Link => Kind::Link,
            Tag::Figure { .. } => Kind::Figure,
            Tag::Form => Kind::Form,
            Tag::Division => Kind::Div,
            Tag::NoteCall => Kind::Reference,
            Tag::Note { .. } => Kind::Note,
        }
    }

    /// The element a text of this role makes when no element holds it.
    pub(crate) fn of_role(role: Role) -> Kind {
        match role {
            Role::Heading(l) => Kind::H(l),
            Role::ListLabel => Kind::Lbl,
            Role::ListBody => Kind::LBody,
            Role::TableHeader => Kind::TH(false),
            Role::TableCell => Kind::TD,
            _ => Kind::P,
        }
    }

    /// Whether content goes in the element itself (not only in its children).
    pub(crate) fn holds_content(self) -> bool {
        !matches!(
            self,
            Kind::Document
                | Kind::L(_)
                | Kind::LI
                | Kind::Table
                | Kind::THead
                | Kind::TBody
                | Kind::TFoot
                | Kind::TR
                | Kind::Toc
                | Kind::TocI
                | Kind::Div
        )
    }

    /// The type's name.
    pub(crate) fn name(self) -> &'static [u8] {
        match self {
            Kind::Document => b"Document",
            Kind::H(1) => b"H1",
            Kind::H(2) => b"H2",
            Kind::H(3) => b"H3",
            Kind::H(4) => b"H4",
            Kind::H(5) => b"H5",
            Kind::H(_) => b"H6",
            Kind::P => b"P",
            Kind::BlockQuote => b"BlockQuote",
            Kind::L(_) => b"L",
            Kind::LI => b"LI",
            Kind::Lbl => b"Lbl",
            Kind::LBody => b"LBody",
            Kind::Table => b"Table",
            Kind::THead => b"THead",
            Kind::TBody => b"TBody",
            Kind::TFoot => b"TFoot",
            Kind::Caption => b"Caption",
            Kind::TR => b"TR",
            Kind::TH(_) => b"TH",
            Kind::TD => b"TD",
            Kind::Toc => b"TOC",
            Kind::TocI => b"TOCI",
            Kind::Reference => b"Reference",
            Kind::Link => b"Link",
            Kind::Figure => b"Figure",
            Kind::Form => b"Form",
            Kind::Div => b"Div",
            Kind::Note => b"Note",
        }
    }
}

/// How a draw's content is marked in the content stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Content of a structure element: `/Kind <</MCID n>> BDC`.
    Content {
        /// The element's type.
        kind: Kind,
        /// The marked-content id, numbered per page.
        mcid: u32,
    },
    /// Not part of the document's content: `/Artifact <<…>> BDC`.
    Artifact(Artifact),
}

impl Mark {
    /// The operator that opens the mark, and its operands (a line).
    pub(crate) fn begin(self, out: &mut Vec<u8>) {
        match self {
            Mark::Content { kind, mcid } => {
                out.push(b'/');
                out.extend_from_slice(kind.name());
                out.extend_from_slice(b"<</MCID ");
                out.extend_from_slice(mcid.to_string().as_bytes());
                out.extend_from_slice(b">>BDC\n");
            }
            Mark::Artifact(a) => {
                let operator: &[u8] = match a {
                    Artifact::Header => b"/Artifact<</Type/Pagination/Subtype/Header>>BDC\n",
                    Artifact::Footer => b"/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n",
                    Artifact::Watermark => b"/Artifact<</Type/Pagination/Subtype/Watermark>>BDC\n",
                    Artifact::Layout => b"/Artifact<</Type/Layout>>BDC\n",
                };
                out.extend_from_slice(operator);
            }
        }
    }
}
