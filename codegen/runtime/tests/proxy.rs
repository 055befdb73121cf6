//! Proxies and CA bundles with the default HTTP clients, against servers run by the test on
//! 127.0.0.1: a small forward proxy (a `CONNECT` tunnel to the origin, or answering absolute-form
//! requests itself), one reached over TLS, a SOCKS5 proxy, and an origin, over TLS with certificates made at test time by rcgen, trusted
//! through a CA bundle; and the same through `Config::from_env_with` and the builder.
#![cfg(any(feature = "rt-tokio", feature = "blocking"))]

use runtime::config::{Config, ConfigError};
use runtime::credentials::Env;
use runtime::transport::{rustls, CaBundle, ProxyConfig};
use runtime::transport::{HttpResponse, TransportError, TransportErrorKind, TransportSettings};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// RFC 7617, section 2: the credentials of user "Aladdin" with password "open sesame".
const ALADDIN: &str = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";

// ---------------------------------------------------------------------------------------------
// Certificates.

/// A CA (its PEM) and a server configuration for `127.0.0.1` and `localhost` signed by it.
struct Pki {
    ca_pem: String,
    server: Arc<rustls::ServerConfig>,
}

fn pki() -> Pki {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "aws-lite test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let server_key = KeyPair::generate().unwrap();
    let server_params = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
    let server_cert = server_params.signed_by(&server_key, &issuer).unwrap();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(server_key.serialize_der().into());
    // The server's own provider, whichever the client uses.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![server_cert.der().clone()], key)
        .unwrap();
    Pki { ca_pem: ca.pem(), server: Arc::new(server) }
}

// ---------------------------------------------------------------------------------------------
// The servers.

/// What each server saw: the request heads (and for the proxy, the `CONNECT` heads) in order.
type Log = Arc<Mutex<Vec<String>>>;

/// Reads a head up to its empty line, a byte at a time (nothing after it is taken).
fn read_head(stream: &mut impl Read) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// An origin on 127.0.0.1 (TLS when given a configuration): answers every request, on every
/// connection, with 200 and `from origin`.
fn origin(tls: Option<Arc<rustls::ServerConfig>>) -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Log::default();
    let seen = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let (log, tls) = (seen.clone(), tls.clone());
            std::thread::spawn(move || match tls {
                Some(config) => {
                    let connection = rustls::ServerConnection::new(config).unwrap();
                    serve(rustls::StreamOwned::new(connection, stream), &log);
                }
                None => serve(stream, &log),
            });
        }
    });
    (port, log)
}

fn serve(mut stream: impl Read + Write, log: &Log) {
    while let Some(head) = read_head(&mut stream) {
        log.lock().unwrap().push(head);
        if stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\nfrom origin").is_err() {
            return;
        }
    }
}

/// What the proxy does with a connection.
#[derive(Clone, Copy)]
enum Behaviour {
    /// `CONNECT`: opens the tunnel to the named host and port; anything else: answers it itself
    /// with 200 and `from proxy`.
    Forward,
    /// Answers with this status line and closes.
    Refuse(&'static str),
    /// Reads the head, then never answers.
    Silent,
}

fn proxy(behaviour: Behaviour) -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Log::default();
    let seen = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let log = seen.clone();
            std::thread::spawn(move || proxy_connection(stream, behaviour, &log));
        }
    });
    (port, log)
}

fn proxy_connection(mut client: TcpStream, behaviour: Behaviour, log: &Log) {
    while let Some(head) = read_head(&mut client) {
        log.lock().unwrap().push(head.clone());
        match behaviour {
            Behaviour::Silent => {
                // Until the client gives up and closes.
                let _ = client.read(&mut [0u8; 1]);
                return;
            }
            Behaviour::Refuse(status) => {
                let _ = write!(client, "{status}\r\nproxy-authenticate: Basic realm=\"test\"\r\ncontent-length: 0\r\n\r\n");
                return;
            }
            Behaviour::Forward if head.starts_with("CONNECT ") => {
                let authority = head.split(' ').nth(1).unwrap().to_string();
                let Ok(origin) = TcpStream::connect(authority.as_str()) else {
                    let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
                    return;
                };
                client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").unwrap();
                let (mut up_from, mut up_to) = (client.try_clone().unwrap(), origin.try_clone().unwrap());
                let up = std::thread::spawn(move || {
                    let _ = std::io::copy(&mut up_from, &mut up_to);
                    let _ = up_to.shutdown(Shutdown::Write);
                });
                let (mut down_from, mut down_to) = (origin, client);
                let _ = std::io::copy(&mut down_from, &mut down_to);
                let _ = down_to.shutdown(Shutdown::Both);
                let _ = up.join();
                return;
            }
            Behaviour::Forward => {
                if client.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nfrom proxy").is_err() {
                    return;
                }
            }
        }
    }
}

