//! Validation beyond types: references, uniqueness, dates, empty texts, logo files, the
//! shape of tables, figures (their alternative text and their files).

use super::*;
use crate::limits::Limits;
use crate::resources::{FileLoader, ResourceLoader};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// One problem found in a pact, with the JSON path of its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `signataires[2].partenaire`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// All the problems found in a pact (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

struct Verif<'a> {
    problemes: Vec<Problem>,
    ids: HashMap<String, String>,
    loader: &'a dyn ResourceLoader,
    limits: Limits,
}

impl Verif<'_> {
    fn pb(&mut self, chemin: impl Into<String>, message: impl Into<String>) {
        self.problemes.push(Problem {
            path: chemin.into(),
            message: message.into(),
        });
    }

    fn requis(&mut self, chemin: impl Into<String>, s: &str) {
        if s.trim().is_empty() {
            self.pb(chemin, "must not be empty");
        }
    }

    fn requis_opt(&mut self, chemin: impl Into<String>, s: &Option<String>) {
        if let Some(s) = s {
            self.requis(chemin, s);
        }
    }

    fn texte_requis(&mut self, chemin: impl Into<String>, t: &Texte) {
        if t.texte_brut().trim().is_empty() {
            self.pb(chemin, "must not be empty");
        }
    }

    fn id(&mut self, chemin: String, id: &Id, genre: &str) {
        match self.ids.get(id.as_str()) {
            Some(premier) => {
                let m = format!("duplicate id \"{id}\" (already used by the {premier})");
                self.pb(chemin, m)
            }
            None => {
                self.ids
                    .insert(id.as_str().to_string(), format!("{genre} at {chemin}"));
            }
        }
    }

    fn logo(&mut self, chemin: String, fichier: &Path) {
        if let Err(e) = crate::images::check(self.loader, fichier, &self.limits) {
            self.pb(chemin, e.to_string());
        }
    }

    /// A département code of the registry ("03", "2A", "974"), not a name.
    fn code_departement(&mut self, code: &str) {
        let code = code.trim();
        let connu =
            crate::registry::departement(code).is_some_and(|d| d.code.eq_ignore_ascii_case(code));
        if code.is_empty() || connu {
            return;
        }
        let proche = crate::registry::departement(code)
            .or_else(|| crate::registry::departement_proche(code))
            .map(|d| format!(" (did you mean \"{}\", {}?)", d.code, d.nom))
            .unwrap_or_default();
        self.pb(
            "departement.code",
            format!("unknown département code \"{code}\"{proche}"),
        );
    }
}

/// Checks a pact; `base` is the folder that relative logo paths start from (and that they
/// must stay in), the current folder when `None`.
pub fn validate(p: &Pacte, base: Option<&Path>) -> Result<(), Problems> {
    let loader = FileLoader::new(base.unwrap_or(Path::new(".")), &[]);
    verifier(p, &loader, Limits::default(), None)
}

/// Checks a pact, reading its files through `loader` within `limits`; with `drawable`, also
/// that every character the document draws is one it accepts (the document's fonts have
/// it), reported after the other problems.
pub(crate) fn validate_in(
    p: &Pacte,
    loader: &dyn ResourceLoader,
    limits: Limits,
    drawable: Option<&mut dyn FnMut(char) -> bool>,
) -> Result<(), Problems> {
    verifier(p, loader, limits, drawable)
}

/// The governance: each group's title, each instance's id, name, members and pilot.
fn gouvernance(v: &mut Verif, p: &Pacte) {
    for (g, groupe) in p.gouvernance.groupes.iter().enumerate() {
        let cg = format!("gouvernance.groupes[{g}]");
        v.requis(format!("{cg}.titre"), &groupe.titre);
        for (i, inst) in groupe.instances.iter().enumerate() {
            let c = format!("{cg}.instances[{i}]");
            v.id(format!("{c}.id"), &inst.id, "instance");
            v.requis(format!("{c}.nom"), &inst.nom);
            for (m, membre) in inst.membres.iter().enumerate() {
                verifier_membre(v, p, format!("{c}.membres[{m}]"), membre);
            }
            if let Some(pilote) = &inst.pilote {
                verifier_membre(v, p, format!("{c}.pilote"), pilote);
            }
        }
    }
}

/// The signatories: at least one, each block checked by [`signataire`].
fn signataires(v: &mut Verif, p: &Pacte) {
    if p.signataires.is_empty() {
        v.pb("signataires", "a pact needs at least one signatory");
    }
    for (i, s) in p.signataires.iter().enumerate() {
        signataire(v, p, format!("signataires[{i}]"), s);
    }
}

