//! Identifiers of partners, instances and signatories.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An identifier: lower-case ASCII letters, digits, `-` and `_`, starting with a letter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(String);

/// A string that is not a valid [`Id`] or [`Date`](super::Date), as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidValue {
    /// Not an identifier.
    #[error(
        "invalid id \"{0}\": use lower-case letters, digits, '-' and '_', starting with a letter"
    )]
    Id(String),
    /// Not a date that exists, written "YYYY-MM-DD".
    #[error("invalid date \"{0}\": expected YYYY-MM-DD, a real calendar date")]
    Date(String),
}

impl Id {
    /// A checked identifier.
    pub fn new(s: impl Into<String>) -> Result<Id, InvalidValue> {
        let s = s.into();
        let mut chars = s.chars();
        let ok = matches!(chars.next(), Some('a'..='z'))
            && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_'))
            && s.len() <= 64;
        if ok {
            Ok(Id(s))
        } else {
            Err(InvalidValue::Id(s))
        }
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Id::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$" })
    }
}
