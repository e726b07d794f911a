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
    Actions, Codepoint, Color, Destination, FontId, LinePoint, LinkAnnotation, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing,
    Pt, RawImage, RawImageData, RawImageFormat, Rect, TextItem, TextMatrix, TextRenderingMode,
    WindingOrder, XObjectId, XObjectTransform,
};

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

/// One face subset to the glyphs a document uses, with the old → new glyph id mapping.
struct SubsetFace {
    parsed: ParsedFont,
    remapper: subsetter::GlyphRemapper,
    tag: String,
}

/// Subsets each used face to the document's glyphs (`subsetter`, the Typst project's font
/// subsetter); the glyph ids in the content streams are remapped accordingly.
fn subset_faces(doc: &Document) -> [Option<SubsetFace>; 4] {
    let mut used: [std::collections::BTreeSet<u16>; 4] = Default::default();
    for page in &doc.pages {
        for d in &page.draws {
            match d {
                Draw::Text {
                    variant, glyphs, ..
                } => used[variant.index()].extend(glyphs.iter().map(|g| g.gid)),
                Draw::HiddenText { glyphs, .. } => {
                    used[Variant::Regular.index()].extend(glyphs.iter().map(|g| g.gid))
                }
                _ => {}
            }
        }
    }
    Variant::ALL.map(|v| {
        let gids: Vec<u16> = used[v.index()].iter().copied().collect();
        if gids.is_empty() {
            return None;
        }
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&gids);
        let bytes = subsetter::subset(v.bytes(), 0, &remapper).ok()?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)?;
        let name = match v {
            Variant::Regular => "NotoSans-Regular",
            Variant::Bold => "NotoSans-Bold",
            Variant::Italic => "NotoSans-Italic",
            Variant::BoldItalic => "NotoSans-BoldItalic",
        };
        let tag = subset_tag(v, &gids);
        parsed.font_name = Some(format!("{tag}+{name}"));
        Some(SubsetFace {
            parsed,
            remapper,
            tag: format!("{tag}+{name}"),
        })
    })
}

/// Six capital letters derived from the glyph set: the same input always gets the same tag.
fn subset_tag(v: Variant, gids: &[u16]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update([v.index() as u8]);
    for g in gids {
        h.update(g.to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| (b'A' + b % 26) as char)
        .collect()
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn font_id(v: Variant) -> FontId {
    FontId(format!("F{}", v.index() + 1))
}

/// Builds the PDF of a laid-out document (before finishing: outline, fields, PDF/A).
pub fn write(doc: &Document, images: &[Image], title: &str) -> lopdf::Document {
    let theme = &doc.theme;
    let mut pdf = PdfDocument::new(title);
    let faces = subset_faces(doc);
    for v in Variant::ALL {
        if let Some(f) = &faces[v.index()] {
            pdf.resources
                .fonts
                .map
                .insert(font_id(v), printpdf::font::PdfFont::new(f.parsed.clone()));
        }
    }
    let remap = |v: Variant, gid: u16| {
        faces[v.index()]
            .as_ref()
            .and_then(|f| f.remapper.get(gid))
            .unwrap_or(0)
    };
    for (i, img) in images.iter().enumerate() {
        let raw = RawImage {
            pixels: RawImageData::U8(img.pixels.clone()),
            width: img.width as usize,
            height: img.height as usize,
            data_format: if img.alpha {
                RawImageFormat::RGBA8
            } else {
                RawImageFormat::RGB8
            },
            tag: Vec::new(),
        };
        pdf.resources.xobjects.map.insert(
            XObjectId(format!("Im{}", i + 1)),
            printpdf::XObject::Image(raw),
        );
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
                Draw::Text {
                    x,
                    y,
                    variant,
                    size,
                    color: c,
                    glyphs,
                    angle,
                    ..
                } => {
                    if font != Some((*variant, *size)) {
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font_id(*variant)),
                            size: Pt(*size),
                        });
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
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(codepoints(glyphs, *size, |g| {
                            remap(*variant, g)
                        }))],
                    });
                }
                Draw::HiddenText { x, y, size, glyphs } => {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(Variant::Regular)),
                        size: Pt(*size),
                    });
                    font = Some((Variant::Regular, *size));
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Invisible,
                    });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(*x), Pt(h - *y)),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(codepoints(glyphs, *size, |g| {
                            remap(Variant::Regular, g)
                        }))],
                    });
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    });
                }
                Draw::Rect {
                    x,
                    y,
                    w,
                    h: rh,
                    fill: f,
                    stroke,
                } => {
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
                                    .map(|&(px, py)| LinePoint {
                                        p: Point {
                                            x: Pt(px),
                                            y: Pt(py),
                                        },
                                        bezier: false,
                                    })
                                    .collect(),
                            }],
                            mode,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                }
                Draw::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color: c,
                    ..
                } => {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x1),
                                        y: Pt(h - *y1),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x2),
                                        y: Pt(h - *y2),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Draw::Image {
                    image,
                    x,
                    y,
                    w,
                    h: ih,
                } => {
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
                Draw::Link {
                    x,
                    y,
                    w,
                    h: lh,
                    target,
                } => {
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
                        ops.push(Op::LinkAnnotation {
                            link: LinkAnnotation::new(
                                rect,
                                actions,
                                Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
                                None,
                                None,
                            ),
                        });
                    }
                }
                Draw::Anchor { .. } | Draw::SignatureArea { .. } => {}
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        pages.push(PdfPage::new(
            printpdf::Mm(theme.page_width * 25.4 / 72.0),
            printpdf::Mm(h * 25.4 / 72.0),
            ops,
        ));
    }
    pdf.with_pages(pages);
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    name_subset_fonts(&mut lo, &faces);
    lo
}

