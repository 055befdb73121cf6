//! What every error response carries whatever the protocol (code, message, request id,
//! status), the error of a response the model does not describe, and how a retry layer
//! classifies an error. Each protocol reads the code and message its own way
//! (`json_error` for the JSON protocols).

use super::super::text::escaped;
use super::DeserializeError;
use std::fmt;

/// What every error of an operation carries, modeled or not.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    status: u16,
    fault: Option<String>,
}

impl ErrorMetadata {
    /// The error code, sanitized (`FooError`, never `ns#FooError:http://...`).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message the service sent (`message`, `Message` or `errorMessage`).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request id (`x-amzn-requestid`, else `x-amz-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status code (0 when the error did not come from a response).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// For a service that moved from the awsQuery protocol (`@awsQueryCompatible`): the fault
    /// the service reported, `Sender` or `Receiver`.
    pub fn fault(&self) -> Option<&str> {
        self.fault.as_deref()
    }

    /// The code and fault an `@awsQueryCompatible` service sends in `x-amzn-query-error`
    /// (`Code;Fault`, aws-query-protocol.rst "awsQueryCompatible trait"): the code users of
    /// such a service have always seen, which replaces the one the error was matched by.
    pub fn with_query_error(mut self, headers: &http::HeaderMap) -> Self {
        let value = headers.get("x-amzn-query-error").and_then(|v| v.to_str().ok());
        if let Some((code, fault)) = value.and_then(|v| v.split_once(';')) {
            if !code.is_empty() {
                self.code = Some(code.to_string());
                self.fault = Some(fault.to_string()).filter(|f| !f.is_empty());
            }
        }
        self
    }
}

impl fmt::Debug for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorMetadata")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("status", &self.status)
            .field("fault", &self.fault)
            .finish()
    }
}

/// The code, message and request id are the service's text: shown [`escaped`].
impl fmt::Display for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escaped(self.code.as_deref().unwrap_or("unknown error")))?;
        if let Some(message) = &self.message {
            write!(f, ": {}", escaped(message))?;
        }
        write!(f, " (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {}", escaped(id))?;
        }
        f.write_str(")")
    }
}

impl ErrorMetadata {
    /// The metadata of an error response: the code and message a protocol read from it, and
    /// the request id from its headers.
    pub(crate) fn new(code: Option<String>, message: Option<String>, status: u16, headers: &http::HeaderMap) -> Self {
        ErrorMetadata { code, message, request_id: request_id(headers), status, fault: None }
    }

    /// The metadata of a response whose body could not be read as the model says.
    pub fn from_response(status: u16, headers: &http::HeaderMap) -> Self {
        ErrorMetadata { request_id: request_id(headers), status, ..ErrorMetadata::default() }
    }
}

/// An error the model does not describe, or a response that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhandled {
    meta: ErrorMetadata,
    source: Option<DeserializeError>,
}

impl Unhandled {
    /// An unmodeled error, with the reason the response could not be read, if that was the cause.
    pub fn new(meta: ErrorMetadata, source: Option<DeserializeError>) -> Self {
        Unhandled { meta, source }
    }

    /// Code, message, request id and status.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Some(source) => write!(f, "the response could not be read ({source}); {}", self.meta),
            None => write!(f, "unhandled error {}", self.meta),
        }
    }
}

impl std::error::Error for Unhandled {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The request id of a response, for outputs and errors alike (a trait, so it never clashes
/// with a modeled member named `RequestId`).
pub trait RequestId {
    /// The `x-amzn-requestid` (or `x-amz-request-id`) of the response.
    fn request_id(&self) -> Option<&str>;
}

/// The request id header of a response.
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    // Names made once, not parsed from text on every response.
    const NAMES: [http::HeaderName; 2] =
        [http::HeaderName::from_static("x-amzn-requestid"), http::HeaderName::from_static("x-amz-request-id")];
    NAMES.iter().find_map(|name| headers.get(name).and_then(|v| v.to_str().ok())).map(str::to_string)
}

/// How a retry layer should treat an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryKind {
    /// The service asked the client to slow down.
    Throttling,
    /// A failure that may pass on its own (5xx, timeouts).
    Transient,
    /// A modeled `@retryable` server error.
    ServerError,
    /// A modeled `@retryable` client error.
    ClientError,
}

/// Error codes retried as throttling (smithy-rs `aws-runtime` classifiers).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes retried as transient.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// Classifies an error: the HTTP status first (500, 502, 503, 504 are transient), then the
/// code lists, then the model's `@retryable` (a later rule overrides an earlier one's kind).
/// `modeled` is `Some((throttling, server))` for a modeled `@retryable` error.
pub fn retry_kind(meta: &ErrorMetadata, modeled: Option<(bool, bool)>) -> Option<RetryKind> {
    let mut kind = matches!(meta.status, 500 | 502 | 503 | 504).then_some(RetryKind::Transient);
    if let Some(code) = meta.code() {
        if THROTTLING_CODES.contains(&code) {
            kind = Some(RetryKind::Throttling);
        } else if TRANSIENT_CODES.contains(&code) {
            kind = Some(RetryKind::Transient);
        }
    }
    match modeled {
        Some((true, _)) => Some(RetryKind::Throttling),
        Some((false, true)) => Some(RetryKind::ServerError),
        Some((false, false)) => Some(RetryKind::ClientError),
        None => kind,
    }
}

#[cfg(test)]
mod tests {
    use super::super::json_error::error_metadata;
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, http::HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn retry_classification() {
        let meta = |status, code: &str| error_metadata(status, &headers(&[]), format!(r#"{{"__type":"{code}"}}"#).as_bytes());
        assert_eq!(retry_kind(&meta(503, "Whatever"), None), Some(RetryKind::Transient));
        assert_eq!(retry_kind(&meta(400, "TooManyRequestsException"), None), Some(RetryKind::Throttling));
        assert_eq!(retry_kind(&meta(429, "ThrottlingException"), None), Some(RetryKind::Throttling));
        assert_eq!(retry_kind(&meta(400, "RequestTimeout"), None), Some(RetryKind::Transient));
        assert_eq!(retry_kind(&meta(429, "SomethingElse"), None), None);
        assert_eq!(retry_kind(&meta(404, "ResourceNotFoundException"), None), None);
        assert_eq!(retry_kind(&meta(500, "InternalServerException"), Some((false, true))), Some(RetryKind::ServerError));
    }

    #[test]
    fn query_compatible_errors_show_the_query_code_and_fault() {
        let mut headers = http::HeaderMap::new();
        let body = br#"{"__type": "aws.protocoltests.json10#CustomCodeError", "message": "Hi"}"#;
        let meta = error_metadata(400, &headers, body);
        assert_eq!(meta.code(), Some("CustomCodeError"));
        assert_eq!(meta.clone().with_query_error(&headers), meta, "no header, no change");
        headers.insert("x-amzn-query-error", "Customized;Sender".parse().unwrap());
        let meta = meta.with_query_error(&headers);
        assert_eq!((meta.code(), meta.fault()), (Some("Customized"), Some("Sender")));
        headers.insert("x-amzn-query-error", "NoSemicolon".parse().unwrap());
        let plain = error_metadata(400, &headers, body).with_query_error(&headers);
        assert_eq!((plain.code(), plain.fault()), (Some("CustomCodeError"), None), "a malformed header is ignored");
    }
}
