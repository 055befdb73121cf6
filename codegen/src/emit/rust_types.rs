//! The Rust type of a planned type, and the Rust expression of a model default.

use super::paths::{Paths, Rt};
use crate::plan::{DefaultValue, RustType, Scalar, TimestampFormat};
use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

/// The type of a value (without the field's `Option` or `Box`).
pub fn ty(paths: &Paths, t: &RustType) -> TokenStream {
    match t {
        RustType::Scalar(s) => scalar(paths, *s),
        RustType::Timestamp(_) => paths.rt(Rt::DateTime),
        RustType::ByteStream => paths.rt(Rt::ByteStream),
        RustType::Named { path, .. } => paths.item(path),
        RustType::List { member, sparse } => {
            let item = element(paths, member, *sparse);
            quote!(::std::vec::Vec<#item>)
        }
        RustType::Map { key, value, sparse } => {
            let k = ty(paths, key);
            let v = element(paths, value, *sparse);
            quote!(::std::collections::HashMap<#k, #v>)
        }
    }
}

/// A list element or map value: `Option<T>` when the collection is sparse.
pub fn element(paths: &Paths, t: &RustType, sparse: bool) -> TokenStream {
    let t = ty(paths, t);
    if sparse {
        quote!(::std::option::Option<#t>)
    } else {
        t
    }
}

fn scalar(paths: &Paths, s: Scalar) -> TokenStream {
    match s {
        Scalar::Blob => paths.rt(Rt::Blob),
        Scalar::Boolean => quote!(bool),
        Scalar::String => quote!(::std::string::String),
        Scalar::Byte => quote!(i8),
        Scalar::Short => quote!(i16),
        Scalar::Integer => quote!(i32),
        Scalar::Long => quote!(i64),
        Scalar::Float => quote!(f32),
        Scalar::Double => quote!(f64),
        Scalar::BigInteger => paths.rt(Rt::BigInteger),
        Scalar::BigDecimal => paths.rt(Rt::BigDecimal),
        Scalar::Document => paths.rt(Rt::Document),
    }
}

/// Whether values of the type are `Copy` (passed and returned by value).
pub fn is_copy(t: &RustType) -> bool {
    matches!(
        t,
        RustType::Scalar(
            Scalar::Boolean | Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long | Scalar::Float | Scalar::Double
        )
    )
}

/// The runtime's `Format` of a timestamp format.
pub fn timestamp_format(paths: &Paths, format: TimestampFormat) -> TokenStream {
    let f = paths.rt(Rt::TimestampFormat);
    match format {
        TimestampFormat::EpochSeconds => quote!(#f::EpochSeconds),
        TimestampFormat::DateTime => quote!(#f::DateTime),
        TimestampFormat::HttpDate => quote!(#f::HttpDate),
    }
}

/// `value` (an `Option`) or the model default: taken eagerly when it costs nothing to make (a
/// copy type, a document scalar), lazily when it allocates.
pub fn or_default(paths: &Paths, value: TokenStream, d: &DefaultValue, t: &RustType) -> TokenStream {
    if matches!(d, DefaultValue::EmptyList | DefaultValue::EmptyMap) {
        return quote!(#value.unwrap_or_default());
    }
    let expr = default_expr(paths, d, t);
    let cheap = is_copy(t) || matches!(d, DefaultValue::Document(v) if v.is_null() || v.is_boolean() || v.is_number());
    if cheap {
        quote!(#value.unwrap_or(#expr))
    } else {
        quote!(#value.unwrap_or_else(|| #expr))
    }
}

/// The Rust expression of a model default of type `t`.
pub fn default_expr(paths: &Paths, d: &DefaultValue, t: &RustType) -> TokenStream {
    match d {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Int(i) => match t {
            RustType::Named { path, .. } => {
                let p = paths.item(path);
                let v = Literal::i32_unsuffixed(*i as i32);
                quote!(#p::from(#v))
            }
            RustType::Scalar(Scalar::Byte) => Literal::i8_suffixed(*i as i8).into_token_stream(),
            RustType::Scalar(Scalar::Short) => Literal::i16_suffixed(*i as i16).into_token_stream(),
            RustType::Scalar(Scalar::Integer) => Literal::i32_suffixed(*i as i32).into_token_stream(),
            _ => Literal::i64_suffixed(*i).into_token_stream(),
        },
        DefaultValue::Float(x) => match t {
            RustType::Scalar(Scalar::Float) => Literal::f32_suffixed(*x as f32).into_token_stream(),
            _ => Literal::f64_suffixed(*x).into_token_stream(),
        },
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::Enum(v) => {
            let p = ty(paths, t);
            quote!(#p::from(#v))
        }
        DefaultValue::Blob(bytes) => {
            let lit = Literal::byte_string(bytes);
            let p = ty(paths, t);
            quote!(#p::new(#lit.to_vec()))
        }
        DefaultValue::Timestamp { secs, nanos } => {
            let p = paths.rt(Rt::DateTime);
            quote!(#p::from_secs_and_nanos(#secs, #nanos))
        }
        DefaultValue::EmptyList => quote!(::std::vec::Vec::new()),
        DefaultValue::EmptyMap => quote!(::std::collections::HashMap::new()),
        DefaultValue::Document(value) => document_expr(paths, value),
        DefaultValue::BigNumber(text) => {
            let p = ty(paths, t);
            quote!(#p::from_model_default(#text))
        }
    }
}

/// A document default: the spec allows only scalars, `[]` and `{}`.
fn document_expr(paths: &Paths, value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    let doc = paths.rt(Rt::Document);
    match value {
        Value::Null => quote!(#doc::Null),
        Value::Bool(b) => quote!(#doc::Bool(#b)),
        Value::String(s) => quote!(#doc::String(::std::string::String::from(#s))),
        Value::Number(n) => {
            let number = paths.rt(Rt::Number);
            if let Some(u) = n.as_u64() {
                quote!(#doc::Number(#number::PosInt(#u)))
            } else if let Some(i) = n.as_i64() {
                quote!(#doc::Number(#number::NegInt(#i)))
            } else {
                let f = n.as_f64().unwrap_or_default();
                quote!(#doc::Number(#number::Float(#f)))
            }
        }
        Value::Array(_) => quote!(#doc::Array(::std::vec::Vec::new())),
        Value::Object(_) => quote!(#doc::Object(::std::collections::BTreeMap::new())),
    }
}
