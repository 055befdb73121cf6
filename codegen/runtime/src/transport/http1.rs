//! What the default clients share about HTTP/1.1 (RFC 9112): where a request goes, its
//! request target, and the framing checks of a response.

use super::{TransportError, TransportErrorKind};

/// Where a request goes: the connection to open (or reuse) and its `Host` header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Target {
    pub(super) https: bool,
    /// The host to connect to (an IPv6 address without brackets).
    pub(super) host: String,
    pub(super) port: u16,
    /// The `Host` header: the host as in the URI, and the port unless it is the default.
    pub(super) authority: String,
}

impl Target {
    /// The target of an absolute `http://` or `https://` URI.
    pub(super) fn of(uri: &http::Uri) -> Result<Target, TransportError> {
        let https = match uri.scheme_str() {
            Some(s) if s.eq_ignore_ascii_case("https") => true,
            Some(s) if s.eq_ignore_ascii_case("http") => false,
            _ => return Err(TransportError::other(format!("unsupported URI `{uri}`: expected http:// or https://"))),
        };
        let uri_host = uri.host().filter(|h| !h.is_empty());
        let uri_host = uri_host.ok_or_else(|| TransportError::other(format!("URI `{uri}` has no host")))?;
        let default_port = if https { 443 } else { 80 };
        let port = uri.port_u16().unwrap_or(default_port);
        let authority = if port == default_port { uri_host.to_string() } else { format!("{uri_host}:{port}") };
        let host = uri_host.trim_start_matches('[').trim_end_matches(']').to_string();
        Ok(Target { https, host, port, authority })
    }
}

/// The request target in origin form: the URI's path and query exactly as written.
pub(super) fn origin_form(uri: &http::Uri) -> String {
    match uri.path_and_query().map(|pq| pq.as_str()) {
        Some(pq) if pq.starts_with('/') => pq.to_string(),
        Some(pq) => format!("/{pq}"),
        None => "/".to_string(),
    }
}

/// The `Content-Length` of a response, when it has exactly one value (or several equal ones).
pub(super) fn content_length(headers: &http::HeaderMap) -> Option<Result<u64, TransportError>> {
    let mut values = headers.get_all(http::header::CONTENT_LENGTH).iter().peekable();
    values.peek()?;
    let mut length = None;
    for value in values {
        let parsed = value
            .to_str()
            .ok()
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u64>().ok());
        match (parsed, length) {
            (Some(n), None) => length = Some(n),
            (Some(n), Some(m)) if n == m => {}
            _ => {
                return Some(Err(TransportError::new(
                    TransportErrorKind::InvalidResponse,
                    "invalid or conflicting Content-Length",
                )))
            }
        }
    }
    length.map(Ok)
}

/// Refuses a response that announces both `Transfer-Encoding` and `Content-Length`.
///
/// RFC 9112, section 6.3 (rule 3), lets Transfer-Encoding override Content-Length, but says such a
/// message "might indicate an attempt to perform request smuggling or response splitting and ought
/// to be handled as an error"; its sender broke section 6.2 (a sender "MUST NOT send a
/// Content-Length header field in any message that contains a Transfer-Encoding header field").
/// Reading it as chunked would trust that sender's framing, and an AWS endpoint never sends both,
/// so it is rejected: an invalid response, not retried. Its connection, whose framing is in doubt,
/// is closed, never reused.
pub(super) fn check_framing_headers(headers: &http::HeaderMap) -> Result<(), TransportError> {
    if headers.contains_key(http::header::TRANSFER_ENCODING) && headers.contains_key(http::header::CONTENT_LENGTH) {
        return Err(TransportError::new(
            TransportErrorKind::InvalidResponse,
            "the response has both Transfer-Encoding and Content-Length",
        ));
    }
    Ok(())
}

/// The error of a body past the cap.
pub(super) fn body_too_large(max: usize) -> TransportError {
    TransportError::new(TransportErrorKind::BodyTooLarge, format!("the response body exceeds {max} bytes"))
}

/// An error and its sources, as one line.
pub(super) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let more = e.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = e.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let t = Target::of(&"https://athena.us-east-1.amazonaws.com/".parse().unwrap()).unwrap();
        assert_eq!((t.https, t.host.as_str(), t.port, t.authority.as_str()), (true, "athena.us-east-1.amazonaws.com", 443, "athena.us-east-1.amazonaws.com"));
        let t = Target::of(&"http://127.0.0.1:8080/x".parse().unwrap()).unwrap();
        assert_eq!((t.https, t.host.as_str(), t.port, t.authority.as_str()), (false, "127.0.0.1", 8080, "127.0.0.1:8080"));
        let t = Target::of(&"https://[::1]:443".parse().unwrap()).unwrap();
        assert_eq!((t.host.as_str(), t.port, t.authority.as_str()), ("::1", 443, "[::1]"));
        let t = Target::of(&"HTTP://h:80".parse().unwrap()).unwrap();
        assert_eq!((t.https, t.authority.as_str()), (false, "h"));
        assert_eq!(Target::of(&"ftp://h/".parse().unwrap()).unwrap_err().kind(), TransportErrorKind::Other);
        assert_eq!(Target::of(&"/relative".parse().unwrap()).unwrap_err().kind(), TransportErrorKind::Other);
    }

    #[test]
    fn origin_forms_keep_the_bytes() {
        assert_eq!(origin_form(&"https://h/a%2Fb%3Ac/?x=%2F&y".parse().unwrap()), "/a%2Fb%3Ac/?x=%2F&y");
        assert_eq!(origin_form(&"https://h".parse().unwrap()), "/");
        assert_eq!(origin_form(&"https://h?q=1".parse().unwrap()), "/?q=1");
    }

    #[test]
    fn content_lengths() {
        let mut h = http::HeaderMap::new();
        assert!(content_length(&h).is_none());
        h.append("content-length", "12".parse().unwrap());
        assert_eq!(content_length(&h), Some(Ok(12)));
        h.append("content-length", "12".parse().unwrap());
        assert_eq!(content_length(&h), Some(Ok(12)));
        h.append("content-length", "13".parse().unwrap());
        assert!(matches!(content_length(&h), Some(Err(_))));
        let mut h = http::HeaderMap::new();
        h.append("content-length", "+5".parse().unwrap());
        assert!(matches!(content_length(&h), Some(Err(_))));
    }
}
