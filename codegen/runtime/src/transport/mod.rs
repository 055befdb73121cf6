//! Sending a request and reading its response.
//!
//! [`HttpClient`] (async) and [`BlockingHttpClient`] are what the client orchestrator drives;
//! any HTTP stack fits behind them. Two implementations come with cargo features:
//!
//! - `rt-tokio`: `TokioHttpClient`, HTTP/1.1 by hyper on Tokio;
//! - `blocking`: `BlockingClient`, HTTP/1.1 on `std::net`.
//!
//! Both use TLS by rustls (crypto by `ring`, trust anchors from `webpki-roots`), and both:
//!
//! - send the request exactly as given: its method, the URI's path and query byte for byte (a
//!   signed `%2F` or `%3A` is neither decoded nor normalized), its headers, plus `Host` when the
//!   request has none (the URI's host, and its port unless it is the scheme's default), and its
//!   body; no other header is added (no `User-Agent`, no `Accept-Encoding`);
//! - never follow redirects (a 307 is returned as a response) and never decompress;
//! - stop reading a body as soon as it would exceed [`TransportSettings::max_body_bytes`]
//!   ([`TransportErrorKind::BodyTooLarge`]), and refuse at once a larger `Content-Length`;
//! - bound connecting by the connect timeout, and connecting, every write and every read (of
//!   interim `1xx` responses too) by the attempt's [`TransportSettings::deadline`], which the
//!   call path sets from the attempt and operation timeouts, however steadily bytes arrive;
//! - fail an exchange whose bytes stall ([`StalledStreamProtection`], on by default: under 1
//!   byte/s for 20 s, the wait for the response head included) or that receives nothing for the
//!   read timeout, with a transient [`TransportErrorKind::Timeout`];
//! - refuse as invalid ([`TransportErrorKind::InvalidResponse`], not retried) a response that is
//!   not HTTP/1.x, has a broken chunked framing, or has both `Transfer-Encoding` and
//!   `Content-Length` (RFC 9112, section 6.3); a reason phrase may hold obs-text (bytes 0x80 to
//!   0xFF, RFC 9112, section 4);
//! - open at most [`TransportSettings::max_connections_per_host`] connections to a host (50 by
//!   default): a call that finds them all busy waits for one, until its deadline;
//! - keep idle connections for reuse (at most 16 while no call waits for one, each for at most
//!   30 s), never one that failed, was cut short, was announced closed by the server or had a
//!   doubtful framing.

use std::fmt;
use std::time::{Duration, Instant};

#[cfg(feature = "blocking")]
mod blocking;
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
mod http1;
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
mod pool;
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
mod progress;
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
mod tls;
#[cfg(feature = "rt-tokio")]
mod tokio_client;

#[cfg(feature = "blocking")]
pub use blocking::BlockingClient;
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
pub use tls::{default_tls_config, tls_config_with_roots};
#[cfg(feature = "rt-tokio")]
pub use tokio_client::TokioHttpClient;
/// The TLS library of the default clients, for building a custom `rustls::ClientConfig`.
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
pub use rustls;

/// A boxed future that can move between threads.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// A response, its body read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code (`200`, `307`, `503`...).
    pub status: u16,
    /// The response headers.
    pub headers: http::HeaderMap,
    /// The body (at most [`TransportSettings::max_body_bytes`] bytes).
    pub body: Vec<u8>,
}

/// The connect timeout aws-config sets by default (smithy-rs: `aws-smithy-runtime`,
/// `src/client/defaults.rs`).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// The default cap on a response body: 16 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The default limit on the connections open to one host: 50.
///
/// The AWS SDK for Rust's default client (hyper's pool) sets no hard limit, so a burst of calls
/// opens a connection per call; a burst of 1,000 must not take 1,000 sockets (and as many TLS
/// handshakes). 50 is the default maximum of the AWS SDK for Java (`ClientConfiguration`'s
/// `DEFAULT_MAX_CONNECTIONS`), five times botocore's `max_pool_connections` of 10: concurrency
/// that ordinary programs reach does not wait, and a burst queues instead of exhausting sockets.
pub const DEFAULT_MAX_CONNECTIONS_PER_HOST: usize = 50;

/// Stalled-stream protection: an attempt fails when the bytes of its exchange move slower than
/// `min_bytes_per_sec`, measured over windows of `window`, for `grace` on end.
///
/// The AWS SDK for Rust has it on by default for request and response bodies, checking the rate
/// once a second against 1 byte/s with a grace period of 20 s (smithy-rs `aws-smithy-runtime-api`,
/// `client/stalled_stream_protection.rs`, and the `aws-sdk-rust` announcement "Stalled-stream
/// protection"). The default clients measure the whole exchange, from the first byte of the
/// request written to the last of the response read, either way counted, so the wait for the
/// response head is covered too: a server that accepts a connection and never answers fails the
/// attempt after about 21 s instead of holding it forever. A stall is a
/// [`TransportErrorKind::Timeout`], transient: it is retried like a timeout. An operation the
/// service may take longer than the grace period to start answering needs a longer grace (or
/// none: [`TransportSettings::stalled_stream`] `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StalledStreamProtection {
    /// The slowest rate accepted, in bytes per second (0: never stalls). Default 1.
    pub min_bytes_per_sec: u64,
    /// How long each measurement lasts (at least 1 ms). Default 1 s.
    pub window: Duration,
    /// How long the rate may stay under the minimum before the attempt fails (rounded up to whole
    /// windows, at least one). Default 20 s.
    pub grace: Duration,
}

