//! Images (the logos a pact shows): read, checked, decoded and sized in one place, for
//! validation, layout and the PDF alike.
//!
//! [`check`] reads only a file's header (format and dimensions); [`decode`] reads its pixels.
//! A render decodes each file once into an [`Images`] list, whose indices are the images'
//! indices in the PDF; the layout asks it for a logo's index and size ([`Images::find`]) and
//! fits it in a box with [`fit`].

use std::path::{Path, PathBuf};

/// Why an image file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The file cannot be opened or read.
    #[error("logo file \"{}\" cannot be opened: {source}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a PNG or JPEG image.
    #[error("logo file \"{}\" is not a PNG or JPEG image", path.display())]
    Format {
        /// The file.
        path: PathBuf,
    },
    /// The file claims to be a PNG or JPEG image but cannot be decoded.
    #[error("logo file \"{}\" is not a readable image: {message}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// What the decoder said.
        message: String,
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
    /// Decodes each of `paths` once (a path named twice is decoded once); relative paths
    /// start from `base`.
    pub(crate) fn load<'a>(
        paths: impl IntoIterator<Item = &'a Path>,
        base: &Path,
    ) -> Result<Images, ImageError> {
        let mut images = Images::default();
        for path in paths {
            if images.entries.iter().any(|(p, _)| p == path) {
                continue;
            }
            let image = decode(&base.join(path))?;
            images.entries.push((path.to_path_buf(), image));
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

/// Reads the PNG or JPEG image at `path` whole, its size from its header.
pub(crate) fn read(path: &Path) -> Result<ImageFile, ImageError> {
    let bytes = std::fs::read(path).map_err(|source| ImageError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|source| ImageError::Open {
            path: path.to_path_buf(),
            source,
        })?;
    let mime = match reader.format() {
        Some(image::ImageFormat::Png) => "image/png",
        Some(image::ImageFormat::Jpeg) => "image/jpeg",
        _ => {
            return Err(ImageError::Format {
                path: path.to_path_buf(),
            })
        }
    };
    let (width, height) = reader.into_dimensions().map_err(|e| ImageError::Decode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(ImageFile {
        bytes,
        mime,
        width,
        height,
    })
}

/// Checks that `path` is a readable PNG or JPEG image, reading only its header; returns its
/// width and height in pixels.
pub(crate) fn check(path: &Path) -> Result<(u32, u32), ImageError> {
    let reader = open(path)?;
    reader.into_dimensions().map_err(|e| ImageError::Decode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Reads and decodes the PNG or JPEG image at `path`.
pub(crate) fn decode(path: &Path) -> Result<Image, ImageError> {
    let decoded = open(path)?.decode().map_err(|e| ImageError::Decode {
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

/// A reader of the PNG or JPEG image at `path`, its format checked.
fn open(path: &Path) -> Result<image::ImageReader<std::io::BufReader<std::fs::File>>, ImageError> {
    let io = |source| ImageError::Open {
        path: path.to_path_buf(),
        source,
    };
    let reader = image::ImageReader::open(path)
        .map_err(io)?
        .with_guessed_format()
        .map_err(io)?;
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
        let path = dir.path().join("logo.txt");
        std::fs::write(&path, "not an image").unwrap();
        let e = check(&path).unwrap_err();
        assert!(matches!(e, ImageError::Format { .. }), "{e}");
        let path = dir.path().join("logo.png");
        std::fs::write(&path, "not an image").unwrap();
        let e = check(&path).unwrap_err();
        assert!(matches!(e, ImageError::Decode { .. }), "{e}");
        assert!(matches!(
            check(&dir.path().join("none.png")),
            Err(ImageError::Open { .. })
        ));
    }
}
