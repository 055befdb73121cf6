//! The call path of a generated client: resolve the endpoint, build the request, then for
//! each attempt sign it (SigV4: IAM User Guide, "Create a signed AWS API request"), send it,
//! read the response, and decide whether to retry (AWS SDKs and Tools Reference Guide, "Retry
//! behavior"). The async and the blocking drivers share every decision; they differ only in how
//! they send and sleep.

use super::config::{Config, EndpointError};
use super::credentials::CredentialsError;
use super::endpoint::Endpoint;
use super::json::Value;
use super::retry::{self, RetryDecision, TokenBucket};
use super::sigv4::{self, SigningParams};
use super::transport::{HttpResponse, TransportError, TransportSettings};
use super::wire::error::RetryKind;
use super::wire::SerializeError;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the orchestrator needs to know about an operation.
#[derive(Debug)]
pub struct OperationInfo {
    /// The operation's shape name (`GetSession`), for errors.
    pub name: &'static str,
    /// The SigV4 signing name from the model (`athena`), unless the endpoint says otherwise;
    /// `None` for a service without `aws.auth#sigv4`, whose requests are sent unsigned.
    pub signing_name: Option<&'static str>,
    /// The service's endpoint resolver; the endpoint is shared with the configuration's cache.
    pub resolve_endpoint: fn(&Config) -> Result<Arc<Endpoint>, EndpointError>,
    /// What the operation's traits ask of the built request before it is signed, in order:
    /// compression (`@requestCompression`), then checksums of the body as sent
    /// (`@httpChecksumRequired`). Each step lives in the module of its trait, so a crate
    /// whose operations use neither carries neither.
    pub before_signing: &'static [RequestStep],
}

/// A change to a built request before signing (see [`OperationInfo::before_signing`]).
pub type RequestStep = fn(&Config, &mut http::Request<Vec<u8>>) -> Result<(), ConstructionError>;

/// An operation error the retry strategy can classify.
pub trait OperationError: std::error::Error + Send + Sync + 'static {
    /// How a retry layer should treat the error (`None`: do not retry).
    fn retry_kind(&self) -> Option<RetryKind>;
}

/// Why a call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The request could not be built: endpoint, serialization, credentials or signing.
    Construction(ConstructionError),
    /// The call ran past its operation timeout, or its last attempt past the attempt timeout.
    Timeout(Duration),
    /// The request could not be sent or its response read (after any retries).
    Dispatch(TransportError),
    /// The service answered with an error (after any retries).
    Service(E),
}

impl<E> SdkError<E> {
    /// The service error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service error, if the service answered with one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Construction(e) => write!(f, "{e}"),
            SdkError::Timeout(after) => write!(f, "the call timed out after {after:?}"),
            SdkError::Dispatch(e) => write!(f, "the request could not be sent: {e}"),
            SdkError::Service(e) => write!(f, "service error: {e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Construction(e) => Some(e),
            SdkError::Timeout(_) => None,
            SdkError::Dispatch(e) => Some(e),
            SdkError::Service(e) => Some(e),
        }
    }
}

/// A request that could not be built. When the credentials failed, [`std::error::Error::source`]
/// is the [`CredentialsError`].
#[derive(Debug, Clone, PartialEq)]
pub struct ConstructionError {
    message: String,
    source: Option<Box<CredentialsError>>,
}

impl ConstructionError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConstructionError { message: message.into(), source: None }
    }
}

impl fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", super::text::escaped(&self.message))
    }
}

impl std::error::Error for ConstructionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}

impl<E> From<EndpointError> for SdkError<E> {
    fn from(e: EndpointError) -> Self {
        SdkError::Construction(ConstructionError::new(format!("cannot resolve the endpoint: {e}")))
    }
}

impl<E> From<SerializeError> for SdkError<E> {
    fn from(e: SerializeError) -> Self {
        SdkError::Construction(ConstructionError::new(e.to_string()))
    }
}

impl<E> From<CredentialsError> for SdkError<E> {
    fn from(e: CredentialsError) -> Self {
        let message = format!("no credentials: {e}");
        SdkError::Construction(ConstructionError { message, source: Some(Box::new(e)) })
    }
}

