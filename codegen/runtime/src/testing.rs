//! Test doubles for code that calls a client (the `test-util` feature, off by default):
//! [`ReplayClient`], an in-memory transport that answers canned responses by operation and
//! records every request, and [`config_builder`], a configuration whose requests are signed
//! alike on every run. Nothing here opens a connection or sleeps.
//!
//! ```text
//! let replay = ReplayClient::new()
//!     .on("GetSession", ReplayResponse::ok(r#"{"SessionId": "s-1", "Status": {"State": "IDLE"}}"#))
//!     .on("GET /sessions/{SessionArn}", ReplayResponse::error(404, "ResourceNotFoundException", "no such session"));
//! let config = replay.config_builder().build();
//! // ... run the code under test with `config` ...
//! replay.assert_sent("GetSession", |request| assert_eq!(request.body_str(), Some(r#"{"SessionId":"s-1"}"#)));
//! ```
//!
//! An operation is named as the request shows it:
//! - `"GetSession"`: the operation of an `awsJson1_0`/`awsJson1_1` request, by its
//!   `X-Amz-Target` header (`AmazonAthena.GetSession`), or the whole header value
//!   (`"AmazonAthena.GetSession"`) when two services share an operation name;
//! - `"GET /sessions/{SessionArn}"`: a `restJson1` request, by the method and URI of the
//!   operation's `@http` trait (a `{Label}` is any one path segment, a greedy `{Label+}` one or
//!   more; the query is not compared).
#![cfg(feature = "test-util")]

use super::config::{Config, ConfigBuilder, TimeSource};
use super::credentials::Credentials;
use super::retry::{AsyncSleep, BlockingSleep, StdRandom};
use super::transport::{
    BlockingHttpClient, BoxFuture, HttpClient, HttpResponse, TransportError, TransportErrorKind, TransportSettings,
};
use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The region of [`config_builder`].
pub const REGION: &str = "us-east-1";
/// The access key id of [`config_builder`] (the AWS Signature Version 4 test suite's).
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
/// The secret access key of [`config_builder`] (the AWS Signature Version 4 test suite's).
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// The instant [`FixedTime::default`] stands still at, in seconds since the Unix epoch:
/// 2015-08-30T12:36:00Z (the Signature Version 4 test suite's).
pub const FIXED_TIME_SECS: u64 = 1_440_938_160;

/// A configuration builder for tests: region [`REGION`], static credentials ([`ACCESS_KEY_ID`],
/// [`SECRET_ACCESS_KEY`]), a clock fixed at [`FIXED_TIME_SECS`] (so a request is signed alike
/// on every run), sleeps that return at once (retries do not wait) and seeded randomness
/// (invocation ids and backoff jitter repeat from run to run). Retries and timeouts are the
/// defaults. Give it an HTTP client, or start from [`ReplayClient::config_builder`].
pub fn config_builder() -> ConfigBuilder {
    Config::builder()
        .region(REGION)
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
        .time_source(FixedTime::default())
        .async_sleep(InstantSleep)
        .blocking_sleep(InstantSleep)
        .random(StdRandom::with_seed(0))
}

/// A clock that stands still.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedTime(pub SystemTime);

impl Default for FixedTime {
    /// [`FIXED_TIME_SECS`].
    fn default() -> Self {
        FixedTime(UNIX_EPOCH + Duration::from_secs(FIXED_TIME_SECS))
    }
}

impl TimeSource for FixedTime {
    fn now(&self) -> SystemTime {
        self.0
    }
}

/// A sleep, async and blocking, that returns at once.
#[derive(Debug, Clone, Copy, Default)]
pub struct InstantSleep;

impl AsyncSleep for InstantSleep {
    fn sleep(&self, _duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(std::future::ready(()))
    }
}

impl BlockingSleep for InstantSleep {
    fn sleep(&self, _duration: Duration) {}
}

/// A canned answer of a [`ReplayClient`]: a response, or a failure to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayResponse(Result<HttpResponse, TransportError>);

