//! What verification found: one report per signature field, its verdict, and the whole
//! file's, in words or JSON.

use super::form::SigField;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use x509_cert::Certificate;

/// The verdict on one signature field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// The field holds no signature.
    Unsigned,
    /// Intact, nothing disallowed changed after it, and trusted when trust was checked.
    Valid,
    /// The signature's bytes or the signed bytes do not check (see the problems).
    Broken,
    /// Intact, but the document was changed after signing in a way signing does not
    /// allow (see the changes).
    ModifiedAfterSigning,
    /// Intact and unchanged, but its certificate does not chain to a trusted one, or was
    /// not valid at the signing time.
    Untrusted,
}

/// One signature field and what verifying it found.
#[derive(Debug, Clone)]
pub struct FieldReport {
    /// Fully qualified field name.
    pub name: String,
    /// Tooltip (`/TU`).
    pub tooltip: Option<String>,
    /// 0-based page of its widget.
    pub page: Option<usize>,
    /// Whether it holds a signature.
    pub signed: bool,
    /// The `/SubFilter` of the signature.
    pub sub_filter: Option<String>,
    /// The signer: the common name of the signing certificate.
    pub signer: Option<String>,
    /// The self-declared `/Name`, if any (not trusted).
    pub declared_name: Option<String>,
    /// The claimed signing time (`/M`), readable.
    pub claimed_time: Option<String>,
    /// The time-stamp token's time, readable, if any.
    pub timestamp_time: Option<String>,
    /// Integrity problems; empty when intact.
    pub problems: Vec<String>,
    /// How many revisions follow the signed one.
    pub later_revisions: usize,
    /// Disallowed changes after signing, named ("page 6 content").
    pub changes: Vec<String>,
    /// Trust problems (chain, validity); `None` when trust was not checked.
    pub trust_problems: Option<Vec<String>>,
    pub(crate) covered_end: Option<usize>,
    pub(crate) certificate: Option<Certificate>,
    pub(crate) pool: Vec<Certificate>,
    pub(crate) time: Option<i64>,
}

impl FieldReport {
    pub(crate) fn unsigned(f: &SigField) -> FieldReport {
        FieldReport {
            name: f.name.clone(),
            tooltip: f.tooltip.clone(),
            page: f.page,
            signed: f.value.is_some(),
            sub_filter: None,
            signer: None,
            declared_name: None,
            claimed_time: None,
            timestamp_time: None,
            problems: Vec::new(),
            later_revisions: 0,
            changes: Vec::new(),
            trust_problems: None,
            covered_end: None,
            certificate: None,
            pool: Vec::new(),
            time: None,
        }
    }

    /// The verdict, the worst finding first: broken, modified, untrusted.
    pub fn verdict(&self) -> Verdict {
        if !self.signed {
            Verdict::Unsigned
        } else if !self.problems.is_empty() {
            Verdict::Broken
        } else if !self.changes.is_empty() {
            Verdict::ModifiedAfterSigning
        } else if self.trust_problems.as_ref().is_some_and(|p| !p.is_empty()) {
            Verdict::Untrusted
        } else {
            Verdict::Valid
        }
    }

    /// The verdict and its reasons in a few words.
    fn status(&self) -> String {
        let who = self.signer.as_deref().unwrap_or("an unknown signer");
        let when = self
            .claimed_time
            .as_ref()
            .map(|t| format!(" on {t}"))
            .unwrap_or_default();
        let stamp = self
            .timestamp_time
            .as_ref()
            .map(|t| format!(" (time-stamped {t})"))
            .unwrap_or_default();
        let cover = match self.later_revisions {
            0 => "covers the whole file".to_string(),
            n => format!("followed by {n} later revision(s)"),
        };
        match self.verdict() {
            Verdict::Unsigned => "not signed".into(),
            Verdict::Valid => {
                let trust = if self.trust_problems.is_some() {
                    "trusted (no revocation check)"
                } else {
                    "trust not checked"
                };
                format!("signed by {who}{when}{stamp}: valid, {cover}, {trust}")
            }
            Verdict::Broken => format!(
                "BROKEN signature claiming {who}{when}: {}",
                self.problems.join("; ")
            ),
            Verdict::ModifiedAfterSigning => format!(
                "signature of {who}{when} intact, but MODIFIED AFTER SIGNING: {}",
                self.changes.join("; ")
            ),
            Verdict::Untrusted => format!(
                "signature of {who}{when}{stamp} intact but NOT TRUSTED: {}",
                self.trust_problems
                    .iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }

    /// The report as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(FieldJson::from(self)).unwrap_or_default()
    }
}

/// A field's report as programs read it (`pacte fields --json`, `pacte verify --json`).
#[derive(Serialize)]
struct FieldJson<'a> {
    field: &'a str,
    page: Option<usize>,
    tooltip: Option<&'a str>,
    signed: bool,
    verdict: Verdict,
    sub_filter: Option<&'a str>,
    signer: Option<&'a str>,
    declared_name: Option<&'a str>,
    claimed_time: Option<&'a str>,
    timestamp_time: Option<&'a str>,
    problems: &'a [String],
    later_revisions: usize,
    changes_after_signing: &'a [String],
    trust_problems: Option<&'a [String]>,
}

