//! What generated request builders and response parsers share: JSON reading and writing, HTTP
//! binding formats, error metadata and the assembly of the `http::Request`.

pub mod error;
pub mod http_binding;
pub mod json_error;
pub mod json_read;
pub mod json_write;

use super::endpoint::Endpoint;
use super::text::{escaped, quoted};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

/// A request could not be built from the input (an unset label, an unknown union member...).
/// `Display` shows the reason [`escaped`], since it can quote the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerializeError {
    message: String,
}

impl SerializeError {
    /// An error with its reason.
    pub fn new(message: impl Into<String>) -> Self {
        SerializeError { message: message.into() }
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the request: {}", escaped(&self.message))
    }
}

impl std::error::Error for SerializeError {}

/// A response body did not match the model. `Display` shows the reason [`escaped`], since it
/// can quote the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeserializeError {
    message: String,
}

impl DeserializeError {
    /// An error with its reason.
    pub fn new(message: impl Into<String>) -> Self {
        DeserializeError { message: message.into() }
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escaped(&self.message))
    }
}

impl std::error::Error for DeserializeError {}

/// The parts of a request a generated serializer decides.
#[derive(Debug)]
pub struct RequestParts {
    /// `GET`, `POST`...
    pub method: &'static str,
    /// The operation's path and query (already percent-encoded), starting with `/`.
    pub path_and_query: Cow<'static, str>,
    /// The headers every request of the operation carries (`X-Amz-Target`...), sent first: a
    /// `static` of the generated code, made and checked when it is compiled, which each request
    /// shares rather than parses again.
    pub fixed_headers: &'static [(http::HeaderName, http::HeaderValue)],
    /// The headers of the input's members, in the order they are added, owned values moved
    /// into the request without a copy.
    pub headers: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    /// The body and its content type, or `None` for no body at all.
    pub body: Option<(http::HeaderValue, Vec<u8>)>,
    /// The expanded `@endpoint` host prefix (`foo.bar.`), put before the endpoint's host.
    pub host_prefix: Option<String>,
}

/// Assembles the request: the endpoint's URL and base path, then the operation's path; the
/// endpoint's headers, the operation's, `Content-Type` and `Content-Length` (set here, before any
/// signing, so a signer sees exactly what is sent). A bodiless GET, HEAD or DELETE has neither
/// content header; a bodiless POST, PUT or PATCH sends `Content-Length: 0`.
pub fn build_request(endpoint: &Endpoint, parts: RequestParts) -> Result<http::Request<Vec<u8>>, SerializeError> {
    let RequestParts { method, mut path_and_query, fixed_headers, headers: part_headers, body, host_prefix } = parts;
    let host_prefix = host_prefix.as_deref().filter(|_| !endpoint.disable_host_prefix);
    // Errors quote the whole URI, built again only for the message.
    let error = |path: &str, e: &dyn fmt::Display| {
        let base = endpoint.url.trim_end_matches('/');
        // The host prefix goes after the scheme's `://`.
        let text = match host_prefix.zip(base.split_once("://")) {
            Some((prefix, (scheme, rest))) => format!("{scheme}://{prefix}{rest}{path}"),
            None => format!("{base}{path}"),
        };
        SerializeError::new(format!("invalid request (URI `{}`): {e}", quoted(&text)))
    };
    // The request is assembled in place rather than by `http::request::Builder`: the URI and the
    // operation's header values become the request's without a copy, and the header map is
    // sized once for these headers and those signing and the call path add (eight more).
    let method = http::Method::from_bytes(method.as_bytes()).map_err(|e| error(&path_and_query, &e))?;
    let endpoint_headers = endpoint.headers.iter().flat_map(|(name, values)| values.iter().map(move |v| (name, v)));
    let count = endpoint_headers.clone().count() + fixed_headers.len() + part_headers.len();
    let mut headers = http::HeaderMap::with_capacity(count + 10);
    for (name, value) in endpoint_headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| error(&path_and_query, &e))?;
        headers.append(name, http::HeaderValue::from_str(value).map_err(|e| error(&path_and_query, &e))?);
    }
    // A member bound to `Content-Type` (a payload's media type chosen by the caller) wins.
    let has_content_type = fixed_headers.iter().any(|(name, _)| name == http::header::CONTENT_TYPE)
        || part_headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    for (name, value) in fixed_headers {
        headers.append(name, value.clone());
    }
    for (name, value) in part_headers {
        let name = match name {
            Cow::Borrowed(name) if is_static_header_name(name) => http::HeaderName::from_static(name),
            name => http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| error(&path_and_query, &e))?,
        };
        let value = match value {
            Cow::Borrowed(value) => static_value(value),
            // From a `String`, `http` checks the value as `from_str` does, and takes its buffer.
            Cow::Owned(value) => http::HeaderValue::try_from(value),
        };
        headers.append(name, value.map_err(|e| error(&path_and_query, &e))?);
    }
    let body = match body {
        Some((content_type, body)) => {
            if !has_content_type {
                headers.append(http::header::CONTENT_TYPE, content_type);
            }
            headers.append(http::header::CONTENT_LENGTH, content_length(body.len()));
            body
        }
        None => {
            if matches!(method, http::Method::POST | http::Method::PUT | http::Method::PATCH) {
                headers.append(http::header::CONTENT_LENGTH, http::HeaderValue::from_static("0"));
            }
            Vec::new()
        }
    };
    let uri = request_uri(&endpoint.url, host_prefix, &mut path_and_query).map_err(|e| error(&path_and_query, &e))?;
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(request)
}

