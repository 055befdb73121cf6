//! The `smithy.api` prelude shapes a JSON AST file refers to but never contains.

use super::raw::{Entity, RawFile, RawShape, ShapeType, Version};
use super::{ShapeId, SimpleType, Traits};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The public prelude shapes (trait definitions are not needed: traits are kept as raw JSON).
pub fn raw_file() -> RawFile {
    let simple = [
        ("String", SimpleType::String, None),
        ("Blob", SimpleType::Blob, None),
        ("BigInteger", SimpleType::BigInteger, None),
        ("BigDecimal", SimpleType::BigDecimal, None),
        ("Timestamp", SimpleType::Timestamp, None),
        ("Document", SimpleType::Document, None),
        ("Boolean", SimpleType::Boolean, None),
        ("Byte", SimpleType::Byte, None),
        ("Short", SimpleType::Short, None),
        ("Integer", SimpleType::Integer, None),
        ("Long", SimpleType::Long, None),
        ("Float", SimpleType::Float, None),
        ("Double", SimpleType::Double, None),
        ("PrimitiveBoolean", SimpleType::Boolean, Some(json!(false))),
        ("PrimitiveByte", SimpleType::Byte, Some(json!(0))),
        ("PrimitiveShort", SimpleType::Short, Some(json!(0))),
        ("PrimitiveInteger", SimpleType::Integer, Some(json!(0))),
        ("PrimitiveLong", SimpleType::Long, Some(json!(0))),
        ("PrimitiveFloat", SimpleType::Float, Some(json!(0))),
        ("PrimitiveDouble", SimpleType::Double, Some(json!(0))),
    ];
    let raw = |id: ShapeId, shape_type: ShapeType, traits: Traits| RawShape {
        id,
        shape_type,
        members: vec![],
        traits,
        mixins: vec![],
        for_resource: None,
        entity: Entity::None,
        at: None,
    };
    let mut shapes: Vec<RawShape> = simple
        .into_iter()
        .map(|(name, ty, default)| {
            let mut traits = BTreeMap::new();
            if let Some(default) = default {
                traits.insert("smithy.api#default".to_string(), default);
            }
            raw(id(name), ShapeType::Simple(ty), Traits::from_map(traits))
        })
        .collect();
    let mut unit = BTreeMap::new();
    unit.insert("smithy.api#unitType".to_string(), Value::Object(Default::default()));
    shapes.push(raw(unit_id(), ShapeType::Structure, Traits::from_map(unit)));
    RawFile { name: "<prelude>".into(), version: Version::V2, metadata: vec![], shapes, applies: vec![] }
}

/// `smithy.api#Unit`.
pub fn unit_id() -> ShapeId {
    id("Unit")
}

fn id(name: &str) -> ShapeId {
    ShapeId::parse(&format!("smithy.api#{name}")).expect("prelude ids are valid")
}
