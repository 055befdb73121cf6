//! The standard retry strategy (AWS SDKs and Tools Reference Guide, "Retry behavior"; retry
//! behavior 2.0), the sleeps and randomness it needs (injectable, so tests never wait), a timeout
//! for any future, and the `amz-sdk-invocation-id` and `amz-sdk-request` headers as the AWS SDK
//! for Rust sends them (smithy-rs `aws-runtime`, `invocation_id.rs` and `request_info.rs`).

use super::transport::BoxFuture;
use super::wire::error::RetryKind;
use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::task::Poll;
use std::time::Duration;

/// The standard retry settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (`1`: no retry). Default 3.
    pub max_attempts: u32,
    /// The backoff base: the first retry waits up to this long. Default 1 s.
    pub initial_backoff: Duration,
    /// The longest wait before a retry, and the cap on `x-amz-retry-after`. Default 20 s.
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }
}

impl RetryConfig {
    /// A configuration that never retries.
    pub fn disabled() -> Self {
        RetryConfig { max_attempts: 1, ..RetryConfig::default() }
    }
}

/// The retry quota's size.
pub const TOKEN_BUCKET_CAPACITY: u32 = 500;
/// What a retry costs.
pub const RETRY_COST: u32 = 5;
/// What a retry of a transient error (timeout, I/O, 5xx, `RequestTimeout`) costs.
pub const TRANSIENT_RETRY_COST: u32 = 10;
/// What a success on the first attempt gives back.
pub const SUCCESS_REWARD: u32 = 1;

/// Tokens taken from the quota for one retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPermit {
    cost: u32,
}

impl RetryPermit {
    /// How many tokens the retry took.
    pub fn cost(&self) -> u32 {
        self.cost
    }
}

/// Why a failed attempt is not retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiveUpReason {
    /// The error is not one a retry may fix.
    NotRetryable,
    /// The last allowed attempt failed.
    MaxAttempts,
    /// The retry quota is spent.
    QuotaExhausted,
}

impl fmt::Display for GiveUpReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GiveUpReason::NotRetryable => "the error is not retryable",
            GiveUpReason::MaxAttempts => "the maximum number of attempts was reached",
            GiveUpReason::QuotaExhausted => "the retry quota is exhausted",
        })
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait `delay`, then send again; `cost` tokens were taken from the quota (pass them to
    /// [`TokenBucket::success`] if a later attempt succeeds, or give them back with
    /// [`TokenBucket::refund`] if the retry is not sent after all).
    Retry {
        /// How long to wait before the next attempt.
        delay: Duration,
        /// The tokens this retry took.
        cost: u32,
    },
    /// Return the error.
    GiveUp(GiveUpReason),
}

/// The retry quota, shared by all the calls of a client (put it in an `Arc`): retries take
/// tokens, successes give some back, so that a failing service is not flooded with retries.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: u32,
    /// Each change is one compare-and-swap, with no lock: every call records its success here.
    tokens: AtomicU32,
}

impl Default for TokenBucket {
    fn default() -> Self {
        TokenBucket::new()
    }
}

impl TokenBucket {
    /// A full bucket of [`TOKEN_BUCKET_CAPACITY`] tokens.
    pub fn new() -> Self {
        TokenBucket::with_capacity(TOKEN_BUCKET_CAPACITY)
    }

    /// A full bucket of `capacity` tokens.
    pub fn with_capacity(capacity: u32) -> Self {
        TokenBucket { capacity, tokens: AtomicU32::new(capacity) }
    }