/// The request URI from its parts, as `http::Uri` would parse the endpoint URL (its trailing
/// `/` removed) followed by the operation's path and query: the scheme, the authority with the
/// host prefix put before it, then the endpoint's base path and `path_and_query`. Built from
/// parts rather than parsed from one string, the operation's buffer becomes the URI's path
/// without a copy when the endpoint has no base path (`http` keeps a `String` whose length is its
/// capacity as it is), and a static path is borrowed. `path_and_query` is taken only once
/// nothing can fail, so that an error can still quote it.
fn request_uri(url: &str, host_prefix: Option<&str>, path_and_query: &mut Cow<'static, str>) -> Result<http::Uri, UriError> {
    let base = url.trim_end_matches('/');
    // The scheme ends at the first `:` (RFC 3986 section 3.1 "Scheme": no `:` within it).
    let (scheme, rest) = base.split_once(':').and_then(|(s, rest)| Some((s, rest.strip_prefix("//")?))).ok_or(UriError::NoScheme)?;
    let authority_end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
    let (authority, base_path) = rest.split_at(authority_end);
    if base.len() + host_prefix.map_or(0, str::len) + path_and_query.len() > MAX_URI_LEN {
        return Err(UriError::TooLong);
    }
    // `http` and `https` in any case are the constants; other schemes are checked and kept.
    let scheme = match scheme {
        s if s.eq_ignore_ascii_case("https") => http::uri::Scheme::HTTPS,
        s if s.eq_ignore_ascii_case("http") => http::uri::Scheme::HTTP,
        s => http::uri::Scheme::try_from(s)?,
    };
    let authority = request_authority(host_prefix, authority)?;
    let path_and_query = match (base_path, &*path_and_query) {
        ("", Cow::Borrowed(path)) if is_static_path(path) => http::uri::PathAndQuery::from_static(path),
        // A path `from_static` would take parses: the buffer is taken.
        ("", Cow::Owned(path)) if is_static_path(path) => {
            http::uri::PathAndQuery::try_from(std::mem::take(path_and_query).into_owned())?
        }
        ("", path) => http::uri::PathAndQuery::try_from(&**path)?,
        (base_path, path) => http::uri::PathAndQuery::try_from([base_path, path].concat())?,
    };
    let mut parts = http::uri::Parts::default();
    parts.scheme = Some(scheme);
    parts.authority = Some(authority);
    parts.path_and_query = Some(path_and_query);
    Ok(http::Uri::from_parts(parts)?)
}

thread_local! {
    /// The authority of the thread's last request. Calls mostly go to one host: its `Authority`
    /// is then shared (a reference count) rather than copied from the endpoint URL again.
    static LAST_AUTHORITY: RefCell<Option<http::uri::Authority>> = const { RefCell::new(None) };
}

