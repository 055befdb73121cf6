//! Client optionality (aggregate-types.rst, "Structure member optionality"), decided in this one
//! place.
//!
//! Our choice for `@addedDefault`: such members are optional (the conservative, "v1-compatible"
//! reading). A default added after a member first shipped must not turn an `Option<T>` field
//! into a `T` and break code that matched on `None`. Athena's `MaxConcurrentDpus`
//! (`@default(20)` + `@addedDefault`) is therefore `Option<i32>`.

use crate::model::{Member, Shape, ShapeKind};

/// How a structure member is represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Optionality {
    /// `Option<T>`.
    Optional,
    /// `T`, taking the model default when unset or absent.
    Defaulted,
    /// `T`, `@required` without a default: builders fail when unset; responses error-correct.
    Required,
}

/// Decides a member's optionality from its container, its own traits and its target.
pub fn decide(container: &Shape, member: &Member, target: &Shape, input: bool) -> Optionality {
    let traits = &member.traits;
    let has_default = traits.default_value().is_some_and(|v| !v.is_null());
    if input || container.traits.input() || traits.client_optional() {
        return Optionality::Optional;
    }
    // CLIENT_CAREFUL: structures and unions can never have defaults, so keep them optional.
    if matches!(target.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) {
        return Optionality::Optional;
    }
    if traits.added_default() {
        return Optionality::Optional;
    }
    if has_default {
        return Optionality::Defaulted;
    }
    if traits.required() {
        return Optionality::Required;
    }
    Optionality::Optional
}
