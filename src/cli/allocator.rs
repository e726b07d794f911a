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
//! mimalloc is compiled with medium pages of 64 KiB instead of 512 KiB
//! (`MI_MEDIUM_PAGE_SHIFT=16`, set for the C compiler in `.cargo/config.toml`), so a block
//! over 8 KiB gets a span of its own, sized to the 4 KiB pages it covers, as blocks over
//! 64 KiB always do, instead of a slot in a 512 KiB page kept for its size class. A render
//! makes a few hundred such blocks (lines of a paragraph being set, glyph tables, content
//! streams) of some twenty sizes on each thread: with the default, their pages spread each
//! thread's heap over 12 MiB, and the kernel backs mimalloc's heap with 2 MiB transparent
//! huge pages, each zeroed when first touched: 12 of them (24 MiB) for a heap that peaks at
//! 5 MiB. With 64 KiB medium pages a Vaucluse render touches 9 (measured in
//! `/proc/vmstat`'s `thp_fault_alloc`), its peak memory drops from 36 to 30 MB and the whole
//! process is about 6 % faster (Allier 7 %, a batch of the 101 départements 5 %).
//!
//! Its segments, which each thread's heap is made of, are of 1 MiB instead of 32 MiB
//! (`MI_SEGMENT_SHIFT=20`), with slices, the smallest span and the small pages, of 16 KiB
//! instead of 64 KiB (`MI_SEGMENT_SLICE_SHIFT=14`: a segment holds 64 slices, as mimalloc's
//! commit mask wants). Every thread allocates as it starts (the standard library's stack
//! overflow handler does), and a thread's first segment touched a huge page of its own:
//! with segments under 2 MiB, two threads' heaps share one. A render touches 6 huge pages
//! (7 with the 16 MiB segments of 32 KiB slices tried before, 9 with the default segments);
//! its peak memory drops from 24 to 22 MB, and the whole process is 5–6 % faster (paired
//! runs of 100, Vaucluse and Allier). Smaller still (8 KiB slices, 512 KiB segments) was no
//! faster. Without huge pages (`MIMALLOC_ALLOW_THP=0`) the process
//! faults in 4 KiB pages one by one and is 20 % slower.
//!
//! At exit, mimalloc as a static library frees every page of the main thread's heap and
//! hands the memory back to the kernel (`madvise`, which splits the huge pages), for the
//! case where it lives in a shared library loaded and unloaded many times. The binary is a
//! process of its own, whose memory the kernel takes back whole at exit: mimalloc is
//! compiled without that collection (`MI_SKIP_COLLECT_ON_EXIT`), which `perf` put at 0.4 %
//! of a Vaucluse render's CPU time, on the main thread after the file is written.
//!
//! libdeflate, the C library that compresses the PDF's streams, allocates with C's `malloc`
//! unless told otherwise: its compressor (200 KiB a thread, the hash tables of its match
//! finder) then came from glibc, which maps a block that size apart and faults it in a
//! 4 KiB page at a time, some 70 faults a render. [`give_libdeflate_mimalloc`] hands it
//! mimalloc's `malloc` and `free` instead: 349 page faults a Vaucluse render become 278, and
//! the whole process is about 2.5 % faster (paired runs of 100, 0.975 and 0.972).
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

/// Makes libdeflate allocate with mimalloc (see the [module](self) documentation). Called
/// first thing in `main`, before any compressor exists: libdeflate keeps the functions in a
/// global of its own, read when a compressor is made or freed.
pub(crate) fn give_libdeflate_mimalloc() {
    unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
        // SAFETY: a plain FFI call; a null result is libdeflate's allocation failure.
        unsafe { ffi::mi_malloc(size) }
    }
    unsafe extern "C" fn free(ptr: *mut c_void) {
        // SAFETY: libdeflate frees only what it allocated, with `malloc` above.
        unsafe { ffi::mi_free(ptr) }
    }
    // SAFETY: no compressor exists yet, so none is freed by another function than the one
    // that allocated it; both functions are thread-safe, as libdeflate requires.
    unsafe { libdeflate_sys::libdeflate_set_memory_allocator(malloc, free) }
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

    /// The size mimalloc gives a block asked for `size` bytes.
    fn usable_size(size: usize) -> usize {
        extern "C" {
            // In libmimalloc-sys behind its `extended` feature; the static library always has it.
            fn mi_usable_size(p: *const c_void) -> usize;
        }
        // SAFETY: a block is asked for, measured and freed by mimalloc.
        unsafe {
            let p = ffi::mi_malloc(size);
            assert!(!p.is_null());
            let usable = mi_usable_size(p);
            ffi::mi_free(p);
            usable
        }
    }

    #[test]
    fn a_block_over_8_kib_covers_whole_pages_rather_than_a_size_class() {
        assert_eq!(
            usable_size(8000),
            8192,
            "a small block keeps its size class"
        );
        assert_eq!(
            usable_size(9000),
            12288,
            "mimalloc was built with its default 512 KiB medium pages (a block of 9000 bytes \
             is 10240, its size class): `.cargo/config.toml` sets MI_MEDIUM_PAGE_SHIFT=16 in \
             CFLAGS, unless CFLAGS is already set in the environment"
        );
    }
}
