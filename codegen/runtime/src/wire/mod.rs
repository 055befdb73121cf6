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
    /// Headers in the order they are added: the fixed ones of the generated code borrowed, the
    /// input's owned, so that neither is copied into the request.
    pub headers: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    /// The body and its content type, or `None` for no body at all.
    pub body: Option<(&'static str, Vec<u8>)>,
    /// The expanded `@endpoint` host prefix (`foo.bar.`), put before the endpoint's host.
    pub host_prefix: Option<String>,
}

/// Assembles the request: the endpoint's URL and base path, then the operation's path; the
/// endpoint's headers, the operation's, `Content-Type` and `Content-Length` (set here, before any
/// signing, so a signer sees exactly what is sent). A bodiless GET, HEAD or DELETE has neither
/// content header; a bodiless POST, PUT or PATCH sends `Content-Length: 0`.
pub fn build_request(endpoint: &Endpoint, parts: RequestParts) -> Result<http::Request<Vec<u8>>, SerializeError> {
    let RequestParts { method, path_and_query, headers: part_headers, body, host_prefix } = parts;
    let base = endpoint.url.trim_end_matches('/');
    let mut uri = match &host_prefix {
        Some(prefix) if !endpoint.disable_host_prefix => with_host_prefix(base, prefix, path_and_query.len())?,
        _ => {
            let mut uri = String::with_capacity(base.len() + path_and_query.len());
            uri.push_str(base);
            uri
        }
    };
    uri.push_str(&path_and_query);
    // The request is assembled in place rather than by `http::request::Builder`: the URI and the
    // operation's header values become the request's without a copy, and the header map is
    // sized once for these headers and those signing and the call path add (eight more).
    let error = |uri: &str, e: &dyn fmt::Display| SerializeError::new(format!("invalid request (URI `{}`): {e}", quoted(uri)));
    let method = http::Method::from_bytes(method.as_bytes()).map_err(|e| error(&uri, &e))?;
    let endpoint_headers = endpoint.headers.iter().flat_map(|(name, values)| values.iter().map(move |v| (name, v)));
    let mut headers = http::HeaderMap::with_capacity(endpoint_headers.clone().count() + part_headers.len() + 10);
    for (name, value) in endpoint_headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| error(&uri, &e))?;
        headers.append(name, http::HeaderValue::from_str(value).map_err(|e| error(&uri, &e))?);
    }
    // A member bound to `Content-Type` (a payload's media type chosen by the caller) wins.
    let has_content_type = part_headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    for (name, value) in part_headers {
        let name = match name {
            Cow::Borrowed(name) if is_static_name(name) => http::HeaderName::from_static(name),
            name => http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| error(&uri, &e))?,
        };
        let value = match value {
            Cow::Borrowed(value) => static_value(value),
            // From a `String`, `http` checks the value as `from_str` does, and takes its buffer.
            Cow::Owned(value) => http::HeaderValue::try_from(value),
        };
        headers.append(name, value.map_err(|e| error(&uri, &e))?);
    }
    let body = match body {
        Some((content_type, body)) => {
            if !has_content_type {
                headers.append(http::header::CONTENT_TYPE, static_value(content_type).map_err(|e| error(&uri, &e))?);
            }
            headers.append(http::header::CONTENT_LENGTH, http::HeaderValue::from(body.len()));
            body
        }
        None => {
            if matches!(method, http::Method::POST | http::Method::PUT | http::Method::PATCH) {
                headers.append(http::header::CONTENT_LENGTH, http::HeaderValue::from_static("0"));
            }
            Vec::new()
        }
    };
    // On error the text is gone into the failed parse: it is built again for the message.
    let uri = http::Uri::try_from(uri).map_err(|e| {
        let prefix = host_prefix.as_deref().filter(|_| !endpoint.disable_host_prefix);
        let text = match prefix.map(|p| with_host_prefix(base, p, path_and_query.len())) {
            Some(Ok(mut text)) => {
                text.push_str(&path_and_query);
                text
            }
            _ => format!("{base}{path_and_query}"),
        };
        error(&text, &e)
    })?;
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(request)
}

