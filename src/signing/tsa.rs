//! The RFC 3161 time-stamping client: a `TimeStampReq` over a SHA-256 hash, posted over HTTP
//! (`application/timestamp-query`) with `ureq`; the reply's token is checked to stamp that
//! hash with our nonce.

use super::ess;
use der::asn1::{Int, OctetString};
use der::{Decode, Encode};
use rand_core::RngCore;
use spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion};

/// How long the authority may take to answer, seconds.
const TIMEOUT_SECS: u64 = 30;

/// A time-stamp token (a DER `ContentInfo`) over the SHA-256 hash `digest`, from the
/// authority at `url`.
pub(crate) fn token(url: &str, digest: &[u8]) -> Result<Vec<u8>, String> {
    let mut nonce = [0u8; 8];
    rand_core::OsRng.fill_bytes(&mut nonce);
    nonce[0] &= 0x7f;
    nonce[0] |= 0x01;
    let e = |e: der::Error| e.to_string();
    let request = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifier {
                oid: ess::SHA256,
                parameters: None,
            },
            hashed_message: OctetString::new(digest).map_err(e)?,
        },
        req_policy: None,
        nonce: Some(Int::new(&nonce).map_err(e)?),
        cert_req: true,
        extensions: None,
    }
    .to_der()
    .map_err(e)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(TIMEOUT_SECS)))
        .build()
        .into();
    let reply = agent
        .post(url)
        .content_type("application/timestamp-query")
        .send(&request[..])
        .map_err(|e| e.to_string())?
        .into_body()
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    let response = TimeStampResp::from_der(&reply).map_err(|e| format!("reply: {e}"))?;
    let status = response.status.status as u8;
    if status > 1 {
        return Err(format!("the request was refused (PKIStatus {status})"));
    }
    let token = response
        .time_stamp_token
        .ok_or("the reply holds no time-stamp token")?
        .to_der()
        .map_err(e)?;
    let info = super::cms::tst_info(&token)?;
    if info.message_imprint.hashed_message.as_bytes() != digest {
        return Err("the token stamps another hash".into());
    }
    if info.nonce.as_ref().map(Int::as_bytes) != Some(&nonce[..]) {
        return Err("the token does not carry our nonce".into());
    }
    Ok(token)
}