/// The authority `prefix` + `authority`, parsed, or the thread's last one when it has this text.
fn request_authority(prefix: Option<&str>, authority: &str) -> Result<http::uri::Authority, http::uri::InvalidUri> {
    let same = |last: &http::uri::Authority| match prefix {
        Some(prefix) => last.as_str().strip_prefix(prefix) == Some(authority),
        None => last.as_str() == authority,
    };
    let last = LAST_AUTHORITY.try_with(|last| last.borrow().as_ref().filter(|last| same(last)).cloned());
    if let Ok(Some(last)) = last {
        return Ok(last);
    }
    let parsed = match prefix {
        Some(prefix) => http::uri::Authority::try_from([prefix, authority].concat())?,
        None => http::uri::Authority::try_from(authority)?,
    };
    // Unavailable only while the thread ends: the authority is then not kept.
    let _ = LAST_AUTHORITY.try_with(|last| *last.borrow_mut() = Some(parsed.clone()));
    Ok(parsed)
}

/// The longest URI `http::Uri` parses.
const MAX_URI_LEN: usize = u16::MAX as usize - 1;

/// Why [`request_uri`] failed.
#[derive(Debug)]
enum UriError {
    NoScheme,
    TooLong,
    Invalid(Box<dyn std::error::Error>),
}

impl<E: std::error::Error + 'static> From<E> for UriError {
    fn from(e: E) -> Self {
        UriError::Invalid(Box::new(e))
    }
}

impl fmt::Display for UriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UriError::NoScheme => f.write_str("the endpoint URL has no scheme"),
            UriError::TooLong => f.write_str("uri too long"),
            UriError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

/// Whether `PathAndQuery::from_static` takes `path` as it is, rather than panicking: a path
/// (and query) of RFC 3986 `pchar`s, `/` and `?` only (section 3.3 "Path", 3.4 "Query").
fn is_static_path(path: &str) -> bool {
    // One table load per byte: paths with encoded labels (ARNs) run to hundreds of bytes.
    const ALLOWED: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = matches!(b as u8, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'!' | b'$'
                | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'?' | b'%');
            b += 1;
        }
        table
    };
    path.starts_with('/') && path.bytes().all(|b| ALLOWED[usize::from(b)])
}

