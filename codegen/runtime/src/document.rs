//! Untyped data (the Smithy `document` type): any JSON-like value, passed through unchanged.
//!
//! Objects are [`BTreeMap`]s, so keys are unique and iterate (and serialize) in sorted order;
//! JSON object member order carries no meaning, and a fixed order keeps output deterministic.

use std::collections::BTreeMap;
use std::fmt;

/// A number inside a [`Document`].
///
/// Integers are kept exactly: [`Number::PosInt`] for values `>= 0` and [`Number::NegInt`] for
/// values `< 0` (the `From` conversions maintain this). Equality compares numeric values, so
/// `PosInt(5) == NegInt(5) == Float(5.0)`, while `Float(NaN)` equals nothing.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A floating-point number (may be `NaN` or infinite, which JSON writes as strings).
    Float(f64),
}

impl Number {
    /// The value as `u64`, if it is an integer (or integral float) in range.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_i128().and_then(|v| u64::try_from(v).ok())
    }

    /// The value as `i64`, if it is an integer (or integral float) in range.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_i128().and_then(|v| i64::try_from(v).ok())
    }

    /// The value as `f64`; large integers may be rounded.
    pub fn to_f64_lossy(&self) -> f64 {
        match *self {
            Number::PosInt(v) => v as f64,
            Number::NegInt(v) => v as f64,
            Number::Float(v) => v,
        }
    }

    /// Exact integer value, if there is one (floats only when integral and within ±2^64).
    fn as_i128(&self) -> Option<i128> {
        match *self {
            Number::PosInt(v) => Some(i128::from(v)),
            Number::NegInt(v) => Some(i128::from(v)),
            Number::Float(v) => {
                // 2^64 is exactly representable; every integral f64 below it converts exactly.
                const LIMIT: f64 = 18_446_744_073_709_551_616.0;
                if v.fract() == 0.0 && v > -LIMIT && v < LIMIT {
                    Some(v as i128)
                } else {
                    None
                }
            }
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Number::Float(a), Number::Float(b)) => a == b,
            (Number::Float(_), _) | (_, Number::Float(_)) => {
                matches!((self.as_i128(), other.as_i128()), (Some(a), Some(b)) if a == b)
            }
            _ => self.as_i128() == other.as_i128(),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::PosInt(v) => write!(f, "{v}"),
            Number::NegInt(v) => write!(f, "{v}"),
            Number::Float(v) => write!(f, "{v}"),
        }
    }
}

macro_rules! number_from_unsigned {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(value: $t) -> Self {
                Number::PosInt(u64::from(value))
            }
        }
    )*};
}
number_from_unsigned!(u8, u16, u32, u64);

macro_rules! number_from_signed {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(value: $t) -> Self {
                let value = i64::from(value);
                match u64::try_from(value) {
                    Ok(positive) => Number::PosInt(positive),
                    Err(_) => Number::NegInt(value),
                }
            }
        }
    )*};
}
number_from_signed!(i8, i16, i32, i64);

impl From<f32> for Number {
    fn from(value: f32) -> Self {
        Number::Float(f64::from(value))
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Number::Float(value)
    }
}

/// A JSON-like value of any shape (Smithy `document`).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Document {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Document>),
    /// An object with unique, sorted keys.
    Object(BTreeMap<String, Document>),
}

impl Document {
    /// Whether this is [`Document::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Document::Null)
    }

    /// The boolean, if this is a [`Document::Bool`].
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Document::Bool(v) => Some(*v),
            _ => None,
        }
    }

    /// The number, if this is a [`Document::Number`].
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Document::Number(v) => Some(v),
            _ => None,
        }
    }

    /// The string, if this is a [`Document::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(v) => Some(v),
            _ => None,
        }
    }

    /// The elements, if this is a [`Document::Array`].
    pub fn as_array(&self) -> Option<&[Document]> {
        match self {
            Document::Array(v) => Some(v),
            _ => None,
        }
    }

    /// The members, if this is a [`Document::Object`].
    pub fn as_object(&self) -> Option<&BTreeMap<String, Document>> {
        match self {
            Document::Object(v) => Some(v),
            _ => None,
        }
    }

    /// The value under `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Document> {
        self.as_object().and_then(|object| object.get(key))
    }
}

