//! Merging the files of a model into one [`AstModel`] (model.rst "Merging model files"):
//! shapes defined twice are reconciled, elided member targets resolved (idl.rst "Target
//! Elision"), `apply` statements merged (idl.rst "Apply statement"), metadata merged
//! (model.rst "Metadata conflicts"), and 1.0 files given their 2.0 meaning
//! (migrating-idl-1-to-2.rst).

use super::ast::{AstModel, AstShape};
use super::builtin::Builtin;
use super::raw::{Entity, Position, RawApply, RawFile, RawShape, ShapeType, Version};
use super::{Member, ShapeId, SimpleType, Traits};
use crate::{Error, Result};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A shape while files are merged, with where it came from.
struct Pending {
    shape: RawShape,
    file: String,
    version: Version,
}

/// The shapes of the files being merged, and of the built-in definitions (assembled once).
struct Shapes<'a> {
    user: BTreeMap<ShapeId, Pending>,
    builtin: Option<&'a Builtin>,
}

impl Shapes<'_> {
    /// A shape as written, user or built-in.
    fn raw(&self, id: &ShapeId) -> Option<&RawShape> {
        match self.user.get(id) {
            Some(p) => Some(&p.shape),
            None => self.builtin.and_then(|b| b.raw.get(id)).map(|(_, shape)| shape),
        }
    }
}

/// Merges the user's files onto the built-in definitions (`None` when assembling the built-in
/// definitions themselves).
pub fn assemble(builtin: Option<&Builtin>, files: &[RawFile]) -> Result<AstModel> {
    let mut shapes = Shapes { user: BTreeMap::new(), builtin };
    let mut model = builtin.map(|b| b.ast.clone()).unwrap_or_default();
    let mut applies: Vec<(&str, &RawApply)> = Vec::new();
    for file in files {
        for (key, value) in &file.metadata {
            merge_metadata(&mut model.metadata, key, value).map_err(|e| Error::msg(e).in_file(&file.name))?;
        }
        for shape in &file.shapes {
            add_shape(&mut shapes, file, shape)?;
        }
        applies.extend(file.applies.iter().map(|a| (file.name.as_str(), a)));
    }
    let elided = resolve_elided_targets(&mut shapes)?;
    let inherited = inherit_elided_members(&mut shapes, &elided);
    let mut versions: BTreeMap<ShapeId, Version> = BTreeMap::new();
    for (id, pending) in shapes.user {
        let Pending { shape, file, version } = pending;
        for member in shape.members.iter().filter(|m| m.at.is_some()) {
            model.sources.insert(id.with_member(&member.name), (file.clone(), member.at));
        }
        model.sources.insert(id.clone(), (file, shape.at));
        versions.insert(id.clone(), version);
        model.shapes.insert(id, into_ast_shape(shape));
    }
    for (file, apply) in inherited.iter().map(|(f, a)| (f.as_str(), a)).chain(applies) {
        if model.builtin.contains(&apply.target.root()) {
            model.builtin_modified = true;
        }
        apply_traits(&mut model, apply).map_err(|e| at(e, file, apply.at))?;
    }
    upgrade_v1(&mut model, &versions);
    for id in versions.keys() {
        if let Some(shape) = model.shapes.get_mut(id) {
            normalize(shape);
        }
    }
    Ok(model)
}

/// Adds a file's shape; a shape defined before must be reconciled with it.
fn add_shape(shapes: &mut Shapes, file: &RawFile, shape: &RawShape) -> Result<()> {
    let here = |msg: String| at(Error::shape(&shape.id, msg), &file.name, shape.at);
    if let Some((builtin_file, builtin)) = shapes.builtin.and_then(|b| b.raw.get(&shape.id)) {
        // The prelude and the AWS trait definitions may be repeated, but only word for word.
        if !same_definition(builtin, shape) {
            return Err(here(format!(
                "conflicts with the built-in definition of this shape (`{builtin_file}`); a file may repeat it only identically"
            )));
        }
        return Ok(());
    }
    let Some(existing) = shapes.user.get_mut(&shape.id) else {
        let pending = Pending { shape: shape.clone(), file: file.name.clone(), version: file.version };
        shapes.user.insert(shape.id.clone(), pending);
        return Ok(());
    };
    let targets = |s: &RawShape| s.members.iter().map(|m| (m.name.clone(), m.target.clone())).collect::<Vec<_>>();
    if existing.shape.shape_type != shape.shape_type
        || targets(&existing.shape) != targets(shape)
        || existing.shape.mixins != shape.mixins
        || existing.shape.entity != shape.entity
    {
        return Err(here(format!("defined differently in `{}` and `{}`", existing.file, file.name)));
    }
    existing.shape.traits.merge(&shape.traits).map_err(here)?;
    for (mine, theirs) in existing.shape.members.iter_mut().zip(&shape.members) {
        mine.traits.merge(&theirs.traits).map_err(here)?;
    }
    Ok(())
}

