//! CMS `SignedData` (RFC 5652) for PDF signatures: built with the `cms` crate's builder
//! (detached content, signed attributes content-type, message-digest and
//! signing-certificate-v2, no signing-time), and checked back: digest, signature, signing
//! certificate, time-stamp token.

use super::credentials::{Credentials, Key};
use super::ess;
use super::SignError;
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode};
use sha2::Sha256;
use signature::hazmat::PrehashVerifier;
use spki::{AlgorithmIdentifierOwned, DecodePublicKey};
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

/// `id-data`.
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// `id-messageDigest`.
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// `id-aa-timeStampToken`.
pub(crate) const TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// A detached CMS `SignedData` over content whose SHA-256 hash is `digest`, signed with
/// `credentials`, DER-encoded (a `ContentInfo`).
pub(crate) fn build(credentials: &Credentials, digest: &[u8]) -> Result<Vec<u8>, SignError> {
    let err = |e: &dyn std::fmt::Display| SignError::Cms(e.to_string());
    let cert = credentials.certificate();
    let eci = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let sha256 = AlgorithmIdentifierOwned {
        oid: ess::SHA256,
        parameters: None,
    };
    let ess_value = ess::value_for(cert).map_err(|e| err(&e))?;
    let ess_attr = Attribute {
        oid: ess::OID,
        values: SetOfVec::try_from(vec![Any::from_der(&ess_value).map_err(|e| err(&e))?])
            .map_err(|e| err(&e))?,
    };
    let mut builder = SignedDataBuilder::new(&eci);
    builder
        .add_digest_algorithm(sha256.clone())
        .map_err(|e| err(&e))?;
    for c in &credentials.chain {
        builder
            .add_certificate(CertificateChoices::Certificate(c.clone()))
            .map_err(|e| err(&e))?;
    }
    macro_rules! sign_with {
        ($signer:expr, $sig:ty) => {{
            let signer = $signer;
            let mut info = SignerInfoBuilder::new(&signer, sid, sha256, &eci, Some(digest))
                .map_err(|e| err(&e))?;
            info.add_signed_attribute(ess_attr).map_err(|e| err(&e))?;
            builder
                .add_signer_info::<_, $sig>(info)
                .map_err(|e| err(&e))?;
        }};
    }
    match &credentials.key {
        Key::Rsa(k) => sign_with!(
            rsa::pkcs1v15::SigningKey::<Sha256>::new((**k).clone()),
            rsa::pkcs1v15::Signature
        ),
        Key::P256(k) => sign_with!(k.clone(), p256::ecdsa::DerSignature),
        Key::P384(k) => sign_with!(P384Sha256(k.clone()), p384::ecdsa::DerSignature),
    }
    builder
        .build()
        .map_err(|e| err(&e))?
        .to_der()
        .map_err(|e| err(&e))
}

/// `ecdsa-with-SHA256`.
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// ECDSA on P-384 over the SHA-256 digest (`ecdsa-with-SHA256`): p384's own signer hashes
/// the signed attributes with SHA-384 and says so, a mix with the SignedData's SHA-256 that
/// RFC 5753 does not allow and pyHanko refuses as a disallowed algorithm.
struct P384Sha256(p384::ecdsa::SigningKey);

impl signature::Keypair for P384Sha256 {
    type VerifyingKey = p384::ecdsa::VerifyingKey;

    fn verifying_key(&self) -> p384::ecdsa::VerifyingKey {
        *self.0.verifying_key()
    }
}

impl spki::DynSignatureAlgorithmIdentifier for P384Sha256 {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        Ok(AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA256,
            parameters: None,
        })
    }
}

impl signature::Signer<p384::ecdsa::DerSignature> for P384Sha256 {
    fn try_sign(&self, message: &[u8]) -> signature::Result<p384::ecdsa::DerSignature> {
        use sha2::Digest as _;
        use signature::hazmat::PrehashSigner as _;
        let signature: p384::ecdsa::Signature = self.0.sign_prehash(&Sha256::digest(message))?;
        Ok(signature.to_der())
    }
}

/// The signature value of the (first) signer of `cms`.
pub(crate) fn signature_value(cms: &[u8]) -> Result<Vec<u8>, String> {
    let sd = signed_data(cms)?;
    let si = sd.signer_infos.0.get(0).ok_or("no signer")?;
    Ok(si.signature.as_bytes().to_vec())
}

