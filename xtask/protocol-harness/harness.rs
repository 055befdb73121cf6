//! Support for the protocol compliance tests (`cargo xtask protocol-tests`): copied as
//! `src/protocol_tests/harness.rs` into each generated test crate, next to the generated cases,
//! so it can reach the crate's types. It compares what the client sent with what a
//! `smithy.test#httpRequestTests` case expects (http-protocol-compliance-tests.rst), and a
//! parsed output with a `httpResponseTests` case's `params`, as value trees.

#![allow(dead_code, reason = "each crate uses what its cases need")]

use crate::runtime::json;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

// ---- values ----

/// A value to compare: what a case's `params` say, or what the client produced, member by
/// member.
#[derive(Debug, Clone)]
pub enum V {
    /// An absent member, or a null in a sparse collection.
    Null,
    Bool(bool),
    Int(i128),
    /// A float; NaN equals NaN and infinities equal themselves, as the test specification says.
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    /// A timestamp as an instant.
    Time { secs: i64, nanos: u32 },
    /// A big number as its decimal text.
    Big(String),
    List(Vec<V>),
    /// Map entries, or document object members (compared regardless of order).
    Map(Vec<(String, V)>),
    /// Structure members by name.
    Struct(Vec<(&'static str, V)>),
    /// A union: the member's name and value.
    Union(String, Box<V>),
}

/// The comparable value of something the client produced.
pub trait ToValue {
    fn to_value(&self) -> V;
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> V {
        self.as_ref().map_or(V::Null, ToValue::to_value)
    }
}

impl<T: ToValue + ?Sized> ToValue for Box<T> {
    fn to_value(&self) -> V {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Vec<T> {
    fn to_value(&self) -> V {
        V::List(self.iter().map(ToValue::to_value).collect())
    }
}

impl<K: AsRef<str>, T: ToValue> ToValue for std::collections::HashMap<K, T> {
    fn to_value(&self) -> V {
        V::Map(self.iter().map(|(k, v)| (k.as_ref().to_string(), v.to_value())).collect())
    }
}

impl ToValue for String {
    fn to_value(&self) -> V {
        V::Str(self.clone())
    }
}

impl ToValue for bool {
    fn to_value(&self) -> V {
        V::Bool(*self)
    }
}

macro_rules! int_values {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> V {
                V::Int(i128::from(*self))
            }
        }
    )*};
}
int_values!(i8, i16, i32, i64);

impl ToValue for f32 {
    fn to_value(&self) -> V {
        V::Float(f64::from(*self))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> V {
        V::Float(*self)
    }
}

// ship-if: blobs
impl ToValue for crate::primitives::Blob {
    fn to_value(&self) -> V {
        V::Bytes(self.as_ref().to_vec())
    }
}
// ship-end

// ship-if: byte_streams
impl ToValue for crate::primitives::ByteStream {
    fn to_value(&self) -> V {
        V::Bytes(self.as_bytes().to_vec())
    }
}
// ship-end

// ship-if: timestamps
impl ToValue for crate::primitives::DateTime {
    fn to_value(&self) -> V {
        V::Time { secs: self.secs(), nanos: self.subsec_nanos() }
    }
}
// ship-end

// ship-if: big_numbers
impl ToValue for crate::primitives::BigInteger {
    fn to_value(&self) -> V {
        V::Big(self.as_ref().to_string())
    }
}

impl ToValue for crate::primitives::BigDecimal {
    fn to_value(&self) -> V {
        V::Big(self.as_ref().to_string())
    }
}
// ship-end

// ship-if: documents
impl ToValue for crate::primitives::Document {
    fn to_value(&self) -> V {
        use crate::primitives::{Document, Number};
        match self {
            Document::Null => V::Null,
            Document::Bool(b) => V::Bool(*b),
            Document::Number(Number::PosInt(n)) => V::Int(i128::from(*n)),
            Document::Number(Number::NegInt(n)) => V::Int(i128::from(*n)),
            Document::Number(Number::Float(f)) => V::Float(*f),
            Document::String(s) => V::Str(s.clone()),
            Document::Array(items) => V::List(items.iter().map(ToValue::to_value).collect()),
            Document::Object(members) => V::Map(members.iter().map(|(k, v)| (k.clone(), v.to_value())).collect()),
        }
    }
}

// ship-end
/// Compares an expected value with an actual one; the error names the first difference by
/// its path.
pub fn compare(path: &str, expected: &V, actual: &V) -> Result<(), String> {
    let differ = || Err(format!("{path}: expected {expected:?}, got {actual:?}"));
    match (expected, actual) {
        (V::Null, V::Null) => Ok(()),
        (V::Bool(a), V::Bool(b)) if a == b => Ok(()),
        (V::Int(a), V::Int(b)) if a == b => Ok(()),
        (V::Float(a), V::Float(b)) if a == b || (a.is_nan() && b.is_nan()) => Ok(()),
        // Document numbers compare by value, whatever their representation.
        (V::Int(a), V::Float(b)) | (V::Float(b), V::Int(a)) if *a as f64 == *b => Ok(()),
        (V::Str(a), V::Str(b)) if a == b => Ok(()),
        (V::Bytes(a), V::Bytes(b)) if a == b => Ok(()),
        (V::Time { secs: a, nanos: x }, V::Time { secs: b, nanos: y }) if a == b && x == y => Ok(()),
        (V::Big(a), V::Big(b)) if same_number(a, b) => Ok(()),
        (V::List(a), V::List(b)) => {
            if a.len() != b.len() {
                return Err(format!("{path}: expected {} items, got {}: {b:?}", a.len(), b.len()));
            }
            a.iter().zip(b).enumerate().try_for_each(|(i, (a, b))| compare(&format!("{path}[{i}]"), a, b))
        }
        (V::Map(a), V::Map(b)) => {
            let a: BTreeMap<&String, &V> = a.iter().map(|(k, v)| (k, v)).collect();
            let b: BTreeMap<&String, &V> = b.iter().map(|(k, v)| (k, v)).collect();
            if a.keys().ne(b.keys()) {
                return Err(format!("{path}: expected the keys {:?}, got {:?}", a.keys(), b.keys()));
            }
            a.iter().try_for_each(|(k, v)| compare(&format!("{path}[{k:?}]"), v, b[k]))
        }
        (V::Struct(a), V::Struct(b)) => {
            for (name, value) in a {
                let other = b.iter().find(|(n, _)| n == name).map_or(&V::Null, |(_, v)| v);
                compare(&format!("{path}.{name}"), value, other)?;
            }
            Ok(())
        }
        (V::Union(a, x), V::Union(b, y)) if a == b => compare(&format!("{path}.{a}"), x, y),
        _ => differ(),
    }
}

/// Two decimal numbers are equal in value (`1.50` and `1.5`).
fn same_number(a: &str, b: &str) -> bool {
    fn canonical(s: &str) -> String {
        let s = s.trim_start_matches('+');
        let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
        let s = s.trim_start_matches('0');
        let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { s };
        let s = if s.is_empty() || s.starts_with('.') { format!("0{s}") } else { s.to_string() };
        if neg && s != "0" { format!("-{s}") } else { s }
    }
    canonical(a) == canonical(b)
}

// ---- requests ----

/// What a request case expects; `None` and empty lists assert nothing.
#[derive(Debug, Default)]
pub struct ExpectedRequest {
    pub method: &'static str,
    pub uri: &'static str,
    pub resolved_host: Option<&'static str>,
    pub query_params: &'static [&'static str],
    pub forbid_query_params: &'static [&'static str],
    pub require_query_params: &'static [&'static str],
    pub headers: &'static [(&'static str, &'static str)],
    pub forbid_headers: &'static [&'static str],
    pub require_headers: &'static [&'static str],
    pub body: Option<&'static str>,
    pub body_media_type: Option<&'static str>,
}