/// Glyphs with their TJ adjustments: the difference between where the viewer would put the
/// next glyph (the glyph's own advance) and where the layout put it (kerning, justification).
fn codepoints(glyphs: &[PlacedGlyph], size: f32, remap: impl Fn(u16) -> u16) -> Vec<Codepoint> {
    let upem_scale = 1000.0 / size.max(0.001);
    glyphs
        .iter()
        .map(|g| {
            let offset = (g.nominal - g.advance) * upem_scale;
            Codepoint {
                gid: remap(g.gid),
                offset: if offset.abs() < 0.01 { 0.0 } else { offset },
                cid: Some(g.text.to_string()),
            }
        })
        .collect()
}

/// Gives each embedded font its subset name ("ABCDEF+NotoSans-Bold") in the font
/// dictionaries and descriptors, as PDF readers expect of a subset font.
fn name_subset_fonts(lo: &mut lopdf::Document, faces: &[Option<SubsetFace>; 4]) {
    use lopdf::Object;
    // printpdf names the font after its resource id (or the font's name): find each Type0
    // font by the resource name F1..F4 on the pages, then its descendant and descriptor.
    let mut targets: Vec<(lopdf::ObjectId, String)> = Vec::new();
    for (_, page_id) in lo.get_pages() {
        let Ok(fonts) = lo.get_page_fonts(page_id) else {
            continue;
        };
        for (name, dict) in fonts {
            let Ok(name) = std::str::from_utf8(&name) else {
                continue;
            };
            let Some(v) = Variant::ALL.iter().find(|v| font_id(**v).0 == name) else {
                continue;
            };
            let Some(face) = &faces[v.index()] else {
                continue;
            };
            if let Ok(Object::Array(desc)) = dict.get(b"DescendantFonts") {
                if let Some(Object::Reference(id)) = desc.first() {
                    targets.push((*id, face.tag.clone()));
                }
            }
        }
    }
    let mut type0: Vec<(lopdf::ObjectId, String)> = Vec::new();
    for (id, obj) in lo.objects.iter() {
        if let Ok(d) = obj.as_dict() {
            if d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Type0") {
                if let Ok(Object::Array(desc)) = d.get(b"DescendantFonts") {
                    if let Some(Object::Reference(cid)) = desc.first() {
                        if let Some((_, tag)) = targets.iter().find(|(t, _)| t == cid) {
                            type0.push((*id, tag.clone()));
                        }
                    }
                }
            }
        }
    }
    for (id, tag) in targets.into_iter().chain(type0) {
        let mut descriptor = None;
        if let Ok(Object::Dictionary(d)) = lo.get_object_mut(id) {
            d.set("BaseFont", Object::Name(tag.clone().into_bytes()));
            if let Ok(Object::Reference(fd)) = d.get(b"FontDescriptor") {
                descriptor = Some(*fd);
            }
        }
        if let Some(fd) = descriptor {
            if let Ok(Object::Dictionary(d)) = lo.get_object_mut(fd) {
                d.set("FontName", Object::Name(tag.into_bytes()));
            }
        }
    }
}