/// A proxy reached over TLS (an `https://` proxy URL) on 127.0.0.1, with `server`'s certificate.
/// A `CONNECT` is answered 200 and its tunnel ends at the proxy itself, which answers inside it
/// as an https origin would (TLS again, within the proxy's, then `from origin`); any other
/// request it answers itself with `from proxy`. Every head, inside the tunnel too, is logged.
fn tls_proxy(server: Arc<rustls::ServerConfig>) -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Log::default();
    let seen = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let (log, server) = (seen.clone(), server.clone());
            std::thread::spawn(move || {
                let mut client = rustls::StreamOwned::new(rustls::ServerConnection::new(server.clone()).unwrap(), stream);
                while let Some(head) = read_head(&mut client) {
                    log.lock().unwrap().push(head.clone());
                    if head.starts_with("CONNECT ") {
                        if client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").and_then(|()| client.flush()).is_ok() {
                            serve(rustls::StreamOwned::new(rustls::ServerConnection::new(server).unwrap(), client), &log);
                        }
                        return;
                    }
                    if client.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nfrom proxy").is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, log)
}

/// A SOCKS5 proxy (RFC 1928) on 127.0.0.1. With `credentials` it takes only the user name and
/// password method (RFC 1929) and refuses other credentials; then, for `CONNECT`, with `reply` 0
/// it connects to the named host and port, answers with a bound address given as a name, and
/// relays both ways; with any other `reply` it answers that code and closes. It logs
/// `auth USER:PASSWORD` and `connect HOST:PORT`.
fn socks_proxy(credentials: Option<(&'static str, &'static str)>, reply: u8) -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Log::default();
    let seen = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let log = seen.clone();
            std::thread::spawn(move || socks_connection(stream, credentials, reply, &log));
        }
    });
    (port, log)
}

fn socks_connection(mut client: TcpStream, credentials: Option<(&str, &str)>, reply: u8, log: &Log) -> Option<()> {
    fn take(stream: &mut TcpStream, n: usize) -> Option<Vec<u8>> {
        let mut bytes = vec![0u8; n];
        stream.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }
    let greeting = take(&mut client, 2)?;
    let methods = take(&mut client, usize::from(greeting[1]))?;
    match credentials {
        Some((user, password)) if methods.contains(&2) => {
            client.write_all(&[5, 2]).ok()?;
            let user_len = take(&mut client, 2)?[1];
            let given_user = take(&mut client, usize::from(user_len))?;
            let password_len = take(&mut client, 1)?[0];
            let given_password = take(&mut client, usize::from(password_len))?;
            let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
            log.lock().unwrap().push(format!("auth {}:{}", text(&given_user), text(&given_password)));
            let accepted = given_user == user.as_bytes() && given_password == password.as_bytes();
            client.write_all(&[1, u8::from(!accepted)]).ok()?;
            if !accepted {
                return None;
            }
        }
        None if methods.contains(&0) => client.write_all(&[5, 0]).ok()?,
        _ => {
            client.write_all(&[5, 0xff]).ok()?;
            return None;
        }
    }
    let request = take(&mut client, 4)?;
    let host = match request[3] {
        1 => std::net::Ipv4Addr::from(<[u8; 4]>::try_from(take(&mut client, 4)?).ok()?).to_string(),
        4 => std::net::Ipv6Addr::from(<[u8; 16]>::try_from(take(&mut client, 16)?).ok()?).to_string(),
        _ => {
            let len = take(&mut client, 1)?[0];
            String::from_utf8(take(&mut client, usize::from(len))?).ok()?
        }
    };
    let port = u16::from_be_bytes(<[u8; 2]>::try_from(take(&mut client, 2)?).ok()?);
    log.lock().unwrap().push(format!("connect {host}:{port}"));
    let origin = match reply {
        0 => TcpStream::connect((host.as_str(), port)).ok(),
        _ => None,
    };
    let Some(origin) = origin else {
        let code = if reply == 0 { 5 } else { reply };
        let _ = client.write_all(&[5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
        return None;
    };
    client.write_all(&[&[5, 0, 0, 3, 10][..], b"bound.test", &[0x04, 0x38]].concat()).ok()?;
    let (mut up_from, mut up_to) = (client.try_clone().ok()?, origin.try_clone().ok()?);
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut up_from, &mut up_to);
        let _ = up_to.shutdown(Shutdown::Write);
    });
    let (mut down_from, mut down_to) = (origin, client);
    let _ = std::io::copy(&mut down_from, &mut down_to);
    let _ = down_to.shutdown(Shutdown::Both);
    let _ = up.join();
    Some(())
}

