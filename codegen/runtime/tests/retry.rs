//! The standard retry strategy (AWS SDKs and Tools Reference Guide, "Retry behavior") with
//! injected randomness and a recording sleep: nothing here waits for real.

use runtime::config::Config;
use runtime::retry::*;
use runtime::transport::BoxFuture;
use runtime::wire::error::{retry_kind, RetryKind};
use runtime::wire::json_error::error_metadata;
use std::future::Future;
use std::pin::pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

/// Always the same number.
#[derive(Debug)]
struct Fixed(f64);

impl RandomSource for Fixed {
    fn next_f64(&self) -> f64 {
        self.0
    }
}

/// Records each sleep and returns at once.
#[derive(Debug, Default)]
struct RecordingSleep(Mutex<Vec<Duration>>);

impl RecordingSleep {
    fn slept(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

impl AsyncSleep for RecordingSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(std::future::ready(()))
    }
}

impl BlockingSleep for RecordingSleep {
    fn sleep(&self, duration: Duration) {
        self.0.lock().unwrap().push(duration);
    }
}

/// Polls a future to completion on this thread (the futures here never wait on I/O).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

#[test]
fn defaults() {
    let config = RetryConfig::default();
    assert_eq!((config.max_attempts, config.initial_backoff, config.max_backoff), (3, secs(1.0), secs(20.0)));
    assert_eq!(RetryConfig::disabled().max_attempts, 1);
    assert_eq!(TokenBucket::default().available(), 500);
    assert_eq!((RETRY_COST, TRANSIENT_RETRY_COST, SUCCESS_REWARD), (5, 10, 1));
}

#[test]
fn backoff_is_full_jitter_with_a_cap() {
    let config = RetryConfig::default();
    assert_eq!(backoff(1, &config, 1.0), secs(1.0));
    assert_eq!(backoff(1, &config, 0.5), secs(0.5));
    assert_eq!(backoff(2, &config, 0.5), secs(1.0));
    assert_eq!(backoff(3, &config, 0.25), secs(1.0));
    assert_eq!(backoff(5, &config, 1.0), secs(16.0));
    // 2^5 = 32 s is past the 20 s cap.
    assert_eq!(backoff(6, &config, 1.0), secs(20.0));
    assert_eq!(backoff(6, &config, 0.5), secs(10.0));
    assert_eq!(backoff(u32::MAX, &config, 0.5), secs(10.0));
    assert_eq!(backoff(2, &config, 0.0), Duration::ZERO);
    // Out-of-range randomness is clamped; NaN counts as 0.
    assert_eq!(backoff(2, &config, 7.0), secs(2.0));
    assert_eq!(backoff(2, &config, -1.0), Duration::ZERO);
    assert_eq!(backoff(2, &config, f64::NAN), Duration::ZERO);
    // Other bases and caps.
    let custom = RetryConfig { max_attempts: 5, initial_backoff: Duration::from_millis(50), max_backoff: secs(0.3) };
    assert_eq!(backoff(1, &custom, 1.0), Duration::from_millis(50));
    assert_eq!(backoff(3, &custom, 1.0), Duration::from_millis(200));
    assert_eq!(backoff(4, &custom, 1.0), Duration::from_millis(300));
}

#[test]
fn what_is_retried_and_what_it_costs() {
    let config = RetryConfig::default();
    let bucket = TokenBucket::new();
    let decide = |kind, transport| bucket.decide(1, &config, kind, transport, None, 0.5);
    assert_eq!(decide(None, false), RetryDecision::GiveUp(GiveUpReason::NotRetryable));
    assert_eq!(bucket.available(), 500);
    assert_eq!(decide(Some(RetryKind::Throttling), false), RetryDecision::Retry { delay: secs(0.5), cost: 5 });
    assert_eq!(decide(Some(RetryKind::ServerError), false), RetryDecision::Retry { delay: secs(0.5), cost: 5 });
    assert_eq!(decide(Some(RetryKind::ClientError), false), RetryDecision::Retry { delay: secs(0.5), cost: 5 });
    assert_eq!(decide(Some(RetryKind::Transient), false), RetryDecision::Retry { delay: secs(0.5), cost: 10 });
    // A transient transport error (connect, timeout, I/O) is transient whatever the kind says.
    assert_eq!(decide(None, true), RetryDecision::Retry { delay: secs(0.5), cost: 10 });
    assert_eq!(bucket.available(), 500 - 5 - 5 - 5 - 10 - 10);
}

