//! Response-parsing benchmark: the generated sans-IO `parse_response` of Athena `GetSession`
//! (awsJson1_1) and MPA `GetSession` (restJson1) against `serde_json` with derived structs
//! holding the same members (the baseline).
//!
//! `cargo run --release -p bench` prints, per case, the median (and fastest) time per parse over
//! several batches, and the allocations and bytes allocated per parse, counted by a wrapping
//! global allocator. Each timed parse includes dropping its output.
//!
//! A second table times one whole client call, Athena `GetSession` through
//! `Client::get_session().send()` on a Tokio current-thread runtime (`block_on` per call), with
//! static credentials and an in-memory `HttpClient` that answers at once with a canned 200 and
//! the same full body: endpoint resolution, serialization, signing, retry bookkeeping and
//! parsing, without the network. Its pieces are timed alone below it.
//!
//! `cargo run --release -p bench -- --loop CASE N` only runs one case (`athena-generated`,
//! `athena-serde`, `mpa-generated`, `mpa-serde`, `athena-call`) N times, for a profiler.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use aws_lite::athena::operation::get_session::{
    serialize_request, GetSessionInput, GetSessionOutput,
};
use aws_lite::config::{
    BoxFuture, Config, Credentials, HttpClient, HttpResponse, TransportSettings,
};
use aws_lite::error::TransportError;
use http::HeaderMap;

// ---- a counting allocator -----------------------------------------------------------------

/// `System`, counting allocations (`alloc`, `alloc_zeroed` and `realloc` calls) and the bytes
/// they ask for while [`COUNTING`] is on. Counting is off while timing, so the atomics cost
/// nothing there but one relaxed load.
struct CountingAlloc;

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

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

// ---- the bodies ---------------------------------------------------------------------------

