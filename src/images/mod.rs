//! Images (the logos and figures a pact shows): read, checked, decoded and sized in one place, for
//! validation, layout and the PDF alike.
//!
//! [`check`] reads only a file's header (format and dimensions); [`decode`] reads its pixels.
//! A render decodes each file once into an [`Images`] list, whose indices are the images'
//! indices in the PDF; the layout asks it for a logo's index and size ([`Images::find`]) and
//! fits it in a box with [`fit`].

use crate::limits::{LimitError, Limits};
use crate::resources::{ResourceError, ResourceLoader};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Why an image file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The file cannot be read (outside the allowed folders, missing, too large).
    #[error("image file {0}")]
    Resource(#[from] ResourceError),
    /// The file is not a PNG or JPEG image.
    #[error("image file \"{}\" is not a PNG or JPEG image", path.display())]
    Format {
        /// The file.
        path: PathBuf,
    },
    /// The file claims to be a PNG or JPEG image but cannot be decoded.
    #[error("image file \"{}\" is not a readable image: {message}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// What the decoder said.
        message: String,
    },
    /// The image declares more pixels than the limits allow.
    #[error("image file \"{}\": {limit}", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit it is over.
        limit: LimitError,
    },
}

/// A decoded image, ready to embed.
#[derive(Debug, Clone)]
pub struct Image {
    /// Width, px.
    pub width: u32,
    /// Height, px.
    pub height: u32,
    /// Pixels, RGB or RGBA 8-bit, row by row.
    pub pixels: Vec<u8>,
    /// Whether `pixels` has an alpha channel.
    pub alpha: bool,
}

/// An image of an [`Images`] list, as the layout sees it: its index and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageRef {
    /// Its index in the list (and in the PDF).
    pub index: usize,
    /// Width, px.
    pub width: u32,
    /// Height, px.
    pub height: u32,
}

/// The images of a document, each file decoded once, in the order they were first asked
/// for: an image's index here is its index in the PDF.
#[derive(Debug, Clone, Default)]
pub struct Images {
    entries: Vec<(PathBuf, Image)>,
}

impl Images {
    /// Decodes each of `paths` once (a path named twice is decoded once), each given with
    /// the JSON path that names it; an error comes with that JSON path.
    pub(crate) fn load(
        paths: impl IntoIterator<Item = (String, PathBuf)>,
        loader: &dyn ResourceLoader,
        limits: &Limits,
    ) -> Result<Images, (String, ImageError)> {
        let mut images = Images::default();
        for (json_path, path) in paths {
            if images.entries.iter().any(|(p, _)| *p == path) {
                continue;
            }
            let image = decode(loader, &path, limits).map_err(|e| (json_path, e))?;
            images.entries.push((path, image));
        }
        Ok(images)
    }

    /// Builds the list from images already decoded, named by their paths.
    #[cfg(test)]
    pub(crate) fn from_entries(entries: Vec<(PathBuf, Image)>) -> Images {
        Images { entries }
    }

    /// The image loaded from `path`, as the pact names it: its index and size.
    pub(crate) fn find(&self, path: &Path) -> Option<ImageRef> {
        self.entries
            .iter()
            .enumerate()
            .find(|(_, (p, _))| p == path)
            .map(|(index, (_, image))| ImageRef {
                index,
                width: image.width,
                height: image.height,
            })
    }

    /// The images in index order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &Image> {
        self.entries.iter().map(|(_, image)| image)
    }

    /// How many images there are.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Checks that the file the pact names `path` is a PNG or JPEG image within the limits,
/// reading only its header; returns its width and height in pixels.
pub(crate) fn check(
    loader: &dyn ResourceLoader,
    path: &Path,
    limits: &Limits,
) -> Result<(u32, u32), ImageError> {
    let bytes = loader.read(path, limits.image_bytes)?;
    dimensions(&bytes, path, limits)
}

