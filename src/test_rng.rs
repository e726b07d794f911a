//! A deterministic pseudo-random generator for the tests' generated inputs (xorshift64):
//! the same seed always gives the same texts, so a failure can be replayed.

/// xorshift64 (Marsaglia): `next` gives the state after one step.
pub(crate) struct Xorshift(u64);

impl Xorshift {
    /// A generator starting from `seed` (not 0, which xorshift never leaves).
    pub(crate) fn new(seed: u64) -> Xorshift {
        Xorshift(seed)
    }

    /// The next value.
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// The next value reduced to `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `len` characters drawn from `alphabet` (not empty).
    pub(crate) fn text(&mut self, alphabet: &[char], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}
