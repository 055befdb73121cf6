//! The default async client: HTTP/1.1 by hyper's connection API on Tokio, TLS by rustls.

use super::http1::{body_too_large, check_framing_headers, content_length, error_chain, origin_form, Target};
use super::pool::{Lease, Pool};
use super::progress::{Expired, Progress};
use super::proxy::{self, Protocol, Proxy, ProxyConfig, SocksStep};
use super::{
    tls, BoxFuture, HttpClient, HttpResponse,
    TransportError, TransportErrorKind, TransportSettings,
};
use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use hyper::client::conn::http1;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// How long to wait for an idle connection to be ready for the next request.
const READY_WAIT: Duration = Duration::from_millis(250);

/// The default async HTTP client (feature `rt-tokio`): HTTP/1.1 by hyper on Tokio, TLS by
/// rustls. Must be used inside a Tokio runtime with I/O and time enabled (as `#[tokio::main]`
/// builds); connection tasks are spawned on it. At most
/// [`TransportSettings::max_connections_per_host`] connections are open to a host: a call over
/// it waits for one to be free. No proxy unless given one ([`TokioHttpClient::with_proxy`]).
/// Cloning is cheap and shares the connections.
#[derive(Clone)]
pub struct TokioHttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    /// `None`: the default configuration, fetched at the first TLS connection, so that making a
    /// client (as every configuration without a client of its own does) costs no TLS setup.
    tls: Option<Arc<rustls::ClientConfig>>,
    proxy: ProxyConfig,
    pool: Arc<Pool<Connection>>,
}

/// An open connection: what sends on it, and what its I/O learns of each exchange.
struct Connection {
    sender: http1::SendRequest<RequestBody>,
    exchange: Arc<Mutex<Exchange>>,
}

/// What the connection's I/O sees of the current request and response that hyper does not report.
#[derive(Debug, Default)]
struct Exchange {
    head: HeadScan,
    /// The bytes moved, against the deadline, the read timeout and stalls (`None` while idle).
    progress: Option<Progress>,
}

impl Exchange {
    fn start(settings: &TransportSettings) -> Exchange {
        Exchange { head: HeadScan::default(), progress: Some(Progress::start(settings, Instant::now())) }
    }

    fn record(&mut self, bytes: usize) {
        if let Some(progress) = &mut self.progress {
            progress.record(bytes, Instant::now());
        }
    }
}

fn lock(exchange: &Mutex<Exchange>) -> std::sync::MutexGuard<'_, Exchange> {
    exchange.lock().unwrap_or_else(PoisonError::into_inner)
}

impl TokioHttpClient {
    /// A client that trusts the webpki root certificates.
    pub fn new() -> Self {
        TokioHttpClient { inner: Arc::new(Inner { tls: None, proxy: ProxyConfig::disabled(), pool: Pool::new() }) }
    }

    /// A client with its own TLS configuration (custom trust anchors, client certificates...).
    pub fn with_tls_config(tls: Arc<rustls::ClientConfig>) -> Self {
        TokioHttpClient { inner: Arc::new(Inner { tls: Some(tls), proxy: ProxyConfig::disabled(), pool: Pool::new() }) }
    }

    /// This client with its TLS configuration, sending through the proxies `proxy` names (a new
    /// client: its connections are not shared with this one's).
    pub fn with_proxy(self, proxy: ProxyConfig) -> Self {
        TokioHttpClient { inner: Arc::new(Inner { tls: self.inner.tls.clone(), proxy, pool: Pool::new() }) }
    }

