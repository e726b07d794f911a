//! A font family: four faces, the default one (Noto Sans) embedded.

use super::fallback::{self, FALLBACKS};
use super::{Face, Variant};
use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// Characters every face must have: the French text a pact is set in, and the list bullets
/// (but the third level's `◦`, which Noto Sans lacks too).
pub(crate) const NEEDED: &str =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'()-/%€«»’–—…éèêëàâçîïôöùûüÿœæÉÈÊÀÇŒÆ\u{a0}\u{202f}°•";

/// Four faces — regular, bold, italic, bold italic — parsed once, immutable.
pub struct FontFamily {
    faces: [Face; 4],
    /// Per variant, where each fallback face's glyph ids start (see `fallback`).
    pub(super) bases: [[Option<u16>; FALLBACKS]; 4],
}

/// A face that cannot serve in a family.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FontError {
    /// Not a TrueType or OpenType file.
    #[error("not a TrueType or OpenType font")]
    Unreadable,
    /// A character French text needs has no glyph.
    #[error("has no glyph for {0:?} (U+{code:04X}), which French text needs", code = *.0 as u32)]
    MissingGlyph(char),
}

impl FontFamily {
    /// The embedded Noto Sans family, parsed once per process (it is immutable data).
    pub(crate) fn default_family() -> Arc<FontFamily> {
        Self::embedded_arc().clone()
    }

    /// The embedded family, borrowed.
    #[cfg(test)]
    pub(crate) fn embedded() -> &'static FontFamily {
        Self::embedded_arc()
    }

    fn embedded_arc() -> &'static Arc<FontFamily> {
        static DEFAULT: OnceLock<Arc<FontFamily>> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            Arc::new(FontFamily::of(Face::embedded(
                Variant::ALL.map(Variant::bytes),
            )))
        })
    }

    /// A family from the files of its four faces, in [`Variant::ALL`]'s order; each face
    /// must parse and have a glyph for every character French text needs.
    ///
    /// # Errors
    /// The first face that cannot serve, and why.
    pub(crate) fn from_files(files: [Vec<u8>; 4]) -> Result<FontFamily, (Variant, FontError)> {
        let mut faces = Vec::with_capacity(4);
        for (v, bytes) in Variant::ALL.into_iter().zip(files) {
            let face = Face::load(Cow::Owned(bytes)).ok_or((v, FontError::Unreadable))?;
            if let Some(c) = NEEDED.chars().find(|&c| !face.has_glyph(c)) {
                return Err((v, FontError::MissingGlyph(c)));
            }
            faces.push(face);
        }
        let faces: [Face; 4] = faces
            .try_into()
            .map_err(|_| (Variant::Regular, FontError::Unreadable))?;
        Ok(FontFamily::of(faces))
    }

    /// The family of `faces`, with the fallback faces after each.
    fn of(faces: [Face; 4]) -> FontFamily {
        let bases = faces.each_ref().map(fallback::bases);
        FontFamily { faces, bases }
    }

    /// The face `v`.
    #[inline]
    pub fn face(&self, v: Variant) -> &Face {
        &self.faces[v.index()]
    }

    /// The PostScript names of the four faces.
    pub fn names(&self) -> [&str; 4] {
        Variant::ALL.map(|v| self.face(v).metrics.name.as_str())
    }
}

impl fmt::Debug for FontFamily {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_tuple("FontFamily").field(&self.names()).finish()
    }
}

impl PartialEq for FontFamily {
    /// The same faces: the same files.
    fn eq(&self, other: &FontFamily) -> bool {
        std::ptr::eq(self, other)
            || Variant::ALL
                .iter()
                .all(|&v| self.face(v).bytes() == other.face(v).bytes())
    }
}
