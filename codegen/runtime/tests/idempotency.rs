//! Idempotency tokens: random UUIDs (version 4) from the configuration's randomness, and the
//! providers a configuration can carry instead (the compliance tests' fixed token).

use runtime::config::Config;
use runtime::idempotency::{
    uuid_v4, FixedIdempotencyToken, IdempotencyTokenProvider, RandomIdempotencyToken, COMPLIANCE_TEST_TOKEN,
};
use runtime::retry::{invocation_id, RandomSource, StdRandom};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// Always the same number.
#[derive(Debug)]
struct Fixed(f64);

impl RandomSource for Fixed {
    fn next_f64(&self) -> f64 {
        self.0
    }
}

/// Counts its draws, each a given 64-bit value.
#[derive(Debug)]
struct Counting {
    value: u64,
    draws: AtomicU64,
}

impl RandomSource for Counting {
    fn next_f64(&self) -> f64 {
        0.0
    }

    fn next_u64(&self) -> u64 {
        self.draws.fetch_add(1, Ordering::Relaxed);
        self.value
    }
}

/// Checks the text of a UUID version 4, and returns its 128 bits.
fn parse_v4(id: &str) -> u128 {
    assert_eq!(id.len(), 36, "{id}");
    for (i, c) in id.char_indices() {
        if [8, 13, 18, 23].contains(&i) {
            assert_eq!(c, '-', "{id}");
        } else {
            assert!(c.is_ascii_digit() || ('a'..='f').contains(&c), "lower-case hex: {id}");
        }
    }
    let bits = u128::from_str_radix(&id.replace('-', ""), 16).unwrap();
    assert_eq!((bits >> 76) & 0xf, 4, "version 4: {id}");
    assert_eq!((bits >> 62) & 0b11, 0b10, "variant 10: {id}");
    bits
}

#[test]
fn version_and_variant_on_many_tokens() {
    let random = StdRandom::with_seed(2024);
    let mut seen = HashSet::new();
    // Every one of the 122 random bits takes both values across the tokens.
    let (mut ones, mut zeros) = (0u128, 0u128);
    for _ in 0..10_000 {
        let id = uuid_v4(&random);
        let bits = parse_v4(&id);
        ones |= bits;
        zeros |= !bits;
        assert!(seen.insert(id), "no repeats");
    }
    let fixed_mask: u128 = (0xf << 76) | (0b11 << 62);
    assert_eq!(ones & zeros, !fixed_mask, "only the 6 version and variant bits are fixed");
    // The default generator too.
    for _ in 0..1_000 {
        parse_v4(&uuid_v4(&StdRandom::new()));
    }
}

#[test]
fn layout_of_the_random_bits() {
    // The first draw gives the first 8 bytes, the second the last 8; 6 bits are then set.
    assert_eq!(uuid_v4(&Fixed(0.0)), "00000000-0000-4000-8000-000000000000");
    assert_eq!(uuid_v4(&Fixed(0.5)), "80000000-8000-4000-8000-000080000000");
    let all = Counting { value: u64::MAX, draws: AtomicU64::new(0) };
    assert_eq!(uuid_v4(&all), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert_eq!(all.draws.load(Ordering::Relaxed), 2, "two 64-bit draws per token");
    let pattern = Counting { value: 0x0123_4567_89ab_cdef, draws: AtomicU64::new(0) };
    assert_eq!(uuid_v4(&pattern), "01234567-89ab-4def-8123-456789abcdef");
}

#[test]
fn deterministic_for_a_seed() {
    let a: Vec<String> = {
        let random = StdRandom::with_seed(7);
        (0..5).map(|_| uuid_v4(&random)).collect()
    };
    let b: Vec<String> = {
        let random = StdRandom::with_seed(7);
        (0..5).map(|_| uuid_v4(&random)).collect()
    };
    assert_eq!(a, b);
    assert_ne!(a[0], a[1]);
    assert_ne!(uuid_v4(&StdRandom::with_seed(8)), a[0]);
    // Invocation ids are made the same way.
    assert_eq!(invocation_id(&StdRandom::with_seed(7)), a[0]);
}

#[test]
fn fixed_providers() {
    assert_eq!(COMPLIANCE_TEST_TOKEN, "00000000-0000-4000-8000-000000000000");
    let compliance = FixedIdempotencyToken::compliance();
    assert_eq!(compliance.as_str(), COMPLIANCE_TEST_TOKEN);
    let random = StdRandom::new();
    for _ in 0..3 {
        assert_eq!(compliance.token(&random), COMPLIANCE_TEST_TOKEN);
    }
    assert_eq!(FixedIdempotencyToken::new("my-token").token(&random), "my-token");
    assert_eq!(FixedIdempotencyToken::new(String::from("t")), FixedIdempotencyToken::new("t"));
    // The random provider draws from the source it is given.
    assert_eq!(RandomIdempotencyToken.token(&Fixed(0.0)), COMPLIANCE_TEST_TOKEN);
}

#[test]
fn the_config_option() {
    // By default: random UUIDs from the configuration's randomness (so a seeded source repeats).
    let config = Config::builder().random(StdRandom::with_seed(11)).build();
    let first = config.idempotency_token();
    parse_v4(&first);
    assert_ne!(config.idempotency_token(), first);
    let again = Config::builder().random(StdRandom::with_seed(11)).build();
    assert_eq!(again.idempotency_token(), first);
    assert_eq!(uuid_v4(&StdRandom::with_seed(11)), first);

    // A fixed provider, as the protocol compliance tests set it.
    let config = Config::builder().idempotency_token_provider(FixedIdempotencyToken::compliance()).build();
    assert_eq!(config.idempotency_token(), COMPLIANCE_TEST_TOKEN);
    assert_eq!(config.idempotency_token(), COMPLIANCE_TEST_TOKEN);
    assert_eq!(config.idempotency_token_provider().token(&Fixed(0.9)), COMPLIANCE_TEST_TOKEN);
    // Clones keep it; the Debug output names it.
    let clone = config.clone();
    assert_eq!(clone.idempotency_token(), COMPLIANCE_TEST_TOKEN);
    assert!(format!("{config:?}").contains("FixedIdempotencyToken"), "{config:?}");

    // A provider of the user's own.
    #[derive(Debug)]
    struct Sequence(AtomicU64);
    impl IdempotencyTokenProvider for Sequence {
        fn token(&self, _random: &dyn RandomSource) -> String {
            format!("token-{}", self.0.fetch_add(1, Ordering::Relaxed))
        }
    }
    let config = Config::builder().idempotency_token_provider(Sequence(AtomicU64::new(1))).build();
    assert_eq!(config.idempotency_token(), "token-1");
    assert_eq!(config.idempotency_token(), "token-2");
}
