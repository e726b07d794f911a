//! The annexes after the signature pages: "Annexe 1 – Titre", each on a new page, in the
//! sommaire and the outline; the list of sigles, then the index of the fiches-action, last
//! when they are annexes.

use super::Composer;
use crate::model::PlacementSigles;

impl Composer<'_, '_> {
    /// The pact's annexes, then the list of sigles and the index of the fiches-action when
    /// they are annexes.
    pub(super) fn annexes(&mut self) {
        let p = self.pacte;
        for (k, a) in p.annexes.iter().enumerate() {
            self.flow.page_break();
            self.heading(&p.titres.titre_annexe(k + 1, &a.titre), 1, false);
            self.texte(&a.texte, 0.0);
        }
        if p.placement_sigles() == Some(PlacementSigles::Annexe) {
            self.flow.page_break();
            let titre = p.titres.titre_annexe(p.annexes.len() + 1, &p.titres.sigles);
            self.heading(&titre, 1, false);
            self.table_sigles();
        }
        self.fiches_annexe();
    }
}
