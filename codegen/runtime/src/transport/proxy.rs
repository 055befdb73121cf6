//! Forward proxies for the default clients: which requests go through one (`HTTPS_PROXY`,
//! `HTTP_PROXY`, `NO_PROXY`), and the HTTP/1.1 messages of a tunnel.
//!
//! An `https://` request goes through a tunnel the proxy opens with `CONNECT host:port` (RFC 9110,
//! section 9.3.6; the authority-form request target of RFC 9112, section 3.2.3), TLS then runs to
//! the origin inside it; an `http://` request is sent to the proxy with its request target in
//! absolute form (RFC 9112, section 3.2.2). A proxy with an `https://` URL is reached over TLS
//! first, and all of that goes inside its TLS session (for an https origin, TLS within TLS). A
//! SOCKS5 proxy (`socks5://`, `socks5h://`; RFC 1928, with RFC 1929's user name and password)
//! opens a tunnel for every request, https or http, and the request then goes as it would
//! without a proxy. Proxy credentials, from the proxy URL's user info, go
//! in `Proxy-Authorization: Basic` (RFC 9110, section 11.7.1; RFC 7617) and are never shown by
//! `Debug` or in errors.

use super::http1::Target;
use super::{TransportError, TransportErrorKind};
use std::fmt;
use std::net::IpAddr;

/// The largest proxy response head to a `CONNECT` read.
const MAX_CONNECT_HEAD: usize = 16 * 1024;

/// Which requests the default clients send through a proxy, and which proxy.
///
/// `Debug` never shows proxy credentials. The default is no proxy.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProxyConfig {
    http: Option<Proxy>,
    https: Option<Proxy>,
    no_proxy: NoProxy,
}

impl ProxyConfig {
    /// No proxy: every request goes straight to its host (also what turns off the proxies
    /// [`Config::from_env`](super::super::config::Config::from_env) read).
    pub fn disabled() -> Self {
        ProxyConfig::default()
    }

    /// The same proxy for `http://` and `https://` requests. See [`ProxyConfig::https`] for the
    /// URLs accepted.
    pub fn all(url: &str) -> Result<Self, ProxyError> {
        let proxy = Proxy::parse(url)?;
        Ok(ProxyConfig { http: Some(proxy.clone()), https: Some(proxy), no_proxy: NoProxy::default() })
    }

    /// Sends `https://` requests through this proxy, by a `CONNECT` tunnel: `http://host:port`,
    /// `host:port` (read as `http://`), or `https://host:port` for a proxy reached over TLS (its
    /// certificate checked against the client's trust anchors, as an origin's), with an optional
    /// `user:password@` (percent-encoded, sent as `Proxy-Authorization: Basic`); no port means 80
    /// for `http://`, 443 for `https://`. Or a SOCKS5 proxy, `socks5://host:port` or
    /// `socks5h://host:port` (no port means 1080): both send the service's host name for the
    /// proxy to resolve, as Go's `net/http` does, and a user and password of at most 255 bytes
    /// each (RFC 1929). SOCKS4 is not supported.
    pub fn https(mut self, url: &str) -> Result<Self, ProxyError> {
        self.https = Some(Proxy::parse(url)?);
        Ok(self)
    }

    /// Sends `http://` requests through this proxy, with absolute-form request targets. URLs as
    /// for [`ProxyConfig::https`].
    pub fn http(mut self, url: &str) -> Result<Self, ProxyError> {
        self.http = Some(Proxy::parse(url)?);
        Ok(self)
    }

    /// The hosts reached without the proxy, as `NO_PROXY` lists them: comma-separated entries,
    /// blanks around them ignored, letter case too:
    ///
    /// - `*` alone: every host (no proxy at all);
    /// - a domain, with or without a leading `.` (or `*.`): the domain itself and every name under
    ///   it (`example.com` and `.example.com` both match `example.com` and `a.example.com`, not
    ///   `notexample.com`), as curl and hyper-util read it;
    /// - an IP address (IPv6 with or without brackets), or a CIDR block (`10.0.0.0/8`, `fd00::/8`):
    ///   a request whose host is that address literally, or an address in the block; names are
    ///   not resolved to match;
    /// - any entry but a CIDR block may end in `:port` (`example.com:8080`, `[::1]:8080`), and
    ///   then matches that port only, as Go's `net/http` reads it (curl and hyper-util ignore a
    ///   port).
    ///
    /// An entry that is none of these never matches. Replaces an earlier list.
    pub fn no_proxy(mut self, list: &str) -> Self {
        self.no_proxy = NoProxy::parse(list);
        self
    }

