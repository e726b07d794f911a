//! Images embedded once each however often they are drawn: an RGB image XObject (`/Im1`, `/Im2`… in the order of the document's image list),
//! with its alpha channel, when it has one, as a grey soft mask (`/SMask`). Pixels are
//! Flate-compressed as they come (a JPEG is decoded and stored losslessly).

use super::{Ids, PdfError};
use crate::images::Images;
use pdf_writer::{Filter, Pdf, Ref};

/// An image's compressed samples.
pub(crate) struct Encoded {
    width: i32,
    height: i32,
    /// RGB samples, Flate-compressed.
    color: Vec<u8>,
    /// Alpha samples, Flate-compressed, when the image has an alpha channel.
    alpha: Option<Vec<u8>>,
}

impl Encoded {
    /// Bytes it will take in the file, roughly.
    pub(crate) fn size(&self) -> usize {
        self.color.len() + self.alpha.as_ref().map_or(0, Vec::len) + 512
    }
}

/// Checks and compresses every image.
///
/// # Errors
/// [`PdfError::InvalidImage`] when an image's pixels do not fill its size,
/// [`PdfError::Compress`] if compressing fails.
pub(crate) fn encode(images: &Images) -> Result<Vec<Encoded>, PdfError> {
    images
        .iter()
        .enumerate()
        .map(|(index, img)| {
            let channels = if img.alpha { 4 } else { 3 };
            let expected = (img.width as usize)
                .saturating_mul(img.height as usize)
                .saturating_mul(channels);
            let (width, height) = (i32::try_from(img.width), i32::try_from(img.height));
            let (Ok(width), Ok(height), true) = (width, height, img.pixels.len() == expected)
            else {
                return Err(PdfError::InvalidImage {
                    index,
                    width: img.width,
                    height: img.height,
                    expected,
                    actual: img.pixels.len(),
                });
            };
            let deflate = super::compress::deflate;
            if !img.alpha {
                return Ok(Encoded {
                    width,
                    height,
                    color: deflate(&img.pixels)?,
                    alpha: None,
                });
            }
            let pixels = img.pixels.len() / 4;
            let mut rgb = Vec::with_capacity(pixels * 3);
            let mut alpha = Vec::with_capacity(pixels);
            for p in img.pixels.chunks_exact(4) {
                rgb.extend_from_slice(&p[..3]);
                alpha.push(p[3]);
            }
            Ok(Encoded {
                width,
                height,
                color: deflate(&rgb)?,
                alpha: Some(deflate(&alpha)?),
            })
        })
        .collect()
}

/// Writes the images; returns their resource names (`Im1`…) with their objects.
pub(crate) fn write(pdf: &mut Pdf, ids: &mut Ids, images: &[Encoded]) -> Vec<(String, Ref)> {
    let mut out = Vec::with_capacity(images.len());
    for (i, img) in images.iter().enumerate() {
        let id = ids.next();
        let mask = img.alpha.as_ref().map(|a| (ids.next(), a));
        let mut x = pdf.image_xobject(id, &img.color);
        x.width(img.width)
            .height(img.height)
            .bits_per_component(8)
            .filter(Filter::FlateDecode);
        x.color_space().device_rgb();
        if let Some((mask_id, _)) = mask {
            x.s_mask(mask_id);
        }
        drop(x);
        if let Some((mask_id, alpha)) = mask {
            let mut m = pdf.image_xobject(mask_id, alpha);
            m.width(img.width)
                .height(img.height)
                .bits_per_component(8)
                .filter(Filter::FlateDecode);
            m.color_space().device_gray();
        }
        out.push((format!("Im{}", i + 1), id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::Image;

    #[test]
    fn pixels_must_fill_the_size() {
        let ok = Image {
            width: 2,
            height: 1,
            pixels: vec![255, 0, 0, 128, 0, 255, 0, 255],
            alpha: true,
        };
        let short = Image {
            pixels: vec![0; 5],
            alpha: false,
            ..ok.clone()
        };
        let one = Images::from_entries(vec![("a.png".into(), ok.clone())]);
        let encoded = encode(&one).unwrap();
        assert!(encoded[0].alpha.is_some());
        let two = Images::from_entries(vec![("a.png".into(), ok), ("b.png".into(), short)]);
        match encode(&two) {
            Err(PdfError::InvalidImage {
                index: 1,
                expected: 6,
                actual: 5,
                ..
            }) => {}
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("accepted"),
        }
    }
}
