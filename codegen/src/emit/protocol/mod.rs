//! The wire protocols: each family is one module that says how a request is built and a
//! response read ([`Protocol`]); shared pieces are modules of their own (`http_bindings`,
//! `json_body`). [`of`] is the one place a service's protocol picks its module; the frame of
//! every request and response around it is in `emit/operation.rs`.
//!
//! - awsJson1_0, awsJson1_1: `aws_json.rs` (with `json_body.rs`)
//! - restJson1: `rest_json.rs` (with `http_bindings.rs` and `json_body.rs`)
//!
//! The runtime mirrors them in `runtime/src/wire/` (`json_read.rs`, `json_write.rs`,
//! `json_error.rs`, `http_binding.rs`).

mod aws_json;
mod http_bindings;
mod json_body;
mod rest_json;

use super::paths::{Paths, Rt};
use crate::plan::{self, OperationPlan, ServicePlan, StructPlan};
use proc_macro2::TokenStream;

/// What a protocol family emits.
pub trait Protocol {
    /// How `serialize_request` builds the request of `op` from `input`.
    fn request(&self, paths: &Paths, op: &OperationPlan) -> Request;

    /// A function called `name` that reads the structure `s` (an output or an error) from a
    /// whole response: `fn(status: u16, headers: &http::HeaderMap, body: &[u8]) ->
    /// Result<S, DeserializeError>`.
    fn response_reader(&self, paths: &Paths, s: &StructPlan, name: &str) -> TokenStream;

    /// The runtime function that reads the code and message of an error response:
    /// `fn(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorMetadata`.
    fn error_metadata(&self) -> Rt;

    /// The writers and readers of the service's structures and unions that bodies need.
    fn codecs(&self, paths: &Paths, service: &ServicePlan) -> TokenStream;
}

/// The protocol module of a service's protocol: the one dispatch point.
pub fn of(protocol: plan::Protocol) -> &'static dyn Protocol {
    match protocol {
        plan::Protocol::AwsJson1_0 => &aws_json::AwsJson { content_type: "application/x-amz-json-1.0" },
        plan::Protocol::AwsJson1_1 => &aws_json::AwsJson { content_type: "application/x-amz-json-1.1" },
        plan::Protocol::RestJson1 => &rest_json::RestJson,
    }
}

/// How a request is built, as statements `serialize_request` runs in this order with `input`
/// (the input structure) in scope.
pub struct Request {
    /// Statements that define `path` (the path and query string) when the protocol binds
    /// members to them.
    pub path: TokenStream,
    /// The request path and query: a `String` expression.
    pub path_and_query: TokenStream,
    /// Statements pushing members bound to headers onto `headers`.
    pub headers: Vec<TokenStream>,
    /// Statements that define `body`: `Option<(&'static str, Vec<u8>)>`, the content type and
    /// the bytes.
    pub body: TokenStream,
}
