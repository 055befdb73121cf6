//! Ids of the prelude (`smithy.api`) shapes the loader itself refers to; the prelude's
//! definitions are built in (see `builtin.rs`).

use super::ShapeId;

/// `smithy.api#Unit`.
pub fn unit_id() -> ShapeId {
    ShapeId::parse("smithy.api#Unit").expect("prelude ids are valid")
}
