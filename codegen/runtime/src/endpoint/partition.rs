//! The AWS partitions table and the `aws.partition` lookup.
//!
//! The table's form is public so that a generated crate can write its table as `static` data
//! (every text and list a [`Cow::Borrowed`]); a table parsed at run time owns its texts and
//! lists. It is not a stable API.

use std::borrow::Cow;
use std::fmt;

use super::super::json::{self, Value};
use super::regex::Regex;
use super::ruleset::{List, Str};

/// A partitions table (`partitions.json`), parsed once (or written by the generator as a
/// `static`) and passed to every resolution.
///
/// The runtime embeds no table: the generated crate carries one and users may supply a newer one.
#[derive(Debug, Clone)]
pub struct Partitions(pub List<PartitionData>);

/// One partition of a [`Partitions`] table.
#[derive(Debug, Clone)]
pub struct PartitionData {
    /// Its id (`aws`, `aws-cn`, ...).
    pub id: Str,
    /// The pattern of its region names (checked to compile when the table is parsed).
    pub region_regex: Str,
    /// Region name and, when the region overrides any output, its merged outputs.
    pub regions: List<(Str, Option<Data>)>,
    /// Its outputs (an object with at least the fields `aws.partition` promises).
    pub outputs: Data,
}

/// A JSON value that can be `static`: the partition outputs `aws.partition` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, as written.
    Number(Str),
    /// A string.
    String(Str),
    /// An array.
    Array(List<Data>),
    /// An object, members in document order.
    Object(List<(Str, Data)>),
}

impl Data {
    /// The same value, owned.
    pub fn from_value(v: &Value) -> Data {
        match v {
            Value::Null => Data::Null,
            Value::Bool(b) => Data::Bool(*b),
            Value::Number(n) => Data::Number(Cow::Owned(n.as_str().to_owned())),
            Value::String(s) => Data::String(Cow::Owned(s.clone())),
            Value::Array(items) => Data::Array(items.iter().map(Data::from_value).collect()),
            Value::Object(members) => {
                Data::Object(members.iter().map(|(k, v)| (Cow::Owned(k.clone()), Data::from_value(v))).collect())
            }
        }
    }

    /// The same value as a JSON [`Value`].
    pub fn to_value(&self) -> Value {
        match self {
            Data::Null => Value::Null,
            Data::Bool(b) => Value::Bool(*b),
            // The text was a JSON number when the table was read (or generated).
            Data::Number(n) => json::parse(n.as_bytes()).unwrap_or(Value::Null),
            Data::String(s) => Value::String(s.to_string()),
            Data::Array(items) => Value::Array(items.iter().map(Data::to_value).collect()),
            Data::Object(members) => Value::Object(members.iter().map(|(k, v)| (k.to_string(), v.to_value())).collect()),
        }
    }

    /// Member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Data> {
        match self {
            Data::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Why a partitions table was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionsError {
    /// Where in the document (for example `partitions[2].outputs.dnsSuffix`).
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for PartitionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid partitions table at {}: {}",
            self.path, self.message
        )
    }
}

impl std::error::Error for PartitionsError {}

/// Output fields every partition must define, with their JSON types.
const REQUIRED_OUTPUTS: [(&str, bool); 5] = [
    ("name", false),
    ("dnsSuffix", false),
    ("dualStackDnsSuffix", false),
    ("supportsFIPS", true),
    ("supportsDualStack", true),
];

impl Partitions {
    /// Parses a partitions document (`{"version": ..., "partitions": [...]}`).
    pub fn parse(text: &str) -> Result<Partitions, PartitionsError> {
        let doc = json::parse(text.as_bytes()).map_err(|e| PartitionsError {
            path: "$".into(),
            message: e.to_string(),
        })?;
        Partitions::from_json(&doc)
    }

