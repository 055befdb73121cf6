//! Shapes after loading: one enum over the shape types, members in declared order.

use super::{ShapeId, Traits};

/// A shape of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Its absolute id.
    pub id: ShapeId,
    /// What kind of shape it is, with its members or references.
    pub kind: ShapeKind,
    /// Its traits (mixins and `apply` already merged in).
    pub traits: Traits,
}

/// The simple (member-less) shape types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SimpleType {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
}

impl SimpleType {
    /// The JSON AST `type` name of a simple type.
    pub fn from_ast(name: &str) -> Option<SimpleType> {
        Some(match name {
            "blob" => SimpleType::Blob,
            "boolean" => SimpleType::Boolean,
            "string" => SimpleType::String,
            "byte" => SimpleType::Byte,
            "short" => SimpleType::Short,
            "integer" => SimpleType::Integer,
            "long" => SimpleType::Long,
            "float" => SimpleType::Float,
            "double" => SimpleType::Double,
            "bigInteger" => SimpleType::BigInteger,
            "bigDecimal" => SimpleType::BigDecimal,
            "timestamp" => SimpleType::Timestamp,
            "document" => SimpleType::Document,
            _ => return None,
        })
    }

    /// The JSON AST `type` name.
    pub fn name(self) -> &'static str {
        match self {
            SimpleType::Blob => "blob",
            SimpleType::Boolean => "boolean",
            SimpleType::String => "string",
            SimpleType::Byte => "byte",
            SimpleType::Short => "short",
            SimpleType::Integer => "integer",
            SimpleType::Long => "long",
            SimpleType::Float => "float",
            SimpleType::Double => "double",
            SimpleType::BigInteger => "bigInteger",
            SimpleType::BigDecimal => "bigDecimal",
            SimpleType::Timestamp => "timestamp",
            SimpleType::Document => "document",
        }
    }
}

/// A member: a named reference to a target shape, with its own traits.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member name (`$member`, `$key`, `$value` for collections).
    pub name: String,
    /// The member's own id, `ns#Shape$name`.
    pub id: ShapeId,
    /// The shape it targets.
    pub target: ShapeId,
    /// Traits on the member itself.
    pub traits: Traits,
}

/// The kinds of shape, with their parts.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    Simple(SimpleType),
    /// String enum: members target `smithy.api#Unit`; the value is `enumValue` or the name.
    Enum(Vec<Member>),
    /// Integer enum: every member carries an integer `enumValue`.
    IntEnum(Vec<Member>),
    /// A list (a 1.0 `set` is read as a list).
    List(Member),
    Map { key: Member, value: Member },
    Structure(Vec<Member>),
    Union(Vec<Member>),
    Service(Service),
    Resource(Resource),
    Operation(Operation),
}

/// A service shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Service {
    pub version: String,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    /// Shape id → the local name it takes inside this service's closure.
    pub rename: Vec<(ShapeId, String)>,
}

/// A resource shape: only the references matter to a client generator.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resource {
    pub identifiers: Vec<(String, ShapeId)>,
    pub properties: Vec<(String, ShapeId)>,
    pub create: Option<ShapeId>,
    pub put: Option<ShapeId>,
    pub read: Option<ShapeId>,
    pub update: Option<ShapeId>,
    pub delete: Option<ShapeId>,
    pub list: Option<ShapeId>,
    pub operations: Vec<ShapeId>,
    pub collection_operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

impl Resource {
    /// Every operation bound directly to this resource, lifecycle operations first.
    pub fn bound_operations(&self) -> impl Iterator<Item = &ShapeId> {
        [&self.create, &self.put, &self.read, &self.update, &self.delete, &self.list]
            .into_iter()
            .flatten()
            .chain(&self.operations)
            .chain(&self.collection_operations)
    }
}

/// An operation shape; absent input or output is `smithy.api#Unit`.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub input: ShapeId,
    pub output: ShapeId,
    pub errors: Vec<ShapeId>,
}

impl Operation {
    /// An operation without input, output or errors.
    pub fn unit() -> Operation {
        Operation { input: super::prelude::unit_id(), output: super::prelude::unit_id(), errors: vec![] }
    }
}

impl ShapeKind {
    /// The members of an enum, intEnum, structure or union (empty for others).
    pub fn members(&self) -> &[Member] {
        match self {
            ShapeKind::Enum(m)
            | ShapeKind::IntEnum(m)
            | ShapeKind::Structure(m)
            | ShapeKind::Union(m) => m,
            ShapeKind::List(m) => std::slice::from_ref(m),
            _ => &[],
        }
    }

    /// Every member including collection members, in declared order.
    pub fn all_members(&self) -> Vec<&Member> {
        match self {
            ShapeKind::Map { key, value } => vec![key, value],
            other => other.members().iter().collect(),
        }
    }

    /// The JSON AST type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Simple(_) => "simple",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Service(_) => "service",
            ShapeKind::Resource(_) => "resource",
            ShapeKind::Operation(_) => "operation",
        }
    }
}
