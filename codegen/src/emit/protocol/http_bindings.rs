//! HTTP bindings (http-bindings.rst), which restJson1 (and the XML REST
//! protocol, when it comes) build on: members in the URI's labels and query string, in
//! headers, in the status code, and payloads that are not a structured body. Request
//! statements write `path` and push onto `headers`; response statements set `builder`'s
//! fields from `status` and `headers`.

use super::super::paths::{Paths, Rt};
use super::super::tokens::{ident, static_header_value};
use super::super::rust_types::timestamp_format;
use crate::plan::{TimestampFormat, Binding, FieldPlan, HttpRequestLine, NamedKind, PathPart, Presence, RustType, Scalar};
use proc_macro2::TokenStream;
use quote::quote;

/// The field read as an `Option<&T>`.
fn optional_ref(f: &FieldPlan, value: TokenStream) -> TokenStream {
    let n = ident(&f.names.field);
    match f.presence {
        Presence::Optional => quote!(#value.#n.as_ref()),
        Presence::Defaulted(_) | Presence::Required { .. } => quote!(::std::option::Option::Some(&#value.#n)),
    }
}

/// An expression turning `v` (a reference to a scalar of `t`) into its text form for a label,
/// query string or header (may use `?` on `SerializeError`).
fn scalar_text(paths: &Paths, t: &RustType, format: Option<TimestampFormat>, v: TokenStream) -> TokenStream {
    let http = paths.rt(Rt::HttpBinding);
    match t {
        RustType::Scalar(Scalar::String) => quote!(#v.clone()),
        RustType::Scalar(Scalar::Float | Scalar::Double) => {
            // Each width prints its own shortest form (`f32` 0.1 is `0.1`).
            quote!(#http::float_text(*#v))
        }
        RustType::Scalar(Scalar::Blob) => {
            let encode = paths.rt(Rt::Base64Encode);
            quote!(#encode(#v.as_ref()))
        }
        RustType::Timestamp(body_format) => {
            let f = timestamp_format(paths, format.unwrap_or(*body_format));
            quote!(#http::timestamp_text(#v, #f)?)
        }
        RustType::Named { kind: NamedKind::Enum, .. } => quote!(#v.as_str().to_string()),
        RustType::Named { kind: NamedKind::IntEnum, .. } => quote!(#v.as_i32().to_string()),
        _ => quote!(#v.to_string()),
    }
}

/// A `&str` of `v`'s text form, borrowing where the value already is text.
fn scalar_str(paths: &Paths, t: &RustType, format: Option<TimestampFormat>, v: TokenStream) -> TokenStream {
    match t {
        RustType::Scalar(Scalar::String) | RustType::Named { kind: NamedKind::Enum, .. } => quote!(#v.as_str()),
        other => {
            let text = scalar_text(paths, other, format, v);
            quote!(&#text)
        }
    }
}

/// Statements building `path` (a `String`), and the expression of the request's path and query
/// (a `Cow<'static, str>`): the URI pattern with its labels filled in, then the pattern's literal
/// query and the members bound to the query string. The labels are checked and measured first,
/// so that `path` is allocated once at its exact length when there is no query to add; a pattern
/// with neither labels nor query members is borrowed as it is.
pub fn request_path(paths: &Paths, line: &HttpRequestLine, fields: &[FieldPlan]) -> (TokenStream, TokenStream) {
    let HttpRequestLine { method: _, path: parts, query: literal_query, code: _ } = line;
    let http = paths.rt(Rt::HttpBinding);
    let field = |name: &str| fields.iter().find(|f| f.names.field == name);
    let mut label_stmts = Vec::new();
    let mut label_lens = Vec::new();
    let mut literal_len = 0;
    let path_stmts: Vec<TokenStream> = parts.iter().map(|part| match part {
        PathPart::Literal(text) => {
            literal_len += text.len();
            match text.chars().collect::<Vec<_>>()[..] {
                [c] => quote!(path.push(#c);),
                _ => quote!(path.push_str(#text);),
            }
        }
        PathPart::Label { field: name, greedy } => {
            let Some(f) = field(name) else { return quote!() };
            let value = optional_ref(f, quote!(input));
            let text = scalar_text(paths, &f.ty, f.timestamp_format, quote!(v));
            let label = &f.smithy_name;
            let var = ident(&format!("label_{}", label_stmts.len() + 1));
            // A string label is borrowed; other types are formatted first (a timestamp can fail
            // to format, so its `?` stays outside a closure).
            let (value, pass) = if f.ty == RustType::Scalar(Scalar::String) {
                let n = ident(&f.names.field);
                let read = match f.presence {
                    Presence::Optional => quote!(input.#n.as_deref()),
                    Presence::Defaulted(_) | Presence::Required { .. } => quote!(::std::option::Option::Some(input.#n.as_str())),
                };
                (read, quote!(#var))
            } else if matches!(f.ty, RustType::Timestamp(_)) {
                let read = quote! {
                    match #value {
                        ::std::option::Option::Some(v) => ::std::option::Option::Some(#text),
                        ::std::option::Option::None => ::std::option::Option::None,
                    }
                };
                (read, quote!(#var.as_deref()))
            } else {
                (quote!(#value.map(|v| #text)), quote!(#var.as_deref()))
            };
            label_stmts.push(quote! {
                let #var = #value;
                let #var = #http::label(#label, #pass)?;
            });
            label_lens.push(quote!(#http::percent_encoded_len(#var, #greedy)));
            quote!(#http::push_percent_encoded(&mut path, #var, #greedy);)
        }
    }).collect();
    // The URI pattern's literal query is sent as written: it is already in its wire form, so
    // it is not percent-encoded again (`a%20b` stays `a%20b`).
    let literal_pairs: Vec<String> = literal_query
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => k.clone(),
        })
        .collect();
    literal_len += literal_pairs.iter().map(|pair| 1 + pair.len()).sum::<usize>();
    let explicit_query: Vec<&String> =
        fields.iter().filter_map(|f| if let Binding::Query(q) = &f.binding { Some(q) } else { None }).collect();
    let query_stmts = fields.iter().filter_map(|f| {
        let value = optional_ref(f, quote!(input));
        match (&f.binding, &f.ty) {
            (Binding::Query(name), RustType::List { member, .. }) => {
                let text = scalar_str(paths, member, f.timestamp_format, quote!(item));
                Some(quote! {
                    if let ::std::option::Option::Some(items) = #value {
                        for item in items {
                            #http::push_query(&mut path, query_start, #name, #text);
                        }
                    }
                })
            }
            (Binding::Query(name), t) => {
                let text = scalar_str(paths, t, f.timestamp_format, quote!(v));
                Some(quote! {
                    if let ::std::option::Option::Some(v) = #value {
                        #http::push_query(&mut path, query_start, #name, #text);
                    }
                })
            }
            (Binding::QueryParams, RustType::Map { value: map_value, .. }) => {
                let push = match map_value.as_ref() {
                    RustType::List { .. } => quote! {
                        for item in values {
                            #http::push_query(&mut path, query_start, key, item);
                        }
                    },
                    _ => quote!(#http::push_query(&mut path, query_start, key, values);),
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
    let query_stmts: Vec<TokenStream> = query_stmts.collect();
    if label_stmts.is_empty() && query_stmts.is_empty() {
        let mut text: String = parts.iter().map(|part| match part {
            PathPart::Literal(text) => text.as_str(),
            PathPart::Label { .. } => "",
        }).collect();
        for (i, pair) in literal_pairs.iter().enumerate() {
            text.push(if i == 0 { '?' } else { '&' });
            text.push_str(pair);
        }
        return (quote!(), quote!(::std::borrow::Cow::Borrowed(#text)));
    }
    // The query's length is not known in advance: its members are written as they come.
    let literal_query_stmts = literal_pairs.iter().map(|pair| {
        quote! {
            path.push(if path.len() == query_start { '?' } else { '&' });
            path.push_str(#pair);
        }
    });
    let query_stmts: Vec<TokenStream> = literal_query_stmts.chain(query_stmts).collect();
    let query = if query_stmts.is_empty() {
        quote!()
    } else {
        quote! {
            let query_start = path.len();
            #(#query_stmts)*
        }
    };
    let literal_len = proc_macro2::Literal::usize_unsuffixed(literal_len);
    let stmts = quote! {
        #(#label_stmts)*
        let mut path = ::std::string::String::with_capacity(#literal_len #(+ #label_lens)*);
        #(#path_stmts)*
        #query
    };
    (stmts, quote!(::std::borrow::Cow::Owned(path)))
}

/// Statements pushing the members bound to headers onto `headers`.
pub fn request_headers(paths: &Paths, fields: &[FieldPlan]) -> Vec<TokenStream> {
    let http = paths.rt(Rt::HttpBinding);
    let ser_error = paths.rt(Rt::SerializeError);
    fields
        .iter()
        .filter_map(|f| {
            let value = optional_ref(f, quote!(input));
            match (&f.binding, &f.ty) {
                (Binding::Header(name), RustType::List { member, .. }) => {
                    let quote_items = matches!(
                        member.as_ref(),
                        RustType::Scalar(Scalar::String) | RustType::Named { kind: NamedKind::Enum, .. }
                    );
                    // Only timestamps can fail to format; the other item types collect directly.
                    let texts = match member.as_ref() {
                        RustType::Timestamp(body_format) => {
                            let format = timestamp_format(paths, f.timestamp_format.unwrap_or(*body_format));
                            quote! {
                                items.iter()
                                    .map(|item| #http::timestamp_text(item, #format))
                                    .collect::<::std::result::Result<::std::vec::Vec<_>, #ser_error>>()?
                            }
                        }
                        RustType::Scalar(Scalar::String) => quote!(items.to_vec()),
                        other => {
                            let text = scalar_text(paths, other, f.timestamp_format, quote!(item));
                            quote!(items.iter().map(|item| #text).collect::<::std::vec::Vec<_>>())
                        }
                    };
                    Some(quote! {
                        if let ::std::option::Option::Some(items) = #value {
                            let texts = #texts;
                            headers.push((::std::borrow::Cow::Borrowed(#name), ::std::borrow::Cow::Owned(#http::header_list(&texts, #quote_items))));
                        }
                    })
                }
                (Binding::Header(name), t) => {
                    let text = if f.media_type.is_some() && *t == RustType::Scalar(Scalar::String) {
                        // A string with a media type travels base64-encoded in a header.
                        let encode = paths.rt(Rt::Base64Encode);
                        quote!(#encode(v.as_bytes()))
                    } else {
                        scalar_text(paths, t, f.timestamp_format, quote!(v))
                    };
                    Some(quote! {
                        if let ::std::option::Option::Some(v) = #value {
                            headers.push((::std::borrow::Cow::Borrowed(#name), ::std::borrow::Cow::Owned(#text)));
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
                                    headers.push((::std::borrow::Cow::Owned(name), ::std::borrow::Cow::Owned(value.clone())));
                                }
                            }
                        }
                    })
                }
                _ => None,
            }
        })
        .collect()
}

/// The statement setting `body` to an unstructured payload member (a blob, stream, string or
/// enum: the bytes as they are, with its media type), or `None` for a structured one.
pub fn raw_payload_request(f: &FieldPlan) -> Option<TokenStream> {
    let value = optional_ref(f, quote!(input));
    let media = |default: &str| static_header_value(f.media_type.as_deref().unwrap_or(default));
    Some(match &f.ty {
        RustType::Scalar(Scalar::Blob) => {
            let content_type = media("application/octet-stream");
            quote!(let body = #value.map(|v| (#content_type, v.as_ref().to_vec()));)
        }
        RustType::Scalar(Scalar::String) => {
            let content_type = media("text/plain");
            quote!(let body = #value.map(|v| (#content_type, v.clone().into_bytes()));)
        }
        RustType::Named { kind: NamedKind::Enum, .. } => {
            let content_type = media("text/plain");
            quote!(let body = #value.map(|v| (#content_type, v.as_str().as_bytes().to_vec()));)
        }
        RustType::ByteStream => {
            let content_type = media("application/octet-stream");
            quote!(let body = #value.map(|v| (#content_type, v.as_bytes().to_vec()));)
        }
        _ => return None,
    })
}

/// Statements setting `builder`'s fields bound to headers and the status code.
pub fn response_bindings(paths: &Paths, fields: &[FieldPlan]) -> Vec<TokenStream> {
    let http = paths.rt(Rt::HttpBinding);
    let mut stmts = Vec::new();
    for f in fields {
        let n = ident(&f.names.field);
        match (&f.binding, &f.ty) {
            (Binding::Header(header), RustType::List { member, .. }) => {
                let parse = header_parse(paths, member, f.timestamp_format, quote!(item));
                let split = if matches!(member.as_ref(), RustType::Timestamp(_)) && f.timestamp_format == Some(TimestampFormat::HttpDate)
                {
                    quote!(#http::split_http_dates(text))
                } else {
                    quote!(#http::split_header_list(text))
                };
                stmts.push(quote! {
                    builder.#n = #http::header(headers, #header, |text| {
                        #split.iter().map(::std::string::String::as_str).map(|item| #parse).collect::<::std::option::Option<::std::vec::Vec<_>>>()
                    })?;
                });
            }
            (Binding::Header(header), t) => {
                let parse = if f.media_type.is_some() && *t == RustType::Scalar(Scalar::String) {
                    let decode = paths.rt(Rt::Base64Decode);
                    quote!(#decode(text).ok().and_then(|bytes| ::std::string::String::from_utf8(bytes).ok()))
                } else {
                    header_parse(paths, t, f.timestamp_format, quote!(text))
                };
                stmts.push(quote! {
                    builder.#n = #http::header(headers, #header, |text| #parse)?;
                });
            }
            (Binding::PrefixHeaders(prefix), _) => stmts.push(quote! {
                builder.#n = ::std::option::Option::Some(#http::prefix_headers(headers, #prefix));
            }),
            (Binding::ResponseCode, _) => stmts.push(quote! {
                builder.#n = ::std::option::Option::Some(i32::from(status));
            }),
            _ => {}
        }
    }
    stmts
}

/// An `Option<T>` expression parsing `text` (a `&str`) as a header value of type `t`.
fn header_parse(paths: &Paths, t: &RustType, format: Option<TimestampFormat>, text: TokenStream) -> TokenStream {
    let http = paths.rt(Rt::HttpBinding);
    match t {
        RustType::Scalar(Scalar::String) => quote!(::std::option::Option::Some(#text.to_string())),
        RustType::Scalar(Scalar::Boolean) => quote!(#text.parse::<bool>().ok()),
        RustType::Scalar(Scalar::Byte) => quote!(#text.parse::<i8>().ok()),
        RustType::Scalar(Scalar::Short) => quote!(#text.parse::<i16>().ok()),
        RustType::Scalar(Scalar::Integer) => quote!(#text.parse::<i32>().ok()),
        RustType::Scalar(Scalar::Long) => quote!(#text.parse::<i64>().ok()),
        RustType::Scalar(Scalar::Double) => quote!(#http::parse_float(#text)),
        RustType::Scalar(Scalar::Float) => quote!(#http::parse_float32(#text)),
        RustType::Scalar(Scalar::Blob) => {
            let decode = paths.rt(Rt::Base64Decode);
            let blob = paths.rt(Rt::Blob);
            quote!(#decode(#text).ok().map(#blob::new))
        }
        RustType::Timestamp(body_format) => {
            let f = timestamp_format(paths, format.unwrap_or(*body_format));
            let date_time = paths.rt(Rt::DateTime);
            quote!(#date_time::parse(#f, #text).ok())
        }
        RustType::Named { path, kind: NamedKind::Enum } => {
            let t = paths.item(path);
            quote!(::std::option::Option::Some(#t::from(#text)))
        }
        RustType::Named { path, kind: NamedKind::IntEnum } => {
            let t = paths.item(path);
            quote!(#text.parse::<i32>().ok().map(#t::from))
        }
        _ => quote!(#text.parse().ok()),
    }
}

/// Statements reading an unstructured payload member (blob, stream, string, enum) from the
/// whole `body`, or `None` for a structured one.
pub fn raw_payload_read(paths: &Paths, f: &FieldPlan) -> Option<TokenStream> {
    let n = ident(&f.names.field);
    let de_error = paths.rt(Rt::DeserializeError);
    Some(match &f.ty {
        RustType::Scalar(Scalar::Blob) => {
            let blob = paths.rt(Rt::Blob);
            quote! {
                if !body.is_empty() {
                    builder.#n = ::std::option::Option::Some(#blob::new(body.to_vec()));
                }
            }
        }
        RustType::Scalar(Scalar::String) => quote! {
            if !body.is_empty() {
                let text = ::std::str::from_utf8(body).map_err(|_| #de_error::new("the payload is not UTF-8 text"))?;
                builder.#n = ::std::option::Option::Some(text.to_string());
            }
        },
        RustType::Named { path, kind: NamedKind::Enum } => {
            let t = paths.item(path);
            quote! {
                if !body.is_empty() {
                    let text = ::std::str::from_utf8(body).map_err(|_| #de_error::new("the payload is not UTF-8 text"))?;
                    builder.#n = ::std::option::Option::Some(#t::from(text));
                }
            }
        }
        // The whole body, even empty: a streaming payload always has a value.
        RustType::ByteStream => {
            let stream = paths.rt(Rt::ByteStream);
            quote!(builder.#n = ::std::option::Option::Some(#stream::new(body.to_vec()));)
        }
        _ => return None,
    })
}