/// Reads and decodes the PNG or JPEG image the pact names `path`, its declared size
/// checked against the limits before any pixel is decoded.
pub(crate) fn decode(
    loader: &dyn ResourceLoader,
    path: &Path,
    limits: &Limits,
) -> Result<Image, ImageError> {
    let bytes = loader.read(path, limits.image_bytes)?;
    dimensions(&bytes, path, limits)?;
    let mut reader = reader(&bytes, path)?;
    // The decoder's own bound too: the declared pixels at 16 bits per channel, RGBA.
    let mut bounds = image::Limits::default();
    bounds.max_alloc = Some(limits.image_pixels.saturating_mul(8).max(1 << 20));
    reader.limits(bounds);
    let decoded = reader.decode().map_err(|e| ImageError::Decode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let alpha = decoded.color().has_alpha();
    let (width, height) = (decoded.width(), decoded.height());
    let pixels = if alpha {
        decoded.into_rgba8().into_raw()
    } else {
        decoded.into_rgb8().into_raw()
    };
    Ok(Image {
        width,
        height,
        pixels,
        alpha,
    })
}

/// An image file's bytes as they are, with their type and size (for an output that embeds
/// the file itself, as the HTML edition does).
#[derive(Debug, Clone)]
pub(crate) struct ImageFile {
    /// The file's bytes.
    pub(crate) bytes: Vec<u8>,
    /// `image/png` or `image/jpeg`.
    pub(crate) mime: &'static str,
    /// Width, px.
    pub(crate) width: u32,
    /// Height, px.
    pub(crate) height: u32,
}

/// Reads the PNG or JPEG image the pact names `path` whole, its size from its header and
/// within the limits.
pub(crate) fn read(
    loader: &dyn ResourceLoader,
    path: &Path,
    limits: &Limits,
) -> Result<ImageFile, ImageError> {
    let bytes = loader.read(path, limits.image_bytes)?;
    let (width, height) = dimensions(&bytes, path, limits)?;
    let mime = match reader(&bytes, path)?.format() {
        Some(image::ImageFormat::Jpeg) => "image/jpeg",
        _ => "image/png",
    };
    Ok(ImageFile {
        bytes,
        mime,
        width,
        height,
    })
}

/// The width and height an image's header declares, within the pixel limit.
fn dimensions(bytes: &[u8], path: &Path, limits: &Limits) -> Result<(u32, u32), ImageError> {
    let (w, h) = reader(bytes, path)?
        .into_dimensions()
        .map_err(|e| ImageError::Decode {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    if u64::from(w) * u64::from(h) > limits.image_pixels {
        let what = format!("it declares {w} × {h} pixels");
        return Err(ImageError::TooLarge {
            path: path.to_path_buf(),
            limit: LimitError::new(what, "image_pixels", limits.image_pixels),
        });
    }
    Ok((w, h))
}

/// A reader of the PNG or JPEG image in `bytes`, its format checked.
fn reader<'a>(
    bytes: &'a [u8],
    path: &Path,
) -> Result<image::ImageReader<Cursor<&'a [u8]>>, ImageError> {
    let reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Decode {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    match reader.format() {
        Some(image::ImageFormat::Png) | Some(image::ImageFormat::Jpeg) => Ok(reader),
        _ => Err(ImageError::Format {
            path: path.to_path_buf(),
        }),
    }
}

/// The size of an image of `width` × `height` pixels fitted in a `w` × `h` box, its aspect
/// kept: as wide as the box unless that makes it too tall.
pub(crate) fn fit(width: u32, height: u32, w: f32, h: f32) -> (f32, f32) {
    let ratio = width.max(1) as f32 / height.max(1) as f32;
    if w / ratio > h {
        (h * ratio, h)
    } else {
        (w, w / ratio)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_the_aspect_within_the_box() {
        assert_eq!(fit(200, 100, 50.0, 50.0), (50.0, 25.0));
        assert_eq!(fit(100, 200, 50.0, 50.0), (25.0, 50.0));
    }

    #[test]
    fn a_text_file_is_not_an_image() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("logo.txt"), "not an image").unwrap();
        // Named .png, but judged by its bytes; a PNG signature with nothing readable after.
        std::fs::write(dir.path().join("texte.png"), "not an image").unwrap();
        std::fs::write(dir.path().join("logo.png"), b"\x89PNG\r\n\x1a\nbroken").unwrap();
        let loader = crate::resources::FileLoader::new(dir.path(), &[]);
        let limits = Limits::default();
        for name in ["logo.txt", "texte.png"] {
            let e = check(&loader, Path::new(name), &limits).unwrap_err();
            assert!(matches!(e, ImageError::Format { .. }), "{e}");
        }
        let e = check(&loader, Path::new("logo.png"), &limits).unwrap_err();
        assert!(matches!(e, ImageError::Decode { .. }), "{e}");
        assert!(matches!(
            check(&loader, Path::new("none.png"), &limits),
            Err(ImageError::Resource(ResourceError::Unreadable { .. }))
        ));
    }
}
