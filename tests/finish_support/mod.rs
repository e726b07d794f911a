//! Shared helpers for the PDF finishing tests: a small printpdf document built the way the
//! typesetter builds one (fonts with fixed ids, internal and external links), and the finishing
//! parameters the tests use.

#![allow(dead_code)]

use pacte::pdf::finish::{Bookmark, Finish, SignatureField};
use printpdf::{
    Actions, Destination, FontId, LinkAnnotation, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

/// The font the test pages are set in.
const FONT: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");

/// Builds a `pages`-page A4 document: one line of text per page in the embedded Noto Sans
/// (with accents), a link on page 1 to page 3 and a link to a web address.
pub fn printpdf_document(pages: usize) -> lopdf::Document {
    printpdf_document_with(pages, printpdf::PdfConformance::default())
}

/// [`printpdf_document`] with a printpdf conformance level, which makes printpdf add its own
/// output intent (CMYK, `GTS_PDFX`) and, for PDF/X, an XMP packet with a random id.
pub fn printpdf_document_with(
    pages: usize,
    conformance: printpdf::PdfConformance,
) -> lopdf::Document {
    let font = ParsedFont::from_bytes(FONT, 0, &mut Vec::new()).expect("Noto Sans parses");
    let mut doc = PdfDocument::new("ignored: the finishing sets the title");
    doc.metadata.info.conformance = conformance;
    let font_id = FontId("F1".into());
    doc.resources
        .fonts
        .map
        .insert(font_id.clone(), printpdf::PdfFont::new(font));
    let mut out = Vec::new();
    for n in 0..pages {
        let mut ops = vec![
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font_id.clone()),
                size: Pt(14.0),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(72.0),
                    y: Pt(760.0),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(format!(
                    "Pacte territorial d'insertion — page {} : « Préfet », Département",
                    n + 1
                ))],
            },
            Op::EndTextSection,
        ];
        if n == 0 {
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect::from_xywh(Pt(72.0), Pt(700.0), Pt(200.0), Pt(20.0)),
                    Actions::go_to(Destination::Xyz {
                        page: 3,
                        left: None,
                        top: Some(800.0),
                        zoom: None,
                    }),
                    None,
                    None,
                    None,
                ),
            });
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect::from_xywh(Pt(72.0), Pt(660.0), Pt(200.0), Pt(20.0)),
                    Actions::uri("https://www.legifrance.gouv.fr/".into()),
                    None,
                    None,
                    None,
                ),
            });
        }
        out.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }
    doc.with_pages(out);
    let mut warnings = Vec::new();
    doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings)
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

/// The finishing description of the test document.
pub fn finish_params(title: &str) -> Finish {
    Finish {
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

/// The finished three-page test document.
pub fn finished_pdf(title: &str) -> Vec<u8> {
    pacte::pdf::finish::finish(printpdf_document(3), &finish_params(title)).expect("finishing")
}
