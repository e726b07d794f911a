//! The memory allocator of the `pacte` binary: mimalloc (version 2), behind the binary's
//! default cargo feature `mimalloc`.
//!
//! A first render sets its paragraphs on all cores and makes some 50 000 small allocations;
//! glibc's allocator made the threads wait on each other and fault in fresh pages
//! (measured: 35 ms and one CPU busy, against 24 ms and 1.6 CPUs with mimalloc).
//!
//! Written here rather than taken from the `mimalloc` crate, whose allocator asks
//! mimalloc for an *aligned* block every time: that path costs about 65 instructions an
//! allocation and never grows a block in place. [`Mimalloc`] asks for a plain block when
//! the alignment allows it (as the standard library's own allocator does with `malloc`),
//! which saves some 4 million instructions in a render of the Vaucluse pact (callgrind).
//!
//! The library sets no global allocator and compiles no allocator: an application chooses
//! its own.

use libmimalloc_sys as ffi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The alignment every plain mimalloc block of at least this size has
/// (`MI_MAX_ALIGN_SIZE`, the alignment of C's `max_align_t`).
const PLAIN_ALIGN: usize = 16;

/// mimalloc as a Rust global allocator (see the [module](self) documentation).
#[derive(Debug, Clone, Copy, Default)]
pub struct Mimalloc;

/// Whether a plain block of `layout.size()` bytes is aligned enough for `layout`: mimalloc
/// aligns a block to 16 bytes, or to its size's power of two below 16.
#[inline]
fn plain(layout: &Layout) -> bool {
    layout.align() <= PLAIN_ALIGN && layout.align() <= layout.size()
}

// SAFETY: each method hands mimalloc's blocks to Rust under the contract of `GlobalAlloc`:
// a block is aligned for its layout (plain blocks only when `plain` says they are), and
// blocks are freed and grown only by mimalloc, which accepts any block it gave, aligned or
// not, in `mi_free` and `mi_realloc`.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain FFI calls; a null result is passed on as allocation failure.
        unsafe {
            if plain(&layout) {
                ffi::mi_malloc(layout.size()).cast()
            } else {
                ffi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if plain(&layout) {
                ffi::mi_zalloc(layout.size()).cast()
            } else {
                ffi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` was given by this allocator (the caller's contract).
        unsafe { ffi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was given by this allocator for `layout` (the caller's contract);
        // the new block is aligned for the same alignment at the new size.
        unsafe {
            let grown = Layout::from_size_align_unchecked(new_size, layout.align());
            if plain(&grown) {
                ffi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                ffi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_as_asked_and_keep_their_bytes() {
        let a = Mimalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 15, 16, 24, 100, 5000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "{size} bytes, aligned {align}");
                    p.write_bytes(0xA5, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "grown, aligned {align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xA5));
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
