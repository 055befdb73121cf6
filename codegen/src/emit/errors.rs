//! The error enum of each operation: one variant per modeled error (the operation's, then the
//! service's), and `Unhandled` for the rest.

use super::paths::{Paths, Rt};
use super::tokens::{doc_attrs, ident};
use crate::plan::{ErrorEnumPlan, ErrorVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// `{Op}Error` and its accessors, `Display`, `Error` and the orchestrator's retry hook.
pub fn error_enum(paths: &Paths, operation: &str, e: &ErrorEnumPlan) -> TokenStream {
    let ErrorEnumPlan { name, path: _, variants } = e;
    let ty_name = ident(name);
    let meta = paths.rt(Rt::ErrorMetadata);
    let unhandled = paths.rt(Rt::Unhandled);
    let retry_kind = paths.rt(Rt::RetryKind);
    let classify = paths.rt(Rt::ClassifyRetry);
    let request_id = paths.rt(Rt::RequestId);
    let operation_error = paths.rt(Rt::OperationError);
    let mut defs = Vec::new();
    let mut meta_arms = Vec::new();
    let mut display_arms = Vec::new();
    let mut source_arms = Vec::new();
    let mut retry_arms = Vec::new();
    let mut is_fns = Vec::new();
    for v in variants {
        let ErrorVariant { shape_id: _, name, error, code: _, parser: _, message: _, retry, is_fn, docs } = v;
        let variant = ident(name);
        let error_ty = paths.item(error);
        let d = doc_attrs(docs);
        defs.push(quote!(#d #variant(#error_ty),));
        meta_arms.push(quote!(Self::#variant(e) => e.meta(),));
        display_arms.push(quote!(Self::#variant(e) => ::std::fmt::Display::fmt(e, f),));
        source_arms.push(quote!(Self::#variant(e) => ::std::option::Option::Some(e),));
        let modeled = match retry {
            Some((throttling, server)) => quote!(::std::option::Option::Some((#throttling, #server))),
            None => quote!(::std::option::Option::None),
        };
        retry_arms.push(quote!(Self::#variant(e) => #classify(e.meta(), #modeled),));
        let is_fn = ident(is_fn);
        let doc = format!(" Whether this is a `{name}`.");
        is_fns.push(quote! {
            #[doc = #doc]
            pub fn #is_fn(&self) -> bool {
                ::std::matches!(self, Self::#variant(_))
            }
        });
    }
    let doc = format!(" The errors of `{operation}`: one variant per modeled error, and `Unhandled` for the rest.");
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Debug)]
        #[allow(clippy::large_enum_variant, reason = "each variant is the service's error as it is; boxing would change how callers match")]
        pub enum #ty_name {
            #(#defs)*
            /// An error the model does not describe, or a response that could not be read.
            Unhandled(#unhandled),
        }

        impl #ty_name {
            /// Code, message, request id and HTTP status.
            pub fn meta(&self) -> &#meta {
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
            pub fn retry_kind(&self) -> ::std::option::Option<#retry_kind> {
                match self {
                    #(#retry_arms)*
                    Self::Unhandled(e) => #classify(e.meta(), ::std::option::Option::None),
                }
            }

            #(#is_fns)*

            /// Whether the error is not one the model describes.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }
        }

        impl ::std::fmt::Display for #ty_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#display_arms)*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl #request_id for #ty_name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.meta().request_id()
            }
        }

        impl ::std::error::Error for #ty_name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#source_arms)*
                    Self::Unhandled(e) => ::std::option::Option::Some(e),
                }
            }
        }

        impl #operation_error for #ty_name {
            fn retry_kind(&self) -> ::std::option::Option<#retry_kind> {
                #ty_name::retry_kind(self)
            }
        }
    }
}