impl Default for StalledStreamProtection {
    fn default() -> Self {
        StalledStreamProtection { min_bytes_per_sec: 1, window: Duration::from_secs(1), grace: Duration::from_secs(20) }
    }
}

/// How a client connects and reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportSettings {
    /// The longest wait to establish a connection, TLS handshake included (`None`: no limit).
    /// Default 3.1 s.
    pub connect_timeout: Option<Duration>,
    /// The longest wait for data once the request is being sent: for writing the request and
    /// receiving the response head, then for each piece of the body (`None`, the default: no
    /// limit).
    pub read_timeout: Option<Duration>,
    /// The largest response body accepted. Default 16 MiB.
    pub max_body_bytes: usize,
    /// When the attempt must be over (`None`, the default: no limit). Connecting, sending and every
    /// read stop with [`TransportErrorKind::Timeout`] once it passes, however steadily the bytes
    /// come. The call path sets it for each attempt from the attempt and operation timeouts.
    pub deadline: Option<Instant>,
    /// Stalled-stream protection (`None`: off). On by default, as in the AWS SDK for Rust.
    pub stalled_stream: Option<StalledStreamProtection>,
    /// The most connections the default clients open to one host (scheme, host and port; 0
    /// counts as 1). A call that finds them all busy waits for one to be free, until its
    /// deadline. Default [`DEFAULT_MAX_CONNECTIONS_PER_HOST`] (50).
    pub max_connections_per_host: usize,
}

impl Default for TransportSettings {
    fn default() -> Self {
        TransportSettings {
            connect_timeout: Some(DEFAULT_CONNECT_TIMEOUT),
            read_timeout: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            deadline: None,
            stalled_stream: Some(StalledStreamProtection::default()),
            max_connections_per_host: DEFAULT_MAX_CONNECTIONS_PER_HOST,
        }
    }
}

/// What went wrong while sending a request or reading its response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be established: name resolution, refused, unreachable, the connect
    /// timeout, or a failed TLS handshake. The request was not sent.
    Connect,
    /// The read timeout elapsed, the attempt's deadline passed (the attempt or operation timeout),
    /// or the exchange stalled ([`StalledStreamProtection`]).
    Timeout,
    /// The connection failed once established: reset, closed early, a response cut short.
    Io,
    /// The response body is larger than [`TransportSettings::max_body_bytes`].
    BodyTooLarge,
    /// The response is not valid HTTP/1.x (status line, headers, chunked framing).
    InvalidResponse,
    /// Anything else: an unsupported URI, a rejected TLS certificate, no runtime...
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "I/O error",
            TransportErrorKind::BodyTooLarge => "response body too large",
            TransportErrorKind::InvalidResponse => "invalid response",
            TransportErrorKind::Other => "request failed",
        })
    }
}

/// A request that could not be sent, or a response that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
}

impl TransportError {
    /// An error of a kind, with what happened.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into() }
    }

    /// A [`TransportErrorKind::Connect`] error.
    pub fn connect(message: impl Into<String>) -> Self {
        TransportError::new(TransportErrorKind::Connect, message)
    }

    /// A [`TransportErrorKind::Timeout`] error.
    pub fn timeout(message: impl Into<String>) -> Self {
        TransportError::new(TransportErrorKind::Timeout, message)
    }

    /// A [`TransportErrorKind::Io`] error.
    pub fn io(message: impl Into<String>) -> Self {
        TransportError::new(TransportErrorKind::Io, message)
    }

    /// A [`TransportErrorKind::Other`] error.
    pub fn other(message: impl Into<String>) -> Self {
        TransportError::new(TransportErrorKind::Other, message)
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// What happened, in words.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether a retry may succeed (AWS SDKs and Tools Reference Guide, "Retry behavior"):
    /// connect errors, timeouts and I/O errors (including responses cut short) are transient; a
    /// body over the cap, an invalid response and other errors are not.
    pub fn is_transient(&self) -> bool {
        matches!(self.kind, TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, super::text::escaped(&self.message))
    }
}

impl std::error::Error for TransportError {}

/// Sends requests asynchronously.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response; never follows redirects.
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        settings: &'a TransportSettings,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>>;
}

/// Sends requests, blocking the calling thread.
pub trait BlockingHttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response; never follows redirects. The call path
    /// cannot interrupt a blocking send: the attempt and operation timeouts hold only if the
    /// client stops at [`TransportSettings::deadline`].
    fn send(&self, request: http::Request<Vec<u8>>, settings: &TransportSettings) -> Result<HttpResponse, TransportError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_kinds() {
        use TransportErrorKind::*;
        for (kind, transient) in [(Connect, true), (Timeout, true), (Io, true), (BodyTooLarge, false), (InvalidResponse, false), (Other, false)] {
            assert_eq!(TransportError::new(kind, "x").is_transient(), transient, "{kind:?}");
        }
        assert_eq!(TransportError::timeout("after 1s").to_string(), "timed out: after 1s");
    }
}
