//! Per operation, sans-IO: `serialize_request` (input and endpoint → `http::Request`),
//! `parse_response` (status, headers, body → output or the operation's error enum), and the
//! error enum itself. Also the response parsers of error structures, shared by operations.

use super::customizations;
use super::json::{de_field_arms, de_value, format_tokens, ser_fields, ser_value};
use super::{doc_attrs, ident, path};
use crate::model::{ShapeId, SimpleType, TimestampFormat};
use crate::naming;
use crate::plan::{Binding, FieldPlan, HostPart, NamedKind, OperationPlan, OperationWire, PathPart, RustType, ServicePlan, StructPlan};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

const SER_ERR: &str = "crate::runtime::wire::SerializeError";

/// `serialize_request`, `parse_response` and the error enum of an operation.
pub fn operation_items(service: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let serialize = serialize_request(service, op);
    let parse = parse_response(service, op);
    let error_enum = error_enum(service, op);
    quote! {
        #serialize
        #parse
        #error_enum
    }
}

/// An expression turning `v` (a reference to a scalar of `ty`) into its text form for a label,
/// query string or header (may use `?` on `SerializeError`).
fn scalar_text(ty: &RustType, format: Option<TimestampFormat>, v: TokenStream) -> TokenStream {
    match ty {
        RustType::Simple(SimpleType::String) => quote!(#v.clone()),
        RustType::Simple(SimpleType::Float | SimpleType::Double) => {
            // Each width prints its own shortest form (`f32` 0.1 is `0.1`).
            quote!(crate::runtime::wire::http_binding::float_text(*#v))
        }
        RustType::Simple(SimpleType::Blob) => quote!(crate::runtime::blob::base64_encode(#v.as_ref())),
        RustType::Timestamp(body_format) => {
            let f = format_tokens(format.unwrap_or(*body_format));
            quote!(crate::runtime::wire::http_binding::timestamp_text(#v, #f)?)
        }
        RustType::Named { kind: NamedKind::Enum, .. } => quote!(#v.as_str().to_string()),
        RustType::Named { kind: NamedKind::IntEnum, .. } => quote!(#v.as_i32().to_string()),
        _ => quote!(#v.to_string()),
    }
}

/// A `&str` of `v`'s text form, borrowing where the value already is text.
fn scalar_str(ty: &RustType, format: Option<TimestampFormat>, v: TokenStream) -> TokenStream {
    match ty {
        RustType::Simple(SimpleType::String) | RustType::Named { kind: NamedKind::Enum, .. } => quote!(#v.as_str()),
        other => {
            let text = scalar_text(other, format, v);
            quote!(&#text)
        }
    }
}

/// The field read as an `Option<&T>`.
fn optional_ref(f: &FieldPlan, value: TokenStream) -> TokenStream {
    let n = ident(&f.rust_name);
    if f.optional {
        quote!(#value.#n.as_ref())
    } else {
        quote!(::std::option::Option::Some(&#value.#n))
    }
}

fn serialize_request(service: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let input_ty = path(&op.input.path);
    let name = op.shape_id.name();
    let ser_err = path(SER_ERR);
    let doc = format!(
        " Builds the HTTP request of `{name}` for an endpoint (sans-IO: nothing is sent). Sign it and send it with any HTTP client."
    );
    // Headers every request of the operation carries, then those bound to input members.
    let mut fixed_headers = Vec::new();
    if let OperationWire::AwsJson { target, .. } = &op.wire {
        fixed_headers.push(("x-amz-target".to_string(), target.clone()));
    }
    fixed_headers.extend(customizations::request_headers(service));
    if service.query_compatible {
        // aws-query-protocol.rst "awsQueryCompatible trait".
        fixed_headers.push(("x-amzn-query-mode".into(), "true".into()));
    }
    let fixed_headers = fixed_headers.iter().map(|(name, value)| {
        quote!((::std::string::String::from(#name), ::std::string::String::from(#value)))
    });
    let fixups = customizations::input_fixups(service, op);
    let endpoint_override = customizations::endpoint_override(service, op);
    let body_headers = customizations::body_headers(service, op);
    let host_prefix = host_prefix(op);
    let (path_stmts, bound_headers, body, method, path_and_query) = match &op.wire {
        OperationWire::AwsJson { content_type, .. } => {
            let fields = ser_fields(op.input.fields.iter(), quote!(input));
            let body = quote! {
                let mut writer = crate::runtime::wire::json_write::JsonWriter::new();
                let w = &mut writer;
                w.begin_object();
                #fields
                w.end_object();
                let body = ::std::option::Option::Some((#content_type, writer.finish().into_bytes()));
            };
            (quote!(), vec![], body, quote!("POST"), quote!(::std::string::String::from("/")))
        }
        OperationWire::RestJson { method, path: parts, query, .. } => {
            let (path_stmts, header_stmts) = rest_request(op, parts, query);
            (path_stmts, header_stmts, rest_request_body(&op.input.fields), quote!(#method), quote!(path))
        }
    };
    let mutable = if bound_headers.is_empty() && body_headers.is_empty() { quote!() } else { quote!(mut) };
    let headers = quote! {
        #path_stmts
        let #mutable headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = ::std::vec![#(#fixed_headers),*];
        #(#bound_headers)*
    };
    let input = if op.input.fields.is_empty() { quote!(_input) } else { quote!(input) };
    quote! {
        #[doc = #doc]
        pub fn serialize_request(
            #input: &#input_ty,
            endpoint: &crate::runtime::endpoint::Endpoint,
        ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, #ser_err> {
            #fixups
            #endpoint_override
            #headers
            #body
            #body_headers
            #host_prefix
            crate::runtime::wire::build_request(
                endpoint,
                crate::runtime::wire::RequestParts { method: #method, path_and_query: #path_and_query, headers, body, host_prefix },
            )
        }
    }
}

/// `let host_prefix = ...;`: the operation's `@endpoint` host prefix with its labels filled in.
fn host_prefix(op: &OperationPlan) -> TokenStream {
    let Some(parts) = &op.host_prefix else {
        return quote!(let host_prefix = ::std::option::Option::None;);
    };
    let pieces = parts.iter().map(|part| match part {
        HostPart::Literal(text) => quote!(::std::string::String::from(#text)),
        HostPart::Label { field, name } => {
            let n = ident(field);
            quote!(crate::runtime::wire::host_label(#name, input.#n.as_deref())?)
        }
    });
    quote! {
        let host_prefix = ::std::option::Option::Some([#(#pieces),*].concat());
    }
}

/// A restJson1 request's path and query (statements building `path`), and the statements
/// pushing its bound headers onto `headers`.
fn rest_request(op: &OperationPlan, parts: &[PathPart], literal_query: &[(String, Option<String>)]) -> (TokenStream, Vec<TokenStream>) {
    let fields = &op.input.fields;
    let field = |rust_name: &str| fields.iter().find(|f| f.rust_name == rust_name);
    let path_stmts = parts.iter().map(|part| match part {
        PathPart::Literal(text) => match text.chars().collect::<Vec<_>>()[..] {
            [c] => quote!(path.push(#c);),
            _ => quote!(path.push_str(#text);),
        },
        PathPart::Label { field: rust_name, greedy } => {
            let Some(f) = field(rust_name) else { return quote!() };
            let value = optional_ref(f, quote!(input));
            let text = scalar_text(&f.ty, f.timestamp_format, quote!(v));
            let label = &f.smithy_name;
            // A string label is borrowed; other types are formatted first (a timestamp can fail
            // to format, so its `?` stays outside a closure).
            let (value, pass) = if f.ty == RustType::Simple(SimpleType::String) {
                let n = ident(&f.rust_name);
                let read = if f.optional {
                    quote!(input.#n.as_deref())
                } else {
                    quote!(::std::option::Option::Some(input.#n.as_str()))
                };
                (read, quote!(value))
            } else if matches!(f.ty, RustType::Timestamp(_)) {
                let read = quote! {
                    match #value {
                        ::std::option::Option::Some(v) => ::std::option::Option::Some(#text),
                        ::std::option::Option::None => ::std::option::Option::None,
                    }
                };
                (read, quote!(value.as_deref()))
            } else {
                (quote!(#value.map(|v| #text)), quote!(value.as_deref()))
            };
            quote! {
                let value = #value;
                path.push_str(&crate::runtime::wire::http_binding::label(#label, #pass, #greedy)?);
            }
        }
    });
    // The URI pattern's literal query is sent as written (brief §5.1): it is already in its
    // wire form, so it is not percent-encoded again (`a%20b` stays `a%20b`).
    let literal_query = literal_query.iter().map(|(k, v)| {
        let text = match v {
            Some(v) => format!("{k}={v}"),
            None => k.clone(),
        };
        quote! {
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(#text);
        }
    });
    let explicit_query: Vec<&String> =
        fields.iter().filter_map(|f| if let Binding::Query(q) = &f.binding { Some(q) } else { None }).collect();
    let query_stmts = fields.iter().filter_map(|f| {
        let value = optional_ref(f, quote!(input));
        match (&f.binding, &f.ty) {
            (Binding::Query(name), RustType::List { member, .. }) => {
                let text = scalar_str(member, f.timestamp_format, quote!(item));
                Some(quote! {
                    if let ::std::option::Option::Some(items) = #value {
                        for item in items {
                            crate::runtime::wire::http_binding::push_query(&mut query, #name, #text);
                        }
                    }
                })
            }
            (Binding::Query(name), ty) => {
                let text = scalar_str(ty, f.timestamp_format, quote!(v));
                Some(quote! {
                    if let ::std::option::Option::Some(v) = #value {
                        crate::runtime::wire::http_binding::push_query(&mut query, #name, #text);
                    }
                })
            }
            (Binding::QueryParams, RustType::Map { value: map_value, .. }) => {
                let push = match map_value.as_ref() {
                    RustType::List { .. } => quote! {
                        for item in values {
                            crate::runtime::wire::http_binding::push_query(&mut query, key, item);
                        }
                    },
                    _ => quote!(crate::runtime::wire::http_binding::push_query(&mut query, key, values);),
                };
                Some(quote! {
                    if let ::std::option::Option::Some(map) = #value {
                        let mut entries: ::std::vec::Vec<_> = map.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (key, values) in entries {
                            // An explicit @httpQuery member of the same name wins.
                            if [#(#explicit_query),*].contains(&key.as_str()) {
                                continue;
                            }
                            #push
                        }
                    }
                })
            }
            _ => None,
        }
    });
    let header_stmts = fields.iter().filter_map(|f| {
        let value = optional_ref(f, quote!(input));
        match (&f.binding, &f.ty) {
            (Binding::Header(name), RustType::List { member, .. }) => {
                let quote_items = matches!(member.as_ref(), RustType::Simple(SimpleType::String) | RustType::Named { kind: NamedKind::Enum, .. });
                // Only timestamps can fail to format; the other item types collect directly.
                let texts = match member.as_ref() {
                    RustType::Timestamp(body_format) => {
                        let f = format_tokens(f.timestamp_format.unwrap_or(*body_format));
                        quote! {
                            items.iter()
                                .map(|item| crate::runtime::wire::http_binding::timestamp_text(item, #f))
                                .collect::<::std::result::Result<::std::vec::Vec<_>, crate::runtime::wire::SerializeError>>()?
                        }
                    }
                    RustType::Simple(SimpleType::String) => quote!(items.to_vec()),
                    other => {
                        let text = scalar_text(other, f.timestamp_format, quote!(item));
                        quote!(items.iter().map(|item| #text).collect::<::std::vec::Vec<_>>())
                    }
                };
                Some(quote! {
                    if let ::std::option::Option::Some(items) = #value {
                        let texts = #texts;
                        headers.push((::std::string::String::from(#name), crate::runtime::wire::http_binding::header_list(&texts, #quote_items)));
                    }
                })
            }
            (Binding::Header(name), ty) => {
                let text = if f.media_type.is_some() && *ty == RustType::Simple(SimpleType::String) {
                    // A string with a media type travels base64-encoded in a header (§5.2).
                    quote!(crate::runtime::blob::base64_encode(v.as_bytes()))
                } else {
                    scalar_text(ty, f.timestamp_format, quote!(v))
                };
                Some(quote! {
                    if let ::std::option::Option::Some(v) = #value {
                        headers.push((::std::string::String::from(#name), #text));
                    }
                })
            }
            (Binding::PrefixHeaders(prefix), _) => {
                let explicit: Vec<String> = fields
                    .iter()
                    .filter_map(|f| if let Binding::Header(h) = &f.binding { Some(h.to_ascii_lowercase()) } else { None })
                    .collect();
                Some(quote! {
                    if let ::std::option::Option::Some(map) = #value {
                        let mut entries: ::std::vec::Vec<_> = map.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (key, value) in entries {
                            let name = ::std::format!("{}{}", #prefix, key);
                            // A concrete @httpHeader of the same name wins.
                            if ![#(#explicit),*].contains(&name.to_ascii_lowercase().as_str()) {
                                headers.push((name, value.clone()));
                            }
                        }
                    }
                })
            }
            _ => None,
        }
    });
    let header_stmts: Vec<TokenStream> = header_stmts.collect();
    let query_stmts: Vec<TokenStream> = literal_query.chain(query_stmts).collect();
    let query = if query_stmts.is_empty() {
        quote!()
    } else {
        quote! {
            let mut query = ::std::string::String::new();
            #(#query_stmts)*
            path.push_str(&query);
        }
    };
    let path = quote! {
        let mut path = ::std::string::String::new();
        #(#path_stmts)*
        #query
    };
    (path, header_stmts)
}

/// The body of a restJson1 request: the payload member, or the body members as a JSON object
/// (`{}` when none is set), or no body at all when the input has no body members.
fn rest_request_body(fields: &[FieldPlan]) -> TokenStream {
    if let Some(f) = fields.iter().find(|f| f.binding == Binding::Payload) {
        let value = optional_ref(f, quote!(input));
        return match &f.ty {
            RustType::Simple(SimpleType::Blob) => {
                let content_type = f.media_type.as_deref().unwrap_or("application/octet-stream");
                quote! {
                    let body = #value.map(|v| (#content_type, v.as_ref().to_vec()));
                }
            }
            RustType::Simple(SimpleType::String) => {
                let content_type = f.media_type.as_deref().unwrap_or("text/plain");
                quote! {
                    let body = #value.map(|v| (#content_type, v.clone().into_bytes()));
                }
            }
            RustType::Named { kind: NamedKind::Enum, .. } => {
                let content_type = f.media_type.as_deref().unwrap_or("text/plain");
                quote! {
                    let body = #value.map(|v| (#content_type, v.as_str().as_bytes().to_vec()));
                }
            }
            RustType::ByteStream => {
                let content_type = f.media_type.as_deref().unwrap_or("application/octet-stream");
                quote! {
                    let body = #value.map(|v| (#content_type, v.as_bytes().to_vec()));
                }
            }
            RustType::Named { kind: NamedKind::Union, .. } => {
                let ser = ser_value(&f.ty, quote!(v));
                quote! {
                    // An unset union payload sends no body.
                    let body = match #value {
                        ::std::option::Option::Some(v) => {
                            let mut writer = crate::runtime::wire::json_write::JsonWriter::new();
                let w = &mut writer;
                            #ser
                            ::std::option::Option::Some(("application/json", writer.finish().into_bytes()))
                        }
                        ::std::option::Option::None => ::std::option::Option::None,
                    };
                }
            }
            ty => {
                let ser = ser_value(ty, quote!(v));
                quote! {
                    // An unset structure or document payload sends `{}`.
                    let body = match #value {
                        ::std::option::Option::Some(v) => {
                            let mut writer = crate::runtime::wire::json_write::JsonWriter::new();
                let w = &mut writer;
                            #ser
                            writer.finish()
                        }
                        ::std::option::Option::None => ::std::string::String::from("{}"),
                    };
                    let body = ::std::option::Option::Some(("application/json", body.into_bytes()));
                }
            }
        };
    }
    let body_fields: Vec<&FieldPlan> = fields.iter().filter(|f| f.binding == Binding::Body).collect();
    if body_fields.is_empty() {
        return quote!(let body = ::std::option::Option::None;);
    }
    let ser = ser_fields(body_fields.into_iter(), quote!(input));
    quote! {
        let mut writer = crate::runtime::wire::json_write::JsonWriter::new();
                let w = &mut writer;
        w.begin_object();
        #ser
        w.end_object();
        let body = ::std::option::Option::Some(("application/json", writer.finish().into_bytes()));
    }
}

/// The name of the function that reads a structure from a whole response.
pub fn response_fn_name(rust_name: &str) -> proc_macro2::Ident {
    format_ident!("de_{}_response", naming::snake(rust_name))
}

/// A function reading a structure (an output or an error) from a whole response: header
/// bindings, the status code, then the payload or the JSON body members.
pub fn response_parser(s: &StructPlan) -> TokenStream {
    let name = response_fn_name(&s.rust_name);
    let ty = path(&s.path);
    let builder = path(&format!("{}Builder", s.path));
    let mut stmts = Vec::new();
    for f in &s.fields {
        let n = ident(&f.rust_name);
        match (&f.binding, &f.ty) {
            (Binding::Header(header), RustType::List { member, .. }) => {
                let parse = header_parse(member, f.timestamp_format, quote!(item));
                let split = if matches!(member.as_ref(), RustType::Timestamp(_))
                    && f.timestamp_format == Some(TimestampFormat::HttpDate)
                {
                    quote!(crate::runtime::wire::http_binding::split_http_dates(text))
                } else {
                    quote!(crate::runtime::wire::http_binding::split_header_list(text))
                };
                stmts.push(quote! {
                    builder.#n = crate::runtime::wire::http_binding::header(headers, #header, |text| {
                        #split.iter().map(::std::string::String::as_str).map(|item| #parse).collect::<::std::option::Option<::std::vec::Vec<_>>>()
                    })?;
                });
            }
            (Binding::Header(header), ty) => {
                let parse = if f.media_type.is_some() && *ty == RustType::Simple(SimpleType::String) {
                    quote! {
                        crate::runtime::blob::base64_decode(text).ok().and_then(|bytes| ::std::string::String::from_utf8(bytes).ok())
                    }
                } else {
                    header_parse(ty, f.timestamp_format, quote!(text))
                };
                stmts.push(quote! {
                    builder.#n = crate::runtime::wire::http_binding::header(headers, #header, |text| #parse)?;
                });
            }
            (Binding::PrefixHeaders(prefix), _) => stmts.push(quote! {
                builder.#n = ::std::option::Option::Some(crate::runtime::wire::http_binding::prefix_headers(headers, #prefix));
            }),
            (Binding::ResponseCode, _) => stmts.push(quote! {
                builder.#n = ::std::option::Option::Some(i32::from(status));
            }),
            _ => {}
        }
    }
    let uses_status = s.fields.iter().any(|f| f.binding == Binding::ResponseCode);
    let uses_headers = s.fields.iter().any(|f| matches!(f.binding, Binding::Header(_) | Binding::PrefixHeaders(_)));
    let status_param = if uses_status { quote!(status) } else { quote!(_status) };
    let headers_param = if uses_headers { quote!(headers) } else { quote!(_headers) };
    let body = match s.fields.iter().find(|f| f.binding == Binding::Payload) {
        Some(f) => payload_read(f),
        None => {
            let arms = de_field_arms(s.fields.iter().filter(|f| f.binding == Binding::Body));
            quote! {
                let r = &mut crate::runtime::json::Reader::new(body);
                if let ::std::option::Option::Some(token) = read::first_token(r, body)? {
                    if read::object_start(r, &token)? {
                        while let ::std::option::Option::Some(key) = read::next_key(r)? {
                            let token = read::value(r)?;
                            #arms
                        }
                    }
                    crate::runtime::wire::end_of_body(r)?;
                }
            }
        }
    };
    let mutable = if s.fields.is_empty() { quote!() } else { quote!(mut) };
    // Members bound to headers or the status are set one statement (and one closure form) each.
    let allow = if stmts.is_empty() {
        quote!()
    } else {
        quote!(#[allow(clippy::field_reassign_with_default, clippy::redundant_closure, reason = "one statement per bound member")])
    };
    quote! {
        #allow
        pub(crate) fn #name(
            #status_param: u16,
            #headers_param: &::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<#ty, DeserializeError> {
            let #mutable builder = #builder::default();
            #(#stmts)*
            #body
            ::std::result::Result::Ok(builder.build_lenient())
        }
    }
}

/// An `Option<T>` expression parsing `text` (a `&str`) as a header value of type `ty`.
fn header_parse(ty: &RustType, format: Option<TimestampFormat>, text: TokenStream) -> TokenStream {
    match ty {
        RustType::Simple(SimpleType::String) => quote!(::std::option::Option::Some(#text.to_string())),
        RustType::Simple(SimpleType::Boolean) => quote!(#text.parse::<bool>().ok()),
        RustType::Simple(SimpleType::Byte) => quote!(#text.parse::<i8>().ok()),
        RustType::Simple(SimpleType::Short) => quote!(#text.parse::<i16>().ok()),
        RustType::Simple(SimpleType::Integer) => quote!(#text.parse::<i32>().ok()),
        RustType::Simple(SimpleType::Long) => quote!(#text.parse::<i64>().ok()),
        RustType::Simple(SimpleType::Double) => quote!(crate::runtime::wire::http_binding::parse_float(#text)),
        RustType::Simple(SimpleType::Float) => quote!(crate::runtime::wire::http_binding::parse_float32(#text)),
        RustType::Simple(SimpleType::Blob) => {
            quote!(crate::runtime::blob::base64_decode(#text).ok().map(crate::primitives::Blob::new))
        }
        RustType::Timestamp(body_format) => {
            let f = format_tokens(format.unwrap_or(*body_format));
            quote!(crate::primitives::DateTime::parse(#f, #text).ok())
        }
        RustType::Named { path: p, kind: NamedKind::Enum } => {
            let t = path(p);
            quote!(::std::option::Option::Some(#t::from(#text)))
        }
        RustType::Named { path: p, kind: NamedKind::IntEnum } => {
            let t = path(p);
            quote!(#text.parse::<i32>().ok().map(#t::from))
        }
        _ => quote!(#text.parse().ok()),
    }
}

/// Reads an `@httpPayload` member from the whole body.
fn payload_read(f: &FieldPlan) -> TokenStream {
    let n = ident(&f.rust_name);
    match &f.ty {
        RustType::Simple(SimpleType::Blob) => quote! {
            if !body.is_empty() {
                builder.#n = ::std::option::Option::Some(crate::primitives::Blob::new(body.to_vec()));
            }
        },
        RustType::Simple(SimpleType::String) => quote! {
            if !body.is_empty() {
                let text = ::std::str::from_utf8(body).map_err(|_| DeserializeError::new("the payload is not UTF-8 text"))?;
                builder.#n = ::std::option::Option::Some(text.to_string());
            }
        },
        RustType::Named { path: p, kind: NamedKind::Enum } => {
            let t = path(p);
            quote! {
                if !body.is_empty() {
                    let text = ::std::str::from_utf8(body).map_err(|_| DeserializeError::new("the payload is not UTF-8 text"))?;
                    builder.#n = ::std::option::Option::Some(#t::from(text));
                }
            }
        }
        // The whole body, even empty: a streaming payload always has a value.
        RustType::ByteStream => quote! {
            builder.#n = ::std::option::Option::Some(crate::primitives::ByteStream::new(body.to_vec()));
        },
        ty => {
            let value = de_value(ty);
            quote! {
                let r = &mut crate::runtime::json::Reader::new(body);
                // An empty body means the payload member is absent.
                if let ::std::option::Option::Some(token) = read::first_token(r, body)? {
                    builder.#n = #value;
                    crate::runtime::wire::end_of_body(r)?;
                }
            }
        }
    }
}

fn parse_response(service: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let output_ty = path(&op.output.path);
    let error_ty = format_ident!("{}Error", naming::type_name(op.shape_id.name()));
    let parser = response_parser(&op.output);
    let parser_name = response_fn_name(&op.output.rust_name);
    let name = op.shape_id.name();
    let doc = format!(" Reads the HTTP response of `{name}`: the output for a 2xx status, else the error it describes.");
    let arms = op.errors.iter().filter_map(|e| {
        let err = service.errors.iter().find(|s| &s.shape_id == e)?;
        let code = &err.error.as_ref()?.code;
        let variant = ident(&err.rust_name);
        let f = response_fn_name(&err.rust_name);
        let svc = ident(&service.module);
        // A `Message`/`message` member is the error message: when the body spelled the key
        // another way (`message` for `Message`, `errorMessage`), take the message found.
        let message_fix = err
            .fields
            .iter()
            .find(|f| f.smithy_name.eq_ignore_ascii_case("message") && f.ty == RustType::Simple(SimpleType::String))
            .map(|f| {
                let n = ident(&f.rust_name);
                if f.optional {
                    quote! {
                        if error.#n.is_none() {
                            error.#n = meta.message().map(::std::string::String::from);
                        }
                    }
                } else {
                    quote! {
                        if error.#n.is_empty() {
                            if let ::std::option::Option::Some(message) = meta.message() {
                                error.#n = ::std::string::String::from(message);
                            }
                        }
                    }
                }
            });
        Some(quote! {
            ::std::option::Option::Some(#code) => crate::#svc::protocol::#f(status, headers, body).map(|mut error| {
                #message_fix
                error.meta = meta.clone();
                #error_ty::#variant(error)
            }),
        })
    });
    let arms: Vec<TokenStream> = arms.collect();
    // An @awsQueryCompatible service's error is matched by its shape name, but users see the
    // code and fault of its `x-amzn-query-error` header.
    let (code, query_error) = match (service.query_compatible, arms.is_empty()) {
        (true, false) => (
            quote!(code.as_deref()),
            quote! {
                let code = meta.code().map(::std::string::String::from);
                let meta = meta.with_query_error(headers);
            },
        ),
        (true, true) => (quote!(meta.code()), quote!(let meta = meta.with_query_error(headers);)),
        (false, _) => (quote!(meta.code()), quote!()),
    };
    let dispatch = if arms.is_empty() {
        quote! {
            #query_error
            return ::std::result::Result::Err(unhandled(meta, ::std::option::Option::None));
        }
    } else {
        quote! {
            #query_error
            return ::std::result::Result::Err(match #code {
                #(#arms)*
                _ => return ::std::result::Result::Err(unhandled(meta, ::std::option::Option::None)),
            }
            .unwrap_or_else(|e| unhandled(meta, ::std::option::Option::Some(e))));
        }
    };
    quote! {
        #[allow(unused_imports, reason = "which helpers an operation needs depends on its shapes")]
        use crate::runtime::wire::json_read as read;
        use crate::runtime::wire::DeserializeError;

        #[doc = #doc]
        #[allow(clippy::result_large_err, reason = "errors carry their metadata inline, as the AWS SDK's do")]
        pub fn parse_response(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<#output_ty, #error_ty> {
            if !(200..300).contains(&status) {
                let meta = crate::runtime::wire::error::error_metadata(status, headers, body);
                let unhandled = |meta, source| #error_ty::Unhandled(crate::runtime::wire::error::Unhandled::new(meta, source));
                #dispatch
            }
            #parser_name(status, headers, body)
                .map(|mut output| {
                    output._request_id = crate::runtime::wire::error::request_id(headers);
                    output
                })
                .map_err(|e| {
                let meta = crate::runtime::wire::error::ErrorMetadata::from_response(status, headers);
                #error_ty::Unhandled(crate::runtime::wire::error::Unhandled::new(meta, ::std::option::Option::Some(e)))
            })
        }

        #parser
    }
}

fn error_enum(service: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let name = format_ident!("{}Error", naming::type_name(op.shape_id.name()));
    let op_name = op.shape_id.name();
    let errors: Vec<&StructPlan> =
        op.errors.iter().filter_map(|e: &ShapeId| service.errors.iter().find(|s| &s.shape_id == e)).collect();
    let variants = errors.iter().map(|e| {
        let v = ident(&e.rust_name);
        let ty = path(&e.path);
        let mut docs = e.docs.clone();
        if docs.is_empty() {
            docs.push(format!("The `{}` error.", e.rust_name));
        }
        let d = doc_attrs(&docs);
        quote!(#d #v(#ty),)
    });
    let meta_arms = errors.iter().map(|e| {
        let v = ident(&e.rust_name);
        quote!(Self::#v(e) => e.meta(),)
    });
    let display_arms = errors.iter().map(|e| {
        let v = ident(&e.rust_name);
        quote!(Self::#v(e) => ::std::fmt::Display::fmt(e, f),)
    });
    let source_arms = errors.iter().map(|e| {
        let v = ident(&e.rust_name);
        quote!(Self::#v(e) => ::std::option::Option::Some(e),)
    });
    let retry_arms = errors.iter().map(|e| {
        let v = ident(&e.rust_name);
        let modeled = match e.error.as_ref().and_then(|t| t.retryable.map(|throttling| (throttling, t.server))) {
            Some((throttling, server)) => quote!(::std::option::Option::Some((#throttling, #server))),
            None => quote!(::std::option::Option::None),
        };
        quote!(Self::#v(e) => crate::runtime::wire::error::retry_kind(e.meta(), #modeled),)
    });
    let is_fns = errors.iter().map(|e| {
        let v = ident(&e.rust_name);
        let f = format_ident!("is_{}", naming::snake(&e.rust_name));
        let doc = format!(" Whether this is a `{}`.", e.rust_name);
        quote! {
            #[doc = #doc]
            pub fn #f(&self) -> bool {
                ::std::matches!(self, Self::#v(_))
            }
        }
    });
    let doc = format!(" The errors of `{op_name}`: one variant per modeled error, and `Unhandled` for the rest.");
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Debug)]
        #[allow(clippy::large_enum_variant, reason = "each variant is the service's error as it is; boxing would change how callers match")]
        pub enum #name {
            #(#variants)*
            /// An error the model does not describe, or a response that could not be read.
            Unhandled(crate::runtime::wire::error::Unhandled),
        }

        impl #name {
            /// Code, message, request id and HTTP status.
            pub fn meta(&self) -> &crate::runtime::wire::error::ErrorMetadata {
                match self {
                    #(#meta_arms)*
                    Self::Unhandled(e) => e.meta(),
                }
            }

            /// The error code (`ResourceNotFoundException`).
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.meta().code()
            }

            /// The message the service sent.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.meta().message()
            }

            /// The request id, for AWS support.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.meta().request_id()
            }

            /// How a retry layer should treat the error: throttling, transient (5xx), a
            /// `@retryable` modeled error, or `None` (do not retry).
            pub fn retry_kind(&self) -> ::std::option::Option<crate::runtime::wire::error::RetryKind> {
                match self {
                    #(#retry_arms)*
                    Self::Unhandled(e) => crate::runtime::wire::error::retry_kind(e.meta(), ::std::option::Option::None),
                }
            }

            #(#is_fns)*

            /// Whether the error is not one the model describes.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#display_arms)*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl crate::runtime::wire::error::RequestId for #name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.meta().request_id()
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#source_arms)*
                    Self::Unhandled(e) => ::std::option::Option::Some(e),
                }
            }
        }
    }
}
