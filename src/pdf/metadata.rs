//! What the file says about itself: the document information dictionary, the catalog's
//! `/Lang` and viewer preferences (`/DisplayDocTitle`), the XMP metadata (uncompressed, as
//! PDF/A wants it readable; see [`super::xmp`]) and for PDF/A-2a the sRGB output intent.
//!
//! The rest of what PDF/A-2 asks is done elsewhere: version 1.7, an `/ID` and a classic
//! cross-reference table (`mod.rs`, `file_id`), printable annotations with appearances
//! (`annotations`), embedded fonts (`fonts`), DeviceRGB and DeviceGray colours only (the
//! output intent is RGB), no actions but GoTo and URI.

use super::date::Instant;
use super::meta_text::{Text, PRODUCER};
use super::{xmp, Ids};
use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::writers::Catalog;
use pdf_writer::{Filter, Finish, Name, Pdf, Ref, Str, TextStr};
use std::sync::OnceLock;

/// sRGB IEC61966-2.1, ICC v2 (Debian `icc-profiles-free`, zlib licence: see `icc/`).
const SRGB_ICC: &[u8] = include_bytes!("icc/sRGB.icc");

/// The output condition the profile describes.
const SRGB_CONDITION: &str = "sRGB IEC61966-2.1";

/// Writes the Info dictionary as object `id`: title, author, subject, keywords, creator,
/// producer, and the creation date as both creation and modification date.
pub(crate) fn write_info(pdf: &mut Pdf, id: Ref, text: &Text, date: &Instant) {
    let mut info = pdf.document_info(id);
    info.title(TextStr(&text.title));
    if let Some(author) = &text.author {
        info.author(TextStr(author));
    }
    if let Some(subject) = &text.subject {
        info.subject(TextStr(subject));
    }
    if let Some(keywords) = &text.keywords_joined {
        info.keywords(TextStr(keywords));
    }
    info.creator(TextStr(&text.creator))
        .producer(TextStr(PRODUCER));
    let date = date.pdf();
    info.pair(Name(b"CreationDate"), Str(date.as_bytes()))
        .pair(Name(b"ModDate"), Str(date.as_bytes()));
    info.finish();
}

/// The XMP metadata and, for PDF/A, the output intent's profile, for the catalog.
pub(crate) struct Pdfa {
    metadata: Ref,
    profile: Option<Ref>,
}

/// Writes the XMP metadata stream (PDF/UA's identification; with `pdfa`, PDF/A's too) and,
/// for PDF/A, the ICC profile of the output intent.
pub(crate) fn write_pdfa(
    pdf: &mut Pdf,
    ids: &mut Ids,
    text: &Text,
    date: &Instant,
    pdfa: bool,
) -> Pdfa {
    let metadata = ids.next();
    let profile = pdfa.then(|| ids.next());
    pdf.metadata(metadata, &xmp::packet(text, date, pdfa));
    if let Some(profile) = profile {
        match compressed_profile() {
            Some(packed) => {
                pdf.icc_profile(profile, packed)
                    .n(3)
                    .filter(Filter::FlateDecode);
            }
            None => {
                pdf.icc_profile(profile, SRGB_ICC).n(3);
            }
        }
    }
    Pdfa { metadata, profile }
}

/// The sRGB profile, compressed once per process (it is a constant).
fn compressed_profile() -> Option<&'static [u8]> {
    static PACKED: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    PACKED
        .get_or_init(|| super::compress::deflate(SRGB_ICC).ok())
        .as_deref()
}

/// The catalog's `/Lang`, `/ViewerPreferences`, `/Metadata` and, for PDF/A,
/// `/OutputIntents`.
pub(crate) fn catalog_entries(catalog: &mut Catalog<'_>, text: &Text, p: &Pdfa) {
    catalog.lang(TextStr(&text.language));
    catalog.viewer_preferences().display_doc_title(true);
    catalog.metadata(p.metadata);
    if let Some(profile) = p.profile {
        catalog
            .output_intents()
            .push()
            .subtype(OutputIntentSubtype::PDFA)
            .output_condition_identifier(TextStr(SRGB_CONDITION))
            .info(TextStr(SRGB_CONDITION))
            .registry_name(TextStr("http://www.color.org"))
            .dest_output_profile(profile);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::meta_text::clean_text;
    use crate::pdf::Meta;

    fn meta() -> Meta {
        Meta {
            title: "Pacte \u{7}territorial".into(),
            author: Some("Département de Vaucluse".into()),
            subject: Some("   ".into()),
            keywords: vec!["PTI".into(), "".into(), "insertion".into()],
            creator: "pacte 0.1".into(),
            creation_date: 1_700_000_000,
            language: "fr-FR".into(),
            bookmarks: vec![],
            signature_fields: vec![],
            pdfa: true,
        }
    }

    #[test]
    fn text_is_cleaned_and_blank_values_dropped() {
        let text = Text::new(&meta());
        assert_eq!(text.title, "Pacte territorial");
        assert_eq!(text.subject, None, "a blank subject is no subject");
        assert_eq!(text.keywords, ["PTI", "insertion"]);
        assert_eq!(text.keywords_joined.as_deref(), Some("PTI, insertion"));
    }

    #[test]
    fn clean_text_drops_what_xml_cannot_hold() {
        assert_eq!(clean_text("a\u{0}b\u{7}c\td\ne\u{FFFF}f é"), "abc\td\nef é");
    }

    #[test]
    fn embedded_profile_is_an_rgb_display_profile() {
        // ICC header: size, 'acsp' signature, device class, colour space.
        let size = u32::from_be_bytes([SRGB_ICC[0], SRGB_ICC[1], SRGB_ICC[2], SRGB_ICC[3]]);
        assert_eq!(size as usize, SRGB_ICC.len());
        assert_eq!(&SRGB_ICC[36..40], b"acsp");
        assert_eq!(&SRGB_ICC[12..16], b"mntr");
        assert_eq!(&SRGB_ICC[16..20], b"RGB ");
        assert!(SRGB_ICC[8] <= 4, "PDF/A-2 takes ICC versions up to 4");
        assert!(compressed_profile().is_some_and(|p| p.len() < SRGB_ICC.len()));
    }
}