/// Checks a sent request against a case.
pub fn check_request(request: &http::Request<Vec<u8>>, expected: &ExpectedRequest) -> Result<(), String> {
    if request.method().as_str() != expected.method {
        return Err(format!("method: expected {}, got {}", expected.method, request.method()));
    }
    let uri = request.uri();
    if uri.path() != expected.uri {
        return Err(format!("uri: expected {}, got {}", expected.uri, uri.path()));
    }
    if let Some(host) = expected.resolved_host {
        if uri.host() != Some(host) {
            return Err(format!("host: expected {host}, got {:?}", uri.host()));
        }
    }
    let query: Vec<&str> = uri.query().map(|q| q.split('&').filter(|p| !p.is_empty()).collect()).unwrap_or_default();
    let key = |param: &str| param.split_once('=').map_or(param, |(k, _)| k).to_string();
    for param in expected.query_params {
        if !query.contains(param) {
            return Err(format!("query: expected `{param}` in {query:?}"));
        }
    }
    for name in expected.forbid_query_params {
        if query.iter().any(|p| key(p) == *name) {
            return Err(format!("query: `{name}` is forbidden, got {query:?}"));
        }
    }
    for name in expected.require_query_params {
        if !query.iter().any(|p| key(p) == *name) {
            return Err(format!("query: `{name}` is required, got {query:?}"));
        }
    }
    let headers = request.headers();
    for (name, value) in expected.headers {
        let got: Vec<&str> = headers.get_all(*name).iter().filter_map(|v| v.to_str().ok()).collect();
        if got.join(", ") != *value {
            return Err(format!("header {name}: expected {value:?}, got {got:?}"));
        }
    }
    for name in expected.forbid_headers {
        if headers.contains_key(*name) {
            return Err(format!("header {name} is forbidden, got {:?}", headers.get(*name)));
        }
    }
    for name in expected.require_headers {
        if !headers.contains_key(*name) {
            return Err(format!("header {name} is required"));
        }
    }
    if let Some(body) = expected.body {
        check_body(request.body(), body.as_bytes(), expected.body_media_type)?;
    }
    Ok(())
}

