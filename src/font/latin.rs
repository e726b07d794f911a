//! A fast path for shaping plain Latin text: the face's ligatures and pair kerning, read from
//! its tables and applied directly.
//!
//! Written by hand, on purpose: rustybuzz runs HarfBuzz's whole machinery for every word
//! (buffer passes, a skipping iterator per glyph, every lookup of every feature, in both
//! tables), which came to a quarter of a first render. For text whose characters are all in
//! the fast set (Latin letters, digits, French punctuation and spaces: no combining mark,
//! no control, no invisible character), the face's tables leave only two kinds of lookup
//! that can act: `liga` ligature substitutions and `kern` pair adjustments. [`Latin::new`]
//! checks that from the tables themselves (any other default feature, or a `kern` lookup of
//! another kind that could act on such text, and the face gets no fast path), and
//! [`Latin::shape`] applies those lookups as HarfBuzz does. The glyphs, clusters and
//! advances are the same as rustybuzz's: `fast_path_shapes_like_rustybuzz` compares them,
//! glyph for glyph, over every word of the fixtures, every pair of characters French text
//! uses and thousands of random strings, in the four faces. Any other text goes through
//! rustybuzz.

use foldhash::HashMap;
use rustybuzz::ttf_parser::{
    self, gdef::GlyphClass, gpos::PairAdjustment, gpos::PositioningSubtable,
    gsub::SubstitutionSubtable, opentype_layout::LayoutTable, GlyphId, Tag,
};

/// A shaped glyph before it is given its text: glyph id, cluster (byte offset of its first
/// character), advances in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Raw {
    /// Glyph id.
    pub gid: u16,
    /// Byte offset of the cluster's first character.
    pub cluster: u32,
    /// Advance, kerning included.
    pub advance: i32,
    /// The glyph's own advance (hmtx).
    pub nominal: i32,
}

/// What a shaper remembers of pair kerning: the adjustment of glyph pairs met lately
/// (`None` when the pair needs more than an advance, so the text goes to rustybuzz), in a
/// direct-mapped table: a pair's slot is a hash of it, a pair met later in the same slot
/// replaces it (and the first is computed again if met again).
pub(super) struct KernMemo {
    slots: Box<[(u32, Option<i32>)]>,
}

/// Slots of a [`KernMemo`] (a power of two): a pact's text meets about 2 000 pairs a face.
const KERN_SLOTS: usize = 4096;

/// A key no pair has (glyph 0xFFFF is never followed by glyph 0xFFFF in a face).
const NO_PAIR: u32 = u32::MAX;

impl Default for KernMemo {
    /// An empty memo; its table is allocated when a pair is first looked up (a shaper has
    /// one memo per face and most renders use two or three faces).
    fn default() -> Self {
        KernMemo {
            slots: Box::default(),
        }
    }
}

impl KernMemo {
    /// The slot of `key`.
    fn slot(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B9) >> 20) as usize % KERN_SLOTS
    }
}

/// The characters below this code point are looked up in a table.
const LOW: usize = 0x250;

/// The fast set above [`LOW`]: typographic punctuation, the narrow no-break space, the euro.
const HIGH: [std::ops::RangeInclusive<u32>; 5] = [
    0x2010..=0x2027,
    0x202F..=0x202F,
    0x2030..=0x203A,
    0x20AC..=0x20AC,
    0x2122..=0x2122,
];

/// A ligature: its components after the first glyph, the glyph that replaces them all, and
/// that glyph's advance.
type Ligature = (Box<[u16]>, u16, i32);

/// The two lookups plain Latin text meets in a face, ready to apply.
pub(super) struct Latin<'a> {
    /// Glyph id (high 16 bits) and advance (low 16 bits) of each character below [`LOW`]
    /// in the fast set; 0 for the others.
    low: Box<[u32]>,
    /// The same for the characters of [`HIGH`], sorted by character.
    high: Box<[(u32, u32)]>,
    /// The `liga` lookups in the order they apply; each lookup is its subtables, each a map
    /// from first glyph to its ligatures in the font's order.
    ligatures: Vec<Vec<HashMap<u16, Box<[Ligature]>>>>,
    /// The glyphs that start a ligature in some lookup, as a bit set (the quick test).
    starts: Box<[u64]>,
    /// The `kern` pair-adjustment lookups in the order they apply, each its subtables.
    pairs: Vec<Vec<PairAdjustment<'a>>>,
}