/// `cms` with the time-stamp token `token` (a DER `ContentInfo`) added as an unsigned
/// attribute of its signer.
pub(crate) fn add_timestamp(cms: &[u8], token: &[u8]) -> Result<Vec<u8>, String> {
    let e = |e: der::Error| e.to_string();
    let mut sd = signed_data(cms)?;
    let mut infos = sd.signer_infos.0.into_vec();
    let si = infos.first_mut().ok_or("no signer")?;
    let attr = Attribute {
        oid: TIME_STAMP_TOKEN,
        values: SetOfVec::try_from(vec![Any::from_der(token).map_err(e)?]).map_err(e)?,
    };
    let mut unsigned = si
        .unsigned_attrs
        .take()
        .map(|u| u.into_vec())
        .unwrap_or_default();
    unsigned.push(attr);
    si.unsigned_attrs = Some(SetOfVec::try_from(unsigned).map_err(e)?);
    sd.signer_infos.0 = SetOfVec::try_from(infos).map_err(e)?;
    ContentInfo {
        content_type: const_oid::db::rfc5911::ID_SIGNED_DATA,
        content: Any::from_der(&sd.to_der().map_err(e)?).map_err(e)?,
    }
    .to_der()
    .map_err(e)
}

/// The `SignedData` inside a DER `ContentInfo` (trailing zero padding allowed, as in
/// `/Contents`).
pub(crate) fn signed_data(cms: &[u8]) -> Result<SignedData, String> {
    let ci = match ContentInfo::from_der(cms) {
        Ok(ci) => ci,
        Err(_) => {
            let mut r = der::SliceReader::new(cms).map_err(|e| e.to_string())?;
            <ContentInfo as der::Decode>::decode(&mut r).map_err(|e| format!("not CMS: {e}"))?
        }
    };
    if ci.content_type != const_oid::db::rfc5911::ID_SIGNED_DATA {
        return Err(format!("CMS content {} is not SignedData", ci.content_type));
    }
    ci.content
        .decode_as::<SignedData>()
        .map_err(|e| format!("SignedData: {e}"))
}

/// What checking a CMS signature found.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    /// The signer's certificate, if found among the CMS's certificates.
    pub(crate) signer: Option<Certificate>,
    /// Every certificate the CMS carries.
    pub(crate) certificates: Vec<Certificate>,
    /// Problems found, in words; none means intact.
    pub(crate) problems: Vec<String>,
    /// The signature value.
    pub(crate) signature: Vec<u8>,
    /// The unsigned attribute time-stamp token (DER), if any.
    pub(crate) timestamp_token: Option<Vec<u8>>,
}

/// Checks the CMS signature `cms` over `content` (the pieces of a detached content, or
/// `None` to use the encapsulated one).
pub(crate) fn check(cms: &[u8], content: Option<&[&[u8]]>) -> Result<Checked, String> {
    let sd = signed_data(cms)?;
    let certificates = embedded_certificates(&sd);
    let si = sd.signer_infos.0.get(0).ok_or("the CMS has no signer")?;
    let econtent = sd.encap_content_info.econtent.as_ref().map(|any| {
        any.decode_as::<OctetString>()
            .map(|o| o.as_bytes().to_vec())
            .unwrap_or_else(|_| any.value().to_vec())
    });
    let mut problems = Vec::new();
    let signer = certificates
        .iter()
        .find(|c| identifies(&si.sid, c))
        .cloned();
    let digest_alg = si.digest_alg.oid;
    let pieces: Vec<&[u8]> = match (content, &econtent) {
        (Some(p), _) => p.to_vec(),
        (None, Some(e)) => vec![e.as_slice()],
        (None, None) => return Err("no content to check the signature against".into()),
    };
    let digest = ess::hash(digest_alg, &pieces)
        .ok_or_else(|| format!("digest algorithm {digest_alg} not supported"))?;
    let message = match &si.signed_attrs {
        Some(attrs) => {
            match attribute(si, MESSAGE_DIGEST, true)
                .and_then(|a| a.decode_as::<OctetString>().ok())
            {
                Some(md) if md.as_bytes() == digest.as_slice() => {}
                Some(_) => {
                    problems.push("the message digest does not match the signed bytes".into())
                }
                None => problems.push("no message-digest attribute".into()),
            }
            attrs.to_der().map_err(|e| e.to_string())?
        }
        None => pieces.concat(),
    };
    match &signer {
        None => problems.push("the signer's certificate is not in the signature".into()),
        Some(cert) => problems.extend(check_signer(si, cert, digest_alg, &message)),
    }
    let timestamp_token =
        attribute(si, TIME_STAMP_TOKEN, false).map(|a| a.to_der().unwrap_or_default());
    Ok(Checked {
        signer,
        certificates,
        problems,
        signature: si.signature.as_bytes().to_vec(),
        timestamp_token,
    })
}

