//! Embedded fonts: each face the document uses, subset to its glyphs and written as a
//! Type 0 font over a CIDFontType2 font (CIDs are the subset's glyph ids, `/CIDToGIDMap
//! /Identity`), with its descriptor (the face's own metrics), the subset TrueType file
//! (`/FontFile2`), the widths of the glyphs used and a ToUnicode map built from the text each
//! glyph stands for. A face of at most 256 glyphs (any French text) is encoded with
//! one-byte codes (an embedded CMap, [`ONE_BYTE_CMAP`]), a larger one with Identity-H.
//!
//! A fallback face (the symbols the family lacks, see `font::fallback`) is written the same
//! way, always with two-byte codes (word spacing then never applies to one of its glyphs),
//! as a resource after the family's four.
//!
//! The subsets' glyph ids are given in `used_glyphs.rs`, so the same document always gives
//! the same subset. The subset is named `ABCDEF+NotoSans-Bold`, the six letters derived from
//! the face and its glyphs.

use super::used_glyphs::{FaceUse, UsedGlyphs};
use super::{Ids, PdfError};
use crate::font::{FaceId, FontFamily};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

/// A face subset to the document's glyphs, compressed, ready to write.
pub(crate) struct SubsetFace {
    face: FaceId,
    /// The family of the face.
    family: Arc<FontFamily>,
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
    /// Whether its codes are one byte (see [`ONE_BYTE_CMAP`]); two bytes (Identity-H)
    /// otherwise.
    one_byte: bool,
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
    let faces: Vec<_> = used.faces().collect();
    faces
        .into_par_iter()
        .map(|(id, face)| subset_face(id, face, used.family()))
        .collect()
}

fn subset_face(
    id: FaceId,
    face: &FaceUse,
    family: &Arc<FontFamily>,
) -> Result<SubsetFace, PdfError> {
    let font = family.face_of(id);
    let (info, name) = (&font.metrics, font.metrics.name.as_str());
    let error = |message: String| PdfError::Font {
        face: name.to_string(),
        message,
    };
    let remapper = subsetter::GlyphRemapper::new_from_glyphs(face.order());
    let file = subsetter::subset(font.bytes(), 0, &remapper).map_err(|e| error(e.to_string()))?;
    let widths = face
        .order()
        .iter()
        .map(|&g| info.advances.get(usize::from(g)).copied().unwrap_or(0.0))
        .collect();
    let one_byte = face.one_byte();
    let name_ucs = Name(b"Adobe-Identity-UCS");
    let ucs = || SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"UCS"),
        supplement: 0,
    };
    let texts = face
        .texts()
        .iter()
        .enumerate()
        .filter_map(|(id, text)| Some((id, text.as_ref()?)));
    // The codes are the subset's glyph ids, in as many bytes as the content streams use.
    let cmap = if one_byte {
        let mut cmap = UnicodeCmap::<u8>::new(name_ucs, ucs());
        for (id, text) in texts {
            if let Ok(id) = u8::try_from(id) {
                cmap.pair_with_multiple(id, text.chars());
            }
        }
        cmap.finish()
    } else {
        let mut cmap = UnicodeCmap::<u16>::new(name_ucs, ucs());
        for (id, text) in texts {
            if let Ok(id) = u16::try_from(id) {
                cmap.pair_with_multiple(id, text.chars());
            }
        }
        cmap.finish()
    };
    Ok(SubsetFace {
        face: id,
        family: family.clone(),
        name: format!("{}+{name}", subset_tag(id, face.order())),
        file: super::compress::deflate(&file)?,
        file_len: file.len(),
        cmap: super::compress::deflate(cmap.as_slice())?,
        widths,
        one_byte,
    })
}

/// Six capital letters derived from the face and its glyphs: the same input always gets
/// the same tag.
fn subset_tag(face: FaceId, gids: &[u16]) -> String {
    let mut sorted = gids.to_vec();
    sorted.sort_unstable();
    tag_of(&[face.index() as u8], &sorted)
}

/// Six capital letters from a hash of `seed` then `gids` in their order: the tag before a
/// subset font's name (`ABCDEF+NotoSans-Regular`), the same for the same glyphs.
pub(crate) fn tag_of(seed: &[u8], gids: &[u16]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(seed);
    for g in gids {
        h.update(g.to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| (b'A' + b % 26) as char)
        .collect()
}

/// The name of [`ONE_BYTE_CMAP`].
const ONE_BYTE_CMAP_NAME: &str = "Pacte-Identity-OneByte-H";

/// The encoding of a face whose subset has at most 256 glyphs: one-byte codes, each the
/// CID (the subset's glyph id) of the same number. Half the bytes of Identity-H's two-byte
/// codes in the content streams, and word spacing (`Tw`) applies to the code 32, which the
/// space is given (see `FaceUse::space_at_32`). Its system info is the CIDFont's, as
/// PDF/A asks of an embedded CMap.
const ONE_BYTE_CMAP: &str = "%!PS-Adobe-3.0 Resource-CMap
%%DocumentNeededResources: ProcSet (CIDInit)
%%IncludeResource: ProcSet (CIDInit)
%%BeginResource: CMap (Pacte-Identity-OneByte-H)
%%Title: (Pacte-Identity-OneByte-H Adobe Identity 0)
%%Version: 1
%%EndComments
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo 3 dict dup begin
/Registry (Adobe) def
/Ordering (Identity) def
/Supplement 0 def
end def
/CMapName /Pacte-Identity-OneByte-H def
/CMapVersion 1 def
/CMapType 1 def
/WMode 0 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 begincidrange
<00> <FF> 0
endcidrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
%%EndResource
";

/// The number in the resource name of face `face` (`/F1` …), as the content streams call it.
#[inline]
pub(crate) fn resource_index(face: FaceId) -> usize {
    face.index() + 1
}

/// The character collection of the CIDFonts (their CIDs are glyph ids).
fn identity() -> SystemInfo<'static> {
    SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    }
}

