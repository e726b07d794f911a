//! Batch rendering: many pacts at once, in parallel on all cores.
//!
//! A [`Job`] is a pact file, or a template (see [`crate::template`]) resolved for one département.
//! [`render_all`] runs the jobs on the current rayon thread pool: each worker reads or
//! resolves its pact, renders it, writes the PDF atomically into the output folder and drops
//! it, so that memory stays flat however many départements are rendered. A job that fails is
//! reported with its reason and does not stop the others.
//!
//! [`render_all`] lets another thread interrupt the batch through the
//! [`AtomicWrites`] it shares with the workers: jobs not yet started are not started, and the
//! PDF being written is not left half-written (see [`crate::io`]).
//!
//! ```no_run
//! use pacte::batch::{self, Job, Outcome, Overrides};
//! use pacte::template::Template;
//! use std::{path::Path, sync::Arc};
//!
//! let modele = Arc::new(Template::load(Path::new("fixtures/modele-national.json"))?);
//! let jobs: Vec<Job> = ["03", "13", "84"]
//!     .into_iter()
//!     .map(|d| Job::template(modele.clone(), d, &Overrides::none()))
//!     .collect::<Result<_, _>>()?;
//! let writes = pacte::io::AtomicWrites::new();
//! let options = pacte::RenderOptions::for_dir(Path::new("."));
//! let bilan = batch::render_all(jobs, Path::new("out"), &options, &writes, |o: &Outcome| {
//!     println!("{}", o.etiquette)
//! });
//! assert_eq!(bilan.rendered(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod overrides;

pub use overrides::Overrides;

use crate::io::{AtomicWrites, Interrupted};
use crate::model::{Pacte, Problems, ReadError};
use crate::registry::{self, normalise};
use crate::render::Format;
use crate::render::LoadError;
use crate::render::{RenderOptions, Renderer};
use crate::template::{self, Template, TemplateError};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Renders one pact to PDF bytes with a renderer kept across jobs (each worker thread has
/// its own), with the job's options (its `base_dir` is the pact's folder).
pub(crate) fn render_with(
    renderer: &mut Renderer,
    pacte: &Pacte,
    options: &RenderOptions,
) -> Result<Vec<u8>, String> {
    renderer.render(pacte, options).map_err(|e| e.to_string())
}

/// One pact to render.
#[derive(Debug, Clone)]
pub struct Job {
    /// How the job is named in reports: the file, or the département ("03 Allier").
    pub etiquette: String,
    /// Where the pact comes from.
    pub(crate) source: Source,
}

/// Where a job's pact comes from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// A pact file: read, validated; its folder is the base of relative paths.
    File(PathBuf),
    /// A template resolved for one département.
    Template {
        /// The template, shared by the jobs.
        modele: Arc<Template>,
        /// The département, by code or name as the user wrote it.
        departement: String,
        /// Its override file (a JSON merge patch), if any.
        surcharge: Option<PathBuf>,
    },
    /// A pact already in memory, with the base folder of its relative paths.
    Pacte(Box<Pacte>, PathBuf),
}

impl Job {
    /// A job for a pact already in memory, named `etiquette` in reports; its relative paths
    /// (logos) start from `base_dir`.
    pub fn pacte(etiquette: impl Into<String>, pacte: Pacte, base_dir: impl Into<PathBuf>) -> Job {
        Job {
            etiquette: etiquette.into(),
            source: Source::Pacte(Box::new(pacte), base_dir.into()),
        }
    }

    /// A job for a pact file.
    pub fn file(chemin: impl Into<PathBuf>) -> Job {
        let chemin = chemin.into();
        Job {
            etiquette: chemin.display().to_string(),
            source: Source::File(chemin),
        }
    }