/// A port nothing listens on (a request sent there directly fails to connect).
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn heads(log: &Log) -> Vec<String> {
    log.lock().unwrap().clone()
}

/// A head's request line and its header lines (sorted).
fn lines(head: &str) -> (String, Vec<String>) {
    let mut lines = head.trim_end().split("\r\n").map(str::to_string);
    let first = lines.next().unwrap_or_default();
    let mut rest: Vec<String> = lines.collect();
    rest.sort();
    (first, rest)
}

// ---------------------------------------------------------------------------------------------
// The clients.

#[derive(Clone, Copy, Debug)]
enum Kind {
    #[cfg(feature = "rt-tokio")]
    Tokio,
    #[cfg(feature = "blocking")]
    Blocking,
}

enum Client {
    #[cfg(feature = "rt-tokio")]
    Tokio(Arc<dyn runtime::transport::HttpClient>, tokio::runtime::Runtime),
    #[cfg(feature = "blocking")]
    Blocking(Arc<dyn runtime::transport::BlockingHttpClient>),
}

impl Client {
    /// A default client of `kind` with a TLS configuration and proxies.
    fn new(kind: Kind, tls: Arc<rustls::ClientConfig>, proxy: ProxyConfig) -> Client {
        match kind {
            #[cfg(feature = "rt-tokio")]
            Kind::Tokio => {
                let client = runtime::transport::TokioHttpClient::with_tls_config(tls).with_proxy(proxy);
                Client::Tokio(Arc::new(client), runtime())
            }
            #[cfg(feature = "blocking")]
            Kind::Blocking => {
                Client::Blocking(Arc::new(runtime::transport::BlockingClient::with_tls_config(tls).with_proxy(proxy)))
            }
        }
    }

    /// The default client of `kind` a configuration built.
    fn of(kind: Kind, config: &Config) -> Client {
        match kind {
            #[cfg(feature = "rt-tokio")]
            Kind::Tokio => Client::Tokio(config_client(config), runtime()),
            #[cfg(feature = "blocking")]
            Kind::Blocking => Client::Blocking(config_blocking_client(config)),
        }
    }

    fn get(&self, url: &str, settings: &TransportSettings) -> Result<HttpResponse, TransportError> {
        let request = http::Request::get(url).body(Vec::new()).unwrap();
        match self {
            #[cfg(feature = "rt-tokio")]
            Client::Tokio(client, rt) => rt.block_on(client.send(request, settings)),
            #[cfg(feature = "blocking")]
            Client::Blocking(client) => client.send(request, settings),
        }
    }
}

#[cfg(feature = "rt-tokio")]
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// The configuration's async client, shared: a wrapper that borrows it would not be `'static`.
#[cfg(feature = "rt-tokio")]
fn config_client(config: &Config) -> Arc<dyn runtime::transport::HttpClient> {
    #[derive(Debug)]
    struct Of(Config);
    impl runtime::transport::HttpClient for Of {
        fn send<'a>(
            &'a self,
            request: http::Request<Vec<u8>>,
            settings: &'a TransportSettings,
        ) -> runtime::transport::BoxFuture<'a, Result<HttpResponse, TransportError>> {
            self.0.http_client().unwrap().send(request, settings)
        }
    }
    Arc::new(Of(config.clone()))
}

#[cfg(feature = "blocking")]
fn config_blocking_client(config: &Config) -> Arc<dyn runtime::transport::BlockingHttpClient> {
    #[derive(Debug)]
    struct Of(Config);
    impl runtime::transport::BlockingHttpClient for Of {
        fn send(&self, request: http::Request<Vec<u8>>, settings: &TransportSettings) -> Result<HttpResponse, TransportError> {
            self.0.blocking_http_client().unwrap().send(request, settings)
        }
    }
    Arc::new(Of(config.clone()))
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
    https_goes_through_a_connect_tunnel,
    a_proxy_reached_over_tls_carries_a_tunnel_and_plain_requests,
    the_certificate_of_a_tls_proxy_is_checked,
    socks5_tunnels_https_and_http_with_a_user_and_password,
    socks5_refusals_name_the_proxy,
    http_goes_to_the_proxy_in_absolute_form,
    a_refused_connect_names_the_proxy_status,
    the_deadline_covers_the_proxy_exchange,
    the_connect_timeout_covers_the_proxy_exchange,
    no_proxy_hosts_go_direct,
    a_ca_bundle_is_trusted_instead_of_the_default_roots,
    from_env_reads_proxies_and_the_ca_bundle,
    the_builder_sets_and_disables_proxies,
);

