//! The labels of numbered lists by level: a counter between two marks ("1.", "a)", "(i)"),
//! or the same sign for every item ("–"), written in a theme file as a sample label.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

/// How a counter writes a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    /// 1, 2, 3…
    Decimal,
    /// a, b, c… z, aa, ab…
    LowerAlpha,
    /// A, B, C…
    UpperAlpha,
    /// i, ii, iii…
    LowerRoman,
    /// I, II, III…
    UpperRoman,
}

/// The label of the items of a numbered list at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListLabel {
    /// A number written by `counter`, with a mark before (`"("`) and after (`"."`, `")"`).
    Counter {
        /// How the number is written.
        counter: Counter,
        /// A mark before the number, e.g. `(`.
        before: Option<char>,
        /// A mark after the number, e.g. `.` or `)`.
        after: Option<char>,
    },
    /// The same sign for every item (`–`): the level is ordered, its labels say no number.
    Sign(char),
}

/// How many levels of numbered lists a theme labels; deeper ones take the last level's.
pub const NUMBERED_LEVELS: usize = 4;

/// The French administrative style: "1.", then "a)", then "–".
pub(crate) const FRENCH_NUMBERING: [ListLabel; NUMBERED_LEVELS] = [
    ListLabel::Counter {
        counter: Counter::Decimal,
        before: None,
        after: Some('.'),
    },
    ListLabel::Counter {
        counter: Counter::LowerAlpha,
        before: None,
        after: Some(')'),
    },
    ListLabel::Sign('–'),
    ListLabel::Sign('–'),
];

impl ListLabel {
    /// The label of the item numbered `n`: "4.", "b)", "–". A number a counter cannot write
    /// (0 in letters, over 3999 in Roman numerals) is written in digits, as CSS does.
    pub fn text(&self, n: u32) -> String {
        match *self {
            ListLabel::Sign(c) => c.to_string(),
            ListLabel::Counter {
                counter,
                before,
                after,
            } => {
                let mut s = String::new();
                s.extend(before);
                s.push_str(&counter.write(n));
                s.extend(after);
                s
            }
        }
    }

    /// Reads a sample label: `"1."`, `"a)"`, `"A."`, `"i."`, `"(I)"`, or one sign such as `"–"`.
    fn parse(sample: &str) -> Option<ListLabel> {
        let chars: Vec<char> = sample.trim().chars().collect();
        let is_mark = |c: &char| !c.is_alphanumeric() && !c.is_whitespace();
        match chars.as_slice() {
            [c] if is_mark(c) => Some(ListLabel::Sign(*c)),
            _ => {
                let at = chars.iter().position(|c| c.is_alphanumeric())?;
                let counter = match chars[at] {
                    '1' => Counter::Decimal,
                    'a' => Counter::LowerAlpha,
                    'A' => Counter::UpperAlpha,
                    'i' => Counter::LowerRoman,
                    'I' => Counter::UpperRoman,
                    _ => return None,
                };
                let (before, after) = (&chars[..at], &chars[at + 1..]);
                if before.len() > 1 || after.len() > 1 || !before.iter().chain(after).all(is_mark) {
                    return None;
                }
                Some(ListLabel::Counter {
                    counter,
                    before: before.first().copied(),
                    after: after.first().copied(),
                })
            }
        }
    }
}

impl Counter {
    /// `n` as this counter writes it.
    fn write(self, n: u32) -> String {
        match self {
            Counter::Decimal => n.to_string(),
            Counter::LowerAlpha | Counter::UpperAlpha if n == 0 => n.to_string(),
            Counter::LowerAlpha => alpha(n),
            Counter::UpperAlpha => alpha(n).to_uppercase(),
            Counter::LowerRoman | Counter::UpperRoman if n == 0 || n > 3999 => n.to_string(),
            Counter::LowerRoman => roman(n).to_lowercase(),
            Counter::UpperRoman => roman(n),
        }
    }
}

/// 1 → a, 26 → z, 27 → aa (bijective base 26, as CSS's `lower-alpha`).
fn alpha(mut n: u32) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// 1 to 3999 in Roman numerals.
fn roman(mut n: u32) -> String {
    const VALUES: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in VALUES {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The `lists.numbering` of a theme file: one sample label per level, 1 to
/// [`NUMBERED_LEVELS`] of them; the levels not given take the last one's.
#[derive(Debug)]
pub(crate) struct NumberingFile(pub(crate) [ListLabel; NUMBERED_LEVELS]);

impl<'de> Deserialize<'de> for NumberingFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let samples = Vec::<String>::deserialize(deserializer)?;
        if samples.is_empty() || samples.len() > NUMBERED_LEVELS {
            return Err(D::Error::custom(format!(
                "give 1 to {NUMBERED_LEVELS} labels, one per level of numbered lists (got {})",
                samples.len()
            )));
        }
        let mut labels = Vec::with_capacity(NUMBERED_LEVELS);
        for (k, s) in samples.iter().enumerate() {
            let label = ListLabel::parse(s).ok_or_else(|| {
                D::Error::custom(format!(
                    "level {}: {s:?} is not a list label: write the first label, a counter \
                     (1, a, A, i, I) with at most one mark before and after (\"1.\", \"a)\", \
                     \"(i)\"), or one sign (\"–\")",
                    k + 1
                ))
            })?;
            labels.push(label);
        }
        let last = labels[labels.len() - 1];
        labels.resize(NUMBERED_LEVELS, last);
        let labels: [ListLabel; NUMBERED_LEVELS] = labels
            .try_into()
            .map_err(|_| D::Error::custom("list labels"))?;
        Ok(NumberingFile(labels))
    }
}

impl JsonSchema for NumberingFile {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Numbering".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The label of numbered lists' items by level, written as the first item's label: a counter (1, a, A, i, I) with at most one mark before and after (\"1.\", \"a)\", \"(i)\"), or one sign for every item (\"–\"). Deeper levels take the last one's. Default [\"1.\", \"a)\", \"–\"].",
            "type": "array",
            "minItems": 1,
            "maxItems": NUMBERED_LEVELS,
            "items": { "type": "string" }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> ListLabel {
        ListLabel::parse(s).unwrap()
    }

    #[test]
    fn sample_labels_number_items() {
        assert_eq!(label("1.").text(4), "4.");
        assert_eq!(label("a)").text(2), "b)");
        assert_eq!(label("a)").text(28), "ab)");
        assert_eq!(label("(i)").text(14), "(xiv)");
        assert_eq!(label("I.").text(1999), "MCMXCIX.");
        assert_eq!(label("A").text(3), "C");
        assert_eq!(label("–").text(7), "–");
        assert_eq!(
            label("a)").text(0),
            "0)",
            "digits where letters cannot count"
        );
    }

    #[test]
    fn other_samples_are_refused() {
        for s in ["", "b)", "1.2", "((1))", "x", "ab", "1 ."] {
            assert!(ListLabel::parse(s).is_none(), "{s:?}");
        }
    }

    #[test]
    fn the_default_is_french_administrative_style() {
        let t: Vec<String> = FRENCH_NUMBERING.iter().map(|l| l.text(3)).collect();
        assert_eq!(t, ["3.", "c)", "–", "–"]);
    }
}