fn verifier(
    p: &Pacte,
    loader: &dyn ResourceLoader,
    limits: Limits,
    drawable: Option<&mut dyn FnMut(char) -> bool>,
) -> Result<(), Problems> {
    let mut v = Verif {
        problemes: Vec::new(),
        ids: HashMap::new(),
        loader,
        limits,
    };
    v.requis("titre", &p.titre);
    v.requis("departement.code", &p.departement.code);
    v.code_departement(&p.departement.code);
    v.requis("departement.nom", &p.departement.nom);
    v.requis("departement.de", &p.departement.de);
    v.requis("departement.le", &p.departement.le);
    v.requis_opt("sous_titre", &p.sous_titre);
    signature(&mut v, p);
    periode(&mut v, &p.periode);
    if let Some(l) = &p.logo {
        v.logo("logo".into(), l);
    }
    if let Some(e) = &p.editorial {
        v.texte_requis("editorial.texte", &e.texte);
        if let Some(c) = &e.citation {
            v.requis("editorial.citation.texte", &c.texte);
            v.requis("editorial.citation.auteur", &c.auteur);
        }
    }
    if let Some(s) = &p.preambule {
        section(&mut v, "preambule".into(), s);
    }
    for (i, s) in p.sections.iter().enumerate() {
        section(&mut v, format!("sections[{i}]"), s);
    }
    for (i, x) in p.partenaires.iter().enumerate() {
        partenaire(&mut v, format!("partenaires[{i}]"), x);
    }
    gouvernance(&mut v, p);
    signataires(&mut v, p);
    annexes(&mut v, p);
    fiches(&mut v, p);
    let value = super::strings::serialised(p);
    let undrawable = caracteres(&mut v, &value, drawable);
    super::tableau::each_table(&value, |chemin, t| {
        for (place, message) in t.problems() {
            v.pb(format!("{chemin}.{place}"), message);
        }
    });
    super::strings::each_block(&value, "figure", |chemin, f: Figure| {
        for (place, message) in f.problems() {
            v.pb(format!("{chemin}.{place}"), message);
        }
        if !f.fichier.as_os_str().is_empty() {
            v.logo(format!("{chemin}.fichier"), &f.fichier);
        }
    });
    v.problemes.extend(super::lien::problemes(&value));
    v.problemes.extend(undrawable);
    if v.problemes.is_empty() {
        Ok(())
    } else {
        Err(Problems(v.problemes))
    }
}

/// One signature block: whom it signs for, and its one signer or its `personnes`.
fn signataire(v: &mut Verif, p: &Pacte, c: String, s: &Signataire) {
    v.requis(format!("{c}.pour"), &s.pour);
    if s.personnes.is_empty() {
        personne(v, &c, &s.signataires()[0]);
    } else {
        let inline = [
            ("id", s.id.is_some()),
            ("qualite", s.qualite.is_some()),
            ("nom", s.nom.is_some()),
            ("lieu", s.lieu.is_some()),
            ("date", s.date.is_some()),
        ];
        for (key, _) in inline.iter().filter(|(_, present)| *present) {
            let m = format!("a block with `personnes` gives each person's {key} in their entry, not beside the list");
            v.pb(format!("{c}.{key}"), m);
        }
        if s.personnes.len() > MAX_PERSONNES {
            let m = format!(
                "{} people sign in one block; at most {MAX_PERSONNES} may (split the body's signatories into several blocks)",
                s.personnes.len()
            );
            v.pb(format!("{c}.personnes"), m);
        }
        for (k, personne_k) in s.personnes.iter().enumerate() {
            personne(v, &format!("{c}.personnes[{k}]"), personne_k);
        }
    }
    if let Some(d) = &s.autorisation {
        deliberation(v, p, format!("{c}.autorisation"), d);
    }
    if let Some(id) = &s.partenaire {
        if p.partenaire(id.as_str()).is_none() {
            v.pb(
                format!("{c}.partenaire"),
                format!("unknown partner \"{id}\"{}", suggestion(p, id)),
            );
        }
    }
    if let Some(l) = &s.logo {
        v.logo(format!("{c}.logo"), l);
    }
}

/// One person signing, at `c` (a block of one signer, or an entry of `personnes`).
fn personne(v: &mut Verif, c: &str, s: &Personne) {
    if let Some(id) = &s.id {
        v.id(format!("{c}.id"), id, "signatory");
    }
    v.requis(format!("{c}.qualite"), &s.qualite);
    v.requis_opt(format!("{c}.nom"), &s.nom);
    match &s.lieu {
        Some(Lieu::Texte(l)) => v.requis(format!("{c}.lieu"), l),
        Some(Lieu::Nomme { nom, .. }) => v.requis(format!("{c}.lieu.nom"), nom),
        None => {}
    }
    if s.nom.as_deref().is_some_and(|n| n.contains('\n')) {
        v.pb(
            format!("{c}.nom"),
            "a name is one line: only the quality may break",
        );
    }
}

