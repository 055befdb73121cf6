//! Reading JSON AST files into a [`Model`]: parse, merge files, flatten mixins, apply `apply`,
//! type every shape, check every reference. Each error names the file and the shape id.

use super::prelude;
use super::{Member, Model, Operation, Resource, Service, Shape, ShapeId, ShapeKind, SimpleType, Traits};
use crate::{Error, Result};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One model file's text and the name to report it by.
#[derive(Debug, Clone)]
pub struct Source {
    /// How errors name the file (the path as the user gave it).
    pub name: String,
    /// The JSON text.
    pub text: String,
}

/// What loading produced besides the model: notes for the user that are not errors.
pub type Warnings = Vec<String>;

/// Reads and loads model files from disk.
pub fn load_files(paths: &[impl AsRef<Path>]) -> Result<(Model, Warnings)> {
    let mut sources = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::msg(format!("cannot read model file: {e}")).in_file(&name))?;
        sources.push(Source { name, text });
    }
    load_sources(&sources)
}

/// A shape as written in a file, before mixins and `apply` are resolved.
struct RawShape {
    file: String,
    type_name: String,
    /// Members in declared order (`member`, `key`, `value` for collections).
    members: Vec<(String, ShapeId, Traits)>,
    traits: Traits,
    mixins: Vec<ShapeId>,
    /// The whole JSON object, for the fields of services, resources and operations.
    body: Map<String, Value>,
}

/// Loads a model from file texts (several files merge into one model).
pub fn load_sources(sources: &[Source]) -> Result<(Model, Warnings)> {
    let mut warnings = Vec::new();
    let mut raw: BTreeMap<ShapeId, RawShape> = BTreeMap::new();
    let mut applies: Vec<(String, ShapeId, Traits)> = Vec::new();
    for source in sources {
        read_file(source, &mut raw, &mut applies, &mut warnings).map_err(|e| e.in_file(&source.name))?;
    }
    let flattened = flatten_mixins(&raw)?;
    let mut shapes: BTreeMap<ShapeId, Shape> = BTreeMap::new();
    let mut files: BTreeMap<ShapeId, String> = BTreeMap::new();
    for shape in prelude::shapes() {
        shapes.insert(shape.id.clone(), shape);
    }
    for (id, r) in &raw {
        let (members, traits) = flattened.get(id).cloned().unwrap_or_default();
        let shape = build_shape(id, r, members, traits).map_err(|e| e.in_file(&r.file))?;
        files.insert(id.clone(), r.file.clone());
        shapes.insert(id.clone(), shape);
    }
    for (file, target, traits) in applies {
        apply(&mut shapes, &target, &traits).map_err(|e| e.in_file(&file))?;
    }
    let model = Model { shapes, files };
    validate(&model)?;
    Ok((model, warnings))
}

fn read_file(
    source: &Source,
    raw: &mut BTreeMap<ShapeId, RawShape>,
    applies: &mut Vec<(String, ShapeId, Traits)>,
    warnings: &mut Warnings,
) -> Result<()> {
    let doc: Value = serde_json::from_str(&source.text).map_err(|e| {
        Error::msg(format!("invalid JSON at line {}, column {}: {e}", e.line(), e.column()))
    })?;
    let top = doc.as_object().ok_or_else(|| Error::msg("a model file must be a JSON object"))?;
    match top.get("smithy").and_then(Value::as_str) {
        Some("2" | "2.0") => {}
        Some(v) => {
            return Err(Error::msg(format!(
                "unsupported Smithy version `{v}`: only 2.0 JSON AST models are read"
            )))
        }
        None => return Err(Error::msg("missing the `smithy` version string")),
    }
    let Some(entries) = top.get("shapes") else { return Ok(()) };
    let entries = entries.as_object().ok_or_else(|| Error::msg("`shapes` must be an object"))?;
    for (key, entry) in entries {
        let id = ShapeId::parse(key).map_err(|e| Error::shape(key, e))?;
        let here = |msg: String| Error::shape(&id, msg);
        let obj = entry.as_object().ok_or_else(|| here("a shape must be a JSON object".into()))?;
        let mut type_name = obj
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| here("missing `type`".into()))?
            .to_string();
        let traits = traits_of(obj).map_err(here)?;
        if type_name == "apply" {
            applies.push((source.name.clone(), id, traits));
            continue;
        }
        if id.member().is_some() {
            return Err(here("only `apply` entries may use a member id".into()));
        }
        if type_name == "set" {
            warnings.push(format!(
                "{}: {id}: Smithy 1.0 `set` read as a list (items should be unique)",
                source.name
            ));
            type_name = "list".into();
        }
        let members = members_of(&id, &type_name, obj)?;
        let mixins = refs(obj.get("mixins")).map_err(here)?;
        let shape = RawShape {
            file: source.name.clone(),
            type_name,
            members,
            traits,
            mixins,
            body: obj.clone(),
        };
        match raw.get_mut(&id) {
            None => {
                raw.insert(id, shape);
            }
            Some(existing) => merge_definition(&id, existing, shape)?,
        }
    }
    Ok(())
}

