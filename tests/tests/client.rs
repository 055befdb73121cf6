//! The client end to end: signing (known answers and an independent signer), the real async
//! and blocking transports against a loopback server, retries, timeouts, body cap, redirects.
//! No test reaches the internet or sleeps for real: the clock, the sleep and the randomness are
//! injected.

use aws_lite::config::{
    AsyncSleep, BlockingHttpClient, BlockingSleep, BoxFuture, Config, ConfigError, Credentials, CredentialsError, Env, HttpClient,
    HttpResponse, ProvideCredentials, RandomSource, TimeSource, TransportSettings,
};
use aws_lite::error::{SdkError, TransportError, TransportErrorKind};
use aws_lite::{athena, emr, mpa};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const AKID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// 2026-01-02T03:04:05Z
const NOW: u64 = 1_767_323_045;

#[derive(Debug)]
struct FixedClock;
impl TimeSource for FixedClock {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(NOW)
    }
}

/// Records the delays asked for and returns at once.
#[derive(Debug, Default, Clone)]
struct RecordingSleep(Arc<Mutex<Vec<Duration>>>);
impl AsyncSleep for RecordingSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}
impl BlockingSleep for RecordingSleep {
    fn sleep(&self, duration: Duration) {
        self.0.lock().unwrap().push(duration);
    }
}

#[derive(Debug)]
struct HalfRandom;
impl RandomSource for HalfRandom {
    fn next_f64(&self) -> f64 {
        0.5
    }
}

/// An in-memory HTTP client: records requests, answers from a queue.
#[derive(Debug, Clone, Default)]
struct Canned {
    requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
    responses: Arc<Mutex<Vec<Result<HttpResponse, TransportError>>>>,
}

impl Canned {
    fn answering(responses: Vec<Result<HttpResponse, TransportError>>) -> Self {
        let canned = Canned::default();
        *canned.responses.lock().unwrap() = responses.into_iter().rev().collect();
        canned
    }
    fn next(&self, request: http::Request<Vec<u8>>) -> Result<HttpResponse, TransportError> {
        self.requests.lock().unwrap().push(request);
        self.responses.lock().unwrap().pop().expect("a canned response for every request")
    }
    fn sent(&self) -> Vec<http::Request<Vec<u8>>> {
        std::mem::take(&mut *self.requests.lock().unwrap())
    }
}

impl HttpClient for Canned {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        _settings: &'a TransportSettings,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        let result = self.next(request);
        Box::pin(async move { result })
    }
}

impl BlockingHttpClient for Canned {
    fn send(&self, request: http::Request<Vec<u8>>, _settings: &TransportSettings) -> Result<HttpResponse, TransportError> {
        self.next(request)
    }
}

fn response(status: u16, headers: &[(&'static str, &'static str)], body: &str) -> Result<HttpResponse, TransportError> {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        map.insert(*k, v.parse().unwrap());
    }
    Ok(HttpResponse { status, headers: map, body: body.as_bytes().to_vec() })
}

fn base_config() -> aws_lite::config::ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new(AKID, SECRET, None))
        .time_source(FixedClock)
        .random(HalfRandom)
}

/// A runtime may move a call's future a few times before polling it (Tokio's `block_on` does),
/// copying all of it each time, so the future holds little across its awaits. It was 1,544 bytes
/// (1,760 for EMR) while it kept the first request, a second copy of the attempts, and the
/// builder beside the input it built; now 744 to 816 bytes.
#[test]
fn a_calls_future_stays_small() {
    let config = base_config().build();
    let sizes = [
        std::mem::size_of_val(&athena::Client::new(&config).get_session().session_id("a").send()),
        std::mem::size_of_val(&emr::Client::new(&config).get_studio_session_mapping().studio_id("s").send()),
        std::mem::size_of_val(&mpa::Client::new(&config).get_session().session_arn("arn").send()),
    ];
    assert!(sizes.iter().all(|&size| size <= 900), "future sizes {sizes:?}: more than 900 bytes");
    // And they can be spawned on a multi-threaded runtime.
    fn is_send<T: Send + 'static>(_: &T) {}
    is_send(&mpa::Client::new(&config).get_session().session_arn("arn").send());
    is_send(&emr::Client::new(&config).get_studio_session_mapping().studio_id("s").send());
}

