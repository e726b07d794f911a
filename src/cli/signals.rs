//! SIGINT and SIGTERM: stop cleanly once, at once the second time.

/// On the first SIGINT or SIGTERM, from a thread of its own: runs `stop` (which interrupts
/// the writes, so that no temporary file is left and no job starts, and says what was done),
/// prints "interrupted by SIGINT: " and its line on stderr, and exits with 128 + the signal
/// (130, 143). A second signal exits at once, should the first one's cleanup hang.
///
/// Uses signal-hook: its iterator delivers the signal's number (the exit status depends on
/// it) to an ordinary thread, where locks and printing are safe.
#[cfg(unix)]
pub(crate) fn on_interruption<F>(stop: F)
where
    F: FnOnce() -> String + Send + 'static,
{
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    use signal_hook::iterator::Signals;
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;

    let installer = || -> std::io::Result<()> {
        let deja = Arc::new(AtomicBool::new(false));
        for signal in [SIGINT, SIGTERM] {
            // Registered first, so that it acts only from the second signal on: the first
            // one sets `deja` just after.
            flag::register_conditional_shutdown(signal, 128 + signal, deja.clone())?;
            flag::register(signal, deja.clone())?;
        }
        let mut signaux = Signals::new([SIGINT, SIGTERM])?;
        std::thread::Builder::new()
            .name("signaux".into())
            .spawn(move || {
                if let Some(signal) = signaux.forever().next() {
                    let nom = if signal == SIGINT {
                        "SIGINT"
                    } else {
                        "SIGTERM"
                    };
                    let line = stop();
                    eprintln!("interrupted by {nom}: {line}");
                    std::process::exit(128 + signal);
                }
            })?;
        Ok(())
    };
    if let Err(e) = installer() {
        eprintln!("warning: cannot handle SIGINT/SIGTERM ({e}); an interruption may leave a temporary .pacte-*.tmp file");
    }
}

/// Elsewhere than on Unix, signals keep their default effect (the process stops at once).
#[cfg(not(unix))]
pub(crate) fn on_interruption<F>(_stop: F)
where
    F: FnOnce() -> String + Send + 'static,
{
}