impl ReplayResponse {
    /// A response with this status and body, and no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        ReplayResponse(Ok(HttpResponse { status, headers: http::HeaderMap::new(), body: body.into() }))
    }

    /// `200 OK` with this JSON body (`Content-Type: application/json`).
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        ReplayResponse::new(200, body).header("content-type", "application/json")
    }

    /// A modeled error as both JSON protocols send one: the status, the error's shape name
    /// (`ResourceNotFoundException`) in the `X-Amzn-Errortype` header and as the body's
    /// `__type`, and the message as the body's `message` (aws-restjson1-protocol.rst and
    /// aws-json-1_1-protocol.rst, "Operation error serialization").
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        let mut body = String::from("{\"__type\":");
        super::json::write_escaped_str(&mut body, code);
        body.push_str(",\"message\":");
        super::json::write_escaped_str(&mut body, message);
        body.push('}');
        ReplayResponse::new(status, body).header("content-type", "application/json").header("x-amzn-errortype", code)
    }

    /// A failure to send or read, as a transport reports it (a timeout, a reset connection).
    pub fn transport_error(error: TransportError) -> Self {
        ReplayResponse(Err(error))
    }

    /// The response with a header added (`x-amzn-requestid`, say). An invalid name or value
    /// turns the answer into a transport error saying so.
    pub fn header(self, name: &str, value: &str) -> Self {
        let ReplayResponse(Ok(mut response)) = self else { return self };
        let parsed = (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(value));
        match parsed {
            (Ok(name), Ok(value)) => {
                response.headers.append(name, value);
                ReplayResponse(Ok(response))
            }
            _ => ReplayResponse(Err(TransportError::other(format!("ReplayResponse: invalid header `{name}: {value}`")))),
        }
    }
}

impl From<HttpResponse> for ReplayResponse {
    fn from(response: HttpResponse) -> Self {
        ReplayResponse(Ok(response))
    }
}

/// A request a [`ReplayClient`] received, as the client sent it (signed, with its headers).
#[derive(Debug, Clone)]
pub struct RecordedRequest(http::Request<Vec<u8>>);

impl RecordedRequest {
    /// The request itself.
    pub fn as_http(&self) -> &http::Request<Vec<u8>> {
        &self.0
    }

    /// The method.
    pub fn method(&self) -> &str {
        self.0.method().as_str()
    }

    /// The URI path, as sent (percent-encoded).
    pub fn path(&self) -> &str {
        self.0.uri().path()
    }

    /// The query string, as sent, if there is one.
    pub fn query(&self) -> Option<&str> {
        self.0.uri().query()
    }

    /// The value of a header (the first, if repeated), if it is there and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.0.headers().get(name).and_then(|v| v.to_str().ok())
    }

    /// The body's bytes.
    pub fn body(&self) -> &[u8] {
        self.0.body()
    }

    /// The body as text, if it is UTF-8.
    pub fn body_str(&self) -> Option<&str> {
        std::str::from_utf8(self.0.body()).ok()
    }

    /// The operation an `awsJson` request names in `X-Amz-Target` (`GetSession`).
    pub fn operation(&self) -> Option<&str> {
        self.header("x-amz-target").and_then(|t| t.rsplit('.').next())
    }
}

impl fmt::Display for RecordedRequest {
    /// `POST https://host/path`, and the `X-Amz-Target` when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0.method(), self.0.uri())?;
        match self.header("x-amz-target") {
            Some(target) => write!(f, " (X-Amz-Target: {target})"),
            None => Ok(()),
        }
    }
}

/// Which requests a canned response answers (see the [module documentation](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selector {
    /// The part of `X-Amz-Target` after its last `.`.
    Operation(String),
    /// The whole `X-Amz-Target`.
    Target(String),
    /// The method, and the path pattern's segments.
    Route { method: String, segments: Vec<String> },
}

impl Selector {
    fn parse(text: &str) -> Selector {
        let text = text.trim();
        if let Some((method, uri)) = text.split_once(' ') {
            let path = uri.trim().split('?').next().unwrap_or_default();
            let segments = path.split('/').map(str::to_string).collect();
            return Selector::Route { method: method.to_string(), segments };
        }
        match text.contains('.') {
            true => Selector::Target(text.to_string()),
            false => Selector::Operation(text.to_string()),
        }
    }

    fn matches(&self, request: &RecordedRequest) -> bool {
        match self {
            Selector::Operation(name) => request.operation() == Some(name.as_str()),
            Selector::Target(target) => request.header("x-amz-target") == Some(target.as_str()),
            Selector::Route { method, segments } => {
                let path: Vec<&str> = request.path().split('/').collect();
                let pattern: Vec<&str> = segments.iter().map(String::as_str).collect();
                request.method().eq_ignore_ascii_case(method) && path_matches(&pattern, &path)
            }
        }
    }
}

/// Whether the path's segments fit the pattern's: a literal equals its segment, `{Label}` is any
/// non-empty segment, a greedy `{Label+}` one or more segments, not all empty.
fn path_matches(pattern: &[&str], path: &[&str]) -> bool {
    let Some((first, rest)) = pattern.split_first() else { return path.is_empty() };
    let label = first.starts_with('{') && first.ends_with('}');
    if label && first.ends_with("+}") {
        let Some(taken) = path.len().checked_sub(rest.len()).filter(|n| *n > 0) else { return false };
        return path[..taken].iter().any(|s| !s.is_empty()) && path_matches(rest, &path[taken..]);
    }
    match path.split_first() {
        Some((segment, more)) => (if label { !segment.is_empty() } else { first == segment }) && path_matches(rest, more),
        None => false,
    }
}

