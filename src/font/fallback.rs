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
use std::borrow::Cow;
use std::sync::OnceLock;

/// How many fallback faces there are.
pub(crate) const FALLBACKS: usize = 2;

/// The embedded fallback faces, in the order they are tried, parsed once per process.
pub(super) fn faces() -> &'static [Face; FALLBACKS] {
    static FACES: OnceLock<[Face; FALLBACKS]> = OnceLock::new();
    FACES.get_or_init(|| {
        let files: [&'static [u8]; FALLBACKS] = [
            include_bytes!("../../fonts/NotoSansMath-Regular.ttf"),
            include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
        ];
        // Known-good embedded files: a failure is a build defect, caught by every test.
        files.map(|b| Face::load(Cow::Borrowed(b)).expect("embedded font parses"))
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
    faces().each_ref().map(|f| {
        let start = u16::try_from(next).ok()?;
        let end = next + f.glyph_count();
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
        Variant::ALL.iter().all(|&v| {
            self.face(v).has_glyph(c) || face_for(self, v, c).is_some()
        })
    }

    /// Shapes `text` in `v`: in the variant's face alone when it has every glyph (nearly
    /// always), else cut into pieces by face (a combining mark stays with its base).
    pub(super) fn shape_with(
        &self,
        v: Variant,
        text: &str,
        scratch: &mut Scratch,
        kerns: &mut KernMemo,
    ) -> Shaped {
        let face = self.face(v);
        let shaped = face.shape_with(text, scratch, kerns);
        if shaped.glyphs.iter().all(|g| g.gid != 0) {
            return shaped;
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
            return shaped;
        }
        let mut out = Shaped {
            glyphs: Vec::with_capacity(shaped.glyphs.len()),
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
