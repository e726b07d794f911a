//! The list of sigles: a two-column table (acronym, definition), sorted the French way,
//! after the sommaire or as the last annex.

use super::Composer;
use crate::model::PlacementSigles;

impl Composer<'_, '_> {
    /// The list of sigles on its own page after the sommaire, when the pact places it there.
    pub(super) fn sigles_apres_sommaire(&mut self) {
        let p = self.pacte;
        if p.placement_sigles() == Some(PlacementSigles::ApresSommaire) {
            self.flow.page_break();
            self.heading(&p.titres.sigles, 1, false);
            self.table_sigles();
        }
    }

    /// The table: a header row, then one row per acronym, the acronym in bold.
    pub(super) fn table_sigles(&mut self) {
        let header = vec![
            self.plain("Sigle", true, false),
            self.plain("Signification", true, false),
        ];
        let rows: Vec<Vec<_>> = self
            .pacte
            .liste_des_sigles()
            .iter()
            .map(|s| {
                vec![
                    self.plain(&s.sigle, true, false),
                    self.plain(&s.definition, false, false),
                ]
            })
            .collect();
        self.table(&header, &rows, 0.0, true);
    }
}
