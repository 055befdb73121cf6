//! From a parsed IDL file to the [`RawFile`] every reader produces: relative shape ids resolved
//! (idl.rst "Relative shape ID resolution": `use`, then the namespace, then the prelude, across
//! every file of the model), syntactic shape ids in node values resolved, value-less traits
//! given the value their definition implies, `= value` turned into `@default` or `@enumValue`,
//! and the properties of services, resources and operations typed.

use super::syntax::{Body, IdRef, IdlFile, Node, ShapeDef, TraitApp};
use crate::model::raw::{canonical_number, empty_entity, Entity, RawApply, RawFile, RawMember, RawShape};
use crate::model::{Operation, Position, Resource, Service, ShapeId, ShapeType, Traits, Version};
use crate::{Error, Result};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// What is known of every shape of the model before any file is lowered: its type (value-less
/// traits take their value from it) and whether it is private (the prelude's private shapes
/// cannot be named by a relative id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexEntry {
    pub shape_type: ShapeType,
    pub private: bool,
}

/// Every root shape id of the model.
pub type Index = BTreeMap<ShapeId, IndexEntry>;

/// The shapes an IDL file defines, for the index.
pub fn defined_shapes(file: &IdlFile) -> Vec<(String, ShapeType)> {
    let Some(namespace) = &file.namespace else { return vec![] };
    file.shapes.iter().map(|s| (format!("{namespace}#{}", s.name), s.shape_type)).collect()
}

/// Lowers one parsed file. `name` is how errors name it; `warnings` gets notes that are not
/// errors.
pub fn lower(name: &str, file: &IdlFile, index: &Index, warnings: &mut Vec<String>) -> Result<RawFile> {
    let resolver = Resolver {
        file: name,
        namespace: file.namespace.as_deref(),
        uses: file.uses.iter().map(|(n, id, _)| (n.as_str(), id.as_str())).collect(),
        index,
        warnings: RefCell::new(Vec::new()),
    };
    let raw = resolver.file(file);
    warnings.extend(resolver.warnings.take());
    raw
}

struct Resolver<'a> {
    file: &'a str,
    namespace: Option<&'a str>,
    uses: BTreeMap<&'a str, &'a str>,
    index: &'a Index,
    warnings: RefCell<Vec<String>>,
}

