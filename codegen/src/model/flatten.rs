//! From the assembled [`AstModel`] to the semantic [`Model`]: mixins flattened (mixins.rst),
//! every shape typed, every reference checked.

use super::ast::{AstModel, AstShape};
use super::builtin::Builtin;
use super::raw::{Entity, ShapeType};
use super::{Member, Model, Operation, Resource, Service, Shape, ShapeId, ShapeKind, Traits};
use crate::{Error, Result};
use serde_json::Value;
use std::collections::BTreeMap;

/// A shape's members, traits and properties once its mixins are applied. Each member's `id`
/// names the shape that first declared it, for error messages, until the shape is built.
#[derive(Debug, Clone)]
pub struct Flat {
    members: Vec<Member>,
    traits: Traits,
    entity: Entity,
}

/// The flattened form of each shape of a model.
pub type Flats = BTreeMap<ShapeId, Flat>;

/// Flattens and checks the model. Built-in shapes no `apply` changed are taken from the
/// built-in model, flattened once per process.
pub fn flatten(ast: &AstModel) -> Result<Model> {
    let base = match ast.builtin.is_empty() || ast.builtin_modified {
        true => None,
        false => Some(super::builtin::builtin()?),
    };
    Ok(flatten_with(ast, base)?.0)
}

/// Flattens every shape, keeping each one's flattened form.
pub fn flatten_all(ast: &AstModel) -> Result<(Model, Flats)> {
    flatten_with(ast, None)
}

fn flatten_with(ast: &AstModel, base: Option<&Builtin>) -> Result<(Model, Flats)> {
    let mut model = Model { sources: ast.sources.clone(), ..Model::default() };
    let reuse = |id: &ShapeId| base.is_some() && ast.builtin.contains(id);
    let mut done = Flats::new();
    for id in ast.shapes.keys().filter(|id| !reuse(id)) {
        flatten_one(ast, base, &model, id, &mut done, &mut Vec::new())?;
    }
    for (id, shape) in &ast.shapes {
        if let Some(base) = base.filter(|_| reuse(id)) {
            if let Some(built) = base.model.get(id) {
                model.shapes.insert(id.clone(), built.clone());
            }
            continue;
        }
        if shape.traits.mixin() {
            check_mixin_entity(shape).map_err(|e| model.locate(id, e))?;
        }
        let flat = done.get(id).cloned().expect("every shape was flattened");
        let built = build_shape(shape, flat).map_err(|e| model.locate(id, e))?;
        model.shapes.insert(id.clone(), built);
    }
    validate(&model, |id| !reuse(id))?;
    Ok((model, done))
}