    /// Builds the table from an already parsed document.
    pub fn from_json(doc: &Value) -> Result<Partitions, PartitionsError> {
        let err = |path: String, message: &str| PartitionsError {
            path,
            message: message.to_owned(),
        };
        let list = doc
            .get("partitions")
            .and_then(Value::as_array)
            .ok_or_else(|| err("partitions".into(), "expected an array"))?;
        let mut partitions = Vec::with_capacity(list.len());
        for (i, p) in list.iter().enumerate() {
            let at = |field: &str| format!("partitions[{i}].{field}");
            let id = p
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| err(at("id"), "expected a string"))?;
            let pattern = p
                .get("regionRegex")
                .and_then(Value::as_str)
                .ok_or_else(|| err(at("regionRegex"), "expected a string"))?;
            Regex::new(pattern).map_err(|e| err(at("regionRegex"), &e.to_string()))?;
            let outputs = p.get("outputs").filter(|o| o.as_object().is_some());
            let outputs = outputs.ok_or_else(|| err(at("outputs"), "expected an object"))?;
            for (field, is_bool) in REQUIRED_OUTPUTS {
                let ok = match outputs.get(field) {
                    Some(Value::Bool(_)) => is_bool,
                    Some(Value::String(_)) => !is_bool,
                    _ => false,
                };
                if !ok {
                    let kind = if is_bool {
                        "expected a boolean"
                    } else {
                        "expected a string"
                    };
                    return Err(err(at(&format!("outputs.{field}")), kind));
                }
            }
            let region_map = match p.get("regions") {
                None => &[][..],
                Some(r) => r
                    .as_object()
                    .ok_or_else(|| err(at("regions"), "expected an object"))?,
            };
            let mut regions = Vec::with_capacity(region_map.len());
            for (name, entry) in region_map {
                let fields = entry
                    .as_object()
                    .ok_or_else(|| err(at(&format!("regions.{name}")), "expected an object"))?;
                let merged = merge_overrides(outputs, fields).map(|m| Data::from_value(&m));
                regions.push((Cow::Owned(name.clone()), merged));
            }
            partitions.push(PartitionData {
                id: Cow::Owned(id.to_owned()),
                region_regex: Cow::Owned(pattern.to_owned()),
                regions: regions.into(),
                outputs: Data::from_value(outputs),
            });
        }
        Ok(Partitions(partitions.into()))
    }

    /// `aws.partition(region)`: the outputs object of the partition for `region`.
    ///
    /// Order: a partition listing the region by name (with that region's overrides merged), else
    /// the first partition whose `regionRegex` matches, else the `aws` partition. The last step is
    /// what Java and smithy-rs do (the spec text would return nothing) and what the tests expect.
    pub fn lookup(&self, region: &str) -> Option<Value> {
        self.outputs(region).map(Data::to_value)
    }

    /// [`Partitions::lookup`] without copying: what the rules engine reads.
    pub fn outputs(&self, region: &str) -> Option<&Data> {
        for p in self.0.iter() {
            if let Some((_, merged)) = p.regions.iter().find(|(name, _)| name == region) {
                return Some(merged.as_ref().unwrap_or(&p.outputs));
            }
        }
        // Most regions are listed by name, so the patterns are compiled only when needed (a
        // pattern that does not compile, which parsing and the generator rule out, matches
        // nothing).
        let matches = |p: &&PartitionData| Regex::new(&p.region_regex).is_ok_and(|r| r.is_match(region));
        if let Some(p) = self.0.iter().find(matches) {
            return Some(&p.outputs);
        }
        self.0.iter().find(|p| p.id == "aws").map(|p| &p.outputs)
    }

    /// Partition ids in table order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|p| &*p.id)
    }
}

/// A region entry's fields other than `description` override the partition outputs.
fn merge_overrides(outputs: &Value, fields: &[(String, Value)]) -> Option<Value> {
    let overrides: Vec<&(String, Value)> =
        fields.iter().filter(|(k, _)| k != "description").collect();
    if overrides.is_empty() {
        return None;
    }
    let mut merged: Vec<(String, Value)> =
        outputs.as_object().map(<[_]>::to_vec).unwrap_or_default();
    for (key, value) in overrides {
        match merged.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value.clone(),
            None => merged.push((key.clone(), value.clone())),
        }
    }
    Some(Value::Object(merged))
}
