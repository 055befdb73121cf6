//! Arbitrary-precision numbers (`bigInteger`, `bigDecimal`) kept as validated decimal text.
//!
//! The JSON protocols send these as plain JSON numbers. Converting them through `f64` (or any
//! fixed-width type) would silently lose digits, so [`BigInteger`] and [`BigDecimal`] store the
//! exact text they were given, after checking that it is a JSON number of the right kind:
//!
//! * [`BigInteger`]: `-?(0|[1-9][0-9]*)`, e.g. `0`, `-12`, `123456789012345678901234567890`.
//! * [`BigDecimal`]: the full JSON number grammar
//!   `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, e.g. `1.5`, `-0.001`, `6.02E23`.
//!
//! Equality and hashing are textual: `1.0` and `1.00` are different values. Arithmetic is out
//! of scope; convert [`BigInteger::as_str`] / [`BigDecimal::as_str`] with a dedicated crate if
//! needed.

use super::json::split_json_number;
use std::fmt;
use std::str::FromStr;

/// Error returned when text is not a valid [`BigInteger`] or [`BigDecimal`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseBigNumberError {
    /// `BigInteger` or `BigDecimal`.
    target: &'static str,
    /// What the text should have looked like.
    expected: &'static str,
}

impl ParseBigNumberError {
    const BIG_INTEGER: Self = ParseBigNumberError {
        target: "BigInteger",
        expected: "an optional `-` followed by digits, without leading zeros",
    };
    const BIG_DECIMAL: Self = ParseBigNumberError {
        target: "BigDecimal",
        expected: "a number in JSON number syntax",
    };
}

impl fmt::Display for ParseBigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: expected {}", self.target, self.expected)
    }
}

impl std::error::Error for ParseBigNumberError {}

/// An integer of any size, stored as its exact decimal text (Smithy `bigInteger`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BigInteger(String);

impl BigInteger {
    /// A model default, whose text the generator has already checked.
    #[allow(dead_code, reason = "generated code calls it; the runtime crate alone does not")]
    pub(crate) fn from_model_default(text: &str) -> Self {
        BigInteger(text.to_string())
    }

    /// Returns the decimal text, exactly as it was parsed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the decimal text as an owned `String`.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl FromStr for BigInteger {
    type Err = ParseBigNumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match split_json_number(text) {
            Some(parts) if parts.fraction.is_empty() && parts.exponent.is_empty() => {
                Ok(BigInteger(text.to_owned()))
            }
            _ => Err(ParseBigNumberError::BIG_INTEGER),
        }
    }
}

impl TryFrom<String> for BigInteger {
    type Error = ParseBigNumberError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse::<BigInteger>().map(|_| BigInteger(text))
    }
}

impl From<i64> for BigInteger {
    fn from(value: i64) -> Self {
        BigInteger(value.to_string())
    }
}

impl From<u64> for BigInteger {
    fn from(value: u64) -> Self {
        BigInteger(value.to_string())
    }
}

impl From<i128> for BigInteger {
    fn from(value: i128) -> Self {
        BigInteger(value.to_string())
    }
}

impl From<u128> for BigInteger {
    fn from(value: u128) -> Self {
        BigInteger(value.to_string())
    }
}

impl AsRef<str> for BigInteger {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BigInteger({})", self.0)
    }
}

/// A decimal number of any size and precision, stored as its exact text (Smithy `bigDecimal`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BigDecimal(String);

impl BigDecimal {
    /// A model default, whose text the generator has already checked.
    #[allow(dead_code, reason = "generated code calls it; the runtime crate alone does not")]
    pub(crate) fn from_model_default(text: &str) -> Self {
        BigDecimal(text.to_string())
    }

    /// Returns the decimal text, exactly as it was parsed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the decimal text as an owned `String`.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl FromStr for BigDecimal {
    type Err = ParseBigNumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match split_json_number(text) {
            Some(_) => Ok(BigDecimal(text.to_owned())),
            None => Err(ParseBigNumberError::BIG_DECIMAL),
        }
    }
}

impl TryFrom<String> for BigDecimal {
    type Error = ParseBigNumberError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse::<BigDecimal>().map(|_| BigDecimal(text))
    }
}

impl From<BigInteger> for BigDecimal {
    fn from(value: BigInteger) -> Self {
        // Every BigInteger text is also valid BigDecimal text.
        BigDecimal(value.0)
    }
}

impl AsRef<str> for BigDecimal {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BigDecimal({})", self.0)
    }
}

/// With the `serde` feature: the exact decimal text as a string (`"123456789012345678901234567890"`),
/// so no format's number type rounds it.
#[cfg(feature = "serde")]
impl serde::Serialize for BigInteger {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// With the `serde` feature: a string of an integer, checked as [`FromStr`] checks it.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for BigInteger {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        BigInteger::try_from(text).map_err(serde::de::Error::custom)
    }
}

