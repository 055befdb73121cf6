//! Loading model files: each file is read on its own (JSON AST, or IDL whose relative shape ids
//! are resolved against every file's shapes), then the files and the built-in definitions are
//! assembled into one model. Each error names the file, and the shape or position.

use super::ast::AstModel;
use super::raw::RawFile;
use super::{assemble, builtin, json_ast, Model};
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
    let mut warnings = Vec::new();
    let mut files: Vec<RawFile> = Vec::new();
    for source in sources {
        let file = json_ast::read(&source.name, &source.text, &mut warnings).map_err(|e| e.in_file(&source.name))?;
        files.push(file);
    }
    let ast = assemble::assemble(builtin::files()?, &files)?;
    Ok((ast, warnings))
}