/// The same shape defined in two files: same type and member targets; traits merge.
fn merge_definition(id: &ShapeId, existing: &mut RawShape, other: RawShape) -> Result<()> {
    let targets = |s: &RawShape| s.members.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect::<Vec<_>>();
    if existing.type_name != other.type_name || targets(existing) != targets(&other) {
        return Err(Error::shape(
            id,
            format!("defined differently in `{}` and `{}`", existing.file, other.file),
        ));
    }
    let conflict = |e: String| Error::shape(id, e).in_file(&other.file);
    existing.traits.merge(&other.traits).map_err(conflict)?;
    for ((_, _, mine), (_, _, theirs)) in existing.members.iter_mut().zip(&other.members) {
        mine.merge(theirs).map_err(conflict)?;
    }
    Ok(())
}

fn traits_of(obj: &Map<String, Value>) -> Result<Traits, String> {
    match obj.get("traits") {
        None => Ok(Traits::default()),
        Some(Value::Object(map)) => {
            for key in map.keys() {
                ShapeId::parse(key).map_err(|e| format!("trait id: {e}"))?;
            }
            Ok(Traits::from_map(map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
        }
        Some(_) => Err("`traits` must be an object".into()),
    }
}

fn members_of(id: &ShapeId, type_name: &str, obj: &Map<String, Value>) -> Result<Vec<(String, ShapeId, Traits)>> {
    let member = |name: &str, value: &Value| -> Result<(String, ShapeId, Traits)> {
        let mid = id.with_member(name);
        let here = |msg: String| Error::shape(&mid, msg);
        if ShapeId::parse(mid.as_str()).is_err() {
            return Err(here("invalid member name".into()));
        }
        let m = value.as_object().ok_or_else(|| here("a member must be an object".into()))?;
        let target = match m.get("target") {
            Some(Value::String(t)) => ShapeId::parse(t).map_err(here)?,
            // Enum members implicitly target Unit.
            None if matches!(type_name, "enum" | "intEnum") => prelude::unit_id(),
            _ => return Err(here("missing `target`".into())),
        };
        Ok((name.to_string(), target, traits_of(m).map_err(here)?))
    };
    let mut out = Vec::new();
    match type_name {
        "list" => {
            if let Some(v) = obj.get("member") {
                out.push(member("member", v)?);
            }
        }
        "map" => {
            for name in ["key", "value"] {
                if let Some(v) = obj.get(name) {
                    out.push(member(name, v)?);
                }
            }
        }
        "structure" | "union" | "enum" | "intEnum" => {
            if let Some(members) = obj.get("members") {
                let members = members
                    .as_object()
                    .ok_or_else(|| Error::shape(id, "`members` must be an object"))?;
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

type Flat = (Vec<(String, ShapeId, Traits)>, Traits);

/// Flattens every shape's mixins: inherited members first (pre-order), then local ones;
/// mixin traits (but `mixin` itself and its `localTraits`) under the shape's own.
fn flatten_mixins(raw: &BTreeMap<ShapeId, RawShape>) -> Result<BTreeMap<ShapeId, Flat>> {
    let mut done: BTreeMap<ShapeId, Flat> = BTreeMap::new();
    for id in raw.keys() {
        flatten_one(id, raw, &mut done, &mut Vec::new())?;
    }
    Ok(done)
}

fn flatten_one(
    id: &ShapeId,
    raw: &BTreeMap<ShapeId, RawShape>,
    done: &mut BTreeMap<ShapeId, Flat>,
    stack: &mut Vec<ShapeId>,
) -> Result<Flat> {
    if let Some(flat) = done.get(id) {
        return Ok(flat.clone());
    }
    let shape = &raw[id];
    let fail = |msg: String| Error::shape(id, msg).in_file(&shape.file);
    if stack.contains(id) {
        let cycle: Vec<_> = stack.iter().map(ShapeId::as_str).collect();
        return Err(fail(format!("mixin cycle: {} -> {id}", cycle.join(" -> "))));
    }
    stack.push(id.clone());
    let mut members: Vec<(String, ShapeId, Traits)> = Vec::new();
    let mut traits = Traits::default();
    for mixin in &shape.mixins {
        let Some(mixin_shape) = raw.get(mixin) else {
            return Err(fail(format!("mixin `{mixin}` not found")));
        };
        if !mixin_shape.traits.mixin() {
            return Err(fail(format!("`{mixin}` is used as a mixin but lacks the mixin trait")));
        }
        if mixin_shape.type_name != shape.type_name {
            return Err(fail(format!(
                "mixin `{mixin}` is a {} but this shape is a {}",
                mixin_shape.type_name, shape.type_name
            )));
        }
        let (inherited, mut inherited_traits) = flatten_one(mixin, raw, done, stack)?;
        for member in inherited {
            if !members.iter().any(|m| m.0 == member.0) {
                members.push(member);
            }
        }
        let local: Vec<String> = mixin_shape
            .traits
            .get("smithy.api#mixin")
            .and_then(|v| v.get("localTraits"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
            .unwrap_or_default();
        inherited_traits.remove("smithy.api#mixin");
        for t in &local {
            inherited_traits.remove(t);
        }
        traits.override_with(&inherited_traits);
    }
    for (name, target, member_traits) in &shape.members {
        match members.iter_mut().find(|m| &m.0 == name) {
            Some(inherited) => {
                if &inherited.1 != target {
                    return Err(fail(format!(
                        "member `{name}` redeclares an inherited member with another target"
                    )));
                }
                inherited.2.override_with(member_traits);
            }
            None => members.push((name.clone(), target.clone(), member_traits.clone())),
        }
    }
    traits.override_with(&shape.traits);
    stack.pop();
    done.insert(id.clone(), (members.clone(), traits.clone()));
    Ok((members, traits))
}

fn build_shape(id: &ShapeId, raw: &RawShape, members: Vec<(String, ShapeId, Traits)>, traits: Traits) -> Result<Shape> {
    let here = |msg: String| Error::shape(id, msg);
    let to_member = |(name, target, traits): (String, ShapeId, Traits)| Member {
        id: id.with_member(&name),
        name,
        target,
        traits,
    };
    let mut members: Vec<Member> = members.into_iter().map(to_member).collect();
    let body = &raw.body;
    let kind = match raw.type_name.as_str() {
        "enum" | "intEnum" => {
            if members.is_empty() {
                return Err(here(format!("an {} needs at least one member", raw.type_name)));
            }
            for m in &members {
                let ok = match (raw.type_name.as_str(), m.traits.enum_value()) {
                    ("enum", None) => true,
                    ("enum", Some(v)) => v.as_str().is_some_and(|s| !s.is_empty()),
                    (_, v) => v.and_then(Value::as_i64).and_then(|n| i32::try_from(n).ok()).is_some(),
                };
                if !ok {
                    return Err(Error::shape(&m.id, "invalid or missing `enumValue`"));
                }
            }
            if raw.type_name == "enum" {
                ShapeKind::Enum(members)
            } else {
                ShapeKind::IntEnum(members)
            }
        }
        "list" => {
            if members.len() != 1 {
                return Err(here("a list needs a `member`".into()));
            }
            ShapeKind::List(members.remove(0))
        }
        "map" => {
            if members.len() != 2 {
                return Err(here("a map needs a `key` and a `value`".into()));
            }
            let value = members.remove(1);
            ShapeKind::Map { key: members.remove(0), value }
        }
        "structure" => ShapeKind::Structure(members),
        "union" => {
            if members.is_empty() {
                return Err(here("a union needs at least one member".into()));
            }
            ShapeKind::Union(members)
        }
        "service" => {
            let rename = match body.get("rename") {
                None => vec![],
                Some(Value::Object(map)) => map
                    .iter()
                    .map(|(k, v)| {
                        let from = ShapeId::parse(k).map_err(here)?;
                        let to = v.as_str().ok_or_else(|| here("`rename` values must be strings".into()))?;
                        Ok((from, to.to_string()))
                    })
                    .collect::<Result<_>>()?,
                Some(_) => return Err(here("`rename` must be an object".into())),
            };
            ShapeKind::Service(Service {
                version: body.get("version").and_then(Value::as_str).unwrap_or_default().to_string(),
                operations: refs(body.get("operations")).map_err(here)?,
                resources: refs(body.get("resources")).map_err(here)?,
                errors: refs(body.get("errors")).map_err(here)?,
                rename,
            })
        }
        "operation" => ShapeKind::Operation(Operation {
            input: one_ref(body.get("input")).map_err(here)?.unwrap_or_else(prelude::unit_id),
            output: one_ref(body.get("output")).map_err(here)?.unwrap_or_else(prelude::unit_id),
            errors: refs(body.get("errors")).map_err(here)?,
        }),
        "resource" => {
            let named = |key: &str| -> Result<Vec<(String, ShapeId)>> {
                match body.get(key) {
                    None => Ok(vec![]),
                    Some(Value::Object(map)) => map
                        .iter()
                        .map(|(k, v)| Ok((k.clone(), shape_ref(v).map_err(here)?)))
                        .collect(),
                    Some(_) => Err(here(format!("`{key}` must be an object"))),
                }
            };
            let one = |key: &str| one_ref(body.get(key)).map_err(here);
            let many = |key: &str| refs(body.get(key)).map_err(here);
            ShapeKind::Resource(Resource {
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
        other => match SimpleType::from_ast(other) {
            Some(simple) => ShapeKind::Simple(simple),
            None => return Err(here(format!("unknown shape type `{other}`"))),
        },
    };
    Ok(Shape { id: id.clone(), kind, traits })
}

/// An `apply` entry: adds traits to a shape or member defined elsewhere.
fn apply(shapes: &mut BTreeMap<ShapeId, Shape>, target: &ShapeId, traits: &Traits) -> Result<()> {
    let missing = || Error::shape(target, "`apply` names a shape that is not defined");
    let shape = shapes.get_mut(&target.root()).ok_or_else(missing)?;
    let merged = match target.member() {
        None => shape.traits.merge(traits),
        Some(name) => {
            let member = match &mut shape.kind {
                ShapeKind::Enum(m) | ShapeKind::IntEnum(m) | ShapeKind::Structure(m) | ShapeKind::Union(m) => {
                    m.iter_mut().find(|m| m.name == name)
                }
                ShapeKind::List(m) if name == "member" => Some(m),
                ShapeKind::Map { key, .. } if name == "key" => Some(key),
                ShapeKind::Map { value, .. } if name == "value" => Some(value),
                _ => None,
            };
            member.ok_or_else(missing)?.traits.merge(traits)
        }
    };
    merged.map_err(|e| Error::shape(target, e))
}

/// Every reference resolves; mixins are never targeted; enum members target Unit.
fn validate(model: &Model) -> Result<()> {
    for shape in model.shapes.values() {
        let file = model.files.get(&shape.id).map(String::as_str).unwrap_or("<prelude>");
        let check = |from: &ShapeId, to: &ShapeId, what: &str| -> Result<()> {
            match model.shapes.get(to) {
                None => Err(Error::shape(from, format!("{what} `{to}` not found")).in_file(file)),
                Some(t) if t.traits.mixin() => {
                    Err(Error::shape(from, format!("{what} `{to}` is a mixin and cannot be targeted")).in_file(file))
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
