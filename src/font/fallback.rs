//! The fallback faces: the symbols a family's faces lack (≈ ≤ ≥ ≠ → ✓ ✗ ■ ● − …), drawn
//! from Noto Sans Math, then Noto Sans Symbols 2 (embedded, SIL Open Font License 1.1, kept
//! to their symbol blocks by `scripts/subset-fallback-fonts.sh`).
//!
//! A variant's glyph ids run on past its own face's: the face's glyphs first (0 to n − 1),
//! then each fallback face's, so that a shaped glyph stays one `u16` through the layout and
//! the PDF writer finds its face from the id alone ([`FontFamily::locate`]). Text the face
//! can draw is shaped as before; text with a character it lacks is cut where the face
//! changes, each piece shaped in its own face, the fallback's advances scaled to the
//! face's units ([`FontFamily::shape_with`]). Fallback faces have one weight and no italic:
//! a symbol in bold text is drawn upright and regular.

use super::{Face, FontFamily, Glyph, KernMemo, Scratch, Shaped, Variant};
use std::sync::OnceLock;

/// How many fallback faces there are.
pub(crate) const FALLBACKS: usize = 2;

/// The files of the fallback faces, in the order they are tried.
const FILES: [&[u8]; FALLBACKS] = [
    include_bytes!("../../fonts/NotoSansMath-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
];

/// The embedded fallback faces, parsed once per process, when a character first needs one
/// (most pacts need none).
pub(super) fn faces() -> &'static [Face; FALLBACKS] {
    static FACES: OnceLock<[Face; FALLBACKS]> = OnceLock::new();
    FACES.get_or_init(|| Face::embedded(FILES))
}

/// How many glyphs each fallback face has, read from its `maxp` table alone: a family
/// numbers its glyph ids with them ([`bases`]) without parsing the faces.
fn glyph_counts() -> [usize; FALLBACKS] {
    FILES.map(|b| {
        rustybuzz::ttf_parser::Face::parse(b, 0).map_or(0, |f| usize::from(f.number_of_glyphs()))
    })
}

/// One face a document may draw with: one of the family's four, or a fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FaceId {
    /// The family's face of this variant.
    Primary(Variant),
    /// The fallback face of this index (see [`FALLBACKS`]).
    Fallback(u8),
}

impl FaceId {
    /// How many faces a document may draw with.
    pub(crate) const COUNT: usize = 4 + FALLBACKS;

    /// Index in `0..COUNT`: the variants' first, in [`Variant::ALL`]'s order, then the
    /// fallbacks'.
    #[inline]
    pub(crate) fn index(self) -> usize {
        match self {
            FaceId::Primary(v) => v.index(),
            FaceId::Fallback(k) => 4 + usize::from(k),
        }
    }

    /// The face of index `i` (see [`FaceId::index`]).
    pub(crate) fn of_index(i: usize) -> FaceId {
        match Variant::ALL.get(i) {
            Some(&v) => FaceId::Primary(v),
            None => FaceId::Fallback((i - 4) as u8),
        }
    }
}

/// Where each fallback face's glyph ids start after the `primary` face's own, or `None`
/// for a fallback whose ids would not fit in 16 bits (a family of very large faces: that
/// fallback is then not used with it).
pub(super) fn bases(primary: &Face) -> [Option<u16>; FALLBACKS] {
    let mut next = primary.glyph_count();
    glyph_counts().map(|count| {
        let start = u16::try_from(next).ok()?;
        let end = next + count;
        if end > usize::from(u16::MAX) {
            return None;
        }
        next = end;
        Some(start)
    })
}

/// Which face draws `c` in `v`: `None` for the variant's own face (also when no face has
/// it), else the fallback's index.
fn face_for(family: &FontFamily, v: Variant, c: char) -> Option<usize> {
    if family.face(v).has_glyph(c) {
        return None;
    }
    let bases = &family.bases[v.index()];
    (0..FALLBACKS).find(|&k| bases[k].is_some() && faces()[k].has_glyph(c))
}

impl FontFamily {
    /// The face `id`.
    pub(crate) fn face_of(&self, id: FaceId) -> &Face {
        match id {
            FaceId::Primary(v) => self.face(v),
            FaceId::Fallback(k) => &faces()[usize::from(k)],
        }
    }

    /// The face that glyph `gid` of variant `v` belongs to, and its id in that face.
    #[inline]
    pub(crate) fn locate(&self, v: Variant, gid: u16) -> (FaceId, u16) {
        let bases = &self.bases[v.index()];
        if usize::from(gid) < self.face(v).glyph_count() {
            return (FaceId::Primary(v), gid);
        }
        for k in (0..FALLBACKS).rev() {
            if let Some(base) = bases[k] {
                if gid >= base {
                    if usize::from(gid - base) >= faces()[k].glyph_count() {
                        break; // no glyph: left to the variant's face, which has none either
                    }
                    return (FaceId::Fallback(k as u8), gid - base);
                }
            }
        }
        (FaceId::Primary(v), gid)
    }

    /// Whether every variant of the family, with the fallback faces, has a glyph for `c`.
    pub(crate) fn draws(&self, c: char) -> bool {
        Variant::ALL
            .iter()
            .all(|&v| self.face(v).has_glyph(c) || face_for(self, v, c).is_some())
    }

