//! The error returned by generated builders' `build()` methods.

use std::fmt;

/// A builder could not produce its value.
///
/// Generated builders return `Result<T, BuildError>` when the shape has a required member that
/// has no default value and was never set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    field: &'static str,
    shape: &'static str,
    kind: BuildErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum BuildErrorKind {
    MissingField,
    InvalidField(String),
}

impl BuildError {
    /// A required member (`field`, the Smithy member name) of `shape` (the Smithy shape name)
    /// was not set.
    pub fn missing_field(field: &'static str, shape: &'static str) -> Self {
        BuildError {
            field,
            shape,
            kind: BuildErrorKind::MissingField,
        }
    }

    /// Member `field` of `shape` was set to a value that cannot be used; `details` says why.
    pub fn invalid_field(
        field: &'static str,
        shape: &'static str,
        details: impl Into<String>,
    ) -> Self {
        BuildError {
            field,
            shape,
            kind: BuildErrorKind::InvalidField(details.into()),
        }
    }

    /// The Smithy member name the error is about.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The Smithy shape name being built.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// Whether the error reports a required member that was not set.
    pub fn is_missing_field(&self) -> bool {
        matches!(self.kind, BuildErrorKind::MissingField)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BuildErrorKind::MissingField => write!(
                f,
                "`{}` was not specified but it is required when building `{}`",
                self.field, self.shape
            ),
            BuildErrorKind::InvalidField(details) => write!(
                f,
                "invalid value for `{}` when building `{}`: {}",
                self.field, self.shape, details
            ),
        }
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_field_message() {
        let err = BuildError::missing_field("MinApprovalsRequired", "MofNApprovalStrategy");
        assert_eq!(
            err.to_string(),
            "`MinApprovalsRequired` was not specified but it is required when building `MofNApprovalStrategy`"
        );
        assert_eq!(err.field(), "MinApprovalsRequired");
        assert_eq!(err.shape(), "MofNApprovalStrategy");
        assert!(err.is_missing_field());
    }

    #[test]
    fn invalid_field_message() {
        let err = BuildError::invalid_field("SessionArn", "GetSessionInput", "cannot be empty");
        assert_eq!(
            err.to_string(),
            "invalid value for `SessionArn` when building `GetSessionInput`: cannot be empty"
        );
        assert!(!err.is_missing_field());
    }

    #[test]
    fn is_a_std_error() {
        let err: Box<dyn std::error::Error + Send + Sync> =
            Box::new(BuildError::missing_field("A", "B"));
        assert!(err.source().is_none());
        assert_eq!(
            err.to_string(),
            "`A` was not specified but it is required when building `B`"
        );
    }
}
