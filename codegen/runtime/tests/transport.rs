//! The default HTTP clients against a loopback HTTP/1.1 server run by the test (127.0.0.1, a
//! random port, threads that stop by themselves): exact request bytes, no redirects, the body
//! cap, timeouts, connect errors, connection reuse and TLS with a test CA.
#![cfg(any(feature = "rt-tokio", feature = "blocking"))]

use runtime::transport::rustls;
use runtime::transport::{HttpResponse, StalledStreamProtection, TransportError, TransportErrorKind, TransportSettings};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// The server.

/// What the server does with the next request it reads (in order, over all connections).
enum Reply {
    /// Writes these bytes and waits for another request on the connection.
    Send(Vec<u8>),
    /// Writes these bytes and closes the connection.
    SendAndClose(Vec<u8>),
    /// Never answers: holds the connection until the client closes it (at most 3 s).
    Silent,
    /// Writes these bytes one at a time, this long apart, then waits for another request.
    Drip(Vec<u8>, Duration),
    /// Writes these bytes again and again, this long apart, until the client goes (at most 3 s).
    Repeat(Vec<u8>, Duration),
    /// Writes these bytes, then holds the connection as `Silent` does.
    SendAndHold(Vec<u8>),
    /// Writes these bytes after this pause, then waits for another request.
    SendAfter(Duration, Vec<u8>),
    /// Writes these bytes once this many requests were received in all (or after 3 s), then
    /// waits for another request.
    #[cfg(feature = "rt-tokio")]
    SendOnceReceived(usize, Vec<u8>),
}

#[derive(Default)]
struct Log {
    replies: Mutex<VecDeque<Reply>>,
    requests: Mutex<Vec<Vec<u8>>>,
    /// Told of each request received.
    received: std::sync::Condvar,
    connections: AtomicUsize,
    /// Connections open now, and the most open at once.
    open: AtomicUsize,
    most_open: AtomicUsize,
    /// Told of each connection accepted.
    accepted: (Mutex<()>, std::sync::Condvar),
    stop: AtomicBool,
}

struct Server {
    addr: SocketAddr,
    log: Arc<Log>,
    accept: JoinHandle<()>,
}

impl Server {
    /// A plain HTTP server.
    fn start(replies: Vec<Reply>) -> Server {
        Server::start_with(replies, None)
    }