    async fn send_request(
        &self,
        request: http::Request<Vec<u8>>,
        settings: &TransportSettings,
    ) -> Result<HttpResponse, TransportError> {
        let target = Target::of(request.uri())?;
        let proxy = self.inner.proxy.proxy_for(&target);
        let mut pending = hyper_request(request, &target, proxy.filter(|proxy| !target.https && proxy.takes_absolute_form()))?;
        // A lease dropped on an error (or a retry on another connection) closes its connection
        // and frees its place.
        let (lease, exchange, response) = loop {
            let (mut lease, reused) = self.lease(&target, settings).await?;
            let connection = match lease.connection.as_mut() {
                Some(connection) => connection,
                None => lease.connection.insert(self.connect(&target, proxy, settings).await?),
            };
            let exchange = connection.exchange.clone();
            *lock(&exchange) = Exchange::start(settings);
            let sending = connection.sender.try_send_request(pending);
            match watched(&exchange, "sending the request or waiting for the response", sending).await? {
                Ok(response) => break (lease, exchange, response),
                Err(mut error) => match error.take_message() {
                    // An idle connection closed before the request went out: use a new one.
                    Some(request) if reused => pending = request,
                    _ => return Err(hyper_error(error.into_error())),
                },
            }
        };
        let status = response.status().as_u16();
        let (parts, mut incoming) = response.into_parts();
        // hyper drops a Content-Length that comes with Transfer-Encoding; the I/O saw both. On error
        // the connection is dropped, not pooled: hyper closes it.
        check_framing_headers(&parts.headers)?;
        if lock(&exchange).head.has_both_framings() {
            return Err(TransportError::new(
                TransportErrorKind::InvalidResponse,
                "the response has both Transfer-Encoding and Content-Length",
            ));
        }
        let max = settings.max_body_bytes;
        if let Some(length) = content_length(&parts.headers).transpose()? {
            if length > max as u64 {
                return Err(body_too_large(max));
            }
        }
        let mut body = Vec::new();
        loop {
            let frame = std::future::poll_fn(|cx| Pin::new(&mut incoming).poll_frame(cx));
            match watched(&exchange, "reading the response body", frame).await? {
                None => break,
                Some(Err(error)) => return Err(hyper_error(error)),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        if data.len() > max - body.len() {
                            return Err(body_too_large(max));
                        }
                        body.extend_from_slice(&data);
                    }
                }
            }
        }
        // The whole response was read: the connection may take another request (one the
        // server announced closed is seen closed, or not ready, when taken from the pool).
        lock(&exchange).progress = None;
        if lease.connection.as_ref().is_some_and(|connection| !connection.sender.is_closed()) {
            lease.keep();
        }
        Ok(HttpResponse { status, headers: parts.headers, body })
    }

    /// A lease on a connection to `target`: an idle one ready for a request, or the place to open
    /// one; with whether it is a reused connection. Waits while the host has all the connections
    /// it may, until the attempt's deadline.
    async fn lease(
        &self,
        target: &Target,
        settings: &TransportSettings,
    ) -> Result<(Lease<Connection>, bool), TransportError> {
        let limit = settings.max_connections_per_host;
        let what = format!("waiting for one of the {limit} connections to {} to be free", target.authority);
        let usable = |connection: &Connection| !connection.sender.is_closed();
        loop {
            let mut lease = by_deadline(settings.deadline, &what, self.inner.pool.lease(target, limit, &usable)).await?;
            let Some(connection) = lease.connection.as_mut() else { return Ok((lease, false)) };
            // Lets the connection's task see a close that already arrived (on a current-thread
            // runtime it runs only when this task yields): a request sent on a connection the
            // server closed fails, not to be retried, once it went out.
            tokio::task::yield_now().await;
            if connection.sender.is_closed() {
                continue;
            }
            if connection.sender.is_ready() {
                return Ok((lease, true));
            }
            let ready = with_timeout(Some(READY_WAIT), connection.sender.ready());
            if let Some(Ok(())) = by_deadline(settings.deadline, &what, ready).await? {
                return Ok((lease, true));
            }
            // Not ready in time: closed, and another try.
        }
    }

    /// Opens a connection (TCP, to the proxy when the request goes through one, and TLS to an
    /// `https://` proxy; then for https a `CONNECT` tunnel through the proxy, and TLS to the
    /// origin) and starts its hyper task.
    async fn connect(
        &self,
        target: &Target,
        proxy: Option<&Proxy>,
        settings: &TransportSettings,
    ) -> Result<Connection, TransportError> {
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|_| TransportError::other("TokioHttpClient needs to run inside a Tokio runtime"))?;
        // A timeout polls its future before looking at the time: no connection once it is too late.
        if settings.deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            return Err(Expired::Deadline.error(&format!("connecting to {}", target.authority)));
        }
        let exchange = Arc::new(Mutex::new(Exchange::default()));
        let opening = with_timeout(settings.connect_timeout, self.open(target, proxy, exchange.clone()));
        let opened = by_deadline(settings.deadline, &format!("connecting to {}", target.authority), opening).await?;
        let io = match opened {
            Some(io) => io?,
            None => {
                let after = settings.connect_timeout.unwrap_or_default();
                return Err(TransportError::connect(format!("connecting to {} timed out after {after:?}", target.authority)));
            }
        };
        let (sender, connection) = http1::Builder::new().handshake(io).await.map_err(hyper_error)?;
        runtime.spawn(async move {
            // The connection's end (closed by either side, or failed) is seen by its sender.
            let _ = connection.await;
        });
        Ok(Connection { sender, exchange })
    }

    async fn open(
        &self,
        target: &Target,
        proxy: Option<&Proxy>,
        exchange: Arc<Mutex<Exchange>>,
    ) -> Result<HyperIo, TransportError> {
        let (host, port, what) = match proxy {
            Some(proxy) => (proxy.host.as_str(), proxy.port, format!("the proxy {}", proxy.authority)),
            None => (target.host.as_str(), target.port, target.authority.clone()),
        };
        let tcp = TcpStream::connect((host, port))
            .await
            .map_err(|e| TransportError::connect(format!("cannot connect to {what}: {}", error_chain(&e))))?;
        let _ = tcp.set_nodelay(true);
        let config = || self.inner.tls.clone().unwrap_or_else(super::default_tls_config);
        let handshake = |host: &str, shown: &str, io: Stream| {
            let (name, connector) = (tls::server_name(host), tokio_rustls::TlsConnector::from(config()));
            let shown = shown.to_string();
            async move {
                let tls = connector.connect(name?, io).await.map_err(|e| tls::handshake_error(&shown, &e))?;
                Ok::<_, TransportError>(Stream::Tls(Box::new(tls)))
            }
        };
        // The first hop: the origin, or the proxy (over TLS for an `https://` proxy).
        let mut hop = match proxy.filter(|proxy| proxy.protocol == Protocol::Https) {
            Some(proxy) => handshake(&proxy.host, &what, Stream::Plain(tcp)).await?,
            None => Stream::Plain(tcp),
        };
        match proxy {
            Some(proxy) if proxy.protocol == Protocol::Socks5 => socks_tunnel(&mut hop, target, proxy).await?,
            Some(proxy) if target.https => tunnel(&mut hop, target, proxy).await?,
            _ => {}
        }
        let stream = match target.https {
            true => handshake(&target.host, &target.authority, hop).await?,
            false => hop,
        };
        Ok(HyperIo { stream, scratch: vec![0; 16 * 1024], exchange })
    }
}

