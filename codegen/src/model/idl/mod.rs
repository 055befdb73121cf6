//! The Smithy IDL (idl.rst, and idl-1.0/idl.rst for files without `$version` or with "1.0"):
//! `lexer` (tokens) → `parser` (the file as written, `syntax`) → [`lower`] (shape ids
//! resolved against every file of the model, into the [`RawFile`](super::raw::RawFile) the JSON AST reader produces
//! too). A 1.0 file is parsed with the 2.0 grammar, and the 2.0-only syntax in it is an error.

mod lexer;
mod lower;
mod parser;
mod syntax;
mod text;

pub use lower::{defined_shapes, lower, Index, IndexEntry};
pub use syntax::IdlFile;

use crate::Error;

/// Parses one IDL file; a syntax error names the file, line and column and what was expected.
pub fn parse(name: &str, text: &str) -> Result<IdlFile, Error> {
    parser::parse(text).map_err(|e| Error::msg(e.message).in_file(name).at(e.at))
}
