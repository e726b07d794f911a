//! TEMPORARY stand-in for the renderer, so that the batch can be built and tested before
//! `pacte::render` exists. It is replaced at merge time by
//! `pacte::render::render_pdf(&Pacte, &RenderOptions) -> Result<Vec<u8>, RenderError>`;
//! its only caller is `batch::render_pdf`.
//!
//! It writes one A4 page in a built-in font: the title, the subtitle, the département and
//! the signature blocks' first lines ("Pour …," and the quality). No body text.

use crate::model::Pacte;
use printpdf::{BuiltinFont, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem};
use std::path::Path;

/// Renders a one-page summary of `pacte` as PDF bytes (stand-in for the real renderer;
/// `base_dir` is where relative logo paths would start from, unused here).
pub fn render_pdf(pacte: &Pacte, base_dir: &Path) -> Result<Vec<u8>, String> {
    let _ = base_dir;
    let mut lignes: Vec<(BuiltinFont, f32, String)> = vec![(BuiltinFont::HelveticaBold, 18.0, pacte.titre.clone())];
    if let Some(s) = &pacte.sous_titre {
        lignes.push((BuiltinFont::Helvetica, 13.0, s.clone()));
    }
    let d = &pacte.departement;
    lignes.push((BuiltinFont::Helvetica, 11.0, format!("{} ({})", d.nom, d.code)));
    lignes.push((BuiltinFont::Helvetica, 11.0, String::new()));
    for s in &pacte.signataires {
        lignes.push((BuiltinFont::Helvetica, 10.0, s.ligne_pour()));
        lignes.push((BuiltinFont::Helvetica, 10.0, s.qualite.clone()));
    }
    let mut ops = vec![Op::StartTextSection, Op::SetTextCursor { pos: Point::new(Mm(20.0), Mm(270.0)) }];
    for (police, taille, texte) in lignes {
        ops.push(Op::SetFont { font: PdfFontHandle::Builtin(police), size: Pt(taille) });
        ops.push(Op::SetLineHeight { lh: Pt(taille * 1.4) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(texte)] });
        ops.push(Op::AddLineBreak);
    }
    ops.push(Op::EndTextSection);
    let mut doc = PdfDocument::new(&pacte.titre);
    let octets =
        doc.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)]).save(&PdfSaveOptions::default(), &mut Vec::new());
    if octets.starts_with(b"%PDF-") {
        Ok(octets)
    } else {
        Err("the PDF writer produced no document".into())
    }
}
