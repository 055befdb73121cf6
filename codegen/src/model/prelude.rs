//! The `smithy.api` prelude shapes a JSON AST file refers to but never contains.

use super::{Shape, ShapeId, ShapeKind, SimpleType, Traits};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The public prelude shapes (trait definitions are not needed: traits are kept as raw JSON).
pub fn shapes() -> Vec<Shape> {
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
    let mut shapes: Vec<Shape> = simple
        .into_iter()
        .map(|(name, ty, default)| {
            let mut traits = BTreeMap::new();
            if let Some(default) = default {
                traits.insert("smithy.api#default".to_string(), default);
            }
            Shape { id: id(name), kind: ShapeKind::Simple(ty), traits: Traits::from_map(traits) }
        })
        .collect();
    let mut unit = BTreeMap::new();
    unit.insert("smithy.api#unitType".to_string(), Value::Object(Default::default()));
    shapes.push(Shape { id: unit_id(), kind: ShapeKind::Structure(vec![]), traits: Traits::from_map(unit) });
    shapes
}

/// `smithy.api#Unit`.
pub fn unit_id() -> ShapeId {
    id("Unit")
}

fn id(name: &str) -> ShapeId {
    ShapeId::parse(&format!("smithy.api#{name}")).expect("prelude ids are valid")
}