/// The features HarfBuzz turns on by default for left-to-right text, whatever the script.
const DEFAULT_ON: [&[u8; 4]; 23] = [
    b"rvrn", b"ltra", b"ltrm", b"rand", b"trak", b"Harf", b"HARF", b"Buzz", b"BUZZ", b"abvm",
    b"blwm", b"ccmp", b"locl", b"mark", b"mkmk", b"rlig", b"calt", b"clig", b"curs", b"dist",
    b"kern", b"liga", b"rclt",
];

impl<'a> Latin<'a> {
    /// The fast path of `face`, or `None` if its tables hold a default lookup that could act
    /// on plain Latin text other than `liga` ligatures and `kern` pair adjustments (or if
    /// they cannot be read as expected). `ccmp`, `mark` and `mkmk` are not looked at: the
    /// plan they stand in for has them off (they only act on combining marks).
    pub(super) fn new(face: &ttf_parser::Face<'a>) -> Option<Latin<'a>> {
        let tables = face.tables();
        let gdef = tables.gdef?;
        if !gdef.has_glyph_classes() {
            return None;
        }
        let is_mark = |g: GlyphId| gdef.glyph_class(g) == Some(GlyphClass::Mark);
        // The character table: what the cmap gives for each character of the fast set.
        let entry = |c: u32| -> u32 {
            let Some(ch) = char::from_u32(c) else {
                return 0;
            };
            if c < 0x20 || (0x7F..=0x9F).contains(&c) || c == 0xAD {
                return 0; // controls and the soft hyphen (an invisible character)
            }
            if unicode_normalization::char::is_combining_mark(ch) {
                return 0;
            }
            match face.glyph_index(ch) {
                Some(g) if g.0 != 0 && !is_mark(g) => {
                    let advance = face.glyph_hor_advance(g).unwrap_or(0);
                    (u32::from(g.0) << 16) | u32::from(advance)
                }
                _ => 0,
            }
        };
        let low: Box<[u32]> = (0..LOW as u32).map(entry).collect();
        let high: Box<[(u32, u32)]> = HIGH
            .iter()
            .flat_map(|r| r.clone())
            .map(|c| (c, entry(c)))
            .filter(|&(_, e)| e != 0)
            .collect();

        let mut ligatures: Vec<Vec<HashMap<u16, Box<[Ligature]>>>> = Vec::new();
        if let Some(gsub) = tables.gsub {
            for (tag, index) in default_lookups(&gsub, &[b"ccmp"])? {
                match &tag.to_bytes() {
                    b"liga" => ligatures.push(ligature_lookup(face, &gsub, index)?),
                    _ => return None,
                }
            }
        }
        let mut pairs = Vec::new();
        if let Some(gpos) = tables.gpos {
            for (tag, index) in default_lookups(&gpos, &[b"mark", b"mkmk"])? {
                match &tag.to_bytes() {
                    b"kern" => {
                        let lookup = pair_lookup(&gpos, index, &is_mark)?;
                        if !lookup.is_empty() {
                            pairs.push(lookup);
                        }
                    }
                    _ => return None,
                }
            }
        }
        let mut starts = vec![0u64; usize::from(face.number_of_glyphs()) / 64 + 1];
        for first in ligatures.iter().flatten().flat_map(|sub| sub.keys()) {
            if let Some(word) = starts.get_mut(usize::from(*first) / 64) {
                *word |= 1 << (first % 64);
            }
        }
        Some(Latin {
            low,
            high,
            ligatures,
            starts: starts.into(),
            pairs,
        })
    }

    /// Glyph id and advance of `c`, if it is in the fast set.
    pub(super) fn glyph(&self, c: char) -> Option<(u16, i32)> {
        let c = c as u32;
        let e = if (c as usize) < LOW {
            self.low[c as usize]
        } else {
            let i = self.high.binary_search_by_key(&c, |&(k, _)| k).ok()?;
            self.high[i].1
        };
        (e != 0).then_some(((e >> 16) as u16, (e & 0xFFFF) as i32))
    }

    /// Shapes `text` into `out` (cleared first) and says whether it could: `false` when a
    /// character is outside the fast set or a glyph pair needs more than an advance, and
    /// then the text is to be shaped by rustybuzz.
    pub(super) fn shape(&self, text: &str, memo: &mut KernMemo, out: &mut Vec<Raw>) -> bool {
        out.clear();
        for (i, c) in text.char_indices() {
            let Some((gid, advance)) = self.glyph(c) else {
                return false;
            };
            out.push(Raw {
                gid,
                cluster: i as u32,
                advance,
                nominal: advance,
            });
        }
        let starts = |g: &Raw| {
            self.starts
                .get(usize::from(g.gid) / 64)
                .is_some_and(|w| w & (1 << (g.gid % 64)) != 0)
        };
        if out.iter().any(starts) {
            for lookup in &self.ligatures {
                ligate(lookup, out);
            }
        }
        if self.pairs.is_empty() {
            return true;
        }
        for i in 1..out.len() {
            let key = (u32::from(out[i - 1].gid) << 16) | u32::from(out[i].gid);
            if memo.slots.is_empty() {
                memo.slots = vec![(NO_PAIR, None); KERN_SLOTS].into();
            }
            let slot = &mut memo.slots[KernMemo::slot(key)];
            let kern = if slot.0 == key {
                slot.1
            } else {
                let k = self.kern(out[i - 1].gid, out[i].gid);
                *slot = (key, k);
                k
            };
            match kern {
                Some(k) => out[i - 1].advance += k,
                None => return false,
            }
        }
        true
    }

    /// The advance adjustment of `first` before `second`, summed over the pair lookups (in
    /// each, the first subtable that has the pair, as HarfBuzz does); `None` if one gives
    /// anything but an advance to the first glyph (a placement, or a value for the second
    /// glyph, after which HarfBuzz skips the second glyph).
    fn kern(&self, first: u16, second: u16) -> Option<i32> {
        let (a, b) = (GlyphId(first), GlyphId(second));
        let mut total = 0;
        for lookup in &self.pairs {
            for sub in lookup {
                let Some(index) = sub.coverage().get(a) else {
                    continue;
                };
                let records = match sub {
                    PairAdjustment::Format1 { sets, .. } => {
                        sets.get(index).and_then(|set| set.get(b))
                    }
                    PairAdjustment::Format2 {
                        classes, matrix, ..
                    } => matrix.get((classes.0.get(a), classes.1.get(b))),
                };
                let Some((one, two)) = records else {
                    continue;
                };
                let two_empty = two.x_placement == 0
                    && two.y_placement == 0
                    && two.x_advance == 0
                    && two.y_advance == 0
                    && two.x_placement_device.is_none()
                    && two.y_placement_device.is_none()
                    && two.x_advance_device.is_none()
                    && two.y_advance_device.is_none();
                if !two_empty || one.x_placement != 0 || one.y_placement != 0 {
                    return None;
                }
                total += i32::from(one.x_advance);
                break;
            }
        }
        Some(total)
    }
}

/// Applies one ligature lookup to the glyphs, left to right: at each glyph, the first
/// subtable with a ligature whose components follow replaces them all; the ligature takes
/// the cluster of its first glyph and is not looked at again.
fn ligate(lookup: &[HashMap<u16, Box<[Ligature]>>], glyphs: &mut Vec<Raw>) {
    let (mut read, mut write) = (0, 0);
    while read < glyphs.len() {
        let mut glyph = glyphs[read];
        let mut taken = 1;
        'subtables: for sub in lookup {
            let Some(ligatures) = sub.get(&glyph.gid) else {
                continue;
            };
            for (components, lig, advance) in ligatures.iter() {
                let rest = &glyphs[read + 1..];
                if rest.len() >= components.len()
                    && components.iter().zip(rest).all(|(&c, g)| c == g.gid)
                {
                    glyph.gid = *lig;
                    glyph.advance = *advance;
                    glyph.nominal = *advance;
                    taken = 1 + components.len();
                    break 'subtables;
                }
            }
        }
        glyphs[write] = glyph;
        write += 1;
        read += taken;
    }
    glyphs.truncate(write);
}

