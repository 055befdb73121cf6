//! Structures with builders and accessors, open enums, and tagged unions.

use super::rust_type::{self, accessor, is_copy};
use super::{deprecated_attr, doc_attrs, ident};
use crate::model::SimpleType;
use crate::plan::{DefaultValue, EnumPlan, FieldPlan, RustType, StructPlan, StructRole, TypeDef, UnionPlan};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Any type definition of the `types` module; `deserialized` types get `build_lenient()`.
pub fn type_def(def: &TypeDef, deserialized: bool) -> TokenStream {
    match def {
        TypeDef::Struct(s) => structure(s, deserialized),
        TypeDef::Enum(e) => enumeration(e),
        TypeDef::Union(u) => union(u),
    }
}

/// The stored type of a field: `Option<T>`, `Option<Box<T>>` or `T`.
fn field_type(f: &FieldPlan) -> TokenStream {
    let ty = rust_type::tokens(&f.ty);
    let ty = if f.boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
    if f.optional {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// The builder's storage type of a field: always an `Option`.
pub(crate) fn builder_field_type(f: &FieldPlan) -> TokenStream {
    let ty = rust_type::tokens(&f.ty);
    let ty = if f.boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
    quote!(::std::option::Option<#ty>)
}

/// A structure, its accessors, its builder, and (for errors) `Display`, `Error` and the
/// error metadata. `lenient` adds the builder's `build_lenient()` that deserializers use.
pub fn structure(s: &StructPlan, lenient: bool) -> TokenStream {
    let StructPlan { shape_id: _, rust_name, path: _, role, docs, fields, error } = s;
    let name = ident(rust_name);
    let builder = format_ident!("{}Builder", rust_name);
    let docs = doc_attrs(docs);
    let field_defs = fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let ty = field_type(f);
        quote!(pub(crate) #n: #ty,)
    });
    let is_error = *role == StructRole::Error && error.is_some();
    // Outputs carry the response's request id beside the modeled members.
    let is_output = *role == StructRole::Output;
    let request_id_field = if is_output { quote!(pub(crate) _request_id: ::std::option::Option<::std::string::String>,) } else { quote!() };
    let request_id_impl = if is_output || is_error {
        let read = if is_output { quote!(self._request_id.as_deref()) } else { quote!(self.meta.request_id()) };
        quote! {
            impl crate::runtime::wire::error::RequestId for #name {
                fn request_id(&self) -> ::std::option::Option<&str> {
                    #read
                }
            }
        }
    } else {
        quote!()
    };
    let (meta_field, meta_accessor) = if is_error {
        (
            quote!(pub(crate) meta: crate::runtime::wire::error::ErrorMetadata,),
            quote! {
                /// Code, message, request id and HTTP status of the response it came from.
                pub fn meta(&self) -> &crate::runtime::wire::error::ErrorMetadata {
                    &self.meta
                }
            },
        )
    } else {
        (quote!(), quote!())
    };
    let lenient_fn = if lenient { super::json::build_lenient_fn(s) } else { quote!() };
    let accessors = fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let (ret, read) = accessor(f);
        let d = doc_attrs(&f.docs);
        let dep = deprecated_attr(&f.deprecated);
        quote! {
            #d
            #dep
            pub fn #n(&self) -> #ret {
                #read
            }
        }
    });
    let eq = if fields.iter().any(|f| rust_type::has_float(&f.ty)) { quote!() } else { quote!(Eq,) };
    let sensitive = fields.iter().any(|f| f.sensitive);
    let derive_debug = if sensitive { quote!() } else { quote!(Debug,) };
    let debug_impls = if sensitive {
        let main = debug_impl(&name, rust_name, fields);
        let b = debug_impl(&builder, &format!("{rust_name}Builder"), fields);
        quote!(#main #b)
    } else {
        quote!()
    };
    let builder_fields = fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let ty = builder_field_type(f);
        quote!(pub(crate) #n: #ty,)
    });
    let setters = fields.iter().map(setters);
    let (build_ret, build_body) = build_fn(s, &name);
    let build_doc = if s.builder_is_fallible() {
        format!(" Builds a [`{rust_name}`], or says which required member is missing.")
    } else {
        format!(" Builds a [`{rust_name}`].")
    };
    let error_impls = match (role, error) {
        (StructRole::Error, Some(_)) => error_impls(&name, rust_name, fields),
        _ => quote!(),
    };
    let builder_doc = format!(" A builder for [`{rust_name}`].");
    let new_builder_doc = format!(" A builder for [`{rust_name}`].");
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq, #eq #derive_debug)]
        pub struct #name {
            #(#field_defs)*
            #meta_field
            #request_id_field
        }

        impl #name {
            #[doc = #new_builder_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }
            #(#accessors)*
            #meta_accessor
        }

        #[doc = #builder_doc]
        #[derive(Clone, Default, PartialEq, #derive_debug)]
        pub struct #builder {
            #(#builder_fields)*
        }

        impl #builder {
            #(#setters)*

            #[doc = #build_doc]
            pub fn build(self) -> #build_ret {
                #build_body
            }

            #lenient_fn
        }

        #debug_impls
        #error_impls
        #request_id_impl
    }
}

