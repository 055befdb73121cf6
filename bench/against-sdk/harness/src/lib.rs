//! What the two programs of `cargo xtask bench --against-sdk` share, so that they measure alike,
//! and what the xtask reads back: the canned responses, the command line and the modes, the
//! counting allocator, the timing loop, the statistics and the one-line records they print.
//!
//! A program implements [`Program`] and calls [`main`]. In `--measure [--calls N]` mode it prints
//! one [`CallRecord`] line per operation, in `--first-call OP` mode one [`FirstCallRecord`] line;
//! [`parse_line`] reads either back. Without arguments it makes one checked call of each.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

// ---- the operations and their canned responses ------------------------------------------------

/// The three operations both programs call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Athena `GetSession` (awsJson1_1).
    Athena,
    /// EMR `GetStudioSessionMapping` (awsJson1_1).
    Emr,
    /// MPA `GetSession` (restJson1).
    Mpa,
}

impl Op {
    /// All three, in the order the report lists them.
    pub const ALL: [Op; 3] = [Op::Athena, Op::Emr, Op::Mpa];

    /// The short name used on the command line and in the records.
    pub fn name(self) -> &'static str {
        match self {
            Op::Athena => "athena",
            Op::Emr => "emr",
            Op::Mpa => "mpa",
        }
    }

    /// The operation of a short name.
    pub fn from_name(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.name() == name)
    }

    /// The full 200 response body the transport answers this operation with.
    pub fn body(self) -> &'static str {
        match self {
            Op::Athena => ATHENA_BODY,
            Op::Emr => EMR_BODY,
            Op::Mpa => MPA_BODY,
        }
    }

    /// The response's `Content-Type`: awsJson1_1's `application/x-amz-json-1.1`, restJson1's
    /// `application/json`.
    pub fn content_type(self) -> &'static str {
        match self {
            Op::Athena | Op::Emr => "application/x-amz-json-1.1",
            Op::Mpa => "application/json",
        }
    }

    /// The operation a request is for, from the first label of its URI's host, or of a bare host
    /// (both clients resolve the services' own endpoints for `us-east-1`).
    pub fn of_uri(uri: &str) -> Option<Op> {
        let host = uri.split_once("://").map_or(uri, |(_, rest)| rest);
        match host.split('.').next()? {
            "athena" => Some(Op::Athena),
            "elasticmapreduce" => Some(Op::Emr),
            "mpa" => Some(Op::Mpa),
            _ => None,
        }
    }
}

/// The region both programs configure.
pub const REGION: &str = "us-east-1";
/// The static credentials both programs configure (the example keys of the AWS documentation).
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
/// See [`ACCESS_KEY_ID`].
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// The `x-amzn-requestid` of every canned response.
pub const REQUEST_ID: &str = "4d1e6f2a-0b3c-4d5e-8f9a-1b2c3d4e5f60";

/// The Athena session asked for, and answered.
pub const ATHENA_SESSION_ID: &str = "9ec4c1b2-7d3a-4f0e-a8b6-2f51c9d07e3a";
/// The EMR Studio and identity asked for, and answered.
pub const EMR_STUDIO_ID: &str = "es-D8VZ8WJW6OAHH5BAT1FDSZHM6";
/// See [`EMR_STUDIO_ID`].
pub const EMR_IDENTITY_NAME: &str = "alice@example.com";
/// The MPA session asked for, and answered.
pub const MPA_SESSION_ARN: &str =
    "arn:aws:mpa:us-east-1:111122223333:approval-team/at-0a1b2c3d4e5f/session/s-6f7e8d9c0b1a";

