//! SIGINT and SIGTERM: stop cleanly once; the second time, remove the temporary files and
//! exit at once.

/// On the first SIGINT or SIGTERM, from a thread of its own: runs `stop` (which interrupts
/// the writes, so that no temporary file is left and no job starts, and says what was done),
/// prints "interrupted by SIGINT: " and its line on stderr, and exits with 128 + the signal
/// (130, 143). A second signal, should the first one's work take long, runs `cleanup`
/// (which removes the temporary files in flight) and exits at once; a third exits without
/// waiting for anything.
///
/// Uses signal-hook: its iterator delivers the signal's number (the exit status depends on
/// it) to an ordinary thread, where locks and printing are safe.
#[cfg(unix)]
pub(crate) fn on_interruption<F, C>(stop: F, cleanup: C)
where
    F: FnOnce() -> String + Send + 'static,
    C: Fn() + Send + 'static,
{
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    use signal_hook::iterator::Signals;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let installer = || -> std::io::Result<()> {
        // Set by the signal thread when the second signal arrives: a third one, should the
        // cleanup hang on a lock, exits at once.
        let second = Arc::new(AtomicBool::new(false));
        for signal in [SIGINT, SIGTERM] {
            flag::register_conditional_shutdown(signal, 128 + signal, second.clone())?;
        }
        let mut signaux = Signals::new([SIGINT, SIGTERM])?;
        std::thread::Builder::new()
            .name("signaux".into())
            .spawn(move || {
                let mut signals = signaux.forever();
                let Some(signal) = signals.next() else {
                    return;
                };
                let nom = if signal == SIGINT {
                    "SIGINT"
                } else {
                    "SIGTERM"
                };
                // The first signal's work runs on its own thread, so that this one still
                // hears the second.
                let arret = std::thread::spawn(move || {
                    let line = stop();
                    eprintln!("interrupted by {nom}: {line}");
                    std::process::exit(128 + signal);
                });
                if let Some(again) = signals.next() {
                    second.store(true, Ordering::SeqCst);
                    cleanup();
                    eprintln!("interrupted again: temporary files removed");
                    std::process::exit(128 + again);
                }
                let _ = arret.join();
            })?;
        Ok(())
    };
    if let Err(e) = installer() {
        eprintln!("warning: cannot handle SIGINT/SIGTERM ({e}); an interruption may leave a temporary .pacte-*.tmp file");
    }
}

/// Elsewhere than on Unix, signals keep their default effect (the process stops at once).
#[cfg(not(unix))]
pub(crate) fn on_interruption<F, C>(_stop: F, _cleanup: C)
where
    F: FnOnce() -> String + Send + 'static,
    C: Fn() + Send + 'static,
{
}

/// When the run was interrupted by a signal, waits for the signal's thread to finish its
/// cleanup and exit the process with 128 + the signal (it calls `exit` itself); the main
/// thread must not end the process first with its own status. Returns after 10 s at most,
/// should that thread be stuck.
pub(crate) fn wait_if_interrupted(interrupted: bool) {
    if interrupted {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
