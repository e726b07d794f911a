//! The XMP metadata packet (ISO 19005-2, 6.6; ISO 14289-1, 5).
//!
//! It repeats the Info dictionary with the equivalences PDF/A requires: `/Title` ↔
//! `dc:title`, `/Author` ↔ `dc:creator`, `/Subject` ↔ `dc:description`, `/Keywords` ↔
//! `pdf:Keywords`, `/Creator` ↔ `xmp:CreatorTool`, `/Producer` ↔ `pdf:Producer`,
//! `/CreationDate` ↔ `xmp:CreateDate`, `/ModDate` ↔ `xmp:ModifyDate`; it declares PDF/UA-1
//! (`pdfuaid:part 1`) and, for PDF/A, `pdfaid:part 2`, `pdfaid:conformance A` with the
//! extension schema that PDF/A-2 requires for `pdfuaid`, a schema outside XMP's own.
//! Nothing in it is random or clock-based.

use super::date::Instant;
use super::meta_text::{Text, PRODUCER};
use std::fmt::Write;

/// The PDF/A extension schema that describes `pdfuaid:part` (ISO 19005-2, 6.6.2.3.2).
const PDFUA_EXTENSION: &str = r#"   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
"#;

/// The packet, as the bytes of the metadata stream (UTF-8); `pdfa`: with the PDF/A-2a
/// identification and the extension schema it needs.
pub(crate) fn packet(text: &Text, date: &Instant, pdfa: bool) -> Vec<u8> {
    let mut x = String::with_capacity(4096);
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("  <rdf:Description rdf:about=\"\"\n");
    if pdfa {
        x.push_str("    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n");
        x.push_str("    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n");
        x.push_str("    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n");
        x.push_str("    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"\n");
    }
    x.push_str("    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n");
    x.push_str("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n");
    x.push_str("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n");
    x.push_str("    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    if pdfa {
        x.push_str("   <pdfaid:part>2</pdfaid:part>\n");
        x.push_str("   <pdfaid:conformance>A</pdfaid:conformance>\n");
        x.push_str(PDFUA_EXTENSION);
    }
    x.push_str("   <pdfuaid:part>1</pdfuaid:part>\n");
    x.push_str("   <dc:format>application/pdf</dc:format>\n");
    lang_alt(&mut x, "dc:title", &text.title);
    if let Some(author) = &text.author {
        list(
            &mut x,
            "dc:creator",
            "rdf:Seq",
            std::slice::from_ref(author),
        );
    }
    if let Some(subject) = &text.subject {
        lang_alt(&mut x, "dc:description", subject);
    }
    if !text.keywords.is_empty() {
        list(&mut x, "dc:subject", "rdf:Bag", &text.keywords);
    }
    if !text.language.is_empty() {
        list(
            &mut x,
            "dc:language",
            "rdf:Bag",
            std::slice::from_ref(&text.language),
        );
    }
    if let Some(keywords) = &text.keywords_joined {
        simple(&mut x, "pdf:Keywords", keywords);
    }
    simple(&mut x, "pdf:Producer", PRODUCER);
    simple(&mut x, "xmp:CreatorTool", &text.creator);
    let date = date.xmp();
    for property in ["xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"] {
        simple(&mut x, property, &date);
    }
    x.push_str("  </rdf:Description>\n");
    x.push_str(" </rdf:RDF>\n");
    x.push_str("</x:xmpmeta>\n");
    x.push_str("<?xpacket end=\"w\"?>");
    x.into_bytes()
}

/// `value` escaped for XML character data and attribute values: `& < > " '`.
pub(crate) fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `<name>value</name>`.
fn simple(x: &mut String, name: &str, value: &str) {
    let _ = writeln!(x, "   <{name}>{}</{name}>", escape(value));
}

/// A language alternative with only the `x-default` entry.
fn lang_alt(x: &mut String, name: &str, value: &str) {
    let _ = writeln!(
        x,
        "   <{name}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></{name}>",
        escape(value)
    );
}

/// An ordered (`rdf:Seq`) or unordered (`rdf:Bag`) array.
fn list(x: &mut String, name: &str, kind: &str, values: &[String]) {
    let _ = write!(x, "   <{name}><{kind}>");
    for v in values {
        let _ = write!(x, "<rdf:li>{}</rdf:li>", escape(v));
    }
    let _ = writeln!(x, "</{kind}></{name}>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Meta;

    #[test]
    fn escaping_covers_the_five_xml_specials_and_keeps_accents() {
        assert_eq!(
            escape(r#"Tom & Jerry <b> "quoted" l'État — été"#),
            "Tom &amp; Jerry &lt;b&gt; &quot;quoted&quot; l&apos;État — été"
        );
        assert_eq!(
            escape("&amp;"),
            "&amp;amp;",
            "already escaped text is escaped again"
        );
    }

    #[test]
    fn packet_holds_every_value_escaped() {
        let f = Meta {
            title: "Pacte <PTI> & \"co\" – l'Allier".into(),
            author: Some("Conseil départemental".into()),
            subject: Some("Insertion & emploi".into()),
            keywords: vec!["RSA".into(), "a<b".into()],
            creator: "pacte 0.1.0".into(),
            creation_date: 1_700_000_000,
            language: "fr-FR".into(),
            bookmarks: vec![],
            signature_fields: vec![],
            pdfa: true,
        };
        let text = Text::new(&f);
        let xml = String::from_utf8(packet(
            &text,
            &Instant::from_unix(f.creation_date).unwrap(),
            true,
        ))
        .unwrap();
        assert!(xml.starts_with("<?xpacket begin=\"\u{FEFF}\""));
        assert!(xml.ends_with("<?xpacket end=\"w\"?>"));
        for needle in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>A</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
            "<rdf:li xml:lang=\"x-default\">Pacte &lt;PTI&gt; &amp; &quot;co&quot; – l&apos;Allier</rdf:li>",
            "<dc:creator><rdf:Seq><rdf:li>Conseil départemental</rdf:li></rdf:Seq></dc:creator>",
            "<rdf:li xml:lang=\"x-default\">Insertion &amp; emploi</rdf:li>",
            "<pdf:Keywords>RSA, a&lt;b</pdf:Keywords>",
            "<pdf:Producer>pacte</pdf:Producer>",
            "<xmp:CreatorTool>pacte 0.1.0</xmp:CreatorTool>",
            "<xmp:CreateDate>2023-11-14T22:13:20+00:00</xmp:CreateDate>",
            "<xmp:ModifyDate>2023-11-14T22:13:20+00:00</xmp:ModifyDate>",
            "<xmp:MetadataDate>2023-11-14T22:13:20+00:00</xmp:MetadataDate>",
        ] {
            assert!(xml.contains(needle), "missing {needle} in\n{xml}");
        }
        // No raw special character outside markup: every '&' starts an entity.
        for (i, _) in xml.match_indices('&') {
            let rest = &xml[i..];
            assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| rest.starts_with(e)));
        }
    }
}
