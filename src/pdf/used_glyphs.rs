//! The glyphs a document draws, face by face, and their ids in the subsets: each glyph is
//! given the next id the first time it is met, page after page (0 stays `.notdef`), and
//! keeps the first text it stands for, for the ToUnicode map; the space takes the id 32 in a
//! face drawn with one-byte codes (for word spacing). The pages are gone through on all
//! cores, each keeping only the glyphs it meets first (see [`page_glyphs`]), then added in
//! order.

use crate::font::GlyphText;
use crate::font::{FaceId, FontFamily, Metrics, Variant};
use crate::layout::document::Document;
use crate::layout::draw::Draw;
use fixedbitset::FixedBitSet;
use rayon::prelude::*;
use std::sync::Arc;

/// The space's code (and subset id) in a face with one-byte codes: word spacing (`Tw`)
/// applies to the byte 32 only.
pub(crate) const SPACE_CODE: u16 = 32;

/// Marks a glyph not used (yet) in [`FaceUse::map`].
const UNUSED: u16 = u16::MAX;

/// The glyphs one face draws.
#[derive(Default)]
pub(super) struct FaceUse {
    /// Whether any glyph of the face is drawn.
    used: bool,
    /// Old glyph id → subset glyph id, or [`UNUSED`].
    map: Vec<u16>,
    /// Subset glyph id → old glyph id (0 first).
    order: Vec<u16>,
    /// Subset glyph id → the text it stands for (the first non-empty one met).
    texts: Vec<Option<GlyphText>>,
    /// Whether its codes are two bytes whatever the number of glyphs (a fallback face).
    wide: bool,
}

impl FaceUse {
    /// The face's glyph ids, in the order of the subset's ids.
    pub(super) fn order(&self) -> &[u16] {
        &self.order
    }

    /// The text each glyph of the subset stands for, by subset id.
    pub(super) fn texts(&self) -> &[Option<GlyphText>] {
        &self.texts
    }

    /// Whether the subset's glyphs are few enough to be drawn with one-byte codes.
    pub(super) fn one_byte(&self) -> bool {
        self.order.len() <= 256 && !self.wide
    }

    /// Gives the space glyph the id [`SPACE_CODE`], swapping it with the glyph that had
    /// it, when the face is drawn with one-byte codes, so that the content streams can
    /// stretch a line's spaces with one operator instead of an adjustment after each.
    fn space_at_32(&mut self, space: Option<u16>) {
        const SPACE: usize = SPACE_CODE as usize;
        if !self.used || !self.one_byte() || self.order.len() <= SPACE {
            return;
        }
        let Some(space) = space else {
            return;
        };
        let Some(&id) = self.map.get(usize::from(space)) else {
            return;
        };
        if id == UNUSED || usize::from(id) == SPACE {
            return;
        }
        let other = self.order[SPACE];
        self.order.swap(usize::from(id), SPACE);
        self.texts.swap(usize::from(id), SPACE);
        self.map[usize::from(space)] = SPACE_CODE;
        self.map[usize::from(other)] = id;
    }

    /// Adds glyph `gid` of the face of metrics `m`, standing for `text`.
    #[inline]
    fn add_one(&mut self, m: &Metrics, gid: u16, text: GlyphText) {
        if !self.used {
            let glyphs = m.advances.len().max(1);
            self.map = vec![UNUSED; glyphs];
            self.map[0] = 0;
            self.order.push(0);
            self.texts.push(None);
            self.used = true;
        }
        // Nearly always: a glyph met before, whose text is known.
        let known = match self.map.get(usize::from(gid)) {
            Some(&id) if id != UNUSED => self.texts[usize::from(id)].is_some(),
            _ => false,
        };
        if !known {
            self.add(gid, text);
        }
    }

    /// Adds a glyph (the face is used).
    fn add(&mut self, gid: u16, text: GlyphText) {
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
    /// By [`FaceId::index`].
    faces: [FaceUse; FaceId::COUNT],
    /// The family the glyphs are of.
    family: Arc<FontFamily>,
    /// The text of the first glyph no face has (`.notdef`), if any.
    notdef: Option<char>,
}

impl UsedGlyphs {
    /// The faces the document draws glyphs of, in the order of [`FaceId::index`].
    pub(super) fn faces(&self) -> impl Iterator<Item = (FaceId, &FaceUse)> {
        (0..FaceId::COUNT)
            .filter(|&i| self.faces[i].used)
            .map(|i| (FaceId::of_index(i), &self.faces[i]))
    }

    /// The family the glyphs are of.
    pub(super) fn family(&self) -> &Arc<FontFamily> {
        &self.family
    }

    /// Goes through every glyph the document draws, in order: each page's on all cores
    /// (see [`page_glyphs`]), then the pages one after the other.
    pub(crate) fn collect(doc: &Document) -> UsedGlyphs {
        let family = doc.theme.fonts().clone();
        let pages: Vec<Vec<Met>> = doc
            .pages
            .par_iter()
            .map(|page| page_glyphs(page, &family))
            .collect();
        let mut faces: [FaceUse; FaceId::COUNT] = std::array::from_fn(|i| FaceUse {
            wide: matches!(FaceId::of_index(i), FaceId::Fallback(_)),
            ..FaceUse::default()
        });
        let mut notdef = None;
        for (face, gid, text) in pages.into_iter().flatten() {
            if gid == 0 && notdef.is_none() {
                notdef = Some(text.as_str().chars().next().unwrap_or('\u{FFFD}'));
            }
            faces[face.index()].add_one(&family.face_of(face).metrics, gid, text);
        }
        for v in Variant::ALL {
            faces[v.index()].space_at_32(family.face(v).metrics.space);
        }
        UsedGlyphs {
            faces,
            family,
            notdef,
        }
    }

