//! Idempotency tokens (the `@idempotencyToken` trait): the value a client fills in for an
//! input member with the trait when the caller left it unset, so that the service can tell a
//! retried request from a new one.
//!
//! A token is a random UUID (version 4, RFC 9562 §5.4) drawn from the configuration's
//! [`RandomSource`]. A configuration can carry another [`IdempotencyTokenProvider`] instead;
//! [`FixedIdempotencyToken::compliance`] gives the constant
//! [`COMPLIANCE_TEST_TOKEN`] that the Smithy protocol compliance tests expect every client to
//! use.

pub use super::retry::uuid_v4;
use super::retry::RandomSource;
use std::fmt;

/// The token the Smithy HTTP protocol compliance tests require clients to fill in.
pub const COMPLIANCE_TEST_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// Makes the idempotency tokens of a client's calls.
pub trait IdempotencyTokenProvider: Send + Sync + fmt::Debug {
    /// A token for one call. `random` is the configuration's randomness (a provider may ignore
    /// it).
    fn token(&self, random: &dyn RandomSource) -> String;
}

/// The default provider: a new random UUID (version 4) from the configuration's randomness for
/// each call ([`uuid_v4`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RandomIdempotencyToken;

impl IdempotencyTokenProvider for RandomIdempotencyToken {
    fn token(&self, random: &dyn RandomSource) -> String {
        uuid_v4(random)
    }
}

/// A provider that returns the same token for every call (for tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedIdempotencyToken {
    token: String,
}

impl FixedIdempotencyToken {
    /// A provider that always returns `token`.
    pub fn new(token: impl Into<String>) -> Self {
        FixedIdempotencyToken { token: token.into() }
    }

    /// A provider that always returns [`COMPLIANCE_TEST_TOKEN`].
    pub fn compliance() -> Self {
        FixedIdempotencyToken::new(COMPLIANCE_TEST_TOKEN)
    }

    /// The token returned.
    pub fn as_str(&self) -> &str {
        &self.token
    }
}

impl IdempotencyTokenProvider for FixedIdempotencyToken {
    fn token(&self, _random: &dyn RandomSource) -> String {
        self.token.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Ones;

    impl RandomSource for Ones {
        fn next_f64(&self) -> f64 {
            0.0
        }

        fn next_u64(&self) -> u64 {
            u64::MAX
        }
    }

    #[test]
    fn only_version_and_variant_bits_are_fixed() {
        assert_eq!(uuid_v4(&Ones), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }

    #[test]
    fn the_fixed_providers() {
        assert_eq!(FixedIdempotencyToken::compliance().token(&Ones), COMPLIANCE_TEST_TOKEN);
        assert_eq!(FixedIdempotencyToken::new("t-1").token(&Ones), "t-1");
    }
}