#[tokio::test]
async fn athena_request_is_signed_as_the_known_answer() {
    let http = Canned::answering(vec![response(200, &[("x-amzn-requestid", "r-1")], r#"{"SessionId":"abc-123"}"#)]);
    let config = base_config().http_client(http.clone()).build();
    let out = athena::Client::new(&config).get_session().session_id("abc-123").send().await.unwrap();
    assert_eq!(out.session_id(), Some("abc-123"));
    let sent = http.sent();
    let req = &sent[0];
    assert_eq!(req.uri().to_string(), "https://athena.us-east-1.amazonaws.com/");
    assert_eq!(req.headers()["x-amz-date"], "20260102T030405Z");
    // Computed by hand following the IAM User Guide's "Create a signed AWS API request" (SigV4)
    // with Python's hashlib/hmac, not by this code.
    assert_eq!(
        req.headers()["authorization"],
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/athena/aws4_request, \
         SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-target, \
         Signature=9236db84fd0884bb90d667550dc15c410166f3be706fe80c522d0a25d2d96c77"
    );
    assert_eq!(req.headers()["amz-sdk-request"], "attempt=1; max=3");
    let id = req.headers()["amz-sdk-invocation-id"].to_str().unwrap();
    assert_eq!((id.len(), &id[14..15]), (36, "4"), "a UUID v4: {id}");
    assert!(req.headers()["user-agent"].to_str().unwrap().starts_with("aws-lite/"));
}

#[test]
fn mpa_label_is_signed_encoded_twice_with_a_session_token() {
    let http = Canned::answering(vec![response(200, &[], "{}")]);
    let config = base_config()
        .credentials(Credentials::new(AKID, SECRET, Some("session-token-1".into())))
        .blocking_http_client(http.clone())
        .build();
    mpa::Client::new(&config)
        .get_session()
        .session_arn("arn:aws:mpa:us-east-1:111122223333:session/team/s-1")
        .send_blocking()
        .unwrap();
    let req = &http.sent()[0];
    assert_eq!(
        req.uri().to_string(),
        "https://mpa.us-east-1.api.aws/sessions/arn%3Aaws%3Ampa%3Aus-east-1%3A111122223333%3Asession%2Fteam%2Fs-1"
    );
    assert_eq!(req.headers()["x-amz-security-token"], "session-token-1");
    assert_eq!(
        req.headers()["authorization"],
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/mpa/aws4_request, \
         SignedHeaders=host;x-amz-date;x-amz-security-token, \
         Signature=eaa92779e26367e374d6e3e623296be582363ac41c02e8addb690ab55e561c36"
    );
}

#[tokio::test]
async fn throttled_twice_then_success() {
    let throttled = || response(400, &[("x-amzn-requestid", "t")], r#"{"__type":"TooManyRequestsException"}"#);
    let http = Canned::answering(vec![throttled(), throttled(), response(200, &[], r#"{"SessionId":"s"}"#)]);
    let sleep = RecordingSleep::default();
    let config = base_config().http_client(http.clone()).async_sleep(sleep.clone()).build();
    let out = athena::Client::new(&config).get_session().session_id("s").send().await.unwrap();
    assert_eq!(out.session_id(), Some("s"));
    let sent = http.sent();
    let attempts: Vec<_> = sent.iter().map(|r| r.headers()["amz-sdk-request"].to_str().unwrap().to_string()).collect();
    assert_eq!(attempts, ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]);
    let ids: Vec<_> = sent.iter().map(|r| r.headers()["amz-sdk-invocation-id"].clone()).collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "one invocation id for every attempt");
    // Full jitter with random 0.5: 0.5 × 1 s, then 0.5 × 2 s.
    assert_eq!(*sleep.0.lock().unwrap(), [Duration::from_millis(500), Duration::from_secs(1)]);
    // Two retries took 5 tokens each; the success gave the last one's back ("Retry behavior").
    assert_eq!(config.token_bucket().available(), 500 - 5);
}

/// A retry builds its request again rather than sending a copy of the first: it must send the
/// same request, with only the attempt number changed (signed at the same fixed time).
#[test]
fn a_retry_sends_the_first_request_again() {
    let http = Canned::answering(vec![unavailable(), unavailable(), response(200, &[], "{}")]);
    let config = base_config().blocking_http_client(http.clone()).blocking_sleep(RecordingSleep::default()).build();
    let client = emr::Client::new(&config);
    let call = client.get_studio_session_mapping().studio_id("es-1").identity_name("a@b.c");
    call.identity_type(emr::types::IdentityType::User).send_blocking().unwrap();
    let sent = http.sent();
    assert_eq!(sent.len(), 3);
    let first = &sent[0];
    assert!(!first.body().is_empty());
    for (i, retry) in sent.iter().enumerate().skip(1) {
        assert_eq!((retry.method(), retry.uri(), retry.body()), (first.method(), first.uri(), first.body()), "attempt {}", i + 1);
        let mut headers = retry.headers().clone();
        assert_eq!(headers.insert("amz-sdk-request", first.headers()["amz-sdk-request"].clone()).unwrap(), format!("attempt={}; max=3", i + 1));
        assert_eq!(&headers, first.headers(), "attempt {}", i + 1);
    }
}

/// The operation's deadline passes during the first backoff: the sleep of the operation
/// timeout (`limit`) ends at once, every other sleep never does.
#[derive(Debug)]
struct DeadlineInBackoff {
    limit: Duration,
}
impl AsyncSleep for DeadlineInBackoff {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        if duration == self.limit {
            Box::pin(async {})
        } else {
            Box::pin(std::future::pending())
        }
    }
}

fn unavailable() -> Result<HttpResponse, TransportError> {
    response(503, &[("x-amzn-requestid", "r")], "<html>Service Unavailable</html>")
}

#[tokio::test]
async fn a_retry_cut_by_the_operation_deadline_gives_its_tokens_back() {
    let http = Canned::answering(vec![unavailable()]);
    let limit = Duration::from_secs(5);
    let config = base_config().http_client(http.clone()).async_sleep(DeadlineInBackoff { limit }).operation_timeout(limit).build();
    let before = config.token_bucket().available();
    let err = emr::Client::new(&config).get_studio_session_mapping().studio_id("es-1").send().await.unwrap_err();
    assert!(matches!(err, SdkError::Timeout(after) if after == limit), "{err:?}");
    assert_eq!(http.sent().len(), 1, "the retry was never sent");
    assert_eq!(config.token_bucket().available(), before);
}

#[test]
fn a_blocking_retry_past_the_operation_deadline_gives_its_tokens_back() {
    let http = Canned::answering(vec![unavailable()]);
    let sleep = RecordingSleep::default();
    // The backoff (0.5 × 1 s) would end after the deadline, so the retry is abandoned unslept.
    let limit = Duration::from_millis(100);
    let config = base_config().blocking_http_client(http.clone()).blocking_sleep(sleep.clone()).operation_timeout(limit).build();
    let before = config.token_bucket().available();
    let err = emr::Client::new(&config).get_studio_session_mapping().studio_id("es-1").send_blocking().unwrap_err();
    assert!(matches!(err, SdkError::Timeout(after) if after == limit), "{err:?}");
    assert_eq!((http.sent().len(), sleep.0.lock().unwrap().len()), (1, 0));
    assert_eq!(config.token_bucket().available(), before);
}

/// Credentials for the first request only.
#[derive(Debug, Default)]
struct OnceOnly(Mutex<bool>);
impl ProvideCredentials for OnceOnly {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        match std::mem::replace(&mut *self.0.lock().unwrap(), true) {
            false => Ok(Credentials::new(AKID, SECRET, None)),
            true => Err(CredentialsError::Provider("the session expired".into())),
        }
    }
}

#[tokio::test]
async fn a_retry_that_cannot_be_signed_gives_its_tokens_back() {
    let http = Canned::answering(vec![unavailable(), unavailable()]);
    let config =
        base_config().credentials_provider(OnceOnly::default()).http_client(http.clone()).async_sleep(RecordingSleep::default()).build();
    let before = config.token_bucket().available();
    let err = athena::Client::new(&config).get_session().session_id("s").send().await.unwrap_err();
    assert!(matches!(err, SdkError::Construction(_)) && err.to_string().contains("the session expired"), "{err:?}");
    assert_eq!(http.sent().len(), 1, "the retry was never sent");
    assert_eq!(config.token_bucket().available(), before);

    let config = base_config()
        .credentials_provider(OnceOnly::default())
        .blocking_http_client(http.clone())
        .blocking_sleep(RecordingSleep::default())
        .build();
    let err = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
    assert!(matches!(err, SdkError::Construction(_)) && err.to_string().contains("the session expired"), "{err:?}");
    assert_eq!(http.sent().len(), 1, "the retry was never sent");
    assert_eq!(config.token_bucket().available(), before);
}

#[tokio::test]
async fn gives_up_after_the_attempt_limit_with_the_last_error() {
    let unavailable = || response(503, &[("x-amzn-requestid", "r")], "<html>Service Unavailable</html>");
    let http = Canned::answering(vec![unavailable(), unavailable()]);
    let sleep = RecordingSleep::default();
    let config = base_config().http_client(http.clone()).async_sleep(sleep.clone()).max_attempts(2).build();
    let err = emr::Client::new(&config).get_studio_session_mapping().studio_id("es-1").send().await.unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert_eq!((service.meta().status(), service.request_id()), (503, Some("r")));
    assert_eq!(http.sent().len(), 2);
    assert_eq!(sleep.0.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn non_retryable_errors_are_not_retried() {
    let http = Canned::answering(vec![response(400, &[], r#"{"__type":"InvalidRequestException","Message":"no"}"#)]);
    let config = base_config().http_client(http.clone()).async_sleep(RecordingSleep::default()).build();
    let err = athena::Client::new(&config).get_session().session_id("s").send().await.unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_request_exception());
    assert_eq!(http.sent().len(), 1);
}

#[tokio::test]
async fn the_retry_quota_runs_out() {
    // 500 tokens; a transient retry costs 10: after 50 retries the bucket is empty.
    let mut answers = Vec::new();
    for _ in 0..60 {
        answers.push(Err(TransportError::io("connection reset")));
        answers.push(Err(TransportError::io("connection reset")));
    }
    let http = Canned::answering(answers);
    let config = base_config().http_client(http.clone()).async_sleep(RecordingSleep::default()).max_attempts(2).build();
    let client = athena::Client::new(&config);
    let mut sent_per_call = Vec::new();
    for _ in 0..52 {
        let err = client.get_session().session_id("s").send().await.unwrap_err();
        assert!(matches!(err, SdkError::Dispatch(ref e) if e.kind() == TransportErrorKind::Io), "{err:?}");
        sent_per_call.push(http.sent().len());
    }
    assert_eq!(&sent_per_call[..50], &[2; 50][..], "each call retries once while the quota lasts");
    assert_eq!(&sent_per_call[50..], &[1, 1], "then no more retries");
}

#[tokio::test]
async fn a_slow_attempt_hits_the_attempt_timeout() {
    /// Never answers.
    #[derive(Debug)]
    struct Hang;
    impl HttpClient for Hang {
        fn send<'a>(&'a self, _: http::Request<Vec<u8>>, _: &'a TransportSettings) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
            Box::pin(std::future::pending())
        }
    }
    let sleep = RecordingSleep::default();
    let config = base_config()
        .http_client(Hang)
        .async_sleep(sleep.clone())
        .attempt_timeout(Duration::from_secs(2))
        .max_attempts(1)
        .build();
    let err = athena::Client::new(&config).get_session().session_id("s").send().await.unwrap_err();
    assert!(matches!(err, SdkError::Dispatch(ref e) if e.kind() == TransportErrorKind::Timeout), "{err:?}");
    assert_eq!(*sleep.0.lock().unwrap(), [Duration::from_secs(2)]);
}

#[test]
fn construction_errors() {
    let no_region = Config::builder().credentials(Credentials::new(AKID, SECRET, None)).blocking_http_client(Canned::default()).build();
    let err = athena::Client::new(&no_region).get_session().send_blocking().unwrap_err();
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
    assert!(err.to_string().contains("Missing Region"), "{err}");
    let http = Canned::default();
    let config = base_config().blocking_http_client(http.clone()).build();
    let err = mpa::Client::new(&config).get_session().send_blocking().unwrap_err();
    assert!(err.to_string().contains("`SessionArn` cannot be empty or unset"), "{err}");
    assert!(http.sent().is_empty(), "nothing is sent");
}

#[derive(Debug)]
struct FailingCredentials;
impl aws_lite::config::ProvideCredentials for FailingCredentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        Err(CredentialsError::Provider("no key today".into()))
    }
}

/// The `CredentialsError` in the `source()` chain of `err`.
fn credentials_source(err: &dyn std::error::Error) -> Option<&CredentialsError> {
    let mut source = err.source();
    while let Some(e) = source {
        if let Some(found) = e.downcast_ref::<CredentialsError>() {
            return Some(found);
        }
        source = e.source();
    }
    None
}

#[test]
fn credentials_errors_are_typed_sources() {
    let http = Canned::default();
    let config = base_config().credentials_provider(FailingCredentials).blocking_http_client(http.clone()).build();
    let err = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
    let SdkError::Construction(construction) = &err else { panic!("{err:?}") };
    let source = std::error::Error::source(construction).expect("the credentials error is the source");
    assert_eq!(source.downcast_ref::<CredentialsError>(), Some(&CredentialsError::Provider("no key today".into())));
    assert_eq!(credentials_source(&err), Some(&CredentialsError::Provider("no key today".into())));
    assert_eq!(err.to_string(), "no credentials: credentials provider failed: no key today");
    assert!(http.sent().is_empty(), "nothing is sent");
    // Other construction errors have no source.
    let err = mpa::Client::new(&config).get_session().send_blocking().unwrap_err();
    assert!(matches!(err, SdkError::Construction(ref e) if std::error::Error::source(e).is_none()), "{err:?}");
}

#[tokio::test]
async fn expired_credentials_fail_before_signing() {
    let now = UNIX_EPOCH + Duration::from_secs(NOW);
    let http = Canned::answering(vec![response(200, &[], r#"{"SessionId":"s"}"#)]);
    for (expiry, shown) in [(now - Duration::from_secs(1), "20260102T030404Z"), (now, "20260102T030405Z")] {
        let expired = Credentials::new(AKID, SECRET, Some("token".into())).with_expiry(expiry);
        let config = base_config().credentials(expired).http_client(http.clone()).build();
        let err = athena::Client::new(&config).get_session().session_id("s").send().await.unwrap_err();
        assert_eq!(credentials_source(&err), Some(&CredentialsError::Expired { expiry }), "{err:?}");
        assert_eq!(err.to_string(), format!("no credentials: the credentials expired at {shown}"));
    }
    assert!(http.sent().is_empty(), "nothing is sent");
    let valid = Credentials::new(AKID, SECRET, Some("token".into())).with_expiry(now + Duration::from_secs(1));
    let config = base_config().credentials(valid).http_client(http.clone()).build();
    athena::Client::new(&config).get_session().session_id("s").send().await.unwrap();
    assert_eq!(http.sent().len(), 1);
}

#[tokio::test]
async fn the_services_text_is_shown_escaped_in_errors() {
    let unmodeled = r#"{"__type":"Throttling\nX-Evil: 1","message":"\u001b[31m"}"#;
    let modeled = r#"{"__type":"InvalidRequestException","Message":"bad\r\nX-Evil: 1 \u001b[31m \u202e"}"#;
    let http = Canned::answering(vec![response(400, &[], unmodeled), response(400, &[], modeled)]);
    let config = base_config().http_client(http.clone()).async_sleep(RecordingSleep::default()).build();
    let client = athena::Client::new(&config);
    // Control and format characters as `str::escape_debug` writes them; the code is cut at its
    // first `:` (aws-json-1_1-protocol.rst, "Operation error serialization").
    let err = client.get_session().session_id("s").send().await.unwrap_err();
    assert_eq!(err.to_string(), r"service error: unhandled error Throttling\nX-Evil: \u{1b}[31m (HTTP 400)");
    let meta = err.as_service_error().unwrap().meta();
    assert_eq!((meta.code(), meta.message()), (Some("Throttling\nX-Evil"), Some("\u{1b}[31m")), "accessors are raw");
    let err = client.get_session().session_id("s").send().await.unwrap_err();
    assert_eq!(err.to_string(), r"service error: InvalidRequestException: bad\r\nX-Evil: 1 \u{1b}[31m \u{202e}");
    assert_eq!(err.as_service_error().unwrap().meta().message(), Some("bad\r\nX-Evil: 1 \u{1b}[31m \u{202e}"));
}

#[test]
fn an_over_long_uri_is_quoted_only_in_part() {
    let http = Canned::default();
    let config = base_config().blocking_http_client(http.clone()).build();
    // `http` takes URIs of at most 65534 bytes.
    let arn = format!("arn:aws:mpa:us-east-1:111122223333:session/{}", "a".repeat(1 << 20));
    let err = mpa::Client::new(&config).get_session().session_arn(arn).send_blocking().unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
    assert!(text.starts_with("cannot build the request: invalid request (URI `https://mpa.us-east-1.api.aws/sessions/arn%3Aaws"), "{text}");
    // The URI's first 256 characters, then a note of its length.
    let uri_length = "https://mpa.us-east-1.api.aws/sessions/".len() + "arn%3Aaws%3Ampa%3Aus-east-1%3A111122223333%3Asession%2F".len() + (1 << 20);
    assert!(text.contains(&format!("… ({uri_length} characters in all)`")), "{}", &text[..text.len().min(600)]);
    assert!(text.len() < 512, "{} bytes", text.len());
    assert!(http.sent().is_empty());
}

#[test]
fn endpoint_urls_that_cannot_be_endpoints_are_configuration_errors() {
    for (url, expected) in [
        ("http://127.0.0.1:8080/?q=1", "no query"),
        ("http://127.0.0.1:8080?q=1", "no query"),
        ("http://127.0.0.1:99999", "a port from 1 to 65535"),
        ("http://127.0.0.1:0/", "a port from 1 to 65535"),
        ("http://127.0.0.1:+80/", "a port from 1 to 65535"),
        ("ftp://127.0.0.1/", "a URL whose scheme is http or https"),
        ("127.0.0.1:8080", "a URL whose scheme is http or https"),
        ("http://user:secret@127.0.0.1/", "no user info"),
        ("https://example.com/prefix#part", "no fragment"),
        ("http:///prefix", "an absolute URL"),
        ("https://exa mple.com", "an absolute URL"),
    ] {
        let http = Canned::default();
        let config = base_config().endpoint_url(url).blocking_http_client(http.clone()).build();
        let athena = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
        let mpa = mpa::Client::new(&config).get_session().session_arn("arn:x").send_blocking().unwrap_err();
        assert!(matches!(athena, SdkError::Construction(_)) && matches!(mpa, SdkError::Construction(_)), "{url}");
        for text in [athena.to_string(), mpa.to_string()] {
            assert!(text.contains(&format!("invalid endpoint URL `{url}`: expected {expected}")), "{url}: {text}");
        }
        assert!(http.sent().is_empty(), "{url}");
    }
}

#[test]
fn aws_endpoint_url_is_checked_when_read() {
    let env = |url: &str| Env::from_pairs(&[("AWS_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", AKID), ("AWS_SECRET_ACCESS_KEY", SECRET), ("AWS_ENDPOINT_URL", url), ("HOME", "/nonexistent")]);
    let err = Config::from_env_with(&env("http://localhost:99999")).unwrap_err();
    assert!(matches!(err, ConfigError::Setting(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        r#"invalid value "http://localhost:99999" in environment variable AWS_ENDPOINT_URL: expected a port from 1 to 65535"#
    );
    let config = Config::from_env_with(&env("https://localhost:8443/prefix")).unwrap();
    assert_eq!(config.endpoint_url(), Some("https://localhost:8443/prefix"));
}

// -------------------------------------------------------------------------------------------
// The real transports against a loopback server.

/// A request as the server received it.
#[derive(Debug)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Serves one canned raw response per connection, then stops; returns the base URL and the
/// requests received.
fn serve(responses: Vec<Vec<u8>>) -> (String, std::thread::JoinHandle<Vec<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut received = Vec::new();
        for raw in responses {
            let (stream, _) = listener.accept().unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut parts = line.split_whitespace();
            let (method, target) = (parts.next().unwrap().to_string(), parts.next().unwrap().to_string());
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                let (k, v) = h.split_once(':').unwrap();
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
            let length = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-length")).map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            received.push(Received { method, target, headers, body });
            let mut stream = stream;
            stream.write_all(&raw).unwrap();
        }
        received
    });
    (url, handle)
}

fn raw_response(status: &str, body: &str) -> Vec<u8> {
    format!("HTTP/1.1 {status}\r\nx-amzn-requestid: loop-1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
        .into_bytes()
}

/// Re-signs what the server received with the AWS SDK's own signer and compares.
fn assert_signature_verifies(r: &Received, service: &str) {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
    use aws_smithy_runtime_api::client::identity::Identity;
    let authorization = r.header("authorization").expect("signed");
    let signed: Vec<String> = authorization
        .split("SignedHeaders=")
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .split(';')
        .map(String::from)
        .collect();
    let host = r.header("host").unwrap();
    let headers: Vec<(&str, &str)> = signed.iter().map(|name| (name.as_str(), r.header(name).unwrap())).collect();
    let identity: Identity = aws_credential_types::Credentials::new(AKID, SECRET, None, None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name(service)
        .time(UNIX_EPOCH + Duration::from_secs(NOW))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let uri = format!("http://{host}{}", r.target);
    let signable = SignableRequest::new(&r.method, uri, headers.into_iter(), SignableBody::Bytes(&r.body)).unwrap();
    let (instructions, _) = aws_sigv4::http_request::sign(signable, &params).unwrap().into_parts();
    let expected = instructions.headers().find(|(k, _)| *k == "authorization").map(|(_, v)| v.to_string()).unwrap();
    assert_eq!(authorization, expected);
}

#[tokio::test]
async fn all_three_operations_over_the_async_transport() {
    let (url, server) = serve(vec![
        raw_response("200 OK", r#"{"SessionId":"s-1","Status":{"State":"IDLE"}}"#),
        raw_response("200 OK", r#"{"SessionMapping":{"StudioId":"es-1","IdentityType":"USER"}}"#),
        raw_response("200 OK", r#"{"SessionArn":"arn:aws:mpa:us-east-1:111122223333:session/t/s","Status":"PENDING"}"#),
    ]);
    let config = base_config().endpoint_url(&url).build();
    let athena_out = athena::Client::new(&config).get_session().session_id("s-1").send().await.unwrap();
    assert_eq!(athena_out.session_id(), Some("s-1"));
    let emr_out = emr::Client::new(&config).get_studio_session_mapping().studio_id("es-1").send().await.unwrap();
    assert_eq!(emr_out.session_mapping().unwrap().studio_id(), Some("es-1"));
    let mpa_out =
        mpa::Client::new(&config).get_session().session_arn("arn:aws:mpa:us-east-1:111122223333:session/t/s").send().await.unwrap();
    assert_eq!(mpa_out.status().unwrap().as_str(), "PENDING");
    let received = server.join().unwrap();
    assert_eq!((received[0].method.as_str(), received[0].target.as_str()), ("POST", "/"));
    assert_eq!(received[0].header("x-amz-target"), Some("AmazonAthena.GetSession"));
    assert_eq!(received[0].body, br#"{"SessionId":"s-1"}"#);
    assert_eq!(received[1].header("x-amz-target"), Some("ElasticMapReduce.GetStudioSessionMapping"));
    assert_eq!(received[2].method, "GET");
    assert_eq!(received[2].target, "/sessions/arn%3Aaws%3Ampa%3Aus-east-1%3A111122223333%3Asession%2Ft%2Fs");
    assert_eq!((received[2].header("content-length"), received[2].header("content-type")), (None, None));
    for (r, service) in received.iter().zip(["athena", "elasticmapreduce", "mpa"]) {
        assert_signature_verifies(r, service);
    }
}

#[test]
fn all_three_operations_over_the_blocking_transport() {
    let (url, server) = serve(vec![
        raw_response("200 OK", r#"{"SessionId":"s-2"}"#),
        raw_response("200 OK", r#"{"SessionMapping":{"IdentityName":"alice"}}"#),
        raw_response("200 OK", r#"{"NumberOfApprovers":3}"#),
    ]);
    let config = base_config().endpoint_url(&url).build();
    assert_eq!(athena::Client::new(&config).get_session().session_id("s-2").send_blocking().unwrap().session_id(), Some("s-2"));
    let emr_out = emr::Client::new(&config).get_studio_session_mapping().studio_id("es").send_blocking().unwrap();
    assert_eq!(emr_out.session_mapping().unwrap().identity_name(), Some("alice"));
    let mpa_out = mpa::Client::new(&config).get_session().session_arn("arn:x").send_blocking().unwrap();
    assert_eq!(mpa_out.number_of_approvers(), Some(3));
    let received = server.join().unwrap();
    for (r, service) in received.iter().zip(["athena", "elasticmapreduce", "mpa"]) {
        assert_signature_verifies(r, service);
    }
}

#[tokio::test]
async fn a_redirect_is_returned_not_followed() {
    let (url, server) = serve(vec![
        b"HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.1:9/elsewhere\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_vec(),
    ]);
    let config = base_config().endpoint_url(&url).build();
    let err = athena::Client::new(&config).get_session().session_id("s").send().await.unwrap_err();
    assert_eq!(err.as_service_error().unwrap().meta().status(), 307);
    assert_eq!(server.join().unwrap().len(), 1);
}

#[test]
fn an_endpoint_url_with_a_base_path_prefixes_the_operations_path() {
    let (url, server) = serve(vec![raw_response("200 OK", "{}"), raw_response("200 OK", "{}")]);
    let config = base_config().endpoint_url(format!("{url}/base/path")).build();
    athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap();
    let config = base_config().endpoint_url(format!("{url}/base/")).build();
    mpa::Client::new(&config).get_session().session_arn("arn:x").send_blocking().unwrap();
    let received = server.join().unwrap();
    assert_eq!(received[0].target, "/base/path/");
    assert_eq!(received[1].target, "/base/sessions/arn%3Ax");
    for (r, service) in received.iter().zip(["athena", "mpa"]) {
        assert_signature_verifies(r, service);
    }
}

#[test]
fn an_oversized_body_hits_the_cap() {
    let big = format!(r#"{{"SessionId":"{}"}}"#, "x".repeat(4096));
    let (url, server) = serve(vec![raw_response("200 OK", &big)]);
    let config = base_config().endpoint_url(&url).max_body_bytes(1024).max_attempts(1).build();
    let err = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
    assert!(matches!(err, SdkError::Dispatch(ref e) if e.kind() == TransportErrorKind::BodyTooLarge), "{err:?}");
    server.join().unwrap();
}

// -------------------------------------------------------------------------------------------
// Hostile servers: deadlines, the body cap, broken framing.

/// What a scripted server does with one connection (one per connection, in order).
enum Act {
    /// Reads the request, writes this response and closes.
    Answer(Vec<u8>),
    /// Reads the request, writes the head, then the body one byte at a time, this long apart.
    Drip { head: Vec<u8>, body: Vec<u8>, pause: Duration },
    /// Reads the request, then writes these bytes over and over, this long apart, until the client goes
    /// (at most 2 s).
    Repeat(Vec<u8>, Duration),
    /// Reads the request and never answers; holds the connection until the client closes it (at most 3 s).
    Hold,
}

/// A server that plays one act per connection, each on its own thread, until stopped.
struct Scripted {
    url: String,
    stop: Arc<std::sync::atomic::AtomicBool>,
    accept: std::thread::JoinHandle<usize>,
}

impl Scripted {
    fn start(acts: Vec<Act>) -> Scripted {
        use std::sync::atomic::{AtomicBool, Ordering};
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let accept = std::thread::spawn(move || {
            let mut acts = acts.into_iter();
            let mut connections = 0;
            let give_up = std::time::Instant::now() + Duration::from_secs(5);
            while !stopping.load(Ordering::SeqCst) && std::time::Instant::now() < give_up {
                match listener.accept() {
                    Ok((stream, _)) => {
                        connections += 1;
                        let Some(act) = acts.next() else { continue };
                        std::thread::spawn(move || play(stream, act));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
            connections
        });
        Scripted { url, stop, accept }
    }

    /// Stops accepting; the number of connections accepted.
    fn finish(self) -> usize {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        self.accept.join().unwrap()
    }
}

fn play(stream: std::net::TcpStream, act: Act) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap();
        }
        if line == "\r\n" {
            break;
        }
    }
    let _ = reader.read_exact(&mut vec![0; length]);
    let mut stream = stream;
    match act {
        Act::Answer(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Act::Drip { head, body, pause } => {
            let _ = stream.write_all(&head);
            for byte in body {
                std::thread::sleep(pause);
                if stream.write_all(&[byte]).is_err() {
                    return;
                }
            }
        }
        Act::Repeat(bytes, pause) => {
            let until = std::time::Instant::now() + Duration::from_secs(2);
            while std::time::Instant::now() < until && stream.write_all(&bytes).is_ok() {
                std::thread::sleep(pause);
            }
        }
        Act::Hold => {
            let _ = reader.read(&mut [0u8; 1]);
        }
    }
}

/// A 40-byte `GetSession` output sent 10 ms a byte: 400 ms in all.
fn dripping_session() -> Act {
    let body = format!(r#"{{"SessionId":"{}"}}"#, "x".repeat(24)).into_bytes();
    assert_eq!(body.len(), 40);
    let head = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len()).into_bytes();
    Act::Drip { head, body, pause: Duration::from_millis(10) }
}

#[test]
fn the_attempt_timeout_is_a_deadline_for_a_blocking_call() {
    // Each byte comes well within the attempt timeout, the whole body well after it.
    let server = Scripted::start(vec![dripping_session()]);
    let config = base_config().endpoint_url(&server.url).attempt_timeout(Duration::from_millis(50)).max_attempts(1).build();
    let started = std::time::Instant::now();
    let err = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(err, SdkError::Dispatch(ref e) if e.kind() == TransportErrorKind::Timeout), "{err:?}");
    assert!(elapsed >= Duration::from_millis(50) && elapsed < Duration::from_millis(300), "{elapsed:?}");
    server.finish();
}

#[test]
fn the_operation_timeout_is_a_deadline_for_a_blocking_call() {
    let server = Scripted::start(vec![dripping_session(), dripping_session(), dripping_session()]);
    let config = base_config()
        .endpoint_url(&server.url)
        .blocking_sleep(RecordingSleep::default())
        .operation_timeout(Duration::from_millis(80))
        .build();
    let started = std::time::Instant::now();
    let err = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(err, SdkError::Timeout(limit) if limit == Duration::from_millis(80)), "{err:?}");
    assert!(elapsed >= Duration::from_millis(80) && elapsed < Duration::from_millis(300), "{elapsed:?}");
    server.finish();
}

#[test]
fn endless_interim_responses_stop_at_the_operation_timeout() {
    // RFC 9110, section 15.2: a client reads past any number of 1xx responses, so only the deadline ends this.
    let server = Scripted::start(vec![Act::Repeat(b"HTTP/1.1 100 Continue\r\n\r\n".to_vec(), Duration::from_millis(2))]);
    let config = base_config()
        .endpoint_url(&server.url)
        .blocking_sleep(RecordingSleep::default())
        .operation_timeout(Duration::from_millis(60))
        .build();
    let started = std::time::Instant::now();
    let err = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(err, SdkError::Timeout(_)), "{err:?}");
    assert!(elapsed < Duration::from_millis(500), "{elapsed:?}");
    assert_eq!(server.finish(), 1);
}

#[test]
fn an_unlimited_body_cap_reads_a_close_delimited_body() {
    let response = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{\"SessionId\":\"s-1\"}".to_vec();
    let server = Scripted::start(vec![Act::Answer(response)]);
    let config = base_config().endpoint_url(&server.url).max_body_bytes(usize::MAX).max_attempts(1).build();
    let out = athena::Client::new(&config).get_session().session_id("s-1").send_blocking().unwrap();
    assert_eq!(out.session_id(), Some("s-1"));
    server.finish();
}

fn broken_chunks() -> Vec<Act> {
    let broken = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n".to_vec();
    vec![Act::Answer(broken.clone()), Act::Answer(broken.clone()), Act::Answer(broken)]
}

#[tokio::test]
async fn broken_chunked_framing_is_not_retried() {
    let server = Scripted::start(broken_chunks());
    let config = base_config().endpoint_url(&server.url).async_sleep(RecordingSleep::default()).build();
    let err = athena::Client::new(&config).get_session().session_id("s").send().await.unwrap_err();
    assert!(matches!(err, SdkError::Dispatch(ref e) if e.kind() == TransportErrorKind::InvalidResponse), "{err:?}");
    assert_eq!(server.finish(), 1);
}

#[test]
fn broken_chunked_framing_is_not_retried_by_the_blocking_client() {
    let server = Scripted::start(broken_chunks());
    let config = base_config().endpoint_url(&server.url).blocking_sleep(RecordingSleep::default()).build();
    let err = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
    assert!(matches!(err, SdkError::Dispatch(ref e) if e.kind() == TransportErrorKind::InvalidResponse), "{err:?}");
    assert_eq!(server.finish(), 1);
}

#[test]
fn a_stalled_attempt_is_retried_as_a_timeout() {
    use aws_lite::config::StalledStreamProtection;
    // The first connection never answers; the second does.
    let session = br#"{"SessionId":"s-2"}"#;
    let answer = [format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", session.len()).into_bytes(), session.to_vec()].concat();
    let server = Scripted::start(vec![Act::Hold, Act::Answer(answer)]);
    let sleep = RecordingSleep::default();
    let protection = StalledStreamProtection { min_bytes_per_sec: 1, window: Duration::from_millis(10), grace: Duration::from_millis(40) };
    let config = base_config()
        .endpoint_url(&server.url)
        .blocking_sleep(sleep.clone())
        .stalled_stream_protection(Some(protection))
        .build();
    let started = std::time::Instant::now();
    let out = athena::Client::new(&config).get_session().session_id("s-2").send_blocking().unwrap();
    assert_eq!(out.session_id(), Some("s-2"));
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    // One retry, after the backoff of a transient error (full jitter, random 0.5, base 1 s).
    assert_eq!(*sleep.0.lock().unwrap(), [Duration::from_millis(500)]);
    assert_eq!(server.finish(), 2);
    // And without retries the stall is the error: a timeout.
    let server = Scripted::start(vec![Act::Hold]);
    let config = base_config().endpoint_url(&server.url).stalled_stream_protection(Some(protection)).max_attempts(1).build();
    let err = athena::Client::new(&config).get_session().session_id("s").send_blocking().unwrap_err();
    assert!(matches!(err, SdkError::Dispatch(ref e) if e.kind() == TransportErrorKind::Timeout && e.message().contains("stalled")), "{err:?}");
    server.finish();
}

#[test]
fn stalled_stream_protection_is_on_by_default_and_can_be_turned_off() {
    use aws_lite::config::StalledStreamProtection;
    let config = base_config().build();
    assert_eq!(config.transport_settings().stalled_stream, Some(StalledStreamProtection::default()));
    let config = base_config().stalled_stream_protection(None).build();
    assert_eq!(config.transport_settings().stalled_stream, None);
}
