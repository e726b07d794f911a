//! The walk over a template's JSON: every string value resolved, `$si` objects kept or
//! dropped, keys untouched; every defect recorded with its JSON path.

use super::chaine::{self, Defaut};
use super::contexte::Contexte;
use super::{ErrorAt, TemplateProblem};
use serde_json::{Map, Value};

/// The key of a condition on an object.
pub(crate) const SI: &str = "$si";

/// Collects the defects of one resolution.
pub(crate) struct Parcours<'c> {
    pub ctx: &'c Contexte,
    pub erreurs: Vec<ErrorAt>,
}

/// `parent.cle`, or `cle` at the root.
pub(crate) fn cle(parent: &str, cle: &str) -> String {
    if parent.is_empty() {
        cle.to_string()
    } else {
        format!("{parent}.{cle}")
    }
}

impl Parcours<'_> {
    pub fn defaut(&mut self, chemin: impl Into<String>, defaut: TemplateProblem) {
        self.erreurs.push(ErrorAt {
            chemin: chemin.into(),
            defaut,
        });
    }

    /// Resolves the placeholders of one string.
    pub fn chaine(&mut self, s: &str, chemin: &str) -> String {
        match chaine::substituer(s, |nom| self.ctx.valeur(nom)) {
            Ok(v) => v.into_owned(),
            Err(defauts) => {
                for d in defauts {
                    let defaut = match d {
                        Defaut::Syntaxe(m) => TemplateProblem::Syntax(m),
                        Defaut::Inconnu(nom)
                            if nom.starts_with("periode") && !self.ctx.periode_connue() =>
                        {
                            TemplateProblem::NoPeriod(nom)
                        }
                        Defaut::Inconnu(nom) => {
                            let suggestion = self.ctx.suggestion(&nom);
                            TemplateProblem::UnknownPlaceholder { nom, suggestion }
                        }
                    };
                    self.defaut(chemin, defaut);
                }
                String::new()
            }
        }
    }

    /// Evaluates an object's `$si`, if it has one, and removes it; false: drop the object.
    pub fn garder(&mut self, objet: &mut Map<String, Value>, chemin: &str) -> bool {
        let Some(condition) = objet.remove(SI) else {
            return true;
        };
        let c = cle(chemin, SI);
        match condition {
            Value::String(s) => match self.ctx.condition(&s) {
                Ok(b) => b,
                Err(m) => {
                    self.defaut(c, TemplateProblem::Condition(m));
                    true
                }
            },
            _ => {
                self.defaut(
                    c,
                    TemplateProblem::Directive("\"$si\" takes a string condition".into()),
                );
                true
            }
        }
    }

    /// Resolves a value; `None` when it is an object whose `$si` is false.
    pub fn valeur(&mut self, v: Value, chemin: &str) -> Option<Value> {
        match v {
            Value::String(s) => Some(Value::String(self.chaine(&s, chemin))),
            Value::Array(a) => Some(Value::Array(
                a.into_iter()
                    .enumerate()
                    .filter_map(|(i, x)| self.valeur(x, &format!("{chemin}[{i}]")))
                    .collect(),
            )),
            Value::Object(mut o) => {
                if !self.garder(&mut o, chemin) {
                    return None;
                }
                let mut sortie = Map::with_capacity(o.len());
                for (k, x) in o {
                    let c = cle(chemin, &k);
                    if k.starts_with('$') {
                        let m = format!(
                            "unknown template directive \"{k}\" (known: \"$si\", and \"$valeurs\" at the root)"
                        );
                        self.defaut(c, TemplateProblem::Directive(m));
                        continue;
                    }
                    if let Some(x) = self.valeur(x, &c) {
                        sortie.insert(k, x);
                    }
                }
                Some(Value::Object(sortie))
            }
            autre => Some(autre),
        }
    }
}
