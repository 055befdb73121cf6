//! awsJson1_0 and awsJson1_1 (aws-json-1_0-protocol.rst, aws-json-1_1-protocol.rst): every
//! request is a `POST /` whose JSON body holds the whole input (the plan adds `X-Amz-Target`);
//! a response's JSON body holds the whole output or error. The two versions differ on the
//! wire only by their content type.

use super::super::paths::{Paths, Rt};
use super::super::tokens::{ident, static_header_value};
use super::family::{Protocol, Request};
use super::json_body;
use crate::plan::{OperationPlan, ServicePlan, StructPlan};
use proc_macro2::TokenStream;
use quote::quote;

/// The awsJson protocol of one version.
pub struct AwsJson {
    /// `application/x-amz-json-1.0` or `-1.1`.
    pub content_type: &'static str,
}

impl Protocol for AwsJson {
    fn request(&self, paths: &Paths, op: &OperationPlan) -> Request {
        let content_type = static_header_value(self.content_type);
        let fields = json_body::write_fields(paths, op.input.fields.iter(), quote!(input));
        let writer = json_body::start_writer(paths);
        Request {
            path: quote!(),
            path_and_query: quote!(::std::borrow::Cow::Borrowed("/")),
            headers: vec![],
            body: quote! {
                #writer
                w.begin_object();
                #fields
                w.end_object();
                let body = ::std::option::Option::Some((#content_type, writer.finish().into_bytes()));
            },
        }
    }

    fn response_reader(&self, paths: &Paths, s: &StructPlan, name: &str) -> TokenStream {
        let name = ident(name);
        let t = paths.item(&s.path);
        let builder = paths.item(&s.builder.path);
        let de_error = paths.rt(Rt::DeserializeError);
        let read = json_body::read_body(paths, s.fields.iter());
        let mutable = if s.fields.is_empty() { quote!() } else { quote!(mut) };
        quote! {
            pub(crate) fn #name(_status: u16, _headers: &::http::HeaderMap, body: &[u8]) -> ::std::result::Result<#t, #de_error> {
                let #mutable builder = #builder::default();
                #read
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
