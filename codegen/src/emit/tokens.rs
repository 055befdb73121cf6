//! Small token builders every emitter uses: identifiers and attributes.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// A header value known when the code is generated, made when the crate is compiled (an inline
/// `const` block): the plan has checked that `HeaderValue::from_static` takes it.
pub fn static_header_value(value: &str) -> TokenStream {
    quote!(const { ::http::HeaderValue::from_static(#value) })
}

/// An identifier, raw when the name says so (`r#type`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// One `#[doc]` attribute per line (prettyplease turns a multi-line string into a block comment).
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// Module docs: one `#![doc]` attribute per line.
pub fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#![doc = #text])
    });
    quote!(#(#attrs)*)
}

/// `#[deprecated]` with the model's message, when deprecated.
pub fn deprecated_attr(message: &Option<String>) -> TokenStream {
    match message {
        None => quote!(),
        Some(m) if m.is_empty() => quote!(#[deprecated]),
        Some(m) => quote!(#[deprecated(note = #m)]),
    }
}