/// A full Athena `GetSession` response: every member set, one entry in each map, the four
/// epoch-seconds timestamps with milliseconds.
pub const ATHENA_BODY: &str = concat!(
    r#"{"SessionId":"9ec4c1b2-7d3a-4f0e-a8b6-2f51c9d07e3a","#,
    r#""Description":"Nightly PySpark rollup of all clickstream events.","#,
    r#""WorkGroup":"spark-analytics-prod","#,
    r#""EngineVersion":"PySpark engine version 3","#,
    r#""EngineConfiguration":{"CoordinatorDpuSize":1,"MaxConcurrentDpus":60,"DefaultExecutorDpuSize":1,"#,
    r#""AdditionalConfigs":{"NotebookId":"b8d0f2a4-6c8e-4a0b-8d2f-4a6c8e0b2d4f"},"#,
    r#""SparkProperties":{"spark.sql.shuffle.partitions":"200"}},"#,
    r#""NotebookVersion":"1","#,
    r#""SessionConfiguration":{"#,
    r#""ExecutionRole":"arn:aws:iam::111122223333:role/service-role/AWSAthenaSparkExecutionRole","#,
    r#""WorkingDirectory":"s3://aws-athena-query-results-111122223333-us-east-1/notebooks/","#,
    r#""IdleTimeoutSeconds":1800,"#,
    r#""EncryptionConfiguration":{"EncryptionOption":"SSE_KMS","#,
    r#""KmsKey":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}},"#,
    r#""Status":{"StartDateTime":1717171717.123,"LastModifiedDateTime":1717172917.456,"#,
    r#""EndDateTime":1717176517.789,"IdleSinceDateTime":1717174717.012,"State":"TERMINATED","#,
    r#""StateChangeReason":"Session terminated after 1800 seconds idle."},"#,
    r#""Statistics":{"DpuExecutionInMillis":7265000}}"#,
);

/// A full EMR `GetStudioSessionMapping` response: every member of the mapping, the two
/// epoch-seconds timestamps one with an exponent and one an integer.
pub const EMR_BODY: &str = concat!(
    r#"{"SessionMapping":{"StudioId":"es-D8VZ8WJW6OAHH5BAT1FDSZHM6","#,
    r#""IdentityId":"9067c9b2-d0e1-4f2a-8b6c-1234567890ab","IdentityName":"alice@example.com","#,
    r#""IdentityType":"USER","#,
    r#""SessionPolicyArn":"arn:aws:iam::111122223333:policy/EMRStudioSessionPolicy","#,
    r#""CreationTime":1.591735225353E9,"LastModifiedTime":1700000000}}"#,
);

/// A full MPA `GetSession` response: all 24 members, date-time timestamps, the `MofN` union,
/// three approver responses (the last without a response time) and a two-entry metadata map.
pub const MPA_BODY: &str = concat!(
    r#"{"SessionArn":"arn:aws:mpa:us-east-1:111122223333:approval-team/at-0a1b2c3d4e5f/session/s-6f7e8d9c0b1a","#,
    r#""ApprovalTeamArn":"arn:aws:mpa:us-east-1:111122223333:approval-team/at-0a1b2c3d4e5f","#,
    r#""ApprovalTeamName":"production-break-glass","#,
    r#""ProtectedResourceArn":"arn:aws:backup:us-east-1:111122223333:backup-vault:prod-logically-air-gapped-vault","#,
    r#""ApprovalStrategy":{"MofN":{"MinApprovalsRequired":2}},"#,
    r#""NumberOfApprovers":3,"#,
    r#""InitiationTime":"2025-06-01T09:15:30.123Z","#,
    r#""ExpirationTime":"2025-06-08T09:15:30.123Z","#,
    r#""CompletionTime":"2025-06-01T10:02:11.456Z","#,
    r#""Description":"Restore of the orders database recovery point requested by the on-call engineer","#,
    r#""Metadata":{"ticket":"OPS-48213","environment":"production"},"#,
    r#""Status":"APPROVED","#,
    r#""StatusCode":"CONFIGURATION_CHANGED","#,
    r#""StatusMessage":"The session was approved by 2 of 3 approvers","#,
    r#""ExecutionStatus":"EXECUTED","#,
    r#""ActionName":"StartRestoreJob","#,
    r#""RequesterServicePrincipal":"backup.amazonaws.com","#,
    r#""RequesterPrincipalArn":"arn:aws:iam::111122223333:role/OnCallEngineer","#,
    r#""RequesterAccountId":"111122223333","#,
    r#""RequesterRegion":"us-east-1","#,
    r#""RequesterComment":"Restoring orders-db to 2025-05-31T23:00Z after the bad migration","#,
    r#""ActionCompletionStrategy":"AUTO_COMPLETION_UPON_APPROVAL","#,
    r#""ApproverResponses":["#,
    r#"{"ApproverId":"ap-1a2b3c4d","IdentitySourceArn":"arn:aws:mpa:us-east-1:111122223333:identity-source/is-9f8e7d6c","#,
    r#""IdentityId":"a1b2c3d4-5678-90ab-cdef-111111111111","Response":"APPROVED","ResponseTime":"2025-06-01T09:40:02.001Z"},"#,
    r#"{"ApproverId":"ap-5e6f7a8b","IdentitySourceArn":"arn:aws:mpa:us-east-1:111122223333:identity-source/is-9f8e7d6c","#,
    r#""IdentityId":"a1b2c3d4-5678-90ab-cdef-222222222222","Response":"APPROVED","ResponseTime":"2025-06-01T10:02:11.456Z"},"#,
    r#"{"ApproverId":"ap-9c0d1e2f","IdentitySourceArn":"arn:aws:mpa:us-east-1:111122223333:identity-source/is-9f8e7d6c","#,
    r#""IdentityId":"a1b2c3d4-5678-90ab-cdef-333333333333","Response":"NO_RESPONSE"}],"#,
    r#""AdditionalSecurityRequirements":["APPROVER_VERIFICATION_REQUIRED"]}"#,
);

