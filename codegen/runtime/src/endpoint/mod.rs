//! Endpoints: the resolved [`Endpoint`] that request builders take, and (in a crate whose
//! services have endpoint rules) an interpreter for Smithy `smithy.rules#endpointRuleSet`
//! documents.
// ship-if: endpoint_rules
//!
//! A generated crate carries its rule sets and its partitions table as `static` data
//! ([`ruleset::Parsed`], [`partition::PartitionData`]), written by the generator from the parsed
//! documents, so it parses nothing at run time. Other users parse a rule set and a table once
//! ([`RuleSet::parse`], [`Partitions::parse`]), then call [`RuleSet::resolve`] with [`Params`]
//! for each request; both forms are the same types, evaluated by the same engine:
//!
//! ```text
//! let rules = RuleSet::parse(rule_set_json)?;
//! let partitions = Partitions::parse(partitions_json)?;
//! let endpoint = rules.resolve(&Params::new().with("Region", "eu-west-1"), &partitions)?;
//! // endpoint.url == "https://svc.eu-west-1.amazonaws.com"
//! ```
//!
//! (No doctest: this file is copied into generated crates, where the crate path differs.)
//!
//! The whole rules language is supported (versions 1.x): parameters with defaults and required
//! checks, conditions with `assign`, endpoint/error/tree rules (a tree whose rules all fail ends
//! resolution with [`ResolveError::NoMatch`]), templates, and every standard-library and AWS
//! function ([`stdlib`]). Functions added in 1.1 (`coalesce`, `ite`, `split`, negative `getAttr`
//! indexes) are accepted in any 1.x document. The BDD form (`smithy.rules#endpointBdd`) is not
//! supported.
//!
//! Decisions where implementations disagree: `parseURL` keeps the
//! path and authority as written (`""` for `https://example.com`, a default port kept), drops a
//! `#fragment` and `user@`; `aws.partition` falls back to the `aws` partition for unknown regions;
//! `aws.isVirtualHostableS3Bucket` checks length and edge characters per label (smithy-rs).
//! Passing an unset value to a function other than `isSet`/`coalesce`, or a value of the wrong
//! type, is a [`ResolveError::Invalid`] naming the condition (rule sets that pass Smithy's type
//! checker never do this); a missing attribute or an index out of range is an empty option.
// ship-end

// ship-if: endpoint_rules
mod eval;
pub mod partition;
pub mod regex;
pub mod ruleset;
pub mod stdlib;
// ship-end

// ship-if: endpoint_rules
use std::fmt;
// ship-end

use super::json::Value;

// ship-if: endpoint_rules
pub use partition::{Partitions, PartitionsError};
pub use ruleset::{ParamType, Parameter, RuleSetError};

/// A parsed endpoint rule set, ready to [`resolve`](RuleSet::resolve) any number of times.
///
/// Its field is public so that a generated crate can write its rule set as a `static`
/// (`static RULES: RuleSet = RuleSet(Parsed { .. })`), checked by the generator.
#[derive(Debug, Clone)]
pub struct RuleSet(pub ruleset::Parsed);

impl RuleSet {
    /// Parses the JSON text of a rule set (the value of the `smithy.rules#endpointRuleSet` trait).
    pub fn parse(text: &str) -> Result<RuleSet, RuleSetError> {
        ruleset::parse_text(text).map(RuleSet)
    }

    /// Builds a rule set from an already parsed JSON value.
    pub fn from_json(doc: &Value) -> Result<RuleSet, RuleSetError> {
        ruleset::parse_value(doc).map(RuleSet)
    }

    /// The rules-engine version the document declares (`1.0`, `1.1`, ...).
    pub fn version(&self) -> &str {
        &self.0.version
    }

    /// Declared parameters, in document order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.0.parameters
    }

    /// The parameter called `name`.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.0.parameters.iter().find(|p| p.name() == name)
    }

    /// Resolves the endpoint for `params`, with `aws.partition` reading `partitions`.
    ///
    /// Values in `params` for names the rule set does not declare are ignored, so a client can
    /// always pass its built-ins (region, FIPS, ...).
    pub fn resolve(
        &self,
        params: &Params,
        partitions: &Partitions,
    ) -> Result<Endpoint, ResolveError> {
        eval::resolve(&self.0, params, partitions)
    }
}

/// A parameter value supplied for resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// For `string` parameters.
    String(String),
    /// For `boolean` parameters.
    Bool(bool),
    /// For `stringArray` parameters.
    StringArray(Vec<String>),
}

impl ParamValue {
    /// The parameter type this value fits.
    pub fn ty(&self) -> ParamType {
        match self {
            ParamValue::String(_) => ParamType::String,
            ParamValue::Bool(_) => ParamType::Boolean,
            ParamValue::StringArray(_) => ParamType::StringArray,
        }
    }

