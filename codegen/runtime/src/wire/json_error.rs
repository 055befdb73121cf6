//! Error responses of the JSON protocols (awsJson1_0, awsJson1_1, restJson1): where the code
//! and message come from (aws-json-1_0-protocol.rst and aws-restjson1-protocol.rst, "Operation
//! error serialization").

use super::super::json::{Reader, Token};
use super::error::ErrorMetadata;

/// Reads the error metadata of a non-2xx response. The code comes from the `X-Amzn-Errortype`
/// header, else the body's top-level `code`, else its top-level `__type`; a body that is empty
/// or not JSON (an HTML page from a proxy) just has no code.
pub fn error_metadata(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorMetadata {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (body_code, body_type, message) = top_level_fields(body);
    // An empty source is no source: fall through to the next one.
    let present = |c: &String| !sanitize_code(c).is_empty();
    let code = header("x-amzn-errortype")
        .filter(present)
        .or(body_code.filter(present))
        .or(body_type.filter(present))
        .map(|c| sanitize_code(&c).to_string());
    ErrorMetadata::new(code, message, status, headers)
}

/// Cuts at the first `:`, then keeps what follows the first `#`.
pub fn sanitize_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let after_hash = before_colon.split_once('#').map_or(before_colon, |(_, rest)| rest);
    after_hash.trim()
}

/// The top-level `code`, `__type` and message fields of a JSON body (nested ones are ignored;
/// for the message the last of `message`, `Message`, `errorMessage` wins, as smithy-rs does).
fn top_level_fields(body: &[u8]) -> (Option<String>, Option<String>, Option<String>) {
    let (mut code, mut ty, mut message) = (None, None, None);
    let mut r = Reader::new(body);
    if !matches!(r.next_token(), Ok(Some(Token::BeginObject))) {
        return (None, None, None);
    }
    while let Ok(Some(Token::Key(key))) = r.next_token() {
        let value = match r.next_token() {
            Ok(Some(v)) => v,
            _ => break,
        };
        let text = match &value {
            Token::String(s) => Some(s.to_string()),
            _ => None,
        };
        match key.as_ref() {
            "code" => code = text.or(code),
            "__type" => ty = text.or(ty),
            "message" | "Message" | "errorMessage" => message = text.or(message),
            _ => {}
        }
        if r.skip_value(&value).is_err() {
            break;
        }
    }
    (code, ty, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, http::HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn sanitizing() {
        for raw in [
            "FooError",
            "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "aws.protocoltests.json#FooError",
            "aws.different.namespace#FooError",
            "ns#FooError:http://internal.amazon.com/",
        ] {
            assert_eq!(sanitize_code(raw), "FooError", "{raw}");
        }
    }

    #[test]
    fn code_sources_in_priority_order() {
        let body = br#"{"code":"FromCode","__type":"ns#FromType","Message":"m1","message":"m2"}"#;
        let meta = error_metadata(400, &headers(&[("x-amzn-errortype", "FromHeader:http://x")]), body);
        assert_eq!(meta.code(), Some("FromHeader"));
        assert_eq!(meta.message(), Some("m2"));
        assert_eq!(error_metadata(400, &headers(&[]), body).code(), Some("FromCode"));
        let meta = error_metadata(400, &headers(&[("x-amzn-requestid", "rid")]), br#"{"__type":"ns#FromType"}"#);
        assert_eq!((meta.code(), meta.request_id()), (Some("FromType"), Some("rid")));
        let nested = br#"{"Nested":{"__type":"Inner","code":"Inner"},"errorMessage":"m"}"#;
        let meta = error_metadata(400, &headers(&[]), nested);
        assert_eq!((meta.code(), meta.message()), (None, Some("m")));
    }

    #[test]
    fn an_empty_source_falls_through() {
        let meta = error_metadata(400, &headers(&[("x-amzn-errortype", "")]), br#"{"code":"","__type":"ns#FromType"}"#);
        assert_eq!(meta.code(), Some("FromType"));
    }

    #[test]
    fn bodies_that_are_not_json() {
        let meta = error_metadata(502, &headers(&[("x-amz-request-id", "r2")]), b"<html>Bad Gateway</html>");
        assert_eq!((meta.code(), meta.status(), meta.request_id()), (None, 502, Some("r2")));
        assert_eq!(error_metadata(500, &headers(&[]), b"").code(), None);
        assert_eq!(error_metadata(500, &headers(&[]), b"{\"__type\":").code(), None);
    }
}
