//! The client of each service and the fluent builders of its operations:
//! `client.get_session().session_id("s-1").send().await`.

use super::types::{builder_field_type, setter_params};
use super::{deprecated_attr, doc_attrs, ident, path};
use crate::naming;
use crate::plan::{OperationPlan, RequestCompression, ServicePlan};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `src/<service>/client.rs`: the `Client` with one method per operation.
pub fn client_module(s: &ServicePlan) -> TokenStream {
    let methods = s.operations.iter().map(|op| {
        let m = ident(&op.module);
        let builder = fluent_builder_path(s, op);
        let d = doc_attrs(&op.docs);
        quote! {
            #d
            pub fn #m(&self) -> #builder {
                #builder::new(self.config.clone())
            }
        }
    });
    let doc = format!(" A client for {}: one method per operation. Cheap to clone.", s.title);
    quote! {
        //! The service's client.

        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct Client {
            config: crate::config::Config,
        }

        impl Client {
            /// A client with this configuration (region, credentials, HTTP client, retries...).
            pub fn new(config: &crate::config::Config) -> Self {
                Client { config: config.clone() }
            }

            /// The client's configuration.
            pub fn config(&self) -> &crate::config::Config {
                &self.config
            }

            #(#methods)*
        }
    }
}

fn fluent_builder_path(s: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let name = format!("{}FluentBuilder", naming::type_name(op.shape_id.name()));
    path(&format!("crate::{}::operation::{}::{name}", s.module, op.module))
}

/// The fluent builder of an operation, its `send()` and `send_blocking()`, and what the
/// orchestrator needs to know about the operation.
pub fn fluent_builder(s: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let op_name = op.shape_id.name();
    let name = format_ident!("{}FluentBuilder", naming::type_name(op_name));
    let error = format_ident!("{}Error", naming::type_name(op_name));
    let input_builder = path(&format!("{}Builder", op.input.path));
    let output = path(&op.output.path);
    let setters = op.input.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let plain = f.rust_name.trim_start_matches("r#");
        let set = format_ident!("set_{}", plain);
        let (params, args) = setter_params(f);
        let stored = builder_field_type(f);
        let d = doc_attrs(&f.docs);
        let dep = deprecated_attr(&f.deprecated);
        // Forwarding to a deprecated builder method is not itself a use to warn about.
        let dep = if f.deprecated.is_some() { quote!(#dep #[allow(deprecated)]) } else { dep };
        let set_doc = format!(" Sets or clears `{}`.", f.smithy_name);
        quote! {
            #d
            #dep
            pub fn #n(mut self, #params) -> Self {
                self.input = self.input.#n(#args);
                self
            }
            #[doc = #set_doc]
            #dep
            pub fn #set(mut self, input: #stored) -> Self {
                self.input = self.input.#set(input);
                self
            }
        }
    });
    let signing_name = match &s.signing_name {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    };
    let svc = ident(&s.module);
    let compression = match op.request_compression {
        None => quote!(::std::option::Option::None),
        Some(RequestCompression::Always) => quote!(::std::option::Option::Some(crate::runtime::client::Compression::Always)),
        Some(RequestCompression::AboveMinimumSize) => {
            quote!(::std::option::Option::Some(crate::runtime::client::Compression::AboveMinimumSize))
        }
    };
    let checksum_required = op.checksum_required;
    // An unset @idempotencyToken member gets a fresh token, as the AWS SDKs do.
    let fill_token = match &op.idempotency_token {
        Some(field) => {
            let get = format_ident!("get_{}", field.trim_start_matches("r#"));
            let set = format_ident!("set_{}", field.trim_start_matches("r#"));
            quote! {
                let input = if input.#get().is_none() {
                    input.#set(::std::option::Option::Some(self.config.idempotency_token()))
                } else {
                    input
                };
            }
        }
        None => quote!(),
    };
    let doc = format!(" Calls `{op_name}`: set the input's members, then `send()` (or `send_blocking()`).");
    quote! {
        /// How the client calls the operation.
        const OPERATION: crate::runtime::client::OperationInfo = crate::runtime::client::OperationInfo {
            name: #op_name,
            signing_name: #signing_name,
            resolve_endpoint: crate::#svc::endpoint::resolve_endpoint,
            request_compression: #compression,
            checksum_required: #checksum_required,
        };

        impl crate::runtime::client::OperationError for #error {
            fn retry_kind(&self) -> ::std::option::Option<crate::runtime::wire::error::RetryKind> {
                #error::retry_kind(self)
            }
        }

        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            config: crate::config::Config,
            input: #input_builder,
        }

        impl #name {
            pub(crate) fn new(config: crate::config::Config) -> Self {
                #name { config, input: ::std::default::Default::default() }
            }

            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.input
            }

            #(#setters)*

            /// Sends the request with the configuration's async HTTP client: endpoint, SigV4,
            /// retries and timeouts as configured.
            pub async fn send(self) -> ::std::result::Result<#output, crate::runtime::client::SdkError<#error>> {
                let input = self.input;
                #fill_token
                let input = input.build();
                crate::runtime::client::invoke(&self.config, &OPERATION, |endpoint| serialize_request(&input, endpoint), parse_response).await
            }

            /// Sends the request with the configuration's blocking HTTP client.
            #[allow(clippy::result_large_err, reason = "errors carry their metadata inline, as the AWS SDK's do")]
            pub fn send_blocking(self) -> ::std::result::Result<#output, crate::runtime::client::SdkError<#error>> {
                let input = self.input;
                #fill_token
                let input = input.build();
                crate::runtime::client::invoke_blocking(&self.config, &OPERATION, |endpoint| serialize_request(&input, endpoint), parse_response)
            }
        }
    }
}
