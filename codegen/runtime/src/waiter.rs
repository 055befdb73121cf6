//! Waiters (Smithy `waiters.rst`): call an operation again and again until one of the waiter's
//! acceptors moves it to a terminal state, with the specification's backoff between calls
//! ("Waiter retries") and never past the caller's maximum wait. The clock, the sleep and the
//! randomness are the configuration's, so tests inject them and never wait.
//!
//! Generated code supplies what is per waiter: its delays ([`WaiterInfo`]), how to call the
//! operation once, and its acceptors compiled to a function of the call's result. Only crates
//! whose operations have waiters ship this module.

use super::client::{ConstructionError, SdkError};
use super::config::Config;
use std::fmt;
use std::future::Future;
use std::time::{Duration, SystemTime};

/// The state an acceptor moves a waiter to (waiters.rst, "AcceptorState enum").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AcceptorState {
    /// The resource reached the state waited for: the wait ends well.
    Success,
    /// The resource reached a state from which it cannot reach the one waited for: the wait
    /// ends with [`WaiterError::FailureState`].
    Failure,
    /// Not there yet: call the operation again after a delay.
    Retry,
}

/// What the model says of a waiter: its name and the bounds of the delay between calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterInfo {
    /// The waiter's name in the model (`TableExists`), for messages.
    pub name: &'static str,
    /// `minDelay` (2 s unless the model says otherwise).
    pub min_delay: Duration,
    /// `maxDelay` (120 s unless the model says otherwise).
    pub max_delay: Duration,
}

/// The last call of a wait: its result, and how many calls and how long the wait took.
#[derive(Debug)]
pub struct FinalPoll<O, E> {
    waiter: &'static str,
    result: Result<O, SdkError<E>>,
    attempts: u32,
    elapsed: Duration,
}

impl<O, E> FinalPoll<O, E> {
    /// The call's output, or its error (a waiter may succeed on an error, such as `NotFound`
    /// for a waiter that waits until something no longer exists).
    pub fn as_result(&self) -> Result<&O, &SdkError<E>> {
        self.result.as_ref()
    }

    /// The call's output or error, by value.
    pub fn into_result(self) -> Result<O, SdkError<E>> {
        self.result
    }

    /// The call's output, if it succeeded.
    pub fn output(&self) -> Option<&O> {
        self.result.as_ref().ok()
    }

    /// The call's error, if it failed.
    pub fn error(&self) -> Option<&SdkError<E>> {
        self.result.as_ref().err()
    }

    /// How many times the operation was called (0 when the wait could not start).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How long the wait took, by the configuration's clock.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The waiter's name in the model.
    pub fn waiter(&self) -> &'static str {
        self.waiter
    }
}

/// Why a wait did not end in the state waited for.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaiterError<O, E> {
    /// An acceptor with the `failure` state matched this call: the resource will not reach
    /// the state waited for without someone acting.
    FailureState(FinalPoll<O, E>),
    /// The maximum wait ran out before an acceptor ended the wait; the last call.
    ExceededMaxWait {
        /// The maximum wait the caller gave.
        max_wait: Duration,
        /// The last call, whose result no acceptor found terminal.
        last: FinalPoll<O, E>,
    },
    /// The call failed with an error that no acceptor matched (waiters.rst, "Waiter
    /// workflow", step 4), or could not be made.
    OperationFailed(FinalPoll<O, E>),
}

impl<O, E> WaiterError<O, E> {
    /// The last call of the wait.
    pub fn last_poll(&self) -> &FinalPoll<O, E> {
        match self {
            WaiterError::FailureState(poll) | WaiterError::OperationFailed(poll) => poll,
            WaiterError::ExceededMaxWait { last, .. } => last,
        }
    }

    /// The last call of the wait, by value.
    pub fn into_last_poll(self) -> FinalPoll<O, E> {
        match self {
            WaiterError::FailureState(poll) | WaiterError::OperationFailed(poll) => poll,
            WaiterError::ExceededMaxWait { last, .. } => last,
        }
    }
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let poll = self.last_poll();
        let (name, n) = (poll.waiter, poll.attempts);
        match self {
            WaiterError::FailureState(_) => write!(f, "waiter `{name}`: an acceptor found a failure state (after {n} call(s))"),
            WaiterError::ExceededMaxWait { max_wait, .. } => {
                write!(f, "waiter `{name}`: no terminal state within the maximum wait of {max_wait:?} ({n} call(s))")
            }
            WaiterError::OperationFailed(_) => match &poll.result {
                Err(e) => write!(f, "waiter `{name}`: the call failed with an error no acceptor matched: {e}"),
                Ok(_) => write!(f, "waiter `{name}`: the call failed"),
            },
        }
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.last_poll().result {
            Err(e) => Some(e),
            Ok(_) => None,
        }
    }
}