/// Two definitions say the same thing (positions aside).
fn same_definition(a: &RawShape, b: &RawShape) -> bool {
    fn members(s: &RawShape) -> Vec<(&String, &Option<ShapeId>, &Traits)> {
        s.members.iter().map(|m| (&m.name, &m.target, &m.traits)).collect()
    }
    a.shape_type == b.shape_type
        && members(a) == members(b)
        && a.traits == b.traits
        && a.mixins == b.mixins
        && a.entity == b.entity
        && a.for_resource == b.for_resource
}

/// model.rst "Metadata conflicts": arrays concatenate, equal values are fine, the rest conflict.
fn merge_metadata(metadata: &mut Map<String, Value>, key: &str, value: &Value) -> Result<(), String> {
    match metadata.get_mut(key) {
        None => {
            metadata.insert(key.to_string(), value.clone());
        }
        Some(Value::Array(items)) if value.is_array() => items.extend(value.as_array().into_iter().flatten().cloned()),
        Some(existing) if existing == value => {}
        Some(_) => return Err(format!("metadata `{key}` is defined twice with conflicting values")),
    }
    Ok(())
}

/// Gives each elided member (`$name`) the target of the same-named identifier or property of
/// the `for` resource, else of the same-named member a mixin provides. A mixin's member may
/// itself be elided, so this repeats until nothing changes. Returns the elided members.
fn resolve_elided_targets(shapes: &mut Shapes) -> Result<Vec<ShapeId>> {
    let mut elided: Vec<ShapeId> = shapes
        .user
        .values()
        .flat_map(|p| p.shape.members.iter().filter(|m| m.target.is_none()).map(|m| p.shape.id.with_member(&m.name)))
        .collect();
    elided.sort();
    loop {
        let mut found: Vec<(ShapeId, usize, ShapeId)> = Vec::new();
        let mut unresolved: Option<(ShapeId, usize)> = None;
        for (id, pending) in shapes.user.iter() {
            for (index, member) in pending.shape.members.iter().enumerate() {
                if member.target.is_some() {
                    continue;
                }
                match elided_target(shapes, &pending.shape, &member.name)
                    .map_err(|e| at(e, &pending.file, pending.shape.at))?
                {
                    Some(target) => found.push((id.clone(), index, target)),
                    None => unresolved = unresolved.or(Some((id.clone(), index))),
                }
            }
        }
        if found.is_empty() {
            return match unresolved {
                None => Ok(elided),
                Some((id, index)) => {
                    let pending = &shapes.user[&id];
                    let member = &pending.shape.members[index];
                    Err(at(
                        Error::shape(
                            id.with_member(&member.name),
                            "Member target was elided, but no bound resource or mixin contained a matching identifier or member name.",
                        ),
                        &pending.file,
                        member.at,
                    ))
                }
            };
        }
        for (id, index, target) in found {
            if let Some(pending) = shapes.user.get_mut(&id) {
                pending.shape.members[index].target = Some(target);
            }
        }
    }
}