/// The characters of every string of `value` (the serialised pact), in one walk: control
/// characters but tab and newline, which neither the PDF nor the HTML edition can show (the
/// first of each string is reported); a template's placeholder (a pact holds none); and with
/// `drawable`, the drawn characters it refuses, returned apart.
fn caracteres(
    v: &mut Verif,
    value: &serde_json::Value,
    mut drawable: Option<&mut dyn FnMut(char) -> bool>,
) -> Vec<Problem> {
    use super::strings::{allowed_control, each_string, shown, undrawable};
    let mut refused = Vec::new();
    each_string(value, |s| {
        let bad = s
            .text
            .chars()
            .find(|&c| c.is_control() && !allowed_control(c));
        if let Some(c) = bad {
            let m = format!(
                "character {} is a control character, which a pact may not hold (only tab and newline)",
                shown(c)
            );
            v.pb(s.path, m);
        }
        if let Some(p) = super::placeholder::first_in(s.text) {
            let m = format!(
                "holds the template placeholder {p}: this file is a template, which is \
                 rendered for a département (`pacte batch --template`, `Template::resolve`)"
            );
            v.pb(s.path, m);
        }
        if let Some(drawable) = drawable.as_mut() {
            refused.extend(undrawable(&s, *drawable));
        }
    });
    refused
}

/// Advice on a valid pact (see [`Pacte::warnings`]).
pub(crate) fn warnings(p: &Pacte) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(lieu @ Lieu::Texte(s)) = &p.lieu_signature {
        if !s.trim().is_empty() {
            let (article, nom) = lieu.parts();
            let nomme = Lieu::Nomme {
                nom: nom.to_string(),
                article,
            };
            let json = serde_json::to_string(&nomme).unwrap_or_default();
            out.push(Problem {
                path: "lieu_signature".into(),
                message: format!(
                    "the place is written as one string ({s:?}); write it as {json}, its \
                     name and article apart, so that \"{}\" is never guessed",
                    lieu.a()
                ),
            });
        }
    }
    out
}

/// The place of signature, the number of originals and the visas.
fn signature(v: &mut Verif, p: &Pacte) {
    match &p.lieu_signature {
        Some(Lieu::Texte(s)) => v.requis("lieu_signature", s),
        Some(Lieu::Nomme { nom, .. }) => v.requis("lieu_signature.nom", nom),
        None => {}
    }
    if let Some(Exemplaires::Nombre(0)) = p.exemplaires_originaux {
        v.pb(
            "exemplaires_originaux",
            "the number of originals must be at least 1",
        );
    }
    for (i, d) in p.visas.iter().enumerate() {
        deliberation(v, p, format!("visas[{i}]"), d);
    }
}

fn deliberation(v: &mut Verif, p: &Pacte, c: String, d: &Deliberation) {
    v.requis(format!("{c}.organe"), &d.organe);
    v.requis_opt(format!("{c}.numero"), &d.numero);
    v.requis_opt(format!("{c}.objet"), &d.objet);
    if let Some(s) = p.date_signature {
        if d.date > s {
            v.pb(
                format!("{c}.date"),
                format!(
                    "the act ({}) is dated after the pact's signature ({s})",
                    d.date
                ),
            );
        }
    }
}

/// The annexes and the list of sigles.
fn annexes(v: &mut Verif, p: &Pacte) {
    for (i, a) in p.annexes.iter().enumerate() {
        v.requis(format!("annexes[{i}].titre"), &a.titre);
        v.texte_requis(format!("annexes[{i}].texte"), &a.texte);
    }
    let mut vus: HashMap<&str, usize> = HashMap::new();
    for (i, s) in p.sigles.iter().enumerate() {
        v.requis(format!("sigles[{i}].sigle"), &s.sigle);
        v.requis(format!("sigles[{i}].definition"), &s.definition);
        let cle = s.sigle.trim();
        if let Some(premier) = vus.get(cle) {
            let m = format!("duplicate sigle \"{cle}\" (already at sigles[{premier}])");
            v.pb(format!("sigles[{i}].sigle"), m);
        } else if !cle.is_empty() {
            vus.insert(cle, i);
        }
    }
    if p.liste_sigles.is_some() && p.liste_des_sigles().is_empty() {
        v.pb(
            "liste_sigles",
            "a list of sigles is asked for, but no partner, instance or `sigles` entry has an acronym",
        );
    }
}

fn periode(v: &mut Verif, p: &Periode) {
    if p.fin < p.debut {
        v.pb(
            "periode.fin",
            format!("the period ends ({}) before it starts ({})", p.fin, p.debut),
        );
    }
    if let Some(f) = p.date_fin {
        if f.annee() < p.debut {
            v.pb(
                "periode.date_fin",
                format!("end date {f} is before the period starts ({})", p.debut),
            );
        }
        if let Some(e) = p.date_effet {
            if f < e {
                v.pb(
                    "periode.date_fin",
                    format!("end date {f} is before the date of effect {e}"),
                );
            }
        }
    }
}

