//! Templates: one pact file that serves every département.
//!
//! A template is a pact file whose strings hold placeholders, resolved for one département
//! from the [registry](crate::registry):
//!
//! - `{departement.code}`, `{departement.nom}`, `{departement.de}` ("de l'Allier"),
//!   `{departement.le}` ("l'Allier"), `{departement.chef_lieu}`, `{chef_lieu}`;
//! - `{departement.statut}`: one sentence on a special status (Paris, Corse, Métropole de
//!   Lyon, Alsace, Martinique, Guyane, Mayotte), empty elsewhere;
//! - `{region.code}`, `{region.nom}`, `{region.de}`, `{region.chef_lieu}`;
//! - `{periode}` ("2024-2027"), `{periode.debut}`, `{periode.fin}`, from the template's own
//!   `periode`;
//! - `{collectivite}`: the body that holds the département's powers ("le Département de
//!   l'Allier", "la Ville de Paris", "la Collectivité de Corse"…), `{collectivite.nom}`
//!   (without article), `{collectivite.de}` ("du Département de l'Allier"),
//!   `{collectivite.a}` ("au Département de l'Allier", "à la Ville de Paris"), `{executif}`
//!   (who signs for it: "Le Président du Conseil départemental", "Le Maire de Paris"…);
//! - `{collectivite_region}`, `{collectivite_region.nom}`, `{collectivite_region.de}`,
//!   `{collectivite_region.a}`, `{executif_region}`: the same for the région ("la Région
//!   Auvergne-Rhône-Alpes").
//!
//! A name whose last part starts with a capital letter gives the value capitalised:
//! `{departement.Le}` → "L'Allier", `{Collectivite}` → "La Ville de Paris". `{{` and `}}`
//! write literal braces. Keys are never touched. An unknown placeholder is an error that
//! names its JSON path and the nearest known name.
//!
//! Two directives serve what placeholders cannot; they are removed before the pact is read:
//!
//! - `"$si": "condition"` on any object keeps it only when the condition holds, otherwise
//!   drops it from its array or parent object. A condition is `region_distincte` (the région
//!   partner is another body than the département partner: false for Corse, Martinique,
//!   Guyane, Mayotte), `statut_particulier`, `drom`, `metro`, or a département code; several,
//!   separated by `,`, hold when any holds; a leading `!` negates: `"!drom"`, `"!2A,2B"`.
//! - `"$valeurs"` at the root defines the template's own placeholders:
//!   `{"caf": "la Caisse d'allocations familiales"}`; a value may hold built-in placeholders,
//!   or be a list of alternatives `[{"$si": "976", "valeur": "…"}, {"valeur": "…"}]` of which
//!   the first that holds is taken. Being an object, it is easy to override per département.
//!
//! Per-département overrides are JSON merge patches (RFC 7396) applied over the template
//! before resolution; they may hold placeholders too. The template's `departement` object is
//! set from the registry; the template (or an override) may give its own `nom`, `de` and `le`
//! (a local usage such as "de Vaucluse"), which the placeholders then use.
//!
//! ```
//! use pacte::{registry, template::Template};
//! let modele = Template::load(std::path::Path::new("fixtures/modele-national.json"))?;
//! let bdr = registry::departement("13").ok_or("unknown")?;
//! let pacte = modele.resolve(bdr, None)?;
//! assert_eq!(pacte.departement.de, "des Bouches-du-Rhône");
//! assert!(pacte.signataires.iter().any(|s| s.qualite.as_deref() == Some("Le Préfet des Bouches-du-Rhône")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod chaine;
mod contexte;
mod parcours;

pub(crate) use contexte::PLACEHOLDERS;

use crate::limits::Limits;
use crate::model::{Pacte, Problem, Problems};
use crate::registry::Departement;
use crate::render::RenderOptions;
use contexte::{Contexte, Identite};
use parcours::{cle, Parcours, SI};
use serde_json::{Map, Value};
use std::fmt;
use std::path::{Path, PathBuf};

/// The key of the template's own placeholders.
const VALEURS: &str = "$valeurs";

