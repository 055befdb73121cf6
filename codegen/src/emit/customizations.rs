//! The emitted side of service customizations (`plan/customizations.rs`): statements that
//! `serialize_request` runs at fixed points, so each customization stays in this one place.

use super::ident;
use crate::plan::{Binding, Customization, OperationPlan, RustType, ServicePlan};
use proc_macro2::TokenStream;
use quote::quote;

/// Before anything is read from `input`: Glacier's `accountId` defaults to `-` (the caller's
/// own account) when unset or empty.
pub fn input_fixups(service: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let Some(Customization::Glacier { .. }) = &service.customization else { return quote!() };
    let Some(field) = op.input.fields.iter().find(|f| f.smithy_name == "accountId") else { return quote!() };
    let n = ident(&field.rust_name);
    quote! {
        let defaulted;
        let input = if input.#n.as_deref().is_none_or(str::is_empty) {
            let mut copy = input.clone();
            copy.#n = ::std::option::Option::Some(::std::string::String::from("-"));
            defaulted = copy;
            &defaulted
        } else {
            input
        };
    }
}

/// Headers every request of the service carries: (name, value).
pub fn request_headers(service: &ServicePlan) -> Vec<(String, String)> {
    match &service.customization {
        Some(Customization::Glacier { version }) => vec![("x-amz-glacier-version".into(), version.clone())],
        Some(Customization::ApiGateway) => vec![("accept".into(), "application/json".into())],
        _ => vec![],
    }
}

/// Headers computed from the payload (`body`, an `Option<(&str, Vec<u8>)>`): Glacier's
/// `x-amz-content-sha256` and `x-amz-sha256-tree-hash` when the caller did not set them.
pub fn body_headers(service: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let Some(Customization::Glacier { .. }) = &service.customization else { return quote!() };
    let streams = op.input.fields.iter().any(|f| f.binding == Binding::Payload && f.ty == RustType::ByteStream);
    if !streams {
        return quote!();
    }
    quote! {
        let payload: &[u8] = body.as_ref().map_or(&[], |(_, bytes)| bytes.as_slice());
        for (name, value) in [
            ("x-amz-content-sha256", crate::runtime::customizations::sha256_hex(payload)),
            ("x-amz-sha256-tree-hash", crate::runtime::customizations::glacier_tree_hash(payload)),
        ] {
            if !headers.iter().any(|(n, _): &(::std::string::String, ::std::string::String)| n.eq_ignore_ascii_case(name)) {
                headers.push((::std::string::String::from(name), value));
            }
        }
    }
}

/// Machine Learning's `Predict` goes to the input's `PredictEndpoint` when it is set.
pub fn endpoint_override(service: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let Some(Customization::MachineLearning) = &service.customization else { return quote!() };
    let Some(field) = op.input.fields.iter().find(|f| f.smithy_name == "PredictEndpoint") else { return quote!() };
    let n = ident(&field.rust_name);
    quote! {
        let predict_endpoint;
        let endpoint = match input.#n.as_deref() {
            ::std::option::Option::Some(url) if !url.is_empty() => {
                predict_endpoint = crate::runtime::endpoint::Endpoint { url: url.to_string(), ..endpoint.clone() };
                &predict_endpoint
            }
            _ => endpoint,
        };
    }
}
