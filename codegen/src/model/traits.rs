//! Traits as raw JSON keyed by trait id, with typed accessors for the traits the generator
//! understands. Unknown traits are kept untouched: AWS models apply many traits they never define.

use serde_json::Value;
use std::collections::BTreeMap;

/// The traits applied to a shape or member.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traits(BTreeMap<String, Value>);

/// `smithy.api#timestampFormat` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimestampFormat {
    /// `epoch-seconds`: a JSON number.
    EpochSeconds,
    /// `date-time`: RFC 3339.
    DateTime,
    /// `http-date`: IMF-fixdate.
    HttpDate,
}

const API: &str = "smithy.api#";

impl Traits {
    /// Traits from a JSON object of trait id → value.
    pub fn from_map(map: BTreeMap<String, Value>) -> Self {
        Traits(map)
    }

    /// Whether no trait is applied.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every trait, in trait-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter()
    }

    /// The raw value of a trait by its full id.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }

    /// Whether a trait is present by its full id.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// Adds or replaces a trait.
    pub fn insert(&mut self, id: String, value: Value) {
        self.0.insert(id, value);
    }

    /// Removes a trait.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        self.0.remove(id)
    }

    /// Merges traits applied from elsewhere (`apply`, another file): equal values are fine,
    /// two arrays concatenate (list traits), anything else is a conflict naming the trait.
    pub fn merge(&mut self, other: &Traits) -> Result<(), String> {
        for (id, value) in &other.0 {
            match self.0.get_mut(id) {
                None => {
                    self.0.insert(id.clone(), value.clone());
                }
                Some(existing) if existing == value => {}
                Some(Value::Array(items)) if value.is_array() => {
                    items.extend(value.as_array().into_iter().flatten().cloned());
                }
                Some(_) => return Err(format!("conflicting values for trait `{id}`")),
            }
        }
        Ok(())
    }

    /// Overrides traits: later values replace earlier ones (mixin and local trait precedence).
    pub fn override_with(&mut self, other: &Traits) {
        for (id, value) in &other.0 {
            self.0.insert(id.clone(), value.clone());
        }
    }

    fn api(&self, name: &str) -> Option<&Value> {
        self.0.get(&format!("{API}{name}"))
    }

    fn api_has(&self, name: &str) -> bool {
        self.api(name).is_some()
    }

    fn api_str(&self, name: &str) -> Option<&str> {
        self.api(name).and_then(Value::as_str)
    }

    /// `smithy.api#documentation`.
    pub fn documentation(&self) -> Option<&str> {
        self.api_str("documentation")
    }
    /// `smithy.api#required`.
    pub fn required(&self) -> bool {
        self.api_has("required")
    }
    /// `smithy.api#default`: `None` when absent, `Some(Value::Null)` for an explicit `null`.
    pub fn default_value(&self) -> Option<&Value> {
        self.api("default")
    }
    /// `smithy.api#clientOptional`.
    pub fn client_optional(&self) -> bool {
        self.api_has("clientOptional")
    }
    /// `smithy.api#addedDefault`.
    pub fn added_default(&self) -> bool {
        self.api_has("addedDefault")
    }
    /// `smithy.api#input`.
    pub fn input(&self) -> bool {
        self.api_has("input")
    }
    /// `smithy.api#output`.
    pub fn output(&self) -> bool {
        self.api_has("output")
    }
    /// `smithy.api#error`: `client` or `server`.
    pub fn error(&self) -> Option<&str> {
        self.api_str("error")
    }
    /// `smithy.api#httpError`.
    pub fn http_error(&self) -> Option<u16> {
        self.api("httpError").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok())
    }
    /// `smithy.api#retryable`: `Some(throttling)` when present.
    pub fn retryable(&self) -> Option<bool> {
        self.api("retryable")
            .map(|v| v.get("throttling").and_then(Value::as_bool).unwrap_or(false))
    }
    /// `smithy.api#enumValue` of an enum member (string) or intEnum member (integer).
    pub fn enum_value(&self) -> Option<&Value> {
        self.api("enumValue")
    }
    /// `smithy.api#sparse`.
    pub fn sparse(&self) -> bool {
        self.api_has("sparse")
    }
    /// `smithy.api#sensitive`.
    pub fn sensitive(&self) -> bool {
        self.api_has("sensitive")
    }
    /// `smithy.api#jsonName`.
    pub fn json_name(&self) -> Option<&str> {
        self.api_str("jsonName")
    }
    /// `smithy.api#timestampFormat`; an unknown format string is reported as `Err`.
    pub fn timestamp_format(&self) -> Result<Option<TimestampFormat>, String> {
        match self.api_str("timestampFormat") {
            None => Ok(None),
            Some("epoch-seconds") => Ok(Some(TimestampFormat::EpochSeconds)),
            Some("date-time") => Ok(Some(TimestampFormat::DateTime)),
            Some("http-date") => Ok(Some(TimestampFormat::HttpDate)),
            Some(other) => Err(format!("unknown timestampFormat `{other}`")),
        }
    }
    /// `smithy.api#mediaType`.
    pub fn media_type(&self) -> Option<&str> {
        self.api_str("mediaType")
    }
    /// `smithy.api#http` as (method, uri, code).
    pub fn http(&self) -> Option<(&str, &str, u16)> {
        let v = self.api("http")?;
        let method = v.get("method")?.as_str()?;
        let uri = v.get("uri")?.as_str()?;
        let code = v.get("code").and_then(Value::as_u64).unwrap_or(200);
        Some((method, uri, u16::try_from(code).ok()?))
    }
    /// `smithy.api#httpLabel`.
    pub fn http_label(&self) -> bool {
        self.api_has("httpLabel")
    }
    /// `smithy.api#httpQuery`.
    pub fn http_query(&self) -> Option<&str> {
        self.api_str("httpQuery")
    }
    /// `smithy.api#httpQueryParams`.
    pub fn http_query_params(&self) -> bool {
        self.api_has("httpQueryParams")
    }
    /// `smithy.api#httpHeader`.
    pub fn http_header(&self) -> Option<&str> {
        self.api_str("httpHeader")
    }
    /// `smithy.api#httpPrefixHeaders`.
    pub fn http_prefix_headers(&self) -> Option<&str> {
        self.api_str("httpPrefixHeaders")
    }
    /// `smithy.api#httpPayload`.
    pub fn http_payload(&self) -> bool {
        self.api_has("httpPayload")
    }
    /// `smithy.api#httpResponseCode`.
    pub fn http_response_code(&self) -> bool {
        self.api_has("httpResponseCode")
    }
    /// `smithy.api#idempotencyToken`.
    pub fn idempotency_token(&self) -> bool {
        self.api_has("idempotencyToken")
    }
    /// `smithy.api#endpoint` `hostPrefix`.
    pub fn host_prefix(&self) -> Option<&str> {
        self.api("endpoint")?.get("hostPrefix")?.as_str()
    }
    /// `smithy.api#hostLabel`.
    pub fn host_label(&self) -> bool {
        self.api_has("hostLabel")
    }
    /// `smithy.api#httpChecksumRequired`.
    pub fn http_checksum_required(&self) -> bool {
        self.api_has("httpChecksumRequired")
    }
    /// `smithy.api#requestCompression` `encodings`, in the model's order of preference.
    pub fn request_compression(&self) -> Option<Vec<&str>> {
        let encodings = self.api("requestCompression")?.get("encodings")?.as_array()?;
        Some(encodings.iter().filter_map(Value::as_str).collect())
    }
    /// `aws.protocols#awsQueryCompatible`.
    pub fn aws_query_compatible(&self) -> bool {
        self.0.contains_key("aws.protocols#awsQueryCompatible")
    }
    /// `smithy.api#streaming`.
    pub fn streaming(&self) -> bool {
        self.api_has("streaming")
    }
    /// `smithy.api#mixin`.
    pub fn mixin(&self) -> bool {
        self.api_has("mixin")
    }
    /// `smithy.api#deprecated` as its message, when present.
    pub fn deprecated(&self) -> Option<String> {
        self.api("deprecated").map(|v| {
            let message = v.get("message").and_then(Value::as_str).unwrap_or("");
            let since = v.get("since").and_then(Value::as_str);
            match since {
                Some(since) if message.is_empty() => format!("since {since}"),
                Some(since) => format!("{message} (since {since})"),
                None => message.to_string(),
            }
        })
    }
    /// `smithy.api#title`.
    pub fn title(&self) -> Option<&str> {
        self.api_str("title")
    }
    /// `aws.api#service` `sdkId`.
    pub fn sdk_id(&self) -> Option<&str> {
        self.0.get("aws.api#service")?.get("sdkId")?.as_str()
    }
    /// `aws.auth#sigv4` signing name.
    pub fn sigv4_name(&self) -> Option<&str> {
        self.0.get("aws.auth#sigv4")?.get("name")?.as_str()
    }
}