/// A template: a pact as JSON, with placeholders, resolved per département.
#[derive(Debug, Clone)]
pub struct Template {
    valeur: Value,
    fichier: Option<PathBuf>,
    dossier: PathBuf,
}

/// What is wrong at one place of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TemplateProblem {
    /// `{name}` where `name` is not a known placeholder.
    UnknownPlaceholder {
        /// The name between the braces.
        nom: String,
        /// The nearest known name, when one is close.
        suggestion: Option<String>,
    },
    /// `{periode…}` in a template that has no `periode`.
    NoPeriod(String),
    /// A brace that opens or closes nothing, or a malformed placeholder.
    Syntax(String),
    /// A `$si` condition that cannot be read.
    Condition(String),
    /// A misused or unknown `$` directive, or a value of the wrong type.
    Directive(String),
}

impl fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            TemplateProblem::UnknownPlaceholder {
                nom,
                suggestion: Some(s),
            } => {
                write!(f, "unknown placeholder {{{nom}}} (did you mean {{{s}}}?)")
            }
            TemplateProblem::UnknownPlaceholder {
                nom,
                suggestion: None,
            } => {
                write!(
                    f,
                    "unknown placeholder {{{nom}}} (known: {})",
                    PLACEHOLDERS.join(", ")
                )
            }
            TemplateProblem::NoPeriod(nom) => {
                write!(
                    f,
                    "placeholder {{{nom}}} needs the template's periode (debut and fin)"
                )
            }
            TemplateProblem::Syntax(m)
            | TemplateProblem::Condition(m)
            | TemplateProblem::Directive(m) => f.write_str(m),
        }
    }
}

/// One defect of a template, with the JSON path of its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorAt {
    /// JSON path, e.g. `partenaires[2].engagements[0].texte`.
    pub(crate) chemin: String,
    /// What is wrong.
    pub(crate) defaut: TemplateProblem,
}

impl fmt::Display for ErrorAt {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.chemin, self.defaut)
    }
}

/// A template or override that could not be read or resolved.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The file (or the folder of overrides) could not be read.
    #[error("{}: cannot read: {source}", fichier.display())]
    Io {
        /// The file.
        fichier: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not well-formed JSON.
    #[error("{}line {ligne}:{colonne}: JSON syntax error: {message}", prefixe(.fichier))]
    Json {
        /// The file, when read from one.
        fichier: Option<PathBuf>,
        /// 1-based line.
        ligne: usize,
        /// 1-based column.
        colonne: usize,
        /// What is wrong.
        message: String,
    },
    /// Well-formed JSON, but not an object.
    #[error("{}a template or override must be a JSON object", prefixe(.fichier))]
    NotAnObject {
        /// The file, when read from one.
        fichier: Option<PathBuf>,
    },
    /// Placeholders, conditions or directives that cannot be resolved (all of them, each
    /// with its JSON path).
    #[error("{0}")]
    Resolution(Problems),
    /// The resolved JSON does not fit the pact model.
    #[error("{chemin}: {message}")]
    Template {
        /// JSON path.
        chemin: String,
        /// What is wrong.
        message: String,
    },
    /// The resolved pact is not valid.
    #[error("{0}")]
    Invalid(Problems),
    /// A JSON file of a folder of overrides not named by a département code.
    #[error("{}: an override file is named by its département's code, e.g. 03.json{}", fichier.display(), suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    OverrideName {
        /// The file.
        fichier: PathBuf,
        /// "03.json", when the name is close to a département's.
        suggestion: Option<String>,
    },
    /// Two overrides of the same département ("2a.json" and "2A.json").
    #[error("{} and {} are both overrides of {code}", a.display(), b.display())]
    DuplicateOverride {
        /// The département code.
        code: String,
        /// One file.
        a: PathBuf,
        /// The other.
        b: PathBuf,
    },
}

/// The defects of a template as the problems of a pact: a JSON path, a message.
fn problems(erreurs: Vec<ErrorAt>) -> Problems {
    let problem = |e: ErrorAt| Problem {
        path: e.chemin,
        message: e.defaut.to_string(),
    };
    Problems(erreurs.into_iter().map(problem).collect())
}

