//! Reading a JSON AST file (json-ast.rst) into a [`RawFile`]. The JSON AST holds only absolute
//! shape ids, so a file is read on its own; checks that need other files come later.

use super::raw::{canonical_value, empty_entity, Entity, RawApply, RawFile, RawMember, RawShape, ShapeType, Version};
use super::{prelude, Operation, Resource, Service, ShapeId, Traits};
use crate::{Error, Result};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Reads one JSON AST file. `warnings` gets notes that are not errors (a 1.0 `set`).
pub fn read(name: &str, text: &str, warnings: &mut Vec<String>) -> Result<RawFile> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| Error::msg(format!("invalid JSON at line {}, column {}: {e}", e.line(), e.column())))?;
    let top = doc.as_object().ok_or_else(|| Error::msg("a model file must be a JSON object"))?;
    let version = match top.get("smithy") {
        Some(Value::String(v)) => Version::parse(v).ok_or_else(|| {
            Error::msg(format!("unsupported Smithy version `{v}`: the versions read are 1.0 and 2.0"))
        })?,
        Some(other) => return Err(Error::msg(format!("the `smithy` version must be a string, not {other}"))),
        None => return Err(Error::msg("missing the `smithy` version string")),
    };
    let metadata = match top.get("metadata") {
        None => vec![],
        Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), canonical_value(v.clone()))).collect(),
        Some(_) => return Err(Error::msg("`metadata` must be an object")),
    };
    let mut file = RawFile { name: name.to_string(), version, metadata, shapes: vec![], applies: vec![] };
    let Some(entries) = top.get("shapes") else { return Ok(file) };
    let entries = entries.as_object().ok_or_else(|| Error::msg("`shapes` must be an object"))?;
    for (key, entry) in entries {
        let id = ShapeId::parse(key).map_err(|e| Error::shape(key, e))?;
        let here = |msg: String| Error::shape(&id, msg);
        let obj = entry.as_object().ok_or_else(|| here("a shape must be a JSON object".into()))?;
        let type_name = obj.get("type").and_then(Value::as_str).ok_or_else(|| here("missing `type`".into()))?;
        let traits = traits_of(obj).map_err(here)?;
        if type_name == "apply" {
            file.applies.push(RawApply { target: id, traits, at: None });
            continue;
        }
        if id.member().is_some() {
            return Err(here("only `apply` entries may use a member id".into()));
        }
        let shape_type = ShapeType::parse(type_name).ok_or_else(|| here(format!("unknown shape type `{type_name}`")))?;
        if shape_type == ShapeType::Set {
            warnings.push(format!("{name}: {id}: Smithy 1.0 `set` read as a list (items should be unique)"));
        }
        if version == Version::V1 && shape_type == ShapeType::Resource && obj.contains_key("properties") {
            return Err(here(
                "Resource properties can only be used with Smithy version 2 or later. Attempted to use resource properties with version `1.0`.".into(),
            ));
        }
        let shape = RawShape {
            members: members_of(&id, shape_type, obj)?,
            mixins: refs(obj.get("mixins")).map_err(here)?,
            entity: entity_of(shape_type, obj).map_err(here)?,
            id,
            shape_type,
            traits,
            for_resource: None,
            at: None,
        };
        file.shapes.push(shape);
    }
    Ok(file)
}

fn traits_of(obj: &Map<String, Value>) -> Result<Traits, String> {
    match obj.get("traits") {
        None => Ok(Traits::default()),
        Some(Value::Object(map)) => {
            for key in map.keys() {
                ShapeId::parse(key).map_err(|e| format!("trait id: {e}"))?;
            }
            Ok(Traits::from_map(map.iter().map(|(k, v)| (k.clone(), canonical_value(v.clone()))).collect()))
        }
        Some(_) => Err("`traits` must be an object".into()),
    }
}

