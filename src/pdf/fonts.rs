//! Embedded fonts: each face the document uses, subset to its glyphs and written as a
//! Type 0 font (Identity-H) over a CIDFontType2 font (CIDs are the subset's glyph ids,
//! `/CIDToGIDMap /Identity`), with its descriptor (the face's own metrics), the subset
//! TrueType file (`/FontFile2`), the widths of the glyphs used and a ToUnicode map built from
//! the text each glyph stands for.
//!
//! Glyph ids of the subset are given in the order glyphs are first met in the document
//! (0 stays `.notdef`), so the same document always gives the same subset. The subset is
//! named `ABCDEF+NotoSans-Bold`, the six letters derived from the face and its glyphs.

use super::{Ids, PdfError};
use crate::font::GlyphText;
use crate::font::Variant;
use crate::layout::document::Document;
use crate::layout::draw::Draw;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use rayon::prelude::*;
use rustybuzz::ttf_parser;
use std::sync::OnceLock;

/// PostScript names of the four faces.
const NAMES: [&str; 4] = [
    "NotoSans-Regular",
    "NotoSans-Bold",
    "NotoSans-Italic",
    "NotoSans-BoldItalic",
];

/// Marks a glyph not used (yet) in [`FaceUse::map`].
const UNUSED: u16 = u16::MAX;

/// What the PDF needs of a face besides its glyphs: metrics in 1/1000 em.
struct FaceInfo {
    /// Advance of each glyph.
    advances: Vec<f32>,
    bbox: Rect,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    italic_angle: f32,
    stem_v: f32,
    flags: FontFlags,
}

impl FaceInfo {
    fn read(v: Variant) -> Option<FaceInfo> {
        let face = ttf_parser::Face::parse(v.bytes(), 0).ok()?;
        let scale = 1000.0 / f32::from(face.units_per_em().max(1));
        let advances = (0..face.number_of_glyphs())
            .map(|g| f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0)) * scale)
            .collect();
        let b = face.global_bounding_box();
        let mut flags = FontFlags::NON_SYMBOLIC;
        flags.set(FontFlags::ITALIC, face.is_italic());
        Some(FaceInfo {
            advances,
            bbox: Rect::new(
                f32::from(b.x_min) * scale,
                f32::from(b.y_min) * scale,
                f32::from(b.x_max) * scale,
                f32::from(b.y_max) * scale,
            ),
            ascent: f32::from(face.ascender()) * scale,
            descent: f32::from(face.descender()) * scale,
            cap_height: f32::from(face.capital_height().unwrap_or(face.ascender())) * scale,
            italic_angle: face.italic_angle(),
            // The usual estimate from the weight class (the font does not say).
            stem_v: 10.0 + 0.244 * (f32::from(face.weight().to_number()) - 50.0),
            flags,
        })
    }
}

/// The four faces' metrics, read once per process (the fonts are compiled in).
fn infos() -> &'static [Option<FaceInfo>; 4] {
    static INFOS: OnceLock<[Option<FaceInfo>; 4]> = OnceLock::new();
    INFOS.get_or_init(|| Variant::ALL.map(FaceInfo::read))
}

/// The glyphs one face draws.
#[derive(Default)]
struct FaceUse {
    /// Whether any glyph of the face is drawn.
    used: bool,
    /// Old glyph id → subset glyph id, or [`UNUSED`].
    map: Vec<u16>,
    /// Subset glyph id → old glyph id (0 first).
    order: Vec<u16>,
    /// Subset glyph id → the text it stands for (the first non-empty one met).
    texts: Vec<Option<GlyphText>>,
}

impl FaceUse {
    fn add(&mut self, v: Variant, gid: u16, text: GlyphText) {
        if !self.used {
            let glyphs = infos()[v.index()]
                .as_ref()
                .map_or(1, |i| i.advances.len().max(1));
            self.map = vec![UNUSED; glyphs];
            self.map[0] = 0;
            self.order.push(0);
            self.texts.push(None);
            self.used = true;
        }
        let Some(slot) = self.map.get_mut(usize::from(gid)) else {
            return; // not a glyph of the face: drawn as .notdef
        };
        if *slot == UNUSED {
            let Ok(new) = u16::try_from(self.order.len()) else {
                return;
            };
            if new == UNUSED {
                return;
            }
            *slot = new;
            self.order.push(gid);
            self.texts.push(None);
        }
        let new = usize::from(*slot);
        if self.texts[new].is_none() && !text.is_empty() {
            self.texts[new] = Some(text);
        }
    }
}

/// The glyphs a document draws, per face, with their ids in the subsets.
pub(crate) struct UsedGlyphs {
    faces: [FaceUse; 4],
}

