//! The PDF/A-2b parts of the catalog: the XMP metadata stream and the sRGB output intent.
//!
//! The rest of what PDF/A-2b asks is done elsewhere: `sanitize` removes forbidden actions
//! and flags, `write` writes version 1.7 with an `/ID` and a classic cross-reference table.
//! What this module cannot see to is the page content: colours must be DeviceRGB or
//! DeviceGray (the output intent is RGB), fonts embedded (printpdf embeds them).

use super::metadata::Text;
use super::strings::Instant;
use super::{catalog_mut, xmp, FinishError};
use lopdf::{dictionary, Document, Object, Stream};

/// sRGB IEC61966-2.1, ICC v2 (Debian `icc-profiles-free`, zlib licence: see `icc/`).
const SRGB_ICC: &[u8] = include_bytes!("icc/sRGB.icc");

/// The output condition the profile describes.
const SRGB_CONDITION: &str = "sRGB IEC61966-2.1";

/// Adds the XMP metadata (uncompressed, as PDF/A wants it readable) and the output intent.
///
/// # Errors
/// [`FinishError::Malformed`] without a catalog.
pub(crate) fn apply(doc: &mut Document, text: &Text, date: &Instant) -> Result<(), FinishError> {
    let metadata = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp::packet(text, date),
    )
    .with_compression(false);
    let metadata_id = doc.add_object(metadata);
    let profile = Stream::new(dictionary! { "N" => 3 }, SRGB_ICC.to_vec());
    let profile_id = doc.add_object(profile);
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal(SRGB_CONDITION),
        "Info" => Object::string_literal(SRGB_CONDITION),
        "RegistryName" => Object::string_literal("http://www.color.org"),
        "DestOutputProfile" => profile_id,
    };
    let catalog = catalog_mut(doc)?;
    catalog.set("Metadata", metadata_id);
    catalog.set("OutputIntents", vec![intent.into()]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_profile_is_an_rgb_display_profile() {
        // ICC header: size, 'acsp' signature, device class, colour space.
        let size = u32::from_be_bytes([SRGB_ICC[0], SRGB_ICC[1], SRGB_ICC[2], SRGB_ICC[3]]);
        assert_eq!(size as usize, SRGB_ICC.len());
        assert_eq!(&SRGB_ICC[36..40], b"acsp");
        assert_eq!(&SRGB_ICC[12..16], b"mntr");
        assert_eq!(&SRGB_ICC[16..20], b"RGB ");
        assert!(SRGB_ICC[8] <= 4, "PDF/A-2 takes ICC versions up to 4");
    }
}
