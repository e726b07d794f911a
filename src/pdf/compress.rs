//! Flate compression of streams, with libdeflate.
//!
//! The level was chosen by measuring the whole PDF stage of the Vaucluse pact on one thread
//! (dev profile, `RAYON_NUM_THREADS=1`) against the file's size:
//!
//! | level | time | file |
//! |---|---|---|
//! | 1 | 2.5 ms | 126 KB |
//! | 2 | 3.1 ms | 124 KB |
//! | 3 | 3.3 ms | 123 KB |
//! | 6 (libdeflate's default) | 4.1 ms | 121 KB |
//! | 12 | 33 ms | 118 KB |
//!
//! (printpdf and lopdf with zlib's best level gave 141 KB.) Level 1 is the fastest and the
//! 5 KB it costs against level 6 do not matter for a signed contract, so level 1 it is. The
//! same bytes in always give the same bytes out.

use super::PdfError;
use libdeflater::{CompressionLvl, Compressor};
use pdf_writer::{Filter, Pdf, Ref};
use std::cell::RefCell;

/// The compression level (libdeflate's scale, 1 to 12).
const LEVEL: i32 = 1;

thread_local! {
    /// One compressor per thread: allocating one costs more than compressing a page.
    static COMPRESSOR: RefCell<Compressor> = RefCell::new(Compressor::new(
        CompressionLvl::new(LEVEL).unwrap_or_default(),
    ));
    /// The room libdeflate writes into, kept from one stream to the next on each thread
    /// (up to [`KEPT_ROOM`]): sized to libdeflate's bound, about the data's own size, for a
    /// compressed stream some four times smaller, of which only the bytes written are
    /// copied out.
    static ROOM: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The largest room a thread keeps between streams: a page's content is some tens of KiB;
/// an image may be megabytes, which a thread of a long-lived program should not hold.
const KEPT_ROOM: usize = 1 << 20;

/// `data` compressed in the zlib format (what `/FlateDecode` reads).
///
/// # Errors
/// [`PdfError::Compress`] if libdeflate reports that its output did not fit the bound it
/// gave itself (it does not happen).
pub(crate) fn deflate(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    COMPRESSOR.with(|c| {
        ROOM.with(|room| {
            let (mut c, mut room) = (c.borrow_mut(), room.borrow_mut());
            let bound = c.zlib_compress_bound(data.len());
            if room.len() < bound {
                room.resize(bound, 0);
            }
            let n = c
                .zlib_compress(data, &mut room)
                .map_err(|e| PdfError::Compress(e.to_string()))?;
            let packed = room[..n].to_vec();
            if room.len() > KEPT_ROOM {
                *room = Vec::new();
            }
            Ok(packed)
        })
    })
}

/// Writes the already compressed `data` as the stream object `id` with `/Filter
/// /FlateDecode`.
pub(crate) fn flate_stream(pdf: &mut Pdf, id: Ref, data: &[u8]) {
    pdf.stream(id, data).filter(Filter::FlateDecode);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_determinism() {
        let data = b"BT /F1 10 Tf [(abc)-76.2(def)]TJ ET\n".repeat(200);
        let packed = deflate(&data).unwrap();
        assert!(packed.len() < data.len() / 10);
        assert_eq!(packed, deflate(&data).unwrap());
        let mut d = libdeflater::Decompressor::new();
        let mut back = vec![0; data.len()];
        let n = d.zlib_decompress(&packed, &mut back).unwrap();
        assert_eq!(&back[..n], &data[..]);
        assert!(
            !deflate(b"").unwrap().is_empty(),
            "an empty stream is still zlib"
        );
    }

    #[test]
    fn a_stream_over_the_kept_room_and_the_next_one_come_back_whole() {
        let unpack = |packed: &[u8], len: usize| {
            let mut back = vec![0; len];
            let n = libdeflater::Decompressor::new()
                .zlib_decompress(packed, &mut back)
                .unwrap();
            back.truncate(n);
            back
        };
        // Bytes that do not compress, so that the bound passes the kept room.
        let mut x: u32 = 1;
        let big: Vec<u8> = (0..KEPT_ROOM + 4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let small = b"q 1 0 0 1 72 720 cm Q\n".repeat(500);
        for data in [&small[..], &big[..], &small[..]] {
            let packed = deflate(data).unwrap();
            assert_eq!(unpack(&packed, data.len() + 64), data);
        }
        ROOM.with(|room| assert!(room.borrow().capacity() <= KEPT_ROOM));
    }
}
