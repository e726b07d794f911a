//! From a pact and its laid-out document to the [`Meta`] description the writer needs:
//! metadata and dates, the nested outline, one signature field per signatory.

use super::RenderOptions;
use crate::layout::coords::PageSpace;
use crate::layout::document::{Document, OutlineEntry};
use crate::model::{Pacte, Personne, Signataire};
use crate::pdf::{Bookmark, Meta, SignatureField};

/// The description of the PDF of `pacte` laid out as `doc`, titled `title`.
pub fn describe(pacte: &Pacte, doc: &Document, title: &str, options: &RenderOptions) -> Meta {
    let space = PageSpace::new(doc.theme.page_height);
    Meta {
        title: title.to_string(),
        author: pacte
            .metadonnees
            .service_emetteur
            .clone()
            .or_else(|| Some(format!("Département {}", pacte.departement.de))),
        subject: pacte
            .metadonnees
            .sujet
            .clone()
            .or_else(|| Some(format!("{} {}", pacte.titre, pacte.periode.libelle()))),
        keywords: pacte.metadonnees.mots_cles.clone(),
        creator: format!("pacte {}", env!("CARGO_PKG_VERSION")),
        creation_date: creation_date(pacte, options),
        language: "fr-FR".into(),
        bookmarks: nest(&doc.outline, doc, space),
        signature_fields: {
            let people = pacte.personnes_signataires();
            doc.signatures
                .iter()
                .filter_map(|s| {
                    let (block, who) = people.get(s.index)?;
                    Some(SignatureField {
                        name: field_name(s.index, who),
                        tooltip: tooltip(block, who),
                        page: s.page,
                        rect: {
                            let [x, y, w, h] = s.rect;
                            space.rect(x, y, w, h)
                        },
                    })
                })
                .collect()
        },
        pdfa: options.pdfa,
    }
}

/// The field's accessible name (`/TU`): "Pour l'État – Le Préfet", then the name when the
/// pact gives it: "Pour la CAF de la Sarthe – Par délégation,\nLe Directeur adjoint – Jeanne
/// Martin" (the quality's line breaks kept, as printed).
fn tooltip(block: &Signataire, who: &Personne) -> String {
    let mut t = format!(
        "{} – {}",
        block.ligne_pour().trim_end_matches(','),
        who.lignes_qualite().join("\n")
    );
    if let Some(nom) = &who.nom {
        t.push_str(" – ");
        t.push_str(nom.trim());
    }
    t
}

/// The signature field's name: `Sig03_Prefet`, from the order and the signatory's id (or
/// quality); ASCII letters and digits only, no dots.
pub fn field_name(index: usize, s: &Personne) -> String {
    let source =
        s.id.as_ref()
            .map(|i| i.to_string())
            .unwrap_or_else(|| s.qualite.clone());
    let mut name = String::new();
    let mut upper = true;
    for c in source.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            name.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    name.truncate(40);
    format!("Sig{:02}_{name}", index + 1)
}

fn fold(c: char) -> Vec<char> {
    use unicode_normalization::UnicodeNormalization;
    c.to_string().nfd().filter(|c| c.is_ascii()).collect()
}

/// Creation date: the pact's, else SOURCE_DATE_EPOCH, else 1 January of the period's start.
fn creation_date(p: &Pacte, options: &RenderOptions) -> i64 {
    if let Some(d) = p.metadonnees.date_creation {
        return d.jours_depuis_1970() * 86_400;
    }
    if let Some(e) = options.source_date_epoch {
        return e;
    }
    crate::model::Date::new(p.periode.debut.max(1970), 1, 1)
        .map(|d| d.jours_depuis_1970() * 86_400)
        .unwrap_or(0)
}

/// Flat outline entries with levels → a tree of bookmarks with their pages.
fn nest(entries: &[OutlineEntry], doc: &Document, space: PageSpace) -> Vec<Bookmark> {
    fn build(
        entries: &[OutlineEntry],
        i: &mut usize,
        level: u8,
        doc: &Document,
        space: PageSpace,
    ) -> Vec<Bookmark> {
        let mut out = Vec::new();
        while *i < entries.len() && entries[*i].level >= level {
            let e = &entries[*i];
            *i += 1;
            let (page, y) = doc.anchors.get(&e.anchor).copied().unwrap_or((0, 0.0));
            let children = build(entries, i, e.level + 1, doc, space);
            out.push(Bookmark {
                title: e.title.clone(),
                page,
                y: space.y(y) + 4.0,
                children,
            });
        }
        out
    }
    let mut i = 0;
    let mut all = Vec::new();
    while i < entries.len() {
        let level = entries[i].level;
        all.extend(build(entries, &mut i, level, doc, space));
    }
    all
}
