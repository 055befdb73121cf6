//! Text from outside in error messages: every error's `Display` shows control and other
//! non-printing characters escaped as `str::escape_debug` writes them (a newline as `\n`, a
//! terminal's escape as `\u{1b}`), so that a service or an input cannot forge a log line or
//! drive a terminal; accessors keep the raw text; a quoted input is cut.

use runtime::client::SdkError;
use runtime::config::{Config, EndpointError};
use runtime::credentials::CredentialsError;
use runtime::endpoint::Endpoint;
use runtime::transport::TransportError;
use runtime::wire::error::Unhandled;
use runtime::wire::json_error::error_metadata;
use runtime::wire::{build_request, host_label, DeserializeError, RequestParts, SerializeError};

/// A line break, a terminal escape that turns text red, and a right-to-left override.
const EVIL: &str = "a\r\nX-Evil: 1 \u{1b}[31m \u{202e}z";
/// [`EVIL`] as `str::escape_debug` writes it.
const SHOWN: &str = r"a\r\nX-Evil: 1 \u{1b}[31m \u{202e}z";

#[test]
fn error_metadata_and_unhandled() {
    let body = br#"{"__type":"Throttling\nX-Evil: 1","message":"\u001b[31m"}"#;
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-requestid", "r-1".parse().unwrap());
    let meta = error_metadata(400, &headers, body);
    // The code is cut at its first `:` (aws-json-1_0-protocol.rst, "Operation error serialization").
    assert_eq!(meta.to_string(), r"Throttling\nX-Evil: \u{1b}[31m (HTTP 400, request id r-1)");
    assert_eq!((meta.code(), meta.message()), (Some("Throttling\nX-Evil"), Some("\u{1b}[31m")), "accessors are raw");
    let unhandled = Unhandled::new(meta.clone(), None);
    assert_eq!(unhandled.to_string(), r"unhandled error Throttling\nX-Evil: \u{1b}[31m (HTTP 400, request id r-1)");
    let unreadable = Unhandled::new(meta, Some(DeserializeError::new(EVIL)));
    let text = unreadable.to_string();
    assert!(text.starts_with(&format!("the response could not be read ({SHOWN}); Throttling\\nX-Evil")), "{text}");
}

#[test]
fn deserialize_serialize_and_transport_errors() {
    assert_eq!(DeserializeError::new(EVIL).to_string(), SHOWN);
    assert_eq!(SerializeError::new(EVIL).to_string(), format!("cannot build the request: {SHOWN}"));
    assert_eq!(TransportError::io(EVIL).to_string(), format!("I/O error: {SHOWN}"));
    assert_eq!(TransportError::io(EVIL).message(), EVIL, "the accessor is raw");
}

#[test]
fn credentials_and_construction_errors() {
    assert_eq!(CredentialsError::Provider(EVIL.into()).to_string(), format!("credentials provider failed: {SHOWN}"));
    assert_eq!(CredentialsError::NotLoaded(EVIL.into()).to_string(), format!("credentials not loaded: {SHOWN}"));
    let none = CredentialsError::NoCredentials(vec![EVIL.into(), "b\n".into()]);
    assert_eq!(none.to_string(), format!(r"no credentials found ({SHOWN}; b\n)"));
    let unsupported = CredentialsError::UnsupportedProfile { profile: "p\n".into(), key: "k\u{1b}".into() };
    assert!(unsupported.to_string().starts_with(r"profile `p\n` sets `k\u{1b}`, a kind of credentials"), "{unsupported}");
    let SdkError::Construction(construction) = SdkError::<Unhandled>::from(CredentialsError::Provider(EVIL.into())) else {
        panic!("a construction error")
    };
    assert_eq!(construction.to_string(), format!("no credentials: credentials provider failed: {SHOWN}"));
}

#[test]
fn endpoint_errors() {
    assert_eq!(EndpointError::InvalidRegion(EVIL.into()).to_string(), format!("invalid region `{SHOWN}`"));
    // 21 characters, then 300: the first 256 are shown.
    let long = format!("{EVIL}{}", "-".repeat(300));
    let expected = format!("invalid region `{SHOWN}{}… (321 characters in all)`", "-".repeat(256 - 21));
    assert_eq!(EndpointError::InvalidRegion(long).to_string(), expected);
    let config = Config::builder().endpoint_url("http://h/\n").build();
    let err = config.checked_endpoint_url().unwrap_err();
    assert!(err.to_string().starts_with(r"invalid endpoint URL `http://h/\n`: expected "), "{err}");
    let long = format!("http://h:99999/{}", "p".repeat(5000));
    let text = Config::builder().endpoint_url(&long).build().checked_endpoint_url().unwrap_err().to_string();
    assert!(text.contains("… (5015 characters in all)`: expected a port from 1 to 65535"), "{text}");
}

#[test]
fn quoted_input_is_cut_to_its_first_256_characters() {
    let label = format!("{}\n", "é".repeat(10_000));
    let text = host_label("Bucket", Some(&label)).unwrap_err().to_string();
    let expected = format!("cannot build the request: the host label `Bucket` is not a valid host name: `{}… (10001 characters in all)`", "é".repeat(256));
    assert_eq!(text, expected);

    // `http` takes URIs of at most 65534 bytes.
    let parts = RequestParts { method: "GET", path_and_query: format!("/{}", "a".repeat(70_000)).into(), fixed_headers: &[], headers: vec![], body: None, host_prefix: None };
    let text = build_request(&Endpoint::new("https://example.com"), parts).unwrap_err().to_string();
    let shown = format!("https://example.com/{}", "a".repeat(256 - "https://example.com/".len()));
    assert!(text.starts_with(&format!("cannot build the request: invalid request (URI `{shown}… (70020 characters in all)`): ")), "{text}");
}
