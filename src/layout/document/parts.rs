//! The parts of a pact's articles, in document order → headings and blocks in the flow.

use super::Composer;
use crate::layout::draw::{Draw, Role};
use crate::layout::flow::{Chunk, Indent};
use crate::layout::paragraph::Align;
use crate::layout::tag::Tag;
use crate::layout::theme::TextStyle;
use crate::model::{
    Inline, Instance, Membre, Pacte, Partenaire, Position, Rubrique, Section, Texte,
};

impl Composer<'_, '_> {
    /// The editorial, on its own page.
    pub(super) fn editorial(&mut self) {
        if let Some(e) = &self.pacte.editorial {
            self.flow.page_break();
            self.heading(e.titre.as_deref().unwrap_or("Éditorial"), 1, false);
            if let Some(c) = &e.citation {
                self.citation(&c.texte, &c.auteur, c.qualite.as_deref());
            }
            self.texte(&e.texte, 0.0);
        }
    }

    /// The articles: preamble, free sections, partners, governance, duration.
    pub(super) fn articles(&mut self) {
        let p = self.pacte;
        if self.options.avenant.is_some() {
            self.articles_avenant();
            return;
        }
        if let Some(s) = &p.preambule {
            self.flow.page_break();
            self.section(s, 1, false);
        }
        let mut first = true;
        for s in p
            .sections
            .iter()
            .filter(|s| s.position == Position::AvantPartenaires)
        {
            if first {
                self.flow.page_break();
                first = false;
            }
            self.section(s, 1, s.numerotee);
        }
        self.partenaires(p);
        for s in p
            .sections
            .iter()
            .filter(|s| s.position == Position::ApresPartenaires)
        {
            self.section(s, 1, s.numerotee);
        }
        self.gouvernance(p);
        for s in p
            .sections
            .iter()
            .filter(|s| s.position == Position::ApresGouvernance)
        {
            self.section(s, 1, s.numerotee);
        }
        if !p.duree.is_empty() {
            self.heading(&p.titres.duree, 1, true);
            self.texte(&p.duree, 0.0);
        }
    }

    /// An avenant's articles, after its visas: "Il est convenu ce qui suit :", then each
    /// article ("Article 1 – Objet") under its heading.
    fn articles_avenant(&mut self) {
        self.flow.space(self.theme().parts.visa_gap * 2.0);
        self.ligne("Il est convenu ce qui suit :", true, false, Align::Left);
        for s in &self.pacte.sections {
            self.section(s, 1, false);
        }
    }

    fn section(&mut self, s: &Section, level: u8, numbered: bool) {
        self.heading(&s.titre, level, numbered);
        self.texte(&s.texte, 0.0);
        for sous in &s.sous_sections {
            self.section(sous, (level + 1).min(4), false);
        }
    }

    fn partenaires(&mut self, p: &Pacte) {
        if p.partenaires.is_empty() {
            return;
        }
        self.flow.page_break();
        self.heading(&p.titres.partenaires, 1, true);
        self.texte(&p.introduction_partenaires, 0.0);
        for (k, x) in p.partenaires.iter().enumerate() {
            if k > 0 {
                self.flow.space(self.theme().partner_gaps[0]);
            }
            self.partenaire(x, 2);
        }
    }

    fn partenaire(&mut self, x: &Partenaire, level: u8) {
        let titres = &self.pacte.titres;
        self.heading_outline(x.titre_section(), level, false, true);
        self.texte(&x.presentation, 0.0);
        let sub = (level + 1).min(4);
        self.rubrique(
            x.contexte_legislatif.as_ref(),
            &titres.contexte_legislatif,
            sub,
        );
        self.rubrique(x.orientations.as_ref(), &titres.orientations, sub);
        for s in &x.sous_sections {
            self.section(s, sub, false);
        }
        if !x.engagements.is_empty() || !x.engagements_introduction.is_empty() {
            let titre = x
                .engagements_titre
                .clone()
                .unwrap_or_else(|| titres.engagements.clone());
            self.heading(&titre, sub, false);
            self.texte(&x.engagements_introduction, 0.0);
            let lead_in = self.flow.ends_with_colon();
            let start = self.flow.chunks.len();
            self.flow.space(self.theme().paragraph_gap * 0.5);
            let ancre = crate::model::anchor_of(x.id.as_str(), &[]);
            self.engagements(&x.engagements, 0.0, 0, &ancre);
            if lead_in {
                self.flow.keep_lead_in(start);
            }
            self.texte(&x.engagements_conclusion, 0.0);
        }
        for s in &x.sous_partenaires {
            self.flow.space(self.theme().partner_gaps[1]);
            self.partenaire(s, sub);
        }
    }