/// Whether `from_static` takes `name` as it is (a lowercase token), rather than panicking.
fn is_static_name(name: &str) -> bool {
    (1..1 << 16).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A header value of the generated code, without copying it when it is valid.
fn static_value(value: &'static str) -> Result<http::HeaderValue, http::header::InvalidHeaderValue> {
    // `from_static` panics on what `from_str` refuses (anything but visible ASCII, spaces and
    // tabs): check first.
    match value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
        true => Ok(http::HeaderValue::from_static(value)),
        false => http::HeaderValue::from_str(value),
    }
}

/// The endpoint URL with `prefix` put before its host: `https://example.com/x` and `foo.` give
/// `https://foo.example.com/x`, with `room` more bytes of capacity for the path.
fn with_host_prefix(url: &str, prefix: &str, room: usize) -> Result<String, SerializeError> {
    let (scheme, rest) = url.split_once("://").ok_or_else(|| SerializeError::new(format!("the endpoint `{}` has no scheme", quoted(url))))?;
    let mut out = String::with_capacity(url.len() + prefix.len() + room);
    for part in [scheme, "://", prefix, rest] {
        out.push_str(part);
    }
    Ok(out)
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
        let parts = RequestParts {
            method: "POST",
            path_and_query: "/".into(),
            headers: vec![("x-amz-target".into(), "Svc.Op".into())],
            body: Some(("application/x-amz-json-1.1", b"{}".to_vec())),
            host_prefix: None,
        };
        let req = build_request(&endpoint, parts).unwrap();
        assert_eq!(req.uri().to_string(), "https://example.com/custom/");
        assert_eq!(req.headers()["content-length"], "2");
        assert_eq!(req.headers()["x-amz-target"], "Svc.Op");
        assert_eq!(req.body(), b"{}");
    }

    #[test]
    fn bodiless_requests() {
        let endpoint = Endpoint::new("https://example.com/");
        let get = RequestParts { method: "GET", path_and_query: "/a%2Fb".into(), headers: vec![], body: None, host_prefix: None };
        let req = build_request(&endpoint, get).unwrap();
        assert_eq!(req.uri().path(), "/a%2Fb");
        assert!(req.headers().is_empty());
        let post = RequestParts { method: "POST", path_and_query: "/x".into(), headers: vec![], body: None, host_prefix: None };
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
    fn content_types_are_checked_not_trusted() {
        let endpoint = Endpoint::new("https://example.com");
        let parts = |content_type: &'static str| RequestParts {
            method: "POST",
            path_and_query: "/".into(),
            headers: vec![],
            body: Some((content_type, b"x".to_vec())),
            host_prefix: None,
        };
        let req = build_request(&endpoint, parts("text/plain; charset=utf-8")).unwrap();
        assert_eq!(req.headers()["content-type"], "text/plain; charset=utf-8");
        // A line break is an error, not a panic.
        let err = build_request(&endpoint, parts("text/plain\r\nx-evil: 1")).unwrap_err();
        assert!(err.to_string().contains("invalid request (URI `https://example.com/`)"), "{err}");
    }

    #[test]
    fn static_header_names_are_checked_not_trusted() {
        let endpoint = Endpoint::new("https://example.com");
        let parts = |name: &'static str| RequestParts {
            method: "GET",
            path_and_query: "/".into(),
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
            headers: vec![("Content-Type".into(), "image/jpg".into())],
            body: Some(("application/octet-stream", b"x".to_vec())),
            host_prefix: None,
        };
        let req = build_request(&endpoint, parts).unwrap();
        let types: Vec<_> = req.headers().get_all("content-type").iter().collect();
        assert_eq!(types, ["image/jpg"]);
    }
}
