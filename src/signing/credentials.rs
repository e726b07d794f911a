//! The signer's credentials: a private key (RSA, ECDSA P-256 or P-384) and its certificate
//! chain, from a PKCS#12 (`.p12`/`.pfx`) file or from PEM files.

use super::SignError;
use der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::Decode;
use pkcs8::DecodePrivateKey;
use spki::EncodePublicKey;
use x509_cert::name::Name;
use x509_cert::Certificate;

/// A private key of a kind the signer supports.
#[derive(Clone)]
pub(crate) enum Key {
    /// RSA, signing PKCS#1 v1.5 with SHA-256.
    Rsa(Box<rsa::RsaPrivateKey>),
    /// ECDSA on P-256 (signing with SHA-256).
    P256(p256::ecdsa::SigningKey),
    /// ECDSA on P-384 (signing the SHA-256 digest, as the rest of the signature).
    P384(p384::ecdsa::SigningKey),
}

impl Key {
    /// Reads a PKCS#8 `PrivateKeyInfo`.
    fn from_pkcs8(der: &[u8]) -> Result<Key, SignError> {
        if let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(der) {
            return Ok(Key::Rsa(Box::new(k)));
        }
        if let Ok(k) = p256::SecretKey::from_pkcs8_der(der) {
            return Ok(Key::P256(k.into()));
        }
        if let Ok(k) = p384::SecretKey::from_pkcs8_der(der) {
            return Ok(Key::P384(k.into()));
        }
        Err(SignError::Key(
            "not an RSA, P-256 or P-384 private key (PKCS#8)".into(),
        ))
    }

    /// Reads the first private key of a PEM file: `PRIVATE KEY` (PKCS#8), `RSA PRIVATE KEY`
    /// (PKCS#1) or `EC PRIVATE KEY` (SEC 1).
    fn from_pem(text: &[u8]) -> Result<Key, SignError> {
        let (label, der) = pem_blocks(text)
            .into_iter()
            .find(|(label, _)| label.ends_with("PRIVATE KEY"))
            .ok_or_else(|| SignError::Key("no PEM private key block".into()))?;
        match label.as_str() {
            "PRIVATE KEY" => Key::from_pkcs8(&der),
            "RSA PRIVATE KEY" => {
                use rsa::pkcs1::DecodeRsaPrivateKey;
                rsa::RsaPrivateKey::from_pkcs1_der(&der)
                    .map(|k| Key::Rsa(Box::new(k)))
                    .map_err(|e| SignError::Key(e.to_string()))
            }
            "EC PRIVATE KEY" => p256::SecretKey::from_sec1_der(&der)
                .map(|k| Key::P256(k.into()))
                .or_else(|_| p384::SecretKey::from_sec1_der(&der).map(|k| Key::P384(k.into())))
                .map_err(|_| {
                    SignError::Key("an EC key on a curve other than P-256 or P-384".into())
                }),
            other => Err(SignError::Key(format!(
                "{other}: an encrypted key; give an unencrypted PEM key or a .p12 file"
            ))),
        }
    }

    /// The public key, as a `SubjectPublicKeyInfo` in DER.
    fn public_key_der(&self) -> Result<Vec<u8>, SignError> {
        let der = match self {
            Key::Rsa(k) => k.to_public_key().to_public_key_der(),
            Key::P256(k) => k.verifying_key().to_public_key_der(),
            Key::P384(k) => k.verifying_key().to_public_key_der(),
        };
        der.map(|d| d.into_vec())
            .map_err(|e| SignError::Key(e.to_string()))
    }
}

/// The signer's private key and certificate chain (signer first).
#[derive(Clone)]
pub struct Credentials {
    pub(crate) key: Key,
    /// The signer's certificate, then the certificates that issued it.
    pub(crate) chain: Vec<Certificate>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("signer", &self.signer_name())
            .field("chain", &self.chain.len())
            .finish_non_exhaustive()
    }
}

