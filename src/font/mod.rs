//! Fonts: a family of four faces (Noto Sans, embedded, by default), shaping (with kerning)
//! and metrics.
//!
//! The default faces are compiled into the binary (`fonts/`, SIL Open Font License 1.1), so
//! rendering needs no system font; a theme may bring its own family ([`FontFamily`]). Text is
//! shaped with `rustybuzz` (a HarfBuzz port), which applies the font's kerning and
//! ligatures; each shaped glyph keeps the text it stands for, so the PDF's ToUnicode map
//! gives back the original characters. Plain Latin text takes a fast path (`latin`) that
//! applies the same two lookups rustybuzz would, directly, in the faces whose tables allow
//! it (checked when the face is loaded).

mod coverage;
mod face;
mod fallback;
mod family;
mod glyph_text;
mod latin;
mod metrics;

pub(crate) use coverage::Coverage;
pub use face::Face;
pub(crate) use fallback::FaceId;
pub use family::{FontError, FontFamily};
pub use glyph_text::GlyphText;
pub use metrics::Metrics;

use foldhash::HashMap;
use latin::{KernMemo, Raw};
use std::sync::Arc;

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

    /// The embedded font file of the default family (Noto Sans).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Variant::Regular => include_bytes!("../../fonts/NotoSans-Regular.ttf"),
            Variant::Bold => include_bytes!("../../fonts/NotoSans-Bold.ttf"),
            Variant::Italic => include_bytes!("../../fonts/NotoSans-Italic.ttf"),
            Variant::BoldItalic => include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
        }
    }
}

/// Working memory for shaping, kept from one call to the next (it keeps its allocations).
#[derive(Default)]
struct Scratch {
    /// rustybuzz's buffer.
    buffer: Option<rustybuzz::UnicodeBuffer>,
    /// The glyphs being shaped.
    raw: Vec<Raw>,
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
    pub text: GlyphText,
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
pub struct Shaper {
    /// The family it shapes with.
    family: Arc<FontFamily>,
    cache: [HashMap<String, Arc<Shaped>>; 4],
    /// Working memory kept from one call to the next.
    scratch: Scratch,
    /// The pair kerning met so far, per face.
    kerns: [KernMemo; 4],
}

/// Beyond this many cached shapes per face the cache starts afresh, so a long-lived shaper
/// fed ever new text keeps a bounded size.
const CACHE_LIMIT: usize = 200_000;

impl Default for Shaper {
    /// A shaper of the default family.
    fn default() -> Shaper {
        Shaper::new(FontFamily::default_family())
    }
}

impl Shaper {
    /// A new, empty cache, shaping with `family`.
    pub fn new(family: Arc<FontFamily>) -> Shaper {
        Shaper {
            family,
            cache: Default::default(),
            scratch: Scratch::default(),
            kerns: Default::default(),
        }
    }

    /// The family it shapes with.
    pub fn family(&self) -> &Arc<FontFamily> {
        &self.family
    }

    /// Units per em of the face `variant`.
    pub fn units_per_em(&self, variant: Variant) -> f32 {
        self.family.face(variant).units_per_em
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
        let shaped = self.family.shape_with(
            variant,
            text,
            &mut self.scratch,
            &mut self.kerns[variant.index()],
        );
        let s = Arc::new(shaped);
        cache.insert(text.to_string(), s.clone());
        s
    }

