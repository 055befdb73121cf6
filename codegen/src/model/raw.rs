//! What one model file says, before files are merged: shapes under absolute ids, `apply`
//! statements and metadata. Both readers (JSON AST and IDL) produce a [`RawFile`]; everything
//! after reading (merging, target elision, `apply`, the 1.0 upgrade, mixins) is shared.

use super::{Operation, Resource, Service, ShapeId, SimpleType, Traits};
use serde_json::{Number, Value};

/// A file's contribution to the model.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// How errors name the file.
    pub name: String,
    /// The Smithy version the file declares.
    pub version: Version,
    /// `metadata` entries, in file order.
    pub metadata: Vec<(String, Value)>,
    /// Shapes defined in the file, in file order.
    pub shapes: Vec<RawShape>,
    /// Traits applied to shapes defined elsewhere (or to members).
    pub applies: Vec<RawApply>,
}

/// The Smithy IDL / JSON AST version of a file (json-ast.rst "Top level properties"; a file
/// without a version is 1.0: idl.rst "Version statement").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    V1,
    V2,
}

impl Version {
    /// `"1"`, `"1.0"`, `"2"` or `"2.0"`.
    pub fn parse(text: &str) -> Option<Version> {
        match text {
            "1" | "1.0" => Some(Version::V1),
            "2" | "2.0" => Some(Version::V2),
            _ => None,
        }
    }

    /// The version as the JSON AST writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1 => "1.0",
            Version::V2 => "2.0",
        }
    }
}

/// A place in a source file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The type of a shape as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeType {
    Simple(SimpleType),
    Enum,
    IntEnum,
    List,
    /// A Smithy 1.0 `set`: read as a list whose items should be unique.
    Set,
    Map,
    Structure,
    Union,
    Service,
    Resource,
    Operation,
}

impl ShapeType {
    /// The JSON AST / IDL name of a shape type.
    pub fn parse(name: &str) -> Option<ShapeType> {
        Some(match name {
            "enum" => ShapeType::Enum,
            "intEnum" => ShapeType::IntEnum,
            "list" => ShapeType::List,
            "set" => ShapeType::Set,
            "map" => ShapeType::Map,
            "structure" => ShapeType::Structure,
            "union" => ShapeType::Union,
            "service" => ShapeType::Service,
            "resource" => ShapeType::Resource,
            "operation" => ShapeType::Operation,
            other => ShapeType::Simple(SimpleType::from_ast(other)?),
        })
    }

    /// The JSON AST name.
    pub fn name(self) -> &'static str {
        match self {
            ShapeType::Simple(t) => t.name(),
            ShapeType::Enum => "enum",
            ShapeType::IntEnum => "intEnum",
            ShapeType::List => "list",
            ShapeType::Set => "set",
            ShapeType::Map => "map",
            ShapeType::Structure => "structure",
            ShapeType::Union => "union",
            ShapeType::Service => "service",
            ShapeType::Resource => "resource",
            ShapeType::Operation => "operation",
        }
    }

    /// Whether shapes of this type have members (`member`, `key`/`value`, or named ones).
    pub fn has_members(self) -> bool {
        matches!(
            self,
            ShapeType::Enum
                | ShapeType::IntEnum
                | ShapeType::List
                | ShapeType::Set
                | ShapeType::Map
                | ShapeType::Structure
                | ShapeType::Union
        )
    }
}

/// A shape as one file defines it.
#[derive(Debug, Clone)]
pub struct RawShape {
    pub id: ShapeId,
    pub shape_type: ShapeType,
    /// Members in declared order.
    pub members: Vec<RawMember>,
    pub traits: Traits,
    pub mixins: Vec<ShapeId>,
    /// The resource named by IDL `for`, whose identifiers and properties elided members take.
    pub for_resource: Option<ShapeId>,
    /// The properties of a service, resource or operation.
    pub entity: Entity,
    /// Where the shape is defined (IDL files only).
    pub at: Option<Position>,
}

/// A member as written; `target` is `None` for an IDL elided member (`$name`), whose target
/// comes from the `for` resource or a mixin once every file is read.
#[derive(Debug, Clone)]
pub struct RawMember {
    pub name: String,
    pub target: Option<ShapeId>,
    pub traits: Traits,
    pub at: Option<Position>,
}

/// An `apply` statement (or JSON AST `"type": "apply"` entry).
#[derive(Debug, Clone)]
pub struct RawApply {
    pub target: ShapeId,
    pub traits: Traits,
    pub at: Option<Position>,
}

/// The properties of the entity shapes; `None` for every other type.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Entity {
    #[default]
    None,
    Service(Service),
    Resource(Resource),
    Operation(Operation),
}

/// An empty entity of a shape type (what a shape without properties has).
pub fn empty_entity(shape_type: ShapeType) -> Entity {
    match shape_type {
        ShapeType::Service => Entity::Service(Service::default()),
        ShapeType::Resource => Entity::Resource(Resource::default()),
        ShapeType::Operation => Entity::Operation(Operation::unit()),
        _ => Entity::None,
    }
}

/// A number in one canonical form, so equal values compare equal whatever their spelling
/// (`10e+0`, `10.0`): an integer that fits 64 bits by value, any other number as the nearest
/// `f64` when it is finite, else (a decimal beyond `f64`) as written.
pub fn canonical_number(text: &str) -> Option<Number> {
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(n) = text.parse::<i64>() {
            return Some(n.into());
        }
        if let Ok(n) = text.parse::<u64>() {
            return Some(n.into());
        }
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => Number::from_f64(f),
        _ => text.parse::<Number>().ok(),
    }
}

/// A node value with every number in canonical form.
pub fn canonical_value(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::Number(canonical_number(&n.to_string()).unwrap_or(n)),
        Value::Array(items) => Value::Array(items.into_iter().map(canonical_value).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, canonical_value(v))).collect()),
        other => other,
    }
}