fn prefixe(fichier: &Option<PathBuf>) -> String {
    fichier
        .as_ref()
        .map(|f| format!("{}: ", f.display()))
        .unwrap_or_default()
}

/// Reads a JSON object from a file (a template or an override) within `limits`.
fn lire_objet(fichier: &Path, limits: &Limits) -> Result<Value, TemplateError> {
    // A byte-order mark accepted, the size and depth bounded, bad UTF-8 placed.
    let texte = crate::io::read_text(fichier, limits).map_err(|e| {
        let source = match e {
            crate::model::ReadError::Io(source) => source,
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other.to_string()),
        };
        TemplateError::Io {
            fichier: fichier.to_path_buf(),
            source,
        }
    })?;
    objet_json(&texte, Some(fichier))
}

fn objet_json(texte: &str, fichier: Option<&Path>) -> Result<Value, TemplateError> {
    let v: Value = serde_json::from_str(texte).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map(|i| message[..i].to_string())
            .unwrap_or(message);
        TemplateError::Json {
            fichier: fichier.map(Path::to_path_buf),
            ligne: e.line(),
            colonne: e.column(),
            message,
        }
    })?;
    if v.is_object() {
        Ok(v)
    } else {
        Err(TemplateError::NotAnObject {
            fichier: fichier.map(Path::to_path_buf),
        })
    }
}

/// Reads a per-département override (a JSON merge patch) from a file within `limits`.
pub(crate) fn load_override(fichier: &Path, limits: &Limits) -> Result<Value, TemplateError> {
    lire_objet(fichier, limits)
}

impl Template {
    /// A template from JSON text; relative logo paths start from the current folder.
    pub fn from_json(source: &str) -> Result<Template, TemplateError> {
        Ok(Template {
            valeur: objet_json(source, None)?,
            fichier: None,
            dossier: PathBuf::from("."),
        })
    }

    /// A template from a file; relative logo paths start from the file's folder.
    pub fn load(fichier: &Path) -> Result<Template, TemplateError> {
        Template::load_within(fichier, &Limits::default())
    }

    /// As [`Template::load`], the file's size and nesting bounded by `limits` (`pacte_bytes`,
    /// `depth`).
    pub fn load_within(fichier: &Path, limits: &Limits) -> Result<Template, TemplateError> {
        Ok(Template {
            valeur: lire_objet(fichier, limits)?,
            fichier: Some(fichier.to_path_buf()),
            dossier: crate::io::base_dir(fichier).to_path_buf(),
        })
    }

    /// True when `json` is a template rather than a pact: it has a `$valeurs` or `$si` key,
    /// or a string that holds a placeholder (`{departement.de}`, `{periode}`…).
    pub fn is_template(json: &Value) -> bool {
        match json {
            Value::Object(o) => o
                .iter()
                .any(|(k, v)| k == VALEURS || k == parcours::SI || Template::is_template(v)),
            Value::Array(a) => a.iter().any(Template::is_template),
            Value::String(s) => crate::model::placeholder::first_in(s).is_some(),
            _ => false,
        }
    }

    /// Resolves the template for every département of the registry and validates each pact;
    /// returns one line per problem, each naming the département ("2A Corse-du-Sud: …"), the
    /// same problem found for several départements said once with the first of them.
    pub fn validate_all(&self) -> Vec<String> {
        self.validate_all_with(&RenderOptions::for_dir(&self.dossier))
    }

