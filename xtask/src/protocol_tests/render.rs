//! The Rust code of a service's cases, inside the generated crate (`src/protocol_tests/`): a
//! `#[test]` per case, the values its `params` describe, and the `ToValue` conversion of every
//! generated type, which reads fields directly (an absent list is not an empty one).

use super::cases::{Case, Kind};
use codegen::plan::{DefaultValue, EnumPlan, ItemPath, NamedKind, Presence, RustType, Scalar, ServicePlan, StructPlan, UnionPlan};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use std::collections::BTreeMap;

/// Every generated type of a service, by crate path.
pub struct Types<'a> {
    structs: BTreeMap<&'a ItemPath, &'a StructPlan>,
    enums: BTreeMap<&'a ItemPath, &'a EnumPlan>,
    unions: BTreeMap<&'a ItemPath, &'a UnionPlan>,
}

impl<'a> Types<'a> {
    pub fn new(service: &'a ServicePlan) -> Self {
        let mut types = Types { structs: BTreeMap::new(), enums: BTreeMap::new(), unions: BTreeMap::new() };
        for def in &service.types {
            match def {
                codegen::plan::TypeDef::Struct(s) => {
                    types.structs.insert(&s.path, s);
                }
                codegen::plan::TypeDef::Enum(e) => {
                    types.enums.insert(&e.path, e);
                }
                codegen::plan::TypeDef::Union(u) => {
                    types.unions.insert(&u.path, u);
                }
            }
        }
        for s in service.errors.iter().chain(service.operations.iter().flat_map(|o| [&o.input, &o.output])) {
            types.structs.insert(&s.path, s);
        }
        types
    }
}

pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// An item of the generated crate, from the crate root.
pub fn path(item: &ItemPath) -> TokenStream {
    let segments = item.module.iter().chain([&item.name]).map(|s| ident(s));
    quote!(crate #(::#segments)*)
}

/// The test of one case.
pub fn case_test(service: &ServicePlan, types: &Types, case: &Case) -> Result<TokenStream, String> {
    let name = case.name();
    let test = format_ident!("{}", name);
    let body = match case.kind {
        Kind::Request => request_body(service, types, case),
        Kind::Response => response_body(service, types, case),
    }
    .map_err(|e| format!("{name}: {e}"))?;
    let key = format!("{}::{name}", service.module);
    Ok(quote! {
        #[test]
        fn #test() {
            let outcome = (|| -> ::std::result::Result<(), ::std::string::String> { #body })();
            harness::run(#key, super::KNOWN_FAILURES, outcome);
        }
    })
}

fn str_list(case: &Value, key: &str) -> Vec<String> {
    case.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect()).unwrap_or_default()
}

fn opt_str(case: &Value, key: &str) -> TokenStream {
    match case.get(key).and_then(Value::as_str) {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    }
}

fn request_body(service: &ServicePlan, types: &Types, case: &Case) -> Result<TokenStream, String> {
    let c = case.case;
    let op = case.operation;
    let svc = ident(&service.module);
    let method = ident(&op.module);
    let params = c.get("params").cloned().unwrap_or(Value::Object(Default::default()));
    let params = params.as_object().ok_or("params is not an object")?;
    let mut setters = Vec::new();
    for (key, value) in params {
        let field = op.input.fields.iter().find(|f| &f.smithy_name == key).ok_or_else(|| format!("no input member `{key}`"))?;
        if value.is_null() {
            continue;
        }
        let set = ident(&field.names.set);
        let v = owned(types, &field.ty, value)?;
        let v = if field.boxed { quote!(::std::boxed::Box::new(#v)) } else { v };
        setters.push(quote!(.#set(::std::option::Option::Some(#v))));
    }
    let host = c.get("host").and_then(Value::as_str).unwrap_or("example.com");
    let method_name = c.get("method").and_then(Value::as_str).ok_or("no method")?;
    let uri = c.get("uri").and_then(Value::as_str).ok_or("no uri")?;
    // The host may carry a path prefix (`example.com/custom`), which the uri then includes.
    let resolved = c.get("resolvedHost").and_then(Value::as_str).unwrap_or(host);
    let resolved = resolved.split('/').next().unwrap_or(resolved);
    let query = str_list(c, "queryParams");
    let forbid_query = str_list(c, "forbidQueryParams");
    let require_query = str_list(c, "requireQueryParams");
    let headers: Vec<TokenStream> = c
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| h.iter().map(|(k, v)| {
            let v = v.as_str().unwrap_or_default();
            quote!((#k, #v))
        }).collect())
        .unwrap_or_default();
    let forbid_headers = str_list(c, "forbidHeaders");
    let require_headers = str_list(c, "requireHeaders");
    let body = opt_str(c, "body");
    let media = opt_str(c, "bodyMediaType");
    Ok(quote! {
        let capture = harness::Capture::default();
        let config = harness::config(#host, &capture);
        let client = crate::#svc::Client::new(&config);
        let sent = client.#method() #(#setters)* .send_blocking();
        let request = capture.last().ok_or_else(|| ::std::format!("no request was sent: {sent:?}"))?;
        harness::check_request(&request, &harness::ExpectedRequest {
            method: #method_name,
            uri: #uri,
            resolved_host: ::std::option::Option::Some(#resolved),
            query_params: &[#(#query),*],
            forbid_query_params: &[#(#forbid_query),*],
            require_query_params: &[#(#require_query),*],
            headers: &[#(#headers),*],
            forbid_headers: &[#(#forbid_headers),*],
            require_headers: &[#(#require_headers),*],
            body: #body,
            body_media_type: #media,
        })
    })
}

fn response_body(service: &ServicePlan, types: &Types, case: &Case) -> Result<TokenStream, String> {
    let c = case.case;
    let op = case.operation;
    let svc = ident(&service.module);
    let op_mod = ident(&op.module);
    let code = c.get("code").and_then(Value::as_u64).ok_or("no code")?;
    let code = u16::try_from(code).map_err(|_| "a code beyond u16")?;
    let headers: Vec<TokenStream> = c
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| h.iter().map(|(k, v)| {
            let v = v.as_str().unwrap_or_default();
            quote! {
                headers.append(
                    ::http::header::HeaderName::from_bytes(#k.as_bytes()).map_err(|e| e.to_string())?,
                    ::http::header::HeaderValue::from_str(#v).map_err(|e| e.to_string())?,
                );
            }
        }).collect())
        .unwrap_or_default();
    let body = c.get("body").and_then(Value::as_str).unwrap_or_default();
    let body = Literal::byte_string(body.as_bytes());
    let params = c.get("params").cloned().unwrap_or(Value::Object(Default::default()));
    let error_enum = path(&op.error.path);
    let (shape, check) = match &case.error {
        None => (&op.output, quote! {
            match result {
                ::std::result::Result::Ok(output) => harness::compare("output", &expected, &output.to_value()),
                ::std::result::Result::Err(e) => ::std::result::Result::Err(::std::format!("expected the output, got the error {e:?}")),
            }
        }),
        Some(error) => {
            let plan = service.errors.iter().find(|e| &e.shape_id == error).ok_or("the error is not planned")?;
            let variant = op.error.variants.iter().find(|v| &v.shape_id == error).ok_or("the error is not the operation's")?;
            let label = &variant.name;
            let variant = ident(&variant.name);
            // aws-config.smithy `ErrorCodeParams`: the code (and query fault) users see.
            let vendor = c.get("vendorParams").filter(|_| {
                c.get("vendorParamsShape").and_then(Value::as_str) == Some("aws.protocoltests.config#ErrorCodeParams")
            });
            let code_check = match vendor.and_then(|v| v.get("code")).and_then(Value::as_str) {
                Some(code) => quote! {
                    if e.meta().code() != ::std::option::Option::Some(#code) {
                        return ::std::result::Result::Err(::std::format!("error code: expected {:?}, got {:?}", #code, e.meta().code()));
                    }
                },
                None => quote!(),
            };
            let fault_check = match vendor.and_then(|v| v.get("type")).and_then(Value::as_str) {
                Some(fault) => quote! {
                    if e.meta().fault() != ::std::option::Option::Some(#fault) {
                        return ::std::result::Result::Err(::std::format!("error fault: expected {:?}, got {:?}", #fault, e.meta().fault()));
                    }
                },
                None => quote!(),
            };
            (plan, quote! {
                match result {
                    ::std::result::Result::Err(#error_enum::#variant(e)) => {
                        #code_check
                        #fault_check
                        harness::compare("error", &expected, &e.to_value())
                    }
                    other => ::std::result::Result::Err(::std::format!("expected the {} error, got {other:?}", #label)),
                }
            })
        }
    };
    let expected = expected_struct(types, shape, &params)?;
    Ok(quote! {
        #[allow(unused_mut)]
        let mut headers = ::http::HeaderMap::new();
        #(#headers)*
        let body: &[u8] = #body;
        let expected = #expected;
        let result = crate::#svc::operation::#op_mod::parse_response(#code, &headers, body);
        #check
    })
}

// ---- values the client is given ----

fn number_text(v: &Value) -> Option<String> {
    v.as_number().map(ToString::to_string)
}

/// Whole seconds and nanoseconds of an epoch-seconds number, exactly from its decimal text.
fn epoch(text: &str) -> Result<(i64, u32), String> {
    let bad = || format!("`{text}` is not an epoch-seconds timestamp");
    if text.contains(['e', 'E']) {
        let f: f64 = text.parse().map_err(|_| bad())?;
        let secs = f.floor();
        return Ok((secs as i64, ((f - secs) * 1e9).round() as u32));
    }
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let secs: i64 = int.parse().map_err(|_| bad())?;
    let mut digits: String = frac.chars().take(9).collect();
    while digits.len() < 9 {
        digits.push('0');
    }
    let nanos: u32 = digits.parse().map_err(|_| bad())?;
    Ok(if int.starts_with('-') && nanos > 0 { (secs - 1, 1_000_000_000 - nanos) } else { (secs, nanos) })
}

fn float_tokens(v: &Value, f32_width: bool) -> Result<TokenStream, String> {
    let ty = if f32_width { quote!(f32) } else { quote!(f64) };
    match v {
        Value::String(s) if s == "NaN" => Ok(quote!(#ty::NAN)),
        Value::String(s) if s == "Infinity" => Ok(quote!(#ty::INFINITY)),
        Value::String(s) if s == "-Infinity" => Ok(quote!(#ty::NEG_INFINITY)),
        Value::Number(n) => {
            let f: f64 = n.to_string().parse().map_err(|_| format!("bad float {n}"))?;
            Ok(if f32_width { Literal::f32_suffixed(f as f32).into_token_stream() } else { Literal::f64_suffixed(f).into_token_stream() })
        }
        other => Err(format!("{other} is not a float")),
    }
}

use quote::ToTokens;

fn int_literal(t: Scalar, v: &Value) -> Result<TokenStream, String> {
    let n = v.as_i64().ok_or_else(|| format!("{v} is not an integer"))?;
    let fits = |r: std::ops::RangeInclusive<i64>| if r.contains(&n) { Ok(()) } else { Err(format!("{n} does not fit")) };
    Ok(match t {
        Scalar::Byte => {
            fits(i8::MIN.into()..=i8::MAX.into())?;
            Literal::i8_suffixed(n as i8).into_token_stream()
        }
        Scalar::Short => {
            fits(i16::MIN.into()..=i16::MAX.into())?;
            Literal::i16_suffixed(n as i16).into_token_stream()
        }
        Scalar::Integer => {
            fits(i32::MIN.into()..=i32::MAX.into())?;
            Literal::i32_suffixed(n as i32).into_token_stream()
        }
        _ => Literal::i64_suffixed(n).into_token_stream(),
    })
}

fn as_str(v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| format!("{v} is not a string"))
}

/// An owned value of a member's type, as the builders take it.
fn owned(types: &Types, ty: &RustType, v: &Value) -> Result<TokenStream, String> {
    Ok(match ty {
        RustType::Scalar(t) => match t {
            Scalar::String => {
                let s = as_str(v)?;
                quote!(::std::string::String::from(#s))
            }
            Scalar::Boolean => {
                let b = v.as_bool().ok_or_else(|| format!("{v} is not a boolean"))?;
                quote!(#b)
            }
            Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long => int_literal(*t, v)?,
            Scalar::Float => float_tokens(v, true)?,
            Scalar::Double => float_tokens(v, false)?,
            Scalar::Blob => {
                let bytes = Literal::byte_string(as_str(v)?.as_bytes());
                quote!(crate::primitives::Blob::new(#bytes.to_vec()))
            }
            Scalar::BigInteger | Scalar::BigDecimal => {
                let text = number_text(v).or_else(|| v.as_str().map(String::from)).ok_or("not a number")?;
                let t = if *t == Scalar::BigInteger { quote!(BigInteger) } else { quote!(BigDecimal) };
                quote!(<crate::primitives::#t as ::std::str::FromStr>::from_str(#text).map_err(|e| e.to_string())?)
            }
            Scalar::Document => document(v),
        },
        RustType::Timestamp(_) => timestamp(v)?,
        RustType::ByteStream => {
            let bytes = Literal::byte_string(as_str(v)?.as_bytes());
            quote!(crate::primitives::ByteStream::new(#bytes.to_vec()))
        }
        RustType::Named { path: p, kind } => {
            let t = path(p);
            match kind {
                NamedKind::Enum => {
                    let s = as_str(v)?;
                    quote!(#t::from(#s))
                }
                NamedKind::IntEnum => {
                    let n = int_literal(Scalar::Integer, v)?;
                    quote!(#t::from(#n))
                }
                NamedKind::Struct(_) => {
                    let plan = types.structs.get(p).ok_or_else(|| format!("no plan for {p}"))?;
                    let fields = v.as_object().ok_or_else(|| format!("{v} is not an object"))?;
                    let mut setters = Vec::new();
                    for (key, value) in fields {
                        let f = plan.fields.iter().find(|f| &f.smithy_name == key).ok_or_else(|| format!("{p} has no member `{key}`"))?;
                        if value.is_null() {
                            continue;
                        }
                        let set = ident(&f.names.set);
                        let value = owned(types, &f.ty, value)?;
                        let value = if f.boxed { quote!(::std::boxed::Box::new(#value)) } else { value };
                        setters.push(quote!(.#set(::std::option::Option::Some(#value))));
                    }
                    let build = if plan.builder.fallible { quote!(.build().map_err(|e| e.to_string())?) } else { quote!(.build()) };
                    quote!(#t::builder() #(#setters)* #build)
                }
                NamedKind::Union(_) => {
                    let plan = types.unions.get(p).ok_or_else(|| format!("no plan for {p}"))?;
                    let fields = v.as_object().ok_or_else(|| format!("{v} is not an object"))?;
                    let (key, value) = match fields.iter().collect::<Vec<_>>()[..] {
                        [one] => one,
                        _ => return Err(format!("a union value must have one member: {v}")),
                    };
                    let variant = plan.variants.iter().find(|x| &x.smithy_name == key).ok_or_else(|| format!("{p} has no member `{key}`"))?;
                    let n = ident(&variant.name);
                    match &variant.ty {
                        None => quote!(#t::#n),
                        Some(ty) => {
                            let value = owned(types, ty, value)?;
                            let value = if variant.boxed { quote!(::std::boxed::Box::new(#value)) } else { value };
                            quote!(#t::#n(#value))
                        }
                    }
                }
            }
        }
        RustType::List { member, sparse } => {
            let items = v.as_array().ok_or_else(|| format!("{v} is not a list"))?;
            let items = items
                .iter()
                .map(|item| match (sparse, item.is_null()) {
                    (true, true) => Ok(quote!(::std::option::Option::None)),
                    (true, false) => owned(types, member, item).map(|i| quote!(::std::option::Option::Some(#i))),
                    (false, _) => owned(types, member, item),
                })
                .collect::<Result<Vec<_>, String>>()?;
            quote!(::std::vec![#(#items),*])
        }
        RustType::Map { key, value, sparse } => {
            let entries = v.as_object().ok_or_else(|| format!("{v} is not a map"))?;
            let entries = entries
                .iter()
                .map(|(k, item)| {
                    let k = owned(types, key, &Value::String(k.clone()))?;
                    let item = match (sparse, item.is_null()) {
                        (true, true) => quote!(::std::option::Option::None),
                        (true, false) => {
                            let i = owned(types, value, item)?;
                            quote!(::std::option::Option::Some(#i))
                        }
                        (false, _) => owned(types, value, item)?,
                    };
                    Ok(quote!((#k, #item)))
                })
                .collect::<Result<Vec<_>, String>>()?;
            quote!(::std::collections::HashMap::from([#(#entries),*]))
        }
    })
}

fn timestamp(v: &Value) -> Result<TokenStream, String> {
    let text = number_text(v).ok_or_else(|| format!("{v} is not an epoch-seconds number"))?;
    let (secs, nanos) = epoch(&text)?;
    Ok(quote!(crate::primitives::DateTime::from_secs_and_nanos(#secs, #nanos)))
}

fn document(v: &Value) -> TokenStream {
    match v {
        Value::Null => quote!(crate::primitives::Document::Null),
        Value::Bool(b) => quote!(crate::primitives::Document::Bool(#b)),
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                quote!(crate::primitives::Number::PosInt(#u))
            } else if let Some(i) = n.as_i64() {
                quote!(crate::primitives::Number::NegInt(#i))
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                quote!(crate::primitives::Number::Float(#f))
            };
            quote!(crate::primitives::Document::Number(#number))
        }
        Value::String(s) => quote!(crate::primitives::Document::String(::std::string::String::from(#s))),
        Value::Array(items) => {
            let items = items.iter().map(document);
            quote!(crate::primitives::Document::Array(::std::vec![#(#items),*]))
        }
        Value::Object(members) => {
            let members = members.iter().map(|(k, v)| {
                let v = document(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(crate::primitives::Document::Object(::std::collections::BTreeMap::from([#(#members),*])))
        }
    }
}

// ---- values a case expects ----

/// The value tree of a structure as a case's `params` describe it: every member, those the
/// params leave out as the client fills them (default, error-correction zero, or absent).
fn expected_struct(types: &Types, plan: &StructPlan, params: &Value) -> Result<TokenStream, String> {
    let given = params.as_object().ok_or_else(|| format!("{params} is not an object"))?;
    for key in given.keys() {
        if !plan.fields.iter().any(|f| &f.smithy_name == key) {
            return Err(format!("{} has no member `{key}`", plan.name));
        }
    }
    let members = plan
        .fields
        .iter()
        .map(|f| {
            let name = &f.smithy_name;
            let value = match given.get(name) {
                Some(v) if !v.is_null() => expected(types, &f.ty, v)?,
                _ => match &f.presence {
                    Presence::Defaulted(d) | Presence::Required { zero: d } => default_value(&f.ty, d),
                    Presence::Optional => quote!(harness::V::Null),
                },
            };
            Ok(quote!((#name, #value)))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(quote!(harness::V::Struct(::std::vec![#(#members),*])))
}

fn expected(types: &Types, ty: &RustType, v: &Value) -> Result<TokenStream, String> {
    let float = |f32_width: bool| -> Result<TokenStream, String> {
        let f = float_tokens(v, f32_width)?;
        Ok(if f32_width { quote!(harness::V::Float(f64::from(#f))) } else { quote!(harness::V::Float(#f)) })
    };
    Ok(match ty {
        RustType::Scalar(t) => match t {
            Scalar::String => {
                let s = as_str(v)?;
                quote!(harness::V::Str(::std::string::String::from(#s)))
            }
            Scalar::Boolean => {
                let b = v.as_bool().ok_or_else(|| format!("{v} is not a boolean"))?;
                quote!(harness::V::Bool(#b))
            }
            Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long => {
                let n = v.as_i64().ok_or_else(|| format!("{v} is not an integer"))?;
                let n = Literal::i128_suffixed(i128::from(n));
                quote!(harness::V::Int(#n))
            }
            Scalar::Float => float(true)?,
            Scalar::Double => float(false)?,
            Scalar::Blob => {
                let bytes = Literal::byte_string(as_str(v)?.as_bytes());
                quote!(harness::V::Bytes(#bytes.to_vec()))
            }
            Scalar::BigInteger | Scalar::BigDecimal => {
                let text = number_text(v).or_else(|| v.as_str().map(String::from)).ok_or("not a number")?;
                quote!(harness::V::Big(::std::string::String::from(#text)))
            }
            Scalar::Document => expected_document(v),
        },
        RustType::Timestamp(_) => expected_time(v)?,
        RustType::ByteStream => {
            let bytes = Literal::byte_string(as_str(v)?.as_bytes());
            quote!(harness::V::Bytes(#bytes.to_vec()))
        }
        RustType::Named { path: p, kind } => match kind {
            NamedKind::Enum => {
                let s = as_str(v)?;
                quote!(harness::V::Str(::std::string::String::from(#s)))
            }
            NamedKind::IntEnum => {
                let n = v.as_i64().ok_or_else(|| format!("{v} is not an integer"))?;
                let n = Literal::i128_suffixed(i128::from(n));
                quote!(harness::V::Int(#n))
            }
            NamedKind::Struct(_) => {
                let plan = types.structs.get(p).ok_or_else(|| format!("no plan for {p}"))?;
                expected_struct(types, plan, v)?
            }
            NamedKind::Union(_) => {
                let plan = types.unions.get(p).ok_or_else(|| format!("no plan for {p}"))?;
                let fields = v.as_object().ok_or_else(|| format!("{v} is not an object"))?;
                let (key, value) = match fields.iter().collect::<Vec<_>>()[..] {
                    [one] => one,
                    _ => return Err(format!("a union value must have one member: {v}")),
                };
                let variant = plan.variants.iter().find(|x| &x.smithy_name == key).ok_or_else(|| format!("{p} has no member `{key}`"))?;
                let inner = match &variant.ty {
                    None => quote!(harness::V::Null),
                    Some(ty) => expected(types, ty, value)?,
                };
                quote!(harness::V::Union(::std::string::String::from(#key), ::std::boxed::Box::new(#inner)))
            }
        },
        RustType::List { member, .. } => {
            let items = v.as_array().ok_or_else(|| format!("{v} is not a list"))?;
            let items = items
                .iter()
                .map(|i| if i.is_null() { Ok(quote!(harness::V::Null)) } else { expected(types, member, i) })
                .collect::<Result<Vec<_>, String>>()?;
            quote!(harness::V::List(::std::vec![#(#items),*]))
        }
        RustType::Map { value, .. } => {
            let entries = v.as_object().ok_or_else(|| format!("{v} is not a map"))?;
            let entries = entries
                .iter()
                .map(|(k, i)| {
                    let i = if i.is_null() { quote!(harness::V::Null) } else { expected(types, value, i)? };
                    Ok(quote!((::std::string::String::from(#k), #i)))
                })
                .collect::<Result<Vec<_>, String>>()?;
            quote!(harness::V::Map(::std::vec![#(#entries),*]))
        }
    })
}

fn expected_time(v: &Value) -> Result<TokenStream, String> {
    let text = number_text(v).ok_or_else(|| format!("{v} is not an epoch-seconds number"))?;
    let (secs, nanos) = epoch(&text)?;
    Ok(quote!(harness::V::Time { secs: #secs, nanos: #nanos }))
}

fn expected_document(v: &Value) -> TokenStream {
    match v {
        Value::Null => quote!(harness::V::Null),
        Value::Bool(b) => quote!(harness::V::Bool(#b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => {
                let i = Literal::i128_suffixed(i128::from(i));
                quote!(harness::V::Int(#i))
            }
            None => {
                let f = n.as_f64().unwrap_or(f64::NAN);
                quote!(harness::V::Float(#f))
            }
        },
        Value::String(s) => quote!(harness::V::Str(::std::string::String::from(#s))),
        Value::Array(items) => {
            let items = items.iter().map(expected_document);
            quote!(harness::V::List(::std::vec![#(#items),*]))
        }
        Value::Object(members) => {
            let members = members.iter().map(|(k, v)| {
                let v = expected_document(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(harness::V::Map(::std::vec![#(#members),*]))
        }
    }
}

/// The value tree of a default (or error-correction zero) value.
fn default_value(ty: &RustType, d: &DefaultValue) -> TokenStream {
    match d {
        DefaultValue::Bool(b) => quote!(harness::V::Bool(#b)),
        DefaultValue::Int(n) => {
            let n = Literal::i128_suffixed(i128::from(*n));
            quote!(harness::V::Int(#n))
        }
        DefaultValue::Float(f) => {
            let value = match ty {
                RustType::Scalar(Scalar::Float) => {
                    let f = *f as f32;
                    quote!(f64::from(#f))
                }
                _ => quote!(#f),
            };
            quote!(harness::V::Float(#value))
        }
        DefaultValue::String(s) | DefaultValue::Enum(s) => quote!(harness::V::Str(::std::string::String::from(#s))),
        DefaultValue::Blob(bytes) => {
            let bytes = Literal::byte_string(bytes);
            quote!(harness::V::Bytes(#bytes.to_vec()))
        }
        DefaultValue::Timestamp { secs, nanos } => quote!(harness::V::Time { secs: #secs, nanos: #nanos }),
        DefaultValue::EmptyList => quote!(harness::V::List(::std::vec::Vec::new())),
        DefaultValue::EmptyMap => quote!(harness::V::Map(::std::vec::Vec::new())),
        DefaultValue::Document(v) => expected_document(v),
        DefaultValue::BigNumber(text) => quote!(harness::V::Big(::std::string::String::from(#text))),
    }
}

// ---- what the client produced ----

/// `ToValue` for every generated type of the service, reading fields directly.
pub fn to_value_impls(types: &Types) -> TokenStream {
    let structs = types.structs.values().map(|s| {
        let t = path(&s.path);
        let members = s.fields.iter().map(|f| {
            let name = &f.smithy_name;
            let n = ident(&f.names.field);
            quote!((#name, harness::ToValue::to_value(&self.#n)))
        });
        quote! {
            impl harness::ToValue for #t {
                fn to_value(&self) -> harness::V {
                    harness::V::Struct(::std::vec![#(#members),*])
                }
            }
        }
    });
    let enums = types.enums.values().map(|e| {
        let t = path(&e.path);
        let value = if e.int { quote!(harness::V::Int(i128::from(self.as_i32()))) } else { quote!(harness::V::Str(self.as_str().to_string())) };
        quote! {
            impl harness::ToValue for #t {
                fn to_value(&self) -> harness::V {
                    #value
                }
            }
        }
    });
    let unions = types.unions.values().map(|u| {
        let t = path(&u.path);
        let arms = u.variants.iter().map(|v| {
            let n = ident(&v.name);
            let name = &v.smithy_name;
            match &v.ty {
                None => quote!(Self::#n => harness::V::Union(::std::string::String::from(#name), ::std::boxed::Box::new(harness::V::Null)),),
                Some(_) => quote!(Self::#n(value) => harness::V::Union(::std::string::String::from(#name), ::std::boxed::Box::new(harness::ToValue::to_value(value))),),
            }
        });
        quote! {
            impl harness::ToValue for #t {
                fn to_value(&self) -> harness::V {
                    match self {
                        #(#arms)*
                        Self::Unknown(name) => harness::V::Union(::std::format!("(unknown) {}", name.as_str()), ::std::boxed::Box::new(harness::V::Null)),
                    }
                }
            }
        }
    });
    quote!(#(#structs)* #(#enums)* #(#unions)*)
}

#[cfg(test)]
mod tests {
    use super::epoch;

    #[test]
    fn epoch_seconds_are_exact() {
        assert_eq!(epoch("1576540098").unwrap(), (1576540098, 0));
        assert_eq!(epoch("1576540098.123456789").unwrap(), (1576540098, 123_456_789));
        assert_eq!(epoch("1.5").unwrap(), (1, 500_000_000));
        assert_eq!(epoch("-1.25").unwrap(), (-2, 750_000_000));
        assert_eq!(epoch("1e3").unwrap(), (1000, 0));
    }
}
