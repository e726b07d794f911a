//! Tables of rich text: columns (a title, a width as a fraction of the measure, an
//! alignment), more header rows, body rows, a total row and a caption.
//!
//! An author writes a table in Markdown (a pipe table, its alignments from the delimiter row,
//! a caption line `Tableau : …` just before it, a row of `---` after more header rows, a row
//! of `===` before the total row), or as a typed block in a text's array form, whose cells
//! are Markdown strings: `{"type": "tableau", "legende": "…", "colonnes": [{"titre":
//! "Montant", "largeur": 0.3, "alignement": "droite"}], "sous_entetes": [["€"]], "lignes":
//! [["1 200 000"]], "total": ["3 000 000"]}`.

use super::texte::{inlines_brut, Alignement, Bloc, Colonne, Inline, Tableau};
use pulldown_cmark::Alignment;
use serde::{Deserialize, Deserializer};

use super::texte::Cellule;

/// A table as read, before its shape is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableauLu {
    #[serde(default)]
    legende: Option<String>,
    colonnes: Vec<Colonne>,
    #[serde(default)]
    sous_entetes: Vec<Vec<Cellule>>,
    #[serde(default)]
    lignes: Vec<Vec<Cellule>>,
    #[serde(default)]
    total: Option<Vec<Cellule>>,
}

/// A table is read whole, then its shape is checked: a row with a wrong count of cells is
/// refused where it is written.
impl<'de> Deserialize<'de> for Tableau {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let t = Tableau::from(TableauLu::deserialize(deserializer)?);
        match t.problems().into_iter().next() {
            Some((path, message)) => Err(serde::de::Error::custom(format!("{path}: {message}"))),
            None => Ok(t),
        }
    }
}

impl From<TableauLu> for Tableau {
    fn from(t: TableauLu) -> Tableau {
        Tableau {
            legende: t.legende,
            colonnes: t.colonnes,
            sous_entetes: t.sous_entetes,
            lignes: t.lignes,
            total: t.total,
        }
    }
}

impl Tableau {
    /// What is wrong with the table's shape, each with its path inside the table: a row
    /// whose cells do not match the columns, widths out of range or adding up to more than
    /// the measure, an empty caption.
    pub(crate) fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let n = self.colonnes.len();
        if n == 0 {
            out.push((
                "colonnes".into(),
                "a table needs at least one column".into(),
            ));
        }
        if self.legende.as_deref().is_some_and(|l| l.trim().is_empty()) {
            out.push((
                "legende".into(),
                "the caption must not be empty (leave `legende` out for a table without one)"
                    .into(),
            ));
        }
        let headers = self.sous_entetes.iter().enumerate();
        let headers = headers.map(|(i, r)| (format!("sous_entetes[{i}]"), r));
        let rows = self
            .lignes
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("lignes[{i}]"), r));
        let rows = headers.chain(rows);
        for (path, row) in rows.chain(self.total.iter().map(|r| ("total".to_string(), r))) {
            if row.len() != n && n > 0 {
                let m = format!("{} cells where the table has {n} columns", row.len());
                out.push((path, m));
            }
        }
        let mut sum = 0.0;
        for (i, c) in self.colonnes.iter().enumerate() {
            if let Some(w) = c.largeur {
                if !(w > 0.0 && w <= 1.0) {
                    let m = format!("a width is a fraction of the measure, above 0 and at most 1 (0.25 for a quarter), not {w}");
                    out.push((format!("colonnes[{i}].largeur"), m));
                }
                sum += w;
            }
        }
        if sum > 1.0 + 1e-6 {
            let m = format!("the columns' widths add up to {sum:.3}, more than the measure (1)");
            out.push(("colonnes".into(), m));
        }
        out
    }

    /// The header cells (none when every title is empty).
    pub fn entetes(&self) -> Vec<&[Inline]> {
        if self.colonnes.iter().all(|c| c.titre.0.is_empty()) {
            return Vec::new();
        }
        self.colonnes.iter().map(|c| c.titre.0.as_slice()).collect()
    }
}