    /// The tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Relaxed)
    }

    /// Takes the cost of a retry ([`TRANSIENT_RETRY_COST`] for a transient error, else
    /// [`RETRY_COST`]), or `None` when too few tokens are left.
    pub fn try_acquire(&self, transient: bool) -> Option<RetryPermit> {
        let cost = if transient { TRANSIENT_RETRY_COST } else { RETRY_COST };
        self.tokens.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |tokens| tokens.checked_sub(cost)).ok()?;
        Some(RetryPermit { cost })
    }

    /// Gives tokens back (never past the capacity).
    pub fn refund(&self, tokens: u32) {
        // A full bucket (the usual case) is only read, not written.
        let refunded = |available: u32| Some(available.saturating_add(tokens).min(self.capacity)).filter(|&n| n != available);
        let _ = self.tokens.fetch_update(Ordering::Relaxed, Ordering::Relaxed, refunded);
    }

    /// Records a successful attempt: after retries (`last_retry_cost` is the `cost` of the last
    /// [`RetryDecision::Retry`] of the call) that retry's cost is refunded; a success on the
    /// first attempt (`None`) adds [`SUCCESS_REWARD`].
    pub fn success(&self, last_retry_cost: Option<u32>) {
        self.refund(last_retry_cost.unwrap_or(SUCCESS_REWARD));
    }

    /// Decides what follows a failed attempt, in this order: an error that is not retryable
    /// (no `kind` and not a transient transport error) is returned; so is the error of the
    /// last allowed attempt; then a retry takes its cost from the quota or, when too few tokens
    /// are left, the error is returned. The delay is [`backoff`], or for a throttling or
    /// transient error of the service (retried by code or status) with an `x-amz-retry-after`
    /// value ([`retry_after`]), that value capped at `max_backoff`.
    ///
    /// `attempts_made` counts the attempts so far (1 after the first); `random` is in `[0, 1)`.
    pub fn decide(
        &self,
        attempts_made: u32,
        config: &RetryConfig,
        kind: Option<RetryKind>,
        transient_transport_error: bool,
        retry_after: Option<Duration>,
        random: f64,
    ) -> RetryDecision {
        let kind = if transient_transport_error { Some(RetryKind::Transient) } else { kind };
        let Some(kind) = kind else {
            return RetryDecision::GiveUp(GiveUpReason::NotRetryable);
        };
        if attempts_made >= config.max_attempts {
            return RetryDecision::GiveUp(GiveUpReason::MaxAttempts);
        }
        let Some(permit) = self.try_acquire(kind == RetryKind::Transient) else {
            return RetryDecision::GiveUp(GiveUpReason::QuotaExhausted);
        };
        let from_service = !transient_transport_error && matches!(kind, RetryKind::Throttling | RetryKind::Transient);
        let delay = match retry_after {
            Some(after) if from_service => after.min(config.max_backoff),
            _ => backoff(attempts_made, config, random),
        };
        RetryDecision::Retry { delay, cost: permit.cost }
    }
}

/// The wait before the next attempt after `attempts_made` attempts: full jitter,
/// `random × min(initial_backoff × 2^(attempts_made − 1), max_backoff)`, `random` clamped to
/// `[0, 1]` (a NaN counts as 0).
pub fn backoff(attempts_made: u32, config: &RetryConfig, random: f64) -> Duration {
    let random = if random.is_nan() { 0.0 } else { random.clamp(0.0, 1.0) };
    let exponent = attempts_made.saturating_sub(1).min(1023) as i32;
    let ceiling = config.initial_backoff.as_secs_f64() * 2f64.powi(exponent);
    let ceiling = if ceiling.is_finite() && ceiling < config.max_backoff.as_secs_f64() {
        Duration::from_secs_f64(ceiling)
    } else {
        config.max_backoff
    };
    ceiling.mul_f64(random)
}

/// The `x-amz-retry-after` header of a response: a delay in integer milliseconds.
pub fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers.get("x-amz-retry-after")?.to_str().ok()?.trim();
    value.parse::<u64>().ok().map(Duration::from_millis)
}

/// Waits asynchronously (a runtime's timer, or a recording fake in tests).
pub trait AsyncSleep: Send + Sync + fmt::Debug {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Waits, blocking the calling thread.
pub trait BlockingSleep: Send + Sync + fmt::Debug {
    /// Returns after `duration`.
    fn sleep(&self, duration: Duration);
}

/// Tokio's timer (feature `rt-tokio`); needs a runtime with time enabled.
#[cfg(feature = "rt-tokio")]
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleep;

#[cfg(feature = "rt-tokio")]
impl AsyncSleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        // The timer is made on the first poll, inside the runtime, not where the future is made.
        Box::pin(async move { tokio::time::sleep(duration).await })
    }
}

