//! The values kept by the `Unknown` variants of open enums and unions.

use std::fmt;

// ship-if: open_enums
/// A string enum value, or a union member name, that the model did not know.
///
/// It can only be made by this crate (from a response or `From<&str>`), so `Unknown` never
/// holds a value that a known variant stands for.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a value the caller has checked is not a known one.
    #[allow(dead_code, reason = "generated code calls it; the runtime crate alone does not")]
    pub(crate) fn new(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// With the `serde` feature: the value as a string.
#[cfg(feature = "serde")]
impl serde::Serialize for UnknownValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// With the `serde` feature: any string. (An enum's own `Deserialize` reads a value it knows as
/// its variant; only a value read as an `UnknownValue` directly can hold a known one.)
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for UnknownValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <String as serde::Deserialize>::deserialize(deserializer).map(UnknownValue)
    }
}
// ship-end

// ship-if: int_enums
/// An intEnum value that the model did not know.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownIntValue(i32);

impl UnknownIntValue {
    /// Wraps a value the caller has checked is not a known one.
    #[allow(dead_code, reason = "generated code calls it; the runtime crate alone does not")]
    pub(crate) fn new(value: i32) -> Self {
        UnknownIntValue(value)
    }

    /// The value as received.
    pub fn value(&self) -> i32 {
        self.0
    }
}

impl fmt::Debug for UnknownIntValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// With the `serde` feature: the value as an `i32`.
#[cfg(feature = "serde")]
impl serde::Serialize for UnknownIntValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i32(self.0)
    }
}

/// With the `serde` feature: any `i32`.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for UnknownIntValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <i32 as serde::Deserialize>::deserialize(deserializer).map(UnknownIntValue)
    }
}
// ship-end

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_value() {
        let v = UnknownValue::new("NEW_STATE");
        assert_eq!(v.as_str(), "NEW_STATE");
        assert_eq!(format!("{v:?}"), "\"NEW_STATE\"");
        assert_eq!(UnknownIntValue::new(7).value(), 7);
    }
}
