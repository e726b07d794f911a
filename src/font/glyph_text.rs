//! The characters one glyph stands for, stored inline in the glyph.
//!
//! Every glyph of a document carries the text of its cluster (for the PDF's ToUnicode map
//! and for the layout's own checks). A cluster is a grapheme or a ligature of a few
//! letters: one to four bytes nearly always, a dozen at most for a letter with several
//! combining marks. [`GlyphText`] keeps up to [`GlyphText::CAPACITY`] bytes in place, so a
//! glyph is a small `Copy` value: lines are built by copying glyphs, and dropping a line
//! never walks its glyphs.

use std::fmt;

/// Up to [`GlyphText::CAPACITY`] bytes of UTF-8, inline; `Copy`.
///
/// Sixteen bytes: the text, zeros, and its length in the last byte. A glyph's text is built
/// as one 128-bit number and stored whole, then copied whole from one glyph to the next:
/// built byte by byte in memory and read back in wider pieces, as a 14-byte value was, each
/// read waited for the bytes to reach memory (a store-forwarding stall, which `perf` put
/// at a tenth of the time spent setting paragraphs).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct GlyphText {
    bytes: [u8; GlyphText::CAPACITY + 1],
}

impl GlyphText {
    /// The most bytes kept: a letter with seven two-byte combining marks, or three
    /// characters of four bytes and one of three.
    pub const CAPACITY: usize = 15;

    /// No text (the later glyphs of a cluster).
    pub const EMPTY: GlyphText = GlyphText {
        bytes: [0; GlyphText::CAPACITY + 1],
    };

    /// A space, `" "`.
    pub const SPACE: GlyphText = {
        let mut bytes = [0; GlyphText::CAPACITY + 1];
        bytes[0] = b' ';
        bytes[GlyphText::CAPACITY] = 1;
        GlyphText { bytes }
    };

    /// `s`, or its longest prefix of whole characters that fits (a cluster longer than
    /// [`GlyphText::CAPACITY`] bytes, which no French text has, keeps its first characters).
    pub fn new(s: &str) -> GlyphText {
        let mut end = s.len().min(GlyphText::CAPACITY);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        // `end` ≤ CAPACITY < 256, in the last byte.
        let mut packed = (end as u128) << (8 * GlyphText::CAPACITY);
        for (i, &b) in s.as_bytes()[..end].iter().enumerate() {
            packed |= u128::from(b) << (8 * i);
        }
        GlyphText {
            bytes: packed.to_le_bytes(),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        let bytes = &self.bytes[..self.len()];
        // Always valid: `new` copies whole characters of a `str`. The fallback is never
        // taken; it keeps this function free of `unsafe`.
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text's length in bytes (without going through [`GlyphText::as_str`]).
    pub fn len(&self) -> usize {
        usize::from(self.bytes[GlyphText::CAPACITY])
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> GlyphText {
        GlyphText::new(s)
    }
}

impl From<String> for GlyphText {
    fn from(s: String) -> GlyphText {
        GlyphText::new(&s)
    }
}

impl From<char> for GlyphText {
    fn from(c: char) -> GlyphText {
        GlyphText::new(c.encode_utf8(&mut [0; 4]))
    }
}

impl PartialEq<str> for GlyphText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for GlyphText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_short_texts_whole() {
        for s in [
            "",
            "a",
            "fi",
            "ffl",
            "é",
            "œ",
            "€",
            "e\u{301}\u{323}",
            "𝒜𝒜𝒜",
        ] {
            let t = GlyphText::new(s);
            assert_eq!(t.as_str(), s);
            assert_eq!(t.is_empty(), s.is_empty());
        }
        assert_eq!(GlyphText::EMPTY, GlyphText::new(""));
        assert_eq!(GlyphText::SPACE, GlyphText::new(" "));
        assert_eq!(std::mem::size_of::<GlyphText>(), 16);
    }

    #[test]
    fn cuts_long_texts_between_characters() {
        // 4 four-byte characters: only three fit.
        assert_eq!(GlyphText::new("𝒜𝒜𝒜𝒜").as_str(), "𝒜𝒜𝒜");
        // A letter with eight two-byte marks: the letter and seven marks.
        let zalgo = format!("e{}", "\u{301}".repeat(8));
        assert_eq!(GlyphText::new(&zalgo).as_str().chars().count(), 8);
        assert_eq!(
            GlyphText::new("abcdefghijklmnopq").as_str(),
            "abcdefghijklmno"
        );
    }
}