fn flatten_one(
    ast: &AstModel,
    base: Option<&Builtin>,
    model: &Model,
    id: &ShapeId,
    done: &mut Flats,
    stack: &mut Vec<ShapeId>,
) -> Result<Flat> {
    if let Some(flat) = done.get(id) {
        return Ok(flat.clone());
    }
    if let Some(flat) = base.filter(|_| ast.builtin.contains(id)).and_then(|b| b.flats.get(id)) {
        return Ok(flat.clone());
    }
    let shape = &ast.shapes[id];
    let fail = |msg: String| model.error(id, msg);
    if stack.contains(id) {
        let cycle: Vec<_> = stack.iter().map(ShapeId::as_str).collect();
        return Err(fail(format!("mixin cycle: {} -> {id}", cycle.join(" -> "))));
    }
    stack.push(id.clone());
    let mut flat = Flat { members: vec![], traits: Traits::default(), entity: super::raw::empty_entity(shape.shape_type) };
    let mut wrong_type = Vec::new();
    for mixin in &shape.mixins {
        let Some(mixin_shape) = ast.shapes.get(mixin) else {
            return Err(fail(format!("mixin `{mixin}` not found")));
        };
        if !mixin_shape.traits.mixin() {
            return Err(fail(format!("`{mixin}` is used as a mixin but lacks the mixin trait")));
        }
        if !same_kind(mixin_shape.shape_type, shape.shape_type) {
            wrong_type.push(format!("`{mixin}`"));
            continue;
        }
        let inherited = flatten_one(ast, base, model, mixin, done, stack)?;
        for member in inherited.members {
            match flat.members.iter_mut().find(|m| m.name == member.name) {
                Some(earlier) if earlier.target != member.target => {
                    return Err(fail(format!(
                        "Member conflicts with an inherited mixin member: `{}` (mixins give `{}` and `{}` different targets)",
                        id.with_member(&member.name),
                        earlier.id,
                        member.id
                    )));
                }
                // The later mixin's traits win.
                Some(earlier) => earlier.traits.override_with(&member.traits),
                None => flat.members.push(member),
            }
        }
        let mut traits = inherited.traits;
        let local: Vec<String> = mixin_shape
            .traits
            .get("smithy.api#mixin")
            .and_then(|v| v.get("localTraits"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
            .unwrap_or_default();
        traits.remove("smithy.api#mixin");
        for t in &local {
            traits.remove(t);
        }
        // Traits the mixin itself declares but marks local are not inherited either.
        for (t, _) in mixin_shape.traits.iter() {
            if local.contains(t) {
                traits.remove(t);
            }
        }
        flat.traits.override_with(&traits);
        merge_entity(&mut flat.entity, &inherited.entity);
    }
    if !wrong_type.is_empty() {
        return Err(fail(format!(
            "Mixins may only be mixed into shapes of the same type. The following mixins were applied to the {} shape `{id}` which are not {} shapes: [{}]",
            shape.shape_type.name(),
            shape.shape_type.name(),
            wrong_type.join(", ")
        )));
    }
    for member in &shape.members {
        match flat.members.iter_mut().find(|m| m.name == member.name) {
            Some(inherited) if inherited.target != member.target => {
                return Err(model.error(
                    &member.id,
                    format!("Member conflicts with an inherited mixin member: `{}`", inherited.id),
                ));
            }
            // A redeclared member keeps its place and the inherited traits, under its own.
            Some(inherited) => inherited.traits.override_with(&member.traits),
            None => flat.members.push(member.clone()),
        }
    }
    flat.traits.override_with(&shape.traits);
    merge_entity(&mut flat.entity, &shape.entity);
    stack.pop();
    done.insert(id.clone(), flat.clone());
    Ok(flat)
}

/// A 1.0 `set` mixes with lists.
fn same_kind(a: ShapeType, b: ShapeType) -> bool {
    let norm = |t| if t == ShapeType::Set { ShapeType::List } else { t };
    norm(a) == norm(b)
}

/// mixins.rst: operation mixins cannot have input or output; resource mixins no properties at
/// all (identifiers, properties, operations: all are tied to the identifiers).
fn check_mixin_entity(mixin: &AstShape) -> Result<()> {
    let unit = super::prelude::unit_id();
    match &mixin.entity {
        Entity::Operation(o) if o.input != unit || o.output != unit => Err(Error::shape(
            &mixin.id,
            format!(
                "Operation shapes with the mixin trait MUST target `smithy.api#Unit` for their input and output. Operation mixin shape `{}` defines one or both of these properties.",
                mixin.id
            ),
        )),
        Entity::Resource(r) if *r != Resource::default() => Err(Error::shape(
            &mixin.id,
            format!(
                "Resource shapes with the mixin trait may not define any properties. Resource mixin shape `{}` defines one or more properties.",
                mixin.id
            ),
        )),
        _ => Ok(()),
    }
}

/// Adds a mixin's (or the shape's own) properties: lists concatenate without repeats, single
/// values are taken when set.
fn merge_entity(into: &mut Entity, from: &Entity) {
    fn extend(into: &mut Vec<ShapeId>, from: &[ShapeId]) {
        for id in from {
            if !into.contains(id) {
                into.push(id.clone());
            }
        }
    }
    fn extend_named(into: &mut Vec<(String, ShapeId)>, from: &[(String, ShapeId)]) {
        for (name, id) in from {
            match into.iter_mut().find(|(n, _)| n == name) {
                Some(entry) => entry.1 = id.clone(),
                None => into.push((name.clone(), id.clone())),
            }
        }
    }
    fn set(into: &mut Option<ShapeId>, from: &Option<ShapeId>) {
        if from.is_some() {
            into.clone_from(from);
        }
    }
    let unit = super::prelude::unit_id();
    match (into, from) {
        (Entity::Service(a), Entity::Service(b)) => {
            if !b.version.is_empty() {
                a.version.clone_from(&b.version);
            }
            extend(&mut a.operations, &b.operations);
            extend(&mut a.resources, &b.resources);
            extend(&mut a.errors, &b.errors);
            for (id, name) in &b.rename {
                match a.rename.iter_mut().find(|(i, _)| i == id) {
                    Some(entry) => entry.1.clone_from(name),
                    None => a.rename.push((id.clone(), name.clone())),
                }
            }
        }
        (Entity::Operation(a), Entity::Operation(b)) => {
            if b.input != unit {
                a.input = b.input.clone();
            }
            if b.output != unit {
                a.output = b.output.clone();
            }
            extend(&mut a.errors, &b.errors);
        }
        (Entity::Resource(a), Entity::Resource(b)) => {
            extend_named(&mut a.identifiers, &b.identifiers);
            extend_named(&mut a.properties, &b.properties);
            set(&mut a.create, &b.create);
            set(&mut a.put, &b.put);
            set(&mut a.read, &b.read);
            set(&mut a.update, &b.update);
            set(&mut a.delete, &b.delete);
            set(&mut a.list, &b.list);
            extend(&mut a.operations, &b.operations);
            extend(&mut a.collection_operations, &b.collection_operations);
            extend(&mut a.resources, &b.resources);
        }
        _ => {}
    }
}

fn build_shape(shape: &AstShape, flat: Flat) -> Result<Shape> {
    let id = &shape.id;
    let here = |msg: String| Error::shape(id, msg);
    // Members now belong to this shape.
    let mut members: Vec<Member> = flat
        .members
        .into_iter()
        .map(|m| Member { id: id.with_member(&m.name), ..m })
        .collect();
    let kind = match shape.shape_type {
        ShapeType::Simple(simple) => ShapeKind::Simple(simple),
        ShapeType::Enum | ShapeType::IntEnum => {
            let type_name = shape.shape_type.name();
            if members.is_empty() {
                return Err(here(format!("{type_name} shapes must have at least one member")));
            }
            for m in &members {
                if m.target != super::prelude::unit_id() {
                    return Err(Error::shape(&m.id, format!("{type_name} members must target `smithy.api#Unit`")));
                }
                check_enum_value(shape.shape_type, m)?;
            }
            if shape.shape_type == ShapeType::Enum {
                ShapeKind::Enum(members)
            } else {
                ShapeKind::IntEnum(members)
            }
        }
        ShapeType::List | ShapeType::Set => match members.len() {
            1 => ShapeKind::List(members.remove(0)),
            _ => return Err(here(format!("Missing required member of shape `{id}`: member"))),
        },
        ShapeType::Map => {
            let missing: Vec<&str> =
                ["key", "value"].into_iter().filter(|n| !members.iter().any(|m| m.name == *n)).collect();
            if !missing.is_empty() {
                let s = if missing.len() > 1 { "s" } else { "" };
                return Err(here(format!("Missing required member{s} of shape `{id}`: {}", missing.join(", "))));
            }
            let key = members.iter().position(|m| m.name == "key").expect("checked");
            let key = members.remove(key);
            ShapeKind::Map { key, value: members.remove(0) }
        }
        ShapeType::Structure => ShapeKind::Structure(members),
        ShapeType::Union => {
            if members.is_empty() && !flat.traits.mixin() {
                return Err(here("a union needs at least one member".into()));
            }
            ShapeKind::Union(members)
        }
        ShapeType::Service => match flat.entity {
            Entity::Service(s) => ShapeKind::Service(s),
            _ => ShapeKind::Service(Service::default()),
        },
        ShapeType::Resource => match flat.entity {
            Entity::Resource(r) => ShapeKind::Resource(r),
            _ => ShapeKind::Resource(Resource::default()),
        },
        ShapeType::Operation => match flat.entity {
            Entity::Operation(o) => ShapeKind::Operation(o),
            _ => ShapeKind::Operation(Operation::unit()),
        },
    };
    Ok(Shape { id: id.clone(), kind, traits: flat.traits })
}

/// enum members have string values; intEnum members integer values that fit an `i32`.
fn check_enum_value(shape_type: ShapeType, m: &Member) -> Result<()> {
    let value = m.traits.enum_value();
    let problem = match (shape_type, value) {
        (ShapeType::Enum, None) => None,
        (ShapeType::Enum, Some(Value::String(s))) if !s.is_empty() => None,
        (ShapeType::Enum, Some(Value::String(_))) => Some("enum values must not be empty".to_string()),
        (ShapeType::Enum, Some(v)) => Some(format!("enum members can only be assigned string values, but found: {v}")),
        (_, None) => Some("intEnum members require integer values, but none was given".to_string()),
        (_, Some(Value::Number(n))) if n.is_f64() => Some("intEnum members do not support floating point values".into()),
        (_, Some(Value::Number(n))) => match n.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(_) => None,
            None => Some(format!("intEnum members must fit within an integer, but found: {n}")),
        },
        (_, Some(v)) => Some(format!("intEnum members require integer values, but found: {v}")),
    };
    match problem {
        None => Ok(()),
        Some(p) => Err(Error::shape(&m.id, p)),
    }
}

/// Every reference of the shapes to check resolves; mixins are never targeted.
fn validate(model: &Model, to_check: impl Fn(&ShapeId) -> bool) -> Result<()> {
    for shape in model.shapes.values().filter(|s| to_check(&s.id)) {
        let check = |from: &ShapeId, to: &ShapeId, what: &str| -> Result<()> {
            match model.shapes.get(to) {
                None => Err(model.error(from, format!("{what} `{to}` not found"))),
                Some(t) if t.traits.mixin() => {
                    Err(model.error(from, format!("{what} `{to}` is a mixin and cannot be targeted")))
                }
                Some(_) => Ok(()),
            }
        };
        for member in shape.kind.all_members() {
            check(&member.id, &member.target, "target")?;
        }
        match &shape.kind {
            ShapeKind::Service(s) => {
                for op in &s.operations {
                    check(&shape.id, op, "operation")?;
                }
                for r in &s.resources {
                    check(&shape.id, r, "resource")?;
                }
                for e in &s.errors {
                    check(&shape.id, e, "error")?;
                }
            }
            ShapeKind::Operation(op) => {
                check(&shape.id, &op.input, "input")?;
                check(&shape.id, &op.output, "output")?;
                for e in &op.errors {
                    check(&shape.id, e, "error")?;
                }
            }
            ShapeKind::Resource(r) => {
                for op in r.bound_operations() {
                    check(&shape.id, op, "operation")?;
                }
                for child in &r.resources {
                    check(&shape.id, child, "resource")?;
                }
                for (_, target) in r.identifiers.iter().chain(&r.properties) {
                    check(&shape.id, target, "identifier or property target")?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}