/// With the `serde` feature: the exact decimal text as a string (`"6.02E23"`), so no format's
/// number type rounds it.
#[cfg(feature = "serde")]
impl serde::Serialize for BigDecimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// With the `serde` feature: a string of a JSON number, checked as [`FromStr`] checks it.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for BigDecimal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        BigDecimal::try_from(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integer_accepts_integers() {
        for text in [
            "0",
            "-0",
            "7",
            "-12",
            "123456789012345678901234567890123456789012345678901234567890",
        ] {
            let value: BigInteger = text.parse().unwrap();
            assert_eq!(value.as_str(), text);
            assert_eq!(value.to_string(), text);
        }
    }

    #[test]
    fn big_integer_rejects_everything_else() {
        for text in [
            "", "-", "+1", "01", "-01", "1.0", "1e3", " 1", "1 ", "1_000", "0x10", "NaN", "--1",
            "١",
        ] {
            assert!(text.parse::<BigInteger>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn big_decimal_accepts_json_numbers() {
        for text in [
            "0",
            "-0",
            "0.5",
            "-0.001",
            "1.5",
            "6.02E23",
            "1e-7",
            "1E+400",
            "3.141592653589793238462643383279502884197169399375105820974944",
        ] {
            let value: BigDecimal = text.parse().unwrap();
            assert_eq!(value.as_str(), text);
            assert_eq!(format!("{value}"), text);
        }
    }

    #[test]
    fn big_decimal_rejects_non_json_numbers() {
        for text in [
            "", "-", ".5", "5.", "+5", "05", "1e", "1e+", "1.e5", "Infinity", "NaN", "1,5", "1.5 ",
            "--1", "1ee5",
        ] {
            assert!(text.parse::<BigDecimal>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn keeps_precision_that_f64_would_lose() {
        let text = "9007199254740993"; // 2^53 + 1 is not representable as f64
        assert_eq!(text.parse::<BigInteger>().unwrap().as_str(), text);
        let text = "0.1000000000000000000000000001";
        assert_eq!(text.parse::<BigDecimal>().unwrap().as_str(), text);
    }

    #[test]
    fn conversions_and_debug() {
        assert_eq!(BigInteger::from(-5i64).as_str(), "-5");
        assert_eq!(BigInteger::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(BigInteger::from(i128::MIN).as_str(), i128::MIN.to_string());
        assert_eq!(
            BigInteger::from(u128::MAX).into_inner(),
            u128::MAX.to_string()
        );
        assert_eq!(BigDecimal::from(BigInteger::from(42u64)).as_str(), "42");
        assert_eq!(format!("{:?}", BigInteger::from(3u64)), "BigInteger(3)");
        assert_eq!(
            format!("{:?}", "1.5".parse::<BigDecimal>().unwrap()),
            "BigDecimal(1.5)"
        );
        assert!(BigDecimal::try_from(String::from("1.25")).is_ok());
        assert!(BigInteger::try_from(String::from("1.25")).is_err());
        // Textual equality, documented.
        assert_ne!(
            "1.0".parse::<BigDecimal>().unwrap(),
            "1.00".parse::<BigDecimal>().unwrap()
        );
    }

    #[test]
    fn error_messages() {
        let err = "x".parse::<BigInteger>().unwrap_err();
        assert!(err.to_string().starts_with("invalid BigInteger"));
        let err = "x".parse::<BigDecimal>().unwrap_err();
        assert!(err.to_string().starts_with("invalid BigDecimal"));
    }

    #[test]
    fn split_reports_parts() {
        let parts = split_json_number("-12.50e-3").unwrap();
        assert!(parts.negative);
        assert_eq!(parts.integer, b"12");
        assert_eq!(parts.fraction, b"50");
        assert!(parts.exponent_negative);
        assert_eq!(parts.exponent, b"3");
        let parts = split_json_number("7").unwrap();
        assert!(!parts.negative && parts.fraction.is_empty() && parts.exponent.is_empty());
    }

    #[test]
    fn never_panics_on_prefixes_or_random_input() {
        let samples = [
            "-123.456e+78",
            "1.591735225353E9",
            "0.0e-0",
            "12345678901234567890",
        ];
        for sample in samples {
            for end in 0..=sample.len() {
                let prefix = &sample[..end];
                let _ = prefix.parse::<BigInteger>();
                let _ = prefix.parse::<BigDecimal>();
            }
        }
        let alphabet = b"0123456789-+.eE x\xff";
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 12) as usize;
            let mut bytes = Vec::with_capacity(len);
            let mut s = state;
            for _ in 0..len {
                bytes.push(alphabet[(s % alphabet.len() as u64) as usize]);
                s /= alphabet.len() as u64;
            }
            let text = String::from_utf8_lossy(&bytes);
            let integer = text.parse::<BigInteger>();
            let decimal = text.parse::<BigDecimal>();
            // Every valid BigInteger is a valid BigDecimal.
            assert!(integer.is_err() || decimal.is_ok(), "{text:?}");
        }
    }
}