fn https_goes_through_a_connect_tunnel(kind: Kind) {
    let pki = pki();
    let (origin_port, origin_log) = origin(Some(pki.server.clone()));
    let (proxy_port, proxy_log) = proxy(Behaviour::Forward);
    let bundle = CaBundle::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let proxies = ProxyConfig::all(&format!("http://Aladdin:open%20sesame@127.0.0.1:{proxy_port}")).unwrap();
    let client = Client::new(kind, bundle.tls_config(), proxies);
    let url = format!("https://127.0.0.1:{origin_port}/a%2Fb?x=%3A");
    for _ in 0..2 {
        let response = client.get(&url, &TransportSettings::default()).unwrap();
        assert_eq!((response.status, response.body.as_slice()), (200, &b"from origin"[..]));
    }
    // One tunnel, reused; the authority-form target always has the port (RFC 9112, 3.2.3).
    let connect = format!("127.0.0.1:{origin_port}");
    let expected = (format!("CONNECT {connect} HTTP/1.1"), vec![format!("host: {connect}"), format!("proxy-authorization: {ALADDIN}")]);
    assert_eq!(heads(&proxy_log).iter().map(|h| lines(h)).collect::<Vec<_>>(), vec![expected]);
    // Inside the tunnel, the origin gets the request in origin form, without the proxy's credentials.
    let origin_heads = heads(&origin_log);
    assert_eq!(origin_heads.len(), 2);
    assert_eq!(lines(&origin_heads[0]), ("GET /a%2Fb?x=%3A HTTP/1.1".to_string(), vec![format!("host: 127.0.0.1:{origin_port}")]));
}

fn a_proxy_reached_over_tls_carries_a_tunnel_and_plain_requests(kind: Kind) {
    let pki = pki();
    let (proxy_port, proxy_log) = tls_proxy(pki.server.clone());
    let bundle = CaBundle::from_pem(pki.ca_pem.as_bytes()).unwrap();
    // `localhost`: the proxy's certificate is checked against the name in its URL.
    let proxies = ProxyConfig::all(&format!("https://Aladdin:open%20sesame@localhost:{proxy_port}")).unwrap();
    let client = Client::new(kind, bundle.tls_config(), proxies);
    // https: TLS to the origin inside the tunnel, inside TLS to the proxy; the tunnel reused.
    let origin = "127.0.0.1:8443";
    for _ in 0..2 {
        let response = client.get(&format!("https://{origin}/a%2Fb?x=%3A"), &TransportSettings::default()).unwrap();
        assert_eq!((response.status, response.body.as_slice()), (200, &b"from origin"[..]));
    }
    let seen: Vec<_> = heads(&proxy_log).iter().map(|h| lines(h)).collect();
    let connect = (format!("CONNECT {origin} HTTP/1.1"), vec![format!("host: {origin}"), format!("proxy-authorization: {ALADDIN}")]);
    let inside = ("GET /a%2Fb?x=%3A HTTP/1.1".to_string(), vec![format!("host: {origin}")]);
    assert_eq!(seen, vec![connect, inside.clone(), inside]);
    // http: the request in absolute form, inside TLS to the proxy.
    let response = client.get("http://127.0.0.1:8080/p", &TransportSettings::default()).unwrap();
    assert_eq!(response.body, b"from proxy");
    let last = heads(&proxy_log).last().map(|h| lines(h)).unwrap();
    let expected = vec!["host: 127.0.0.1:8080".to_string(), format!("proxy-authorization: {ALADDIN}")];
    assert_eq!(last, ("GET http://127.0.0.1:8080/p HTTP/1.1".to_string(), expected));
}

fn the_certificate_of_a_tls_proxy_is_checked(kind: Kind) {
    let (trusted, untrusted) = (pki(), pki());
    let (proxy_port, proxy_log) = tls_proxy(untrusted.server.clone());
    let bundle = CaBundle::from_pem(trusted.ca_pem.as_bytes()).unwrap();
    let client = Client::new(kind, bundle.tls_config(), ProxyConfig::all(&format!("https://127.0.0.1:{proxy_port}")).unwrap());
    for url in ["https://127.0.0.1:8443/", "http://127.0.0.1:8080/"] {
        let error = client.get(url, &TransportSettings::default()).unwrap_err();
        // Not retried: a certificate that failed will fail again.
        assert_eq!(error.kind(), TransportErrorKind::Other, "{error}");
        let message = format!("TLS handshake with the proxy 127.0.0.1:{proxy_port} failed");
        assert!(error.message().starts_with(&message) && error.message().contains("certificate"), "{error}");
    }
    assert!(heads(&proxy_log).is_empty(), "nothing was sent to the proxy");
}

