//! The bounds on what a pact may make a render read, decode and write.

use std::fmt;

/// The bounds of a render (and of the validation that precedes it): whatever the input, a
/// render stays within them or fails with [`LimitError`], which names the limit and how to
/// raise it. The defaults keep a render under a few hundred MB of memory.
///
/// ```
/// let mut options = pacte::RenderOptions::default();
/// options.limits.pages = 200;
/// options.limits.set("image_pixels", 4_000_000)?;
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Size of a pact file, bytes (default 20 MB).
    pub pacte_bytes: u64,
    /// Size of an image file, bytes (default 20 MB).
    pub image_bytes: u64,
    /// Pixels an image declares in its header, width × height (default 25 million, 5000 ×
    /// 5000: 100 MB once decoded with transparency).
    pub image_pixels: u64,
    /// Pages of the document (default 2000).
    pub pages: u64,
    /// Nesting depth of a pact's JSON (objects and arrays, default 64).
    pub depth: u64,
    /// Nesting of a Markdown text: lists, quotes, inline styles (default 24).
    pub markdown_depth: u64,
    /// Size of a PDF file read by `fields`, `verify` and `sign` (default 50 MB).
    pub pdf_bytes: u64,
    /// Indirect objects of such a PDF, those inside object streams included (default
    /// 500 000).
    pub pdf_objects: u64,
    /// Bytes one stream of such a PDF inflates to (default 100 MB: a 5000 × 5000 RGB
    /// image is 75 MB).
    pub pdf_stream_bytes: u64,
    /// Bytes all the streams of such a PDF inflate to together (default 300 MB).
    pub pdf_inflated_bytes: u64,
    /// Revisions of such a PDF (each `%%EOF`; default 200: a pact signed in turn by 30
    /// partners, each signature with its own validation data, has about 60).
    pub pdf_revisions: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            pacte_bytes: 20_000_000,
            image_bytes: 20_000_000,
            image_pixels: 25_000_000,
            pages: 2000,
            depth: 64,
            markdown_depth: 24,
            pdf_bytes: 50_000_000,
            pdf_objects: 500_000,
            pdf_stream_bytes: 100_000_000,
            pdf_inflated_bytes: 300_000_000,
            pdf_revisions: 200,
        }
    }
}

/// The names of the limits, as [`Limits::set`] and the messages spell them.
const NAMES: [&str; 11] = [
    "pacte_bytes",
    "image_bytes",
    "image_pixels",
    "pages",
    "depth",
    "markdown_depth",
    "pdf_bytes",
    "pdf_objects",
    "pdf_stream_bytes",
    "pdf_inflated_bytes",
    "pdf_revisions",
];

impl Limits {
    /// Sets the limit called `name` (a field's name: `pacte_bytes`, `image_pixels`…); the
    /// CLI's `--limit NAME=VALUE`.
    pub fn set(&mut self, name: &str, value: u64) -> Result<(), String> {
        let field = match name {
            "pacte_bytes" => &mut self.pacte_bytes,
            "image_bytes" => &mut self.image_bytes,
            "image_pixels" => &mut self.image_pixels,
            "pages" => &mut self.pages,
            "depth" => &mut self.depth,
            "markdown_depth" => &mut self.markdown_depth,
            "pdf_bytes" => &mut self.pdf_bytes,
            "pdf_objects" => &mut self.pdf_objects,
            "pdf_stream_bytes" => &mut self.pdf_stream_bytes,
            "pdf_inflated_bytes" => &mut self.pdf_inflated_bytes,
            "pdf_revisions" => &mut self.pdf_revisions,
            _ => {
                return Err(format!(
                    "unknown limit \"{name}\" (known: {})",
                    NAMES.join(", ")
                ))
            }
        };
        *field = value;
        Ok(())
    }

    /// Parses and sets `NAME=VALUE` (the CLI's `--limit`).
    pub fn set_str(&mut self, assignment: &str) -> Result<(), String> {
        let (name, value) = assignment
            .split_once('=')
            .ok_or_else(|| format!("--limit {assignment}: write NAME=VALUE"))?;
        let value = value
            .trim()
            .replace('_', "")
            .parse()
            .map_err(|_| format!("--limit {assignment}: the value must be a whole number"))?;
        self.set(name.trim(), value)
    }
}

/// Something over one of the [`Limits`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{what} is over the limit {name} = {limit} (raise {}.{name}, or --limit {name}=N)",
    owner(name)
)]
pub struct LimitError {
    /// What is too large, e.g. "the file is 52 428 800 bytes: it".
    pub what: String,
    /// The limit's name (a field of [`Limits`]).
    pub name: &'static str,
    /// Its value.
    pub limit: u64,
}

/// Where a library caller sets the limit `name`: the render's options, or the [`Limits`]
/// given to `pacte::signing` for the PDF ones.
fn owner(name: &str) -> &'static str {
    if name.starts_with("pdf_") {
        "Limits"
    } else {
        "RenderOptions::limits"
    }
}

impl LimitError {
    /// `what` over the limit `name` of `limit`.
    pub(crate) fn new(what: impl fmt::Display, name: &'static str, limit: u64) -> LimitError {
        LimitError {
            what: what.to_string(),
            name,
            limit,
        }
    }
}