/// `std::thread::sleep`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadSleep;

impl BlockingSleep for ThreadSleep {
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// A source of randomness for backoff jitter and invocation ids (not for secrets).
pub trait RandomSource: Send + Sync + fmt::Debug {
    /// A number in `[0, 1)`.
    fn next_f64(&self) -> f64;

    /// 64 random bits; by default from two draws of [`RandomSource::next_f64`].
    fn next_u64(&self) -> u64 {
        let half = |x: f64| (x.clamp(0.0, 1.0) * 4_294_967_296.0) as u64 & 0xffff_ffff;
        (half(self.next_f64()) << 32) | half(self.next_f64())
    }
}

/// The default randomness: SplitMix64 seeded from the standard library's per-process random
/// hash keys, the time and a counter. Fast and thread-safe; not cryptographic.
#[derive(Debug)]
pub struct StdRandom {
    state: AtomicU64,
}

const GOLDEN_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

impl StdRandom {
    /// A generator seeded differently on each call.
    pub fn new() -> Self {
        use std::hash::{BuildHasher, Hasher};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        hasher.write_u128(nanos);
        StdRandom::with_seed(hasher.finish())
    }

    /// A generator that repeats the same sequence for the same seed.
    pub fn with_seed(seed: u64) -> Self {
        StdRandom { state: AtomicU64::new(seed) }
    }
}

impl Default for StdRandom {
    fn default() -> Self {
        StdRandom::new()
    }
}

impl RandomSource for StdRandom {
    fn next_f64(&self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn next_u64(&self) -> u64 {
        let mut z = self.state.fetch_add(GOLDEN_GAMMA, Ordering::Relaxed).wrapping_add(GOLDEN_GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// [`StdRandom`] seeded by its first draw instead of when made: a configuration's default, so
/// that building one costs no seeding (random hash keys, the time) until a call needs it.
#[derive(Debug, Default)]
pub(crate) struct LazyStdRandom(OnceLock<StdRandom>);

impl LazyStdRandom {
    fn get(&self) -> &StdRandom {
        self.0.get_or_init(StdRandom::new)
    }
}

impl RandomSource for LazyStdRandom {
    fn next_f64(&self) -> f64 {
        self.get().next_f64()
    }

    fn next_u64(&self) -> u64 {
        self.get().next_u64()
    }
}

/// A new `amz-sdk-invocation-id`: a random UUID (version 4), lower-case
/// (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`), made as idempotency tokens are.
pub fn invocation_id(random: &dyn RandomSource) -> String {
    uuid_v4(random)
}

/// [`invocation_id`] as ASCII bytes, on the stack (a header value is made of them per attempt).
pub fn invocation_id_ascii(random: &dyn RandomSource) -> [u8; 36] {
    uuid_v4_ascii(random)
}

/// A random UUID, version 4 (RFC 9562 §5.4): 122 bits from `random`, the version nibble `4`
/// and the variant bits `10`, in lower-case hex grouped 8-4-4-4-12
/// (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, `y` one of `8 9 a b`). Two draws of
/// [`RandomSource::next_u64`], the first giving the first 8 bytes; not for secrets unless the
/// source is cryptographic.
pub fn uuid_v4(random: &dyn RandomSource) -> String {
    uuid_v4_ascii(random).iter().map(|&b| char::from(b)).collect()
}

fn uuid_v4_ascii(random: &dyn RandomSource) -> [u8; 36] {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random.next_u64().to_be_bytes());
    bytes[8..].copy_from_slice(&random.next_u64().to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    // Hex digits at fixed places: dashes before bytes 4, 6, 8 and 10.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    const AT: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    let mut id = [b'-'; 36];
    for (b, at) in bytes.iter().zip(AT) {
        id[at] = HEX[usize::from(b >> 4)];
        id[at + 1] = HEX[usize::from(b & 15)];
    }
    id
}

/// The `amz-sdk-request` value of an attempt: `attempt=N; max=M` (N from 1).
pub fn request_header(attempt: u32, max_attempts: u32) -> String {
    let mut buffer = [0u8; REQUEST_HEADER_MAX];
    let text = write_request_header(&mut buffer, attempt, max_attempts);
    text.iter().map(|&b| char::from(b)).collect()
}

/// The `amz-sdk-request` header of an attempt. The default three attempts come from a table of
/// static values, so most calls make this header without an allocation.
pub fn request_header_value(attempt: u32, max_attempts: u32) -> Option<http::HeaderValue> {
    match (attempt, max_attempts) {
        (1, 3) => Some(http::HeaderValue::from_static("attempt=1; max=3")),
        (2, 3) => Some(http::HeaderValue::from_static("attempt=2; max=3")),
        (3, 3) => Some(http::HeaderValue::from_static("attempt=3; max=3")),
        _ => http::HeaderValue::from_bytes(write_request_header(&mut [0; REQUEST_HEADER_MAX], attempt, max_attempts)).ok(),
    }
}

/// The longest [`request_header`] value: both numbers of ten digits.
pub const REQUEST_HEADER_MAX: usize = "attempt=; max=".len() + 20;

/// [`request_header`] written into `buffer`, with no allocation: the bytes written.
pub fn write_request_header(buffer: &mut [u8; REQUEST_HEADER_MAX], attempt: u32, max_attempts: u32) -> &[u8] {
    let mut len = 0;
    let mut push = |bytes: &[u8]| {
        buffer[len..len + bytes.len()].copy_from_slice(bytes);
        len += bytes.len();
    };
    push(b"attempt=");
    push(decimal(&mut [0; 10], attempt));
    push(b"; max=");
    push(decimal(&mut [0; 10], max_attempts));
    &buffer[..len]
}

/// The decimal digits of `n`, written at the end of `digits`.
fn decimal(digits: &mut [u8; 10], mut n: u32) -> &[u8] {
    let mut at = digits.len();
    loop {
        at -= 1;
        // A digit: `n % 10` is below 10.
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &digits[at..];
        }
    }
}

/// The error of [`timeout`]: the sleep ended first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Elapsed(());

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the time limit elapsed")
    }
}

impl std::error::Error for Elapsed {}

/// Runs `future` until `sleep` completes: its output, or [`Elapsed`] if the sleep ends first
/// (the future is then dropped). Works with any [`AsyncSleep`].
pub async fn timeout<F: Future>(future: F, mut sleep: BoxFuture<'static, ()>) -> Result<F::Output, Elapsed> {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        sleep.as_mut().poll(cx).map(|()| Err(Elapsed(())))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_random_is_seeded_by_its_first_draw_and_then_kept() {
        let lazy = LazyStdRandom::default();
        assert!(lazy.0.get().is_none(), "made without seeding");
        let first = lazy.next_u64();
        let seed_state = lazy.0.get().map(|r| r.state.load(Ordering::Relaxed));
        assert!(seed_state.is_some(), "seeded by the first draw");
        // Later draws continue the same generator rather than seeding again.
        let second = lazy.next_u64();
        assert_ne!(first, second);
        let state = lazy.0.get().map(|r| r.state.load(Ordering::Relaxed));
        assert_eq!(state, seed_state.map(|s| s.wrapping_add(GOLDEN_GAMMA)));
        let x = lazy.next_f64();
        assert!((0.0..1.0).contains(&x), "{x}");
        // Two are seeded differently, as two `StdRandom::new()` are.
        let (a, b) = (LazyStdRandom::default(), LazyStdRandom::default());
        assert_ne!([a.next_u64(), a.next_u64()], [b.next_u64(), b.next_u64()]);
    }
}