impl Resolver<'_> {
    fn warn(&self, at: Position, message: String) {
        self.warnings.borrow_mut().push(format!("{}:{}:{}: {message}", self.file, at.line, at.column));
    }

    fn file(&self, file: &IdlFile) -> Result<RawFile> {
        for (_, id, at) in &file.uses {
            let id = ShapeId::parse(id).map_err(|e| self.error(*at, e))?;
            if !self.index.contains_key(&id) {
                self.warn(*at, format!("the `use` statement names `{id}`, which no model file defines"));
            }
        }
        let mut metadata = Vec::new();
        for (key, value, _) in &file.metadata {
            metadata.push((key.clone(), self.value(value)?));
        }
        let mut shapes: Vec<RawShape> = Vec::new();
        let mut seen: BTreeMap<String, Position> = BTreeMap::new();
        for def in &file.shapes {
            if let Some(first) = seen.insert(def.name.clone(), def.at) {
                return Err(self.error(
                    def.at,
                    format!("shape `{}` is already defined in this file, at line {}", def.name, first.line),
                ));
            }
            shapes.push(self.shape(def, file.version)?);
        }
        let mut applies = Vec::new();
        for apply in &file.applies {
            let target = self.id(&apply.target)?;
            let traits = self.traits(&apply.traits)?;
            applies.push(RawApply { target, traits, at: Some(apply.at) });
        }
        Ok(RawFile { name: self.file.to_string(), version: file.version, metadata, shapes, applies })
    }

    fn error(&self, at: Position, message: impl Into<String>) -> Error {
        Error::msg(message).in_file(self.file).at(at)
    }

    fn shape_error(&self, at: Position, shape: impl std::fmt::Display, message: impl Into<String>) -> Error {
        Error::shape(shape, message).in_file(self.file).at(at)
    }

    /// The absolute id a shape id as written stands for.
    fn id(&self, r: &IdRef) -> Result<ShapeId> {
        let absolute = if r.text.contains('#') {
            r.text.clone()
        } else {
            let (name, member) = match r.text.split_once('$') {
                Some((name, member)) => (name, Some(member)),
                None => (r.text.as_str(), None),
            };
            if name.contains('.') {
                return Err(self.error(r.at, format!("`{}` is not a valid shape id: a namespace needs `#` and a name", r.text)));
            }
            let root = self.resolve_name(name);
            match member {
                Some(m) => format!("{root}${m}"),
                None => root,
            }
        };
        ShapeId::parse(&absolute).map_err(|e| self.error(r.at, e))
    }

    /// A relative name: a `use`d shape, else one in the namespace, else a public prelude
    /// shape; otherwise it is taken to be in the namespace (and reported if never defined).
    fn resolve_name(&self, name: &str) -> String {
        if let Some(id) = self.uses.get(name) {
            return id.to_string();
        }
        let namespace = self.namespace.unwrap_or("smithy.api");
        let local = format!("{namespace}#{name}");
        if self.defined(&local) {
            return local;
        }
        let prelude = format!("smithy.api#{name}");
        match ShapeId::parse(&prelude).ok().and_then(|id| self.index.get(&id)) {
            Some(entry) if !entry.private => prelude,
            _ => local,
        }
    }

    fn defined(&self, id: &str) -> bool {
        ShapeId::parse(id).is_ok_and(|id| self.index.contains_key(&id))
    }

    /// A node value as JSON; unquoted shape ids must name a shape of the model
    /// (idl.rst "Syntactic shape IDs").
    fn value(&self, node: &Node) -> Result<Value> {
        Ok(match node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::String(s) => Value::String(s.clone()),
            Node::Number(text) => Value::Number(canonical_number(text).ok_or_else(|| {
                Error::msg(format!("the number `{text}` cannot be represented")).in_file(self.file)
            })?),
            Node::ShapeId(r) => {
                let id = self.id(r)?;
                if !self.index.contains_key(&id.root()) {
                    return Err(self.error(
                        r.at,
                        format!(
                            "Syntactic shape ID `{}` does not resolve to a valid shape ID: `{id}`. Did you mean to quote this string? Are you missing a model file?",
                            r.text
                        ),
                    ));
                }
                Value::String(id.to_string())
            }
            Node::Array(items) => Value::Array(items.iter().map(|i| self.value(i)).collect::<Result<_>>()?),
            Node::Object(entries) => {
                let mut map = Map::new();
                for (k, v) in entries {
                    map.insert(k.clone(), self.value(v)?);
                }
                Value::Object(map)
            }
        })
    }

    /// Trait applications as a trait map; the same trait twice follows trait conflict
    /// resolution (model.rst): lists concatenate, equal values are fine.
    fn traits(&self, apps: &[TraitApp]) -> Result<Traits> {
        let mut traits = Traits::default();
        for app in apps {
            let id = self.id(&app.id)?;
            let value = match &app.value {
                Some(node) => self.value(node)?,
                None => self.annotation_value(&id),
            };
            let mut one = Traits::default();
            one.insert(id.to_string(), value);
            traits.merge(&one).map_err(|e| self.error(app.at, e))?;
        }
        Ok(traits)
    }

    /// The value of a trait written without one (`@name` or `@name()`): `{}` for a structure
    /// or map trait (or one the model does not define), `[]` for a list, otherwise `null`.
    fn annotation_value(&self, trait_id: &ShapeId) -> Value {
        match self.index.get(trait_id).map(|e| e.shape_type) {
            Some(ShapeType::List | ShapeType::Set) => Value::Array(vec![]),
            None | Some(ShapeType::Structure | ShapeType::Map) => Value::Object(Map::new()),
            Some(_) => Value::Null,
        }
    }

    fn shape(&self, def: &ShapeDef, version: Version) -> Result<RawShape> {
        let namespace = self.namespace.unwrap_or_default();
        let id = ShapeId::parse(&format!("{namespace}#{}", def.name)).map_err(|e| self.error(def.at, e))?;
        let fail = |message: String| self.shape_error(def.at, &id, message);
        match (def.shape_type, version) {
            (ShapeType::Set, Version::V2) => return Err(fail("set shapes cannot be used in Smithy version 2.0".into())),
            (ShapeType::Enum | ShapeType::IntEnum, Version::V1) => {
                return Err(fail(format!("{} shapes cannot be used in Smithy version 1.0", def.shape_type.name())))
            }
            _ => {}
        }
        let traits = self.traits(&def.traits)?;
        if version == Version::V1 && traits.mixin() {
            return Err(fail(format!(
                "Mixins can only be used in Smithy 2.0 or later. Attempted to apply a @mixin trait to `{id}` in a model file using version `1.0`."
            )));
        }
        if version == Version::V1 && traits.has("smithy.api#default") {
            return Err(fail("The @default trait can only be used in Smithy 2.0 or later".into()));
        }
        let mut members = Vec::new();
        for m in &def.members {
            let member_id = id.with_member(&m.name);
            let mut traits = self.traits(&m.traits)?;
            if let Some(value) = &m.value {
                let key = match def.shape_type {
                    ShapeType::Enum | ShapeType::IntEnum => "smithy.api#enumValue",
                    _ => "smithy.api#default",
                };
                let mut one = Traits::default();
                one.insert(key.into(), self.value(value)?);
                traits.merge(&one).map_err(|e| self.shape_error(m.at, &member_id, e))?;
            }
            if version == Version::V1 && traits.has("smithy.api#default") {
                return Err(self.shape_error(m.at, &member_id, "The @default trait can only be used in Smithy 2.0 or later"));
            }
            let target = m.target.as_ref().map(|t| self.id(t)).transpose()?;
            members.push(RawMember { name: m.name.clone(), target, traits, at: Some(m.at) });
        }
        let entity = match &def.body {
            Body::None => empty_entity(def.shape_type),
            Body::Operation(op) => {
                let unit = || ShapeId::parse("smithy.api#Unit").expect("valid");
                Entity::Operation(Operation {
                    input: op.input.as_ref().map(|r| self.id(r)).transpose()?.unwrap_or_else(unit),
                    output: op.output.as_ref().map(|r| self.id(r)).transpose()?.unwrap_or_else(unit),
                    errors: op.errors.iter().map(|r| self.id(r)).collect::<Result<_>>()?,
                })
            }
            Body::Entity(entries) if def.shape_type == ShapeType::Service => Entity::Service(self.service(&id, entries)?),
            Body::Entity(entries) => Entity::Resource(self.resource(&id, entries)?),
        };
        Ok(RawShape {
            members,
            traits,
            mixins: def.mixins.iter().map(|r| self.id(r)).collect::<Result<_>>()?,
            for_resource: def.for_resource.as_ref().map(|r| self.id(r)).transpose()?,
            entity,
            at: Some(def.at),
            id,
            shape_type: def.shape_type,
        })
    }

    /// A shape reference in a service or resource body: an unquoted or quoted shape id.
    fn reference(&self, shape: &ShapeId, key: &str, node: &Node, at: Position) -> Result<ShapeId> {
        match node {
            Node::ShapeId(r) => self.id(r),
            Node::String(text) => self.id(&IdRef { text: text.clone(), at }),
            _ => Err(self.shape_error(at, shape, format!("`{key}` must name a shape"))),
        }
    }

    fn references(&self, shape: &ShapeId, key: &str, node: &Node, at: Position) -> Result<Vec<ShapeId>> {
        match node {
            Node::Array(items) => items.iter().map(|i| self.reference(shape, key, i, at)).collect(),
            _ => Err(self.shape_error(at, shape, format!("`{key}` must be a list of shape ids"))),
        }
    }

    fn named_references(&self, shape: &ShapeId, key: &str, node: &Node, at: Position) -> Result<Vec<(String, ShapeId)>> {
        match node {
            Node::Object(entries) => {
                entries.iter().map(|(name, v)| Ok((name.clone(), self.reference(shape, key, v, at)?))).collect()
            }
            _ => Err(self.shape_error(at, shape, format!("`{key}` must be an object of names to shape ids"))),
        }
    }

    /// service-types.rst properties; an unknown one is ignored with a warning.
    fn service(&self, id: &ShapeId, entries: &[(String, Node, Position)]) -> Result<Service> {
        let mut service = Service::default();
        for (key, node, at) in entries {
            let at = *at;
            match key.as_str() {
                "version" => match node {
                    Node::String(v) => service.version.clone_from(v),
                    _ => return Err(self.shape_error(at, id, "`version` must be a string")),
                },
                "operations" => service.operations = self.references(id, key, node, at)?,
                "resources" => service.resources = self.references(id, key, node, at)?,
                "errors" => service.errors = self.references(id, key, node, at)?,
                "rename" => {
                    let Node::Object(pairs) = node else {
                        return Err(self.shape_error(at, id, "`rename` must be an object"));
                    };
                    for (from, to) in pairs {
                        let from = ShapeId::parse(from).map_err(|e| self.shape_error(at, id, e))?;
                        let Node::String(to) = to else {
                            return Err(self.shape_error(at, id, "`rename` values must be strings"));
                        };
                        service.rename.push((from, to.clone()));
                    }
                }
                other => self.warn(at, format!("{id}: unknown service property `{other}` ignored")),
            }
        }
        Ok(service)
    }

    fn resource(&self, id: &ShapeId, entries: &[(String, Node, Position)]) -> Result<Resource> {
        let mut r = Resource::default();
        for (key, node, at) in entries {
            let at = *at;
            let one = |node: &Node| self.reference(id, key, node, at).map(Some);
            match key.as_str() {
                "identifiers" => r.identifiers = self.named_references(id, key, node, at)?,
                "properties" => r.properties = self.named_references(id, key, node, at)?,
                "create" => r.create = one(node)?,
                "put" => r.put = one(node)?,
                "read" => r.read = one(node)?,
                "update" => r.update = one(node)?,
                "delete" => r.delete = one(node)?,
                "list" => r.list = one(node)?,
                "operations" => r.operations = self.references(id, key, node, at)?,
                "collectionOperations" => r.collection_operations = self.references(id, key, node, at)?,
                "resources" => r.resources = self.references(id, key, node, at)?,
                other => self.warn(at, format!("{id}: unknown resource property `{other}` ignored")),
            }
        }
        Ok(r)
    }
}

