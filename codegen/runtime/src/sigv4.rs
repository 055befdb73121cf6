//! AWS Signature Version 4 for requests signed in headers: the canonical request, the string to
//! sign, the signing key chain and the `Authorization` header (SHA-256 and HMAC-SHA256 come
//! from the `crypto` module).
//!
//! The canonical request follows what the AWS SDK for Rust's `aws-sigv4` does for every service
//! except S3: the path is normalized (`.` and `..` resolved, empty segments dropped) and each
//! segment is percent-encoded a second time, so an encoded label `arn%3Aaws` is signed as
//! `arn%253Aaws` while the request keeps sending `arn%3Aaws`; every header on the request is
//! signed except `authorization`, `user-agent`, `x-amzn-trace-id` and `transfer-encoding`; `host`
//! is signed from the URI when the request has no `Host` header (the HTTP client sets it from the
//! URI), without a default port.

use super::credentials::Credentials;
use super::crypto::{sha256, HmacKey};
use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, HOST};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, Weak};
use std::time::{SystemTime, UNIX_EPOCH};

/// The signing algorithm named in the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Headers never signed: a proxy or the HTTP client may change them.
pub const EXCLUDED_HEADERS: [&str; 4] = ["authorization", "user-agent", "x-amzn-trace-id", "transfer-encoding"];

const X_AMZ_DATE: HeaderName = HeaderName::from_static("x-amz-date");
const X_AMZ_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-amz-security-token");

/// What a signature is made with, besides the request.
#[derive(Clone, Copy, Debug)]
pub struct SigningParams<'a> {
    /// The credentials; a session token is sent and signed as `x-amz-security-token`.
    pub credentials: &'a Credentials,
    /// The signing region (`us-east-1`).
    pub region: &'a str,
    /// The signing name of the service (`athena`, `elasticmapreduce`, `mpa`).
    pub service: &'a str,
    /// The signing time, sent as `x-amz-date`; a retry signs again with a new time.
    pub time: SystemTime,
}

/// Why a request could not be signed. Messages never include a secret, a token or a
/// header value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningError {
    /// The request URI has no authority, so there is no host to sign.
    MissingHost,
    /// A header value holds bytes other than visible ASCII, spaces and tabs.
    InvalidHeaderValue {
        /// The header's name.
        name: String,
    },
    /// The signing time is before 1970 or after the year 9999.
    InvalidTime,
    /// A credential (the field named) cannot be written into a header.
    InvalidCredential(&'static str),
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigningError::MissingHost => f.write_str("cannot sign a request whose URI has no host"),
            SigningError::InvalidHeaderValue { name } => {
                write!(f, "cannot sign header `{name}`: its value is not visible ASCII")
            }
            SigningError::InvalidTime => f.write_str("cannot sign with a time before 1970 or after 9999"),
            SigningError::InvalidCredential(field) => {
                write!(f, "cannot sign: the {field} holds characters not allowed in a header")
            }
        }
    }
}

impl std::error::Error for SigningError {}

