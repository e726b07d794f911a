//! The document's descriptive text (title, author, subject, keywords…) as both the Info
//! dictionary ([`super::metadata`]) and the XMP packet ([`super::xmp`]) write it.

use super::Meta;

/// The name written as `/Producer` (Info) and `pdf:Producer` (XMP).
pub(crate) const PRODUCER: &str = "pacte";

/// `text` without the characters XML 1.0 cannot carry (control characters other than tab,
/// line feed and carriage return; U+FFFE and U+FFFF), so that the Info dictionary and the XMP
/// metadata hold exactly the same values.
pub(crate) fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|&c| match c {
            '\t' | '\n' | '\r' => true,
            '\u{FFFE}' | '\u{FFFF}' => false,
            c => !c.is_control(),
        })
        .collect()
}

/// The descriptive values of a [`Meta`], cleaned of characters XML cannot hold so that the
/// Info dictionary and the XMP packet carry exactly the same text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text {
    /// Title.
    pub(crate) title: String,
    /// Author, if any.
    pub(crate) author: Option<String>,
    /// Subject, if any.
    pub(crate) subject: Option<String>,
    /// Keywords, one by one.
    pub(crate) keywords: Vec<String>,
    /// Keywords joined with ", " (Info `/Keywords`, XMP `pdf:Keywords`); `None` without any.
    pub(crate) keywords_joined: Option<String>,
    /// Creator tool.
    pub(crate) creator: String,
    /// Language tag.
    pub(crate) language: String,
}

impl Text {
    /// The cleaned text of `m`; empty optional values count as absent.
    pub(crate) fn new(m: &Meta) -> Self {
        let optional = |v: &Option<String>| {
            v.as_deref()
                .map(clean_text)
                .filter(|s| !s.trim().is_empty())
        };
        let keywords: Vec<String> = m
            .keywords
            .iter()
            .map(|k| clean_text(k))
            .filter(|k| !k.trim().is_empty())
            .collect();
        let keywords_joined = (!keywords.is_empty()).then(|| keywords.join(", "));
        Self {
            title: clean_text(&m.title),
            author: optional(&m.author),
            subject: optional(&m.subject),
            keywords,
            keywords_joined,
            creator: clean_text(&m.creator),
            language: clean_text(&m.language),
        }
    }
}