// ---- the programs ---------------------------------------------------------------------------------

/// One side of the comparison: a client stack whose calls never leave the process.
pub trait Program: Sized {
    /// Builds the async runtime, the configuration (region, static credentials, the canned
    /// transport) and the clients of `ops`.
    fn new(ops: &[Op]) -> Self;

    /// One call of `op` through the client (of those built), panicking unless the output
    /// holds the canned response's identifying member.
    fn call(&self, op: Op);

    /// One call of `op`, panicking unless several members of the output, nested ones
    /// included, hold the canned response's values.
    fn check(&self, op: Op);
}

/// What a program was asked to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// One checked call of each operation.
    Check,
    /// Per-call figures of each operation over this many calls.
    Measure {
        /// Timed calls per operation.
        calls: usize,
    },
    /// One fresh call of this operation.
    FirstCall(Op),
}

/// Timed calls per operation unless `--calls` says otherwise.
pub const DEFAULT_CALLS: usize = 20_000;

/// The usage line of both programs.
pub const USAGE: &str = "usage: PROGRAM [--measure [--calls N] | --first-call athena|emr|mpa]";

/// Reads a program's arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Mode, String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => Ok(Mode::Check),
        ["--measure"] => Ok(Mode::Measure { calls: DEFAULT_CALLS }),
        ["--measure", "--calls", n] => match n.parse() {
            Ok(calls) if calls > 0 => Ok(Mode::Measure { calls }),
            _ => Err(format!("--calls takes a positive number, not `{n}`")),
        },
        ["--first-call", op] => Op::from_name(op).map(Mode::FirstCall).ok_or_else(|| format!("no operation `{op}`")),
        _ => Err(USAGE.to_string()),
    }
}

/// A program's `main`: reads the arguments, does what they ask and prints the records.
pub fn main<P: Program>() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match parse_args(&args) {
        Ok(mode) => mode,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    match mode {
        Mode::Check => {
            let program = P::new(&Op::ALL);
            for op in Op::ALL {
                program.check(op);
                println!("{}: ok", op.name());
            }
        }
        Mode::Measure { calls } => {
            let program = P::new(&Op::ALL);
            for op in Op::ALL {
                program.check(op);
                println!("{}", measure_calls(op.name(), calls, || program.call(op)));
            }
        }
        Mode::FirstCall(op) => {
            let start = Instant::now();
            start_counting();
            let program = P::new(&[op]);
            program.call(op);
            let (allocs, _) = stop_counting();
            let ns = start.elapsed().as_nanos() as f64;
            program.check(op);
            println!("{}", FirstCallRecord { op: op.name().to_string(), ns, allocs });
        }
    }
    std::process::ExitCode::SUCCESS
}

