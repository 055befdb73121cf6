//! Selection: from "these operations of this service" to the closure of shapes they reach,
//! and the canonical form of that closure (hashed into every generated file's header).

use crate::model::{Model, Shape, ShapeId, ShapeKind};
use crate::{Error, Result};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Which operations of which service to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operations {
    /// Every operation the service reaches (directly or through resources).
    All,
    /// These operations, by shape name (`GetSession`), in this order.
    Named(Vec<String>),
}

/// The selected operations of one service and every shape they reach.
#[derive(Debug, Clone)]
pub struct Closure {
    /// The service shape.
    pub service: ShapeId,
    /// The selected operations, in the order they were asked for (all: id order).
    pub operations: Vec<ShapeId>,
    /// The resources on the way from the service to a selected operation.
    pub resources: BTreeSet<ShapeId>,
    /// Every other shape reached: inputs, outputs, errors (the service's too) and their members' targets.
    pub shapes: BTreeSet<ShapeId>,
    /// Operations left out of an `All` selection because the generator cannot produce them
    /// (event streams), with why: the rest of the service is generated.
    pub skipped: Vec<(ShapeId, String)>,
}

/// Why an operation cannot be generated, if it cannot: its input or output has an event stream
/// (a member targeting a `@streaming` union).
pub fn unsupported_reason(model: &Model, operation: &ShapeId) -> Result<Option<String>> {
    let ShapeKind::Operation(o) = &model.expect(operation)?.kind else { return Ok(None) };
    for io in [&o.input, &o.output] {
        for member in model.expect(io)?.kind.members() {
            let target = model.expect(&member.target)?;
            if matches!(target.kind, ShapeKind::Union(_)) && target.traits.streaming() {
                return Ok(Some(format!("its `{}` member is an event stream, which is not supported", member.id)));
            }
        }
    }
    Ok(None)
}

/// Every operation a service reaches: its own, then each resource's, recursively.
pub fn service_operations(model: &Model, service: &ShapeId) -> Result<Vec<(ShapeId, Vec<ShapeId>)>> {
    let shape = model.expect(service)?;
    let ShapeKind::Service(svc) = &shape.kind else {
        return Err(model.error(service, "not a service shape"));
    };
    let mut out: Vec<(ShapeId, Vec<ShapeId>)> = svc.operations.iter().map(|op| (op.clone(), vec![])).collect();
    let mut stack: Vec<(ShapeId, Vec<ShapeId>)> = svc.resources.iter().rev().map(|r| (r.clone(), vec![])).collect();
    let mut seen = BTreeSet::new();
    while let Some((resource, mut path)) = stack.pop() {
        if !seen.insert(resource.clone()) {
            continue;
        }
        let ShapeKind::Resource(r) = &model.expect(&resource)?.kind else {
            return Err(model.error(&resource, "bound as a resource but is not a resource shape"));
        };
        path.push(resource.clone());
        for op in r.bound_operations() {
            out.push((op.clone(), path.clone()));
        }
        for child in r.resources.iter().rev() {
            stack.push((child.clone(), path.clone()));
        }
    }
    for (op, _) in &out {
        if !matches!(model.expect(op)?.kind, ShapeKind::Operation(_)) {
            return Err(model.error(op, "bound as an operation but is not an operation shape"));
        }
    }
    Ok(out)
}

/// Selects operations of a service and computes their closure.
pub fn select(model: &Model, service: &ShapeId, operations: &Operations) -> Result<Closure> {
    let reachable = service_operations(model, service)?;
    let mut skipped = Vec::new();
    let chosen: Vec<(ShapeId, Vec<ShapeId>)> = match operations {
        Operations::All => {
            let mut all = reachable.clone();
            all.sort();
            all.dedup_by(|a, b| a.0 == b.0);
            let mut kept = Vec::new();
            for (op, path) in all {
                match unsupported_reason(model, &op)? {
                    Some(reason) => skipped.push((op, reason)),
                    None => kept.push((op, path)),
                }
            }
            kept
        }
        Operations::Named(names) => {
            let mut chosen = Vec::new();
            for name in names {
                let found = reachable.iter().find(|(op, _)| op.name() == name).ok_or_else(|| {
                    model.error(service, format!("the service has no operation named `{name}`"))
                })?;
                if !chosen.iter().any(|(op, _): &(ShapeId, Vec<ShapeId>)| op == &found.0) {
                    chosen.push(found.clone());
                }
            }
            chosen
        }
    };
    let ShapeKind::Service(svc) = &model.expect(service)?.kind else { unreachable!("checked above") };
    let mut shapes = BTreeSet::new();
    let mut todo: Vec<ShapeId> = svc.errors.clone();
    let mut resources = BTreeSet::new();
    for (op, path) in &chosen {
        resources.extend(path.iter().cloned());
        let ShapeKind::Operation(o) = &model.expect(op)?.kind else { unreachable!("checked above") };
        todo.push(o.input.clone());
        todo.push(o.output.clone());
        todo.extend(o.errors.iter().cloned());
    }
    while let Some(id) = todo.pop() {
        if !shapes.insert(id.clone()) {
            continue;
        }
        for member in model.expect(&id)?.kind.all_members() {
            todo.push(member.target.clone());
        }
    }
    Ok(Closure {
        service: service.clone(),
        operations: chosen.into_iter().map(|(op, _)| op).collect(),
        resources,
        shapes,
        skipped,
    })
}

impl Closure {
    /// The closure as a JSON AST model: the service (only the selected operations and the
    /// resources leading to them), those resources, operations and shapes, prelude left out.
    /// This is what `trim` writes, and its canonical text is what the header hash covers, so
    /// a trimmed model and the full one give the same bytes.
    pub fn to_ast(&self, model: &Model) -> Result<Value> {
        self.ast(model, false)
    }