/// What a wait ends with: the last call when an acceptor reached `success`.
pub type WaitResult<O, E> = Result<FinalPoll<O, E>, WaiterError<O, E>>;

/// The delay before retry `attempt` (1 before the second call) of waiters.rst, "Waiter
/// retries": a random whole number of seconds between `minDelay` and the exponential ceiling
/// `minDelay × 2^(attempt − 1)` (`maxDelay` once past `attemptCeiling`), both included; the
/// whole `remaining` time instead when what would be left after the delay is `minDelay` or
/// less, so that the last call comes at the end of the maximum wait rather than being lost.
/// `random` is in `[0, 1)`.
pub fn retry_delay(info: &WaiterInfo, attempt: u32, remaining: Duration, random: f64) -> Duration {
    let min = info.min_delay.as_secs().max(1);
    let max = info.max_delay.as_secs().max(min);
    // attemptCeiling = (log(maxDelay / minDelay) / log(2)) + 1
    let attempt_ceiling = (max as f64 / min as f64).ln() / std::f64::consts::LN_2 + 1.0;
    let ceiling = if f64::from(attempt) > attempt_ceiling {
        max
    } else {
        // Within the ceiling min × 2^(attempt − 1) ≤ max; `min` guards the float's rounding.
        let factor = 1u64.checked_shl(attempt.saturating_sub(1)).unwrap_or(u64::MAX);
        min.saturating_mul(factor).min(max)
    };
    // random(minDelay, delay), both included.
    let span = ceiling - min + 1;
    let random = if random.is_nan() { 0.0 } else { random.clamp(0.0, 1.0) };
    let delay = Duration::from_secs(min + ((random * span as f64) as u64).min(span - 1));
    if remaining.saturating_sub(delay) <= Duration::from_secs(min) {
        remaining
    } else {
        delay
    }
}

/// One wait in progress: what the async and the blocking loops share.
struct Wait<'a> {
    config: &'a Config,
    info: &'a WaiterInfo,
    max_wait: Duration,
    started: SystemTime,
    attempts: u32,
}

/// After a call: the wait's end, or the delay before the next call.
enum Next<O, E> {
    Done(WaitResult<O, E>),
    Sleep(Duration),
}

impl<'a> Wait<'a> {
    fn start(config: &'a Config, info: &'a WaiterInfo, max_wait: Duration) -> Self {
        Wait { config, info, max_wait, started: config.time_source().now(), attempts: 0 }
    }

    fn elapsed(&self) -> Duration {
        self.config.time_source().now().duration_since(self.started).unwrap_or_default()
    }

    fn poll<O, E>(&self, result: Result<O, SdkError<E>>) -> FinalPoll<O, E> {
        FinalPoll { waiter: self.info.name, result, attempts: self.attempts, elapsed: self.elapsed() }
    }

    /// The steps of waiters.rst, "Waiter workflow", after a call: the first acceptor that
    /// matches decides; an error no acceptor matched ends the wait; anything else retries
    /// while time is left.
    fn after<O, E>(&mut self, result: Result<O, SdkError<E>>, state: Option<AcceptorState>) -> Next<O, E> {
        let poll = self.poll(result);
        match state {
            Some(AcceptorState::Success) => return Next::Done(Ok(poll)),
            Some(AcceptorState::Failure) => return Next::Done(Err(WaiterError::FailureState(poll))),
            None if poll.result.is_err() => return Next::Done(Err(WaiterError::OperationFailed(poll))),
            Some(AcceptorState::Retry) | None => {}
        }
        if poll.elapsed >= self.max_wait {
            return Next::Done(Err(WaiterError::ExceededMaxWait { max_wait: self.max_wait, last: poll }));
        }
        let remaining = self.max_wait - poll.elapsed;
        Next::Sleep(retry_delay(self.info, self.attempts, remaining, self.config.random().next_f64()))
    }

    fn cannot_start<O, E>(&self, message: &str) -> WaitResult<O, E> {
        Err(WaiterError::OperationFailed(self.poll(Err(SdkError::Construction(ConstructionError::new(message))))))
    }
}

/// Waits with the configuration's async sleep: calls `call` until `acceptors` gives a terminal
/// state for its result, an error matches no acceptor, or `max_wait` (by the configuration's
/// clock) runs out. The operation is always called at least once.
pub async fn wait<O, E, F, Fut>(
    config: &Config,
    info: &WaiterInfo,
    max_wait: Duration,
    mut call: F,
    acceptors: impl Fn(Result<&O, &SdkError<E>>) -> Option<AcceptorState>,
) -> WaitResult<O, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, SdkError<E>>>,
{
    let mut wait = Wait::start(config, info, max_wait);
    let Some(sleep) = config.async_sleep() else {
        return wait.cannot_start("no async sleep configured (enable the `rt-tokio` feature or set one in the Config)");
    };
    loop {
        wait.attempts += 1;
        let result = call().await;
        let state = acceptors(result.as_ref());
        match wait.after(result, state) {
            Next::Done(outcome) => return outcome,
            Next::Sleep(delay) => sleep.sleep(delay).await,
        }
    }
}