/// The certificates the CMS carries.
fn embedded_certificates(sd: &SignedData) -> Vec<Certificate> {
    sd.certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(c) => Some(c.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What is wrong with the signature of `si` by `cert` over `message` (the signed
/// attributes, or the content): its value, and the certificate its signing-certificate-v2
/// attribute names.
fn check_signer(
    si: &SignerInfo,
    cert: &Certificate,
    digest_alg: ObjectIdentifier,
    message: &[u8],
) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = verify_signature(
        &cert.tbs_certificate.subject_public_key_info,
        si.signature_algorithm.oid,
        digest_alg,
        message,
        si.signature.as_bytes(),
    ) {
        problems.push(e);
    }
    if let Some(ess) = attribute(si, ess::OID, true) {
        match ess::matches(&ess.to_der().unwrap_or_default(), cert) {
            Ok(true) => {}
            Ok(false) => problems
                .push("the signing-certificate-v2 attribute names another certificate".into()),
            Err(e) => problems.push(format!("signing-certificate-v2: {e}")),
        }
    }
    problems
}

/// The first value of the signed (or unsigned) attribute `oid` of `si`.
fn attribute(si: &SignerInfo, oid: ObjectIdentifier, signed: bool) -> Option<Any> {
    let attrs = if signed {
        si.signed_attrs.as_ref()
    } else {
        si.unsigned_attrs.as_ref()
    }?;
    attrs
        .iter()
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.get(0).cloned())
}

/// Whether `sid` names `cert`.
fn identifies(sid: &SignerIdentifier, cert: &Certificate) -> bool {
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(is) => {
            is.issuer == cert.tbs_certificate.issuer
                && is.serial_number == cert.tbs_certificate.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => cert
            .tbs_certificate
            .extensions
            .iter()
            .flatten()
            .filter(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER)
            .any(|e| {
                OctetString::from_der(e.extn_value.as_bytes())
                    .is_ok_and(|o| o.as_bytes() == ski.0.as_bytes())
            }),
    }
}

/// Verifies `signature` over `message` with the public key `spki`, by the signature
/// algorithm `alg` (the hash is the algorithm's, or `digest_alg` for a bare key algorithm).
pub(crate) fn verify_signature(
    spki: &spki::SubjectPublicKeyInfoOwned,
    alg: ObjectIdentifier,
    digest_alg: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    let spki_der = spki.to_der().map_err(|e| e.to_string())?;
    let (kind, hash_oid) = match alg.to_string().as_str() {
        "1.2.840.113549.1.1.1" => ("rsa", digest_alg),
        "1.2.840.113549.1.1.11" => ("rsa", ess::SHA256),
        "1.2.840.113549.1.1.12" => ("rsa", ess::SHA384),
        "1.2.840.113549.1.1.13" => ("rsa", ess::SHA512),
        "1.2.840.10045.4.3.2" => ("ec", ess::SHA256),
        "1.2.840.10045.4.3.3" => ("ec", ess::SHA384),
        "1.2.840.10045.4.3.4" => ("ec", ess::SHA512),
        "1.2.840.10045.2.1" => ("ec", digest_alg),
        other => return Err(format!("signature algorithm {other} not supported")),
    };
    let hash =
        ess::hash(hash_oid, &[message]).ok_or_else(|| format!("hash {hash_oid} not supported"))?;
    let bad = || "the signature value does not verify with the certificate's key".to_string();
    if kind == "rsa" {
        let key = rsa::RsaPublicKey::from_public_key_der(&spki_der).map_err(|e| e.to_string())?;
        let scheme = match hash_oid {
            ess::SHA256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            ess::SHA384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            _ => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
        };
        return key.verify(scheme, &hash, signature).map_err(|_| bad());
    }
    if let Ok(vk) = p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der) {
        let sig = p256::ecdsa::Signature::from_der(signature).map_err(|_| bad())?;
        return vk.verify_prehash(&hash, &sig).map_err(|_| bad());
    }
    if let Ok(vk) = p384::ecdsa::VerifyingKey::from_public_key_der(&spki_der) {
        let sig = p384::ecdsa::Signature::from_der(signature).map_err(|_| bad())?;
        return vk.verify_prehash(&hash, &sig).map_err(|_| bad());
    }
    Err("the certificate's EC key is on a curve other than P-256 or P-384".into())
}

/// Verifies that `issuer` signed `cert`.
pub(crate) fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let Ok(tbs) = cert.tbs_certificate.to_der() else {
        return false;
    };
    verify_signature(
        &issuer.tbs_certificate.subject_public_key_info,
        cert.signature_algorithm.oid,
        ess::SHA256,
        &tbs,
        cert.signature.raw_bytes(),
    )
    .is_ok()
}

/// The `TSTInfo` of a time-stamp token.
pub(crate) fn tst_info(token: &[u8]) -> Result<x509_tsp::TstInfo, String> {
    let sd = signed_data(token)?;
    let content = sd
        .encap_content_info
        .econtent
        .ok_or("the token has no content")?;
    let octets = content
        .decode_as::<OctetString>()
        .map_err(|e| e.to_string())?;
    <x509_tsp::TstInfo as Decode>::from_der(octets.as_bytes()).map_err(|e| format!("TSTInfo: {e}"))
}
