//! The default blocking client: HTTP/1.1 on `std::net`, TLS by rustls.

use super::http1::{body_too_large, check_framing_headers, content_length, error_chain, origin_form, Target};
use super::pool::Pool;
use super::progress::{Expired, Progress};
use super::proxy::{self, Protocol, Proxy, ProxyConfig, SocksStep};
use super::{
    tls, BlockingHttpClient, HttpResponse,
    TransportError, TransportErrorKind, TransportSettings,
};
use std::fmt;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The longest status line, header line or chunk-size line read.
const MAX_LINE: u64 = 16 * 1024;
/// The largest response head (status line and headers) read.
const MAX_HEAD: usize = 64 * 1024;
/// The most header fields (or trailer fields) read.
const MAX_FIELDS: usize = 256;

/// The default blocking HTTP client (feature `blocking`): HTTP/1.1 on `std::net`, TLS by
/// rustls. Names are resolved by the system (`getaddrinfo`), given up at the connect timeout
/// or the attempt's deadline like the rest of connecting. Every read and write waits at most
/// until the attempt's deadline, the read timeout or a stall (each socket timeout is set to the
/// time left). At most
/// [`TransportSettings::max_connections_per_host`] connections are open to a host: a call over
/// it waits for one to be free, until its deadline. No proxy unless given one
/// ([`BlockingClient::with_proxy`]). Cloning is cheap and shares the connections.
#[derive(Clone)]
pub struct BlockingClient {
    inner: Arc<Inner>,
}

struct Inner {
    /// `None`: the default configuration, fetched at the first TLS connection, so that making a
    /// client (as every configuration without a client of its own does) costs no TLS setup.
    tls: Option<Arc<rustls::ClientConfig>>,
    proxy: ProxyConfig,
    pool: Arc<Pool<Connection>>,
    /// How names are resolved: the system's resolver, or a test's.
    lookup: Lookup,
}

type Connection = BufReader<Stream>;

/// Resolves a host name to its addresses.
type Lookup = fn(&str, u16) -> io::Result<Vec<SocketAddr>>;

fn system_lookup(host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
    (host, port).to_socket_addrs().map(Iterator::collect)
}

/// Why a host has no addresses.
enum Unresolved {
    /// The time limit passed first.
    TimedOut,
    Failed(io::Error),
}

/// The addresses of `host:port`. An IP address needs no lookup. A name is looked up by
/// `lookup`: the system resolver has no time limit of its own, and one whose DNS servers do
/// not answer holds the lookup for `timeout` times `attempts` per server (5 s and 2 by
/// default, resolv.conf(5)). With a `limit`, the lookup runs on a thread of its own and is given
/// up, not waited for, when the limit passes; the thread ends when the lookup does.
fn resolve(lookup: Lookup, host: &str, port: u16, limit: Option<Duration>) -> Result<Vec<SocketAddr>, Unresolved> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let Some(limit) = limit else {
        return lookup(host, port).map_err(Unresolved::Failed);
    };
    let (sender, receiver) = mpsc::channel();
    let name = host.to_owned();
    let thread = std::thread::Builder::new().name("dns-lookup".into()).spawn(move || {
        // The receiver is gone when the limit passed: the answer is dropped.
        let _ = sender.send(lookup(&name, port));
    });
    if let Err(e) = thread {
        return Err(Unresolved::Failed(io::Error::other(format!("cannot start a thread to look it up: {e}"))));
    }
    match receiver.recv_timeout(limit) {
        Ok(answer) => answer.map_err(Unresolved::Failed),
        Err(RecvTimeoutError::Timeout) => Err(Unresolved::TimedOut),
        Err(RecvTimeoutError::Disconnected) => Err(Unresolved::Failed(io::Error::other("the lookup stopped without an answer"))),
    }
}

impl BlockingClient {
    /// A client that trusts the webpki root certificates.
    pub fn new() -> Self {
        BlockingClient::with_tls(None)
    }

    /// A client with its own TLS configuration (custom trust anchors, client certificates...).
    pub fn with_tls_config(tls: Arc<rustls::ClientConfig>) -> Self {
        BlockingClient::with_tls(Some(tls))
    }

    fn with_tls(tls: Option<Arc<rustls::ClientConfig>>) -> Self {
        let inner = Inner { tls, proxy: ProxyConfig::disabled(), pool: Pool::new(), lookup: system_lookup };
        BlockingClient { inner: Arc::new(inner) }
    }

