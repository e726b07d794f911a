//! Fonts: the embedded Noto Sans family, shaping (with kerning) and metrics.
//!
//! The four faces are compiled into the binary (`fonts/`, SIL Open Font License 1.1), so
//! rendering needs no system font. Text is shaped with `rustybuzz` (a HarfBuzz port), which
//! applies the font's kerning and ligatures; each shaped glyph keeps the text it stands for,
//! so the PDF's ToUnicode map gives back the original characters.

use foldhash::HashMap;
use std::sync::Arc;
use std::sync::OnceLock;

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Variant {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl Variant {
    /// All four, in a fixed order.
    pub const ALL: [Variant; 4] = [
        Variant::Regular,
        Variant::Bold,
        Variant::Italic,
        Variant::BoldItalic,
    ];

    /// The variant for a bold / italic combination.
    pub fn of(bold: bool, italic: bool) -> Variant {
        match (bold, italic) {
            (false, false) => Variant::Regular,
            (true, false) => Variant::Bold,
            (false, true) => Variant::Italic,
            (true, true) => Variant::BoldItalic,
        }
    }

    /// Index in [`Variant::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The embedded font file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Variant::Regular => include_bytes!("../../fonts/NotoSans-Regular.ttf"),
            Variant::Bold => include_bytes!("../../fonts/NotoSans-Bold.ttf"),
            Variant::Italic => include_bytes!("../../fonts/NotoSans-Italic.ttf"),
            Variant::BoldItalic => include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
        }
    }
}

/// A parsed face and its metrics, in font units.
pub struct Face {
    face: rustybuzz::Face<'static>,
    /// The shaping plan for French text, left to right: compiled once, not at every call.
    plan: rustybuzz::ShapePlan,
    /// The same without the features that only act on combining marks (`ccmp`, `mark`,
    /// `mkmk`), used for text that has none: a sixth faster, the same glyphs and positions
    /// (checked by `simple_plan_shapes_like_the_full_one`).
    plan_simple: rustybuzz::ShapePlan,
    /// The language the text is shaped in (French).
    language: rustybuzz::Language,
    /// Units per em.
    pub units_per_em: f32,
    /// Ascender (positive).
    pub ascender: f32,
    /// Descender (negative).
    pub descender: f32,
    /// Cap height.
    pub cap_height: f32,
}

/// The four faces, parsed once per process (they are immutable constants).
pub fn faces() -> &'static [Face; 4] {
    static FACES: OnceLock<[Face; 4]> = OnceLock::new();
    FACES.get_or_init(|| Variant::ALL.map(Face::load))
}

impl Face {
    fn load(v: Variant) -> Face {
        // The embedded fonts are known-good: a failure here is a build defect, caught by tests.
        let face = rustybuzz::Face::from_slice(v.bytes(), 0).expect("embedded font parses");
        let plan_with = |features: &[rustybuzz::Feature]| {
            rustybuzz::ShapePlan::new(
                &face,
                rustybuzz::Direction::LeftToRight,
                Some(rustybuzz::script::LATIN),
                Some(&french()),
                features,
            )
        };
        let plan = plan_with(&[]);
        let off = |tag: &[u8; 4]| {
            rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(tag), 0, ..)
        };
        let plan_simple = plan_with(&[off(b"ccmp"), off(b"mark"), off(b"mkmk")]);
        let units_per_em = face.units_per_em() as f32;
        let ascender = face.ascender() as f32;
        let descender = face.descender() as f32;
        let cap_height = face
            .capital_height()
            .map(f32::from)
            .unwrap_or(ascender * 0.7);
        Face {
            face,
            plan,
            plan_simple,
            language: french(),
            units_per_em,
            ascender,
            descender,
            cap_height,
        }
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// Shapes `text` (one line, left to right, French).
    pub fn shape(&self, text: &str) -> Shaped {
        self.shape_in(text, rustybuzz::UnicodeBuffer::new()).0
    }

    /// [`Face::shape`] in a buffer given back afterwards, to be reused (it keeps its memory).
    fn shape_in(
        &self,
        text: &str,
        mut buffer: rustybuzz::UnicodeBuffer,
    ) -> (Shaped, rustybuzz::UnicodeBuffer) {
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        buffer.set_language(self.language.clone());
        let has_marks = text
            .chars()
            .any(unicode_normalization::char::is_combining_mark);
        let plan = if has_marks {
            &self.plan
        } else {
            &self.plan_simple
        };
        let out = rustybuzz::shape_with_plan(&self.face, plan, buffer);
        let infos = out.glyph_infos();
        let positions = out.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width = 0i32;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // The cluster's text goes with its first glyph (for ToUnicode); later glyphs of
            // the same cluster carry none.
            let first = i == 0 || infos[i - 1].cluster != info.cluster;
            let end = infos[i + 1..]
                .iter()
                .map(|g| g.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            let gid = info.glyph_id as u16;
            let nominal = self
                .face
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
                .unwrap_or(0) as i32;
            glyphs.push(Glyph {
                gid,
                cluster: info.cluster,
                advance: pos.x_advance,
                nominal,
                text: if first {
                    text.get(start..end.max(start)).unwrap_or("").into()
                } else {
                    "".into()
                },
            });
            width += pos.x_advance;
        }
        let shaped = Shaped {
            glyphs,
            width: width as f32,
        };
        (shaped, out.clear())
    }
}

/// The language tag the text is shaped in.
fn french() -> rustybuzz::Language {
    // "fr" is a valid BCP 47 tag: parsing it cannot fail.
    "fr".parse().expect("valid language tag")
}