impl Credentials {
    /// Reads a PKCS#12 file (`.p12`, `.pfx`), either of today's kind (PBES2 with AES) or
    /// the legacy one (3DES, RC2).
    ///
    /// # Errors
    /// [`SignError::Pkcs12`] for a wrong password or a file that is not PKCS#12,
    /// [`SignError::Key`], [`SignError::Certificate`], [`SignError::KeyMismatch`].
    pub fn from_pkcs12(p12: &[u8], password: &str) -> Result<Credentials, SignError> {
        let store = p12_keystore::KeyStore::from_pkcs12(p12, password)
            .map_err(|e| SignError::Pkcs12(e.to_string()))?;
        let (_, chain) = store
            .private_key_chain()
            .ok_or_else(|| SignError::Pkcs12("no private key with its certificate".into()))?;
        let key = Key::from_pkcs8(chain.key())?;
        let certs = chain
            .chain()
            .iter()
            .map(|c| {
                Certificate::from_der(c.as_der()).map_err(|e| SignError::Certificate(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Credentials::new(key, certs)
    }

    /// Reads a PEM private key (PKCS#8, PKCS#1 or SEC 1, unencrypted), the signer's PEM
    /// certificate and, optionally, a PEM file of the certificates that issued it.
    ///
    /// # Errors
    /// [`SignError::Key`], [`SignError::Certificate`], [`SignError::KeyMismatch`].
    pub fn from_pem(
        key: &[u8],
        certificate: &[u8],
        chain: Option<&[u8]>,
    ) -> Result<Credentials, SignError> {
        let key = Key::from_pem(key)?;
        let mut certs = Certificate::load_pem_chain(certificate)
            .map_err(|e| SignError::Certificate(e.to_string()))?;
        if let Some(chain) = chain {
            certs.extend(
                Certificate::load_pem_chain(chain)
                    .map_err(|e| SignError::Certificate(e.to_string()))?,
            );
        }
        Credentials::new(key, certs)
    }

    /// Checks that the key is the first certificate's.
    fn new(key: Key, chain: Vec<Certificate>) -> Result<Credentials, SignError> {
        let first = chain
            .first()
            .ok_or_else(|| SignError::Certificate("no certificate".into()))?;
        let theirs = &first.tbs_certificate.subject_public_key_info;
        let ours = spki::SubjectPublicKeyInfoOwned::from_der(&key.public_key_der()?)
            .map_err(|e| SignError::Key(e.to_string()))?;
        if ours.subject_public_key != theirs.subject_public_key {
            return Err(SignError::KeyMismatch(subject(first)));
        }
        Ok(Credentials { key, chain })
    }

    /// The signer's name: the common name of the certificate's subject (or the whole
    /// subject when it has none).
    pub fn signer_name(&self) -> String {
        self.chain.first().map(subject).unwrap_or_default()
    }

    /// Refuses a certificate that is not valid at `time` (Unix seconds).
    pub(crate) fn check_valid_at(&self, time: i64) -> Result<(), SignError> {
        let Some(cert) = self.chain.first() else {
            return Ok(());
        };
        let (from, to) = validity(cert);
        if time < from || time > to {
            return Err(SignError::CertificateNotValid {
                subject: subject(cert),
                at: super::pdfdate::readable(time),
                from: super::pdfdate::readable(from),
                to: super::pdfdate::readable(to),
            });
        }
        Ok(())
    }

    /// The signer's certificate.
    pub(crate) fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }
}

/// A certificate's validity, `(not before, not after)` in Unix seconds.
pub(crate) fn validity(cert: &Certificate) -> (i64, i64) {
    let v = &cert.tbs_certificate.validity;
    let secs = |t: &x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    (secs(&v.not_before), secs(&v.not_after))
}

/// The common name of a certificate's subject, or the whole subject written out.
pub(crate) fn subject(cert: &Certificate) -> String {
    common_name(&cert.tbs_certificate.subject)
        .unwrap_or_else(|| cert.tbs_certificate.subject.to_string())
}

/// The (last) common name of `name`, decoded from any of the usual string types.
pub(crate) fn common_name(name: &Name) -> Option<String> {
    let cn = const_oid::db::rfc4519::CN;
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == cn)
        .filter_map(|atv| {
            let v = &atv.value;
            Utf8StringRef::try_from(v)
                .map(|s| s.as_str().to_string())
                .or_else(|_| PrintableStringRef::try_from(v).map(|s| s.as_str().to_string()))
                .or_else(|_| Ia5StringRef::try_from(v).map(|s| s.as_str().to_string()))
                .or_else(|_| TeletexStringRef::try_from(v).map(|s| s.as_str().to_string()))
                .or_else(|_| v.decode_as::<der::asn1::BmpString>().map(|s| s.to_string()))
                .ok()
        })
        .next_back()
}

/// The blocks of a PEM file: label and DER bytes; text around them is skipped.
pub(crate) fn pem_blocks(text: &[u8]) -> Vec<(String, Vec<u8>)> {
    let text = String::from_utf8_lossy(text);
    let mut out = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start..];
        let Some(end_label) = after[11..].find("-----") else {
            break;
        };
        let label = after[11..11 + end_label].to_string();
        let end_marker = format!("-----END {label}-----");
        let Some(end) = after.find(&end_marker) else {
            break;
        };
        let block = &after[..end + end_marker.len()];
        if let Ok((l, der)) = der::pem::decode_vec(block.as_bytes()) {
            out.push((l.to_string(), der));
        }
        rest = &after[end + end_marker.len()..];
    }
    out
}

/// Certificates from PEM or DER bytes (a trust anchor file may hold several).
pub(crate) fn certificates(bytes: &[u8]) -> Result<Vec<Certificate>, String> {
    if bytes.starts_with(b"0") || bytes.first() == Some(&0x30) {
        if let Ok(c) = Certificate::from_der(bytes) {
            return Ok(vec![c]);
        }
    }
    let certs: Vec<Certificate> = pem_blocks(bytes)
        .into_iter()
        .filter(|(label, _)| label == "CERTIFICATE")
        .map(|(_, der)| Certificate::from_der(&der).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    if certs.is_empty() {
        return Err("no certificate found (PEM or DER)".into());
    }
    Ok(certs)
}