/// A full Athena `GetSession` response: every member set, one entry in each map, the four
/// epoch-seconds timestamps with milliseconds.
const ATHENA_BODY: &str = concat!(
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

/// A full MPA `GetSession` response: all 24 members, date-time timestamps, the `MofN` union,
/// three approver responses (the last without a response time) and a two-entry metadata map.
const MPA_BODY: &str = concat!(
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

// ---- the serde baseline -------------------------------------------------------------------

/// Hand-written equivalents of the outputs for `serde_json`'s derive: `Option` members,
/// `HashMap<String, String>` maps, enums as `String`, epoch-seconds timestamps as `f64` and
/// date-time timestamps as `String`, the union as a struct with an optional member.
#[allow(dead_code, reason = "the benchmark reads only a few members back")]
mod serde_model {
    use serde::Deserialize;
    use std::collections::HashMap;

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct AthenaGetSessionOutput {
        pub session_id: Option<String>,
        pub description: Option<String>,
        pub work_group: Option<String>,
        pub engine_version: Option<String>,
        pub engine_configuration: Option<EngineConfiguration>,
        pub notebook_version: Option<String>,
        pub session_configuration: Option<SessionConfiguration>,
        pub status: Option<SessionStatus>,
        pub statistics: Option<SessionStatistics>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct EngineConfiguration {
        pub coordinator_dpu_size: Option<i32>,
        pub max_concurrent_dpus: Option<i32>,
        pub default_executor_dpu_size: Option<i32>,
        pub additional_configs: Option<HashMap<String, String>>,
        pub spark_properties: Option<HashMap<String, String>>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct SessionConfiguration {
        pub execution_role: Option<String>,
        pub working_directory: Option<String>,
        pub idle_timeout_seconds: Option<i64>,
        pub encryption_configuration: Option<EncryptionConfiguration>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct EncryptionConfiguration {
        pub encryption_option: Option<String>,
        pub kms_key: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct SessionStatus {
        pub start_date_time: Option<f64>,
        pub last_modified_date_time: Option<f64>,
        pub end_date_time: Option<f64>,
        pub idle_since_date_time: Option<f64>,
        pub state: Option<String>,
        pub state_change_reason: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct SessionStatistics {
        pub dpu_execution_in_millis: Option<i64>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct MpaGetSessionOutput {
        pub session_arn: Option<String>,
        pub approval_team_arn: Option<String>,
        pub approval_team_name: Option<String>,
        pub protected_resource_arn: Option<String>,
        pub approval_strategy: Option<ApprovalStrategyResponse>,
        pub number_of_approvers: Option<i32>,
        pub initiation_time: Option<String>,
        pub expiration_time: Option<String>,
        pub completion_time: Option<String>,
        pub description: Option<String>,
        pub metadata: Option<HashMap<String, String>>,
        pub status: Option<String>,
        pub status_code: Option<String>,
        pub status_message: Option<String>,
        pub execution_status: Option<String>,
        pub action_name: Option<String>,
        pub requester_service_principal: Option<String>,
        pub requester_principal_arn: Option<String>,
        pub requester_account_id: Option<String>,
        pub requester_region: Option<String>,
        pub requester_comment: Option<String>,
        pub action_completion_strategy: Option<String>,
        pub approver_responses: Option<Vec<ApproverResponse>>,
        pub additional_security_requirements: Option<Vec<String>>,
    }

    #[derive(Deserialize)]
    pub struct ApprovalStrategyResponse {
        #[serde(rename = "MofN")]
        pub mof_n: Option<MofNApprovalStrategy>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct MofNApprovalStrategy {
        pub min_approvals_required: Option<i32>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct ApproverResponse {
        pub approver_id: Option<String>,
        pub identity_source_arn: Option<String>,
        pub identity_id: Option<String>,
        pub response: Option<String>,
        pub response_time: Option<String>,
    }
}

// ---- the parsers under test ---------------------------------------------------------------

fn athena_generated(
    headers: &HeaderMap,
    body: &[u8],
) -> aws_lite::athena::operation::get_session::GetSessionOutput {
    aws_lite::athena::operation::get_session::parse_response(200, headers, body)
        .expect("athena body parses")
}

fn athena_serde(body: &[u8]) -> serde_model::AthenaGetSessionOutput {
    serde_json::from_slice(body).expect("athena body parses with serde")
}

fn mpa_generated(
    headers: &HeaderMap,
    body: &[u8],
) -> aws_lite::mpa::operation::get_session::GetSessionOutput {
    aws_lite::mpa::operation::get_session::parse_response(200, headers, body)
        .expect("mpa body parses")
}

fn mpa_serde(body: &[u8]) -> serde_model::MpaGetSessionOutput {
    serde_json::from_slice(body).expect("mpa body parses with serde")
}

/// Both parsers read the same values, so each measures the real work.
fn sanity_checks(headers: &HeaderMap) {
    let g = athena_generated(headers, ATHENA_BODY.as_bytes());
    let s = athena_serde(ATHENA_BODY.as_bytes());
    assert_eq!(g.session_id(), s.session_id.as_deref());
    assert_eq!(g.session_id(), Some("9ec4c1b2-7d3a-4f0e-a8b6-2f51c9d07e3a"));
    let (g_status, s_status) = (g.status().unwrap(), s.status.as_ref().unwrap());
    assert_eq!(
        g_status.state().map(|v| v.as_str()),
        s_status.state.as_deref()
    );
    assert_eq!(
        g_status.state_change_reason(),
        s_status.state_change_reason.as_deref()
    );
    let g_start = g_status.start_date_time().unwrap().to_millis().unwrap();
    assert_eq!(
        g_start,
        (s_status.start_date_time.unwrap() * 1000.0).round() as i64
    );
    let (g_engine, s_engine) = (
        g.engine_configuration().unwrap(),
        s.engine_configuration.as_ref().unwrap(),
    );
    assert_eq!(
        g_engine.spark_properties(),
        s_engine.spark_properties.as_ref()
    );
    assert_eq!(
        g_engine.additional_configs(),
        s_engine.additional_configs.as_ref()
    );
    let g_kms = g
        .session_configuration()
        .and_then(|c| c.encryption_configuration())
        .and_then(|e| e.kms_key());
    let s_kms = s
        .session_configuration
        .as_ref()
        .and_then(|c| c.encryption_configuration.as_ref());
    assert_eq!(g_kms, s_kms.and_then(|e| e.kms_key.as_deref()));
    assert_eq!(
        g.statistics().and_then(|v| v.dpu_execution_in_millis()),
        s.statistics
            .as_ref()
            .and_then(|v| v.dpu_execution_in_millis)
    );

    let g = mpa_generated(headers, MPA_BODY.as_bytes());
    let s = mpa_serde(MPA_BODY.as_bytes());
    assert_eq!(g.session_arn(), s.session_arn.as_deref());
    assert_eq!(g.requester_comment(), s.requester_comment.as_deref());
    assert_eq!(g.metadata(), s.metadata.as_ref());
    assert_eq!(
        g.initiation_time().unwrap().to_millis().unwrap(),
        1_748_769_330_123
    );
    assert_eq!(
        s.initiation_time.as_deref(),
        Some("2025-06-01T09:15:30.123Z")
    );
    let g_m = g
        .approval_strategy()
        .unwrap()
        .as_mof_n()
        .unwrap()
        .min_approvals_required();
    assert_eq!(
        Some(g_m),
        s.approval_strategy
            .as_ref()
            .and_then(|a| a.mof_n.as_ref())
            .and_then(|m| m.min_approvals_required)
    );
    let (g_resp, s_resp) = (
        g.approver_responses(),
        s.approver_responses.as_ref().unwrap(),
    );
    assert_eq!((g_resp.len(), s_resp.len()), (3, 3));
    assert_eq!(
        g_resp[2].response().map(|v| v.as_str()),
        s_resp[2].response.as_deref()
    );
    assert_eq!(g.additional_security_requirements().len(), 1);
}

// ---- one whole client call ----------------------------------------------------------------

const SESSION_ID: &str = "9ec4c1b2-7d3a-4f0e-a8b6-2f51c9d07e3a";

/// Answers every request at once with a 200, the request id header and the full Athena body,
/// building the response as a transport would (the header map and the body are the response's
/// own), so a call costs everything but the network.
#[derive(Debug)]
struct CannedHttp {
    headers: HeaderMap,
}

impl HttpClient for CannedHttp {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        _settings: &'a TransportSettings,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        drop(black_box(request));
        let response = HttpResponse {
            status: 200,
            headers: self.headers.clone(),
            body: ATHENA_BODY.as_bytes().to_vec(),
        };
        Box::pin(std::future::ready(Ok(response)))
    }
}

/// An Athena client whose calls never leave the process, and the runtime that drives them.
struct ClientCall {
    runtime: tokio::runtime::Runtime,
    config: Config,
    client: aws_lite::athena::Client,
}

impl ClientCall {
    fn new(headers: &HeaderMap) -> Self {
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
            ))
            .http_client(CannedHttp {
                headers: headers.clone(),
            })
            .build();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a Tokio runtime");
        let client = aws_lite::athena::Client::new(&config);
        ClientCall {
            runtime,
            config,
            client,
        }
    }

    /// One `GetSession` call, the whole client path.
    fn call(&self) -> GetSessionOutput {
        let send = self.client.get_session().session_id(SESSION_ID).send();
        self.runtime.block_on(send).expect("the call succeeds")
    }

    /// The request `send()` builds before signing.
    fn serialize(&self) -> http::Request<Vec<u8>> {
        let endpoint = aws_lite::athena::endpoint::resolve_endpoint(&self.config).unwrap();
        let input = GetSessionInput::builder().session_id(SESSION_ID).build();
        serialize_request(&input, &endpoint).expect("the request serializes")
    }

    /// Signs `request` as the client does.
    fn sign(&self, request: &mut http::Request<Vec<u8>>) {
        use aws_lite::runtime::sigv4::{sign, SigningParams};
        let credentials = self
            .config
            .credentials_provider()
            .provide_credentials()
            .unwrap();
        let params = SigningParams {
            credentials: &credentials,
            region: "us-east-1",
            service: "athena",
            time: std::time::SystemTime::now(),
        };
        sign(request, &params).expect("the request signs");
    }
}

// ---- measuring ----------------------------------------------------------------------------

/// What one case measured.
struct Measured {
    median_ns: f64,
    min_ns: f64,
    allocs: f64,
    bytes: f64,
}

const BATCHES: usize = 31;
const BATCH_TARGET: Duration = Duration::from_millis(20);
const WARM_UP: Duration = Duration::from_millis(300);
const ALLOC_RUNS: u32 = 100;

/// Runs `parse` (whose output is passed to `black_box`, then dropped) after a warm-up, in
/// [`BATCHES`] batches of about [`BATCH_TARGET`] each; then counts its allocations.
fn measure<T>(parse: impl Fn() -> T) -> Measured {
    let start = Instant::now();
    let mut warm_up_runs = 0u64;
    while start.elapsed() < WARM_UP {
        black_box(parse());
        warm_up_runs += 1;
    }
    let per_run = WARM_UP.as_secs_f64() / warm_up_runs as f64;
    let iterations = ((BATCH_TARGET.as_secs_f64() / per_run) as u64).max(1);

    let mut per_parse: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                black_box(parse());
            }
            start.elapsed().as_nanos() as f64 / iterations as f64
        })
        .collect();
    per_parse.sort_by(f64::total_cmp);

    ALLOCS.store(0, Ordering::SeqCst);
    BYTES.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    for _ in 0..ALLOC_RUNS {
        black_box(parse());
    }
    COUNTING.store(false, Ordering::SeqCst);
    Measured {
        median_ns: per_parse[BATCHES / 2],
        min_ns: per_parse[0],
        allocs: ALLOCS.load(Ordering::SeqCst) as f64 / f64::from(ALLOC_RUNS),
        bytes: BYTES.load(Ordering::SeqCst) as f64 / f64::from(ALLOC_RUNS),
    }
}

fn row(name: &str, m: &Measured) {
    println!(
        "{name:<22} {:>10.0} {:>10.0} {:>8.1} {:>8.0}",
        m.median_ns, m.min_ns, m.allocs, m.bytes
    );
}

fn ratio(name: &str, generated: &Measured, serde: &Measured) {
    println!(
        "{name:<22} time {:.2}x (median), {:.2}x (fastest batch), allocations {:.2}x, bytes {:.2}x",
        generated.median_ns / serde.median_ns,
        generated.min_ns / serde.min_ns,
        generated.allocs / serde.allocs,
        generated.bytes / serde.bytes
    );
}

/// Runs one case `n` times without measuring (for a profiler).
fn run_one(case: &str, n: u64, headers: &HeaderMap) {
    let (athena, mpa) = (ATHENA_BODY.as_bytes(), MPA_BODY.as_bytes());
    let client = ClientCall::new(headers);
    for _ in 0..n {
        match case {
            "athena-call" => drop(black_box(client.call())),
            "athena-generated" => drop(black_box(athena_generated(
                black_box(headers),
                black_box(athena),
            ))),
            "athena-serde" => drop(black_box(athena_serde(black_box(athena)))),
            "mpa-generated" => drop(black_box(mpa_generated(black_box(headers), black_box(mpa)))),
            "mpa-serde" => drop(black_box(mpa_serde(black_box(mpa)))),
            _ => panic!(
                "unknown case `{case}`: athena-generated, athena-serde, mpa-generated, mpa-serde \
                 or athena-call"
            ),
        }
    }
}

fn main() {
    if cfg!(debug_assertions) {
        println!("note: a debug build; run `cargo run --release -p bench` for real figures");
    }
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static("4d1e6f2a-0b3c-4d5e-8f9a-1b2c3d4e5f60"),
    );
    sanity_checks(&headers);
    let client = ClientCall::new(&headers);
    let output = client.call();
    assert_eq!(output.session_id(), Some(SESSION_ID));
    assert_eq!(
        output.status().and_then(|s| s.state()).map(|s| s.as_str()),
        Some("TERMINATED")
    );

    // `--loop CASE N`: only run one case N times, unmeasured, for a profiler such as callgrind.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, case, n] = args.as_slice() {
        if flag == "--loop" {
            run_one(case, n.parse().expect("N is a number"), &headers);
            return;
        }
    }
    assert!(args.is_empty(), "usage: bench [--loop CASE N]");

    println!(
        "Athena GetSession body: {} bytes; MPA GetSession body: {} bytes",
        ATHENA_BODY.len(),
        MPA_BODY.len()
    );
    println!(
        "{BATCHES} batches of ~{} ms after a {} ms warm-up; each parse includes dropping its output",
        BATCH_TARGET.as_millis(),
        WARM_UP.as_millis()
    );
    println!();

    let athena_body = ATHENA_BODY.as_bytes();
    let mpa_body = MPA_BODY.as_bytes();
    let athena_gen = measure(|| athena_generated(black_box(&headers), black_box(athena_body)));
    let athena_ser = measure(|| athena_serde(black_box(athena_body)));
    let mpa_gen = measure(|| mpa_generated(black_box(&headers), black_box(mpa_body)));
    let mpa_ser = measure(|| mpa_serde(black_box(mpa_body)));

    println!(
        "{:<22} {:>10} {:>10} {:>8} {:>8}",
        "case", "median ns", "min ns", "allocs", "bytes"
    );
    row("athena generated", &athena_gen);
    row("athena serde derive", &athena_ser);
    row("mpa generated", &mpa_gen);
    row("mpa serde derive", &mpa_ser);
    println!();
    println!("generated / serde:");
    ratio("athena", &athena_gen, &athena_ser);
    ratio("mpa", &mpa_gen, &mpa_ser);

    println!();
    println!(
        "One Athena GetSession call through Client::get_session().send(): block_on on a Tokio \
         current-thread runtime, static credentials, an in-memory HTTP client answering 200 at once"
    );
    println!();
    let call = measure(|| client.call());
    let endpoint =
        measure(|| aws_lite::athena::endpoint::resolve_endpoint(black_box(&client.config)));
    let serialize = measure(|| client.serialize());
    let serialize_sign = measure(|| {
        let mut request = client.serialize();
        client.sign(&mut request);
        request
    });
    println!(
        "{:<22} {:>10} {:>10} {:>8} {:>8}",
        "case", "median ns", "min ns", "allocs", "bytes"
    );
    row("athena client call", &call);
    row("  resolve endpoint", &endpoint);
    row("  serialize request", &serialize);
    row("  serialize + sign", &serialize_sign);
    row("  parse response", &athena_gen);
}
