//! The signed widget's appearance: "Signé électroniquement par NAME le DATE" in the
//! field's box, set in a fresh subset of the crate's Noto Sans Regular (a Type 0 font over
//! a CIDFontType2, Identity-H, with widths and a ToUnicode map), so that a PDF/A file stays
//! PDF/A. The objects are written with `pdf-writer`, one chunk each.

use crate::font::Variant;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use rustybuzz::ttf_parser;

/// Largest text size, pt.
const MAX_SIZE: f32 = 9.0;
/// Inner margin of the box, pt.
const PAD: f32 = 3.0;
/// Line height as a multiple of the size.
const LEADING: f32 = 1.25;

/// The appearance's objects: their numbers from `first`, the form XObject first.
pub(crate) struct Objects {
    /// `(number, bytes "n 0 obj … endobj")`, in writing order.
    pub(crate) objects: Vec<(i32, Vec<u8>)>,
    /// The form XObject to put in `/AP /N`.
    pub(crate) xobject: i32,
}

/// The font as laid out: glyph ids and advances of each line.
struct Face<'a> {
    face: ttf_parser::Face<'a>,
    scale: f32,
}

impl Face<'_> {
    /// Glyph id and advance (1/1000 em) of each character (missing ones: `.notdef`).
    fn glyphs(&self, text: &str) -> Vec<(u16, char, f32)> {
        text.chars()
            .map(|c| {
                let g = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                let adv = f32::from(self.face.glyph_hor_advance(g).unwrap_or(0)) * self.scale;
                (g.0, c, adv)
            })
            .collect()
    }

    fn width(&self, text: &str) -> f32 {
        self.glyphs(text).iter().map(|g| g.2).sum()
    }
}

/// The lines of the stamp and their size: one, two or three lines, whichever allows the
/// largest size (at most [`MAX_SIZE`]) in a box of `w` × `h`.
fn lines(face: &Face<'_>, name: &str, date: &str, w: f32, h: f32) -> (Vec<String>, f32) {
    let options = [
        vec![format!("Signé électroniquement par {name} le {date}")],
        vec![
            format!("Signé électroniquement par {name}"),
            format!("le {date}"),
        ],
        vec![
            "Signé électroniquement par".to_string(),
            name.to_string(),
            format!("le {date}"),
        ],
    ];
    let (w, h) = ((w - 2.0 * PAD).max(1.0), (h - 2.0 * PAD).max(1.0));
    options
        .into_iter()
        .map(|lines| {
            let widest = lines.iter().map(|l| face.width(l)).fold(1.0, f32::max);
            let by_width = w * 1000.0 / widest;
            let by_height = h / (lines.len() as f32 * LEADING);
            let size = by_width.min(by_height).min(MAX_SIZE);
            (lines, size)
        })
        .fold((Vec::new(), 0.0), |best, o| {
            if o.1 > best.1 + 0.01 {
                o
            } else {
                best
            }
        })
}

/// `data` compressed for `/FlateDecode`.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut c = libdeflater::Compressor::new(libdeflater::CompressionLvl::default());
    let mut out = vec![0; c.zlib_compress_bound(data.len())];
    match c.zlib_compress(data, &mut out) {
        Ok(n) => {
            out.truncate(n);
            out
        }
        Err(_) => data.to_vec(),
    }
}

/// Writes the appearance of a box `width` × `height` for the signer `name` at `date`, as
/// objects numbered from `first`.
pub(crate) fn write(
    first: i32,
    width: f32,
    height: f32,
    name: &str,
    date: &str,
) -> Result<Objects, String> {
    let bytes = Variant::Regular.bytes();
    let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| e.to_string())?;
    let scale = 1000.0 / f32::from(face.units_per_em().max(1));
    let face = Face { face, scale };
    let (lines, size) = lines(&face, name, date, width, height);

    let mut subset = Subset::new();
    let content = content(&face, &lines, size, (width, height), &mut subset);
    let Subset {
        order,
        texts,
        widths,
    } = subset;

    let remapper = subsetter::GlyphRemapper::new_from_glyphs(&order);
    let file = subsetter::subset(bytes, 0, &remapper).map_err(|e| e.to_string())?;
    let cmap = to_unicode(&texts);

    let ids: Vec<Ref> = (0..7).map(|k| Ref::new(first + k)).collect();
    let (xobject, type0, cid, descriptor, font_file, to_unicode) =
        (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);
    let base = format!("{}+NotoSans-Regular", tag(&order));
    let base = Name(base.as_bytes());
    let mut objects = Vec::new();
    let mut push = |id: Ref, chunk: Chunk| objects.push((id.get(), chunk.as_bytes().to_vec()));

    let mut c = Chunk::new();
    let packed = deflate(&content);
    let mut x = c.form_xobject(xobject, &packed);
    x.filter(Filter::FlateDecode);
    x.bbox(Rect::new(0.0, 0.0, width, height));
    x.resources().fonts().pair(Name(b"F1"), type0);
    x.finish();
    push(xobject, c);

    let mut c = Chunk::new();
    c.type0_font(type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);
    push(type0, c);

    push(cid, cid_font(cid, base, descriptor, &widths));
    push(
        descriptor,
        font_descriptor(&face, descriptor, base, font_file),
    );

    let mut c = Chunk::new();
    c.stream(font_file, &deflate(&file))
        .filter(Filter::FlateDecode)
        .pair(
            Name(b"Length1"),
            i32::try_from(file.len()).unwrap_or(i32::MAX),
        );
    push(font_file, c);

    let mut c = Chunk::new();
    c.stream(to_unicode, &deflate(&cmap))
        .filter(Filter::FlateDecode);
    push(to_unicode, c);

    for (_, bytes) in &mut objects {
        crlf_before_endstream(bytes);
    }
    Ok(Objects {
        objects,
        xobject: xobject.get(),
    })
}

