//! The typed model of a Pacte Territorial d'Insertion.
//!
//! Names follow the pacts' own vocabulary (`partenaires`, `engagements`, `signataires`,
//! `instances`). Rich text is typed ([`Texte`]); JSON files write it as Markdown.

mod alt;
mod annexe;
mod avenant;
mod deliberation;
mod fiches;
mod figure;
mod figure_files;
mod gouvernance;
mod id;
mod identite;
mod lien;
mod lieu;
mod markdown;
mod notes;
mod parse;
mod partenaire;
pub(crate) mod placeholder;
mod section;
mod signataire;
mod strings;
mod tableau;
mod texte;
mod validate;

pub use annexe::{Annexe, PlacementSigles, Sigle};
pub(crate) use avenant::chemin_avenant;
pub use avenant::{ArticleAvenant, Avenant, Document, PacteModifie};
pub use deliberation::{Acte, Deliberation};
pub(crate) use fiches::{anchor_of, Renvoi};
pub use fiches::{FichePdi, PlacementFiches};
pub use gouvernance::{Gouvernance, GroupeInstances, Instance, Membre};
pub use id::{Id, InvalidValue};
pub(crate) use identite::MOIS;
pub use identite::{Apparence, Contact, Couleur, Date, Departement, Metadonnees, Periode, Statut};
pub(crate) use lien::url_sure;
pub use lieu::{Article, Exemplaires, Lieu, ModeExemplaires};
pub(crate) use markdown::with_depth_limit;
pub use markdown::MarkdownError;
pub(crate) use parse::read_json;
pub use parse::ReadError;
pub use partenaire::{Engagement, NaturePartenaire, Partenaire, Rubrique};
pub use section::{Citation, Editorial, Position, Section};
pub(crate) use signataire::MAX_PERSONNES;
pub use signataire::{Personne, Signataire};
pub(crate) use strings::{each_string, not_drawn, serialised, undrawable};

pub(crate) use figure::image_files;
pub(crate) use texte::inlines_brut;
pub use texte::{Alignement, Bloc, Cellule, Colonne, Figure, Inline, Tableau, Texte};
pub(crate) use validate::validate_in;
pub use validate::{Problem, Problems};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A Pacte Territorial d'Insertion: everything its document says.
///
/// The document is laid out in this order: cover, sommaire, the list of sigles (when placed
/// there), editorial, visas, preamble, the free sections placed before the partners, the
/// partners' engagements, the sections placed after them, the governance, the sections
/// placed after it, the duration clause, the signatures, the annexes (the list of sigles
/// last when it is an annex) and the back cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pacte {
    /// The département that concludes the pact.
    pub departement: Departement,
    /// Title: "Pacte Territorial d'Insertion".
    pub titre: String,
    /// Subtitle, e.g. "Département de Vaucluse".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sous_titre: Option<String>,
    /// Years covered and dates.
    pub periode: Periode,
    /// Draft or final.
    #[serde(default)]
    pub statut: Statut,
    /// Place of signature: `{"nom": "Mans", "article": "le"}` ("Fait au Mans, le …"), or
    /// the name as one string ("Avignon").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lieu_signature: Option<Lieu>,
    /// Date of signature; left blank to be filled by hand when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_signature: Option<Date>,
    /// How many originals: a number, `"par_partie"` (the default: one per distinct body
    /// signed for, so that two people signing for the CAF count once) or `"omis"` (no
    /// such line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemplaires_originaux: Option<Exemplaires>,
    /// The visas: the deliberations that authorise the pact, printed before its articles
    /// ("Vu la délibération n° …"), followed by the signatories' authorisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visas: Vec<Deliberation>,
    /// PDF metadata.
    #[serde(default)]
    pub metadonnees: Metadonnees,
    /// The département's logo for the cover (PNG or JPEG), relative to the pact file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<PathBuf>,
    /// What the logo shows, in words (its alternative text); default "Logo du Département …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_alt: Option<String>,
    /// Colours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apparence: Option<Apparence>,
    /// Headings of the fixed parts.
    #[serde(default)]
    pub titres: Titres,
    /// Editorial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editorial: Option<Editorial>,
    /// Preamble (unnumbered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preambule: Option<Section>,
    /// Free sections; each says where it stands (`position`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Text that opens the partners' part.
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub introduction_partenaires: Texte,
    /// The partners, each with its section and engagements, in document order.
    pub partenaires: Vec<Partenaire>,
    /// Governance.
    #[serde(default)]
    pub gouvernance: Gouvernance,
    /// The duration clause (omitted from the document when empty).
    #[serde(default, skip_serializing_if = "Texte::is_empty")]
    pub duree: Texte,
    /// Signatories, in signing order.
    pub signataires: Vec<Signataire>,
    /// Annexes, after the signature pages, numbered "Annexe 1", "Annexe 2"…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<Annexe>,
    /// Acronyms the pact adds to the list of sigles (the partners' and instances' are
    /// listed without being repeated here); giving any asks for the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sigles: Vec<Sigle>,
    /// Where the list of sigles stands (`"apres_sommaire"` or `"annexe"`); without it,
    /// the list is printed after the sommaire when `sigles` is given, and not at all
    /// otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liste_sigles: Option<PlacementSigles>,
    /// The PDI's fiches-action, with their titles, for the index of the fiches the
    /// engagements cite; when given, every fiche an engagement cites must be listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fiches_pdi: Vec<FichePdi>,
    /// Where the index of the fiches-action stands (`"annexe"`, `"apres_sommaire"`) or
    /// `"omis"`; without it, the index is the last annex when an engagement cites a fiche.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_fiches: Option<PlacementFiches>,
    /// Back-cover contact block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// Headings of the document's fixed parts, as the pact words them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Titres {
    /// Heading of the sommaire.
    pub sommaire: String,
    /// Heading of the partners' part.
    pub partenaires: String,
    /// Heading of the duration clause.
    pub duree: String,
    /// Heading of the signatures.
    pub signataires: String,
    /// Sub-heading of a partner's legislative context.
    pub contexte_legislatif: String,
    /// Sub-heading of a partner's orientations.
    pub orientations: String,
    /// Sub-heading of a partner's engagements.
    pub engagements: String,
    /// Heading of the visas.
    pub visas: String,
    /// Heading of the list of sigles.
    pub sigles: String,
    /// The word before an annex's number: "Annexe".
    pub annexe: String,
    /// Heading of the index of the fiches-action.
    pub fiches: String,
}

