//! What a protocol family's module provides: the seam between the protocol-independent frame
//! of requests and responses (`emit/operation.rs`) and the protocol.

use super::super::paths::{Paths, Rt};
use crate::plan::{OperationPlan, ServicePlan, StructPlan};
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

/// How a request is built, as statements `serialize_request` runs in this order with `input`
/// (the input structure) in scope.
pub struct Request {
    /// Statements that define `path` (the path and query string) when the protocol binds
    /// members to them.
    pub path: TokenStream,
    /// The request path and query: a `Cow<'static, str>` expression.
    pub path_and_query: TokenStream,
    /// Statements pushing members bound to headers onto `headers`.
    pub headers: Vec<TokenStream>,
    /// Statements that define `body`: `Option<(http::HeaderValue, Vec<u8>)>`, the content type
    /// and the bytes.
    pub body: TokenStream,
}
