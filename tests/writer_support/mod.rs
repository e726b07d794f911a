//! Shared helpers for the PDF writer tests: a small laid-out document built by hand the way
//! the layout builds one (a line of Noto Sans text per page, an internal and an external
//! link), and the description (metadata, outline, signature fields) the tests write it with.

#![allow(dead_code)]

use pacte::internals::Document;
use pacte::internals::Page;
use pacte::internals::Variant;
use pacte::internals::{Bookmark, Meta, SignatureField};
use pacte::internals::{Draw, LinkTarget, PlacedGlyph, Role};
use pacte::{Rgb, Theme};
use rustybuzz::ttf_parser;

/// Size of the test text, pt.
const SIZE: f32 = 14.0;

/// `text` as glyphs of Noto Sans Regular at [`SIZE`], each advancing by its own width
/// (no kerning), each carrying its character for the ToUnicode map.
fn glyphs(text: &str) -> Vec<PlacedGlyph> {
    let face = ttf_parser::Face::parse(Variant::Regular.bytes(), 0).expect("Noto Sans parses");
    let scale = SIZE / f32::from(face.units_per_em());
    text.chars()
        .map(|c| {
            let gid = face.glyph_index(c).expect("Noto Sans has the glyph");
            let advance = f32::from(face.glyph_hor_advance(gid).unwrap_or(0)) * scale;
            PlacedGlyph {
                gid: gid.0,
                text: c.to_string().into(),
                advance,
                nominal: advance,
            }
        })
        .collect()
}

/// A `pages`-page A4 document: one line of text per page (with accents), a link on page 1
/// to the anchor at the top of the last page and a link to a web address.
pub fn document(pages: usize) -> Document {
    let theme = Theme::default();
    let mut anchors = std::collections::HashMap::new();
    let out = (0..pages)
        .map(|n| {
            let mut draws = vec![Draw::Text {
                x: 72.0,
                y: 80.0,
                variant: Variant::Regular,
                size: SIZE,
                color: Rgb(0.1, 0.1, 0.12),
                glyphs: glyphs(&format!(
                    "Pacte territorial d'insertion — page {} : « Préfet », Département",
                    n + 1
                )),
                role: Role::Paragraph,
                angle: 0.0,
            }];
            if n == 0 {
                draws.push(Draw::Link {
                    x: 72.0,
                    y: 120.0,
                    w: 200.0,
                    h: 20.0,
                    target: LinkTarget::Anchor("annexe".into()),
                });
                draws.push(Draw::Link {
                    x: 72.0,
                    y: 160.0,
                    w: 200.0,
                    h: 20.0,
                    target: LinkTarget::Uri("https://www.legifrance.gouv.fr/".into()),
                });
            }
            if n + 1 == pages {
                anchors.insert("annexe".to_string(), (n, 60.0));
                draws.push(Draw::Anchor {
                    id: "annexe".into(),
                    y: 60.0,
                });
            }
            Page { draws }
        })
        .collect();
    Document {
        pages: out,
        anchors,
        toc: vec![],
        outline: vec![],
        signatures: vec![],
        theme,
    }
}

/// The three signature fields of the test document, side by side at the bottom of page 2.
pub fn signature_fields() -> Vec<SignatureField> {
    let names = [
        (
            "Sig01_President_CD",
            "Pour le Département – Le Président du Conseil départemental",
        ),
        ("Sig02_Prefet", "Pour l'Etat – Le Préfet du Vaucluse"),
        ("Sig03_Directeur_CAF", "Pour la CAF – Le Directeur"),
    ];
    names
        .iter()
        .enumerate()
        .map(|(i, (name, tooltip))| {
            let x = 56.0 + 170.0 * i as f32;
            SignatureField {
                name: (*name).into(),
                tooltip: (*tooltip).into(),
                page: 1,
                rect: [x, 100.0, x + 150.0, 170.0],
            }
        })
        .collect()
}

/// Nested bookmarks: two top-level entries, the second with two children, one of which has
/// a child.
pub fn bookmarks() -> Vec<Bookmark> {
    let leaf = |title: &str, page: usize, y: f32| Bookmark {
        title: title.into(),
        page,
        y,
        children: vec![],
    };
    vec![
        leaf("Préambule", 0, 800.0),
        Bookmark {
            title: "Engagements des signataires".into(),
            page: 1,
            y: 780.0,
            children: vec![
                leaf("L'État & le Département", 1, 700.0),
                Bookmark {
                    title: "Signatures".into(),
                    page: 1,
                    y: 200.0,
                    children: vec![leaf("Annexe « financement »", 2, 800.0)],
                },
            ],
        },
    ]
}

/// The description of the test document.
pub fn meta(title: &str) -> Meta {
    Meta {
        title: title.into(),
        author: Some("Département de Vaucluse & État".into()),
        subject: Some("Pacte territorial d'insertion <2017-2020>".into()),
        keywords: vec!["PTI".into(), "insertion".into(), "RSA".into()],
        creator: "pacte test".into(),
        creation_date: 1_700_000_000,
        language: "fr-FR".into(),
        bookmarks: bookmarks(),
        signature_fields: signature_fields(),
        pdfa: true,
    }
}

/// The three-page test document written as a PDF.
pub fn written_pdf(title: &str) -> Vec<u8> {
    pacte::internals::write(&document(3), &Default::default(), &meta(title)).expect("writing")
}