/// A shaped glyph, in font units.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the font.
    pub gid: u16,
    /// Byte offset, in the shaped text, of the cluster this glyph belongs to.
    pub cluster: u32,
    /// Advance after shaping (kerning included).
    pub advance: i32,
    /// The glyph's own advance (hmtx), as the PDF viewer will use it.
    pub nominal: i32,
    /// The characters this glyph stands for (empty for the later glyphs of a cluster).
    pub text: smol_str::SmolStr,
}

/// A shaped run of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    /// Glyphs in order.
    pub glyphs: Vec<Glyph>,
    /// Total advance, in font units.
    pub width: f32,
}

/// Shapes text with a cache: a pact repeats its words a lot, and pacts share their words.
/// Owned by its user (no global state): one per render, or one kept across renders.
#[derive(Default)]
pub struct Shaper {
    cache: [HashMap<String, Arc<Shaped>>; 4],
    /// A shaping buffer kept from one call to the next.
    buffer: Option<rustybuzz::UnicodeBuffer>,
}

/// Beyond this many cached shapes per face the cache starts afresh, so a long-lived shaper
/// fed ever new text keeps a bounded size.
const CACHE_LIMIT: usize = 200_000;

impl Shaper {
    /// A new, empty cache.
    pub fn new() -> Shaper {
        Shaper::default()
    }

    /// Shapes `text` in `variant` (cached).
    pub fn shape(&mut self, variant: Variant, text: &str) -> Arc<Shaped> {
        let cache = &mut self.cache[variant.index()];
        if let Some(s) = cache.get(text) {
            return s.clone();
        }
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        let buffer = self.buffer.take().unwrap_or_default();
        let (shaped, buffer) = faces()[variant.index()].shape_in(text, buffer);
        self.buffer = Some(buffer);
        let s = Arc::new(shaped);
        cache.insert(text.to_string(), s.clone());
        s
    }

    /// Adds the shapes `other` knows (the same text always has the same shape).
    pub fn learn(&mut self, other: Shaper) {
        for (mine, theirs) in self.cache.iter_mut().zip(other.cache) {
            for (k, v) in theirs {
                mine.entry(k).or_insert(v);
            }
        }
    }

    /// Width of `text` in points at `size`.
    pub fn width(&mut self, variant: Variant, size: f32, text: &str) -> f32 {
        let upem = faces()[variant.index()].units_per_em;
        self.shape(variant, text).width * size / upem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_cover_french() {
        for v in Variant::ALL {
            let f = &faces()[v.index()];
            for c in "éèêëàâçîïôöùûüÿœæÉÈÊÀÇŒÆ«»’–—…€\u{a0}\u{202f}ᵉʳ°".chars()
            {
                assert!(f.has_glyph(c), "{v:?} lacks {c:?}");
            }
        }
    }

    #[test]
    fn kerning_is_applied() {
        let f = &faces()[Variant::Regular.index()];
        let s = f.shape("AV");
        assert_eq!(s.glyphs.len(), 2);
        assert!(
            s.glyphs[0].advance < s.glyphs[0].nominal,
            "A before V is kerned: {s:?}"
        );
        assert_eq!(&*s.glyphs[0].text, "A");
    }

    /// Shapes `text` with the full plan, whatever its characters.
    fn shape_full(f: &Face, text: &str) -> Vec<(u32, u32, i32, i32)> {
        let mut b = rustybuzz::UnicodeBuffer::new();
        b.push_str(text);
        b.set_direction(rustybuzz::Direction::LeftToRight);
        b.set_script(rustybuzz::script::LATIN);
        b.set_language(french());
        let o = rustybuzz::shape_with_plan(&f.face, &f.plan, b);
        o.glyph_infos()
            .iter()
            .zip(o.glyph_positions())
            .map(|(i, p)| (i.glyph_id, i.cluster, p.x_advance, p.x_offset))
            .collect()
    }

    #[test]
    fn simple_plan_shapes_like_the_full_one() {
        // Every word of the three fixtures, and every pair of the characters French text
        // uses, in the four faces.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut texts: Vec<String> = Vec::new();
        for f in ["vaucluse-2017-2020", "allier-2018-2021", "modele-national"] {
            let json = std::fs::read_to_string(root.join(format!("{f}.json"))).unwrap();
            texts.extend(json.split_whitespace().map(str::to_string));
        }
        let chars: Vec<char> = (0x20u32..0x7f)
            .chain(0xa0..0x100)
            .chain([0x152, 0x153, 0x2019, 0x2018, 0x201c, 0x201d, 0x2013, 0x2014])
            .chain([0x2026, 0x20ac, 0x202f, 0x2022, 0x25e6, 0x2028])
            .filter_map(char::from_u32)
            .collect();
        for a in &chars {
            for b in &chars {
                texts.push(format!("{a}{b}"));
            }
        }
        texts.sort();
        texts.dedup();
        for v in Variant::ALL {
            let f = &faces()[v.index()];
            for t in &texts {
                let fast: Vec<(u32, u32, i32, i32)> = {
                    let (s, _) = f.shape_in(t, rustybuzz::UnicodeBuffer::new());
                    let full = shape_full(f, t);
                    // Compare what `Shaped` keeps: ids, clusters, advances; offsets are 0.
                    assert!(full.iter().all(|g| g.3 == 0), "{v:?} {t:?} has offsets");
                    s.glyphs
                        .iter()
                        .map(|g| (u32::from(g.gid), g.cluster, g.advance, 0))
                        .collect()
                };
                assert_eq!(fast, shape_full(f, t), "{v:?} {t:?}");
            }
        }
    }

    #[test]
    fn cache_returns_same_shape() {
        let mut sh = Shaper::new();
        let a = sh.width(Variant::Bold, 10.0, "Département");
        let b = sh.width(Variant::Bold, 10.0, "Département");
        assert_eq!(a, b);
        assert!(a > 40.0 && a < 80.0, "{a}");
    }
}
