//! restJson1 (aws-restjson1-protocol.rst): the `http` trait's request line, members bound to
//! the URI, query string, headers and status code (`http_bindings`), and the rest in a JSON
//! body, or an `@httpPayload` member as the whole body.

use super::super::paths::{Paths, Rt};
use super::super::tokens::{ident, static_header_value};
use super::family::{Protocol, Request};
use super::{http_bindings, json_body};
use crate::plan::{Binding, FieldPlan, NamedKind, OperationPlan, Presence, RustType, ServicePlan, StructPlan};
use proc_macro2::TokenStream;
use quote::quote;

/// restJson1.
pub struct RestJson;

/// The JSON content type of restJson1 bodies and structured payloads.
const JSON: &str = "application/json";

impl Protocol for RestJson {
    fn request(&self, paths: &Paths, op: &OperationPlan) -> Request {
        let fields = &op.input.fields;
        let (path, path_and_query) = http_bindings::request_path(paths, &op.http, fields);
        Request {
            path,
            path_and_query,
            headers: http_bindings::request_headers(paths, fields),
            body: request_body(paths, fields),
        }
    }

    fn response_reader(&self, paths: &Paths, s: &StructPlan, name: &str) -> TokenStream {
        let name = ident(name);
        let t = paths.item(&s.path);
        let builder = paths.item(&s.builder.path);
        let de_error = paths.rt(Rt::DeserializeError);
        let stmts = http_bindings::response_bindings(paths, &s.fields);
        let uses_status = s.fields.iter().any(|f| f.binding == Binding::ResponseCode);
        let uses_headers = s.fields.iter().any(|f| matches!(f.binding, Binding::Header(_) | Binding::PrefixHeaders(_)));
        let status_param = if uses_status { quote!(status) } else { quote!(_status) };
        let headers_param = if uses_headers { quote!(headers) } else { quote!(_headers) };
        let body = match s.fields.iter().find(|f| f.binding == Binding::Payload) {
            Some(f) => http_bindings::raw_payload_read(paths, f).unwrap_or_else(|| structured_payload_read(paths, f)),
            None => json_body::read_body(paths, s.fields.iter().filter(|f| f.binding == Binding::Body)),
        };
        let mutable = if s.fields.is_empty() { quote!() } else { quote!(mut) };
        // Members bound to headers or the status are set one statement (and one closure form) each.
        let allow = (!stmts.is_empty()).then(|| {
            quote!(#[allow(clippy::field_reassign_with_default, clippy::redundant_closure, reason = "one statement per bound member")])
        });
        quote! {
            #allow
            pub(crate) fn #name(
                #status_param: u16,
                #headers_param: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<#t, #de_error> {
                let #mutable builder = #builder::default();
                #(#stmts)*
                #body
                ::std::result::Result::Ok(builder.build_lenient())
            }
        }
    }

    fn error_metadata(&self) -> Rt {
        Rt::JsonErrorMetadata
    }

    fn codecs(&self, paths: &Paths, service: &ServicePlan) -> TokenStream {
        json_body::codecs(paths, service)
    }
}

/// The body of a request: the payload member, or the body members as a JSON object (`{}`
/// when none is set), or no body at all when the input has no body members.
fn request_body(paths: &Paths, fields: &[FieldPlan]) -> TokenStream {
    if let Some(f) = fields.iter().find(|f| f.binding == Binding::Payload) {
        return http_bindings::raw_payload_request(f).unwrap_or_else(|| structured_payload_request(paths, f));
    }
    let body_fields: Vec<&FieldPlan> = fields.iter().filter(|f| f.binding == Binding::Body).collect();
    if body_fields.is_empty() {
        return quote!(let body = ::std::option::Option::None;);
    }
    let members = json_body::write_fields(paths, body_fields.into_iter(), quote!(input));
    let writer = json_body::start_writer(paths);
    let json = static_header_value(JSON);
    quote! {
        #writer
        w.begin_object();
        #members
        w.end_object();
        let body = ::std::option::Option::Some((#json, writer.finish().into_bytes()));
    }
}

/// A structure, union or document payload as the JSON body: an unset union sends no body, an
/// unset structure or document `{}`.
fn structured_payload_request(paths: &Paths, f: &FieldPlan) -> TokenStream {
    let n = ident(&f.names.field);
    let value = match f.presence {
        Presence::Optional => quote!(input.#n.as_ref()),
        Presence::Defaulted(_) | Presence::Required { .. } => quote!(::std::option::Option::Some(&input.#n)),
    };
    let writer = json_body::start_writer(paths);
    let write = json_body::write_value(paths, &f.ty, quote!(v));
    let json = static_header_value(JSON);
    if matches!(f.ty, RustType::Named { kind: NamedKind::Union(_), .. }) {
        quote! {
            let body = match #value {
                ::std::option::Option::Some(v) => {
                    #writer
                    #write
                    ::std::option::Option::Some((#json, writer.finish().into_bytes()))
                }
                ::std::option::Option::None => ::std::option::Option::None,
            };
        }
    } else {
        quote! {
            let body = match #value {
                ::std::option::Option::Some(v) => {
                    #writer
                    #write
                    writer.finish()
                }
                ::std::option::Option::None => ::std::string::String::from("{}"),
            };
            let body = ::std::option::Option::Some((#json, body.into_bytes()));
        }
    }
}

/// A structure, union or document payload read from the whole body; an empty body means the
/// payload member is absent.
fn structured_payload_read(paths: &Paths, f: &FieldPlan) -> TokenStream {
    let read = paths.rt(Rt::JsonRead);
    let n = ident(&f.names.field);
    let reader = paths.rt(Rt::JsonReader);
    let value = json_body::read_value(paths, &f.ty);
    quote! {
        let r = &mut #reader::new(body);
        if let ::std::option::Option::Some(token) = #read::first_token(r, body)? {
            builder.#n = #value;
            #read::end_of_body(r)?;
        }
    }
}