    /// This client with its TLS configuration, sending through the proxies `proxy` names (a new
    /// client: its connections are not shared with this one's).
    pub fn with_proxy(self, proxy: ProxyConfig) -> Self {
        let Inner { tls, lookup, .. } = &*self.inner;
        BlockingClient { inner: Arc::new(Inner { tls: tls.clone(), proxy, pool: Pool::new(), lookup: *lookup }) }
    }

    /// Opens a connection: TCP to each resolved address in turn (of the proxy's host, when the
    /// request goes through one), TLS to an `https://` proxy, a `CONNECT` tunnel for https
    /// through a proxy, then TLS for https, all within the connect timeout and the attempt's
    /// deadline.
    fn connect(
        &self,
        target: &Target,
        proxy: Option<&Proxy>,
        settings: &TransportSettings,
    ) -> Result<Connection, TransportError> {
        let by = ConnectBy::new(settings, &target.authority);
        let (host, port, what) = match proxy {
            Some(proxy) => (proxy.host.as_str(), proxy.port, format!("the proxy {}", proxy.authority)),
            None => (target.host.as_str(), target.port, target.authority.clone()),
        };
        let addresses = match resolve(self.inner.lookup, host, port, by.left()?) {
            Ok(addresses) => addresses,
            Err(Unresolved::TimedOut) => return Err(by.timed_out()),
            Err(Unresolved::Failed(e)) => return Err(TransportError::connect(format!("cannot resolve {host}: {e}"))),
        };
        let mut last_error = None;
        let mut tcp = None;
        for address in addresses {
            let attempt = match by.left()? {
                Some(left) => TcpStream::connect_timeout(&address, left),
                None => TcpStream::connect(address),
            };
            match attempt {
                Ok(stream) => {
                    tcp = Some(stream);
                    break;
                }
                Err(e) => last_error = Some(e),
            }
        }
        let tcp = match (tcp, last_error) {
            (Some(tcp), _) => tcp,
            (None, Some(e)) if e.kind() == io::ErrorKind::TimedOut => return Err(by.timed_out()),
            (None, Some(e)) => return Err(TransportError::connect(format!("cannot connect to {what}: {e}"))),
            (None, None) => return Err(TransportError::connect(format!("{host} resolves to no address"))),
        };
        let _ = tcp.set_nodelay(true);
        let socket = Stream::Plain(Socket { tcp, progress: None });
        let config = || self.inner.tls.clone().unwrap_or_else(super::default_tls_config);
        // The first hop: the origin, or the proxy (over TLS for an `https://` proxy).
        let mut hop = match proxy.filter(|proxy| proxy.protocol == Protocol::Https) {
            Some(proxy) => tls_handshake(config(), &proxy.host, &what, socket, &by)?,
            None => socket,
        };
        match proxy {
            Some(proxy) if proxy.protocol == Protocol::Socks5 => socks_tunnel(&mut hop, target, proxy, &by)?,
            Some(proxy) if target.https => connect_tunnel(&mut hop, target, proxy, &by)?,
            _ => {}
        }
        let stream = match target.https {
            true => tls_handshake(config(), &target.host, &target.authority, hop, &by)?,
            false => hop,
        };
        Ok(BufReader::with_capacity(16 * 1024, stream))
    }
}

/// When connecting must be over: whichever comes first of the connect timeout (a connect error)
/// and the attempt's deadline (a timeout).
struct ConnectBy<'a> {
    until: Option<Instant>,
    by_deadline: bool,
    connect_timeout: Option<Duration>,
    authority: &'a str,
}

impl<'a> ConnectBy<'a> {
    fn new(settings: &TransportSettings, authority: &'a str) -> Self {
        let connect_by = settings.connect_timeout.and_then(|limit| Instant::now().checked_add(limit));
        let (until, by_deadline) = match (settings.deadline, connect_by) {
            (Some(deadline), Some(connect_by)) if connect_by < deadline => (Some(connect_by), false),
            (Some(deadline), _) => (Some(deadline), true),
            (None, connect_by) => (connect_by, false),
        };
        ConnectBy { until, by_deadline, connect_timeout: settings.connect_timeout, authority }
    }

    /// The error once the time is up.
    fn timed_out(&self) -> TransportError {
        if self.by_deadline {
            Expired::Deadline.error(&format!("connecting to {}", self.authority))
        } else {
            let after = self.connect_timeout.unwrap_or_default();
            TransportError::connect(format!("connecting to {} timed out after {after:?}", self.authority))
        }
    }

