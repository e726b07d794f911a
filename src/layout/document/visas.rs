//! The visas, after the title pages and before the articles: the deliberations that
//! authorise the pact, then each signatory's authorisation ("Vu la délibération n° …").

use super::Composer;
use crate::layout::paragraph::Align;

impl Composer<'_, '_> {
    /// The visas on a new page, under their heading; nothing when the pact has none.
    pub(super) fn visas(&mut self) {
        let p = self.pacte;
        let mut lignes = p.lignes_visas();
        if let Some(pacte_modifie) = &self.options.avenant {
            let fin = if lignes.is_empty() { "," } else { " ;" };
            lignes.insert(0, format!("{pacte_modifie}{fin}"));
        }
        if lignes.is_empty() {
            return;
        }
        self.flow.page_break();
        self.heading(&p.titres.visas, 1, false);
        let gap = self.theme().parts.visa_gap;
        for l in &lignes {
            self.flow.space(gap);
            self.ligne(l, false, false, Align::Justify);
        }
    }
}