/// Calls `f` on every table of `value` (a serialised pact) with the JSON path of its block
/// in the text's typed form (`sections[0].texte[1]`): the checks of a pact built in code,
/// whose tables were not read (a table read from JSON is checked where it is written).
pub(crate) fn each_table(value: &serde_json::Value, mut f: impl FnMut(&str, &Tableau)) {
    super::strings::each_block(value, "tableau", |path, t: TableauLu| f(path, &t.into()));
}

/// Whether a Markdown table row holds only `=` cells: the line that sets the total row
/// apart from the body.
pub(crate) fn separe_total(cells: &[Vec<Inline>]) -> bool {
    rangee_de(cells, '=', 1)
}

/// Whether a Markdown table row holds only cells of three `-` or more (`---`, `:---`): the
/// line that sets the header rows above it apart from the body (a row of single dashes
/// stays a row of empty values).
pub(crate) fn separe_entetes(cells: &[Vec<Inline>]) -> bool {
    rangee_de(cells, '-', 3)
}

/// Whether every cell of a row is at least `least` `mark`s (colons allowed).
fn rangee_de(cells: &[Vec<Inline>], mark: char, least: usize) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let mut s = String::new();
            inlines_brut(c, &mut s);
            let s = s.trim();
            s.chars().filter(|&ch| ch == mark).count() >= least
                && s.chars().all(|ch| ch == mark || ch == ':')
        })
}

/// The caption a paragraph gives the table that follows it: its text after `Tableau :`
/// (or Pandoc's `Table:`), typographic spaces allowed.
pub(crate) fn legende_de(bloc: &Bloc) -> Option<String> {
    let Bloc::Paragraphe { contenu } = bloc else {
        return None;
    };
    let mut s = String::new();
    inlines_brut(contenu, &mut s);
    let rest = s
        .strip_prefix("Tableau")
        .or_else(|| s.strip_prefix("Table"))?;
    let rest = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let legende = rest.strip_prefix(':')?.trim();
    (!legende.is_empty()).then(|| legende.to_string())
}

/// The number of cells a GFM table row's source line holds: its cells are separated by
/// pipes that no backslash escapes, the outer pipes optional.
pub(crate) fn cellules_source(ligne: &str) -> usize {
    let ligne = ligne.trim();
    let mut pipes = Vec::new();
    let mut echappe = false;
    for (i, ch) in ligne.char_indices() {
        match ch {
            '\\' if !echappe => echappe = true,
            '|' if !echappe => pipes.push(i),
            _ => echappe = false,
        }
        if ch != '\\' {
            echappe = false;
        }
    }
    let mut n = pipes.len() + 1;
    if pipes.first() == Some(&0) {
        n -= 1;
    }
    if pipes.last().is_some_and(|&i| i + 1 == ligne.len()) && ligne.len() > 1 {
        n -= 1;
    }
    n
}

/// A pipe table being read.
#[derive(Default)]
pub(super) struct CadreTableau {
    pub(super) legende: Option<String>,
    pub(super) alignements: Vec<Option<Alignement>>,
    pub(super) entetes: Vec<Vec<Inline>>,
    /// The header rows below the first, once a `---` line has set them apart.
    pub(super) sous_entetes: Vec<Vec<Vec<Inline>>>,
    /// The `---` line was read.
    pub(super) separe_entetes: bool,
    pub(super) lignes: Vec<Vec<Vec<Inline>>>,
    /// The `===` line was read: the next row is the total.
    pub(super) separe: bool,
    pub(super) total: Option<Vec<Vec<Inline>>>,
    pub(super) dans_entete: bool,
}