/// Writes the fonts; returns their resource names (`F1` for Regular … `F4` for Bold
/// Italic, `F5` and on for the fallbacks, as the content streams call them: see
/// [`resource_index`]) with their objects.
pub(crate) fn write(pdf: &mut Pdf, ids: &mut Ids, faces: &[SubsetFace]) -> Vec<(String, Ref)> {
    let mut out = Vec::with_capacity(faces.len());
    // One encoding for all the faces with one-byte codes.
    let one_byte = faces.iter().any(|f| f.one_byte).then(|| {
        let id = ids.next();
        // Compressed once per process; left plain if that failed (it does not).
        static PACKED: OnceLock<Option<Vec<u8>>> = OnceLock::new();
        let packed = PACKED.get_or_init(|| super::compress::deflate(ONE_BYTE_CMAP.as_bytes()).ok());
        let mut cmap = match packed {
            Some(packed) => {
                let mut cmap = pdf.cmap(id, packed);
                cmap.filter(Filter::FlateDecode);
                cmap
            }
            None => pdf.cmap(id, ONE_BYTE_CMAP.as_bytes()),
        };
        cmap.name(Name(ONE_BYTE_CMAP_NAME.as_bytes()))
            .system_info(identity())
            // Horizontal, as in the stream (pdf-writer does not export its `WMode`).
            .pair(Name(b"WMode"), 0);
        id
    });
    for face in faces {
        let info = &face.family.face_of(face.face).metrics;
        let mut flags = match face.face {
            FaceId::Primary(_) => FontFlags::NON_SYMBOLIC,
            FaceId::Fallback(_) => FontFlags::SYMBOLIC,
        };
        flags.set(FontFlags::ITALIC, info.italic);
        let [left, bottom, right, top] = info.bbox;
        let (type0, cid, descriptor, file, cmap) =
            (ids.next(), ids.next(), ids.next(), ids.next(), ids.next());
        let name = Name(face.name.as_bytes());
        let mut font = pdf.type0_font(type0);
        font.base_font(name);
        match one_byte {
            Some(encoding) if face.one_byte => font.encoding_cmap(encoding),
            _ => font.encoding_predefined(Name(b"Identity-H")),
        };
        font.descendant_font(cid).to_unicode(cmap);
        font.finish();
        let mut c = pdf.cid_font(cid);
        c.subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(identity())
            .font_descriptor(descriptor)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        c.widths()
            .consecutive(0, face.widths.iter().copied())
            .finish();
        c.finish();
        pdf.font_descriptor(descriptor)
            .name(name)
            .flags(flags)
            .bbox(Rect::new(left, bottom, right, top))
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
        out.push((format!("F{}", resource_index(face.face)), type0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::Variant;
    use crate::pdf::used_glyphs::tests::{doc, run};

    #[test]
    fn subsets_keep_the_glyphs_and_their_widths() {
        let face = rustybuzz::ttf_parser::Face::parse(Variant::Regular.bytes(), 0).unwrap();
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
        let info = &FontFamily::embedded().face(Variant::ALL[0]).metrics;
        assert_eq!(f.widths[1], info.advances[usize::from(a)]);
        assert!(f.file_len > 500 && f.file_len < 20_000, "{}", f.file_len);
        let mut d = libdeflater::Decompressor::new();
        let mut cmap = vec![0; 10_000];
        let n = d.zlib_decompress(&f.cmap, &mut cmap).unwrap();
        let cmap = String::from_utf8_lossy(&cmap[..n]);
        // Codes of one byte, as the content streams use them.
        assert!(cmap.contains("<00> <FF>"), "{cmap}");
        assert!(cmap.contains("<01> <0041>"), "{cmap}");
        assert!(cmap.contains("<02> <00E9>"), "{cmap}");
        assert!(f.one_byte);
    }

    #[test]
    fn metrics_are_the_faces_own() {
        let regular = &FontFamily::embedded().face(Variant::ALL[0]).metrics;
        let italic = &FontFamily::embedded().face(Variant::ALL[2]).metrics;
        assert!(regular.ascent > 700.0 && regular.descent < -200.0);
        assert!(regular.cap_height > 600.0 && regular.cap_height < regular.ascent);
        assert!(!regular.italic);
        assert!(italic.italic && italic.italic_angle < 0.0);
        assert_eq!(regular.name, "NotoSans-Regular");
        let bold = &FontFamily::embedded().face(Variant::ALL[1]).metrics;
        assert!(bold.stem_v > regular.stem_v);
    }
}
