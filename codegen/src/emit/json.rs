//! JSON serializers and deserializers: `src/<service>/protocol.rs` holds one function per
//! structure or union in each direction it needs; operations reuse the body helpers.

use super::{ident, path};
use crate::model::{SimpleType, TimestampFormat};
use crate::naming;
use crate::plan::{Binding, DefaultValue, FieldPlan, NamedKind, RustType, ServicePlan, StructPlan, TypeDef, UnionPlan};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The `protocol.rs` module of a service.
pub fn protocol_module(s: &ServicePlan) -> TokenStream {
    let mut items = Vec::new();
    for def in &s.types {
        let (id, ser, de) = match def {
            TypeDef::Struct(st) => (&st.shape_id, ser_struct_fn(st), de_struct_fn(st)),
            TypeDef::Union(u) => (&u.shape_id, ser_union_fn(u), de_union_fn(u)),
            TypeDef::Enum(_) => continue,
        };
        if s.serialized.contains(id) {
            items.push(ser);
        }
        if s.deserialized.contains(id) {
            items.push(de);
        }
    }
    for error in &s.errors {
        items.push(super::operation::response_parser(error));
    }
    quote! {
        //! JSON serializers and deserializers of the service's structures and unions, and the
        //! readers of its error responses.

        #[allow(unused_imports, reason = "which helpers a service needs depends on its shapes")]
        use crate::runtime::json::{Reader, Token};
        #[allow(unused_imports, reason = "which helpers a service needs depends on its shapes")]
        use crate::runtime::wire::json_read as read;
        #[allow(unused_imports, reason = "which helpers a service needs depends on its shapes")]
        use crate::runtime::wire::json_write::JsonWriter;
        #[allow(unused_imports, reason = "which helpers a service needs depends on its shapes")]
        use crate::runtime::wire::{DeserializeError, SerializeError};

        #(#items)*
    }
}

/// The serializer of a type: `ser_<snake name>`.
pub fn ser_fn_name(rust_name: &str) -> proc_macro2::Ident {
    format_ident!("ser_{}", naming::snake(rust_name))
}

/// The deserializer of a type: `de_<snake name>`.
pub fn de_fn_name(rust_name: &str) -> proc_macro2::Ident {
    format_ident!("de_{}", naming::snake(rust_name))
}