impl CadreTableau {
    /// A row read: the header, a body row, the `---` line (the rows read until then were
    /// more header rows), the `===` line or the total row.
    pub(super) fn ligne(&mut self, cells: Vec<Vec<Inline>>) {
        if self.dans_entete {
            self.entetes = cells;
            self.dans_entete = false;
        } else if self.separe {
            self.total = Some(cells);
        } else if separe_total(&cells) {
            self.separe = true;
        } else if separe_entetes(&cells) && !self.separe_entetes {
            self.sous_entetes = std::mem::take(&mut self.lignes);
            self.separe_entetes = true;
        } else {
            self.lignes.push(cells);
        }
    }

    /// The table read.
    pub(super) fn fini(self) -> Tableau {
        let cellules = |r: Vec<Vec<Inline>>| r.into_iter().map(Cellule).collect();
        let mut alignements = self.alignements.into_iter();
        let colonnes = self
            .entetes
            .into_iter()
            .map(|titre| Colonne {
                titre: Cellule(titre),
                largeur: None,
                alignement: alignements.next().flatten(),
            })
            .collect();
        Tableau {
            legende: self.legende,
            colonnes,
            sous_entetes: self.sous_entetes.into_iter().map(cellules).collect(),
            lignes: self.lignes.into_iter().map(cellules).collect(),
            total: self.total.map(cellules),
        }
    }
}

/// A column's alignment as the delimiter row gives it (`:--`, `:-:`, `--:`).
pub(super) fn alignement(a: &Alignment) -> Option<Alignement> {
    match a {
        Alignment::None => None,
        Alignment::Left => Some(Alignement::Gauche),
        Alignment::Center => Some(Alignement::Centre),
        Alignment::Right => Some(Alignement::Droite),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_cells_are_counted_as_gfm_splits_them() {
        assert_eq!(cellules_source("| a | b |"), 2);
        assert_eq!(cellules_source("a | b"), 2);
        assert_eq!(cellules_source("| a | b \\| c |"), 2);
        assert_eq!(cellules_source("| a | b | c | d |  "), 4);
    }

    #[test]
    fn shape_problems_name_the_row() {
        let mut t = Tableau {
            legende: Some(" ".into()),
            colonnes: vec![
                Colonne {
                    titre: Cellule::texte("a"),
                    largeur: Some(0.7),
                    alignement: None
                };
                2
            ],
            sous_entetes: Vec::new(),
            lignes: vec![vec![Cellule::texte("1"); 2], vec![Cellule::texte("1"); 3]],
            total: None,
        };
        let p = t.problems();
        assert!(
            p.contains(&(
                "legende".into(),
                "the caption must not be empty (leave `legende` out for a table without one)"
                    .into()
            )),
            "{p:?}"
        );
        assert!(
            p.contains(&(
                "lignes[1]".into(),
                "3 cells where the table has 2 columns".into()
            )),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|(c, m)| c == "colonnes" && m.contains("1.400")),
            "{p:?}"
        );
        t.legende = None;
        t.lignes.pop();
        t.colonnes[0].largeur = Some(0.3);
        assert!(t.problems().is_empty());
    }

    #[test]
    fn captions_and_total_lines() {
        let caption = |s: &str| legende_de(&Bloc::paragraphe(s));
        assert_eq!(caption("Tableau : Financement"), Some("Financement".into()));
        assert_eq!(caption("Table: Funding"), Some("Funding".into()));
        assert_eq!(caption("Tableau :"), None);
        assert_eq!(caption("Tableaux : non"), None);
        assert!(separe_total(&[
            vec![Inline::texte("===")],
            vec![Inline::texte(":==")]
        ]));
        assert!(!separe_total(&[
            vec![Inline::texte("=")],
            vec![Inline::texte("")]
        ]));
        assert!(separe_entetes(&[
            vec![Inline::texte("---")],
            vec![Inline::texte(":----:")]
        ]));
        assert!(!separe_entetes(&[
            vec![Inline::texte("-")],
            vec![Inline::texte("-")]
        ]));
        assert!(!separe_entetes(&[vec![Inline::texte("===")]]));
    }
}