/// Signs `request` in place: sets `x-amz-date`, sets `x-amz-security-token` when the credentials
/// have a session token (and removes a stale one when they have none), then sets
/// `authorization`. Set every header that will be sent (`Content-Length` included) before
/// signing, and change none afterwards. On error the request is left unchanged.
pub fn sign(request: &mut http::Request<Vec<u8>>, params: &SigningParams<'_>) -> Result<(), SigningError> {
    let amz_date = amz_date(params.time)?;
    let amz_date = std::str::from_utf8(&amz_date).map_err(|_| SigningError::InvalidTime)?;
    let scope = Scope { date: &amz_date[..8], region: params.region, service: params.service };
    let date_value = date_header(amz_date)?;
    let token_value = match params.credentials.session_token() {
        Some(token) => {
            let mut value =
                HeaderValue::from_str(token).map_err(|_| SigningError::InvalidCredential("session token"))?;
            value.set_sensitive(true);
            Some(value)
        }
        None => None,
    };
    // The headers this sets are signed as if the request had them already (in place of any it
    // has), and set only once nothing can fail: on error the request is as it was.
    let token = match &token_value {
        Some(value) => Some(value.to_str().map_err(|_| invalid_header(&X_AMZ_SECURITY_TOKEN))?),
        None => None,
    };
    let setting = Setting { amz_date, token };
    // One buffer holds the canonical request, then the string to sign: the thread's, kept from
    // one signature to the next rather than allocated for each.
    let mut text = TEXT.take();
    text.clear();
    text.reserve(1024);
    let (method, uri, headers, body) = (request.method(), request.uri(), request.headers(), request.body());
    let (signed, had_token) = push_canonical_request(&mut text, method, uri, headers, body, Some(&setting))?;
    let canonical_len = text.len();
    // The `Authorization` value, sized exactly so that the header takes the string's buffer as it is.
    let access_key_id = params.credentials.access_key_id();
    let length = ALGORITHM.len() + " Credential=/".len() + access_key_id.len() + scope.len() + ", SignedHeaders=".len()
        + signed.len() + ", Signature=".len() + 64;
    let mut authorization = String::with_capacity(length);
    authorization.push_str(ALGORITHM);
    authorization.push_str(" Credential=");
    authorization.push_str(access_key_id);
    authorization.push('/');
    scope.push_to(&mut authorization);
    authorization.push_str(", SignedHeaders=");
    authorization.push_str(&text[signed]);
    authorization.push_str(", Signature=");
    let canonical_hash = sha256(text.as_bytes());
    text.clear();
    push_string_to_sign(&mut text, amz_date, &scope, &canonical_hash);
    let signature = sign_with_cached_key(params.credentials, &scope, text.as_bytes());
    push_hex(&mut authorization, &signature);
    // A canonical request that held a security token is wiped before the buffer is kept (and a
    // buffer grown for an unusually large request is not kept).
    let mut bytes = text.into_bytes();
    bytes.clear();
    if token.is_some() {
        bytes.resize(canonical_len, 0);
        bytes.clear();
    }
    if bytes.capacity() <= MAX_KEPT_TEXT {
        TEXT.set(String::from_utf8(bytes).unwrap_or_default());
    }
    // From a `String`, `http` checks the value as `from_str` does, and takes its buffer.
    let mut value =
        HeaderValue::try_from(authorization).map_err(|_| SigningError::InvalidCredential("access key id"))?;
    value.set_sensitive(true);
    let headers = request.headers_mut();
    headers.insert(X_AMZ_DATE, date_value);
    match token_value {
        Some(token) => headers.insert(X_AMZ_SECURITY_TOKEN, token),
        // A stale token is removed; most requests have none, and skip the lookup.
        None if had_token => headers.remove(X_AMZ_SECURITY_TOKEN),
        None => None,
    };
    headers.insert(AUTHORIZATION, value);
    Ok(())
}

thread_local! {
    /// The buffer of [`sign`] on this thread, between signatures.
    static TEXT: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
    /// The `x-amz-date` value of the thread's last signature: signatures within one second
    /// share it (by reference count) rather than each copying the same sixteen bytes.
    static LAST_DATE: std::cell::RefCell<Option<HeaderValue>> = const { std::cell::RefCell::new(None) };
}

/// The `x-amz-date` header value `amz_date`, or the thread's last one when it is the same.
fn date_header(amz_date: &str) -> Result<HeaderValue, SigningError> {
    let last = LAST_DATE.try_with(|last| last.borrow().as_ref().filter(|v| v.as_bytes() == amz_date.as_bytes()).cloned());
    if let Ok(Some(value)) = last {
        return Ok(value);
    }
    let value = HeaderValue::from_str(amz_date).map_err(|_| SigningError::InvalidTime)?;
    // Unavailable only while the thread ends: the value is then not kept.
    let _ = LAST_DATE.try_with(|last| *last.borrow_mut() = Some(value.clone()));
    Ok(value)
}

/// The largest buffer [`sign`] keeps for the next signature on its thread.
const MAX_KEPT_TEXT: usize = 16 * 1024;

