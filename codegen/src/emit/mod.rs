//! Emission: the plan to token streams, one module per concern. Nothing here does I/O or
//! re-derives a rule the plan decided.

mod client;
mod crate_files;
mod customizations;
mod json;
mod operation;
mod rust_type;
mod types;

use crate::plan::CratePlan;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub use crate_files::runtime_module_names;

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
    /// A runtime file copied verbatim from the generator.
    Runtime,
}

/// A file's content.
pub enum Content {
    /// Rust source, formatted by the writer.
    Rust(TokenStream),
    /// Any other text, written as is (after the header, where the format has comments).
    Text(String),
}

/// The runtime's manifest tables the generated crate takes over (name, TOML value).
#[derive(Debug, Clone, Default)]
pub struct RuntimeManifest {
    /// The minimum supported Rust version of the generated crate.
    pub rust_version: String,
    pub dependencies: Vec<(String, String)>,
    pub features: Vec<(String, String)>,
}

/// Emits every file of the crate except the copied runtime modules.
pub fn emit_crate(plan: &CratePlan, runtime_modules: &[String], runtime: &RuntimeManifest) -> Vec<EmittedFile> {
    let mut files = crate_files::crate_files(plan, runtime_modules, runtime);
    for service in &plan.services {
        files.extend(crate_files::service_files(service));
    }
    files
}

/// An identifier, raw when the name says so (`r#type`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A path such as `crate::athena::types::SessionState`.
pub(crate) fn path(text: &str) -> TokenStream {
    let segments = text.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// One `#[doc]` attribute per line (prettyplease turns a multi-line string into a block comment).
pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// Module docs: one `#![doc]` attribute per line.
pub(crate) fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#![doc = #text])
    });
    quote!(#(#attrs)*)
}

/// `#[deprecated]` with the model's message, when deprecated.
pub(crate) fn deprecated_attr(message: &Option<String>) -> TokenStream {
    match message {
        None => quote!(),
        Some(m) if m.is_empty() => quote!(#[deprecated]),
        Some(m) => quote!(#[deprecated(note = #m)]),
    }
}