// ---- a counting allocator -----------------------------------------------------------------

/// `System`, counting allocations (`alloc`, `alloc_zeroed` and `realloc` calls) and the bytes
/// they ask for while counting is on (see [`count_allocations`]). A program installs it with
/// `#[global_allocator] static GLOBAL: CountingAlloc = CountingAlloc;`.
pub struct CountingAlloc;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

impl CountingAlloc {
    fn count(size: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(size as u64, Ordering::Relaxed);
        }
    }
}

// SAFETY: every call is forwarded unchanged to `System`; counting touches only atomics.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::count(layout.size());
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we pass on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::count(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` (every allocation goes through it) with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::count(new_size);
        // SAFETY: as for `dealloc`; the caller upholds `realloc`'s contract on `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Starts counting from zero; [`stop_counting`] returns the allocations and bytes since.
/// Counting is off while timing, where it costs one relaxed load per allocation.
pub fn start_counting() {
    ALLOCS.store(0, Ordering::SeqCst);
    BYTES.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
}

/// Stops counting: `(allocations, bytes)` since [`start_counting`].
pub fn stop_counting() -> (u64, u64) {
    COUNTING.store(false, Ordering::SeqCst);
    (ALLOCS.load(Ordering::SeqCst), BYTES.load(Ordering::SeqCst))
}

/// Runs `f` `runs` times with counting on: `(allocations, bytes)` per run (zero runs: zeros).
pub fn count_allocations(runs: u32, mut f: impl FnMut()) -> (f64, f64) {
    start_counting();
    for _ in 0..runs {
        f();
    }
    let (allocs, bytes) = stop_counting();
    let runs = f64::from(runs.max(1));
    (allocs as f64 / runs, bytes as f64 / runs)
}

// ---- statistics -----------------------------------------------------------------------------

/// The median of sorted samples: the middle one, or the mean of the two middle ones. `None`
/// for no samples.
pub fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The `p`th percentile (0 < `p` ≤ 100) of sorted samples by the nearest-rank method: the
/// smallest sample such that at least `p` percent of the samples are at or below it. `None` for
/// no samples or a `p` out of range.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(p > 0.0 && p <= 100.0) {
        return None;
    }
    // The rank is computed on integers so that, say, 99% of 100 samples is rank 99 exactly.
    let n = sorted.len() as u128;
    let per_million = (p * 10_000.0).round() as u128;
    let rank = (per_million * n).div_ceil(1_000_000).max(1) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

/// Sorts `samples` (NaN last) and returns `(median, p99)`, or `None` for no samples.
pub fn median_p99(samples: &mut [f64]) -> Option<(f64, f64)> {
    samples.sort_by(f64::total_cmp);
    Some((median(samples)?, percentile(samples, 99.0)?))
}

// ---- measuring --------------------------------------------------------------------------------

/// Calls whose allocations are counted, after the timed ones.
pub const ALLOC_CALLS: u32 = 1_000;

/// Times `calls` calls of `call` one by one, after a warm-up of a tenth as many (at least 100),
/// then counts the allocations of [`ALLOC_CALLS`] more.
pub fn measure_calls(op: &str, calls: usize, mut call: impl FnMut()) -> CallRecord {
    for _ in 0..(calls / 10).max(100) {
        call();
    }
    let mut samples: Vec<f64> = Vec::with_capacity(calls);
    for _ in 0..calls.max(1) {
        let start = Instant::now();
        call();
        samples.push(start.elapsed().as_nanos() as f64);
    }
    let (median_ns, p99_ns) = median_p99(&mut samples).unwrap_or_default();
    let (allocs_per_call, bytes_per_call) = count_allocations(ALLOC_CALLS, &mut call);
    CallRecord { op: op.to_string(), calls: samples.len(), median_ns, p99_ns, allocs_per_call, bytes_per_call }
}

// ---- the records --------------------------------------------------------------------------------

