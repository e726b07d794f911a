//! The image files of a pact's figures, found as the pact is serialised: serde_json writes
//! it to nowhere through a [`Formatter`] that follows the JSON path of each place and keeps
//! the `fichier` of every object whose `type` is `figure` (a typed block: see
//! [`super::Bloc::Figure`]). No tree of the pact is built, and no string copied but the
//! keys, the tags and the files: a render asks for its images before anything else, and a
//! [`serde_json::Value`] of the whole pact took longer than the rest of that step.

use serde_json::ser::{CharEscape, Formatter};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

/// The `fichier` of every figure of `p`, with the JSON path of that field
/// (`sections[0].texte[1].fichier`), in the order the pact's fields are written.
pub(crate) fn figure_files(p: &super::Pacte) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let finder = Finder {
        found: &mut found,
        path: String::new(),
        frames: Vec::new(),
        key: Key::Other,
        reading: None,
        text: String::new(),
    };
    let mut serializer = serde_json::Serializer::with_formatter(io::sink(), finder);
    // Serialising a pact fails only for a file path that is not UTF-8, which JSON cannot
    // hold (the files found before it are kept; the validation reports that path).
    let _ = serde::Serialize::serialize(p, &mut serializer);
    found
}

/// A key of an object, as far as the search cares.
#[derive(Clone, Copy, PartialEq)]
enum Key {
    Type,
    Fichier,
    Other,
}

/// An array or an object being written.
enum Frame {
    Array {
        /// The length of the path to the array.
        at: usize,
        /// The index of the value being written.
        index: usize,
    },
    Object {
        /// The length of the path to the object.
        at: usize,
        /// Whether its `type` is `figure`.
        figure: bool,
        /// Its `fichier`, when a string.
        fichier: Option<String>,
    },
}

/// The string being read: an object's key, or the value of a `type` or a `fichier`.
#[derive(Clone, Copy)]
enum Reading {
    Key,
    Value(Key),
}

struct Finder<'a> {
    found: &'a mut Vec<(String, PathBuf)>,
    /// The JSON path of the value being written.
    path: String,
    frames: Vec<Frame>,
    /// The key whose value is being written, in the innermost object.
    key: Key,
    /// What the string being written is, when it is read.
    reading: Option<Reading>,
    /// Its characters so far (one buffer for every string read).
    text: String,
}

impl Finder<'_> {
    fn push_text(&mut self, s: &str) {
        if self.reading.is_some() {
            self.text.push_str(s);
        }
    }

    fn start_reading(&mut self, reading: Reading) {
        self.reading = Some(reading);
        self.text.clear();
    }
}

/// `key` added to the JSON path `path` (`sections[0]` and `texte`: `sections[0].texte`).
fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