    /// Shapes `text` in `v`: in the variant's face alone when it has every character (plain
    /// Latin text through the fast path, which only takes characters the face has), else
    /// cut into pieces by face (a combining mark stays with its base). The faces are chosen
    /// before shaping: rustybuzz would draw a character the face lacks from others it has
    /// (`≠` as `=` and an overlaid stroke), not as the fallback's glyph.
    pub(super) fn shape_with(
        &self,
        v: Variant,
        text: &str,
        scratch: &mut Scratch,
        kerns: &mut KernMemo,
    ) -> Shaped {
        let face = self.face(v);
        if face.shape_fast(text, scratch, kerns) {
            return face.finish(text, &scratch.raw);
        }
        let mut pieces: Vec<(usize, Option<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let which = match pieces.last() {
                Some(&(_, last)) if unicode_normalization::char::is_combining_mark(c) => last,
                _ => face_for(self, v, c),
            };
            if pieces.last().is_none_or(|&(_, last)| last != which) {
                pieces.push((i, which));
            }
        }
        if pieces.iter().all(|&(_, which)| which.is_none()) {
            face.shape_slow(text, scratch);
            return face.finish(text, &scratch.raw);
        }
        let mut out = Shaped {
            glyphs: Vec::with_capacity(text.len()),
            width: 0.0,
        };
        for (n, &(start, which)) in pieces.iter().enumerate() {
            let end = pieces.get(n + 1).map_or(text.len(), |&(e, _)| e);
            let piece = &text[start..end];
            let (shaped, base, scale) = match which {
                None => (face.shape_with(piece, scratch, kerns), 0, 1.0),
                Some(k) => {
                    let fallback = &faces()[k];
                    let shaped = fallback.shape_with(piece, scratch, &mut KernMemo::default());
                    let base = self.bases[v.index()][k].unwrap_or(0);
                    (shaped, base, face.units_per_em / fallback.units_per_em)
                }
            };
            let units = |x: i32| (x as f32 * scale).round() as i32;
            for g in shaped.glyphs {
                let advance = units(g.advance);
                out.width += advance as f32;
                out.glyphs.push(Glyph {
                    gid: g.gid.saturating_add(base),
                    cluster: g.cluster + start as u32,
                    advance,
                    nominal: units(g.nominal),
                    text: g.text,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glyphs_counted_without_parsing_are_the_parsed_faces_glyphs() {
        let parsed = faces().each_ref().map(|f| f.glyph_count());
        assert_eq!(glyph_counts(), parsed);
        assert!(parsed.iter().all(|&n| n > 100), "{parsed:?}");
    }

    /// The faces drawing `text` in `v`, with each glyph's text and advance.
    fn shaped(v: Variant, text: &str) -> Vec<(FaceId, String, i32)> {
        let family = FontFamily::embedded();
        let (mut scratch, mut kerns) = (Scratch::default(), KernMemo::default());
        let s = family.shape_with(v, text, &mut scratch, &mut kerns);
        let width: i32 = s.glyphs.iter().map(|g| g.advance).sum();
        assert_eq!(width as f32, s.width, "{text:?}");
        s.glyphs
            .iter()
            .map(|g| (family.locate(v, g.gid).0, g.text.to_string(), g.advance))
            .collect()
    }

    #[test]
    fn a_symbol_the_face_lacks_comes_whole_from_a_fallback() {
        let got = shaped(Variant::Regular, "a≠b");
        let faces: Vec<FaceId> = got.iter().map(|g| g.0).collect();
        let r = FaceId::Primary(Variant::Regular);
        // Not `=` and an overlaid stroke from Noto Sans: the fallback's own `≠`.
        assert_eq!(faces, [r, FaceId::Fallback(0), r], "{got:?}");
        let texts: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(texts, ["a", "≠", "b"]);
        assert!(got[1].2 > 300, "{got:?}");
        assert_eq!(shaped(Variant::BoldItalic, "✓")[0].0, FaceId::Fallback(1));
        assert_eq!(shaped(Variant::Bold, "≥5")[0].0, FaceId::Fallback(0));
    }

    #[test]
    fn text_the_face_has_stays_in_it() {
        for text in ["Département", "n°\u{a0}3 – « oui »", "± × ÷ ‰ •"] {
            let got = shaped(Variant::Italic, text);
            assert!(
                got.iter().all(|g| g.0 == FaceId::Primary(Variant::Italic)),
                "{got:?}"
            );
        }
    }

    #[test]
    fn glyph_ids_locate_their_face_and_fit() {
        let family = FontFamily::embedded();
        for v in Variant::ALL {
            let n = family.face(v).glyph_count() as u16;
            assert_eq!(family.locate(v, n - 1), (FaceId::Primary(v), n - 1));
            assert_eq!(family.locate(v, n), (FaceId::Fallback(0), 0));
            let bases = family.bases[v.index()];
            assert!(bases.iter().all(Option::is_some), "{v:?}: {bases:?}");
            let past = bases[1].unwrap() + faces()[1].glyph_count() as u16;
            assert_eq!(
                family.locate(v, past).0,
                FaceId::Primary(v),
                "no such glyph"
            );
        }
        for i in 0..FaceId::COUNT {
            assert_eq!(FaceId::of_index(i).index(), i);
        }
    }
}
