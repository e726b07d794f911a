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
