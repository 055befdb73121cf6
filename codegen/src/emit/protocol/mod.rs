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
mod family;
mod http_bindings;
mod json_body;
mod rest_json;

pub use family::{Protocol, Request};

use crate::plan;

/// The protocol module of a service's protocol: the one dispatch point.
pub fn of(protocol: plan::Protocol) -> &'static dyn Protocol {
    match protocol {
        plan::Protocol::AwsJson1_0 => &aws_json::AwsJson { content_type: "application/x-amz-json-1.0" },
        plan::Protocol::AwsJson1_1 => &aws_json::AwsJson { content_type: "application/x-amz-json-1.1" },
        plan::Protocol::RestJson1 => &rest_json::RestJson,
    }
}