/// Per-call figures of one operation: `call op=athena calls=20000 median_ns=.. p99_ns=..
/// allocs=.. bytes=..`.
#[derive(Clone, Debug, PartialEq)]
pub struct CallRecord {
    /// The operation's short name (`athena`, `emr`, `mpa`).
    pub op: String,
    /// How many calls were timed.
    pub calls: usize,
    /// The median time per call, in nanoseconds.
    pub median_ns: f64,
    /// The 99th percentile of the time per call, in nanoseconds.
    pub p99_ns: f64,
    /// Allocations per call.
    pub allocs_per_call: f64,
    /// Bytes allocated per call.
    pub bytes_per_call: f64,
}

/// One fresh process's first call: `first op=athena ns=.. allocs=..`, the time and the
/// allocations from before the runtime, the configuration and the client are built (the first
/// thing `main` does after reading its arguments) to the end of the first call.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstCallRecord {
    /// The operation's short name.
    pub op: String,
    /// Nanoseconds from before the runtime and configuration are built to the end of the first call.
    pub ns: f64,
    /// Allocations over the same span.
    pub allocs: u64,
}

/// A line a program printed.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    /// From `--measure`.
    Call(CallRecord),
    /// From `--first-call`.
    FirstCall(FirstCallRecord),
}

impl fmt::Display for CallRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "call op={} calls={} median_ns={:.0} p99_ns={:.0} allocs={:.2} bytes={:.1}",
            self.op, self.calls, self.median_ns, self.p99_ns, self.allocs_per_call, self.bytes_per_call
        )
    }
}

impl fmt::Display for FirstCallRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "first op={} ns={:.0} allocs={}", self.op, self.ns, self.allocs)
    }
}

