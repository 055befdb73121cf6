//! Per operation, sans-IO and whatever the protocol: `serialize_request` (input and endpoint
//! → `http::Request`) and `parse_response` (status, headers, body → the output, or the error
//! the response describes). The protocol module fills in how members travel.

use super::customizations;
use super::paths::{Paths, Rt};
use super::protocol::{self, Request};
use super::tokens::ident;
use crate::plan::{ErrorEnumPlan, ErrorVariant, HostPart, HttpRequestLine, MessageField, OperationPlan, ServicePlan};
use proc_macro2::TokenStream;
use quote::quote;

/// `serialize_request`, `parse_response` and the reader of the output.
pub fn operation_items(paths: &Paths, service: &ServicePlan, op: &OperationPlan) -> TokenStream {
    // What of the operation the request and response code reads (the rest: the shapes, the
    // error enum and the fluent builder).
    let OperationPlan {
        shape_id: _,
        name: _,
        module: _,
        docs: _,
        input: _,
        output: _,
        error: _,
        fluent_builder: _,
        serialize_request: _,
        parse_response: _,
        read_output: _,
        http: _,
        fixed_headers: _,
        host_prefix: _,
        checksum_required: _,
        request_compression: _,
        idempotency_token: _,
        paginator: _,
    } = op;
    let protocol = protocol::of(service.protocol);
    let serialize = serialize_request(paths, service, op, protocol.request(paths, op));
    let parse = parse_response(paths, service, op, protocol);
    quote! {
        #serialize
        #parse
    }
}

fn serialize_request(paths: &Paths, service: &ServicePlan, op: &OperationPlan, request: Request) -> TokenStream {
    let Request { path, path_and_query, headers: bound_headers, body } = request;
    let HttpRequestLine { method, path: _, query: _, code: _ } = &op.http;
    let input_ty = paths.item(&op.input.path);
    let endpoint = paths.rt(Rt::Endpoint);
    let ser_error = paths.rt(Rt::SerializeError);
    let name = &op.name;
    let doc = format!(
        " Builds the HTTP request of `{name}` for an endpoint (sans-IO: nothing is sent). Sign it and send it with any HTTP client."
    );
    let customization = service.customization.as_ref();
    let fixups = customizations::input_fixups(customization, op);
    let endpoint_override = customizations::endpoint_override(paths, customization, op);
    let body_headers = customizations::body_headers(paths, customization, op);
    // Made when the crate is compiled, and shared by every request.
    let (fixed_static, fixed_headers) = match op.fixed_headers.len() {
        0 => (quote!(), quote!(&[])),
        n => {
            let n = proc_macro2::Literal::usize_unsuffixed(n);
            let entries = op.fixed_headers.iter().map(|(name, value)| {
                quote!((::http::HeaderName::from_static(#name), ::http::HeaderValue::from_static(#value)))
            });
            let fixed = quote! {
                static FIXED_HEADERS: [(::http::HeaderName, ::http::HeaderValue); #n] = [#(#entries),*];
            };
            (fixed, quote!(&FIXED_HEADERS))
        }
    };
    // Only the input's headers need a list made per request.
    let (headers, headers_field) = if bound_headers.is_empty() && body_headers.is_none() {
        (quote!(), quote!(headers: ::std::vec::Vec::new()))
    } else {
        let list = quote! {
            let mut headers: ::std::vec::Vec<(::std::borrow::Cow<'static, str>, ::std::borrow::Cow<'static, str>)> =
                ::std::vec::Vec::new();
        };
        (list, quote!(headers))
    };
    let host_prefix = host_prefix(paths, op);
    let build_request = paths.rt(Rt::BuildRequest);
    let parts = paths.rt(Rt::RequestParts);
    let input = if op.input.fields.is_empty() { quote!(_input) } else { quote!(input) };
    quote! {
        #[doc = #doc]
        pub fn serialize_request(
            #input: &#input_ty,
            endpoint: &#endpoint,
        ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, #ser_error> {
            #fixed_static
            #fixups
            #endpoint_override
            #path
            #headers
            #(#bound_headers)*
            #body
            #body_headers
            #host_prefix
            #build_request(
                endpoint,
                #parts {
                    method: #method,
                    path_and_query: #path_and_query,
                    fixed_headers: #fixed_headers,
                    #headers_field,
                    body,
                    host_prefix,
                },
            )
        }
    }
}

/// `let host_prefix = ...;`: the operation's `@endpoint` host prefix with its labels filled in.
fn host_prefix(paths: &Paths, op: &OperationPlan) -> TokenStream {
    let Some(parts) = &op.host_prefix else {
        return quote!(let host_prefix = ::std::option::Option::None;);
    };
    let host_label = paths.rt(Rt::HostLabel);
    let pieces = parts.iter().map(|part| match part {
        HostPart::Literal(text) => quote!(::std::string::String::from(#text)),
        HostPart::Label { field, name } => {
            let n = ident(field);
            quote!(#host_label(#name, input.#n.as_deref())?)
        }
    });
    quote! {
        let host_prefix = ::std::option::Option::Some([#(#pieces),*].concat());
    }
}

fn parse_response(paths: &Paths, service: &ServicePlan, op: &OperationPlan, protocol: &dyn protocol::Protocol) -> TokenStream {
    let output_ty = paths.item(&op.output.path);
    let ErrorEnumPlan { name: _, path: error_path, variants } = &op.error;
    let error_ty = paths.item(error_path);
    let reader = protocol.response_reader(paths, &op.output, &op.read_output);
    let read_output = ident(&op.read_output);
    let error_metadata = paths.rt(protocol.error_metadata());
    let unhandled_ty = paths.rt(Rt::Unhandled);
    let meta_ty = paths.rt(Rt::ErrorMetadata);
    let request_id = paths.rt(Rt::ResponseRequestId);
    let name = &op.name;
    let doc = format!(" Reads the HTTP response of `{name}`: the output for a 2xx status, else the error it describes.");
    let arms: Vec<TokenStream> = variants.iter().map(|v| error_arm(paths, &error_ty, v)).collect();
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
        #[doc = #doc]
        #[allow(clippy::result_large_err, reason = "errors carry their metadata inline, as the AWS SDK's do")]
        pub fn parse_response(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<#output_ty, #error_ty> {
            if !(200..300).contains(&status) {
                let meta = #error_metadata(status, headers, body);
                let unhandled = |meta, source| #error_ty::Unhandled(#unhandled_ty::new(meta, source));
                #dispatch
            }
            #read_output(status, headers, body)
                .map(|mut output| {
                    output._request_id = #request_id(headers);
                    output
                })
                .map_err(|e| {
                    let meta = #meta_ty::from_response(status, headers);
                    #error_ty::Unhandled(#unhandled_ty::new(meta, ::std::option::Option::Some(e)))
                })
        }

        #reader
    }
}

/// The arm of `parse_response` for one modeled error: read it, give it the message (when the
/// body spelled the key another way: `message` for `Message`, `errorMessage`) and metadata.
fn error_arm(paths: &Paths, error_ty: &TokenStream, v: &ErrorVariant) -> TokenStream {
    let ErrorVariant { shape_id: _, name, error: _, code, parser, message, retry: _, is_fn: _, docs: _ } = v;
    let variant = ident(name);
    let parser = paths.item(parser);
    let message_fix = message.as_ref().map(|MessageField { field, optional }| {
        let n = ident(field);
        if *optional {
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
    quote! {
        ::std::option::Option::Some(#code) => #parser(status, headers, body).map(|mut error| {
            #message_fix
            error.meta = meta.clone();
            #error_ty::#variant(error)
        }),
    }
}