    /// As [`Template::validate_all`], each pact validated as a render with `options` would
    /// (its allowed folders, loader and limits; logo paths from [`Template::base_dir`]).
    pub fn validate_all_with(&self, options: &RenderOptions) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for d in crate::registry::departements() {
            if let Err(e) = self.resolve_with(d, None, options) {
                for problem in e.to_string().lines() {
                    if seen.insert(problem.to_string()) {
                        lines.push(format!("{} {}: {problem}", d.code, d.nom));
                    }
                }
            }
        }
        lines
    }

    /// The file the template was read from, if any.
    pub fn fichier(&self) -> Option<&Path> {
        self.fichier.as_deref()
    }

    /// The folder that relative paths (logos) start from.
    pub fn base_dir(&self) -> &Path {
        &self.dossier
    }

    /// The template's JSON, unresolved.
    pub fn json(&self) -> &Value {
        &self.valeur
    }

    /// The template resolved for `departement`, after the merge patch `surcharge`, as JSON
    /// (a pact file's content, not yet read into the model).
    pub fn resolve_json(
        &self,
        departement: &'static Departement,
        surcharge: Option<&Value>,
    ) -> Result<Value, TemplateError> {
        let mut doc = self.valeur.clone();
        if let Some(patch) = surcharge {
            json_patch::merge(&mut doc, patch);
        }
        let Value::Object(mut racine) = doc else {
            return Err(TemplateError::NotAnObject { fichier: None });
        };
        let valeurs = racine.remove(VALEURS);
        let periode = periode(&racine);

        // The département's own forms first: the other values derive from them.
        let base = Contexte::new(departement, &Identite::du_registre(departement), periode);
        let mut p = Parcours {
            ctx: &base,
            erreurs: Vec::new(),
        };
        let identite = identite(&mut p, departement, racine.get("departement"));
        let mut erreurs = p.erreurs;

        let mut ctx = Contexte::new(departement, &identite, periode);
        if let Some(v) = valeurs {
            erreurs.extend(valeurs_du_modele(&mut ctx, v));
        }
        if racine.contains_key(SI) {
            let m = "\"$si\" cannot stand at the root".to_string();
            erreurs.push(ErrorAt {
                chemin: SI.into(),
                defaut: TemplateProblem::Directive(m),
            });
            racine.remove(SI);
        }
        let mut p = Parcours { ctx: &ctx, erreurs };
        let resolu = p.valeur(Value::Object(racine), "");
        if !p.erreurs.is_empty() {
            return Err(TemplateError::Resolution(problems(p.erreurs)));
        }
        let Some(Value::Object(mut resolu)) = resolu else {
            return Err(TemplateError::NotAnObject { fichier: None });
        };
        let dep = resolu
            .entry("departement")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(o) = dep {
            o.insert("code".into(), departement.code.clone().into());
            o.insert("nom".into(), identite.nom.into());
            o.insert("de".into(), identite.de.into());
            o.insert("le".into(), identite.le.into());
        }
        Ok(Value::Object(resolu))
    }

    /// The template resolved for `departement`, after the merge patch `surcharge`, read into
    /// the model and validated (relative logo paths start from [`Template::base_dir`], and
    /// only files under it are read).
    pub fn resolve(
        &self,
        departement: &'static Departement,
        surcharge: Option<&Value>,
    ) -> Result<Pacte, TemplateError> {
        self.resolve_with(
            departement,
            surcharge,
            &RenderOptions::for_dir(&self.dossier),
        )
    }

    /// As [`Template::resolve`], the pact validated as a render with `options` would: its
    /// logos read through their loader (the template's folder and `allowed_dirs`), within
    /// their limits. Their `base_dir` is replaced by [`Template::base_dir`].
    pub fn resolve_with(
        &self,
        departement: &'static Departement,
        surcharge: Option<&Value>,
        options: &RenderOptions,
    ) -> Result<Pacte, TemplateError> {
        let json = self.resolve_json(departement, surcharge)?;
        let lire = || serde_path_to_error::deserialize::<_, Pacte>(json);
        let lu = crate::model::with_depth_limit(options.limits.markdown_depth, lire);
        let pacte = lu.map_err(|e| {
            let chemin = e.path().to_string();
            TemplateError::Template {
                chemin,
                message: e.into_inner().to_string(),
            }
        })?;
        let options = RenderOptions {
            base_dir: self.dossier.clone(),
            ..options.clone()
        };
        pacte
            .validate_with(&options)
            .map_err(TemplateError::Invalid)?;
        Ok(pacte)
    }
}