fn members_of(id: &ShapeId, shape_type: ShapeType, obj: &Map<String, Value>) -> Result<Vec<RawMember>> {
    let member = |name: &str, value: &Value| -> Result<RawMember> {
        let mid = id.with_member(name);
        let here = |msg: String| Error::shape(&mid, msg);
        if ShapeId::parse(mid.as_str()).is_err() {
            return Err(here("invalid member name".into()));
        }
        let m = value.as_object().ok_or_else(|| here("a member must be an object".into()))?;
        let target = match m.get("target") {
            Some(Value::String(t)) => ShapeId::parse(t).map_err(here)?,
            // Enum members implicitly target Unit.
            None if matches!(shape_type, ShapeType::Enum | ShapeType::IntEnum) => prelude::unit_id(),
            _ => return Err(here("missing `target`".into())),
        };
        Ok(RawMember { name: name.to_string(), target: Some(target), traits: traits_of(m).map_err(here)?, at: None })
    };
    let mut out = Vec::new();
    match shape_type {
        ShapeType::List | ShapeType::Set => {
            if let Some(v) = obj.get("member") {
                out.push(member("member", v)?);
            }
        }
        ShapeType::Map => {
            for name in ["key", "value"] {
                if let Some(v) = obj.get(name) {
                    out.push(member(name, v)?);
                }
            }
        }
        ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => {
            if let Some(members) = obj.get("members") {
                let members = members.as_object().ok_or_else(|| Error::shape(id, "`members` must be an object"))?;
                let mut seen = BTreeSet::new();
                for (name, value) in members {
                    if !seen.insert(name.to_ascii_lowercase()) {
                        return Err(Error::shape(id, format!("members differ only by case: `{name}`")));
                    }
                    out.push(member(name, value)?);
                }
            }
        }
        _ => {}
    }
    Ok(out)
}

/// The properties of a service, resource or operation.
fn entity_of(shape_type: ShapeType, body: &Map<String, Value>) -> Result<Entity, String> {
    Ok(match empty_entity(shape_type) {
        Entity::None => Entity::None,
        Entity::Service(_) => {
            let rename = match body.get("rename") {
                None => vec![],
                Some(Value::Object(map)) => map
                    .iter()
                    .map(|(k, v)| {
                        let from = ShapeId::parse(k)?;
                        let to = v.as_str().ok_or("`rename` values must be strings")?;
                        Ok((from, to.to_string()))
                    })
                    .collect::<Result<_, String>>()?,
                Some(_) => return Err("`rename` must be an object".into()),
            };
            let version = match body.get("version") {
                None => String::new(),
                Some(Value::String(v)) => v.clone(),
                Some(_) => return Err("`version` must be a string".into()),
            };
            Entity::Service(Service {
                version,
                operations: refs(body.get("operations"))?,
                resources: refs(body.get("resources"))?,
                errors: refs(body.get("errors"))?,
                rename,
            })
        }
        Entity::Operation(_) => Entity::Operation(Operation {
            input: one_ref(body.get("input"))?.unwrap_or_else(prelude::unit_id),
            output: one_ref(body.get("output"))?.unwrap_or_else(prelude::unit_id),
            errors: refs(body.get("errors"))?,
        }),
        Entity::Resource(_) => {
            let named = |key: &str| -> Result<Vec<(String, ShapeId)>, String> {
                match body.get(key) {
                    None => Ok(vec![]),
                    Some(Value::Object(map)) => map.iter().map(|(k, v)| Ok((k.clone(), shape_ref(v)?))).collect(),
                    Some(_) => Err(format!("`{key}` must be an object")),
                }
            };
            let one = |key: &str| one_ref(body.get(key));
            let many = |key: &str| refs(body.get(key));
            Entity::Resource(Resource {
                identifiers: named("identifiers")?,
                properties: named("properties")?,
                create: one("create")?,
                put: one("put")?,
                read: one("read")?,
                update: one("update")?,
                delete: one("delete")?,
                list: one("list")?,
                operations: many("operations")?,
                collection_operations: many("collectionOperations")?,
                resources: many("resources")?,
            })
        }
    })
}

fn refs(value: Option<&Value>) -> Result<Vec<ShapeId>, String> {
    let Some(value) = value else { return Ok(vec![]) };
    let items = value.as_array().ok_or("expected an array of shape references")?;
    items.iter().map(shape_ref).collect()
}

/// An optional reference (`"input": {"target": ...}`).
fn one_ref(value: Option<&Value>) -> Result<Option<ShapeId>, String> {
    value.map(shape_ref).transpose()
}

/// `{"target": "ns#Name"}`.
fn shape_ref(value: &Value) -> Result<ShapeId, String> {
    let target = value
        .get("target")
        .and_then(Value::as_str)
        .ok_or("a shape reference must be an object with a `target` string")?;
    ShapeId::parse(target)
}