impl<'a> From<&'a FieldReport> for FieldJson<'a> {
    fn from(r: &'a FieldReport) -> FieldJson<'a> {
        FieldJson {
            field: &r.name,
            page: r.page.map(|p| p + 1),
            tooltip: r.tooltip.as_deref(),
            signed: r.signed,
            verdict: r.verdict(),
            sub_filter: r.sub_filter.as_deref(),
            signer: r.signer.as_deref(),
            declared_name: r.declared_name.as_deref(),
            claimed_time: r.claimed_time.as_deref(),
            timestamp_time: r.timestamp_time.as_deref(),
            problems: &r.problems,
            later_revisions: r.later_revisions,
            changes_after_signing: &r.changes,
            trust_problems: r.trust_problems.as_deref(),
        }
    }
}

/// `s` kept on one line of a tab-separated record: a backslash, line feed, carriage return
/// and tab are written `\\`, `\n`, `\r`, `\t`, any other control character `\u{…}`.
pub(crate) fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\\' || c.is_control()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

impl fmt::Display for FieldReport {
    /// One line: name, page (1-based), the verdict in words, tooltip; separated by tabs,
    /// whatever they hold (line breaks, tabs and backslashes escaped: `\n`, `\t`, `\\`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let page = self
            .page
            .map(|p| format!("page {}", p + 1))
            .unwrap_or_else(|| "page ?".into());
        write!(
            f,
            "{}\t{page}\t{}\t{}",
            one_line(&self.name),
            one_line(&self.status()),
            one_line(self.tooltip.as_deref().unwrap_or(""))
        )
    }
}

/// The verification of a whole file.
#[derive(Debug, Clone)]
pub struct Verification {
    /// One report per signature field, in the form's order.
    pub fields: Vec<FieldReport>,
    /// Whether trust anchors were given.
    pub trust_checked: bool,
}

impl Verification {
    /// Whether every signature present is valid (intact, unchanged after, trusted when
    /// checked). A file without signatures is not refused.
    pub fn ok(&self) -> bool {
        self.fields
            .iter()
            .all(|f| matches!(f.verdict(), Verdict::Unsigned | Verdict::Valid))
    }

    /// The whole verification as JSON: `ok`, `trust_checked`, `revocation_checked` and
    /// the `fields`' reports.
    pub fn to_json(&self) -> serde_json::Value {
        #[derive(Serialize)]
        struct Whole<'a> {
            ok: bool,
            trust_checked: bool,
            revocation_checked: bool,
            fields: Vec<FieldJson<'a>>,
        }
        serde_json::to_value(Whole {
            ok: self.ok(),
            trust_checked: self.trust_checked,
            revocation_checked: false,
            fields: self.fields.iter().map(FieldJson::from).collect(),
        })
        .unwrap_or_default()
    }

    /// The fields' reports as a JSON array, one object per field (`pacte fields --json`).
    pub fn fields_json(&self) -> serde_json::Value {
        serde_json::to_value(self.fields.iter().map(FieldJson::from).collect::<Vec<_>>())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn a_value_stays_on_its_line() {
        assert_eq!(one_line("Le Préfet"), "Le Préfet");
        assert_eq!(
            one_line("Par délégation,\nLe Directeur\tadjoint\r\\"),
            "Par délégation,\\nLe Directeur\\tadjoint\\r\\\\"
        );
        assert_eq!(one_line("a\u{7}b"), "a\\u{7}b");
    }
}