    /// A job for `modele` resolved for `departement` (code or name), with its override
    /// from `surcharges` if there is one.
    ///
    /// # Errors
    /// [`BatchError::UnknownDepartement`] when no département has this code or name, with
    /// the nearest one when the name looks like a typo ("alier": 03 Allier).
    pub fn template(
        modele: Arc<Template>,
        departement: &str,
        surcharges: &Overrides,
    ) -> Result<Job, BatchError> {
        let d = registry::departement(departement).ok_or_else(|| unknown(departement))?;
        Ok(Job {
            etiquette: format!("{} {}", d.code, d.nom),
            source: Source::Template {
                modele,
                departement: departement.to_string(),
                surcharge: surcharges.for_code(&d.code).map(Path::to_path_buf),
            },
        })
    }
}

/// The error of a département no code or name matches, with a suggestion when one is close.
fn unknown(saisie: &str) -> BatchError {
    BatchError::UnknownDepartement {
        saisie: saisie.to_string(),
        suggestion: registry::departement_proche(saisie).map(|d| format!("{} {}", d.code, d.nom)),
    }
}

/// Why one job failed.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The pact file could not be read or does not fit the model.
    #[error("{0}")]
    Read(ReadError),
    /// The pact is not valid (one line per problem).
    #[error("{0}")]
    Invalid(Problems),
    /// No département has this code or name.
    #[error("unknown département \"{saisie}\"{}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownDepartement {
        /// What the user wrote.
        saisie: String,
        /// The nearest département, "03 Allier", when one is close.
        suggestion: Option<String>,
    },
    /// The template (or the override) could not be read or resolved.
    #[error("{}", prefixer(contexte.as_deref(), &erreur.to_string()))]
    Template {
        /// "T.json with override O.json", when the error is not about one file.
        contexte: Option<String>,
        /// What is wrong.
        erreur: TemplateError,
    },
    /// The renderer failed.
    #[error("render failed: {0}")]
    Render(String),
    /// The PDF could not be written.
    #[error("{}: cannot write: {source}", fichier.display())]
    Write {
        /// The output file.
        fichier: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Another job of the batch writes the same output file.
    #[error("{} is already the output of {autre}", fichier.display())]
    DuplicateOutput {
        /// The output file.
        fichier: PathBuf,
        /// The other job's label.
        autre: String,
    },
    /// The batch was interrupted before this job's PDF was written.
    #[error("not rendered: the batch was interrupted")]
    Interrupted,
}

/// Each line of `texte`, after "`contexte`: ".
fn prefixer(contexte: Option<&str>, texte: &str) -> String {
    match contexte {
        Some(c) => texte
            .lines()
            .map(|l| format!("{c}: {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        None => texte.to_string(),
    }
}

/// The result of one job.
#[derive(Debug)]
pub struct Outcome {
    /// The job's label.
    pub etiquette: String,
    /// The PDF written, or why there is none.
    pub resultat: Result<PathBuf, BatchError>,
    /// Time spent on the job.
    pub duree: Duration,
}

impl Outcome {
    /// The failure, one line per problem, each starting with the job's label.
    pub fn error_lines(&self) -> Vec<String> {
        match &self.resultat {
            Ok(_) => Vec::new(),
            Err(e) => e
                .to_string()
                .lines()
                .map(|l| format!("{}: {l}", self.etiquette))
                .collect(),
        }
    }
}

/// The results of a batch, in job order.
#[derive(Debug)]
pub struct Summary {
    /// One outcome per job, in the jobs' order.
    pub outcomes: Vec<Outcome>,
    /// Wall-clock time of the batch.
    pub duree: Duration,
}

impl Summary {
    /// How many PDFs were written.
    pub fn rendered(&self) -> usize {
        self.outcomes.iter().filter(|o| o.resultat.is_ok()).count()
    }

    /// How many jobs failed (not counting those stopped by an interruption).
    pub fn failed(&self) -> usize {
        self.outcomes.len() - self.rendered() - self.interrupted()
    }

    /// How many jobs an interruption stopped before their PDF was written.
    pub fn interrupted(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o.resultat, Err(BatchError::Interrupted)))
            .count()
    }

    /// True when every job succeeded.
    pub fn success(&self) -> bool {
        self.rendered() == self.outcomes.len()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} rendered, {} failed, ",
            self.rendered(),
            self.failed()
        )?;
        if self.interrupted() > 0 {
            write!(f, "{} interrupted, ", self.interrupted())?;
        }
        write!(f, "in {:.2} s", self.duree.as_secs_f64())
    }
}

