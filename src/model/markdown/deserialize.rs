//! Rich text as a pact file writes it: a Markdown string, or an array whose items are
//! Markdown strings or typed blocks; a table cell as a Markdown string or typed inlines.

use super::{parse, MarkdownError};
use crate::model::texte::{Bloc, Cellule, Inline, Texte};
use serde::{Deserialize, Deserializer};

/// A text is written in JSON as a Markdown string, or in its typed form (an array of
/// blocks).
impl<'de> Deserialize<'de> for Texte {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Texte;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a Markdown string or an array of typed blocks")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Texte, E> {
                parse(v).map_err(E::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Texte, A::Error> {
                let mut blocs = Vec::new();
                while let Some(Morceau(mut b)) = seq.next_element::<Morceau>()? {
                    blocs.append(&mut b);
                }
                Ok(Texte(blocs))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A cell from Markdown: one paragraph's inlines; a string Markdown would read as
/// another block ("1." as a list, "# 3" as a heading) is kept as it is written.
fn cellule(source: &str) -> Result<Cellule, MarkdownError> {
    match parse(source) {
        Ok(t) => match t.0.as_slice() {
            [] => Ok(Cellule::default()),
            [Bloc::Paragraphe { contenu }] => Ok(Cellule(contenu.clone())),
            blocs if blocs.iter().any(|b| matches!(b, Bloc::Figure(_))) => {
                let fichier = blocs.iter().find_map(|b| match b {
                    Bloc::Figure(f) => Some(f.fichier.display().to_string()),
                    _ => None,
                });
                Err(MarkdownError::Image(
                    fichier.unwrap_or_default(),
                    "in a table cell",
                ))
            }
            _ => Ok(Cellule::texte(source.trim())),
        },
        Err(MarkdownError::Titre(_)) => Ok(Cellule::texte(source.trim())),
        Err(e) => Err(e),
    }
}

impl<'de> Deserialize<'de> for Cellule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Cellule;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a cell: a Markdown string or an array of typed inlines")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Cellule, E> {
                cellule(v).map_err(E::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Cellule, A::Error> {
                let mut inlines = Vec::new();
                while let Some(i) = seq.next_element::<Inline>()? {
                    inlines.push(i);
                }
                Ok(Cellule(inlines))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An item of a text's array form: a Markdown string (its blocks) or a typed block.
struct Morceau(Vec<Bloc>);

impl<'de> Deserialize<'de> for Morceau {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Morceau;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a Markdown string or a typed block")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Morceau, E> {
                parse(v).map(|t| Morceau(t.0)).map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Morceau, A::Error> {
                let bloc = Bloc::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Morceau(vec![bloc]))
            }
        }
        deserializer.deserialize_any(V)
    }
}
