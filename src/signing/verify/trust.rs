//! Trust: the signer's certificate chains, through the certificates the signature carries,
//! to one of the trust anchors, and every certificate on the way was valid at the signing
//! time (the time-stamp's, else the claimed `/M`). No revocation checking.

use super::super::{cms, credentials, pdfdate};
use super::{FieldReport, Trust};
use x509_cert::Certificate;

/// Longest chain followed.
const MAX_CHAIN: usize = 8;

/// Fills `r.trust_problems` when `trust` has anchors.
pub(crate) fn check(r: &mut FieldReport, trust: &Trust) {
    if trust.is_empty() || !r.signed {
        return;
    }
    let mut problems = Vec::new();
    let Some(cert) = r.certificate.clone() else {
        r.trust_problems = Some(vec!["no signer certificate".into()]);
        return;
    };
    let at = r.time.unwrap_or_else(super::super::now);
    let mut current = cert;
    let mut trusted = false;
    for _ in 0..MAX_CHAIN {
        valid_at(&current, at, &mut problems);
        if trust.anchors.iter().any(|a| a == &current) {
            trusted = true;
            break;
        }
        let issuer_of = |c: &Certificate| {
            c.tbs_certificate.subject == current.tbs_certificate.issuer
                && cms::issued_by(&current, c)
        };
        if let Some(anchor) = trust.anchors.iter().find(|a| issuer_of(a)) {
            valid_at(anchor, at, &mut problems);
            trusted = true;
            break;
        }
        match r.pool.iter().find(|c| *c != &current && issuer_of(c)) {
            Some(next) => current = next.clone(),
            None => break,
        }
    }
    if !trusted {
        problems.push("the certificate does not chain to a trusted certificate".into());
    }
    r.trust_problems = Some(problems);
}

/// Notes a certificate not valid at `at`.
fn valid_at(cert: &Certificate, at: i64, problems: &mut Vec<String>) {
    let (from, to) = credentials::validity(cert);
    if at < from || at > to {
        problems.push(format!(
            "the certificate of {} was not valid at {} (valid from {} to {})",
            credentials::subject(cert),
            pdfdate::readable(at),
            pdfdate::readable(from),
            pdfdate::readable(to)
        ));
    }
}