    /// An HTTPS server with the test certificate when `tls` is given.
    fn start_with(replies: Vec<Reply>, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Log { replies: Mutex::new(replies.into()), ..Log::default() });
        let shared = log.clone();
        let accept = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline && !shared.stop.load(Ordering::SeqCst) && !shared.replies.lock().unwrap().is_empty() {
                match listener.accept() {
                    Ok((stream, _)) => {
                        shared.connections.fetch_add(1, Ordering::SeqCst);
                        let open = shared.open.fetch_add(1, Ordering::SeqCst) + 1;
                        shared.most_open.fetch_max(open, Ordering::SeqCst);
                        let _told = shared.accepted.0.lock().unwrap();
                        shared.accepted.1.notify_all();
                        let (log, tls) = (shared.clone(), tls.clone());
                        std::thread::spawn(move || handle(stream, tls, &log));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server { addr, log, accept }
    }

    /// Waits until `n` connections were accepted (at most 3 s).
    fn wait_for_connections(&self, n: usize) {
        let give_up = Instant::now() + Duration::from_secs(3);
        let mut told = self.log.accepted.0.lock().unwrap();
        while self.log.connections.load(Ordering::SeqCst) < n && Instant::now() < give_up {
            told = self.log.accepted.1.wait_timeout(told, Duration::from_millis(100)).unwrap().0;
        }
    }

    /// The most connections open at once so far.
    fn most_open(&self) -> usize {
        self.log.most_open.load(Ordering::SeqCst)
    }

    fn url(&self, scheme: &str, path: &str) -> String {
        format!("{scheme}://{}{path}", self.addr)
    }

    /// Stops accepting; the requests received and the number of connections.
    fn finish(self) -> (Vec<String>, usize) {
        self.log.stop.store(true, Ordering::SeqCst);
        self.accept.join().unwrap();
        let requests = self.log.requests.lock().unwrap().iter().map(|r| String::from_utf8_lossy(r).into_owned()).collect();
        (requests, self.log.connections.load(Ordering::SeqCst))
    }
}

fn handle(stream: TcpStream, tls: Option<Arc<rustls::ServerConfig>>, log: &Log) {
    serve_stream(stream, tls, log);
    log.open.fetch_sub(1, Ordering::SeqCst);
}

fn serve_stream(stream: TcpStream, tls: Option<Arc<rustls::ServerConfig>>, log: &Log) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    match tls {
        Some(config) => {
            let connection = rustls::ServerConnection::new(config).unwrap();
            serve_connection(BufReader::new(rustls::StreamOwned::new(connection, stream)), log);
        }
        None => serve_connection(BufReader::new(stream), log),
    }
}

fn serve_connection<S: Read + Write>(mut reader: BufReader<S>, log: &Log) {
    while let Some(request) = read_request(&mut reader) {
        log.requests.lock().unwrap().push(request);
        log.received.notify_all();
        let Some(reply) = log.replies.lock().unwrap().pop_front() else { return };
        match reply {
            Reply::Send(bytes) => {
                if reader.get_mut().write_all(&bytes).and_then(|()| reader.get_mut().flush()).is_err() {
                    return;
                }
            }
            Reply::SendAndClose(bytes) => {
                let _ = reader.get_mut().write_all(&bytes).and_then(|()| reader.get_mut().flush());
                return;
            }
            Reply::Silent => {
                let _ = reader.read(&mut [0u8; 1]);
                return;
            }
            Reply::Drip(bytes, pause) => {
                for byte in bytes {
                    std::thread::sleep(pause);
                    if reader.get_mut().write_all(&[byte]).and_then(|()| reader.get_mut().flush()).is_err() {
                        return;
                    }
                }
            }
            Reply::Repeat(bytes, pause) => {
                let until = Instant::now() + Duration::from_secs(3);
                while Instant::now() < until && reader.get_mut().write_all(&bytes).and_then(|()| reader.get_mut().flush()).is_ok() {
                    std::thread::sleep(pause);
                }
                return;
            }
            Reply::SendAndHold(bytes) => {
                let _ = reader.get_mut().write_all(&bytes).and_then(|()| reader.get_mut().flush());
                let _ = reader.read(&mut [0u8; 1]);
                return;
            }
            #[cfg(feature = "rt-tokio")]
            Reply::SendOnceReceived(count, bytes) => {
                let give_up = Instant::now() + Duration::from_secs(3);
                let mut requests = log.requests.lock().unwrap();
                while requests.len() < count && Instant::now() < give_up {
                    requests = log.received.wait_timeout(requests, Duration::from_millis(100)).unwrap().0;
                }
                drop(requests);
                if reader.get_mut().write_all(&bytes).and_then(|()| reader.get_mut().flush()).is_err() {
                    return;
                }
            }
            Reply::SendAfter(pause, bytes) => {
                std::thread::sleep(pause);
                if reader.get_mut().write_all(&bytes).and_then(|()| reader.get_mut().flush()).is_err() {
                    return;
                }
            }
        }
    }
}

/// One request (head and `Content-Length` body), raw; `None` at the end of the connection.
fn read_request(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut raw = Vec::new();
    let mut length = 0;
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).ok()? == 0 || raw.len() > 65536 {
            return None;
        }
        raw.extend_from_slice(&line);
        if line == b"\r\n" {
            break;
        }
        let text = String::from_utf8_lossy(&line).to_ascii_lowercase();
        if let Some(value) = text.strip_prefix("content-length:") {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    raw.extend_from_slice(&body);
    Some(raw)
}

fn ok(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nx-amzn-requestid: rid-1\r\ncontent-length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

// ---------------------------------------------------------------------------------------------
// The clients under test, behind one interface.

#[derive(Debug, Clone, Copy)]
enum Kind {
    #[cfg(feature = "rt-tokio")]
    Tokio,
    #[cfg(feature = "blocking")]
    Blocking,
}

enum Client {
    #[cfg(feature = "rt-tokio")]
    Tokio(runtime::transport::TokioHttpClient, tokio::runtime::Runtime),
    #[cfg(feature = "blocking")]
    Blocking(runtime::transport::BlockingClient),
}

impl Client {
    fn new(kind: Kind) -> Client {
        Client::with_tls(kind, None)
    }

    fn with_tls(kind: Kind, tls: Option<Arc<rustls::ClientConfig>>) -> Client {
        let tls = tls.unwrap_or_else(runtime::transport::default_tls_config);
        match kind {
            #[cfg(feature = "rt-tokio")]
            Kind::Tokio => {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                Client::Tokio(runtime::transport::TokioHttpClient::with_tls_config(tls), rt)
            }
            #[cfg(feature = "blocking")]
            Kind::Blocking => Client::Blocking(runtime::transport::BlockingClient::with_tls_config(tls)),
        }
    }

    fn send(&self, request: http::Request<Vec<u8>>, settings: &TransportSettings) -> Result<HttpResponse, TransportError> {
        match self {
            #[cfg(feature = "rt-tokio")]
            Client::Tokio(client, rt) => {
                use runtime::transport::HttpClient;
                rt.block_on(client.send(request, settings))
            }
            #[cfg(feature = "blocking")]
            Client::Blocking(client) => {
                use runtime::transport::BlockingHttpClient;
                client.send(request, settings)
            }
        }
    }

    fn get(&self, url: &str, settings: &TransportSettings) -> Result<HttpResponse, TransportError> {
        self.send(http::Request::get(url).body(Vec::new()).unwrap(), settings)
    }

    /// One GET of `url` per settings, all at once (Tokio tasks on the client's runtime, or
    /// threads); each result with how long its call took. With the blocking client, each call
    /// starts once `started(i)` for the one before returns, so a test can let it get somewhere
    /// first; Tokio polls its tasks in the order they were spawned.
    fn get_each(
        &self,
        url: &str,
        settings: &[TransportSettings],
        started: impl Fn(usize),
    ) -> Vec<(Result<HttpResponse, TransportError>, Duration)> {
        let request = || http::Request::get(url).body(Vec::new()).unwrap();
        match self {
            #[cfg(feature = "rt-tokio")]
            Client::Tokio(client, rt) => {
                use runtime::transport::HttpClient;
                let _ = started;
                let tasks: Vec<_> = settings
                    .iter()
                    .map(|settings| {
                        let (client, settings, request) = (client.clone(), settings.clone(), request());
                        rt.spawn(async move {
                            let began = Instant::now();
                            (client.send(request, &settings).await, began.elapsed())
                        })
                    })
                    .collect();
                tasks.into_iter().map(|task| rt.block_on(task).unwrap()).collect()
            }
            #[cfg(feature = "blocking")]
            Client::Blocking(client) => {
                use runtime::transport::BlockingHttpClient;
                let mut threads = Vec::new();
                for (i, settings) in settings.iter().enumerate() {
                    if i > 0 {
                        started(i - 1);
                    }
                    let (client, settings, request) = (client.clone(), settings.clone(), request());
                    threads.push(std::thread::spawn(move || {
                        let began = Instant::now();
                        (client.send(request, &settings), began.elapsed())
                    }));
                }
                threads.into_iter().map(|thread| thread.join().unwrap()).collect()
            }
        }
    }
}

/// Runs each scenario with each client of the enabled features.
macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        #[cfg(feature = "rt-tokio")]
        mod tokio_client {
            $( #[test] fn $name() { super::$name(super::Kind::Tokio) } )*
        }
        #[cfg(feature = "blocking")]
        mod blocking_client {
            $( #[test] fn $name() { super::$name(super::Kind::Blocking) } )*
        }
    };
}

scenarios!(
    sends_the_exact_request,
    bodiless_get_has_no_content_headers,
    redirects_are_returned_not_followed,
    body_over_the_cap_by_content_length,
    body_over_the_cap_while_reading,
    read_timeout,
    connect_timeout_covers_the_tls_handshake,
    connection_refused,
    invalid_and_truncated_responses,
    reuses_connections,
    replaces_connections_the_server_closed,
    https_with_a_trusted_ca,
    https_with_an_unknown_ca_is_rejected,
    a_host_limit_queues_concurrent_calls,
    the_wait_for_a_connection_counts_against_the_deadline,
    an_unlimited_body_cap_reads_to_the_close,
    broken_chunk_sizes_are_invalid_responses,
    content_length_with_transfer_encoding_is_rejected,
    reason_phrases_may_carry_obs_text,
    the_deadline_bounds_a_dripping_body,
    the_deadline_bounds_endless_interim_responses,
    the_deadline_bounds_connecting,
    the_deadline_bounds_a_tls_exchange,
    a_silent_server_stalls,
    a_body_that_stops_stalls,
    a_slow_body_under_the_minimum_rate_stalls,
    a_slow_body_at_the_minimum_rate_does_not_stall,
);

fn header_lines(request: &str) -> (String, Vec<String>, String) {
    let (head, body) = request.split_once("\r\n\r\n").unwrap();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap().to_string();
    let mut headers: Vec<String> = lines.map(str::to_string).collect();
    headers.sort();
    (request_line, headers, body.to_string())
}

fn sorted(lines: &[String]) -> Vec<String> {
    let mut lines = lines.to_vec();
    lines.sort();
    lines
}

fn sends_the_exact_request(kind: Kind) {
    let server = Server::start(vec![Reply::Send(ok("{\"a\":1}"))]);
    let client = Client::new(kind);
    let body = br#"{"SessionId":"s-1"}"#.to_vec();
    let request = http::Request::post(server.url("http", "/sessions/arn%3Aaws%3Ax%2Fy/a%2Fb?k=%2F&z=%3A"))
        .header("content-type", "application/x-amz-json-1.1")
        .header("content-length", body.len().to_string())
        .header("x-amz-target", "AmazonAthena.GetSession")
        .header("X-Amz-Date", "20250101T000000Z")
        .body(body)
        .unwrap();
    let response = client.send(request, &TransportSettings::default()).unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, b"{\"a\":1}");
    assert_eq!(response.headers["x-amzn-requestid"], "rid-1");
    let port = server.addr.port();
    let (requests, _) = server.finish();
    assert_eq!(requests.len(), 1);
    let (request_line, headers, body) = header_lines(&requests[0]);
    assert_eq!(request_line, "POST /sessions/arn%3Aaws%3Ax%2Fy/a%2Fb?k=%2F&z=%3A HTTP/1.1");
    let expected = [
        format!("host: 127.0.0.1:{port}"),
        "content-type: application/x-amz-json-1.1".to_string(),
        "content-length: 19".to_string(),
        "x-amz-target: AmazonAthena.GetSession".to_string(),
        "x-amz-date: 20250101T000000Z".to_string(),
    ];
    assert_eq!(headers, sorted(&expected));
    assert_eq!(body, r#"{"SessionId":"s-1"}"#);
}

fn bodiless_get_has_no_content_headers(kind: Kind) {
    let server = Server::start(vec![Reply::Send(ok(""))]);
    let client = Client::new(kind);
    let request = http::Request::get(server.url("http", "/a%2F%2Fb/"))
        .header("host", "example.amazonaws.com")
        .header("x-amz-security-token", "t")
        .body(Vec::new())
        .unwrap();
    let response = client.send(request, &TransportSettings::default()).unwrap();
    assert_eq!((response.status, response.body.len()), (200, 0));
    let (requests, _) = server.finish();
    let (request_line, headers, body) = header_lines(&requests[0]);
    assert_eq!(request_line, "GET /a%2F%2Fb/ HTTP/1.1");
    // The request's own Host is kept.
    assert_eq!(headers, sorted(&["host: example.amazonaws.com".into(), "x-amz-security-token: t".into()]));
    assert_eq!(body, "");
}

fn redirects_are_returned_not_followed(kind: Kind) {
    let server = Server::start(vec![Reply::Send(
        b"HTTP/1.1 307 Temporary Redirect\r\nlocation: /elsewhere\r\ncontent-length: 0\r\n\r\n".to_vec(),
    )]);
    let response = Client::new(kind).get(&server.url("http", "/"), &TransportSettings::default()).unwrap();
    assert_eq!(response.status, 307);
    assert_eq!(response.headers["location"], "/elsewhere");
    let (requests, _) = server.finish();
    assert_eq!(requests.len(), 1);
}

fn body_over_the_cap_by_content_length(kind: Kind) {
    // A huge announced length is refused before any of the body is read.
    let server = Server::start(vec![Reply::SendAndClose(
        b"HTTP/1.1 200 OK\r\ncontent-length: 1073741824\r\n\r\nxxxx".to_vec(),
    )]);
    let settings = TransportSettings { max_body_bytes: 1024, ..TransportSettings::default() };
    let error = Client::new(kind).get(&server.url("http", "/"), &settings).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::BodyTooLarge, "{error}");
    assert!(!error.is_transient());
    server.finish();
}

fn body_over_the_cap_while_reading(kind: Kind) {
    // 4 MiB in chunks of 64 KiB against a cap of 100 KiB: reading stops at the cap.
    let mut chunked = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..64 {
        chunked.extend_from_slice(b"10000\r\n");
        chunked.extend(std::iter::repeat_n(b'x', 0x10000));
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let settings = TransportSettings { max_body_bytes: 100 * 1024, ..TransportSettings::default() };
    let server = Server::start(vec![Reply::SendAndClose(chunked)]);
    let started = Instant::now();
    let error = Client::new(kind).get(&server.url("http", "/"), &settings).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::BodyTooLarge, "{error}");
    assert!(started.elapsed() < Duration::from_secs(3));
    server.finish();
    // Exactly at the cap is fine.
    let server = Server::start(vec![Reply::Send(ok(&"y".repeat(1024)))]);
    let settings = TransportSettings { max_body_bytes: 1024, ..TransportSettings::default() };
    assert_eq!(Client::new(kind).get(&server.url("http", "/"), &settings).unwrap().body.len(), 1024);
    server.finish();
}

fn read_timeout(kind: Kind) {
    let server = Server::start(vec![Reply::Silent]);
    let settings = TransportSettings { read_timeout: Some(Duration::from_millis(200)), ..TransportSettings::default() };
    let started = Instant::now();
    let error = Client::new(kind).get(&server.url("http", "/"), &settings).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(error.is_transient());
    assert!(elapsed >= Duration::from_millis(190) && elapsed < Duration::from_secs(2), "{elapsed:?}");
    server.finish();
}

fn connect_timeout_covers_the_tls_handshake(kind: Kind) {
    // A plain server never answers the ClientHello: the handshake is cut by the connect timeout.
    let server = Server::start(vec![Reply::Silent]);
    let settings = TransportSettings { connect_timeout: Some(Duration::from_millis(200)), ..TransportSettings::default() };
    let started = Instant::now();
    let error = Client::new(kind).get(&server.url("https", "/"), &settings).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(error.message().contains("timed out"), "{error}");
    assert!(elapsed >= Duration::from_millis(190) && elapsed < Duration::from_secs(2), "{elapsed:?}");
    server.finish();
}

fn connection_refused(kind: Kind) {
    // A port that was just free: nothing listens on it.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let error = Client::new(kind).get(&format!("http://127.0.0.1:{port}/"), &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(error.is_transient());
    let error = Client::new(kind).get("ftp://127.0.0.1/", &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other, "{error}");
}

fn invalid_and_truncated_responses(kind: Kind) {
    let server = Server::start(vec![Reply::SendAndClose(b"<html>not http</html>\r\n\r\n".to_vec())]);
    let error = Client::new(kind).get(&server.url("http", "/"), &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::InvalidResponse, "{error}");
    assert!(!error.is_transient());
    server.finish();
    let server = Server::start(vec![Reply::SendAndClose(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nhalf".to_vec())]);
    let error = Client::new(kind).get(&server.url("http", "/"), &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Io, "{error}");
    assert!(error.is_transient());
    server.finish();
    let server = Server::start(vec![Reply::SendAndClose(Vec::new())]);
    let error = Client::new(kind).get(&server.url("http", "/"), &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Io, "{error}");
    server.finish();
}

fn reuses_connections(kind: Kind) {
    let closing = b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\nc3".to_vec();
    let server = Server::start(vec![Reply::Send(ok("c1")), Reply::Send(ok("c2")), Reply::Send(closing), Reply::Send(ok("c4"))]);
    let client = Client::new(kind);
    let settings = TransportSettings::default();
    for expected in ["c1", "c2", "c3", "c4"] {
        assert_eq!(client.get(&server.url("http", "/"), &settings).unwrap().body, expected.as_bytes());
    }
    let (requests, connections) = server.finish();
    assert_eq!(requests.len(), 4);
    // c1 and c2 share a connection; c3 said `connection: close`, so c4 opened another.
    assert_eq!(connections, 2);
}

fn replaces_connections_the_server_closed(kind: Kind) {
    let server = Server::start(vec![Reply::SendAndClose(ok("first")), Reply::Send(ok("second"))]);
    let client = Client::new(kind);
    let settings = TransportSettings::default();
    assert_eq!(client.get(&server.url("http", "/"), &settings).unwrap().body, b"first");
    // Let the server's close reach the client.
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(client.get(&server.url("http", "/"), &settings).unwrap().body, b"second");
    let (_, connections) = server.finish();
    assert_eq!(connections, 2);
}

fn a_host_limit_queues_concurrent_calls(kind: Kind) {
    // Each answer comes 20 ms after its request, so the calls overlap: without a limit each would
    // open its own connection.
    let replies = (0..10).map(|i| Reply::SendAfter(Duration::from_millis(20), ok(&format!("r{i}")))).collect();
    let server = Server::start(replies);
    let settings = TransportSettings { max_connections_per_host: 2, ..TransportSettings::default() };
    let results = Client::new(kind).get_each(&server.url("http", "/"), &vec![settings; 10], |_| {});
    let mut bodies: Vec<String> = results.into_iter().map(|(r, _)| String::from_utf8(r.unwrap().body).unwrap()).collect();
    bodies.sort();
    assert_eq!(bodies, (0..10).map(|i| format!("r{i}")).collect::<Vec<_>>());
    let most_open = server.most_open();
    let (requests, connections) = server.finish();
    assert_eq!(requests.len(), 10);
    assert!(most_open <= 2, "{most_open} connections open at once");
    assert!(connections <= 2, "{connections} connections in all");
}

/// Tokio only: its tasks are polled in the order spawned, so all 80 calls are queued before the
/// first answer. Threads may start late enough that no call is waiting when a round ends, and
/// then closing the idle connections over the cap is right (the pool's own tests cover the rule).
#[cfg(feature = "rt-tokio")]
#[test]
fn a_burst_over_the_idle_cap_keeps_its_connections() {
    // 20 connections allowed, more than the 16 kept idle: when they finish together while calls
    // wait, closing the extra ones would only make the waiting calls open new ones. The server
    // answers in rounds: all 20 requests in flight at once.
    let replies = (0..80).map(|i| Reply::SendOnceReceived((i / 20 + 1) * 20, ok("r"))).collect();
    let server = Server::start(replies);
    let settings = TransportSettings { max_connections_per_host: 20, ..TransportSettings::default() };
    let results = Client::new(Kind::Tokio).get_each(&server.url("http", "/"), &vec![settings; 80], |_| {});
    assert!(results.iter().all(|(r, _)| r.as_ref().is_ok_and(|r| r.body == b"r")));
    let (requests, connections) = server.finish();
    assert_eq!(requests.len(), 80);
    assert!(connections <= 20, "{connections} connections in all");
}

fn the_wait_for_a_connection_counts_against_the_deadline(kind: Kind) {
    // One connection allowed, to a server that never answers: the first call holds it until its
    // deadline (400 ms); the second waits for it until its own (50 ms), and never connects.
    let server = Server::start(vec![Reply::Silent, Reply::Silent]);
    let settings = |after| TransportSettings { max_connections_per_host: 1, ..deadline_in(after) };
    let calls = [settings(Duration::from_millis(400)), settings(Duration::from_millis(50))];
    let results = Client::new(kind).get_each(&server.url("http", "/"), &calls, |_| server.wait_for_connections(1));
    for (result, _) in &results {
        let error = result.as_ref().unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    }
    let (waited, elapsed) = (results[1].0.as_ref().unwrap_err(), results[1].1);
    assert!(waited.message().contains("to be free"), "{waited}");
    assert!(elapsed < Duration::from_millis(300), "{elapsed:?}");
    let (requests, connections) = server.finish();
    assert_eq!((requests.len(), connections), (1, 1));
}

fn an_unlimited_body_cap_reads_to_the_close(kind: Kind) {
    // `usize::MAX` means no cap: a body delimited by the connection's close is read whole.
    let server = Server::start(vec![Reply::SendAndClose(b"HTTP/1.1 200 OK\r\n\r\n{\"SessionId\":\"s-1\"}".to_vec())]);
    let settings = TransportSettings { max_body_bytes: usize::MAX, ..TransportSettings::default() };
    let response = Client::new(kind).get(&server.url("http", "/"), &settings).unwrap();
    assert_eq!((response.status, response.body.as_slice()), (200, &br#"{"SessionId":"s-1"}"#[..]));
    server.finish();
    // And with a length or chunks.
    let chunked = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n".to_vec();
    let server = Server::start(vec![Reply::Send(ok("sized")), Reply::Send(chunked)]);
    let client = Client::new(kind);
    assert_eq!(client.get(&server.url("http", "/"), &settings).unwrap().body, b"sized");
    assert_eq!(client.get(&server.url("http", "/"), &settings).unwrap().body, b"abc");
    server.finish();
}

fn broken_chunk_sizes_are_invalid_responses(kind: Kind) {
    // RFC 9112, section 7.1: `chunk-size = 1*HEXDIG`; `zz` is not one, and 18 hex digits overflow any
    // length a client can hold.
    for size in ["zz", "ffffffffffffffffff"] {
        let response = format!("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n{size}\r\nabc\r\n0\r\n\r\n");
        let server = Server::start(vec![Reply::SendAndClose(response.into_bytes())]);
        let error = Client::new(kind).get(&server.url("http", "/"), &TransportSettings::default()).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::InvalidResponse, "{size}: {error}");
        assert!(!error.is_transient(), "{size}");
        server.finish();
    }
}

fn content_length_with_transfer_encoding_is_rejected(kind: Kind) {
    // RFC 9112, section 6.3: such a response "ought to be handled as an error"; its connection is closed,
    // so the next request opens another.
    let both = b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n".to_vec();
    let server = Server::start(vec![Reply::Send(both), Reply::Send(ok("next"))]);
    let client = Client::new(kind);
    let settings = TransportSettings::default();
    let error = client.get(&server.url("http", "/"), &settings).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::InvalidResponse, "{error}");
    assert!(!error.is_transient());
    assert_eq!(client.get(&server.url("http", "/"), &settings).unwrap().body, b"next");
    let (requests, connections) = server.finish();
    assert_eq!((requests.len(), connections), (2, 2));
}

fn reason_phrases_may_carry_obs_text(kind: Kind) {
    // RFC 9112, section 4: `reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )`, obs-text being bytes
    // 0x80 to 0xFF (here Latin-1, not UTF-8).
    let response = b"HTTP/1.1 200 D\xE9j\xE0 vu \xFF\r\ncontent-length: 2\r\n\r\nok".to_vec();
    let server = Server::start(vec![Reply::Send(response)]);
    let response = Client::new(kind).get(&server.url("http", "/"), &TransportSettings::default()).unwrap();
    assert_eq!((response.status, response.body.as_slice()), (200, &b"ok"[..]));
    server.finish();
}

/// Settings with only `deadline` bounding the exchange.
fn deadline_in(after: Duration) -> TransportSettings {
    TransportSettings { deadline: Some(Instant::now() + after), stalled_stream: None, ..TransportSettings::default() }
}

fn the_deadline_bounds_a_dripping_body(kind: Kind) {
    // A byte every 10 ms: each comes quickly, the whole response (80 bytes) takes 800 ms; the
    // deadline is 60 ms away.
    let head = b"HTTP/1.1 200 OK\r\ncontent-length: 40\r\n\r\n".to_vec();
    let dripping = [head, vec![b'x'; 40]].concat();
    let server = Server::start(vec![Reply::Drip(dripping, Duration::from_millis(10))]);
    let started = Instant::now();
    let error = Client::new(kind).get(&server.url("http", "/"), &deadline_in(Duration::from_millis(60))).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(error.message().contains("deadline"), "{error}");
    assert!(error.is_transient());
    assert!(elapsed >= Duration::from_millis(55) && elapsed < Duration::from_millis(300), "{elapsed:?}");
    server.finish();
}

fn the_deadline_bounds_endless_interim_responses(kind: Kind) {
    // RFC 9110, section 15.2: any number of 1xx responses may come before the final one.
    let server = Server::start(vec![Reply::Repeat(b"HTTP/1.1 100 Continue\r\n\r\n".to_vec(), Duration::from_millis(1))]);
    let started = Instant::now();
    let error = Client::new(kind).get(&server.url("http", "/"), &deadline_in(Duration::from_millis(60))).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(elapsed < Duration::from_millis(500), "{elapsed:?}");
    server.finish();
}

fn the_deadline_bounds_connecting(kind: Kind) {
    // A plain server never answers the ClientHello; the deadline comes before the connect timeout,
    // so this is the attempt's timeout, not a connect error.
    let server = Server::start(vec![Reply::Silent]);
    let started = Instant::now();
    let error = Client::new(kind).get(&server.url("https", "/"), &deadline_in(Duration::from_millis(60))).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(elapsed >= Duration::from_millis(55) && elapsed < Duration::from_millis(500), "{elapsed:?}");
    server.finish();
    // A deadline already passed sends nothing.
    let server = Server::start(vec![Reply::Send(ok("never"))]);
    let settings = TransportSettings { deadline: Some(Instant::now()), ..TransportSettings::default() };
    let error = Client::new(kind).get(&server.url("http", "/"), &settings).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    let (requests, _) = server.finish();
    assert!(requests.is_empty());
}

fn the_deadline_bounds_a_tls_exchange(kind: Kind) {
    // The handshake completes, the request is read, no answer comes: under TLS too, the wait for
    // the response ends at the deadline, and says so.
    let server = Server::start_with(vec![Reply::Silent], Some(tls_server_config()));
    let client = Client::with_tls(kind, Some(test_ca_client_config()));
    let started = Instant::now();
    let error = client.get(&server.url("https", "/"), &deadline_in(Duration::from_millis(150))).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(error.message().contains("deadline"), "{error}");
    assert!(elapsed >= Duration::from_millis(145) && elapsed < Duration::from_millis(600), "{elapsed:?}");
    let (requests, _) = server.finish();
    assert_eq!(requests.len(), 1);
}

/// Stalled-stream protection measured every 10 ms, with 50 ms of grace.
fn protection(min_bytes_per_sec: u64) -> TransportSettings {
    let protection = StalledStreamProtection { min_bytes_per_sec, window: Duration::from_millis(10), grace: Duration::from_millis(50) };
    TransportSettings { stalled_stream: Some(protection), ..TransportSettings::default() }
}

fn assert_stalled(result: Result<HttpResponse, TransportError>, elapsed: Duration) {
    let error = result.unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(error.message().contains("stalled"), "{error}");
    assert!(error.is_transient());
    assert!(elapsed >= Duration::from_millis(50) && elapsed < Duration::from_millis(1000), "{elapsed:?}");
}

fn a_silent_server_stalls(kind: Kind) {
    // No read timeout, no deadline: only the protection ends the wait for the response head.
    let server = Server::start(vec![Reply::Silent]);
    let started = Instant::now();
    let result = Client::new(kind).get(&server.url("http", "/"), &protection(1));
    assert_stalled(result, started.elapsed());
    server.finish();
}

fn a_body_that_stops_stalls(kind: Kind) {
    let server = Server::start(vec![Reply::SendAndHold(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nhalf".to_vec())]);
    let started = Instant::now();
    let result = Client::new(kind).get(&server.url("http", "/"), &protection(1));
    assert_stalled(result, started.elapsed());
    server.finish();
}

fn a_slow_body_under_the_minimum_rate_stalls(kind: Kind) {
    // A byte every 5 ms is about 200 bytes/s: moving, but under a minimum of 10,000.
    let dripping = [b"HTTP/1.1 200 OK\r\ncontent-length: 400\r\n\r\n".to_vec(), vec![b'x'; 400]].concat();
    let server = Server::start(vec![Reply::Drip(dripping, Duration::from_millis(5))]);
    let started = Instant::now();
    let result = Client::new(kind).get(&server.url("http", "/"), &protection(10_000));
    assert_stalled(result, started.elapsed());
    server.finish();
}

fn a_slow_body_at_the_minimum_rate_does_not_stall(kind: Kind) {
    // The same trickle for 30 bytes against a minimum of 1 byte/s: every window moves some.
    let dripping = [b"HTTP/1.1 200 OK\r\ncontent-length: 30\r\n\r\n".to_vec(), vec![b'y'; 30]].concat();
    let server = Server::start(vec![Reply::Drip(dripping, Duration::from_millis(2))]);
    let response = Client::new(kind).get(&server.url("http", "/"), &protection(1)).unwrap();
    assert_eq!(response.body, vec![b'y'; 30]);
    server.finish();
}

const CA: &str = include_str!("tls/ca.pem");
const SERVER_CERT: &str = include_str!("tls/server.pem");
const SERVER_KEY: &str = include_str!("tls/server-key.pem");

fn tls_server_config() -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs = vec![CertificateDer::from_pem_slice(SERVER_CERT.as_bytes()).unwrap()];
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY.as_bytes()).unwrap();
    // The test server uses the same provider as the client (see src/transport/tls.rs).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    Arc::new(config)
}

fn test_ca_client_config() -> Arc<rustls::ClientConfig> {
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots.add(rustls::pki_types::CertificateDer::from_pem_slice(CA.as_bytes()).unwrap()).unwrap();
    runtime::transport::tls_config_with_roots(roots)
}

fn https_with_a_trusted_ca(kind: Kind) {
    let server = Server::start_with(vec![Reply::Send(ok("secure")), Reply::Send(ok("again"))], Some(tls_server_config()));
    let client = Client::with_tls(kind, Some(test_ca_client_config()));
    let request = http::Request::put(server.url("https", "/x%2Fy")).body(b"payload".to_vec()).unwrap();
    let response = client.send(request, &TransportSettings::default()).unwrap();
    assert_eq!((response.status, response.body.as_slice()), (200, &b"secure"[..]));
    assert_eq!(client.get(&server.url("https", "/"), &TransportSettings::default()).unwrap().body, b"again");
    let port = server.addr.port();
    let (requests, connections) = server.finish();
    let (request_line, headers, body) = header_lines(&requests[0]);
    assert_eq!(request_line, "PUT /x%2Fy HTTP/1.1");
    assert_eq!(headers, sorted(&[format!("host: 127.0.0.1:{port}"), "content-length: 7".into()]));
    assert_eq!(body, "payload");
    assert_eq!(connections, 1);
}

fn https_with_an_unknown_ca_is_rejected(kind: Kind) {
    // The default trust anchors do not include the test CA.
    let server = Server::start_with(vec![Reply::Send(ok("never"))], Some(tls_server_config()));
    let error = Client::new(kind).get(&server.url("https", "/"), &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other, "{error}");
    assert!(error.message().contains("certificate"), "{error}");
    assert!(!error.is_transient());
    let (requests, _) = server.finish();
    assert!(requests.is_empty());
}

#[cfg(feature = "rt-tokio")]
#[test]
fn tokio_client_outside_a_runtime_is_an_error() {
    use runtime::transport::HttpClient;
    // Polled by a bare executor: no Tokio runtime, so no connection task can be spawned.
    let client = runtime::transport::TokioHttpClient::new();
    let settings = TransportSettings::default();
    let request = http::Request::get("http://127.0.0.1:9/").body(Vec::new()).unwrap();
    let mut future = client.send(request, &settings);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(Err(error)) => assert_eq!(error.kind(), TransportErrorKind::Other, "{error}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn default_settings() {
    let settings = TransportSettings::default();
    assert_eq!(settings.connect_timeout, Some(Duration::from_millis(3100)));
    assert_eq!(settings.read_timeout, None);
    assert_eq!(settings.max_body_bytes, 16 * 1024 * 1024);
    assert_eq!(settings.deadline, None);
    // As the AWS SDK for Rust: on, 1 byte/s, checked every second, 20 s of grace.
    let protection = StalledStreamProtection { min_bytes_per_sec: 1, window: Duration::from_secs(1), grace: Duration::from_secs(20) };
    assert_eq!(settings.stalled_stream, Some(protection));
    assert_eq!(settings.max_connections_per_host, 50);
    // The default TLS configuration builds (webpki roots, ring) and is shared.
    let a = runtime::transport::default_tls_config();
    assert!(Arc::ptr_eq(&a, &runtime::transport::default_tls_config()));
    assert_eq!(a.alpn_protocols, vec![b"http/1.1".to_vec()]);
}
