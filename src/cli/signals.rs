//! SIGINT and SIGTERM: stop cleanly once; the second time, remove the temporary files and
//! exit at once.
//!
//! The work runs on the thread pool while the calling thread, which would otherwise only
//! wait for it, listens for the signals: no thread is started for them unless one comes.

/// What to do on an interruption: `stop` on the first SIGINT or SIGTERM (interrupts the
/// writes, so that no temporary file is left and no job starts, and says what was done);
/// `cleanup` on a second one, should the first one's work take long (removes the temporary
/// files in flight).
pub(crate) struct OnInterruption<F, C> {
    /// Run on the first signal, on a thread of its own; its line is printed.
    pub(crate) stop: F,
    /// Run on the second signal, before the process exits at once.
    pub(crate) cleanup: C,
}

/// Runs `here` on this thread, then `work` on the thread pool with what `here` gives, and
/// returns what `work` returns (a panic in it is resumed here), or what `here` failed with;
/// a SIGINT or SIGTERM during `here` stops the process at once with 128 + the signal (nothing
/// is written yet, and `here` may block: a pact read from a FIFO). While `work` runs, this
/// thread listens for them: on the first one, runs `stop` on a thread of its own, prints
/// "interrupted by SIGINT: " and its line on stderr, and exits with 128 + the signal (130,
/// 143), whether or not `work` has finished. A second signal runs `cleanup` and exits at
/// once; a third exits without waiting for anything.
///
/// Uses signal-hook: its iterator delivers the signal's number (the exit status depends on
/// it) to an ordinary thread, where locks and printing are safe. When the signals cannot be
/// listened to, `here` and `work` run here and they keep their default effect; elsewhere
/// than on Unix, signals keep their default effect (the process stops at once) and both run
/// here.
pub(crate) fn run_interruptible<I, T, H, W, F, C>(here: H, work: W, on: OnInterruption<F, C>) -> T
where
    I: Send + 'static,
    T: Send + 'static,
    H: FnOnce() -> Result<I, T>,
    W: FnOnce(I) -> T + Send + 'static,
    F: FnOnce() -> String + Send + 'static,
    C: Fn() + Send + 'static,
{
    #[cfg(not(unix))]
    {
        let _ = on;
        here().map_or_else(|failed| failed, work)
    }
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        use signal_hook::flag;
        use signal_hook::iterator::Signals;
        use std::panic::{self, AssertUnwindSafe};
        use std::sync::atomic::AtomicBool;
        use std::sync::{mpsc, Arc};

        let listen = || -> std::io::Result<(Signals, Arc<AtomicBool>)> {
            // Set while `here` runs, and when the second signal arrives: a signal then (a
            // third one, should the cleanup hang on a lock) exits at once.
            let second = Arc::new(AtomicBool::new(false));
            for signal in [SIGINT, SIGTERM] {
                flag::register_conditional_shutdown(signal, 128 + signal, second.clone())?;
            }
            Ok((Signals::new([SIGINT, SIGTERM])?, second))
        };
        let (mut signals, second) = match listen() {
            Ok(listening) => listening,
            Err(e) => {
                eprintln!("warning: cannot handle SIGINT/SIGTERM ({e}); an interruption may leave a temporary .pacte-*.tmp file");
                return here().map_or_else(|failed| failed, work);
            }
        };
        // No thread listens while `here` runs on this one, which may block (a pact read from
        // a FIFO): a signal then stops the process at once, as by default, with nothing
        // written yet.
        second.store(true, std::sync::atomic::Ordering::SeqCst);
        let input = here();
        second.store(false, std::sync::atomic::Ordering::SeqCst);
        let input = match input {
            Ok(input) => input,
            Err(failed) => return failed,
        };
        let (done, result) = mpsc::sync_channel(1);
        let handle = signals.handle();
        rayon::spawn(move || {
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| work(input)));
            // The receiver lives until the result is read, or the process exits.
            let _ = done.send(outcome);
            // Ends the listening below.
            handle.close();
        });
        let mut arriving = signals.forever();
        if let Some(signal) = arriving.next() {
            interrupted(signal, &mut arriving, &second, on);
        }
        match result.recv() {
            Ok(Ok(value)) => value,
            Ok(Err(panicked)) => panic::resume_unwind(panicked),
            Err(_) => unreachable!("the work sends its outcome before the listening ends"),
        }
    }
}

/// The first signal `signal` arrived: `stop` runs on a thread of its own, which exits the
/// process, while this one still hears a second signal.
#[cfg(unix)]
fn interrupted<F, C>(
    signal: i32,
    arriving: &mut impl Iterator<Item = i32>,
    second: &std::sync::atomic::AtomicBool,
    on: OnInterruption<F, C>,
) -> !
where
    F: FnOnce() -> String + Send + 'static,
    C: Fn() + Send + 'static,
{
    let name = if signal == signal_hook::consts::SIGINT {
        "SIGINT"
    } else {
        "SIGTERM"
    };
    let stop = on.stop;
    let stopping = std::thread::spawn(move || {
        let line = stop();
        eprintln!("interrupted by {name}: {line}");
        std::process::exit(128 + signal);
    });
    // Until the process exits: a second signal, or the end of the listening once the work
    // is done (then the stopping thread exits).
    if let Some(again) = arriving.next() {
        second.store(true, std::sync::atomic::Ordering::SeqCst);
        (on.cleanup)();
        eprintln!("interrupted again: temporary files removed");
        std::process::exit(128 + again);
    }
    let _ = stopping.join();
    std::process::exit(128 + signal)
}
