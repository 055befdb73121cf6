//! What emission produces: files of the generated crate, before the writer formats them and
//! puts their `@generated` header.

use proc_macro2::TokenStream;

/// One file of the generated crate, before formatting.
pub struct EmittedFile {
    /// Path relative to the crate root, `/`-separated.
    pub path: String,
    /// What the header names as the file's source: a service id, or the crate.
    pub origin: Origin,
    pub content: Content,
}

/// What a file was generated from, for its `@generated` header.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A service module: its shape id and closure hash.
    Service { shape_id: String, hash: String },
    /// Crate-level files: every service with its hash.
    Crate(Vec<(String, String)>),
    /// A runtime file copied from the generator.
    Runtime,
}

/// A file's content.
pub enum Content {
    /// Rust source, formatted by the writer.
    Rust(TokenStream),
    /// Any other text, written as is (after the header, where the format has comments).
    Text(String),
}