    /// The proxies set in environment variables, read through `var` (a variable's value, `None`
    /// when unset or empty): `HTTPS_PROXY` (or else `https_proxy`) for `https://` requests,
    /// `HTTP_PROXY` (or else `http_proxy`) for `http://` requests, `NO_PROXY` (or else `no_proxy`)
    /// as in [`ProxyConfig::no_proxy`]. As Go's `net/http` does (httpoxy, CVE-2016-5385),
    /// `HTTP_PROXY` is ignored when `REQUEST_METHOD` is set (a CGI program, where a request's
    /// `Proxy` header arrives as `HTTP_PROXY`); `ALL_PROXY` is not read. An invalid proxy URL is
    /// an error naming the variable.
    pub fn from_env_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, ProxyError> {
        let first = |names: &[&'static str]| names.iter().find_map(|name| var(name).map(|value| (*name, value)));
        let cgi = var("REQUEST_METHOD").is_some();
        let http_names: &[&'static str] = if cgi { &["http_proxy"] } else { &["HTTP_PROXY", "http_proxy"] };
        let parse = |found: Option<(&'static str, String)>| {
            found.map(|(name, url)| Proxy::parse(&url).map_err(|e| e.in_variable(name))).transpose()
        };
        Ok(ProxyConfig {
            https: parse(first(&["HTTPS_PROXY", "https_proxy"]))?,
            http: parse(first(http_names))?,
            no_proxy: NoProxy::parse(&first(&["NO_PROXY", "no_proxy"]).map(|(_, list)| list).unwrap_or_default()),
        })
    }

    /// Whether any request may go through a proxy.
    pub fn is_enabled(&self) -> bool {
        (self.http.is_some() || self.https.is_some()) && !self.no_proxy.all
    }

    /// The proxy a request to `target` goes through, if any.
    pub(super) fn proxy_for(&self, target: &Target) -> Option<&Proxy> {
        let proxy = if target.https { self.https.as_ref() } else { self.http.as_ref() }?;
        (!self.no_proxy.matches(&target.host, target.port)).then_some(proxy)
    }
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("http", &self.http)
            .field("https", &self.https)
            .field("no_proxy", &self.no_proxy.text)
            .finish()
    }
}

/// A proxy: where to connect, and the credentials to send.
#[derive(Clone, PartialEq, Eq)]
pub(super) struct Proxy {
    /// The host to connect to (an IPv6 address without brackets).
    pub(super) host: String,
    pub(super) port: u16,
    /// `host:port` as shown in errors (brackets around an IPv6 address).
    pub(super) authority: String,
    /// How the proxy is spoken to.
    pub(super) protocol: Protocol,
    /// For SOCKS5: the user name and password (RFC 1929), when the URL has user info.
    pub(super) socks_credentials: Option<(Vec<u8>, Vec<u8>)>,
    /// The `Proxy-Authorization` value (`Basic ...`), when the URL has user info.
    pub(super) authorization: Option<String>,
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credentials = if self.authorization.is_some() { "<redacted>" } else { "none" };
        let credentials = if self.socks_credentials.is_some() { "<redacted>" } else { credentials };
        let scheme = match self.protocol {
            Protocol::Http => "http",
            Protocol::Https => "https",
            Protocol::Socks5 => "socks5",
        };
        write!(f, "Proxy {{ url: \"{scheme}://{}\", credentials: {credentials} }}", self.authority)
    }
}

/// How a proxy is spoken to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Protocol {
    /// HTTP: `CONNECT` tunnels for https, absolute-form requests for http.
    Http,
    /// The same inside TLS to the proxy.
    Https,
    /// SOCKS5: a tunnel for every request.
    Socks5,
}

impl Proxy {
    /// Whether requests to http:// services go to the proxy in absolute form (an HTTP proxy),
    /// rather than through a tunnel as they would go to the service (SOCKS).
    pub(super) fn takes_absolute_form(&self) -> bool {
        self.protocol != Protocol::Socks5
    }

    fn parse(url: &str) -> Result<Proxy, ProxyError> {
        let url = url.trim();
        let invalid = |expected| Err(ProxyError { variable: None, url: redacted(url), expected });
        let (protocol, rest) = match url.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => (Protocol::Http, rest),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (Protocol::Https, rest),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("socks5") || scheme.eq_ignore_ascii_case("socks5h") => {
                (Protocol::Socks5, rest)
            }
            Some(_) => return invalid("an http://, https://, socks5:// or socks5h:// proxy URL"),
            None => (Protocol::Http, url),
        };
        let (authority, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
        if !path.is_empty() && path != "/" {
            return invalid("a proxy URL without a path, query or fragment");
        }
        let (userinfo, host_port) = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority),
        };
        let Some((host, port)) = split_host_port(host_port) else {
            return invalid("a proxy URL with a host and an optional port from 1 to 65535");
        };
        // RFC 9110, sections 4.2.1 and 4.2.2: the default ports of http and https; RFC 1928,
        // section 3: SOCKS's.
        let port = port.unwrap_or(match protocol {
            Protocol::Http => 80,
            Protocol::Https => 443,
            Protocol::Socks5 => 1080,
        });
        let (mut authorization, mut socks_credentials) = (None, None);
        if let Some(userinfo) = userinfo {
            let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            let (Some(user), Some(password)) = (percent_decode(user), percent_decode(password)) else {
                return invalid("percent-encoded user info (`user:password@`)");
            };
            if protocol == Protocol::Socks5 {
                // RFC 1929, section 2: one byte gives each length.
                if user.is_empty() || user.len() > 255 || password.len() > 255 {
                    return invalid("a SOCKS5 user name of 1 to 255 bytes and a password of at most 255");
                }
                socks_credentials = Some((user, password));
            } else {
                let mut pair = user;
                pair.push(b':');
                pair.extend_from_slice(&password);
                authorization = Some(format!("Basic {}", super::super::base64::encode(&pair)));
            }
        }
        let shown = if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") };
        let (host, authority) = (host.to_ascii_lowercase(), shown.to_ascii_lowercase());
        Ok(Proxy { host, port, authority, protocol, authorization, socks_credentials })
    }
}

/// `host[:port]` or `[v6][:port]`: the host (without brackets) and the port, if given. `None` when
/// the host is empty or the port is not 1 to 65535.
fn split_host_port(text: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        host.parse::<std::net::Ipv6Addr>().ok()?;
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        match text.rsplit_once(':') {
            Some((host, port)) if !host.contains(':') => (host, Some(port)),
            Some(_) => return None,
            None => (text, None),
        }
    };
    let valid_host = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._:".contains(&b));
    if !valid_host {
        return None;
    }
    match port {
        None | Some("") => Some((host, None)),
        Some(port) if port.bytes().all(|b| b.is_ascii_digit()) => match port.parse::<u16>() {
            Ok(port) if port > 0 => Some((host, Some(port))),
            _ => None,
        },
        Some(_) => None,
    }
}

