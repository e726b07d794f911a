//! Progress of a batch: a bar on a terminal, plain lines otherwise.

use super::{BatchError, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// Reports each outcome of a batch as it arrives.
///
/// On a terminal (stderr), a progress bar, with failures printed above it. Otherwise, one
/// line per job: "ok" lines on stdout, failures on stderr.
pub struct Progression {
    barre: Option<ProgressBar>,
}

impl Progression {
    /// A reporter for `total` jobs; a bar when stderr is a terminal.
    pub fn new(total: u64) -> Progression {
        Progression::avec_barre(total, std::io::stderr().is_terminal())
    }

    /// A reporter for `total` jobs, with or without a bar.
    pub fn avec_barre(total: u64, barre: bool) -> Progression {
        let barre = barre.then(|| {
            let b = ProgressBar::new(total);
            if let Ok(style) =
                ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} {msg}")
                    .map(|s| s.progress_chars("=> "))
            {
                b.set_style(style);
            }
            b
        });
        Progression { barre }
    }

    /// Reports one outcome (callable from any thread). A job stopped by an interruption is
    /// not printed: whoever interrupted the batch reports the interruption once.
    pub fn rapporter(&self, o: &Outcome) {
        match (&self.barre, &o.resultat) {
            (Some(b), Err(BatchError::Interrompu)) => b.inc(1),
            (None, Err(BatchError::Interrompu)) => {}
            (Some(b), Ok(_)) => {
                b.set_message(o.etiquette.clone());
                b.inc(1);
            }
            (Some(b), Err(_)) => {
                for l in o.lignes_erreur() {
                    b.println(format!("failed: {l}"));
                }
                b.inc(1);
            }
            (None, Ok(f)) => println!("ok: {} -> {}", o.etiquette, f.display()),
            (None, Err(_)) => {
                for l in o.lignes_erreur() {
                    eprintln!("failed: {l}");
                }
            }
        }
    }

    /// Removes the bar, if any.
    pub fn terminer(&self) {
        if let Some(b) = &self.barre {
            b.finish_and_clear();
        }
    }
}