    /// The time left (`None`: no limit), or the error once none is.
    fn left(&self) -> Result<Option<Duration>, TransportError> {
        match self.until {
            Some(until) => {
                let left = until.checked_duration_since(Instant::now()).filter(|d| !d.is_zero());
                left.map(Some).ok_or_else(|| self.timed_out())
            }
            None => Ok(None),
        }
    }

    /// Sets the socket's timeouts to the time left: each step of connecting waits only that long.
    fn bound(&self, stream: &Stream) -> Result<(), TransportError> {
        set_timeouts(stream.tcp(), self.left()?)
    }

    /// An I/O error of connecting: a socket timeout is the time being up.
    fn io_error(&self, e: &io::Error, otherwise: impl FnOnce() -> TransportError) -> TransportError {
        match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => self.timed_out(),
            _ => otherwise(),
        }
    }
}

/// TLS to `host` (`shown` in errors) over `io`, the time left set again at each step, so that a
/// server sending its handshake a byte at a time does not get a fresh timeout per byte.
fn tls_handshake(
    config: Arc<rustls::ClientConfig>,
    host: &str,
    shown: &str,
    mut io: Stream,
    by: &ConnectBy<'_>,
) -> Result<Stream, TransportError> {
    let name = tls::server_name(host)?;
    let mut tls =
        rustls::ClientConnection::new(config, name).map_err(|e| TransportError::other(format!("cannot start TLS: {e}")))?;
    while tls.is_handshaking() {
        by.bound(&io)?;
        if let Err(e) = tls.complete_io(&mut io) {
            return Err(by.io_error(&e, || tls::handshake_error(shown, &e)));
        }
    }
    Ok(Stream::Tls(Box::new(rustls::StreamOwned::new(tls, io))))
}

/// A `CONNECT` tunnel to `target` through an HTTP proxy: the request, then the response head a
/// byte at a time, so that nothing of what follows it (the origin's TLS) is read here.
fn connect_tunnel(hop: &mut Stream, target: &Target, proxy: &Proxy, by: &ConnectBy<'_>) -> Result<(), TransportError> {
    let failed = |e: io::Error| {
        by.io_error(&e, || TransportError::connect(format!("CONNECT through the proxy {}: {e}", proxy.authority)))
    };
    by.bound(hop)?;
    hop.write_all(&proxy::connect_request(target, proxy)).map_err(failed)?;
    // Over TLS to the proxy, the request may still sit in the session's buffer.
    hop.flush().map_err(failed)?;
    let mut head = Vec::new();
    loop {
        by.bound(hop)?;
        let mut byte = [0u8];
        let byte = match hop.read(&mut byte) {
            Ok(0) => None,
            Ok(_) => Some(byte[0]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(failed(e)),
        };
        if proxy::push_connect_answer(&mut head, byte, proxy)? {
            break;
        }
    }
    proxy::check_connect_response(&head, proxy, target)
}

/// A SOCKS5 tunnel to `target`, for http and https alike: the handshake's steps, each answer
/// read to its exact length (nothing of what follows is read here).
fn socks_tunnel(hop: &mut Stream, target: &Target, proxy: &Proxy, by: &ConnectBy<'_>) -> Result<(), TransportError> {
    let failed = |e: io::Error| by.io_error(&e, || proxy::socks_io_error(proxy, &e));
    let mut handshake = proxy::SocksHandshake::new(proxy, target);
    let mut read = Vec::new();
    loop {
        by.bound(hop)?;
        match handshake.next(&read)? {
            SocksStep::Send(message) => {
                hop.write_all(&message).and_then(|()| hop.flush()).map_err(failed)?;
                read.clear();
            }
            SocksStep::Read(n) => {
                read = vec![0u8; n];
                hop.read_exact(&mut read).map_err(failed)?;
            }
            SocksStep::Done => return Ok(()),
        }
    }
}

impl Default for BlockingClient {
    fn default() -> Self {
        BlockingClient::new()
    }
}

impl fmt::Debug for BlockingClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let idle = self.inner.pool.idle_len();
        f.debug_struct("BlockingClient")
            .field("proxy", &self.inner.proxy)
            .field("idle_connections", &idle)
            .finish_non_exhaustive()
    }
}