/// `Debug` that prints every field but redacts the sensitive ones.
fn debug_impl(name: &proc_macro2::Ident, rust_name: &str, fields: &[FieldPlan]) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let label = f.rust_name.trim_start_matches("r#");
        if f.sensitive {
            quote!(.field(#label, &#REDACTED))
        } else {
            quote!(.field(#label, &self.#n))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#rust_name)
                    #(#entries)*
                    .finish()
            }
        }
    }
}

/// The parameters of a field's first setter (`x(v)`; `x(k, v)` for maps) and the arguments
/// that pass them on, for the fluent builders that forward to the input builders.
pub(crate) fn setter_params(f: &FieldPlan) -> (TokenStream, TokenStream) {
    let element = |ty: &RustType, sparse: bool| {
        let t = rust_type::tokens(ty);
        if sparse {
            quote!(::std::option::Option<#t>)
        } else {
            quote!(impl ::std::convert::Into<#t>)
        }
    };
    match &f.ty {
        RustType::List { member, sparse } => {
            let arg = element(member, *sparse);
            (quote!(input: #arg), quote!(input))
        }
        RustType::Map { key, value, sparse } => {
            let k = rust_type::tokens(key);
            let v = element(value, *sparse);
            (quote!(key: impl ::std::convert::Into<#k>, value: #v), quote!(key, value))
        }
        ty if is_copy(ty) => {
            let t = rust_type::tokens(ty);
            (quote!(input: #t), quote!(input))
        }
        ty => {
            let t = rust_type::tokens(ty);
            (quote!(input: impl ::std::convert::Into<#t>), quote!(input))
        }
    }
}

/// The setter trio: `x(v)` (appends for lists, inserts for maps), `set_x(Option)`, `get_x()`.
fn setters(f: &FieldPlan) -> TokenStream {
    let n = ident(&f.rust_name);
    let plain = f.rust_name.trim_start_matches("r#");
    let set = format_ident!("set_{}", plain);
    let get = format_ident!("get_{}", plain);
    let stored = builder_field_type(f);
    let docs = doc_attrs(&f.docs);
    let dep = deprecated_attr(&f.deprecated);
    let smithy = &f.smithy_name;
    let set_doc = format!(" Sets or clears `{smithy}`.");
    let get_doc = format!(" The value set for `{smithy}`, if any.");
    let first = match &f.ty {
        RustType::List { member, sparse } => {
            let item = rust_type::tokens(member);
            let (arg, push) = if *sparse {
                (quote!(::std::option::Option<#item>), quote!(input))
            } else {
                (quote!(impl ::std::convert::Into<#item>), quote!(input.into()))
            };
            let doc = format!(" Appends an item to `{smithy}`.");
            quote! {
                #[doc = #doc]
                #docs
                #dep
                pub fn #n(mut self, input: #arg) -> Self {
                    self.#n.get_or_insert_with(::std::vec::Vec::new).push(#push);
                    self
                }
            }
        }
        RustType::Map { key, value, sparse } => {
            let k = rust_type::tokens(key);
            let v = rust_type::tokens(value);
            let (arg, val) = if *sparse {
                (quote!(::std::option::Option<#v>), quote!(value))
            } else {
                (quote!(impl ::std::convert::Into<#v>), quote!(value.into()))
            };
            let doc = format!(" Adds an entry to `{smithy}`.");
            quote! {
                #[doc = #doc]
                #docs
                #dep
                pub fn #n(mut self, key: impl ::std::convert::Into<#k>, value: #arg) -> Self {
                    self.#n.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), #val);
                    self
                }
            }
        }
        ty => {
            let t = rust_type::tokens(ty);
            let (arg, value) = if is_copy(ty) { (t.clone(), quote!(input)) } else { (quote!(impl ::std::convert::Into<#t>), quote!(input.into())) };
            let value = if f.boxed { quote!(::std::boxed::Box::new(#value)) } else { value };
            quote! {
                #docs
                #dep
                pub fn #n(mut self, input: #arg) -> Self {
                    self.#n = ::std::option::Option::Some(#value);
                    self
                }
            }
        }
    };
    quote! {
        #first
        #[doc = #set_doc]
        #dep
        pub fn #set(mut self, input: #stored) -> Self {
            self.#n = input;
            self
        }
        #[doc = #get_doc]
        #dep
        pub fn #get(&self) -> &#stored {
            &self.#n
        }
    }
}

/// `build()`: its return type and body. Optional fields move over, defaulted ones take the
/// model default, required ones without a default are an error when unset.
fn build_fn(s: &StructPlan, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let fallible = s.builder_is_fallible();
    let shape = &s.rust_name;
    let inits = s.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let label = &f.smithy_name;
        let value = match (&f.default, f.optional) {
            (_, true) => quote!(self.#n),
            (Some(DefaultValue::EmptyList | DefaultValue::EmptyMap), false) => quote!(self.#n.unwrap_or_default()),
            (Some(d), false) => or_default(quote!(self.#n), d, &f.ty),
            (None, false) => quote! {
                self.#n.ok_or_else(|| crate::runtime::build_error::BuildError::missing_field(#label, #shape))?
            },
        };
        quote!(#n: #value,)
    });
    let extra = hidden_fields(s);
    let value = quote!(#name { #(#inits)* #extra });
    if fallible {
        (
            quote!(::std::result::Result<#name, crate::runtime::build_error::BuildError>),
            quote!(::std::result::Result::Ok(#value)),
        )
    } else {
        (quote!(#name), value)
    }
}

/// Initializers of the fields a structure has beside its members: an error's metadata, an
/// output's request id (both filled in by the response parser).
pub fn hidden_fields(s: &StructPlan) -> TokenStream {
    match s.role {
        StructRole::Error if s.error.is_some() => quote!(meta: ::std::default::Default::default(),),
        StructRole::Output => quote!(_request_id: ::std::option::Option::None,),
        _ => quote!(),
    }
}

/// `value` (an `Option`) or the model default: taken eagerly when it costs nothing to make (a
/// copy type, a document scalar), lazily when it allocates.
pub fn or_default(value: TokenStream, d: &DefaultValue, ty: &RustType) -> TokenStream {
    let expr = default_expr(d, ty);
    let cheap = is_copy(ty)
        || matches!(d, DefaultValue::Document(v) if v.is_null() || v.is_boolean() || v.is_number());
    if cheap {
        quote!(#value.unwrap_or(#expr))
    } else {
        quote!(#value.unwrap_or_else(|| #expr))
    }
}

/// The Rust expression of a model default.
pub fn default_expr(d: &DefaultValue, ty: &RustType) -> TokenStream {
    match (d, ty) {
        (DefaultValue::Bool(b), _) => quote!(#b),
        (DefaultValue::Int(i), RustType::Named { path, .. }) => {
            let p = super::path(path);
            let v = Literal::i32_unsuffixed(*i as i32);
            quote!(#p::from(#v))
        }
        (DefaultValue::Int(i), RustType::Simple(t)) => match t {
            SimpleType::Byte => {
                let v = Literal::i8_suffixed(*i as i8);
                quote!(#v)
            }
            SimpleType::Short => {
                let v = Literal::i16_suffixed(*i as i16);
                quote!(#v)
            }
            SimpleType::Integer => {
                let v = Literal::i32_suffixed(*i as i32);
                quote!(#v)
            }
            _ => {
                let v = Literal::i64_suffixed(*i);
                quote!(#v)
            }
        },
        (DefaultValue::Float(x), RustType::Simple(SimpleType::Float)) => {
            let v = Literal::f32_suffixed(*x as f32);
            quote!(#v)
        }
        (DefaultValue::Float(x), _) => {
            let v = Literal::f64_suffixed(*x);
            quote!(#v)
        }
        (DefaultValue::String(s), _) => quote!(::std::string::String::from(#s)),
        (DefaultValue::Enum(v), RustType::Named { path, .. }) => {
            let p = super::path(path);
            quote!(#p::from(#v))
        }
        (DefaultValue::Blob(bytes), RustType::ByteStream) => {
            let lit = Literal::byte_string(bytes);
            quote!(crate::primitives::ByteStream::new(#lit.to_vec()))
        }
        (DefaultValue::Blob(bytes), _) => {
            let lit = Literal::byte_string(bytes);
            quote!(crate::primitives::Blob::new(#lit.to_vec()))
        }
        (DefaultValue::Timestamp { secs, nanos }, _) => {
            quote!(crate::primitives::DateTime::from_secs_and_nanos(#secs, #nanos))
        }
        (DefaultValue::EmptyList, _) => quote!(::std::vec::Vec::new()),
        (DefaultValue::EmptyMap, _) => quote!(::std::collections::HashMap::new()),
        (DefaultValue::Document(value), _) => document_expr(value),
        (DefaultValue::BigNumber(text), RustType::Simple(SimpleType::BigInteger)) => {
            quote!(crate::primitives::BigInteger::from_model_default(#text))
        }
        (DefaultValue::BigNumber(text), _) => quote!(crate::primitives::BigDecimal::from_model_default(#text)),
        (DefaultValue::Int(i), _) => {
            let v = Literal::i64_suffixed(*i);
            quote!(#v)
        }
        (DefaultValue::Enum(v), _) => quote!(::std::string::String::from(#v)),
    }
}

/// A document default: the spec allows only scalars, `[]` and `{}`.
fn document_expr(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    let doc = quote!(crate::primitives::Document);
    match value {
        Value::Null => quote!(#doc::Null),
        Value::Bool(b) => quote!(#doc::Bool(#b)),
        Value::String(s) => quote!(#doc::String(::std::string::String::from(#s))),
        Value::Number(n) => {
            let number = quote!(crate::primitives::Number);
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

/// `Display` and `std::error::Error` for an error structure.
fn error_impls(name: &proc_macro2::Ident, rust_name: &str, fields: &[FieldPlan]) -> TokenStream {
    let message = fields.iter().find(|f| f.smithy_name.eq_ignore_ascii_case("message"));
    let with_message = format!("{rust_name}: {{}}");
    let display = match message {
        Some(f) if f.optional => {
            let n = ident(&f.rust_name);
            quote! {
                match &self.#n {
                    ::std::option::Option::Some(message) => write!(f, #with_message, message),
                    ::std::option::Option::None => f.write_str(#rust_name),
                }
            }
        }
        Some(f) => {
            let n = ident(&f.rust_name);
            quote!(write!(f, #with_message, self.#n))
        }
        None => quote!(f.write_str(#rust_name)),
    };
    quote! {
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// An open enum (or intEnum) with an `Unknown` variant keeping the received value.
pub fn enumeration(e: &EnumPlan) -> TokenStream {
    let EnumPlan { shape_id: _, rust_name, path: _, docs, int, variants } = e;
    let name = ident(rust_name);
    let docs = doc_attrs(docs);
    let variant_defs = variants.iter().map(|v| {
        let n = ident(&v.rust_name);
        let mut lines = v.docs.clone();
        if lines.is_empty() {
            lines.push(format!("`{}`", v.value));
        }
        let d = doc_attrs(&lines);
        let dep = deprecated_attr(&v.deprecated);
        quote!(#d #dep #n,)
    });
    let names: Vec<_> = variants.iter().map(|v| ident(&v.rust_name)).collect();
    let allow_deprecated = if variants.iter().any(|v| v.deprecated.is_some()) {
        quote!(#[allow(deprecated)])
    } else {
        quote!()
    };
    if *int {
        let values: Vec<Literal> = variants
            .iter()
            .map(|v| Literal::i32_unsuffixed(v.value.parse().unwrap_or_default()))
            .collect();
        return quote! {
            #docs
            #[non_exhaustive]
            #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
            pub enum #name {
                #(#variant_defs)*
                /// A value this version of the model does not know.
                Unknown(crate::runtime::unknown::UnknownIntValue),
            }

            #allow_deprecated
            impl #name {
                /// The value on the wire.
                pub fn as_i32(&self) -> i32 {
                    match self {
                        #(Self::#names => #values,)*
                        Self::Unknown(value) => value.value(),
                    }
                }

                /// Every value the model knows.
                pub const fn values() -> &'static [i32] {
                    &[#(#values),*]
                }
            }

            #allow_deprecated
            impl ::std::convert::From<i32> for #name {
                fn from(value: i32) -> Self {
                    match value {
                        #(#values => Self::#names,)*
                        other => Self::Unknown(crate::runtime::unknown::UnknownIntValue::new(other)),
                    }
                }
            }
        };
    }
    let values: Vec<&String> = variants.iter().map(|v| &v.value).collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum #name {
            #(#variant_defs)*
            /// A value this version of the model does not know, kept as received.
            Unknown(crate::runtime::unknown::UnknownValue),
        }

        #allow_deprecated
        impl #name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model knows.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        #allow_deprecated
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::Unknown(crate::runtime::unknown::UnknownValue::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// A tagged union: one variant per member, plus `Unknown` keeping an unknown member's name.
pub fn union(u: &UnionPlan) -> TokenStream {
    let UnionPlan { shape_id: _, rust_name, path: _, docs, variants } = u;
    let name = ident(rust_name);
    let docs = doc_attrs(docs);
    let defs = variants.iter().map(|v| {
        let n = ident(&v.rust_name);
        let d = doc_attrs(&v.docs);
        let dep = deprecated_attr(&v.deprecated);
        match &v.ty {
            None => quote!(#d #dep #n,),
            Some(ty) => {
                let t = rust_type::tokens(ty);
                let t = if v.boxed { quote!(::std::boxed::Box<#t>) } else { t };
                quote!(#d #dep #n(#t),)
            }
        }
    });
    let methods = variants.iter().map(|v| {
        let n = ident(&v.rust_name);
        let as_fn = format_ident!("as_{}", v.snake_name);
        let is_fn = format_ident!("is_{}", v.snake_name);
        let as_doc = format!(" The `{}` value, or `Err(self)` when another member is set.", v.smithy_name);
        let is_doc = format!(" Whether this is `{}`.", v.smithy_name);
        let (ty, pat, val) = match &v.ty {
            None => (quote!(()), quote!(Self::#n), quote!(&())),
            Some(ty) => {
                let t = rust_type::tokens(ty);
                (t, quote!(Self::#n(value)), quote!(value))
            }
        };
        let is_pat = match &v.ty {
            None => quote!(Self::#n),
            Some(_) => quote!(Self::#n(_)),
        };
        quote! {
            #[doc = #as_doc]
            pub fn #as_fn(&self) -> ::std::result::Result<&#ty, &Self> {
                if let #pat = self { ::std::result::Result::Ok(#val) } else { ::std::result::Result::Err(self) }
            }
            #[doc = #is_doc]
            pub fn #is_fn(&self) -> bool {
                ::std::matches!(self, #is_pat)
            }
        }
    });
    let eq = if variants.iter().any(|v| v.ty.as_ref().is_some_and(rust_type::has_float)) { quote!() } else { quote!(Eq,) };
    let sensitive = variants.iter().any(|v| v.sensitive);
    let (derive_debug, debug_impl) = if sensitive {
        let arms = variants.iter().map(|v| {
            let n = ident(&v.rust_name);
            let label = &v.rust_name;
            match (&v.ty, v.sensitive) {
                (None, _) => quote!(Self::#n => f.write_str(#label),),
                (Some(_), true) => quote!(Self::#n(_) => f.debug_tuple(#label).field(&#REDACTED).finish(),),
                (Some(_), false) => quote!(Self::#n(value) => f.debug_tuple(#label).field(value).finish(),),
            }
        });
        (
            quote!(),
            quote! {
                impl ::std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        match self {
                            #(#arms)*
                            Self::Unknown(name) => f.debug_tuple("Unknown").field(name).finish(),
                        }
                    }
                }
            },
        )
    } else {
        (quote!(Debug,), quote!())
    };
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq, #eq #derive_debug)]
        pub enum #name {
            #(#defs)*
            /// A member this version of the model does not know; keeps the member's name.
            Unknown(crate::runtime::unknown::UnknownValue),
        }

        impl #name {
            #(#methods)*
            /// Whether this is a member this version of the model does not know.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::Unknown(_))
            }
        }

        #debug_impl
    }
}