    fn ast(&self, model: &Model, canonical_traits: bool) -> Result<Value> {
        let mut shapes = Map::new();
        let mut ids: BTreeSet<&ShapeId> = self.shapes.iter().collect();
        ids.extend(self.operations.iter());
        ids.extend(self.resources.iter());
        ids.insert(&self.service);
        for id in ids {
            if id.namespace() == "smithy.api" {
                continue;
            }
            let shape = model.expect(id)?;
            shapes.insert(id.to_string(), self.shape_ast(shape, canonical_traits));
        }
        Ok(json!({ "smithy": "2.0", "shapes": shapes }))
    }

    /// The SHA-256 of the canonical closure text (trait values with object keys sorted at every
    /// depth; member order kept, since it is the generated field order), hex.
    pub fn hash(&self, model: &Model) -> Result<String> {
        let text = serde_json::to_string(&self.ast(model, true)?).map_err(|e| Error::msg(e.to_string()))?;
        let digest = Sha256::digest(text.as_bytes());
        Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    fn keep(&self, id: &ShapeId) -> bool {
        self.operations.contains(id) || self.resources.contains(id)
    }

    fn shape_ast(&self, shape: &Shape, canonical_traits: bool) -> Value {
        let member_ast = |m: &crate::model::Member| member_ast(m, canonical_traits);
        let r = |id: &ShapeId| json!({ "target": id.as_str() });
        let rs = |ids: &[ShapeId]| Value::Array(ids.iter().map(r).collect());
        let kept = |ids: &[ShapeId]| -> Vec<ShapeId> { ids.iter().filter(|id| self.keep(id)).cloned().collect() };
        let mut obj = Map::new();
        match &shape.kind {
            ShapeKind::Simple(t) => {
                obj.insert("type".into(), json!(t.name()));
            }
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Structure(_) | ShapeKind::Union(_) => {
                obj.insert("type".into(), json!(shape.kind.type_name()));
                let members: Map<String, Value> =
                    shape.kind.members().iter().map(|m| (m.name.clone(), member_ast(m))).collect();
                obj.insert("members".into(), Value::Object(members));
            }
            ShapeKind::List(m) => {
                obj.insert("type".into(), json!("list"));
                obj.insert("member".into(), member_ast(m));
            }
            ShapeKind::Map { key, value } => {
                obj.insert("type".into(), json!("map"));
                obj.insert("key".into(), member_ast(key));
                obj.insert("value".into(), member_ast(value));
            }
            ShapeKind::Service(s) => {
                obj.insert("type".into(), json!("service"));
                obj.insert("version".into(), json!(s.version));
                obj.insert("operations".into(), rs(&kept(&s.operations)));
                obj.insert("resources".into(), rs(&kept(&s.resources)));
                obj.insert("errors".into(), rs(&s.errors));
                if !s.rename.is_empty() {
                    let rename: Map<String, Value> = s
                        .rename
                        .iter()
                        .filter(|(id, _)| self.shapes.contains(id))
                        .map(|(id, to)| (id.to_string(), json!(to)))
                        .collect();
                    obj.insert("rename".into(), Value::Object(rename));
                }
            }
            ShapeKind::Operation(o) => {
                obj.insert("type".into(), json!("operation"));
                obj.insert("input".into(), r(&o.input));
                obj.insert("output".into(), r(&o.output));
                obj.insert("errors".into(), rs(&o.errors));
            }
            ShapeKind::Resource(res) => {
                obj.insert("type".into(), json!("resource"));
                let named = |pairs: &[(String, ShapeId)]| -> Value {
                    Value::Object(pairs.iter().map(|(k, v)| (k.clone(), r(v))).collect())
                };
                obj.insert("identifiers".into(), named(&res.identifiers));
                obj.insert("properties".into(), named(&res.properties));
                let lifecycle = [
                    ("create", &res.create),
                    ("put", &res.put),
                    ("read", &res.read),
                    ("update", &res.update),
                    ("delete", &res.delete),
                    ("list", &res.list),
                ];
                for (key, op) in lifecycle {
                    if let Some(op) = op.as_ref().filter(|op| self.keep(op)) {
                        obj.insert(key.into(), r(op));
                    }
                }
                obj.insert("operations".into(), rs(&kept(&res.operations)));
                obj.insert("collectionOperations".into(), rs(&kept(&res.collection_operations)));
                obj.insert("resources".into(), rs(&kept(&res.resources)));
            }
        }
        let traits = traits_ast(&shape.traits, canonical_traits);
        if !traits.is_empty() {
            obj.insert("traits".into(), Value::Object(traits));
        }
        Value::Object(obj)
    }
}

fn member_ast(m: &crate::model::Member, canonical_traits: bool) -> Value {
    let mut obj = Map::new();
    obj.insert("target".into(), json!(m.target.as_str()));
    let traits = traits_ast(&m.traits, canonical_traits);
    if !traits.is_empty() {
        obj.insert("traits".into(), Value::Object(traits));
    }
    Value::Object(obj)
}

/// Traits in trait-id order; their values as the model wrote them, or canonical (for the hash).
fn traits_ast(traits: &crate::model::Traits, canonical_values: bool) -> Map<String, Value> {
    traits.iter().map(|(k, v)| (k.clone(), if canonical_values { canonical(v) } else { v.clone() })).collect()
}

/// Object keys sorted at every depth, so the hash does not depend on a trait value's key order.
fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<&String, Value> = map.iter().map(|(k, v)| (k, canonical(v))).collect();
            Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}
