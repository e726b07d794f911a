//! HTML escaping of text and attribute values.
//!
//! Hand-written: the five characters to escape are fixed by the HTML standard, and the
//! crates that do it (html-escape, v_htmlescape) would add a dependency for four lines.

/// Appends `s` to `out` as HTML text: `&`, `<`, `>` escaped.
pub(crate) fn text_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// `s` as HTML text.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    text_into(&mut out, s);
    out
}

/// `s` as the value of a double-quoted attribute: `&`, `<`, `>` and `"` escaped.
pub(crate) fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            _ => text_into(&mut out, c.encode_utf8(&mut [0; 4])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_characters() {
        assert_eq!(super::text("a < b & c > d"), "a &lt; b &amp; c &gt; d");
        assert_eq!(super::attr("\"x\" & <y>"), "&quot;x&quot; &amp; &lt;y&gt;");
        assert_eq!(super::text("l’État « ici »"), "l’État « ici »");
    }
}
