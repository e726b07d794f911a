//! A face: a font file parsed once, its tables and shaping plans, its metrics; and the
//! shaping of a run of text in it (rustybuzz, or the fast path for plain Latin text).

use super::latin::{KernMemo, Latin, Raw};
use super::{french, Glyph, GlyphText, Metrics, Scratch, Shaped};
use std::borrow::Cow;

/// A face's tables, borrowed from its file's bytes.
pub(super) struct Tables<'a> {
    pub(super) face: rustybuzz::Face<'a>,
    /// The fast path for plain Latin text, if the face's tables allow one.
    pub(super) latin: Option<Latin<'a>>,
}

self_cell::self_cell!(
    /// A font file and its parsed tables.
    pub(super) struct Parsed {
        owner: Cow<'static, [u8]>,
        #[not_covariant]
        dependent: Tables,
    }
);

/// A parsed face and its metrics, in font units.
pub struct Face {
    pub(super) parsed: Parsed,
    /// The shaping plan for French text, left to right: compiled once, not at every call.
    pub(super) plan: rustybuzz::ShapePlan,
    /// The same without the features that only act on combining marks (`ccmp`, `mark`,
    /// `mkmk`), used for text that has none: a sixth faster, the same glyphs and positions
    /// (checked by `simple_plan_shapes_like_the_full_one`).
    plan_simple: rustybuzz::ShapePlan,
    /// The language the text is shaped in (French).
    language: rustybuzz::Language,
    /// Units per em.
    pub units_per_em: f32,
    /// What the PDF needs to describe the face.
    pub metrics: Metrics,
}

impl Face {
    /// Parses embedded files, known to be good (a failure is a build defect, caught by every
    /// test), in turn: they are parsed once per process inside a `OnceLock`'s initializer,
    /// where a thread of the pool waiting for a parallel job could take up another job that
    /// asks for the same `OnceLock`, and wait for itself.
    pub(super) fn embedded<const N: usize>(files: [&'static [u8]; N]) -> [Face; N] {
        files.map(|b| Face::load(Cow::Borrowed(b)).expect("embedded font parses"))
    }

    /// Parses a TrueType or OpenType file; `None` if it cannot be read as one.
    pub(super) fn load(bytes: Cow<'static, [u8]>) -> Option<Face> {
        let parsed = Parsed::try_new(bytes, |b| {
            let face = rustybuzz::Face::from_slice(b, 0).ok_or(())?;
            let latin = Latin::new(&face);
            Ok::<_, ()>(Tables { face, latin })
        })
        .ok()?;
        let (plan, plan_simple, units_per_em, metrics) = parsed.with_dependent(|_, t| {
            let face = &t.face;
            let plan_with = |features: &[rustybuzz::Feature]| {
                rustybuzz::ShapePlan::new(
                    face,
                    rustybuzz::Direction::LeftToRight,
                    Some(rustybuzz::script::LATIN),
                    Some(&french()),
                    features,
                )
            };
            let off = |tag: &[u8; 4]| {
                rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(tag), 0, ..)
            };
            (
                plan_with(&[]),
                plan_with(&[off(b"ccmp"), off(b"mark"), off(b"mkmk")]),
                face.units_per_em() as f32,
                Metrics::read(face),
            )
        });
        Some(Face {
            parsed,
            plan,
            plan_simple,
            language: french(),
            units_per_em,
            metrics,
        })
    }

    /// The font file.
    pub fn bytes(&self) -> &[u8] {
        self.parsed.borrow_owner()
    }

    /// How many glyphs the face has.
    #[inline]
    pub(crate) fn glyph_count(&self) -> usize {
        self.metrics.advances.len()
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.parsed
            .with_dependent(|_, t| t.face.glyph_index(c).is_some_and(|g| g.0 != 0))
    }

    /// Whether plain Latin text takes the fast path in this face.
    #[cfg(test)]
    pub(super) fn has_fast_path(&self) -> bool {
        self.parsed.with_dependent(|_, t| t.latin.is_some())
    }