/// The canned answers of one operation, used in order; the last one answers every request after.
#[derive(Debug)]
struct Rule {
    selector: Selector,
    answers: VecDeque<ReplayResponse>,
}

#[derive(Debug, Default)]
struct State {
    rules: Vec<Rule>,
    in_order: VecDeque<ReplayResponse>,
    requests: Vec<RecordedRequest>,
}

/// An in-memory transport for tests, async ([`HttpClient`]) and blocking
/// ([`BlockingHttpClient`]): it answers each request with a canned response for its operation
/// ([`on`](ReplayClient::on)), else with the next of the responses given in order
/// ([`then`](ReplayClient::then)), else with a transport error naming the request; and it
/// records every request. Clones share their answers and records, so keep one to inspect what
/// was sent after giving another to a configuration.
#[derive(Debug, Clone, Default)]
pub struct ReplayClient {
    state: Arc<Mutex<State>>,
}

impl ReplayClient {
    /// A client with no answers yet.
    pub fn new() -> Self {
        ReplayClient::default()
    }

    /// Answers requests of `operation` (`"GetSession"`, or `"GET /sessions/{SessionArn}"` for
    /// restJson1: see the [module documentation](self)) with `response`. Given more than once for
    /// an operation, the responses answer its requests in order, and the last one every request
    /// after (so `.on(op, throttled).on(op, ok)` tests a retry). The first operation given that
    /// matches a request answers it.
    pub fn on(self, operation: &str, response: impl Into<ReplayResponse>) -> Self {
        let selector = Selector::parse(operation);
        {
            let mut state = self.lock();
            match state.rules.iter_mut().find(|r| r.selector == selector) {
                Some(rule) => rule.answers.push_back(response.into()),
                None => state.rules.push(Rule { selector, answers: VecDeque::from([response.into()]) }),
            }
        }
        self
    }

    /// Answers the next request that no [`on`](ReplayClient::on) operation matches with
    /// `response`; each of these answers one request, in the order given.
    pub fn then(self, response: impl Into<ReplayResponse>) -> Self {
        self.lock().in_order.push_back(response.into());
        self
    }

    /// [`config_builder`] with this client as the async and the blocking transport.
    pub fn config_builder(&self) -> ConfigBuilder {
        config_builder().http_client(self.clone()).blocking_http_client(self.clone())
    }

    /// Every request received, in order (each attempt of a retried call is one).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// The requests received for `operation` (named as for [`on`](ReplayClient::on)), in order.
    pub fn sent(&self, operation: &str) -> Vec<RecordedRequest> {
        let selector = Selector::parse(operation);
        self.lock().requests.iter().filter(|r| selector.matches(r)).cloned().collect()
    }

    /// Runs `check` on each request received for `operation` (named as for
    /// [`on`](ReplayClient::on)).
    ///
    /// # Panics
    ///
    /// When no request for `operation` was received (the message lists those that were), or
    /// when `check` panics: this is an assertion, for tests.
    #[track_caller]
    pub fn assert_sent(&self, operation: &str, mut check: impl FnMut(&RecordedRequest)) {
        let sent = self.sent(operation);
        if sent.is_empty() {
            let received: Vec<String> = self.requests().iter().map(|r| format!("  {r}")).collect();
            let received = if received.is_empty() { "  (none)".to_string() } else { received.join("\n") };
            panic!("no request for `{operation}` was sent; the requests received:\n{received}");
        }
        for request in &sent {
            check(request);
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records the request and picks its answer.
    fn answer(&self, request: http::Request<Vec<u8>>, settings: &TransportSettings) -> Result<HttpResponse, TransportError> {
        let request = RecordedRequest(request);
        let mut state = self.lock();
        let rule = state.rules.iter_mut().find(|rule| rule.selector.matches(&request));
        let answer = match rule {
            Some(rule) if rule.answers.len() > 1 => rule.answers.pop_front(),
            Some(rule) => rule.answers.front().cloned(),
            None => state.in_order.pop_front(),
        };
        let described = request.to_string();
        state.requests.push(request);
        drop(state);
        let Some(ReplayResponse(answer)) = answer else {
            let hint = match described.contains("X-Amz-Target") {
                true => "",
                false => " (name a restJson1 operation by its \"METHOD /uri\")",
            };
            return Err(TransportError::other(format!("ReplayClient has no response for {described}{hint}")));
        };
        match answer {
            // As the real transports do, a body over the cap is an error.
            Ok(response) if response.body.len() > settings.max_body_bytes => Err(TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!("the canned body has {} bytes, over the cap of {}", response.body.len(), settings.max_body_bytes),
            )),
            answer => answer,
        }
    }
}

impl HttpClient for ReplayClient {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        settings: &'a TransportSettings,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        Box::pin(std::future::ready(self.answer(request, settings)))
    }
}