/// Bodies compare by media type: JSON as values, anything else byte for byte.
pub fn check_body(actual: &[u8], expected: &[u8], media_type: Option<&str>) -> Result<(), String> {
    let json = media_type.is_some_and(|m| m == "application/json" || m.ends_with("+json"));
    if json && !expected.is_empty() {
        let want = json::parse(expected).map_err(|e| format!("the case's JSON body does not parse: {e}"))?;
        let got = json::parse(actual)
            .map_err(|e| format!("body: not JSON ({e}): {:?}", String::from_utf8_lossy(actual)))?;
        return compare("body", &json_value(&want), &json_value(&got));
    }
    if actual != expected {
        return Err(format!(
            "body: expected {:?}, got {:?}",
            String::from_utf8_lossy(expected),
            String::from_utf8_lossy(actual)
        ));
    }
    Ok(())
}

fn json_value(value: &json::Value) -> V {
    match value {
        json::Value::Null => V::Null,
        json::Value::Bool(b) => V::Bool(*b),
        json::Value::Number(n) => match n.as_i64() {
            Some(i) if n.is_integer() => V::Int(i128::from(i)),
            _ => V::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        json::Value::String(s) => V::Str(s.clone()),
        json::Value::Array(items) => V::List(items.iter().map(json_value).collect()),
        json::Value::Object(members) => V::Map(members.iter().map(|(k, v)| (k.clone(), json_value(v))).collect()),
    }
}

// ---- the client's side ----

/// A transport that keeps the requests it is given and answers each with an empty `200`.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    sent: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
}

impl Capture {
    /// The last request sent.
    pub fn last(&self) -> Option<http::Request<Vec<u8>>> {
        self.sent.lock().ok()?.pop()
    }
}

impl crate::runtime::transport::BlockingHttpClient for Capture {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _settings: &crate::runtime::transport::TransportSettings,
    ) -> Result<crate::runtime::transport::HttpResponse, crate::runtime::transport::TransportError> {
        if let Ok(mut sent) = self.sent.lock() {
            sent.push(request);
        }
        Ok(crate::runtime::transport::HttpResponse { status: 200, headers: http::HeaderMap::new(), body: b"{}".to_vec() })
    }
}

/// The clock of every case: 2024-01-01T00:00:00Z.
#[derive(Debug)]
pub struct FixedTime;

impl crate::runtime::config::TimeSource for FixedTime {
    fn now(&self) -> std::time::SystemTime {
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_704_067_200)
    }
}

/// A client configuration sending to `https://{host}` through `capture`, with fixed
/// credentials, clock and idempotency token (the compliance specification's constant), and
/// one attempt.
pub fn config(host: &str, capture: &Capture) -> crate::config::Config {
    crate::config::Config::builder()
        .region("us-east-1")
        .credentials(crate::runtime::credentials::Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .endpoint_url(format!("https://{host}"))
        .blocking_http_client(capture.clone())
        .time_source(FixedTime)
        // ship-if: idempotency_tokens
        .idempotency_token_provider(crate::config::FixedIdempotencyToken::compliance())
        // ship-end
        .max_attempts(1)
        .build()
}

// ---- outcomes ----

/// Runs a case, honouring the known-failures list: a listed case that fails passes with a
/// note, a listed case that passes fails.
pub fn run(case: &str, known_failures: &[(&str, &str)], outcome: Result<(), String>) {
    match (outcome, known_failures.iter().find(|(c, _)| *c == case)) {
        (Ok(()), None) => {}
        (Err(e), Some((_, reason))) => println!("{case}: known failure ({reason}): {e}"),
        (Ok(()), Some((_, reason))) => panic!("{case} passes but is listed as a known failure ({reason}): remove it"),
        (Err(e), None) => panic!("{e}"),
    }
}