    /// Shapes `text` in `variant` without keeping the result (for a caller that keeps what it
    /// makes of it).
    pub fn shape_uncached(&mut self, variant: Variant, text: &str) -> Shaped {
        self.family.shape_with(
            variant,
            text,
            &mut self.scratch,
            &mut self.kerns[variant.index()],
        )
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
        let upem = self.family.face(variant).units_per_em;
        self.shape(variant, text).width * size / upem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_cover_french() {
        for v in Variant::ALL {
            let f = FontFamily::embedded().face(v);
            for c in "éèêëàâçîïôöùûüÿœæÉÈÊÀÇŒÆ«»’–—…€\u{a0}\u{202f}ᵉʳ°".chars()
            {
                assert!(f.has_glyph(c), "{v:?} lacks {c:?}");
            }
        }
    }

    #[test]
    fn kerning_is_applied() {
        let f = FontFamily::embedded().face(Variant::Regular);
        let s = f.shape("AV");
        assert_eq!(s.glyphs.len(), 2);
        assert!(
            s.glyphs[0].advance < s.glyphs[0].nominal,
            "A before V is kerned: {s:?}"
        );
        assert_eq!(&*s.glyphs[0].text, "A");
    }

    /// Shapes `text` with rustybuzz and the full plan, whatever its characters: glyph id,
    /// cluster, advance (the offsets are checked to be 0, as `Shaped` has none).
    fn shape_full(f: &Face, text: &str) -> Vec<Raw> {
        let b = f.buffer_of(rustybuzz::UnicodeBuffer::new(), text);
        f.parsed.with_dependent(|_, t| {
            let o = rustybuzz::shape_with_plan(&t.face, &f.plan, b);
            o.glyph_infos()
                .iter()
                .zip(o.glyph_positions())
                .map(|(i, p)| {
                    assert_eq!((p.x_offset, p.y_offset), (0, 0), "{text:?} has offsets");
                    Face::raw(&t.face, i, p)
                })
                .collect()
        })
    }

    /// The characters French text uses.
    fn french_chars() -> Vec<char> {
        (0x20u32..0x7f)
            .chain(0xa0..0x180)
            .chain([
                0x2019, 0x2018, 0x201c, 0x201d, 0x2013, 0x2014, 0x2011, 0x2010,
            ])
            .chain([
                0x2026, 0x20ac, 0x202f, 0x2022, 0x25e6, 0x2028, 0x2030, 0x2122,
            ])
            .filter_map(char::from_u32)
            .collect()
    }

    /// Texts to compare shapers on: every word of the three fixtures, every pair of French
    /// characters, runs of f, i and l (ligatures), and random strings of French characters.
    fn sample_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut texts: Vec<String> = Vec::new();
        for f in ["vaucluse-2017-2020", "allier-2018-2021", "modele-national"] {
            let json = std::fs::read_to_string(root.join(format!("{f}.json"))).unwrap();
            texts.extend(json.split_whitespace().map(str::to_string));
        }
        let chars = french_chars();
        for a in &chars {
            for b in &chars {
                texts.push(format!("{a}{b}"));
            }
        }
        for n in 0..3u32.pow(5) {
            let word: String = (0..5)
                .map(|i| ['f', 'i', 'l'][(n / 3u32.pow(i) % 3) as usize])
                .collect();
            texts.extend([word.clone(), format!("a{word}e"), format!("«{word}»")]);
        }
        let mut rng = crate::test_rng::Xorshift::new(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..5000 {
            let len = 2 + next(12);
            texts.push((0..len).map(|_| chars[next(chars.len())]).collect());
        }
        texts.sort();
        texts.dedup();
        texts
    }

    #[test]
    fn simple_plan_shapes_like_the_full_one() {
        for v in Variant::ALL {
            let f = FontFamily::embedded().face(v);
            let mut scratch = Scratch::default();
            for t in sample_texts() {
                f.parsed
                    .with_dependent(|_, tables| f.shape_rustybuzz(&tables.face, &t, &mut scratch));
                assert_eq!(scratch.raw, shape_full(f, &t), "{v:?} {t:?}");
            }
        }
    }

    #[test]
    fn fast_path_shapes_like_rustybuzz() {
        let texts = sample_texts();
        for v in Variant::ALL {
            let f = FontFamily::embedded().face(v);
            assert!(f.has_fast_path(), "every face has the fast path");
            f.parsed.with_dependent(|_, tables| {
                let latin = tables.latin.as_ref().expect("fast path");
                let (mut memo, mut raw) = (KernMemo::default(), Vec::new());
                let mut fast = 0;
                for t in &texts {
                    let plain = t.chars().all(|c| latin.glyph(c).is_some());
                    let taken = latin.shape(t, &mut memo, &mut raw);
                    assert_eq!(taken, plain, "{v:?} {t:?}: the fast path takes plain text");
                    if taken {
                        assert_eq!(raw, shape_full(f, t), "{v:?} {t:?}");
                        fast += 1;
                    }
                }
                assert!(
                    fast * 100 > texts.len() * 95,
                    "{v:?}: {fast} of {}",
                    texts.len()
                );
                // Ligatures and kerning are both applied.
                assert!(latin.shape("ffi", &mut memo, &mut raw) && raw.len() == 1);
                assert!(latin.shape("AV", &mut memo, &mut raw) && raw[0].advance < 1300);
            });
        }
    }

    /// The second family of the tests (Liberation Sans, tests/fonts/).
    fn liberation() -> FontFamily {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts");
        let files = ["Regular", "Bold", "Italic", "BoldItalic"]
            .map(|f| std::fs::read(dir.join(format!("LiberationSans-{f}.ttf"))).unwrap());
        FontFamily::from_files(files).unwrap()
    }

    /// In another family, each face shapes plain text through the fast path when its tables
    /// allow one (and then as rustybuzz does), or through rustybuzz: with kerning either way.
    #[test]
    fn another_family_shapes_like_rustybuzz() {
        let family = liberation();
        let texts = sample_texts();
        for v in Variant::ALL {
            let f = family.face(v);
            let mut shaper = Shaper::new(Arc::new(liberation()));
            let (mut scratch, mut memo) = (Scratch::default(), KernMemo::default());
            for t in texts.iter().step_by(7) {
                let s = f.shape_with(t, &mut scratch, &mut memo);
                let full = shape_full(f, t);
                let got: Vec<(u16, i32)> = s.glyphs.iter().map(|g| (g.gid, g.advance)).collect();
                let want: Vec<(u16, i32)> = full.iter().map(|g| (g.gid, g.advance)).collect();
                assert_eq!(got, want, "{v:?} {t:?} (fast path: {})", f.has_fast_path());
            }
            let av = shaper.shape(v, "AV");
            assert!(
                av.glyphs[0].advance < av.glyphs[0].nominal,
                "{v:?} kerns AV"
            );
        }
    }

    #[test]
    fn a_face_without_a_needed_glyph_or_not_a_font_is_refused() {
        let mut files = Variant::ALL.map(|v| v.bytes().to_vec());
        files[2] = b"not a font".to_vec();
        assert_eq!(
            FontFamily::from_files(files).unwrap_err(),
            (Variant::Italic, FontError::Unreadable)
        );
    }

    #[test]
    fn cache_returns_same_shape() {
        let mut sh = Shaper::default();
        let a = sh.width(Variant::Bold, 10.0, "Département");
        let b = sh.width(Variant::Bold, 10.0, "Département");
        assert_eq!(a, b);
        assert!(a > 40.0 && a < 80.0, "{a}");
    }
}
