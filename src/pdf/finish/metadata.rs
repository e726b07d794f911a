//! The document information dictionary, the catalog's `/Lang` and the viewer preferences.

use super::strings::{clean_text, text_string, Instant};
use super::{catalog_mut, Finish, FinishError};
use lopdf::{dictionary, Dictionary, Document, Object};

/// The name written as `/Producer` (Info) and `pdf:Producer` (XMP).
pub(crate) const PRODUCER: &str = "pacte";

/// The descriptive values of a [`Finish`], cleaned of characters XML cannot hold so that the
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
    /// The cleaned text of `f`; empty optional values count as absent.
    pub(crate) fn new(f: &Finish) -> Self {
        let optional = |v: &Option<String>| {
            v.as_deref()
                .map(clean_text)
                .filter(|s| !s.trim().is_empty())
        };
        let keywords: Vec<String> = f
            .keywords
            .iter()
            .map(|k| clean_text(k))
            .filter(|k| !k.trim().is_empty())
            .collect();
        let keywords_joined = (!keywords.is_empty()).then(|| keywords.join(", "));
        Self {
            title: clean_text(&f.title),
            author: optional(&f.author),
            subject: optional(&f.subject),
            keywords,
            keywords_joined,
            creator: clean_text(&f.creator),
            language: clean_text(&f.language),
        }
    }
}

/// Writes a new Info dictionary (replacing printpdf's), `/Lang` and
/// `/ViewerPreferences << /DisplayDocTitle true >>`.
///
/// # Errors
/// [`FinishError::Malformed`] without a catalog.
pub(crate) fn apply(doc: &mut Document, text: &Text, date: &Instant) -> Result<(), FinishError> {
    let info = info_dictionary(text, date);
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", info_id);
    let catalog = catalog_mut(doc)?;
    catalog.set("Lang", text_string(&text.language));
    let mut prefs = match catalog.get(b"ViewerPreferences") {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    prefs.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", prefs);
    Ok(())
}

/// The Info dictionary: title, author, subject, keywords, creator, producer, and the creation
/// date as both creation and modification date.
fn info_dictionary(text: &Text, date: &Instant) -> Dictionary {
    let mut info = dictionary! { "Title" => text_string(&text.title) };
    if let Some(author) = &text.author {
        info.set("Author", text_string(author));
    }
    if let Some(subject) = &text.subject {
        info.set("Subject", text_string(subject));
    }
    if let Some(keywords) = &text.keywords_joined {
        info.set("Keywords", text_string(keywords));
    }
    info.set("Creator", text_string(&text.creator));
    info.set("Producer", text_string(PRODUCER));
    info.set("CreationDate", Object::string_literal(date.pdf()));
    info.set("ModDate", Object::string_literal(date.pdf()));
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finish() -> Finish {
        Finish {
            title: "Pacte \u{7}territorial".into(),
            author: Some("Département de Vaucluse".into()),
            subject: Some("   ".into()),
            keywords: vec!["PTI".into(), "".into(), "insertion".into()],
            creator: "pacte 0.1".into(),
            creation_date: 1_700_000_000,
            language: "fr-FR".into(),
            bookmarks: vec![],
            signature_fields: vec![],
            pdfa: true,
        }
    }

    #[test]
    fn info_holds_the_cleaned_values() {
        let text = Text::new(&finish());
        assert_eq!(text.title, "Pacte territorial");
        assert_eq!(text.subject, None, "a blank subject is no subject");
        assert_eq!(text.keywords_joined.as_deref(), Some("PTI, insertion"));
        let info = info_dictionary(&text, &Instant::from_unix(1_700_000_000).unwrap());
        let get = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
        assert_eq!(get(b"Title"), "Pacte territorial");
        assert_eq!(get(b"Author"), "Département de Vaucluse");
        assert_eq!(get(b"Keywords"), "PTI, insertion");
        assert_eq!(get(b"Producer"), "pacte");
        assert_eq!(get(b"CreationDate"), "D:20231114221320+00'00'");
        assert_eq!(get(b"ModDate"), get(b"CreationDate"));
        assert!(!info.has(b"Subject") && !info.has(b"Trapped"));
    }
}
