//! Freeing memory off the caller's path.

/// Drops `value` on the rayon thread pool when called from outside it (the pool is then
/// idle, and the caller goes on at once); drops it here when called from a pool thread,
/// where a spawned job could wait behind the thread's current work and let memory pile up
/// (a batch renders on the pool).
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    if rayon::current_thread_index().is_none() {
        rayon::spawn(move || drop(value));
    } else {
        drop(value);
    }
}

/// Drops `value` on the rayon thread pool, whatever the calling thread: for what a single
/// render leaves, which no later work of the caller waits for (a spawned job runs when a
/// core is free, and the caller has its result sooner).
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}
