//! The parts around the articles, as the PDF sets them: the list of sigles (after the
//! sommaire or as the last annex), the index of the fiches-action (likewise), the visas,
//! the annexes after the signatories.

use super::document::Page;
use super::escape;
use super::inline::{self, Sigles};
use crate::model::{PlacementFiches, PlacementSigles};

impl Page<'_> {
    /// The list of sigles after the sommaire, when the pact places it there.
    pub(crate) fn sigles_apres_sommaire(&mut self) {
        let p = self.pacte;
        if p.placement_sigles() == Some(PlacementSigles::ApresSommaire) {
            self.heading(&p.titres.sigles, 1, false, true);
            self.table_sigles();
        }
    }

    /// The list as a table: each acronym the header of its row, in `<abbr title>`.
    fn table_sigles(&mut self) {
        let none = Sigles::default();
        let mut t = String::from("\n<table class=\"sigles\">\n<caption>");
        inline::plain(&mut t, &self.titre_courant.clone(), &none);
        t.push_str("</caption>\n<thead><tr><th scope=\"col\">Sigle</th><th scope=\"col\">Signification</th></tr></thead>\n<tbody>");
        for s in self.pacte.liste_des_sigles() {
            // The acronym expanded for assistive technologies and on hover, as in the text.
            t.push_str("\n<tr><th scope=\"row\"><abbr title=\"");
            t.push_str(&escape::attr(&s.definition));
            t.push_str("\">");
            inline::plain(&mut t, &s.sigle, &none);
            t.push_str("</abbr></th><td>");
            inline::plain(&mut t, &s.definition, &none);
            t.push_str("</td></tr>");
        }
        t.push_str("\n</tbody>\n</table>");
        self.out.push_str(&t);
    }

    /// The visas: the pact's deliberations, then the signatories' authorisations.
    pub(crate) fn visas(&mut self) {
        let p = self.pacte;
        let mut lignes = p.lignes_visas();
        if let Some(pacte_modifie) = &self.avenant {
            let fin = if lignes.is_empty() { "," } else { " ;" };
            lignes.insert(0, format!("{pacte_modifie}{fin}"));
        }
        if lignes.is_empty() {
            return;
        }
        self.heading(&p.titres.visas, 1, false, true);
        let s = self.sigles.partout();
        self.out.push_str("\n<div class=\"visas\">");
        for l in &lignes {
            self.out.push_str("\n<p>");
            inline::plain(&mut self.out, l, &s);
            self.out.push_str("</p>");
        }
        self.out.push_str("\n</div>");
    }

    /// The annexes, each starting a new page in print, then the list of sigles when it is
    /// an annex.
    pub(crate) fn annexes(&mut self) {
        let p = self.pacte;
        for (k, a) in p.annexes.iter().enumerate() {
            self.heading(&p.titres.titre_annexe(k + 1, &a.titre), 1, false, true);
            self.texte(&a.texte);
        }
        if p.placement_sigles() == Some(PlacementSigles::Annexe) {
            let titre = p.titres.titre_annexe(p.annexes.len() + 1, &p.titres.sigles);
            self.heading(&titre, 1, false, true);
            self.table_sigles();
        }
        if p.placement_fiches() == Some(PlacementFiches::Annexe) {
            let titre = p
                .titres
                .titre_annexe(p.numero_annexe_fiches(), &p.titres.fiches);
            self.fiches(&titre);
        }
    }

    /// The index of the fiches-action after the sommaire, when the pact places it there.
    pub(crate) fn fiches_apres_sommaire(&mut self) {
        let p = self.pacte;
        if p.placement_fiches() == Some(PlacementFiches::ApresSommaire) {
            self.fiches(&p.titres.fiches);
        }
    }

    /// The index: fiche by fiche, its title (a term, not a heading, as in the PDF: the
    /// headings of levels 1–2 are the sommaire's), then the engagements citing it, each a
    /// link to its place.
    fn fiches(&mut self, titre: &str) {
        self.heading(titre, 1, false, true);
        let none = Sigles::default();
        let mut t = String::from("\n<dl class=\"fiches\">");
        for f in self.pacte.index_des_fiches() {
            t.push_str("\n<dt>");
            inline::plain(&mut t, &f.heading(), &none);
            t.push_str("</dt>\n<dd><ul>");
            for r in &f.renvois {
                t.push_str(&format!(
                    "\n<li><a href=\"#{}\"><strong>",
                    escape::attr(&r.ancre)
                ));
                inline::plain(&mut t, r.who(), &none);
                t.push_str("</strong> – ");
                inline::plain(&mut t, &r.excerpt(), &none);
                t.push_str("</a></li>");
            }
            t.push_str("\n</ul></dd>");
        }
        t.push_str("\n</dl>");
        self.out.push_str(&t);
    }
}