/// The output file name of a pact: its département's code, then the slug of its name:
/// "03-allier.pdf", "2A-corse-du-sud.pdf", "974-la-reunion.pdf".
pub(crate) fn output_name(departement: &crate::model::Departement) -> String {
    let code: String = normalise::sans_accents(&departement.code)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let code = code.trim_matches('-');
    let code = if code.is_empty() { "sans-code" } else { code };
    match normalise::slug(&departement.nom) {
        nom if nom.is_empty() => format!("{code}.pdf"),
        nom => format!("{code}-{nom}.pdf"),
    }
}

/// Renders every job into `out_dir` (created if needed) in `options.format` (the PDFs, or
/// their HTML editions: see [`crate::render_html`]) on the current rayon thread pool, calling
/// `on_progress` after each job (from the worker's thread). Files are named by département
/// with the format's extension: "03-allier.pdf", "03-allier.html".
///
/// Each job is rendered (and validated) with `options`, whose `base_dir` becomes the job's
/// own folder (the pact file's, the template's): its allowed folders, loader and limits apply
/// to every job.
///
/// The files are written through `writes`, which another thread (a signal handler) may
/// interrupt with [`AtomicWrites::interrupt`]: the temporary file of each file being written
/// is removed, and every job not yet written ends with [`BatchError::Interrupted`] (the
/// jobs not yet started quickly, without rendering). The files already written stay,
/// complete. Pass `&AtomicWrites::new()` when nothing will interrupt the run.
pub fn render_all<J, P>(
    jobs: J,
    out_dir: &Path,
    options: &RenderOptions,
    writes: &AtomicWrites,
    on_progress: P,
) -> Summary
where
    J: IntoParallelIterator<Item = Job>,
    P: Fn(&Outcome) + Sync,
{
    // Each job is validated for the format it is rendered in.
    match options.format {
        Format::Pdf => render_all_with(
            jobs,
            out_dir,
            options,
            writes,
            || {
                let mut renderer = Renderer::new();
                move |p: &Pacte, o: &RenderOptions| render_with(&mut renderer, p, o)
            },
            on_progress,
        ),
        Format::Html => {
            let make = || render_html;
            render_all_with(jobs, out_dir, options, writes, make, on_progress)
        }
    }
}

/// The HTML edition of a pact, as bytes.
fn render_html(pacte: &Pacte, options: &RenderOptions) -> Result<Vec<u8>, String> {
    crate::render::render_html(pacte, options)
        .map(String::into_bytes)
        .map_err(|e| e.to_string())
}

/// As [`render_all`], in `options.format`, with another renderer (for tests): `make` gives
/// each worker its own renderer, which may keep state (caches) from one job to the next.
pub(crate) fn render_all_with<J, M, R, P>(
    jobs: J,
    out_dir: &Path,
    options: &RenderOptions,
    ecritures: &AtomicWrites,
    make: M,
    on_progress: P,
) -> Summary
where
    J: IntoParallelIterator<Item = Job>,
    M: Fn() -> R + Sync + Send,
    R: FnMut(&Pacte, &RenderOptions) -> Result<Vec<u8>, String>,
    P: Fn(&Outcome) + Sync,
{
    let debut = Instant::now();
    let dossier = std::fs::create_dir_all(out_dir).map_err(|e| (e.kind(), e.to_string()));
    let sorties: Mutex<HashMap<PathBuf, String>> = Mutex::new(HashMap::new());
    let outcomes = jobs
        .into_par_iter()
        .map_init(make, |renderer, job| {
            let t = Instant::now();
            let resultat = match &dossier {
                _ if ecritures.is_interrupted() => Err(BatchError::Interrupted),
                Ok(()) => executer(&job, out_dir, options, ecritures, renderer, &sorties),
                Err((kind, m)) => Err(BatchError::Write {
                    fichier: out_dir.to_path_buf(),
                    source: std::io::Error::new(*kind, m.clone()),
                }),
            };
            let outcome = Outcome {
                etiquette: job.etiquette,
                resultat,
                duree: t.elapsed(),
            };
            on_progress(&outcome);
            outcome
        })
        .collect();
    Summary {
        outcomes,
        duree: debut.elapsed(),
    }
}