/// The values of the headers [`sign`] sets: `x-amz-date`, and `x-amz-security-token` when the
/// credentials have a session token.
struct Setting<'a> {
    amz_date: &'a str,
    token: Option<&'a str>,
}

fn invalid_header(name: &HeaderName) -> SigningError {
    SigningError::InvalidHeaderValue { name: name.as_str().to_owned() }
}

/// A credential scope's parts: `<yyyymmdd>/<region>/<service>/aws4_request`.
struct Scope<'a> {
    date: &'a str,
    region: &'a str,
    service: &'a str,
}

impl Scope<'_> {
    const TERMINATOR: &'static str = "aws4_request";

    fn len(&self) -> usize {
        self.date.len() + self.region.len() + self.service.len() + Self::TERMINATOR.len() + 3
    }

    fn push_to(&self, out: &mut String) {
        for part in [self.date, self.region, self.service] {
            out.push_str(part);
            out.push('/');
        }
        out.push_str(Self::TERMINATOR);
    }
}

/// A canonical request and the list of headers it signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanonicalRequest {
    /// The canonical request: method, canonical URI, canonical query, canonical headers, signed
    /// headers and the hex SHA-256 of the body, one per line.
    pub text: String,
    /// The signed header names, lowercase, sorted and `;`-joined
    /// (`content-length;content-type;host;x-amz-date;x-amz-target`).
    pub signed_headers: String,
}

/// The canonical request of `request` as it is (its `x-amz-date` and `x-amz-security-token`
/// included, as [`sign`] sets them before calling this).
pub fn canonical_request(request: &http::Request<Vec<u8>>) -> Result<CanonicalRequest, SigningError> {
    let mut text = String::with_capacity(1024);
    let (signed, _) =
        push_canonical_request(&mut text, request.method(), request.uri(), request.headers(), request.body(), None)?;
    let signed_headers = text[signed].to_owned();
    Ok(CanonicalRequest { text, signed_headers })
}

/// Appends the canonical request to `out`, with the headers `setting` sets if any; returns where
/// its list of signed headers is in `out`, and whether the request has an `x-amz-security-token`.
fn push_canonical_request<'h>(
    out: &mut String,
    method: &http::Method,
    uri: &'h http::Uri,
    headers: &'h HeaderMap,
    body: &[u8],
    setting: Option<&Setting<'h>>,
) -> Result<(Range<usize>, bool), SigningError> {
    // The signed headers are sorted on the stack unless there are very many: the request's,
    // `host`, and those signing sets.
    let count = headers.keys_len() + 3;
    let empty = || ("", Cow::Borrowed(""));
    let mut inline: [Slot<'_>; 16] = std::array::from_fn(|_| empty());
    let mut heap = Vec::new();
    let slots = match count <= inline.len() {
        true => &mut inline[..],
        false => {
            heap.resize(count, empty());
            &mut heap[..]
        }
    };
    let (canonical_headers, has_token) = canonical_headers(slots, uri, headers, setting)?;
    out.push_str(method.as_str());
    out.push('\n');
    push_canonical_uri(out, uri.path());
    out.push('\n');
    push_canonical_query(out, uri.query().unwrap_or(""));
    out.push('\n');
    for (name, value) in canonical_headers.iter() {
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out.push('\n');
    let start = out.len();
    for (i, (name, _)) in canonical_headers.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name);
    }
    let signed = start..out.len();
    out.push('\n');
    match body.is_empty() {
        // Bodiless requests (GET, DELETE) are common: the digest of nothing is a constant.
        true => out.push_str(EMPTY_BODY_SHA256),
        false => push_hex(out, &sha256(body)),
    }
    Ok((signed, has_token))
}

/// The hex SHA-256 of an empty payload (FIPS 180-4; the AWS SigV4 documentation's
/// "Create a canonical request" lists it for requests without a body).
const EMPTY_BODY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The canonical URI of an (already percent-encoded) request path: `.` and `..` segments
/// resolved, empty segments dropped, a trailing `/` kept, `/` for an empty path, then every
/// byte but the unreserved ones and `/` percent-encoded again (`%3A` → `%253A`).
pub fn canonical_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    push_canonical_uri(&mut out, path);
    out
}