/// An elided member that a mixin also provides, with the same target, is the inherited member:
/// it leaves the shape's own members, and its traits are applied to the inherited one (as the
/// reference implementation models it). With another target it stays, and flattening reports
/// the conflict.
fn inherit_elided_members(shapes: &mut Shapes, elided: &[ShapeId]) -> Vec<(String, RawApply)> {
    let mut applies = Vec::new();
    for member_id in elided {
        let (root, name) = (member_id.root(), member_id.member().unwrap_or_default());
        let Some(pending) = shapes.user.get(&root) else { continue };
        let Some(index) = pending.shape.members.iter().position(|m| m.name == name) else { continue };
        let target = pending.shape.members[index].target.clone();
        if target.is_none() || mixin_member_target(shapes, &pending.shape.mixins, name, 0) != target {
            continue;
        }
        let pending = shapes.user.get_mut(&root).expect("looked up above");
        let member = pending.shape.members.remove(index);
        if !member.traits.is_empty() {
            let apply = RawApply { target: member_id.clone(), traits: member.traits, at: member.at };
            applies.push((pending.file.clone(), apply));
        }
    }
    applies
}

/// The target an elided member takes, if it can be known yet.
fn elided_target(shapes: &Shapes, shape: &RawShape, name: &str) -> Result<Option<ShapeId>> {
    if let Some(resource_id) = &shape.for_resource {
        let Some(resource) = shapes.raw(resource_id) else {
            return Err(Error::shape(&shape.id, format!("the `for` resource `{resource_id}` is not defined")));
        };
        let Entity::Resource(r) = &resource.entity else {
            return Err(Error::shape(
                &shape.id,
                format!(
                    "The target of the `for` production must be a resource shape, but found a {} shape: {resource_id}",
                    resource.shape_type.name()
                ),
            ));
        };
        if let Some((_, target)) = r.identifiers.iter().chain(&r.properties).find(|(n, _)| n == name) {
            return Ok(Some(target.clone()));
        }
    }
    Ok(mixin_member_target(shapes, &shape.mixins, name, 0))
}

/// The target of the member `name` the mixins provide (their own members, then theirs).
fn mixin_member_target(shapes: &Shapes, mixins: &[ShapeId], name: &str, depth: usize) -> Option<ShapeId> {
    // A mixin cycle is reported when mixins are flattened; stop here without looping.
    if depth > shapes.user.len() + 1 {
        return None;
    }
    for mixin in mixins {
        let Some(shape) = shapes.raw(mixin) else { continue };
        if let Some(member) = shape.members.iter().find(|m| m.name == name) {
            return member.target.clone();
        }
        if let Some(target) = mixin_member_target(shapes, &shape.mixins, name, depth + 1) {
            return Some(target);
        }
    }
    None
}

fn into_ast_shape(shape: RawShape) -> AstShape {
    let members = shape
        .members
        .into_iter()
        .map(|m| Member {
            id: shape.id.with_member(&m.name),
            target: m.target.expect("elided targets are resolved before shapes are built"),
            name: m.name,
            traits: m.traits,
        })
        .collect();
    AstShape {
        id: shape.id,
        shape_type: shape.shape_type,
        mixins: shape.mixins,
        members,
        traits: shape.traits,
        entity: shape.entity,
    }
}

/// Merges an `apply` statement's traits into the shape or member it names. Applying a trait to
/// a member the shape inherits from a mixin makes that member the shape's own.
fn apply_traits(model: &mut AstModel, apply: &RawApply) -> Result<()> {
    let root = apply.target.root();
    let missing = || Error::shape(&apply.target, "`apply` names a shape that is not defined");
    if !model.shapes.contains_key(&root) {
        return Err(missing());
    }
    // An `apply` without traits changes nothing (it does not make an inherited member local).
    if apply.traits.is_empty() {
        return Ok(());
    }
    let Some(name) = apply.target.member() else {
        let shape = model.shapes.get_mut(&root).ok_or_else(missing)?;
        return shape.traits.merge(&apply.traits).map_err(|e| Error::shape(&apply.target, e));
    };
    let shape = model.shapes.get(&root).ok_or_else(missing)?;
    if !shape.members.iter().any(|m| m.name == name) {
        let target = inherited_target(model, &shape.mixins, name, 0).ok_or_else(missing)?;
        let member = Member { name: name.to_string(), id: apply.target.clone(), target, traits: Traits::default() };
        model.shapes.get_mut(&root).ok_or_else(missing)?.members.push(member);
    }
    let shape = model.shapes.get_mut(&root).ok_or_else(missing)?;
    let member = shape.members.iter_mut().find(|m| m.name == name).ok_or_else(missing)?;
    member.traits.merge(&apply.traits).map_err(|e| Error::shape(&apply.target, e))
}