/// The proxy URL with any password replaced by `***`, for errors.
fn redacted(url: &str) -> String {
    let start = url.find("://").map_or(0, |at| at + 3);
    let end = url[start..].find(['/', '?', '#']).map_or(url.len(), |at| start + at);
    match url[start..end].rfind('@') {
        Some(at) => {
            let userinfo = &url[start..start + at];
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            format!("{}{user}:***{}", &url[..start], &url[start + at..])
        }
        None => url.to_string(),
    }
}

/// `%XX`-decodes `text` (RFC 3986, section 2.1); `None` on a broken escape.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// A proxy URL that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyError {
    variable: Option<&'static str>,
    url: String,
    expected: &'static str,
}

impl ProxyError {
    fn in_variable(mut self, name: &'static str) -> Self {
        self.variable = Some(name);
        self
    }

    /// The environment variable that held the URL, when it came from one.
    pub fn variable(&self) -> Option<&'static str> {
        self.variable
    }

    /// The URL, its password replaced by `***`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// What a valid proxy URL looks like.
    pub fn expected(&self) -> &'static str {
        self.expected
    }
}

impl fmt::Display for ProxyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = super::super::text::quoted(&self.url);
        match self.variable {
            Some(name) => write!(f, "invalid proxy URL `{url}` in environment variable {name}: expected {}", self.expected),
            None => write!(f, "invalid proxy URL `{url}`: expected {}", self.expected),
        }
    }
}

impl std::error::Error for ProxyError {}

/// The `NO_PROXY` list (see [`ProxyConfig::no_proxy`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NoProxy {
    /// The list as given, for `Debug`.
    text: String,
    all: bool,
    entries: Vec<(Pattern, Option<u16>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    /// A domain, lowercase, without leading or trailing dots.
    Domain(String),
    /// An address block: the address and the prefix length in bits.
    Ip(IpAddr, u8),
}

impl NoProxy {
    fn parse(list: &str) -> NoProxy {
        let mut no_proxy = NoProxy { text: list.trim().to_string(), ..NoProxy::default() };
        for entry in list.split(',').map(|e| e.trim().to_ascii_lowercase()).filter(|e| !e.is_empty()) {
            if entry == "*" {
                no_proxy.all = true;
            } else if let Some(pattern) = Pattern::parse(&entry) {
                no_proxy.entries.push(pattern);
            }
        }
        no_proxy
    }

    /// Whether a request to `host` (lowercase or not; an IPv6 address without brackets) on `port`
    /// goes without the proxy.
    fn matches(&self, host: &str, port: u16) -> bool {
        if self.all {
            return true;
        }
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let ip = host.parse::<IpAddr>().ok();
        self.entries.iter().any(|(pattern, entry_port)| {
            entry_port.is_none_or(|p| p == port)
                && match (pattern, ip) {
                    (Pattern::Ip(net, bits), Some(ip)) => in_block(ip, *net, *bits),
                    (Pattern::Ip(..), None) => false,
                    (Pattern::Domain(domain), _) => {
                        host == *domain
                            || host.strip_suffix(domain.as_str()).is_some_and(|head| head.ends_with('.'))
                    }
                }
        })
    }
}

impl Pattern {
    /// An entry (trimmed, lowercase): with its port, if it names one; `None` when it is not valid.
    fn parse(entry: &str) -> Option<(Pattern, Option<u16>)> {
        if let Some((address, bits)) = entry.split_once('/') {
            let address = address.trim_start_matches('[').trim_end_matches(']');
            let ip = address.parse::<IpAddr>().ok()?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let bits = bits.parse::<u8>().ok().filter(|b| *b <= max && !bits.starts_with('+'))?;
            return Some((Pattern::Ip(ip, bits), None));
        }
        if let Ok(ip) = entry.parse::<IpAddr>() {
            return Some((Pattern::Ip(ip, if ip.is_ipv4() { 32 } else { 128 }), None));
        }
        let domain = entry.strip_prefix("*.").unwrap_or(entry).trim_start_matches('.');
        let (host, port) = split_host_port(domain)?;
        match host.parse::<IpAddr>() {
            Ok(ip) => Some((Pattern::Ip(ip, if ip.is_ipv4() { 32 } else { 128 }), port)),
            Err(_) => Some((Pattern::Domain(host.trim_end_matches('.').to_string()), port)),
        }
    }
}

/// Whether `ip` is in the block of `net` with `bits` leading bits.
fn in_block(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    let (ip, net, width) = match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) => (u128::from(u32::from(ip)), u128::from(u32::from(net)), 32),
        (IpAddr::V6(ip), IpAddr::V6(net)) => (u128::from(ip), u128::from(net), 128),
        _ => return false,
    };
    let shift = width - u32::from(bits);
    shift >= width || (ip >> shift) == (net >> shift)
}

