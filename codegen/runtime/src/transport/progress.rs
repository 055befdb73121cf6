//! What bounds an exchange (a request written, its response read) once it has a connection: the
//! attempt's deadline, the read timeout and stalled-stream protection. Both default clients tell
//! it every byte they move and ask it how long they may wait for the next.

use super::{StalledStreamProtection, TransportError, TransportSettings};
use std::fmt;
use std::time::{Duration, Instant};

/// The shortest measurement window: a zero window would measure nothing.
const MIN_WINDOW: Duration = Duration::from_millis(1);

/// The progress of one exchange.
#[derive(Debug, Clone)]
pub(super) struct Progress {
    deadline: Option<Instant>,
    read_timeout: Option<Duration>,
    /// When a byte last moved, or the exchange began.
    last_progress: Instant,
    stall: Option<StallMeter>,
}

/// Why an exchange must stop: each is a [`TransportErrorKind::Timeout`](super::TransportErrorKind::Timeout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expired {
    /// The attempt's deadline passed.
    Deadline,
    /// Nothing moved for the read timeout.
    ReadTimeout(Duration),
    /// The bytes moved slower than stalled-stream protection accepts, for its grace period.
    Stalled(StalledStreamProtection),
}

impl Progress {
    /// An exchange starting at `now`.
    pub(super) fn start(settings: &TransportSettings, now: Instant) -> Progress {
        Progress {
            deadline: settings.deadline,
            read_timeout: settings.read_timeout,
            last_progress: now,
            stall: settings.stalled_stream.map(|protection| StallMeter::new(protection, now)),
        }
    }

    /// `bytes` moved (either way) at `now`.
    pub(super) fn record(&mut self, bytes: usize, now: Instant) {
        if let Some(stall) = &mut self.stall {
            stall.record(bytes as u64, now);
        }
        if bytes > 0 {
            self.last_progress = now;
        }
    }

    /// Whether the exchange may go on at `now`.
    pub(super) fn check(&mut self, now: Instant) -> Result<(), Expired> {
        if let Some(stall) = &mut self.stall {
            stall.advance(now);
        }
        if self.deadline.is_some_and(|deadline| now >= deadline) {
            return Err(Expired::Deadline);
        }
        if let Some(timeout) = self.read_timeout {
            if now.saturating_duration_since(self.last_progress) >= timeout {
                return Err(Expired::ReadTimeout(timeout));
            }
        }
        match &self.stall {
            Some(stall) if stall.stalled() => Err(Expired::Stalled(stall.protection)),
            _ => Ok(()),
        }
    }

    /// When [`Progress::check`] may fail next if nothing moves until then (`None`: never).
    pub(super) fn next_check(&self) -> Option<Instant> {
        let read_timeout = self.read_timeout.and_then(|timeout| self.last_progress.checked_add(timeout));
        let stall = self.stall.as_ref().and_then(StallMeter::fails_at);
        [self.deadline, read_timeout, stall].into_iter().flatten().min()
    }
}

impl Expired {
    /// The error of an exchange stopped while doing `what`.
    pub(super) fn error(self, what: &str) -> TransportError {
        TransportError::timeout(format!("{what}: {self}"))
    }
}

impl fmt::Display for Expired {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expired::Deadline => f.write_str("the attempt's deadline passed"),
            Expired::ReadTimeout(after) => write!(f, "no progress within the read timeout of {after:?}"),
            Expired::Stalled(p) => write!(
                f,
                "stalled: under {} bytes/s for {:?} (stalled-stream protection, measured every {:?})",
                p.min_bytes_per_sec, p.grace, p.window
            ),
        }
    }
}

impl std::error::Error for Expired {}

/// The throughput of an exchange, window by window: a window is slow when fewer than
/// `min_bytes_per_sec` × its length moved in it, and the exchange stalls once a run of slow
/// windows lasts the grace period.
#[derive(Debug, Clone)]
struct StallMeter {
    protection: StalledStreamProtection,
    /// The start of the window being measured, and what moved in it so far.
    window_start: Instant,
    window_bytes: u64,
    /// The start of the run of slow windows that includes the last one ended, if it was slow.
    slow_since: Option<Instant>,
}