/// Everything fixed for one call: the endpoint the request is built for, how to sign it.
struct Call<'c> {
    endpoint: Arc<Endpoint>,
    /// The SigV4 scope (name, region), or `None` to send unsigned.
    signing: Option<(Cow<'c, str>, Cow<'c, str>)>,
    invocation_id: [u8; 36],
    max_attempts: u32,
}

/// Resolves the endpoint, builds the signing scope and the request of the first attempt. The
/// transport takes each attempt's request, so a retry builds its own again rather than every
/// attempt sending a copy: building is deterministic (an idempotency token is set before), and
/// rare. The first request is kept apart from the [`Call`], which an async call holds across
/// its awaits, so that it is not held there once sent.
fn prepare<'c, E>(
    config: &'c Config,
    op: &OperationInfo,
    serialize: &impl Fn(&Endpoint) -> Result<http::Request<Vec<u8>>, SerializeError>,
) -> Result<(Call<'c>, http::Request<Vec<u8>>), SdkError<E>> {
    let mut endpoint = (op.resolve_endpoint)(config)?;
    // Copied only when the configuration turns host prefixes off for an endpoint that keeps them.
    if config.disable_host_prefix_injection() && !endpoint.disable_host_prefix {
        Arc::make_mut(&mut endpoint).disable_host_prefix = true;
    }
    let first = build_request(config, op, &endpoint, serialize)?;
    // An endpoint's `authSchemes` may change the signing name and region of SigV4.
    let scheme = endpoint.auth_schemes().iter().find(|s| s.get("name").and_then(Value::as_str) == Some("sigv4"));
    let from_scheme = |key: &str| scheme.and_then(|s| s.get(key)).and_then(Value::as_str).map(|v| Cow::Owned(v.into()));
    let signing = match from_scheme("signingName").or_else(|| op.signing_name.map(Cow::Borrowed)) {
        None => None,
        Some(name) => {
            let region = from_scheme("signingRegion")
                .or_else(|| config.region().map(Cow::Borrowed))
                .ok_or_else(|| SdkError::Construction(ConstructionError::new("no region to sign the request for")))?;
            Some((name, region))
        }
    };
    let call = Call {
        endpoint,
        signing,
        invocation_id: retry::invocation_id_ascii(config.random()),
        max_attempts: config.retry_config().max_attempts.max(1),
    };
    Ok((call, first))
}

/// The request for `endpoint`, with the operation's changes before signing.
fn build_request<E>(
    config: &Config,
    op: &OperationInfo,
    endpoint: &Endpoint,
    serialize: &impl Fn(&Endpoint) -> Result<http::Request<Vec<u8>>, SerializeError>,
) -> Result<http::Request<Vec<u8>>, SdkError<E>> {
    let mut request = serialize(endpoint)?;
    for step in op.before_signing {
        step(config, &mut request).map_err(SdkError::Construction)?;
    }
    Ok(request)
}

/// The request of one attempt (`first`, the one [`prepare`] built, or built again): signed at
/// `now`, then the headers that are never signed.
fn attempt_request<E>(
    config: &Config,
    op: &OperationInfo,
    call: &Call<'_>,
    serialize: &impl Fn(&Endpoint) -> Result<http::Request<Vec<u8>>, SerializeError>,
    attempt: u32,
    first: Option<http::Request<Vec<u8>>>,
) -> Result<http::Request<Vec<u8>>, SdkError<E>> {
    let mut request = match first {
        Some(request) => request,
        None => build_request(config, op, &call.endpoint, serialize)?,
    };
    if let Some((name, region)) = &call.signing {
        let time = config.time_source().now();
        let credentials = config.credentials_provider().provide_credentials()?.unexpired_at(time)?;
        let params = SigningParams { credentials: &credentials, region, service: name, time };
        sigv4::sign(&mut request, &params)
            .map_err(|e| SdkError::Construction(ConstructionError::new(format!("cannot sign the request: {e}"))))?;
    }
    let headers = request.headers_mut();
    if let Ok(value) = http::HeaderValue::from_bytes(&call.invocation_id) {
        headers.insert(AMZ_SDK_INVOCATION_ID, value);
    }
    if let Some(value) = retry::request_header_value(attempt, call.max_attempts) {
        headers.insert(AMZ_SDK_REQUEST, value);
    }
    headers.insert(http::header::USER_AGENT, USER_AGENT);
    Ok(request)
}

