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
