//! Progress of a batch: a bar on a terminal, plain lines otherwise.

use indicatif::{ProgressBar, ProgressStyle};
use pacte::batch::{BatchError, Outcome};
use std::io::IsTerminal;

/// Reports each outcome of a batch as it arrives.
///
/// On a terminal (stderr), a progress bar, with failures printed above it. Otherwise, one
/// line per job: "ok" lines on stdout, failures on stderr.
pub(crate) struct Progress {
    barre: Option<ProgressBar>,
}

impl Progress {
    /// A reporter for `total` jobs; a bar when stderr is a terminal.
    pub(crate) fn new(total: u64) -> Progress {
        Progress::with_bar(total, std::io::stderr().is_terminal())
    }

    /// A reporter for `total` jobs, with or without a bar.
    pub(crate) fn with_bar(total: u64, barre: bool) -> Progress {
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
        Progress { barre }
    }

    /// Reports one outcome (callable from any thread). A job stopped by an interruption is
    /// not printed: whoever interrupted the batch reports the interruption once.
    pub(crate) fn report(&self, o: &Outcome) {
        match (&self.barre, &o.resultat) {
            (Some(b), Err(BatchError::Interrupted)) => b.inc(1),
            (None, Err(BatchError::Interrupted)) => {}
            (Some(b), Ok(_)) => {
                b.set_message(o.etiquette.clone());
                b.inc(1);
            }
            (Some(b), Err(_)) => {
                for l in o.error_lines() {
                    b.println(format!("failed: {l}"));
                }
                b.inc(1);
            }
            (None, Ok(f)) => println!("ok: {} -> {}", o.etiquette, f.display()),
            (None, Err(_)) => {
                for l in o.error_lines() {
                    eprintln!("failed: {l}");
                }
            }
        }
    }

    /// Removes the bar, if any.
    pub(crate) fn finish(&self) {
        if let Some(b) = &self.barre {
            b.finish_and_clear();
        }
    }
}
