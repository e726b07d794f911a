//! Laid-out pages → a printpdf document → a lopdf document.
//!
//! Fonts and images get fixed resource ids (`F1`…, `Im1`…) so the output is the same on
//! every run; glyphs are written by id with the font's kerning and the justification as
//! `TJ` offsets, each glyph carrying its text for the ToUnicode map.

use crate::font::Variant;
use crate::layout::document::Document;
use crate::layout::draw::{Draw, LinkTarget, PlacedGlyph};
use crate::layout::theme::Rgb;
use printpdf::{
    Actions, Codepoint, Color, Destination, FontId, LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, RawImage, RawImageData, RawImageFormat,
    Rect, TextItem, TextMatrix, TextRenderingMode, WindingOrder, XObjectId, XObjectTransform,
};
use std::sync::OnceLock;

/// A decoded image ready to embed.
#[derive(Debug, Clone)]
pub struct Image {
    /// Width, px.
    pub width: u32,
    /// Height, px.
    pub height: u32,
    /// Pixels, RGB or RGBA 8-bit.
    pub pixels: Vec<u8>,
    /// Whether `pixels` has an alpha channel.
    pub alpha: bool,
}

fn parsed_fonts() -> &'static [Option<ParsedFont>; 4] {
    static FONTS: OnceLock<[Option<ParsedFont>; 4]> = OnceLock::new();
    FONTS.get_or_init(|| {
        Variant::ALL.map(|v| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(v.bytes(), 0, &mut warnings)
        })
    })
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r: c.0, g: c.1, b: c.2, icc_profile: None })
}

fn font_id(v: Variant) -> FontId {
    FontId(format!("F{}", v.index() + 1))
}