impl StallMeter {
    fn new(mut protection: StalledStreamProtection, now: Instant) -> StallMeter {
        protection.window = protection.window.max(MIN_WINDOW);
        StallMeter { protection, window_start: now, window_bytes: 0, slow_since: None }
    }

    fn record(&mut self, bytes: u64, now: Instant) {
        self.advance(now);
        self.window_bytes = self.window_bytes.saturating_add(bytes);
    }

    /// Ends the windows over by `now`: the current one with what moved in it, any later ones empty.
    fn advance(&mut self, now: Instant) {
        let window = self.protection.window.as_nanos();
        let ended = now.saturating_duration_since(self.window_start).as_nanos() / window;
        if ended == 0 {
            return;
        }
        if self.is_slow(self.window_bytes) {
            self.slow_since.get_or_insert(self.window_start);
        } else {
            self.slow_since = None;
        }
        if ended > 1 && self.is_slow(0) {
            self.slow_since.get_or_insert(self.window_start + self.protection.window);
        }
        // At most the time elapsed since `window_start`, so it fits and cannot overflow.
        let span = Duration::from_nanos(u64::try_from(ended * window).unwrap_or(u64::MAX));
        self.window_start = self.window_start.checked_add(span).unwrap_or(now);
        self.window_bytes = 0;
    }

    /// Whether a window in which `bytes` moved is under the minimum rate:
    /// `bytes / window < min_bytes_per_sec`, in integers.
    fn is_slow(&self, bytes: u64) -> bool {
        let minimum = u128::from(self.protection.min_bytes_per_sec) * self.protection.window.as_nanos();
        u128::from(bytes) * 1_000_000_000 < minimum
    }

    /// The length of a slow run that stalls: the grace period, rounded up to whole windows (at
    /// least one), since a window is judged once it is over.
    fn run_to_stall(&self) -> Option<Duration> {
        let window = self.protection.window.as_nanos();
        let windows = self.protection.grace.as_nanos().div_ceil(window).max(1);
        u64::try_from(windows * window).ok().map(Duration::from_nanos)
    }

    /// Whether the slow windows that ended so far last the grace period.
    fn stalled(&self) -> bool {
        match (self.slow_since, self.run_to_stall()) {
            (Some(since), Some(run)) => self.window_start.saturating_duration_since(since) >= run,
            _ => false,
        }
    }