impl UsedGlyphs {
    /// Goes through every glyph the document draws, in order.
    pub(crate) fn collect(doc: &Document) -> UsedGlyphs {
        let mut faces: [FaceUse; 4] = Default::default();
        for page in &doc.pages {
            for d in &page.draws {
                let (v, glyphs) = match d {
                    Draw::Text {
                        variant, glyphs, ..
                    } => (*variant, glyphs),
                    Draw::HiddenText { glyphs, .. } => (Variant::Regular, glyphs),
                    _ => continue,
                };
                let face = &mut faces[v.index()];
                for g in glyphs {
                    face.add(v, g.gid, g.text);
                }
            }
        }
        UsedGlyphs { faces }
    }

    /// The subset's id of glyph `gid` of face `v` (0, `.notdef`, for a glyph not collected).
    #[inline]
    pub(crate) fn id(&self, v: Variant, gid: u16) -> u16 {
        match self.faces[v.index()].map.get(usize::from(gid)) {
            Some(&n) if n != UNUSED => n,
            _ => 0,
        }
    }
}

/// A face subset to the document's glyphs, compressed, ready to write.
pub(crate) struct SubsetFace {
    variant: Variant,
    /// `ABCDEF+NotoSans-Bold`.
    name: String,
    /// The subset TrueType file, Flate-compressed.
    file: Vec<u8>,
    /// Its uncompressed length (`/Length1`).
    file_len: usize,
    /// The ToUnicode CMap, Flate-compressed.
    cmap: Vec<u8>,
    /// Width of each subset glyph, 1/1000 em.
    widths: Vec<f32>,
}

impl SubsetFace {
    /// Bytes it will take in the file, roughly.
    pub(crate) fn size(&self) -> usize {
        self.file.len() + self.cmap.len() + self.widths.len() * 4 + 1024
    }
}

/// Subsets each face the document uses (in parallel).
///
/// # Errors
/// [`PdfError::Font`] if a face cannot be read or subset, [`PdfError::Compress`] if
/// compressing fails.
pub(crate) fn subset(used: &UsedGlyphs) -> Result<Vec<SubsetFace>, PdfError> {
    Variant::ALL
        .par_iter()
        .filter(|v| used.faces[v.index()].used)
        .map(|&v| subset_face(v, &used.faces[v.index()]))
        .collect()
}