#[test]
fn classification_inputs_from_responses() {
    let config = RetryConfig::default();
    let bucket = TokenBucket::new();
    let kind = |status, body: &str| retry_kind(&error_metadata(status, &http::HeaderMap::new(), body.as_bytes()), None);
    let cases = [
        (503, r#"{"__type":"ServiceUnavailable"}"#, RetryDecision::Retry { delay: secs(1.0), cost: 10 }),
        (500, "<html>oops</html>", RetryDecision::Retry { delay: secs(1.0), cost: 10 }),
        (400, r#"{"__type":"com.amazonaws.athena#TooManyRequestsException"}"#, RetryDecision::Retry { delay: secs(1.0), cost: 5 }),
        (429, r#"{"__type":"ThrottlingException"}"#, RetryDecision::Retry { delay: secs(1.0), cost: 5 }),
        (400, r#"{"__type":"RequestTimeoutException"}"#, RetryDecision::Retry { delay: secs(1.0), cost: 10 }),
        (429, r#"{"__type":"SomethingElse"}"#, RetryDecision::GiveUp(GiveUpReason::NotRetryable)),
        (404, r#"{"__type":"ResourceNotFoundException"}"#, RetryDecision::GiveUp(GiveUpReason::NotRetryable)),
        (501, "", RetryDecision::GiveUp(GiveUpReason::NotRetryable)),
        (400, r#"{"__type":"InvalidSignatureException"}"#, RetryDecision::GiveUp(GiveUpReason::NotRetryable)),
    ];
    for (status, body, expected) in cases {
        assert_eq!(bucket.decide(1, &config, kind(status, body), false, None, 1.0), expected, "{status} {body}");
    }
}

#[test]
fn max_attempts() {
    let bucket = TokenBucket::new();
    let config = RetryConfig::default();
    let throttled = Some(RetryKind::Throttling);
    assert!(matches!(bucket.decide(1, &config, throttled, false, None, 0.0), RetryDecision::Retry { .. }));
    assert!(matches!(bucket.decide(2, &config, throttled, false, None, 0.0), RetryDecision::Retry { .. }));
    let before = bucket.available();
    assert_eq!(bucket.decide(3, &config, throttled, false, None, 0.0), RetryDecision::GiveUp(GiveUpReason::MaxAttempts));
    assert_eq!(bucket.available(), before, "giving up takes no tokens");
    let once = RetryConfig::disabled();
    assert_eq!(bucket.decide(1, &once, None, true, None, 0.0), RetryDecision::GiveUp(GiveUpReason::MaxAttempts));
}

#[test]
fn quota_exhaustion() {
    let config = RetryConfig { max_attempts: 1000, ..RetryConfig::default() };
    let bucket = TokenBucket::new();
    for attempt in 1..=50 {
        assert!(matches!(bucket.decide(attempt, &config, None, true, None, 0.0), RetryDecision::Retry { cost: 10, .. }));
    }
    assert_eq!(bucket.available(), 0);
    assert_eq!(bucket.decide(51, &config, None, true, None, 0.0), RetryDecision::GiveUp(GiveUpReason::QuotaExhausted));
    assert_eq!(
        bucket.decide(51, &config, Some(RetryKind::Throttling), false, None, 0.0),
        RetryDecision::GiveUp(GiveUpReason::QuotaExhausted)
    );
    // A non-transient retry may still fit where a transient one does not.
    let small = TokenBucket::with_capacity(12);
    assert_eq!(small.try_acquire(true).map(|p| p.cost()), Some(10));
    assert!(small.try_acquire(true).is_none());
    assert_eq!(small.available(), 2);
    let small = TokenBucket::with_capacity(9);
    assert!(small.try_acquire(true).is_none());
    assert_eq!(small.try_acquire(false).map(|p| p.cost()), Some(5));
    assert!(small.try_acquire(false).is_none());
    assert_eq!(small.available(), 4);
}

#[test]
fn successes_refund_and_reward() {
    let bucket = TokenBucket::new();
    let config = RetryConfig::default();
    // A first-attempt success at full capacity stays at the cap.
    bucket.success(None);
    assert_eq!(bucket.available(), 500);
    let RetryDecision::Retry { cost: first, .. } = bucket.decide(1, &config, None, true, None, 0.0) else { panic!() };
    let RetryDecision::Retry { cost: second, .. } = bucket.decide(2, &config, Some(RetryKind::Throttling), false, None, 0.0) else { panic!() };
    assert_eq!((first, second, bucket.available()), (10, 5, 485));
    // A success after retries refunds the last retry's cost only.
    bucket.success(Some(second));
    assert_eq!(bucket.available(), 490);
    // A first-attempt success adds 1.
    bucket.success(None);
    assert_eq!(bucket.available(), 491);
    bucket.refund(1000);
    assert_eq!(bucket.available(), 500);
}

#[test]
fn retry_after_header() {
    let config = RetryConfig::default();
    let bucket = TokenBucket::new();
    let after = Some(Duration::from_millis(1500));
    // Errors retried by code or status: the header replaces the backoff, whatever the jitter.
    for kind in [RetryKind::Throttling, RetryKind::Transient] {
        assert_eq!(bucket.decide(1, &config, Some(kind), false, after, 0.9), RetryDecision::Retry {
            delay: secs(1.5),
            cost: if kind == RetryKind::Transient { 10 } else { 5 },
        });
    }
    // Capped at 20 s.
    let long = Some(secs(60.0));
    assert!(matches!(bucket.decide(1, &config, Some(RetryKind::Throttling), false, long, 0.9), RetryDecision::Retry { delay, .. } if delay == secs(20.0)));
    // A modeled @retryable error and a transport error keep the computed backoff.
    assert!(matches!(bucket.decide(1, &config, Some(RetryKind::ServerError), false, after, 0.5), RetryDecision::Retry { delay, .. } if delay == secs(0.5)));
    assert!(matches!(bucket.decide(1, &config, None, true, after, 0.5), RetryDecision::Retry { delay, .. } if delay == secs(0.5)));
    // Not retryable stays not retryable.
    assert_eq!(bucket.decide(1, &config, None, false, after, 0.5), RetryDecision::GiveUp(GiveUpReason::NotRetryable));

    let headers = |value: &'static str| {
        let mut h = http::HeaderMap::new();
        h.insert("x-amz-retry-after", http::HeaderValue::from_static(value));
        h
    };
    assert_eq!(retry_after(&headers("1500")), Some(Duration::from_millis(1500)));
    assert_eq!(retry_after(&headers(" 20 ")), Some(Duration::from_millis(20)));
    assert_eq!(retry_after(&headers("1.5")), None);
    assert_eq!(retry_after(&headers("-1")), None);
    assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")), None);
    assert_eq!(retry_after(&http::HeaderMap::new()), None);
}

#[test]
fn a_retry_loop_with_injected_time_and_randomness() {
    // What an orchestrator does: two 503s, then a success, with jitter 0.5.
    let config = RetryConfig::default();
    let bucket = TokenBucket::new();
    let random = Fixed(0.5);
    let sleep = RecordingSleep::default();
    let outcomes = [Some(503), Some(503), None];
    let mut last_cost = None;
    let mut headers_sent = Vec::new();
    for (attempt, outcome) in (1..).zip(outcomes) {
        headers_sent.push(request_header(attempt, config.max_attempts));
        let Some(status) = outcome else {
            bucket.success(last_cost);
            break;
        };
        let kind = retry_kind(&error_metadata(status, &http::HeaderMap::new(), b""), None);
        match bucket.decide(attempt, &config, kind, false, None, random.next_f64()) {
            RetryDecision::Retry { delay, cost } => {
                last_cost = Some(cost);
                block_on(AsyncSleep::sleep(&sleep, delay));
            }
            RetryDecision::GiveUp(reason) => panic!("{reason}"),
        }
    }
    assert_eq!(sleep.slept(), [secs(0.5), secs(1.0)]);
    assert_eq!(headers_sent, ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]);
    assert_eq!(bucket.available(), 490);
    // The blocking flavour records the same way.
    BlockingSleep::sleep(&sleep, secs(2.0));
    assert_eq!(sleep.slept().last(), Some(&secs(2.0)));
}

#[test]
fn invocation_ids_are_uuid_v4() {
    let check = |id: &str| {
        assert_eq!(id.len(), 36, "{id}");
        for (i, c) in id.char_indices() {
            if [8, 13, 18, 23].contains(&i) {
                assert_eq!(c, '-', "{id}");
            } else {
                assert!(c.is_ascii_digit() || ('a'..='f').contains(&c), "{id}");
            }
        }
        assert_eq!(&id[14..15], "4", "{id}");
        assert!("89ab".contains(&id[19..20]), "{id}");
    };
    let random = StdRandom::new();
    let a = invocation_id(&random);
    let b = invocation_id(&random);
    check(&a);
    check(&b);
    assert_ne!(a, b);
    // Deterministic for a seed, and through the default `next_u64` of a plain source.
    assert_eq!(invocation_id(&StdRandom::with_seed(7)), invocation_id(&StdRandom::with_seed(7)));
    assert_eq!(invocation_id(&Fixed(0.0)), "00000000-0000-4000-8000-000000000000");
    let half = invocation_id(&Fixed(0.5));
    check(&half);
    assert_eq!(half, "80000000-8000-4000-8000-000080000000");
    // The bytes of a header value are the same id.
    assert_eq!(invocation_id_ascii(&Fixed(0.5)), *half.as_bytes());
}

#[test]
fn amz_sdk_request_values() {
    assert_eq!(request_header(1, 3), "attempt=1; max=3");
    assert_eq!(request_header(10, 100), "attempt=10; max=100");
    // The longest value fits the buffer exactly.
    let mut buffer = [0u8; REQUEST_HEADER_MAX];
    assert_eq!(write_request_header(&mut buffer, u32::MAX, u32::MAX), b"attempt=4294967295; max=4294967295");
    assert_eq!(write_request_header(&mut buffer, 0, 0), b"attempt=0; max=0");
    // The header values, from the table for the default three attempts and written otherwise,
    // say the same as the text.
    for (attempt, max) in [(1, 3), (2, 3), (3, 3), (4, 3), (0, 3), (1, 1), (2, 5), (10, 100), (u32::MAX, u32::MAX)] {
        assert_eq!(request_header_value(attempt, max).unwrap(), request_header(attempt, max).as_str());
    }
}

#[test]
fn std_random() {
    let random = StdRandom::with_seed(42);
    let values: Vec<f64> = (0..10_000).map(|_| random.next_f64()).collect();
    assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    assert!((mean - 0.5).abs() < 0.02, "{mean}");
    let again = StdRandom::with_seed(42);
    assert_eq!(again.next_f64(), values[0]);
    assert_ne!(StdRandom::with_seed(43).next_f64(), values[0]);
    assert_ne!(StdRandom::new().next_u64(), StdRandom::new().next_u64());
}

#[test]
fn timeouts_of_futures() {
    let never = || -> BoxFuture<'static, ()> { Box::pin(std::future::pending()) };
    let now = || -> BoxFuture<'static, ()> { Box::pin(std::future::ready(())) };
    assert_eq!(block_on(timeout(async { 5 }, never())), Ok(5));
    assert_eq!(block_on(timeout(std::future::pending::<u8>(), now())), Err(Elapsed::default()));
    // Both ready: the future wins.
    assert_eq!(block_on(timeout(async { 6 }, now())), Ok(6));
    // A sleep that completes on its second poll, while the future never does.
    let mut polled = false;
    let second_poll = std::future::poll_fn(move |cx| {
        if polled {
            Poll::Ready(())
        } else {
            polled = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    });
    assert!(block_on(timeout(std::future::pending::<()>(), Box::pin(second_poll))).is_err());
    assert_eq!(Elapsed::default().to_string(), "the time limit elapsed");
}

#[test]
fn the_blocking_call_path_sleeps_on_the_thread_unless_configured() {
    // `ThreadSleep` is `std::thread::sleep` and nothing else; without a clock, what can be
    // checked is that it is the default of the blocking call path and that a configured sleep
    // replaces it.
    assert_eq!(format!("{:?}", Config::default().blocking_sleep()), "ThreadSleep");
    assert_eq!(format!("{:?}", Config::builder().build().blocking_sleep()), "ThreadSleep");
    let config = Config::builder().blocking_sleep(RecordingSleep::default()).build();
    assert!(format!("{:?}", config.blocking_sleep()).starts_with("RecordingSleep("));
}

#[cfg(feature = "rt-tokio")]
#[test]
fn tokio_sleep_bounds_a_future() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let result = rt.block_on(timeout(std::future::pending::<()>(), TokioSleep.sleep(Duration::from_millis(1))));
    assert!(result.is_err());
    assert_eq!(rt.block_on(timeout(async { 1 }, TokioSleep.sleep(Duration::from_secs(60)))), Ok(1));
}