impl Default for TokioHttpClient {
    fn default() -> Self {
        TokioHttpClient::new()
    }
}

impl fmt::Debug for TokioHttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let idle = self.inner.pool.idle_len();
        f.debug_struct("TokioHttpClient")
            .field("proxy", &self.inner.proxy)
            .field("idle_connections", &idle)
            .finish_non_exhaustive()
    }
}

impl HttpClient for TokioHttpClient {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        settings: &'a TransportSettings,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_request(request, settings))
    }
}

/// Opens a tunnel to `target` through `proxy` on `hop` (the caller bounds the time it takes):
/// `CONNECT`, then the response head read a byte at a time, so that nothing of what follows it
/// (the origin's TLS) is read here.
async fn tunnel(hop: &mut Stream, target: &Target, proxy: &Proxy) -> Result<(), TransportError> {
    let failed = |e: io::Error| TransportError::connect(format!("CONNECT through the proxy {}: {e}", proxy.authority));
    write_all(hop, &proxy::connect_request(target, proxy)).await.map_err(failed)?;
    let mut head = Vec::new();
    loop {
        let mut byte = [0u8];
        let byte = match read_exact(hop, &mut byte).await {
            Ok(()) => Some(byte[0]),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => None,
            Err(e) => return Err(failed(e)),
        };
        if proxy::push_connect_answer(&mut head, byte, proxy)? {
            break;
        }
    }
    proxy::check_connect_response(&head, proxy, target)
}

/// Opens a SOCKS5 tunnel to `target` through `proxy` on `hop`, for http and https alike (the
/// caller bounds the time it takes): each message written, each answer read to its exact length,
/// so that nothing of what follows is read here.
async fn socks_tunnel(hop: &mut Stream, target: &Target, proxy: &Proxy) -> Result<(), TransportError> {
    let failed = |e: io::Error| proxy::socks_io_error(proxy, &e);
    let mut handshake = proxy::SocksHandshake::new(proxy, target);
    let mut read = Vec::new();
    loop {
        match handshake.next(&read)? {
            SocksStep::Send(message) => {
                write_all(hop, &message).await.map_err(failed)?;
                read.clear();
            }
            SocksStep::Read(n) => {
                read = vec![0u8; n];
                read_exact(hop, &mut read).await.map_err(failed)?;
            }
            SocksStep::Done => return Ok(()),
        }
    }
}

/// Writes all of `bytes` to `stream` and flushes it (over TLS, they may otherwise stay in the
/// session's buffer).
async fn write_all(stream: &mut Stream, bytes: &[u8]) -> io::Result<()> {
    let mut written = 0;
    while written < bytes.len() {
        match std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_write(cx, &bytes[written..])).await? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => written += n,
        }
    }
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_flush(cx)).await
}