    fn rubrique(&mut self, r: Option<&Rubrique>, defaut: &str, level: u8) {
        if let Some(r) = r {
            self.heading(r.titre.as_deref().unwrap_or(defaut), level, false);
            self.texte(&r.texte, 0.0);
        }
    }

    fn gouvernance(&mut self, p: &Pacte) {
        let g = &p.gouvernance;
        if g.groupes.is_empty() && g.introduction.is_empty() {
            return;
        }
        self.flow.page_break();
        self.heading(
            g.titre.as_deref().unwrap_or("La gouvernance du Pacte"),
            1,
            true,
        );
        self.texte(&g.introduction, 0.0);
        for groupe in &g.groupes {
            self.heading(&groupe.titre, 2, false);
            self.texte(&groupe.introduction, 0.0);
            for inst in &groupe.instances {
                self.instance(inst);
            }
        }
        self.texte(&g.conclusion, 0.0);
        if g.tableau_synthese && p.instances().next().is_some() {
            self.synthese(p);
        }
    }

    /// An instance's sheet: its description, then its rubrics as a table of row headers
    /// and values. The sheet is the place of record: its members, pilot and frequency are
    /// there whether or not the synthesis table sums them up.
    fn instance(&mut self, i: &Instance) {
        self.heading(&i.titre_section(), 3, false);
        self.texte(&i.description, 0.0);
        let p = self.pacte;
        // A value set alone under its rubric starts with a capital, as the synthesis's
        // cells may not ("le Département", "une fois par an").
        let fait = |s: Option<String>| s.map(|s| capitale(s.trim())).filter(|s| !s.is_empty());
        let membres = fait(Some(noms_membres(p, &i.membres)));
        let pilote = fait(i.pilote.as_ref().map(|m| nom_membre(p, m)));
        let frequence = fait(i.frequence.clone());
        let rubriques = [
            ("Composition", Valeur::Texte(&i.composition)),
            ("Membres", Valeur::Liste(membres)),
            ("Pilotage", Valeur::Liste(pilote)),
            ("Fréquence", Valeur::Liste(frequence)),
            ("Périmètre d'action", Valeur::Texte(&i.perimetre)),
            ("Évolution préconisée", Valeur::Texte(&i.evolution)),
        ];
        if rubriques.iter().all(|(_, v)| v.is_empty()) {
            return;
        }
        // The sheet's rubrics label their texts: a table of row headers and values.
        self.flow.begin(Tag::Table);
        for (label, valeur) in rubriques {
            if valeur.is_empty() {
                continue;
            }
            self.flow.begin(Tag::Row);
            self.flow.begin(Tag::HeaderCell { row: true });
            self.heading(label, 4, false);
            self.flow.end();
            self.flow.begin(Tag::Cell);
            match valeur {
                Valeur::Texte(t) => self.texte(t, 0.0),
                // Names, which are never hyphenated: set ragged right, not stretched.
                Valeur::Liste(Some(s)) => {
                    self.paragraphe_aligne(&[Inline::texte(s)], 0.0, Align::Left)
                }
                Valeur::Liste(None) => {}
            }
            self.flow.end();
            self.flow.end();
        }
        self.flow.end();
    }