impl From<bool> for Document {
    fn from(value: bool) -> Self {
        Document::Bool(value)
    }
}

impl From<String> for Document {
    fn from(value: String) -> Self {
        Document::String(value)
    }
}

impl From<&str> for Document {
    fn from(value: &str) -> Self {
        Document::String(value.to_owned())
    }
}

impl From<Number> for Document {
    fn from(value: Number) -> Self {
        Document::Number(value)
    }
}

macro_rules! document_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Document {
            fn from(value: $t) -> Self {
                Document::Number(Number::from(value))
            }
        }
    )*};
}
document_from_number!(u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);

impl From<Vec<Document>> for Document {
    fn from(value: Vec<Document>) -> Self {
        Document::Array(value)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(value: BTreeMap<String, Document>) -> Self {
        Document::Object(value)
    }
}

impl<T: Into<Document>> From<Option<T>> for Document {
    fn from(value: Option<T>) -> Self {
        value.map_or(Document::Null, Into::into)
    }
}

/// With the `serde` feature: a number of the format (`u64`, `i64` or `f64`). A float that is not
/// finite is written as the format writes one (`serde_json`: `null`).
#[cfg(feature = "serde")]
impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::PosInt(v) => serializer.serialize_u64(v),
            Number::NegInt(v) => serializer.serialize_i64(v),
            Number::Float(v) => serializer.serialize_f64(v),
        }
    }
}

/// With the `serde` feature: any number of the format.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(serde_form::ValueVisitor)? {
            Document::Number(number) => Ok(number),
            _ => Err(serde::de::Error::custom("expected a number")),
        }
    }
}

/// With the `serde` feature: the value itself, in the format's data model (`null`, a boolean, a
/// number, a string, a sequence, a map with string keys), so a document reads and writes as
/// plain JSON. Reading needs a self-describing format, such as JSON.
#[cfg(feature = "serde")]
impl serde::Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Null => serializer.serialize_unit(),
            Document::Bool(v) => serializer.serialize_bool(*v),
            Document::Number(v) => serde::Serialize::serialize(v, serializer),
            Document::String(v) => serializer.serialize_str(v),
            Document::Array(v) => serializer.collect_seq(v),
            Document::Object(v) => serializer.collect_map(v),
        }
    }
}

/// With the `serde` feature: any value of a self-describing format.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(serde_form::ValueVisitor)
    }
}

/// The visitor that reads any value as a [`Document`].
#[cfg(feature = "serde")]
mod serde_form {
    use super::{Document, Number};
    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use std::collections::BTreeMap;
    use std::fmt;

    /// The key under which `serde_json` with its `arbitrary_precision` feature hands over a
    /// number, as a map of one entry holding the number's text.
    const JSON_NUMBER_TOKEN: &str = "$serde_json::private::Number";

    pub(super) struct ValueVisitor;

    impl<'de> Visitor<'de> for ValueVisitor {
        type Value = Document;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON-like value")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
            Ok(Document::Null)
        }

        fn visit_none<E: de::Error>(self) -> Result<Document, E> {
            Ok(Document::Null)
        }

        fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
            deserializer.deserialize_any(ValueVisitor)
        }

        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Document, E> {
            Ok(Document::Bool(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Document, E> {
            Ok(Document::Number(Number::from(v)))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Document, E> {
            Ok(Document::Number(Number::PosInt(v)))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Document, E> {
            Ok(Document::Number(Number::Float(v)))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Document, E> {
            Ok(Document::String(v.to_owned()))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<Document, E> {
            Ok(Document::String(v))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
            // The size hint comes from the input: trust it only so far.
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            while let Some(item) = seq.next_element::<Document>()? {
                items.push(item);
            }
            Ok(Document::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
            let mut object = BTreeMap::new();
            let Some(first) = map.next_key::<String>()? else { return Ok(Document::Object(object)) };
            if first == JSON_NUMBER_TOKEN {
                let text: String = map.next_value()?;
                return number_from_text(&text).map(Document::Number).ok_or_else(|| de::Error::custom("invalid number"));
            }
            object.insert(first, map.next_value()?);
            while let Some((key, value)) = map.next_entry::<String, Document>()? {
                object.insert(key, value);
            }
            Ok(Document::Object(object))
        }
    }

    /// A number's JSON text as a [`Number`]: an integer exactly when it fits 64 bits, else the
    /// nearest `f64`.
    fn number_from_text(text: &str) -> Option<Number> {
        if let Ok(v) = text.parse::<u64>() {
            return Some(Number::PosInt(v));
        }
        if let Ok(v) = text.parse::<i64>() {
            return Some(Number::from(v));
        }
        text.parse::<f64>().ok().map(Number::Float)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_sign_variant() {
        assert!(matches!(Number::from(5i32), Number::PosInt(5)));
        assert!(matches!(Number::from(0i64), Number::PosInt(0)));
        assert!(matches!(Number::from(-5i64), Number::NegInt(-5)));
        assert!(matches!(Number::from(i64::MIN), Number::NegInt(i64::MIN)));
        assert!(matches!(Number::from(u64::MAX), Number::PosInt(u64::MAX)));
        assert!(matches!(Number::from(1.5f32), Number::Float(v) if v == 1.5));
    }

    #[test]
    fn number_equality_is_numeric() {
        assert_eq!(Number::PosInt(5), Number::NegInt(5));
        assert_eq!(Number::PosInt(5), Number::Float(5.0));
        assert_eq!(Number::Float(-3.0), Number::NegInt(-3));
        assert_ne!(Number::PosInt(5), Number::Float(5.5));
        assert_ne!(Number::PosInt(u64::MAX), Number::Float(u64::MAX as f64));
        assert_ne!(Number::Float(f64::NAN), Number::Float(f64::NAN));
        assert_ne!(Number::Float(f64::INFINITY), Number::PosInt(u64::MAX));
        assert_eq!(Number::Float(0.0), Number::Float(-0.0));
        assert_eq!(Number::Float(-0.0), Number::PosInt(0));
    }

    #[test]
    fn number_accessors() {
        assert_eq!(Number::PosInt(7).as_i64(), Some(7));
        assert_eq!(Number::PosInt(u64::MAX).as_i64(), None);
        assert_eq!(Number::NegInt(-7).as_u64(), None);
        assert_eq!(Number::NegInt(-7).as_i64(), Some(-7));
        assert_eq!(Number::Float(3.0).as_u64(), Some(3));
        assert_eq!(Number::Float(3.5).as_u64(), None);
        assert_eq!(Number::Float(1e300).as_i64(), None);
        assert_eq!(Number::Float(f64::NAN).as_i64(), None);
        assert_eq!(Number::NegInt(-2).to_f64_lossy(), -2.0);
        assert_eq!(Number::Float(0.25).to_string(), "0.25");
        assert_eq!(Number::NegInt(-2).to_string(), "-2");
    }

    #[test]
    fn document_accessors() {
        let mut object = BTreeMap::new();
        object.insert("b".to_owned(), Document::from(vec![Document::from(1u8)]));
        object.insert("a".to_owned(), Document::from("text"));
        let doc = Document::from(object);
        assert_eq!(doc.get("a").and_then(Document::as_str), Some("text"));
        assert_eq!(
            doc.get("b").and_then(Document::as_array).map(<[_]>::len),
            Some(1)
        );
        let keys: Vec<&str> = doc
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(doc.get("missing"), None);
        assert_eq!(Document::from(true).as_bool(), Some(true));
        assert_eq!(Document::from(2.5).as_number(), Some(&Number::Float(2.5)));
        assert!(Document::default().is_null());
        assert!(Document::from(None::<bool>).is_null());
        assert_eq!(Document::from(Some("x")), Document::String("x".into()));
        assert_eq!(Document::Null.as_str(), None);
        assert_eq!(Document::from("x").get("a"), None);
        assert_eq!(Document::from(String::from("s")).as_bool(), None);
        assert!(Document::from(1i64).as_array().is_none());
        assert!(Document::from(1i64).as_object().is_none());
    }

    #[test]
    fn document_equality_uses_numeric_equality() {
        assert_eq!(Document::from(1u64), Document::from(1.0f64));
        assert_ne!(Document::from(1u64), Document::from("1"));
    }
}
