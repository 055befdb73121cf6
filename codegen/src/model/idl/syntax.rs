//! What an IDL file says, as parsed: shape ids still as written (relative ones resolve once
//! every file's shapes are known), node values still with their syntactic shape ids.

use crate::model::{Position, ShapeType, Version};

/// A parsed IDL file.
#[derive(Debug, Clone)]
pub struct IdlFile {
    pub version: Version,
    /// `metadata` statements.
    pub metadata: Vec<(String, Node, Position)>,
    /// The `namespace` statement (absent only in a file without shapes).
    pub namespace: Option<String>,
    /// `use` statements: the imported absolute id, by its name.
    pub uses: Vec<(String, String, Position)>,
    /// Shapes in file order; inline operation input and output structures included.
    pub shapes: Vec<ShapeDef>,
    pub applies: Vec<ApplyDef>,
    /// Notes that are not errors (ignored documentation comments, unknown control statements).
    pub warnings: Vec<String>,
}

/// A shape id as written: absolute (`ns#Name`), relative (`Name`), either with `$member`.
#[derive(Debug, Clone, PartialEq)]
pub struct IdRef {
    pub text: String,
    pub at: Position,
}

/// A trait application.
#[derive(Debug, Clone)]
pub struct TraitApp {
    pub id: IdRef,
    /// `None` for `@name` and `@name()`: the value then depends on the trait's definition.
    pub value: Option<Node>,
    pub at: Position,
}

/// A node value (idl.rst "Node values").
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// A number as written.
    Number(String),
    String(String),
    /// An unquoted shape id (idl.rst "Syntactic shape IDs").
    ShapeId(IdRef),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

/// A shape definition.
#[derive(Debug, Clone)]
pub struct ShapeDef {
    pub name: String,
    pub shape_type: ShapeType,
    pub at: Position,
    pub traits: Vec<TraitApp>,
    pub mixins: Vec<IdRef>,
    pub for_resource: Option<IdRef>,
    pub members: Vec<MemberDef>,
    pub body: Body,
}

/// The properties of services, resources and operations.
#[derive(Debug, Clone)]
pub enum Body {
    None,
    /// A service or resource: its node object, keys with their positions.
    Entity(Vec<(String, Node, Position)>),
    Operation(OperationBody),
}

/// An operation's `input`, `output` and `errors`.
#[derive(Debug, Clone, Default)]
pub struct OperationBody {
    pub input: Option<IdRef>,
    pub output: Option<IdRef>,
    pub errors: Vec<IdRef>,
}

/// A member of a structure, union, list, map, enum or intEnum.
#[derive(Debug, Clone)]
pub struct MemberDef {
    pub name: String,
    pub at: Position,
    /// `None` for an elided member (`$name`).
    pub target: Option<IdRef>,
    pub traits: Vec<TraitApp>,
    /// `= value`: the member's `@default`, or an enum member's `@enumValue`.
    pub value: Option<Node>,
}

/// An `apply` statement.
#[derive(Debug, Clone)]
pub struct ApplyDef {
    pub target: IdRef,
    pub traits: Vec<TraitApp>,
    pub at: Position,
}
