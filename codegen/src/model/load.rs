//! Loading model files: each file is read on its own (JSON AST, or IDL whose relative shape ids
//! are resolved against every file's shapes), then the files and the built-in definitions are
//! assembled into one model. Each error names the file, and the shape or position.

use super::ast::AstModel;
use super::raw::RawFile;
use super::idl::{self, IndexEntry};
use super::{assemble, builtin, json_ast, Model, ShapeId};
use crate::{Error, Result};
use std::path::Path;

/// One model file's text and the name to report it by.
#[derive(Debug, Clone)]
pub struct Source {
    /// How errors name the file (the path as the user gave it). A name ending in `.smithy` is
    /// read as IDL, one ending in `.json` as JSON AST; any other by its first character.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// What loading produced besides the model: notes for the user that are not errors.
pub type Warnings = Vec<String>;

/// Reads model files from disk.
pub fn read_sources(paths: &[impl AsRef<Path>]) -> Result<Vec<Source>> {
    paths
        .iter()
        .map(|path| {
            let path = path.as_ref();
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::msg(format!("cannot read model file: {e}")).in_file(&name))?;
            Ok(Source { name, text })
        })
        .collect()
}

/// Reads and loads model files from disk.
pub fn load_files(paths: &[impl AsRef<Path>]) -> Result<(Model, Warnings)> {
    load_sources(&read_sources(paths)?)
}

/// Loads a model from file texts (several files merge into one model).
pub fn load_sources(sources: &[Source]) -> Result<(Model, Warnings)> {
    let (ast, warnings) = load_ast(sources)?;
    Ok((Model::from_ast(&ast)?, warnings))
}

/// Loads the files into the assembled model, before mixins are flattened.
pub fn load_ast(sources: &[Source]) -> Result<(AstModel, Warnings)> {
    let builtin = builtin::builtin()?;
    let mut warnings = Vec::new();
    // Every file is read first; IDL files need every file's shapes to resolve relative ids.
    let mut read: Vec<Read> = Vec::new();
    for source in sources {
        let file = if is_idl(source) {
            Read::Idl(idl::parse(&source.name, &source.text)?)
        } else {
            Read::Json(json_ast::read(&source.name, &source.text, &mut warnings).map_err(|e| e.in_file(&source.name))?)
        };
        read.push(file);
    }
    let mut index = builtin.index.clone();
    for (source, file) in sources.iter().zip(&read) {
        match file {
            Read::Json(raw) => {
                for shape in &raw.shapes {
                    index.insert(shape.id.clone(), IndexEntry { shape_type: shape.shape_type, private: false });
                }
            }
            Read::Idl(parsed) => {
                for (id, shape_type) in idl::defined_shapes(parsed) {
                    let id = ShapeId::parse(&id).map_err(|e| Error::msg(e).in_file(&source.name))?;
                    index.insert(id, IndexEntry { shape_type, private: false });
                }
            }
        }
    }
    let mut files: Vec<RawFile> = Vec::new();
    for (source, file) in sources.iter().zip(read) {
        match file {
            Read::Json(raw) => files.push(raw),
            Read::Idl(parsed) => {
                warnings.extend(parsed.warnings.iter().map(|w| format!("{}: {w}", source.name)));
                files.push(idl::lower(&source.name, &parsed, &index, &mut warnings)?);
            }
        }
    }
    let ast = assemble::assemble(Some(builtin), &files)?;
    Ok((ast, warnings))
}

/// A file read on its own.
enum Read {
    Json(RawFile),
    Idl(idl::IdlFile),
}

/// `.smithy` files are IDL, `.json` files JSON AST; any other by its first character.
fn is_idl(source: &Source) -> bool {
    if source.name.ends_with(".smithy") {
        return true;
    }
    if source.name.ends_with(".json") {
        return false;
    }
    !source.text.trim_start_matches('\u{feff}').trim_start().starts_with('{')
}