impl BlockingHttpClient for BlockingClient {
    fn send(&self, request: http::Request<Vec<u8>>, settings: &TransportSettings) -> Result<HttpResponse, TransportError> {
        let target = Target::of(request.uri())?;
        let proxy = self.inner.proxy.proxy_for(&target);
        let head = request_head(&request, &target, proxy.filter(|proxy| !target.https && proxy.takes_absolute_form()))?;
        if settings.deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            return Err(Expired::Deadline.error("before sending the request"));
        }
        // The wait for a free connection counts against the deadline; a lease dropped on an error
        // closes its connection and frees its place.
        let limit = settings.max_connections_per_host;
        let lease = self.inner.pool.lease_blocking(&target, limit, settings.deadline, &is_idle_and_open);
        let mut lease = lease.ok_or_else(|| {
            let what = format!("waiting for one of the {limit} connections to {} to be free", target.authority);
            Expired::Deadline.error(&what)
        })?;
        let connection = match lease.connection.as_mut() {
            Some(connection) => connection,
            None => lease.connection.insert(self.connect(&target, proxy, settings)?),
        };
        connection.get_mut().socket().progress = Some(Progress::start(settings, Instant::now()));
        let exchanged = exchange(connection, &head, &request, settings);
        connection.get_mut().socket().progress = None;
        let (response, reusable) = exchanged?;
        if reusable && !wants_close(request.headers()) {
            lease.keep();
        }
        Ok(response)
    }
}

/// Writes the request and reads its response; also says whether the connection can be reused.
fn exchange(
    connection: &mut Connection,
    head: &[u8],
    request: &http::Request<Vec<u8>>,
    settings: &TransportSettings,
) -> Result<(HttpResponse, bool), TransportError> {
    let stream = connection.get_mut();
    stream.write_all(head).map_err(|e| io_error(e, "sending the request"))?;
    stream.write_all(request.body()).map_err(|e| io_error(e, "sending the request"))?;
    stream.flush().map_err(|e| io_error(e, "sending the request"))?;
    let head_request = request.method() == http::Method::HEAD;
    read_response(connection, head_request, settings.max_body_bytes, &|e| io_error(e, "reading the response"))
}