const AMZ_SDK_INVOCATION_ID: http::HeaderName = http::HeaderName::from_static("amz-sdk-invocation-id");
const AMZ_SDK_REQUEST: http::HeaderName = http::HeaderName::from_static("amz-sdk-request");

/// `User-Agent`: this crate, not the AWS SDK (checked when the crate is compiled).
const USER_AGENT: http::HeaderValue =
    http::HeaderValue::from_static(concat!("aws-lite/", env!("CARGO_PKG_VERSION"), " lang/rust"));

/// The transport settings of an attempt starting now: those of the configuration, with the
/// deadline the attempt timeout sets, or the call's (`call_deadline`) if that comes first.
fn attempt_settings(config: &Config, call_deadline: Option<Instant>) -> TransportSettings {
    let mut settings = config.transport_settings().clone();
    let attempt_deadline = config.attempt_timeout().and_then(|limit| Instant::now().checked_add(limit));
    settings.deadline = [settings.deadline, attempt_deadline, call_deadline].into_iter().flatten().min();
    settings
}

/// The operation timeout and when it ends, for a call starting now.
fn call_deadline(config: &Config) -> Option<(Duration, Instant)> {
    config.operation_timeout().and_then(|limit| Some((limit, Instant::now().checked_add(limit)?)))
}

/// Whether an attempt failed in the transport because the call's time is up.
fn out_of_time(outcome: &Result<HttpResponse, TransportError>, call: Option<(Duration, Instant)>) -> Option<Duration> {
    match (outcome, call) {
        (Err(_), Some((limit, deadline))) if Instant::now() >= deadline => Some(limit),
        _ => None,
    }
}

/// What to do after an attempt.
enum Next<'a, O, E> {
    Done(Result<O, SdkError<E>>),
    RetryAfter(Duration, UnsentRetry<'a>),
}

/// The tokens a retry took from the quota, until it is sent. A retry that is never sent (the
/// operation's deadline passes first, or its request cannot be signed) gives them back when it
/// is dropped, the async call's future included.
struct UnsentRetry<'a> {
    bucket: &'a TokenBucket,
    cost: u32,
}

impl UnsentRetry<'_> {
    /// The retry is being sent: its tokens stay spent. Returns what they were.
    fn sent(mut self) -> u32 {
        std::mem::take(&mut self.cost)
    }
}

impl Drop for UnsentRetry<'_> {
    fn drop(&mut self) {
        if self.cost > 0 {
            self.bucket.refund(self.cost);
        }
    }
}

/// Reads an attempt's outcome and decides: return it, or retry after a delay. `last_cost` is
/// what the attempt, when it is a retry, took from the quota: refunded on success.
fn after_attempt<'a, O, E: OperationError>(
    config: &'a Config,
    attempt: u32,
    last_cost: Option<u32>,
    outcome: Result<HttpResponse, TransportError>,
    parse: fn(u16, &http::HeaderMap, &[u8]) -> Result<O, E>,
) -> Next<'a, O, E> {
    let bucket = config.token_bucket();
    let (kind, transient, retry_after, failure) = match outcome {
        Ok(response) => match parse(response.status, &response.headers, &response.body) {
            Ok(output) => {
                bucket.success(last_cost);
                return Next::Done(Ok(output));
            }
            Err(error) => (error.retry_kind(), false, retry::retry_after(&response.headers), SdkError::Service(error)),
        },
        Err(error) => (None, error.is_transient(), None, SdkError::Dispatch(error)),
    };
    // Drawn only for a failed attempt: the jitter of its retry's delay.
    let random = config.random().next_f64();
    match bucket.decide(attempt, config.retry_config(), kind, transient, retry_after, random) {
        RetryDecision::Retry { delay, cost } => Next::RetryAfter(delay, UnsentRetry { bucket, cost }),
        RetryDecision::GiveUp(_) => Next::Done(Err(failure)),
    }
}

