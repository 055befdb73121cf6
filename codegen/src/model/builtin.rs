//! The definitions every model may use without loading them, embedded in the generator: the
//! Smithy prelude and the trait namespaces AWS models and the protocol tests use (see
//! `builtin/SOURCES.md`). They are read with the IDL reader, once per process.

use super::ast::AstModel;
use super::flatten::{self, Flats};
use super::idl::{self, Index, IndexEntry};
use super::raw::RawShape;
use super::{assemble, Model, ShapeId};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The embedded files, by the name errors give them.
const FILES: &[(&str, &str)] = &[
    ("<built-in>/prelude.smithy", include_str!("builtin/prelude.smithy")),
    ("<built-in>/aws.api.smithy", include_str!("builtin/aws.api.smithy")),
    ("<built-in>/aws.auth.smithy", include_str!("builtin/aws.auth.smithy")),
    ("<built-in>/aws.customizations.smithy", include_str!("builtin/aws.customizations.smithy")),
    ("<built-in>/aws.protocols.smithy", include_str!("builtin/aws.protocols.smithy")),
    ("<built-in>/smithy.framework.validation.smithy", include_str!("builtin/smithy.framework.validation.smithy")),
    ("<built-in>/smithy.protocols.rpcv2.smithy", include_str!("builtin/smithy.protocols.rpcv2.smithy")),
    ("<built-in>/smithy.rules.smithy", include_str!("builtin/smithy.rules.smithy")),
    ("<built-in>/smithy.test.smithy", include_str!("builtin/smithy.test.smithy")),
    ("<built-in>/smithy.waiters.smithy", include_str!("builtin/smithy.waiters.smithy")),
];

/// The built-in definitions, read, assembled and flattened once, so loading a model only adds
/// its own files to them.
pub struct Builtin {
    /// Every built-in shape as written, with its file's name (a user file may repeat a
    /// definition only identically).
    pub raw: BTreeMap<ShapeId, (String, RawShape)>,
    /// Their ids, types and visibility, for resolving relative ids.
    pub index: Index,
    /// The assembled built-in shapes (every model starts from these).
    pub ast: AstModel,
    /// The same, flattened.
    pub model: Model,
    /// Each shape's flattened members and traits, for user shapes that mix them in.
    pub flats: Flats,
}

/// The built-in definitions, read on first use.
pub fn builtin() -> Result<&'static Builtin> {
    static BUILTIN: OnceLock<Result<Builtin>> = OnceLock::new();
    BUILTIN.get_or_init(read).as_ref().map_err(Clone::clone)
}

fn read() -> Result<Builtin> {
    let parsed: Vec<(&str, idl::IdlFile)> =
        FILES.iter().map(|(name, text)| Ok((*name, idl::parse(name, text)?))).collect::<Result<_>>()?;
    let mut index = Index::new();
    for (_, file) in &parsed {
        for (id, shape_type) in idl::defined_shapes(file) {
            let id = ShapeId::parse(&id).map_err(Error::msg)?;
            index.insert(id, IndexEntry { shape_type, private: false });
        }
    }
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for (name, file) in &parsed {
        files.push(idl::lower(name, file, &index, &mut warnings)?);
    }
    let mut raw = BTreeMap::new();
    for file in &files {
        for shape in &file.shapes {
            // Private shapes of the prelude cannot be named by a relative id in user files.
            if shape.traits.has("smithy.api#private") {
                if let Some(entry) = index.get_mut(&shape.id) {
                    entry.private = true;
                }
            }
            raw.insert(shape.id.clone(), (file.name.clone(), shape.clone()));
        }
    }
    let mut ast = assemble::assemble(None, &files)?;
    ast.sources.clear();
    ast.builtin = ast.shapes.keys().cloned().collect();
    let (model, flats) = flatten::flatten_all(&ast)?;
    Ok(Builtin { raw, index, ast, model, flats })
}
