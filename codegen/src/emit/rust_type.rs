//! Rust type expressions for planned member types, and how accessors and setters take them.

use super::path;
use crate::model::SimpleType;
use crate::plan::{FieldPlan, NamedKind, RustType};
use proc_macro2::TokenStream;
use quote::quote;

/// The type of a value (without the field's `Option` or `Box`).
pub fn tokens(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Simple(t) => simple(*t),
        RustType::Timestamp(_) => simple(SimpleType::Timestamp),
        RustType::ByteStream => quote!(crate::primitives::ByteStream),
        RustType::Named { path: p, .. } => path(p),
        RustType::List { member, sparse } => {
            let item = element(member, *sparse);
            quote!(::std::vec::Vec<#item>)
        }
        RustType::Map { key, value, sparse } => {
            let k = tokens(key);
            let v = element(value, *sparse);
            quote!(::std::collections::HashMap<#k, #v>)
        }
    }
}

fn element(ty: &RustType, sparse: bool) -> TokenStream {
    let t = tokens(ty);
    if sparse {
        quote!(::std::option::Option<#t>)
    } else {
        t
    }
}

fn simple(t: SimpleType) -> TokenStream {
    match t {
        SimpleType::Blob => quote!(crate::primitives::Blob),
        SimpleType::Boolean => quote!(bool),
        SimpleType::String => quote!(::std::string::String),
        SimpleType::Byte => quote!(i8),
        SimpleType::Short => quote!(i16),
        SimpleType::Integer => quote!(i32),
        SimpleType::Long => quote!(i64),
        SimpleType::Float => quote!(f32),
        SimpleType::Double => quote!(f64),
        SimpleType::BigInteger => quote!(crate::primitives::BigInteger),
        SimpleType::BigDecimal => quote!(crate::primitives::BigDecimal),
        SimpleType::Timestamp => quote!(crate::primitives::DateTime),
        SimpleType::Document => quote!(crate::primitives::Document),
    }
}

/// Whether values of the type are `Copy` (passed and returned by value).
pub fn is_copy(ty: &RustType) -> bool {
    matches!(
        ty,
        RustType::Simple(
            SimpleType::Boolean
                | SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::Float
                | SimpleType::Double
        )
    )
}

/// Whether the type is `Eq`/`Hash`-safe (no floats or documents inside).
pub fn has_float(ty: &RustType) -> bool {
    match ty {
        RustType::Simple(t) => matches!(t, SimpleType::Float | SimpleType::Double | SimpleType::Document),
        RustType::Timestamp(_) | RustType::ByteStream => false,
        RustType::Named { kind, .. } => matches!(kind, NamedKind::Struct | NamedKind::Union),
        RustType::List { member, .. } => has_float(member),
        RustType::Map { value, .. } => has_float(value),
    }
}

/// An accessor: its return type and the expression reading `self.<field>`.
pub fn accessor(field: &FieldPlan) -> (TokenStream, TokenStream) {
    let name = super::ident(&field.rust_name);
    let ty = tokens(&field.ty);
    let this = quote!(self.#name);
    match (&field.ty, field.optional) {
        (RustType::Simple(SimpleType::String), true) => (quote!(::std::option::Option<&str>), quote!(#this.as_deref())),
        (RustType::Simple(SimpleType::String), false) => (quote!(&str), quote!(&#this)),
        (RustType::List { member, sparse }, optional) => {
            let item = element(member, *sparse);
            let read = if optional { quote!(#this.as_deref().unwrap_or_default()) } else { quote!(&#this) };
            (quote!(&[#item]), read)
        }
        (t, true) if is_copy(t) => (quote!(::std::option::Option<#ty>), quote!(#this)),
        (t, false) if is_copy(t) => (ty, quote!(#this)),
        (_, true) if field.boxed => (quote!(::std::option::Option<&#ty>), quote!(#this.as_deref())),
        (_, true) => (quote!(::std::option::Option<&#ty>), quote!(#this.as_ref())),
        (_, false) => (quote!(&#ty), quote!(&#this)),
    }
}