/// The request line and headers: the target as written (in absolute form when sent to a proxy,
/// with the proxy's credentials), `Host` when absent, and a `Content-Length` when the body has
/// one and the headers do not.
fn request_head(
    request: &http::Request<Vec<u8>>,
    target: &Target,
    proxy: Option<&Proxy>,
) -> Result<Vec<u8>, TransportError> {
    let headers = request.headers();
    if headers.contains_key(http::header::TRANSFER_ENCODING) {
        return Err(TransportError::other("a request with Transfer-Encoding is not supported"));
    }
    let body = request.body();
    match content_length(headers) {
        Some(Ok(length)) if length == body.len() as u64 => {}
        None => {}
        _ => return Err(TransportError::other("the request's Content-Length does not match its body")),
    }
    let mut head = Vec::with_capacity(512);
    head.extend_from_slice(request.method().as_str().as_bytes());
    head.push(b' ');
    match proxy {
        Some(_) => head.extend_from_slice(proxy::absolute_form(target, &origin_form(request.uri())).as_bytes()),
        None => head.extend_from_slice(origin_form(request.uri()).as_bytes()),
    }
    head.extend_from_slice(b" HTTP/1.1\r\n");
    if !headers.contains_key(http::header::HOST) {
        head.extend_from_slice(format!("host: {}\r\n", target.authority).as_bytes());
    }
    if let Some(authorization) = proxy.and_then(|proxy| proxy.authorization.as_ref()) {
        head.extend_from_slice(format!("proxy-authorization: {authorization}\r\n").as_bytes());
    }
    for (name, value) in headers {
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    if !body.is_empty() && !headers.contains_key(http::header::CONTENT_LENGTH) {
        head.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
    }
    head.extend_from_slice(b"\r\n");
    Ok(head)
}

/// Reads a response (skipping `1xx` interim ones); also says whether the connection can be
/// reused (HTTP/1.1, a framed body read whole, no `Connection: close`).
fn read_response(
    reader: &mut Connection,
    head_request: bool,
    max: usize,
    reading: &dyn Fn(io::Error) -> TransportError,
) -> Result<(HttpResponse, bool), TransportError> {
    let (http11, status, headers) = loop {
        let (http11, status, headers) = read_head(reader, reading)?;
        match status {
            101 => return Err(invalid("unexpected 101 Switching Protocols")),
            100..=199 => continue,
            _ => break (http11, status, headers),
        }
    };
    check_framing_headers(&headers)?;
    let mut body = Vec::new();
    let framed = if head_request || status == 204 || status == 304 {
        true
    } else if let Some(codings) = transfer_codings(&headers) {
        if codings.last().is_some_and(|c| c.eq_ignore_ascii_case("chunked")) {
            read_chunked(reader, &mut body, max, reading)?;
            true
        } else {
            read_to_close(reader, &mut body, max, reading)?;
            false
        }
    } else if let Some(length) = content_length(&headers).transpose()? {
        if length > max as u64 {
            return Err(body_too_large(max));
        }
        read_exactly(reader, &mut body, length, reading)?;
        true
    } else {
        read_to_close(reader, &mut body, max, reading)?;
        false
    };
    let reusable = framed && http11 && !wants_close(&headers);
    Ok((HttpResponse { status, headers, body }, reusable))
}

/// The status line and header fields.
fn read_head(
    reader: &mut Connection,
    reading: &dyn Fn(io::Error) -> TransportError,
) -> Result<(bool, u16, http::HeaderMap), TransportError> {
    let mut line = Vec::new();
    if !read_line(reader, &mut line, reading)? {
        return Err(TransportError::io("the connection closed before a response"));
    }
    let (http11, status) = status_line(&line)?;
    let mut headers = http::HeaderMap::new();
    let mut size = line.len();
    loop {
        if !read_line(reader, &mut line, reading)? {
            return Err(TransportError::io("the connection closed within the response head"));
        }
        if line.is_empty() {
            break;
        }
        size += line.len();
        if size > MAX_HEAD || headers.len() >= MAX_FIELDS {
            return Err(invalid(format!("the response head exceeds {MAX_HEAD} bytes or {MAX_FIELDS} fields")));
        }
        let (name, value) = parse_field(&line)?;
        headers.append(name, value);
    }
    Ok((http11, status, headers))
}

/// Whether a status line is HTTP/1.1, and its status code (RFC 9112, section 4: `HTTP-version SP
/// status-code SP [ reason-phrase ]`). The reason phrase is not read: it may hold obs-text, bytes
/// 0x80 to 0xFF that need not be UTF-8.
fn status_line(line: &[u8]) -> Result<(bool, u16), TransportError> {
    let mut parts = line.splitn(3, |&b| b == b' ');
    let version = parts.next().unwrap_or_default();
    let code = parts.next().unwrap_or_default();
    if !version.starts_with(b"HTTP/1.") || version.len() != 8 {
        let shown = String::from_utf8_lossy(line);
        return Err(invalid(format!("not an HTTP/1.x status line: `{}`", shown.escape_debug())));
    }
    let status = std::str::from_utf8(code).ok().filter(|c| c.len() == 3).and_then(|c| c.parse::<u16>().ok());
    match status {
        Some(status) if (100..=999).contains(&status) => Ok((version == b"HTTP/1.1", status)),
        _ => Err(invalid(format!("invalid status code `{}`", String::from_utf8_lossy(code).escape_debug()))),
    }
}

/// A `name: value` line (no obsolete line folding, no space before the colon).
fn parse_field(line: &[u8]) -> Result<(http::HeaderName, http::HeaderValue), TransportError> {
    let colon = line.iter().position(|&b| b == b':').ok_or_else(|| invalid("a header line without `:`"))?;
    let name = http::HeaderName::from_bytes(&line[..colon]).map_err(|_| invalid("an invalid header name"))?;
    let value = line[colon + 1..].trim_ascii();
    let value = http::HeaderValue::from_bytes(value).map_err(|_| invalid(format!("an invalid value for header `{name}`")))?;
    Ok((name, value))
}

/// The transfer codings of a response, when it names some.
fn transfer_codings(headers: &http::HeaderMap) -> Option<Vec<String>> {
    let mut values = headers.get_all(http::header::TRANSFER_ENCODING).iter().peekable();
    values.peek()?;
    let codings = values
        .flat_map(|v| String::from_utf8_lossy(v.as_bytes()).split(',').map(|c| c.trim().to_string()).collect::<Vec<_>>())
        .filter(|c| !c.is_empty())
        .collect();
    Some(codings)
}

/// Whether a `Connection` header says `close`.
fn wants_close(headers: &http::HeaderMap) -> bool {
    headers
        .get_all(http::header::CONNECTION)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close"))))
}

fn read_exactly(
    reader: &mut Connection,
    body: &mut Vec<u8>,
    length: u64,
    reading: &dyn Fn(io::Error) -> TransportError,
) -> Result<(), TransportError> {
    let start = body.len();
    body.reserve(length.min(64 * 1024) as usize);
    let read = reader.take(length).read_to_end(body).map_err(reading)?;
    if (read as u64) < length {
        body.truncate(start);
        return Err(TransportError::io(format!("the connection closed after {read} of {length} body bytes")));
    }
    Ok(())
}

fn read_chunked(
    reader: &mut Connection,
    body: &mut Vec<u8>,
    max: usize,
    reading: &dyn Fn(io::Error) -> TransportError,
) -> Result<(), TransportError> {
    let mut line = Vec::new();
    loop {
        if !read_line(reader, &mut line, reading)? {
            return Err(TransportError::io("the connection closed within a chunked body"));
        }
        let size = line.split(|&b| b == b';').next().unwrap_or_default().trim_ascii();
        let size = std::str::from_utf8(size)
            .ok()
            .filter(|s| !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|s| u64::from_str_radix(s, 16).ok())
            .ok_or_else(|| invalid("an invalid chunk size"))?;
        if size == 0 {
            break;
        }
        if size > (max - body.len()) as u64 {
            return Err(body_too_large(max));
        }
        read_exactly(reader, body, size, reading)?;
        if !read_line(reader, &mut line, reading)? || !line.is_empty() {
            return Err(invalid("a chunk not followed by CRLF"));
        }
    }
    // Trailer fields are read and dropped.
    for _ in 0..=MAX_FIELDS {
        if !read_line(reader, &mut line, reading)? {
            return Err(TransportError::io("the connection closed within the trailer"));
        }
        if line.is_empty() {
            return Ok(());
        }
    }
    Err(invalid(format!("more than {MAX_FIELDS} trailer fields")))
}

fn read_to_close(
    reader: &mut Connection,
    body: &mut Vec<u8>,
    max: usize,
    reading: &dyn Fn(io::Error) -> TransportError,
) -> Result<(), TransportError> {
    // One byte past the cap tells a body over it; `usize::MAX` (no cap) must not wrap to 0.
    reader.take((max as u64).saturating_add(1)).read_to_end(body).map_err(reading)?;
    if body.len() > max {
        return Err(body_too_large(max));
    }
    Ok(())
}

/// Reads one line without its CRLF (or bare LF) into `line`; `false` at the end of the stream
/// before any byte.
fn read_line(
    reader: &mut Connection,
    line: &mut Vec<u8>,
    reading: &dyn Fn(io::Error) -> TransportError,
) -> Result<bool, TransportError> {
    line.clear();
    let read = reader.take(MAX_LINE).read_until(b'\n', line).map_err(reading)?;
    if read == 0 {
        return Ok(false);
    }
    if line.pop() != Some(b'\n') {
        return Err(if read as u64 >= MAX_LINE {
            invalid(format!("a line longer than {MAX_LINE} bytes"))
        } else {
            TransportError::io("the connection closed within a line")
        });
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(true)
}

fn invalid(message: impl Into<String>) -> TransportError {
    TransportError::new(TransportErrorKind::InvalidResponse, message)
}

/// An I/O error: a passed deadline, a read timeout or a stall ([`Expired`], from [`Socket`]) is
/// [`TransportErrorKind::Timeout`].
fn io_error(error: io::Error, what: &str) -> TransportError {
    if let Some(expired) = error.get_ref().and_then(|e| e.downcast_ref::<Expired>()) {
        return expired.error(what);
    }
    match error.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => TransportError::timeout(format!("{what}: timed out")),
        _ => TransportError::io(format!("{what}: {}", error_chain(&error))),
    }
}

fn set_timeouts(tcp: &TcpStream, timeout: Option<Duration>) -> Result<(), TransportError> {
    tcp.set_read_timeout(timeout)
        .and_then(|()| tcp.set_write_timeout(timeout))
        .map_err(|e| TransportError::io(format!("cannot set the socket timeouts: {e}")))
}

/// Whether a pooled connection is still usable: nothing unread, and the server neither closed
/// it nor sent anything (a peek would block).
fn is_idle_and_open(connection: &Connection) -> bool {
    if !connection.buffer().is_empty() {
        return false;
    }
    let tcp = connection.get_ref().tcp();
    if tcp.set_nonblocking(true).is_err() {
        return false;
    }
    let open = matches!(tcp.peek(&mut [0u8; 1]), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
    tcp.set_nonblocking(false).is_ok() && open
}

/// A TCP stream that, during an exchange, bounds each read and write by its [`Progress`]: the
/// socket timeout is set to the time left until the deadline, the read timeout or a stall, and a
/// wait that ends without one of them having passed is taken up again. TLS runs on top of it, so
/// every network read and write is bounded, not just each decrypted piece.
struct Socket {
    tcp: TcpStream,
    /// The exchange in progress (`None` while connecting or idle: plain reads and writes).
    progress: Option<Progress>,
}

impl Socket {
    /// Waits as `Progress` allows for `io` to move bytes, counting them.
    fn bounded(
        &mut self,
        set_timeout: fn(&TcpStream, Option<Duration>) -> io::Result<()>,
        mut io: impl FnMut(&mut TcpStream) -> io::Result<usize>,
    ) -> io::Result<usize> {
        let Some(progress) = self.progress.as_mut() else { return io(&mut self.tcp) };
        loop {
            let now = Instant::now();
            progress.check(now).map_err(|expired| io::Error::new(io::ErrorKind::TimedOut, expired))?;
            // At least 1 ms: a zero socket timeout is an error.
            let wait = progress.next_check().map(|at| at.saturating_duration_since(now).max(Duration::from_millis(1)));
            set_timeout(&self.tcp, wait)?;
            match io(&mut self.tcp) {
                Ok(n) => {
                    progress.record(n, Instant::now());
                    return Ok(n);
                }
                Err(e) => match e.kind() {
                    // The socket timeout, or a signal: the check above decides whether to go on.
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted => {}
                    _ => return Err(e),
                },
            }
        }
    }
}

impl Read for Socket {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.bounded(TcpStream::set_read_timeout, |tcp| tcp.read(buf))
    }
}

impl Write for Socket {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bounded(TcpStream::set_write_timeout, |tcp| tcp.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tcp.flush()
    }
}

/// What requests and responses travel on: the socket, or TLS over a stream (to the origin; to
/// an `https://` proxy; or to the origin inside TLS to the proxy).
enum Stream {
    Plain(Socket),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, Stream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => &s.tcp,
            Stream::Tls(s) => s.get_ref().tcp(),
        }
    }

    fn socket(&mut self) -> &mut Socket {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.get_mut().socket(),
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], head_request: bool, max: usize) -> Result<(HttpResponse, bool), TransportError> {
        // A connected pair of sockets stands for the server side.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        server.write_all(bytes).unwrap();
        drop(server);
        let mut reader = BufReader::new(Stream::Plain(Socket { tcp: client, progress: None }));
        read_response(&mut reader, head_request, max, &|e| io_error(e, "reading"))
    }

    #[test]
    fn framings() {
        let (r, reuse) = read(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello", false, 100).unwrap();
        assert_eq!((r.status, r.body.as_slice(), reuse), (200, &b"hello"[..], true));
        assert_eq!(r.headers.get_all("x-a").iter().collect::<Vec<_>>(), ["1", "2"]);
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n";
        let (r, reuse) = read(chunked, false, 100).unwrap();
        assert_eq!((r.body.as_slice(), reuse), (&b"hello world"[..], true));
        let (r, reuse) = read(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", false, 100).unwrap();
        assert_eq!((r.body.as_slice(), reuse), (&b"until the end"[..], false));
        let (r, _) = read(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", false, 100).unwrap();
        assert_eq!((r.status, r.body.len()), (204, 0));
        let (r, reuse) = read(b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", true, 100).unwrap();
        assert_eq!((r.body.len(), reuse), (0, true));
        let (_, reuse) = read(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false, 100).unwrap();
        assert!(!reuse);
        // No reason phrase, or one of obs-text (RFC 9112, section 4).
        let (r, _) = read(b"HTTP/1.1 204\r\n\r\n", false, 100).unwrap();
        assert_eq!(r.status, 204);
        let (r, _) = read(b"HTTP/1.1 404 Nicht gefunden \xE4\xFF\r\nContent-Length: 0\r\n\r\n", false, 100).unwrap();
        assert_eq!(r.status, 404);
        let (r, _) = read(b"HTTP/1.1 200 OK\r\n\r\nto the end", false, usize::MAX).unwrap();
        assert_eq!(r.body, b"to the end");
    }

    #[test]
    fn limits_and_errors() {
        let kind = |bytes: &[u8], max| read(bytes, false, max).unwrap_err().kind();
        use TransportErrorKind::*;
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world", 10), BodyTooLarge);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n", 10), BodyTooLarge);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\n\r\nhello world", 10), BodyTooLarge);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", 100), Io);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nContent-Le", 100), Io);
        assert_eq!(kind(b"", 100), Io);
        assert_eq!(kind(b"<html>\r\n\r\n", 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/1.1 2000 OK\r\n\r\n", 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n", 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\nx", 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/1.1 101 Switching Protocols\r\n\r\n", 100), InvalidResponse);
        let both = b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        assert_eq!(kind(both, 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/1.1 20x OK\r\n\r\n", 100), InvalidResponse);
        assert_eq!(kind(b"HTTP/2.0 200 OK\r\n\r\n", 100), InvalidResponse);
    }

    /// A lookup that never answers, as with DNS servers that do not: its thread stays parked.
    fn never_answers(_: &str, _: u16) -> io::Result<Vec<SocketAddr>> {
        loop {
            std::thread::park();
        }
    }

    fn with_lookup(lookup: Lookup) -> BlockingClient {
        BlockingClient { inner: Arc::new(Inner { tls: None, proxy: ProxyConfig::disabled(), pool: Pool::new(), lookup }) }
    }

    #[test]
    fn the_deadline_and_the_connect_timeout_bound_a_name_lookup() {
        let client = with_lookup(never_answers);
        let get = || http::Request::get("http://name.invalid:9/").body(Vec::new()).unwrap();
        let limit = Duration::from_millis(200);
        let by_deadline = TransportSettings { deadline: Some(Instant::now() + limit), ..TransportSettings::default() };
        let start = Instant::now();
        let error = client.send(get(), &by_deadline).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
        assert!(start.elapsed() < limit * 10, "{:?}", start.elapsed());
        let by_connect_timeout = TransportSettings { connect_timeout: Some(limit), ..TransportSettings::default() };
        let start = Instant::now();
        let error = client.send(get(), &by_connect_timeout).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
        assert!(error.to_string().contains("connecting to name.invalid:9 timed out after 200ms"), "{error}");
        assert!(start.elapsed() < limit * 10, "{:?}", start.elapsed());
    }

    #[test]
    fn lookups_answer_or_fail_and_addresses_need_none() {
        fn answers(_: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
            Ok(vec![SocketAddr::from(([192, 0, 2, 1], port))])
        }
        fn fails(_: &str, _: u16) -> io::Result<Vec<SocketAddr>> {
            Err(io::Error::other("no such name"))
        }
        let limit = Some(Duration::from_secs(5));
        for limit in [None, limit] {
            let answer = resolve(answers, "example.com", 443, limit).ok().unwrap();
            assert_eq!(answer, [SocketAddr::from(([192, 0, 2, 1], 443))]);
            let Err(Unresolved::Failed(e)) = resolve(fails, "example.com", 443, limit) else { panic!("an error") };
            assert_eq!(e.to_string(), "no such name");
            // An address is used as it is: the lookup that never answers is not asked.
            let answer = resolve(never_answers, "::1", 8080, limit).ok().unwrap();
            assert_eq!(answer, [SocketAddr::from(([0, 0, 0, 0, 0, 0, 0, 1], 8080))]);
        }
        // Without a limit, the lookup runs on the caller's thread (no thread to wait for).
        thread_local! { static SEEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) }; }
        fn notes_its_thread(_: &str, _: u16) -> io::Result<Vec<SocketAddr>> {
            SEEN.with(|seen| seen.set(true));
            Ok(Vec::new())
        }
        assert!(resolve(notes_its_thread, "example.com", 1, None).is_ok());
        assert!(SEEN.with(std::cell::Cell::get), "looked up on this thread");
    }

    #[test]
    fn request_heads() {
        let target = Target::of(&"http://127.0.0.1:9/".parse().unwrap()).unwrap();
        let request = http::Request::post("http://127.0.0.1:9/a%2Fb?x=%3A").header("x-amz-target", "S.Op").body(b"{}".to_vec()).unwrap();
        let head = String::from_utf8(request_head(&request, &target, None).unwrap()).unwrap();
        assert_eq!(head, "POST /a%2Fb?x=%3A HTTP/1.1\r\nhost: 127.0.0.1:9\r\nx-amz-target: S.Op\r\ncontent-length: 2\r\n\r\n");
        let bad = http::Request::post("http://h/").header("content-length", "5").body(b"{}".to_vec()).unwrap();
        assert_eq!(request_head(&bad, &target, None).unwrap_err().kind(), TransportErrorKind::Other);
    }
}