/// Calls an operation with the async HTTP client and sleep of the configuration.
///
/// The caller's runtime may move this future a few times before polling it, copying all of it
/// each time, so what it holds across awaits is kept small: the first request is built inside
/// the attempts and sent before their first await, and the attempts are pinned in place rather
/// than moved into the operation timeout (an `async fn` keeps both its argument and its pinned
/// copy).
pub async fn invoke<O, E: OperationError>(
    config: &Config,
    op: &OperationInfo,
    serialize: impl Fn(&Endpoint) -> Result<http::Request<Vec<u8>>, SerializeError>,
    parse: fn(u16, &http::HeaderMap, &[u8]) -> Result<O, E>,
) -> Result<O, SdkError<E>> {
    let (client, sleep) = (config.http_client(), config.async_sleep());
    // The transport gets the deadlines too, and the sleep races them: a transport that cannot
    // enforce a deadline is still stopped.
    let deadline = call_deadline(config);
    let attempts = std::pin::pin!(async {
        let (call, first) = prepare(config, op, &serialize)?;
        let (Some(client), Some(sleep)) = (client, sleep) else {
            return Err(SdkError::Construction(ConstructionError::new(
                "no async HTTP client or sleep configured (enable the `rt-tokio` feature or set them in the Config)",
            )));
        };
        let mut attempt = 1;
        // The retry about to be sent, whose tokens are spent once it is.
        let mut unsent = None;
        let mut first = Some(first);
        loop {
            // Moved in, not taken: a local moved from is not kept in this future across an await.
            let request = attempt_request(config, op, &call, &serialize, attempt, first)?;
            let last_cost = unsent.take().map(UnsentRetry::sent);
            let settings = attempt_settings(config, deadline.map(|(_, at)| at));
            let send = client.send(request, &settings);
            let outcome = match config.attempt_timeout() {
                Some(limit) => match retry::timeout(send, sleep.sleep(limit)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(TransportError::timeout(format!("attempt timed out after {limit:?}"))),
                },
                None => send.await,
            };
            if let Some(limit) = out_of_time(&outcome, deadline) {
                return Err(SdkError::Timeout(limit));
            }
            // Out of the match before waiting: its scrutinee (the whole result) would otherwise
            // be kept in this future across the sleep, making every call's future larger.
            let (delay, retry) = match after_attempt(config, attempt, last_cost, outcome, parse) {
                Next::Done(result) => return result,
                Next::RetryAfter(delay, retry) => (delay, retry),
            };
            unsent = Some(retry);
            sleep.sleep(delay).await;
            first = None;
            attempt += 1;
        }
    });
    match (config.operation_timeout(), sleep) {
        (Some(limit), Some(sleep)) => {
            retry::timeout(attempts, sleep.sleep(limit)).await.unwrap_or(Err(SdkError::Timeout(limit)))
        }
        // Without a sleep the attempts stop at once, with the error saying so.
        _ => attempts.await,
    }
}

/// Calls an operation with the blocking HTTP client and sleep of the configuration.
pub fn invoke_blocking<O, E: OperationError>(
    config: &Config,
    op: &OperationInfo,
    serialize: impl Fn(&Endpoint) -> Result<http::Request<Vec<u8>>, SerializeError>,
    parse: fn(u16, &http::HeaderMap, &[u8]) -> Result<O, E>,
) -> Result<O, SdkError<E>> {
    let (call, first) = prepare(config, op, &serialize)?;
    let Some(client) = config.blocking_http_client() else {
        return Err(SdkError::Construction(ConstructionError::new(
            "no blocking HTTP client configured (enable the `blocking` feature or set one in the Config)",
        )));
    };
    let sleep = config.blocking_sleep();
    // A blocking send cannot be raced: the transport enforces the deadline of each attempt.
    let deadline = call_deadline(config);
    let mut attempt = 1;
    let mut unsent = None;
    let mut first = Some(first);
    loop {
        if let Some((limit, at)) = deadline {
            if Instant::now() >= at {
                return Err(SdkError::Timeout(limit));
            }
        }
        let settings = attempt_settings(config, deadline.map(|(_, at)| at));
        let request = attempt_request(config, op, &call, &serialize, attempt, first.take())?;
        let last_cost = unsent.take().map(UnsentRetry::sent);
        let outcome = client.send(request, &settings);
        if let Some(limit) = out_of_time(&outcome, deadline) {
            return Err(SdkError::Timeout(limit));
        }
        match after_attempt(config, attempt, last_cost, outcome, parse) {
            Next::Done(result) => return result,
            Next::RetryAfter(delay, retry) => {
                unsent = Some(retry);
                if let Some((limit, deadline)) = deadline {
                    if Instant::now().checked_add(delay).is_none_or(|resume| resume >= deadline) {
                        return Err(SdkError::Timeout(limit));
                    }
                }
                sleep.sleep(delay);
            }
        }
        attempt += 1;
    }
}