fn push_canonical_uri(out: &mut String, path: &str) {
    let start = out.len();
    let trailing_slash = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    // Most paths have no `.` or `..` segment: encode them as they come, with no list of segments.
    if !path.contains('.') || !path.split('/').any(|segment| segment == "." || segment == "..") {
        for segment in path.split('/').filter(|segment| !segment.is_empty()) {
            out.push('/');
            uri_encode_into(out, segment);
        }
        if out.len() == start || trailing_slash {
            out.push('/');
        }
        return;
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    for segment in &segments {
        out.push('/');
        uri_encode_into(out, segment);
    }
    if out.len() == start || trailing_slash {
        out.push('/');
    }
}

/// The canonical query string: each `name=value` pair percent-decoded (`+` is a space),
/// re-encoded with only the unreserved characters left as they are (a space is `%20`), and
/// sorted by encoded name, then encoded value. A pair without `=` has an empty value.
pub fn canonical_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 8);
    push_canonical_query(&mut out, query);
    out
}

fn push_canonical_query(out: &mut String, query: &str) {
    if query.is_empty() {
        return;
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (uri_encode(&form_decode(name)), uri_encode(&form_decode(value)))
        })
        .collect();
    pairs.sort();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
}

/// A signed header: its name and its canonical value.
type Slot<'h> = (&'h str, Cow<'h, str>);

/// The signed headers, sorted by lowercase name, each with its values (trimmed of spaces, inner
/// runs of spaces collapsed) joined by `,`; `host` comes from the URI unless the request has one.
/// With a `setting`, its headers replace the request's of the same names. They are written
/// into `slots` (three more than the request has names): the part filled, and whether the
/// request has an `x-amz-security-token` header.
fn canonical_headers<'s, 'h>(
    slots: &'s mut [Slot<'h>],
    uri: &'h http::Uri,
    headers: &'h HeaderMap,
    setting: Option<&Setting<'h>>,
) -> Result<(&'s mut [Slot<'h>], bool), SigningError> {
    let mut filled = 0;
    let (mut has_host, mut has_token) = (false, false);
    // One pass over the values: those of one name come one after another, in order, so each
    // is joined to the slot its name's first value filled (no lookup per name).
    let mut current: Option<&HeaderName> = None;
    let mut skipped = false;
    for (name, value) in headers.iter() {
        if current != Some(name) {
            current = Some(name);
            has_host |= *name == HOST;
            let token = *name == X_AMZ_SECURITY_TOKEN;
            has_token |= token;
            let replaced = setting.is_some() && (token || *name == X_AMZ_DATE);
            skipped = replaced || EXCLUDED_HEADERS.contains(&name.as_str());
            if !skipped {
                let value = value.to_str().map_err(|_| invalid_header(name))?;
                // HeaderName is always lower-case already.
                slots[filled] = (name.as_str(), normalized(value));
                filled += 1;
            }
        } else if !skipped {
            let value = value.to_str().map_err(|_| invalid_header(name))?;
            let joined = slots[filled - 1].1.to_mut();
            joined.push(',');
            push_normalized_value(joined, value);
        }
    }
    let mut push = |name: &'h str, value: Cow<'h, str>| {
        slots[filled] = (name, value);
        filled += 1;
    };
    if !has_host {
        push(HOST.as_str(), host_of(uri)?);
    }
    if let Some(Setting { amz_date, token }) = setting {
        push("x-amz-date", Cow::Borrowed(amz_date));
        if let Some(token) = token {
            push("x-amz-security-token", normalized(token));
        }
    }
    let out = &mut slots[..filled];
    out.sort_unstable_by(|a, b| a.0.cmp(b.0));
    Ok((out, has_token))
}

