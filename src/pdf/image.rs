//! Logos: checked, decoded and embedded once.

use std::path::Path;

/// Checks that `path` is a readable PNG or JPEG image; the message says what is wrong.
pub fn verifier_logo(path: &Path) -> Result<(), String> {
    let reader = image::ImageReader::open(path)
        .map_err(|e| format!("logo file \"{}\" cannot be opened: {e}", path.display()))?
        .with_guessed_format()
        .map_err(|e| format!("logo file \"{}\" cannot be read: {e}", path.display()))?;
    match reader.format() {
        Some(image::ImageFormat::Png) | Some(image::ImageFormat::Jpeg) => {}
        _ => {
            return Err(format!(
                "logo file \"{}\" is not a PNG or JPEG image",
                path.display()
            ))
        }
    }
    reader.into_dimensions().map_err(|e| {
        format!(
            "logo file \"{}\" is not a readable image: {e}",
            path.display()
        )
    })?;
    Ok(())
}