impl Formatter for Finder<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.key = Key::Other;
        let at = self.path.len();
        self.frames.push(Frame::Array { at, index: 0 });
        Ok(())
    }

    fn end_array<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        if let Some(Frame::Array { at, .. }) = self.frames.pop() {
            self.path.truncate(at);
        }
        Ok(())
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, _: &mut W, first: bool) -> io::Result<()> {
        if let Some(Frame::Array { at, index }) = self.frames.last_mut() {
            if !first {
                *index += 1;
            }
            self.path.truncate(*at);
            // Writing to a String cannot fail.
            let _ = write!(self.path, "[{index}]");
        }
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.key = Key::Other;
        let at = self.path.len();
        self.frames.push(Frame::Object {
            at,
            figure: false,
            fichier: None,
        });
        Ok(())
    }

    fn end_object<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        if let Some(Frame::Object {
            at,
            figure,
            fichier,
        }) = self.frames.pop()
        {
            self.path.truncate(at);
            if let (true, Some(fichier)) = (figure, fichier) {
                let mut path = self.path.clone();
                push_key(&mut path, "fichier");
                self.found.push((path, PathBuf::from(fichier)));
            }
        }
        Ok(())
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, _: &mut W, _: bool) -> io::Result<()> {
        if let Some(Frame::Object { at, .. }) = self.frames.last() {
            self.path.truncate(*at);
        }
        self.start_reading(Reading::Key);
        Ok(())
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.reading = None;
        self.key = match self.text.as_str() {
            "type" => Key::Type,
            "fichier" => Key::Fichier,
            _ => Key::Other,
        };
        push_key(&mut self.path, &self.text);
        Ok(())
    }

    fn begin_string<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        // A key's string is read from `begin_object_key`; a value's only for the two keys.
        if self.reading.is_none() && self.key != Key::Other {
            self.start_reading(Reading::Value(self.key));
        }
        Ok(())
    }

    fn end_string<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        // A key's string stays read until `end_object_key`.
        let Some(Reading::Value(key)) = self.reading else {
            return Ok(());
        };
        self.reading = None;
        match (key, self.frames.last_mut()) {
            (Key::Type, Some(Frame::Object { figure, .. })) => *figure = self.text == "figure",
            (Key::Fichier, Some(Frame::Object { fichier, .. })) => {
                *fichier = Some(self.text.clone());
            }
            _ => {}
        }
        Ok(())
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.key = Key::Other;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, _: &mut W, s: &str) -> io::Result<()> {
        self.push_text(s);
        Ok(())
    }

    fn write_char_escape<W: ?Sized + Write>(&mut self, _: &mut W, e: CharEscape) -> io::Result<()> {
        let c = match e {
            CharEscape::Quote => '"',
            CharEscape::ReverseSolidus => '\\',
            CharEscape::Solidus => '/',
            CharEscape::Backspace => '\u{8}',
            CharEscape::FormFeed => '\u{c}',
            CharEscape::LineFeed => '\n',
            CharEscape::CarriageReturn => '\r',
            CharEscape::Tab => '\t',
            CharEscape::AsciiControl(b) => char::from(b),
        };
        self.push_text(c.encode_utf8(&mut [0; 4]));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Pacte;

    /// The figures found by walking the pact's whole serialised tree.
    fn from_tree(p: &Pacte) -> Vec<(String, std::path::PathBuf)> {
        let mut out = Vec::new();
        let value = crate::model::strings::serialised(p);
        crate::model::strings::each_block(&value, "figure", |path, f: crate::model::Figure| {
            out.push((format!("{path}.fichier"), f.fichier))
        });
        out
    }

    #[test]
    fn finds_the_figures_of_every_kind_of_text_with_their_paths() {
        let p = Pacte::from_json(include_str!("../../fixtures/exemple-complet.json")).unwrap();
        let mut value = serde_json::to_value(&p).unwrap();
        // A figure in a list item and one in a quotation, with a file name to escape.
        let texte = &mut value["sections"][0]["texte"];
        let extra = serde_json::json!([
            {"type": "liste", "ordonnee": false, "items": [[
                {"type": "figure", "fichier": "carte \"a\"\\b.png", "alt": "Carte"}
            ]]},
            {"type": "citation", "contenu": [
                {"type": "figure", "fichier": "é/logo.png", "alt": "Logo", "legende": "x"}
            ]}
        ]);
        texte
            .as_array_mut()
            .unwrap()
            .extend(extra.as_array().unwrap().clone());
        let p: Pacte = serde_json::from_value(value).unwrap();
        let found = super::figure_files(&p);
        let mut expected = from_tree(&p);
        // The tree's objects list their keys in alphabetical order, the pact its fields in
        // the order they are written: the same figures, in another order.
        let mut sorted = found.clone();
        sorted.sort();
        expected.sort();
        assert_eq!(sorted, expected);
        assert!(found.len() >= 3, "{found:?}");
        let list = found
            .iter()
            .find(|(_, f)| f.ends_with("carte \"a\"\\b.png"));
        let (path, _) = list.expect("the figure in a list");
        assert!(path.starts_with("sections[0].texte["), "{path}");
        assert!(path.ends_with("].items[0][0].fichier"), "{path}");
    }
}