fn section(v: &mut Verif, c: String, s: &Section) {
    if let Some(id) = &s.id {
        v.id(format!("{c}.id"), id, "section");
    }
    v.requis(format!("{c}.titre"), &s.titre);
    for (i, sous) in s.sous_sections.iter().enumerate() {
        section(v, format!("{c}.sous_sections[{i}]"), sous);
    }
}

fn partenaire(v: &mut Verif, c: String, p: &Partenaire) {
    v.id(format!("{c}.id"), &p.id, "partner");
    v.requis(format!("{c}.nom"), &p.nom);
    v.requis_opt(format!("{c}.sigle"), &p.sigle);
    v.requis_opt(format!("{c}.titre"), &p.titre);
    for (i, s) in p.sous_sections.iter().enumerate() {
        section(v, format!("{c}.sous_sections[{i}]"), s);
    }
    engagements(v, &format!("{c}.engagements"), &p.engagements);
    for (i, s) in p.sous_partenaires.iter().enumerate() {
        partenaire(v, format!("{c}.sous_partenaires[{i}]"), s);
    }
}

fn engagements(v: &mut Verif, c: &str, e: &[Engagement]) {
    for (i, e) in e.iter().enumerate() {
        let ce = format!("{c}[{i}]");
        v.texte_requis(format!("{ce}.texte"), &e.texte);
        if e.fiches_action.contains(&0) {
            v.pb(
                format!("{ce}.fiches_action"),
                "fiche-action numbers start at 1",
            );
        }
        engagements(v, &format!("{ce}.sous_engagements"), &e.sous_engagements);
    }
}

/// The PDI's fiches: numbers from 1, each once, a title; when the pact lists them, every
/// fiche an engagement cites is listed (a number missing from the list is a typo in
/// the number or in the list, and its index entry would have no title).
fn fiches(v: &mut Verif, p: &Pacte) {
    let mut vus: HashMap<u32, usize> = HashMap::new();
    for (i, f) in p.fiches_pdi.iter().enumerate() {
        let c = format!("fiches_pdi[{i}]");
        if f.numero == 0 {
            v.pb(format!("{c}.numero"), "fiche-action numbers start at 1");
        }
        if let Some(premier) = vus.insert(f.numero, i) {
            let m = format!(
                "duplicate fiche-action number {} (already fiches_pdi[{premier}])",
                f.numero
            );
            v.pb(format!("{c}.numero"), m);
        }
        v.requis(format!("{c}.titre"), &f.titre);
    }
    if p.fiches_pdi.is_empty() {
        return;
    }
    fn cites(v: &mut Verif, vus: &HashMap<u32, usize>, c: &str, e: &[Engagement]) {
        for (i, e) in e.iter().enumerate() {
            let ce = format!("{c}[{i}]");
            for (k, n) in e.fiches_action.iter().enumerate() {
                if *n != 0 && !vus.contains_key(n) {
                    let m = format!("fiche-action {n} is not in fiches_pdi");
                    v.pb(format!("{ce}.fiches_action[{k}]"), m);
                }
            }
            cites(
                v,
                vus,
                &format!("{ce}.sous_engagements"),
                &e.sous_engagements,
            );
        }
    }
    fn partenaires(v: &mut Verif, vus: &HashMap<u32, usize>, c: &str, ps: &[Partenaire]) {
        for (i, x) in ps.iter().enumerate() {
            let cp = format!("{c}[{i}]");
            cites(v, vus, &format!("{cp}.engagements"), &x.engagements);
            partenaires(
                v,
                vus,
                &format!("{cp}.sous_partenaires"),
                &x.sous_partenaires,
            );
        }
    }
    partenaires(v, &vus, "partenaires", &p.partenaires);
}

fn verifier_membre(v: &mut Verif, p: &Pacte, c: String, m: &Membre) {
    match (&m.partenaire, &m.libelle) {
        (None, None) => v.pb(
            c,
            "a member needs a partner id (\"partenaire\") or a name (\"libelle\")",
        ),
        (Some(id), _) if p.partenaire(id.as_str()).is_none() => v.pb(
            format!("{c}.partenaire"),
            format!("unknown partner \"{id}\"{}", suggestion(p, id)),
        ),
        (_, Some(l)) => v.requis(format!("{c}.libelle"), l),
        _ => {}
    }
}

fn suggestion(p: &Pacte, id: &Id) -> String {
    let connus: Vec<String> = p
        .tous_partenaires()
        .iter()
        .map(|x| x.id.to_string())
        .collect();
    match super::parse::plus_proche(id.as_str(), &connus) {
        Some(s) => format!(" (did you mean \"{s}\"?)"),
        None => format!(" (known partners: {})", connus.join(", ")),
    }
}
