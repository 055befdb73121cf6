//! The Smithy semantic model: shapes, members and traits, loaded from JSON AST files.
//!
//! Nothing here knows about Rust. Loading ([`load`]) merges files, adds the prelude, flattens
//! mixins, applies `apply` entries and checks every reference, so later stages can index freely.

mod load;
mod prelude;
mod shape;
mod shape_id;
mod traits;

pub use load::{load_files, load_sources, Source};
pub use shape::{Member, Operation, Resource, Service, Shape, ShapeKind, SimpleType};
pub use shape_id::ShapeId;
pub use traits::{Traits, TimestampFormat};

use std::collections::BTreeMap;

/// A loaded, validated model: every shape by id, in id order.
#[derive(Debug, Clone, Default)]
pub struct Model {
    shapes: BTreeMap<ShapeId, Shape>,
    /// The file each non-prelude shape was defined in, for error messages.
    files: BTreeMap<ShapeId, String>,
}

impl Model {
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

    /// The file a shape was defined in (`None` for prelude shapes).
    pub fn file_of(&self, id: &ShapeId) -> Option<&str> {
        self.files.get(&id.root()).map(String::as_str)
    }

    /// An error about a shape, naming the file it was defined in.
    pub fn error(&self, id: &ShapeId, message: impl Into<String>) -> crate::Error {
        let err = crate::Error::shape(id, message);
        match self.file_of(id) {
            Some(file) => err.in_file(file),
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