/// Reads a line printed by a program: `Ok(None)` for a line that is no record (a program may
/// print other lines), an error for a record line that is malformed.
pub fn parse_line(line: &str) -> Result<Option<Record>, String> {
    let mut words = line.split_whitespace();
    let kind = match words.next() {
        Some(kind @ ("call" | "first")) => kind,
        _ => return Ok(None),
    };
    let mut fields: Vec<(&str, &str)> = Vec::new();
    for word in words {
        let (key, value) = word.split_once('=').ok_or_else(|| format!("`{word}` is not key=value in `{line}`"))?;
        if fields.iter().any(|(k, _)| *k == key) {
            return Err(format!("`{key}` twice in `{line}`"));
        }
        fields.push((key, value));
    }
    let text = |key: &str| {
        fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).ok_or_else(|| format!("no `{key}` in `{line}`"))
    };
    let number = |key: &str| -> Result<f64, String> {
        let value = text(key)?;
        match value.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
            _ => Err(format!("`{key}={value}` is not a number in `{line}`")),
        }
    };
    let count = |key: &str| -> Result<u64, String> {
        let value = text(key)?;
        value.parse().map_err(|_| format!("`{key}={value}` is not a count in `{line}`"))
    };
    let op = text("op")?.to_string();
    let record = if kind == "call" {
        Record::Call(CallRecord {
            op,
            calls: count("calls")? as usize,
            median_ns: number("median_ns")?,
            p99_ns: number("p99_ns")?,
            allocs_per_call: number("allocs")?,
            bytes_per_call: number("bytes")?,
        })
    } else {
        Record::FirstCall(FirstCallRecord { op, ns: number("ns")?, allocs: count("allocs")? })
    };
    Ok(Some(record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_by_host_and_name() {
        assert_eq!(Op::of_uri("https://athena.us-east-1.amazonaws.com/"), Some(Op::Athena));
        assert_eq!(Op::of_uri("https://elasticmapreduce.us-east-1.amazonaws.com"), Some(Op::Emr));
        assert_eq!(Op::of_uri("https://mpa.us-east-1.api.aws/sessions/arn%3Aaws"), Some(Op::Mpa));
        assert_eq!(Op::of_uri("mpa.us-east-1.api.aws"), Some(Op::Mpa));
        assert_eq!(Op::of_uri("https://s3.amazonaws.com/"), None);
        assert_eq!(Op::of_uri(""), None);
        for op in Op::ALL {
            assert_eq!(Op::from_name(op.name()), Some(op));
        }
        assert_eq!(Op::from_name("s3"), None);
    }

    #[test]
    fn program_arguments() {
        let args = |a: &[&str]| parse_args(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(args(&[]), Ok(Mode::Check));
        assert_eq!(args(&["--measure"]), Ok(Mode::Measure { calls: 20_000 }));
        assert_eq!(args(&["--measure", "--calls", "50"]), Ok(Mode::Measure { calls: 50 }));
        assert_eq!(args(&["--first-call", "emr"]), Ok(Mode::FirstCall(Op::Emr)));
        assert!(args(&["--measure", "--calls", "0"]).is_err());
        assert!(args(&["--measure", "--calls", "x"]).is_err());
        assert!(args(&["--first-call", "s3"]).is_err());
        assert!(args(&["--first-call"]).is_err());
        assert!(args(&["--bogus"]).is_err());
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[1.0, 2.0, 9.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 9.0]), Some(3.0));
    }

    #[test]
    fn nearest_rank_percentiles() {
        // The nearest-rank examples of the Wikipedia article "Percentile": 15, 20, 35, 40, 50.
        let five = [15.0, 20.0, 35.0, 40.0, 50.0];
        assert_eq!(percentile(&five, 5.0), Some(15.0));
        assert_eq!(percentile(&five, 30.0), Some(20.0));
        assert_eq!(percentile(&five, 40.0), Some(20.0));
        assert_eq!(percentile(&five, 50.0), Some(35.0));
        assert_eq!(percentile(&five, 100.0), Some(50.0));
        // 1..=100: the 99th percentile is 99, not 100 (no float rounding up of 0.99 * 100).
        let hundred: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&hundred, 99.0), Some(99.0));
        // 1..=20000: rank 19800.
        let many: Vec<f64> = (1..=20_000).map(f64::from).collect();
        assert_eq!(percentile(&many, 99.0), Some(19_800.0));
        assert_eq!(percentile(&[], 99.0), None);
        assert_eq!(percentile(&five, 0.0), None);
        assert_eq!(percentile(&five, 100.5), None);
        assert_eq!(percentile(&five, f64::NAN), None);
    }

    #[test]
    fn median_p99_sorts_first() {
        let mut samples: Vec<f64> = (1..=200).rev().map(f64::from).collect();
        assert_eq!(median_p99(&mut samples), Some((100.5, 198.0)));
        assert_eq!(median_p99(&mut []), None);
    }

    #[test]
    fn records_read_back_what_they_print() {
        let call = CallRecord {
            op: "athena".into(),
            calls: 20_000,
            median_ns: 12_345.0,
            p99_ns: 45_678.0,
            allocs_per_call: 85.5,
            bytes_per_call: 10_240.25,
        };
        let line = call.to_string();
        assert_eq!(line, "call op=athena calls=20000 median_ns=12345 p99_ns=45678 allocs=85.50 bytes=10240.2");
        let read = parse_line(&line).unwrap().unwrap();
        assert_eq!(read, Record::Call(CallRecord { bytes_per_call: 10_240.2, ..call }));
        let first = FirstCallRecord { op: "mpa".into(), ns: 2_500_000.0, allocs: 1234 };
        assert_eq!(first.to_string(), "first op=mpa ns=2500000 allocs=1234");
        assert_eq!(parse_line(&first.to_string()).unwrap(), Some(Record::FirstCall(first)));
    }

    #[test]
    fn other_lines_are_skipped_and_bad_records_are_errors() {
        assert_eq!(parse_line(""), Ok(None));
        assert_eq!(parse_line("warming up"), Ok(None));
        assert_eq!(parse_line("called op=x"), Ok(None));
        for bad in [
            "first op=mpa ns=12",
            "first op=mpa ns=-1 allocs=3",
            "first op=mpa ns=inf allocs=3",
            "first op=mpa ns=1 allocs=3.5",
            "first op=mpa ns=1 ns=2 allocs=3",
            "first op=mpa ns allocs=3",
            "call op=a calls=1 median_ns=1 p99_ns=x allocs=1 bytes=1",
        ] {
            assert!(parse_line(bad).is_err(), "{bad}");
        }
    }
}
