//! The numbers of a theme file, checked as they are read: a length or a space is finite and
//! not negative ([`Length`]), a type size, a leading, a resolution or a share finite and
//! above 0 ([`Size`]), an angle finite ([`Angle`]). A theme with `"size": 0` (invisible text)
//! or a negative margin is refused with the JSON path and line:column of the number, as a
//! pact's errors are, instead of giving a document that loses its text or its pages' room;
//! and margins that meet, across or down the page, are refused once the file is read
//! ([`room_left`]).

use super::{Theme, ThemeError};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use std::borrow::Cow;

/// A number of a theme file that must pass its check when read.
macro_rules! checked {
    ($(#[$doc:meta])* $name:ident, $ok:expr, $what:literal, $schema:tt) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
        #[serde(try_from = "f64")]
        pub(super) struct $name(f32);

        impl TryFrom<f64> for $name {
            type Error = String;
            fn try_from(v: f64) -> Result<Self, String> {
                let ok: fn(f64) -> bool = $ok;
                // An f64 the f32 cannot hold (1e39) is refused with the rest.
                let single = v as f32;
                if single.is_finite() && ok(v) {
                    Ok($name(single))
                } else {
                    Err(format!(concat!("{} is not ", $what), v))
                }
            }
        }

        impl From<$name> for f32 {
            fn from(v: $name) -> f32 {
                v.0
            }
        }

        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

checked!(
    /// A length or a space, in millimetres or points as its key says: 0 or more.
    Length,
    |v| v >= 0.0,
    "a length: give a number, 0 or more",
    { "type": "number", "minimum": 0 }
);

checked!(
    /// A type size, a leading, a resolution or a share: more than 0.
    Size,
    |v| v > 0.0,
    "a size: give a number above 0",
    { "type": "number", "exclusiveMinimum": 0 }
);

checked!(
    /// An angle, in degrees.
    Angle,
    |_| true,
    "an angle: give a number of degrees",
    { "type": "number" }
);

/// Refuses margins that meet or cross, across or down the page: each number is a length, but
/// together they leave the text nowhere.
pub(super) fn room_left(t: &Theme) -> Result<(), ThemeError> {
    let to_mm = |pt: f32| pt / 72.0 * 25.4;
    for (keys, room, page) in [
        (
            "page.margin_left, page.margin_right",
            t.column_width(),
            t.page_width,
        ),
        (
            "page.margin_top, page.margin_bottom",
            t.body_height(),
            t.page_height,
        ),
    ] {
        if room <= 0.0 {
            return Err(ThemeError::NoRoom {
                file: None,
                keys,
                room: to_mm(room),
                page: to_mm(page),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_sizes_and_angles_are_checked() {
        assert_eq!(Length::try_from(0.0).map(f32::from), Ok(0.0));
        assert!(Length::try_from(-0.5).is_err());
        assert!(Length::try_from(1e39).is_err());
        assert_eq!(Size::try_from(10.5).map(f32::from), Ok(10.5));
        assert_eq!(
            Size::try_from(0.0),
            Err("0 is not a size: give a number above 0".to_string())
        );
        assert_eq!(Angle::try_from(-45.0).map(f32::from), Ok(-45.0));
        assert!(Angle::try_from(-1e300).is_err());
    }
}