/// Fills `buf` from `stream`, and no more; an end of stream first is `UnexpectedEof`.
async fn read_exact(stream: &mut Stream, buf: &mut [u8]) -> io::Result<()> {
    let mut filled = 0;
    while filled < buf.len() {
        let mut read = ReadBuf::new(&mut buf[filled..]);
        std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_read(cx, &mut read)).await?;
        match read.filled().len() {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => filled += n,
        }
    }
    Ok(())
}

/// The request as hyper sends it: the target in origin form, byte for byte (in absolute form when
/// it goes to a proxy, with the proxy's credentials), and a `Host`.
fn hyper_request(
    request: http::Request<Vec<u8>>,
    target: &Target,
    proxy: Option<&Proxy>,
) -> Result<http::Request<RequestBody>, TransportError> {
    let (mut parts, body) = request.into_parts();
    let request_target = match proxy {
        Some(_) => proxy::absolute_form(target, &origin_form(&parts.uri)),
        None => origin_form(&parts.uri),
    };
    let path: http::Uri = request_target
        .parse()
        .map_err(|e| TransportError::other(format!("invalid request target: {e}")))?;
    parts.uri = path;
    if let Some(authorization) = proxy.and_then(|proxy| proxy.authorization.as_ref()) {
        let mut value = http::HeaderValue::from_str(authorization)
            .map_err(|_| TransportError::other("invalid proxy credentials"))?;
        value.set_sensitive(true);
        parts.headers.insert(http::header::PROXY_AUTHORIZATION, value);
    }
    if !parts.headers.contains_key(http::header::HOST) {
        let host = http::HeaderValue::from_str(&target.authority)
            .map_err(|_| TransportError::other(format!("invalid host `{}`", target.authority)))?;
        parts.headers.insert(http::header::HOST, host);
    }
    let body = if body.is_empty() { None } else { Some(Bytes::from(body)) };
    Ok(http::Request::from_parts(parts, RequestBody(body)))
}

/// `future`, or `None` when `limit` elapses first.
async fn with_timeout<F: Future>(limit: Option<Duration>, future: F) -> Option<F::Output> {
    match limit {
        Some(limit) => tokio::time::timeout(limit, future).await.ok(),
        None => Some(future.await),
    }
}

/// `future`, or a timeout error once `deadline` passes.
async fn by_deadline<F: Future>(deadline: Option<Instant>, what: &str, future: F) -> Result<F::Output, TransportError> {
    match deadline {
        Some(deadline) => {
            tokio::time::timeout_at(deadline.into(), future).await.map_err(|_| Expired::Deadline.error(what))
        }
        None => Ok(future.await),
    }
}

/// `future`, a step of the exchange, or a timeout error once the exchange's [`Progress`] says the
/// deadline passed, nothing moved for the read timeout, or the bytes stalled. The I/O counts the
/// bytes; this wakes up when the check could fail next and looks.
async fn watched<F: Future>(exchange: &Mutex<Exchange>, what: &str, future: F) -> Result<F::Output, TransportError> {
    let mut future = std::pin::pin!(future);
    loop {
        let next_check = match &mut lock(exchange).progress {
            Some(progress) => {
                progress.check(Instant::now()).map_err(|expired| expired.error(what))?;
                progress.next_check()
            }
            None => None,
        };
        match next_check {
            Some(at) => {
                if let Ok(output) = tokio::time::timeout_at(at.into(), future.as_mut()).await {
                    return Ok(output);
                }
            }
            None => return Ok(future.await),
        }
    }
}

/// The kind of a hyper error: a malformed response (head or body framing) is invalid; a closed,
/// reset or cut-short connection is an I/O error.
fn hyper_error(error: hyper::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_parse() || error.is_parse_status() || is_framing_error(&error) {
        TransportErrorKind::InvalidResponse
    } else if error.is_user() {
        TransportErrorKind::Other
    } else {
        TransportErrorKind::Io
    };
    TransportError::new(kind, error_chain(&error))
}

/// Whether hyper could not decode a body's framing (a chunk size that is not hexadecimal or
/// overflows, a chunk not ended by CRLF): its decoder reports these as `InvalidInput` or
/// `InvalidData` I/O errors, where a closed or reset connection has other kinds. rustls reports
/// TLS failures as `InvalidData` too; those are not framing errors.
fn is_framing_error(error: &hyper::Error) -> bool {
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            let tls = io.get_ref().is_some_and(|inner| inner.is::<rustls::Error>());
            return matches!(io.kind(), io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput) && !tls;
        }
        source = e.source();
    }
    false
}