/// The path of the serializer (`ser`) or deserializer of a named type: every type of a service
/// has them in the service's `protocol` module (`crate::athena::types::X` →
/// `crate::athena::protocol::ser_x`).
fn fn_path(type_path: &str, direction: &str) -> TokenStream {
    let segments: Vec<&str> = type_path.split("::").collect();
    let name = segments.last().copied().unwrap_or_default();
    let service = ident(segments.get(1).copied().unwrap_or_default());
    let f = if direction == "ser" { ser_fn_name(name) } else { de_fn_name(name) };
    quote!(crate::#service::protocol::#f)
}

/// The runtime's `Format` for a planned timestamp format.
pub(crate) fn format_tokens(f: TimestampFormat) -> TokenStream {
    match f {
        TimestampFormat::EpochSeconds => quote!(crate::runtime::datetime::Format::EpochSeconds),
        TimestampFormat::DateTime => quote!(crate::runtime::datetime::Format::DateTime),
        TimestampFormat::HttpDate => quote!(crate::runtime::datetime::Format::HttpDate),
    }
}

/// Statements writing `value` (a reference to a value of `ty`) to `w`.
pub fn ser_value(ty: &RustType, value: TokenStream) -> TokenStream {
    match ty {
        RustType::Simple(t) => match t {
            SimpleType::String => quote!(w.string(#value);),
            SimpleType::Boolean => quote!(w.boolean(*#value);),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer | SimpleType::Long => quote!(w.integer(*#value);),
            SimpleType::Float => quote!(w.float(*#value);),
            SimpleType::Double => quote!(w.double(*#value);),
            SimpleType::BigInteger => quote!(w.big_integer(#value);),
            SimpleType::BigDecimal => quote!(w.big_decimal(#value);),
            SimpleType::Blob => quote!(w.blob(#value.as_ref());),
            SimpleType::Document => quote!(w.document(#value);),
            // The plan gives every timestamp its format (RustType::Timestamp); the format rule
            // is not restated here.
            SimpleType::Timestamp => quote!(::std::compile_error!("planner bug: timestamps are planned as RustType::Timestamp with their format");),
        },
        // A streaming payload is never inside a JSON body; were it, it would read as a blob.
        RustType::ByteStream => quote!(w.blob(#value.as_ref());),
        RustType::Timestamp(f) => {
            let f = format_tokens(*f);
            quote!(w.timestamp(#value, #f)?;)
        }
        RustType::Named { path: p, kind } => match kind {
            NamedKind::Enum => quote!(w.string(#value.as_str());),
            NamedKind::IntEnum => quote!(w.integer(#value.as_i32());),
            NamedKind::Struct | NamedKind::Union => {
                let f = fn_path(p, "ser");
                quote!(#f(w, #value)?;)
            }
        },
        RustType::List { member, sparse } => {
            let item = ser_element(member, *sparse, quote!(item));
            quote! {
                w.begin_array();
                for item in #value {
                    #item
                }
                w.end_array();
            }
        }
        RustType::Map { value: v, sparse, .. } => {
            let item = ser_element(v, *sparse, quote!(item));
            quote! {
                w.begin_object();
                // Sorted, so the same value always gives the same bytes.
                let mut entries: ::std::vec::Vec<_> = #value.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                for (key, item) in entries {
                    w.key(key.as_ref());
                    #item
                }
                w.end_object();
            }
        }
    }
}

fn ser_element(ty: &RustType, sparse: bool, item: TokenStream) -> TokenStream {
    if sparse {
        let inner = ser_value(ty, quote!(value));
        quote! {
            match #item {
                ::std::option::Option::Some(value) => { #inner }
                ::std::option::Option::None => w.null(),
            }
        }
    } else {
        ser_value(ty, item)
    }
}

/// Statements writing the body-bound fields of `value` (a reference to the struct) as members
/// of the open object. Unset optional members are left out; every other member is written.
pub fn ser_fields<'a>(fields: impl Iterator<Item = &'a FieldPlan>, value: TokenStream) -> TokenStream {
    let stmts = fields.map(|f| {
        let n = ident(&f.rust_name);
        let key = &f.wire_name;
        if f.optional {
            let read = if f.boxed { quote!(#value.#n.as_deref()) } else { quote!(&#value.#n) };
            let body = ser_value(&f.ty, quote!(v));
            quote! {
                if let ::std::option::Option::Some(v) = #read {
                    w.key(#key);
                    #body
                }
            }
        } else {
            let body = ser_value(&f.ty, quote!(v));
            quote! {
                {
                    let v = &#value.#n;
                    w.key(#key);
                    #body
                }
            }
        }
    });
    quote!(#(#stmts)*)
}

fn ser_struct_fn(s: &StructPlan) -> TokenStream {
    let name = ser_fn_name(&s.rust_name);
    let ty = path(&s.path);
    let fields = ser_fields(s.fields.iter(), quote!(value));
    // A structure without members writes `{}` and reads nothing of the value.
    let value = if s.fields.is_empty() { quote!(_value) } else { quote!(value) };
    quote! {
        pub(crate) fn #name(w: &mut JsonWriter, #value: &#ty) -> ::std::result::Result<(), SerializeError> {
            w.begin_object();
            #fields
            w.end_object();
            ::std::result::Result::Ok(())
        }
    }
}

fn ser_union_fn(u: &UnionPlan) -> TokenStream {
    let name = ser_fn_name(&u.rust_name);
    let ty = path(&u.path);
    let union_name = &u.rust_name;
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let key = &v.wire_name;
        match &v.ty {
            None => quote! {
                #ty::#variant => {
                    w.key(#key);
                    w.begin_object();
                    w.end_object();
                }
            },
            Some(t) => {
                let body = ser_value(t, quote!(inner));
                quote! {
                    #ty::#variant(inner) => {
                        w.key(#key);
                        #body
                    }
                }
            }
        }
    });
    let unknown = format!("cannot send the unknown member of union `{union_name}`");
    quote! {
        pub(crate) fn #name(w: &mut JsonWriter, value: &#ty) -> ::std::result::Result<(), SerializeError> {
            w.begin_object();
            match value {
                #(#arms)*
                #ty::Unknown(_) => return ::std::result::Result::Err(SerializeError::new(#unknown)),
            }
            w.end_object();
            ::std::result::Result::Ok(())
        }
    }
}

/// An expression reading a value of `ty` from `token` (in scope with the reader `r`), of type
/// `Result<Option<T>, DeserializeError>` before the `?`: `null` is `None`.
pub fn de_value(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Simple(t) => match t {
            SimpleType::String => quote!(read::string(r, token)?),
            SimpleType::Boolean => quote!(read::boolean(r, token)?),
            SimpleType::Byte => quote!(read::integer::<i8>(r, token)?),
            SimpleType::Short => quote!(read::integer::<i16>(r, token)?),
            SimpleType::Integer => quote!(read::integer::<i32>(r, token)?),
            SimpleType::Long => quote!(read::integer::<i64>(r, token)?),
            SimpleType::Float => quote!(read::float(r, token)?),
            SimpleType::Double => quote!(read::double(r, token)?),
            SimpleType::BigInteger => quote!(read::big_integer(r, token)?),
            SimpleType::BigDecimal => quote!(read::big_decimal(r, token)?),
            SimpleType::Blob => quote!(read::blob(r, token)?),
            SimpleType::Document => quote!(read::document(r, token)?),
            SimpleType::Timestamp => quote!(::std::compile_error!("planner bug: timestamps are planned as RustType::Timestamp with their format")),
        },
        RustType::Timestamp(f) => {
            let f = format_tokens(*f);
            quote!(read::timestamp(r, token, #f)?)
        }
        RustType::ByteStream => quote!(read::blob(r, token)?.map(|b| crate::primitives::ByteStream::new(b.into_inner()))),
        RustType::Named { path: p, kind } => {
            let ty = path(p);
            match kind {
                NamedKind::Enum => quote!(read::enum_value::<#ty>(r, token)?),
                NamedKind::IntEnum => quote!(read::integer::<i32>(r, token)?.map(#ty::from)),
                NamedKind::Struct | NamedKind::Union => {
                    let f = fn_path(p, "de");
                    quote!(#f(r, token)?)
                }
            }
        }
        RustType::List { member, sparse } => {
            let item = de_value(member);
            // Dense lists drop a `null` element rather than failing the whole response.
            let push = if *sparse { quote!(items.push(#item);) } else { quote!(if let ::std::option::Option::Some(item) = #item { items.push(item); }) };
            quote! {
                if read::array_start(r, &token)? {
                    let mut items = ::std::vec::Vec::new();
                    while let ::std::option::Option::Some(token) = read::next_element(r)? {
                        #push
                    }
                    ::std::option::Option::Some(items)
                } else {
                    ::std::option::Option::None
                }
            }
        }
        RustType::Map { key, value, sparse } => {
            let item = de_value(value);
            let key_expr = match key.as_ref() {
                RustType::Named { path: p, .. } => {
                    let ty = path(p);
                    quote!(#ty::from(key.as_ref()))
                }
                _ => quote!(key.into_owned()),
            };
            let insert = if *sparse {
                quote!(map.insert(#key_expr, #item);)
            } else {
                quote!(if let ::std::option::Option::Some(item) = #item { map.insert(#key_expr, item); })
            };
            quote! {
                if read::object_start(r, &token)? {
                    let mut map = ::std::collections::HashMap::new();
                    while let ::std::option::Option::Some(key) = read::next_key(r)? {
                        let token = read::value(r)?;
                        #insert
                    }
                    ::std::option::Option::Some(map)
                } else {
                    ::std::option::Option::None
                }
            }
        }
    }
}

/// Match arms filling `builder` from the member named by `key` (the value's first token is
/// `token`); unknown members are skipped.
pub fn de_field_arms<'a>(fields: impl Iterator<Item = &'a FieldPlan>) -> TokenStream {
    let arms = fields.map(|f| {
        let n = ident(&f.rust_name);
        let key = &f.wire_name;
        let value = de_value(&f.ty);
        let value = if f.boxed { quote!(#value.map(::std::boxed::Box::new)) } else { value };
        quote!(#key => builder.#n = #value,)
    });
    let arms: Vec<TokenStream> = arms.collect();
    if arms.is_empty() {
        // A structure without body members skips every member.
        return quote!(let _ = key; read::skip(r, &token)?;);
    }
    quote! {
        match key.as_ref() {
            #(#arms)*
            _ => read::skip(r, &token)?,
        }
    }
}

fn de_struct_fn(s: &StructPlan) -> TokenStream {
    let name = de_fn_name(&s.rust_name);
    let ty = path(&s.path);
    let builder = path(&format!("{}Builder", s.path));
    let arms = de_field_arms(s.fields.iter().filter(|f| f.binding == Binding::Body));
    let mutable = if s.fields.is_empty() { quote!() } else { quote!(mut) };
    quote! {
        pub(crate) fn #name<'a>(r: &mut Reader<'a>, token: Token<'a>) -> ::std::result::Result<::std::option::Option<#ty>, DeserializeError> {
            if !read::object_start(r, &token)? {
                return ::std::result::Result::Ok(::std::option::Option::None);
            }
            let #mutable builder = #builder::default();
            while let ::std::option::Option::Some(key) = read::next_key(r)? {
                let token = read::value(r)?;
                #arms
            }
            ::std::result::Result::Ok(::std::option::Option::Some(builder.build_lenient()))
        }
    }
}

fn de_union_fn(u: &UnionPlan) -> TokenStream {
    let name = de_fn_name(&u.rust_name);
    let ty = path(&u.path);
    let union_name = &u.rust_name;
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let key = &v.wire_name;
        match &v.ty {
            None => quote! {
                #key => {
                    read::skip(r, &token)?;
                    #ty::#variant
                }
            },
            Some(t) => {
                let value = de_value(t);
                let wrap = if v.boxed { quote!(::std::boxed::Box::new(value)) } else { quote!(value) };
                let missing = format!("union `{union_name}` member `{key}` has no value");
                quote! {
                    #key => {
                        let value = #value.ok_or_else(|| DeserializeError::new(#missing))?;
                        #ty::#variant(#wrap)
                    }
                }
            }
        }
    });
    let two = format!("union `{union_name}` has more than one member set");
    let none = format!("union `{union_name}` has no member set");
    quote! {
        pub(crate) fn #name<'a>(r: &mut Reader<'a>, token: Token<'a>) -> ::std::result::Result<::std::option::Option<#ty>, DeserializeError> {
            if !read::object_start(r, &token)? {
                return ::std::result::Result::Ok(::std::option::Option::None);
            }
            let mut found = ::std::option::Option::None;
            while let ::std::option::Option::Some(key) = read::next_key(r)? {
                let token = read::value(r)?;
                // `__type` and null members are not the set member.
                if key == "__type" || token == Token::Null {
                    read::skip(r, &token)?;
                    continue;
                }
                if found.is_some() {
                    return ::std::result::Result::Err(DeserializeError::new(#two));
                }
                found = ::std::option::Option::Some(match key.as_ref() {
                    #(#arms)*
                    _ => {
                        read::skip(r, &token)?;
                        #ty::Unknown(crate::runtime::unknown::UnknownValue::new(key.as_ref()))
                    }
                });
            }
            found.map(::std::option::Option::Some).ok_or_else(|| DeserializeError::new(#none))
        }
    }
}

/// `build_lenient()`: what a deserializer builds with: defaults for missing defaulted members,
/// zero values for missing required ones (error correction), never an error.
pub fn build_lenient_fn(s: &StructPlan) -> TokenStream {
    let name = path(&s.path);
    let inits = s.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let value = match (f.optional, &f.default, &f.zero) {
            (true, _, _) => quote!(self.#n),
            (false, Some(DefaultValue::EmptyList | DefaultValue::EmptyMap), _)
            | (false, None, Some(DefaultValue::EmptyList | DefaultValue::EmptyMap)) => quote!(self.#n.unwrap_or_default()),
            (false, Some(d), _) | (false, None, Some(d)) => super::types::or_default(quote!(self.#n), d, &f.ty),
            (false, None, None) => quote!(self.#n.unwrap_or_default()),
        };
        quote!(#n: #value,)
    });
    let meta = super::types::hidden_fields(s);
    quote! {
        /// Builds from what a response held: missing members take their default, or the zero
        /// value of their type when the model requires them (error correction); never fails.
        #[allow(clippy::unnecessary_lazy_evaluations, reason = "one form for every default")]
        pub(crate) fn build_lenient(self) -> #name {
            #name {
                #(#inits)*
                #meta
            }
        }
    }
}