/// At most this many characters of text fit on a page: dense prose sets about 3 800
/// (measured on a 20 MB pact: 19.5 million characters, 5 155 pages).
pub(crate) const CHARS_PER_PAGE: u64 = 5000;

/// What the limits read of JSON text, in one pass without parsing it: the characters inside
/// its strings (keys included), an upper bound of the text a pact sets, so of the pages it
/// needs, known before the layout spends memory on them; and its nesting depth (objects and
/// arrays), counted up to `most` + 1.
pub(crate) fn json_measure(text: &[u8], most: u64) -> JsonMeasure {
    let mut chars = 0;
    let mut nesting = Nesting::new(most);
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        if b == b'"' {
            // A string, to its closing quote (or the text's end), escapes included: its
            // content is found a block at a time (memchr), not byte by byte.
            let end = string_end(text, i + 1);
            chars += utf8_chars(&text[i + 1..end]);
            i = end + 1;
        } else {
            nesting.step(b);
            i += 1;
        }
    }
    JsonMeasure {
        chars,
        depth: nesting.deepest,
    }
}

/// The nesting depth of JSON text, read outside its strings, and the deepest so far,
/// counted up to `most` + 1.
struct Nesting {
    depth: u64,
    deepest: u64,
    most: u64,
}

impl Nesting {
    fn new(most: u64) -> Nesting {
        Nesting {
            depth: 0,
            deepest: 0,
            most,
        }
    }

    /// A byte outside the strings: a bracket opens or closes an object or an array.
    fn step(&mut self, b: u8) {
        match b {
            b'{' | b'[' => {
                self.depth += 1;
                if self.deepest <= self.most {
                    self.deepest = self.deepest.max(self.depth);
                }
            }
            b'}' | b']' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }
}

/// Where the string whose content starts at `from` ends: its closing quote (not one
/// escaped by a backslash), or the text's length.
fn string_end(text: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(k) = text
        .get(at..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
    {
        if text[at + k] == b'"' {
            return at + k;
        }
        // A backslash: the byte after it is escaped, whatever it is.
        at += k + 2;
    }
    text.len()
}

/// The characters of UTF-8 `bytes`: a character starts at every byte but the continuation
/// bytes.
fn utf8_chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64
}

/// See [`json_measure`].
pub(crate) struct JsonMeasure {
    /// The characters inside the strings.
    pub(crate) chars: u64,
    /// The nesting depth, at most the bound given + 1.
    pub(crate) depth: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_brackets_in_strings() {
        let depth = |t: &[u8], most| json_measure(t, most).depth;
        assert_eq!(depth(br#"{"a": [1, {"b": "[[[{{"}]}"#, 100), 3);
        assert_eq!(depth(br#"{"a": "\"[["}"#, 100), 1);
        assert_eq!(depth(&[b'['; 1000], 10), 11);
    }

    #[test]
    fn string_characters_are_counted_once_each() {
        let text = r#"{"ab": ["é€", 12, "\"x"]}"#.as_bytes();
        assert_eq!(json_measure(text, 100).chars, 7);
        // Past the depth bound, the characters are still all counted.
        let deep = format!("{}\"abc\"{}", "[".repeat(20), "]".repeat(20));
        let m = json_measure(deep.as_bytes(), 5);
        assert_eq!((m.chars, m.depth), (3, 6));
    }

    /// The measure read byte by byte, the strings by a state machine: what [`json_measure`]
    /// must give.
    fn measure_byte_by_byte(text: &[u8], most: u64) -> (u64, u64) {
        let mut chars = 0;
        let mut nesting = Nesting::new(most);
        let (mut in_string, mut escaped) = (false, false);
        for &b in text {
            if !in_string {
                in_string = b == b'"';
                nesting.step(b);
                continue;
            }
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => {
                    in_string = false;
                    continue;
                }
                _ => {}
            }
            if b & 0xC0 != 0x80 {
                chars += 1;
            }
        }
        (chars, nesting.deepest)
    }

    proptest::proptest! {
        /// On any bytes (JSON or not, escapes at the end, lone quotes), the measure is the
        /// byte-by-byte one.
        #[test]
        fn the_measure_is_the_byte_by_byte_one(
            text in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(b"\"\\{}[]ab \xC3\xA9".to_vec()),
                    proptest::num::u8::ANY,
                ],
                0..200,
            ),
            most in 0u64..8,
        ) {
            let m = json_measure(&text, most);
            proptest::prop_assert_eq!((m.chars, m.depth), measure_byte_by_byte(&text, most));
        }
    }

    #[test]
    fn set_names_the_known_limits() {
        let mut l = Limits::default();
        l.set_str("pages=10").unwrap();
        assert_eq!(l.pages, 10);
        l.set_str("image_pixels=1_000").unwrap();
        assert_eq!(l.image_pixels, 1000);
        let e = l.set_str("pixels=3").unwrap_err();
        assert!(e.contains("known: pacte_bytes, image_bytes"), "{e}");
    }
}