/// The lookups of the features HarfBuzz turns on by default in the table's Latin script,
/// French language system (else its default one), but those of the features `off`, each
/// with its feature's tag, in the order they apply (by lookup index); `None` if the
/// language system has a required feature.
fn default_lookups(table: &LayoutTable<'_>, off: &[&[u8; 4]]) -> Option<Vec<(Tag, u16)>> {
    let script = [b"latn", b"DFLT", b"dflt"]
        .iter()
        .find_map(|t| table.scripts.find(Tag::from_bytes(t)));
    let Some(script) = script else {
        return Some(Vec::new());
    };
    let Some(langsys) = script
        .languages
        .find(Tag::from_bytes(b"FRA "))
        .or(script.default_language)
    else {
        return Some(Vec::new());
    };
    if langsys.required_feature.is_some() {
        return None;
    }
    let mut lookups = Vec::new();
    for index in langsys.feature_indices {
        let feature = table.features.get(index)?;
        let is = |t: &&[u8; 4]| Tag::from_bytes(t) == feature.tag;
        if DEFAULT_ON.iter().any(is) && !off.iter().any(is) {
            lookups.extend(feature.lookup_indices.into_iter().map(|l| (feature.tag, l)));
        }
    }
    lookups.sort_by_key(|&(_, l)| l);
    lookups.dedup_by_key(|&mut (_, l)| l);
    Some(lookups)
}

