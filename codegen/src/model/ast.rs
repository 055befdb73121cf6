//! The assembled model before mixins are flattened: every file merged, elided targets and
//! `apply` statements resolved, 1.0 files upgraded to 2.0 semantics. Shapes keep their mixins
//! as references and only their own members, so this is what `cargo xtask ast` prints and what
//! the IDL reader's tests compare with the reference JSON; [`super::Model`] flattens it.

use super::raw::{Entity, Position, ShapeType};
use super::{Member, ShapeId, Traits};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Every shape of the loaded files and of the built-in trait definitions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AstModel {
    /// Merged `metadata` of every file.
    pub metadata: Map<String, Value>,
    /// Every shape by id, built-in definitions included.
    pub shapes: BTreeMap<ShapeId, AstShape>,
    /// The shapes that come from the generator's built-in definitions (the prelude and the AWS
    /// trait namespaces), even when a user file repeats them.
    pub builtin: BTreeSet<ShapeId>,
    /// Where each user shape (and, for IDL, member) is defined: the file and the position.
    pub sources: BTreeMap<ShapeId, (String, Option<Position>)>,
    /// Whether an `apply` changed a built-in shape (then they are flattened again, not taken
    /// from the built-in model).
    pub builtin_modified: bool,
}

/// A shape with its own members and traits; mixins are references.
#[derive(Debug, Clone, PartialEq)]
pub struct AstShape {
    pub id: ShapeId,
    pub shape_type: ShapeType,
    pub mixins: Vec<ShapeId>,
    /// The shape's own members (declared, or introduced by `apply` on an inherited member),
    /// in order.
    pub members: Vec<Member>,
    pub traits: Traits,
    pub entity: Entity,
}

impl AstModel {
    /// The model as a Smithy 2.0 JSON AST document: shapes sorted by id, built-in definitions
    /// left out, mixins kept as references, `apply` already merged into the shapes.
    pub fn to_json(&self) -> Value {
        let shapes: Map<String, Value> = self
            .shapes
            .values()
            .filter(|s| !self.builtin.contains(&s.id))
            .map(|s| (s.id.to_string(), shape_json(s)))
            .collect();
        let mut doc = Map::new();
        doc.insert("smithy".into(), json!("2.0"));
        if !self.metadata.is_empty() {
            doc.insert("metadata".into(), Value::Object(self.metadata.clone()));
        }
        doc.insert("shapes".into(), Value::Object(shapes));
        Value::Object(doc)
    }

    /// The user shapes (built-in definitions left out), in id order.
    pub fn user_shapes(&self) -> impl Iterator<Item = &AstShape> {
        self.shapes.values().filter(|s| !self.builtin.contains(&s.id))
    }
}

fn shape_json(shape: &AstShape) -> Value {
    let mut obj = Map::new();
    obj.insert("type".into(), json!(shape.shape_type.name()));
    if !shape.mixins.is_empty() {
        obj.insert("mixins".into(), refs(&shape.mixins));
    }
    match shape.shape_type {
        ShapeType::List | ShapeType::Set | ShapeType::Map => {
            for m in &shape.members {
                obj.insert(m.name.clone(), member_json(m));
            }
        }
        t if t.has_members() => {
            let members: Map<String, Value> = shape.members.iter().map(|m| (m.name.clone(), member_json(m))).collect();
            obj.insert("members".into(), Value::Object(members));
        }
        _ => {}
    }
    entity_json(&shape.entity, &mut obj);
    if !shape.traits.is_empty() {
        obj.insert("traits".into(), traits_json(&shape.traits));
    }
    Value::Object(obj)
}

fn member_json(m: &Member) -> Value {
    let mut obj = Map::new();
    obj.insert("target".into(), json!(m.target.as_str()));
    if !m.traits.is_empty() {
        obj.insert("traits".into(), traits_json(&m.traits));
    }
    Value::Object(obj)
}

fn traits_json(traits: &Traits) -> Value {
    Value::Object(traits.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
}

fn reference(id: &ShapeId) -> Value {
    json!({ "target": id.as_str() })
}

fn refs(ids: &[ShapeId]) -> Value {
    Value::Array(ids.iter().map(reference).collect())
}

/// The properties of services, resources and operations; empty ones are left out.
fn entity_json(entity: &Entity, obj: &mut Map<String, Value>) {
    let list = |obj: &mut Map<String, Value>, key: &str, ids: &[ShapeId]| {
        if !ids.is_empty() {
            obj.insert(key.into(), refs(ids));
        }
    };
    match entity {
        Entity::None => {}
        Entity::Service(s) => {
            if !s.version.is_empty() {
                obj.insert("version".into(), json!(s.version));
            }
            list(obj, "operations", &s.operations);
            list(obj, "resources", &s.resources);
            list(obj, "errors", &s.errors);
            if !s.rename.is_empty() {
                let rename: Map<String, Value> = s.rename.iter().map(|(id, to)| (id.to_string(), json!(to))).collect();
                obj.insert("rename".into(), Value::Object(rename));
            }
        }
        Entity::Operation(o) => {
            let unit = super::prelude::unit_id();
            if o.input != unit {
                obj.insert("input".into(), reference(&o.input));
            }
            if o.output != unit {
                obj.insert("output".into(), reference(&o.output));
            }
            list(obj, "errors", &o.errors);
        }
        Entity::Resource(r) => {
            let named = |obj: &mut Map<String, Value>, key: &str, pairs: &[(String, ShapeId)]| {
                if !pairs.is_empty() {
                    let map: Map<String, Value> = pairs.iter().map(|(k, v)| (k.clone(), reference(v))).collect();
                    obj.insert(key.into(), Value::Object(map));
                }
            };
            named(obj, "identifiers", &r.identifiers);
            named(obj, "properties", &r.properties);
            let lifecycle =
                [("create", &r.create), ("put", &r.put), ("read", &r.read), ("update", &r.update), ("delete", &r.delete), ("list", &r.list)];
            for (key, op) in lifecycle {
                if let Some(op) = op {
                    obj.insert(key.into(), reference(op));
                }
            }
            list(obj, "operations", &r.operations);
            list(obj, "collectionOperations", &r.collection_operations);
            list(obj, "resources", &r.resources);
        }
    }
}