    #[cfg(test)]
    /// Shapes `text` (one line, left to right, French).
    pub fn shape(&self, text: &str) -> Shaped {
        self.shape_with(text, &mut Scratch::default(), &mut KernMemo::default())
    }

    /// [`Face::shape`] with working memory kept from one call to the next: through the fast
    /// path when the text is plain Latin, else through rustybuzz.
    pub(super) fn shape_with(
        &self,
        text: &str,
        scratch: &mut Scratch,
        kerns: &mut KernMemo,
    ) -> Shaped {
        if !self.shape_fast(text, scratch, kerns) {
            self.shape_slow(text, scratch);
        }
        self.finish(text, &scratch.raw)
    }

    /// Shapes `text` into `scratch.raw` through the fast path, if it is plain Latin text
    /// and the face has the fast path; `false` otherwise (nothing shaped).
    pub(super) fn shape_fast(
        &self,
        text: &str,
        scratch: &mut Scratch,
        kerns: &mut KernMemo,
    ) -> bool {
        self.parsed.with_dependent(|_, t| match &t.latin {
            Some(latin) => latin.shape(text, kerns, &mut scratch.raw),
            None => false,
        })
    }

    /// Shapes `text` into `scratch.raw` with rustybuzz.
    pub(super) fn shape_slow(&self, text: &str, scratch: &mut Scratch) {
        self.parsed
            .with_dependent(|_, t| self.shape_rustybuzz(&t.face, text, scratch));
    }

    /// `buffer` holding `text`, set for French left to right.
    pub(super) fn buffer_of(
        &self,
        mut buffer: rustybuzz::UnicodeBuffer,
        text: &str,
    ) -> rustybuzz::UnicodeBuffer {
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        buffer.set_language(self.language.clone());
        buffer
    }

    /// A glyph rustybuzz shaped, with its own advance (hmtx).
    pub(super) fn raw(
        face: &rustybuzz::Face<'_>,
        info: &rustybuzz::GlyphInfo,
        pos: &rustybuzz::GlyphPosition,
    ) -> Raw {
        let gid = info.glyph_id as u16;
        Raw {
            gid,
            cluster: info.cluster,
            advance: pos.x_advance,
            nominal: face
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
                .map_or(0, i32::from),
        }
    }

    /// Shapes `text` with rustybuzz (`face` is this face's tables) into `scratch.raw`.
    pub(super) fn shape_rustybuzz(
        &self,
        face: &rustybuzz::Face<'_>,
        text: &str,
        scratch: &mut Scratch,
    ) {
        let buffer = self.buffer_of(scratch.buffer.take().unwrap_or_default(), text);
        let has_marks = text
            .chars()
            .any(unicode_normalization::char::is_combining_mark);
        let plan = if has_marks {
            &self.plan
        } else {
            &self.plan_simple
        };
        let out = rustybuzz::shape_with_plan(face, plan, buffer);
        scratch.raw.clear();
        scratch.raw.extend(
            out.glyph_infos()
                .iter()
                .zip(out.glyph_positions())
                .map(|(info, pos)| Face::raw(face, info, pos)),
        );
        scratch.buffer = Some(out.clear());
    }

    /// The shaped glyphs, each cluster's text given to its first glyph.
    pub(super) fn finish(&self, text: &str, raw: &[Raw]) -> Shaped {
        let mut glyphs = Vec::with_capacity(raw.len());
        let mut width = 0i32;
        for (i, g) in raw.iter().enumerate() {
            let start = g.cluster as usize;
            // The cluster's text goes with its first glyph (for ToUnicode); later glyphs of
            // the same cluster carry none.
            let first = i == 0 || raw[i - 1].cluster != g.cluster;
            let end = raw[i + 1..]
                .iter()
                .map(|g| g.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            glyphs.push(Glyph {
                gid: g.gid,
                cluster: g.cluster,
                advance: g.advance,
                nominal: g.nominal,
                text: if first {
                    GlyphText::new(text.get(start..end.max(start)).unwrap_or(""))
                } else {
                    GlyphText::EMPTY
                },
            });
            width += g.advance;
        }
        Shaped {
            glyphs,
            width: width as f32,
        }
    }
}