fn subset_face(v: Variant, face: &FaceUse) -> Result<SubsetFace, PdfError> {
    let name = NAMES[v.index()];
    let error = |message: String| PdfError::Font {
        face: name,
        message,
    };
    let info = infos()[v.index()]
        .as_ref()
        .ok_or_else(|| error("the embedded font cannot be read".into()))?;
    let remapper = subsetter::GlyphRemapper::new_from_glyphs(&face.order);
    let file = subsetter::subset(v.bytes(), 0, &remapper).map_err(|e| error(e.to_string()))?;
    let widths = face
        .order
        .iter()
        .map(|&g| info.advances.get(usize::from(g)).copied().unwrap_or(0.0))
        .collect();
    let mut cmap = UnicodeCmap::new(
        Name(b"Adobe-Identity-UCS"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (id, text) in face.texts.iter().enumerate() {
        if let (Some(text), Ok(id)) = (text, u16::try_from(id)) {
            cmap.pair_with_multiple(id, text.chars());
        }
    }
    let cmap = cmap.finish();
    Ok(SubsetFace {
        variant: v,
        name: format!("{}+{name}", subset_tag(v, &face.order)),
        file: super::compress::deflate(&file)?,
        file_len: file.len(),
        cmap: super::compress::deflate(cmap.as_slice())?,
        widths,
    })
}

/// Six capital letters derived from the face and its glyphs: the same input always gets
/// the same tag.
fn subset_tag(v: Variant, gids: &[u16]) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted = gids.to_vec();
    sorted.sort_unstable();
    let mut h = Sha256::new();
    h.update([v.index() as u8]);
    for g in sorted {
        h.update(g.to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| (b'A' + b % 26) as char)
        .collect()
}

/// Writes the fonts; returns their resource names (`F1` for Regular … `F4` for Bold
/// Italic, as the content streams call them) with their objects.
pub(crate) fn write(pdf: &mut Pdf, ids: &mut Ids, faces: &[SubsetFace]) -> Vec<(String, Ref)> {
    let mut out = Vec::with_capacity(faces.len());
    for face in faces {
        let Some(info) = infos()[face.variant.index()].as_ref() else {
            continue; // subset_face refused it already
        };
        let (type0, cid, descriptor, file, cmap) =
            (ids.next(), ids.next(), ids.next(), ids.next(), ids.next());
        let name = Name(face.name.as_bytes());
        pdf.type0_font(type0)
            .base_font(name)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        let mut c = pdf.cid_font(cid);
        c.subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            })
            .font_descriptor(descriptor)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        c.widths()
            .consecutive(0, face.widths.iter().copied())
            .finish();
        c.finish();
        pdf.font_descriptor(descriptor)
            .name(name)
            .flags(FontFlags::from_bits_truncate(info.flags.bits()))
            .bbox(info.bbox)
            .italic_angle(info.italic_angle)
            .ascent(info.ascent)
            .descent(info.descent)
            .cap_height(info.cap_height)
            .stem_v(info.stem_v)
            .font_file2(file);
        pdf.stream(file, &face.file)
            .filter(Filter::FlateDecode)
            .pair(
                Name(b"Length1"),
                i32::try_from(face.file_len).unwrap_or(i32::MAX),
            );
        pdf.stream(cmap, &face.cmap).filter(Filter::FlateDecode);
        out.push((format!("F{}", face.variant.index() + 1), type0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::draw::{PlacedGlyph, Role};
    use crate::layout::paginate::Page;
    use crate::layout::theme::Rgb;

    fn run(variant: Variant, glyphs: &[(u16, &str)]) -> Draw {
        Draw::Text {
            x: 0.0,
            y: 0.0,
            variant,
            size: 10.0,
            color: Rgb(0.0, 0.0, 0.0),
            glyphs: glyphs
                .iter()
                .map(|&(gid, text)| PlacedGlyph {
                    gid,
                    text: text.into(),
                    advance: 5.0,
                    nominal: 5.0,
                })
                .collect(),
            role: Role::Paragraph,
            angle: 0.0,
        }
    }

    fn doc(draws: Vec<Draw>) -> Document {
        Document::of_page(Page { draws })
    }

    #[test]
    fn ids_follow_first_use_and_the_first_text_wins() {
        let d = doc(vec![
            run(Variant::Bold, &[(68, "a"), (69, ""), (68, "x")]),
            run(Variant::Bold, &[(69, "b"), (60_000, "?")]),
        ]);
        let used = UsedGlyphs::collect(&d);
        assert_eq!(used.id(Variant::Bold, 68), 1);
        assert_eq!(used.id(Variant::Bold, 69), 2);
        assert_eq!(used.id(Variant::Bold, 60_000), 0, "not a glyph of the face");
        assert_eq!(used.id(Variant::Regular, 68), 0, "face not used");
        let bold = &used.faces[Variant::Bold.index()];
        assert_eq!(bold.order, [0, 68, 69]);
        let texts: Vec<Option<&str>> = bold
            .texts
            .iter()
            .map(|t| t.as_ref().map(|t| t.as_str()))
            .collect();
        assert_eq!(texts, [None, Some("a"), Some("b")]);
        assert!(!used.faces[Variant::Regular.index()].used);
    }

    #[test]
    fn subsets_keep_the_glyphs_and_their_widths() {
        let face = ttf_parser::Face::parse(Variant::Regular.bytes(), 0).unwrap();
        let a = face.glyph_index('A').unwrap().0;
        let e = face.glyph_index('é').unwrap().0;
        let glyphs = [(a, "A"), (e, "é"), (a, "A")];
        let d = doc(vec![run(Variant::Regular, &glyphs)]);
        let faces = subset(&UsedGlyphs::collect(&d)).unwrap();
        assert_eq!(faces.len(), 1);
        let f = &faces[0];
        assert!(f.name.ends_with("+NotoSans-Regular") && f.name.find('+') == Some(6));
        assert!(f.name[..6].bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(f.widths.len(), 3, ".notdef, A, é");
        let info = infos()[0].as_ref().unwrap();
        assert_eq!(f.widths[1], info.advances[usize::from(a)]);
        assert!(f.file_len > 500 && f.file_len < 20_000, "{}", f.file_len);
        let mut d = libdeflater::Decompressor::new();
        let mut cmap = vec![0; 10_000];
        let n = d.zlib_decompress(&f.cmap, &mut cmap).unwrap();
        let cmap = String::from_utf8_lossy(&cmap[..n]);
        assert!(cmap.contains("<0001> <0041>"), "{cmap}");
        assert!(cmap.contains("<0002> <00E9>"), "{cmap}");
    }

    #[test]
    fn metrics_are_the_faces_own() {
        let regular = infos()[0].as_ref().unwrap();
        let italic = infos()[2].as_ref().unwrap();
        assert!(regular.ascent > 700.0 && regular.descent < -200.0);
        assert!(regular.cap_height > 600.0 && regular.cap_height < regular.ascent);
        assert!(regular.flags.contains(FontFlags::NON_SYMBOLIC));
        assert!(!regular.flags.contains(FontFlags::ITALIC));
        assert!(italic.flags.contains(FontFlags::ITALIC) && italic.italic_angle < 0.0);
        let bold = infos()[1].as_ref().unwrap();
        assert!(bold.stem_v > regular.stem_v);
    }
}