impl Default for Titres {
    fn default() -> Self {
        Titres {
            sommaire: "Sommaire".into(),
            partenaires: "Les engagements des signataires".into(),
            duree: "Durée du Pacte Territorial d'Insertion".into(),
            signataires: "Signataires du Pacte".into(),
            contexte_legislatif: "Le contexte législatif".into(),
            orientations: "Orientations stratégiques et priorités".into(),
            engagements: "Engagements".into(),
            visas: "Visas".into(),
            sigles: "Liste des sigles".into(),
            annexe: "Annexe".into(),
            fiches: "Fiches-action du PDI et engagements".into(),
        }
    }
}

impl Pacte {
    /// Parses a pact from JSON text (rich text in Markdown or typed form).
    ///
    /// Errors name their place: line and column for syntax, a JSON path for the rest.
    pub fn from_json(source: &str) -> Result<Pacte, ReadError> {
        parse::from_str(source)
    }

    /// Parses a pact from a reader of JSON text.
    pub fn from_reader(reader: impl std::io::Read) -> Result<Pacte, ReadError> {
        parse::from_reader(reader)
    }

    /// The pact as pretty-printed JSON (rich text in typed form).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks what types cannot: references, uniqueness, dates, empty texts, logo files,
    /// control characters, a template's placeholders left in a string (`{periode}`).
    ///
    /// `base` is the folder that relative logo paths start from (the pact file's folder).
    /// Logo paths must stay in that folder; see `Pacte::validate_with` (with the render's
    /// options) to allow others, to read from memory, or to set the limits.
    pub fn validate(&self, base: Option<&std::path::Path>) -> Result<(), Problems> {
        validate::validate(self, base)
    }

    /// Advice on a valid pact: forms that still read but that a newer form says better
    /// (the place of signature as one string…), each with its JSON path. None stops a
    /// render; `pacte validate` prints them as warnings.
    pub fn warnings(&self) -> Vec<Problem> {
        validate::warnings(self)
    }

    /// Every partner, sub-partners included, depth first in document order.
    pub fn tous_partenaires(&self) -> Vec<&Partenaire> {
        fn visiter<'a>(p: &'a [Partenaire], out: &mut Vec<&'a Partenaire>) {
            for x in p {
                out.push(x);
                visiter(&x.sous_partenaires, out);
            }
        }
        let mut out = Vec::new();
        visiter(&self.partenaires, &mut out);
        out
    }

    /// The partner with this id, sub-partners included.
    pub fn partenaire(&self, id: &str) -> Option<&Partenaire> {
        self.tous_partenaires()
            .into_iter()
            .find(|p| p.id.as_str() == id)
    }

    /// All instances of all governance groups, in order.
    pub fn instances(&self) -> impl Iterator<Item = &Instance> {
        self.gouvernance
            .groupes
            .iter()
            .flat_map(|g| g.instances.iter())
    }

    /// The JSON Schema of the model, for editor completion.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Pacte)).unwrap_or_default()
    }
}