    /// Converts a JSON value of type `ty` (a string, a boolean, or an array of strings).
    pub fn from_json(v: &Value, ty: ParamType) -> Option<ParamValue> {
        Some(match (ty, v) {
            (ParamType::String, Value::String(s)) => ParamValue::String(s.clone()),
            (ParamType::Boolean, Value::Bool(b)) => ParamValue::Bool(*b),
            (ParamType::StringArray, Value::Array(items)) => ParamValue::StringArray(
                items
                    .iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect::<Option<_>>()?,
            ),
            _ => return None,
        })
    }
}

impl From<&str> for ParamValue {
    fn from(s: &str) -> Self {
        ParamValue::String(s.to_owned())
    }
}

impl From<String> for ParamValue {
    fn from(s: String) -> Self {
        ParamValue::String(s)
    }
}

impl From<bool> for ParamValue {
    fn from(b: bool) -> Self {
        ParamValue::Bool(b)
    }
}

impl From<Vec<String>> for ParamValue {
    fn from(items: Vec<String>) -> Self {
        ParamValue::StringArray(items)
    }
}

impl From<&[&str]> for ParamValue {
    fn from(items: &[&str]) -> Self {
        ParamValue::StringArray(items.iter().map(|s| (*s).to_owned()).collect())
    }
}

/// Parameter values by name. Unset parameters are simply absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    values: Vec<(String, ParamValue)>,
}

impl Params {
    /// No values.
    pub fn new() -> Self {
        Params::default()
    }

    /// Sets (or replaces) `name`.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<ParamValue>) -> &mut Self {
        let (name, value) = (name.into(), value.into());
        match self.values.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.values.push((name, value)),
        }
        self
    }

    /// Builder form of [`Params::set`].
    pub fn with(mut self, name: impl Into<String>, value: impl Into<ParamValue>) -> Self {
        self.set(name, value);
        self
    }

    /// Removes `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<ParamValue> {
        let i = self.values.iter().position(|(n, _)| n == name)?;
        Some(self.values.remove(i).1)
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// All values, in the order they were first set.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ParamValue)> {
        self.values.iter().map(|(n, v)| (n.as_str(), v))
    }
}
// ship-end

/// A resolved endpoint: what request builders take.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Endpoint {
    /// The URL (scheme, authority and optional base path).
    pub url: String,
    /// Headers to add to the request, in rule-set order; a header may carry several values.
    pub headers: Vec<(String, Vec<String>)>,
    /// Properties in rule-set order, such as `authSchemes` (a list of objects whose `name` is
    /// `sigv4` etc.; their fields adjust the signing of the scheme chosen from the model).
    pub properties: Vec<(String, Value)>,
    /// When set, an operation's `@endpoint` host prefix is not put before the host
    /// (endpoint-traits.rst "Client Behavior": users can turn the injection off).
    pub disable_host_prefix: bool,
}

impl Endpoint {
    /// An endpoint with just a URL (for a user-supplied or fixed endpoint).
    pub fn new(url: impl Into<String>) -> Self {
        Endpoint {
            url: url.into(),
            ..Endpoint::default()
        }
    }

    /// Values of header `name` (compared case-insensitively, as HTTP does).
    pub fn header(&self, name: &str) -> Option<&[String]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// Property `name`.
    pub fn property(&self, name: &str) -> Option<&Value> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// The `authSchemes` property's entries (empty when absent or malformed).
    pub fn auth_schemes(&self) -> &[Value] {
        self.property("authSchemes")
            .and_then(Value::as_array)
            .unwrap_or(&[])
    }
}

// ship-if: endpoint_rules
/// Why resolution produced no endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveError {
    /// An `error` rule applied; this is its message (what `endpointTests` compare).
    Rule(String),
    /// A required parameter has no value and no default.
    MissingParameter(String),
    /// A supplied value does not have the parameter's declared type.
    InvalidParameter {
        /// Parameter name.
        name: String,
        /// Declared type.
        expected: ParamType,
    },
    /// No rule applied: `path` is the tree whose rules were exhausted, or `rules` (top level).
    NoMatch {
        /// Path of the exhausted rule list's owner.
        path: String,
    },
    /// The rule set misused a value at run time (an unset argument, a non-string URL, ...).
    Invalid {
        /// Path of the condition or rule being evaluated.
        path: String,
        /// What went wrong.
        message: String,
    },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Rule(message) => f.write_str(message),
            ResolveError::MissingParameter(name) => {
                write!(f, "missing required endpoint parameter `{name}`")
            }
            ResolveError::InvalidParameter { name, expected } => {
                write!(
                    f,
                    "endpoint parameter `{name}` must be a {}",
                    expected.as_str()
                )
            }
            ResolveError::NoMatch { path } => {
                write!(f, "no endpoint rule matched (rules exhausted at {path})")
            }
            ResolveError::Invalid { path, message } => {
                write!(f, "endpoint rule set error at {path}: {message}")
            }
        }
    }
}

impl std::error::Error for ResolveError {}
// ship-end