/// Whether `http::HeaderName::from_static` takes `name` as it is, rather than panicking: a
/// lowercase token (RFC 9110 section 5.1 "Field Names", section 5.6.2 "Tokens"). The generator
/// checks the names it makes when the generated crate is compiled by this same rule.
pub fn is_static_header_name(name: &str) -> bool {
    (1..1 << 16).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether `http::HeaderValue::from_static` takes `value` as it is, rather than panicking:
/// visible ASCII, spaces and tabs (the part of RFC 9110 section 5.5 "Field Values" that `http`
/// accepts from text). The generator checks the values it makes when the generated crate is
/// compiled by this same rule.
pub fn is_static_header_value(value: &str) -> bool {
    value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

/// A header value of the generated code, without copying it when it is valid.
fn static_value(value: &'static str) -> Result<http::HeaderValue, http::header::InvalidHeaderValue> {
    match is_static_header_value(value) {
        true => Ok(http::HeaderValue::from_static(value)),
        false => http::HeaderValue::from_str(value),
    }
}

/// The `Content-Length` value of a body of `len` bytes. Below 1,000 bytes (most requests) it
/// is a slice of one static string of all those numbers, which a `HeaderValue` takes as it is;
/// longer bodies have theirs formatted, which allocates.
fn content_length(len: usize) -> http::HeaderValue {
    const SMALL: usize = 1000;
    /// "0123456789101112...998999": 10 one-digit numbers, 90 of two digits, 900 of three.
    static NUMBERS: [u8; 10 + 90 * 2 + 900 * 3] = {
        let mut out = [0u8; 10 + 90 * 2 + 900 * 3];
        let (mut n, mut at) = (0, 0);
        while n < SMALL {
            let width = if n < 10 { 1 } else if n < 100 { 2 } else { 3 };
            let (mut rest, mut i) = (n, width);
            while i > 0 {
                i -= 1;
                out[at + i] = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
            at += width;
            n += 1;
        }
        out
    };
    let (start, width) = match len {
        0..=9 => (len, 1),
        10..=99 => (10 + (len - 10) * 2, 2),
        100..SMALL => (190 + (len - 100) * 3, 3),
        _ => return http::HeaderValue::from(len),
    };
    match NUMBERS.get(start..start + width).map(std::str::from_utf8) {
        // Digits only: `from_static` takes them.
        Some(Ok(digits)) => http::HeaderValue::from_static(digits),
        _ => http::HeaderValue::from(len),
    }
}

/// The value of an `@hostLabel` member in a host prefix: it must be a non-empty run of host
/// name labels (letters, digits, `-`, separated by `.`), so the prefixed host stays a valid
/// RFC 3986 host (endpoint-traits.rst "Client Behavior").
pub fn host_label(name: &str, value: Option<&str>) -> Result<String, SerializeError> {
    let value = value.unwrap_or_default();
    let valid_label = |l: &str| {
        !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !l.starts_with('-')
    };
    if value.is_empty() {
        return Err(SerializeError::new(format!("the host label `{name}` cannot be empty or unset")));
    }
    if !value.split('.').all(valid_label) {
        return Err(SerializeError::new(format!("the host label `{name}` is not a valid host name: `{}`", quoted(value))));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_the_endpoint_path_and_sets_content_headers() {
        let endpoint = Endpoint::new("https://example.com/custom");
        static FIXED: [(http::HeaderName, http::HeaderValue); 2] = [
            (http::HeaderName::from_static("x-amz-target"), http::HeaderValue::from_static("Svc.Op")),
            (http::HeaderName::from_static("x-fixed"), http::HeaderValue::from_static("1")),
        ];
        let parts = RequestParts {
            method: "POST",
            path_and_query: "/".into(),
            fixed_headers: &FIXED,
            headers: vec![("x-bound".into(), String::from("2").into())],
            body: Some((http::HeaderValue::from_static("application/x-amz-json-1.1"), b"{}".to_vec())),
            host_prefix: None,
        };
        let req = build_request(&endpoint, parts).unwrap();
        assert_eq!(req.uri().to_string(), "https://example.com/custom/");
        assert_eq!(req.headers()["content-length"], "2");
        assert_eq!(req.headers()["x-amz-target"], "Svc.Op");
        // The fixed headers first, then the members', then the content headers.
        let names: Vec<_> = req.headers().keys().map(|n| n.as_str()).collect();
        assert_eq!(names, ["x-amz-target", "x-fixed", "x-bound", "content-type", "content-length"]);
        assert_eq!(req.body(), b"{}");
    }

    #[test]
    fn the_operation_path_becomes_the_uri_without_a_copy() {
        use super::http_binding::{percent_encoded_len, push_percent_encoded, push_query};
        // Expected forms from RFC 3986 section 2.1 (uppercase hex of each UTF-8 byte) and 2.3
        // (unreserved characters kept), and http-bindings.rst `httpLabel`: a greedy label keeps `/`.
        let (greedy, plain, key, value) = ("a b/\u{fc}?#[]", "x/y:z", "k&=", "~v+1 \u{2713}");
        let len = "/p/".len() + percent_encoded_len(plain, false) + "/".len() + percent_encoded_len(greedy, true);
        let mut path = String::with_capacity(len);
        path.push_str("/p/");
        push_percent_encoded(&mut path, plain, false);
        path.push('/');
        push_percent_encoded(&mut path, greedy, true);
        assert_eq!(path.len(), path.capacity(), "sized exactly before writing");
        let expected_path = "/p/x%2Fy%3Az/a%20b/%C3%BC%3F%23%5B%5D";
        assert_eq!(path, expected_path);
        let buffer = path.as_ptr();
        let get = |path: Cow<'static, str>| RequestParts { method: "GET", path_and_query: path, fixed_headers: &[], headers: vec![], body: None, host_prefix: None };
        let req = build_request(&Endpoint::new("https://example.com/"), get(path.into())).unwrap();
        assert_eq!(req.uri().to_string(), format!("https://example.com{expected_path}"));
        assert_eq!(req.uri().path().as_ptr(), buffer, "the path buffer is the URI's");
        // A static path is borrowed as it is.
        let fixed: &'static str = "/fixed/path";
        let req = build_request(&Endpoint::new("http://127.0.0.1:8080"), get(fixed.into())).unwrap();
        assert_eq!(req.uri().path().as_ptr(), fixed.as_ptr());
        assert_eq!(req.uri().to_string(), "http://127.0.0.1:8080/fixed/path");
        // A query written after the path; an endpoint base path goes before it.
        let mut path = String::from("/q");
        push_query(&mut path, 2, key, value);
        push_query(&mut path, 2, "e", "");
        let req = build_request(&Endpoint::new("https://example.com/base/"), get(path.into())).unwrap();
        assert_eq!(req.uri().to_string(), "https://example.com/base/q?k%26%3D=~v%2B1%20%E2%9C%93&e=");
        assert_eq!(req.uri().query(), Some("k%26%3D=~v%2B1%20%E2%9C%93&e="));
    }

    #[test]
    fn the_authority_is_shared_between_requests_to_one_host() {
        let parts = |prefix: Option<&str>| RequestParts {
            method: "GET",
            path_and_query: "/".into(),
            fixed_headers: &[],
            headers: vec![],
            body: None,
            host_prefix: prefix.map(String::from),
        };
        let authority = |url: &str, prefix| build_request(&Endpoint::new(url), parts(prefix)).unwrap().uri().authority().cloned().unwrap();
        let first = authority("https://a.example.com:8443/base", None);
        let again = authority("https://a.example.com:8443/other", None);
        assert_eq!(again, "a.example.com:8443");
        assert_eq!(again.as_str().as_ptr(), first.as_str().as_ptr(), "one buffer for both");
        // Another host, or the same with a prefix, is not taken for the last one.
        assert_eq!(authority("https://b.example.com:8443", None), "b.example.com:8443");
        assert_eq!(authority("https://b.example.com:8443", Some("x.")), "x.b.example.com:8443");
        assert_eq!(authority("https://b.example.com:8443", Some("y.")), "y.b.example.com:8443");
        assert_eq!(authority("https://b.example.com:8443", None), "b.example.com:8443");
        assert_eq!(authority("https://example.com:8443", Some("b.")), "b.example.com:8443");
    }

    #[test]
    fn invalid_uris_are_errors_that_quote_them() {
        let get = |path: &'static str| RequestParts { method: "GET", path_and_query: path.into(), fixed_headers: &[], headers: vec![], body: None, host_prefix: None };
        for (url, path) in [("example.com", "/"), ("https://", "/"), ("https://a b", "/"), ("https://example.com", "/a b"), ("ht tp://x", "/")] {
            let err = build_request(&Endpoint::new(url), get(path)).unwrap_err().to_string();
            // The endpoint URL is quoted without its trailing `/`, as it is joined to the path.
            assert!(err.contains(&format!("(URI `{}{path}`)", url.trim_end_matches('/'))), "{err}");
        }
        let long: &'static str = Box::leak(format!("/{}", "a".repeat(70_000)).into_boxed_str());
        assert!(build_request(&Endpoint::new("https://example.com"), get(long)).unwrap_err().to_string().contains("too long"));
        // `HTTPS` is the scheme `https`.
        assert_eq!(build_request(&Endpoint::new("HTTPS://example.com"), get("/")).unwrap().uri().scheme_str(), Some("https"));
    }

    #[test]
    fn bodiless_requests() {
        let endpoint = Endpoint::new("https://example.com/");
        let get = RequestParts { method: "GET", path_and_query: "/a%2Fb".into(), fixed_headers: &[], headers: vec![], body: None, host_prefix: None };
        let req = build_request(&endpoint, get).unwrap();
        assert_eq!(req.uri().path(), "/a%2Fb");
        assert!(req.headers().is_empty());
        let post = RequestParts { method: "POST", path_and_query: "/x".into(), fixed_headers: &[], headers: vec![], body: None, host_prefix: None };
        let req = build_request(&endpoint, post).unwrap();
        assert_eq!(req.headers()["content-length"], "0");
        assert!(req.headers().get("content-type").is_none());
    }

    #[test]
    fn host_prefixes_and_their_labels() {
        let endpoint = Endpoint::new("https://example.com/base");
        let parts = |prefix: &str| RequestParts {
            method: "POST",
            path_and_query: "/".into(),
            fixed_headers: &[],
            headers: vec![],
            body: None,
            host_prefix: Some(prefix.into()),
        };
        let req = build_request(&endpoint, parts("foo.bar.")).unwrap();
        assert_eq!(req.uri().to_string(), "https://foo.bar.example.com/base/");
        let disabled = Endpoint { disable_host_prefix: true, ..endpoint.clone() };
        assert_eq!(build_request(&disabled, parts("foo.")).unwrap().uri().host(), Some("example.com"));
        assert_eq!(host_label("b", Some("bar")).unwrap(), "bar");
        assert_eq!(host_label("b", Some("a.b-c")).unwrap(), "a.b-c");
        for bad in [None, Some(""), Some("a/b"), Some("a..b"), Some("-a"), Some("a b")] {
            assert!(host_label("b", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_content_type_and_length_of_a_body() {
        let endpoint = Endpoint::new("https://example.com");
        let parts = |len: usize| RequestParts {
            method: "POST",
            path_and_query: "/".into(),
            fixed_headers: &[],
            headers: vec![],
            body: Some((http::HeaderValue::from_static("text/plain; charset=utf-8"), vec![b'x'; len])),
            host_prefix: None,
        };
        let req = build_request(&endpoint, parts(3)).unwrap();
        assert_eq!(req.headers()["content-type"], "text/plain; charset=utf-8");
        assert_eq!(req.headers()["content-length"], "3");
        assert_eq!(build_request(&endpoint, parts(123_456)).unwrap().headers()["content-length"], "123456");
        // Each length is its decimal digits, whether sliced from the static numbers or formatted.
        for len in (0..1100).chain([9_999, 10_000, 1 << 20, usize::MAX]) {
            assert_eq!(content_length(len).to_str().unwrap(), len.to_string(), "{len}");
        }
        // Below 1,000 two values share the static digits; from 1,000 each has its own buffer.
        let ptr = |value: &http::HeaderValue| value.as_bytes().as_ptr();
        let (a, b) = (content_length(999), content_length(999));
        assert_eq!(ptr(&a), ptr(&b));
        let (c, d) = (content_length(1000), content_length(1000));
        assert_ne!(ptr(&c), ptr(&d));
    }

    #[test]
    fn static_header_names_are_checked_not_trusted() {
        let endpoint = Endpoint::new("https://example.com");
        let parts = |name: &'static str| RequestParts {
            method: "GET",
            path_and_query: "/".into(),
            fixed_headers: &[],
            headers: vec![(name.into(), "v".into()), (String::from("x-owned").into(), String::from("w").into())],
            body: None,
            host_prefix: None,
        };
        let req = build_request(&endpoint, parts("x-amz-target")).unwrap();
        assert_eq!(req.headers()["x-amz-target"], "v");
        assert_eq!(req.headers()["x-owned"], "w");
        // Upper case is lowered (as `from_bytes` does); what no header name may hold is an
        // error, not the panic of `from_static`.
        assert_eq!(build_request(&endpoint, parts("X-Amz-Target")).unwrap().headers()["x-amz-target"], "v");
        for bad in ["", "a b", "a:b", "a\u{e9}"] {
            assert!(build_request(&endpoint, parts(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_content_type_header_member_wins_over_the_default() {
        let endpoint = Endpoint::new("https://example.com");
        let parts = RequestParts {
            method: "POST",
            path_and_query: "/".into(),
            fixed_headers: &[],
            headers: vec![("Content-Type".into(), "image/jpg".into())],
            body: Some((http::HeaderValue::from_static("application/octet-stream"), b"x".to_vec())),
            host_prefix: None,
        };
        let req = build_request(&endpoint, parts).unwrap();
        let types: Vec<_> = req.headers().get_all("content-type").iter().collect();
        assert_eq!(types, ["image/jpg"]);
        // A fixed one too.
        static FIXED: [(http::HeaderName, http::HeaderValue); 1] =
            [(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/x-amz-json-1.0"))];
        let parts = RequestParts {
            method: "POST",
            path_and_query: "/".into(),
            fixed_headers: &FIXED,
            headers: vec![],
            body: Some((http::HeaderValue::from_static("application/octet-stream"), b"x".to_vec())),
            host_prefix: None,
        };
        let req = build_request(&endpoint, parts).unwrap();
        let types: Vec<_> = req.headers().get_all("content-type").iter().collect();
        assert_eq!(types, ["application/x-amz-json-1.0"]);
    }
}
