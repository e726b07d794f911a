//! The ESS signing-certificate-v2 attribute (RFC 5035), which binds a CMS signature to its
//! signer's certificate: no crate defines it, so its types are derived here with `der`.
//!
//! ```text
//! SigningCertificateV2 ::= SEQUENCE {
//!     certs     SEQUENCE OF ESSCertIDv2,
//!     policies  SEQUENCE OF PolicyInformation OPTIONAL }
//! ESSCertIDv2 ::= SEQUENCE {
//!     hashAlgorithm  AlgorithmIdentifier DEFAULT {algorithm id-sha256},
//!     certHash       OCTET STRING,
//!     issuerSerial   IssuerSerial OPTIONAL }
//! IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
//! ```

use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

/// `id-aa-signingCertificateV2`.
pub(crate) const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// `id-sha256`.
pub(crate) const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// `id-sha384`.
pub(crate) const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
/// `id-sha512`.
pub(crate) const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// `SigningCertificateV2`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SigningCertificateV2 {
    /// The signer's certificate first.
    pub(crate) certs: Vec<EssCertIdV2>,
    /// Certificate policies (not written).
    #[asn1(optional = "true")]
    pub(crate) policies: Option<Vec<Any>>,
}

/// `ESSCertIDv2`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct EssCertIdV2 {
    /// The hash function; absent means SHA-256 (the default, which DER does not write).
    #[asn1(optional = "true")]
    pub(crate) hash_algorithm: Option<AlgorithmIdentifierOwned>,
    /// The hash of the whole certificate.
    pub(crate) cert_hash: OctetString,
    /// The certificate's issuer and serial number.
    #[asn1(optional = "true")]
    pub(crate) issuer_serial: Option<IssuerSerial>,
}

/// `IssuerSerial`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct IssuerSerial {
    /// The issuer, as a directory name.
    pub(crate) issuer: Vec<GeneralName>,
    /// The serial number.
    pub(crate) serial_number: SerialNumber,
}

/// `digest` of `data` under the hash `oid` (SHA-256, -384, -512), `None` for others.
pub(crate) fn hash(oid: ObjectIdentifier, data: &[&[u8]]) -> Option<Vec<u8>> {
    fn run<D: Digest>(data: &[&[u8]]) -> Vec<u8> {
        let mut h = D::new();
        for d in data {
            h.update(d);
        }
        h.finalize().to_vec()
    }
    match oid {
        SHA256 => Some(run::<Sha256>(data)),
        SHA384 => Some(run::<Sha384>(data)),
        SHA512 => Some(run::<Sha512>(data)),
        _ => None,
    }
}

/// The attribute's value for `cert`: its SHA-256 hash, issuer and serial number.
pub(crate) fn value_for(cert: &Certificate) -> der::Result<Vec<u8>> {
    let hash = Sha256::digest(cert.to_der()?);
    SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(hash.to_vec())?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            }),
        }],
        policies: None,
    }
    .to_der()
}

/// Whether the attribute value `der` names `cert` (its first entry's hash matches).
pub(crate) fn matches(der: &[u8], cert: &Certificate) -> Result<bool, String> {
    let v = SigningCertificateV2::from_der(der).map_err(|e| e.to_string())?;
    let first = v
        .certs
        .first()
        .ok_or("signing-certificate-v2 lists no certificate")?;
    let cert_der = cert.to_der().map_err(|e| e.to_string())?;
    let oid = first.hash_algorithm.as_ref().map_or(SHA256, |a| a.oid);
    let h = hash(oid, &[&cert_der]).ok_or_else(|| format!("hash {oid} not supported"))?;
    Ok(h == first.cert_hash.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_hash_algorithm_is_not_written() {
        let id = EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(vec![7; 32]).unwrap(),
            issuer_serial: None,
        };
        let der = id.to_der().unwrap();
        // SEQUENCE { OCTET STRING (32 bytes) } only.
        assert_eq!(&der[..4], &[0x30, 34, 0x04, 32]);
        assert_eq!(EssCertIdV2::from_der(&der).unwrap(), id);
    }
}