fn socks5_tunnels_https_and_http_with_a_user_and_password(kind: Kind) {
    let pki = pki();
    let (tls_port, tls_log) = origin(Some(pki.server.clone()));
    let (plain_port, plain_log) = origin(None);
    let (proxy_port, proxy_log) = socks_proxy(Some(("Aladdin", "open sesame")), 0);
    let bundle = CaBundle::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let proxies = ProxyConfig::all(&format!("socks5h://Aladdin:open%20sesame@127.0.0.1:{proxy_port}")).unwrap();
    let client = Client::new(kind, bundle.tls_config(), proxies);
    // https: TLS to the origin inside the tunnel, its name sent for the proxy to resolve; the
    // tunnel reused.
    for _ in 0..2 {
        let response = client.get(&format!("https://localhost:{tls_port}/a%2Fb"), &TransportSettings::default()).unwrap();
        assert_eq!((response.status, response.body.as_slice()), (200, &b"from origin"[..]));
    }
    // http: through a tunnel too, the request as it goes without a proxy (origin form, no
    // proxy credentials); an IP address sent as itself.
    let response = client.get(&format!("http://127.0.0.1:{plain_port}/p?q=1"), &TransportSettings::default()).unwrap();
    assert_eq!(response.body, b"from origin");
    let auth = "auth Aladdin:open sesame".to_string();
    let expected = [auth.clone(), format!("connect localhost:{tls_port}"), auth, format!("connect 127.0.0.1:{plain_port}")];
    assert_eq!(heads(&proxy_log), expected);
    assert_eq!(heads(&tls_log).len(), 2);
    let plain = heads(&plain_log);
    assert_eq!(lines(&plain[0]), ("GET /p?q=1 HTTP/1.1".to_string(), vec![format!("host: 127.0.0.1:{plain_port}")]));
}