/// The glyphs of the appearance's font subset: .notdef, then each glyph in order of first
/// use, with the character it stands for and its advance.
struct Subset {
    order: Vec<u16>,
    texts: Vec<Option<char>>,
    widths: Vec<f32>,
}

impl Subset {
    fn new() -> Subset {
        Subset {
            order: vec![0],
            texts: vec![None],
            widths: vec![0.0],
        }
    }

    /// The glyph `gid`'s id in the subset, added at its first use.
    fn id(&mut self, gid: u16, c: char, advance: f32) -> usize {
        match self.order.iter().position(|&g| g == gid) {
            Some(id) => id,
            None => {
                self.order.push(gid);
                self.texts.push(Some(c));
                self.widths.push(advance);
                self.order.len() - 1
            }
        }
    }
}

/// The content stream of a box `width` × `height`: the lines centred, in `subset`'s ids.
fn content(
    face: &Face<'_>,
    lines: &[String],
    size: f32,
    (width, height): (f32, f32),
    subset: &mut Subset,
) -> Vec<u8> {
    let mut content = Vec::new();
    let line_h = size * LEADING;
    let block = line_h * lines.len() as f32;
    let top = (height + block) / 2.0 - size;
    content.extend_from_slice(b"q\n0.1 0.2 0.45 rg\nBT\n");
    content.extend_from_slice(format!("/F1 {size:.2} Tf\n").as_bytes());
    for (i, line) in lines.iter().enumerate() {
        let glyphs = face.glyphs(line);
        let w: f32 = glyphs.iter().map(|g| g.2).sum::<f32>() * size / 1000.0;
        let x = ((width - w) / 2.0).max(PAD);
        let y = top - i as f32 * line_h;
        content.extend_from_slice(format!("1 0 0 1 {x:.2} {y:.2} Tm\n<").as_bytes());
        for (gid, c, adv) in glyphs {
            let id = subset.id(gid, c, adv);
            content.extend_from_slice(format!("{id:04X}").as_bytes());
        }
        content.extend_from_slice(b"> Tj\n");
    }
    content.extend_from_slice(b"ET\nQ\n");
    content
}

/// The ToUnicode CMap of the subset: each id's character.
fn to_unicode(texts: &[Option<char>]) -> pdf_writer::Buf {
    let mut cmap = UnicodeCmap::<u16>::new(
        Name(b"Adobe-Identity-UCS"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (id, c) in texts.iter().enumerate() {
        if let (Some(c), Ok(id)) = (c, u16::try_from(id)) {
            cmap.pair(id, *c);
        }
    }
    cmap.finish()
}

/// The CID font of the subset, with its glyphs' widths.
fn cid_font(cid: Ref, base: Name<'_>, descriptor: Ref, widths: &[f32]) -> Chunk {
    let mut c = Chunk::new();
    let mut f = c.cid_font(cid);
    f.subtype(CidFontType::Type2)
        .base_font(base)
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(descriptor)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    f.widths().consecutive(0, widths.iter().copied());
    f.finish();
    c
}

/// The font descriptor of the face: its box and metrics, in thousandths of an em.
fn font_descriptor(face: &Face<'_>, descriptor: Ref, base: Name<'_>, font_file: Ref) -> Chunk {
    let t = &face.face;
    let b = t.global_bounding_box();
    let s = face.scale;
    let mut c = Chunk::new();
    c.font_descriptor(descriptor)
        .name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            f32::from(b.x_min) * s,
            f32::from(b.y_min) * s,
            f32::from(b.x_max) * s,
            f32::from(b.y_max) * s,
        ))
        .italic_angle(0.0)
        .ascent(f32::from(t.ascender()) * s)
        .descent(f32::from(t.descender()) * s)
        .cap_height(f32::from(t.capital_height().unwrap_or(t.ascender())) * s)
        .stem_v(10.0 + 0.244 * (f32::from(t.weight().to_number()) - 50.0))
        .font_file2(font_file);
    c
}

/// Six capital letters from the subset's glyphs (and a mark of its own, so that it differs
/// from the document's subsets of the same face).
fn tag(gids: &[u16]) -> String {
    crate::pdf::tag_of(b"signature appearance", gids)
}

/// In the bytes of one stream object, puts CR LF (not LF alone) before `endstream` when
/// the data ends with a CR, so that a reader does not take that CR for the end of line.
pub(crate) fn crlf_before_endstream(object: &mut Vec<u8>) {
    let tail: &[u8] = b"\r\nendstream\nendobj\n";
    let end = object.len() - object.iter().rev().take_while(|&&b| b == b'\n').count() + 1;
    if end <= object.len() && object[..end].ends_with(tail) {
        let at = end - tail.len() + 1;
        object.insert(at, b'\r');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cr_ending_the_data_gets_a_crlf() {
        let mut o = b"1 0 obj\n<</Length 2>>\nstream\na\r\nendstream\nendobj\n\n".to_vec();
        crlf_before_endstream(&mut o);
        assert!(o.ends_with(b"a\r\r\nendstream\nendobj\n\n"));
        let mut o = b"1 0 obj\n<</Length 1>>\nstream\na\nendstream\nendobj\n".to_vec();
        let before = o.clone();
        crlf_before_endstream(&mut o);
        assert_eq!(o, before);
    }

    #[test]
    fn the_stamp_fits_its_box() {
        let a = write(10, 200.0, 50.0, "Jean Testeur", "14/11/2023 à 22:13 UTC").unwrap();
        assert_eq!(a.xobject, 10);
        assert_eq!(a.objects.len(), 6);
        assert!(a.objects[0].1.starts_with(b"10 0 obj"));
    }
}