/// A header value trimmed, its inner runs of spaces collapsed: most values are already, and are
/// borrowed rather than copied.
fn normalized(value: &str) -> Cow<'_, str> {
    if is_normalized(value) {
        return Cow::Borrowed(value);
    }
    let mut owned = String::with_capacity(value.len());
    push_normalized_value(&mut owned, value);
    Cow::Owned(owned)
}

/// Whether a header value is already trimmed with no run of spaces inside.
fn is_normalized(value: &str) -> bool {
    // Most values have no space at all: a word-at-a-time byte search says so.
    !value.as_bytes().contains(&b' ') || (!value.starts_with(' ') && !value.ends_with(' ') && !value.contains("  "))
}

/// Appends `value` trimmed of leading and trailing spaces, with each run of spaces inside it
/// collapsed into one.
fn push_normalized_value(out: &mut String, value: &str) {
    let mut previous_space = false;
    for c in value.trim_matches(' ').chars() {
        if c == ' ' && previous_space {
            continue;
        }
        previous_space = c == ' ';
        out.push(c);
    }
}

/// The `Host` value the HTTP client sends for `uri`: the host, and the port unless it is the
/// scheme's default (80 for `http`, 443 for `https`).
fn host_of(uri: &http::Uri) -> Result<Cow<'_, str>, SigningError> {
    let authority = uri.authority().ok_or(SigningError::MissingHost)?;
    // An authority with neither user information nor a port (RFC 3986 section 3.2) is its host.
    let whole = authority.as_str();
    if !whole.is_empty() && !whole.contains(['@', ':']) {
        return Ok(Cow::Borrowed(whole));
    }
    let host = authority.host();
    if host.is_empty() {
        return Err(SigningError::MissingHost);
    }
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    Ok(match authority.port_u16() {
        Some(port) if Some(port) != default_port => Cow::Owned(format!("{host}:{port}")),
        _ => Cow::Borrowed(host),
    })
}

/// The credential scope: `<yyyymmdd>/<region>/<service>/aws4_request`.
pub fn credential_scope(date: &str, region: &str, service: &str) -> String {
    let scope = Scope { date, region, service };
    let mut out = String::with_capacity(scope.len());
    scope.push_to(&mut out);
    out
}

/// The string to sign: the algorithm, the `x-amz-date` value, the credential scope and the hex
/// SHA-256 of the canonical request, one per line.
pub fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    let mut out = String::with_capacity(ALGORITHM.len() + amz_date.len() + scope.len() + 67);
    for line in [ALGORITHM, amz_date, scope] {
        out.push_str(line);
        out.push('\n');
    }
    push_hex(&mut out, &sha256(canonical_request.as_bytes()));
    out
}

fn push_string_to_sign(out: &mut String, amz_date: &str, scope: &Scope<'_>, canonical_hash: &[u8; 32]) {
    for line in [ALGORITHM, amz_date] {
        out.push_str(line);
        out.push('\n');
    }
    scope.push_to(out);
    out.push('\n');
    push_hex(out, canonical_hash);
}

/// The HMAC of `data` under the signing key of `scope`, whose key is kept for the next call
/// while the day, region, service and secret stay the same: deriving it is four HMACs, a third
/// of the cost of signing a request. The cache never holds the secret: it knows it by its
/// SHA-256 digest, and by a weak reference to the credentials' text, so that the same
/// credentials (a clone of them) are recognized without hashing the secret again. The weak
/// reference cannot reach the text once the credentials are dropped, and keeps its address
/// from being reused by other credentials meanwhile.
fn sign_with_cached_key(credentials: &Credentials, scope: &Scope<'_>, data: &[u8]) -> [u8; 32] {
    struct Entry {
        date: String,
        region: String,
        service: String,
        secret: Weak<str>,
        secret_digest: [u8; 32],
        key: HmacKey,
    }
    static LAST: std::sync::Mutex<Option<Entry>> = std::sync::Mutex::new(None);
    let Scope { date, region, service } = *scope;
    let secret = credentials.shared_secret();
    let Ok(mut last) = LAST.lock() else {
        return HmacKey::new(&signing_key(secret, date, region, service)).sign(data);
    };
    let secret_digest = match last.as_mut() {
        Some(e) if e.date == date && e.region == region && e.service == service => {
            if std::ptr::eq(e.secret.as_ptr(), Arc::as_ptr(secret)) {
                return e.key.sign(data);
            }
            let digest = sha256(secret.as_bytes());
            if digest == e.secret_digest {
                e.secret = Arc::downgrade(secret);
                return e.key.sign(data);
            }
            digest
        }
        _ => sha256(secret.as_bytes()),
    };
    let key = HmacKey::new(&signing_key(secret, date, region, service));
    let mac = key.sign(data);
    let (date, region, service, secret) = (date.into(), region.into(), service.into(), Arc::downgrade(secret));
    *last = Some(Entry { date, region, service, secret, secret_digest, key });
    mac
}