fn socks5_refusals_name_the_proxy(kind: Kind) {
    let tls = runtime::transport::default_tls_config();
    let url = format!("http://localhost:{}/", closed_port());
    // The proxy's reply code, with its meaning: a refused connection may pass on a retry.
    let (proxy_port, _) = socks_proxy(None, 5);
    let client = Client::new(kind, tls.clone(), ProxyConfig::all(&format!("socks5://127.0.0.1:{proxy_port}")).unwrap());
    let error = client.get(&url, &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    let target = url.trim_start_matches("http://").trim_end_matches('/');
    let expected = format!("the SOCKS5 proxy 127.0.0.1:{proxy_port} could not open a tunnel to {target}: connection refused (reply 5)");
    assert_eq!(error.message(), expected);
    // A ruleset's refusal will not pass on a retry.
    let (proxy_port, _) = socks_proxy(None, 2);
    let client = Client::new(kind, tls.clone(), ProxyConfig::all(&format!("socks5://127.0.0.1:{proxy_port}")).unwrap());
    let error = client.get(&url, &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other, "{error}");
    assert!(error.message().ends_with("connection not allowed by ruleset (reply 2)"), "{error}");
    // Credentials: wrong ones, or none where the proxy wants them.
    let (proxy_port, proxy_log) = socks_proxy(Some(("me", "right")), 0);
    let client = Client::new(kind, tls.clone(), ProxyConfig::all(&format!("socks5://me:wrong@127.0.0.1:{proxy_port}")).unwrap());
    let error = client.get(&url, &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other, "{error}");
    assert_eq!(error.message(), format!("the SOCKS5 proxy 127.0.0.1:{proxy_port} refused the user name and password"));
    let client = Client::new(kind, tls, ProxyConfig::all(&format!("socks5://127.0.0.1:{proxy_port}")).unwrap());
    let error = client.get(&url, &TransportSettings::default()).unwrap_err();
    assert!(error.message().contains("accepts none of the authentication methods offered"), "{error}");
    assert_eq!(heads(&proxy_log), ["auth me:wrong"], "no request went through");
}

fn http_goes_to_the_proxy_in_absolute_form(kind: Kind) {
    let (proxy_port, proxy_log) = proxy(Behaviour::Forward);
    let port = closed_port();
    let proxies = ProxyConfig::disabled().http(&format!("http://Aladdin:open%20sesame@127.0.0.1:{proxy_port}")).unwrap();
    let client = Client::new(kind, runtime::transport::default_tls_config(), proxies);
    let response = client.get(&format!("http://127.0.0.1:{port}/a%2Fb?x=%3A"), &TransportSettings::default()).unwrap();
    assert_eq!((response.status, response.body.as_slice()), (200, &b"from proxy"[..]));
    let seen = heads(&proxy_log);
    assert_eq!(seen.len(), 1);
    // RFC 9112, section 3.2.2: the absolute form, the path and query byte for byte.
    let expected = vec![format!("host: 127.0.0.1:{port}"), format!("proxy-authorization: {ALADDIN}")];
    assert_eq!(lines(&seen[0]), (format!("GET http://127.0.0.1:{port}/a%2Fb?x=%3A HTTP/1.1"), expected));
}

fn a_refused_connect_names_the_proxy_status(kind: Kind) {
    let (origin_port, origin_log) = origin(None);
    let (proxy_port, proxy_log) = proxy(Behaviour::Refuse("HTTP/1.1 407 Proxy Authentication Required"));
    let proxies = ProxyConfig::all(&format!("127.0.0.1:{proxy_port}")).unwrap();
    let client = Client::new(kind, runtime::transport::default_tls_config(), proxies);
    let error = client.get(&format!("https://127.0.0.1:{origin_port}/"), &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other, "{error}");
    assert!(!error.is_transient());
    let message = format!("the proxy 127.0.0.1:{proxy_port} refused to open a tunnel to 127.0.0.1:{origin_port}: status 407 Proxy Authentication Required");
    assert_eq!(error.message(), message);
    assert_eq!(heads(&proxy_log).len(), 1);
    assert!(heads(&origin_log).is_empty());
    // A gateway error may pass on a retry.
    let (proxy_port, _) = proxy(Behaviour::Refuse("HTTP/1.1 502 Bad Gateway"));
    let client = Client::new(kind, runtime::transport::default_tls_config(), ProxyConfig::all(&format!("127.0.0.1:{proxy_port}")).unwrap());
    let error = client.get(&format!("https://127.0.0.1:{origin_port}/"), &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(error.message().contains("status 502 Bad Gateway"), "{error}");
}

fn the_deadline_covers_the_proxy_exchange(kind: Kind) {
    let (proxy_port, proxy_log) = proxy(Behaviour::Silent);
    let client = Client::new(kind, runtime::transport::default_tls_config(), ProxyConfig::all(&format!("127.0.0.1:{proxy_port}")).unwrap());
    let settings = TransportSettings {
        connect_timeout: None,
        deadline: Some(Instant::now() + Duration::from_millis(150)),
        ..TransportSettings::default()
    };
    let began = Instant::now();
    let error = client.get(&format!("https://127.0.0.1:{}/", closed_port()), &settings).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(began.elapsed() < Duration::from_secs(3), "{:?}", began.elapsed());
    assert_eq!(heads(&proxy_log).len(), 1, "the CONNECT was sent");
}

fn the_connect_timeout_covers_the_proxy_exchange(kind: Kind) {
    let (proxy_port, _) = proxy(Behaviour::Silent);
    let client = Client::new(kind, runtime::transport::default_tls_config(), ProxyConfig::all(&format!("127.0.0.1:{proxy_port}")).unwrap());
    let settings = TransportSettings { connect_timeout: Some(Duration::from_millis(150)), ..TransportSettings::default() };
    let began = Instant::now();
    let error = client.get(&format!("https://127.0.0.1:{}/", closed_port()), &settings).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(error.message().contains("timed out"), "{error}");
    assert!(began.elapsed() < Duration::from_secs(3), "{:?}", began.elapsed());
    // An `https://` proxy that never answers the TLS handshake, or a SOCKS5 proxy that never
    // answers the greeting: the same bound.
    for scheme in ["https", "socks5"] {
        let proxies = ProxyConfig::all(&format!("{scheme}://127.0.0.1:{proxy_port}")).unwrap();
        let client = Client::new(kind, runtime::transport::default_tls_config(), proxies);
        let began = Instant::now();
        let error = client.get(&format!("http://127.0.0.1:{}/", closed_port()), &settings).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Connect, "{scheme}: {error}");
        assert!(error.message().contains("timed out"), "{scheme}: {error}");
        assert!(began.elapsed() < Duration::from_secs(3), "{scheme}: {:?}", began.elapsed());
    }
}

fn no_proxy_hosts_go_direct(kind: Kind) {
    let (origin_port, origin_log) = origin(None);
    let (proxy_port, proxy_log) = proxy(Behaviour::Forward);
    let url = format!("http://127.0.0.1:{origin_port}/");
    for list in ["127.0.0.1", "10.0.0.0/8, 127.0.0.0/8", &format!("127.0.0.1:{origin_port}"), "*"] {
        let proxies = ProxyConfig::all(&format!("127.0.0.1:{proxy_port}")).unwrap().no_proxy(list);
        let client = Client::new(kind, runtime::transport::default_tls_config(), proxies);
        assert_eq!(client.get(&url, &TransportSettings::default()).unwrap().body, b"from origin", "{list}");
    }
    assert!(heads(&proxy_log).is_empty());
    assert_eq!(heads(&origin_log).len(), 4);
    // Another port, or another name: through the proxy.
    for list in ["127.0.0.1:1", "localhost", "example.com"] {
        let proxies = ProxyConfig::all(&format!("127.0.0.1:{proxy_port}")).unwrap().no_proxy(list);
        let client = Client::new(kind, runtime::transport::default_tls_config(), proxies);
        assert_eq!(client.get(&url, &TransportSettings::default()).unwrap().body, b"from proxy", "{list}");
    }
    assert_eq!(heads(&proxy_log).len(), 3);
}

fn a_ca_bundle_is_trusted_instead_of_the_default_roots(kind: Kind) {
    let pki = pki();
    let (origin_port, _) = origin(Some(pki.server.clone()));
    let url = format!("https://localhost:{origin_port}/");
    let default = Client::new(kind, runtime::transport::default_tls_config(), ProxyConfig::disabled());
    let error = default.get(&url, &TransportSettings::default()).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Other, "{error}");
    assert!(error.message().contains("certificate"), "{error}");
    let bundle = CaBundle::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let trusting = Client::new(kind, bundle.tls_config(), ProxyConfig::disabled());
    assert_eq!(trusting.get(&url, &TransportSettings::default()).unwrap().body, b"from origin");
    // Another CA's bundle does not trust this server.
    let other = CaBundle::from_pem(crate::pki().ca_pem.as_bytes()).unwrap();
    let error = Client::new(kind, other.tls_config(), ProxyConfig::disabled()).get(&url, &TransportSettings::default()).unwrap_err();
    assert!(error.message().contains("certificate"), "{error}");
}