fn inherited_target(model: &AstModel, mixins: &[ShapeId], name: &str, depth: usize) -> Option<ShapeId> {
    if depth > model.shapes.len() {
        return None;
    }
    mixins.iter().filter_map(|id| model.shapes.get(id)).find_map(|mixin| {
        mixin
            .members
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.target.clone())
            .or_else(|| inherited_target(model, &mixin.mixins, name, depth + 1))
    })
}

/// The types that had a zero value, and so a default, in Smithy 1.0.
fn had_default_in_v1(t: ShapeType) -> bool {
    matches!(
        t,
        ShapeType::Simple(
            SimpleType::Boolean
                | SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::Float
                | SimpleType::Double
        ) | ShapeType::IntEnum
    )
}

fn zero_value(t: ShapeType) -> Value {
    match t {
        ShapeType::Simple(SimpleType::Boolean) => json!(false),
        ShapeType::Simple(SimpleType::Blob | SimpleType::String) => json!(""),
        _ => json!(0),
    }
}

const BOX: &str = "smithy.api#box";
const DEFAULT: &str = "smithy.api#default";

/// Gives the shapes of 1.0 files their 2.0 meaning (migrating-idl-1-to-2.rst): a number or
/// boolean that was not `@box`ed had a zero value, so it and the structure members that target
/// it get `@default` of that zero (a member marked `@box` gets `@default(null)`), and a `set`
/// becomes a list with `@uniqueItems`.
fn upgrade_v1(model: &mut AstModel, versions: &BTreeMap<ShapeId, Version>) {
    let v1 = |id: &ShapeId| versions.get(id) == Some(&Version::V1);
    let ids: Vec<ShapeId> = model.shapes.keys().filter(|id| v1(id)).cloned().collect();
    for id in &ids {
        let shape = model.shapes.get_mut(id).expect("listed above");
        if had_default_in_v1(shape.shape_type) && !shape.traits.has(BOX) && !shape.traits.has(DEFAULT) {
            shape.traits.insert(DEFAULT.into(), zero_value(shape.shape_type));
        }
        if shape.shape_type == ShapeType::Set {
            shape.shape_type = ShapeType::List;
            if !shape.traits.has("smithy.api#uniqueItems") {
                shape.traits.insert("smithy.api#uniqueItems".into(), json!({}));
            }
        }
    }
    for id in &ids {
        let shape = &model.shapes[id];
        if shape.shape_type != ShapeType::Structure {
            continue;
        }
        let mut defaults: Vec<(usize, Value)> = Vec::new();
        for (index, member) in shape.members.iter().enumerate() {
            if member.traits.has(DEFAULT) {
                continue;
            }
            if member.traits.has(BOX) {
                defaults.push((index, Value::Null));
                continue;
            }
            let Some(target) = model.shapes.get(&member.target) else { continue };
            let zero = zero_value(target.shape_type);
            let target_has_zero = had_default_in_v1(target.shape_type) && target.traits.get(DEFAULT) == Some(&zero);
            let streaming_blob = target.shape_type == ShapeType::Simple(SimpleType::Blob)
                && target.traits.has("smithy.api#streaming")
                && !member.traits.required();
            if (target_has_zero || streaming_blob) && !target.traits.has(BOX) {
                defaults.push((index, zero));
            }
        }
        let shape = model.shapes.get_mut(id).expect("listed above");
        for (index, value) in defaults {
            shape.members[index].traits.insert(DEFAULT.into(), value);
        }
    }
}

/// What the semantic model holds implicitly, made explicit: an enum member without
/// `@enumValue` has its name as value (model.rst, enum shapes).
fn normalize(shape: &mut AstShape) {
    if shape.shape_type == ShapeType::Enum {
        for member in &mut shape.members {
            if !member.traits.has("smithy.api#enumValue") {
                member.traits.insert("smithy.api#enumValue".into(), json!(member.name));
            }
        }
    }
}

/// An error located in a file and, when known, at a position in it.
fn at(error: Error, file: &str, position: Option<Position>) -> Error {
    let error = error.in_file(file);
    match position {
        Some(p) => error.at(p),
        None => error,
    }
}
