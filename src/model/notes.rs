//! Footnotes of a Markdown text: each call gets its definition's text.

use super::texte::{Bloc, Inline};

/// A label that has a call but no definition, or a definition but no call.
pub(crate) enum Orpheline {
    /// Called, never defined.
    Appel(String),
    /// Defined, never called.
    Definition(String),
}

/// Fills the text's empty notes (`Inline::Note`, one per call, in reading order) with the
/// definitions of their labels `appels`; refuses a call without a definition and a
/// definition without a call.
pub(crate) fn resoudre(
    blocs: &mut [Bloc],
    appels: Vec<String>,
    mut notes: Vec<(String, Vec<Inline>)>,
) -> Result<(), Orpheline> {
    if appels.is_empty() && notes.is_empty() {
        return Ok(());
    }
    let mut contenus = Vec::with_capacity(appels.len());
    for label in &appels {
        let Some(k) = notes.iter().position(|(l, _)| l == label) else {
            return Err(Orpheline::Appel(label.clone()));
        };
        contenus.push(notes.remove(k).1);
    }
    if let Some((label, _)) = notes.first() {
        return Err(Orpheline::Definition(label.clone()));
    }
    let mut contenus = contenus.into_iter();
    for b in blocs {
        dans_bloc(b, &mut contenus);
    }
    Ok(())
}

fn dans_bloc(b: &mut Bloc, contenus: &mut impl Iterator<Item = Vec<Inline>>) {
    match b {
        Bloc::Paragraphe { contenu } => dans_inlines(contenu, contenus),
        Bloc::Liste { items, .. } => {
            for b in items.iter_mut().flatten() {
                dans_bloc(b, contenus);
            }
        }
        Bloc::Citation { contenu } => {
            for b in contenu {
                dans_bloc(b, contenus);
            }
        }
        Bloc::Tableau(t) => {
            let titres = t.colonnes.iter_mut().map(|c| &mut c.titre);
            let cellules = t.sous_entetes.iter_mut().chain(t.lignes.iter_mut());
            let cellules = cellules.chain(t.total.iter_mut()).flatten();
            for c in titres.chain(cellules) {
                dans_inlines(&mut c.0, contenus);
            }
        }
        Bloc::Figure(_) => {}
    }
}

fn dans_inlines(inlines: &mut [Inline], contenus: &mut impl Iterator<Item = Vec<Inline>>) {
    for i in inlines {
        match i {
            Inline::Note { contenu } => {
                if let Some(c) = contenus.next() {
                    *contenu = c;
                }
            }
            Inline::Gras { contenu }
            | Inline::Italique { contenu }
            | Inline::Exposant { contenu }
            | Inline::Lien { contenu, .. } => dans_inlines(contenu, contenus),
            Inline::Texte { .. } | Inline::SautDeLigne => {}
        }
    }
}