/// The signing key: `HMAC("AWS4" + secret, date)`, then HMAC with the region, the service and
/// `aws4_request` in turn. `date` is `yyyymmdd`.
pub fn signing_key(secret_access_key: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let mut secret = Vec::with_capacity(4 + secret_access_key.len());
    secret.extend_from_slice(b"AWS4");
    secret.extend_from_slice(secret_access_key.as_bytes());
    let k_date = HmacKey::new(&secret).sign(date.as_bytes());
    let k_region = HmacKey::new(&k_date).sign(region.as_bytes());
    let k_service = HmacKey::new(&k_region).sign(service.as_bytes());
    HmacKey::new(&k_service).sign(Scope::TERMINATOR.as_bytes())
}

/// `time` as an `x-amz-date` value in UTC, `YYYYMMDD'T'HHMMSS'Z'` (fractions of a second dropped).
pub fn format_amz_date(time: SystemTime) -> Result<String, SigningError> {
    let date = amz_date(time)?;
    Ok(date.iter().map(|&b| char::from(b)).collect())
}

/// [`format_amz_date`] as ASCII bytes, on the stack.
fn amz_date(time: SystemTime) -> Result<[u8; 16], SigningError> {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| SigningError::InvalidTime)?
        .as_secs();
    let days = i64::try_from(secs / 86_400).map_err(|_| SigningError::InvalidTime)?;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    let year = u64::try_from(year).map_err(|_| SigningError::InvalidTime)?;
    if year > 9999 {
        return Err(SigningError::InvalidTime);
    }
    let mut out = *b"00000000T000000Z";
    let mut put = |at: usize, width: usize, mut value: u64| {
        for i in (at..at + width).rev() {
            // A digit: `value % 10` is below 10.
            out[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    put(0, 4, year);
    put(4, 2, u64::from(month));
    put(6, 2, u64::from(day));
    put(9, 2, rem / 3600);
    put(11, 2, rem % 3600 / 60);
    put(13, 2, rem % 60);
    Ok(out)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (days ≥ 0).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift to an era starting on 0000-03-01, so leap days end each 4-, 100- and 400-year cycle.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both are in range by construction: 1..=31 and 1..=12.
    (year, day_to_u32(month), day_to_u32(day))
}

fn day_to_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// Percent-encodes every byte except the unreserved `A-Z a-z 0-9 - . _ ~` (uppercase hex).
pub fn uri_encode(text: &str) -> String {
    super::percent::encode(text, false)
}

fn uri_encode_into(out: &mut String, text: &str) {
    super::percent::push_encoded(out, text, false);
}

/// Decodes a query component as `application/x-www-form-urlencoded`: `+` is a space, `%XX` a
/// byte (a malformed escape stays as it is), invalid UTF-8 becomes U+FFFD.
fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(hex_value),
                bytes.get(i + 2).and_then(hex_value),
            ) {
                (Some(high), Some(low)) => {
                    out.push((high << 4) | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(b: &u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().flat_map(|&b| HEX_PAIRS[usize::from(b)]).map(char::from).collect()
}

/// Appends the lowercase hex of a digest.
fn push_hex(out: &mut String, digest: &[u8; 32]) {
    out.push_str(&hex_digest(digest));
}

/// Each byte's two lowercase hex digits.
const HEX_PAIRS: [[u8; 2]; 256] = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut pairs = [[0u8; 2]; 256];
    let mut b = 0;
    while b < 256 {
        pairs[b] = [DIGITS[b >> 4], DIGITS[b & 0xf]];
        b += 1;
    }
    pairs
};

/// The lowercase hex of a digest, on the stack: one copy into the string rather than a push per
/// character.
fn hex_digest(digest: &[u8; 32]) -> HexDigest {
    let mut digits = [[0u8; 2]; 32];
    for (pair, &b) in digits.iter_mut().zip(digest) {
        *pair = HEX_PAIRS[usize::from(b)];
    }
    HexDigest(digits)
}

/// 64 lowercase hex digits, two per byte.
struct HexDigest([[u8; 2]; 32]);

impl std::ops::Deref for HexDigest {
    type Target = str;

    fn deref(&self) -> &str {
        // Hex digits are ASCII, so this is never the empty fallback.
        std::str::from_utf8(self.0.as_flattened()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_empty_payload_digest_is_sha256_of_nothing() {
        let mut hex = String::new();
        push_hex(&mut hex, &sha256(b""));
        assert_eq!(EMPTY_BODY_SHA256, hex);
    }

    #[test]
    fn uri_encoding_of_multibyte_characters() {
        // RFC 3986 section 2.1: each UTF-8 byte, uppercase hex; 2.3: unreserved bytes kept.
        assert_eq!(uri_encode("a \u{e9}/\u{1F639}~"), "a%20%C3%A9%2F%F0%9F%98%B9~");
        assert_eq!(canonical_uri("/x%3Ay/\u{e9}"), "/x%253Ay/%C3%A9");
    }

    #[test]
    fn amz_date() {
        let time = UNIX_EPOCH + std::time::Duration::from_secs(1_440_938_160);
        assert_eq!(format_amz_date(time).unwrap(), "20150830T123600Z");
        assert_eq!(format_amz_date(UNIX_EPOCH).unwrap(), "19700101T000000Z");
        let leap = UNIX_EPOCH + std::time::Duration::from_secs(951_825_599);
        assert_eq!(format_amz_date(leap).unwrap(), "20000229T115959Z");
    }

    #[test]
    fn signatures_within_a_second_share_the_date_and_later_ones_do_not() {
        let credentials = Credentials::new("AKID", "SECRET", None);
        let signed = |secs: u64, nanos: u32| {
            let time = UNIX_EPOCH + std::time::Duration::new(secs, nanos);
            let params = SigningParams { credentials: &credentials, region: "us-east-1", service: "svc", time };
            let mut request = http::Request::builder().uri("https://example.com/").body(Vec::new()).unwrap();
            sign(&mut request, &params).unwrap();
            request.headers()["x-amz-date"].clone()
        };
        let first = signed(1_440_938_160, 0);
        let same_second = signed(1_440_938_160, 999_999_999);
        assert_eq!(same_second, "20150830T123600Z");
        assert_eq!(same_second.as_bytes().as_ptr(), first.as_bytes().as_ptr(), "one buffer for both");
        assert_eq!(signed(1_440_938_161, 0), "20150830T123601Z");
        assert_eq!(signed(1_440_938_160, 0), "20150830T123600Z");
    }

    #[test]
    fn secret_free_errors() {
        let credentials = Credentials::new("AKID", "SECRET", Some("bad\ntoken".to_owned()));
        let params = SigningParams {
            credentials: &credentials,
            region: "us-east-1",
            service: "svc",
            time: UNIX_EPOCH,
        };
        let mut request = http::Request::builder()
            .uri("https://example.com/")
            .body(Vec::new())
            .unwrap();
        let err = sign(&mut request, &params).unwrap_err();
        assert_eq!(err, SigningError::InvalidCredential("session token"));
        assert!(!err.to_string().contains("token\n"));
        assert!(
            request.headers().is_empty(),
            "a failed signature leaves the request unchanged"
        );
    }
}
