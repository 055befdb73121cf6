//! Every path the generated code names, from one root: the crate's own items by their planned
//! [`ItemPath`], and the runtime's items through [`Rt`]. The root is `crate` for a generated
//! crate; the same code can sit as a module tree inside another crate under another root.
//!
//! Items users see are named by their public re-exports (`crate::error::ErrorMetadata`), so
//! public signatures never show `crate::runtime`; the rest by their runtime path.

use crate::plan::ItemPath;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The root the generated code is emitted under, and the module being emitted.
#[derive(Debug, Clone)]
pub struct Paths {
    root: Vec<String>,
    /// Items of this module are named by their name alone.
    here: Vec<String>,
}

impl Paths {
    /// Paths under `root` (`["crate"]`, or `["crate", "aws"]` for a module tree).
    pub fn new(root: &[&str]) -> Self {
        Paths { root: root.iter().map(|s| s.to_string()).collect(), here: Vec::new() }
    }

    /// The same paths, for code in `module` (from the root).
    pub fn within(&self, module: &[&str]) -> Paths {
        Paths { root: self.root.clone(), here: module.iter().map(|s| s.to_string()).collect() }
    }

    /// A planned item of the crate: its name alone in its own module, a relative path in a
    /// module inside this one (`builders::SessionBuilder`), else from the root.
    pub fn item(&self, path: &ItemPath) -> TokenStream {
        if !self.here.is_empty() && path.module.starts_with(&self.here) {
            let relative = path.module[self.here.len()..].iter().chain([&path.name]).map(|s| super::tokens::ident(s));
            return quote!(#(#relative)::*);
        }
        let segments = path.module.iter().map(String::as_str).chain([path.name.as_str()]);
        self.join(segments)
    }

    /// A planned item as an intra-doc link target: `super::Session` from a module inside the
    /// item's (rustdoc does not resolve raw identifiers such as `r#match` in link paths), else
    /// from the root (`crate::athena::types::Session`).
    pub fn doc_path(&self, path: &ItemPath) -> String {
        if self.here.starts_with(&path.module) {
            let up = self.here.len() - path.module.len();
            return format!("{}{}", "super::".repeat(up), path.name);
        }
        format!("{}::{path}", self.root.join("::"))
    }

    /// A runtime item.
    pub fn rt(&self, item: Rt) -> TokenStream {
        self.join(item.segments().iter().copied())
    }

    /// A function of a runtime module (`http_binding::label`).
    pub fn rt_fn(&self, module: Rt, function: &str) -> TokenStream {
        self.join(module.segments().iter().copied().chain([function]))
    }

    fn join<'a>(&'a self, segments: impl Iterator<Item = &'a str>) -> TokenStream {
        let all = self.root.iter().map(String::as_str).chain(segments).map(super::tokens::ident);
        quote!(#(#all)::*)
    }

    /// The root as a path (`crate`).
    pub fn root(&self) -> TokenStream {
        let root = self.root.iter().map(|s| Ident::new(s, Span::call_site()));
        quote!(#(#root)::*)
    }
}

/// What of the runtime generated code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rt {
    // Public, through the crate's `config`, `endpoint`, `error` and `primitives` modules.
    Config,
    EndpointError,
    Endpoint,
    RuleSet,
    DefaultPartitions,
    Partitions,
    /// The module of the rule sets' parsed form (`static` data).
    RuleSetData,
    /// The module of the partitions table's form (`static` data).
    PartitionData,
    ErrorMetadata,
    RequestId,
    RetryKind,
    Unhandled,
    SdkError,
    ConstructionError,
    SerializeError,
    DeserializeError,
    BuildError,
    Blob,
    ByteStream,
    DateTime,
    Document,
    Number,
    BigInteger,
    BigDecimal,
    UnknownValue,
    UnknownIntValue,
    // The call path.
    OperationInfo,
    OperationError,
    Invoke,
    InvokeBlocking,
    AddContentMd5,
    CompressAlways,
    CompressAboveMinimumSize,
    // Waiters (public through each service's `waiters` module).
    AcceptorState,
    FinalPoll,
    WaiterError,
    WaiterInfo,
    Wait,
    WaitBlocking,
    // Requests and responses, whatever the protocol.
    BuildRequest,
    RequestParts,
    HostLabel,
    ResponseRequestId,
    ClassifyRetry,
    /// Text of the service shown in an error message.
    Escaped,
    TimestampFormat,
    Base64Encode,
    Base64Decode,
    // The JSON protocols.
    JsonWriter,
    JsonReader,
    JsonToken,
    JsonRead,
    JsonEndOfBody,
    JsonErrorMetadata,
    // HTTP bindings.
    HttpBinding,
    // Service customizations.
    Sha256Hex,
    GlacierTreeHash,
}

impl Rt {
    /// The path from the root.
    pub fn segments(self) -> &'static [&'static str] {
        match self {
            Rt::Config => &["config", "Config"],
            Rt::EndpointError => &["config", "EndpointError"],
            Rt::Endpoint => &["endpoint", "Endpoint"],
            Rt::RuleSet => &["endpoint", "RuleSet"],
            Rt::DefaultPartitions => &["endpoint", "default_partitions"],
            Rt::Partitions => &["endpoint", "Partitions"],
            Rt::RuleSetData => &["runtime", "endpoint", "ruleset"],
            Rt::PartitionData => &["runtime", "endpoint", "partition"],
            Rt::ErrorMetadata => &["error", "ErrorMetadata"],
            Rt::RequestId => &["error", "RequestId"],
            Rt::RetryKind => &["error", "RetryKind"],
            Rt::Unhandled => &["error", "Unhandled"],
            Rt::SdkError => &["error", "SdkError"],
            Rt::ConstructionError => &["error", "ConstructionError"],
            Rt::SerializeError => &["error", "SerializeError"],
            Rt::DeserializeError => &["error", "DeserializeError"],
            Rt::BuildError => &["primitives", "BuildError"],
            Rt::Blob => &["primitives", "Blob"],
            Rt::ByteStream => &["primitives", "ByteStream"],
            Rt::DateTime => &["primitives", "DateTime"],
            Rt::Document => &["primitives", "Document"],
            Rt::Number => &["primitives", "Number"],
            Rt::BigInteger => &["primitives", "BigInteger"],
            Rt::BigDecimal => &["primitives", "BigDecimal"],
            Rt::UnknownValue => &["primitives", "UnknownValue"],
            Rt::UnknownIntValue => &["primitives", "UnknownIntValue"],
            Rt::OperationInfo => &["runtime", "client", "OperationInfo"],
            Rt::OperationError => &["runtime", "client", "OperationError"],
            Rt::Invoke => &["runtime", "client", "invoke"],
            Rt::InvokeBlocking => &["runtime", "client", "invoke_blocking"],
            Rt::AddContentMd5 => &["runtime", "checksum", "add_content_md5"],
            Rt::CompressAlways => &["runtime", "compression", "compress_always"],
            Rt::CompressAboveMinimumSize => &["runtime", "compression", "compress_above_minimum_size"],
            Rt::AcceptorState => &["runtime", "waiter", "AcceptorState"],
            Rt::FinalPoll => &["runtime", "waiter", "FinalPoll"],
            Rt::WaiterError => &["runtime", "waiter", "WaiterError"],
            Rt::WaiterInfo => &["runtime", "waiter", "WaiterInfo"],
            Rt::Wait => &["runtime", "waiter", "wait"],
            Rt::WaitBlocking => &["runtime", "waiter", "wait_blocking"],
            Rt::BuildRequest => &["runtime", "wire", "build_request"],
            Rt::RequestParts => &["runtime", "wire", "RequestParts"],
            Rt::HostLabel => &["runtime", "wire", "host_label"],
            Rt::ResponseRequestId => &["runtime", "wire", "error", "request_id"],
            Rt::ClassifyRetry => &["runtime", "wire", "error", "retry_kind"],
            Rt::Escaped => &["runtime", "text", "escaped"],
            Rt::TimestampFormat => &["runtime", "datetime", "Format"],
            Rt::Base64Encode => &["runtime", "blob", "base64_encode"],
            Rt::Base64Decode => &["runtime", "blob", "base64_decode"],
            Rt::JsonWriter => &["runtime", "wire", "json_write", "JsonWriter"],
            Rt::JsonReader => &["runtime", "json", "Reader"],
            Rt::JsonToken => &["runtime", "json", "Token"],
            Rt::JsonRead => &["runtime", "wire", "json_read"],
            Rt::JsonEndOfBody => &["runtime", "wire", "json_read", "end_of_body"],
            Rt::JsonErrorMetadata => &["runtime", "wire", "json_error", "error_metadata"],
            Rt::HttpBinding => &["runtime", "wire", "http_binding"],
            Rt::Sha256Hex => &["runtime", "customizations", "sha256_hex"],
            Rt::GlacierTreeHash => &["runtime", "customizations", "glacier_tree_hash"],
        }
    }
}
