//! JSON bodies, as awsJson1_0, awsJson1_1 and restJson1 share them (the Smithy JSON mapping of
//! aws-json-1_0-protocol.rst and aws-restjson1-protocol.rst): the writer and reader of each
//! structure and union in the service's `protocol` module, and the statements that write and
//! read members. Writers take a `JsonWriter` called `w`; readers a `Reader` called `r` and the
//! value's first `token`.

use super::super::paths::{Paths, Rt};
use super::super::tokens::ident;
use super::super::rust_types::timestamp_format;
use crate::plan::{Codec, CodecFns, FieldPlan, ItemPath, NamedKind, Presence, RustType, Scalar, ServicePlan, StructPlan, TypeDef, UnionPlan, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// Statements writing `value` (a reference to a value of `t`) to `w`.
pub fn write_value(paths: &Paths, t: &RustType, value: TokenStream) -> TokenStream {
    match t {
        RustType::Scalar(s) => match s {
            Scalar::String => quote!(w.string(#value);),
            Scalar::Boolean => quote!(w.boolean(*#value);),
            Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long => quote!(w.integer(*#value);),
            Scalar::Float => quote!(w.float(*#value);),
            Scalar::Double => quote!(w.double(*#value);),
            Scalar::BigInteger => quote!(w.big_integer(#value);),
            Scalar::BigDecimal => quote!(w.big_decimal(#value);),
            Scalar::Blob => quote!(w.blob(#value.as_ref());),
            Scalar::Document => quote!(w.document(#value);),
        },
        // A streaming payload is never inside a JSON body; were it, it would read as a blob.
        RustType::ByteStream => quote!(w.blob(#value.as_bytes());),
        RustType::Timestamp(format) => {
            let f = timestamp_format(paths, *format);
            quote!(w.timestamp(#value, #f)?;)
        }
        RustType::Named { path: _, kind } => match kind {
            NamedKind::Enum => quote!(w.string(#value.as_str());),
            NamedKind::IntEnum => quote!(w.integer(#value.as_i32());),
            NamedKind::Struct(CodecFns { write, read: _ }) | NamedKind::Union(CodecFns { write, read: _ }) => {
                let f = paths.item(write);
                quote!(#f(w, #value)?;)
            }
        },
        RustType::List { member, sparse } => {
            let item = write_element(paths, member, *sparse, quote!(item));
            quote! {
                w.begin_array();
                for item in #value {
                    #item
                }
                w.end_array();
            }
        }
        RustType::Map { key: _, value: v, sparse } => {
            let item = write_element(paths, v, *sparse, quote!(item));
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

fn write_element(paths: &Paths, t: &RustType, sparse: bool, item: TokenStream) -> TokenStream {
    if sparse {
        let inner = write_value(paths, t, quote!(value));
        quote! {
            match #item {
                ::std::option::Option::Some(value) => { #inner }
                ::std::option::Option::None => w.null(),
            }
        }
    } else {
        write_value(paths, t, item)
    }
}

/// Statements writing `fields` of `value` (a reference to the structure) as members of the
/// open object. Unset optional members are left out; every other member is written.
pub fn write_fields<'a>(paths: &Paths, fields: impl Iterator<Item = &'a FieldPlan>, value: TokenStream) -> TokenStream {
    let stmts = fields.map(|f| {
        let FieldPlan {
            member_id: _,
            smithy_name: _,
            names,
            ty,
            presence,
            boxed,
            sensitive: _,
            docs: _,
            deprecated: _,
            wire_name,
            binding: _,
            timestamp_format: _,
            media_type: _,
        } = f;
        let n = ident(&names.field);
        let key = wire_name;
        let body = write_value(paths, ty, quote!(v));
        match presence {
            Presence::Optional => {
                let read = if *boxed { quote!(#value.#n.as_deref()) } else { quote!(&#value.#n) };
                quote! {
                    if let ::std::option::Option::Some(v) = #read {
                        w.key(#key);
                        #body
                    }
                }
            }
            Presence::Defaulted(_) | Presence::Required { .. } => quote! {
                {
                    let v = &#value.#n;
                    w.key(#key);
                    #body
                }
            },
        }
    });
    quote!(#(#stmts)*)
}

/// Statements that start a JSON text: `writer`, and `w` to write to (`writer.finish()` ends it).
pub fn start_writer(paths: &Paths) -> TokenStream {
    let writer = paths.rt(Rt::JsonWriter);
    quote! {
        let mut writer = #writer::new();
        let w = &mut writer;
    }
}

/// An expression reading a value of `t` from `token` (in scope with the reader `r`), of type
/// `Option<T>` after its `?`s: `null` is `None`.
pub fn read_value(paths: &Paths, t: &RustType) -> TokenStream {
    read_from(paths, t, false).1
}

/// Reading the value after a member name (just read from `r`), or an array element after
/// `next_item`: statements to run first, and an expression of type `Option<T>` after its `?`s.
/// Strings, enums, integers, timestamps, structures, unions, lists and maps come straight from
/// the reader with nothing before; anything else through its first `token`, read first.
pub fn read_member(paths: &Paths, t: &RustType) -> (TokenStream, TokenStream) {
    read_from(paths, t, true)
}

/// [`read_value`] (`member` false: the value's first `token` is in scope) and [`read_member`]
/// (`member` true: the value is next in `r`).
fn read_from(paths: &Paths, t: &RustType, member: bool) -> (TokenStream, TokenStream) {
    let read = paths.rt(Rt::JsonRead);
    if member {
        let direct = match t {
            RustType::Scalar(Scalar::String) => Some(quote!(#read::string_member(r)?)),
            RustType::Scalar(Scalar::Byte) => Some(quote!(#read::integer_member::<i8>(r)?)),
            RustType::Scalar(Scalar::Short) => Some(quote!(#read::integer_member::<i16>(r)?)),
            RustType::Scalar(Scalar::Integer) => Some(quote!(#read::integer_member::<i32>(r)?)),
            RustType::Scalar(Scalar::Long) => Some(quote!(#read::integer_member::<i64>(r)?)),
            RustType::Timestamp(format) => {
                let f = timestamp_format(paths, *format);
                Some(quote!(#read::timestamp_member(r, #f)?))
            }
            RustType::Named { path, kind: NamedKind::Enum } => {
                let t = paths.item(path);
                Some(quote!(#read::enum_member::<#t>(r)?))
            }
            RustType::Named { path, kind: NamedKind::IntEnum } => {
                let t = paths.item(path);
                Some(quote!(#read::integer_member::<i32>(r)?.map(#t::from)))
            }
            RustType::Named { path: _, kind: NamedKind::Struct(CodecFns { write: _, read: f }) | NamedKind::Union(CodecFns { write: _, read: f }) } => {
                let f = paths.item(f);
                Some(quote!(#f(r, ::std::option::Option::None)?))
            }
            RustType::List { .. } | RustType::Map { .. } => None,
            _ => return (quote!(let token = #read::value(r)?;), read_from(paths, t, false).1),
        };
        if let Some(direct) = direct {
            return (quote!(), direct);
        }
    }
    let value = match t {
        RustType::Scalar(s) => match s {
            Scalar::String => quote!(#read::string(r, token)?),
            Scalar::Boolean => quote!(#read::boolean(r, token)?),
            Scalar::Byte => quote!(#read::integer::<i8>(r, token)?),
            Scalar::Short => quote!(#read::integer::<i16>(r, token)?),
            Scalar::Integer => quote!(#read::integer::<i32>(r, token)?),
            Scalar::Long => quote!(#read::integer::<i64>(r, token)?),
            Scalar::Float => quote!(#read::float(r, token)?),
            Scalar::Double => quote!(#read::double(r, token)?),
            Scalar::BigInteger => quote!(#read::big_integer(r, token)?),
            Scalar::BigDecimal => quote!(#read::big_decimal(r, token)?),
            Scalar::Blob => quote!(#read::blob(r, token)?),
            Scalar::Document => quote!(#read::document(r, token)?),
        },
        RustType::Timestamp(format) => {
            let f = timestamp_format(paths, *format);
            quote!(#read::timestamp(r, token, #f)?)
        }
        RustType::ByteStream => {
            let stream = paths.rt(Rt::ByteStream);
            quote!(#read::blob(r, token)?.map(|b| #stream::new(b.into_inner())))
        }
        RustType::Named { path, kind } => {
            let t = paths.item(path);
            match kind {
                NamedKind::Enum => quote!(#read::enum_value::<#t>(r, token)?),
                NamedKind::IntEnum => quote!(#read::integer::<i32>(r, token)?.map(#t::from)),
                NamedKind::Struct(CodecFns { write: _, read }) | NamedKind::Union(CodecFns { write: _, read }) => {
                    let f = paths.item(read);
                    quote!(#f(r, ::std::option::Option::Some(token))?)
                }
            }
        }
        RustType::List { member: item_type, sparse } => {
            let (first, item) = read_member(paths, item_type);
            // Dense lists drop a `null` element rather than failing the whole response.
            let push = if *sparse {
                quote!(items.push(#item);)
            } else {
                quote!(if let ::std::option::Option::Some(item) = #item { items.push(item); })
            };
            let start = if member { quote!(#read::array_member(r)?) } else { quote!(#read::array_start(r, &token)?) };
            quote! {
                if #start {
                    let mut items = ::std::vec::Vec::new();
                    while #read::next_item(r)? {
                        #first
                        #push
                    }
                    ::std::option::Option::Some(items)
                } else {
                    ::std::option::Option::None
                }
            }
        }
        RustType::Map { key, value, sparse } => {
            let (first, item) = read_member(paths, value);
            let key_expr = match key.as_ref() {
                RustType::Named { path, .. } => {
                    let t = paths.item(path);
                    quote!(#t::from(key.as_ref()))
                }
                _ => quote!(key.into_owned()),
            };
            let insert = if *sparse {
                quote!(map.insert(#key_expr, #item);)
            } else {
                quote!(if let ::std::option::Option::Some(item) = #item { map.insert(#key_expr, item); })
            };
            let start = if member { quote!(#read::object_member(r)?) } else { quote!(#read::object_start(r, &token)?) };
            quote! {
                if #start {
                    let mut map = ::std::collections::HashMap::new();
                    while let ::std::option::Option::Some(key) = #read::next_key(r)? {
                        #first
                        #insert
                    }
                    ::std::option::Option::Some(map)
                } else {
                    ::std::option::Option::None
                }
            }
        }
    };
    (quote!(), value)
}

/// A `match` filling `builder` from the member named `key` (its value is next in `r`); unknown
/// members are skipped.
pub fn read_field_arms<'a>(paths: &Paths, fields: impl Iterator<Item = &'a FieldPlan>) -> TokenStream {
    let read = paths.rt(Rt::JsonRead);
    let arms: Vec<TokenStream> = fields
        .map(|f| {
            let FieldPlan {
                member_id: _,
                smithy_name: _,
                names,
                ty,
                presence: _,
                boxed,
                sensitive: _,
                docs: _,
                deprecated: _,
                wire_name: key,
                binding: _,
                timestamp_format: _,
                media_type: _,
            } = f;
            let n = ident(&names.field);
            let (first, value) = read_member(paths, ty);
            let value = if *boxed { quote!(#value.map(::std::boxed::Box::new)) } else { value };
            if first.is_empty() {
                quote!(#key => builder.#n = #value,)
            } else {
                quote!(#key => {
                    #first
                    builder.#n = #value;
                })
            }
        })
        .collect();
    if arms.is_empty() {
        // A structure without body members skips every member.
        return quote!(let _ = key; #read::skip_member(r)?;);
    }
    quote! {
        match key.as_ref() {
            #(#arms)*
            _ => #read::skip_member(r)?,
        }
    }
}

/// Statements reading a whole body into `builder`: a JSON object of the `fields` (an empty
/// body reads as `{}`, both JSON protocols say), and nothing after it.
pub fn read_body<'a>(paths: &Paths, fields: impl Iterator<Item = &'a FieldPlan>) -> TokenStream {
    let read = paths.rt(Rt::JsonRead);
    let reader = paths.rt(Rt::JsonReader);
    let arms = read_field_arms(paths, fields);
    quote! {
        let r = &mut #reader::new(body);
        if let ::std::option::Option::Some(token) = #read::first_token(r, body)? {
            if #read::object_start(r, &token)? {
                while let ::std::option::Option::Some(key) = #read::next_key(r)? {
                    #arms
                }
            }
            #read::end_of_body(r)?;
        }
    }
}

/// The writers and readers of the service's structures and unions that bodies need.
pub fn codecs(paths: &Paths, service: &ServicePlan) -> TokenStream {
    let structs = service.types.iter().filter_map(|t| if let TypeDef::Struct(s) = t { Some(s) } else { None });
    let unions = service.types.iter().filter_map(|t| if let TypeDef::Union(u) = t { Some(u) } else { None });
    let mut items = Vec::new();
    for s in structs {
        let Codec { write, read } = &s.codec;
        if let Some(f) = write {
            items.push(write_struct_fn(paths, s, f));
        }
        if let Some(f) = read {
            items.push(read_struct_fn(paths, s, f));
        }
    }
    for u in unions {
        let Codec { write, read } = &u.codec;
        if let Some(f) = write {
            items.push(write_union_fn(paths, u, f));
        }
        if let Some(f) = read {
            items.push(read_union_fn(paths, u, f));
        }
    }
    quote!(#(#items)*)
}

fn write_struct_fn(paths: &Paths, s: &StructPlan, f: &ItemPath) -> TokenStream {
    let name = ident(&f.name);
    let t = paths.item(&s.path);
    let writer = paths.rt(Rt::JsonWriter);
    let ser_error = paths.rt(Rt::SerializeError);
    let fields = write_fields(paths, s.fields.iter(), quote!(value));
    // A structure without members writes `{}` and reads nothing of the value.
    let value = if s.fields.is_empty() { quote!(_value) } else { quote!(value) };
    quote! {
        pub(crate) fn #name(w: &mut #writer, #value: &#t) -> ::std::result::Result<(), #ser_error> {
            w.begin_object();
            #fields
            w.end_object();
            ::std::result::Result::Ok(())
        }
    }
}

fn write_union_fn(paths: &Paths, u: &UnionPlan, f: &ItemPath) -> TokenStream {
    let name = ident(&f.name);
    let t = paths.item(&u.path);
    let writer = paths.rt(Rt::JsonWriter);
    let ser_error = paths.rt(Rt::SerializeError);
    let arms = u.variants.iter().map(|v| {
        let UnionVariant { name, wire_name: key, ty: variant_ty, .. } = v;
        let variant = ident(name);
        match variant_ty {
            None => quote! {
                #t::#variant => {
                    w.key(#key);
                    w.begin_object();
                    w.end_object();
                }
            },
            Some(vt) => {
                let body = write_value(paths, vt, quote!(inner));
                quote! {
                    #t::#variant(inner) => {
                        w.key(#key);
                        #body
                    }
                }
            }
        }
    });
    let unknown = format!("cannot send the unknown member of union `{}`", u.name);
    quote! {
        pub(crate) fn #name(w: &mut #writer, value: &#t) -> ::std::result::Result<(), #ser_error> {
            w.begin_object();
            match value {
                #(#arms)*
                #t::Unknown(_) => return ::std::result::Result::Err(#ser_error::new(#unknown)),
            }
            w.end_object();
            ::std::result::Result::Ok(())
        }
    }
}

fn read_struct_fn(paths: &Paths, s: &StructPlan, f: &ItemPath) -> TokenStream {
    let read = paths.rt(Rt::JsonRead);
    let name = ident(&f.name);
    let t = paths.item(&s.path);
    let builder = paths.item(&s.builder.path);
    let reader = paths.rt(Rt::JsonReader);
    let token_ty = paths.rt(Rt::JsonToken);
    let de_error = paths.rt(Rt::DeserializeError);
    let arms = read_field_arms(paths, s.fields.iter());
    let mutable = if s.fields.is_empty() { quote!() } else { quote!(mut) };
    quote! {
        pub(crate) fn #name<'a>(r: &mut #reader<'a>, token: ::std::option::Option<#token_ty<'a>>) -> ::std::result::Result<::std::option::Option<#t>, #de_error> {
            if !#read::object_begin(r, token)? {
                return ::std::result::Result::Ok(::std::option::Option::None);
            }
            let #mutable builder = #builder::default();
            while let ::std::option::Option::Some(key) = #read::next_key(r)? {
                #arms
            }
            ::std::result::Result::Ok(::std::option::Option::Some(builder.build_lenient()))
        }
    }
}

fn read_union_fn(paths: &Paths, u: &UnionPlan, f: &ItemPath) -> TokenStream {
    let read = paths.rt(Rt::JsonRead);
    let name = ident(&f.name);
    let t = paths.item(&u.path);
    let reader = paths.rt(Rt::JsonReader);
    let token_ty = paths.rt(Rt::JsonToken);
    let de_error = paths.rt(Rt::DeserializeError);
    let unknown = paths.rt(Rt::UnknownValue);
    let union_name = &u.name;
    let arms = u.variants.iter().map(|v| {
        let UnionVariant { name, wire_name: key, ty: variant_ty, boxed, .. } = v;
        let variant = ident(name);
        match variant_ty {
            None => quote! {
                #key => {
                    #read::skip(r, &token)?;
                    #t::#variant
                }
            },
            Some(vt) => {
                let value = read_value(paths, vt);
                let wrap = if *boxed { quote!(::std::boxed::Box::new(value)) } else { quote!(value) };
                let missing = format!("union `{union_name}` member `{key}` has no value");
                quote! {
                    #key => {
                        let value = #value.ok_or_else(|| #de_error::new(#missing))?;
                        #t::#variant(#wrap)
                    }
                }
            }
        }
    });
    let two = format!("union `{union_name}` has more than one member set");
    let none = format!("union `{union_name}` has no member set");
    quote! {
        pub(crate) fn #name<'a>(r: &mut #reader<'a>, token: ::std::option::Option<#token_ty<'a>>) -> ::std::result::Result<::std::option::Option<#t>, #de_error> {
            if !#read::object_begin(r, token)? {
                return ::std::result::Result::Ok(::std::option::Option::None);
            }
            let mut found = ::std::option::Option::None;
            while let ::std::option::Option::Some(key) = #read::next_key(r)? {
                let token = #read::value(r)?;
                // `__type` and null members are not the set member.
                if key == "__type" || token == #token_ty::Null {
                    #read::skip(r, &token)?;
                    continue;
                }
                if found.is_some() {
                    return ::std::result::Result::Err(#de_error::new(#two));
                }
                found = ::std::option::Option::Some(match key.as_ref() {
                    #(#arms)*
                    _ => {
                        #read::skip(r, &token)?;
                        #t::Unknown(#unknown::new(key.as_ref()))
                    }
                });
            }
            found.map(::std::option::Option::Some).ok_or_else(|| #de_error::new(#none))
        }
    }
}