/// Whether a lookup's flags could skip a base glyph or a ligature (text without marks then
/// meets no skipped glyph, and pairs are simply neighbours).
fn skips_non_marks(flags: ttf_parser::opentype_layout::LookupFlags) -> bool {
    flags.ignore_base_glyphs() || flags.ignore_ligatures()
}

/// A `liga` lookup read out: every subtable a ligature substitution, else `None`.
fn ligature_lookup(
    face: &ttf_parser::Face<'_>,
    gsub: &LayoutTable<'_>,
    index: u16,
) -> Option<Vec<HashMap<u16, Box<[Ligature]>>>> {
    let lookup = gsub.lookups.get(index)?;
    if skips_non_marks(lookup.flags) {
        return None;
    }
    let mut subtables = Vec::new();
    for s in 0..lookup.subtables.len() {
        let SubstitutionSubtable::Ligature(sub) = lookup.subtables.get(s)? else {
            return None;
        };
        let mut map = HashMap::default();
        for first in covered(&sub.coverage) {
            let index = sub.coverage.get(first)?;
            let set = sub.ligature_sets.get(index)?;
            let ligatures: Box<[Ligature]> = (0..set.len())
                .filter_map(|i| set.get(i))
                .map(|lig| {
                    let components = lig.components.into_iter().map(|g| g.0).collect();
                    let advance = face.glyph_hor_advance(lig.glyph).unwrap_or(0);
                    (components, lig.glyph.0, i32::from(advance))
                })
                .collect();
            map.insert(first.0, ligatures);
        }
        subtables.push(map);
    }
    Some(subtables)
}

/// A `kern` lookup read out: its pair adjustments; a contextual subtable is allowed (and
/// left out) only if the glyph it starts at is always a mark, which plain Latin text has
/// not; anything else gives `None`.
fn pair_lookup<'a>(
    gpos: &LayoutTable<'a>,
    index: u16,
    is_mark: &dyn Fn(GlyphId) -> bool,
) -> Option<Vec<PairAdjustment<'a>>> {
    let lookup = gpos.lookups.get(index)?;
    let mut pairs = Vec::new();
    for s in 0..lookup.subtables.len() {
        match lookup.subtables.get::<PositioningSubtable>(s)? {
            PositioningSubtable::Pair(p) => {
                if skips_non_marks(lookup.flags) {
                    return None;
                }
                pairs.push(p);
            }
            PositioningSubtable::ChainContext(c) => {
                if !covered(&c.coverage()).all(is_mark) {
                    return None;
                }
            }
            PositioningSubtable::Context(c) => {
                if !covered(&c.coverage()).all(is_mark) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(pairs)
}

/// The glyphs a coverage table lists.
fn covered<'a>(
    coverage: &ttf_parser::opentype_layout::Coverage<'a>,
) -> Box<dyn Iterator<Item = GlyphId> + 'a> {
    use ttf_parser::opentype_layout::Coverage;
    match *coverage {
        Coverage::Format1 { glyphs } => Box::new(glyphs.into_iter()),
        Coverage::Format2 { records } => Box::new(
            records
                .into_iter()
                .flat_map(|r| (r.start.0..=r.end.0).map(GlyphId)),
        ),
    }
}
