//! Just enough DER to name the signer of a CMS (PKCS #7) signature: the common name of the
//! certificate that the first `SignerInfo` designates (RFC 5652).
//!
//! A signature dictionary's `/Name` is optional and most signing tools (pyHanko, Acrobat)
//! leave it out; the certificate always names the signer. Anything unexpected gives `None`:
//! this is a report, not a validation.

/// `1.2.840.113549.1.7.2`, signedData.
const OID_SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
/// `2.5.4.3`, commonName.
const OID_COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];
/// `2.5.4.10`, organizationName.
const OID_ORGANIZATION: &[u8] = &[0x55, 0x04, 0x0A];
/// `2.5.29.14`, subjectKeyIdentifier.
const OID_SUBJECT_KEY_ID: &[u8] = &[0x55, 0x1D, 0x0E];

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
/// `[0]` constructed (explicit content, certificates, certificate version).
const CONTEXT_0: u8 = 0xA0;
/// `[0]` primitive (subjectKeyIdentifier choice of the signer identifier).
const CONTEXT_0_PRIMITIVE: u8 = 0x80;
/// `[3]` constructed (certificate extensions).
const CONTEXT_3: u8 = 0xA3;

/// One DER element: its tag and its content.
#[derive(Debug, Clone, Copy)]
struct Tlv<'a> {
    tag: u8,
    body: &'a [u8],
}

/// Reads the element at the start of `input`; returns it and what follows.
fn read(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag & 0x1F == 0x1F {
        return None; // high tag numbers do not occur in the structures read here
    }
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 || rest.len() < n {
            return None; // indefinite (BER) or absurd length
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((
        Tlv {
            tag,
            body: &rest[..len],
        },
        &rest[len..],
    ))
}

/// The elements that make up `body`.
fn children(body: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (tlv, more) = read(rest)?;
        out.push(tlv);
        rest = more;
    }
    Some(out)
}

/// The children of `tlv`, provided it is there and has the tag `tag`.
fn expect<'a>(tlv: Option<&Tlv<'a>>, tag: u8) -> Option<Vec<Tlv<'a>>> {
    let tlv = tlv?;
    if tlv.tag != tag {
        return None;
    }
    children(tlv.body)
}

/// How the signer's certificate is designated.
enum SignerId<'a> {
    /// Issuer name (content of the SEQUENCE) and serial number (content of the INTEGER).
    IssuerSerial(&'a [u8], &'a [u8]),
    /// Subject key identifier.
    KeyId(&'a [u8]),
}

/// The common name (or failing that the organization) of the signer of the CMS
/// `ContentInfo` at the start of `contents` (trailing zero padding, as in a PDF
/// `/Contents`, is ignored).
pub(crate) fn signer_name(contents: &[u8]) -> Option<String> {
    let (info, _) = read(contents)?;
    if info.tag != SEQUENCE {
        return None;
    }
    let info = children(info.body)?;
    if info.first()?.tag != OID || info[0].body != OID_SIGNED_DATA {
        return None;
    }
    let explicit = expect(info.get(1), CONTEXT_0)?;
    let signed_data = expect(explicit.first(), SEQUENCE)?;
    let certificates = signed_data
        .iter()
        .find(|t| t.tag == CONTEXT_0)
        .map(|t| children(t.body))??;
    let signer_infos = expect(signed_data.last(), SET)?;
    let signer_info = expect(signer_infos.first(), SEQUENCE)?;
    let sid = signer_info.get(1)?;
    let sid = match sid.tag {
        SEQUENCE => {
            let parts = children(sid.body)?;
            let (issuer, serial) = (parts.first()?, parts.get(1)?);
            if issuer.tag != SEQUENCE || serial.tag != INTEGER {
                return None;
            }
            SignerId::IssuerSerial(issuer.body, serial.body)
        }
        CONTEXT_0_PRIMITIVE => SignerId::KeyId(sid.body),
        _ => return None,
    };
    certificates.iter().find_map(|cert| {
        let cert = expect(Some(cert), SEQUENCE)?;
        let tbs = expect(cert.first(), SEQUENCE)?;
        let i = usize::from(tbs.first()?.tag == CONTEXT_0); // skip the version
        let (serial, issuer, subject) = (tbs.get(i)?, tbs.get(i + 2)?, tbs.get(i + 4)?);
        let matches = match sid {
            SignerId::IssuerSerial(iss, ser) => issuer.body == iss && serial.body == ser,
            SignerId::KeyId(key) => subject_key_id(&tbs) == Some(key),
        };
        if !matches || subject.tag != SEQUENCE {
            return None;
        }
        name_attribute(subject.body, OID_COMMON_NAME)
            .or_else(|| name_attribute(subject.body, OID_ORGANIZATION))
    })
}