    /// The text of the first glyph drawn as `.notdef` (a character no face has), if any.
    pub(crate) fn notdef(&self) -> Option<char> {
        self.notdef
    }

    /// Whether the codes of face `face` in the content streams are one byte (its subset
    /// has at most 256 glyphs) rather than two.
    #[inline]
    pub(crate) fn one_byte(&self, face: FaceId) -> bool {
        self.faces[face.index()].one_byte()
    }

    /// The face that draws glyph `gid` of variant `v` (the variant's, or a fallback).
    #[inline]
    pub(crate) fn face_of(&self, v: Variant, gid: u16) -> FaceId {
        self.family.locate(v, gid).0
    }

    /// The subset's id of glyph `gid` of variant `v`, in the face that draws it (0,
    /// `.notdef`, for a glyph not collected). It is also the glyph's code in the content
    /// streams.
    #[inline]
    pub(crate) fn id(&self, v: Variant, gid: u16) -> u16 {
        let (face, gid) = self.family.locate(v, gid);
        match self.faces[face.index()].map.get(usize::from(gid)) {
            Some(&n) if n != UNUSED => n,
            _ => 0,
        }
    }
}

/// A glyph met on a page: the face that draws it, its id in that face, its text.
type Met = (FaceId, u16, GlyphText);

/// The glyphs `page` draws, in order, but those [`FaceUse::add_one`] would pass over: a
/// glyph met before on the page with a text. Added in order, page after page, they make the
/// same subsets as every glyph of the document would.
fn page_glyphs(page: &crate::layout::paginate::Page, family: &FontFamily) -> Vec<Met> {
    let mut known = Known::default();
    let mut met = Vec::new();
    for d in &page.draws {
        let (v, glyphs) = match d {
            Draw::Text {
                variant, glyphs, ..
            } => (*variant, glyphs),
            Draw::HiddenText { glyphs, .. } => (Variant::Regular, glyphs),
            _ => continue,
        };
        for g in glyphs {
            let (face, gid) = family.locate(v, g.gid);
            if known.contains(face, gid) {
                continue;
            }
            if !g.text.is_empty() {
                known.insert(face, gid);
            }
            met.push((face, gid, g.text));
        }
    }
    met
}

/// A set of glyphs of the document's faces, one bit each: a page draws a few thousand glyphs,
/// a hundred or two of them different, and a bit is looked up for a fraction of a hash.
#[derive(Default)]
struct Known([FixedBitSet; FaceId::COUNT]);

impl Known {
    /// Whether glyph `gid` of `face` is in the set.
    #[inline]
    fn contains(&self, face: FaceId, gid: u16) -> bool {
        self.0[face.index()].contains(usize::from(gid))
    }

    /// Puts glyph `gid` of `face` in the set.
    #[inline]
    fn insert(&mut self, face: FaceId, gid: u16) {
        self.0[face.index()].grow_and_insert(usize::from(gid));
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::layout::draw::{PlacedGlyph, Role};
    use crate::layout::paginate::Page;
    use crate::layout::theme::Rgb;

    pub(in crate::pdf) fn run(variant: Variant, glyphs: &[(u16, &str)]) -> Draw {
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

    pub(in crate::pdf) fn doc(draws: Vec<Draw>) -> Document {
        Document::of_page(Page { draws })
    }

    #[test]
    fn the_space_takes_the_id_32_in_a_one_byte_face() {
        let space = FontFamily::default_family()
            .face(Variant::ALL[0])
            .metrics
            .space
            .unwrap();
        let mut glyphs: Vec<(u16, &str)> = (100..140).map(|g| (g, "a")).collect();
        glyphs.insert(5, (space, " "));
        let used = UsedGlyphs::collect(&doc(vec![run(Variant::Regular, &glyphs)]));
        assert!(used.one_byte(FaceId::Primary(Variant::Regular)));
        assert_eq!(used.id(Variant::Regular, space), 32);
        // The glyph that had 32 has the space's first id, 6.
        assert_eq!(used.id(Variant::Regular, 130), 6);
        assert_eq!(used.id(Variant::Regular, 104), 5);
        let face = &used.faces[0];
        assert_eq!((face.order[32], face.order[6]), (space, 130));
        assert_eq!(face.texts[32].as_ref().unwrap().as_str(), " ");
        // Too few glyphs for a code 32: the ids stay in order of first use.
        let used = UsedGlyphs::collect(&doc(vec![run(Variant::Regular, &glyphs[..10])]));
        assert_eq!(used.id(Variant::Regular, space), 6);
        // Too many for one byte.
        let many: Vec<(u16, &str)> = (100..400).map(|g| (g, "a")).collect();
        let used = UsedGlyphs::collect(&doc(vec![run(Variant::Regular, &many)]));
        assert!(!used.one_byte(FaceId::Primary(Variant::Regular)));
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
}