/// A file in the temporary directory that is removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("aws-lite-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const KEYS: [(&str, &str); 3] = [("AWS_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "secret")];

fn env_with(pairs: &[(&str, &str)]) -> Env {
    Env::from_pairs(&KEYS.iter().chain(pairs).copied().collect::<Vec<_>>())
}

fn from_env_reads_proxies_and_the_ca_bundle(kind: Kind) {
    let pki = pki();
    let (origin_port, origin_log) = origin(Some(pki.server.clone()));
    let (proxy_port, proxy_log) = proxy(Behaviour::Forward);
    let bundle = TempFile::new(&format!("{kind:?}-bundle.pem"), pki.ca_pem.as_bytes());
    let proxy_url = format!("http://Aladdin:open%20sesame@127.0.0.1:{proxy_port}");
    let env = env_with(&[("https_proxy", &proxy_url), ("AWS_CA_BUNDLE", bundle.path()), ("NO_PROXY", "example.com")]);
    let config = Config::from_env_with(&env).unwrap();
    assert_eq!(config.ca_bundle().map(CaBundle::len), Some(1));
    let text = format!("{config:?}");
    assert!(!text.contains("open sesame") && !text.contains("QWxhZGRpbjpvcGVuIHNlc2FtZQ"), "{text}");
    let response = Client::of(kind, &config).get(&format!("https://127.0.0.1:{origin_port}/"), &TransportSettings::default()).unwrap();
    assert_eq!(response.body, b"from origin");
    let seen = heads(&proxy_log);
    assert_eq!(lines(&seen[0]).0, format!("CONNECT 127.0.0.1:{origin_port} HTTP/1.1"));
    assert!(seen[0].contains(ALADDIN), "{}", seen[0]);
    assert_eq!(heads(&origin_log).len(), 1);
    // Turned off again: straight to the origin (still trusting the bundle).
    let direct = config.to_builder().proxy(ProxyConfig::disabled()).build();
    let response = Client::of(kind, &direct).get(&format!("https://127.0.0.1:{origin_port}/"), &TransportSettings::default()).unwrap();
    assert_eq!(response.body, b"from origin");
    assert_eq!((heads(&proxy_log).len(), heads(&origin_log).len()), (1, 2));
}