/// The subject key identifier extension of a TBSCertificate.
fn subject_key_id<'a>(tbs: &[Tlv<'a>]) -> Option<&'a [u8]> {
    let extensions = tbs.iter().find(|t| t.tag == CONTEXT_3)?;
    let extensions = expect(children(extensions.body)?.first(), SEQUENCE)?;
    extensions.iter().find_map(|ext| {
        let ext = expect(Some(ext), SEQUENCE)?;
        if ext.first()?.tag != OID || ext[0].body != OID_SUBJECT_KEY_ID {
            return None;
        }
        let value = ext.last()?;
        if value.tag != OCTET_STRING {
            return None;
        }
        let (key, _) = read(value.body)?;
        (key.tag == OCTET_STRING).then_some(key.body)
    })
}

/// The first value of attribute `oid` in the content of an X.501 `Name`.
fn name_attribute(name: &[u8], oid: &[u8]) -> Option<String> {
    children(name)?
        .iter()
        .filter(|rdn| rdn.tag == SET)
        .find_map(|rdn| {
            children(rdn.body)?.iter().find_map(|atv| {
                let atv = expect(Some(atv), SEQUENCE)?;
                if atv.first()?.tag != OID || atv[0].body != oid {
                    return None;
                }
                directory_string(atv.get(1)?)
            })
        })
}

/// The text of a DirectoryString (UTF8, Printable, IA5, Teletex read as Latin-1, BMP).
fn directory_string(value: &Tlv<'_>) -> Option<String> {
    match value.tag {
        0x0C | 0x13 | 0x16 => String::from_utf8(value.body.to_vec()).ok(),
        0x14 => Some(value.body.iter().map(|&b| char::from(b)).collect()),
        0x1E => {
            let units: Vec<u16> = value
                .body
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        if body.len() < 0x80 {
            out.push(body.len() as u8);
        } else {
            out.push(0x82);
            out.extend_from_slice(&(body.len() as u16).to_be_bytes());
        }
        out.extend_from_slice(body);
        out
    }

    fn name(cn: &str) -> Vec<u8> {
        let atv = tlv(
            SEQUENCE,
            &[tlv(OID, OID_COMMON_NAME), tlv(0x0C, cn.as_bytes())].concat(),
        );
        let org = tlv(
            SEQUENCE,
            &[tlv(OID, OID_ORGANIZATION), tlv(0x13, b"Test")].concat(),
        );
        tlv(SEQUENCE, &[tlv(SET, &org), tlv(SET, &atv)].concat())
    }

    fn cert(serial: u8, issuer: &str, subject: &str) -> Vec<u8> {
        let tbs = [
            tlv(CONTEXT_0, &tlv(INTEGER, &[2])),
            tlv(INTEGER, &[serial]),
            tlv(SEQUENCE, &tlv(OID, &[0x2A])),
            name(issuer),
            tlv(SEQUENCE, &[]),
            name(subject),
        ]
        .concat();
        tlv(
            SEQUENCE,
            &[tlv(SEQUENCE, &tbs), tlv(SEQUENCE, &[]), tlv(0x03, &[0])].concat(),
        )
    }

    fn content_info(certs: &[Vec<u8>], issuer: &str, serial: u8) -> Vec<u8> {
        let name = name(issuer);
        let sid = tlv(SEQUENCE, &[name, tlv(INTEGER, &[serial])].concat());
        let signer_info = tlv(SEQUENCE, &[tlv(INTEGER, &[1]), sid].concat());
        let signed_data = tlv(
            SEQUENCE,
            &[
                tlv(INTEGER, &[1]),
                tlv(SET, &[]),
                tlv(SEQUENCE, &[]),
                tlv(CONTEXT_0, &certs.concat()),
                tlv(SET, &signer_info),
            ]
            .concat(),
        );
        let mut out = tlv(
            SEQUENCE,
            &[tlv(OID, OID_SIGNED_DATA), tlv(CONTEXT_0, &signed_data)].concat(),
        );
        out.extend_from_slice(&[0; 64]); // /Contents padding
        out
    }

    #[test]
    fn the_designated_certificate_names_the_signer() {
        let ca = cert(1, "Autorité de test", "Autorité de test");
        let signer = cert(7, "Autorité de test", "Préfète de test");
        let other = cert(8, "Autorité de test", "Quelqu'un d'autre");
        let cms = content_info(&[ca, other, signer], "Autorité de test", 7);
        assert_eq!(signer_name(&cms).as_deref(), Some("Préfète de test"));
    }

    #[test]
    fn garbage_gives_none() {
        assert_eq!(signer_name(&[]), None);
        assert_eq!(signer_name(&[0; 100]), None);
        assert_eq!(signer_name(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]), None);
        let cms = content_info(&[cert(1, "A", "B")], "A", 2);
        assert_eq!(signer_name(&cms), None, "no certificate with that serial");
        let cms = content_info(&[cert(1, "A", "B")], "A", 1);
        for cut in 0..cms.len() - 64 {
            let _ = signer_name(&cms[..cut]); // must not panic
        }
        assert_eq!(signer_name(&cms).as_deref(), Some("B"));
    }
}
