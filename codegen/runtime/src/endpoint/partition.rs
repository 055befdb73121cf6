//! The AWS partitions table and the `aws.partition` lookup.

use std::fmt;

use super::super::json::{self, Value};
use super::regex::Regex;

/// A partitions table (`partitions.json`), parsed once and passed to every resolution.
///
/// The runtime embeds no table: the generated crate ships one and users may supply a newer one.
#[derive(Debug, Clone)]
pub struct Partitions {
    partitions: Vec<Partition>,
    /// Index of the partition with id `aws`, the fallback for unknown regions.
    aws: Option<usize>,
}

#[derive(Debug, Clone)]
struct Partition {
    id: String,
    region_regex: Regex,
    /// Region name and, when the region overrides any output, its merged outputs.
    regions: Vec<(String, Option<Value>)>,
    outputs: Value,
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
            let region_regex =
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
                regions.push((name.clone(), merge_overrides(outputs, fields)));
            }
            partitions.push(Partition {
                id: id.to_owned(),
                region_regex,
                regions,
                outputs: outputs.clone(),
            });
        }
        let aws = partitions.iter().position(|p| p.id == "aws");
        Ok(Partitions { partitions, aws })
    }

    /// `aws.partition(region)`: the outputs object of the partition for `region`.
    ///
    /// Order: a partition listing the region by name (with that region's overrides merged), else
    /// the first partition whose `regionRegex` matches, else the `aws` partition. The last step is
    /// what Java and smithy-rs do (the spec text would return nothing) and what the tests expect.
    pub fn lookup(&self, region: &str) -> Option<&Value> {
        for p in &self.partitions {
            if let Some((_, merged)) = p.regions.iter().find(|(name, _)| name == region) {
                return Some(merged.as_ref().unwrap_or(&p.outputs));
            }
        }
        if let Some(p) = self
            .partitions
            .iter()
            .find(|p| p.region_regex.is_match(region))
        {
            return Some(&p.outputs);
        }
        self.aws.map(|i| &self.partitions[i].outputs)
    }

    /// Partition ids in table order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.partitions.iter().map(|p| p.id.as_str())
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