    /// The governance synthesis table, generated from the model (the seeds' diagrams were lost).
    fn synthese(&mut self, p: &Pacte) {
        self.heading("Synthèse du schéma de gouvernance", 2, false);
        let t = self.theme().table;
        let bold = TextStyle { bold: true, ..t };
        let header: Vec<_> = ["Instance", "Pilotage", "Fréquence", "Membres"]
            .iter()
            .map(|h| self.plain(h, bold.bold, false))
            .collect();
        let rows: Vec<Vec<_>> = p
            .instances()
            .map(|i| {
                let nom = match &i.sigle {
                    Some(s) => format!("{} ({s})", i.nom),
                    None => i.nom.clone(),
                };
                let pilote = i
                    .pilote
                    .as_ref()
                    .map(|m| nom_membre(p, m))
                    .unwrap_or_else(|| "—".into());
                let membres = if i.membres.is_empty() {
                    "—".to_string()
                } else {
                    noms_membres(p, &i.membres)
                };
                vec![
                    self.plain(&nom, true, false),
                    self.plain(&pilote, false, false),
                    self.plain(i.frequence.as_deref().unwrap_or("—"), false, false),
                    self.plain(&membres, false, false),
                ]
            })
            .collect();
        self.table(&header, &rows, 0.0, true);
    }

    /// The editorial's quote: large italics between guillemets, then author and role.
    fn citation(&mut self, texte: &str, auteur: &str, qualite: Option<&str>) {
        let body = self.theme().body;
        let quotes = self.theme().quotes;
        let q = TextStyle {
            size: quotes.citation.size,
            leading: quotes.citation.leading,
            italic: true,
            color: self.theme().primary,
            ..body
        };
        let runs = self.plain(&format!("« {} »", texte.trim()), false, true);
        self.flow.space(quotes.citation_gap);
        self.flow.begin(Tag::Quote);
        let style = self.flow.para_style(&q, Align::Center, Role::Quote);
        self.flow.paragraph(
            &runs,
            Indent {
                left: quotes.citation_indent,
                right: quotes.citation_indent,
            },
            &style,
        );
        self.flow.space(quotes.citation_gap);
        let right = self.flow.para_style(&body, Align::Right, Role::Paragraph);
        let a = self.plain(auteur, true, false);
        self.flow.paragraph(&a, Indent::default(), &right);
        if let Some(qu) = qualite {
            let r = self.plain(qu, false, true);
            self.flow.paragraph(&r, Indent::default(), &right);
        }
        self.flow.end();
        let color = self.theme().secondary;
        let w = self.theme().column_width();
        let [gap, height, from, to, width] = quotes.citation_rule;
        self.flow.push(Chunk {
            height,
            space_before: gap,
            draws: vec![Draw::Line {
                x1: w * from,
                y1: height / 2.0,
                x2: w * to,
                y2: height / 2.0,
                width,
                color,
                dashed: false,
            }],
            ..Chunk::default()
        });
    }

    /// A plain text paragraph (used for short generated texts).
    pub(super) fn ligne(&mut self, text: &str, bold: bool, italic: bool, align: Align) {
        let body = self.theme().body;
        let runs = self.plain(text, bold, italic);
        let style = self.flow.para_style(&body, align, Role::Paragraph);
        self.flow.paragraph(&runs, Indent::default(), &style);
    }
}

/// `s` with its first letter in capital.
fn capitale(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The members' names, joined by commas.
fn noms_membres(p: &Pacte, membres: &[Membre]) -> String {
    membres
        .iter()
        .map(|m| nom_membre(p, m))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a member is named in an instance's sheet and the synthesis table.
fn nom_membre(p: &Pacte, m: &Membre) -> String {
    match (&m.partenaire, &m.libelle) {
        (_, Some(l)) => l.clone(),
        (Some(id), None) => p
            .partenaire(id.as_str())
            .map(|x| x.sigle.clone().unwrap_or_else(|| x.nom.clone()))
            .unwrap_or_else(|| id.to_string()),
        (None, None) => String::new(),
    }
}

/// A rubric's value on an instance's sheet: the pact's rich text, or a value made from
/// the model (a list of members, a pilot, a frequency).
enum Valeur<'t> {
    Texte(&'t Texte),
    Liste(Option<String>),
}

impl Valeur<'_> {
    fn is_empty(&self) -> bool {
        match self {
            Valeur::Texte(t) => t.is_empty(),
            Valeur::Liste(s) => s.is_none(),
        }
    }
}
