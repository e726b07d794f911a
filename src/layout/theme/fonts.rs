//! The font family of a theme, as an embedder holds it: an opaque, cheaply cloned handle on
//! four parsed faces.

use super::ThemeError;
use crate::font::FontFamily as Family;
use std::fmt;
use std::sync::Arc;

/// The font family a [`Theme`](crate::Theme) sets its text in: four faces (regular, bold,
/// italic, bold italic), parsed once and shared, so that a clone costs a reference count.
///
/// The default is Noto Sans, embedded in the library ([`FontFamily::noto_sans`]); a theme
/// file names its own font files ([`Theme::from_file`](crate::Theme::from_file)); an
/// embedder gives the bytes of four faces ([`FontFamily::from_bytes`]). No system font is
/// ever read.
#[derive(Clone, PartialEq)]
pub struct FontFamily {
    family: Arc<Family>,
}

/// The faces' names in errors, in the order [`FontFamily::from_bytes`] takes them.
const FACES: [&str; 4] = ["regular", "bold", "italic", "bold_italic"];

impl FontFamily {
    /// Noto Sans, embedded in the library: the default family.
    pub fn noto_sans() -> FontFamily {
        FontFamily::of(Family::default_family())
    }

    /// A family from the TrueType or OpenType files of its four faces. Each face must parse
    /// and have a glyph for every character French text needs.
    ///
    /// ```
    /// let noto = pacte::FontFamily::noto_sans();
    /// let e = pacte::FontFamily::from_bytes(vec![], vec![], vec![], vec![]).unwrap_err();
    /// assert_eq!(e.to_string(), "regular face: not a TrueType or OpenType font");
    /// assert_eq!(noto.names()[1], "NotoSans-Bold");
    /// ```
    ///
    /// # Errors
    /// [`ThemeError::Face`]: the first face that cannot serve, and why.
    pub fn from_bytes(
        regular: Vec<u8>,
        bold: Vec<u8>,
        italic: Vec<u8>,
        bold_italic: Vec<u8>,
    ) -> Result<FontFamily, ThemeError> {
        let family = Family::from_files([regular, bold, italic, bold_italic]);
        let family = family.map_err(|(v, source)| ThemeError::Face {
            face: FACES[v.index()],
            source,
        })?;
        Ok(FontFamily::of(Arc::new(family)))
    }

    /// The PostScript names of the four faces (regular, bold, italic, bold italic).
    pub fn names(&self) -> [&str; 4] {
        self.family.names()
    }

    /// The handle on `family`.
    pub(crate) fn of(family: Arc<Family>) -> FontFamily {
        FontFamily { family }
    }

    /// The parsed faces.
    pub(crate) fn family(&self) -> &Arc<Family> {
        &self.family
    }
}

impl Default for FontFamily {
    fn default() -> FontFamily {
        FontFamily::noto_sans()
    }
}

impl fmt::Debug for FontFamily {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_tuple("FontFamily").field(&self.names()).finish()
    }
}
