//! Rich text: typed blocks and inlines.
//!
//! Authors write rich text as Markdown strings in JSON; the parser turns them into
//! [`Texte`] (a list of [`Bloc`]s made of [`Inline`]s) once, at load time, so that the
//! typesetter never parses strings. A `Texte` serialises as its typed form (an array
//! of blocks) and deserialises from either form.

pub use super::figure::Figure;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A piece of rich text: an ordered list of blocks. Empty when absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Texte(pub Vec<Bloc>);

/// A block of rich text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Bloc {
    /// A paragraph of inlines.
    Paragraphe {
        /// The paragraph's inline content.
        contenu: Vec<Inline>,
    },
    /// A bulleted (`ordonnee: false`) or numbered list; items hold blocks, so lists nest.
    Liste {
        /// Numbered (`true`) or bulleted (`false`).
        #[serde(default)]
        ordonnee: bool,
        /// First number of a numbered list.
        #[serde(default = "un")]
        debut: u32,
        /// The items, each a list of blocks (a paragraph, then maybe a nested list).
        items: Vec<Vec<Bloc>>,
    },
    /// A block quotation.
    Citation {
        /// The quoted blocks.
        contenu: Vec<Bloc>,
    },
    /// A table: a caption, its columns (title, width, alignment), body rows, a total row.
    Tableau(Tableau),
    /// A figure: an image file, its alternative text and a caption.
    Figure(Figure),
}

fn un() -> u32 {
    1
}

/// An inline run of rich text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Inline {
    /// Plain text.
    Texte {
        /// The characters.
        texte: String,
    },
    /// Bold (strong) text.
    Gras {
        /// Content in bold.
        contenu: Vec<Inline>,
    },
    /// Italic (emphasised) text.
    Italique {
        /// Content in italics.
        contenu: Vec<Inline>,
    },
    /// Superscript text, e.g. the "er" of "1er".
    Exposant {
        /// Content raised as a superscript.
        contenu: Vec<Inline>,
    },
    /// A hyperlink.
    Lien {
        /// Target URL.
        url: String,
        /// Visible content.
        contenu: Vec<Inline>,
    },
    /// A forced line break inside a paragraph.
    SautDeLigne,
    /// A footnote: its call stands here (a superscript number, the notes numbered through
    /// the document), its text is set at the foot of the call's page. Written in Markdown
    /// as a call `[^label]` and a definition `[^label]: text` in the same text.
    Note {
        /// The note's text (emphasis and links allowed; no note inside a note).
        contenu: Vec<Inline>,
    },
}

impl Texte {
    /// True when the text holds no block.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The blocks.
    pub fn blocs(&self) -> &[Bloc] {
        &self.0
    }

    /// All the plain characters of the text, inlines joined, blocks separated by newlines.
    pub fn texte_brut(&self) -> String {
        let mut out = String::new();
        for b in &self.0 {
            b.texte_brut_dans(&mut out);
        }
        out
    }
}

impl Bloc {
    /// A paragraph of plain text.
    pub fn paragraphe(texte: impl Into<String>) -> Bloc {
        Bloc::Paragraphe {
            contenu: vec![Inline::texte(texte)],
        }
    }

    fn texte_brut_dans(&self, out: &mut String) {
        match self {
            Bloc::Paragraphe { contenu } => {
                inlines_brut(contenu, out);
                out.push('\n');
            }
            Bloc::Liste { items, .. } => {
                for item in items {
                    for b in item {
                        b.texte_brut_dans(out);
                    }
                }
            }
            Bloc::Citation { contenu } => {
                for b in contenu {
                    b.texte_brut_dans(out);
                }
            }
            Bloc::Tableau(t) => t.texte_brut_dans(out),
            Bloc::Figure(f) => {
                for texte in std::iter::once(&f.alt).chain(&f.legende) {
                    out.push_str(texte);
                    out.push('\n');
                }
            }
        }
    }
}