/// The template's (first year, last year), when it has them.
fn periode(racine: &Map<String, Value>) -> Option<(u64, u64)> {
    let p = racine.get("periode")?;
    Some((p.get("debut")?.as_u64()?, p.get("fin")?.as_u64()?))
}

/// The département's forms: the registry's, or the template's own `nom`, `de`, `le`.
/// A template `code` must be the département's.
fn identite(p: &mut Parcours, d: &Departement, v: Option<&Value>) -> Identite {
    let mut id = Identite::du_registre(d);
    let Some(v) = v else {
        return id;
    };
    let Value::Object(o) = v else {
        p.defaut(
            "departement",
            TemplateProblem::Directive("\"departement\" must be an object".into()),
        );
        return id;
    };
    for (k, x) in o {
        let chemin = cle("departement", k);
        let Value::String(s) = x else { continue };
        let s = p.chaine(s, &chemin);
        match k.as_str() {
            "nom" => id.nom = s,
            "de" => id.de = s,
            "le" => id.le = s,
            "code" if s != d.code => {
                let m = format!(
                    "the template is for département \"{s}\", not for {} ({})",
                    d.code, d.nom
                );
                p.defaut(chemin, TemplateProblem::Directive(m));
            }
            _ => {}
        }
    }
    id
}

/// Adds the template's `$valeurs` to the context; returns the defects.
fn valeurs_du_modele(ctx: &mut Contexte, v: Value) -> Vec<ErrorAt> {
    let mut erreurs = Vec::new();
    let Value::Object(valeurs) = v else {
        let m = "\"$valeurs\" must be an object of name → text".to_string();
        return vec![ErrorAt {
            chemin: VALEURS.into(),
            defaut: TemplateProblem::Directive(m),
        }];
    };
    let mut resolues = Vec::new();
    {
        let mut p = Parcours {
            ctx,
            erreurs: Vec::new(),
        };
        for (nom, x) in valeurs {
            let chemin = cle(VALEURS, &nom);
            if !chaine::nom_valide(&nom) {
                let m =
                    format!("\"{nom}\" is not a placeholder name (letters, digits, '_' and '.')");
                p.defaut(chemin, TemplateProblem::Directive(m));
                continue;
            }
            if let Some(texte) = valeur_du_modele(&mut p, x, &chemin) {
                resolues.push((nom, texte, chemin));
            }
        }
        erreurs.extend(p.erreurs);
    }
    for (nom, texte, chemin) in resolues {
        if let Err(m) = ctx.ajouter(&nom, texte) {
            erreurs.push(ErrorAt {
                chemin,
                defaut: TemplateProblem::Directive(m),
            });
        }
    }
    erreurs
}

/// One `$valeurs` entry: a text, or the first alternative whose `$si` holds.
fn valeur_du_modele(p: &mut Parcours, x: Value, chemin: &str) -> Option<String> {
    let attendu = "a template value is a text, or a list of {\"$si\": …, \"valeur\": text}";
    match x {
        Value::String(s) => Some(p.chaine(&s, chemin)),
        Value::Array(alternatives) => {
            for (i, alt) in alternatives.into_iter().enumerate() {
                let c = format!("{chemin}[{i}]");
                let Value::Object(mut o) = alt else {
                    p.defaut(c, TemplateProblem::Directive(attendu.into()));
                    return None;
                };
                if !p.garder(&mut o, &c) {
                    continue;
                }
                return match (o.remove("valeur"), o.is_empty()) {
                    (Some(Value::String(s)), true) => Some(p.chaine(&s, &cle(&c, "valeur"))),
                    _ => {
                        p.defaut(c, TemplateProblem::Directive(attendu.into()));
                        None
                    }
                };
            }
            let m =
                "no alternative holds for this département (end the list with one without \"$si\")";
            p.defaut(chemin, TemplateProblem::Directive(m.into()));
            None
        }
        _ => {
            p.defaut(chemin, TemplateProblem::Directive(attendu.into()));
            None
        }
    }
}

#[cfg(test)]
mod tests;