/// One job: read or resolve, render, write; every intermediate dropped on return.
fn executer<R>(
    job: &Job,
    out_dir: &Path,
    options: &RenderOptions,
    ecritures: &AtomicWrites,
    renderer: &mut R,
    sorties: &Mutex<HashMap<PathBuf, String>>,
) -> Result<PathBuf, BatchError>
where
    R: FnMut(&Pacte, &RenderOptions) -> Result<Vec<u8>, String>,
{
    let (pacte, options) = charger(&job.source, options)?;
    let fichier = out_dir
        .join(output_name(&pacte.departement))
        .with_extension(options.format.extension());
    {
        let mut s = sorties.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(autre) = s.get(&fichier) {
            return Err(BatchError::DuplicateOutput {
                fichier,
                autre: autre.clone(),
            });
        }
        s.insert(fichier.clone(), job.etiquette.clone());
    }
    let octets = renderer(&pacte, &options).map_err(BatchError::Render)?;
    drop(pacte);
    ecritures
        .write_reproducible(&fichier, &octets)
        .map_err(|source| match Interrupted::is(&source) {
            true => BatchError::Interrupted,
            false => BatchError::Write {
                fichier: fichier.clone(),
                source,
            },
        })?;
    Ok(fichier)
}

/// The job's pact and its options: `options` with the base folder of its relative paths.
fn charger(source: &Source, options: &RenderOptions) -> Result<(Pacte, RenderOptions), BatchError> {
    let with_base = |base: &Path| RenderOptions {
        base_dir: base.to_path_buf(),
        ..options.clone()
    };
    match source {
        Source::File(chemin) => {
            let options = with_base(crate::io::base_dir(chemin));
            match crate::render::load_pacte(chemin, &options) {
                Ok(p) => Ok((p, options)),
                Err(LoadError::Read { error, .. }) => Err(BatchError::Read(error)),
                Err(LoadError::Invalid { problems, .. }) => Err(BatchError::Invalid(problems)),
            }
        }
        Source::Pacte(p, base) => {
            let options = with_base(base);
            p.validate_with(&options).map_err(BatchError::Invalid)?;
            Ok(((**p).clone(), options))
        }
        Source::Template {
            modele,
            departement,
            surcharge,
        } => {
            let d = registry::departement(departement).ok_or_else(|| unknown(departement))?;
            let patch = match surcharge {
                Some(f) => {
                    let patch = template::load_override(f, &options.limits);
                    Some(patch.map_err(|erreur| BatchError::Template {
                        contexte: None,
                        erreur,
                    })?)
                }
                None => None,
            };
            let options = with_base(modele.base_dir());
            let resolu = modele.resolve_with(d, patch.as_ref(), &options);
            let pacte = resolu.map_err(|erreur| {
                let t = modele
                    .fichier()
                    .map(|f| f.display().to_string())
                    .unwrap_or_else(|| "template".into());
                let contexte = match surcharge {
                    Some(f) => format!("{t} with override {}", f.display()),
                    None => t,
                };
                BatchError::Template {
                    contexte: Some(contexte),
                    erreur,
                }
            })?;
            Ok((pacte, options))
        }
    }
}

#[cfg(test)]
mod tests;
