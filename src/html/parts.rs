//! The parts of a pact in the PDF's order, with its headings, levels and numbering:
//! editorial, preamble, free sections, partners, governance (with its synthesis table),
//! duration, signatories; the parts around them are in `annexes.rs`.

use super::document::Page;
use super::escape;
use super::inline::{self, Sigles};
use crate::model::{Instance, Membre, Pacte, Partenaire, Position, Rubrique, Section};

impl Page<'_> {
    /// The body of the document after the sommaire, in the PDF's order (see
    /// `layout::document`): the list of sigles, the editorial, the visas, the articles, the
    /// signatories, the annexes.
    pub(crate) fn body(&mut self) {
        self.sigles_apres_sommaire();
        self.fiches_apres_sommaire();
        self.editorial();
        self.visas();
        self.articles();
        self.signatures();
        self.annexes();
    }

    fn editorial(&mut self) {
        if let Some(e) = &self.pacte.editorial {
            self.heading(e.titre.as_deref().unwrap_or("Éditorial"), 1, false, true);
            if let Some(c) = &e.citation {
                self.citation(&c.texte, &c.auteur, c.qualite.as_deref());
            }
            self.texte(&e.texte);
        }
    }

    /// Preamble, free sections, partners, governance, duration.
    fn articles(&mut self) {
        let p = self.pacte;
        if self.avenant.is_some() {
            // An avenant's articles follow its visas: "Il est convenu ce qui suit :".
            let s = self.sigles.partout();
            self.out.push_str("\n<p><strong>");
            inline::plain(&mut self.out, "Il est convenu ce qui suit :", &s);
            self.out.push_str("</strong></p>");
            for s in &p.sections {
                self.section(s, 1, false, false);
            }
            return;
        }
        if let Some(s) = &p.preambule {
            self.section(s, 1, false, true);
        }
        let mut first = true;
        for s in p.sections.iter() {
            if s.position == Position::AvantPartenaires {
                self.section(s, 1, s.numerotee, first);
                first = false;
            }
        }
        self.partenaires(p);
        self.sections_a(p, Position::ApresPartenaires);
        self.gouvernance(p);
        self.sections_a(p, Position::ApresGouvernance);
        if !p.duree.is_empty() {
            self.heading(&p.titres.duree, 1, true, false);
            self.texte(&p.duree);
        }
    }

    fn sections_a(&mut self, p: &Pacte, position: Position) {
        for s in p.sections.iter().filter(|s| s.position == position) {
            self.section(s, 1, s.numerotee, false);
        }
    }

    fn section(&mut self, s: &Section, level: u8, numbered: bool, page_break: bool) {
        self.heading(&s.titre, level, numbered, page_break);
        self.texte(&s.texte);
        for sous in &s.sous_sections {
            self.section(sous, (level + 1).min(4), false, false);
        }
    }

    fn partenaires(&mut self, p: &Pacte) {
        if p.partenaires.is_empty() {
            return;
        }
        self.heading(&p.titres.partenaires, 1, true, true);
        self.texte(&p.introduction_partenaires);
        for x in &p.partenaires {
            self.partenaire(x, 2);
        }
    }

    fn partenaire(&mut self, x: &Partenaire, level: u8) {
        let titres = &self.pacte.titres;
        self.heading(x.titre_section(), level, false, false);
        self.texte(&x.presentation);
        let sub = (level + 1).min(4);
        self.rubrique(
            x.contexte_legislatif.as_ref(),
            &titres.contexte_legislatif,
            sub,
        );
        self.rubrique(x.orientations.as_ref(), &titres.orientations, sub);
        for s in &x.sous_sections {
            self.section(s, sub, false, false);
        }
        if !x.engagements.is_empty() || !x.engagements_introduction.is_empty() {
            let titre = x
                .engagements_titre
                .as_deref()
                .unwrap_or(&titres.engagements);
            self.heading(titre, sub, false, false);
            self.texte(&x.engagements_introduction);
            let ancre = crate::model::anchor_of(x.id.as_str(), &[]);
            self.engagements(&x.engagements, &ancre);
            self.texte(&x.engagements_conclusion);
        }
        for s in &x.sous_partenaires {
            self.partenaire(s, sub);
        }
    }

    fn rubrique(&mut self, r: Option<&Rubrique>, defaut: &str, level: u8) {
        if let Some(r) = r {
            self.heading(r.titre.as_deref().unwrap_or(defaut), level, false, false);
            self.texte(&r.texte);
        }
    }

    fn gouvernance(&mut self, p: &Pacte) {
        let g = &p.gouvernance;
        if g.groupes.is_empty() && g.introduction.is_empty() {
            return;
        }
        // Within the governance, the instances' acronyms are marked too.
        let avant = self.sigles.clone();
        for i in p.instances() {
            if let Some(s) = &i.sigle {
                self.sigles.ajouter(s, &i.nom);
            }
        }
        let titre = g.titre.as_deref().unwrap_or("La gouvernance du Pacte");
        self.heading(titre, 1, true, true);
        self.texte(&g.introduction);
        for groupe in &g.groupes {
            self.heading(&groupe.titre, 2, false, false);
            self.texte(&groupe.introduction);
            for inst in &groupe.instances {
                self.instance(inst);
            }
        }
        self.texte(&g.conclusion);
        if g.tableau_synthese && p.instances().next().is_some() {
            self.synthese(p);
        }
        self.sigles = avant;
    }

    fn instance(&mut self, i: &Instance) {
        self.heading(&i.titre_section(), 3, false, false);
        self.texte(&i.description);
        for (label, t) in [
            ("Composition", &i.composition),
            ("Périmètre d'action", &i.perimetre),
            ("Évolution préconisée", &i.evolution),
        ] {
            if !t.is_empty() {
                self.heading(label, 4, false, false);
                self.texte(t);
            }
        }
    }

    /// The governance synthesis table: one row per instance, its name as the row's header.
    fn synthese(&mut self, p: &Pacte) {
        self.heading("Synthèse du schéma de gouvernance", 2, false, false);
        let s = &self.sigles.partout();
        let mut t = String::from("\n<table class=\"synthese\">\n<caption>");
        inline::plain(
            &mut t,
            "Les instances du Pacte : pilotage, fréquence des réunions et membres",
            &Sigles::default(),
        );
        t.push_str("</caption>\n<thead><tr>");
        for h in ["Instance", "Pilotage", "Fréquence", "Membres"] {
            t.push_str(&format!("<th scope=\"col\">{h}</th>"));
        }
        t.push_str("</tr></thead>\n<tbody>");
        for i in p.instances() {
            let nom = match &i.sigle {
                Some(sg) => format!("{} ({sg})", i.nom),
                None => i.nom.clone(),
            };
            let pilote = i
                .pilote
                .as_ref()
                .map(|m| membre(p, m, s))
                .unwrap_or_else(|| "—".into());
            let membres = if i.membres.is_empty() {
                "—".to_string()
            } else {
                let noms: Vec<String> = i.membres.iter().map(|m| membre(p, m, s)).collect();
                noms.join(", ")
            };
            let frequence = inline::plain_string(i.frequence.as_deref().unwrap_or("—"), s);
            t.push_str(&format!(
                "\n<tr><th scope=\"row\">{}</th><td>{pilote}</td><td>{frequence}</td><td>{membres}</td></tr>",
                inline::plain_string(&nom, s)
            ));
        }
        t.push_str("\n</tbody>\n</table>");
        self.out.push_str(&t);
    }

    /// The editorial's quote between guillemets, then its author and role.
    fn citation(&mut self, texte: &str, auteur: &str, qualite: Option<&str>) {
        let s = &self.sigles;
        let mut h = String::from("\n<figure class=\"citation\">\n<blockquote><p>");
        inline::plain(&mut h, &format!("« {} »", texte.trim()), s);
        h.push_str("</p></blockquote>\n<figcaption><strong>");
        inline::plain(&mut h, auteur, s);
        h.push_str("</strong>");
        if let Some(q) = qualite {
            h.push_str("<br><em>");
            inline::plain(&mut h, q, s);
            h.push_str("</em>");
        }
        h.push_str("</figcaption>\n</figure>");
        self.out.push_str(&h);
    }
}

/// How a member is named in the synthesis table, as HTML: a partner by its acronym
/// (`<abbr title>`) or its name, another body by its label.
fn membre(p: &Pacte, m: &Membre, sigles: &Sigles) -> String {
    match (&m.partenaire, &m.libelle) {
        (_, Some(l)) => inline::plain_string(l, sigles),
        (Some(id), None) => match p.partenaire(id.as_str()) {
            Some(x) => inline::plain_string(x.sigle.as_deref().unwrap_or(&x.nom), sigles),
            None => escape::text(id.as_str()),
        },
        (None, None) => String::new(),
    }
}