/// The `CONNECT` request that opens a tunnel to `target`: the authority-form target (`host:port`,
/// RFC 9112, section 3.2.3, always with the port), the same `Host` (RFC 9110, section 9.3.6), and
/// the proxy's credentials.
pub(super) fn connect_request(target: &Target, proxy: &Proxy) -> Vec<u8> {
    let host = if target.host.contains(':') { format!("[{}]", target.host) } else { target.host.clone() };
    let authority = format!("{host}:{}", target.port);
    let mut head = format!("CONNECT {authority} HTTP/1.1\r\nhost: {authority}\r\n");
    if let Some(authorization) = &proxy.authorization {
        head.push_str(&format!("proxy-authorization: {authorization}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// Adds a byte of the proxy's answer to `CONNECT`, read one at a time so that nothing of what
/// follows it is taken (`None`: the proxy closed the connection), to `head`. `true` once the head
/// is whole (it ends with an empty line); an error when the proxy closed first or the head
/// runs past [`MAX_CONNECT_HEAD`].
pub(super) fn push_connect_answer(head: &mut Vec<u8>, byte: Option<u8>, proxy: &Proxy) -> Result<bool, TransportError> {
    let Some(byte) = byte else {
        let message = format!("the proxy {} closed the connection before answering CONNECT", proxy.authority);
        return Err(TransportError::connect(message));
    };
    if head.len() >= MAX_CONNECT_HEAD {
        let message = format!("the proxy {}'s answer to CONNECT is too long", proxy.authority);
        return Err(TransportError::new(TransportErrorKind::InvalidResponse, message));
    }
    head.push(byte);
    Ok(head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n"))
}

/// Checks the proxy's answer to `CONNECT`: any 2xx opens the tunnel (RFC 9110, section 9.3.6);
/// anything else is an error naming the proxy and its status. A 4xx (`407 Proxy Authentication
/// Required`, `403`) will not pass on a retry; a 5xx (`502`, `503`) might.
pub(super) fn check_connect_response(head: &[u8], proxy: &Proxy, target: &Target) -> Result<(), TransportError> {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut parts = line.splitn(3, |&b| b == b' ');
    let version = parts.next().unwrap_or_default();
    let code = std::str::from_utf8(parts.next().unwrap_or_default()).ok().filter(|c| c.len() == 3);
    let status = code.and_then(|c| c.parse::<u16>().ok()).filter(|s| (100..=999).contains(s));
    let Some(status) = status.filter(|_| version.starts_with(b"HTTP/1.") && version.len() == 8) else {
        let shown = String::from_utf8_lossy(&line[..line.len().min(64)]).into_owned();
        return Err(TransportError::new(
            TransportErrorKind::InvalidResponse,
            format!("the proxy {} answered CONNECT with `{shown}`, not an HTTP/1.x status line", proxy.authority),
        ));
    };
    if (200..300).contains(&status) {
        return Ok(());
    }
    let reason = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let reason: String = reason.chars().take(64).collect();
    let kind = if (400..500).contains(&status) { TransportErrorKind::Other } else { TransportErrorKind::Connect };
    let message = format!(
        "the proxy {} refused to open a tunnel to {}: status {status} {}",
        proxy.authority,
        target.authority,
        reason.trim()
    );
    Err(TransportError::new(kind, message.trim_end().to_string()))
}

/// The absolute-form request target (RFC 9112, section 3.2.2) of a request sent to a proxy: the
/// scheme and authority, then the path and query exactly as written.
pub(super) fn absolute_form(target: &Target, origin_form: &str) -> String {
    let host = if target.host.contains(':') { format!("[{}]", target.host) } else { target.host.clone() };
    let default_port = if target.https { 443 } else { 80 };
    let scheme = if target.https { "https" } else { "http" };
    match target.port == default_port {
        true => format!("{scheme}://{host}{origin_form}"),
        false => format!("{scheme}://{host}:{}{origin_form}", target.port),
    }
}

// ---- SOCKS5 (RFC 1928; user name and password, RFC 1929) ------------------------------------

/// The client's side of a SOCKS5 handshake, without I/O: each step says what to send, or how
/// many bytes to read, and the transport hands what it read to the next step. Both default
/// clients drive it, each with its own reads and writes.
pub(super) struct SocksHandshake<'a> {
    proxy: &'a Proxy,
    target: &'a Target,
    state: SocksState,
}

/// Where a handshake is: what comes next, or which answer the bytes read are.
#[derive(Clone, Copy)]
enum SocksState {
    Greet,
    AwaitMethod,
    Method,
    AwaitAuth,
    Auth,
    AwaitReply,
    Reply,
    NameLength,
    Bound,
    Done,
}

/// What a transport does next in a SOCKS5 handshake.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum SocksStep {
    /// Write these bytes (and flush them).
    Send(Vec<u8>),
    /// Read exactly this many bytes, and pass them to the next step.
    Read(usize),
    /// The tunnel is open; nothing of what follows was asked for.
    Done,
}

impl<'a> SocksHandshake<'a> {
    pub(super) fn new(proxy: &'a Proxy, target: &'a Target) -> Self {
        SocksHandshake { proxy, target, state: SocksState::Greet }
    }

    /// The next step, given the bytes the last [`SocksStep::Read`] asked for (after a send,
    /// nothing).
    pub(super) fn next(&mut self, read: &[u8]) -> Result<SocksStep, TransportError> {
        use SocksState::*;
        let two = || <[u8; 2]>::try_from(read).unwrap_or_default();
        let connect = || socks_connect(self.target).map(SocksStep::Send);
        let (state, step) = match self.state {
            Greet => (AwaitMethod, SocksStep::Send(socks_greeting(self.proxy))),
            AwaitMethod => (Method, SocksStep::Read(2)),
            Method => match socks_method(two(), self.proxy)? {
                true => (AwaitAuth, SocksStep::Send(socks_auth(self.proxy))),
                false => (AwaitReply, connect()?),
            },
            AwaitAuth => (Auth, SocksStep::Read(2)),
            Auth => {
                check_socks_auth(two(), self.proxy)?;
                (AwaitReply, connect()?)
            }
            AwaitReply => (Reply, SocksStep::Read(4)),
            Reply => match socks_reply(<[u8; 4]>::try_from(read).unwrap_or_default(), self.proxy, self.target)? {
                Some(bytes) => (Bound, SocksStep::Read(bytes)),
                None => (NameLength, SocksStep::Read(1)),
            },
            // A name's length, then the name and the port.
            NameLength => (Bound, SocksStep::Read(usize::from(read.first().copied().unwrap_or_default()) + 2)),
            Bound | Done => (Done, SocksStep::Done),
        };
        self.state = state;
        Ok(step)
    }
}

/// The greeting (RFC 1928, section 3): version 5 and the methods offered, no authentication, and
/// a user name and password when the proxy URL has them.
fn socks_greeting(proxy: &Proxy) -> Vec<u8> {
    match proxy.socks_credentials {
        Some(_) => vec![5, 2, 0, 2],
        None => vec![5, 1, 0],
    }
}

/// The method the proxy chose, from its answer to the greeting: whether the user name and
/// password go next.
fn socks_method(answer: [u8; 2], proxy: &Proxy) -> Result<bool, TransportError> {
    match answer {
        [5, 0] => Ok(false),
        [5, 2] if proxy.socks_credentials.is_some() => Ok(true),
        [5, _] => {
            let offered = match proxy.socks_credentials {
                Some(_) => "none, or a user name and password",
                None => "none (the proxy URL has no user name and password)",
            };
            let message = format!("the SOCKS5 proxy {} accepts none of the authentication methods offered: {offered}", proxy.authority);
            Err(TransportError::other(message))
        }
        [version, _] => Err(socks_version(proxy, version)),
    }
}

/// The user name and password (RFC 1929, section 2; their lengths were checked with the URL).
fn socks_auth(proxy: &Proxy) -> Vec<u8> {
    let (user, password) = proxy.socks_credentials.as_ref().map_or((&[][..], &[][..]), |(u, p)| (u.as_slice(), p.as_slice()));
    let mut message = vec![1, user.len().min(255) as u8];
    message.extend_from_slice(user);
    message.push(password.len().min(255) as u8);
    message.extend_from_slice(password);
    message
}

/// The proxy's answer to the user name and password: status 0 is success (RFC 1929, section 2).
fn check_socks_auth(answer: [u8; 2], proxy: &Proxy) -> Result<(), TransportError> {
    match answer {
        [1, 0] => Ok(()),
        [1, _] => Err(TransportError::other(format!("the SOCKS5 proxy {} refused the user name and password", proxy.authority))),
        [version, _] => Err(TransportError::new(
            TransportErrorKind::InvalidResponse,
            format!("the SOCKS5 proxy {} answered the user name and password with version {version}, not 1", proxy.authority),
        )),
    }
}

/// The `CONNECT` request (RFC 1928, sections 4 and 5): an IP address as itself, a name as a name,
/// which the proxy resolves.
fn socks_connect(target: &Target) -> Result<Vec<u8>, TransportError> {
    let mut request = vec![5, 1, 0];
    match target.host.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => {
            request.push(1);
            request.extend_from_slice(&ip.octets());
        }
        Ok(IpAddr::V6(ip)) => {
            request.push(4);
            request.extend_from_slice(&ip.octets());
        }
        Err(_) => {
            let name = target.host.as_bytes();
            let Ok(len) = u8::try_from(name.len()) else {
                return Err(TransportError::other(format!("the host name of {} is too long for SOCKS5", target.authority)));
            };
            request.push(3);
            request.push(len);
            request.extend_from_slice(name);
        }
    }
    request.extend_from_slice(&target.port.to_be_bytes());
    Ok(request)
}

/// What follows the first four bytes of the proxy's reply (version, reply code, reserved,
/// address type; RFC 1928, section 6), once the reply says the tunnel is open: the bound
/// address and port, `Some(bytes)`, or for a name `None` (a length byte, then that many bytes
/// and the port).
fn socks_reply(head: [u8; 4], proxy: &Proxy, target: &Target) -> Result<Option<usize>, TransportError> {
    let [version, code, _, address_type] = head;
    if version != 5 {
        return Err(socks_version(proxy, version));
    }
    if code != 0 {
        let (reason, kind) = match code {
            1 => ("general SOCKS server failure", TransportErrorKind::Connect),
            2 => ("connection not allowed by ruleset", TransportErrorKind::Other),
            3 => ("network unreachable", TransportErrorKind::Connect),
            4 => ("host unreachable", TransportErrorKind::Connect),
            5 => ("connection refused", TransportErrorKind::Connect),
            6 => ("TTL expired", TransportErrorKind::Connect),
            7 => ("command not supported", TransportErrorKind::Other),
            8 => ("address type not supported", TransportErrorKind::Other),
            _ => ("an unknown reply", TransportErrorKind::Other),
        };
        let message = format!("the SOCKS5 proxy {} could not open a tunnel to {}: {reason} (reply {code})", proxy.authority, target.authority);
        return Err(TransportError::new(kind, message));
    }
    match address_type {
        1 => Ok(Some(4 + 2)),
        4 => Ok(Some(16 + 2)),
        3 => Ok(None),
        other => Err(TransportError::new(
            TransportErrorKind::InvalidResponse,
            format!("the SOCKS5 proxy {} answered with address type {other}", proxy.authority),
        )),
    }
}

/// The error of reading or writing during a SOCKS5 handshake (the caller's time limits aside).
pub(super) fn socks_io_error(proxy: &Proxy, error: &std::io::Error) -> TransportError {
    match error.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            TransportError::connect(format!("the SOCKS5 proxy {} closed the connection during its handshake", proxy.authority))
        }
        _ => TransportError::connect(format!("SOCKS5 handshake with the proxy {}: {error}", proxy.authority)),
    }
}