/// Appends the plain characters of `inlines` to `out`.
pub fn inlines_brut(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Texte { texte } => out.push_str(texte),
            Inline::Gras { contenu }
            | Inline::Italique { contenu }
            | Inline::Exposant { contenu }
            | Inline::Lien { contenu, .. } => inlines_brut(contenu, out),
            Inline::SautDeLigne => out.push(' '),
            // A note is read at the foot of the page, not in the running text.
            Inline::Note { .. } => {}
        }
    }
}

impl Inline {
    /// Plain text.
    pub fn texte(texte: impl Into<String>) -> Inline {
        Inline::Texte {
            texte: texte.into(),
        }
    }
}

impl From<Vec<Bloc>> for Texte {
    fn from(blocs: Vec<Bloc>) -> Self {
        Texte(blocs)
    }
}

impl JsonSchema for Texte {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Texte".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let bloc = generator.subschema_for::<Bloc>();
        schemars::json_schema!({
            "description": "Rich text: a Markdown string (bold, italic, <sup>superscript</sup>, lists nested, quotes, pipe tables with a `Tableau : …` caption line before them, a `---` row after more header rows and a `===` row before a total row, footnotes: a call `[^label]` and its definition `[^label]: text` in the same text, each note called once; figures: an image alone in its paragraph, `![alternative text](file.png \"Caption\")`; no headings), or an array whose items are Markdown strings or typed blocks (a `tableau` block gives columns' widths; a `figure` block names an image file).",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "anyOf": [ { "type": "string" }, bloc ] } }
            ]
        })
    }
}

/// A table: a caption, its columns, its body rows and a total row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tableau {
    /// The caption, set above the table after its number: "Tableau 2 – …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legende: Option<String>,
    /// The columns, in order: their titles make the (first) header row.
    pub colonnes: Vec<Colonne>,
    /// More header rows, set below the columns' titles, each with one cell per column
    /// (e.g. the units under the titles); repeated with them on each page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sous_entetes: Vec<Vec<Cellule>>,
    /// Body rows, each with one cell per column.
    #[serde(default)]
    pub lignes: Vec<Vec<Cellule>>,
    /// The total row, one cell per column: set last, in bold, below a rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Vec<Cellule>>,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Colonne {
    /// Its title, in the header row (empty titles everywhere: no header row).
    #[serde(default)]
    pub titre: Cellule,
    /// Its width, a fraction of the measure (0.4 = 40 %); automatic from the content when
    /// absent. A table's fractions add up to at most 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub largeur: Option<f64>,
    /// How its cells are aligned; when absent, numbers flush right and text flush left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignement: Option<Alignement>,
}

/// `largeur` is read from JSON, which has no NaN: equality is total.
impl Eq for Colonne {}

/// The alignment of a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Alignement {
    /// Flush left.
    Gauche,
    /// Centred.
    Centre,
    /// Flush right.
    Droite,
}

/// A table cell: one line of rich text, written as a Markdown string or typed inlines.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Cellule(pub Vec<Inline>);

impl Cellule {
    /// A cell of plain text.
    pub fn texte(texte: impl Into<String>) -> Cellule {
        Cellule(vec![Inline::texte(texte)])
    }
}

impl JsonSchema for Cellule {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cellule".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let inlines = generator.subschema_for::<Vec<Inline>>();
        schemars::json_schema!({
            "description": "A table cell: one line of Markdown (bold, italic, <sup>, links), or its typed form, an array of inlines.",
            "anyOf": [ { "type": "string" }, inlines ]
        })
    }
}

impl Tableau {
    /// All the plain characters of the table, one cell a line.
    pub(crate) fn texte_brut_dans(&self, out: &mut String) {
        let cells = self.colonnes.iter().map(|c| &c.titre);
        let body = self
            .sous_entetes
            .iter()
            .chain(&self.lignes)
            .flatten()
            .chain(self.total.iter().flatten());
        if let Some(l) = &self.legende {
            out.push_str(l);
            out.push('\n');
        }
        for c in cells.chain(body) {
            inlines_brut(&c.0, out);
            out.push('\n');
        }
    }
}