/// [`wait`] with the configuration's blocking sleep.
pub fn wait_blocking<O, E>(
    config: &Config,
    info: &WaiterInfo,
    max_wait: Duration,
    mut call: impl FnMut() -> Result<O, SdkError<E>>,
    acceptors: impl Fn(Result<&O, &SdkError<E>>) -> Option<AcceptorState>,
) -> WaitResult<O, E> {
    let mut wait = Wait::start(config, info, max_wait);
    loop {
        wait.attempts += 1;
        let result = call();
        let state = acceptors(result.as_ref());
        match wait.after(result, state) {
            Next::Done(outcome) => return outcome,
            Next::Sleep(delay) => config.blocking_sleep().sleep(delay),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::config::TimeSource;
    use super::super::retry::{BlockingSleep, RandomSource};
    use std::sync::{Arc, Mutex};
    use std::time::UNIX_EPOCH;

    const DEFAULTS: WaiterInfo = WaiterInfo { name: "Thing", min_delay: Duration::from_secs(2), max_delay: Duration::from_secs(120) };

    /// The random value that makes `retry_delay` pick `delay` from `min..=ceiling`.
    fn picking(delay: u64, min: u64, ceiling: u64) -> f64 {
        (delay - min) as f64 / (ceiling - min + 1) as f64 + 1e-9
    }

    #[test]
    fn the_specification_example_table() {
        // waiters.rst, "Waiter retries": minDelay 2, maxDelay 120, maxWaitTime 300, calls
        // taking no time. Each row: retry attempt, delay, remainingTime before the delay, and
        // the exponential ceiling the delay was drawn under (attemptCeiling = log2(60) + 1 ≈ 6.9).
        let rows: [(u32, u64, u64, u64); 13] = [
            (1, 2, 300, 2),
            (2, 3, 298, 4),
            (3, 6, 295, 8),
            (4, 6, 289, 16),
            (5, 22, 283, 32),
            (6, 62, 261, 64),
            (7, 43, 199, 120),
            (8, 24, 156, 120),
            (9, 71, 132, 120),
            (10, 42, 61, 120),
            (11, 9, 19, 120),
            (12, 6, 10, 120),
            // The last attempt: whatever is drawn, 4 − delay ≤ 2, so the delay is the 4 left.
            (13, 4, 4, 120),
        ];
        for (attempt, delay, remaining, ceiling) in rows {
            let random = if attempt == 13 { 0.0 } else { picking(delay, 2, ceiling) };
            let got = retry_delay(&DEFAULTS, attempt, Duration::from_secs(remaining), random);
            assert_eq!(got, Duration::from_secs(delay), "attempt {attempt}");
        }
    }

    #[test]
    fn delays_stay_between_min_and_the_ceiling() {
        for attempt in [1, 2, 3, 6, 7, 50, u32::MAX] {
            let ceiling = match attempt {
                1..=6 => 2u64 << (attempt - 1),
                _ => 120,
            };
            let low = retry_delay(&DEFAULTS, attempt, Duration::from_secs(10_000), 0.0);
            let high = retry_delay(&DEFAULTS, attempt, Duration::from_secs(10_000), 0.999_999);
            assert_eq!((low, high), (Duration::from_secs(2), Duration::from_secs(ceiling)), "attempt {attempt}");
        }
        // minDelay = maxDelay: linear backoff (waiters.rst: "a waiter will retry using linear backoff").
        let linear = WaiterInfo { min_delay: Duration::from_secs(5), max_delay: Duration::from_secs(5), ..DEFAULTS };
        for attempt in [1, 2, 9] {
            assert_eq!(retry_delay(&linear, attempt, Duration::from_secs(600), 0.7), Duration::from_secs(5));
        }
        // Never past what is left, including fractions of a second.
        let left = Duration::from_millis(2500);
        assert_eq!(retry_delay(&DEFAULTS, 3, left, 0.9), left);
    }

    /// A clock that only sleeping moves, and a sleep that records.
    #[derive(Debug, Clone, Default)]
    struct FakeTime {
        offset: Arc<Mutex<Duration>>,
        slept: Arc<Mutex<Vec<Duration>>>,
    }
    impl TimeSource for FakeTime {
        fn now(&self) -> SystemTime {
            UNIX_EPOCH + Duration::from_secs(1_700_000_000) + *self.offset.lock().unwrap()
        }
    }
    impl BlockingSleep for FakeTime {
        fn sleep(&self, duration: Duration) {
            *self.offset.lock().unwrap() += duration;
            self.slept.lock().unwrap().push(duration);
        }
    }
    #[derive(Debug)]
    struct Fixed(f64);
    impl RandomSource for Fixed {
        fn next_f64(&self) -> f64 {
            self.0
        }
    }

    fn config(time: &FakeTime, random: f64) -> Config {
        Config::builder().time_source(time.clone()).blocking_sleep(time.clone()).random(Fixed(random)).build()
    }

    /// `Ok(n)` is an output with state `n`, `Err(code)` a service error.
    fn acceptors(result: Result<&&str, &SdkError<String>>) -> Option<AcceptorState> {
        match result {
            Ok(&"ready") => Some(AcceptorState::Success),
            Ok(&"broken") => Some(AcceptorState::Failure),
            Err(SdkError::Service(code)) if code == "NotFound" => Some(AcceptorState::Retry),
            _ => None,
        }
    }

    fn run(time: &FakeTime, random: f64, max_wait: u64, answers: &[Result<&'static str, &str>]) -> (WaitResult<&'static str, String>, usize) {
        let mut answers = answers.iter().copied().map(|a| a.map_err(|e| SdkError::Service(e.to_string())));
        let mut calls = 0;
        let outcome = wait_blocking(&config(time, random), &DEFAULTS, Duration::from_secs(max_wait), || {
            calls += 1;
            answers.next().expect("an answer for every call")
        }, acceptors);
        (outcome, calls)
    }

    #[test]
    fn retries_until_success() {
        let time = FakeTime::default();
        let (outcome, calls) = run(&time, 0.5, 300, &[Err("NotFound"), Ok("creating"), Ok("ready")]);
        let poll = outcome.unwrap();
        assert_eq!((poll.output(), poll.attempts(), calls), (Some(&"ready"), 3, 3));
        // random 0.5: retry 1 draws from 2..=2, retry 2 from 2..=4 (2 + ⌊0.5 × 3⌋ = 3).
        assert_eq!(*time.slept.lock().unwrap(), [Duration::from_secs(2), Duration::from_secs(3)]);
        assert_eq!(poll.elapsed(), Duration::from_secs(5));
    }

    #[test]
    fn a_failure_acceptor_ends_the_wait() {
        let time = FakeTime::default();
        let (outcome, calls) = run(&time, 0.0, 300, &[Ok("creating"), Ok("broken")]);
        let err = outcome.unwrap_err();
        assert!(matches!(&err, WaiterError::FailureState(p) if p.output() == Some(&"broken") && p.attempts() == 2), "{err:?}");
        assert_eq!(calls, 2);
        assert!(err.to_string().contains("failure state"), "{err}");
    }

    #[test]
    fn an_error_no_acceptor_matches_ends_the_wait() {
        let time = FakeTime::default();
        let (outcome, calls) = run(&time, 0.0, 300, &[Ok("creating"), Err("AccessDenied")]);
        let err = outcome.unwrap_err();
        assert!(matches!(&err, WaiterError::OperationFailed(p) if matches!(p.error(), Some(SdkError::Service(c)) if c == "AccessDenied")));
        assert_eq!(calls, 2);
        assert!(err.to_string().contains("no acceptor matched: service error: AccessDenied"), "{err}");
    }

    #[test]
    fn the_maximum_wait_is_never_passed() {
        // minDelay 2 with random 0: 2 s per retry; at 4 s, a 2 s delay would leave 1 s of the 7
        // (≤ minDelay), so the last delay is the 3 s left, and the call at 7 s is the last.
        let time = FakeTime::default();
        let answers = [Ok("creating"); 5];
        let (outcome, calls) = run(&time, 0.0, 7, &answers);
        let err = outcome.unwrap_err();
        assert!(matches!(&err, WaiterError::ExceededMaxWait { max_wait, last } if *max_wait == Duration::from_secs(7) && last.attempts() == 4));
        assert_eq!(calls, 4);
        let slept = time.slept.lock().unwrap().clone();
        assert_eq!(slept, [2, 2, 3].map(Duration::from_secs));
        assert_eq!(slept.iter().sum::<Duration>(), Duration::from_secs(7));
    }

    #[test]
    fn one_call_even_with_no_time_to_wait() {
        let time = FakeTime::default();
        let (outcome, calls) = run(&time, 0.0, 0, &[Ok("creating")]);
        assert!(matches!(outcome, Err(WaiterError::ExceededMaxWait { .. })));
        assert_eq!((calls, time.slept.lock().unwrap().len()), (1, 0));
        let (outcome, _) = run(&time, 0.0, 0, &[Ok("ready")]);
        assert!(outcome.is_ok());
    }
}