/// Builds the PDF of a laid-out document (before finishing: outline, fields, PDF/A).
pub fn write(doc: &Document, images: &[Image], title: &str) -> lopdf::Document {
    let theme = &doc.theme;
    let mut pdf = PdfDocument::new(title);
    let mut used = [false; 4];
    for page in &doc.pages {
        for d in &page.draws {
            if let Draw::Text { variant, .. } = d {
                used[variant.index()] = true;
            }
            if let Draw::HiddenText { .. } = d {
                used[Variant::Regular.index()] = true;
            }
        }
    }
    for v in Variant::ALL {
        if let (true, Some(f)) = (used[v.index()], &parsed_fonts()[v.index()]) {
            pdf.resources.fonts.map.insert(font_id(v), printpdf::font::PdfFont::new(f.clone()));
        }
    }
    for (i, img) in images.iter().enumerate() {
        let raw = RawImage {
            pixels: RawImageData::U8(img.pixels.clone()),
            width: img.width as usize,
            height: img.height as usize,
            data_format: if img.alpha { RawImageFormat::RGBA8 } else { RawImageFormat::RGB8 },
            tag: Vec::new(),
        };
        pdf.resources.xobjects.map.insert(XObjectId(format!("Im{}", i + 1)), printpdf::XObject::Image(raw));
    }
    let h = theme.page_height;
    let mut pages = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        let mut ops = Vec::with_capacity(page.draws.len() * 4);
        let mut in_text = false;
        let mut font: Option<(Variant, f32)> = None;
        let mut fill: Option<Rgb> = None;
        for d in &page.draws {
            let is_text = matches!(d, Draw::Text { .. } | Draw::HiddenText { .. });
            if is_text && !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
                font = None;
            } else if !is_text && in_text {
                ops.push(Op::EndTextSection);
                in_text = false;
            }
            match d {
                Draw::Text { x, y, variant, size, color: c, glyphs, angle, .. } => {
                    if font != Some((*variant, *size)) {
                        ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(*variant)), size: Pt(*size) });
                        font = Some((*variant, *size));
                    }
                    if fill != Some(*c) {
                        ops.push(Op::SetFillColor { col: color(*c) });
                        fill = Some(*c);
                    }
                    let matrix = if *angle != 0.0 {
                        TextMatrix::TranslateRotate(Pt(*x), Pt(h - *y), *angle)
                    } else {
                        TextMatrix::Translate(Pt(*x), Pt(h - *y))
                    };
                    ops.push(Op::SetTextMatrix { matrix });
                    ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints(glyphs, *size))] });
                }
                Draw::HiddenText { x, y, size, glyphs } => {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(Variant::Regular)), size: Pt(*size) });
                    font = Some((Variant::Regular, *size));
                    ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Invisible });
                    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(h - *y)) });
                    ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints(glyphs, *size))] });
                    ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
                }
                Draw::Rect { x, y, w, h: rh, fill: f, stroke } => {
                    let mode = match (f, stroke) {
                        (Some(_), Some(_)) => PaintMode::FillStroke,
                        (Some(_), None) => PaintMode::Fill,
                        _ => PaintMode::Stroke,
                    };
                    if let Some(c) = f {
                        ops.push(Op::SetFillColor { col: color(*c) });
                        fill = Some(*c);
                    }
                    if let Some((c, width)) = stroke {
                        ops.push(Op::SetOutlineColor { col: color(*c) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    }
                    let (x0, y0, x1, y1) = (*x, h - *y - *rh, *x + *w, h - *y);
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing {
                                points: [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
                                    .iter()
                                    .map(|&(px, py)| LinePoint { p: Point { x: Pt(px), y: Pt(py) }, bezier: false })
                                    .collect(),
                            }],
                            mode,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                }
                Draw::Line { x1, y1, x2, y2, width, color: c, .. } => {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![
                                LinePoint { p: Point { x: Pt(*x1), y: Pt(h - *y1) }, bezier: false },
                                LinePoint { p: Point { x: Pt(*x2), y: Pt(h - *y2) }, bezier: false },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Draw::Image { image, x, y, w, h: ih } => {
                    if let Some(img) = images.get(*image) {
                        // printpdf draws an image at its pixel size for the given dpi: scale to the box.
                        let dpi = 300.0;
                        let natural_w = img.width as f32 * 72.0 / dpi;
                        let natural_h = img.height as f32 * 72.0 / dpi;
                        ops.push(Op::UseXobject {
                            id: XObjectId(format!("Im{}", image + 1)),
                            transform: XObjectTransform {
                                translate_x: Some(Pt(*x)),
                                translate_y: Some(Pt(h - *y - *ih)),
                                rotate: None,
                                scale_x: Some(*w / natural_w.max(0.001)),
                                scale_y: Some(*ih / natural_h.max(0.001)),
                                dpi: Some(dpi),
                                ..Default::default()
                            },
                        });
                    }
                }
                Draw::Link { x, y, w, h: lh, target } => {
                    let actions = match target {
                        LinkTarget::Uri(u) => Some(Actions::Uri(u.clone())),
                        LinkTarget::Anchor(a) => doc.anchors.get(a).map(|(p, ay)| {
                            Actions::Goto(Destination::Xyz {
                                page: p + 1,
                                left: Some(0.0),
                                top: Some(h - ay + 12.0),
                                zoom: None,
                            })
                        }),
                    };
                    if let Some(actions) = actions {
                        let rect = Rect {
                            x: Pt(*x),
                            y: Pt(h - *y - *lh),
                            width: Pt(*w),
                            height: Pt(*lh),
                            mode: None,
                            winding_order: None,
                        };
                        ops.push(Op::LinkAnnotation { link: LinkAnnotation::new(rect, actions, None, None, None) });
                    }
                }
                Draw::Anchor { .. } | Draw::SignatureArea { .. } => {}
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        pages.push(PdfPage::new(printpdf::Mm(theme.page_width * 25.4 / 72.0), printpdf::Mm(h * 25.4 / 72.0), ops));
    }
    pdf.with_pages(pages);
    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    let mut warnings = Vec::new();
    pdf.to_lopdf_document(&opts, &mut warnings)
}

/// Glyphs with their TJ adjustments: the difference between where the viewer would put the
/// next glyph (the glyph's own advance) and where the layout put it (kerning, justification).
fn codepoints(glyphs: &[PlacedGlyph], size: f32) -> Vec<Codepoint> {
    let upem_scale = 1000.0 / size.max(0.001);
    glyphs
        .iter()
        .map(|g| {
            let offset = (g.nominal - g.advance) * upem_scale;
            Codepoint { gid: g.gid, offset: if offset.abs() < 0.01 { 0.0 } else { offset }, cid: Some(g.text.clone()) }
        })
        .collect()
}
