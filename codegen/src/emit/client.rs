//! The client of each service and the fluent builders of its operations:
//! `client.get_session().session_id("s-1").send().await`.

use super::builders::{setter_params, stored_type};
use super::paths::{Paths, Rt};
use super::tokens::{deprecated_attr, doc_attrs, ident};
use crate::plan::{FieldNames, OperationPlan, RequestCompression, ServicePlan, StructPlan};
use proc_macro2::TokenStream;
use quote::quote;

/// The items of `src/<service>/client.rs`: the `Client` with one method per operation.
pub fn client_module(paths: &Paths, s: &ServicePlan) -> TokenStream {
    let config = paths.rt(Rt::Config);
    let methods = s.operations.iter().map(|op| {
        let m = ident(&op.module);
        let builder = paths.item(&op.fluent_builder);
        let d = doc_attrs(&op.docs);
        quote! {
            #d
            pub fn #m(&self) -> #builder {
                #builder::new(self.config.clone())
            }
        }
    });
    let waiters = s.waiters.iter().map(|w| super::waiters::client_method(paths, s, w));
    let client = ident(&s.client.name);
    let doc = match s.waiters.is_empty() {
        true => format!(" A client for {}: one method per operation. Cheap to clone.", s.title),
        false => format!(" A client for {}: one method per operation, and one per waiter. Cheap to clone.", s.title),
    };
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #client {
            // Shared with each call's builder, which would otherwise copy the configuration.
            config: ::std::sync::Arc<#config>,
        }

        impl #client {
            /// A client with this configuration (region, credentials, HTTP client, retries...).
            pub fn new(config: &#config) -> Self {
                #client { config: ::std::sync::Arc::new(config.clone()) }
            }

            /// The client's configuration.
            pub fn config(&self) -> &#config {
                &self.config
            }

            #(#methods)*

            #(#waiters)*
        }
    }
}

/// The setters of a builder that holds the input's builder (or a builder with the same
/// setters, such as a fluent builder) in its field `to`: each sets it there.
pub fn forwarding_setters(paths: &Paths, input: &StructPlan, to: &str) -> TokenStream {
    let to = ident(to);
    let setters = input.fields.iter().map(|f| {
        let n = ident(&f.names.field);
        let set = ident(&f.names.set);
        let (params, args) = setter_params(paths, f);
        let stored = stored_type(paths, f);
        let d = doc_attrs(&f.docs);
        let dep = deprecated_attr(&f.deprecated);
        // Forwarding to a deprecated builder method is not itself a use to warn about.
        let dep = if f.deprecated.is_some() { quote!(#dep #[allow(deprecated)]) } else { dep };
        let set_doc = format!(" Sets or clears `{}`.", f.smithy_name);
        quote! {
            #d
            #dep
            pub fn #n(mut self, #params) -> Self {
                self.#to = self.#to.#n(#args);
                self
            }
            #[doc = #set_doc]
            #dep
            pub fn #set(mut self, input: #stored) -> Self {
                self.#to = self.#to.#set(input);
                self
            }
        }
    });
    quote!(#(#setters)*)
}

/// The fluent builder of an operation, its `send()` and `send_blocking()`, and what the
/// orchestrator needs to know about the operation.
pub fn fluent_builder(paths: &Paths, s: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let OperationPlan {
        shape_id: _,
        name: op_name,
        module: _,
        docs: _,
        input,
        output,
        error,
        fluent_builder,
        serialize_request,
        parse_response,
        read_output: _,
        http: _,
        fixed_headers: _,
        host_prefix: _,
        checksum_required,
        request_compression,
        idempotency_token,
        paginator: _,
    } = op;
    let config = paths.rt(Rt::Config);
    let builder_ident = ident(&fluent_builder.name);
    let input_builder = paths.item(&input.builder.path);
    let output_ty = paths.item(&output.path);
    let error_ty = paths.item(&error.path);
    let sdk_error = paths.rt(Rt::SdkError);
    let setters = forwarding_setters(paths, input, "input");
    let signing_name = match &s.signing_name {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    };
    let resolve_endpoint = paths.item(&s.resolve_endpoint);
    // Compression first, then checksums of the body as sent.
    let mut steps = Vec::new();
    match request_compression {
        Some(RequestCompression::Always) => steps.push(paths.rt(Rt::CompressAlways)),
        Some(RequestCompression::AboveMinimumSize) => steps.push(paths.rt(Rt::CompressAboveMinimumSize)),
        None => {}
    }
    if *checksum_required {
        steps.push(paths.rt(Rt::AddContentMd5));
    }
    // An unset @idempotencyToken member gets a fresh token, as the AWS SDKs do.
    let fill_token = idempotency_token.as_ref().map(|FieldNames { field: _, set, get }| {
        let get = ident(get);
        let set = ident(set);
        quote! {
            let input = if input.#get().is_none() {
                input.#set(::std::option::Option::Some(config.idempotency_token()))
            } else {
                input
            };
        }
    });
    let serialize = paths.item(serialize_request);
    let parse = paths.item(parse_response);
    let operation_info = paths.rt(Rt::OperationInfo);
    let invoke = paths.rt(Rt::Invoke);
    let invoke_blocking = paths.rt(Rt::InvokeBlocking);
    let into_paginator = super::paginators::into_paginator(paths, op);
    let doc = format!(" Calls `{op_name}`: set the input's members, then `send()` (or `send_blocking()`).");
    quote! {
        /// How the client calls the operation.
        const OPERATION: #operation_info = #operation_info {
            name: #op_name,
            signing_name: #signing_name,
            resolve_endpoint: #resolve_endpoint,
            before_signing: &[#(#steps),*],
        };

        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #builder_ident {
            config: ::std::sync::Arc<#config>,
            input: #input_builder,
        }

        impl #builder_ident {
            pub(crate) fn new(config: ::std::sync::Arc<#config>) -> Self {
                #builder_ident { config, input: ::std::default::Default::default() }
            }

            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.input
            }

            #setters

            /// Sends the request with the configuration's async HTTP client: endpoint, SigV4,
            /// retries and timeouts as configured.
            // Not an `async fn`: one would keep the builder and the input it builds in the future
            // side by side, and a runtime copies the whole future when it moves it.
            pub fn send(self) -> impl ::std::future::Future<Output = ::std::result::Result<#output_ty, #sdk_error<#error_ty>>> {
                let Self { config, input } = self;
                #fill_token
                let input = input.build();
                async move { #invoke(&config, &OPERATION, |endpoint| #serialize(&input, endpoint), #parse).await }
            }

            /// Sends the request with the configuration's blocking HTTP client.
            #[allow(clippy::result_large_err, reason = "errors carry their metadata inline, as the AWS SDK's do")]
            pub fn send_blocking(self) -> ::std::result::Result<#output_ty, #sdk_error<#error_ty>> {
                let Self { config, input } = self;
                #fill_token
                let input = input.build();
                #invoke_blocking(&config, &OPERATION, |endpoint| #serialize(&input, endpoint), #parse)
            }

            #into_paginator
        }
    }
}