fn socks_version(proxy: &Proxy, version: u8) -> TransportError {
    let message = format!("the proxy {} answered with version {version}, not SOCKS5", proxy.authority);
    TransportError::new(TransportErrorKind::InvalidResponse, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_proxy(list: &str, host: &str, port: u16) -> bool {
        NoProxy::parse(list).matches(host, port)
    }

    #[test]
    fn no_proxy_domains() {
        for list in ["example.com", ".example.com", "*.example.com", " EXAMPLE.com. ", "other.org,example.com"] {
            for host in ["example.com", "a.example.com", "a.b.EXAMPLE.com", "example.com."] {
                assert!(no_proxy(list, host, 443), "{list} should match {host}");
            }
            for host in ["notexample.com", "example.com.evil", "example.org", "com"] {
                assert!(!no_proxy(list, host, 443), "{list} should not match {host}");
            }
        }
        assert!(no_proxy("*", "anything.example", 1));
        assert!(no_proxy("a.org, *", "anything.example", 1));
        assert!(!no_proxy("", "example.com", 443));
        assert!(!no_proxy(" , ,", "example.com", 443));
        // `*` only as a whole entry: `*example.com` is not a wildcard.
        assert!(!no_proxy("*example.com", "aexample.com", 443));
    }

    #[test]
    fn no_proxy_ports() {
        assert!(no_proxy("example.com:8080", "a.example.com", 8080));
        assert!(!no_proxy("example.com:8080", "example.com", 443));
        assert!(no_proxy("127.0.0.1:9000", "127.0.0.1", 9000));
        assert!(!no_proxy("127.0.0.1:9000", "127.0.0.1", 9001));
        assert!(no_proxy("[::1]:9000", "::1", 9000));
        assert!(!no_proxy("[::1]:9000", "::1", 80));
        // An invalid port makes the entry match nothing.
        assert!(!no_proxy("example.com:99999", "example.com", 443));
    }

    #[test]
    fn no_proxy_addresses() {
        assert!(no_proxy("10.1.2.3", "10.1.2.3", 443));
        assert!(!no_proxy("10.1.2.3", "10.1.2.4", 443));
        assert!(no_proxy("10.0.0.0/8", "10.200.3.4", 443));
        assert!(!no_proxy("10.0.0.0/8", "11.0.0.1", 443));
        assert!(no_proxy("192.168.1.0/24", "192.168.1.255", 80));
        assert!(!no_proxy("192.168.1.0/24", "192.168.2.1", 80));
        assert!(no_proxy("0.0.0.0/0", "8.8.8.8", 80));
        assert!(no_proxy("::1", "::1", 443));
        assert!(no_proxy("[::1]", "::1", 443));
        assert!(no_proxy("fd00::/8", "fd12:3456::1", 443));
        assert!(!no_proxy("fd00::/8", "fe80::1", 443));
        // No name resolution, and an address never matches a name or the other family.
        assert!(!no_proxy("127.0.0.1", "localhost", 443));
        assert!(!no_proxy("0.0.0.0/0", "::1", 443));
        assert!(!no_proxy("10.0.0.0/33", "10.0.0.1", 443));
    }

    #[test]
    fn proxy_urls() {
        let p = Proxy::parse("http://proxy.internal:3128").unwrap();
        assert_eq!((p.host.as_str(), p.port, p.authority.as_str(), p.authorization), ("proxy.internal", 3128, "proxy.internal:3128", None));
        let p = Proxy::parse("proxy.internal").unwrap();
        assert_eq!((p.port, p.authority.as_str()), (80, "proxy.internal:80"));
        let p = Proxy::parse("HTTP://[::1]:8080/").unwrap();
        assert_eq!((p.host.as_str(), p.authority.as_str()), ("::1", "[::1]:8080"));
        // RFC 7617, section 2: user "Aladdin", password "open sesame".
        let p = Proxy::parse("http://Aladdin:open%20sesame@127.0.0.1:3128").unwrap();
        assert_eq!(p.authorization.as_deref(), Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        let p = Proxy::parse("http://user@h:1").unwrap();
        assert_eq!(p.authorization.as_deref(), Some(&*format!("Basic {}", "dXNlcjo=")));
        // A proxy reached over TLS: 443 unless the URL says otherwise.
        let p = Proxy::parse("HTTPS://proxy.internal").unwrap();
        assert_eq!((p.protocol, p.port, p.authority.as_str()), (Protocol::Https, 443, "proxy.internal:443"));
        let p = Proxy::parse("https://proxy.internal:8443").unwrap();
        assert_eq!((p.protocol, p.port), (Protocol::Https, 8443));
        assert_eq!(Proxy::parse("proxy.internal").unwrap().protocol, Protocol::Http);
        // SOCKS5: 1080 unless given; the user and password kept for RFC 1929, not as Basic.
        let p = Proxy::parse("socks5h://me:p%40ss@bastion").unwrap();
        assert_eq!((p.protocol, p.port, p.authorization.as_deref()), (Protocol::Socks5, 1080, None));
        assert_eq!(p.socks_credentials, Some((b"me".to_vec(), b"p@ss".to_vec())));
        assert!(!p.takes_absolute_form() && Proxy::parse("https://x").unwrap().takes_absolute_form());
        assert_eq!(Proxy::parse("SOCKS5://[::1]:9050").unwrap().authority, "[::1]:9050");
        let long = format!("socks5://{}:p@h", "u".repeat(256));
        assert!(Proxy::parse(&long).unwrap_err().expected().starts_with("a SOCKS5 user name"));
        for (bad, expected) in [
            ("socks4://proxy:1080", "an http://, https://, socks5:// or socks5h:// proxy URL"),
            ("https://proxy:0", "a proxy URL with a host"),
            ("http://proxy:0", "a proxy URL with a host"),
            ("http://proxy:65536", "a proxy URL with a host"),
            ("http://:80", "a proxy URL with a host"),
            ("http://proxy/path", "a proxy URL without a path"),
            ("http://u:p%zz@proxy", "percent-encoded"),
            ("http://pro xy", "a proxy URL with a host"),
        ] {
            let error = Proxy::parse(bad).unwrap_err();
            assert!(error.expected().starts_with(expected), "{bad}: {error}");
        }
    }

    #[test]
    fn socks5_messages() {
        // RFC 1928 and RFC 1929 byte for byte.
        let plain = Proxy::parse("socks5://127.0.0.1:1080").unwrap();
        let with_user = Proxy::parse("socks5://me:pw@127.0.0.1:1080").unwrap();
        assert_eq!(socks_greeting(&plain), [5, 1, 0]);
        assert_eq!(socks_greeting(&with_user), [5, 2, 0, 2]);
        assert!(!socks_method([5, 0], &with_user).unwrap());
        assert!(socks_method([5, 2], &with_user).unwrap());
        assert_eq!(socks_auth(&with_user), [1, 2, b'm', b'e', 2, b'p', b'w']);
        assert!(check_socks_auth([1, 0], &with_user).is_ok());
        let refused = check_socks_auth([1, 1], &with_user).unwrap_err();
        assert_eq!((refused.kind(), refused.message()), (TransportErrorKind::Other, "the SOCKS5 proxy 127.0.0.1:1080 refused the user name and password"));
        let none = socks_method([5, 0xff], &plain).unwrap_err();
        assert!(none.message().contains("accepts none of the authentication methods offered"), "{none}");
        // A method that was not offered is not taken.
        assert!(socks_method([5, 2], &plain).is_err());
        let not_socks = socks_method([b'H', b'T'], &plain).unwrap_err();
        assert_eq!(not_socks.kind(), TransportErrorKind::InvalidResponse);
        let target = |uri: &str| Target::of(&uri.parse().unwrap()).unwrap();
        assert_eq!(socks_connect(&target("https://10.1.2.3:8443/")).unwrap(), [5, 1, 0, 1, 10, 1, 2, 3, 0x20, 0xfb]);
        let v6 = socks_connect(&target("https://[::1]/")).unwrap();
        assert_eq!((&v6[..4], &v6[4..20], &v6[20..]), (&[5, 1, 0, 4][..], &std::net::Ipv6Addr::LOCALHOST.octets()[..], &[1, 187][..]));
        let name = socks_connect(&target("http://sts.amazonaws.com/")).unwrap();
        assert_eq!(name, [&[5, 1, 0, 3, 17][..], b"sts.amazonaws.com", &[0, 80]].concat());
        let to = target("https://sts.amazonaws.com/");
        assert_eq!(socks_reply([5, 0, 0, 1], &plain, &to).unwrap(), Some(6));
        assert_eq!(socks_reply([5, 0, 0, 4], &plain, &to).unwrap(), Some(18));
        assert_eq!(socks_reply([5, 0, 0, 3], &plain, &to).unwrap(), None);
        let refused = socks_reply([5, 5, 0, 1], &plain, &to).unwrap_err();
        assert_eq!(refused.kind(), TransportErrorKind::Connect);
        let expected = "the SOCKS5 proxy 127.0.0.1:1080 could not open a tunnel to sts.amazonaws.com: connection refused (reply 5)";
        assert_eq!(refused.message(), expected);
        assert_eq!(socks_reply([5, 2, 0, 1], &plain, &to).unwrap_err().kind(), TransportErrorKind::Other);
        assert_eq!(socks_reply([4, 0, 0, 1], &plain, &to).unwrap_err().kind(), TransportErrorKind::InvalidResponse);
        assert_eq!(socks_reply([5, 0, 0, 9], &plain, &to).unwrap_err().kind(), TransportErrorKind::InvalidResponse);
    }

    #[test]
    fn a_socks5_handshake_step_by_step() {
        let proxy = Proxy::parse("socks5://me:pw@127.0.0.1:1080").unwrap();
        let target = Target::of(&"https://sts.amazonaws.com/".parse().unwrap()).unwrap();
        let mut handshake = SocksHandshake::new(&proxy, &target);
        let bound = [&[10][..], b"bound.test", &[4, 56]].concat();
        let steps = [
            (&[][..], SocksStep::Send(vec![5, 2, 0, 2])),
            (&[], SocksStep::Read(2)),
            (&[5, 2], SocksStep::Send(vec![1, 2, b'm', b'e', 2, b'p', b'w'])),
            (&[], SocksStep::Read(2)),
            (&[1, 0], SocksStep::Send(socks_connect(&target).unwrap())),
            (&[], SocksStep::Read(4)),
            (&[5, 0, 0, 3], SocksStep::Read(1)),
            (&bound[..1], SocksStep::Read(12)),
            (&bound[1..], SocksStep::Done),
        ];
        for (read, expected) in steps {
            assert_eq!(handshake.next(read).unwrap(), expected);
        }
        // Without credentials the request follows the greeting's answer; a refusal ends it.
        let plain = Proxy::parse("socks5://127.0.0.1:1080").unwrap();
        let mut handshake = SocksHandshake::new(&plain, &target);
        assert_eq!(handshake.next(&[]).unwrap(), SocksStep::Send(vec![5, 1, 0]));
        assert_eq!(handshake.next(&[]).unwrap(), SocksStep::Read(2));
        assert_eq!(handshake.next(&[5, 0]).unwrap(), SocksStep::Send(socks_connect(&target).unwrap()));
        assert_eq!(handshake.next(&[]).unwrap(), SocksStep::Read(4));
        assert_eq!(handshake.next(&[5, 4, 0, 1]).unwrap_err().kind(), TransportErrorKind::Connect);
    }

    #[test]
    fn credentials_never_shown() {
        let error = Proxy::parse("https://me:s3cret@proxy/path").unwrap_err();
        assert_eq!(error.url(), "https://me:***@proxy/path");
        assert!(!error.to_string().contains("s3cret"), "{error}");
        let config = ProxyConfig::all("http://me:s3cret@proxy:3128").unwrap().no_proxy("a.com");
        let text = format!("{config:?}");
        assert!(!text.contains("s3cret") && !text.contains("bWU6czNjcmV0"), "{text}");
        assert!(text.contains("http://proxy:3128") && text.contains("<redacted>"), "{text}");
        let text = format!("{:?}", ProxyConfig::all("socks5h://me:s3cret@bastion:1080").unwrap());
        assert!(!text.contains("s3cret") && text.contains("socks5://bastion:1080") && text.contains("<redacted>"), "{text}");
    }

    #[test]
    fn environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        let config = ProxyConfig::from_env_vars(env(&[("HTTPS_PROXY", "http://a:1"), ("https_proxy", "http://b:2"), ("http_proxy", "c:3"), ("no_proxy", "x.org")])).unwrap();
        assert_eq!(config.https.as_ref().unwrap().authority, "a:1");
        assert_eq!(config.http.as_ref().unwrap().authority, "c:3");
        assert!(config.no_proxy.matches("x.org", 1));
        // A CGI program ignores HTTP_PROXY, not http_proxy.
        let config = ProxyConfig::from_env_vars(env(&[("HTTP_PROXY", "http://a:1"), ("REQUEST_METHOD", "GET")])).unwrap();
        assert_eq!(config.http, None);
        let config = ProxyConfig::from_env_vars(env(&[("http_proxy", "http://a:1"), ("REQUEST_METHOD", "GET")])).unwrap();
        assert!(config.http.is_some());
        let error = ProxyConfig::from_env_vars(env(&[("https_proxy", "socks4://u:pw@h")])).unwrap_err();
        assert_eq!((error.variable(), error.url()), (Some("https_proxy"), "socks4://u:***@h"));
        assert!(!ProxyConfig::from_env_vars(env(&[])).unwrap().is_enabled());
        assert!(!ProxyConfig::from_env_vars(env(&[("HTTPS_PROXY", "h:1"), ("NO_PROXY", "*")])).unwrap().is_enabled());
    }

    #[test]
    fn connect_messages() {
        let target = Target::of(&"https://[::1]/x".parse().unwrap()).unwrap();
        let proxy = Proxy::parse("http://Aladdin:open%20sesame@p:3128").unwrap();
        let head = String::from_utf8(connect_request(&target, &proxy)).unwrap();
        assert_eq!(head, "CONNECT [::1]:443 HTTP/1.1\r\nhost: [::1]:443\r\nproxy-authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n");
        assert!(check_connect_response(b"HTTP/1.1 200 Connection established\r\n\r\n", &proxy, &target).is_ok());
        assert!(check_connect_response(b"HTTP/1.0 204\r\n\r\n", &proxy, &target).is_ok());
        let refused = check_connect_response(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n", &proxy, &target).unwrap_err();
        assert_eq!(refused.kind(), TransportErrorKind::Other);
        assert_eq!(refused.message(), "the proxy p:3128 refused to open a tunnel to [::1]: status 407 Proxy Authentication Required");
        let unavailable = check_connect_response(b"HTTP/1.1 503 x\r\n\r\n", &proxy, &target).unwrap_err();
        assert_eq!(unavailable.kind(), TransportErrorKind::Connect);
        let garbage = check_connect_response(b"SSH-2.0-OpenSSH\r\n\r\n", &proxy, &target).unwrap_err();
        assert_eq!(garbage.kind(), TransportErrorKind::InvalidResponse);
        let plain = Target::of(&"http://h:8080".parse().unwrap()).unwrap();
        assert_eq!(absolute_form(&plain, "/a%2Fb?x"), "http://h:8080/a%2Fb?x");
        assert_eq!(absolute_form(&Target::of(&"http://h".parse().unwrap()).unwrap(), "/"), "http://h/");
        // The answer, a byte at a time: whole at its empty line, an error if closed first or
        // too long.
        let mut head = Vec::new();
        let answer = b"HTTP/1.1 200 OK\r\n\r\n";
        let whole: Vec<bool> = answer.iter().map(|&b| push_connect_answer(&mut head, Some(b), &proxy).unwrap()).collect();
        assert_eq!(whole.iter().position(|&w| w), Some(answer.len() - 1));
        let closed = push_connect_answer(&mut Vec::new(), None, &proxy).unwrap_err();
        assert_eq!((closed.kind(), closed.message()), (TransportErrorKind::Connect, "the proxy p:3128 closed the connection before answering CONNECT"));
        let mut long = vec![b'x'; MAX_CONNECT_HEAD];
        assert_eq!(push_connect_answer(&mut long, Some(b'x'), &proxy).unwrap_err().kind(), TransportErrorKind::InvalidResponse);
    }
}
