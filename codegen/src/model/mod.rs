//! The Smithy semantic model: shapes, members and traits, loaded from JSON AST and IDL files.
//!
//! Nothing here knows about Rust. Loading is a pipeline: each file is read on its own into a
//! [`raw::RawFile`] (`json_ast`, [`idl`]); the files and the built-in trait definitions are
//! merged into an [`AstModel`] (`assemble`: shapes reconciled, elided targets and `apply`
//! resolved, 1.0 files upgraded); `flatten` applies mixins and checks every reference, so
//! later stages can index the [`Model`] freely.

mod assemble;
pub mod ast;
mod builtin;
mod flatten;
pub mod idl;
mod json_ast;
mod load;
mod prelude;
pub mod raw;
mod shape;
mod shape_id;
mod traits;

pub use ast::{AstModel, AstShape};
pub use load::{load_ast, load_files, load_sources, read_sources, Source, Warnings};
pub use raw::{Position, ShapeType, Version};
pub use shape::{Member, Operation, Resource, Service, Shape, ShapeKind, SimpleType};
pub use shape_id::ShapeId;
pub use traits::{TimestampFormat, Traits};

use std::collections::BTreeMap;

/// A loaded, validated model: every shape by id, in id order, mixins flattened.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    shapes: BTreeMap<ShapeId, Shape>,
    /// The file (and, for IDL, the position) each user shape and member was defined at.
    sources: BTreeMap<ShapeId, (String, Option<Position>)>,
}

impl Model {
    /// Flattens an assembled model's mixins and checks every reference.
    pub fn from_ast(ast: &AstModel) -> crate::Result<Model> {
        flatten::flatten(ast)
    }

    /// The shape with this id, if the model defines it (prelude shapes included).
    pub fn get(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The shape with this id; the loader has checked every reference, so a miss is a bug
    /// in the caller, reported as an error rather than a panic.
    pub fn expect(&self, id: &ShapeId) -> crate::Result<&Shape> {
        self.shapes
            .get(id)
            .ok_or_else(|| crate::Error::shape(id, "shape not found in the model"))
    }

    /// The file a shape was defined in (`None` for built-in shapes).
    pub fn file_of(&self, id: &ShapeId) -> Option<&str> {
        self.sources.get(&id.root()).map(|(file, _)| file.as_str())
    }

    /// An error about a shape, naming the file (and position) it was defined at.
    pub fn error(&self, id: &ShapeId, message: impl Into<String>) -> crate::Error {
        self.locate(id, crate::Error::shape(id, message))
    }

    /// Adds the file and position of a shape (or member) to an error.
    pub fn locate(&self, id: &ShapeId, err: crate::Error) -> crate::Error {
        match self.sources.get(id).or_else(|| self.sources.get(&id.root())) {
            Some((file, Some(position))) => err.in_file(file).at(*position),
            Some((file, None)) => err.in_file(file),
            None => err,
        }
    }

    /// Every shape, in id order.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// The service shapes, in id order.
    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values().filter(|s| matches!(s.kind, ShapeKind::Service(_)))
    }
}