impl BlockingHttpClient for ReplayClient {
    fn send(&self, request: http::Request<Vec<u8>>, settings: &TransportSettings) -> Result<HttpResponse, TransportError> {
        self.answer(request, settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, uri: &str, target: Option<&str>) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().method(method).uri(uri);
        if let Some(target) = target {
            builder = builder.header("x-amz-target", target);
        }
        builder.body(Vec::new()).unwrap()
    }

    fn matches(selector: &str, method: &str, uri: &str, target: Option<&str>) -> bool {
        Selector::parse(selector).matches(&RecordedRequest(request(method, uri, target)))
    }

    #[test]
    fn operations_are_named_by_target_or_route() {
        let athena = Some("AmazonAthena.GetSession");
        assert!(matches("GetSession", "POST", "https://athena.us-east-1.amazonaws.com/", athena));
        assert!(matches("AmazonAthena.GetSession", "POST", "https://a/", athena));
        assert!(!matches("Other.GetSession", "POST", "https://a/", athena));
        assert!(!matches("GetSessions", "POST", "https://a/", athena));
        assert!(!matches("GetSession", "GET", "https://a/sessions/x", None));

        let route = "GET /sessions/{SessionArn}";
        assert!(matches(route, "GET", "https://mpa.us-east-1.api.aws/sessions/arn%3Aaws%3Ampa%3A%3A1", None));
        assert!(matches(route, "get", "https://a/sessions/x?y=z", None), "the method in any case; the query ignored");
        assert!(!matches(route, "POST", "https://a/sessions/x", None));
        assert!(!matches(route, "GET", "https://a/sessions/", None), "a label is never empty");
        assert!(!matches(route, "GET", "https://a/sessions/x/y", None));
        assert!(!matches(route, "GET", "https://a/session/x", None));
    }

    #[test]
    fn greedy_labels_take_one_or_more_segments() {
        let route = "GET /{Bucket}/{Key+}?x-id=GetObject";
        assert!(matches(route, "GET", "https://a/b/k", None));
        assert!(matches(route, "GET", "https://a/b/k/l/m", None));
        assert!(!matches(route, "GET", "https://a/b", None));
        assert!(!matches(route, "GET", "https://a/b/", None));
        let middle = "PUT /{Key+}/tags";
        assert!(matches(middle, "PUT", "https://a/k/l/tags", None));
        assert!(!matches(middle, "PUT", "https://a/tags", None));
        assert!(!matches(middle, "PUT", "https://a/k/l/tag", None));
    }

    #[test]
    fn answers_go_in_order_and_the_last_repeats() {
        let replay = ReplayClient::new()
            .on("GetSession", ReplayResponse::new(500, "first"))
            .on("Other", ReplayResponse::new(200, "other"))
            .on("GetSession", ReplayResponse::new(200, "second"))
            .then(ReplayResponse::new(201, "in order"));
        let settings = TransportSettings::default();
        let send = |target: &str| {
            let response = BlockingHttpClient::send(&replay, request("POST", "https://a/", Some(target)), &settings);
            response.map(|r| (r.status, r.body))
        };
        assert_eq!(send("S.GetSession"), Ok((500, b"first".to_vec())));
        assert_eq!(send("S.GetSession"), Ok((200, b"second".to_vec())));
        assert_eq!(send("S.GetSession"), Ok((200, b"second".to_vec())));
        assert_eq!(send("S.Unknown"), Ok((201, b"in order".to_vec())));
        let error = send("S.Unknown").unwrap_err();
        assert!(error.message().contains("POST https://a/ (X-Amz-Target: S.Unknown)"), "{error}");
        assert_eq!(replay.requests().len(), 5);
        assert_eq!(replay.sent("GetSession").len(), 3);
    }

    #[test]
    fn errors_are_the_protocols_form() {
        let ReplayResponse(Ok(response)) = ReplayResponse::error(404, "NotFound", "no \"such\" thing") else { panic!() };
        assert_eq!(response.status, 404);
        assert_eq!(response.headers["x-amzn-errortype"], "NotFound");
        assert_eq!(response.body, br#"{"__type":"NotFound","message":"no \"such\" thing"}"#.to_vec());
        let ReplayResponse(Err(error)) = ReplayResponse::new(200, "").header("bad name", "v") else { panic!() };
        assert!(error.message().contains("bad name"), "{error}");
    }
}