    /// When the exchange stalls if nothing more moves (`None`: it cannot).
    fn fails_at(&self) -> Option<Instant> {
        let since = match self.slow_since {
            Some(since) => since,
            None if self.is_slow(self.window_bytes) => self.window_start,
            None if self.is_slow(0) => self.window_start.checked_add(self.protection.window)?,
            None => return None,
        };
        since.checked_add(self.run_to_stall()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn settings(protection: StalledStreamProtection) -> TransportSettings {
        TransportSettings { stalled_stream: Some(protection), ..TransportSettings::default() }
    }

    const TEN_A_SECOND: StalledStreamProtection =
        StalledStreamProtection { min_bytes_per_sec: 10, window: Duration::from_secs(1), grace: Duration::from_secs(3) };

    #[test]
    fn silence_stalls_after_the_grace_period() {
        let t0 = Instant::now();
        let mut p = Progress::start(&settings(TEN_A_SECOND), t0);
        // The first window is slow from its start: the run reaches 3 s at the end of the third.
        assert_eq!(p.next_check(), Some(t0 + ms(3000)));
        assert_eq!(p.check(t0 + ms(2999)), Ok(()));
        assert_eq!(p.check(t0 + ms(3000)), Err(Expired::Stalled(TEN_A_SECOND)));
    }

    #[test]
    fn a_window_at_the_rate_restarts_the_count() {
        let t0 = Instant::now();
        let mut p = Progress::start(&settings(TEN_A_SECOND), t0);
        p.record(10, t0 + ms(500));
        // Window [0, 1) moved 10 bytes: not slow; [1, 2), [2, 3), [3, 4) are: stalled at 4 s.
        assert_eq!(p.next_check(), Some(t0 + ms(4000)));
        assert_eq!(p.check(t0 + ms(3999)), Ok(()));
        // 9 bytes in [1, 2) are under 10 bytes/s: that window is slow too.
        let mut p = Progress::start(&settings(TEN_A_SECOND), t0);
        p.record(10, t0 + ms(500));
        p.record(9, t0 + ms(1500));
        assert_eq!(p.check(t0 + ms(3999)), Ok(()));
        assert_eq!(p.check(t0 + ms(4000)), Err(Expired::Stalled(TEN_A_SECOND)));
        // Bytes in the last window before the end save the exchange: only ended windows count.
        let mut p = Progress::start(&settings(TEN_A_SECOND), t0);
        p.record(50, t0 + ms(2900));
        assert_eq!(p.check(t0 + ms(3000)), Ok(()));
        assert_eq!(p.next_check(), Some(t0 + ms(6000)));
    }

    #[test]
    fn a_steady_trickle_at_the_rate_never_stalls() {
        let t0 = Instant::now();
        let mut p = Progress::start(&settings(TEN_A_SECOND), t0);
        for tenth in 1..100 {
            p.record(1, t0 + ms(100 * tenth));
            assert_eq!(p.check(t0 + ms(100 * tenth)), Ok(()), "at {tenth}/10 s");
        }
    }

    #[test]
    fn grace_rounds_up_to_whole_windows_and_zero_rates_never_stall() {
        let t0 = Instant::now();
        let protection = StalledStreamProtection { min_bytes_per_sec: 1, window: ms(40), grace: ms(50) };
        let mut p = Progress::start(&settings(protection), t0);
        p.record(100, t0);
        // [0, 40) is not slow; the run starts at 40 and needs two windows: 120.
        assert_eq!(p.next_check(), Some(t0 + ms(120)));
        assert_eq!(p.check(t0 + ms(119)), Ok(()));
        assert!(p.check(t0 + ms(120)).is_err());
        let off = StalledStreamProtection { min_bytes_per_sec: 0, ..protection };
        let mut p = Progress::start(&settings(off), t0);
        assert_eq!(p.next_check(), None);
        assert_eq!(p.check(t0 + Duration::from_secs(3600)), Ok(()));
        // Huge durations do not overflow.
        let forever = StalledStreamProtection { min_bytes_per_sec: u64::MAX, window: Duration::MAX, grace: Duration::MAX };
        let mut p = Progress::start(&settings(forever), t0);
        assert_eq!(p.check(t0 + Duration::from_secs(3600)), Ok(()));
        let zero = StalledStreamProtection { min_bytes_per_sec: 1, window: Duration::ZERO, grace: Duration::ZERO };
        let mut p = Progress::start(&settings(zero), t0);
        assert!(p.check(t0 + ms(1)).is_err(), "a zero window is 1 ms");
    }

    #[test]
    fn deadline_and_read_timeout() {
        let t0 = Instant::now();
        let settings = TransportSettings {
            deadline: Some(t0 + ms(500)),
            read_timeout: Some(ms(200)),
            stalled_stream: None,
            ..TransportSettings::default()
        };
        let mut p = Progress::start(&settings, t0);
        assert_eq!(p.next_check(), Some(t0 + ms(200)));
        p.record(1, t0 + ms(150));
        assert_eq!(p.next_check(), Some(t0 + ms(350)));
        assert_eq!(p.check(t0 + ms(349)), Ok(()));
        assert_eq!(p.check(t0 + ms(350)), Err(Expired::ReadTimeout(ms(200))));
        p.record(1, t0 + ms(400));
        assert_eq!(p.next_check(), Some(t0 + ms(500)));
        assert_eq!(p.check(t0 + ms(500)), Err(Expired::Deadline));
        let error = Expired::Deadline.error("reading the response");
        assert_eq!(error.to_string(), "timed out: reading the response: the attempt's deadline passed");
        assert!(error.is_transient());
        let none = TransportSettings { stalled_stream: None, ..TransportSettings::default() };
        assert_eq!(Progress::start(&none, t0).next_check(), None);
    }
}