#[test]
fn from_env_errors_name_the_setting() {
    let missing = std::env::temp_dir().join("aws-lite-no-such-bundle.pem");
    let missing = missing.to_str().unwrap();
    let error = Config::from_env_with(&env_with(&[("AWS_CA_BUNDLE", missing)])).unwrap_err();
    assert!(matches!(error, ConfigError::CaBundle(_)), "{error:?}");
    let text = error.to_string();
    let expected = format!("cannot use the CA bundle `{missing}` (from environment variable AWS_CA_BUNDLE): cannot read it");
    assert!(text.starts_with(&expected), "{text}");
    // The profile's `ca_bundle` when the variable is unset, named in the error too.
    let profile = TempFile::new("ca-bundle-config", format!("[default]\nca_bundle = {missing}\n").as_bytes());
    let error = Config::from_env_with(&env_with(&[("AWS_CONFIG_FILE", profile.path())])).unwrap_err().to_string();
    let expected = format!("cannot use the CA bundle `{missing}` (from `ca_bundle` of profile `default`): cannot read it");
    assert!(error.starts_with(&expected), "{error}");
    let bundle = TempFile::new("profile-bundle.pem", pki().ca_pem.as_bytes());
    let profile = TempFile::new("ca-bundle-config-ok", format!("[default]\nca_bundle = {}\n", bundle.path()).as_bytes());
    let config = Config::from_env_with(&env_with(&[("AWS_CONFIG_FILE", profile.path())])).unwrap();
    assert_eq!(config.ca_bundle().map(CaBundle::len), Some(1));
    let junk = TempFile::new("junk.pem", b"not a certificate\n");
    let error = Config::from_env_with(&env_with(&[("AWS_CA_BUNDLE", junk.path())])).unwrap_err().to_string();
    assert!(error.contains(junk.path()) && error.contains("holds no PEM `CERTIFICATE` block"), "{error}");
    let broken = TempFile::new("broken.pem", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    let error = Config::from_env_with(&env_with(&[("AWS_CA_BUNDLE", broken.path())])).unwrap_err().to_string();
    assert!(error.contains(broken.path()) && error.contains("certificate 1 is not usable"), "{error}");
    let error = Config::from_env_with(&env_with(&[("HTTPS_PROXY", "socks4://me:s3cret@proxy:1080")])).unwrap_err().to_string();
    assert!(error.contains("HTTPS_PROXY") && error.contains("socks4://me:***@proxy:1080"), "{error}");
    assert!(!error.contains("s3cret"), "{error}");
    // Nothing set: no proxy, the webpki roots.
    let config = Config::from_env_with(&env_with(&[])).unwrap();
    assert!(!config.proxy().is_enabled() && config.ca_bundle().is_none());
}

fn the_builder_sets_and_disables_proxies(kind: Kind) {
    let (origin_port, origin_log) = origin(None);
    let (proxy_port, proxy_log) = proxy(Behaviour::Forward);
    let url = format!("http://127.0.0.1:{origin_port}/");
    let proxies = ProxyConfig::all(&format!("127.0.0.1:{proxy_port}")).unwrap();
    let config = Config::builder().proxy(proxies).build();
    assert_eq!(Client::of(kind, &config).get(&url, &TransportSettings::default()).unwrap().body, b"from proxy");
    let config = config.to_builder().proxy(ProxyConfig::disabled()).build();
    assert_eq!(Client::of(kind, &config).get(&url, &TransportSettings::default()).unwrap().body, b"from origin");
    assert_eq!((heads(&proxy_log).len(), heads(&origin_log).len()), (1, 1));
}

#[cfg(feature = "blocking")]
#[test]
fn a_client_of_the_caller_is_left_as_it_is() {
    // The caller's client has no proxy; the configuration's proxy is for the default ones.
    let (origin_port, _) = origin(None);
    let (proxy_port, proxy_log) = proxy(Behaviour::Forward);
    let config = Config::builder()
        .blocking_http_client(runtime::transport::BlockingClient::new())
        .proxy(ProxyConfig::all(&format!("127.0.0.1:{proxy_port}")).unwrap())
        .build();
    let response = Client::of(Kind::Blocking, &config).get(&format!("http://127.0.0.1:{origin_port}/"), &TransportSettings::default());
    assert_eq!(response.unwrap().body, b"from origin");
    assert!(heads(&proxy_log).is_empty());
}

#[test]
fn the_tls_provider_follows_the_feature() {
    // aws-lc-rs (feature `tls-aws-lc`) offers the post-quantum hybrid X25519MLKEM768; ring has none.
    let aws_lc = cfg!(feature = "tls-aws-lc");
    assert_eq!(runtime::transport::tls_provider_name(), if aws_lc { "aws-lc-rs" } else { "ring" });
    let pki = pki();
    for config in [runtime::transport::default_tls_config(), CaBundle::from_pem(pki.ca_pem.as_bytes()).unwrap().tls_config()] {
        let groups: Vec<_> = config.crypto_provider().kx_groups.iter().map(|group| group.name()).collect();
        assert_eq!(groups.contains(&rustls::NamedGroup::X25519MLKEM768), aws_lc, "{groups:?}");
        assert!(groups.contains(&rustls::NamedGroup::X25519), "{groups:?}");
    }
}