/// The response heads of an exchange as they go by (interim ones, then the final one), for what
/// hyper does not expose: whether the final head named both Transfer-Encoding and Content-Length
/// (hyper then drops Content-Length from the headers it returns).
#[derive(Debug, Default)]
struct HeadScan {
    /// The start of the current line: enough for a status code or a field name.
    line: Vec<u8>,
    /// Whether the status line of the current head was read.
    in_fields: bool,
    interim: bool,
    transfer_encoding: bool,
    content_length: bool,
    /// Whether the final head ended.
    done: bool,
}

impl HeadScan {
    fn feed(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if self.done {
                return;
            }
            if byte != b'\n' {
                if self.line.len() < 32 {
                    self.line.push(byte);
                }
                continue;
            }
            let line = self.line.strip_suffix(b"\r").unwrap_or(&self.line);
            if !self.in_fields {
                // `HTTP/1.1 1xx ...`: an interim response, another head follows.
                self.interim = line.get(9) == Some(&b'1');
                self.in_fields = true;
            } else if line.is_empty() {
                if self.interim {
                    *self = HeadScan::default();
                } else {
                    self.done = true;
                }
            } else {
                let name = line.split(|&b| b == b':').next().unwrap_or_default().trim_ascii();
                self.transfer_encoding |= name.eq_ignore_ascii_case(b"transfer-encoding");
                self.content_length |= name.eq_ignore_ascii_case(b"content-length");
            }
            self.line.clear();
        }
    }

    fn has_both_framings(&self) -> bool {
        self.done && self.transfer_encoding && self.content_length
    }
}

/// A request body sent whole, as one frame.
struct RequestBody(Option<Bytes>);

impl Body for RequestBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(self.get_mut().0.take().map(|data| Ok(Frame::data(data))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.0.as_ref().map_or(0, |b| b.len() as u64))
    }
}

/// What requests and responses travel on: the socket, or TLS over a stream (to the origin; to
/// an `https://` proxy; or to the origin inside TLS to the proxy).
enum Stream {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<Stream>>),
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[io::IoSlice<'_>]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// A Tokio stream as hyper's I/O (reads go through a scratch buffer: no `unsafe`), telling the
/// connection's [`Exchange`] what it reads.
struct HyperIo {
    stream: Stream,
    scratch: Vec<u8>,
    exchange: Arc<Mutex<Exchange>>,
}

impl HyperIo {
    /// Counts what a write moved.
    fn wrote(&self, poll: Poll<io::Result<usize>>) -> Poll<io::Result<usize>> {
        if let Poll::Ready(Ok(n)) = poll {
            lock(&self.exchange).record(n);
        }
        poll
    }
}

impl hyper::rt::Read for HyperIo {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, mut buf: hyper::rt::ReadBufCursor<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let n = buf.remaining().min(this.scratch.len());
        let mut read = ReadBuf::new(&mut this.scratch[..n]);
        let poll = Pin::new(&mut this.stream).poll_read(cx, &mut read);
        if let Poll::Ready(Ok(())) = poll {
            let mut exchange = lock(&this.exchange);
            exchange.head.feed(read.filled());
            exchange.record(read.filled().len());
            buf.put_slice(read.filled());
        }
        poll
    }
}

impl hyper::rt::Write for HyperIo {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.wrote(poll)
    }

    fn poll_write_vectored(self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[io::IoSlice<'_>]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.wrote(poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(pieces: &[&[u8]]) -> HeadScan {
        let mut scan = HeadScan::default();
        for piece in pieces {
            scan.feed(piece);
        }
        scan
    }

    #[test]
    fn head_scan_reads_the_final_head() {
        let both = b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTRANSFER-ENCODING : chunked\r\n\r\n3\r\nabc\r\n";
        assert!(scan(&[both]).has_both_framings());
        // Byte by byte, as the network may cut it.
        let bytes: Vec<&[u8]> = both.chunks(1).collect();
        assert!(scan(&bytes).has_both_framings());
        // A Content-Length of an interim head does not count; nor do fields in the body.
        let interim = b"HTTP/1.1 100 Continue\r\ncontent-length: 1\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n";
        assert!(!scan(&[interim, b"e\r\ncontent-length: 1\r\n"]).has_both_framings());
        assert!(!scan(&[b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\n"]).has_both_framings(), "the head is not over");
    }
}
